/*
 * fix_run.c - --fix, --fix - and --diff: the rounds of fixing a text, and
 * where the result goes.
 *
 * A text is checked, its wanted fixes applied (the safe ones, and the
 * unsafe ones with --unsafe-fixes: pc_fix), and checked again, a few
 * rounds (a renamed key may reveal a value to fix).  --fix writes the file
 * (fix_write.c) and only then reports each edit as "fixed:"; --fix -
 * writes the fixed standard input to standard output (the remaining
 * findings go to standard error); --diff prints a unified diff and
 * changes nothing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The "fixed:" lines of a file, printed once the file is written. */
typedef struct FixLog {
  char *s;
  size_t n, cap;
  int oom;
} FixLog;

static void log_add(FixLog *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void log_add(FixLog *l, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int need = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (need < 0 || l->oom)
    return;
  if (l->n + (size_t)need + 1 > l->cap) {
    size_t cap = (l->n + (size_t)need + 1) * 2;
    char *more = realloc(l->s, cap);
    if (!more) {
      l->oom = 1;
      return;
    }
    l->s = more;
    l->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(l->s + l->n, l->cap - l->n, fmt, ap);
  va_end(ap);
  l->n += (size_t)need;
}

static void note_fix(void *user, const char *path, const pc_finding *f) {
  char *p = cli_clean(path), *d = cli_clean(f->fix->description);
  log_add(user, "%s:%u:%u: fixed: %s%s [%s]\n", p ? p : "?", f->pos.line,
          f->pos.column, d ? d : "?", f->fix->unsafe ? " (unsafe)" : "",
          f->rule);
  free(p);
  free(d);
}

static void say(const char *name, const char *what) {
  fputs("propcheck: ", stderr);
  cli_fput_clean(stderr, name);
  fprintf(stderr, ": %s\n", what);
}

/* Unsafe fixes left in f (offered, not applied). */
static size_t unsafe_left(const pc_file *f) {
  size_t n = 0;
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++) {
      const pc_finding *fd = pc_stmt_finding_at(s, j);
      n += fd->fix && fd->fix->unsafe;
    }
  }
  return n;
}

/* One round: check *text and apply its fixes.  1 when it changed (*text
   replaced), 0 when nothing (more) to fix, -1 on failure (said). */
static int fix_round(const Options *o, const char *name, const Config *cfg,
                     char **text, size_t *len, FixLog *log, size_t *unsafe) {
  pc_ctx *ctx = pc_ctx_new(&o->lib);
  int rc = -1;
  if (ctx && run_apply_levels(ctx, cfg, o) == 0 &&
      pc_check_buffer(ctx, name, *text, *len) == PC_OK) {
    const pc_file *f = pc_file_at(ctx, 0);
    size_t nfixed = 0, out_len = 0;
    char *out = NULL;
    if (fix_blocked(f)) {
      say(name, "not fixed: it has syntax errors");
      rc = 0;
    } else {
      out = fix_apply(f, *text, *len, &out_len, &nfixed, o->unsafe_fixes,
                      note_fix, log);
      rc = out ? 1 : nfixed ? -1 : 0;
      *unsafe = unsafe_left(f);
    }
    if (out) {
      free(*text);
      *text = out;
      *len = out_len;
    }
  }
  if (rc < 0)
    say(name, "not fixed: out of memory");
  pc_ctx_free(ctx);
  return rc;
}

/* Fixes text in place (rounds); *nchanged says whether it changed.
   Returns 0, or 2 on failure. */
static int fix_text(const Options *o, const char *name, const Config *cfg,
                    char **text, size_t *len, FixLog *log, int *changed) {
  enum { MAX_ROUNDS = 4 };
  size_t unsafe = 0;
  *changed = 0;
  for (int round = 0; round < MAX_ROUNDS; round++) {
    int r = fix_round(o, name, cfg, text, len, log, &unsafe);
    if (r < 0)
      return 2;
    if (r == 0)
      break;
    *changed = 1;
  }
  if (unsafe && !o->unsafe_fixes) {
    char msg[128];
    snprintf(msg, sizeof msg,
             "%zu unsafe fix%s not applied (--unsafe-fixes applies them)",
             unsafe, unsafe == 1 ? "" : "es");
    say(name, msg);
  }
  return log->oom ? 2 : 0;
}

int fix_file(const Options *o, const char *path, const Config *cfg) {
  FixTarget t;
  char msg[256];
  if (fix_open(path, &t, msg, sizeof msg) != 0) {
    char why[300];
    snprintf(why, sizeof why, "not fixed: %s", msg);
    say(path, why);
    return 2;
  }
  FixLog log = {0};
  int changed = 0;
  int rc = fix_text(o, path, cfg, &t.text, &t.len, &log, &changed);
  if (rc == 0 && changed && fix_write(&t, t.text, t.len, msg, sizeof msg)) {
    char why[300];
    snprintf(why, sizeof why, "not fixed: %s", msg);
    say(path, why);
    rc = 2;
  } else if (rc == 0 && log.n) {
    fwrite(log.s, 1, log.n, stderr); /* written: now it is "fixed" */
  }
  free(log.s);
  fix_target_free(&t);
  return rc;
}

static int write_stderr(void *user, const char *data, size_t len) {
  (void)user;
  return fwrite(data, 1, len, stderr) == len ? 0 : -1;
}

/* The findings left in text, in o's format on standard error; the exit
   status they make. */
static int report_left(const Options *o, const char *name, const Config *cfg,
                       const char *text, size_t len) {
  pc_ctx *ctx = pc_ctx_new(&o->lib);
  pc_stream *s = pc_stream_new(o->fmt, o->flags & ~(unsigned)PC_RENDER_COLOR,
                               write_stderr, NULL);
  int rc = 2;
  if (ctx && s && run_apply_levels(ctx, cfg, o) == 0 &&
      pc_stream_head(s) == PC_OK &&
      pc_check_buffer(ctx, name, text, len) == PC_OK &&
      pc_stream_flush(s, ctx) == PC_OK) {
    pc_summary sum = pc_ctx_summary(ctx);
    int threshold = o->fail_on ? o->fail_on
                    : cfg->fail_on ? cfg->fail_on
                                   : PC_SEV_WARNING;
    rc = run_fails(&sum, threshold);
    if (pc_stream_tail(s, &sum) != PC_OK)
      rc = 2;
  }
  pc_stream_free(s);
  pc_ctx_free(ctx);
  return rc;
}

int fix_stdin(const Options *o, const Config *cfg) {
  const char *name = o->stdin_name ? o->stdin_name : "<stdin>";
  size_t len = 0;
  char *text = read_fd(0, FIX_MAX, &len);
  if (!text || len > FIX_MAX) {
    say(name, text ? "not fixed: over 64 MiB" : "cannot read it");
    free(text);
    return 2;
  }
  FixLog log = {0};
  int changed = 0;
  int rc = fix_text(o, name, cfg, &text, &len, &log, &changed);
  if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
    rc = 2;
  else if (log.n)
    fwrite(log.s, 1, log.n, stderr);
  int left = report_left(o, name, cfg, text, len);
  free(log.s);
  free(text);
  return rc ? rc : left;
}

int diff_file(const Options *o, const char *path, const Config *cfg,
              int *changed) {
  int is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin && o->stdin_name ? o->stdin_name
                     : is_stdin                ? "<stdin>"
                                               : path;
  FixTarget t = {0};
  char msg[256];
  if (is_stdin) {
    t.text = read_fd(0, FIX_MAX, &t.len);
    if (!t.text || t.len > FIX_MAX) {
      say(name, "cannot read it (or over 64 MiB)");
      fix_target_free(&t);
      return 2;
    }
  } else if (fix_open(path, &t, msg, sizeof msg) != 0) {
    say(name, msg);
    return 2;
  }
  char *fixed = malloc(t.len + 1);
  size_t len = t.len;
  FixLog log = {0};
  int rc = fixed ? 0 : 2, ch = 0;
  if (fixed) {
    memcpy(fixed, t.text, t.len);
    rc = fix_text(o, name, cfg, &fixed, &len, &log, &ch);
  }
  if (rc == 0 && ch) {
    *changed = 1;
    if (diff_print(stdout, name, t.text, t.len, fixed, len) != 0) {
      say(name, "no diff: out of memory");
      rc = 2;
    }
  }
  free(log.s);
  free(fixed);
  fix_target_free(&t);
  return rc;
}
