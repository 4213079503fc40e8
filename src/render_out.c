/*
 * render_out.c - a stream's output buffer: what the formats write waits in
 * s->out and goes to the write callback in large pieces.  A failed write
 * or allocation is sticky (s->failed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* Output waits in s->out until it holds this much, or the flush ends. */
enum { OUT_CHUNK = 1 << 16 };

void render_write_out(pc_stream *s) {
  if (s->out.len && !s->failed && s->write(s->user, s->out.data, s->out.len))
    s->failed = 1;
  s->out.len = 0;
}

void render_put(pc_stream *s, const char *data, size_t len) {
  if (s->failed)
    return;
  if (buf_append(&s->out, data, len))
    s->failed = 2;
  if (s->out.len > OUT_CHUNK)
    render_write_out(s);
}

void render_puts(pc_stream *s, const char *str) {
  render_put(s, str, strlen(str));
}

void render_puts_clean(pc_stream *s, const char *str) {
  size_t n = strlen(str), at = s->out.len;
  if (s->failed)
    return;
  if (buf_append(&s->out, str, n)) {
    s->failed = 2;
    return;
  }
  diag_scrub(s->out.data + at, n, 0);
  if (s->out.len > OUT_CHUNK)
    render_write_out(s);
}

void render_printf(pc_stream *s, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof tmp) {
    render_put(s, tmp, (size_t)n);
    return;
  }
  char *big = pc_malloc((size_t)n + 1); /* a long key, say: never cut */
  if (!big) {
    s->failed = 2;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  render_put(s, big, (size_t)n);
  pc_free(big);
}
