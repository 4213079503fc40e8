/*
 * fix.c - propcheck --fix: apply the certain edits and nothing else.
 *
 * Only findings that carry a pc_fix are touched (a misspelled or wrongly
 * cased key with one close match, a legacy key name, a boolean written "1"
 * or "TRUE "); every other byte of the file stays as it was.  A file with a
 * syntax error is not touched, unless each one has a safe fix itself.  The new contents go to a temporary file in
 * the same directory, which then replaces the original by a rename.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char *const blocking_rules[] = {
    "syntax-error",        "unterminated", "hash-comment",
    "statement-too-large", "io-error",     NULL};

/* A syntax error with a safe fix of its own (typographic quotes, a pasted
   prompt, a second '=') does not block: fixing it is certain. */
static int blocking(const pc_finding *f) {
  if (f->fix)
    return 0;
  for (size_t i = 0; blocking_rules[i]; i++)
    if (strcmp(f->rule, blocking_rules[i]) == 0)
      return 1;
  return 0;
}

int fix_blocked(const pc_file *f) {
  for (size_t i = 0; i < pc_file_finding_count(f); i++)
    if (blocking(pc_file_finding_at(f, i)))
      return 1;
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++)
      if (blocking(pc_stmt_finding_at(s, j)))
        return 1;
  }
  return 0;
}

static int by_offset(const void *a, const void *b) {
  const pc_finding *x = *(const pc_finding *const *)a;
  const pc_finding *y = *(const pc_finding *const *)b;
  if (x->fix->offset != y->fix->offset)
    return x->fix->offset < y->fix->offset ? -1 : 1;
  return 0;
}

/* Is this fix applied (safe, or unsafe with --unsafe-fixes)? */
static int wanted(const pc_finding *fd, int unsafe_ok) {
  return fd->fix && (unsafe_ok || !fd->fix->unsafe);
}

char *fix_apply(const pc_file *f, const char *buf, size_t len, size_t *out_len,
                size_t *nfixed, int unsafe_ok, FixNote note, void *user) {
  *nfixed = 0;
  size_t n = 0;
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++)
      n += wanted(pc_stmt_finding_at(s, j), unsafe_ok);
  }
  if (n == 0)
    return NULL;
  const pc_finding **fx = malloc(n * sizeof *fx);
  if (!fx) {
    *nfixed = 1; /* say "out of memory" rather than "nothing to fix" */
    return NULL;
  }
  size_t k = 0;
  size_t grow = 0;
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++) {
      const pc_finding *fd = pc_stmt_finding_at(s, j);
      if (wanted(fd, unsafe_ok)) {
        fx[k++] = fd;
        grow += strlen(fd->fix->replacement);
      }
    }
  }
  qsort(fx, n, sizeof *fx, by_offset);
  char *out = malloc(len + grow + 1);
  if (!out) {
    free(fx);
    *nfixed = 1;
    return NULL;
  }
  size_t at = 0, o = 0;
  for (size_t i = 0; i < n; i++) {
    const pc_fix *x = fx[i]->fix;
    if (x->offset < at || x->offset + x->length > len)
      continue; /* overlaps an earlier fix, or stale: skip */
    memcpy(out + o, buf + at, (size_t)x->offset - at);
    o += (size_t)x->offset - at;
    size_t r = strlen(x->replacement);
    memcpy(out + o, x->replacement, r);
    o += r;
    at = (size_t)x->offset + x->length;
    ++*nfixed;
    if (note)
      note(user, pc_file_path(f), fx[i]);
  }
  memcpy(out + o, buf + at, len - at);
  o += len - at;
  free(fx);
  *out_len = o;
  return out;
}
