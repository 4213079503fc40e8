/*
 * test_iam_eval.c - IAM policy documents (src/iam_policy.c, iam_eval.c):
 * reading them,
 * reporting what IAM would reject or what grants nothing, and evaluating
 * the permissions statements need (IAM User Guide: "IAM JSON policy
 * grammar", the policy element pages, "Policy evaluation logic").
 *
 * The evaluator is exercised directly through iam_eval_need (iam.h), the
 * findings about a document through the public accessors, and iam_check
 * through a Unit and a Target built by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "iam.h"

/* ------------------------------------------------------------ helpers */

/* Published policies: BATCH_LOAD is the batch-load policy of StarRocks' "AWS
   IAM policies" page, bucket name filled in; STAR_OBJECT the policy of
   Databend Cloud's "Access your own AWS S3 bucket in Databend Cloud with
   IAM Role"; DENY_RAW adds a Deny to a read/write policy. */
static const char BATCH_LOAD[] =
    "{\n"
    "  \"Version\": \"2012-10-17\",\n"
    "  \"Statement\": [\n"
    "      {\n"
    "          \"Sid\": \"s3\",\n"
    "          \"Effect\": \"Allow\",\n"
    "          \"Action\": [\n"
    "              \"s3:GetObject\"\n"
    "          ],\n"
    "          \"Resource\": [\n"
    "              \"arn:aws:s3:::starrocks-test/*\"\n"
    "          ]\n"
    "      },\n"
    "      {\n"
    "          \"Sid\": \"s3list\",\n"
    "          \"Effect\": \"Allow\",\n"
    "          \"Action\": [\n"
    "              \"s3:ListBucket\"\n"
    "          ],\n"
    "          \"Resource\": [\n"
    "              \"arn:aws:s3:::starrocks-test\"\n"
    "          ]\n"
    "      }\n"
    "  ]\n"
    "}\n";

static const char STAR_OBJECT[] =
    "{\n"
    "  \"Version\": \"2012-10-17\",\n"
    "  \"Statement\": [\n"
    "    {\n"
    "      \"Effect\": \"Allow\",\n"
    "      \"Action\": \"s3:ListBucket\",\n"
    "      \"Resource\": \"arn:aws:s3:::test-bucket-123\"\n"
    "    },\n"
    "    {\n"
    "      \"Effect\": \"Allow\",\n"
    "      \"Action\": \"s3:*Object\",\n"
    "      \"Resource\": \"arn:aws:s3:::test-bucket-123/*\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

static const char DENY_RAW[] =
    "{\n"
    "  \"Version\": \"2012-10-17\",\n"
    "  \"Statement\": [\n"
    "    {\"Sid\": \"ReadWrite\", \"Effect\": \"Allow\",\n"
    "     \"Action\": [\"s3:GetObject\", \"s3:PutObject\"],\n"
    "     \"Resource\": \"arn:aws:s3:::starrocks-test/*\"},\n"
    "    {\"Sid\": \"NoWritesToRaw\", \"Effect\": \"Deny\",\n"
    "     \"Action\": \"s3:PutObject\",\n"
    "     \"Resource\": \"arn:aws:s3:::starrocks-test/raw/*\"}\n"
    "  ]\n"
    "}\n";

static pc_ctx *new_ctx(void) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  return ctx;
}

static void add(pc_ctx *ctx, const char *path, const char *json) {
  assert_int_equal(pc_ctx_add_policy(ctx, path, json, strlen(json)), PC_OK);
}

/* A context holding one policy. */
static pc_ctx *with(const char *json) {
  pc_ctx *ctx = new_ctx();
  add(ctx, "p.json", json);
  return ctx;
}

static int eval_d(pc_ctx *ctx, const char *action, const char *resource,
                  const char *prefix, const char **detail) {
  IamNeed n = {action, resource, prefix};
  return iam_eval_need(ctx->policies.data, ctx->policies.len, &n, &ctx->arena,
                       detail);
}

static int eval(pc_ctx *ctx, const char *action, const char *resource,
                const char *prefix) {
  return eval_d(ctx, action, resource, prefix, NULL);
}

/* The detail of a verdict contains s. */
static void detail_has(pc_ctx *ctx, const char *action, const char *resource,
                       const char *prefix, const char *s) {
  const char *d = NULL;
  eval_d(ctx, action, resource, prefix, &d);
  assert_non_null(d);
  if (!strstr(d, s))
    fail_msg("detail \"%s\" lacks \"%s\"", d, s);
}

/* The file record of the policy added last. */
static const pc_file *last_file(const pc_ctx *ctx) {
  assert_true(pc_file_count(ctx) > 0);
  return pc_file_at(ctx, pc_file_count(ctx) - 1);
}

/* The finding of rule in f whose message contains text, or NULL. */
static const pc_finding *find(const pc_file *f, const char *rule,
                              const char *text) {
  for (size_t i = 0; i < pc_file_finding_count(f); i++) {
    const pc_finding *x = pc_file_finding_at(f, i);
    if (strcmp(x->rule, rule) == 0 && (!text || strstr(x->message, text)))
      return x;
  }
  return NULL;
}

static const pc_finding *must_find(const pc_file *f, const char *rule,
                                   const char *text) {
  const pc_finding *x = find(f, rule, text);
  if (!x) {
    for (size_t i = 0; i < pc_file_finding_count(f); i++)
      fprintf(stderr, "  have: [%s] %s\n", pc_file_finding_at(f, i)->rule,
              pc_file_finding_at(f, i)->message);
    fail_msg("no [%s] finding with \"%s\"", rule, text ? text : "");
  }
  return x;
}

/* --------------------------------------------------- published policies */

static void batch_load_policy_grants_reads_but_not_writes(void **state) {
  (void)state;
  pc_ctx *ctx = with(BATCH_LOAD);
  assert_int_equal(pc_file_finding_count(last_file(ctx)), 0);
  /* What a LOAD of s3://starrocks-test/dir/... needs. */
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::starrocks-test/dir/x",
                        NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject",
                        "arn:aws:s3:::starrocks-test/dir/*", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:ListBucket", "arn:aws:s3:::starrocks-test",
                        "dir/*"),
                   IAM_GRANTED);
  assert_int_equal(
      eval(ctx, "s3:ListBucket", "arn:aws:s3:::starrocks-test", NULL),
      IAM_GRANTED);
  detail_has(ctx, "s3:GetObject", "arn:aws:s3:::starrocks-test/dir/x", NULL,
             "p.json Statement[0] (Sid \"s3\") allows it");
  /* What an INSERT INTO FILES writing to out/ needs on top. */
  assert_int_equal(eval(ctx, "s3:PutObject",
                        "arn:aws:s3:::starrocks-test/out/*", NULL),
                   IAM_NOT_GRANTED);
  detail_has(ctx, "s3:PutObject", "arn:aws:s3:::starrocks-test/out/*", NULL,
             "no statement of the given policies allows it");
  /* Another bucket: the detail says where it is allowed. */
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::other/x", NULL),
                   IAM_NOT_GRANTED);
  detail_has(ctx, "s3:GetObject", "arn:aws:s3:::other/x", NULL,
             "allows it only on arn:aws:s3:::starrocks-test/*");
  pc_ctx_free(ctx);
}

static void star_object_grants_object_actions_not_listing(void **state) {
  (void)state;
  pc_ctx *ctx = with(STAR_OBJECT);
  const char *obj = "arn:aws:s3:::test-bucket-123/test.parquet";
  assert_int_equal(eval(ctx, "s3:GetObject", obj, NULL), IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:PutObject", obj, NULL), IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:DeleteObject", obj, NULL), IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:RestoreObject", obj, NULL), IAM_GRANTED);
  /* *Object ends with Object: not GetObjectVersion, not ListBucket. */
  assert_int_equal(eval(ctx, "s3:GetObjectVersion", obj, NULL),
                   IAM_NOT_GRANTED);
  assert_int_equal(eval(ctx, "s3:ListBucket",
                        "arn:aws:s3:::test-bucket-123/*", NULL),
                   IAM_NOT_GRANTED);
  assert_int_equal(
      eval(ctx, "s3:ListBucket", "arn:aws:s3:::test-bucket-123", NULL),
      IAM_GRANTED);
  pc_ctx_free(ctx);
}

/* ------------------------------------------------------------ evaluation */

static void explicit_deny_beats_allow(void **state) {
  (void)state;
  pc_ctx *ctx = with(DENY_RAW);
  assert_int_equal(eval(ctx, "s3:PutObject", "arn:aws:s3:::starrocks-test/raw/*",
                        NULL),
                   IAM_DENIED);
  detail_has(ctx, "s3:PutObject", "arn:aws:s3:::starrocks-test/raw/*", NULL,
             "Statement[1] (Sid \"NoWritesToRaw\") denies it");
  assert_int_equal(eval(ctx, "s3:PutObject",
                        "arn:aws:s3:::starrocks-test/curated/*", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject",
                        "arn:aws:s3:::starrocks-test/raw/x", NULL),
                   IAM_GRANTED);
  /* Writing anywhere in the bucket: the Deny covers part of it. */
  assert_int_equal(
      eval(ctx, "s3:PutObject", "arn:aws:s3:::starrocks-test/*", NULL),
      IAM_POSSIBLY_DENIED);
  detail_has(ctx, "s3:PutObject", "arn:aws:s3:::starrocks-test/*", NULL,
             "denies it on part of it (arn:aws:s3:::starrocks-test/raw/*)");
  pc_ctx_free(ctx);
}

static void deny_in_one_document_beats_allow_in_another(void **state) {
  (void)state;
  pc_ctx *ctx = with(BATCH_LOAD);
  add(ctx, "deny.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", "
      "\"Action\": \"s3:*\", \"Resource\": \"*\"}}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::starrocks-test/x",
                        NULL),
                   IAM_DENIED);
  detail_has(ctx, "s3:GetObject", "arn:aws:s3:::starrocks-test/x", NULL,
             "deny.json Statement denies it");
  pc_ctx_free(ctx);
}

static void actions_ignore_case_resources_do_not(void **state) {
  (void)state;
  pc_ctx *ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": [{"
                     "\"Effect\": \"Allow\", \"Action\": \"S3:getobject\", "
                     "\"Resource\": \"arn:aws:s3:::Data-Bucket/*\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::Data-Bucket/k",
                        NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "S3:GETOBJECT", "arn:aws:s3:::Data-Bucket/k",
                        NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::data-bucket/k",
                        NULL),
                   IAM_NOT_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject", "ARN:AWS:S3:::Data-Bucket/k",
                        NULL),
                   IAM_NOT_GRANTED);
  pc_ctx_free(ctx);
}

static void action_wildcards_stay_in_their_service(void **state) {
  (void)state;
  pc_ctx *ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": [\"s3:Get*\", \"glue:Get?able\"], "
      "\"Resource\": \"*\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:PutObject", "arn:aws:s3:::b/k", NULL),
                   IAM_NOT_GRANTED);
  assert_int_equal(eval(ctx, "glue:GetTable", "*", NULL), IAM_GRANTED);
  assert_int_equal(eval(ctx, "glue:GetTables", "*", NULL), IAM_NOT_GRANTED);
  /* s3:Get* is not s3tables:Get... */
  assert_int_equal(eval(ctx, "s3tables:GetTable", "*", NULL),
                   IAM_NOT_GRANTED);
  pc_ctx_free(ctx);
  ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
             "\"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}");
  assert_int_equal(eval(ctx, "kms:Decrypt", "arn:aws:kms:us-east-1:1:key/k",
                        NULL),
                   IAM_GRANTED);
  pc_ctx_free(ctx);
}

static void not_action_covers_everything_else(void **state) {
  (void)state;
  pc_ctx *ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": [{"
                     "\"Effect\": \"Allow\", \"NotAction\": "
                     "[\"s3:PutObject\", \"iam:*\"], \"Resource\": \"*\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "glue:GetTable", "*", NULL), IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:PutObject", "arn:aws:s3:::b/k", NULL),
                   IAM_NOT_GRANTED);
  assert_int_equal(eval(ctx, "iam:PassRole", "*", NULL), IAM_NOT_GRANTED);
  /* Allow with NotAction is linted. */
  const pc_finding *f =
      must_find(last_file(ctx), "policy-ineffective", "Statement[0].NotAction");
  assert_int_equal(f->pos.line, 1);
  assert_int_equal(f->severity, PC_SEV_WARNING);
  pc_ctx_free(ctx);
}

static void not_resource_covers_everything_else(void **state) {
  (void)state;
  pc_ctx *ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": \"s3:GetObject\", \"NotResource\": "
      "\"arn:aws:s3:::b/secret/*\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/public/k", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/secret/k", NULL),
                   IAM_NOT_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/secret/d/*",
                        NULL),
                   IAM_NOT_GRANTED);
  /* The whole bucket: all but secret/ is allowed. */
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/*", NULL),
                   IAM_CONDITIONAL);
  pc_ctx_free(ctx);

  /* Deny with NotResource: denies everything but the listed resources. */
  ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": ["
             "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": "
             "\"*\"},"
             "{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"NotResource\": "
             "[\"arn:aws:s3:::ok\", \"arn:aws:s3:::ok/*\"]}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::ok/k", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:ListBucket", "arn:aws:s3:::ok", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::other/k", NULL),
                   IAM_DENIED);
  pc_ctx_free(ctx);
}

static void statement_may_be_an_object_or_an_array(void **state) {
  (void)state;
  static const char *const docs[] = {
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
      "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}",
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
      "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}]}"};
  static const char *const labels[] = {"p.json Statement allows",
                                       "p.json Statement[0] allows"};
  for (size_t i = 0; i < 2; i++) {
    pc_ctx *ctx = with(docs[i]);
    assert_int_equal(pc_file_finding_count(last_file(ctx)), 0);
    assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                     IAM_GRANTED);
    assert_int_equal(eval(ctx, "s3:PutObject", "arn:aws:s3:::b/k", NULL),
                     IAM_NOT_GRANTED);
    detail_has(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL, labels[i]);
    pc_ctx_free(ctx);
  }
}

/* A ListBucket Allow on bucket b with this Condition. */
static pc_ctx *list_with(const char *condition) {
  char doc[1024];
  snprintf(doc, sizeof doc,
           "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
           "\"Allow\", \"Action\": [\"s3:ListBucket\", \"s3:GetObject\"], "
           "\"Resource\": [\"arn:aws:s3:::b\", \"arn:aws:s3:::b/*\"], "
           "\"Condition\": %s}]}",
           condition);
  return with(doc);
}

static void s3_prefix_conditions_are_evaluated(void **state) {
  (void)state;
  const char *b = "arn:aws:s3:::b";
  pc_ctx *ctx = list_with("{\"StringLike\": {\"s3:prefix\": [\"dir/*\"]}}");
  assert_int_equal(eval(ctx, "s3:ListBucket", b, "dir/*"), IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:ListBucket", b, "dir/sub/*"), IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:ListBucket", b, "other/*"), IAM_NOT_GRANTED);
  detail_has(ctx, "s3:ListBucket", b, "other/*",
             "allows it only where s3:prefix matches 'dir/*', and the "
             "statement lists with 'other/*'");
  /* the whole bucket is not under dir/ */
  assert_int_equal(eval(ctx, "s3:ListBucket", b, NULL), IAM_NOT_GRANTED);
  /* GetObject requests carry no s3:prefix: the condition fails */
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/dir/k", NULL),
                   IAM_NOT_GRANTED);
  pc_ctx_free(ctx);

  /* Values that cover dir/ and all below it. */
  static const char *const covering[] = {"*", "d*", "dir/*", "di?/*"};
  for (size_t i = 0; i < 4; i++) {
    char cond[128];
    snprintf(cond, sizeof cond, "{\"StringLike\": {\"s3:prefix\": \"%s\"}}",
             covering[i]);
    ctx = list_with(cond);
    assert_int_equal(eval(ctx, "s3:ListBucket", b, "dir/*"), IAM_GRANTED);
    pc_ctx_free(ctx);
  }
  /* The whole bucket: only a value that matches "" does. */
  ctx = list_with("{\"StringLike\": {\"s3:prefix\": [\"\", \"x/*\"]}}");
  assert_int_equal(eval(ctx, "s3:ListBucket", b, NULL), IAM_GRANTED);
  pc_ctx_free(ctx);
  ctx = list_with("{\"StringLike\": {\"s3:prefix\": \"*\"}}");
  assert_int_equal(eval(ctx, "s3:ListBucket", b, NULL), IAM_GRANTED);
  pc_ctx_free(ctx);

  /* The bare prefix only: a warning, not an error. */
  ctx = list_with("{\"StringEquals\": {\"s3:prefix\": \"dir/\"}}");
  assert_int_equal(eval(ctx, "s3:ListBucket", b, "dir/*"), IAM_CONDITIONAL);
  detail_has(ctx, "s3:ListBucket", b, "dir/*",
             "only for the listing prefix 'dir/' itself");
  assert_int_equal(eval(ctx, "s3:ListBucket", b, "other/*"), IAM_NOT_GRANTED);
  pc_ctx_free(ctx);

  /* IfExists: holds when the request has no s3:prefix. */
  ctx = list_with(
      "{\"StringLikeIfExists\": {\"s3:prefix\": [\"dir/*\"]}}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/dir/k", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "s3:ListBucket", b, "dir/*"), IAM_GRANTED);
  pc_ctx_free(ctx);

  /* s3:prefix together with another key: not evaluated. */
  ctx = list_with("{\"StringLike\": {\"s3:prefix\": \"dir/*\"}, "
                  "\"Bool\": {\"aws:SecureTransport\": \"true\"}}");
  assert_int_equal(eval(ctx, "s3:ListBucket", b, "dir/*"), IAM_CONDITIONAL);
  detail_has(ctx, "s3:ListBucket", b, "dir/*",
             "only under its condition on s3:prefix, aws:SecureTransport");
  pc_ctx_free(ctx);
}

static void other_conditions_make_it_conditional(void **state) {
  (void)state;
  pc_ctx *ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": "
      "\"arn:aws:s3:::b/*\", \"Condition\": {\"IpAddress\": "
      "{\"aws:SourceIp\": \"203.0.113.0/24\"}}}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                   IAM_CONDITIONAL);
  detail_has(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL,
             "only under its condition on aws:SourceIp");
  /* An unconditional Allow elsewhere grants it. */
  add(ctx, "all.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                   IAM_GRANTED);
  /* A conditional Deny: may be denied. */
  add(ctx, "mfa.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", "
      "\"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": "
      "{\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                   IAM_POSSIBLY_DENIED);
  detail_has(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL,
             "mfa.json Statement[0] denies it when its condition on "
             "aws:MultiFactorAuthPresent holds");
  pc_ctx_free(ctx);
}

static void policy_variables_are_conditional_or_literal(void **state) {
  (void)state;
  const char *home = "arn:aws:s3:::b/home/alice/k";
  pc_ctx *ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": "
      "\"arn:aws:s3:::b/home/${aws:username}/*\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", home, NULL), IAM_CONDITIONAL);
  detail_has(ctx, "s3:GetObject", home, NULL, "${aws:username}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/other/k", NULL),
                   IAM_NOT_GRANTED);
  pc_ctx_free(ctx);

  /* No Version: 2008-10-17, the variable is literal text (noted, warned). */
  ctx = with("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
             "\"s3:GetObject\", \"Resource\": "
             "\"arn:aws:s3:::b/home/${aws:username}/*\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", home, NULL), IAM_NOT_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject",
                        "arn:aws:s3:::b/home/${aws:username}/k", NULL),
                   IAM_GRANTED);
  const pc_file *f = last_file(ctx);
  assert_int_equal(must_find(f, "policy-ineffective", "no Version")->severity,
                   PC_SEV_NOTE);
  assert_int_equal(
      must_find(f, "policy-ineffective", "Statement[0].Resource")->severity,
      PC_SEV_WARNING);
  pc_ctx_free(ctx);
}

static void resource_wildcards_read_strictly_for_allow(void **state) {
  (void)state;
  const char *stream = "arn:aws:logs:us-east-1:123456789012:log-group:app:"
                       "log-stream:s1";
  /* '*' in the middle spanning ':': only under the permissive reading. */
  pc_ctx *ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": [{"
                     "\"Effect\": \"Allow\", \"Action\": \"logs:*\", "
                     "\"Resource\": \"arn:aws:logs:us-east-1:123456789012:"
                     "log-group:*:s1\"}]}");
  assert_int_equal(pc_file_finding_count(last_file(ctx)), 0);
  assert_int_equal(eval(ctx, "logs:PutLogEvents", stream, NULL),
                   IAM_CONDITIONAL);
  detail_has(ctx, "logs:PutLogEvents", stream, NULL, "may span ':'");
  pc_ctx_free(ctx);
  /* The same pattern in a Deny denies (permissive reading). */
  ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": ["
             "{\"Effect\": \"Allow\", \"Action\": \"logs:*\", \"Resource\": "
             "\"*\"},"
             "{\"Effect\": \"Deny\", \"Action\": \"logs:*\", "
             "\"Resource\": \"arn:aws:logs:us-east-1:123456789012:"
             "log-group:*:s1\"}]}");
  assert_int_equal(eval(ctx, "logs:PutLogEvents", stream, NULL), IAM_DENIED);
  detail_has(ctx, "logs:PutLogEvents", stream, NULL, "may span ':'");
  pc_ctx_free(ctx);
  /* A trailing '*' runs past ':', and '*' inside a segment is fine. */
  ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
             "\"Allow\", \"Action\": \"glue:*\", \"Resource\": "
             "[\"arn:aws:glue:us-east-1:*\", "
             "\"arn:aws:glue:*:123456789012:database/d*\"]}]}");
  assert_int_equal(eval(ctx, "glue:GetTable",
                        "arn:aws:glue:us-east-1:123456789012:table/db/t", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "glue:GetDatabase",
                        "arn:aws:glue:eu-west-1:123456789012:database/db",
                        NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "glue:GetDatabase",
                        "arn:aws:glue:eu-west-1:999999999999:database/db",
                        NULL),
                   IAM_NOT_GRANTED);
  pc_ctx_free(ctx);
}

static void needs_with_placeholders_and_sets(void **state) {
  (void)state;
  pc_ctx *ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": [\"glue:GetDatabase\", \"s3:GetObject\"], "
      "\"Resource\": [\"arn:aws:glue:us-west-2:081976408565:catalog\", "
      "\"arn:aws:glue:us-west-2:081976408565:database/sales\", "
      "\"arn:aws:s3:::starrocks-test/dir/*\"]}]}");
  /* Unknown account, region, bucket: read as the policy's. */
  assert_int_equal(eval(ctx, "glue:GetDatabase",
                        "arn:aws:glue:REGION:ACCOUNT_ID:catalog", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "glue:GetDatabase",
                        "arn:aws:glue:us-west-2:ACCOUNT_ID:catalog", NULL),
                   IAM_GRANTED);
  assert_int_equal(eval(ctx, "glue:GetDatabase",
                        "arn:aws:glue:eu-west-1:ACCOUNT_ID:catalog", NULL),
                   IAM_NOT_GRANTED);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::BUCKET/dir/*",
                        NULL),
                   IAM_GRANTED);
  /* A need naming a set: a pattern covering part of it is a warning. */
  assert_int_equal(eval(ctx, "glue:GetDatabase",
                        "arn:aws:glue:us-west-2:081976408565:database/*",
                        NULL),
                   IAM_CONDITIONAL);
  detail_has(ctx, "glue:GetDatabase",
             "arn:aws:glue:us-west-2:081976408565:database/*", NULL,
             "only on part of it "
             "(arn:aws:glue:us-west-2:081976408565:database/sales)");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::starrocks-test/*",
                        NULL),
                   IAM_CONDITIONAL);
  /* '?' in a pattern does not cover a set. */
  pc_ctx_free(ctx);
  ctx = with("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
             "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": "
             "\"arn:aws:s3:::b/dir/?\"}]}");
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/dir/*", NULL),
                   IAM_CONDITIONAL);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/dir/x", NULL),
                   IAM_GRANTED);
  pc_ctx_free(ctx);
}

static void long_resources_and_patterns(void **state) {
  (void)state;
  char key[1200], res[1300], doc[1600];
  memset(key, 'k', sizeof key - 1);
  key[sizeof key - 1] = '\0';
  snprintf(res, sizeof res, "arn:aws:s3:::b/%s", key);
  snprintf(doc, sizeof doc,
           "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
           "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": "
           "\"arn:aws:s3:::b/*k*k*k*k*k*k*k*k*k*k*k*k*k*k*k*k*x\"}]}");
  pc_ctx *ctx = with(doc);
  assert_int_equal(eval(ctx, "s3:GetObject", res, NULL), IAM_NOT_GRANTED);
  pc_ctx_free(ctx);
}

/* The wildcard matcher (iam_glob_match): two pointers with star
   backtracking, segment by segment when wildcards cannot take ':'. */
static void glob_matcher_edge_cases(void **state) {
  (void)state;
  assert_true(iam_glob_match("", "", 0));
  assert_false(iam_glob_match("", "a", 0));
  assert_true(iam_glob_match("*", "", 0));
  assert_true(iam_glob_match("**", "abc", 0));
  assert_false(iam_glob_match("?", "", 0));
  assert_true(iam_glob_match("a?c", "abc", 0));
  assert_false(iam_glob_match("a?c", "ac", 0));
  assert_true(iam_glob_match("*c", "abcbc", 0)); /* backtracks to the end */
  assert_false(iam_glob_match("*cb", "abcbc", 0));
  assert_true(iam_glob_match("a*b*c", "aXbYbZc", 0));
  assert_false(iam_glob_match("a*b*c", "aXbYbZ", 0));
  assert_false(iam_glob_match("abc", "ABC", 0));
  assert_true(iam_glob_match("s3:get*", "S3:GetObject", G_ICASE | G_NOCOLON));
  /* only a star takes the "any suffix" mark */
  assert_true(iam_glob_match("b/*", "b/\x02", 0));
  assert_false(iam_glob_match("b/?", "b/\x02", 0));
  assert_false(iam_glob_match("b/\x02", "b/\x02", 0));
  /* ':' under G_NOCOLON: never; under G_STRICT: only by a last '*' */
  assert_false(iam_glob_match("s3:*", "s3:a:b", G_NOCOLON));
  assert_false(iam_glob_match("s3?a", "s3:a", G_NOCOLON));
  assert_true(iam_glob_match("arn:*", "arn:a:b", G_STRICT));
  assert_true(iam_glob_match("arn:*", "arn:a:b", 0));
  assert_false(iam_glob_match("arn:*:b", "arn:a:x:b", G_STRICT));
  assert_true(iam_glob_match("arn:*:b", "arn:a:x:b", 0));
  assert_true(iam_glob_match("arn:*:*", "arn:a:x:b", G_STRICT));
  assert_false(iam_glob_match("arn:*?", "arn:a:b", G_STRICT));
  assert_true(iam_glob_match("a:b*", "a:bc:d:e", G_STRICT));
  assert_false(iam_glob_match("a:b*", "a:c:d", G_STRICT));
  assert_false(iam_glob_match("a:b:c", "a:b", G_STRICT));
  assert_false(iam_glob_match("a:b", "a:b:c", G_STRICT));
  assert_true(iam_glob_match("::", "::", G_STRICT));
  /* a pattern that made the old dynamic program cost pattern x subject:
     2,000 characters each, well under a millisecond now */
  char p[2001], s[2002];
  for (int i = 0; i < 2000; i++)
    p[i] = i % 2 ? 'a' : '*';
  p[2000] = '\0';
  memset(s, 'a', 2000);
  s[2000] = 'b';
  s[2001] = '\0';
  assert_false(iam_glob_match(p, s, G_STRICT));
  s[2000] = '\0';
  assert_true(iam_glob_match(p, s, G_STRICT));
}

/* IAM's limits: an ARN of 2,048 characters, a policy of 10,240 without
   whitespace.  Over them: a finding, never silence. */
static void iam_size_limits_are_reported(void **state) {
  (void)state;
  static char doc[16000], res[2200];
  memset(res, 'k', sizeof res - 1);
  memcpy(res, "arn:aws:s3:::b/", 15);
  res[sizeof res - 1] = '\0';
  snprintf(doc, sizeof doc,
           "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
           "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"%s\"}]}",
           res);
  pc_ctx *ctx = with(doc);
  must_find(last_file(ctx), "invalid-policy", "an ARN is at most 2048");
  pc_ctx_free(ctx);

  ctx = with(BATCH_LOAD); /* a need's ARN over the limit */
  assert_int_equal(eval(ctx, "s3:GetObject", res, NULL), IAM_NOT_GRANTED);
  detail_has(ctx, "s3:GetObject", res, NULL, "over IAM's limit of 2048");
  pc_ctx_free(ctx);

  size_t n = (size_t)snprintf(doc, sizeof doc,
                              "{\"Version\": \"2012-10-17\", \"Statement\": [");
  for (int i = 0; n < 10400; i++)
    n += (size_t)snprintf(doc + n, sizeof doc - n,
                          "%s{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                          "\"Resource\":\"arn:aws:s3:::b%d/*\"}",
                          i ? ", " : "", i);
  snprintf(doc + n, sizeof doc - n, "]}");
  ctx = with(doc);
  must_find(last_file(ctx), "invalid-policy", "IAM accepts at most 10240");
  assert_int_equal(ctx->policies.len, 0); /* and it is not used */
  pc_ctx_free(ctx);
}

/* ----------------------------------------------------------------- lint */

static void listbucket_on_objects_grants_nothing(void **state) {
  (void)state;
  static const char doc[] =
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": [\n"
      "    {\n"
      "      \"Sid\": \"ReadAndList\",\n"
      "      \"Effect\": \"Allow\",\n"
      "      \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"],\n"
      "      \"Resource\": \"arn:aws:s3:::starrocks-test/*\"\n"
      "    },\n"
      "    {\n"
      "      \"Effect\": \"Allow\",\n"
      "      \"Action\": \"s3:GetObject\",\n"
      "      \"Resource\": \"arn:aws:s3:::starrocks-test\"\n"
      "    }\n"
      "  ]\n"
      "}\n";
  pc_ctx *ctx = with(doc);
  assert_int_equal(
      eval(ctx, "s3:ListBucket", "arn:aws:s3:::starrocks-test", "dir/*"),
      IAM_NOT_GRANTED);
  detail_has(ctx, "s3:ListBucket", "arn:aws:s3:::starrocks-test", "dir/*",
             "allows it only on arn:aws:s3:::starrocks-test/*");
  const pc_file *f = last_file(ctx);
  assert_string_equal(pc_file_path(f), "p.json");
  const pc_finding *x =
      must_find(f, "policy-ineffective", "Statement[0].Action[1]: s3:ListBucket");
  assert_int_equal(x->pos.line, 7);
  assert_int_equal(x->pos.column, 34);
  assert_string_equal(x->key, "Statement[0].Action[1]");
  x = must_find(f, "policy-ineffective", "Statement[1].Action: s3:GetObject");
  assert_int_equal(x->pos.line, 12);
  assert_int_equal(pc_file_finding_count(f), 2);
  pc_ctx_free(ctx);

  /* The bucket and its objects both listed: nothing to say. */
  ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], "
      "\"Resource\": [\"arn:aws:s3:::b\", \"arn:aws:s3:::b/*\"]}]}");
  assert_int_equal(pc_file_finding_count(last_file(ctx)), 0);
  pc_ctx_free(ctx);
}

static void unfilled_placeholders_are_linted(void **state) {
  (void)state;
  pc_ctx *ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
      "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": "
      "\"arn:aws:s3:::<bucket_name>/*\"}]}");
  must_find(last_file(ctx), "policy-ineffective", "never filled in");
  pc_ctx_free(ctx);
}

/* -------------------------------------------------------- invalid input */

static void malformed_json_is_reported_at_its_line(void **state) {
  (void)state;
  static const char doc[] =
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": [\n"
      "    {\n"
      "      \"Effect\": \"Allow\",\n"
      "      \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"]\n"
      "      \"Resource\": \"arn:aws:s3:::starrocks-test/*\"\n"
      "    }\n"
      "  ]\n"
      "}\n";
  pc_ctx *ctx = with(doc);
  const pc_file *f = last_file(ctx);
  assert_int_equal(pc_file_finding_count(f), 1);
  const pc_finding *x = must_find(f, "invalid-policy", "not valid JSON");
  assert_non_null(strstr(x->message, "Statement[0]: "));
  assert_int_equal(x->pos.line, 7);
  assert_int_equal(x->pos.column, 7);
  assert_int_equal(x->severity, PC_SEV_ERROR);
  /* The document is not used. */
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::starrocks-test/k",
                        NULL),
                   IAM_NOT_GRANTED);
  pc_ctx_free(ctx);
}

typedef struct BadDoc {
  const char *json;
  const char *path; /* expected start of the message */
  const char *text; /* expected in the message */
  uint32_t line, column;
} BadDoc;

/* Each document also has a valid statement allowing s3:GetObject on *, to
   show that an invalid document is not used at all. */
#define OK_STMT \
  "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"

static const BadDoc bad_docs[] = {
    {"{\"Version\": \"2012-10-17\"}", "the policy has no Statement",
     "no Statement", 1, 1},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}",
     "Statement[1].Effect: ", "case-sensitive", 2, 14},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Permit\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}",
     "Statement[1].Effect: ", "\"Allow\" or \"Deny\"", 2, 14},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"NotAction\": "
     "\"iam:*\", \"Resource\": \"*\"}]}",
     "Statement[1].NotAction: ", "not both", 2, 41},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Resource\": \"*\"}]}",
     "Statement[1]: ", "no Action", 2, 3},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": \"s3:*\"}]}",
     "Statement[1]: ", "no Resource", 2, 3},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, "
     "\"Action\": \"s3:*\", \"Resource\": \"*\"}]}",
     "Statement[1].Principal: ", "resource-based", 2, 23},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": "
     "[\"arn:aws:s3:::b\", \"b/*\"]}]}",
     "Statement[1].Resource[1]: ", "not an ARN", 2, 72},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": [\"s3GetObject\"], \"Resource\": "
     "\"*\"}]}",
     "Statement[1].Action[0]: ", "not an action", 2, 34},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\"}]}",
     "Statement[1].Action: ", "empty array", 2, 33},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}",
     "Statement[1].effect: ", "case-sensitive", 2, 4},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Action\": \"s3:Get*\", "
     "\"Resource\": \"*\"}]}",
     "Statement[1].Action: ", "appears twice", 2, 41},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [\n"
     "  {\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
     "\"Resource\": \"*\"},\n"
     "  {\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", "
     "\"Resource\": \"*\"}]}",
     "Statement[1].Sid: ", "unique", 3, 11},
    {"{\"Version\": \"2020-01-01\", \"Statement\": [" OK_STMT "]}",
     "Version: ", "2012-10-17", 1, 13},
    {"{\"Version\": \"2012-10-17\", \"Statements\": [" OK_STMT "]}",
     "Statements: ", "not a policy element", 1, 27},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Sid\": \"\xE6\x97\xA5\", \"Effect\": \"Allow\", \"Action\": "
     "\"s3:*\", \"Resource\": \"*\"}]}",
     "the character U+65E5", "U+65E5", 2, 12},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\", "
     "\"Condition\": {\"StringLike\": \"x\"}}]}",
     "Statement[1].Condition.StringLike: ", "operator", 2, 86},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT "]} extra",
     "not valid JSON", "after the end", 1, 106},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT "]", "not valid JSON",
     "expected ',' or '}'", 1, 104},
    {"{'Version': '2012-10-17'}", "not valid JSON", "member name", 1, 2},
    {"{\"Version\": \"2012-10-17\", \"Statement\": [" OK_STMT ",\n"
     "  {\"Effect\": \"Allow\", \"Action\": \"s3:\\x\", \"Resource\": \"*\"}]}",
     "Statement[1].Action: not valid JSON", "unknown escape", 2, 37},
    {"[" OK_STMT "]", "an IAM policy is a JSON object", "JSON object", 1, 1},
    {"  \n\t", "the policy file is empty", "empty", 1, 1},
};

static void invalid_documents_are_reported_and_not_used(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof bad_docs / sizeof bad_docs[0]; i++) {
    const BadDoc *b = &bad_docs[i];
    pc_ctx *ctx = new_ctx();
    add(ctx, "bad.json", b->json);
    const pc_file *f = last_file(ctx);
    const pc_finding *x = find(f, "invalid-policy", b->text);
    if (!x) {
      for (size_t k = 0; k < pc_file_finding_count(f); k++)
        fprintf(stderr, "  have: [%s] %s\n", pc_file_finding_at(f, k)->rule,
                pc_file_finding_at(f, k)->message);
      fail_msg("document %zu: no invalid-policy finding with \"%s\"", i,
               b->text);
    }
    if (strncmp(x->message, b->path, strlen(b->path)) != 0)
      fail_msg("document %zu: message \"%s\" does not start with \"%s\"", i,
               x->message, b->path);
    if (x->pos.line != b->line || x->pos.column != b->column)
      fail_msg("document %zu: at %u:%u, want %u:%u (%s)", i, x->pos.line,
               x->pos.column, b->line, b->column, x->message);
    assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                     IAM_NOT_GRANTED);
    pc_ctx_free(ctx);
  }
}

static void deep_nesting_is_an_error_not_a_crash(void **state) {
  (void)state;
  char doc[4096];
  size_t n = 0;
  for (int i = 0; i < 1000; i++)
    doc[n++] = '[';
  doc[n] = '\0';
  pc_ctx *ctx = new_ctx();
  add(ctx, "deep.json", doc);
  must_find(last_file(ctx), "invalid-policy", "nested too deeply");
  pc_ctx_free(ctx);
}

static void bom_and_crlf_positions(void **state) {
  (void)state;
  static const char doc[] =
      "\xEF\xBB\xBF{\r\n"
      "  \"Version\": \"2012-10-17\",\r\n"
      "  \"Statement\": {\"Effect\": \"Alow\", \"Action\": \"s3:*\", "
      "\"Resource\": \"*\"}\r\n"
      "}\r\n";
  pc_ctx *ctx = with(doc);
  const pc_finding *x =
      must_find(last_file(ctx), "invalid-policy", "Statement.Effect: ");
  assert_int_equal(x->pos.line, 3);
  assert_int_equal(x->pos.column, 27);
  assert_int_equal(x->pos.offset, 3 + 3 + 28 + 26);
  pc_ctx_free(ctx);
}

/* ---------------------------------------------- levels, secrets, output */

static int collect(void *user, const char *data, size_t len) {
  Buf *b = user;
  return buf_append(b, data, len);
}

static void external_ids_never_appear_in_output(void **state) {
  (void)state;
  pc_ctx *ctx = with(
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\",\n"
      "  \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": "
      "[\"xid-SECRET-4242\"]}}, \"Principal\": \"*\",\n"
      "  \"Action\": \"sts:AssumeRole\"}}\n");
  must_find(last_file(ctx), "invalid-policy", "trust policy");
  static const pc_format formats[] = {PC_FORMAT_TEXT, PC_FORMAT_JSON,
                                      PC_FORMAT_SARIF, PC_FORMAT_GITHUB,
                                      PC_FORMAT_GITLAB};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    Buf out = {0};
    assert_int_equal(pc_render(ctx, formats[i], 0, collect, &out), PC_OK);
    assert_int_equal(buf_append(&out, "", 1), 0);
    assert_null(strstr(out.data, "xid-SECRET-4242"));
    if (formats[i] == PC_FORMAT_TEXT)
      assert_non_null(strstr(out.data, "\"sts:ExternalId\": [\"***\"]"));
    buf_release(&out);
  }
  pc_ctx_free(ctx);
}

static void rule_levels_apply_to_policy_findings(void **state) {
  (void)state;
  pc_ctx *ctx = new_ctx();
  assert_int_equal(
      pc_ctx_set_rule_level(ctx, "policy-ineffective", PC_LEVEL_OFF), PC_OK);
  assert_int_equal(pc_ctx_set_rule_level(ctx, "invalid-policy", PC_LEVEL_OFF),
                   PC_OK);
  add(ctx, "lint.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
      "\"NotAction\": \"iam:*\", \"Resource\": \"*\"}}");
  assert_int_equal(pc_file_finding_count(last_file(ctx)), 0);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                   IAM_GRANTED);
  /* Silenced, an invalid document is still not used. */
  add(ctx, "bad.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", "
      "\"Action\": \"s3:*\", \"Resource\": \"*\", \"Principal\": \"*\"}}");
  assert_int_equal(pc_file_finding_count(last_file(ctx)), 0);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::b/k", NULL),
                   IAM_GRANTED);
  assert_int_equal(
      pc_ctx_set_rule_level(ctx, "policy-ineffective", PC_LEVEL_ERROR),
      PC_OK);
  add(ctx, "lint2.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
      "\"NotAction\": \"iam:*\", \"Resource\": \"*\"}}");
  assert_int_equal(
      must_find(last_file(ctx), "policy-ineffective", NULL)->severity,
      PC_SEV_ERROR);
  pc_ctx_free(ctx);
}

static void bad_arguments(void **state) {
  (void)state;
  assert_int_equal(pc_ctx_add_policy(NULL, "p.json", "{}", 2), PC_EINVAL);
  pc_ctx *ctx = new_ctx();
  assert_int_equal(pc_ctx_add_policy(ctx, "p.json", NULL, 3), PC_EINVAL);
  /* A NULL path is named <policy>. */
  assert_int_equal(pc_ctx_add_policy(ctx, NULL, "{}", 2), PC_OK);
  assert_string_equal(pc_file_path(last_file(ctx)), "<policy>");
  /* Policies survive pc_ctx_reset (their file records do not). */
  add(ctx, "p.json", BATCH_LOAD);
  pc_ctx_reset(ctx);
  assert_int_equal(pc_file_count(ctx), 0);
  assert_int_equal(eval(ctx, "s3:GetObject", "arn:aws:s3:::starrocks-test/k",
                        NULL),
                   IAM_GRANTED);
  pc_ctx_free(ctx);
}

/* ------------------------------------------------------------ iam_check */

typedef struct Checked {
  Unit u;
  Arena scratch;
  Target t;
  Chunk c;
} Checked;

/* Runs iam_check over a target with these grants. */
static void run_check(pc_ctx *ctx, Checked *k, IamGrant *grants, size_t n) {
  static const char sql[] = "INSERT INTO FILES(...) SELECT 1;";
  memset(k, 0, sizeof *k);
  k->c.text = sql;
  k->c.len = sizeof sql - 1;
  k->c.base_line = 1;
  k->c.base_col = 1;
  arena_init(&k->scratch, &ctx->oom);
  check_unit_init(&k->u, ctx, &k->c, &k->scratch);
  k->t.off = 12;
  k->t.grants = grants;
  k->t.ngrants = n;
  iam_check(&k->u, &k->t, ctx->policies.data, ctx->policies.len);
}

static void release_check(Checked *k) {
  vec_release(&k->t.findings);
  arena_release(&k->scratch);
}

static const Finding *check_at(const Checked *k, size_t i) {
  assert_true(i < k->t.findings.len);
  return VEC_AT(&k->t.findings, Finding, i);
}

static void iam_check_reports_each_missing_permission_once(void **state) {
  (void)state;
  pc_ctx *ctx = with(BATCH_LOAD);
  add(ctx, "cond.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
      "\"Action\": \"s3:DeleteObject\", \"Resource\": \"*\", \"Condition\": "
      "{\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}}");
  IamNeed needs[] = {
      {"s3:ListBucket", "arn:aws:s3:::starrocks-test", "out/*"},
      {"s3:GetObject", "arn:aws:s3:::starrocks-test/out/*", NULL},
      {"s3:PutObject", "arn:aws:s3:::starrocks-test/out/*", NULL},
      {"s3:PutObject", "arn:aws:s3:::starrocks-test/out/*", NULL},
      {"S3:PUTOBJECT", "arn:aws:s3:::starrocks-test/out/*", NULL},
      {"s3:DeleteObject", "arn:aws:s3:::starrocks-test/out/*", NULL},
  };
  IamGrant g = {0};
  g.service = PC_SVC_S3;
  g.principal = "the IAM role arn:aws:iam::081976408565:role/writer";
  g.needs = needs;
  g.nneeds = sizeof needs / sizeof needs[0];
  Checked k;
  run_check(ctx, &k, &g, 1);
  assert_int_equal(k.t.findings.len, 2);
  const Finding *f = check_at(&k, 0);
  assert_string_equal(f->pub.rule, "missing-permission");
  assert_int_equal(f->pub.severity, PC_SEV_ERROR);
  assert_string_equal(
      f->pub.message,
      "s3:PutObject on arn:aws:s3:::starrocks-test/out/* is not granted: no "
      "statement of the given policies allows it; the statement writes "
      "there as the IAM role arn:aws:iam::081976408565:role/writer");
  assert_int_equal(f->pub.pos.line, 1);
  assert_int_equal(f->pub.pos.column, 13);
  f = check_at(&k, 1);
  assert_string_equal(f->pub.rule, "conditional-permission");
  assert_int_equal(f->pub.severity, PC_SEV_WARNING);
  assert_non_null(strstr(f->pub.message,
                         "s3:DeleteObject on arn:aws:s3:::starrocks-test/out/* "
                         "may not be granted: cond.json Statement allows it "
                         "only under its condition on aws:SourceIp; the "
                         "statement deletes there"));
  release_check(&k);

  /* A denied listing names its prefix. */
  add(ctx, "deny.json",
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", "
      "\"Action\": \"s3:ListBucket\", \"Resource\": \"*\"}}");
  IamNeed list[] = {{"s3:ListBucket", "arn:aws:s3:::starrocks-test", "out/*"}};
  g.needs = list;
  g.nneeds = 1;
  g.principal = NULL;
  run_check(ctx, &k, &g, 1);
  assert_int_equal(k.t.findings.len, 1);
  assert_string_equal(
      check_at(&k, 0)->pub.message,
      "s3:ListBucket on arn:aws:s3:::starrocks-test with s3:prefix 'out/*' is "
      "denied: deny.json Statement denies it, and an explicit Deny overrides "
      "every Allow; the statement lists the bucket as the credential");
  release_check(&k);

  /* A silenced rule makes no finding. */
  assert_int_equal(
      pc_ctx_set_rule_level(ctx, "missing-permission", PC_LEVEL_OFF), PC_OK);
  run_check(ctx, &k, &g, 1);
  assert_int_equal(k.t.findings.len, 0);
  release_check(&k);
  pc_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(batch_load_policy_grants_reads_but_not_writes),
      cmocka_unit_test(star_object_grants_object_actions_not_listing),
      cmocka_unit_test(explicit_deny_beats_allow),
      cmocka_unit_test(deny_in_one_document_beats_allow_in_another),
      cmocka_unit_test(actions_ignore_case_resources_do_not),
      cmocka_unit_test(action_wildcards_stay_in_their_service),
      cmocka_unit_test(not_action_covers_everything_else),
      cmocka_unit_test(not_resource_covers_everything_else),
      cmocka_unit_test(statement_may_be_an_object_or_an_array),
      cmocka_unit_test(s3_prefix_conditions_are_evaluated),
      cmocka_unit_test(other_conditions_make_it_conditional),
      cmocka_unit_test(policy_variables_are_conditional_or_literal),
      cmocka_unit_test(resource_wildcards_read_strictly_for_allow),
      cmocka_unit_test(needs_with_placeholders_and_sets),
      cmocka_unit_test(long_resources_and_patterns),
      cmocka_unit_test(glob_matcher_edge_cases),
      cmocka_unit_test(iam_size_limits_are_reported),
      cmocka_unit_test(listbucket_on_objects_grants_nothing),
      cmocka_unit_test(unfilled_placeholders_are_linted),
      cmocka_unit_test(malformed_json_is_reported_at_its_line),
      cmocka_unit_test(invalid_documents_are_reported_and_not_used),
      cmocka_unit_test(deep_nesting_is_an_error_not_a_crash),
      cmocka_unit_test(bom_and_crlf_positions),
      cmocka_unit_test(external_ids_never_appear_in_output),
      cmocka_unit_test(rule_levels_apply_to_policy_findings),
      cmocka_unit_test(bad_arguments),
      cmocka_unit_test(iam_check_reports_each_missing_permission_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
