/*
 * lsp_transport.c - the LSP base protocol over standard input and output.
 *
 * A message is a header part (fields "Name: value" ending in CRLF, then an
 * empty line) and a body of Content-Length bytes of JSON.  Reading goes
 * through poll() with a timeout, so the server can re-check documents when
 * nothing arrives and never blocks a check behind a read (and never reads
 * while checking: one thread, no locks).  A bad header is skipped up to its
 * empty line and reported to the caller, which answers it; nothing in the
 * input can stop the server but its end.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp.h"

void lsp_in_free(LspIn *in) {
  free(in->buf);
  in->buf = NULL;
  in->len = in->cap = 0;
}

/* Reads what is available (one read()); 1 read, 0 end of input, -1 OOM. */
static int fill(LspIn *in) {
  if (in->cap - in->len < 65536) {
    size_t cap = in->cap ? in->cap * 2 : 131072;
    char *b = realloc(in->buf, cap);
    if (!b)
      return -1;
    in->buf = b;
    in->cap = cap;
  }
  ssize_t n;
  do
    n = read(in->fd, in->buf + in->len, in->cap - in->len - 1);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    in->eof = 1;
    return 0;
  }
  in->len += (size_t)n;
  return 1;
}

static void consume(LspIn *in, size_t n) {
  memmove(in->buf, in->buf + n, in->len - n);
  in->len -= n;
}

/* The end of the header part (just past CRLF CRLF), or 0. */
static size_t header_end(const LspIn *in) {
  for (size_t i = 0; i + 3 < in->len; i++)
    if (in->buf[i] == '\r' && memcmp(in->buf + i, "\r\n\r\n", 4) == 0)
      return i + 4;
  return 0;
}

/* Reads Content-Length from the header part [0, hend); -1 when missing or
   malformed (*error says which). */
static long long content_length(const char *h, size_t hend,
                                const char **error) {
  long long length = -1;
  size_t i = 0;
  while (i + 2 < hend) {
    const char *eol = memchr(h + i, '\r', hend - i);
    size_t n = (size_t)(eol - (h + i));
    const char *colon = memchr(h + i, ':', n);
    if (!colon) {
      *error = "a header field without ':'";
      return -1;
    }
    static const char cl[] = "Content-Length";
    if ((size_t)(colon - (h + i)) == sizeof cl - 1 &&
        strncasecmp(h + i, cl, sizeof cl - 1) == 0) {
      const char *v = colon + 1;
      while (*v == ' ')
        v++;
      long long x = 0;
      int digits = 0;
      for (; v < eol && *v >= '0' && *v <= '9' && x < LSP_MAX_MESSAGE * 2LL;
           v++, digits++)
        x = x * 10 + (*v - '0');
      while (v < eol && *v == ' ')
        v++;
      if (!digits || v != eol) {
        *error = "Content-Length is not a number";
        return -1;
      }
      length = x;
    }
    i += n + 2;
  }
  if (length < 0)
    *error = "no Content-Length header";
  return length;
}

/* What is buffered: a message, a bad header, or nothing complete yet. */
static int take(LspIn *in, char **body, size_t *n, const char **error) {
  size_t hend = header_end(in);
  if (!hend) {
    if (in->len > 65536) { /* no header is this long: drop it */
      consume(in, in->len);
      *error = "a header part longer than 64 KiB";
      return LSP_READ_BAD;
    }
    return LSP_READ_TIMEOUT;
  }
  long long length = content_length(in->buf, hend, error);
  if (length < 0 || length > LSP_MAX_MESSAGE) {
    if (length > LSP_MAX_MESSAGE)
      *error = "a message larger than 64 MiB";
    consume(in, hend);
    return LSP_READ_BAD;
  }
  if (in->len - hend < (size_t)length)
    return LSP_READ_TIMEOUT;
  char *b = malloc((size_t)length + 1);
  if (!b) {
    consume(in, hend + (size_t)length);
    *error = "out of memory";
    return LSP_READ_BAD;
  }
  memcpy(b, in->buf + hend, (size_t)length);
  b[length] = '\0';
  consume(in, hend + (size_t)length);
  *body = b;
  *n = (size_t)length;
  return LSP_READ_MESSAGE;
}

int lsp_pending(LspIn *in) {
  if (in->len && header_end(in))
    return 1;
  struct pollfd p = {in->fd, POLLIN, 0};
  return !in->eof && poll(&p, 1, 0) > 0;
}

int lsp_read(LspIn *in, int timeout_ms, char **body, size_t *n,
             const char **error) {
  long long deadline = timeout_ms < 0 ? -1 : lsp_now_ms() + timeout_ms;
  for (;;) {
    int st = take(in, body, n, error);
    if (st != LSP_READ_TIMEOUT)
      return st;
    if (in->eof)
      return LSP_READ_EOF;
    int wait = -1;
    if (deadline >= 0) {
      long long left = deadline - lsp_now_ms();
      if (left <= 0)
        return LSP_READ_TIMEOUT;
      wait = (int)left;
    }
    struct pollfd p = {in->fd, POLLIN, 0};
    int r = poll(&p, 1, wait);
    if (r < 0 && errno == EINTR)
      continue;
    if (r == 0)
      return LSP_READ_TIMEOUT;
    int f = r < 0 ? 0 : fill(in);
    if (f < 0) {
      *error = "out of memory";
      consume(in, in->len);
      return LSP_READ_BAD;
    }
    if (f == 0 && in->len) /* a partial message at the end: dropped */
      in->len = 0;
  }
}

static int write_all(const char *p, size_t n) {
  while (n) {
    ssize_t w = write(1, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int lsp_send(cJSON *msg) {
  if (!msg)
    return -1;
  char *body = cJSON_PrintUnformatted(msg);
  cJSON_Delete(msg);
  if (!body)
    return -1;
  char head[64];
  size_t blen = strlen(body);
  int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", blen);
  int rc = write_all(head, (size_t)hn) || write_all(body, blen) ? -1 : 0;
  free(body);
  return rc;
}

static cJSON *envelope(const cJSON *id) {
  cJSON *m = cJSON_CreateObject();
  if (!m)
    return NULL;
  cJSON_AddStringToObject(m, "jsonrpc", "2.0");
  cJSON *idc = id && (cJSON_IsNumber(id) || cJSON_IsString(id))
                   ? cJSON_Duplicate(id, 0)
                   : cJSON_CreateNull();
  cJSON_AddItemToObject(m, "id", idc);
  return m;
}

int lsp_reply(const cJSON *id, cJSON *result) {
  cJSON *m = envelope(id);
  if (!m) {
    cJSON_Delete(result);
    return -1;
  }
  cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
  return lsp_send(m);
}

int lsp_error(const cJSON *id, int code, const char *message) {
  cJSON *m = envelope(id);
  if (!m)
    return -1;
  cJSON *e = cJSON_AddObjectToObject(m, "error");
  if (e) {
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
  }
  return lsp_send(m);
}

int lsp_notify(const char *method, cJSON *params) {
  cJSON *m = cJSON_CreateObject();
  if (!m) {
    cJSON_Delete(params);
    return -1;
  }
  cJSON_AddStringToObject(m, "jsonrpc", "2.0");
  cJSON_AddStringToObject(m, "method", method);
  cJSON_AddItemToObject(m, "params", params ? params : cJSON_CreateObject());
  return lsp_send(m);
}

int lsp_log(int type, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  cJSON *p = cJSON_CreateObject();
  if (!p)
    return -1;
  cJSON_AddNumberToObject(p, "type", type);
  cJSON_AddStringToObject(p, "message", msg);
  return lsp_notify("window/logMessage", p);
}
