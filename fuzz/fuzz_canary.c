/*
 * fuzz_canary.c - libFuzzer target for the promise that no secret is ever
 * shown, as a class and not as the instances the canary tests list: the
 * input is cut in two at a point its first bytes choose, and a secret
 * written one of the usual ways goes in between (a quoted aws.s3 secret
 * key, a Databend option, a URI's user-info); the fuzzer mutates what
 * surrounds it (unbalanced quotes, comments, broken lists, other
 * engines' syntax).  Every format is rendered, and no 8 bytes of the
 * canary may appear in any of them.  The cut is where SQL's lexer is
 * outside any quote and comment (inside one the "secret" is only text of
 * another value, which may be shown), and before any template or
 * placeholder ('{', '%', '<': a template token is shown as written).  An
 * input that already holds 6 bytes of the canary is skipped: it may show
 * them as a name, legitimately.
 */
#define _GNU_SOURCE /* memmem */
#include "fuzz_common.h"

static const char canary[] = "Qz7mWk2RfX9pLv4Tn8Jd";

/* Does text[0..n) hold `len` consecutive bytes of the canary? */
static int holds_canary(const char *text, size_t n, size_t len) {
  size_t nc = sizeof canary - 1;
  for (size_t k = 0; k + len <= nc; k++)
    if (n >= len && memmem(text, n, canary + k, len))
      return 1;
  return 0;
}

/* Whether p[0..n) ends outside any quote and comment, as the lexer reads
   them, with no template or placeholder in it. */
static int at_top_level(const uint8_t *p, size_t n) {
  char q = 0;
  int line = 0, block = 0;
  for (size_t i = 0; i < n; i++) {
    char c = (char)p[i], d = i + 1 < n ? (char)p[i + 1] : 0;
    if (line)
      line = c != '\n';
    else if (block && c == '*' && d == '/')
      block = 0, i++;
    else if (block)
      continue;
    else if (q && c == '\\')
      i++;
    else if (q)
      q = c == q ? 0 : q;
    else if (c == '\'' || c == '"' || c == '`')
      q = c;
    else if ((c == '-' && d == '-') || c == '#')
      line = 1;
    else if (c == '/' && d == '*')
      block = 1, i++;
    else if (c == '{' || c == '%' || c == '<')
      return 0;
  }
  return !q && !line && !block;
}

static void render_clean(const pc_ctx *ctx, pc_format fmt, unsigned flags,
                         Sink *s) {
  render_checked(ctx, fmt, flags, s);
  if (holds_canary(s->data, s->len, 8))
    die("a piece of the canary secret was rendered");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096 || holds_canary((const char *)data, size, 6))
    return 0;
  uint64_t seed = seed_of(data, size);
  char secret[128];
  static const char *const fills[] = {
      "\"aws.s3.secret_key\" = \"", "SECRET_ACCESS_KEY = '",
      "\"path\" = \"s3a://AKIAIOSFODNN7EXAMPLE:"};
  static const char *const ends[] = {"\"", "'", "@bucket/x.parquet\""};
  int ns = snprintf(secret, sizeof secret, "%s%s%s", fills[seed % 3], canary,
                    ends[seed % 3]);
  size_t cut = size ? (size_t)(seed >> 8) % (size + 1) : 0;
  if (!at_top_level(data, cut))
    return 0;
  char *text = malloc(size + (size_t)ns + 1);
  if (!text)
    die("out of memory");
  memcpy(text, data, cut);
  memcpy(text + cut, secret, (size_t)ns);
  memcpy(text + cut + ns, data + cut, size - cut);
  pc_options opt = {0};
  opt.flags = (seed & 0x10) ? PC_OPT_POLICIES : 0;
  pc_ctx *ctx = pc_ctx_new(&opt);
  if (!ctx)
    die("pc_ctx_new failed");
  pc_status st = pc_check_buffer(ctx, "input.sql", text, size + (size_t)ns);
  if (st == PC_OK) {
    Sink s = {0};
    render_clean(ctx, PC_FORMAT_TEXT, 0, &s);
    render_clean(ctx, PC_FORMAT_JSON, 0, &s);
    render_clean(ctx, PC_FORMAT_SARIF, 0, &s);
    render_clean(ctx, PC_FORMAT_GITHUB, 0, &s);
    render_clean(ctx, PC_FORMAT_GITLAB, 0, &s);
    free(s.data);
  }
  pc_ctx_free(ctx);
  free(text);
  return 0;
}
