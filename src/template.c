/*
 * template.c - template variables, placeholders and Jinja blocks: where
 * one starts and ends, whether a value holds one, and --var filling.
 *
 * The one place that knows the forms (template.h lists them).  The lexer
 * makes a template that stands where a name or a value is expected one
 * token; the parser marks a value that holds one as unknown at lint time;
 * the fast path and the lexer skip Jinja blocks like comments.
 */
#define _GNU_SOURCE /* memmem: glibc, musl, the BSDs and macOS have it */
#include <string.h>

#include "template.h"

/* Longest ${...} and {{ ... }} read as one variable: a longer one is text. */
enum { MAX_DOLLAR = 256, MAX_JINJA_EXPR = 4096, MAX_ANGLE = 64 };

static int is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

/* The offset just after the first `close` (two bytes) in p[from..n), or 0. */
static size_t find_close(const char *p, size_t n, size_t from, const char *close,
                         size_t limit) {
  for (size_t i = from; i + 1 < n && i < limit; i++)
    if (p[i] == close[0] && p[i + 1] == close[1])
      return i + 2;
  return 0;
}

/* ${name}: on one line, not empty. */
static size_t dollar_len(const char *p, size_t n) {
  for (size_t i = 2; i < n && i < MAX_DOLLAR; i++) {
    if (p[i] == '\n' || p[i] == '{')
      return 0;
    if (p[i] == '}')
      return i > 2 ? i + 1 : 0;
  }
  return 0;
}

/* %s, or %(name)s; not %s followed by a letter (%sql is not one). */
static size_t percent_len(const char *p, size_t n) {
  if (n >= 2 && p[1] == 's')
    return n == 2 || !is_word_char((unsigned char)p[2]) ? 2 : 0;
  if (n < 2 || p[1] != '(')
    return 0;
  size_t i = 2;
  while (i < n && is_word_char((unsigned char)p[i]))
    i++;
  if (i == 2 || i + 1 >= n || p[i] != ')' || p[i + 1] != 's')
    return 0;
  return i + 2 < n && is_word_char((unsigned char)p[i + 2]) ? 0 : i + 2;
}

/* <name>: a letter or '_', then word characters, '.' or '-'. */
static size_t angle_len(const char *p, size_t n) {
  if (n < 3 || !(is_word_char((unsigned char)p[1]) && !(p[1] >= '0' && p[1] <= '9')))
    return 0;
  for (size_t i = 2; i < n && i < MAX_ANGLE; i++) {
    if (p[i] == '>')
      return i + 1;
    if (!is_word_char((unsigned char)p[i]) && p[i] != '.' && p[i] != '-')
      return 0;
  }
  return 0;
}

size_t template_at(const char *p, size_t n, TemplateKind *kind) {
  size_t len = 0;
  *kind = TPL_NONE;
  if (n < 2)
    return 0;
  switch (p[0]) {
  case '$':
    len = p[1] == '{' ? dollar_len(p, n) : 0;
    break;
  case '%':
    len = percent_len(p, n);
    break;
  case '<':
    len = angle_len(p, n);
    if (len)
      *kind = TPL_ANGLE;
    return len;
  case '{':
    if (p[1] == '{')
      len = find_close(p, n, 2, "}}", MAX_JINJA_EXPR);
    else if (p[1] == '%' || p[1] == '#') {
      len = find_close(p, n, 2, p[1] == '%' ? "%}" : "#}", (size_t)-1);
      if (len)
        *kind = TPL_BLOCK;
      return len;
    }
    break;
  default:
    return 0;
  }
  if (len)
    *kind = TPL_VAR;
  return len;
}

/* A comment at s[0] (n left): its length, 0 when none starts there. */
static size_t sql_comment_len(const char *s, size_t n) {
  if (n >= 2 && s[0] == '-' && s[1] == '-') {
    const char *nl = memchr(s, '\n', n);
    return nl ? (size_t)(nl - s) : n;
  }
  if (n >= 2 && s[0] == '/' && s[1] == '*') {
    size_t e = find_close(s, n, 2, "*/", (size_t)-1);
    return e ? e : n;
  }
  return 0;
}

size_t template_directive_len(const char *s, size_t n) {
  static const char *const lines[] = {"shell: ", "function: "};
  static const char result[] = "-- result:", end[] = "\n-- !result";
  if (n >= sizeof result - 1 && memcmp(s, result, sizeof result - 1) == 0) {
    const char *e = memmem(s, n, end, sizeof end - 1);
    const char *nl = e ? memchr(e + 1, '\n', n - (size_t)(e + 1 - s)) : NULL;
    return !e ? 0 : nl ? (size_t)(nl - s) : n;
  }
  if (n >= 4 && memcmp(s, "[UC]", 4) == 0) {
    size_t k = template_directive_len(s + 4, n - 4);
    return k ? 4 + k : 4;
  }
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    size_t k = strlen(lines[i]);
    if (n >= k && memcmp(s, lines[i], k) == 0) {
      const char *nl = memchr(s, '\n', n);
      return nl ? (size_t)(nl - s) : n;
    }
  }
  return 0;
}

/* The line at s[0..n) (its end at the '\n' or n): is it a line a mysql
   client prints?  2 for the header of a vertical result, 1 for any other,
   0 for none. */
static int output_line(const char *s, size_t n) {
  static const char *const starts[] = {"Query OK, ", "Empty set (", "ERROR "};
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  s += i;
  n -= i;
  if (n >= 2 && ((s[0] == '+' && s[1] == '-') || s[0] == '|'))
    return 1;
  if (n >= 5 && memcmp(s, "*****", 5) == 0)
    return 2;
  for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++)
    if (n >= strlen(starts[k]) && memcmp(s, starts[k], strlen(starts[k])) == 0)
      return 1;
  size_t d = 0;
  while (d < n && s[d] >= '0' && s[d] <= '9')
    d++;
  return d && (n - d >= 11) &&
         (memcmp(s + d, " row in set", 11) == 0 ||
          (n - d >= 12 && memcmp(s + d, " rows in set", 12) == 0));
}

static size_t line_len(const char *s, size_t n) {
  const char *nl = memchr(s, '\n', n);
  return nl ? (size_t)(nl - s) + 1 : n;
}

size_t template_output_len(const char *s, size_t n) {
  size_t i = 0, end = 0;
  int vertical = 0;
  while (i < n) {
    size_t k = line_len(s + i, n - i);
    int kind = output_line(s + i, k);
    if (vertical && kind != 1) {
      i += k; /* a "Name: value" line of a vertical result */
      continue;
    }
    if (!kind && (s[i] == '\n' || (s[i] == '\r' && k <= 2)) && end) {
      i += k; /* a blank line after the output */
      end = i;
      continue;
    }
    if (!kind)
      break;
    vertical = kind == 2;
    i += k;
    if (!vertical)
      end = i;
  }
  return end;
}

size_t template_skip_lead(const char *s, size_t n) {
  size_t i = 0;
  int line_start = 1;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0') {
      line_start |= c == '\n';
      i++;
      continue;
    }
    size_t k = line_start ? template_directive_len(s + i, n - i) : 0;
    if (!k && line_start)
      k = template_output_len(s + i, n - i);
    if (k) {
      i += k;
      continue;
    }
    line_start = 0;
    k = sql_comment_len(s + i, n - i);
    if (!k && c == '{') {
      TemplateKind kind;
      k = template_at(s + i, n - i, &kind);
      if (kind == TPL_VAR && (s[i + 1] != '{' || !template_is_call(s + i, k)))
        k = 0; /* only {{ config(...) }} stands before a statement */
    }
    if (!k)
      break;
    i += k;
  }
  return i;
}

int template_is_call(const char *p, size_t len) {
  return memchr(p, '(', len) != NULL;
}

int template_open_quote(const char *p, size_t len) {
  char q = 0;
  for (size_t i = 2; i + 2 < len; i++) {
    if (q && p[i] == '\\' && q != '`')
      i++; /* the byte after a backslash stays quoted */
    else if (q && p[i] == q)
      q = 0;
    else if (!q && (p[i] == '\'' || p[i] == '"' || p[i] == '`'))
      q = p[i];
  }
  return q != 0;
}

int template_in_value(const char *v) { return template_in_span(v, strlen(v)); }

int template_in_span(const char *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!template_may_start((unsigned char)v[i]))
      continue;
    TemplateKind kind;
    if (template_at(v + i, n - i, &kind) && kind == TPL_VAR)
      return 1;
  }
  return 0;
}

/* ---- --var ---- */

static void trim(const char **s, const char **e) {
  while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\n'))
    (*s)++;
  while (*e > *s && (
      (*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\n'))
    (*e)--;
}

/* {{ var('NAME') }} or {{ env_var("NAME") }}: NAME in [*s, *e). */
static void jinja_call_arg(const char **s, const char **e) {
  static const char *const calls[] = {"var(", "env_var("};
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
    size_t k = strlen(calls[i]);
    if ((size_t)(*e - *s) < k + 3 || strncmp(*s, calls[i], k) != 0 ||
        (*e)[-1] != ')')
      continue;
    const char *a = *s + k, *b = *e - 1;
    trim(&a, &b);
    if (b - a >= 2 && (*a == '\'' || *a == '"') && b[-1] == *a) {
      *s = a + 1;
      *e = b - 1;
    }
    return;
  }
}

/* The variable a ${...} or {{ ... }} at t[0..len) names, or NULL. */
static const TemplateVar *lookup(const char *t, size_t len, const Vec *vars) {
  const char *s, *e;
  if (t[0] == '$') {
    s = t + 2;
    e = t + len - 1;
  } else if (t[0] == '{') {
    s = t + 2;
    e = t + len - 2;
    trim(&s, &e);
    jinja_call_arg(&s, &e);
  } else {
    return NULL; /* %s and %(name)s are filled by the program, not --var */
  }
  trim(&s, &e);
  for (size_t i = 0; i < vars->len; i++) {
    const TemplateVar *tv = VEC_AT(vars, TemplateVar, i);
    if (strlen(tv->name) == (size_t)(e - s) && memcmp(tv->name, s, e - s) == 0)
      return tv;
  }
  return NULL;
}

const char *template_fill(Arena *a, const char *v, const Vec *vars) {
  if (!vars || vars->len == 0)
    return v;
  size_t n = strlen(v);
  Buf out = {0};
  int filled = 0, fail = 0;
  size_t from = 0;
  for (size_t i = 0; i < n; i++) {
    TemplateKind kind;
    size_t len = template_may_start((unsigned char)v[i])
                     ? template_at(v + i, n - i, &kind)
                     : 0;
    const TemplateVar *tv =
        len && kind == TPL_VAR ? lookup(v + i, len, vars) : NULL;
    if (!tv)
      continue;
    fail |= buf_append(&out, v + from, i - from) ||
            buf_append(&out, tv->value, strlen(tv->value));
    filled = 1;
    i += len - 1;
    from = i + 1;
  }
  if (!filled)
    return v;
  fail |= buf_append(&out, v + from, n - from);
  const char *r = fail ? NULL : arena_strndup(a, out.data, out.len);
  buf_release(&out);
  return r;
}

int template_set_var(Vec *vars, const char *name, const char *value) {
  char *nv = pc_malloc(strlen(value) + 1);
  if (!nv)
    return -1;
  strcpy(nv, value);
  for (size_t i = 0; i < vars->len; i++) {
    TemplateVar *tv = VEC_AT(vars, TemplateVar, i);
    if (strcmp(tv->name, name) == 0) {
      pc_free(tv->value);
      tv->value = nv;
      return 0;
    }
  }
  int oom = 0;
  char *nn = pc_malloc(strlen(name) + 1);
  TemplateVar *tv = nn ? vec_push(vars, sizeof(TemplateVar), &oom) : NULL;
  if (!tv) {
    pc_free(nn);
    pc_free(nv);
    return -1;
  }
  strcpy(nn, name);
  tv->name = nn;
  tv->value = nv;
  return 0;
}

void template_clear_vars(Vec *vars) {
  for (size_t i = 0; i < vars->len; i++) {
    TemplateVar *tv = VEC_AT(vars, TemplateVar, i);
    pc_free(tv->name);
    pc_free(tv->value);
  }
  vec_release(vars);
}
