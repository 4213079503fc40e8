/*
 * verify.c - propcheck --verify: compare each statement's results with
 * the -- expect comments written before it (in the spirit of clang -verify).
 * A statement without expectations is not checked; one with any is fully
 * specified: every finding must be expected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* One difference, kept until the file is done so that they print in
   source order. */
typedef struct Failure {
  pc_pos pos;
  char *text; /* "path:line:col: error: ..." (malloc) */
} Failure;

typedef struct Tally {
  size_t statements;
  size_t expectations;
  size_t failures;
  Failure *list; /* of the current file */
  size_t n, cap;
  int oom; /* an allocation failed: the verdict cannot be trusted */
} Tally;

static void fail(Tally *t, const char *path, pc_pos p, const char *what) {
  t->failures++;
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 16;
    Failure *more = realloc(t->list, cap * sizeof *more);
    if (!more) {
      t->oom = 1;
      return;
    }
    t->list = more;
    t->cap = cap;
  }
  size_t len = strlen(path) + strlen(what) + 48;
  char *text = malloc(len);
  if (!text) {
    t->oom = 1;
    return;
  }
  snprintf(text, len, "%s:%u:%u: error: %s", path, p.line, p.column, what);
  t->list[t->n].pos = p;
  t->list[t->n++].text = text;
}

static int by_pos(const void *a, const void *b) {
  const Failure *x = a, *y = b;
  if (x->pos.line != y->pos.line)
    return x->pos.line < y->pos.line ? -1 : 1;
  if (x->pos.column != y->pos.column)
    return x->pos.column < y->pos.column ? -1 : 1;
  return 0;
}

static void flush_file(Tally *t) {
  if (t->n)
    qsort(t->list, t->n, sizeof *t->list, by_pos);
  for (size_t i = 0; i < t->n; i++) {
    puts(t->list[i].text);
    free(t->list[i].text);
  }
  t->n = 0;
}

static void auth_text(char *buf, size_t n, pc_auth a) {
  if (a.base != PC_MODE_NONE)
    snprintf(buf, n, "%s(base=%s)", pc_mode_name(a.mode), pc_mode_name(a.base));
  else
    snprintf(buf, n, "%s", pc_mode_name(a.mode));
}

static void verify_stmt(const char *path, const pc_stmt *s, Tally *t) {
  size_t nf = pc_stmt_finding_count(s);
  char *used = calloc(nf ? nf : 1, 1);
  if (!used) {
    t->oom = 1;
    return;
  }
  char msg[1024];
  t->statements++;
  for (size_t i = 0; i < pc_stmt_expect_count(s); i++) {
    const pc_expect *e = pc_stmt_expect_at(s, i);
    t->expectations++;
    switch (e->kind) {
    case PC_EXPECT_INVALID:
      snprintf(msg, sizeof msg, "cannot read this expectation: %s", e->error);
      fail(t, path, e->pos, msg);
      break;
    case PC_EXPECT_NO_FINDINGS:
      break; /* every finding is then unexpected: see below */
    case PC_EXPECT_MODES:
      for (int v = 0; v < PC_SVC_COUNT; v++) {
        if (!(e->services & (1u << v)))
          continue;
        pc_auth got;
        char want[64], have[64];
        auth_text(want, sizeof want, e->auth[v]);
        if (!pc_stmt_service(s, (pc_service)v, &got)) {
          snprintf(msg, sizeof msg,
                   "expected %s=%s, but the statement does "
                   "not use %s",
                   pc_service_name((pc_service)v), want,
                   pc_service_name((pc_service)v));
          fail(t, path, e->pos, msg);
        } else if (got.mode != e->auth[v].mode || got.base != e->auth[v].base) {
          auth_text(have, sizeof have, got);
          snprintf(msg, sizeof msg, "expected %s=%s, got %s=%s",
                   pc_service_name((pc_service)v), want,
                   pc_service_name((pc_service)v), have);
          fail(t, path, e->pos, msg);
        }
      }
      break;
    case PC_EXPECT_FINDING: {
      size_t j = 0;
      for (; j < nf; j++) {
        const pc_finding *f = pc_stmt_finding_at(s, j);
        if (!used[j] && f->severity == e->severity &&
            strcmp(f->rule, e->rule) == 0)
          break;
      }
      if (j < nf) {
        used[j] = 1;
      } else {
        snprintf(msg, sizeof msg, "expected %s [%s] was not reported",
                 pc_severity_name(e->severity), e->rule);
        fail(t, path, e->pos, msg);
      }
      break;
    }
    }
  }
  for (size_t j = 0; j < nf; j++) {
    if (used[j])
      continue;
    const pc_finding *f = pc_stmt_finding_at(s, j);
    snprintf(msg, sizeof msg, "unexpected %s [%s]: %s",
             pc_severity_name(f->severity), f->rule, f->message);
    fail(t, path, f->pos, msg);
  }
  free(used);
}

int verify_report(const pc_ctx *ctx) {
  Tally t = {0, 0, 0, NULL, 0, 0, 0};
  int io = 0;
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    for (size_t j = 0; j < pc_file_finding_count(f); j++) {
      const pc_finding *fd = pc_file_finding_at(f, j);
      if (strcmp(fd->rule, "io-error") == 0) {
        printf("%s: error: %s\n", pc_file_path(f), fd->message);
        io = 1;
      } else if (strcmp(fd->rule, "stray-expectation") == 0) {
        fail(&t, pc_file_path(f), fd->pos, fd->message);
      }
    }
    for (size_t j = 0; j < pc_file_stmt_count(f); j++) {
      const pc_stmt *s = pc_file_stmt_at(f, j);
      if (pc_stmt_expect_count(s))
        verify_stmt(pc_file_path(f), s, &t);
    }
    flush_file(&t);
  }
  free(t.list);
  if (t.oom) { /* no summary: it would pass for a complete verdict */
    fputs("propcheck: out of memory: --verify could not check everything\n",
          stderr);
    return 2;
  }
  printf("verify: %zu statement%s with expectations, %zu expectation%s, "
         "%zu failure%s\n",
         t.statements, t.statements == 1 ? "" : "s", t.expectations,
         t.expectations == 1 ? "" : "s", t.failures,
         t.failures == 1 ? "" : "s");
  return io ? 2 : t.failures ? 1 : 0;
}
