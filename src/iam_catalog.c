/*
 * iam_catalog.c - what a catalog's services need beyond S3: the Glue
 * metastore (the Data Catalog actions its reads and writes use) and an
 * Iceberg REST catalog signed with SigV4 (the Glue Iceberg endpoint, S3
 * Tables, API Gateway).  iam_needs.c builds the grants around them.
 */
#include <string.h>
#include <strings.h>

#include "iam.h"

/* ---- Glue metastore ---- */

/* Glue authorizes a call against every level of the catalog it touches
   (AWS Glue "specifying resource ARNs"): the catalog, the database, the
   table.  Each action with the levels it needs. */
enum { G_CAT = 1u << 0, G_DB = 1u << 1, G_TABLE = 1u << 2 };
#define G_ALL (G_CAT | G_DB | G_TABLE)

typedef struct GlueAction {
  const char *action;
  unsigned levels;
} GlueAction;

static const GlueAction glue_read[] = {{"glue:GetDatabase", G_CAT | G_DB},
                                       {"glue:GetDatabases", G_CAT | G_DB},
                                       {"glue:GetTable", G_ALL},
                                       {"glue:GetTables", G_ALL},
                                       {"glue:GetTableVersions", G_ALL},
                                       {"glue:GetPartition", G_ALL},
                                       {"glue:GetPartitions", G_ALL},
                                       {"glue:BatchGetPartition", G_ALL},
                                       {NULL, 0}};
/* What StarRocks' metastore client calls for CREATE/DROP DATABASE and
   TABLE, INSERT and partition changes (the write actions of the Glue
   policy on StarRocks' "AWS IAM policies" page; it drops partitions one at
   a time, so no BatchDeletePartition). */
static const GlueAction glue_write[] = {{"glue:CreateDatabase", G_CAT | G_DB},
                                        {"glue:UpdateDatabase", G_CAT | G_DB},
                                        {"glue:DeleteDatabase", G_ALL},
                                        {"glue:CreateTable", G_ALL},
                                        {"glue:UpdateTable", G_ALL},
                                        {"glue:DeleteTable", G_ALL},
                                        {"glue:CreatePartition", G_ALL},
                                        {"glue:BatchCreatePartition", G_ALL},
                                        {"glue:UpdatePartition", G_ALL},
                                        {"glue:BatchUpdatePartition", G_ALL},
                                        {"glue:DeletePartition", G_ALL},
                                        {NULL, 0}};
/* The Glue Iceberg REST endpoint (StarRocks' "StarRocks + Amazon S3
   Tables" page; AWS Glue's iceberg-rest-apis.html): GetConfig is
   glue:GetCatalog. */
static const GlueAction glue_rest[] = {
    {"glue:GetCatalog", G_CAT},          {"glue:GetDatabase", G_CAT | G_DB},
    {"glue:GetDatabases", G_CAT | G_DB}, {"glue:GetTable", G_ALL},
    {"glue:GetTables", G_ALL},           {"glue:CreateTable", G_ALL},
    {"glue:UpdateTable", G_ALL},         {NULL, 0}};

/* Each action on the resources of the levels it needs.  cats: the catalog
   ARNs (the account's catalog, then federated ones); db, table: the
   database and table ARNs. */
static void glue_actions(Builder *b, const GlueAction *acts,
                         const char *const *cats, size_t ncats, const char *db,
                         const char *table) {
  for (size_t i = 0; acts[i].action; i++) {
    if (acts[i].levels & G_CAT)
      for (size_t c = 0; c < ncats; c++)
        iam_need(b, acts[i].action, cats[c], NULL);
    if (acts[i].levels & G_DB)
      iam_need(b, acts[i].action, db, NULL);
    if (acts[i].levels & G_TABLE)
      iam_need(b, acts[i].action, table, NULL);
  }
}

/* The account of an ARN (its fifth field) when it is 12 digits. */
static const char *account_of_arn(Arena *a, const char *arn) {
  const char *s = arn;
  for (int i = 0; i < 4 && s; i++) {
    s = strchr(s, ':');
    if (s)
      s++;
  }
  if (!s)
    return NULL;
  const char *e = strchr(s, ':');
  return e && iam_is_account(s, (size_t)(e - s))
             ? arena_strndup(a, s, (size_t)(e - s))
             : NULL;
}

void iam_glue_needs(Builder *b, const Target *t, const View *v,
                    const char *part, int assumed) {
  const char *region = iam_region_ok(iam_val(v->by[KS_GLUE][F_REGION]));
  const Prop *cid = iam_prop_named(t, "aws.glue.catalog_id", 0);
  const char *account =
      cid && iam_is_account(cid->val, strlen(cid->val)) ? cid->val : NULL;
  /* Without a catalog id Glue uses the caller's account: an assumed role's */
  const char *role = assumed ? iam_val(v->by[KS_GLUE][F_ROLE_ARN]) : NULL;
  if (!account && role)
    account = account_of_arn(b->u->scratch, role);
  if (!account)
    account = "ACCOUNT_ID";
  if (!region)
    region = "REGION";
  Arena *a = b->u->scratch;
  const char *res[3] = {
      arena_printf(a, "arn:%s:glue:%s:%s:catalog", part, region, account),
      arena_printf(a, "arn:%s:glue:%s:%s:database/*", part, region, account),
      arena_printf(a, "arn:%s:glue:%s:%s:table/*/*", part, region, account)};
  glue_actions(b, glue_read, res, 1, res[1], res[2]);
  if (!iam_catalog_read_only(v))
    glue_actions(b, glue_write, res, 1, res[1], res[2]);
}

/* ---- Iceberg REST signed with SigV4 ---- */

/* Glue's Iceberg endpoint.  The warehouse is the catalog: ACCOUNT (the
   default catalog), ACCOUNT:s3tablescatalog/BUCKET (S3 Tables), or another
   federated ACCOUNT:CATALOG[/SUB]. */
static void rest_glue(Builder *b, const View *v, const char *part,
                      const char *region) {
  Arena *a = b->u->scratch;
  const char *wh = iam_val(v->by[KS_ICEBERG][F_ICE_WAREHOUSE]);
  const char *account = "ACCOUNT_ID";
  const char *cat = NULL; /* the federated catalog path, or NULL */
  if (wh) {
    const char *colon = strchr(wh, ':');
    size_t an = colon ? (size_t)(colon - wh) : strlen(wh);
    if (iam_is_account(wh, an)) {
      account = arena_strndup(a, wh, an);
      if (colon && colon[1])
        cat = colon + 1;
    }
  }
  const char *pre = arena_printf(a, "arn:%s:glue:%s:%s:", part, region,
                                 account ? account : "ACCOUNT_ID");
  if (!pre) {
    b->failed = 1;
    return;
  }
  const char *cats[3];
  size_t ncats = 0;
  const char *db, *table;
  cats[ncats++] = arena_printf(a, "%scatalog", pre);
  if (cat) {
    size_t cn = strlen(cat);
    while (cn && cat[cn - 1] == '/')
      cn--;
    const char *slash = memchr(cat, '/', cn);
    if (slash) /* the parent catalog (s3tablescatalog) */
      cats[ncats++] =
          arena_printf(a, "%scatalog/%.*s", pre, (int)(slash - cat), cat);
    cats[ncats++] = arena_printf(a, "%scatalog/%.*s", pre, (int)cn, cat);
    db = arena_printf(a, "%sdatabase/%.*s/*", pre, (int)cn, cat);
    table = arena_printf(a, "%stable/%.*s/*/*", pre, (int)cn, cat);
  } else {
    db = arena_printf(a, "%sdatabase/*", pre);
    table = arena_printf(a, "%stable/*/*", pre);
  }
  glue_actions(b, glue_rest, cats, ncats, db, table);
  iam_need(b, "lakeformation:GetDataAccess", "*", NULL);
}

static const char *const s3tables_bucket_actions[] = {
    "s3tables:GetTableBucket",
    "s3tables:GetNamespace",
    "s3tables:ListNamespaces",
    "s3tables:ListTables",
    "s3tables:CreateNamespace",
    "s3tables:CreateTable",
    NULL};
static const char *const s3tables_table_actions[] = {
    "s3tables:GetTable",
    "s3tables:GetTableMetadataLocation",
    "s3tables:GetTableData",
    "s3tables:PutTableData",
    "s3tables:UpdateTableMetadataLocation",
    NULL};

/* The S3 Tables endpoint: the warehouse is the table bucket's ARN. */
static void rest_s3tables(Builder *b, const View *v, const char *part,
                          const char *region) {
  Arena *a = b->u->scratch;
  const char *wh = iam_val(v->by[KS_ICEBERG][F_ICE_WAREHOUSE]);
  const char *bucket = NULL;
  if (wh && strncmp(wh, "arn:", 4) == 0 && strstr(wh, ":s3tables:") &&
      strstr(wh, ":bucket/")) {
    size_t n = strlen(wh);
    while (n && wh[n - 1] == '/')
      n--;
    bucket = arena_strndup(a, wh, n);
  } else {
    bucket = arena_printf(
        a, "arn:%s:s3tables:%s:ACCOUNT_ID:bucket/TABLE_BUCKET", part, region);
  }
  if (!bucket) {
    b->failed = 1;
    return;
  }
  iam_needs_all(b, s3tables_bucket_actions, bucket);
  iam_needs_all(b, s3tables_table_actions,
                arena_printf(a, "%s/table/*", bucket));
}

/* API Gateway (SigV4 signing name execute-api, the Iceberg default). */
static void rest_execute_api(Builder *b, const char *part, const char *region,
                             const char *api, size_t api_n) {
  iam_need(b, "execute-api:Invoke",
           arena_printf(b->u->scratch,
                        "arn:%s:execute-api:%s:ACCOUNT_ID:%.*s/*", part, region,
                        (int)api_n, api),
           NULL);
}

/* Returns 0 when the REST server is not an AWS service propcheck knows. */
int iam_rest_needs(Builder *b, const View *v, const char **part_out) {
  const char *uri = iam_val(v->by[KS_ICEBERG][F_ICE_URI]);
  Endpoint e;
  if (!uri || value_parse_endpoint(uri, &e) != NULL || !e.host)
    return 0;
  const char *sregion =
      iam_region_ok(iam_val(v->by[KS_ICEBERG][F_SIGNING_REGION]));
  const char *hr = NULL;
  size_t hr_n = 0;
  const AwsSigningHost *sh = aws_signing_host(e.host, e.host_len, &hr, &hr_n);
  Arena *a = b->u->scratch;
  const char *region = sregion;
  if (sh) {
    if (!region)
      region = iam_region_ok(arena_strndup(a, hr, hr_n));
    if (!region)
      region = "REGION";
    const char *part = iam_pick_partition(region, NULL);
    *part_out = part;
    if (strcmp(sh->signing_name, "glue") == 0)
      rest_glue(b, v, part, region);
    else
      rest_s3tables(b, v, part, region);
    return 1;
  }
  /* API_ID.execute-api.REGION.amazonaws.com */
  const char *dot = memchr(e.host, '.', e.host_len);
  if (dot && e.host_len - (size_t)(dot - e.host) > 13 &&
      strncasecmp(dot, ".execute-api.", 13) == 0) {
    const char *r = dot + 13;
    const char *rend = memchr(r, '.', e.host_len - (size_t)(r - e.host));
    if (!rend)
      return 0;
    if (!region)
      region = iam_region_ok(arena_strndup(a, r, (size_t)(rend - r)));
    const char *part = iam_pick_partition(region, NULL);
    *part_out = part;
    rest_execute_api(b, part, region ? region : "REGION", e.host,
                     (size_t)(dot - e.host));
    return 1;
  }
  return 0;
}
