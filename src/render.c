/*
 * render.c - text output: GCC-style lines, masked source, caret, summary.
 *
 *   fixtures/x.sql:4:5: warning: StarRocks ignores ... [ignored-credential]
 *       4 |     "aws.s3.access_key" = "***",
 *         |     ^~~~~~~~~~~~~~~~~~~
 *
 * Findings of a file are printed in source order.  The source line is the
 * one captured (and masked) when the finding was made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pc_internal.h"

typedef struct Out {
  pc_write_fn write;
  void *user;
  int failed;
  Buf buf; /* pending output, flushed in large pieces */
} Out;

static void flush(Out *o) {
  if (o->buf.len && !o->failed && o->write(o->user, o->buf.data, o->buf.len))
    o->failed = 1;
  o->buf.len = 0;
}

static void put(Out *o, const char *s, size_t n) {
  if (o->failed)
    return;
  if (buf_append(&o->buf, s, n))
    o->failed = 2;
  if (o->buf.len > 1 << 16)
    flush(o);
}

static void puts_(Out *o, const char *s) { put(o, s, strlen(s)); }

static void putf(Out *o, const char *fmt, ...) PC_PRINTF(2, 3);
static void putf(Out *o, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  put(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

enum { C_BOLD, C_ERROR, C_WARNING, C_NOTE, C_CARET, C_RESET };
static const char *const ansi[] = {"\033[1m",    "\033[1;31m", "\033[1;35m",
                                   "\033[1;36m", "\033[1;32m", "\033[0m"};

static void color(Out *o, unsigned flags, int c) {
  if (flags & PC_RENDER_COLOR)
    puts_(o, ansi[c]);
}

static int sev_color(pc_severity s) {
  return s == PC_SEV_ERROR ? C_ERROR : s == PC_SEV_WARNING ? C_WARNING : C_NOTE;
}

static void source_lines(Out *o, unsigned flags, const Finding *f) {
  if (!f->src_line || !f->src_line[0] || !f->pub.pos.line)
    return;
  putf(o, " %5u | ", f->pub.pos.line);
  puts_(o, f->src_line);
  put(o, "\n", 1);
  puts_(o, "       | ");
  /* Spaces up to the caret, keeping tabs where the line has them. */
  const char *s = f->src_line;
  uint32_t col = 0;
  for (size_t i = 0; s[i] && col < f->caret_col; i++) {
    if (((unsigned char)s[i] & 0xC0) == 0x80)
      continue;
    put(o, s[i] == '\t' ? "\t" : " ", 1);
    col++;
  }
  color(o, flags, C_CARET);
  put(o, "^", 1);
  for (uint32_t i = 1; i < f->caret_len && i < 200; i++)
    put(o, "~", 1);
  color(o, flags, C_RESET);
  put(o, "\n", 1);
}

static void finding(Out *o, unsigned flags, const char *path,
                    const Finding *f) {
  const pc_finding *p = &f->pub;
  (void)path;
  if (p->pos.line) {
    color(o, flags, C_BOLD);
    putf(o, "%u:%u: ", p->pos.line, p->pos.column);
    color(o, flags, C_RESET);
  }
  color(o, flags, sev_color(p->severity));
  puts_(o, pc_severity_name(p->severity));
  puts_(o, ":");
  color(o, flags, C_RESET);
  put(o, " ", 1);
  puts_(o, p->message);
  putf(o, " [%s]\n", p->rule);
  if (!(flags & PC_RENDER_NO_SOURCE))
    source_lines(o, flags, f);
}

static int cmp_findings(const void *a, const void *b) {
  const Finding *x = *(const Finding *const *)a;
  const Finding *y = *(const Finding *const *)b;
  if (x->pub.pos.offset != y->pub.pos.offset)
    return x->pub.pos.offset < y->pub.pos.offset ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* All findings of a file, statement and loose, in source order. */
const Finding **render_file_findings(const pc_file *file, size_t *n) {
  size_t total = file->findings.len;
  for (size_t i = 0; i < file->stmts.len; i++)
    total += (*VEC_AT(&file->stmts, pc_stmt *, i))->nfindings;
  *n = total;
  if (!total)
    return NULL;
  const Finding **all = pc_malloc(total * sizeof *all);
  if (!all)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < file->findings.len; i++)
    all[k++] = VEC_AT(&file->findings, Finding, i);
  for (size_t i = 0; i < file->stmts.len; i++) {
    const pc_stmt *s = *VEC_AT(&file->stmts, pc_stmt *, i);
    for (size_t j = 0; j < s->nfindings; j++)
      all[k++] = &s->findings[j];
  }
  qsort(all, total, sizeof *all, cmp_findings);
  return all;
}

static void path_prefix(Out *o, unsigned flags, const char *path) {
  color(o, flags, C_BOLD);
  puts_(o, path);
  put(o, ":", 1);
  color(o, flags, C_RESET);
}

static pc_status render_text(const pc_ctx *ctx, unsigned flags, Out *o) {
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *file = pc_file_at(ctx, i);
    size_t n;
    const Finding **all = render_file_findings(file, &n);
    if (n && !all)
      return PC_ENOMEM;
    for (size_t j = 0; j < n; j++) {
      const Finding *f = all[j];
      path_prefix(o, flags, file->path);
      if (!f->pub.pos.line)
        put(o, " ", 1);
      finding(o, flags, file->path, f);
      if (f->pub.has_related) {
        path_prefix(o, flags, file->path);
        putf(o, "%u:%u: ", f->pub.related.line, f->pub.related.column);
        color(o, flags, C_NOTE);
        puts_(o, "note:");
        color(o, flags, C_RESET);
        if (f->pub.related_key)
          putf(o, " '%s' is set here\n", f->pub.related_key);
        else
          puts_(o, " the unclosed '(' is here\n");
      }
    }
    pc_free((void *)all);
  }
  if (!(flags & PC_RENDER_NO_SUMMARY)) {
    pc_summary s = pc_ctx_summary(ctx);
    if (s.errors + s.warnings + s.notes == 0)
      puts_(o, "propcheck: no findings");
    else
      putf(o, "propcheck: %zu error%s, %zu warning%s, %zu note%s", s.errors,
           s.errors == 1 ? "" : "s", s.warnings, s.warnings == 1 ? "" : "s",
           s.notes, s.notes == 1 ? "" : "s");
    putf(o, " in %zu file%s (%zu statement%s resolved", s.files,
         s.files == 1 ? "" : "s", s.statements, s.statements == 1 ? "" : "s");
    if (s.suppressed)
      putf(o, ", %zu finding%s suppressed", s.suppressed,
           s.suppressed == 1 ? "" : "s");
    puts_(o, ")\n");
  }
  return PC_OK;
}

pc_status pc_render(const pc_ctx *ctx, pc_format fmt, unsigned flags,
                    pc_write_fn write, void *user) {
  if (!ctx || !write)
    return PC_EINVAL;
  if (fmt == PC_FORMAT_JSON)
    return render_json(ctx, write, user);
  if (fmt == PC_FORMAT_SARIF)
    return render_sarif(ctx, write, user);
  if (fmt == PC_FORMAT_GITHUB)
    return render_github(ctx, write, user);
  if (fmt != PC_FORMAT_TEXT)
    return PC_EINVAL;
  Out o = {write, user, 0, {0}};
  pc_status st = render_text(ctx, flags, &o);
  flush(&o);
  buf_release(&o.buf);
  if (st != PC_OK)
    return st;
  return o.failed == 2 ? PC_ENOMEM : o.failed ? PC_EWRITE : PC_OK;
}
