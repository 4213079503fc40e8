/*
 * json_out.c - the library's JSON writer: the JSON and SARIF outputs, and
 * the IAM policy documents.
 *
 * Values are appended to a Buf as they are produced, so a document of any
 * size is written piece by piece (render.c flushes the Buf to the caller's
 * write function).  Output is indented by two spaces per level.  Strings
 * are escaped as RFC 8259 asks; bytes that are not valid UTF-8 become
 * U+FFFD, so the document is valid JSON whatever the input held.
 *
 * Policy documents (jo_init_tabs) keep the layout and escaping cJSON_Print
 * gave them, byte for byte, so that --emit-policy output did not change
 * when cJSON left the library: tabs, arrays on one line, cJSON's escapes.
 */
#include <string.h>

#include "json.h"

void jo_init(JsonOut *j, Buf *b, int depth) {
  memset(j, 0, sizeof *j);
  j->b = b;
  j->depth = depth;
}

void jo_init_tabs(JsonOut *j, Buf *b) {
  jo_init(j, b, 0);
  j->tabs = 1;
}

/* Room for n more bytes (and the NUL) at the end of the buffer: its
   address, or NULL when out of memory (then j->oom is set). */
static char *room(JsonOut *j, size_t n) {
  Buf *b = j->b;
  if (b->len + n < b->cap) /* the usual case */
    return b->data + b->len;
  if (j->oom || buf_reserve(b, n) != 0) {
    j->oom = 1;
    return NULL;
  }
  return b->data + b->len;
}

/* The bytes up to o, written at the end of the buffer by the caller of
   room, are now part of it. */
static void commit(JsonOut *j, char *o) {
  j->b->len = (size_t)(o - j->b->data);
  *o = '\0';
}

static void put(JsonOut *j, const char *s, size_t n) {
  char *o = room(j, n);
  if (o) {
    memcpy(o, s, n);
    commit(j, o + n);
  }
}

/* A new line and the indentation of the current depth, at o. */
static char *newline(const JsonOut *j, char *o) {
  *o++ = '\n';
  memset(o, ' ', (size_t)j->depth * 2);
  return o + (size_t)j->depth * 2;
}

/* begin_value in the policy layout, at o (room for depth tabs and the
   key): in an array ", " before every element but the first; in an
   object ",", a new line and a tab per level before every member, then
   "key":<tab>. */
static void begin_tabbed(JsonOut *j, char *o, const char *key, size_t klen) {
  int d = j->depth < JO_MAX_DEPTH ? j->depth : JO_MAX_DEPTH - 1;
  int more = j->more[d];
  j->more[d] = 1;
  if (j->depth > 0 && j->arr[d]) {
    if (more) {
      memcpy(o, ", ", 2);
      o += 2;
    }
  } else if (j->depth > 0) {
    if (more)
      *o++ = ',';
    *o++ = '\n';
    memset(o, '\t', (size_t)j->depth);
    o += j->depth;
  }
  if (key) {
    *o++ = '"';
    memcpy(o, key, klen);
    o += klen;
    memcpy(o, "\":\t", 3);
    o += 3;
  }
  commit(j, o);
}

/* Starts a value: the comma after the previous one, a new line, the key
   (a name of ours in plain ASCII: written as it is).  One reservation for
   all of it. */
static void begin_value(JsonOut *j, const char *key) {
  size_t klen = key ? strlen(key) : 0;
  char *o = room(j, 2 + (size_t)j->depth * 2 + klen + 4);
  if (!o)
    return;
  if (j->tabs) {
    begin_tabbed(j, o, key, klen);
    return;
  }
  if (j->depth < JO_MAX_DEPTH && j->more[j->depth])
    *o++ = ',';
  if (j->depth < JO_MAX_DEPTH)
    j->more[j->depth] = 1;
  if (j->depth > 0)
    o = newline(j, o);
  if (key) {
    *o++ = '"';
    memcpy(o, key, klen);
    o += klen;
    memcpy(o, "\": ", 3);
    o += 3;
  }
  commit(j, o);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned min;
  if (c < 0xC2 || c > 0xF4)
    return 0;
  if (c < 0xE0)
    len = 2, min = 0x80;
  else if (c < 0xF0)
    len = 3, min = 0x800;
  else
    len = 4, min = 0x10000;
  if (len > n)
    return 0;
  unsigned cp = c & (0x3F >> (len - 1));
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/* 1: the byte is written as it is inside a JSON string (printable ASCII
   but '"' and backslash); NUL, which ends the string, is 0. */
static const unsigned char plain[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x30 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x40 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x50 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    /* 0x60 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x70 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

/* A string escaped as cJSON's print_string_ptr does: '"', backslash and
   bytes below 0x20 (\b \f \n \r \t or \u00xx); every other byte as it
   is, valid UTF-8 or not. */
static void string_tabbed(JsonOut *j, const unsigned char *p) {
  static const char hex[] = "0123456789abcdef";
  put(j, "\"", 1);
  size_t run = 0;
  for (size_t i = 0;; i++) {
    unsigned c = p[i];
    if (c > 0x1F && c != '"' && c != '\\')
      continue;
    put(j, (const char *)p + run, i - run);
    if (c == 0)
      break;
    char esc[6] = {'\\', (char)c, 0};
    size_t k = 2;
    switch (c) {
    case '\b':
      esc[1] = 'b';
      break;
    case '\f':
      esc[1] = 'f';
      break;
    case '\n':
      esc[1] = 'n';
      break;
    case '\r':
      esc[1] = 'r';
      break;
    case '\t':
      esc[1] = 't';
      break;
    case '"':
    case '\\':
      break;
    default:
      memcpy(esc + 1, "u00", 3);
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      k = 6;
    }
    put(j, esc, k);
    run = i + 1;
  }
  put(j, "\"", 1);
}

void jo_string(JsonOut *j, const char *s) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  if (j->tabs) {
    string_tabbed(j, p);
    return;
  }
  put(j, "\"", 1);
  size_t run = 0; /* start of bytes copied as they are */
  for (size_t i = 0;;) {
    while (plain[p[i]])
      i++;
    unsigned c = p[i];
    if (c == 0) {
      put(j, (const char *)p + run, i - run);
      break;
    }
    size_t u = c >= 0x80 ? utf8_len(p + i, strnlen((const char *)p + i, 4)) : 0;
    if (u) {
      i += u;
      continue;
    }
    put(j, (const char *)p + run, i - run);
    char esc[6] = {'\\', 0};
    size_t k = 2;
    switch (c) {
    case '"':
      esc[1] = '"';
      break;
    case '\\':
      esc[1] = '\\';
      break;
    case '\n':
      esc[1] = 'n';
      break;
    case '\t':
      esc[1] = 't';
      break;
    case '\r':
      esc[1] = 'r';
      break;
    default:
      if (c >= 0x80) {
        put(j, "\\ufffd", 6);
        k = 0;
      } else {
        memcpy(esc + 1, "u00", 3);
        esc[4] = hex[c >> 4];
        esc[5] = hex[c & 15];
        k = 6;
      }
    }
    if (k)
      put(j, esc, k);
    run = ++i;
  }
  put(j, "\"", 1);
}

void jo_open(JsonOut *j, const char *key, char brace) {
  begin_value(j, key);
  put(j, &brace, 1);
  j->depth++;
  if (j->depth < JO_MAX_DEPTH) {
    j->more[j->depth] = 0;
    j->arr[j->depth] = brace == '[';
  }
}

void jo_close(JsonOut *j, char brace) {
  int had = j->depth < JO_MAX_DEPTH && j->more[j->depth];
  j->depth--;
  char *o = room(j, 2 + (size_t)j->depth * 2);
  if (!o)
    return;
  if (j->tabs && brace == '}') { /* cJSON: a new line even when empty */
    *o++ = '\n';
    memset(o, '\t', (size_t)j->depth);
    o += j->depth;
  } else if (had && !j->tabs) {
    o = newline(j, o);
  }
  *o++ = brace;
  commit(j, o);
}

void jo_str(JsonOut *j, const char *key, const char *s) {
  begin_value(j, key);
  jo_string(j, s);
}

void jo_uint(JsonOut *j, const char *key, uint64_t v) {
  char tmp[24];
  size_t k = sizeof tmp;
  do {
    tmp[--k] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  begin_value(j, key);
  put(j, tmp + k, sizeof tmp - k);
}

void jo_raw(JsonOut *j, const char *key, const char *json) {
  begin_value(j, key);
  put(j, json, strlen(json));
}
