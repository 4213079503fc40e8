/*
 * json.h - the library's JSON reader (json_read.c) and writer (json_out.c).
 *
 * One reader for every JSON document the library reads: IAM policies
 * (iam_policy.c, iam_statement.c) and property maps (props_json.c).  It
 * keeps each value's byte span, so findings point into the caller's text.
 * One writer for every document it writes: the JSON and SARIF formats
 * (render*.c) and the IAM policies it derives (iam_docs.c).
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

/* ------------------------------------------------------------ json_out.c */

/* A streaming JSON writer: values are appended to b, indented two spaces
   per level.  oom is set when an append fails (the rest is skipped). */
enum { JO_MAX_DEPTH = 16 };
typedef struct JsonOut {
  Buf *b;
  int depth;
  int oom;
  int tabs;                         /* the policy layout (jo_init_tabs) */
  unsigned char more[JO_MAX_DEPTH]; /* a value was written at this depth */
  unsigned char arr[JO_MAX_DEPTH];  /* the container at this depth is [] */
} JsonOut;

/* Starts writing at nesting depth (0 for a document, more for a part). */
void jo_init(JsonOut *j, Buf *b, int depth);
/* Starts a document in the layout of the IAM policies propcheck emits
   (iam_docs.c; cJSON_Print's, which wrote them before): a tab per level,
   "key":<tab>value, arrays on one line with ", " between elements, and
   strings escaped as cJSON does (\" \\ \b \f \n \r \t, \u00XX for other
   control characters, bytes from 0x80 on as they are). */
void jo_init_tabs(JsonOut *j, Buf *b);
/* Each call writes one value; key is its name inside an object (a name of
   ours in plain ASCII, written without escapes), or NULL inside an array
   or at the top. */
void jo_open(JsonOut *j, const char *key, char brace); /* '{' or '[' */
void jo_close(JsonOut *j, char brace);                 /* '}' or ']' */
void jo_str(JsonOut *j, const char *key, const char *s);
void jo_uint(JsonOut *j, const char *key, uint64_t v);
void jo_raw(JsonOut *j, const char *key, const char *json); /* JSON text */
void jo_string(JsonOut *j, const char *s); /* a bare string, escaped */

#endif /* PC_JSON_H */
