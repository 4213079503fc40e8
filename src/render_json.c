/*
 * render_json.c - the JSON document other tools read (a contract):
 *
 *   {"version": V,
 *    "files": [{"path": P,
 *               "statements": [{"kind": K, "line": L, "column": C,
 *                               "services": {"s3": {"mode": M, "base": B}},
 *                               "findings": [F, ...],
 *                               "policies": [...]}],   (with --emit-policy)
 *               "findings": [F, ...]}],                (file-level findings)
 *    "summary": {"files", "statements", "errors", "warnings", "notes",
 *                "suppressed"}}
 *
 *   F = {"rule", "severity", "message", "line", "column", "key",
 *        "fix": {"offset", "length", "replacement", "description",
 *                "applicability": "safe" | "unsafe"},
 *        "related": {"line", "column", "key"}}  (key/fix/related when known)
 *
 * Written as results complete (json_out.c): statements go out at once; a
 * file's file-level findings wait in s->loose until the file closes.
 */
#include <string.h>

#include "render.h"

static void pos(JsonOut *j, pc_pos p) {
  jo_uint(j, "line", p.line);
  jo_uint(j, "column", p.column);
}

static void finding(JsonOut *j, const pc_finding *f) {
  jo_open(j, NULL, '{');
  jo_str(j, "rule", f->rule);
  jo_str(j, "severity", pc_severity_name(f->severity));
  jo_str(j, "message", f->message);
  pos(j, f->pos);
  if (f->key)
    jo_str(j, "key", f->key);
  if (f->fix) {
    jo_open(j, "fix", '{');
    jo_uint(j, "offset", f->fix->offset);
    jo_uint(j, "length", f->fix->length);
    jo_str(j, "replacement", f->fix->replacement);
    jo_str(j, "description", f->fix->description);
    jo_str(j, "applicability", f->fix->unsafe ? "unsafe" : "safe");
    jo_close(j, '}');
  }
  if (f->has_related) {
    jo_open(j, "related", '{');
    pos(j, f->related);
    if (f->related_key)
      jo_str(j, "key", f->related_key);
    jo_close(j, '}');
  }
  jo_close(j, '}');
}

/* "policies": [{"service", "principal", "role", "identity": DOC,
                  "trust": DOC, "assume": DOC}] (documents as JSON) */
static void policies(JsonOut *j, const pc_stmt *st) {
  static const char *const names[] = {"identity", "trust", "assume"};
  jo_open(j, "policies", '[');
  for (size_t i = 0; i < pc_stmt_policy_count(st); i++) {
    const pc_policy *p = pc_stmt_policy_at(st, i);
    jo_open(j, NULL, '{');
    jo_str(j, "service", pc_service_name(p->service));
    jo_str(j, "principal", p->principal);
    if (p->role_arn)
      jo_str(j, "role", p->role_arn);
    const char *docs[] = {p->identity, p->trust, p->assume};
    for (int k = 0; k < 3; k++)
      if (docs[k])
        jo_raw(j, names[k], docs[k]); /* JSON already */
    jo_close(j, '}');
  }
  jo_close(j, ']');
}

static void json_stmt(pc_stream *s, const pc_stmt *st) {
  JsonOut *j = &s->jo;
  jo_open(j, NULL, '{');
  jo_str(j, "kind", pc_stmt_kind_name(pc_stmt_kind_of(st)));
  pos(j, pc_stmt_pos(st));
  jo_open(j, "services", '{');
  for (int v = 0; v < PC_SVC_COUNT; v++) {
    pc_auth a;
    if (!pc_stmt_service(st, (pc_service)v, &a))
      continue;
    jo_open(j, pc_service_name((pc_service)v), '{');
    jo_str(j, "mode", pc_mode_name(a.mode));
    if (a.base != PC_MODE_NONE)
      jo_str(j, "base", pc_mode_name(a.base));
    if (a.unknown_key) /* PC_MODE_UNKNOWN: the templated key deciding it */
      jo_str(j, "unknown_key", a.unknown_key);
    jo_close(j, '}');
  }
  jo_close(j, '}');
  jo_open(j, "findings", '[');
  for (size_t i = 0; i < pc_stmt_finding_count(st); i++)
    finding(j, pc_stmt_finding_at(st, i));
  jo_close(j, ']');
  if (pc_stmt_policy_count(st))
    policies(j, st);
  jo_close(j, '}');
  if (j->oom)
    s->failed = 2;
}

static void json_head(pc_stream *s) {
  JsonOut *j = &s->jo;
  jo_init(j, &s->out, 0);
  jo_open(j, NULL, '{');
  jo_str(j, "version", PROPCHECK_VERSION);
  jo_open(j, "files", '[');
  if (j->oom)
    s->failed = 2;
}

static void json_file_open(pc_stream *s, const pc_file *f) {
  JsonOut *j = &s->jo;
  jo_open(j, NULL, '{');
  jo_str(j, "path", pc_file_path(f));
  jo_open(j, "statements", '[');
  /* file-level findings are written into s->loose at the depth they will
     have, then copied in when the file closes */
  s->loose.len = 0;
  jo_init(&s->jo_loose, &s->loose, j->depth);
}

static void json_finding(pc_stream *s, const pc_file *f, const Finding *fd,
                         int file_level) {
  (void)f, (void)file_level;
  finding(&s->jo_loose, &fd->pub);
  if (s->jo_loose.oom)
    s->failed = 2;
}

static void json_file_close(pc_stream *s, const pc_file *f) {
  JsonOut *j = &s->jo;
  (void)f;
  jo_close(j, ']');
  jo_open(j, "findings", '[');
  if (s->loose.len) {
    render_put(s, s->loose.data, s->loose.len);
    j->more[j->depth] = 1;
  }
  s->loose.len = 0;
  jo_close(j, ']');
  jo_close(j, '}');
  if (j->oom)
    s->failed = 2;
}

static void json_tail(pc_stream *s, const pc_summary *sum) {
  JsonOut *j = &s->jo;
  jo_init(j, &s->out, 1);
  j->more[1] = 1;
  /* close "files" (its items were written by this or other streams) */
  render_put(s, "\n  ]", 4);
  jo_open(j, "summary", '{');
  jo_uint(j, "files", sum->files);
  jo_uint(j, "statements", sum->statements);
  jo_uint(j, "errors", sum->errors);
  jo_uint(j, "warnings", sum->warnings);
  jo_uint(j, "notes", sum->notes);
  jo_uint(j, "suppressed", sum->suppressed);
  jo_close(j, '}');
  jo_close(j, '}');
  render_put(s, "\n", 1);
  if (j->oom)
    s->failed = 2;
}

const FormatOps render_json_ops = {
    .head = json_head,
    .file_open = json_file_open,
    .stmt = json_stmt,
    .finding = json_finding,
    .file_close = json_file_close,
    .tail = json_tail,
    .separator = ",",
    .part_depth = 2,
    .by_statement = 1,
};
