/*
 * connector_test.c - propcheck in a connector's own test suite.
 *
 * A connector (or any tool that builds StarRocks catalogs and loads) holds
 * its configuration as a property map, not as SQL.  pc_check_props resolves
 * such a map exactly as the SQL it describes, so a unit test can assert
 * which credential mode StarRocks will use for each service, and which
 * mistakes StarRocks would accept silently.
 *
 * Only the public header is used.  Build and run: make examples-check
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <propcheck.h>

/* ---------------------------------------------------------------- helpers */

#define PROP(k, v) {.key = (k), .value = (v)}
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Example credentials: well formed, not real. */
#define ACCESS_KEY "AKIAQZFIXEXAMPLE0043"
#define SECRET_KEY "QzFixSecret0000000000000000000000000043A"
#define ROLE_ARN "arn:aws:iam::081976408565:role/s3_assumed_role"

/* Checks a property map and returns its one statement.  The context owns
   the result until the next pc_ctx_reset (done here) or pc_ctx_free. */
static const pc_stmt *check(pc_ctx *ctx, const pc_prop_input *in) {
  pc_ctx_reset(ctx);
  assert_int_equal(pc_check_props(ctx, "connector-test", in), PC_OK);
  assert_int_equal(pc_file_count(ctx), 1);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_string_equal(pc_file_path(f), "connector-test");
  assert_int_equal(pc_file_stmt_count(f), 1);
  return pc_file_stmt_at(f, 0);
}

/* The common case: a statement kind and its property list. */
#define CHECK_MAP(ctx, k, props)                                               \
  check((ctx), &(pc_prop_input){.kind = (k), .props = (props),                  \
                                .nprops = COUNT(props)})

/* Asserts the mode (and base, or NULL for none) StarRocks uses for svc. */
static void assert_mode(const pc_stmt *s, pc_service svc, const char *mode,
                        const char *base) {
  pc_auth a;
  assert_true(pc_stmt_service(s, svc, &a)); /* the statement uses svc */
  assert_string_equal(pc_mode_name(a.mode), mode);
  assert_string_equal(pc_mode_name(a.base), base ? base : "none");
}

/* The number of findings of this rule. */
static size_t count_rule(const pc_stmt *s, const char *rule) {
  size_t n = 0;
  for (size_t i = 0; i < pc_stmt_finding_count(s); i++)
    n += strcmp(pc_stmt_finding_at(s, i)->rule, rule) == 0;
  return n;
}

static int setup(void **state) {
  *state = pc_ctx_new(NULL);
  return *state ? 0 : -1;
}

static int teardown(void **state) {
  pc_ctx_free(*state);
  return 0;
}

/* ------------------------------------------------------------------ tests */

/* A Hive catalog on a Hive metastore reading S3 with the instance profile. */
static void instance_profile(void **state) {
  static const pc_prop props[] = {
      PROP("type", "hive"),
      PROP("hive.metastore.uris", "thrift://10.0.1.15:9083"),
      PROP("aws.s3.use_instance_profile", "true"),
      PROP("aws.s3.region", "us-west-2"),
  };
  const pc_stmt *s = CHECK_MAP(*state, PC_STMT_CREATE_EXTERNAL_CATALOG, props);
  pc_auth glue;

  assert_int_equal(pc_stmt_kind_of(s), PC_STMT_CREATE_EXTERNAL_CATALOG);
  assert_mode(s, PC_SVC_S3, "instance_profile", NULL);
  assert_false(pc_stmt_service(s, PC_SVC_GLUE, &glue)); /* not a Glue catalog */
  assert_int_equal(pc_stmt_finding_count(s), 0);
}

/* A broker load assuming a role on top of the instance profile: the input
   also carries the DATA INFILE paths and the load's own PROPERTIES. */
static void assumed_role_on_instance_profile(void **state) {
  static const pc_prop broker[] = {
      PROP("aws.s3.use_instance_profile", "true"),
      PROP("aws.s3.iam_role_arn", ROLE_ARN),
      PROP("aws.s3.region", "us-west-2"),
  };
  static const pc_prop options[] = {PROP("timeout", "3600")};
  static const char *const paths[] = {"s3://sales-raw/2025/11/23/*.parquet"};
  pc_prop_input in = {.kind = PC_STMT_BROKER_LOAD,
                      .props = broker,
                      .nprops = COUNT(broker),
                      .load_props = options,
                      .nload_props = COUNT(options),
                      .paths = paths,
                      .npaths = COUNT(paths)};
  const pc_stmt *s = check(*state, &in);

  assert_mode(s, PC_SVC_S3, "assumed_role", "instance_profile");
  assert_int_equal(pc_stmt_finding_count(s), 0);
}

/* FILES() with an IAM user's keys: it works, and propcheck recommends an
   instance profile instead of long-term keys in SQL. */
static void iam_user_keys(void **state) {
  static const pc_prop props[] = {
      PROP("path", "s3://inserttest/parquet/file.parquet"),
      PROP("format", "parquet"),
      PROP("aws.s3.access_key", ACCESS_KEY),
      PROP("aws.s3.secret_key", SECRET_KEY),
      PROP("aws.s3.region", "us-west-2"),
  };
  const pc_stmt *s = CHECK_MAP(*state, PC_STMT_FILES, props);

  assert_mode(s, PC_SVC_S3, "iam_user", NULL);
  assert_int_equal(pc_stmt_finding_count(s), 1);
  assert_int_equal(count_rule(s, "plaintext-credentials"), 1);
  /* Messages name keys, never their values. */
  const pc_finding *f = pc_stmt_finding_at(s, 0);
  assert_null(strstr(f->message, SECRET_KEY));
  assert_null(strstr(f->message, ACCESS_KEY));

  /* A suite that uses keys on purpose turns the rule off for its context
     (rule levels survive pc_ctx_reset, which check() calls). */
  assert_int_equal(
      pc_ctx_set_rule_level(*state, "plaintext-credentials", PC_LEVEL_OFF),
      PC_OK);
  s = CHECK_MAP(*state, PC_STMT_FILES, props);
  assert_mode(s, PC_SVC_S3, "iam_user", NULL);
  assert_int_equal(pc_stmt_finding_count(s), 0);
}

/* A Hive catalog on Glue: S3 with the instance profile, and Glue with its
   own role assumed on the instance profile. */
static void glue_catalog_with_its_own_role(void **state) {
  static const pc_prop props[] = {
      PROP("type", "hive"),
      PROP("hive.metastore.type", "glue"),
      PROP("aws.s3.use_instance_profile", "true"),
      PROP("aws.s3.region", "us-west-2"),
      PROP("aws.glue.use_instance_profile", "true"),
      PROP("aws.glue.iam_role_arn", "arn:aws:iam::081976408565:role/glue_role"),
      PROP("aws.glue.region", "us-west-2"),
  };
  const pc_stmt *s = CHECK_MAP(*state, PC_STMT_CREATE_EXTERNAL_CATALOG, props);

  assert_mode(s, PC_SVC_S3, "instance_profile", NULL);
  assert_mode(s, PC_SVC_GLUE, "assumed_role", "instance_profile");
  assert_int_equal(pc_stmt_finding_count(s), 0);
}

/* An Iceberg REST catalog (AWS Glue's Iceberg endpoint) signing its requests
   with SigV4; the signing credentials come from the SDK default chain. */
static void iceberg_rest_sigv4(void **state) {
  static const pc_prop props[] = {
      PROP("type", "iceberg"),
      PROP("iceberg.catalog.type", "rest"),
      PROP("iceberg.catalog.uri", "https://glue.us-west-2.amazonaws.com/iceberg"),
      PROP("iceberg.catalog.rest.sigv4-enabled", "true"),
      PROP("iceberg.catalog.rest.signing-name", "glue"),
      PROP("iceberg.catalog.rest.signing-region", "us-west-2"),
      PROP("iceberg.catalog.warehouse", "081976408565"),
      PROP("aws.s3.use_instance_profile", "true"),
      PROP("aws.s3.region", "us-west-2"),
  };
  const pc_stmt *s = CHECK_MAP(*state, PC_STMT_CREATE_EXTERNAL_CATALOG, props);

  assert_mode(s, PC_SVC_REST, "sigv4", "sdk_default");
  assert_mode(s, PC_SVC_S3, "instance_profile", NULL);
  assert_int_equal(pc_stmt_finding_count(s), 0);
}

/* Broken: an access key without its secret.  StarRocks ignores half a pair,
   so S3 has no credentials at all. */
static void access_key_without_secret(void **state) {
  static const pc_prop props[] = {
      PROP("type", "hive"),
      PROP("hive.metastore.uris", "thrift://10.0.1.15:9083"),
      PROP("aws.s3.access_key", ACCESS_KEY),
      PROP("aws.s3.region", "us-west-2"),
  };
  const pc_stmt *s = CHECK_MAP(*state, PC_STMT_CREATE_EXTERNAL_CATALOG, props);

  assert_mode(s, PC_SVC_S3, "none", NULL);
  assert_int_equal(pc_stmt_finding_count(s), 1);
  assert_int_equal(count_rule(s, "missing-key-pair"), 1);
  const pc_finding *f = pc_stmt_finding_at(s, 0);
  assert_int_equal(f->severity, PC_SEV_ERROR);
  assert_string_equal(f->key, "aws.s3.access_key");
}

/* Broken: a misspelled key.  StarRocks ignores it, so the instance profile
   is never used.  Positions are optional; a connector that read its map
   from a file passes them, and the finding points there. */
static void misspelled_key(void **state) {
  static const pc_prop props[] = {
      PROP("type", "hive"),
      PROP("hive.metastore.uris", "thrift://10.0.1.15:9083"),
      {.key = "aws.s3.use_isntance_profile",
       .value = "true",
       .key_pos = {.line = 7, .column = 3}},
      PROP("aws.s3.region", "us-west-2"),
  };
  const pc_stmt *s = CHECK_MAP(*state, PC_STMT_CREATE_EXTERNAL_CATALOG, props);

  assert_mode(s, PC_SVC_S3, "none", NULL);
  assert_int_equal(pc_stmt_finding_count(s), 1);
  const pc_finding *f = pc_stmt_finding_at(s, 0);
  assert_string_equal(f->rule, "unknown-key");
  assert_string_equal(f->key, "aws.s3.use_isntance_profile");
  assert_non_null(strstr(f->message, "aws.s3.use_instance_profile")); /* hint */
  assert_int_equal(f->pos.line, 7);
  assert_int_equal(f->pos.column, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(instance_profile, setup, teardown),
      cmocka_unit_test_setup_teardown(assumed_role_on_instance_profile, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(iam_user_keys, setup, teardown),
      cmocka_unit_test_setup_teardown(glue_catalog_with_its_own_role, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(iceberg_rest_sigv4, setup, teardown),
      cmocka_unit_test_setup_teardown(access_key_without_secret, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(misspelled_key, setup, teardown),
  };
  return cmocka_run_group_tests_name("connector", tests, NULL, NULL);
}
