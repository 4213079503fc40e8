/*
 * iam_needs.c - what each credential of a statement needs from IAM
 * (shared/spec/iam-and-dialects.md 1.7-1.8, 2.4, 3, and the seed policies:
 * StarRocks' batch-load, read/write and Glue policies, the assumed-role
 * trust policy, Aurora's S3 policy, S3 Tables through the Glue REST
 * endpoint, Databend's role).
 *
 * One IamGrant per credential the statement uses (s3, glue, rest), with the
 * permissions as (action, resource[, s3:prefix]) needs:
 *
 *   S3 read    s3:GetObject on arn:P:s3:::B/K* for every location B/K (K as
 *              written, cut at its first wildcard * ? [ {), s3:ListBucket
 *              on arn:P:s3:::B with s3:prefix "K*" (for a glob: the
 *              directory that holds the wildcard; none for the whole
 *              bucket).  Catalogs without an s3:// warehouse, ALTERs and
 *              Databend connections name the placeholder bucket BUCKET.
 *   S3 write   + s3:PutObject, s3:DeleteObject on the objects: INSERT INTO
 *              FILES, storage volumes, repositories, Databend, and catalogs
 *              StarRocks can write (not Hudi, not Delta Lake).
 *   Aurora     seed 002: LOAD: ListBucket + GetObject, GetObjectVersion;
 *              SELECT INTO OUTFILE S3: ListBucket + AbortMultipartUpload,
 *              DeleteObject, GetObject, ListMultipartUploadParts, PutObject.
 *   Glue       read (GetDatabase(s), GetTable(s), GetTableVersions,
 *              GetPartition(s), BatchGetPartition) and, where the catalog can
 *              write, seed 000's write set, each action on the levels Glue
 *              checks it against: catalog, database/ *, table/ * / *.
 *   REST       Glue Iceberg endpoint (seed 003: the default catalog or a
 *              federated one such as s3tablescatalog/BUCKET, plus
 *              lakeformation:GetDataAccess), the S3 Tables endpoint
 *              (s3tables actions on the table bucket and its tables), API
 *              Gateway (execute-api:Invoke).  OAuth2, JWT and no-auth REST
 *              catalogs need nothing from IAM.
 *
 * The partition follows the region (aws_data.c), else the role ARN's, else
 * aws.  An assumed role also gets base_principal (a placeholder ARN such as
 * arn:aws:iam::ACCOUNT_ID:role/STARROCKS_NODE_ROLE, or rds.amazonaws.com for
 * Aurora) for its trust policy.
 *
 * Placeholders are upper-case words: ACCOUNT_ID, REGION, BUCKET,
 * STARROCKS_NODE_ROLE, EXTERNAL_ID.  Secret values are never read here
 * except to know whether they are set.
 */
#include <string.h>
#include <strings.h>

#include "iam.h"

/* ---- Building a grant's needs ---- */

typedef struct Builder {
  Unit *u;
  Vec needs; /* IamNeed */
  int failed;
} Builder;

static int same(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static void need(Builder *b, const char *action, const char *resource,
                 const char *prefix) {
  if (b->failed || !action || !resource) {
    b->failed = 1;
    return;
  }
  for (size_t i = 0; i < b->needs.len; i++) {
    const IamNeed *n = VEC_AT(&b->needs, IamNeed, i);
    if (strcmp(n->action, action) == 0 && strcmp(n->resource, resource) == 0 &&
        same(n->prefix, prefix))
      return;
  }
  IamNeed *n = vec_push(&b->needs, sizeof(IamNeed), b->u->oom);
  if (!n) {
    b->failed = 1;
    return;
  }
  n->action = action;
  n->resource = resource;
  n->prefix = prefix;
}

static void needs_all(Builder *b, const char *const *actions,
                      const char *resource) {
  for (size_t i = 0; actions[i]; i++)
    need(b, actions[i], resource, NULL);
}

/* ---- Partitions, regions, accounts ---- */

static const char *partition_of_region(const char *region) {
  const AwsPartition *p = NULL;
  if (region && *region && aws_region_kind(region, &p) != AWS_REGION_INVALID &&
      p)
    return p->name;
  return NULL;
}

/* The partition of an ARN (arn:PARTITION:...), or NULL. */
static const char *partition_of_arn(const char *arn) {
  if (!arn || strncmp(arn, "arn:", 4) != 0)
    return NULL;
  const char *s = arn + 4, *e = strchr(s, ':');
  const AwsPartition *p = e ? aws_partition_named(s, (size_t)(e - s)) : NULL;
  return p ? p->name : NULL;
}

static const char *pick_partition(const char *region, const char *arn) {
  const char *p = partition_of_region(region);
  if (!p)
    p = partition_of_arn(arn);
  return p ? p : "aws";
}

static int is_account(const char *s, size_t n) {
  if (n != 12)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

static const char *val(const Prop *p) { return p && *p->val ? p->val : NULL; }

/* r when it is a region name (known, or of a partition's pattern), else
   NULL: what goes into an ARN must be a region, not any text. */
static const char *region_ok(const char *r) {
  AwsRegionKind k = r ? aws_region_kind(r, NULL) : AWS_REGION_INVALID;
  return k == AWS_REGION_KNOWN || k == AWS_REGION_UNKNOWN ? r : NULL;
}

/* The last effective property named name in the main list (keys the key
   table does not route to a field); icase: StarRocks matches the name
   ignoring case (iceberg.catalog.*). */
static const Prop *prop_named(const Target *t, const char *name, int icase) {
  const Prop *found = NULL;
  for (size_t i = 0; i < t->props.n; i++) {
    const Prop *p = &t->props.v[i];
    if (!p->overridden &&
        (icase ? strcasecmp(p->key, name) : strcmp(p->key, name)) == 0)
      found = p;
  }
  return found;
}

/* ---- S3 locations ---- */

/* Where a literal key prefix must stop: a wildcard of the path, or a
   character an IAM document cannot hold literally (control characters,
   and non-ASCII to be safe: documents take only U+0020-U+00FF). */
static int is_wild(char c) {
  unsigned char u = (unsigned char)c;
  return c == '*' || c == '?' || c == '[' || c == '{' || u < 0x20 || u >= 0x7F;
}

/* Adds the needs of one location s[0..n) (s3://B/K, s3a://, s3n://,
   Aurora's s3-REGION://): obj_actions on arn:P:s3:::B/K* (K as written, cut
   at its first wildcard) and s3:ListBucket on the bucket with the prefix
   StarRocks lists.  whole: the objects may be anywhere in the bucket. */
static void s3_location(Builder *b, const char *part, const char *s, size_t n,
                        const char *const *obj_actions, int whole) {
  while (n && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  char *one = arena_strndup(b->u->scratch, s, n);
  if (!one) {
    b->failed = 1;
    return;
  }
  if (!value_is_s3_path(one))
    return;
  const char *sep = strstr(one, "://");
  if (!sep)
    return;
  const char *bucket = sep + 3;
  size_t bn = strcspn(bucket, "/");
  if (bn == 0)
    return;
  const char *key = bucket[bn] == '/' ? bucket + bn + 1 : "";
  size_t kn = 0, dir = 0;
  int wild = 0;
  for (; key[kn]; kn++) {
    if (is_wild(key[kn])) {
      wild = 1;
      break;
    }
    if (key[kn] == '/')
      dir = kn + 1;
  }
  /* a wildcard in the bucket name: keep what is certain */
  size_t bcut = 0;
  while (bcut < bn && !is_wild(bucket[bcut]))
    bcut++;
  if (bcut < bn) {
    if (bcut == 0)
      return;
    bn = bcut;
    kn = dir = 0;
    wild = 1;
  }
  if (whole)
    kn = dir = 0, wild = 0;
  Arena *a = b->u->scratch;
  const char *bucket_arn =
      arena_printf(a, "arn:%s:s3:::%.*s", part, (int)bn, bucket);
  const char *objects = arena_printf(a, "arn:%s:s3:::%.*s/%.*s*", part, (int)bn,
                                     bucket, (int)kn, key);
  /* Listing: the prefix StarRocks lists with.  A glob is expanded by
     listing the directory that holds its first wildcard. */
  size_t ln = wild ? dir : kn;
  const char *prefix = ln ? arena_printf(a, "%.*s*", (int)ln, key) : NULL;
  if (ln && !prefix)
    b->failed = 1;
  need(b, "s3:ListBucket", bucket_arn, prefix);
  for (size_t i = 0; obj_actions[i]; i++)
    need(b, obj_actions[i], objects, NULL);
}

/* A comma-separated list of locations (FILES() paths). */
static void s3_locations(Builder *b, const char *part, const char *v,
                         const char *const *obj_actions, int whole) {
  for (;;) {
    const char *c = strchr(v, ',');
    size_t n = c ? (size_t)(c - v) : strlen(v);
    s3_location(b, part, v, n, obj_actions, whole);
    if (!c)
      break;
    v = c + 1;
  }
}

static const char *const s3_read[] = {"s3:GetObject", NULL};
/* StarRocks and Databend writes: multipart uploads are s3:PutObject,
   overwrites and cleanup s3:DeleteObject.  (s3:AbortMultipartUpload only
   cleans up after a failed upload: iam_docs.c adds it to documents, it is
   not a need.) */
static const char *const s3_read_write[] = {"s3:GetObject", "s3:PutObject",
                                            "s3:DeleteObject", NULL};
/* Aurora's documented minimum (seed 002). */
static const char *const aurora_load[] = {"s3:GetObject", "s3:GetObjectVersion",
                                          NULL};
static const char *const aurora_outfile[] = {
    "s3:AbortMultipartUpload",     "s3:DeleteObject", "s3:GetObject",
    "s3:ListMultipartUploadParts", "s3:PutObject",    NULL};

/* The region written in an Aurora URI (s3-REGION://), or NULL. */
static const char *aurora_region(Unit *u, const Target *t) {
  for (size_t i = 0; i < t->npaths; i++) {
    const char *p = t->paths[i].text;
    while (p && *p == ' ')
      p++;
    if (!p || strncasecmp(p, "s3-", 3) != 0)
      continue;
    const char *sep = strstr(p, "://");
    if (sep)
      return arena_strndup(u->scratch, p + 3, (size_t)(sep - p - 3));
  }
  return NULL;
}

static int is_aurora(pc_stmt_kind k) { return names_kind_has(k, KT_AURORA); }

static int is_databend(pc_stmt_kind k) {
  return names_kind_has(k, KT_DATABEND);
}

/* Catalog types StarRocks only reads (no CREATE TABLE, no INSERT). */
static int catalog_read_only(const View *v) {
  return v->catalog_type && (strcmp(v->catalog_type, "hudi") == 0 ||
                             strcmp(v->catalog_type, "deltalake") == 0);
}

/* The S3 needs of the statement. */
static void s3_needs(Builder *b, const Target *t, const View *v,
                     const char *part) {
  const char *const *acts = s3_read;
  switch (t->kind) {
  case PC_STMT_FILES:
    acts = t->writes ? s3_read_write : s3_read;
    break;
  case PC_STMT_CREATE_EXTERNAL_TABLE: /* FILE tables are read-only */
  case PC_STMT_BROKER_LOAD:
    acts = s3_read;
    break;
  case PC_STMT_CREATE_EXTERNAL_CATALOG:
  case PC_STMT_ALTER_CATALOG:
    acts = catalog_read_only(v) ? s3_read : s3_read_write;
    break;
  case PC_STMT_AURORA_LOAD_DATA:
  case PC_STMT_AURORA_LOAD_XML:
    acts = aurora_load;
    break;
  case PC_STMT_AURORA_SELECT_INTO_OUTFILE:
    acts = aurora_outfile;
    break;
  default: /* volumes, repositories, Databend */
    acts = s3_read_write;
    break;
  }
  size_t before = b->needs.len;
  int whole = 0;
  if (t->kind == PC_STMT_CREATE_STORAGE_VOLUME ||
      t->kind == PC_STMT_ALTER_STORAGE_VOLUME) {
    /* partitioned prefixes spread objects over the whole bucket */
    const Prop *pp = v->by[KS_S3][F_PART_PREFIX];
    whole = pp && view_bool(v, pp);
  }
  switch (t->kind) {
  case PC_STMT_FILES:
  case PC_STMT_CREATE_EXTERNAL_TABLE:
    if (val(v->by[KS_OTHER][F_PATH]))
      s3_locations(b, part, v->by[KS_OTHER][F_PATH]->val, acts, 0);
    break;
  case PC_STMT_CREATE_EXTERNAL_CATALOG:
  case PC_STMT_ALTER_CATALOG: {
    const char *wh = val(v->by[KS_ICEBERG][F_ICE_WAREHOUSE]);
    if (!wh || !value_is_s3_path(wh))
      wh = val(v->by[KS_OTHER][F_PAIMON_WAREHOUSE]);
    if (wh && value_is_s3_path(wh))
      s3_location(b, part, wh, strlen(wh), acts, 0);
    break;
  }
  default:
    for (size_t i = 0; i < t->npaths; i++)
      if (t->paths[i].text)
        s3_location(b, part, t->paths[i].text, strlen(t->paths[i].text), acts,
                    whole);
    break;
  }
  if (b->needs.len == before && !b->failed) {
    /* no location in the statement (catalogs, ALTER, connections) */
    const char *bucket =
        arena_printf(b->u->scratch, "arn:%s:s3:::BUCKET", part);
    const char *objects =
        arena_printf(b->u->scratch, "arn:%s:s3:::BUCKET/*", part);
    need(b, "s3:ListBucket", bucket, NULL);
    for (size_t i = 0; acts[i]; i++)
      need(b, acts[i], objects, NULL);
  }
}

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
   TABLE, INSERT and partition changes (seed 000's write actions; it drops
   partitions one at a time, so no BatchDeletePartition). */
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
/* The Glue Iceberg REST endpoint (seed 003; iam-and-dialects 1.8):
   GetConfig is glue:GetCatalog. */
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
        need(b, acts[i].action, cats[c], NULL);
    if (acts[i].levels & G_DB)
      need(b, acts[i].action, db, NULL);
    if (acts[i].levels & G_TABLE)
      need(b, acts[i].action, table, NULL);
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
  return e && is_account(s, (size_t)(e - s))
             ? arena_strndup(a, s, (size_t)(e - s))
             : NULL;
}

static void glue_needs(Builder *b, const Target *t, const View *v,
                       const char *part, int assumed) {
  const char *region = region_ok(val(v->by[KS_GLUE][F_REGION]));
  const Prop *cid = prop_named(t, "aws.glue.catalog_id", 0);
  const char *account =
      cid && is_account(cid->val, strlen(cid->val)) ? cid->val : NULL;
  /* Without a catalog id Glue uses the caller's account: an assumed role's */
  const char *role = assumed ? val(v->by[KS_GLUE][F_ROLE_ARN]) : NULL;
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
  if (!catalog_read_only(v))
    glue_actions(b, glue_write, res, 1, res[1], res[2]);
}

/* ---- Iceberg REST signed with SigV4 ---- */

/* Glue's Iceberg endpoint.  The warehouse is the catalog: ACCOUNT (the
   default catalog), ACCOUNT:s3tablescatalog/BUCKET (S3 Tables), or another
   federated ACCOUNT:CATALOG[/SUB]. */
static void rest_glue(Builder *b, const View *v, const char *part,
                      const char *region) {
  Arena *a = b->u->scratch;
  const char *wh = val(v->by[KS_ICEBERG][F_ICE_WAREHOUSE]);
  const char *account = "ACCOUNT_ID";
  const char *cat = NULL; /* the federated catalog path, or NULL */
  if (wh) {
    const char *colon = strchr(wh, ':');
    size_t an = colon ? (size_t)(colon - wh) : strlen(wh);
    if (is_account(wh, an)) {
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
  need(b, "lakeformation:GetDataAccess", "*", NULL);
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
  const char *wh = val(v->by[KS_ICEBERG][F_ICE_WAREHOUSE]);
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
  needs_all(b, s3tables_bucket_actions, bucket);
  needs_all(b, s3tables_table_actions, arena_printf(a, "%s/table/*", bucket));
}

/* API Gateway (SigV4 signing name execute-api, the Iceberg default). */
static void rest_execute_api(Builder *b, const char *part, const char *region,
                             const char *api, size_t api_n) {
  need(b, "execute-api:Invoke",
       arena_printf(b->u->scratch, "arn:%s:execute-api:%s:ACCOUNT_ID:%.*s/*",
                    part, region, (int)api_n, api),
       NULL);
}

/* Returns 0 when the REST server is not an AWS service propcheck knows. */
static int rest_needs(Builder *b, const View *v, const char **part_out) {
  const char *uri = val(v->by[KS_ICEBERG][F_ICE_URI]);
  Endpoint e;
  if (!uri || value_parse_endpoint(uri, &e) != NULL || !e.host)
    return 0;
  const char *sregion = region_ok(val(v->by[KS_ICEBERG][F_SIGNING_REGION]));
  const char *hr = NULL;
  size_t hr_n = 0;
  const AwsSigningHost *sh = aws_signing_host(e.host, e.host_len, &hr, &hr_n);
  Arena *a = b->u->scratch;
  const char *region = sregion;
  if (sh) {
    if (!region)
      region = region_ok(arena_strndup(a, hr, hr_n));
    if (!region)
      region = "REGION";
    const char *part = pick_partition(region, NULL);
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
      region = region_ok(arena_strndup(a, r, (size_t)(rend - r)));
    const char *part = pick_partition(region, NULL);
    *part_out = part;
    rest_execute_api(b, part, region ? region : "REGION", e.host,
                     (size_t)(dot - e.host));
    return 1;
  }
  return 0;
}

/* ---- Principals ---- */

/* The base principal's placeholder ARN for an assumed role (the trust
   policy's Principal). */
static const char *base_arn(Unit *u, pc_mode base, const char *part,
                            int databend) {
  const char *who;
  if (databend)
    who = "role/DATABEND_ROLE";
  else if (base == PC_MODE_IAM_USER)
    who = "user/STARROCKS_USER";
  else if (base == PC_MODE_WEB_IDENTITY)
    who = "role/STARROCKS_WEB_IDENTITY_ROLE";
  else
    who = "role/STARROCKS_NODE_ROLE";
  return arena_printf(u->scratch, "arn:%s:iam::ACCOUNT_ID:%s", part, who);
}

/* Who holds a credential of mode m (for people). */
static const char *mode_phrase(Arena *a, pc_mode m, const char *ak_key,
                               const char *nodes) {
  switch (m) {
  case PC_MODE_INSTANCE_PROFILE:
    return arena_printf(a, "the EC2 instance role of %s (instance profile)",
                        nodes);
  case PC_MODE_IAM_USER:
    return arena_printf(a, "the IAM user whose access key is in %s", ak_key);
  case PC_MODE_WEB_IDENTITY:
    return arena_printf(a, "the role of %s' web identity", nodes);
  case PC_MODE_SDK_DEFAULT:
    return arena_printf(a, "the AWS SDK default credentials of %s", nodes);
  default:
    return "the base credentials";
  }
}

/* Fills the principal of g from its mode. */
static void principal(Unit *u, IamGrant *g, const View *v, const Target *t,
                      KeySvc ks, const char *part) {
  Arena *a = u->scratch;
  const char *ak_key = ks == KS_ICEBERG
                           ? keys_name_of(KS_ICEBERG, F_REST_ACCESS_KEY)
                       : ks == KS_DATABEND ? "access_key_id"
                                           : keys_name_of(ks, F_ACCESS_KEY);
  const char *nodes = ks == KS_DATABEND  ? "the Databend nodes"
                      : ks == KS_ICEBERG ? "the StarRocks frontends"
                                         : "the StarRocks nodes";
  pc_mode m = g->auth.mode;
  if (m == PC_MODE_SIGV4)
    m = g->auth.base;
  switch (m) {
  case PC_MODE_INSTANCE_PROFILE:
  case PC_MODE_IAM_USER:
  case PC_MODE_WEB_IDENTITY:
  case PC_MODE_SDK_DEFAULT:
    g->principal = mode_phrase(a, m, ak_key, nodes);
    return;
  case PC_MODE_CLUSTER_ROLE:
    g->principal = t->kind == PC_STMT_AURORA_SELECT_INTO_OUTFILE
                       ? "the IAM role attached to the Aurora DB cluster for "
                         "SELECT INTO OUTFILE S3 (aurora_select_into_s3_role "
                         "or aws_default_s3_role)"
                       : "the IAM role attached to the Aurora DB cluster for "
                         "LOAD FROM S3 (aurora_load_from_s3_role or "
                         "aws_default_s3_role)";
    g->base_principal = "rds.amazonaws.com";
    return;
  case PC_MODE_ASSUMED_ROLE: {
    const char *role = val(v->by[ks][F_ROLE_ARN]);
    if (!role) {
      const Prop *cn = v->by[KS_DATABEND][F_DB_CONNECTION_NAME];
      g->principal =
          cn && ks == KS_DATABEND
              ? arena_printf(a, "the IAM role of connection %s", cn->val)
              : "the assumed IAM role";
      return;
    }
    g->role_arn = role;
    const char *rpart = partition_of_arn(role);
    g->base_principal =
        base_arn(u, g->auth.base, rpart ? rpart : part, ks == KS_DATABEND);
    const char *by = ks == KS_DATABEND
                         ? "the Databend nodes' own credentials (Databend "
                           "Cloud: the role its support names)"
                         : mode_phrase(a, g->auth.base, ak_key, nodes);
    const char *xid_key =
        ks == KS_DATABEND ? "external_id" : keys_name_of(ks, F_EXTERNAL_ID);
    if (val(v->by[ks][F_EXTERNAL_ID])) {
      g->external_id_set = "set";
      g->principal = arena_printf(
          a,
          "the IAM role %s, assumed with %s; its trust policy requires the "
          "external id set in '%s', written EXTERNAL_ID",
          role, by, xid_key);
    } else {
      g->principal =
          arena_printf(a, "the IAM role %s, assumed with %s", role, by);
    }
    return;
  }
  default:
    g->principal = "the credentials of this statement";
    return;
  }
}

/* ---- Grants ---- */

static IamGrant *finish(Builder *b, IamGrant *g) {
  if (b->failed || !b->needs.len) {
    vec_release(&b->needs);
    return NULL;
  }
  g->needs = arena_alloc(b->u->scratch, b->needs.len * sizeof(IamNeed));
  if (!g->needs) {
    vec_release(&b->needs);
    return NULL;
  }
  memcpy(g->needs, b->needs.data, b->needs.len * sizeof(IamNeed));
  g->nneeds = b->needs.len;
  vec_release(&b->needs);
  return g;
}

/* S3 (Aurora: always, through the cluster's role): 1 when g was made. */
static int s3_grant(Unit *u, Target *t, const View *v, const StmtResult *r,
                    IamGrant *g) {
  pc_auth s3 = r->auth[PC_SVC_S3];
  int aurora = is_aurora(t->kind);
  if (aurora && s3.mode == PC_MODE_NONE)
    s3.mode = PC_MODE_CLUSTER_ROLE;
  int s3_used = aurora || (r->used & (1u << PC_SVC_S3));
  if (!s3_used || s3.mode == PC_MODE_NONE || s3.mode == PC_MODE_ANONYMOUS)
    return 0;
  KeySvc ks = is_databend(t->kind) ? KS_DATABEND : KS_S3;
  const char *region = aurora ? aurora_region(u, t) : val(v->by[ks][F_REGION]);
  const char *part = pick_partition(region, val(v->by[ks][F_ROLE_ARN]));
  memset(g, 0, sizeof *g);
  g->service = PC_SVC_S3;
  g->auth = s3;
  principal(u, g, v, t, ks, part);
  Builder b = {u, {0}, 0};
  s3_needs(&b, t, v, part);
  return finish(&b, g) != NULL;
}

/* The Glue metastore: 1 when g was made. */
static int glue_grant(Unit *u, Target *t, const View *v, const StmtResult *r,
                      IamGrant *g) {
  pc_auth glue = r->auth[PC_SVC_GLUE];
  if (!(r->used & (1u << PC_SVC_GLUE)) || glue.mode == PC_MODE_NONE)
    return 0;
  const char *part = pick_partition(val(v->by[KS_GLUE][F_REGION]),
                                    val(v->by[KS_GLUE][F_ROLE_ARN]));
  memset(g, 0, sizeof *g);
  g->service = PC_SVC_GLUE;
  g->auth = glue;
  principal(u, g, v, t, KS_GLUE, part);
  Builder b = {u, {0}, 0};
  glue_needs(&b, t, v, part, glue.mode == PC_MODE_ASSUMED_ROLE);
  return finish(&b, g) != NULL;
}

/* Newest Iceberg: client.assume-role.arn exchanges the REST signing
   credentials for a role's. */
static void rest_role(Unit *u, Target *t, pc_auth rest, const char *part,
                      IamGrant *g) {
  const Prop *arn = NULL, *xid = NULL;
  for (size_t i = 0; aws_iceberg_role_keys[i].name; i++) {
    const Prop *p = prop_named(t, aws_iceberg_role_keys[i].name, 1);
    if (aws_iceberg_role_keys[i].field == F_ROLE_ARN)
      arn = p;
    else if (aws_iceberg_role_keys[i].field == F_EXTERNAL_ID)
      xid = p;
  }
  if (!val(arn))
    return;
  const char *rpart = partition_of_arn(arn->val);
  g->role_arn = arn->val;
  g->base_principal = base_arn(u, rest.base, rpart ? rpart : part, 0);
  g->external_id_set = val(xid) ? "set" : NULL;
  g->principal = arena_printf(
      u->scratch, "the IAM role %s, assumed by the Iceberg client with %s%s",
      arn->val, g->principal ? g->principal : "its signing credentials",
      g->external_id_set ? "; its trust policy requires the external id "
                           "set in 'iceberg.catalog.client.assume-role."
                           "external-id', written EXTERNAL_ID"
                         : "");
}

/* Iceberg REST with SigV4, whose signing credentials call AWS: 1 when g
   was made. */
static int rest_grant(Unit *u, Target *t, const View *v, const StmtResult *r,
                      IamGrant *g) {
  pc_auth rest = r->auth[PC_SVC_REST];
  if (!(r->used & (1u << PC_SVC_REST)) || rest.mode != PC_MODE_SIGV4)
    return 0;
  memset(g, 0, sizeof *g);
  g->service = PC_SVC_REST;
  g->auth = rest;
  Builder b = {u, {0}, 0};
  const char *part = "aws";
  if (!rest_needs(&b, v, &part)) {
    vec_release(&b.needs);
    return 0;
  }
  principal(u, g, v, t, KS_ICEBERG, part);
  rest_role(u, t, rest, part, g);
  return finish(&b, g) != NULL;
}

void iam_derive(Unit *u, Target *t, const View *v, const StmtResult *r) {
  t->grants = NULL;
  t->ngrants = 0;
  IamGrant *gs = arena_alloc(u->scratch, PC_SVC_COUNT * sizeof(IamGrant));
  if (!gs)
    return;
  size_t n = 0;
  n += (size_t)s3_grant(u, t, v, r, &gs[n]);
  n += (size_t)glue_grant(u, t, v, r, &gs[n]);
  n += (size_t)rest_grant(u, t, v, r, &gs[n]);
  for (size_t i = 0; i < n; i++)
    if (!gs[i].principal) {
      *u->oom = 1;
      return;
    }
  t->grants = n ? gs : NULL;
  t->ngrants = n;
}
