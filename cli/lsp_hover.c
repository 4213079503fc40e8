/*
 * lsp_hover.c - textDocument/hover.
 *
 * On a property key: what the key table says of it (pc_key_at): its
 * service, type, default, the credential mode it belongs to, what
 * StarRocks does with it when another key wins, and the statements that
 * read it.  On the rest of a statement: the modes StarRocks resolves for
 * each service ("s3: assumed_role (base: instance_profile)") and, with
 * policies in the settings, whether they grant what the statement needs.
 * No value is ever shown: a hover names keys, modes and rules only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

typedef struct Md {
  char buf[4096];
  size_t len;
} Md;

static void md(Md *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void md(Md *m, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (m->len < sizeof m->buf) {
    int n = vsnprintf(m->buf + m->len, sizeof m->buf - m->len, fmt, ap);
    if (n > 0)
      m->len += (size_t)n;
  }
  if (m->len >= sizeof m->buf)
    m->len = sizeof m->buf - 1;
  va_end(ap);
}

static cJSON *hover_of(const Doc *d, const Md *m, size_t a, size_t b) {
  cJSON *h = cJSON_CreateObject();
  if (!h)
    return NULL;
  cJSON *c = cJSON_AddObjectToObject(h, "contents");
  cJSON_AddStringToObject(c, "kind", "markdown");
  cJSON_AddStringToObject(c, "value", m->buf);
  cJSON_AddItemToObject(h, "range", doc_json_range(d, a, b));
  return h;
}

/* The statement kinds of a key, comma separated. */
static void kinds_md(Md *m, unsigned kinds) {
  const char *sep = "";
  for (int k = 0; k < PC_STMT_KIND_COUNT; k++) {
    if (kinds & (1u << k)) {
      md(m, "%s%s", sep, pc_stmt_kind_name((pc_stmt_kind)k));
      sep = ", ";
    }
  }
}

static void hover_key_md(Md *m, const pc_key_info *k, size_t i) {
  md(m, "**%s**%s: %s\n\n", k->name, k->prefix ? "…" : "", k->doc);
  md(m, "- service: %s\n- type: %s\n", k->service, k->type);
  const char *const *vals = pc_key_values(i, PC_STMT_CREATE_EXTERNAL_CATALOG);
  if (vals && strcmp(k->type, "boolean") != 0) {
    md(m, "- values:");
    for (; *vals; vals++)
      md(m, " `%s`", *vals);
    md(m, "\n");
  }
  md(m, "- default: %s\n", k->default_value ? k->default_value : "none");
  if (k->mode)
    md(m, "- mode: %s\n", k->mode);
  if (k->loses)
    md(m, "- when it loses: %s\n", k->loses);
  if (k->replacement)
    md(m, "- instead: %s\n", k->replacement);
  if (k->rest_only)
    md(m, "- read only by Iceberg REST catalogs\n");
  if (k->kinds) {
    md(m, "- read by: ");
    kinds_md(m, k->kinds);
    md(m, "\n");
  }
  if (k->secret)
    md(m, "- secret: its value is a credential, which propcheck never "
          "shows\n");
}

void hover_key_text(size_t i, char *out, size_t n) {
  pc_key_info k;
  Md m = {{0}, 0};
  if (pc_key_at(i, &k) == 0)
    hover_key_md(&m, &k, i);
  snprintf(out, n, "%s", m.buf);
}

static cJSON *hover_key(const Doc *d, size_t a, size_t b) {
  char name[256];
  if (b - a >= sizeof name)
    return NULL;
  memcpy(name, d->text + a, b - a);
  name[b - a] = '\0';
  long i = pc_key_find(name);
  pc_key_info k;
  if (i < 0 || pc_key_at((size_t)i, &k) != 0)
    return NULL;
  Md m = {{0}, 0};
  hover_key_md(&m, &k, (size_t)i);
  return hover_of(d, &m, a, b);
}

/* What the policies of the settings say about s: the findings of the IAM
   rules on it. */
static void policies_md(Md *m, const pc_stmt *s, const LspSettings *set) {
  if (!set || !set->policies)
    return;
  size_t n = 0;
  for (size_t i = 0; i < pc_stmt_finding_count(s); i++) {
    const pc_finding *f = pc_stmt_finding_at(s, i);
    if (strcmp(f->rule, "missing-permission") != 0 &&
        strcmp(f->rule, "conditional-permission") != 0)
      continue;
    if (n++ == 0)
      md(m, "\nIAM policies (%zu file%s):\n", set->npolicy_files,
         set->npolicy_files == 1 ? "" : "s");
    md(m, "- %s: %s\n", f->rule, f->message);
  }
  if (n == 0)
    md(m, "\nIAM policies (%zu file%s): they grant everything it needs\n",
       set->npolicy_files, set->npolicy_files == 1 ? "" : "s");
}

static cJSON *hover_stmt(const Doc *d, size_t at, const LspSettings *set) {
  size_t end = 0;
  const pc_stmt *s = diag_stmt_at(d, at, &end);
  if (!s)
    return NULL;
  Md m = {{0}, 0};
  md(&m, "**%s**\n\n", pc_stmt_kind_name(pc_stmt_kind_of(s)));
  int any = 0;
  for (int v = 0; v < PC_SVC_COUNT; v++) {
    pc_auth au;
    if (!pc_stmt_service(s, (pc_service)v, &au))
      continue;
    any = 1;
    md(&m, "- %s: %s", pc_service_name((pc_service)v), pc_mode_name(au.mode));
    if (au.base != PC_MODE_NONE)
      md(&m, " (base: %s)", pc_mode_name(au.base));
    md(&m, "\n");
  }
  if (!any)
    md(&m, "- no AWS service\n");
  policies_md(&m, s, set);
  size_t start = (size_t)pc_stmt_pos(s).offset;
  return hover_of(d, &m, start, end);
}

cJSON *hover_at(const Doc *d, size_t at, const LspSettings *set) {
  size_t a, b;
  char q;
  size_t ss = diag_stmt_start(d, at);
  if (scan_string_at(d->text, d->len, ss, at, &a, &b, &q)) {
    if (scan_is_key(d->text, d->len, b) ||
        scan_in_key_position(d->text, ss, a - 1)) {
      cJSON *h = hover_key(d, a, b);
      if (h)
        return h;
    }
  }
  return hover_stmt(d, at, set);
}
