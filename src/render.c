/*
 * render.c - output: the walk over results that every format shares
 * (pc_stream, pc_render) and the text format.
 *
 * A stream writes a document in the order results were made: its head,
 * then each file (statements and findings as they complete), then its tail
 * with the totals.  pc_stream_flush writes what completed since the last
 * flush and hands it back to the context, which forgets it, so memory
 * stays bounded however long the input.  pc_render is the same walk over a
 * whole context, forgetting nothing.  Each format is a table of hooks
 * (FormatOps); the walk calls them in order.
 *
 * Text:
 *   fixtures/x.sql:4:5: warning: StarRocks ignores ... [ignored-credential]
 *       4 |     "aws.s3.access_key" = "***",
 *         |     ^~~~~~~~~~~~~~~~~~~
 * The source line is the one captured (and masked) when the finding was
 * made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pc_internal.h"

/* Output waits in s->out until it holds this much, or the flush ends. */
enum { OUT_CHUNK = 1 << 16 };

/* ------------------------------------------------------------ output */

static void write_out(pc_stream *s) {
  if (s->out.len && !s->failed && s->write(s->user, s->out.data, s->out.len))
    s->failed = 1;
  s->out.len = 0;
}

void stream_put(pc_stream *s, const char *data, size_t len) {
  if (s->failed)
    return;
  if (buf_append(&s->out, data, len))
    s->failed = 2;
  if (s->out.len > OUT_CHUNK)
    write_out(s);
}

void stream_puts(pc_stream *s, const char *str) {
  stream_put(s, str, strlen(str));
}

void stream_printf(pc_stream *s, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof tmp) {
    stream_put(s, tmp, (size_t)n);
    return;
  }
  char *big = pc_malloc((size_t)n + 1); /* a long key, say: never cut */
  if (!big) {
    s->failed = 2;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  stream_put(s, big, (size_t)n);
  pc_free(big);
}

/* ------------------------------------------------------------ the walk */

/* The findings that completed since the last walk, in source order. */
static void walk_findings(pc_stream *s, const pc_file *f) {
  size_t n = f->findings.len - s->loose_done;
  for (size_t i = s->stmts_done; i < f->stmts.len; i++)
    n += (*VEC_AT(&f->stmts, pc_stmt *, i))->nfindings;
  if (n == 0)
    return;
  FindingRef *all = pc_malloc(n * sizeof *all);
  if (!all) {
    s->failed = 2;
    return;
  }
  size_t k = 0;
  for (size_t i = s->stmts_done; i < f->stmts.len; i++) {
    const pc_stmt *st = *VEC_AT(&f->stmts, pc_stmt *, i);
    for (size_t j = 0; j < st->nfindings; j++, k++)
      all[k] = (FindingRef){&st->findings[j], k};
  }
  for (size_t i = s->loose_done; i < f->findings.len; i++, k++)
    all[k] = (FindingRef){VEC_AT(&f->findings, Finding, i), k};
  findings_sort(all, n);
  for (size_t i = 0; i < n && !s->failed; i++)
    s->ops->finding(s, f, all[i].f, 0);
  pc_free(all);
}

/* Writes what ctx holds beyond what was written; a file still being fed
   stays open unless `all`. */
static void walk(pc_stream *s, const pc_ctx *ctx, int all) {
  while (s->next_file < ctx->files.len && !s->failed) {
    const pc_file *f = *VEC_AT(&ctx->files, pc_file *, s->next_file);
    if (s->file != f) {
      s->file = f;
      s->stmts_done = s->loose_done = 0;
      s->ops->file_open(s, f);
    }
    if (s->ops->by_statement) {
      for (size_t i = s->stmts_done; i < f->stmts.len; i++)
        s->ops->stmt(s, *VEC_AT(&f->stmts, pc_stmt *, i));
      for (size_t i = s->loose_done; i < f->findings.len; i++)
        s->ops->finding(s, f, VEC_AT(&f->findings, Finding, i), 1);
    } else {
      walk_findings(s, f);
    }
    s->stmts_done = f->stmts.len;
    s->loose_done = f->findings.len;
    if (f == ctx->cur && !all)
      return;
    s->ops->file_close(s, f);
    s->file = NULL;
    s->next_file++;
  }
}

static pc_status stream_status(const pc_stream *s) {
  return s->failed == 2 ? PC_ENOMEM : s->failed ? PC_EWRITE : PC_OK;
}

static const FormatOps *const formats[] = {&text_ops, &json_ops, &sarif_ops,
                                           &github_ops};

pc_stream *pc_stream_new(pc_format fmt, unsigned flags, pc_write_fn write,
                         void *user) {
  if ((unsigned)fmt >= sizeof formats / sizeof formats[0] || !write)
    return NULL;
  pc_stream *s = pc_malloc(sizeof *s);
  if (!s)
    return NULL;
  memset(s, 0, sizeof *s);
  s->ops = formats[fmt];
  s->flags = flags;
  s->write = write;
  s->user = user;
  jo_init(&s->jo, &s->out, s->ops->part_depth);
  return s;
}

void pc_stream_free(pc_stream *s) {
  if (!s)
    return;
  buf_release(&s->out);
  buf_release(&s->loose);
  buf_release(&s->uri);
  vec_release(&s->occ);
  pc_free(s);
}

const char *pc_format_separator(pc_format fmt) {
  return (unsigned)fmt < sizeof formats / sizeof formats[0]
             ? formats[fmt]->separator
             : "";
}

pc_status pc_stream_head(pc_stream *s) {
  if (!s)
    return PC_EINVAL;
  s->ops->head(s);
  write_out(s);
  return stream_status(s);
}

pc_status pc_stream_flush(pc_stream *s, pc_ctx *ctx) {
  if (!s || !ctx)
    return PC_EINVAL;
  walk(s, ctx, 0);
  write_out(s);
  if (s->failed)
    return stream_status(s);
  ctx_forget_rendered(ctx);
  s->next_file = 0; /* only the open file (if any) is left, emptied */
  s->stmts_done = s->loose_done = 0;
  return ctx->oom ? PC_ENOMEM : PC_OK;
}

pc_status pc_stream_tail(pc_stream *s, const pc_summary *sum) {
  if (!s || !sum)
    return PC_EINVAL;
  if (s->file && !s->failed) {
    s->ops->file_close(s, s->file);
    s->file = NULL;
  }
  s->ops->tail(s, sum);
  write_out(s);
  return stream_status(s);
}

pc_status pc_render(const pc_ctx *ctx, pc_format fmt, unsigned flags,
                    pc_write_fn write, void *user) {
  if (!ctx || !write)
    return PC_EINVAL;
  if (ctx->oom) /* the results are incomplete: nothing that looks whole */
    return PC_ENOMEM;
  pc_stream *s = pc_stream_new(fmt, flags, write, user);
  if (!s)
    return (unsigned)fmt > PC_FORMAT_GITHUB ? PC_EINVAL : PC_ENOMEM;
  s->ops->head(s);
  walk(s, ctx, 1);
  pc_summary sum = pc_ctx_summary(ctx);
  pc_status st = pc_stream_tail(s, &sum);
  pc_stream_free(s);
  return st;
}

/* ------------------------------------------------------------ text */

enum { C_BOLD, C_ERROR, C_WARNING, C_NOTE, C_CARET, C_RESET };
static const char *const ansi[] = {"\033[1m",    "\033[1;31m", "\033[1;35m",
                                   "\033[1;36m", "\033[1;32m", "\033[0m"};

static void color(pc_stream *s, int c) {
  if (s->flags & PC_RENDER_COLOR)
    stream_puts(s, ansi[c]);
}

static int sev_color(pc_severity sev) {
  return sev == PC_SEV_ERROR     ? C_ERROR
         : sev == PC_SEV_WARNING ? C_WARNING
                                 : C_NOTE;
}

static void source_lines(pc_stream *s, const Finding *f) {
  if (!f->src_line || !f->src_line[0] || !f->pub.pos.line)
    return;
  stream_printf(s, " %5u | ", f->pub.pos.line);
  stream_puts(s, f->src_line);
  stream_put(s, "\n       | ", 10);
  /* Spaces up to the caret, keeping tabs where the line has them. */
  const char *line = f->src_line;
  uint32_t col = 0;
  for (size_t i = 0; line[i] && col < f->caret_col; i++) {
    if (utf8_is_cont((unsigned char)line[i]))
      continue;
    stream_put(s, line[i] == '\t' ? "\t" : " ", 1);
    col++;
  }
  color(s, C_CARET);
  stream_put(s, "^", 1);
  for (uint32_t i = 1; i < f->caret_len && i < 200; i++)
    stream_put(s, "~", 1);
  color(s, C_RESET);
  stream_put(s, "\n", 1);
}

static void path_prefix(pc_stream *s, const char *path) {
  color(s, C_BOLD);
  stream_puts(s, path);
  stream_put(s, ":", 1);
  color(s, C_RESET);
}

static void text_finding(pc_stream *s, const pc_file *file, const Finding *f,
                         int file_level) {
  const pc_finding *p = &f->pub;
  (void)file_level;
  path_prefix(s, file->path);
  if (p->pos.line) {
    color(s, C_BOLD);
    stream_printf(s, "%u:%u: ", p->pos.line, p->pos.column);
    color(s, C_RESET);
  } else {
    stream_put(s, " ", 1);
  }
  color(s, sev_color(p->severity));
  stream_puts(s, pc_severity_name(p->severity));
  stream_put(s, ":", 1);
  color(s, C_RESET);
  stream_put(s, " ", 1);
  stream_puts(s, p->message);
  stream_printf(s, " [%s]\n", p->rule);
  if (!(s->flags & PC_RENDER_NO_SOURCE))
    source_lines(s, f);
  if (p->has_related) {
    path_prefix(s, file->path);
    stream_printf(s, "%u:%u: ", p->related.line, p->related.column);
    color(s, C_NOTE);
    stream_puts(s, "note:");
    color(s, C_RESET);
    if (p->related_key)
      stream_printf(s, " '%s' is set here\n", p->related_key);
    else
      stream_puts(s, " the unclosed '(' is here\n");
  }
}

static void text_tail(pc_stream *s, const pc_summary *sum) {
  if (s->flags & PC_RENDER_NO_SUMMARY)
    return;
  if (sum->errors + sum->warnings + sum->notes == 0)
    stream_puts(s, "propcheck: no findings");
  else
    stream_printf(s, "propcheck: %zu error%s, %zu warning%s, %zu note%s",
                  sum->errors, sum->errors == 1 ? "" : "s", sum->warnings,
                  sum->warnings == 1 ? "" : "s", sum->notes,
                  sum->notes == 1 ? "" : "s");
  stream_printf(s, " in %zu file%s (%zu statement%s resolved", sum->files,
                sum->files == 1 ? "" : "s", sum->statements,
                sum->statements == 1 ? "" : "s");
  if (sum->suppressed)
    stream_printf(s, ", %zu finding%s suppressed", sum->suppressed,
                  sum->suppressed == 1 ? "" : "s");
  stream_puts(s, ")\n");
}

static void text_none(pc_stream *s) { (void)s; }
static void text_file(pc_stream *s, const pc_file *f) { (void)s, (void)f; }

const FormatOps text_ops = {
    .head = text_none,
    .file_open = text_file,
    .finding = text_finding,
    .file_close = text_file,
    .tail = text_tail,
    .separator = "",
};
