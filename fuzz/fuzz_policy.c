/*
 * fuzz_policy.c - libFuzzer target for the IAM policy input
 * (propcheck --policy): the input is added as an identity policy, then
 * statements that need S3, Glue, S3 Tables, Aurora and Databend
 * permissions are checked against it and every output format is rendered
 * and checked.
 */
#include "fuzz_common.h"

static const char sql[] =
    "LOAD LABEL db.l1 (DATA INFILE(\"s3://bucket-a/in/*.parquet\") INTO TABLE t"
    " FORMAT AS \"parquet\") WITH BROKER (\"aws.s3.use_instance_profile\" ="
    " \"true\", \"aws.s3.region\" = \"us-west-2\");\n"
    "CREATE EXTERNAL CATALOG glue PROPERTIES (\"type\" = \"hive\","
    " \"hive.metastore.type\" = \"glue\", \"aws.glue.use_instance_profile\" ="
    " \"true\", \"aws.glue.iam_role_arn\" ="
    " \"arn:aws:iam::081976408565:role/glue\", \"aws.glue.region\" ="
    " \"us-east-1\", \"aws.s3.use_instance_profile\" = \"true\","
    " \"aws.s3.region\" = \"us-east-1\");\n"
    "INSERT INTO FILES(\"path\" = \"s3://bucket-b/out/\", \"format\" ="
    " \"parquet\", \"aws.s3.use_instance_profile\" = \"true\","
    " \"aws.s3.region\" = \"eu-west-1\") SELECT 1;\n"
    "CREATE EXTERNAL CATALOG ice PROPERTIES (\"type\" = \"iceberg\","
    " \"iceberg.catalog.type\" = \"rest\", \"iceberg.catalog.uri\" ="
    " \"https://glue.us-east-1.amazonaws.com/iceberg\","
    " \"iceberg.catalog.security\" = \"sigv4\", \"iceberg.catalog.warehouse\""
    " = \"081976408565:s3tablescatalog/tb\", \"aws.s3.region\" ="
    " \"us-east-1\");\n"
    "LOAD DATA FROM S3 's3://bucket-c/x.csv' INTO TABLE t;\n"
    "CREATE STAGE st URL = 's3://bucket-d/p/' CONNECTION = (ROLE_ARN ="
    " 'arn:aws:iam::081976408565:role/db');\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pc_options opt = {0, PC_OPT_POLICIES};
  pc_ctx *ctx = pc_ctx_new(&opt);
  if (!ctx)
    die("pc_ctx_new failed");
  pc_status st =
      pc_ctx_add_policy(ctx, "policy.json", (const char *)data, size);
  if (st != PC_OK)
    die("pc_ctx_add_policy failed");
  /* The same document twice: two policies, findings for each. */
  if (seed_of(data, size) & 1)
    pc_ctx_add_policy(ctx, "policy2.json", (const char *)data, size);
  if (pc_check_buffer(ctx, "input.sql", sql, sizeof sql - 1) != PC_OK)
    die("pc_check_buffer failed");
  render_all(ctx);
  pc_ctx_free(ctx);
  return 0;
}
