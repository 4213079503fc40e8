/*
 * resolve_view.c - the view: the effective property (the last one wins) of
 * each service and field, and the helpers every resolve_*.c file reads it
 * and reports through.  It is below them all: resolve.c builds the view,
 * resolve_aws.c, resolve_catalog.c, resolve_values.c and
 * resolve_dialects.c read it, and the IAM stage reads it afterwards.
 */
#include <stdio.h>
#include <string.h>

#include "pc_internal.h"
#include "template.h"

/* ---- Keys as StarRocks' AstBuilder stores them ---- */

/* FILES() in FROM, INSERT INTO FILES and DESC FILES build their map with
   getCaseInsensitivePropertyList (a TreeMap in case-insensitive order);
   every other statement uses a case-sensitive HashMap. */
static int keys_fold_case(const Target *t) {
  return t->kind == PC_STMT_FILES;
}

/* Java's String.trim: every character up to ' ' at either end. */
static int is_trimmed(unsigned char c) { return c <= ' '; }

/* The key StarRocks stores for p, or p->key when it is the same: trimmed
   (AstBuilder.visitProperty, since PR #47119) and, in a case-insensitive
   map, lower-cased (the map treats every spelling as the same key). */
static const char *stored_key(Arena *a, const char *key, int fold) {
  size_t n = strlen(key), b = 0;
  while (b < n && is_trimmed((unsigned char)key[b]))
    b++;
  while (n > b && is_trimmed((unsigned char)key[n - 1]))
    n--;
  int upper = 0;
  for (size_t i = b; fold && i < n; i++)
    upper |= key[i] >= 'A' && key[i] <= 'Z';
  if (b == 0 && !key[n] && !upper)
    return key;
  char *k = arena_strndup(a, key + b, n - b);
  if (k && upper)
    str_lower(k);
  return k;
}

static void normalize_list(Unit *u, PropList *l, int fold) {
  for (size_t i = 0; i < l->n; i++) {
    Prop *p = &l->v[i];
    const char *k = stored_key(u->scratch, p->key, fold);
    if (!k) {
      *u->oom = 1;
      return;
    }
    if (k != p->key) {
      p->key = k;
      p->spec = keys_lookup_starrocks(u->keys, u->scratch, k);
    }
    /* a case-insensitive map finds fs.oss.accessKeyId by any spelling:
       the key is that row's */
    const KeySpec *ci;
    if (fold && (!p->spec || (p->spec->flags & KF_PREFIX)) &&
        (ci = keys_lookup_icase(k)) != NULL) {
      p->key = ci->name;
      p->spec = ci;
    }
  }
}

void view_normalize_keys(Unit *u, Target *t) {
  if (names_kind_has(t->kind, KT_AURORA | KT_DATABEND))
    return; /* not StarRocks: their keys are read as written */
  int fold = keys_fold_case(t);
  normalize_list(u, &t->props, fold);
  normalize_list(u, &t->load_props, 0);
}

void view_build(View *v, const PropList *l) {
  for (size_t i = 0; i < l->n; i++) {
    const Prop *p = &l->v[i];
    if (!p->overridden && p->spec && p->spec->field != F_NONE)
      v->by[p->spec->svc][p->spec->field] = p;
  }
}

int view_bool(const View *v, const Prop *p) {
  if (!p)
    return 0;
  if (p->spec && p->spec->svc == KS_GLUE && v->glue_hadoop)
    return value_parse_hadoop_bool(p->val) == 1;
  return value_parse_bool(p->val);
}

const Prop *view_nonempty(const Prop *p) { return p && *p->val ? p : NULL; }

size_t view_anchor(const Target *t) {
  return t->props.present ? t->props.open_off : t->off;
}

/* Attaches a fix that replaces the contents of a quoted token (keeping its
   quotes) with repl: certain edits only (a renamed key, a boolean). */
void view_fix_contents(Unit *u, uint32_t off, uint32_t len, const char *repl,
                       const char *what) {
  const char *s = u->chunk->text + off;
  if (len < 2 || s[len - 1] != s[0] || memchr(s + 1, '\\', len - 2))
    return; /* open, or with escapes: not certain */
  if (template_in_span(s + 1, len - 2))
    return; /* the value was filled (--var): the source keeps the variable */
  char desc[160];
  snprintf(desc, sizeof desc, "%s '%s'", what, repl);
  diag_unit_fix(u, off + 1, len - 2, repl, desc);
}

void view_require_key(Unit *u, Target *t, const View *v, KeySvc svc, Field f,
                      const char *why) {
  const Prop *p = v->by[svc][f];
  if (p && *p->val)
    return;
  const char *name = keys_name_of(svc, f);
  if (p)
    diag_unit(u, t, R_MISSING_REQUIRED_KEY, p->val_off, p->val_len, name,
              "'%s' is empty: %s", name, why);
  else
    diag_unit(u, t, R_MISSING_REQUIRED_KEY, view_anchor(t), 1, name,
              "'%s' is not set: %s", name, why);
}

pc_auth view_unknown_mode(Unit *u, Target *t, const char *svc,
                          const Prop *p) {
  pc_auth a = {PC_MODE_UNKNOWN, PC_MODE_NONE, NULL};
  a.unknown_key = p->spec ? p->spec->name : NULL;
  diag_unit(u, t, R_TEMPLATED_MODE, p->val_off, p->val_len, p->key,
            "%s: unknown (decided by %s, a template variable): the mode "
            "depends on the value filled in; give it with --var to check it",
            svc, a.unknown_key ? a.unknown_key : p->key);
  return a;
}
