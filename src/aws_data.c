/*
 * aws_data.c - what propcheck knows about AWS identifiers, as data, and the
 * predicates that read it.
 *
 * Partitions and their regions (the SDK endpoint data: regionRegex, DNS
 * suffixes, global pseudo-regions), access key id prefixes (IAM "unique
 * identifiers"), ARN resource types, and the AWS hosts whose SigV4 signing
 * name is fixed.  Sources: the AWS SDK's partitions.json (aws-sdk-js-v3
 * packages/util-endpoints), AWS's "IAM identifiers" and "Amazon Resource
 * Names (ARNs)" pages, Iceberg's AwsProperties and RESTSigV4AuthSession,
 * and the Glue and S3 Tables Iceberg REST endpoint pages.  Nothing here formats
 * a message or echoes a value: the checks in resolve_values.c decide what may
 * be shown.
 */
#include <string.h>
#include <strings.h>

#include "aws.h"

/* ---- Partitions and regions ---- */

/* A region of a partition is LEAD + \w+ "-" \d+ (the SDK's regionRegex with
   its alternatives spelled out as leads). */
static const char *const aws_leads[] = {"us-", "eu-", "ap-", "sa-", "ca-",
                                        "me-", "af-", "il-", "mx-", NULL};
/* The 34 regions of the commercial partition (the AWS SDK's
   partitions.json). */
static const char *const aws_regions[] = {"af-south-1",
                                          "ap-east-1",
                                          "ap-east-2",
                                          "ap-northeast-1",
                                          "ap-northeast-2",
                                          "ap-northeast-3",
                                          "ap-south-1",
                                          "ap-south-2",
                                          "ap-southeast-1",
                                          "ap-southeast-2",
                                          "ap-southeast-3",
                                          "ap-southeast-4",
                                          "ap-southeast-5",
                                          "ap-southeast-6",
                                          "ap-southeast-7",
                                          "ca-central-1",
                                          "ca-west-1",
                                          "eu-central-1",
                                          "eu-central-2",
                                          "eu-north-1",
                                          "eu-south-1",
                                          "eu-south-2",
                                          "eu-west-1",
                                          "eu-west-2",
                                          "eu-west-3",
                                          "il-central-1",
                                          "me-central-1",
                                          "me-south-1",
                                          "mx-central-1",
                                          "sa-east-1",
                                          "us-east-1",
                                          "us-east-2",
                                          "us-west-1",
                                          "us-west-2",
                                          NULL};
static const char *const aws_dns[] = {"amazonaws.com", "api.aws", NULL};

static const char *const cn_leads[] = {"cn-", NULL};
static const char *const cn_regions[] = {"cn-north-1", "cn-northwest-1", NULL};
static const char *const cn_dns[] = {"amazonaws.com.cn",
                                     "api.amazonwebservices.com.cn", NULL};

static const char *const gov_leads[] = {"us-gov-", NULL};
static const char *const gov_regions[] = {"us-gov-east-1", "us-gov-west-1",
                                          NULL};

static const char *const eusc_leads[] = {"eusc-de-", NULL};
static const char *const eusc_regions[] = {"eusc-de-east-1", NULL};
static const char *const eusc_dns[] = {"amazonaws.eu", NULL};

static const char *const iso_leads[] = {"us-iso-", NULL};
static const char *const iso_regions[] = {"us-iso-east-1", "us-iso-west-1",
                                          NULL};
static const char *const iso_dns[] = {"c2s.ic.gov", NULL};

static const char *const isob_leads[] = {"us-isob-", NULL};
static const char *const isob_regions[] = {"us-isob-east-1", NULL};
static const char *const isob_dns[] = {"sc2s.sgov.gov", NULL};

static const char *const isoe_leads[] = {"eu-isoe-", NULL};
static const char *const isoe_regions[] = {"eu-isoe-west-1", NULL};
static const char *const isoe_dns[] = {"cloud.adc-e.uk", NULL};

static const char *const isof_leads[] = {"us-isof-", NULL};
static const char *const isof_regions[] = {"us-isof-east-1", "us-isof-south-1",
                                           NULL};
static const char *const isof_dns[] = {"csp.hci.ic.gov", NULL};

const AwsPartition aws_partitions[] = {
    {"aws", aws_leads, aws_regions, "aws-global", aws_dns},
    {"aws-cn", cn_leads, cn_regions, "aws-cn-global", cn_dns},
    {"aws-us-gov", gov_leads, gov_regions, "aws-us-gov-global", aws_dns},
    {"aws-eusc", eusc_leads, eusc_regions, NULL, eusc_dns},
    {"aws-iso", iso_leads, iso_regions, "aws-iso-global", iso_dns},
    {"aws-iso-b", isob_leads, isob_regions, "aws-iso-b-global", isob_dns},
    {"aws-iso-e", isoe_leads, isoe_regions, "aws-iso-e-global", isoe_dns},
    {"aws-iso-f", isof_leads, isof_regions, "aws-iso-f-global", isof_dns},
};
const size_t aws_partition_count =
    sizeof aws_partitions / sizeof aws_partitions[0];

const AwsPartition *aws_partition_named(const char *name, size_t len) {
  for (size_t i = 0; i < aws_partition_count; i++)
    if (strlen(aws_partitions[i].name) == len &&
        strncmp(aws_partitions[i].name, name, len) == 0)
      return &aws_partitions[i];
  return NULL;
}

static int is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

/* \w+ "-" \d+ and nothing after. */
static int word_dash_digits(const char *s) {
  const char *p = s;
  while (is_word(*p))
    p++;
  if (p == s || *p != '-')
    return 0;
  const char *d = ++p;
  while (*p >= '0' && *p <= '9')
    p++;
  return p > d && *p == '\0';
}

AwsRegionKind aws_region_kind(const char *v, const AwsPartition **part) {
  if (part)
    *part = NULL;
  for (size_t i = 0; i < aws_partition_count; i++) {
    const AwsPartition *pt = &aws_partitions[i];
    if (pt->global && strcmp(v, pt->global) == 0) {
      if (part)
        *part = pt;
      return AWS_REGION_GLOBAL;
    }
    for (size_t j = 0; pt->leads[j]; j++) {
      size_t n = strlen(pt->leads[j]);
      if (strncmp(v, pt->leads[j], n) != 0 || !word_dash_digits(v + n))
        continue;
      if (part)
        *part = pt;
      return value_in(v, pt->regions, 0) ? AWS_REGION_KNOWN
                                         : AWS_REGION_UNKNOWN;
    }
  }
  return AWS_REGION_INVALID;
}

const char *aws_region_near(const char *v) {
  const char *best = NULL;
  size_t best_d = 3;
  int tie = 0;
  for (size_t i = 0; i < aws_partition_count; i++)
    for (size_t j = 0; aws_partitions[i].regions[j]; j++) {
      const char *r = aws_partitions[i].regions[j];
      size_t d = value_edit_distance(v, r, 2);
      if (d < best_d) {
        best = r;
        best_d = d;
        tie = 0;
      } else if (d == best_d) {
        tie = 1;
      }
    }
  return best && !tie && best_d > 0 ? best : NULL;
}

const char *aws_region_of_zone(const char *v) {
  size_t n = strlen(v);
  if (n < 2 || v[n - 1] < 'a' || v[n - 1] > 'z' || v[n - 2] < '0' ||
      v[n - 2] > '9')
    return NULL;
  for (size_t i = 0; i < aws_partition_count; i++)
    for (size_t j = 0; aws_partitions[i].regions[j]; j++) {
      const char *r = aws_partitions[i].regions[j];
      if (strlen(r) == n - 1 && strncmp(v, r, n - 1) == 0)
        return r;
    }
  return NULL;
}

int aws_host_is_aws(const char *host, size_t n) {
  for (size_t i = 0; i < aws_partition_count; i++)
    for (size_t j = 0; aws_partitions[i].dns[j]; j++) {
      const char *d = aws_partitions[i].dns[j];
      size_t k = strlen(d);
      if (n > k && host[n - k - 1] == '.' &&
          strncasecmp(host + n - k, d, k) == 0)
        return 1;
    }
  return 0;
}

int aws_endpoint_is_non_aws(const char *v) {
  const char *p = strstr(v, "://");
  const char *host = p ? p + 3 : v;
  if (*host == '[') /* IPv6 literal */
    return 1;
  size_t n = strcspn(host, ":/?#");
  if (n == 0)
    return 0;
  if (n == 9 && strncasecmp(host, "localhost", 9) == 0)
    return 1;
  if (strspn(host, "0123456789.") == n) /* IPv4 */
    return 1;
  /* amazonaws.com, amazonaws.com.cn, api.aws and the other partitions'
     DNS suffixes */
  return !aws_host_is_aws(host, n);
}

/* ---- Access key ids and other unique ids (IAM "unique identifiers") ---- */

const AwsIdPrefix aws_id_prefixes[] = {
    {"AKIA", AWS_ID_LONG_TERM, "an IAM user's long-term access key"},
    {"ASIA", AWS_ID_TEMPORARY, "a temporary (STS) access key"},
    {"A3T", AWS_ID_LEGACY, "a legacy access key"},
    {"AIDA", AWS_ID_NOT_KEY, "the prefix of an IAM user id"},
    {"AROA", AWS_ID_NOT_KEY, "the prefix of a role id"},
    {"AGPA", AWS_ID_NOT_KEY, "the prefix of a group id"},
    {"AIPA", AWS_ID_NOT_KEY, "the prefix of an instance profile id"},
    {"ANPA", AWS_ID_NOT_KEY, "the prefix of a managed policy id"},
    {"ANVA", AWS_ID_NOT_KEY, "the prefix of a managed policy version id"},
    {"APKA", AWS_ID_NOT_KEY, "the prefix of a public key id"},
    {"ASCA", AWS_ID_NOT_KEY, "the prefix of a certificate id"},
    {"ABIA", AWS_ID_NOT_KEY, "the prefix of an STS service bearer token"},
    {"ACCA", AWS_ID_NOT_KEY, "the prefix of a context-specific credential"},
    {NULL, 0, NULL}};

const AwsIdPrefix *aws_id_prefix_of(const char *v) {
  for (size_t i = 0; aws_id_prefixes[i].prefix; i++) {
    const char *p = aws_id_prefixes[i].prefix;
    if (strncmp(v, p, strlen(p)) == 0)
      return &aws_id_prefixes[i];
  }
  return NULL;
}

static int has_space(const char *v) {
  return strpbrk(v, " \t\n\v\f\r") != NULL;
}

static int upper_alnum(const char *v) {
  for (; *v; v++)
    if (!((*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9')))
      return 0;
  return 1;
}

AwsKeyShape aws_access_key_shape(const char *v) {
  const AwsIdPrefix *px = aws_id_prefix_of(v);
  if (px && px->kind == AWS_ID_NOT_KEY && upper_alnum(v))
    return AWS_KEY_IDENTIFIER;
  if (has_space(v))
    return AWS_KEY_SPACES;
  for (const char *p = v; *p; p++)
    if (*p >= 'a' && *p <= 'z')
      return AWS_KEY_LOWER;
  if (!upper_alnum(v))
    return AWS_KEY_CHARS;
  if (strlen(v) != 20)
    return AWS_KEY_LENGTH;
  if (!px)
    return AWS_KEY_PREFIX;
  return AWS_KEY_OK;
}

static int base64_chars(const char *v) {
  for (; *v; v++)
    if (!((*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z') ||
          (*v >= '0' && *v <= '9') || *v == '/' || *v == '+'))
      return 0;
  return 1;
}

AwsSecretShape aws_secret_key_shape(const char *v) {
  if (has_space(v))
    return AWS_SECRET_SPACES;
  if (!base64_chars(v))
    return AWS_SECRET_CHARS;
  if (strlen(v) != 40)
    return AWS_SECRET_LENGTH;
  return AWS_SECRET_OK;
}

/* STS validates ExternalId with [\w+=,.@:/-]*: letters, digits and
   _+=,.@:/- (IAM's quota page omits the underscore that \w admits). */
AwsExternalIdShape aws_external_id_shape(const char *v) {
  size_t n = strlen(v);
  if (has_space(v))
    return AWS_XID_SPACES;
  for (const char *p = v; *p; p++)
    if (!is_word(*p) && !strchr("+=,.@:/-", *p))
      return AWS_XID_CHARS;
  if (n < 2 || n > 1224)
    return AWS_XID_LENGTH;
  return AWS_XID_OK;
}

/* ---- ARNs ---- */

/* IAM resource types: role is the one a role ARN needs. */
static const AwsArnKind iam_kinds[] = {
    {"role", NULL},
    {"user", "an IAM user"},
    {"group", "an IAM group"},
    {"policy", "a managed policy"},
    {"instance-profile", "an instance profile (use the ARN of its role)"},
    {"oidc-provider", "an OIDC identity provider"},
    {"saml-provider", "a SAML identity provider"},
    {"server-certificate", "a server certificate"},
    {"mfa", "an MFA device"},
    {"sms-mfa", "an SMS MFA device"},
    {"root", "an account's root user"},
    {NULL, NULL}};

/* Other services whose ARNs are pasted where a role belongs. */
static const AwsArnKind service_kinds[] = {
    {"sts", "an STS session"},
    {"s3", "an S3 bucket or object"},
    {"s3tables", "an S3 Tables bucket"},
    {"glue", "a Glue Data Catalog resource"},
    {"kms", "a KMS key"},
    {"lakeformation", "a Lake Formation resource"},
    {"secretsmanager", "a Secrets Manager secret"},
    {"ec2", "an EC2 resource"},
    {NULL, NULL}};

static int role_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' ||
         c == '=' || c == ',' || c == '.' || c == '@';
}

/* The next ':'-separated field of an ARN: [*s, end), *s moved past ':'. */
static int arn_field(const char **s, const char **start, size_t *len) {
  const char *c = strchr(*s, ':');
  if (!c)
    return 0;
  *start = *s;
  *len = (size_t)(c - *s);
  *s = c + 1;
  return 1;
}

/* The kind in kinds (ended by a NULL type) whose type is s[0..n), or
   NULL. */
static const AwsArnKind *kind_named(const AwsArnKind *kinds, const char *s,
                                    size_t n) {
  for (; kinds->type; kinds++)
    if (strlen(kinds->type) == n && strncmp(s, kinds->type, n) == 0)
      return kinds;
  return NULL;
}

/* The problem of a role's path and name, path being "/name" or
   "/.../name" (AWS_ARN_OK: none); out->count is the length at fault. */
static AwsArnProblem role_path_check(const char *path, AwsArnInfo *out) {
  const char *name = strrchr(path, '/') + 1;
  size_t path_n = (size_t)(name - path);
  size_t name_n = strlen(name);
  if (path_n > 1) {
    out->count = path_n;
    if (path_n == 2 || path_n > 512)
      return AWS_ARN_PATH;
    for (const char *p = path; p < name; p++)
      if (*p < 0x21 || *p > 0x7e)
        return AWS_ARN_PATH;
  }
  out->count = name_n;
  if (name_n == 0)
    return AWS_ARN_NAME_EMPTY;
  if (name_n > 64)
    return AWS_ARN_NAME_LONG;
  for (const char *p = name; *p; p++)
    if (!role_name_char(*p))
      return AWS_ARN_NAME_CHARS;
  return AWS_ARN_OK;
}

AwsArnProblem aws_role_arn_check(const char *v, AwsArnInfo *out) {
  memset(out, 0, sizeof *out);
  size_t n = strlen(v);
  if (has_space(v))
    return AWS_ARN_SPACES;
  if (strncmp(v, "arn:", 4) != 0) {
    /* a role name alone is a common slip */
    const char *p = v;
    while (role_name_char(*p))
      p++;
    return *p == '\0' && n <= 64 && n > 0 ? AWS_ARN_BARE_NAME : AWS_ARN_NOT_ARN;
  }
  const char *s = v + 4, *svc, *region, *acct, *part;
  size_t svc_n, region_n, acct_n, part_n;
  if (!arn_field(&s, &part, &part_n) || !arn_field(&s, &svc, &svc_n) ||
      !arn_field(&s, &region, &region_n) || !arn_field(&s, &acct, &acct_n))
    return AWS_ARN_NOT_ARN;
  const char *res = s;
  out->partition = aws_partition_named(part, part_n);
  if (!out->partition)
    return AWS_ARN_PARTITION;
  if (svc_n == 0)
    return AWS_ARN_NOT_ARN;
  for (size_t i = 0; i < svc_n; i++)
    if (!((svc[i] >= 'a' && svc[i] <= 'z') ||
          (svc[i] >= '0' && svc[i] <= '9') || svc[i] == '-'))
      return AWS_ARN_NOT_ARN;
  if (!(svc_n == 3 && strncmp(svc, "iam", 3) == 0)) {
    const AwsArnKind *k = kind_named(service_kinds, svc, svc_n);
    out->what = k ? k->what : "a resource of another service";
    return AWS_ARN_NOT_ROLE;
  }
  size_t type_n = strcspn(res, "/");
  const AwsArnKind *kind = kind_named(iam_kinds, res, type_n);
  if (!kind)
    return AWS_ARN_RESOURCE;
  if (kind->what) {
    out->what = kind->what;
    return AWS_ARN_NOT_ROLE;
  }
  if (region_n != 0)
    return AWS_ARN_REGION;
  out->count = acct_n;
  if (acct_n != 12 || strspn(acct, "0123456789") < 12)
    return AWS_ARN_ACCOUNT;
  if (res[type_n] != '/')
    return AWS_ARN_NAME_EMPTY;
  AwsArnProblem pr = role_path_check(res + type_n, out);
  if (pr != AWS_ARN_OK)
    return pr;
  out->count = n;
  if (n < 20 || n > 2048)
    return AWS_ARN_LENGTH;
  return AWS_ARN_OK;
}

/* ---- SigV4 signing names of AWS REST catalog hosts ---- */

/* Host SERVICE.REGION.DNS (a partition's DNS suffix) must be signed for
   signing_name (Iceberg RESTSigV4AuthSession signs with rest.signing-name;
   AWS's Glue and S3 Tables Iceberg REST pages give glue and s3tables). */
const AwsSigningHost aws_signing_hosts[] = {
    {"glue", "glue"}, {"s3tables", "s3tables"}, {NULL, NULL}};

const AwsSigningHost *aws_signing_host(const char *host, size_t n,
                                       const char **region,
                                       size_t *region_len) {
  for (size_t i = 0; aws_signing_hosts[i].label; i++) {
    const char *l = aws_signing_hosts[i].label;
    size_t ln = strlen(l);
    if (n <= ln + 1 || strncasecmp(host, l, ln) != 0 || host[ln] != '.')
      continue;
    const char *r = host + ln + 1;
    const char *dot = memchr(r, '.', n - ln - 1);
    if (!dot || dot == r)
      continue;
    size_t rest = n - (size_t)(dot + 1 - host);
    for (size_t p = 0; p < aws_partition_count; p++)
      for (size_t j = 0; aws_partitions[p].dns[j]; j++) {
        const char *d = aws_partitions[p].dns[j];
        if (strlen(d) == rest && strncasecmp(dot + 1, d, rest) == 0) {
          *region = r;
          *region_len = (size_t)(dot - r);
          return &aws_signing_hosts[i];
        }
      }
  }
  return NULL;
}

/* ---- S3-compatible services ---- */

/* Host suffixes of S3-compatible services that serve virtual-host requests
   (bucket.host) themselves, so path style is not required there (Alibaba
   OSS and Volcengine TOS even refuse path-style requests). */
const char *const aws_virtual_host_suffixes[] = {"aliyuncs.com",
                                                 "myqcloud.com",
                                                 "googleapis.com",
                                                 "volces.com",
                                                 "digitaloceanspaces.com",
                                                 "wasabisys.com",
                                                 "backblazeb2.com",
                                                 "r2.cloudflarestorage.com",
                                                 NULL};

int aws_host_virtual_ok(const char *host, size_t n) {
  for (size_t i = 0; aws_virtual_host_suffixes[i]; i++) {
    const char *d = aws_virtual_host_suffixes[i];
    size_t k = strlen(d);
    if (n > k && host[n - k - 1] == '.' && strncasecmp(host + n - k, d, k) == 0)
      return 1;
  }
  return 0;
}

/* ---- Iceberg client keys that do nothing in a StarRocks catalog ---- */

/* Iceberg's AwsProperties client.assume-role.arn, .external-id, .region and
   .session-name are read by Iceberg's AssumeRoleAwsClientFactory alone.
   Every StarRocks Iceberg catalog puts its own IcebergAwsClientFactory in
   client.factory (IcebergRESTCatalog, IcebergGlueCatalog, IcebergHiveCatalog,
   IcebergHadoopCatalog, IcebergJdbcCatalog), which assumes aws.s3.* and
   aws.glue.iam_role_arn instead; and the REST SigV4 signer of Iceberg 1.10.0,
   the version StarRocks bundles, signs with the rest.* credentials as they
   are (AwsProperties.restCredentialsProvider; the assume-role branch, Iceberg
   PR #16794, is on Iceberg main only).  Not listed: client.assume-role.
   timeout-sec and tags.*, which IcebergAwsClientFactory does read for its
   own AssumeRole calls. */
const AwsInertKey aws_iceberg_inert_keys[] = {
    {"iceberg.catalog.client.assume-role.arn",
     "to assume a role for data or Glue use aws.s3.iam_role_arn or "
     "aws.glue.iam_role_arn; the REST signer cannot assume one"},
    {"iceberg.catalog.client.assume-role.external-id",
     "the external id of aws.s3.iam_role_arn is aws.s3.external_id "
     "(aws.glue.external_id for Glue)"},
    {"iceberg.catalog.client.assume-role.region",
     "the STS region of aws.s3.iam_role_arn is aws.s3.sts_region "
     "(aws.glue.sts_region for Glue)"},
    {"iceberg.catalog.client.assume-role.session-name",
     "StarRocks names its AssumeRole sessions itself"},
    {NULL, NULL}};
