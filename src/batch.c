/*
 * batch.c - one file on two threads.
 *
 * A pc_splitter runs the first half of checking a file: split.c cuts the
 * bytes into statements and the parser's fast path (fastpath_may_matter)
 * passes over those that cannot matter; what is left goes into a pc_batch,
 * its text copied (a batch outlives the caller's buffers).  The splitter's
 * size-limit events go in too, in their place among the statements.
 * pc_file_feed_batch runs the second half in a context: each statement
 * through check_chunk, each event through check_oversize, in order, which
 * is what pc_file_feed does with the same bytes on one thread.
 */
#include <stdlib.h>
#include <string.h>

#include "pc_internal.h"

/* A statement (the fields of its Chunk) or a size-limit event. */
typedef struct BatchItem {
  uint64_t offset; /* Chunk.base_offset; the event's offset */
  size_t text_at;  /* where its text starts in pc_batch.text */
  size_t len;      /* Chunk.len; the event's limit */
  size_t stmt_start;
  size_t content_at;
  uint32_t line;    /* Chunk.base_line; the event's line */
  uint32_t col;     /* Chunk.base_col; the event's column */
  uint8_t oversize; /* 1: a size-limit event, not a statement */
  uint8_t flag;     /* Chunk.complete; the event's comments flag */
} BatchItem;

struct pc_batch {
  Vec items; /* BatchItem */
  Buf text;  /* the statements' text, one after the other */
  int oom;   /* an item could not be added: the batch is incomplete */
};

struct pc_splitter {
  Splitter split;
  size_t max_bytes;
  pc_batch *into; /* the batch being filled, during a call */
  int oom;        /* sticky until pc_splitter_begin */
  int open;       /* between pc_splitter_begin and pc_splitter_end */
};

/* A batch keeps at most this much storage when cleared, so that one huge
   statement is not held on to. */
enum { BATCH_KEEP = 1 << 20 };

static void add_chunk(void *user, const Chunk *c) {
  pc_splitter *sp = user;
  pc_batch *b = sp->into;
  if (!fastpath_may_matter(c))
    return;
  size_t at = b->text.len;
  BatchItem *it = buf_append(&b->text, c->text, c->len) == 0
                      ? vec_push(&b->items, sizeof *it, &sp->oom)
                      : NULL;
  if (!it) {
    b->text.len = at;
    b->oom = sp->oom = 1;
    return;
  }
  it->offset = c->base_offset;
  it->text_at = at;
  it->len = c->len;
  it->stmt_start = c->stmt_start;
  it->content_at = c->content_at;
  it->line = c->base_line;
  it->col = c->base_col;
  it->flag = (uint8_t)c->complete;
}

static void add_oversize(void *user, uint64_t off, uint32_t line, uint32_t col,
                         size_t limit, int comments) {
  pc_splitter *sp = user;
  pc_batch *b = sp->into;
  BatchItem *it = vec_push(&b->items, sizeof *it, &sp->oom);
  if (!it) {
    b->oom = 1;
    return;
  }
  it->offset = off;
  it->len = limit;
  it->line = line;
  it->col = col;
  it->oversize = 1;
  it->flag = (uint8_t)comments;
}

pc_splitter *pc_splitter_new(const pc_options *opt) {
  if (pc_options_check(opt) != PC_OK)
    return NULL;
  pc_splitter *sp = pc_malloc(sizeof *sp);
  if (!sp)
    return NULL;
  memset(sp, 0, sizeof *sp);
  sp->max_bytes = opt && opt->max_statement_bytes ? opt->max_statement_bytes
                                                  : DEFAULT_MAX_STATEMENT;
  return sp;
}

void pc_splitter_free(pc_splitter *sp) {
  if (!sp)
    return;
  split_release(&sp->split);
  pc_free(sp);
}

pc_status pc_splitter_begin(pc_splitter *sp) {
  if (!sp || sp->open)
    return PC_EINVAL;
  split_restart(&sp->split, sp->max_bytes, add_chunk, add_oversize, sp,
                &sp->oom);
  sp->oom = 0;
  sp->open = 1;
  return PC_OK;
}

pc_status pc_splitter_feed(pc_splitter *sp, const char *buf, size_t len,
                           pc_batch *b) {
  if (!sp || !sp->open || !b || (!buf && len))
    return PC_EINVAL;
  if (sp->oom)
    return PC_ENOMEM;
  sp->into = b;
  split_feed(&sp->split, buf, len);
  sp->into = NULL;
  return sp->oom ? PC_ENOMEM : PC_OK;
}

pc_status pc_splitter_end(pc_splitter *sp, pc_batch *b) {
  if (!sp || !sp->open || !b)
    return PC_EINVAL;
  sp->open = 0;
  if (!sp->oom) {
    sp->into = b;
    split_finish(&sp->split);
    sp->into = NULL;
  }
  split_trim(&sp->split);
  return sp->oom ? PC_ENOMEM : PC_OK;
}

pc_batch *pc_batch_new(void) {
  pc_batch *b = pc_malloc(sizeof *b);
  if (b)
    memset(b, 0, sizeof *b);
  return b;
}

void pc_batch_free(pc_batch *b) {
  if (!b)
    return;
  vec_release(&b->items);
  buf_release(&b->text);
  pc_free(b);
}

void pc_batch_clear(pc_batch *b) {
  if (!b)
    return;
  vec_recycle(&b->items, sizeof(BatchItem), BATCH_KEEP);
  if (b->text.cap > BATCH_KEEP)
    buf_release(&b->text);
  b->text.len = 0;
  b->oom = 0;
}

size_t pc_batch_size(const pc_batch *b) { return b ? b->text.len : 0; }

pc_status pc_file_feed_batch(pc_ctx *ctx, const pc_batch *b) {
  if (!ctx || !ctx->cur || !b || ctx->fed == FED_BYTES)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  ctx->fed = FED_BATCHES;
  for (size_t i = 0; i < b->items.len && !ctx->oom; i++) {
    const BatchItem *it = VEC_AT(&b->items, BatchItem, i);
    if (it->oversize) {
      check_oversize(ctx, it->offset, it->line, it->col, it->len, it->flag);
      continue;
    }
    Chunk c = {0};
    c.text = b->text.data + it->text_at;
    c.len = it->len;
    c.stmt_start = it->stmt_start;
    c.base_offset = it->offset;
    c.base_line = it->line;
    c.base_col = it->col;
    c.complete = it->flag;
    c.content_at = it->content_at;
    check_chunk(ctx, &c);
  }
  if (b->oom)
    ctx->oom = 1; /* what the batch lacks is missing from the results */
  return ctx->oom ? PC_ENOMEM : PC_OK;
}
