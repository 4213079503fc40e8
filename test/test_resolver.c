/*
 * test_resolver.c - credential modes as StarRocks resolves them.
 *
 * Table-driven, through the public API only (pc_check_buffer on SQL text):
 * each row is a property list and the mode and base StarRocks ends up with,
 * plus a rule that must be reported (and one that must not).
 *
 *   aws.s3 / aws.glue   StarRocks AwsCloudConfigurationProvider and
 *                       AwsCloudCredential (precedence: default chain >
 *                       instance profile > web identity > access keys, then
 *                       AssumeRole on top; Boolean.parseBoolean),
 *                       HiveConf.getBoolean (Hive's Glue client reads
 *                       booleans with Hadoop's getBoolean), AstBuilder
 *                       (keys case-sensitive; duplicates: the last one
 *                       wins), AWSGlueClientFactory.newClient (a Glue
 *                       metastore without a mode uses the SDK default chain).
 *   iceberg.catalog.*   OAuth2SecurityConfigBuilder (security none/oauth2/jwt,
 *                       OAuth2 validity and its silent fallback), Iceberg
 *                       RESTSigV4AuthSession (SigV4 credentials).
 *
 * Each AWS row is written once with '@' for the service and checked for
 * aws.s3 in four statement kinds (FILES(), a broker load, a FILE table, a
 * Hive catalog) and for aws.glue in an Iceberg catalog on Glue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "propcheck.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Expected mode of a property list that is not an AWS configuration at all:
   mode none for aws.s3; a Glue metastore then uses the SDK default chain. */
#define NOT_AWS PC_MODE_COUNT

typedef struct Row {
  const char *name;
  const char *props;   /* property entries; '@' stands for the service */
  pc_mode mode;        /* or NOT_AWS */
  pc_mode base;
  const char *rule;    /* must be reported, or NULL */
  const char *absent;  /* must not be reported, or NULL */
} Row;

/* ------------------------------------------------------------ helpers */

/* tmpl with every '@' replaced by svc (malloc'd). */
static char *expand(const char *tmpl, const char *svc) {
  size_t n = strlen(tmpl) + 1, k = strlen(svc);
  for (const char *p = tmpl; *p; p++)
    if (*p == '@')
      n += k;
  char *out = malloc(n);
  assert_non_null(out);
  char *o = out;
  for (const char *p = tmpl; *p; p++) {
    if (*p == '@') {
      memcpy(o, svc, k);
      o += k;
    } else {
      *o++ = *p;
    }
  }
  *o = '\0';
  return out;
}

/* wrapper with its one "%s" replaced by props (malloc'd). */
static char *wrap(const char *wrapper, const char *props) {
  const char *hole = strstr(wrapper, "%s");
  assert_non_null(hole);
  size_t before = (size_t)(hole - wrapper), np = strlen(props);
  size_t after = strlen(hole + 2);
  char *out = malloc(before + np + after + 1);
  assert_non_null(out);
  memcpy(out, wrapper, before);
  memcpy(out + before, props, np);
  memcpy(out + before + np, hole + 2, after + 1);
  return out;
}

static int has_rule(const pc_stmt *s, const char *rule) {
  for (size_t i = 0; i < pc_stmt_finding_count(s); i++)
    if (strcmp(pc_stmt_finding_at(s, i)->rule, rule) == 0)
      return 1;
  return 0;
}

static void print_rules(const pc_stmt *s) {
  for (size_t i = 0; i < pc_stmt_finding_count(s); i++)
    print_message("      %s: %s\n", pc_stmt_finding_at(s, i)->rule,
                  pc_stmt_finding_at(s, i)->message);
}

/* Checks one SQL statement against a row; prints what differs and returns
   the number of differences. */
static int check_sql(const char *where, const Row *r, const char *sql,
                     pc_service svc, pc_mode mode, pc_mode base) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  int bad = 0;
  if (pc_check_buffer(ctx, "row.sql", sql, strlen(sql)) != PC_OK) {
    print_message("[%s | %s] pc_check_buffer failed\n", r->name, where);
    pc_ctx_free(ctx);
    return 1;
  }
  const pc_file *f = pc_file_at(ctx, 0);
  if (pc_file_stmt_count(f) != 1) {
    print_message("[%s | %s] %zu statements resolved, expected 1\n  %s\n",
                  r->name, where, pc_file_stmt_count(f), sql);
    pc_ctx_free(ctx);
    return 1;
  }
  const pc_stmt *s = pc_file_stmt_at(f, 0);
  pc_auth a;
  if (!pc_stmt_service(s, svc, &a)) {
    print_message("[%s | %s] service %s not used\n", r->name, where,
                  pc_service_name(svc));
    bad++;
  } else if (a.mode != mode || a.base != base) {
    print_message("[%s | %s] %s mode %s/%s, expected %s/%s\n", r->name, where,
                  pc_service_name(svc), pc_mode_name(a.mode),
                  pc_mode_name(a.base), pc_mode_name(mode),
                  pc_mode_name(base));
    bad++;
  }
  if (r->rule && !has_rule(s, r->rule)) {
    print_message("[%s | %s] rule %s not reported\n", r->name, where,
                  r->rule);
    bad++;
  }
  if (r->absent && has_rule(s, r->absent)) {
    print_message("[%s | %s] rule %s reported, expected none\n", r->name,
                  where, r->absent);
    bad++;
  }
  if (has_rule(s, "syntax-error")) {
    print_message("[%s | %s] syntax error\n", r->name, where);
    bad++;
  }
  if (bad) {
    print_message("    sql: %s\n    findings:\n", sql);
    print_rules(s);
  }
  pc_ctx_free(ctx);
  return bad;
}

/* ------------------------------------------------------------ aws.s3, aws.glue */

#define AK "\"aws.@.access_key\" = \"AKIAQZRESOLVER000001\""
#define SK "\"aws.@.secret_key\" = \"wJalrQzResolverSecret00000000000000001\""
#define TOK "\"aws.@.session_token\" = \"FwoGZXIvQzResolverSessionToken0001\""
#define DFLT "\"aws.@.use_aws_sdk_default_behavior\" = \"true\""
#define IP "\"aws.@.use_instance_profile\" = \"true\""
#define WI "\"aws.@.use_web_identity_token_file\" = \"true\""
#define ROLE "\"aws.@.iam_role_arn\" = \"arn:aws:iam::123456789012:role/r\""

static const Row aws_rows[] = {
    /* one base mode */
    {"default chain alone", DFLT, PC_MODE_SDK_DEFAULT, PC_MODE_NONE, NULL,
     NULL},
    {"instance profile alone", IP, PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE,
     NULL, NULL},
    {"web identity alone", WI, PC_MODE_WEB_IDENTITY, PC_MODE_NONE, NULL, NULL},
    {"access keys alone", AK ", " SK, PC_MODE_IAM_USER, PC_MODE_NONE, NULL,
     "missing-key-pair"},
    {"access keys with a session token", AK ", " SK ", " TOK,
     PC_MODE_IAM_USER, PC_MODE_NONE, NULL, "setting-without-effect"},
    /* precedence */
    {"default chain beats instance profile", IP ", " DFLT,
     PC_MODE_SDK_DEFAULT, PC_MODE_NONE, "conflicting-modes", NULL},
    {"default chain beats web identity", WI ", " DFLT, PC_MODE_SDK_DEFAULT,
     PC_MODE_NONE, "conflicting-modes", NULL},
    {"instance profile beats web identity", WI ", " IP,
     PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, "conflicting-modes", NULL},
    {"default chain beats access keys", AK ", " SK ", " DFLT,
     PC_MODE_SDK_DEFAULT, PC_MODE_NONE, "ignored-credential", NULL},
    {"instance profile beats access keys", AK ", " SK ", " IP,
     PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, "ignored-credential", NULL},
    {"web identity beats access keys", AK ", " SK ", " WI,
     PC_MODE_WEB_IDENTITY, PC_MODE_NONE, "ignored-credential", NULL},
    {"web identity ignores a session token", TOK ", " WI,
     PC_MODE_WEB_IDENTITY, PC_MODE_NONE, "ignored-credential", NULL},
    {"every mode at once: the default chain wins",
     AK ", " SK ", " WI ", " IP ", " DFLT, PC_MODE_SDK_DEFAULT, PC_MODE_NONE,
     "conflicting-modes", NULL},
    /* AssumeRole on top of each base */
    {"role on the default chain", DFLT ", " ROLE, PC_MODE_ASSUMED_ROLE,
     PC_MODE_SDK_DEFAULT, NULL, "role-without-base"},
    {"role on the instance profile", ROLE ", " IP, PC_MODE_ASSUMED_ROLE,
     PC_MODE_INSTANCE_PROFILE, NULL, "role-without-base"},
    {"role on web identity", WI ", " ROLE, PC_MODE_ASSUMED_ROLE,
     PC_MODE_WEB_IDENTITY, NULL, "role-without-base"},
    {"role on access keys", AK ", " ROLE ", " SK, PC_MODE_ASSUMED_ROLE,
     PC_MODE_IAM_USER, NULL, "role-without-base"},
    {"role on access keys with a session token", AK ", " SK ", " TOK ", " ROLE,
     PC_MODE_ASSUMED_ROLE, PC_MODE_IAM_USER, NULL, "role-without-base"},
    {"role on the winner of two flags", WI ", " IP ", " ROLE,
     PC_MODE_ASSUMED_ROLE, PC_MODE_INSTANCE_PROFILE, NULL, NULL},
    {"an empty role is no role", IP ", \"aws.@.iam_role_arn\" = \"\"",
     PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, NULL, "role-without-base"},
    {"role alone has no base", ROLE, NOT_AWS, PC_MODE_NONE,
     "role-without-base", NULL},
    {"role with a flag read as false has no base",
     ROLE ", \"aws.@.use_instance_profile\" = \"yes\"", NOT_AWS, PC_MODE_NONE,
     "role-without-base", NULL},
    {"role with half a key pair has no base", ROLE ", " AK, NOT_AWS,
     PC_MODE_NONE, "role-without-base", NULL},
    {"role and STS endpoint without STS region",
     IP ", " ROLE ", \"aws.@.sts.endpoint\" = \"sts.us-west-2.amazonaws.com\"",
     PC_MODE_ASSUMED_ROLE, PC_MODE_INSTANCE_PROFILE,
     "sts-endpoint-without-region", NULL},
    /* incomplete static credentials */
    {"access key without secret key", AK, NOT_AWS, PC_MODE_NONE,
     "missing-key-pair", NULL},
    {"secret key without access key", SK, NOT_AWS, PC_MODE_NONE,
     "missing-key-pair", NULL},
    {"access key with an empty secret key",
     AK ", \"aws.@.secret_key\" = \"\"", NOT_AWS, PC_MODE_NONE,
     "missing-key-pair", NULL},
    {"a session token alone", TOK, NOT_AWS, PC_MODE_NONE,
     "setting-without-effect", NULL},
    {"an external id without a role",
     IP ", \"aws.@.external_id\" = \"QzResolverExternalId\"",
     PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, "setting-without-effect", NULL},
    /* booleans: Boolean.parseBoolean */
    {"\"1\" reads as false", "\"aws.@.use_instance_profile\" = \"1\"", NOT_AWS,
     PC_MODE_NONE, "bool-read-as-false", NULL},
    {"\"yes\" reads as false", "\"aws.@.use_instance_profile\" = \"yes\"",
     NOT_AWS, PC_MODE_NONE, "bool-read-as-false", NULL},
    {"\"on\" reads as false", "\"aws.@.use_instance_profile\" = \"on\"",
     NOT_AWS, PC_MODE_NONE, "bool-read-as-false", NULL},
    {"\" true\" reads as false", "\"aws.@.use_instance_profile\" = \" true\"",
     NOT_AWS, PC_MODE_NONE, "bool-read-as-false", NULL},
    {"\"true \" reads as false", "\"aws.@.use_instance_profile\" = \"true \"",
     NOT_AWS, PC_MODE_NONE, "bool-read-as-false", NULL},
    {"\"\" reads as false", "\"aws.@.use_instance_profile\" = \"\"", NOT_AWS,
     PC_MODE_NONE, NULL, NULL},
    {"\"TRUE\" is true", "\"aws.@.use_instance_profile\" = \"TRUE\"",
     PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, NULL, "bool-read-as-false"},
    {"\"True\" is true", "\"aws.@.use_web_identity_token_file\" = \"True\"",
     PC_MODE_WEB_IDENTITY, PC_MODE_NONE, NULL, "bool-read-as-false"},
    {"\"false\" is false without a warning",
     "\"aws.@.use_instance_profile\" = \"false\"", NOT_AWS, PC_MODE_NONE,
     "no-credentials", "bool-read-as-false"},
    {"a flag read as false leaves the access keys in charge",
     AK ", " SK ", \"aws.@.use_aws_sdk_default_behavior\" = \"1\"",
     PC_MODE_IAM_USER, PC_MODE_NONE, "bool-read-as-false",
     "ignored-credential"},
    {"\"FALSE\" default chain leaves the instance profile",
     "\"aws.@.use_aws_sdk_default_behavior\" = \"FALSE\", " IP,
     PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, NULL, "conflicting-modes"},
    /* keys are case-sensitive */
    {"an upper-case key is not read",
     "\"AWS.@.USE_INSTANCE_PROFILE\" = \"true\"", NOT_AWS, PC_MODE_NONE,
     "key-case", NULL},
    {"a mixed-case key is not read",
     "\"aws.@.Use_Instance_Profile\" = \"true\"", NOT_AWS, PC_MODE_NONE,
     "key-case", NULL},
    {"a key with a trailing space is trimmed (PR #47119)",
     "\"aws.@.use_instance_profile \" = \"true\"", PC_MODE_INSTANCE_PROFILE,
     PC_MODE_NONE, NULL, NULL},
    {"an upper-case access key is not read",
     "\"AWS.@.ACCESS_KEY\" = \"AKIAQZRESOLVER000001\", " SK, NOT_AWS,
     PC_MODE_NONE, "missing-key-pair", NULL},
    /* duplicate keys: the last one wins */
    {"duplicate flag: true then false",
     IP ", \"aws.@.use_instance_profile\" = \"false\"", NOT_AWS, PC_MODE_NONE,
     "duplicate-key", NULL},
    {"duplicate flag: false then true",
     "\"aws.@.use_instance_profile\" = \"false\", " IP,
     PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, "duplicate-key", NULL},
    {"duplicate access key: the last, empty one wins",
     AK ", " SK ", \"aws.@.access_key\" = \"\"", NOT_AWS, PC_MODE_NONE,
     "duplicate-key", NULL},
    {"duplicate role: the last, empty one wins",
     ROLE ", " IP ", \"aws.@.iam_role_arn\" = \"\"", PC_MODE_INSTANCE_PROFILE,
     PC_MODE_NONE, "duplicate-key", "role-without-base"},
    {"duplicate flag: a later one read as false",
     DFLT ", " WI ", \"aws.@.use_aws_sdk_default_behavior\" = \"1\"",
     PC_MODE_WEB_IDENTITY, PC_MODE_NONE, "duplicate-key", NULL},
};

/* Statements that read aws.s3.* (one %s for the property entries). */
static const struct {
  const char *name;
  const char *sql;
} s3_wrappers[] = {
    {"FILES()",
     "SELECT * FROM FILES(\"path\" = \"s3://bkt/data/*.parquet\", "
     "\"format\" = \"parquet\", \"aws.s3.region\" = \"us-west-2\", %s);"},
    {"broker load",
     "LOAD LABEL db.l1 (DATA INFILE(\"s3://bkt/data/*\") INTO TABLE t)\n"
     "WITH BROKER (\"aws.s3.region\" = \"us-west-2\", %s)\n"
     "PROPERTIES (\"timeout\" = \"3600\");"},
    {"FILE table",
     "CREATE EXTERNAL TABLE t (a INT) ENGINE = file PROPERTIES (\n"
     "  \"path\" = \"s3://bkt/data/\", \"format\" = \"parquet\",\n"
     "  \"aws.s3.region\" = \"us-west-2\", %s);"},
    {"Hive catalog",
     "CREATE EXTERNAL CATALOG h PROPERTIES (\"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.0.1:9083\",\n"
     "  \"aws.s3.region\" = \"us-west-2\", %s);"},
};

static const char glue_wrapper[] =
    "CREATE EXTERNAL CATALOG g PROPERTIES (\"type\" = \"iceberg\",\n"
    "  \"iceberg.catalog.type\" = \"glue\",\n"
    "  \"aws.glue.region\" = \"us-west-2\", %s);";

static void aws_s3_should_follow_the_precedence_table(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < COUNT(aws_rows); i++) {
    const Row *r = &aws_rows[i];
    char *props = expand(r->props, "s3");
    pc_mode mode = r->mode == NOT_AWS ? PC_MODE_NONE : r->mode;
    for (size_t w = 0; w < COUNT(s3_wrappers); w++) {
      /* FILES() keys ignore case: fixtures/verify/250-keys-trim-case.sql */
      if (strstr(r->name, "-case") &&
          strcmp(s3_wrappers[w].name, "FILES()") == 0)
        continue;
      char *sql = wrap(s3_wrappers[w].sql, props);
      bad += check_sql(s3_wrappers[w].name, r, sql, PC_SVC_S3, mode, r->base);
      free(sql);
    }
    free(props);
  }
  assert_int_equal(bad, 0);
}

static void aws_glue_should_follow_the_precedence_table(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < COUNT(aws_rows); i++) {
    const Row *r = &aws_rows[i];
    /* IcebergAwsClientFactory assumes a role over the default chain, and
       the SDK v2 client has no STS-region check:
       fixtures/verify/252-aws-consumers.sql */
    if (strstr(r->name, "no base") || strstr(r->name, "STS region"))
      continue;
    char *props = expand(r->props, "glue");
    /* A Glue metastore with no valid mode uses the SDK default chain. */
    pc_mode mode = r->mode == NOT_AWS ? PC_MODE_SDK_DEFAULT : r->mode;
    char *sql = wrap(glue_wrapper, props);
    bad += check_sql("Iceberg Glue catalog", r, sql, PC_SVC_GLUE, mode,
                     r->base);
    free(sql);
    free(props);
  }
  assert_int_equal(bad, 0);
}

/* Hive's Glue client reads aws.glue booleans with Hadoop's getBoolean
   (trimmed, any case); aws.s3 in the same catalog keeps parseBoolean. */
typedef struct SvcRow {
  Row row;
  pc_service svc;
} SvcRow;

static const SvcRow hive_glue_rows[] = {
    {{"Hadoop trims \" true\"", "\"aws.glue.use_instance_profile\" = \" true\"",
      PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, NULL, "bool-read-as-false"},
     PC_SVC_GLUE},
    {{"Hadoop reads \"TRUE \" as true",
      "\"aws.glue.use_instance_profile\" = \"TRUE \"",
      PC_MODE_INSTANCE_PROFILE, PC_MODE_NONE, NULL, "bool-read-as-false"},
     PC_SVC_GLUE},
    {{"Hadoop reads \"1\" as false", "\"aws.glue.use_instance_profile\" = \"1\"",
      PC_MODE_SDK_DEFAULT, PC_MODE_NONE, "bool-read-as-false", NULL},
     PC_SVC_GLUE},
    {{"Hadoop reads \"yes\" as false",
      "\"aws.glue.use_instance_profile\" = \"yes\"", PC_MODE_SDK_DEFAULT,
      PC_MODE_NONE, "bool-read-as-false", NULL},
     PC_SVC_GLUE},
    {{"no Glue mode: the SDK default chain", "\"aws.glue.catalog_id\" = \"1\"",
      PC_MODE_SDK_DEFAULT, PC_MODE_NONE, "no-credentials", NULL},
     PC_SVC_GLUE},
    {{"Glue access keys", "\"aws.glue.access_key\" = \"AKIAQZRESOLVER000002\", "
                          "\"aws.glue.secret_key\" = \"QzResolverGlueSecret2\"",
      PC_MODE_IAM_USER, PC_MODE_NONE, NULL, NULL},
     PC_SVC_GLUE},
    {{"aws.s3 in the same catalog is not trimmed",
      "\"aws.glue.use_instance_profile\" = \"true\", "
      "\"aws.s3.use_instance_profile\" = \" true\"",
      PC_MODE_NONE, PC_MODE_NONE, "bool-read-as-false", NULL},
     PC_SVC_S3},
};

static void aws_glue_in_a_hive_catalog_should_read_booleans_like_hadoop(
    void **state) {
  (void)state;
  static const char wrapper[] =
      "CREATE EXTERNAL CATALOG h PROPERTIES (\"type\" = \"hive\",\n"
      "  \"hive.metastore.type\" = \"glue\", \"aws.glue.region\" = "
      "\"us-west-2\", \"aws.s3.region\" = \"us-west-2\", %s);";
  int bad = 0;
  for (size_t i = 0; i < COUNT(hive_glue_rows); i++) {
    const SvcRow *r = &hive_glue_rows[i];
    char *sql = wrap(wrapper, r->row.props);
    bad += check_sql("Hive Glue catalog", &r->row, sql, r->svc, r->row.mode,
                     r->row.base);
    free(sql);
  }
  assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------ Iceberg REST */

#define SEC(v) "\"iceberg.catalog.security\" = \"" v "\""
#define CRED "\"iceberg.catalog.oauth2.credential\" = \"client:QzRestSecret01\""
#define OTOKEN "\"iceberg.catalog.oauth2.token\" = \"QzRestBearerToken0001\""
#define SCOPE "\"iceberg.catalog.oauth2.scope\" = \"PRINCIPAL_ROLE:ALL\""
#define SIGV4(v) "\"iceberg.catalog.rest.sigv4-enabled\" = \"" v "\""
#define RAK "\"iceberg.catalog.rest.access-key-id\" = \"AKIAQZRESOLVER000003\""
#define RSK \
  "\"iceberg.catalog.rest.secret-access-key\" = \"QzResolverRestSecret3\""
#define RST "\"iceberg.catalog.rest.session-token\" = \"QzResolverRestToken3\""
#define RREGION "\"iceberg.catalog.rest.signing-region\" = \"us-east-1\""

static const Row rest_rows[] = {
    {"no security setting", "\"iceberg.catalog.warehouse\" = \"wh\"",
     PC_MODE_NONE, PC_MODE_NONE, NULL, NULL},
    {"security none", SEC("none"), PC_MODE_NONE, PC_MODE_NONE, NULL, NULL},
    /* OAuth2 */
    {"oauth2 with a credential", SEC("oauth2") ", " CRED, PC_MODE_OAUTH2,
     PC_MODE_NONE, NULL, "oauth2-fallback"},
    {"OAUTH2 in upper case with a credential", SEC("OAUTH2") ", " CRED,
     PC_MODE_OAUTH2, PC_MODE_NONE, NULL, "oauth2-fallback"},
    {"oauth2 with a token", SEC("oauth2") ", " OTOKEN, PC_MODE_OAUTH2,
     PC_MODE_NONE, NULL, "oauth2-fallback"},
    {"oauth2 with a credential and a scope", SEC("oauth2") ", " CRED ", " SCOPE,
     PC_MODE_OAUTH2, PC_MODE_NONE, NULL, "oauth2-fallback"},
    {"oauth2 without credential or token", SEC("oauth2"), PC_MODE_NONE,
     PC_MODE_NONE, "oauth2-fallback", NULL},
    {"oauth2 with only a scope", SEC("oauth2") ", " SCOPE, PC_MODE_NONE,
     PC_MODE_NONE, "oauth2-fallback", NULL},
    {"oauth2 with a token and a scope", SEC("oauth2") ", " OTOKEN ", " SCOPE,
     PC_MODE_NONE, PC_MODE_NONE, "oauth2-fallback", NULL},
    {"oauth2 with credential, token and scope",
     SEC("oauth2") ", " CRED ", " OTOKEN ", " SCOPE, PC_MODE_NONE,
     PC_MODE_NONE, "oauth2-fallback", NULL},
    {"an oauth2 credential without security oauth2", CRED, PC_MODE_NONE,
     PC_MODE_NONE, "setting-without-effect", NULL},
    {"a raw Iceberg credential authenticates with security none",
     "\"iceberg.catalog.credential\" = \"client:QzRestRawSecret\"",
     PC_MODE_OAUTH2, PC_MODE_NONE, NULL, NULL},
    {"a prefix in upper case is still stripped",
     "\"ICEBERG.CATALOG.SECURITY\" = \"oauth2\", " CRED, PC_MODE_OAUTH2,
     PC_MODE_NONE, NULL, "oauth2-fallback"},
    {"duplicate security: the last one wins", SEC("oauth2") ", " SEC("jwt"),
     PC_MODE_NONE, PC_MODE_NONE, "duplicate-key", NULL},
    /* JWT alone is unauthenticated (#75792) */
    {"security jwt", SEC("jwt"), PC_MODE_NONE, PC_MODE_NONE, "oauth2-fallback",
     NULL},
    {"security JWT in upper case", SEC("JWT"), PC_MODE_NONE, PC_MODE_NONE,
     "oauth2-fallback", NULL},
    {"an unknown security value", SEC("kerberos"), PC_MODE_NONE, PC_MODE_NONE,
     "invalid-value", NULL},
    /* SigV4 */
    {"sigv4 with access keys", SIGV4("true") ", " RAK ", " RSK ", " RREGION,
     PC_MODE_SIGV4, PC_MODE_IAM_USER, NULL, "missing-key-pair"},
    {"sigv4 with access keys and a session token",
     SIGV4("true") ", " RAK ", " RSK ", " RST ", " RREGION, PC_MODE_SIGV4,
     PC_MODE_IAM_USER, NULL, "setting-without-effect"},
    {"sigv4 without keys signs with the default chain",
     SIGV4("true") ", " RREGION, PC_MODE_SIGV4, PC_MODE_SDK_DEFAULT, NULL,
     "sigv4-region-from-environment"},
    {"sigv4 without a signing region", SIGV4("true"), PC_MODE_SIGV4,
     PC_MODE_SDK_DEFAULT, "sigv4-region-from-environment", NULL},
    {"sigv4 with a secret but no access key id",
     SIGV4("true") ", " RSK ", " RREGION, PC_MODE_SIGV4, PC_MODE_SDK_DEFAULT,
     "missing-key-pair", NULL},
    {"sigv4 with an access key id but no secret",
     SIGV4("true") ", " RAK ", " RREGION, PC_MODE_SIGV4, PC_MODE_IAM_USER,
     "missing-key-pair", NULL},
    {"rest.auth.type sigv4", "\"iceberg.catalog.rest.auth.type\" = \"sigv4\", "
     RREGION, PC_MODE_SIGV4, PC_MODE_SDK_DEFAULT, NULL, NULL},
    {"sigv4-enabled TRUE is true", SIGV4("TRUE") ", " RREGION, PC_MODE_SIGV4,
     PC_MODE_SDK_DEFAULT, NULL, "bool-read-as-false"},
    {"sigv4-enabled 1 is false", SIGV4("1"), PC_MODE_NONE, PC_MODE_NONE,
     "bool-read-as-false", NULL},
    {"sigv4-enabled false ignores the signing keys",
     SIGV4("false") ", " RAK ", " RSK, PC_MODE_NONE, PC_MODE_NONE,
     "setting-without-effect", NULL},
};

static void iceberg_rest_should_resolve_security_as_starrocks_does(
    void **state) {
  (void)state;
  static const char wrapper[] =
      "CREATE EXTERNAL CATALOG r PROPERTIES (\"type\" = \"iceberg\",\n"
      "  \"iceberg.catalog.type\" = \"rest\",\n"
      "  \"iceberg.catalog.uri\" = \"https://rest.example.com/api/catalog\",\n"
      "  %s);";
  int bad = 0;
  for (size_t i = 0; i < COUNT(rest_rows); i++) {
    const Row *r = &rest_rows[i];
    char *sql = wrap(wrapper, r->props);
    bad += check_sql("REST catalog", r, sql, PC_SVC_REST, r->mode, r->base);
    free(sql);
  }
  assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------ services */

static void services_should_be_reported_only_when_used(void **state) {
  (void)state;
  static const char sql[] =
      "CREATE EXTERNAL CATALOG j PROPERTIES (\"type\" = \"jdbc\", "
      "\"jdbc_uri\" = \"jdbc:mysql://h:3306\");\n"
      "CREATE EXTERNAL CATALOG r PROPERTIES (\"type\" = \"iceberg\", "
      "\"iceberg.catalog.type\" = \"rest\", \"iceberg.catalog.uri\" = "
      "\"https://h/api\", \"iceberg.catalog.security\" = \"jwt\", \"iceberg.catalog.oauth2.token\" = \"QzJwtToken0001\");\n";
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  pc_status st = pc_check_buffer(ctx, "svc.sql", sql, sizeof sql - 1);
  const pc_file *f = pc_file_at(ctx, 0);
  size_t n = pc_file_stmt_count(f);
  pc_auth a[2][PC_SVC_COUNT];
  int used[2][PC_SVC_COUNT] = {{0}};
  for (size_t i = 0; i < n && i < 2; i++)
    for (int v = 0; v < PC_SVC_COUNT; v++) {
      a[i][v].mode = PC_MODE_COUNT;
      used[i][v] = pc_stmt_service(pc_file_stmt_at(f, i), (pc_service)v,
                                   &a[i][v]);
    }
  pc_auth out = {PC_MODE_JWT, PC_MODE_JWT, NULL};
  int bad_svc = pc_stmt_service(pc_file_stmt_at(f, 1), PC_SVC_COUNT, &out);
  pc_ctx_free(ctx);
  assert_int_equal(st, PC_OK);
  assert_int_equal(n, 2);
  for (int v = 0; v < PC_SVC_COUNT; v++) {
    assert_false(used[0][v]);
    assert_int_equal(a[0][v].mode, PC_MODE_NONE); /* set to none when unused */
  }
  assert_false(used[1][PC_SVC_S3]);
  assert_false(used[1][PC_SVC_GLUE]);
  assert_true(used[1][PC_SVC_REST]);
  assert_int_equal(a[1][PC_SVC_REST].mode, PC_MODE_JWT);
  assert_false(bad_svc);
  assert_int_equal(out.mode, PC_MODE_NONE);
  assert_int_equal(out.base, PC_MODE_NONE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(aws_s3_should_follow_the_precedence_table),
      cmocka_unit_test(aws_glue_should_follow_the_precedence_table),
      cmocka_unit_test(
          aws_glue_in_a_hive_catalog_should_read_booleans_like_hadoop),
      cmocka_unit_test(iceberg_rest_should_resolve_security_as_starrocks_does),
      cmocka_unit_test(services_should_be_reported_only_when_used),
  };
  return cmocka_run_group_tests_name("resolver", tests, NULL, NULL);
}
