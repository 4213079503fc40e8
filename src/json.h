/*
 * json.h - the library's JSON reader (json_read.c).
 *
 * One reader for every JSON document the library reads: IAM policies
 * (iam_eval.c) and property maps (props_json.c).  It keeps each value's
 * byte span, so findings point into the caller's text.  The writer, which
 * render*.c and iam_docs.c share, is JsonOut in pc_internal.h (pc_stream
 * embeds it).
 */
#ifndef PC_JSON_H
#define PC_JSON_H

#include "pc_internal.h"

/* A JSON value with its source span.  Strings are decoded (UTF-8, NUL-
   terminated); numbers and literals keep their source text. */
typedef enum JsonType {
  JSON_NULL,
  JSON_BOOL,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT
} JsonType;

typedef struct JsonVal JsonVal;
struct JsonVal {
  JsonType type;
  size_t off, len;       /* the value's bytes in the text */
  const char *key;       /* member name, when the value is in an object */
  size_t key_off;        /* where the member name's '"' is */
  size_t key_len;        /* its length in bytes, quotes included */
  const char *str;       /* JSON_STRING: decoded text; else the source text */
  JsonVal *child, *next; /* first element or member; next sibling */
  size_t n;              /* number of elements or members */
};

enum { JSON_MAX_DEPTH = 64 };

/* The reader's state.  Set s, len, a and bad_off (SIZE_MAX) before
   json_read; the rest starts zeroed. */
typedef struct JsonReader {
  const char *s;
  size_t len, pos;
  Arena *a; /* every value and decoded string; *a->oom on failure */
  int depth;
  const char *err;      /* the first syntax error (static text), or NULL */
  size_t err_off;       /* where it is */
  const char *err_path; /* the JSON path being read then */
  size_t bad_off;       /* first character IAM refuses, or SIZE_MAX */
  uint32_t bad_cp;      /* that character */
  Buf path;             /* JSON path of the value being read */
} JsonReader;

/* Reads r->s[r->pos..len) as one JSON value, in r->a (the caller skips a
   BOM); NULL on a syntax error (r->err, r->err_off, r->err_path say which
   and where) or when out of memory (r->err is NULL, *r->a->oom set).  Text
   after the value is a syntax error. */
JsonVal *json_read(JsonReader *r);

/* The member of object o named key (the first one), or NULL. */
const JsonVal *json_member(const JsonVal *o, const char *key);

/* JSON whitespace, and a decimal digit. */
static inline int json_is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
static inline int json_is_digit(char c) { return c >= '0' && c <= '9'; }

#endif /* PC_JSON_H */
