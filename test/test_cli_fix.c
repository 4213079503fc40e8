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
#include <sys/stat.h>
#include <unistd.h>

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
  char *out = fix_apply(f, fixable, strlen(fixable), &len, &n, 0, NULL, NULL);
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
  char *out = fix_apply(pc_file_at(ctx, 0), dup, strlen(dup), &len, &n, 0, NULL, NULL);
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

/* The fix of the first finding of rule in text (checked alone), or NULL. */
static const pc_fix *first_fix(pc_ctx *ctx, const char *text,
                               const char *rule) {
  assert_int_equal(pc_check_buffer(ctx, "u.sql", text, strlen(text)), PC_OK);
  const pc_file *f = pc_file_at(ctx, pc_file_count(ctx) - 1);
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++)
      if (strcmp(pc_stmt_finding_at(s, j)->rule, rule) == 0)
        return pc_stmt_finding_at(s, j)->fix;
  }
  return NULL;
}

static void yes_to_true_next_to_keys_should_be_unsafe(void **state) {
  (void)state;
  /* "yes" reads as false: StarRocks uses the keys.  "true" would switch it
     to the instance profile, and the keys become ignored-credential. */
  static const char flip[] =
      "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\",\n"
      " \"hive.metastore.uris\" = \"thrift://h:9083\",\n"
      " \"aws.s3.use_instance_profile\" = \"yes\",\n"
      " \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
      " \"aws.s3.secret_key\" = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\n"
      " \"aws.s3.region\" = \"us-west-2\");\n";
  /* the same value with no keys: "true" changes nothing else: safe */
  static const char alone[] =
      "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\",\n"
      " \"hive.metastore.uris\" = \"thrift://h:9083\",\n"
      " \"aws.s3.use_instance_profile\" = \"yes\",\n"
      " \"aws.s3.region\" = \"us-west-2\");\n";
  pc_ctx *ctx = pc_ctx_new(NULL);
  const pc_fix *x = first_fix(ctx, flip, "bool-read-as-false");
  assert_non_null(x);
  assert_int_equal(x->unsafe, 1);
  size_t len = 0, n = 0;
  assert_null(fix_apply(pc_file_at(ctx, 0), flip, strlen(flip), &len, &n, 0,
                        NULL, NULL));
  char *out = fix_apply(pc_file_at(ctx, 0), flip, strlen(flip), &len, &n, 1,
                        NULL, NULL);
  assert_non_null(out); /* --unsafe-fixes */
  free(out);
  x = first_fix(ctx, alone, "bool-read-as-false");
  assert_non_null(x);
  assert_int_equal(x->unsafe, 0);
  pc_ctx_free(ctx);
}

static void two_renames_to_one_key_should_be_unsafe(void **state) {
  (void)state;
  static const char two[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\",\n"
      "  \"aws.s3.use_instance_profile\" = \"true\",\n"
      "  \"aws.s3.regoin\" = \"us-east-1\", \"aws.s3.regiom\" = \"us-east-2\");\n";
  static const char one[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\",\n"
      "  \"aws.s3.use_instance_profile\" = \"true\",\n"
      "  \"aws.s3.regoin\" = \"us-east-1\");\n";
  pc_ctx *ctx = pc_ctx_new(NULL);
  const pc_fix *x = first_fix(ctx, two, "unknown-key");
  assert_non_null(x);
  assert_int_equal(x->unsafe, 1);
  x = first_fix(ctx, one, "unknown-key");
  assert_non_null(x);
  assert_int_equal(x->unsafe, 0);
  pc_ctx_free(ctx);
}

static void the_writer_should_keep_links_mode_and_refuse_odd_files(void **s) {
  (void)s;
  char dir[] = "/tmp/propcheck-fixw-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char real[128], lnk[128], ro[128], hard[128];
  snprintf(real, sizeof real, "%s/real.sql", dir);
  snprintf(lnk, sizeof lnk, "%s/link.sql", dir);
  snprintf(ro, sizeof ro, "%s/ro.sql", dir);
  snprintf(hard, sizeof hard, "%s/hard.sql", dir);
  FILE *f = fopen(real, "w");
  assert_non_null(f);
  fputs("old\n", f);
  fclose(f);
  assert_int_equal(chmod(real, 0640), 0);
  assert_int_equal(symlink("real.sql", lnk), 0);
  FixTarget t;
  char msg[256];
  assert_int_equal(fix_open(lnk, &t, msg, sizeof msg), 0);
  assert_int_equal(fix_write(&t, "new\n", 4, msg, sizeof msg), 0);
  fix_target_free(&t);
  struct stat st;
  assert_int_equal(lstat(lnk, &st), 0);
  assert_true(S_ISLNK(st.st_mode)); /* the link is kept */
  assert_int_equal(stat(real, &st), 0);
  assert_int_equal(st.st_mode & 07777, 0640);
  assert_int_equal(st.st_uid, geteuid());
  f = fopen(real, "r");
  char got[8] = {0};
  assert_non_null(fgets(got, sizeof got, f));
  fclose(f);
  assert_string_equal(got, "new\n");
  /* a 0444 file, a second hard link, a directory, a FIFO: refused */
  f = fopen(ro, "w");
  fclose(f);
  chmod(ro, 0444);
  assert_int_equal(fix_open(ro, &t, msg, sizeof msg), -1);
  assert_non_null(strstr(msg, "read-only"));
  assert_int_equal(link(real, hard), 0);
  assert_int_equal(fix_open(real, &t, msg, sizeof msg), -1);
  assert_non_null(strstr(msg, "hard links"));
  assert_int_equal(fix_open(dir, &t, msg, sizeof msg), -1);
  char fifo[128];
  snprintf(fifo, sizeof fifo, "%s/fifo.sql", dir);
  assert_int_equal(mkfifo(fifo, 0644), 0);
  assert_int_equal(fix_open(fifo, &t, msg, sizeof msg), -1);
  assert_non_null(strstr(msg, "regular"));
  unlink(fifo), unlink(hard), unlink(ro), unlink(lnk), unlink(real);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fixes_should_change_only_their_spans),
      cmocka_unit_test(a_file_with_a_syntax_error_should_not_be_fixed),
      cmocka_unit_test(a_rename_onto_an_existing_key_should_not_be_offered),
      cmocka_unit_test(no_fix_should_carry_a_secret),
      cmocka_unit_test(yes_to_true_next_to_keys_should_be_unsafe),
      cmocka_unit_test(two_renames_to_one_key_should_be_unsafe),
      cmocka_unit_test(the_writer_should_keep_links_mode_and_refuse_odd_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
