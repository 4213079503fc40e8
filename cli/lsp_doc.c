/*
 * lsp_doc.c - the documents the editor has open: their text as the editor
 * has it (didOpen, then didChange edits, full or incremental), and the
 * conversion between byte offsets (propcheck's positions) and LSP
 * positions, whose character is counted in UTF-16 code units: a code
 * point of four UTF-8 bytes (U+10000 and up) is two units, every other
 * code point one.  A line ends at "\n", "\r\n" or "\r", as LSP says.
 *
 * A line index (the offset of each line's start) is rebuilt after each
 * edit: one memchr pass, about a tenth of a millisecond for 10,000 lines,
 * so that a position costs a binary search and one line's scan.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lsp.h"

long long lsp_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int index_lines(Doc *d) {
  size_t n = 1;
  for (size_t i = 0; i < d->len; i++)
    if (d->text[i] == '\n' ||
        (d->text[i] == '\r' && (i + 1 >= d->len || d->text[i + 1] != '\n')))
      n++;
  size_t *lines = realloc(d->lines, n * sizeof *lines);
  if (!lines)
    return -1;
  d->lines = lines;
  d->nlines = 0;
  lines[d->nlines++] = 0;
  for (size_t i = 0; i < d->len; i++)
    if (d->text[i] == '\n' ||
        (d->text[i] == '\r' && (i + 1 >= d->len || d->text[i + 1] != '\n')))
      lines[d->nlines++] = i + 1;
  return 0;
}

int doc_replace_all(Doc *d, const char *text, size_t len) {
  return doc_splice(d, 0, d->len, text, len);
}

int doc_splice(Doc *d, size_t a, size_t b, const char *text, size_t len) {
  size_t nlen = d->len - (b - a) + len;
  if (nlen + 1 > d->cap) {
    size_t cap = nlen + 1 + nlen / 4;
    char *t = realloc(d->text, cap);
    if (!t)
      return -1;
    d->text = t;
    d->cap = cap;
  }
  memmove(d->text + a + len, d->text + b, d->len - b);
  memcpy(d->text + a, text, len);
  d->len = nlen;
  d->text[nlen] = '\0';
  d->dirty = 1;
  d->changed = lsp_now_ms();
  return index_lines(d);
}

/* The end of line i's content (before its line break). */
static size_t line_end(const Doc *d, size_t i) {
  size_t e = i + 1 < d->nlines ? d->lines[i + 1] : d->len;
  if (e > d->lines[i] && d->text[e - 1] == '\n')
    e--;
  if (e > d->lines[i] && d->text[e - 1] == '\r')
    e--;
  return e;
}

/* UTF-16 units of the code point whose lead byte is c (0 for a
   continuation byte). */
static unsigned units(unsigned char c) {
  if (c >= 0x80 && c < 0xC0)
    return 0;
  return c >= 0xF0 ? 2 : 1;
}

size_t doc_offset(const Doc *d, uint32_t line, uint32_t character) {
  if (line >= d->nlines)
    return d->len;
  size_t o = d->lines[line], e = line_end(d, line);
  uint32_t u = 0;
  while (o < e) {
    unsigned w = units((unsigned char)d->text[o]);
    if (w && u + w > character)
      break;
    u += w;
    o++;
  }
  /* a position between the halves of a surrogate pair, which is no place
     in UTF-8, is the start of its code point */
  return o;
}

size_t doc_last_at_or_before(const size_t *v, size_t n, size_t x) {
  size_t lo = 0, hi = n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

void doc_position(const Doc *d, size_t offset, uint32_t *line,
                  uint32_t *character) {
  if (offset > d->len)
    offset = d->len;
  size_t lo = doc_last_at_or_before(d->lines, d->nlines, offset);
  uint32_t u = 0;
  for (size_t o = d->lines[lo]; o < offset; o++)
    u += units((unsigned char)d->text[o]);
  *line = (uint32_t)lo;
  *character = u;
}

cJSON *doc_json_position(const Doc *d, size_t offset) {
  uint32_t l, c;
  doc_position(d, offset, &l, &c);
  cJSON *p = cJSON_CreateObject();
  if (p) {
    cJSON_AddNumberToObject(p, "line", l);
    cJSON_AddNumberToObject(p, "character", c);
  }
  return p;
}

cJSON *doc_json_range(const Doc *d, size_t start, size_t end) {
  cJSON *r = cJSON_CreateObject();
  if (r) {
    cJSON_AddItemToObject(r, "start", doc_json_position(d, start));
    cJSON_AddItemToObject(r, "end", doc_json_position(d, end));
  }
  return r;
}

int doc_read_position(const Doc *d, const cJSON *pos, size_t *offset) {
  const cJSON *l = cJSON_GetObjectItemCaseSensitive(pos, "line");
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(pos, "character");
  if (!cJSON_IsNumber(l) || !cJSON_IsNumber(c) || l->valuedouble < 0 ||
      c->valuedouble < 0 || l->valuedouble > 4e9 || c->valuedouble > 4e9)
    return -1;
  *offset = doc_offset(d, (uint32_t)l->valuedouble, (uint32_t)c->valuedouble);
  return 0;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

char *doc_uri_path(const char *uri) {
  static const char scheme[] = "file://";
  if (strncmp(uri, scheme, sizeof scheme - 1) != 0)
    return NULL;
  const char *s = uri + sizeof scheme - 1;
  if (*s != '/') { /* file://host/path: only localhost is ours */
    static const char lh[] = "localhost/";
    if (strncmp(s, lh, sizeof lh - 1) != 0)
      return NULL;
    s += sizeof lh - 2;
  }
  char *out = malloc(strlen(s) + 1), *o = out;
  if (!out)
    return NULL;
  for (; *s; s++) {
    int h1, h2;
    if (*s == '%' && (h1 = hexval(s[1])) >= 0 && (h2 = hexval(s[2])) >= 0) {
      *o++ = (char)(h1 * 16 + h2);
      s += 2;
    } else {
      *o++ = *s;
    }
  }
  *o = '\0';
  if (memchr(out, '\0', (size_t)(o - out)) != NULL || strlen(out) == 0) {
    free(out); /* a %00 in the path: not a path */
    return NULL;
  }
  return out;
}

/* ---- The store: a list (an editor has a handful of files open) ---- */

static void doc_free(Doc *d) {
  pc_ctx_free(d->ctx);
  free(d->starts);
  free(d->uri);
  free(d->path);
  free(d->text);
  free(d->lines);
  free(d);
}

Doc *doc_find(DocStore *s, const char *uri) {
  for (Doc *d = s->head; d; d = d->next)
    if (strcmp(d->uri, uri) == 0)
      return d;
  return NULL;
}

Doc *doc_open(DocStore *s, const char *uri, const char *text, size_t len,
              long version) {
  doc_close(s, uri);
  Doc *d = calloc(1, sizeof *d);
  if (!d)
    return NULL;
  d->uri = strdup(uri);
  d->path = doc_uri_path(uri);
  if (!d->uri || doc_replace_all(d, text, len) != 0) {
    doc_free(d);
    return NULL;
  }
  d->version = version;
  d->next = s->head;
  s->head = d;
  return d;
}

void doc_close(DocStore *s, const char *uri) {
  for (Doc **p = &s->head; *p; p = &(*p)->next) {
    if (strcmp((*p)->uri, uri) == 0) {
      Doc *d = *p;
      *p = d->next;
      doc_free(d);
      return;
    }
  }
}

void doc_store_free(DocStore *s) {
  while (s->head) {
    Doc *d = s->head;
    s->head = d->next;
    doc_free(d);
  }
}
