/*
 * render_json.c - the JSON document other tools read (a contract):
 *
 *   {"version": V,
 *    "files": [{"path": P,
 *               "statements": [{"kind": K, "line": L, "column": C,
 *                               "services": {"s3": {"mode": M, "base": B},
 * ...}, "findings": [F, ...]}], "findings": [F, ...]}],          (file-level
 * findings) "summary": {"files", "statements", "errors", "warnings", "notes"}}
 *
 *   F = {"rule", "severity", "message", "line", "column", "key",
 *        "fix": {"offset", "length", "replacement", "description"},
 *        "related": {"line", "column", "key"}}  (key/fix/related when known)
 *
 * The whole document is built with cJSON and written at once, so a reader
 * never sees half of it.
 */
#include <string.h>

#include <cJSON.h>

#include "pc_internal.h"

static int add_pos(cJSON *o, pc_pos p) {
  return cJSON_AddNumberToObject(o, "line", p.line) &&
         cJSON_AddNumberToObject(o, "column", p.column);
}

static cJSON *finding_json(const pc_finding *f) {
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return NULL;
  int ok =
      cJSON_AddStringToObject(o, "rule", f->rule) &&
      cJSON_AddStringToObject(o, "severity", pc_severity_name(f->severity)) &&
      cJSON_AddStringToObject(o, "message", f->message) && add_pos(o, f->pos);
  if (ok && f->key)
    ok = cJSON_AddStringToObject(o, "key", f->key) != NULL;
  if (ok && f->fix) {
    cJSON *x = cJSON_AddObjectToObject(o, "fix");
    ok = x && cJSON_AddNumberToObject(x, "offset", (double)f->fix->offset) &&
         cJSON_AddNumberToObject(x, "length", f->fix->length) &&
         cJSON_AddStringToObject(x, "replacement", f->fix->replacement) &&
         cJSON_AddStringToObject(x, "description", f->fix->description);
  }
  if (ok && f->has_related) {
    cJSON *r = cJSON_AddObjectToObject(o, "related");
    ok = r && add_pos(r, f->related);
    if (ok && f->related_key)
      ok = cJSON_AddStringToObject(r, "key", f->related_key) != NULL;
  }
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static int add_findings(cJSON *arr, size_t n,
                        const pc_finding *(*at)(const void *, size_t),
                        const void *owner) {
  for (size_t i = 0; i < n; i++) {
    cJSON *f = finding_json(at(owner, i));
    if (!f || !cJSON_AddItemToArray(arr, f)) {
      cJSON_Delete(f);
      return 0;
    }
  }
  return 1;
}

static const pc_finding *stmt_at(const void *s, size_t i) {
  return pc_stmt_finding_at(s, i);
}
static const pc_finding *file_at(const void *f, size_t i) {
  return pc_file_finding_at(f, i);
}

/* "policies": [{"service", "principal", "role", "identity": DOC,
                  "trust": DOC, "assume": DOC}] (documents as JSON) */
static int add_policies(cJSON *o, const pc_stmt *s) {
  cJSON *arr = cJSON_AddArrayToObject(o, "policies");
  if (!arr)
    return 0;
  for (size_t i = 0; i < pc_stmt_policy_count(s); i++) {
    const pc_policy *p = pc_stmt_policy_at(s, i);
    cJSON *po = cJSON_CreateObject();
    if (!po || !cJSON_AddItemToArray(arr, po))
      return cJSON_Delete(po), 0;
    if (!cJSON_AddStringToObject(po, "service", pc_service_name(p->service)) ||
        !cJSON_AddStringToObject(po, "principal", p->principal))
      return 0;
    if (p->role_arn && !cJSON_AddStringToObject(po, "role", p->role_arn))
      return 0;
    const char *names[] = {"identity", "trust", "assume"};
    const char *docs[] = {p->identity, p->trust, p->assume};
    for (int k = 0; k < 3; k++) {
      if (!docs[k])
        continue;
      /* The documents are JSON already: embedded raw (cJSON's parser
         writes a global error slot, which must not be shared by threads) */
      if (!cJSON_AddRawToObject(po, names[k], docs[k]))
        return 0;
    }
  }
  return 1;
}

static cJSON *stmt_json(const pc_stmt *s) {
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return NULL;
  int ok = cJSON_AddStringToObject(o, "kind",
                                   pc_stmt_kind_name(pc_stmt_kind_of(s))) &&
           add_pos(o, pc_stmt_pos(s));
  cJSON *svcs = ok ? cJSON_AddObjectToObject(o, "services") : NULL;
  ok = ok && svcs;
  for (int v = 0; ok && v < PC_SVC_COUNT; v++) {
    pc_auth a;
    if (!pc_stmt_service(s, (pc_service)v, &a))
      continue;
    cJSON *so = cJSON_AddObjectToObject(svcs, pc_service_name((pc_service)v));
    ok = so && cJSON_AddStringToObject(so, "mode", pc_mode_name(a.mode));
    if (ok && a.base != PC_MODE_NONE)
      ok = cJSON_AddStringToObject(so, "base", pc_mode_name(a.base)) != NULL;
  }
  cJSON *fs = ok ? cJSON_AddArrayToObject(o, "findings") : NULL;
  ok = ok && fs && add_findings(fs, pc_stmt_finding_count(s), stmt_at, s);
  if (ok && pc_stmt_policy_count(s))
    ok = add_policies(o, s);
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *file_json(const pc_file *f) {
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return NULL;
  int ok = cJSON_AddStringToObject(o, "path", pc_file_path(f)) != NULL;
  cJSON *stmts = ok ? cJSON_AddArrayToObject(o, "statements") : NULL;
  ok = ok && stmts;
  for (size_t i = 0; ok && i < pc_file_stmt_count(f); i++) {
    cJSON *s = stmt_json(pc_file_stmt_at(f, i));
    ok = s && cJSON_AddItemToArray(stmts, s);
    if (!ok)
      cJSON_Delete(s);
  }
  cJSON *fs = ok ? cJSON_AddArrayToObject(o, "findings") : NULL;
  ok = ok && fs && add_findings(fs, pc_file_finding_count(f), file_at, f);
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

pc_status render_json(const pc_ctx *ctx, pc_write_fn write, void *user) {
  cJSON *root = cJSON_CreateObject();
  if (!root)
    return PC_ENOMEM;
  int ok = cJSON_AddStringToObject(root, "version", PROPCHECK_VERSION) != NULL;
  cJSON *files = ok ? cJSON_AddArrayToObject(root, "files") : NULL;
  ok = ok && files;
  for (size_t i = 0; ok && i < pc_file_count(ctx); i++) {
    cJSON *f = file_json(pc_file_at(ctx, i));
    ok = f && cJSON_AddItemToArray(files, f);
    if (!ok)
      cJSON_Delete(f);
  }
  pc_summary s = pc_ctx_summary(ctx);
  cJSON *sum = ok ? cJSON_AddObjectToObject(root, "summary") : NULL;
  ok = ok && sum && cJSON_AddNumberToObject(sum, "files", (double)s.files) &&
       cJSON_AddNumberToObject(sum, "statements", (double)s.statements) &&
       cJSON_AddNumberToObject(sum, "errors", (double)s.errors) &&
       cJSON_AddNumberToObject(sum, "warnings", (double)s.warnings) &&
       cJSON_AddNumberToObject(sum, "notes", (double)s.notes) &&
       cJSON_AddNumberToObject(sum, "suppressed", (double)s.suppressed);
  char *text = ok ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!text)
    return PC_ENOMEM;
  size_t n = strlen(text);
  text[n] = '\n'; /* replace the NUL: one write of the document + newline */
  int rc = write(user, text, n + 1);
  cJSON_free(text);
  return rc ? PC_EWRITE : PC_OK;
}
