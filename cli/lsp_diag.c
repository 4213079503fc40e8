/*
 * lsp_diag.c - checking an open document and publishing what propcheck
 * found as LSP diagnostics.
 *
 * Each check is a fresh context (a few microseconds) with the rule levels
 * of the document's .propcheck.json (found upward from its path, as the
 * command does; the working directory for a document that is not a file)
 * and then the editor's settings on top, and the policies of the
 * settings.  The context stays with the document until the next check:
 * code actions and hover read its results.
 *
 * A diagnostic: the finding's span (its key or value) in UTF-16
 * positions, its severity, code = the rule id with codeDescription.href to
 * the rule's section of docs/rules.md, source "propcheck", and the other
 * key of a conflict as relatedInformation.  Messages come from the library,
 * which never puts a secret in one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

#define RULES_DOC "https://github.com/propcheck/propcheck/blob/main/docs/rules.md#"

/* LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint. */
static int lsp_severity(pc_severity sev, const LspSettings *set) {
  /* below the settings' fail-on: what would not fail a CI run is a hint */
  if (set && set->fail_on && set->fail_on != PC_FAIL_NEVER &&
      (int)sev < set->fail_on)
    return 4;
  return sev == PC_SEV_ERROR ? 1 : sev == PC_SEV_WARNING ? 2 : 3;
}

void diag_span(const Doc *d, const pc_finding *f, size_t *start, size_t *end) {
  size_t a = f->pos.offset > d->len ? d->len : (size_t)f->pos.offset;
  size_t b = a + f->length;
  if (b > d->len)
    b = d->len;
  if (b == a && a < d->len && d->text[a] != '\n' && d->text[a] != '\r')
    b = a + 1; /* a point: one byte, so that editors show it */
  *start = a;
  *end = b;
}

static cJSON *related_json(const Doc *d, const pc_finding *f) {
  cJSON *arr = cJSON_CreateArray(), *ri = cJSON_CreateObject();
  if (!arr || !ri) {
    cJSON_Delete(arr);
    cJSON_Delete(ri);
    return NULL;
  }
  size_t a = f->related.offset > d->len ? d->len : (size_t)f->related.offset;
  size_t klen = f->related_key ? strlen(f->related_key) : 1;
  cJSON *loc = cJSON_AddObjectToObject(ri, "location");
  cJSON_AddStringToObject(loc, "uri", d->uri);
  cJSON_AddItemToObject(loc, "range",
                        doc_json_range(d, a, a + klen > d->len ? d->len
                                                                : a + klen));
  char msg[512];
  if (f->related_key)
    snprintf(msg, sizeof msg, "'%s' is set here", f->related_key);
  else
    snprintf(msg, sizeof msg, "the unclosed '(' is here");
  cJSON_AddStringToObject(ri, "message", msg);
  cJSON_AddItemToArray(arr, ri);
  return arr;
}

cJSON *diag_json(const Doc *d, const pc_finding *f, const LspSettings *set) {
  cJSON *g = cJSON_CreateObject();
  if (!g)
    return NULL;
  size_t a, b;
  diag_span(d, f, &a, &b);
  cJSON_AddItemToObject(g, "range", doc_json_range(d, a, b));
  cJSON_AddNumberToObject(g, "severity", lsp_severity(f->severity, set));
  cJSON_AddStringToObject(g, "code", f->rule);
  cJSON *cd = cJSON_AddObjectToObject(g, "codeDescription");
  char href[256];
  snprintf(href, sizeof href, "%s%s", RULES_DOC, f->rule);
  cJSON_AddStringToObject(cd, "href", href);
  cJSON_AddStringToObject(g, "source", "propcheck");
  cJSON_AddStringToObject(g, "message", f->message);
  if (f->has_related)
    cJSON_AddItemToObject(g, "relatedInformation", related_json(d, f));
  return g;
}

size_t diag_stmt_start(const Doc *d, size_t at) {
  if (!d->starts)
    return scan_stmt_start(d->text, at);
  size_t lo = doc_last_at_or_before(d->starts, d->nstarts, at);
  return d->starts[lo] <= at ? d->starts[lo] : 0;
}

const pc_file *diag_file(const Doc *d) {
  return d->ctx && pc_file_count(d->ctx) ? pc_file_at(d->ctx, 0) : NULL;
}

const pc_stmt *diag_stmt_at(const Doc *d, size_t at, size_t *end) {
  const pc_file *f = diag_file(d);
  const pc_stmt *hit = NULL;
  size_t n = f ? pc_file_stmt_count(f) : 0;
  for (size_t i = 0; i < n; i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    size_t start = (size_t)pc_stmt_pos(s).offset;
    if (start > at)
      break;
    size_t e = scan_stmt_end(d->text, d->len, start);
    if (at <= e) {
      hit = s;
      if (end)
        *end = e;
    }
  }
  return hit;
}

/* The rule levels of the document's configuration, then the settings'. */
static void apply_levels(pc_ctx *ctx, const Doc *d, const LspSettings *set) {
  Config cfg;
  if (config_for(d->path ? d->path : "-", &cfg) != 0 && cfg.error)
    lsp_log(1, "propcheck: %s", cfg.error);
  for (size_t i = 0; i < cfg.nrules; i++)
    pc_ctx_set_rule_level(ctx, cfg.rule_ids[i], cfg.levels[i]);
  for (size_t i = 0; i < cfg.nvars; i++)
    pc_ctx_set_var(ctx, cfg.vars[2 * i], cfg.vars[2 * i + 1]);
  config_free(&cfg);
  for (size_t i = 0; set && i < set->nrules; i++)
    pc_ctx_set_rule_level(ctx, set->rule_ids[i], set->levels[i]);
  /* The settings' template variables win over the configuration's, as
     --var wins over "vars". */
  const cJSON *v = set && set->vars ? set->vars->child : NULL;
  for (; v; v = v->next)
    if (cJSON_IsString(v) && v->string && *v->string)
      pc_ctx_set_var(ctx, v->string, v->valuestring);
}

static cJSON *diagnostics_of(const Doc *d, const LspSettings *set) {
  cJSON *arr = cJSON_CreateArray();
  const pc_file *f = diag_file(d);
  if (!arr || !f)
    return arr;
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t k = 0; k < pc_stmt_finding_count(s); k++)
      cJSON_AddItemToArray(arr, diag_json(d, pc_stmt_finding_at(s, k), set));
  }
  for (size_t k = 0; k < pc_file_finding_count(f); k++)
    cJSON_AddItemToArray(arr, diag_json(d, pc_file_finding_at(f, k), set));
  return arr;
}

int diag_check(Doc *d, const LspSettings *set) {
  pc_ctx_free(d->ctx);
  d->ctx = pc_ctx_new(NULL);
  d->dirty = 0;
  free(d->starts);
  d->starts = scan_stmt_starts(d->text, d->len, &d->nstarts);
  if (!d->ctx)
    return -1;
  apply_levels(d->ctx, d, set);
  if (set && set->policies)
    pc_ctx_use_policies(d->ctx, set->policies);
  pc_status st =
      pc_check_buffer(d->ctx, d->path ? d->path : d->uri, d->text, d->len);
  if (st == PC_ENOMEM)
    lsp_log(1, "propcheck: out of memory checking %s", d->uri);
  cJSON *p = cJSON_CreateObject();
  if (!p)
    return -1;
  cJSON_AddStringToObject(p, "uri", d->uri);
  cJSON_AddNumberToObject(p, "version", (double)d->version);
  cJSON_AddItemToObject(p, "diagnostics", diagnostics_of(d, set));
  return lsp_notify("textDocument/publishDiagnostics", p);
}

int diag_fresh(Doc *d, const LspSettings *set) {
  return d->dirty || !d->ctx ? diag_check(d, set) : 0;
}
