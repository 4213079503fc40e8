/*
 * aws.h - AWS identifiers as data (aws_data.c): partitions, regions, access
 * key id prefixes, ARN shapes, the REST signing hosts, S3-compatible hosts.
 * Its audience is the value checks and the IAM stage (resolve_values.c,
 * resolve_aws.c, iam_needs.c) and aws_data.c itself.
 */
#ifndef PC_AWS_H
#define PC_AWS_H

#include "pc_internal.h"

/* AWS identifiers as data (partitions, regions, key id prefixes, ARN resource
   types, REST signing hosts) and the predicates that read them (AWS's ARN
   and IAM identifier pages, the SDK's partitions.json, the Glue and S3
   Tables Iceberg REST endpoint pages).  Plus the endpoint syntax helper, which
   lives in values.c.  None of these echo a value. */

/* A partition: its ARN name, the starts of its region names (a region is
   LEAD + \w+ "-" \d+, the SDK's regionRegex), the regions known today, the
   pseudo-region of its global endpoints (or NULL) and its DNS suffixes. */
typedef struct AwsPartition {
  const char *name;
  const char *const *leads;
  const char *const *regions;
  const char *global;
  const char *const *dns;
} AwsPartition;

extern const AwsPartition aws_partitions[];
extern const size_t aws_partition_count;
/* The partition named name[0..len), or NULL. */
const AwsPartition *aws_partition_named(const char *name, size_t len);

typedef enum AwsRegionKind {
  AWS_REGION_INVALID, /* fits no partition's pattern */
  AWS_REGION_UNKNOWN, /* fits a partition's pattern, not a known region */
  AWS_REGION_KNOWN,   /* a known region */
  AWS_REGION_GLOBAL   /* a pseudo-region: aws-global, aws-cn-global, ... */
} AwsRegionKind;

/* Classifies a region name (case-sensitive, as AWS is); *part (may be NULL)
   gets its partition unless the kind is AWS_REGION_INVALID. */
AwsRegionKind aws_region_kind(const char *v, const AwsPartition **part);
/* The one known region within 2 edits of v (and not v), or NULL. */
const char *aws_region_near(const char *v);
/* The region of an availability zone name (us-east-1a -> us-east-1). */
const char *aws_region_of_zone(const char *v);
/* 1 when host[0..n) is under a partition's DNS suffix (amazonaws.com, ...). */
int aws_host_is_aws(const char *host, size_t n);
/* 1 when an endpoint names an S3-compatible (non-AWS) service: an IP
   address, localhost, or a host under no partition's DNS suffix.  (Named
   value_ for its callers; it lives here so that values.c, which aws_data.c
   calls, calls nothing back.) */
int aws_endpoint_is_non_aws(const char *v);

typedef enum AwsIdKind {
  AWS_ID_LONG_TERM, /* AKIA: an IAM user's access key */
  AWS_ID_TEMPORARY, /* ASIA: STS temporary credentials */
  AWS_ID_LEGACY,    /* A3T: old access keys */
  AWS_ID_NOT_KEY    /* AIDA, AROA, ANPA, ...: ids, not access keys */
} AwsIdKind;

typedef struct AwsIdPrefix {
  const char *prefix;
  uint8_t kind;     /* AwsIdKind */
  const char *what; /* for messages */
} AwsIdPrefix;

extern const AwsIdPrefix aws_id_prefixes[]; /* ends with a NULL prefix */
const AwsIdPrefix *aws_id_prefix_of(const char *v);

typedef enum AwsKeyShape {
  AWS_KEY_OK,         /* 20 of [A-Z0-9] with a key prefix */
  AWS_KEY_IDENTIFIER, /* a user/role/policy... unique id */
  AWS_KEY_SPACES,     /* contains whitespace */
  AWS_KEY_LOWER,      /* contains lower-case letters */
  AWS_KEY_CHARS,      /* contains other characters */
  AWS_KEY_LENGTH,     /* upper-case letters and digits, not 20 of them */
  AWS_KEY_PREFIX      /* 20 of them, no access key prefix */
} AwsKeyShape;
AwsKeyShape aws_access_key_shape(const char *v);

typedef enum AwsSecretShape {
  AWS_SECRET_OK, /* 40 of [A-Za-z0-9/+] */
  AWS_SECRET_SPACES,
  AWS_SECRET_CHARS,
  AWS_SECRET_LENGTH
} AwsSecretShape;
AwsSecretShape aws_secret_key_shape(const char *v);

typedef enum AwsExternalIdShape {
  AWS_XID_OK, /* 2-1224 of [A-Za-z0-9_+=,.@:/-] */
  AWS_XID_SPACES,
  AWS_XID_CHARS,
  AWS_XID_LENGTH
} AwsExternalIdShape;
AwsExternalIdShape aws_external_id_shape(const char *v);

/* An ARN resource type (or service) and what it names; what is NULL for the
   one a role ARN needs. */
typedef struct AwsArnKind {
  const char *type;
  const char *what;
} AwsArnKind;

typedef enum AwsArnProblem {
  AWS_ARN_OK,
  AWS_ARN_SPACES,     /* contains whitespace */
  AWS_ARN_BARE_NAME,  /* a role name, not an ARN */
  AWS_ARN_NOT_ARN,    /* not arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE */
  AWS_ARN_PARTITION,  /* unknown partition */
  AWS_ARN_NOT_ROLE,   /* a well-formed ARN of something else (info.what) */
  AWS_ARN_RESOURCE,   /* iam, but no known resource type */
  AWS_ARN_REGION,     /* IAM ARNs have no region */
  AWS_ARN_ACCOUNT,    /* not 12 digits (info.count: its length) */
  AWS_ARN_PATH,       /* path not /printable ASCII/, or over 512 */
  AWS_ARN_NAME_EMPTY, /* role/ with no name */
  AWS_ARN_NAME_LONG,  /* name over 64 (info.count) */
  AWS_ARN_NAME_CHARS, /* name outside [A-Za-z0-9+=,.@_-] */
  AWS_ARN_LENGTH      /* whole ARN not 20-2048 (info.count) */
} AwsArnProblem;

typedef struct AwsArnInfo {
  const AwsPartition *partition; /* when the partition is known */
  const char *what;              /* AWS_ARN_NOT_ROLE: what it names */
  size_t count;                  /* a length, see AwsArnProblem */
} AwsArnInfo;

/* Checks an IAM role ARN: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME. */
AwsArnProblem aws_role_arn_check(const char *v, AwsArnInfo *info);

/* AWS REST catalog hosts: label.REGION.DNS must be signed for signing_name. */
typedef struct AwsSigningHost {
  const char *label;
  const char *signing_name;
} AwsSigningHost;
extern const AwsSigningHost aws_signing_hosts[]; /* ends with NULL label */
/* The signing host host[0..n) is, with its region, or NULL. */
const AwsSigningHost *aws_signing_host(const char *host, size_t n,
                                       const char **region, size_t *region_len);

/* S3-compatible services that serve virtual-host requests themselves. */
extern const char *const aws_virtual_host_suffixes[];
int aws_host_virtual_ok(const char *host, size_t n);

/* Iceberg client keys, outside the key table, that no StarRocks Iceberg
   catalog uses (matched ignoring case, as StarRocks strips the prefix):
   the key, and what to use instead. */
typedef struct AwsInertKey {
  const char *name;
  const char *instead;
} AwsInertKey;
extern const AwsInertKey aws_iceberg_inert_keys[]; /* ends with NULL name */

#endif /* PC_AWS_H */
