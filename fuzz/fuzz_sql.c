/*
 * fuzz_sql.c - libFuzzer target for the SQL path: splitter, lexer, parser,
 * resolver, suppression and expectation comments, policy derivation and
 * every output format.
 *
 * Each input is checked twice: whole (pc_check_buffer) and fed in chunks
 * whose sizes come from a PRNG seeded by the input's first bytes.  The two
 * must agree on everything (statement count, each statement's kind,
 * position, service modes and findings, and every rendered format):
 * propcheck.h promises that streaming does not change results.  Any
 * difference aborts.
 */
#include "fuzz_common.h"

static void same_pos(pc_pos a, pc_pos b, const char *what) {
  if (a.line != b.line || a.column != b.column || a.offset != b.offset)
    die(what);
}

static int same_str(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void same_finding(const pc_finding *a, const pc_finding *b) {
  if (!same_str(a->rule, b->rule) || a->severity != b->severity ||
      !same_str(a->message, b->message) || a->length != b->length ||
      !same_str(a->key, b->key) || a->has_related != b->has_related ||
      (a->fix == NULL) != (b->fix == NULL))
    die("chunked: a finding differs");
  same_pos(a->pos, b->pos, "chunked: a finding's position differs");
  if (a->has_related)
    same_pos(a->related, b->related, "chunked: a related position differs");
  if (a->fix &&
      (a->fix->offset != b->fix->offset || a->fix->length != b->fix->length ||
       !same_str(a->fix->replacement, b->fix->replacement)))
    die("chunked: a fix differs");
}

static void same_results(const pc_ctx *a, const pc_ctx *b) {
  if (pc_file_count(a) != 1 || pc_file_count(b) != 1)
    die("not one file");
  const pc_file *fa = pc_file_at(a, 0), *fb = pc_file_at(b, 0);
  if (pc_file_stmt_count(fa) != pc_file_stmt_count(fb))
    die("chunked: statement count differs");
  if (pc_file_finding_count(fa) != pc_file_finding_count(fb))
    die("chunked: file finding count differs");
  for (size_t i = 0; i < pc_file_finding_count(fa); i++)
    same_finding(pc_file_finding_at(fa, i), pc_file_finding_at(fb, i));
  for (size_t i = 0; i < pc_file_stmt_count(fa); i++) {
    const pc_stmt *sa = pc_file_stmt_at(fa, i), *sb = pc_file_stmt_at(fb, i);
    if (pc_stmt_kind_of(sa) != pc_stmt_kind_of(sb))
      die("chunked: a statement kind differs");
    same_pos(pc_stmt_pos(sa), pc_stmt_pos(sb),
             "chunked: a statement position differs");
    for (int svc = 0; svc < PC_SVC_COUNT; svc++) {
      pc_auth x, y;
      int ux = pc_stmt_service(sa, (pc_service)svc, &x);
      int uy = pc_stmt_service(sb, (pc_service)svc, &y);
      if (ux != uy || x.mode != y.mode || x.base != y.base)
        die("chunked: a service mode differs");
    }
    if (pc_stmt_finding_count(sa) != pc_stmt_finding_count(sb))
      die("chunked: a statement's finding count differs");
    for (size_t j = 0; j < pc_stmt_finding_count(sa); j++)
      same_finding(pc_stmt_finding_at(sa, j), pc_stmt_finding_at(sb, j));
    if (pc_stmt_policy_count(sa) != pc_stmt_policy_count(sb))
      die("chunked: a statement's policy count differs");
  }
  pc_summary x = pc_ctx_summary(a), y = pc_ctx_summary(b);
  if (memcmp(&x, &y, sizeof x) != 0)
    die("chunked: the summary differs");
}

/* Renders both contexts in every format; the bytes must be equal.  SARIF
   carries the whole rule table, so it is compared for one input in four
   (to keep the target fast); the others always. */
static void same_output(const pc_ctx *a, const pc_ctx *b, uint64_t seed) {
  static const pc_format fmts[] = {PC_FORMAT_TEXT, PC_FORMAT_JSON,
                                   PC_FORMAT_GITHUB, PC_FORMAT_SARIF};
  size_t nfmts = (seed & 0x18) == 0 ? 4 : 3;
  Sink x = {0}, y = {0};
  for (size_t i = 0; i < nfmts; i++) {
    render_checked(a, fmts[i], 0, &x);
    y.len = 0;
    if (pc_render(b, fmts[i], 0, sink_write, &y) != PC_OK)
      die("pc_render failed");
    if (x.len != y.len || (x.len && memcmp(x.data, y.data, x.len) != 0))
      die("chunked: rendered output differs");
  }
  free(x.data);
  free(y.data);
}

/* Feeds data to ctx in chunks of PRNG-chosen sizes: mostly tiny (the
   worst case for a streaming reader), sometimes large. */
static void feed_chunked(pc_ctx *ctx, const uint8_t *data, size_t size,
                         uint64_t seed) {
  if (pc_file_begin(ctx, "input.sql") != PC_OK)
    die("pc_file_begin failed");
  size_t at = 0;
  while (at < size) {
    uint64_t r = rng_next(&seed);
    size_t n;
    switch (r % 4) {
    case 0:
      n = 1;
      break;
    case 1:
      n = 1 + (size_t)(r >> 8) % 8;
      break;
    case 2:
      n = 1 + (size_t)(r >> 8) % 256;
      break;
    default:
      n = 1 + (size_t)(r >> 8) % 65536;
      break;
    }
    if (n > size - at)
      n = size - at;
    if (pc_file_feed(ctx, (const char *)data + at, n) != PC_OK)
      die("pc_file_feed failed");
    /* an empty feed must change nothing */
    if ((r & 0x30) == 0 && pc_file_feed(ctx, (const char *)data + at, 0))
      die("empty pc_file_feed failed");
    at += n;
  }
  if (pc_file_end(ctx) != PC_OK)
    die("pc_file_end failed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint64_t seed = seed_of(data, size);
  pc_options opt = {0};
  /* Options from the seed: policies on or off, and sometimes a tiny
     statement limit so that the oversize path is exercised. */
  if (seed & 1)
    opt.flags |= PC_OPT_POLICIES;
  if ((seed & 6) == 0)
    opt.max_statement_bytes = 16 + (size_t)(seed >> 8) % 512;
  pc_ctx *whole = pc_ctx_new(&opt), *chunked = pc_ctx_new(&opt);
  if (!whole || !chunked)
    die("pc_ctx_new failed");
  if (pc_check_buffer(whole, "input.sql", (const char *)data, size) != PC_OK)
    die("pc_check_buffer failed");
  feed_chunked(chunked, data, size, seed);
  same_results(whole, chunked);
  same_output(whole, chunked, seed);
  Sink s = {0};
  render_checked(whole, PC_FORMAT_TEXT, PC_RENDER_COLOR, &s);
  render_checked(whole, PC_FORMAT_TEXT,
                 PC_RENDER_NO_SOURCE | PC_RENDER_NO_SUMMARY, &s);
  free(s.data);
  /* A reset context is as good as new. */
  pc_ctx_reset(chunked);
  if (pc_check_buffer(chunked, "input.sql", (const char *)data, size))
    die("pc_check_buffer after reset failed");
  same_results(whole, chunked);
  pc_ctx_free(whole);
  pc_ctx_free(chunked);
  return 0;
}
