/*
 * results.c - what a context holds: its files (made and released here),
 * their statements and findings, the summary, and forgetting what a stream
 * has written.
 */
#include <string.h>

#include "pc_internal.h"

/* ---- Files ---- */

pc_file *results_file_new(pc_ctx *ctx, const char *path) {
  /* everything is allocated before the file joins ctx->files: a file is
     never seen half made */
  pc_file *f = arena_alloc(&ctx->file_arena, sizeof *f);
  const char *copy =
      f ? arena_strndup(&ctx->file_arena, path, strlen(path)) : NULL;
  pc_file **slot =
      copy ? vec_push(&ctx->files, sizeof(pc_file *), &ctx->oom) : NULL;
  if (!slot)
    return NULL;
  f->path = copy;
  *slot = f;
  return f;
}

void results_file_release(pc_file *f) {
  vec_release(&f->stmts);
  vec_release(&f->findings);
  vec_release(&f->file_supp);
  vec_release(&f->connections);
}

/* ---- Reading ---- */

size_t pc_file_count(const pc_ctx *ctx) { return ctx ? ctx->files.len : 0; }

const pc_file *pc_file_at(const pc_ctx *ctx, size_t i) {
  return ctx && i < ctx->files.len ? *VEC_AT(&ctx->files, pc_file *, i) : NULL;
}

const char *pc_file_path(const pc_file *f) { return f ? f->path : NULL; }

size_t pc_file_stmt_count(const pc_file *f) { return f ? f->stmts.len : 0; }

const pc_stmt *pc_file_stmt_at(const pc_file *f, size_t i) {
  return f && i < f->stmts.len ? *VEC_AT(&f->stmts, pc_stmt *, i) : NULL;
}

size_t pc_file_finding_count(const pc_file *f) {
  return f ? f->findings.len : 0;
}

const pc_finding *pc_file_finding_at(const pc_file *f, size_t i) {
  return f && i < f->findings.len ? &VEC_AT(&f->findings, Finding, i)->pub
                                  : NULL;
}

pc_stmt_kind pc_stmt_kind_of(const pc_stmt *s) {
  return s ? s->kind : PC_STMT_KIND_COUNT;
}

pc_pos pc_stmt_pos(const pc_stmt *s) {
  pc_pos none = {0, 0, 0};
  return s ? s->pos : none;
}

int pc_stmt_service(const pc_stmt *s, pc_service svc, pc_auth *out) {
  pc_auth none = {PC_MODE_NONE, PC_MODE_NONE, NULL};
  if (!s || (unsigned)svc >= PC_SVC_COUNT || !(s->res.used & (1u << svc))) {
    if (out)
      *out = none;
    return 0;
  }
  if (out)
    *out = s->res.auth[svc];
  return 1;
}

size_t pc_stmt_expect_count(const pc_stmt *s) { return s ? s->nexpects : 0; }

const pc_expect *pc_stmt_expect_at(const pc_stmt *s, size_t i) {
  return s && i < s->nexpects ? &s->expects[i] : NULL;
}

size_t pc_stmt_policy_count(const pc_stmt *s) { return s ? s->npolicies : 0; }

const pc_policy *pc_stmt_policy_at(const pc_stmt *s, size_t i) {
  return s && i < s->npolicies ? &s->policies[i] : NULL;
}

size_t pc_stmt_finding_count(const pc_stmt *s) { return s ? s->nfindings : 0; }

const pc_finding *pc_stmt_finding_at(const pc_stmt *s, size_t i) {
  return s && i < s->nfindings ? &s->findings[i].pub : NULL;
}

static void count(pc_summary *sum, const pc_finding *f) {
  switch (f->severity) {
  case PC_SEV_ERROR:
    sum->errors++;
    break;
  case PC_SEV_WARNING:
    sum->warnings++;
    break;
  case PC_SEV_NOTE:
    sum->notes++;
    break;
  }
}

/* Adds the statements and findings of f to sum; with whole, the file
   itself too. */
static void tally(pc_summary *sum, const pc_file *f, int whole) {
  if (whole) {
    sum->files++;
    sum->suppressed += f->suppressed;
  }
  sum->statements += f->stmts.len;
  for (size_t j = 0; j < f->findings.len; j++)
    count(sum, &VEC_AT(&f->findings, Finding, j)->pub);
  for (size_t j = 0; j < f->stmts.len; j++) {
    const pc_stmt *s = *VEC_AT(&f->stmts, pc_stmt *, j);
    for (size_t k = 0; k < s->nfindings; k++)
      count(sum, &s->findings[k].pub);
  }
}

pc_summary pc_ctx_summary(const pc_ctx *ctx) {
  pc_summary sum = {0};
  if (!ctx)
    return sum;
  sum = ctx->forgotten;
  for (size_t i = 0; i < ctx->files.len; i++)
    tally(&sum, *VEC_AT(&ctx->files, pc_file *, i), 1);
  return sum;
}

void results_forget_rendered(pc_ctx *ctx) {
  size_t kept = 0;
  for (size_t i = 0; i < ctx->files.len; i++) {
    pc_file *f = *VEC_AT(&ctx->files, pc_file *, i);
    int open = f == ctx->cur;
    tally(&ctx->forgotten, f, !open);
    if (open) {
      f->stmts.len = 0;
      f->findings.len = 0;
      *VEC_AT(&ctx->files, pc_file *, kept++) = f;
    } else {
      results_file_release(f);
    }
  }
  ctx->files.len = kept;
  /* Everything in the results arena has been written; the open file's
     lasting parts are in file_arena. */
  arena_reset(&ctx->arena);
}
