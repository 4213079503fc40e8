/*
 * diff.c - --diff: what --fix would change, as a unified diff (3 lines of
 * context), without a secret in it.
 *
 * Fixes rename keys and rewrite booleans, so a diff line shows every key
 * and the edited text as it is, and masks the rest of what could be a
 * value: a quoted string not followed by '=' that the edit does not touch
 * becomes "***", an unquoted word after '=' becomes ***, and comment text
 * is dropped.  Control and bidi characters print as '?' (clean.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct Line {
  const char *s;
  size_t len; /* without the '\n' */
} Line;

/* The lines of text (malloc'd array); NULL when out of memory. */
static Line *split_lines(const char *text, size_t len, size_t *n) {
  size_t cap = 1;
  for (size_t i = 0; i < len; i++)
    cap += text[i] == '\n';
  Line *v = malloc(cap * sizeof *v);
  if (!v)
    return NULL;
  *n = 0;
  size_t at = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i == len ? i > at : text[i] == '\n') {
      v[(*n)++] = (Line){text + at, i - at};
      at = i + 1;
    }
  }
  return v;
}

static void put_clean_n(FILE *f, const char *s, size_t n) {
  char *copy = malloc(n + 1);
  if (!copy)
    return;
  memcpy(copy, s, n);
  copy[n] = '\0';
  for (size_t i = 0; i < n; i++)
    if (!copy[i])
      copy[i] = '?';
  cli_fput_clean(f, copy);
  free(copy);
}

/* End of the quoted token at s[i] (its quote char q), past the closing
   quote or at the end of the line. */
static size_t quoted_end(const char *s, size_t n, size_t i) {
  char q = s[i];
  for (size_t k = i + 1; k < n; k++) {
    if (s[k] == '\\' && q != '`')
      k++;
    else if (s[k] == q && k + 1 < n && s[k + 1] == q)
      k++;
    else if (s[k] == q)
      return k + 1;
  }
  return n;
}

static int followed_by_eq(const char *s, size_t n, size_t k) {
  while (k < n && (s[k] == ' ' || s[k] == '\t'))
    k++;
  return k < n && s[k] == '=';
}

/* Prints one line, masked; [keep, keep_end) is the edited text. */
static void put_masked(FILE *f, const char *s, size_t n, size_t keep,
                       size_t keep_end) {
  size_t i = 0, from = 0;
  int after_eq = 0;
  while (i < n) {
    char c = s[i];
    size_t end = i + 1;
    int mask = 0;
    if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      put_clean_n(f, s + from, i - from);
      fputs("--", f);
      return;
    } else if (c == '\'' || c == '"' || c == '`') {
      end = quoted_end(s, n, i);
      mask = !followed_by_eq(s, n, end) && (end <= keep || i >= keep_end);
    } else if (after_eq && c != ' ' && c != '\t') {
      while (end < n && !strchr(" \t,)(;", s[end]))
        end++;
      mask = end <= keep || i >= keep_end;
    }
    if (c != ' ' && c != '\t')
      after_eq = c == '=';
    if (mask) {
      put_clean_n(f, s + from, i - from);
      if (c == '\'' || c == '"' || c == '`')
        fprintf(f, "%c***%c", c, c);
      else
        fputs("***", f);
      from = end;
    }
    i = end;
  }
  put_clean_n(f, s + from, n - from);
}

/* The edited span of a changed line: what lies between the common prefix
   and suffix of the old and new lines, in line x. */
static void edited(const Line *x, const Line *y, size_t *from, size_t *to) {
  size_t p = 0;
  while (p < x->len && p < y->len && x->s[p] == y->s[p])
    p++;
  size_t q = 0;
  while (q < x->len - p && q < y->len - p &&
         x->s[x->len - 1 - q] == y->s[y->len - 1 - q])
    q++;
  *from = p;
  *to = x->len - q;
}

static void put_line(FILE *f, char mark, const Line *x, const Line *other) {
  size_t from = 0, to = 0;
  if (other)
    edited(x, other, &from, &to);
  fputc(mark, f);
  put_masked(f, x->s, x->len, from, to);
  fputc('\n', f);
}

enum { CONTEXT = 3 };

/* One hunk: lines [lo, hi) of both sides (same line count). */
static void hunk(FILE *f, const Line *a, const Line *b, size_t lo, size_t hi) {
  fprintf(f, "@@ -%zu,%zu +%zu,%zu @@\n", lo + 1, hi - lo, lo + 1, hi - lo);
  for (size_t i = lo; i < hi; i++) {
    int same = a[i].len == b[i].len && !memcmp(a[i].s, b[i].s, a[i].len);
    if (same) {
      put_line(f, ' ', &a[i], NULL);
      continue;
    }
    put_line(f, '-', &a[i], &b[i]);
    put_line(f, '+', &b[i], &a[i]);
  }
}

static int differs(const Line *a, const Line *b, size_t i) {
  return a[i].len != b[i].len || memcmp(a[i].s, b[i].s, a[i].len) != 0;
}

int diff_print(FILE *f, const char *name, const char *old, size_t old_len,
               const char *new_text, size_t new_len) {
  size_t na = 0, nb = 0;
  Line *a = split_lines(old, old_len, &na);
  Line *b = a ? split_lines(new_text, new_len, &nb) : NULL;
  if (!b || na != nb) { /* fixes never add or remove a line */
    free(a);
    free(b);
    return -1;
  }
  fputs("--- ", f);
  cli_fput_clean(f, name);
  fputs("\n+++ ", f);
  cli_fput_clean(f, name);
  fputc('\n', f);
  for (size_t i = 0; i < na;) {
    if (!differs(a, b, i)) {
      i++;
      continue;
    }
    size_t lo = i > CONTEXT ? i - CONTEXT : 0, last = i;
    for (size_t k = i; k < na && k <= last + 2 * CONTEXT; k++)
      if (differs(a, b, k))
        last = k;
    size_t hi = last + 1 + CONTEXT < na ? last + 1 + CONTEXT : na;
    hunk(f, a, b, lo, hi);
    i = hi;
  }
  free(a);
  free(b);
  return 0;
}
