/*
 * render_gitlab.c - GitLab Code Quality (a job's artifacts:reports:codequality),
 * the report GitLab shows in merge requests, since GitLab has no SARIF view:
 *
 *   [{"description": MESSAGE, "check_name": RULE, "fingerprint": HASH,
 *     "severity": "major" | "minor" | "info",
 *     "location": {"path": PATH, "lines": {"begin": LINE}}}, ...]
 *
 * Errors are "major", warnings "minor", notes "info" (as ruff and
 * sqlfluff map theirs).  The fingerprint is SARIF's (render_sarif.c): the
 * rule, file, key and message, never the line, plus the occurrence, so an
 * issue keeps it when code around it moves.  Paths are relative to where
 * propcheck ran ("./" dropped), as GitLab expects.  No source text is
 * written, so no secret can leak.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"

static const char *gl_severity(pc_severity s) {
  return s == PC_SEV_ERROR ? "major" : s == PC_SEV_WARNING ? "minor" : "info";
}

static const char *gl_path(const pc_file *f) {
  const char *path = pc_file_path(f);
  if (!path)
    return "<stdin>";
  while (path[0] == '.' && path[1] == '/' && path[2])
    path += 2;
  return path;
}

/* The items are written at depth 1 (part_depth), by this stream or by the
   parallel ones whose parts are joined with the separator; the brackets
   are written here as they are, like SARIF's results. */
static void gitlab_head(pc_stream *s) { render_puts(s, "["); }

static void gitlab_file_open(pc_stream *s, const pc_file *f) {
  (void)f;
  render_occurrence_reset(s); /* fingerprints count per file */
}

static void gitlab_finding(pc_stream *s, const pc_file *file, const Finding *fi,
                           int file_level) {
  const pc_finding *f = &fi->pub;
  const char *path = gl_path(file);
  JsonOut *j = &s->jo;
  (void)file_level;
  uint64_t h = render_finding_hash(fi, path);
  char fp[40];
  snprintf(fp, sizeof fp, "%016llx%08x", (unsigned long long)h,
           (unsigned)render_occurrence(s, h));
  jo_open(j, NULL, '{');
  jo_str(j, "description", f->message);
  jo_str(j, "check_name", f->rule);
  jo_str(j, "fingerprint", fp);
  jo_str(j, "severity", gl_severity(f->severity));
  jo_open(j, "location", '{');
  jo_str(j, "path", path);
  jo_open(j, "lines", '{');
  jo_uint(j, "begin", f->pos.line ? f->pos.line : 1);
  jo_close(j, '}');
  jo_close(j, '}');
  jo_close(j, '}');
  if (j->oom)
    s->failed = 2;
}

static void gitlab_file_close(pc_stream *s, const pc_file *f) {
  (void)s, (void)f;
}

static void gitlab_tail(pc_stream *s, const pc_summary *sum) {
  (void)sum;
  render_puts(s, "\n]\n");
}

const FormatOps render_gitlab_ops = {
    .head = gitlab_head,
    .file_open = gitlab_file_open,
    .finding = gitlab_finding,
    .file_close = gitlab_file_close,
    .tail = gitlab_tail,
    .separator = ",",
    .part_depth = 1,
};
