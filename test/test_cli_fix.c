/*
 * test_cli_fix.c - the --fix engine: only the fixed spans change, a file
 * with a syntax error is left alone, and a fixed file re-checks clean of
 * the fixed findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

static const char fixable[] =
    "-- keys with slips\n"
    "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\",\n"
    "  \"hive.metastore.uris\" = \"thrift://h:9083\",\n"
    "  \"aws.s3.use_isntance_profile\" = \"true\",  -- typo\n"
    "  'AWS.S3.REGION' = 'us-west-2',\n"
    "  \"aws.s3.enable_ssl\" = \" TRUE\");\n";

static size_t count_rule(const pc_file *f, const char *rule) {
  size_t n = 0;
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++)
      n += strcmp(pc_stmt_finding_at(s, j)->rule, rule) == 0;
  }
  return n;
}

static void fixes_should_change_only_their_spans(void **state) {
  (void)state;
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  assert_int_equal(pc_check_buffer(ctx, "f.sql", fixable, strlen(fixable)),
                   PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_false(fix_blocked(f));
  size_t len = 0, n = 0;
  char *out = fix_apply(f, fixable, strlen(fixable), &len, &n, NULL);
  assert_non_null(out);
  assert_int_equal(n, 3);
  const char *want =
      "-- keys with slips\n"
      "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\",\n"
      "  \"hive.metastore.uris\" = \"thrift://h:9083\",\n"
      "  \"aws.s3.use_instance_profile\" = \"true\",  -- typo\n"
      "  'aws.s3.region' = 'us-west-2',\n"
      "  \"aws.s3.enable_ssl\" = \"true\");\n";
  assert_int_equal(len, strlen(want));
  assert_memory_equal(out, want, len);

  /* Re-checked: the fixed findings are gone. */
  pc_ctx *again = pc_ctx_new(NULL);
  assert_int_equal(pc_check_buffer(again, "f.sql", out, len), PC_OK);
  const pc_file *g = pc_file_at(again, 0);
  assert_int_equal(count_rule(g, "unknown-key"), 0);
  assert_int_equal(count_rule(g, "key-case"), 0);
  assert_int_equal(count_rule(g, "bool-read-as-false"), 0);
  pc_ctx_free(again);
  free(out);
  pc_ctx_free(ctx);
}

static void a_file_with_a_syntax_error_should_not_be_fixed(void **state) {
  (void)state;
  static const char broken[] =
      "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\",\n"
      "  \"AWS.S3.REGION\" = \"us-west-2\" \"x\" = \"y\");\n";
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(pc_check_buffer(ctx, "b.sql", broken, strlen(broken)),
                   PC_OK);
  assert_true(fix_blocked(pc_file_at(ctx, 0)));
  pc_ctx_free(ctx);
}

static void a_rename_onto_an_existing_key_should_not_be_offered(void **state) {
  (void)state;
  /* Renaming AWS.S3.REGION would create a duplicate and change which value
     StarRocks uses: not certain, so no fix. */
  static const char dup[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\",\n"
      "  \"aws.s3.use_instance_profile\" = \"true\",\n"
      "  \"AWS.S3.REGION\" = \"us-west-2\", \"aws.s3.region\" = \"eu-west-1\");\n";
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(pc_check_buffer(ctx, "d.sql", dup, strlen(dup)), PC_OK);
  size_t len = 0, n = 0;
  char *out = fix_apply(pc_file_at(ctx, 0), dup, strlen(dup), &len, &n, NULL);
  assert_null(out);
  assert_int_equal(n, 0);
  pc_ctx_free(ctx);
}

static void no_fix_should_carry_a_secret(void **state) {
  (void)state;
  static const char sec[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\",\n"
      "  \"aws.s3.acess_key\" = \"QzqZ9vWxAccessCanary\",\n"
      "  \"aws.s3.secret_key\" = \"QzqZ9vWxSecretCanary0000000000000000000A\");\n";
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(pc_check_buffer(ctx, "s.sql", sec, strlen(sec)), PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++) {
      const pc_fix *x = pc_stmt_finding_at(s, j)->fix;
      if (!x)
        continue;
      assert_null(strstr(x->replacement, "Canary"));
      assert_null(strstr(x->description, "Canary"));
    }
  }
  pc_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fixes_should_change_only_their_spans),
      cmocka_unit_test(a_file_with_a_syntax_error_should_not_be_fixed),
      cmocka_unit_test(a_rename_onto_an_existing_key_should_not_be_offered),
      cmocka_unit_test(no_fix_should_carry_a_secret),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
