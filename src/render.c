/*
 * render.c - the walk over results that every format shares (pc_stream,
 * pc_render); render_text.c, render_json.c and render_sarif.c are the
 * formats, and render_out.c buffers what they write.
 *
 * A stream writes a document in the order results were made: its head,
 * then each file (statements and findings as they complete), then its tail
 * with the totals.  pc_stream_flush writes what completed since the last
 * flush and hands it back to the context, which forgets it, so memory
 * stays bounded however long the input.  pc_render is the same walk over a
 * whole context, forgetting nothing.  Each format is a table of hooks
 * (FormatOps); the walk calls them in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

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

static const FormatOps *const formats[] = {
    &render_text_ops, &render_json_ops, &render_sarif_ops, &render_github_ops,
    &render_gitlab_ops};

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
  render_write_out(s);
  return stream_status(s);
}

pc_status pc_stream_flush(pc_stream *s, pc_ctx *ctx) {
  if (!s || !ctx)
    return PC_EINVAL;
  walk(s, ctx, 0);
  render_write_out(s);
  if (s->failed)
    return stream_status(s);
  results_forget_rendered(ctx);
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
  render_write_out(s);
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
    return (unsigned)fmt > PC_FORMAT_GITLAB ? PC_EINVAL : PC_ENOMEM;
  s->ops->head(s);
  walk(s, ctx, 1);
  pc_summary sum = pc_ctx_summary(ctx);
  pc_status st = pc_stream_tail(s, &sum);
  pc_stream_free(s);
  return st;
}
