/*
 * fuzz_common.h - what the libFuzzer targets share: an output sink that
 * keeps what pc_render writes and checks it, and a small PRNG.
 *
 * Included by one target each (fuzz_sql.c, fuzz_props.c, fuzz_policy.c);
 * everything is static.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "propcheck.h"

/* Everything one pc_render call wrote. */
typedef struct Sink {
  char *data;
  size_t len;
  size_t cap;
} Sink;

static int sink_write(void *user, const char *data, size_t len) {
  Sink *s = user;
  if (len == 0)
    return 0;
  if (!data)
    abort(); /* the renderer handed over a NULL piece */
  if (s->len + len > s->cap) {
    size_t cap = s->cap ? s->cap : 4096;
    while (cap < s->len + len)
      cap *= 2;
    char *p = realloc(s->data, cap);
    if (!p)
      abort();
    s->data = p;
    s->cap = cap;
  }
  memcpy(s->data + s->len, data, len);
  s->len += len;
  return 0;
}

static void die(const char *what) {
  fprintf(stderr, "fuzz: %s\n", what);
  abort();
}

/* Renders ctx in fmt into s (emptied first) and checks the output: it
   rendered, JSON and SARIF parse as one JSON document, text and github
   end with a newline. */
static void render_checked(const pc_ctx *ctx, pc_format fmt, unsigned flags,
                           Sink *s) {
  s->len = 0;
  pc_status st = pc_render(ctx, fmt, flags, sink_write, s);
  if (st != PC_OK)
    die("pc_render failed");
  if (fmt == PC_FORMAT_JSON || fmt == PC_FORMAT_SARIF ||
      fmt == PC_FORMAT_GITLAB) {
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(s->data, s->len, &end, 0);
    if (!doc)
      die("JSON, SARIF or GitLab output does not parse");
    cJSON_Delete(doc);
  } else if (s->len && s->data[s->len - 1] != '\n') {
    die("text or github output does not end with a newline");
  }
}

/* Renders ctx in every format with a few flag sets. */
static inline void render_all(const pc_ctx *ctx) {
  Sink s = {0};
  render_checked(ctx, PC_FORMAT_TEXT, 0, &s);
  render_checked(ctx, PC_FORMAT_TEXT, PC_RENDER_COLOR, &s);
  render_checked(ctx, PC_FORMAT_TEXT,
                 PC_RENDER_NO_SOURCE | PC_RENDER_NO_SUMMARY, &s);
  render_checked(ctx, PC_FORMAT_JSON, 0, &s);
  render_checked(ctx, PC_FORMAT_SARIF, 0, &s);
  render_checked(ctx, PC_FORMAT_GITHUB, 0, &s);
  render_checked(ctx, PC_FORMAT_GITLAB, 0, &s);
  free(s.data);
}

/* xorshift64*: a PRNG seeded from the input, so a crash reproduces. */
static inline uint64_t rng_next(uint64_t *x) {
  *x ^= *x >> 12;
  *x ^= *x << 25;
  *x ^= *x >> 27;
  return *x * 0x2545F4914F6CDD1DULL;
}

static uint64_t seed_of(const uint8_t *data, size_t size) {
  uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (size_t i = 0; i < size && i < 8; i++)
    h = (h ^ data[i]) * 0x100000001B3ULL;
  return h ? h : 1;
}

#endif /* FUZZ_COMMON_H */
