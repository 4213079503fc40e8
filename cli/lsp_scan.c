/*
 * lsp_scan.c - reading the SQL around the cursor for hover and completion.
 *
 * The library's results say what a complete statement is; while a user
 * types, the statement is often incomplete, so these helpers read the
 * text itself: strings ('...' and "..." with backslash escapes, as
 * StarRocks lexes them), comments (--, #, and block comments), ';' between
 * statements, and the '(' of the property list the cursor is in.  They
 * never copy a value out except where asked for one by key
 * (scan_prop_value), which completion uses for selectors only.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lsp.h"

/* One step of the lexical state machine: the offset after the token-ish
   thing at i (a string, a comment, or one byte), and its class. */
enum { SC_BYTE, SC_STRING, SC_COMMENT };

static size_t step(const char *t, size_t len, size_t i, int *cls) {
  char c = t[i];
  if (c == '\'' || c == '"' || c == '`') {
    size_t j = i + 1;
    while (j < len && t[j] != c) {
      if (t[j] == '\\' && c != '`' && j + 1 < len)
        j++;
      j++;
    }
    *cls = SC_STRING;
    return j < len ? j + 1 : len;
  }
  if ((c == '-' && i + 1 < len && t[i + 1] == '-') || c == '#') {
    const char *nl = memchr(t + i, '\n', len - i);
    *cls = SC_COMMENT;
    return nl ? (size_t)(nl - t) : len;
  }
  if (c == '/' && i + 1 < len && t[i + 1] == '*') {
    const char *e = NULL;
    for (size_t j = i + 2; j + 1 < len && !e; j++)
      if (t[j] == '*' && t[j + 1] == '/')
        e = t + j + 2;
    *cls = SC_COMMENT;
    return e ? (size_t)(e - t) : len;
  }
  *cls = SC_BYTE;
  return i + 1;
}

int scan_string_at(const char *text, size_t len, size_t from, size_t at,
                   size_t *start, size_t *end, char *quote) {
  size_t i = from;
  while (i < len && i < at) {
    int cls;
    size_t j = step(text, len, i, &cls);
    if (cls == SC_STRING && text[i] != '`' && at > i &&
        (at < j || (j == len && (j == i + 1 || text[j - 1] != text[i])))) {
      *quote = text[i];
      *start = i + 1;
      /* the content ends before the closing quote (or at the text's end) */
      *end = (j == len && (j == i + 1 || text[j - 1] != text[i])) ? len : j - 1;
      /* an unclosed string ends at the line's end for our purposes */
      const char *nl = memchr(text + *start, '\n', *end - *start);
      if (nl && (size_t)(nl - text) >= at)
        *end = (size_t)(nl - text);
      return at <= *end;
    }
    i = j;
  }
  return 0;
}

static size_t skip_space(const char *t, size_t len, size_t i) {
  while (i < len && isspace((unsigned char)t[i]))
    i++;
  return i;
}

int scan_is_key(const char *text, size_t len, size_t end) {
  size_t i = skip_space(text, len, end + 1);
  return i < len && text[i] == '=';
}

size_t scan_stmt_start(const char *text, size_t at) {
  size_t i = 0, start = 0;
  while (i < at) {
    int cls;
    size_t j = step(text, at, i, &cls);
    if (cls == SC_BYTE && text[i] == ';')
      start = j;
    i = j;
  }
  return start;
}

size_t *scan_stmt_starts(const char *text, size_t len, size_t *n) {
  size_t cap = 64, i = 0;
  size_t *v = malloc(cap * sizeof *v);
  if (!v)
    return NULL;
  *n = 0;
  v[(*n)++] = 0;
  while (i < len) {
    int cls;
    size_t j = step(text, len, i, &cls);
    if (cls == SC_BYTE && text[i] == ';') {
      if (*n == cap) {
        size_t *w = realloc(v, (cap *= 2) * sizeof *v);
        if (!w) {
          free(v);
          return NULL;
        }
        v = w;
      }
      v[(*n)++] = j;
    }
    i = j;
  }
  return v;
}

size_t scan_stmt_end(const char *text, size_t len, size_t from) {
  size_t i = from;
  while (i < len) {
    int cls;
    size_t j = step(text, len, i, &cls);
    if (cls == SC_BYTE && text[i] == ';')
      return i;
    i = j;
  }
  return len;
}

/* The statements with property lists, by their leading keywords (words
   after the first that are not listed are skipped: IF NOT EXISTS, names). */
static const struct {
  const char *words[4];
  pc_stmt_kind kind;
} kind_words[] = {
    {{"CREATE", "EXTERNAL", "CATALOG"}, PC_STMT_CREATE_EXTERNAL_CATALOG},
    {{"ALTER", "CATALOG"}, PC_STMT_ALTER_CATALOG},
    {{"CREATE", "EXTERNAL", "TABLE"}, PC_STMT_CREATE_EXTERNAL_TABLE},
    {{"LOAD", "LABEL"}, PC_STMT_BROKER_LOAD},
    {{"CREATE", "STORAGE", "VOLUME"}, PC_STMT_CREATE_STORAGE_VOLUME},
    {{"ALTER", "STORAGE", "VOLUME"}, PC_STMT_ALTER_STORAGE_VOLUME},
    {{"CREATE", "REPOSITORY"}, PC_STMT_CREATE_REPOSITORY},
    {{"CREATE", "CONNECTION"}, PC_STMT_DATABEND_CREATE_CONNECTION},
    {{"CREATE", "STAGE"}, PC_STMT_DATABEND_CREATE_STAGE},
};

enum { MAX_WORDS = 8, WORD_MAX = 16 };

/* The first words of text[start..end), upper-cased; their count. */
static size_t words_of(const char *t, size_t start, size_t end,
                       char w[MAX_WORDS][WORD_MAX], int *files) {
  size_t n = 0, i = start;
  *files = 0;
  while (i < end) {
    int cls;
    size_t j = step(t, end, i, &cls);
    if (cls != SC_BYTE || !isalpha((unsigned char)t[i])) {
      i = j;
      continue;
    }
    j = i;
    while (j < end && (isalnum((unsigned char)t[j]) || t[j] == '_'))
      j++;
    size_t k = skip_space(t, end, j);
    if (j - i == 5 && strncasecmp(t + i, "FILES", 5) == 0 && k < end &&
        t[k] == '(')
      *files = 1;
    if (n < MAX_WORDS && j - i < WORD_MAX) {
      for (size_t c = 0; c < j - i; c++)
        w[n][c] = (char)toupper((unsigned char)t[i + c]);
      w[n++][j - i] = '\0';
    }
    i = j;
  }
  return n;
}

int scan_stmt_kind(const char *text, size_t start, size_t end) {
  char w[MAX_WORDS][WORD_MAX];
  int files;
  size_t n = words_of(text, start, end, w, &files);
  if (files)
    return PC_STMT_FILES;
  for (size_t k = 0; k < sizeof kind_words / sizeof kind_words[0]; k++) {
    size_t want = 0, i = 0;
    if (n == 0 || strcmp(w[0], kind_words[k].words[0]) != 0)
      continue;
    for (; i < n && want < 4 && kind_words[k].words[want]; i++)
      if (strcmp(w[i], kind_words[k].words[want]) == 0)
        want++;
    if (want == 4 || !kind_words[k].words[want])
      return (int)kind_words[k].kind;
  }
  return -1;
}

int scan_prop_value(const char *text, size_t start, size_t end,
                    const char *key, char *out, size_t n) {
  size_t i = start, klen = strlen(key);
  int found = 0;
  while (i < end) {
    int cls;
    size_t j = step(text, end, i, &cls);
    if (cls == SC_STRING && j - i == klen + 2 &&
        strncmp(text + i + 1, key, klen) == 0) {
      size_t e = skip_space(text, end, j);
      if (e < end && text[e] == '=') {
        size_t v = skip_space(text, end, e + 1);
        int vcls;
        size_t ve = v < end ? step(text, end, v, &vcls) : v;
        if (v < end && vcls == SC_STRING && ve - v >= 2) {
          size_t m = ve - v - 2 < n - 1 ? ve - v - 2 : n - 1;
          memcpy(out, text + v + 1, m);
          out[m] = '\0';
          found = 1; /* the last one wins, as in StarRocks */
        }
      }
    }
    i = j;
  }
  return found;
}

/* The last byte before i that is not white space, or -1. */
static long prev_char(const char *t, size_t floor, size_t i) {
  while (i > floor && isspace((unsigned char)t[i - 1]))
    i--;
  return i > floor ? (long)(i - 1) : -1;
}

int scan_in_key_position(const char *text, size_t stmt_start, size_t qstart) {
  long p = prev_char(text, stmt_start, qstart);
  return p >= 0 && (text[p] == '(' || text[p] == ',');
}

int scan_key_before(const char *text, size_t stmt_start, size_t qstart,
                    char *out, size_t n) {
  long eq = prev_char(text, stmt_start, qstart);
  if (eq < 0 || text[eq] != '=')
    return 0;
  long q = prev_char(text, stmt_start, (size_t)eq);
  if (q < 0 || (text[q] != '"' && text[q] != '\''))
    return 0;
  long o = q - 1;
  while (o >= (long)stmt_start && text[o] != text[q] && text[o] != '\n')
    o--;
  if (o < (long)stmt_start || text[o] != text[q])
    return 0;
  size_t m = (size_t)(q - o - 1);
  if (m >= n)
    return 0;
  memcpy(out, text + o + 1, m);
  out[m] = '\0';
  return 1;
}

long scan_list_open(const char *text, size_t stmt_start, size_t at) {
  long open[64];
  size_t depth = 0, i = stmt_start;
  while (i < at) {
    int cls;
    size_t j = step(text, at, i, &cls);
    if (cls == SC_BYTE && text[i] == '(' && depth < 64)
      open[depth++] = (long)i;
    else if (cls == SC_BYTE && text[i] == ')' && depth)
      depth--;
    i = j;
  }
  return depth ? open[depth - 1] : -1;
}

int scan_word_before(const char *text, size_t stmt_start, size_t paren,
                     char *out, size_t n, size_t *wstart) {
  long e = prev_char(text, stmt_start, paren);
  if (e < 0)
    return 0;
  long s = e;
  while (s > (long)stmt_start &&
         (isalnum((unsigned char)text[s - 1]) || text[s - 1] == '_'))
    s--;
  size_t m = (size_t)(e - s + 1);
  if (!isalpha((unsigned char)text[s]) || m >= n)
    return 0;
  for (size_t c = 0; c < m; c++)
    out[c] = (char)toupper((unsigned char)text[s + (long)c]);
  out[m] = '\0';
  *wstart = (size_t)s;
  return 1;
}

size_t scan_first_token(const char *text, size_t len, size_t from) {
  size_t i = from;
  while (i < len) {
    int cls;
    size_t j = step(text, len, i, &cls);
    if (cls == SC_STRING || (cls == SC_BYTE && !isspace((unsigned char)text[i])))
      return i;
    i = j;
  }
  return len;
}
