/*
 * json_read.c - the library's JSON reader: a small strict reader that keeps
 * every value's byte span (json.h).  IAM policies (iam_eval.c) and property
 * maps (props_json.c) are read with it.
 *
 * Not cJSON, on purpose: cJSON's parser writes a process-global error slot
 * on every call and allocates through process-wide hooks (the library
 * promises no global mutable state, and every byte through pc_malloc), and
 * findings need every value's source span and JSON path, which cJSON does
 * not keep.  Strict RFC 8259, escapes and UTF-8 decoded, nesting limited to
 * JSON_MAX_DEPTH, memory from the caller's arena.  One pass, linear in the
 * text.
 */
#include <string.h>

#include "json.h"

static int jfail(JsonReader *r, size_t off, const char *msg) {
  if (!r->err) {
    r->err = msg;
    r->err_off = off;
    r->err_path =
        arena_strndup(r->a, r->path.data ? r->path.data : "", r->path.len);
  }
  return -1;
}

static void skip_ws(JsonReader *r) {
  while (r->pos < r->len && json_is_ws(r->s[r->pos]))
    r->pos++;
}

/* IAM accepts only TAB, LF, CR and U+0020-U+00FF in a document. */
static void note_char(JsonReader *r, size_t off, uint32_t cp) {
  int ok = cp == 9 || cp == 10 || cp == 13 || (cp >= 0x20 && cp <= 0xFF);
  if (!ok && r->bad_off == SIZE_MAX) {
    r->bad_off = off;
    r->bad_cp = cp;
  }
}

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static int read_hex4(JsonReader *r, size_t at, uint32_t *out) {
  if (at + 4 > r->len)
    return -1;
  uint32_t v = 0;
  for (size_t i = 0; i < 4; i++) {
    int h = hexval((unsigned char)r->s[at + i]);
    if (h < 0)
      return -1;
    v = v * 16 + (uint32_t)h;
  }
  *out = v;
  return 0;
}

static int put_utf8(Buf *b, uint32_t cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  return buf_append(b, u, n);
}

/* Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is
   not valid UTF-8 (overlong, surrogate, out of range, truncated). */
static size_t utf8_decode(const char *s, size_t len, size_t i, uint32_t *cp) {
  unsigned char c = (unsigned char)s[i];
  size_t n;
  uint32_t v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, v = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, v = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > len)
    return 0;
  for (size_t k = 1; k < n; k++) {
    unsigned char d = (unsigned char)s[i + k];
    if ((d & 0xC0) != 0x80)
      return 0;
    v = (v << 6) | (d & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return n;
}

/* string = '"' chars '"'; at r->s[r->pos] == '"'. */
static int read_string(JsonReader *r, const char **out) {
  size_t start = r->pos++;
  Buf b = {0};
  for (;;) {
    if (r->pos >= r->len) {
      buf_release(&b);
      return jfail(r, start, "this string is never closed");
    }
    size_t at = r->pos;
    unsigned char c = (unsigned char)r->s[at];
    if (c == '"') {
      r->pos++;
      break;
    }
    if (c < 0x20) {
      buf_release(&b);
      return jfail(r, at,
                   "a control character inside a string (write a line break "
                   "as \\n, a tab as \\t)");
    }
    uint32_t cp;
    if (c == '\\') {
      if (at + 1 >= r->len) {
        buf_release(&b);
        return jfail(r, start, "this string is never closed");
      }
      char e = r->s[at + 1];
      static const char esc[] = "\"\\/bfnrt";
      static const char dec[] = "\"\\/\b\f\n\r\t";
      const char *plain = e ? strchr(esc, e) : NULL;
      if (plain) {
        cp = (unsigned char)dec[plain - esc];
        r->pos += 2;
      } else if (e == 'u') {
        if (read_hex4(r, at + 2, &cp) != 0) {
          buf_release(&b);
          return jfail(r, at, "\\u must be followed by four hex digits");
        }
        r->pos += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t lo;
          if (r->pos + 1 < r->len && r->s[r->pos] == '\\' &&
              r->s[r->pos + 1] == 'u' && read_hex4(r, r->pos + 2, &lo) == 0 &&
              lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            r->pos += 6;
          } else {
            buf_release(&b);
            return jfail(r, at, "a lone UTF-16 surrogate in a \\u escape");
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          buf_release(&b);
          return jfail(r, at, "a lone UTF-16 surrogate in a \\u escape");
        }
      } else {
        buf_release(&b);
        return jfail(r, at,
                     "an unknown escape (JSON has \\\" \\\\ \\/ \\b \\f \\n "
                     "\\r \\t \\uXXXX)");
      }
    } else {
      size_t n = utf8_decode(r->s, r->len, at, &cp);
      if (n == 0) {
        buf_release(&b);
        return jfail(r, at, "bytes that are not valid UTF-8");
      }
      r->pos += n;
    }
    note_char(r, at, cp);
    if (put_utf8(&b, cp) != 0) {
      buf_release(&b);
      *r->a->oom = 1;
      return -1;
    }
  }
  *out = arena_strndup(r->a, b.data ? b.data : "", b.len);
  buf_release(&b);
  return *out ? 0 : -1;
}

/* number = "-"? int frac? exp? */
static int read_number(JsonReader *r) {
  size_t i = r->pos;
  if (i < r->len && r->s[i] == '-')
    i++;
  if (i < r->len && r->s[i] == '0') {
    i++;
  } else if (i < r->len && json_is_digit(r->s[i])) {
    while (i < r->len && json_is_digit(r->s[i]))
      i++;
  } else {
    return jfail(r, r->pos, "expected a value");
  }
  if (i < r->len && r->s[i] == '.') {
    i++;
    if (i >= r->len || !json_is_digit(r->s[i]))
      return jfail(r, i, "expected a digit after '.'");
    while (i < r->len && json_is_digit(r->s[i]))
      i++;
  }
  if (i < r->len && (r->s[i] == 'e' || r->s[i] == 'E')) {
    i++;
    if (i < r->len && (r->s[i] == '+' || r->s[i] == '-'))
      i++;
    if (i >= r->len || !json_is_digit(r->s[i]))
      return jfail(r, i, "expected a digit in the exponent");
    while (i < r->len && json_is_digit(r->s[i]))
      i++;
  }
  r->pos = i;
  return 0;
}

static JsonVal *read_value(JsonReader *r);

static size_t path_mark(JsonReader *r) { return r->path.len; }

static void path_reset(JsonReader *r, size_t mark) {
  r->path.len = mark;
  if (r->path.data)
    r->path.data[mark] = '\0';
}

/* array = "[" (value ("," value)*)? "]" */
static int read_array(JsonReader *r, JsonVal *v) {
  JsonVal **tail = &v->child;
  r->pos++;
  skip_ws(r);
  if (r->pos < r->len && r->s[r->pos] == ']') {
    r->pos++;
    return 0;
  }
  for (;;) {
    size_t mark = path_mark(r);
    if (buf_printf(&r->path, "[%zu]", v->n) != 0)
      return -1;
    JsonVal *e = read_value(r);
    path_reset(r, mark);
    if (!e)
      return -1;
    *tail = e;
    tail = &e->next;
    v->n++;
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == ',') {
      r->pos++;
      skip_ws(r);
      continue;
    }
    if (r->pos < r->len && r->s[r->pos] == ']') {
      r->pos++;
      return 0;
    }
    return jfail(r, r->pos, "expected ',' or ']' after an array element");
  }
}

/* object = "{" (string ":" value ("," string ":" value)*)? "}" */
static int read_object(JsonReader *r, JsonVal *v) {
  JsonVal **tail = &v->child;
  r->pos++;
  skip_ws(r);
  if (r->pos < r->len && r->s[r->pos] == '}') {
    r->pos++;
    return 0;
  }
  for (;;) {
    if (r->pos >= r->len || r->s[r->pos] != '"')
      return jfail(r, r->pos,
                   v->n ? "expected a member name in double quotes after ','"
                        : "expected a member name in double quotes or '}'");
    size_t key_off = r->pos;
    const char *key;
    if (read_string(r, &key) != 0)
      return -1;
    size_t key_len = r->pos - key_off;
    skip_ws(r);
    if (r->pos >= r->len || r->s[r->pos] != ':')
      return jfail(r, r->pos, "expected ':' after the member name");
    r->pos++;
    skip_ws(r);
    size_t mark = path_mark(r);
    if (buf_printf(&r->path, "%s%s", mark ? "." : "", key) != 0)
      return -1;
    JsonVal *e = read_value(r);
    path_reset(r, mark);
    if (!e)
      return -1;
    e->key = key;
    e->key_off = key_off;
    e->key_len = key_len;
    *tail = e;
    tail = &e->next;
    v->n++;
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == ',') {
      r->pos++;
      skip_ws(r);
      continue;
    }
    if (r->pos < r->len && r->s[r->pos] == '}') {
      r->pos++;
      return 0;
    }
    return jfail(r, r->pos, "expected ',' or '}' after an object member");
  }
}

/* value = object | array | string | number | true | false | null */
static JsonVal *read_value(JsonReader *r) {
  skip_ws(r);
  if (r->pos >= r->len) {
    jfail(r, r->pos, "the document ends where a value is expected");
    return NULL;
  }
  JsonVal *v = arena_alloc(r->a, sizeof *v);
  if (!v)
    return NULL;
  v->off = r->pos;
  char c = r->s[r->pos];
  int st = 0;
  if (c == '{' || c == '[') {
    if (++r->depth > JSON_MAX_DEPTH) {
      jfail(r, r->pos, "the document is nested too deeply");
      return NULL;
    }
    v->type = c == '{' ? JSON_OBJECT : JSON_ARRAY;
    st = c == '{' ? read_object(r, v) : read_array(r, v);
    r->depth--;
  } else if (c == '"') {
    v->type = JSON_STRING;
    st = read_string(r, &v->str);
  } else if (c == '-' || json_is_digit(c)) {
    v->type = JSON_NUMBER;
    st = read_number(r);
  } else {
    static const char *const words[] = {"true", "false", "null"};
    size_t k = 0;
    while (k < 3 && !(r->len - r->pos >= strlen(words[k]) &&
                      memcmp(r->s + r->pos, words[k], strlen(words[k])) == 0))
      k++;
    if (k == 3) {
      jfail(r, r->pos,
            c == '\'' ? "JSON strings use double quotes, not single quotes"
                      : "expected a value (a string, number, object, array, "
                        "true, false or null)");
      return NULL;
    }
    v->type = k == 2 ? JSON_NULL : JSON_BOOL;
    r->pos += strlen(words[k]);
  }
  if (st != 0)
    return NULL;
  v->len = r->pos - v->off;
  if (v->type != JSON_STRING)
    v->str = arena_strndup(r->a, r->s + v->off, v->len);
  return v->str ? v : NULL;
}

/* Reads the rest of the text as one JSON value. */
JsonVal *json_read(JsonReader *r) {
  JsonVal *root = read_value(r);
  if (root) {
    skip_ws(r);
    if (r->pos < r->len) {
      jfail(r, r->pos, "text after the end of the JSON document");
      root = NULL;
    }
  }
  buf_release(&r->path);
  return root;
}

const JsonVal *json_member(const JsonVal *o, const char *key) {
  if (!o || o->type != JSON_OBJECT)
    return NULL;
  for (const JsonVal *m = o->child; m; m = m->next)
    if (strcmp(m->key, key) == 0)
      return m;
  return NULL;
}
