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
