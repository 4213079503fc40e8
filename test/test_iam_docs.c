/*
 * test_iam_docs.c - the IAM policies propcheck derives (PC_OPT_POLICIES):
 * pc_stmt_policy_at documents are IAM JSON with the actions and resources
 * each statement needs (iam_needs.c), grouped into statements with stable
 * Sids (iam_docs.c); assumed roles get a trust policy and the base
 * principal's sts:AssumeRole permission; the partition follows the region;
 * and no secret value (access key, secret key, session token, external id)
 * ever appears in a document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "propcheck.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ helpers */

typedef struct Fixture {
  pc_ctx *ctx;
  cJSON *docs[8]; /* parsed documents, freed in teardown */
  size_t ndocs;
} Fixture;

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  if (!f)
    return -1;
  f->ctx = pc_ctx_new(&(pc_options){.flags = PC_OPT_POLICIES});
  if (!f->ctx) {
    free(f);
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  for (size_t i = 0; i < f->ndocs; i++)
    cJSON_Delete(f->docs[i]);
  pc_ctx_free(f->ctx);
  free(f);
  return 0;
}

/* Checks sql (one statement) and returns that statement. */
static const pc_stmt *check_one(Fixture *f, const char *sql) {
  assert_int_equal(pc_check_buffer(f->ctx, "t.sql", sql, strlen(sql)), PC_OK);
  const pc_file *file = pc_file_at(f->ctx, pc_file_count(f->ctx) - 1);
  assert_non_null(file);
  assert_int_equal(pc_file_stmt_count(file), 1);
  return pc_file_stmt_at(file, 0);
}

/* The policy of service svc in s (asserted to exist). */
static const pc_policy *policy_of(const pc_stmt *s, pc_service svc) {
  for (size_t i = 0; i < pc_stmt_policy_count(s); i++) {
    const pc_policy *p = pc_stmt_policy_at(s, i);
    if (p->service == svc)
      return p;
  }
  fail_msg("no %s policy", pc_service_name(svc));
  return NULL;
}

/* Parses a document (kept until teardown) and checks its frame:
   Version 2012-10-17 and a non-empty Statement array. */
static cJSON *parse_doc(Fixture *f, const char *text) {
  assert_non_null(text);
  cJSON *d = cJSON_Parse(text);
  assert_non_null(d);
  assert_true(f->ndocs < COUNT(f->docs));
  f->docs[f->ndocs++] = d;
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(d, "Version");
  assert_true(cJSON_IsString(v));
  assert_string_equal(v->valuestring, "2012-10-17");
  const cJSON *st = cJSON_GetObjectItemCaseSensitive(d, "Statement");
  assert_true(cJSON_IsArray(st));
  assert_true(cJSON_GetArraySize(st) > 0);
  return d;
}

static int array_has(const cJSON *arr, const char *s) {
  const cJSON *e;
  if (cJSON_IsString(arr))
    return strcmp(arr->valuestring, s) == 0;
  cJSON_ArrayForEach(e, arr) {
    if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0)
      return 1;
  }
  return 0;
}

/* The statement that allows action on resource (NULL if none). */
static const cJSON *grant_of(const cJSON *doc, const char *action,
                             const char *resource) {
  const cJSON *st;
  cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(doc, "Statement")) {
    if (array_has(cJSON_GetObjectItemCaseSensitive(st, "Action"), action) &&
        array_has(cJSON_GetObjectItemCaseSensitive(st, "Resource"), resource))
      return st;
  }
  return NULL;
}

/* Does any statement allow action (on anything)? */
static int allows(const cJSON *doc, const char *action) {
  const cJSON *st;
  cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(doc, "Statement")) {
    if (array_has(cJSON_GetObjectItemCaseSensitive(st, "Action"), action))
      return 1;
  }
  return 0;
}

/* Every Resource of every statement starts with prefix (or is "*"). */
static void resources_start_with(const cJSON *doc, const char *prefix) {
  const cJSON *st, *r;
  cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(doc, "Statement")) {
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(st, "Resource")) {
      assert_true(cJSON_IsString(r));
      if (strcmp(r->valuestring, "*") != 0 &&
          strncmp(r->valuestring, prefix, strlen(prefix)) != 0)
        fail_msg("resource %s does not start with %s", r->valuestring,
                 prefix);
    }
  }
}

/* Sids are present, unique, alphanumeric; Effect is Allow. */
static void well_formed_statements(const cJSON *doc) {
  const cJSON *st;
  const char *seen[32];
  size_t n = 0;
  cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(doc, "Statement")) {
    const cJSON *eff = cJSON_GetObjectItemCaseSensitive(st, "Effect");
    assert_true(cJSON_IsString(eff));
    assert_string_equal(eff->valuestring, "Allow");
    const cJSON *sid = cJSON_GetObjectItemCaseSensitive(st, "Sid");
    assert_true(cJSON_IsString(sid));
    for (const char *c = sid->valuestring; *c; c++)
      assert_true((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
                  (*c >= '0' && *c <= '9'));
    for (size_t i = 0; i < n; i++)
      assert_string_not_equal(seen[i], sid->valuestring);
    assert_true(n < COUNT(seen));
    seen[n++] = sid->valuestring;
  }
}

/* The s3:prefix values of a statement's StringLike condition. */
static const cJSON *s3_prefixes(const cJSON *st) {
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(st, "Condition");
  const cJSON *l = cJSON_GetObjectItemCaseSensitive(c, "StringLike");
  return cJSON_GetObjectItemCaseSensitive(l, "s3:prefix");
}

/* ------------------------------------------------------------ tests */

static void without_the_option_there_should_be_no_policies(void **state) {
  (void)state;
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  const char *sql =
      "SELECT * FROM FILES(\"path\" = \"s3://bucket/a.csv\", \"format\" = "
      "\"csv\", \"aws.s3.use_instance_profile\" = \"true\", "
      "\"aws.s3.region\" = \"us-west-2\")";
  assert_int_equal(pc_check_buffer(ctx, "t.sql", sql, strlen(sql)), PC_OK);
  const pc_stmt *s = pc_file_stmt_at(pc_file_at(ctx, 0), 0);
  assert_non_null(s);
  assert_int_equal(pc_stmt_policy_count(s), 0);
  assert_null(pc_stmt_policy_at(s, 0));
  pc_ctx_free(ctx);
}

static void a_load_should_read_the_objects_and_list_their_prefix(
    void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "LOAD LABEL db.l1 (DATA INFILE(\"s3://bucket/dir/*.parquet\") INTO "
         "TABLE t FORMAT AS \"parquet\")\n"
         "WITH BROKER (\"aws.s3.use_instance_profile\" = \"true\", "
         "\"aws.s3.region\" = \"us-west-2\")");
  assert_int_equal(pc_stmt_policy_count(s), 1);
  const pc_policy *p = policy_of(s, PC_SVC_S3);
  assert_non_null(strstr(p->principal, "instance profile"));
  assert_null(p->role_arn);
  assert_null(p->trust);
  assert_null(p->assume);
  cJSON *doc = parse_doc(f, p->identity);
  well_formed_statements(doc);
  assert_non_null(grant_of(doc, "s3:GetObject", "arn:aws:s3:::bucket/dir/*"));
  const cJSON *list = grant_of(doc, "s3:ListBucket", "arn:aws:s3:::bucket");
  assert_non_null(list);
  const cJSON *pf = s3_prefixes(list);
  assert_true(cJSON_IsArray(pf));
  assert_int_equal(cJSON_GetArraySize(pf), 1);
  assert_true(array_has(pf, "dir/*"));
  /* a load only reads */
  assert_false(allows(doc, "s3:PutObject"));
  assert_false(allows(doc, "s3:DeleteObject"));
  /* ListBucket is on the bucket, GetObject on objects, never crossed */
  assert_null(grant_of(doc, "s3:ListBucket", "arn:aws:s3:::bucket/dir/*"));
  assert_null(grant_of(doc, "s3:GetObject", "arn:aws:s3:::bucket"));
}

static void insert_into_files_should_add_the_write_actions(void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "INSERT INTO FILES(\"path\" = \"s3://out/unload/\", \"format\" = "
         "\"parquet\", \"aws.s3.use_instance_profile\" = \"true\", "
         "\"aws.s3.region\" = \"us-west-2\") SELECT * FROM t");
  cJSON *doc = parse_doc(f, policy_of(s, PC_SVC_S3)->identity);
  well_formed_statements(doc);
  static const char *const acts[] = {"s3:GetObject", "s3:PutObject",
                                     "s3:DeleteObject"};
  for (size_t i = 0; i < COUNT(acts); i++)
    assert_non_null(grant_of(doc, acts[i], "arn:aws:s3:::out/unload/*"));
  /* least privilege: nothing the statement does not need */
  assert_null(grant_of(doc, "s3:AbortMultipartUpload",
                       "arn:aws:s3:::out/unload/*"));
  assert_non_null(grant_of(doc, "s3:ListBucket", "arn:aws:s3:::out"));

  /* the same FILES() read: no write */
  s = check_one(f, "SELECT * FROM FILES(\"path\" = \"s3://out/unload/\", "
                   "\"format\" = \"parquet\", \"aws.s3.use_instance_profile\" "
                   "= \"true\", \"aws.s3.region\" = \"us-west-2\")");
  doc = parse_doc(f, policy_of(s, PC_SVC_S3)->identity);
  assert_non_null(grant_of(doc, "s3:GetObject", "arn:aws:s3:::out/unload/*"));
  assert_false(allows(doc, "s3:PutObject"));
}

static void a_china_region_should_give_the_aws_cn_partition(void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\", "
         "\"hive.metastore.type\" = \"glue\", "
         "\"aws.glue.use_instance_profile\" = \"true\", "
         "\"aws.glue.region\" = \"cn-north-1\", "
         "\"aws.s3.use_instance_profile\" = \"true\", "
         "\"aws.s3.region\" = \"cn-north-1\")");
  assert_int_equal(pc_stmt_policy_count(s), 2);
  cJSON *s3 = parse_doc(f, policy_of(s, PC_SVC_S3)->identity);
  resources_start_with(s3, "arn:aws-cn:s3:::");
  cJSON *glue = parse_doc(f, policy_of(s, PC_SVC_GLUE)->identity);
  well_formed_statements(glue);
  resources_start_with(glue, "arn:aws-cn:glue:cn-north-1:");
  assert_non_null(grant_of(glue, "glue:GetTable",
                           "arn:aws-cn:glue:cn-north-1:ACCOUNT_ID:catalog"));
  /* a hive catalog can write */
  assert_true(allows(glue, "glue:CreateTable"));
  /* and so can its S3 */
  assert_true(allows(s3, "s3:PutObject"));
}

static void a_read_only_catalog_should_not_get_write_actions(void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "CREATE EXTERNAL CATALOG d PROPERTIES (\"type\" = \"deltalake\", "
         "\"hive.metastore.type\" = \"glue\", "
         "\"aws.glue.use_instance_profile\" = \"true\", "
         "\"aws.glue.region\" = \"us-west-2\", "
         "\"aws.glue.catalog_id\" = \"123456789012\", "
         "\"aws.s3.use_instance_profile\" = \"true\", "
         "\"aws.s3.region\" = \"us-west-2\")");
  cJSON *glue = parse_doc(f, policy_of(s, PC_SVC_GLUE)->identity);
  assert_non_null(
      grant_of(glue, "glue:GetPartitions",
               "arn:aws:glue:us-west-2:123456789012:table/*/*"));
  assert_false(allows(glue, "glue:CreateTable"));
  assert_false(allows(glue, "glue:GetConnection"));
  cJSON *s3 = parse_doc(f, policy_of(s, PC_SVC_S3)->identity);
  assert_false(allows(s3, "s3:PutObject"));
}

static void an_assumed_role_should_get_trust_and_assume_documents(
    void **state) {
  Fixture *f = *state;
  const char *role = "arn:aws:iam::081976408565:role/s3_assumed_role";
  const pc_stmt *s = check_one(
      f, "SELECT * FROM FILES(\"path\" = \"s3://bucket/a/b.csv\", "
         "\"format\" = \"csv\", \"aws.s3.use_instance_profile\" = \"true\", "
         "\"aws.s3.iam_role_arn\" = "
         "\"arn:aws:iam::081976408565:role/s3_assumed_role\", "
         "\"aws.s3.external_id\" = \"QzFixExternalIdValue01\", "
         "\"aws.s3.region\" = \"us-west-2\")");
  const pc_policy *p = policy_of(s, PC_SVC_S3);
  assert_non_null(p->role_arn);
  assert_string_equal(p->role_arn, role);
  assert_non_null(strstr(p->principal, role));
  assert_non_null(strstr(p->principal, "EXTERNAL_ID"));

  cJSON *id = parse_doc(f, p->identity);
  assert_non_null(grant_of(id, "s3:GetObject", "arn:aws:s3:::bucket/a/b.csv*"));

  cJSON *trust = parse_doc(f, p->trust);
  const cJSON *st = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(trust, "Statement"), 0);
  assert_string_equal(
      cJSON_GetObjectItemCaseSensitive(st, "Effect")->valuestring, "Allow");
  assert_true(
      array_has(cJSON_GetObjectItemCaseSensitive(st, "Action"),
                "sts:AssumeRole"));
  const cJSON *aws = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(st, "Principal"), "AWS");
  assert_true(cJSON_IsString(aws));
  assert_string_equal(aws->valuestring,
                      "arn:aws:iam::ACCOUNT_ID:role/STARROCKS_NODE_ROLE");
  /* a trust policy names no Resource */
  assert_null(cJSON_GetObjectItemCaseSensitive(st, "Resource"));
  const cJSON *xid = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(
          cJSON_GetObjectItemCaseSensitive(st, "Condition"), "StringEquals"),
      "sts:ExternalId");
  assert_true(cJSON_IsString(xid));
  assert_string_equal(xid->valuestring, "EXTERNAL_ID");

  cJSON *assume = parse_doc(f, p->assume);
  well_formed_statements(assume);
  assert_non_null(grant_of(assume, "sts:AssumeRole", role));
}

static void a_role_without_external_id_should_have_no_condition(
    void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\", "
         "\"hive.metastore.type\" = \"glue\", "
         "\"aws.glue.use_instance_profile\" = \"true\", "
         "\"aws.glue.iam_role_arn\" = "
         "\"arn:aws-us-gov:iam::081976408565:role/glue_role\", "
         "\"aws.glue.region\" = \"us-gov-west-1\")");
  const pc_policy *p = policy_of(s, PC_SVC_GLUE);
  cJSON *trust = parse_doc(f, p->trust);
  const cJSON *st = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(trust, "Statement"), 0);
  assert_null(cJSON_GetObjectItemCaseSensitive(st, "Condition"));
  const cJSON *aws = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(st, "Principal"), "AWS");
  /* the base principal lives in the role's partition */
  assert_string_equal(
      aws->valuestring,
      "arn:aws-us-gov:iam::ACCOUNT_ID:role/STARROCKS_NODE_ROLE");
  cJSON *id = parse_doc(f, p->identity);
  /* no catalog id: Glue uses the caller's account, the role's */
  resources_start_with(id, "arn:aws-us-gov:glue:us-gov-west-1:081976408565:");
}

static void a_malformed_region_should_become_a_placeholder(void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"iceberg\", "
         "\"iceberg.catalog.type\" = \"glue\", "
         "\"aws.glue.use_instance_profile\" = \"true\", "
         "\"aws.glue.region\" = \"us west 2\")");
  cJSON *glue = parse_doc(f, policy_of(s, PC_SVC_GLUE)->identity);
  resources_start_with(glue, "arn:aws:glue:REGION:ACCOUNT_ID:");
  /* no region at all: the same placeholders */
  s = check_one(
      f, "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\", "
         "\"hive.metastore.type\" = \"glue\", "
         "\"aws.glue.use_instance_profile\" = \"true\")");
  glue = parse_doc(f, policy_of(s, PC_SVC_GLUE)->identity);
  resources_start_with(glue, "arn:aws:glue:REGION:ACCOUNT_ID:");
}

static void s3_tables_through_glue_rest_should_follow_the_seed(
    void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "CREATE EXTERNAL CATALOG s3t PROPERTIES(\"type\"=\"iceberg\", "
         "\"iceberg.catalog.type\" = \"rest\", "
         "\"iceberg.catalog.uri\" = "
         "\"https://glue.us-east-1.amazonaws.com/iceberg\", "
         "\"iceberg.catalog.rest.sigv4-enabled\" = \"true\", "
         "\"iceberg.catalog.rest.signing-name\" = \"glue\", "
         "\"iceberg.catalog.rest.signing-region\" = \"us-east-1\", "
         "\"iceberg.catalog.rest.access-key-id\" = \"AKIAQZFIXEXAMPLE0001\", "
         "\"iceberg.catalog.rest.secret-access-key\" = "
         "\"QzFixSecret0000000000000000000000000000A\", "
         "\"iceberg.catalog.warehouse\" = "
         "\"123456789012:s3tablescatalog/tb\")");
  const pc_policy *p = policy_of(s, PC_SVC_REST);
  assert_non_null(strstr(p->principal, "iceberg.catalog.rest.access-key-id"));
  cJSON *doc = parse_doc(f, p->identity);
  well_formed_statements(doc);
  static const char *const res[] = {
      "arn:aws:glue:us-east-1:123456789012:catalog",
      "arn:aws:glue:us-east-1:123456789012:catalog/s3tablescatalog",
      "arn:aws:glue:us-east-1:123456789012:catalog/s3tablescatalog/tb",
      "arn:aws:glue:us-east-1:123456789012:database/s3tablescatalog/tb/*",
      "arn:aws:glue:us-east-1:123456789012:table/s3tablescatalog/tb/*/*"};
  static const char *const acts[] = {
      "glue:GetCatalog", "glue:GetDatabase", "glue:GetDatabases",
      "glue:GetTable",   "glue:GetTables",   "glue:CreateTable",
      "glue:UpdateTable"};
  for (size_t i = 0; i < COUNT(res); i++)
    for (size_t j = 0; j < COUNT(acts); j++)
      assert_non_null(grant_of(doc, acts[j], res[i]));
  assert_non_null(grant_of(doc, "lakeformation:GetDataAccess", "*"));
}

static void s3_tables_endpoint_should_name_the_table_bucket(void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "CREATE EXTERNAL CATALOG s3t PROPERTIES(\"type\"=\"iceberg\", "
         "\"iceberg.catalog.type\" = \"rest\", "
         "\"iceberg.catalog.uri\" = "
         "\"https://s3tables.us-west-2.amazonaws.com/iceberg\", "
         "\"iceberg.catalog.rest.sigv4-enabled\" = \"true\", "
         "\"iceberg.catalog.rest.signing-name\" = \"s3tables\", "
         "\"iceberg.catalog.rest.signing-region\" = \"us-west-2\", "
         "\"iceberg.catalog.warehouse\" = "
         "\"arn:aws:s3tables:us-west-2:123456789012:bucket/tb\")");
  cJSON *doc = parse_doc(f, policy_of(s, PC_SVC_REST)->identity);
  well_formed_statements(doc);
  const char *bucket = "arn:aws:s3tables:us-west-2:123456789012:bucket/tb";
  const char *tables =
      "arn:aws:s3tables:us-west-2:123456789012:bucket/tb/table/*";
  assert_non_null(grant_of(doc, "s3tables:GetTableBucket", bucket));
  assert_non_null(grant_of(doc, "s3tables:ListTables", bucket));
  assert_non_null(grant_of(doc, "s3tables:GetTableMetadataLocation", tables));
  assert_non_null(grant_of(doc, "s3tables:GetTableData", tables));
  assert_non_null(grant_of(doc, "s3tables:UpdateTableMetadataLocation",
                           tables));
}

static void several_paths_should_be_merged_and_reduced(void **state) {
  Fixture *f = *state;
  const pc_stmt *s = check_one(
      f, "SELECT * FROM FILES(\"path\" = \"s3://b1/logs/2024-*/p?.csv,"
         "s3://b1/logs/2024-01/*, s3://b2/*.csv\", \"format\" = \"csv\", "
         "\"aws.s3.use_instance_profile\" = \"true\", "
         "\"aws.s3.region\" = \"us-west-2\")");
  cJSON *doc = parse_doc(f, policy_of(s, PC_SVC_S3)->identity);
  well_formed_statements(doc);
  const cJSON *get = grant_of(doc, "s3:GetObject", "arn:aws:s3:::b1/logs/2024-*");
  assert_non_null(get);
  assert_true(array_has(cJSON_GetObjectItemCaseSensitive(get, "Resource"),
                        "arn:aws:s3:::b2/*"));
  /* b1/logs/2024-01/ (any file) is inside b1/logs/2024- (any key) */
  assert_int_equal(
      cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(get, "Resource")),
      2);
  /* the glob is expanded by listing its directory */
  const cJSON *l1 = grant_of(doc, "s3:ListBucket", "arn:aws:s3:::b1");
  assert_non_null(l1);
  assert_true(array_has(s3_prefixes(l1), "logs/*"));
  /* a wildcard at the top of b2: the whole bucket is listed */
  const cJSON *l2 = grant_of(doc, "s3:ListBucket", "arn:aws:s3:::b2");
  assert_non_null(l2);
  assert_null(cJSON_GetObjectItemCaseSensitive(l2, "Condition"));
}

static void aurora_should_trust_rds(void **state) {
  Fixture *f = *state;
  const pc_stmt *s =
      check_one(f, "SELECT * FROM orders INTO OUTFILE S3 "
                   "'s3://sales-out/daily/orders' FORMAT CSV");
  if (pc_stmt_kind_of(s) != PC_STMT_AURORA_SELECT_INTO_OUTFILE)
    skip(); /* the parser does not know Aurora yet */
  const pc_policy *p = policy_of(s, PC_SVC_S3);
  cJSON *id = parse_doc(f, p->identity);
  static const char *const acts[] = {
      "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject",
      "s3:ListMultipartUploadParts", "s3:PutObject"};
  for (size_t i = 0; i < COUNT(acts); i++)
    assert_non_null(
        grant_of(id, acts[i], "arn:aws:s3:::sales-out/daily/orders*"));
  assert_non_null(grant_of(id, "s3:ListBucket", "arn:aws:s3:::sales-out"));
  cJSON *trust = parse_doc(f, p->trust);
  const cJSON *st = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(trust, "Statement"), 0);
  const cJSON *svc = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(st, "Principal"), "Service");
  assert_true(cJSON_IsString(svc));
  assert_string_equal(svc->valuestring, "rds.amazonaws.com");
  assert_null(p->assume);
}

/* A memory sink for pc_render. */
typedef struct Sink {
  char *data;
  size_t len;
} Sink;

static int sink_write(void *user, const char *data, size_t len) {
  Sink *s = user;
  char *d = realloc(s->data, s->len + len + 1);
  if (!d)
    return 1;
  memcpy(d + s->len, data, len);
  s->data = d;
  s->len += len;
  s->data[s->len] = '\0';
  return 0;
}

static void no_secret_should_appear_in_any_document(void **state) {
  Fixture *f = *state;
  static const char *const secrets[] = {
      "AKIAQZFIXEXAMPLE0001", "QzFixSecret0000000000000000000000000000A",
      "QzFixSessionToken0001", "QzFixExternalId0001",
      "AKIAQZFIXEXAMPLE0002", "QzFixSecret0000000000000000000000000000B",
      "QzFixExternalId0002",  "AKIAQZFIXEXAMPLE0003",
      "QzFixSecret0000000000000000000000000000C", "QzFixExternalId0003",
      "QzFixExternalId0004"};
  const char *sql =
      "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\",\n"
      "  \"hive.metastore.type\" = \"glue\",\n"
      "  \"aws.glue.access_key\" = \"AKIAQZFIXEXAMPLE0002\",\n"
      "  \"aws.glue.secret_key\" = "
      "\"QzFixSecret0000000000000000000000000000B\",\n"
      "  \"aws.glue.iam_role_arn\" = "
      "\"arn:aws:iam::081976408565:role/glue_role\",\n"
      "  \"aws.glue.external_id\" = \"QzFixExternalId0002\",\n"
      "  \"aws.glue.region\" = \"us-west-2\",\n"
      "  \"aws.s3.access_key\" = \"AKIAQZFIXEXAMPLE0001\",\n"
      "  \"aws.s3.secret_key\" = "
      "\"QzFixSecret0000000000000000000000000000A\",\n"
      "  \"aws.s3.session_token\" = \"QzFixSessionToken0001\",\n"
      "  \"aws.s3.iam_role_arn\" = "
      "\"arn:aws:iam::081976408565:role/s3_role\",\n"
      "  \"aws.s3.external_id\" = \"QzFixExternalId0001\",\n"
      "  \"aws.s3.region\" = \"us-west-2\");\n"
      "CREATE EXTERNAL CATALOG r PROPERTIES(\"type\"=\"iceberg\",\n"
      "  \"iceberg.catalog.type\" = \"rest\",\n"
      "  \"iceberg.catalog.uri\" = "
      "\"https://glue.us-east-1.amazonaws.com/iceberg\",\n"
      "  \"iceberg.catalog.rest.sigv4-enabled\" = \"true\",\n"
      "  \"iceberg.catalog.rest.signing-name\" = \"glue\",\n"
      "  \"iceberg.catalog.rest.signing-region\" = \"us-east-1\",\n"
      "  \"iceberg.catalog.rest.access-key-id\" = \"AKIAQZFIXEXAMPLE0003\",\n"
      "  \"iceberg.catalog.rest.secret-access-key\" = "
      "\"QzFixSecret0000000000000000000000000000C\",\n"
      /* StarRocks assumes the data role; Iceberg 1.10.0's signer assumes
         none, so the client.assume-role keys do nothing (and the finding
         that says so shows their line) */
      "  \"aws.s3.use_instance_profile\" = \"true\",\n"
      "  \"aws.s3.iam_role_arn\" = "
      "\"arn:aws:iam::081976408565:role/rest_data_role\",\n"
      "  \"aws.s3.external_id\" = \"QzFixExternalId0003\",\n"
      "  \"aws.s3.region\" = \"us-east-1\",\n"
      "  \"iceberg.catalog.client.assume-role.arn\" = "
      "\"arn:aws:iam::081976408565:role/rest_role\",\n"
      "  \"iceberg.catalog.client.assume-role.external-id\" = "
      "\"QzFixExternalId0004\",\n"
      "  \"iceberg.catalog.warehouse\" = \"123456789012\");\n";
  assert_int_equal(pc_check_buffer(f->ctx, "t.sql", sql, strlen(sql)), PC_OK);
  const pc_file *file = pc_file_at(f->ctx, 0);
  assert_int_equal(pc_file_stmt_count(file), 2);
  size_t npol = 0, ntrust = 0;
  for (size_t i = 0; i < pc_file_stmt_count(file); i++) {
    const pc_stmt *s = pc_file_stmt_at(file, i);
    for (size_t k = 0; k < pc_stmt_policy_count(s); k++) {
      const pc_policy *p = pc_stmt_policy_at(s, k);
      const char *texts[] = {p->principal, p->role_arn, p->identity, p->trust,
                             p->assume};
      npol++;
      ntrust += p->trust != NULL;
      for (size_t t = 0; t < COUNT(texts); t++)
        for (size_t j = 0; texts[t] && j < COUNT(secrets); j++)
          if (strstr(texts[t], secrets[j]))
            fail_msg("a secret appears in policy %zu of statement %zu", k, i);
      /* the external id is required, by placeholder */
      if (p->trust)
        assert_non_null(strstr(p->trust, "\"EXTERNAL_ID\""));
    }
  }
  assert_int_equal(npol, 4); /* c: s3, glue; r: rest (no role), s3 */
  assert_int_equal(ntrust, 3); /* the roles of c's s3 and glue, r's s3 */

  Sink out = {NULL, 0};
  assert_int_equal(pc_render(f->ctx, PC_FORMAT_JSON, 0, sink_write, &out),
                   PC_OK);
  assert_non_null(out.data);
  assert_non_null(strstr(out.data, "\"policies\""));
  for (size_t j = 0; j < COUNT(secrets); j++)
    if (strstr(out.data, secrets[j]))
      fail_msg("a secret appears in the JSON output");
  free(out.data);

  /* the text shows the unused external id's line, its value masked */
  Sink text = {NULL, 0};
  assert_int_equal(pc_render(f->ctx, PC_FORMAT_TEXT, 0, sink_write, &text),
                   PC_OK);
  assert_non_null(text.data);
  assert_non_null(strstr(text.data, "\"iceberg.catalog.client.assume-role."
                                    "external-id\" = \"***\""));
  for (size_t j = 0; j < COUNT(secrets); j++)
    if (strstr(text.data, secrets[j]))
      fail_msg("a secret appears in the text output");
  free(text.data);
}

static void documents_should_be_stable_and_sorted(void **state) {
  Fixture *f = *state;
  const char *sql =
      "LOAD LABEL db.l (DATA INFILE(\"s3://z-bucket/b/*\", "
      "\"s3://a-bucket/a/x.csv\") INTO TABLE t)\n"
      "WITH BROKER (\"aws.s3.use_instance_profile\" = \"true\", "
      "\"aws.s3.region\" = \"us-west-2\")";
  const pc_stmt *s = check_one(f, sql);
  char *first = strdup(policy_of(s, PC_SVC_S3)->identity);
  assert_non_null(first);
  s = check_one(f, sql);
  assert_string_equal(first, policy_of(s, PC_SVC_S3)->identity);
  free(first);
  cJSON *doc = parse_doc(f, policy_of(s, PC_SVC_S3)->identity);
  const cJSON *st;
  cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(doc, "Statement")) {
    const char *keys[] = {"Action", "Resource"};
    for (size_t k = 0; k < COUNT(keys); k++) {
      const cJSON *arr = cJSON_GetObjectItemCaseSensitive(st, keys[k]);
      const cJSON *prev = NULL, *e;
      cJSON_ArrayForEach(e, arr) {
        if (prev)
          assert_true(strcmp(prev->valuestring, e->valuestring) < 0);
        prev = e;
      }
    }
  }
  const cJSON *get =
      grant_of(doc, "s3:GetObject", "arn:aws:s3:::a-bucket/a/x.csv*");
  assert_non_null(get);
  assert_true(array_has(cJSON_GetObjectItemCaseSensitive(get, "Resource"),
                        "arn:aws:s3:::z-bucket/b/*"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(without_the_option_there_should_be_no_policies),
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
      T(a_load_should_read_the_objects_and_list_their_prefix),
      T(insert_into_files_should_add_the_write_actions),
      T(a_china_region_should_give_the_aws_cn_partition),
      T(a_read_only_catalog_should_not_get_write_actions),
      T(an_assumed_role_should_get_trust_and_assume_documents),
      T(a_role_without_external_id_should_have_no_condition),
      T(a_malformed_region_should_become_a_placeholder),
      T(s3_tables_through_glue_rest_should_follow_the_seed),
      T(s3_tables_endpoint_should_name_the_table_bucket),
      T(several_paths_should_be_merged_and_reduced),
      T(aurora_should_trust_rds),
      T(no_secret_should_appear_in_any_document),
      T(documents_should_be_stable_and_sorted),
#undef T
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
