/*
 * iam_needs.c - what each credential of a statement needs from IAM, after
 * the published policies: StarRocks' "AWS IAM policies" page (batch-load,
 * read/write and Glue policies; StarRocks docs/en/sql-reference/
 * aws_iam_policies.md), "Authenticate to AWS resources" (the assumed-role
 * trust policy), Aurora's "Creating an IAM policy to access Amazon S3
 * resources", StarRocks' "StarRocks + Amazon S3 Tables" and AWS Glue's
 * iceberg-rest-apis.html page (S3 Tables through the Glue REST endpoint),
 * Databend Cloud's "Access your own AWS S3 bucket in Databend Cloud with IAM
 * Role"; ARN formats from AWS's "Amazon Resource Names (ARNs)" page.
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
 *   Aurora     (its policy page) LOAD: ListBucket + GetObject,
 *              GetObjectVersion; SELECT INTO OUTFILE S3: ListBucket +
 *              AbortMultipartUpload, DeleteObject, GetObject,
 *              ListMultipartUploadParts, PutObject.
 *   Glue       read (GetDatabase(s), GetTable(s), GetTableVersions,
 *              GetPartition(s), BatchGetPartition) and, where the catalog can
 *              write, the write set of StarRocks' Glue policy, each action
 *              on the levels Glue checks it against: catalog, database/ *,
 *              table/ * / *.
 *   REST       Glue Iceberg endpoint (StarRocks' S3 Tables page: the
 *              default catalog or a federated one such as
 *              s3tablescatalog/BUCKET, plus lakeformation:GetDataAccess),
 *              the S3 Tables endpoint (s3tables actions on the table bucket
 *              and its tables), API Gateway (execute-api:Invoke).  OAuth2,
 *              JWT and no-auth REST catalogs need nothing from IAM.
 *
 * The partition follows the region (aws_data.c), else the role ARN's, else
 * aws.  An assumed role also gets base_principal (a placeholder ARN such as
 * arn:aws:iam::ACCOUNT_ID:role/STARROCKS_NODE_ROLE, or rds.amazonaws.com for
 * Aurora) for its trust policy.
 *
 * Placeholders are upper-case words: ACCOUNT_ID, REGION, BUCKET,
 * STARROCKS_NODE_ROLE, EXTERNAL_ID.  Secret values are never read here
 * except to know whether they are set.
 *
 * This file builds needs and holds the S3 ones; iam_catalog.c the Glue and
 * REST ones; iam_grants.c makes the grants (principals) around them.
 */
#include <string.h>
#include <strings.h>

#include "iam.h"

/* ---- Building a grant's needs ---- */

static int same(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

void iam_need(Builder *b, const char *action, const char *resource,
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

void iam_needs_all(Builder *b, const char *const *actions,
                   const char *resource) {
  for (size_t i = 0; actions[i]; i++)
    iam_need(b, actions[i], resource, NULL);
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
const char *iam_partition_of_arn(const char *arn) {
  if (!arn || strncmp(arn, "arn:", 4) != 0)
    return NULL;
  const char *s = arn + 4, *e = strchr(s, ':');
  const AwsPartition *p = e ? aws_partition_named(s, (size_t)(e - s)) : NULL;
  return p ? p->name : NULL;
}

const char *iam_pick_partition(const char *region, const char *arn) {
  const char *p = partition_of_region(region);
  if (!p)
    p = iam_partition_of_arn(arn);
  return p ? p : "aws";
}

int iam_is_account(const char *s, size_t n) {
  if (n != 12)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

/* r when it is a region name (known, or of a partition's pattern), else
   NULL: what goes into an ARN must be a region, not any text. */
const char *iam_region_ok(const char *r) {
  AwsRegionKind k = r ? aws_region_kind(r, NULL) : AWS_REGION_INVALID;
  return k == AWS_REGION_KNOWN || k == AWS_REGION_UNKNOWN ? r : NULL;
}

/* The last effective property named name in the main list (keys the key
   table does not route to a field); icase: StarRocks matches the name
   ignoring case (iceberg.catalog.*). */
const Prop *iam_prop_named(const Target *t, const char *name, int icase) {
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
  size_t ua, ub; /* s3a://KEY:SECRET@bucket (Hadoop): the bucket is after @ */
  if (diag_uri_userinfo(one, strlen(one), &ua, &ub) && one + ua == bucket)
    bucket = one + ub + 1;
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
  iam_need(b, "s3:ListBucket", bucket_arn, prefix);
  for (size_t i = 0; obj_actions[i]; i++)
    iam_need(b, obj_actions[i], objects, NULL);
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
/* SELECT ... INTO OUTFILE only writes new files (BE's S3 writer: single
   or multipart uploads, both s3:PutObject); EXPORT writes under a
   temporary prefix and renames (copy, then delete): read and write. */
static const char *const s3_write[] = {"s3:PutObject", NULL};
/* Aurora's documented minimum ("Creating an IAM policy to access Amazon S3
   resources", Aurora User Guide). */
static const char *const aurora_load[] = {"s3:GetObject", "s3:GetObjectVersion",
                                          NULL};
static const char *const aurora_outfile[] = {
    "s3:AbortMultipartUpload",     "s3:DeleteObject", "s3:GetObject",
    "s3:ListMultipartUploadParts", "s3:PutObject",    NULL};

/* The region written in an Aurora URI (s3-REGION://), or NULL. */
const char *iam_aurora_region(Unit *u, const Target *t) {
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

int iam_is_aurora(pc_stmt_kind k) { return names_kind_has(k, KT_AURORA); }

int iam_is_databend(pc_stmt_kind k) { return names_kind_has(k, KT_DATABEND); }

/* Catalog types StarRocks only reads (no CREATE TABLE, no INSERT). */
int iam_catalog_read_only(const View *v) {
  return v->catalog_type && (strcmp(v->catalog_type, "hudi") == 0 ||
                             strcmp(v->catalog_type, "deltalake") == 0);
}

/* The S3 needs of the statement. */
void iam_s3_needs(Builder *b, const Target *t, const View *v,
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
    acts = iam_catalog_read_only(v) ? s3_read : s3_read_write;
    break;
  case PC_STMT_AURORA_LOAD_DATA:
  case PC_STMT_AURORA_LOAD_XML:
    acts = aurora_load;
    break;
  case PC_STMT_AURORA_SELECT_INTO_OUTFILE:
    acts = aurora_outfile;
    break;
  case PC_STMT_SELECT_INTO_OUTFILE:
    acts = s3_write;
    break;
  default: /* volumes, repositories, EXPORT, Databend */
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
    if (iam_val(v->by[KS_OTHER][F_PATH]))
      s3_locations(b, part, v->by[KS_OTHER][F_PATH]->val, acts, 0);
    break;
  case PC_STMT_CREATE_EXTERNAL_CATALOG:
  case PC_STMT_ALTER_CATALOG: {
    const char *wh = iam_val(v->by[KS_ICEBERG][F_ICE_WAREHOUSE]);
    if (!wh || !value_is_s3_path(wh))
      wh = iam_val(v->by[KS_OTHER][F_PAIMON_WAREHOUSE]);
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
    iam_need(b, "s3:ListBucket", bucket, NULL);
    for (size_t i = 0; acts[i]; i++)
      iam_need(b, acts[i], objects, NULL);
  }
}
