/*
 * test_fastpath.c - the fast path (fastpath_may_matter) skips only statements
 * in which the full path finds nothing: no statement to resolve, no
 * lexical problem, no propcheck or expect comment.  Every statement of
 * every fixture and a set of near misses is run through both.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_io.h"

#include "pc_internal.h"

typedef struct Walk {
  pc_ctx *ctx;
  size_t fast, slow, slow_empty;
} Walk;

/* Runs the full path over c; returns 1 when it finds anything. */
static int full_path_finds_something(pc_ctx *ctx, const Chunk *c) {
  Unit u;
  Arena scratch;
  arena_init(&scratch, &ctx->oom);
  check_unit_init(&u, ctx, c, &scratch);
  assert_int_equal(check_unit_lex(&u), 0);
  parse_unit(&u);
  int found = u.targets.len > 0 || u.lex.errs.len > 0 || u.loose.len > 0;
  for (size_t i = 0; i < u.lex.comments.len; i++) {
    const char *s, *end;
    lex_comment_text(c, VEC_AT(&u.lex.comments, Comment, i), &s, &end);
    size_t n = (size_t)(end - s);
    for (size_t k = 0; k < n; k++)
      if ((n - k >= 10 && memcmp(s + k, "propcheck:", 10) == 0) ||
          (n - k >= 6 && strncasecmp(s + k, "expect", 6) == 0))
        found = 1;
  }
  for (size_t i = 0; i < u.targets.len; i++)
    vec_release(&VEC_AT(&u.targets, Target, i)->findings);
  vec_release(&u.targets);
  vec_release(&u.loose);
  lex_release(&u.lex);
  arena_release(&scratch);
  return found;
}

static void on_chunk(void *user, const Chunk *c) {
  Walk *w = user;
  int found = full_path_finds_something(w->ctx, c);
  if (!fastpath_may_matter(c)) {
    if (found)
      fail_msg(
          "the fast path skips a statement that matters: %.*s",
          (int)(c->len - c->stmt_start > 200 ? 200 : c->len - c->stmt_start),
          c->text + c->stmt_start);
    w->fast++;
  } else {
    w->slow++;
    w->slow_empty += !found;
  }
}

static void walk(Walk *w, const char *text, size_t len) {
  Splitter sp;
  split_init(&sp, 16u << 20, on_chunk, NULL, w, &w->ctx->oom);
  split_feed(&sp, text, len);
  split_finish(&sp);
  split_release(&sp);
}

static void fixtures_should_agree_with_the_full_path(void **state) {
  (void)state;
  glob_t g;
  assert_int_equal(glob("fixtures/*/*.sql", 0, NULL, &g), 0);
  Walk w = {pc_ctx_new(NULL), 0, 0, 0};
  for (size_t i = 0; i < g.gl_pathc; i++) {
    size_t len;
    char *buf = read_file(g.gl_pathv[i], &len);
    walk(&w, buf, len);
    free(buf);
  }
  globfree(&g);
  print_message("fixtures: %zu statements skipped, %zu checked\n", w.fast,
                w.slow);
  assert_true(w.fast > 10);
  assert_true(w.slow > 100);
  pc_ctx_free(w.ctx);
}

static void near_misses_should_take_the_right_path(void **state) {
  (void)state;
  /* statements that matter, however they are written */
  static const char *const matter[] = {
      "create external catalog c properties (\"type\"=\"hive\");",
      "  CrEaTe STORAGE VOLUME v TYPE = S3 LOCATIONS = (\"s3://b/\");",
      "/* lead */ ALTER CATALOG c SET (\"aws.s3.region\" = \"x\");",
      "LOAD LABEL db.l (DATA INFILE(\"s3://b/f\") INTO TABLE t) WITH BROKER "
      "(\"aws.s3.use_instance_profile\" = \"true\");",
      "load data from s3 's3://b/f' into table t;",
      "INSERT INTO t SELECT * FROM files(\"path\" = \"s3://b/f\");",
      "SELECT * INTO OUTFILE S3 's3://b/f' FROM t;",
      "SELECT 1 # not a comment\n;",
      "-- expect: s3=instance_profile\nSELECT 1;",
      "-- propcheck: disable=unknown-key\nSELECT 1;",
      "/* EXPECT-no-findings */ SELECT 1;",
      /* U+3000 is a blank to the lexer (not to the splitter) */
      "CREATE\xE3\x80\x80"
      "EXTERNAL CATALOG c PROPERTIES (\"type\"=\"hive\");",
      "\xE3\x80\x80"
      "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\"=\"hive\");",
  };
  pc_ctx *ctx = pc_ctx_new(NULL);
  for (size_t i = 0; i < sizeof matter / sizeof matter[0]; i++) {
    Chunk c = {.text = matter[i],
               .len = strlen(matter[i]),
               .base_line = 1,
               .base_col = 1,
               .complete = 1};
    while (c.content_at < c.len && strchr(" \t\n", c.text[c.content_at]))
      c.content_at++;
    if (strncmp(c.text + c.content_at, "/*", 2) == 0)
      c.content_at = (size_t)(strstr(c.text, "*/") - c.text) + 3;
    assert_true(fastpath_may_matter(&c));
    assert_true(full_path_finds_something(ctx, &c));
  }
  /* statements that cannot */
  static const char *const skip[] = {
      "SELECT a, 'x;y', \"--\" FROM t WHERE b = '/*';",
      "INSERT INTO t VALUES (1, 'it''s', \"a\\\"b\");",
      "-- a plain comment\nUPDATE t SET a = 1;",
      "CREATE_TABLE_LIKE x;", /* not the word CREATE */
      "DELETE FROM users WHERE id = 3;",
      /* '$' is an identifier byte: one word, as StarRocks reads it */
      "create$x external catalog c properties (\"type\"=\"hive\");",
  };
  for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
    Chunk c = {.text = skip[i],
               .len = strlen(skip[i]),
               .base_line = 1,
               .base_col = 1,
               .complete = 1};
    if (strncmp(skip[i], "--", 2) == 0)
      c.content_at = (size_t)(strchr(skip[i], '\n') - skip[i]) + 1;
    assert_false(fastpath_may_matter(&c));
    assert_false(full_path_finds_something(ctx, &c));
  }
  /* a statement the splitter did not cut at ';' always takes the full
     path (an unterminated string or comment is only known there) */
  Chunk open = {
      .text = "SELECT 'abc", .len = 11, .base_line = 1, .base_col = 1};
  assert_true(fastpath_may_matter(&open));
  pc_ctx_free(ctx);
}

/* The fast path looks sixteen bytes at a time for pairs of letters: each
   word at every offset (across every sixteen-byte boundary), in both cases,
   is found; the pairs alone are not enough. */
static void words_should_be_found_at_every_offset(void **state) {
  (void)state;
  static const char *const words[] = {"files(",
                                      "FILES(",
                                      "-- expect: x\n",
                                      "-- EXPECT: x\n",
                                      "-- propcheck: x\n",
                                      "-- PropCheck: x\n",
                                      "#"};
  static const char *const pairs[] = {"fit", "EXPO", "upcase", "fi xp pc"};
  char text[128];
  for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
    for (int pad = 0; pad < 40; pad++) {
      int len = snprintf(text, sizeof text, "SELECT %*s%s 1 FROM t;", pad, "",
                         words[w]);
      Chunk c = {.text = text, .len = (size_t)len, .complete = 1};
      if (!fastpath_may_matter(&c))
        fail_msg("'%s' not found at offset %d", words[w], 7 + pad);
    }
  for (size_t w = 0; w < sizeof pairs / sizeof pairs[0]; w++)
    for (int pad = 0; pad < 40; pad++) {
      int len = snprintf(text, sizeof text, "SELECT %*s%s 1 FROM t;", pad, "",
                         pairs[w]);
      Chunk c = {.text = text, .len = (size_t)len, .complete = 1};
      if (fastpath_may_matter(&c))
        fail_msg("'%s' taken for a word at offset %d", pairs[w], 7 + pad);
    }
}

/* A Jinja block or dbt's {{ config(...) }} before the statement word does
   not hide the statement (template.h), nor do the words of statements
   that may carry properties (EXPORT, BACKUP, RESTORE); a templated SELECT
   is still skipped. */
static void templates_should_not_hide_the_statement(void **state) {
  (void)state;
  static const char *const matter[] = {
      "{{ config(materialized='table') }}\nCREATE EXTERNAL CATALOG c "
      "PROPERTIES (\"type\"=\"hive\");",
      "{% if target.name == 'prod' %}\n{# it's prod #}\nALTER CATALOG c SET "
      "(\"aws.s3.region\" = \"x\");",
      "{{ config(tags=['a']) }} {# x #} LOAD LABEL db.l_${uuid0} (DATA "
      "INFILE(\"s3://b/f\") INTO TABLE t) WITH BROKER "
      "(\"aws.s3.use_instance_profile\" = \"true\");",
      /* a template variable standing for the statement's words */
      "{{ verb }} EXTERNAL CATALOG c PROPERTIES (\"type\"=\"hive\");",
      "${verb} STORAGE VOLUME v SET (\"aws.s3.region\" = \"x\");",
  };
  static const char *const words[] = {
      "EXPORT TABLE t TO \"s3://b/e/\" WITH BROKER (\"aws.s3.region\" = "
      "\"x\");",
      "BACKUP SNAPSHOT db.s TO repo;", "restore snapshot db.s from repo;"};
  pc_ctx *ctx = pc_ctx_new(NULL);
  for (size_t i = 0; i < sizeof matter / sizeof matter[0]; i++) {
    Chunk c = {.text = matter[i], .len = strlen(matter[i]), .complete = 1};
    assert_true(fastpath_may_matter(&c));
    assert_true(full_path_finds_something(ctx, &c));
  }
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    Chunk c = {.text = words[i], .len = strlen(words[i]), .complete = 1};
    assert_true(fastpath_may_matter(&c));
  }
  static const char *const text = "{{ config(materialized='view') }}\n"
                                  "SELECT a FROM {{ ref('orders') }};";
  Chunk c = {.text = text, .len = strlen(text), .complete = 1};
  assert_false(fastpath_may_matter(&c));
  pc_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(templates_should_not_hide_the_statement),
      cmocka_unit_test(fixtures_should_agree_with_the_full_path),
      cmocka_unit_test(near_misses_should_take_the_right_path),
      cmocka_unit_test(words_should_be_found_at_every_offset),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
