/*
 * test_values.c - value predicates (aws_data.c, values.c) and the value
 * checks built on them (resolve_values.c).
 *
 * Sources: AWS's "Amazon Resource Names (ARNs)" page (ARN formats,
 * partitions), the IAM User Guide's "IAM identifiers" and "IAM and AWS STS
 * quotas" (access key ids, external ids), the SDK's partitions.json (region
 * names), Iceberg AwsProperties and the AWS Glue and S3 Tables Iceberg REST
 * endpoint pages (SigV4 signing names glue, s3tables); StarRocks
 * AwsCredentialUtil (endpoints without a scheme get https://) and
 * AwsCloudCredential.toFileStoreInfo (shared-data volumes drop the session
 * token).  The predicates are tested directly, table by table; the
 * checks through the public API on small statements, including that no
 * credential value ever appears in a message.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aws.h"
#include "propcheck.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ regions */

static void placeholders_should_be_found_anywhere_in_any_case(void **state) {
  (void)state;
  /* value_placeholder_starts marks exactly the markers' first characters, in
     either case, with the index of the first marker each starts; the
     others follow it */
  size_t marked = 0;
  for (size_t c = 0; c < 256; c++)
    marked += value_placeholder_starts[c] != 0;
  size_t firsts = 0;
  for (size_t i = 0; value_placeholder_markers[i]; i++) {
    int seen = 0;
    for (size_t k = 0; k < i; k++)
      seen |= value_placeholder_markers[k][0] == value_placeholder_markers[i][0];
    firsts += seen                                                ? 0
              : isalpha((unsigned char)value_placeholder_markers[i][0]) ? 2
                                                                  : 1;
  }
  assert_int_equal(marked, firsts);
  for (size_t i = 0; value_placeholder_markers[i]; i++) {
    unsigned char c0 = (unsigned char)value_placeholder_markers[i][0];
    size_t first = value_placeholder_starts[c0];
    assert_int_equal(value_placeholder_starts[toupper(c0)], first);
    assert_true(first >= 1 && first - 1 <= i);
    for (size_t k = first - 1; k <= i; k++)
      assert_int_equal(value_placeholder_markers[k][0], c0);
    if (first >= 2)
      assert_int_not_equal(value_placeholder_markers[first - 2][0], c0);
    char v[64];
    snprintf(v, sizeof v, "abc-%s-def", value_placeholder_markers[i]);
    assert_true(value_is_placeholder(v));
    for (char *p = v; *p; p++)
      *p = (char)toupper((unsigned char)*p);
    assert_true(value_is_placeholder(v));
  }
  assert_true(value_is_placeholder("s3://<bucket_name>/x"));
  assert_true(value_is_placeholder("XXX"));
  assert_false(value_is_placeholder("s3://sales-raw/2025/11/x.parquet"));
  assert_false(value_is_placeholder("us-west-2"));
  assert_false(value_is_placeholder("arn:aws:iam::081976408565:role/r"));
  assert_false(value_is_placeholder(""));
}

/* The filler documentation writes: repeated letters, x/y/z words, masked
   middles and {name}; and real values that only look a little like it. */
static void documentation_filler_should_be_a_placeholder(void **state) {
  (void)state;
  static const char *const filler[] = {
      "AAAAAAAAAAAAAAAAAAAA", "yyy", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
      "http://xxx:xxx/api/catalog", "arn:aws:iam::xxxxxxxxxx:role/yyyyyyyy",
      "xxxxx:xxxx", "AK******M4", "{sts_endpoint}", "{true | false}", "zzz"};
  for (size_t i = 0; i < sizeof filler / sizeof filler[0]; i++)
    assert_true(value_is_placeholder(filler[i]));
  static const char *const real[] = {
      "AKIAIOSFODNN7EXAMPLE", "aa", "111111", "s3://bucket/xyz/part-0",
      "http://minio:9000", "{\"a\": 1}", "{}", "a*b", "p***w0rd", "xx",
      "https://glue.us-west-2.amazonaws.com", "arn:aws:iam::081976408565:role/x"};
  for (size_t i = 0; i < sizeof real / sizeof real[0]; i++)
    assert_false(value_is_placeholder(real[i]));
}

static void region_names_should_be_classified_by_partition(void **state) {
  (void)state;
  static const struct {
    const char *v;
    AwsRegionKind kind;
    const char *partition; /* NULL for invalid */
  } rows[] = {
      {"us-east-1", AWS_REGION_KNOWN, "aws"},
      {"us-west-2", AWS_REGION_KNOWN, "aws"},
      {"ap-southeast-7", AWS_REGION_KNOWN, "aws"},
      {"ap-east-2", AWS_REGION_KNOWN, "aws"},
      {"mx-central-1", AWS_REGION_KNOWN, "aws"},
      {"il-central-1", AWS_REGION_KNOWN, "aws"},
      {"cn-north-1", AWS_REGION_KNOWN, "aws-cn"},
      {"cn-northwest-1", AWS_REGION_KNOWN, "aws-cn"},
      {"us-gov-west-1", AWS_REGION_KNOWN, "aws-us-gov"},
      {"us-gov-east-1", AWS_REGION_KNOWN, "aws-us-gov"},
      {"eusc-de-east-1", AWS_REGION_KNOWN, "aws-eusc"},
      {"us-iso-east-1", AWS_REGION_KNOWN, "aws-iso"},
      {"us-isob-east-1", AWS_REGION_KNOWN, "aws-iso-b"},
      {"eu-isoe-west-1", AWS_REGION_KNOWN, "aws-iso-e"},
      {"us-isof-south-1", AWS_REGION_KNOWN, "aws-iso-f"},
      /* the pattern fits, the region is not known */
      {"us-east-7", AWS_REGION_UNKNOWN, "aws"},
      {"eu-moon-1", AWS_REGION_UNKNOWN, "aws"},
      {"cn-south-1", AWS_REGION_UNKNOWN, "aws-cn"},
      {"us-gov-north-1", AWS_REGION_UNKNOWN, "aws-us-gov"},
      {"eusc-de-west-1", AWS_REGION_UNKNOWN, "aws-eusc"},
      {"us-isob-west-1", AWS_REGION_UNKNOWN, "aws-iso-b"},
      {"ap-foo_bar-12", AWS_REGION_UNKNOWN, "aws"}, /* \w admits '_' */
      /* pseudo-regions */
      {"aws-global", AWS_REGION_GLOBAL, "aws"},
      {"aws-cn-global", AWS_REGION_GLOBAL, "aws-cn"},
      {"aws-us-gov-global", AWS_REGION_GLOBAL, "aws-us-gov"},
      /* invalid */
      {"", AWS_REGION_INVALID, NULL},
      {"US-EAST-1", AWS_REGION_INVALID, NULL}, /* case-sensitive */
      {"us-east-1 ", AWS_REGION_INVALID, NULL},
      {" us-east-1", AWS_REGION_INVALID, NULL},
      {"us-east-1a", AWS_REGION_INVALID, NULL}, /* a zone */
      {"us-east1", AWS_REGION_INVALID, NULL},   /* GCP style */
      {"us-east", AWS_REGION_INVALID, NULL},
      {"us-east-", AWS_REGION_INVALID, NULL},
      {"useast-1", AWS_REGION_INVALID, NULL},
      {"xx-east-1", AWS_REGION_INVALID, NULL},
      {"eusc-fr-east-1", AWS_REGION_INVALID, NULL}, /* only (de) */
      {"us-gov-west-1-", AWS_REGION_INVALID, NULL},
      {"eu-west-1.amazonaws.com", AWS_REGION_INVALID, NULL},
      {"<region>", AWS_REGION_INVALID, NULL},
  };
  for (size_t i = 0; i < COUNT(rows); i++) {
    const AwsPartition *pt = (const AwsPartition *)1;
    AwsRegionKind k = aws_region_kind(rows[i].v, &pt);
    if (k != rows[i].kind)
      fail_msg("'%s': kind %d, want %d", rows[i].v, (int)k, (int)rows[i].kind);
    if (rows[i].partition) {
      assert_non_null(pt);
      assert_string_equal(pt->name, rows[i].partition);
    } else {
      assert_null(pt);
    }
    assert_int_equal(aws_region_kind(rows[i].v, NULL), rows[i].kind);
  }
}

/* The data: 34 commercial regions, each in the partition whose pattern it
   fits, no region twice, every global pseudo-region in its partition. */
static void region_tables_should_be_consistent(void **state) {
  (void)state;
  assert_int_equal(aws_partition_count, 8);
  const AwsPartition *aws = aws_partition_named("aws", 3);
  assert_non_null(aws);
  size_t n = 0;
  while (aws->regions[n])
    n++;
  assert_int_equal(n, 34);
  for (size_t i = 0; i < aws_partition_count; i++) {
    const AwsPartition *p = &aws_partitions[i];
    assert_ptr_equal(aws_partition_named(p->name, strlen(p->name)), p);
    assert_non_null(p->dns[0]);
    assert_non_null(p->regions[0]);
    for (size_t j = 0; p->regions[j]; j++) {
      const AwsPartition *q = NULL;
      if (aws_region_kind(p->regions[j], &q) != AWS_REGION_KNOWN || q != p)
        fail_msg("%s is not a known region of %s", p->regions[j], p->name);
      for (size_t k = 0; k < aws_partition_count; k++)
        for (size_t m = 0; aws_partitions[k].regions[m]; m++)
          if ((k != i || m != j) &&
              strcmp(aws_partitions[k].regions[m], p->regions[j]) == 0)
            fail_msg("%s is listed twice", p->regions[j]);
    }
    if (p->global) {
      const AwsPartition *q = NULL;
      assert_int_equal(aws_region_kind(p->global, &q), AWS_REGION_GLOBAL);
      assert_ptr_equal(q, p);
    }
  }
  assert_null(aws_partition_named("aws-xx", 6));
  assert_null(aws_partition_named("aw", 2));
  assert_null(aws_partition_named("aws-cn", 5)); /* the length counts */
  assert_ptr_equal(aws_partition_named("aws-cn:iam", 6),
                   aws_partition_named("aws-cn", 6));
}

static void region_hints_should_name_the_likely_region(void **state) {
  (void)state;
  assert_string_equal(aws_region_near("us-eats-1"), "us-east-1");
  assert_string_equal(aws_region_near("eu-wset-1"), "eu-west-1");
  assert_string_equal(aws_region_near("sa-east1"), "sa-east-1");
  assert_string_equal(aws_region_near("cn-nrth-1"), "cn-north-1");
  assert_null(aws_region_near("us-est-1"));         /* east-1, west-1: tie */
  assert_null(aws_region_near("ap-southeast-8"));   /* 1..7: tie */
  assert_null(aws_region_near("us-east-1"));        /* itself */
  assert_null(aws_region_near("us-east-3"));        /* east-1, east-2: tie */
  assert_null(aws_region_near("somewhere-else-9")); /* nothing close */
  assert_string_equal(aws_region_of_zone("us-east-1a"), "us-east-1");
  assert_string_equal(aws_region_of_zone("cn-north-1b"), "cn-north-1");
  assert_null(aws_region_of_zone("us-east-1"));
  assert_null(aws_region_of_zone("us-east-9a"));
  assert_null(aws_region_of_zone("a"));
  assert_null(aws_region_of_zone(""));
}

/* ------------------------------------------------------------ endpoints */

static void aws_hosts_should_be_told_from_s3_compatible_ones(void **state) {
  (void)state;
  static const struct {
    const char *v;
    int non_aws;
  } rows[] = {
      {"https://s3.us-west-2.amazonaws.com", 0},
      {"s3.us-east-1.amazonaws.com", 0},
      {"https://s3.cn-north-1.amazonaws.com.cn", 0},
      {"https://s3.dualstack.us-east-1.api.aws", 0},
      {"https://s3.eusc-de-east-1.amazonaws.eu", 0},
      {"https://s3.us-iso-east-1.c2s.ic.gov", 0},
      {"https://S3.US-WEST-2.AMAZONAWS.COM/", 0},
      {"http://10.0.0.5:9000", 1},
      {"localhost:9000", 1},
      {"http://[::1]:9000", 1},
      {"https://minio.example.com", 1},
      {"https://oss-cn-hangzhou.aliyuncs.com", 1},
      {"https://notamazonaws.com", 1},
      {"https://amazonaws.com.evil.example", 1},
  };
  for (size_t i = 0; i < COUNT(rows); i++)
    if (aws_endpoint_is_non_aws(rows[i].v) != rows[i].non_aws)
      fail_msg("'%s': non-AWS %d, want %d", rows[i].v,
               aws_endpoint_is_non_aws(rows[i].v), rows[i].non_aws);
}

static void endpoints_should_parse_as_the_sdk_reads_them(void **state) {
  (void)state;
  static const struct {
    const char *v;
    int ok;
    const char *host; /* when ok */
    long port;
    int ipv4, ipv6;
    int scheme;
  } rows[] = {
      {"https://s3.us-west-2.amazonaws.com", 1, "s3.us-west-2.amazonaws.com",
       -1, 0, 0, 1},
      {"s3.us-west-2.amazonaws.com", 1, "s3.us-west-2.amazonaws.com", -1, 0, 0,
       0},
      {"HTTP://minio:9000/", 1, "minio", 9000, 0, 0, 1},
      {"http://10.0.0.5:9000", 1, "10.0.0.5", 9000, 1, 0, 1},
      {"10.0.0.5", 1, "10.0.0.5", -1, 1, 0, 0},
      {"http://[::1]:9000/x", 1, "::1", 9000, 0, 1, 1},
      {"[2001:db8::5]", 1, "2001:db8::5", -1, 0, 1, 0},
      {"https://glue.us-east-1.amazonaws.com/iceberg?x=1#f", 1,
       "glue.us-east-1.amazonaws.com", -1, 0, 0, 1},
      {"https://example.com.", 1, "example.com.", -1, 0, 0, 1},
      {"http://localhost:65535", 1, "localhost", 65535, 0, 0, 1},
      /* unusable */
      {"s3://bucket", 0, NULL, 0, 0, 0, 0},
      {"ftp://host", 0, NULL, 0, 0, 0, 0},
      {"https://", 0, NULL, 0, 0, 0, 0},
      {"https:///path", 0, NULL, 0, 0, 0, 0},
      {":9000", 0, NULL, 0, 0, 0, 0},
      {" https://s3.amazonaws.com", 0, NULL, 0, 0, 0, 0},
      {"https://s3 .amazonaws.com", 0, NULL, 0, 0, 0, 0},
      {"http://minio_server:9000", 0, NULL, 0, 0, 0, 0},
      {"http://host:", 0, NULL, 0, 0, 0, 0},
      {"http://host:0", 0, NULL, 0, 0, 0, 0},
      {"http://host:65536", 0, NULL, 0, 0, 0, 0},
      {"http://host:90a", 0, NULL, 0, 0, 0, 0},
      {"http://10.0.0.300:9000", 0, NULL, 0, 0, 0, 0},
      {"http://10.0.0:9000", 0, NULL, 0, 0, 0, 0},
      {"http://a..b", 0, NULL, 0, 0, 0, 0},
      {"http://.a.b", 0, NULL, 0, 0, 0, 0},
      {"http://-a.b", 0, NULL, 0, 0, 0, 0},
      {"http://user:pw@host", 0, NULL, 0, 0, 0, 0},
      {"http://[::1", 0, NULL, 0, 0, 0, 0},
      {"http://[zz::1]", 0, NULL, 0, 0, 0, 0},
      {"http://[::1]x", 0, NULL, 0, 0, 0, 0},
      {"fe80::1", 0, NULL, 0, 0, 0, 0},
  };
  for (size_t i = 0; i < COUNT(rows); i++) {
    Endpoint e;
    const char *why = value_parse_endpoint(rows[i].v, &e);
    if (!rows[i].ok) {
      if (!why)
        fail_msg("'%s' should be rejected", rows[i].v);
      continue;
    }
    if (why)
      fail_msg("'%s' rejected: %s", rows[i].v, why);
    if (strlen(rows[i].host) != e.host_len ||
        strncmp(rows[i].host, e.host, e.host_len) != 0)
      fail_msg("'%s': host '%.*s'", rows[i].v, (int)e.host_len, e.host);
    assert_int_equal(e.port, rows[i].port);
    assert_int_equal(e.ipv4, rows[i].ipv4);
    assert_int_equal(e.ipv6, rows[i].ipv6);
    assert_int_equal(e.scheme != NULL, rows[i].scheme);
  }
}

static void rest_hosts_should_give_their_signing_name(void **state) {
  (void)state;
  static const struct {
    const char *host;
    const char *name; /* NULL: not a signing host */
    const char *region;
  } rows[] = {
      {"glue.us-east-1.amazonaws.com", "glue", "us-east-1"},
      {"s3tables.eu-west-1.amazonaws.com", "s3tables", "eu-west-1"},
      {"glue.cn-north-1.amazonaws.com.cn", "glue", "cn-north-1"},
      {"GLUE.us-west-2.AMAZONAWS.COM", "glue", "us-west-2"},
      {"glue.amazonaws.com", NULL, NULL},
      {"glue..amazonaws.com", NULL, NULL},
      {"glue.us-east-1.example.com", NULL, NULL},
      {"execute-api.us-east-1.amazonaws.com", NULL, NULL},
      {"myglue.us-east-1.amazonaws.com", NULL, NULL},
      {"polaris.example.com", NULL, NULL},
  };
  for (size_t i = 0; i < COUNT(rows); i++) {
    const char *r = NULL;
    size_t rn = 0;
    const AwsSigningHost *sh =
        aws_signing_host(rows[i].host, strlen(rows[i].host), &r, &rn);
    if (!rows[i].name) {
      if (sh)
        fail_msg("'%s' should not be a signing host", rows[i].host);
      continue;
    }
    assert_non_null(sh);
    assert_string_equal(sh->signing_name, rows[i].name);
    assert_int_equal(rn, strlen(rows[i].region));
    assert_memory_equal(r, rows[i].region, rn);
  }
  const char *h = "bucket.oss-cn-hangzhou.aliyuncs.com";
  assert_true(aws_host_virtual_ok(h, strlen(h)));
  h = "minio.internal";
  assert_false(aws_host_virtual_ok(h, strlen(h)));
  h = "aliyuncs.com"; /* the suffix needs a label before it */
  assert_false(aws_host_virtual_ok(h, strlen(h)));
}

/* ------------------------------------------------------------ keys */

static void access_key_ids_should_be_classified(void **state) {
  (void)state;
  static const struct {
    const char *v;
    AwsKeyShape shape;
    int kind; /* AwsIdKind of the prefix, -1 when none */
  } rows[] = {
      {"AKIAIOSFODNN7EXAMPLE", AWS_KEY_OK, AWS_ID_LONG_TERM},
      {"AKIAQZFIXEXAMPLE0001", AWS_KEY_OK, AWS_ID_LONG_TERM},
      {"ASIAQZFIXEXAMPLE0001", AWS_KEY_OK, AWS_ID_TEMPORARY},
      {"A3TXQZFIXEXAMPLE0001", AWS_KEY_OK, AWS_ID_LEGACY},
      {"AROAQZFIXEXAMPLE00001", AWS_KEY_IDENTIFIER, AWS_ID_NOT_KEY},
      {"AIDAQZFIXEXAMPLE0001", AWS_KEY_IDENTIFIER, AWS_ID_NOT_KEY},
      {"ANPAQZFIXEXAMPLE0001", AWS_KEY_IDENTIFIER, AWS_ID_NOT_KEY},
      {"AKIAQzFix00000000001", AWS_KEY_LOWER, AWS_ID_LONG_TERM},
      {"akiaqzfixexample0001", AWS_KEY_LOWER, -1},
      {"AKIAQZFIXEXAMPLE001", AWS_KEY_LENGTH, AWS_ID_LONG_TERM},
      {"AKIAQZFIXEXAMPLE00001", AWS_KEY_LENGTH, AWS_ID_LONG_TERM},
      {"AKIAQZFIXEXAMPLE000-", AWS_KEY_CHARS, AWS_ID_LONG_TERM},
      {"AKIAQZFIXEXAMPLE0001 ", AWS_KEY_SPACES, AWS_ID_LONG_TERM},
      {" AKIAQZFIXEXAMPLE0001", AWS_KEY_SPACES, -1},
      {"XKIAQZFIXEXAMPLE0001", AWS_KEY_PREFIX, -1},
      {"AROAqzfix", AWS_KEY_LOWER, AWS_ID_NOT_KEY}, /* not a well-formed id */
  };
  for (size_t i = 0; i < COUNT(rows); i++) {
    AwsKeyShape s = aws_access_key_shape(rows[i].v);
    if (s != rows[i].shape)
      fail_msg("row %zu: shape %d, want %d", i, (int)s, (int)rows[i].shape);
    const AwsIdPrefix *px = aws_id_prefix_of(rows[i].v);
    if (rows[i].kind < 0)
      assert_null(px);
    else {
      assert_non_null(px);
      assert_int_equal(px->kind, rows[i].kind);
    }
  }
  /* every prefix is 3 or 4 upper-case letters or digits and describes
     itself */
  for (size_t i = 0; aws_id_prefixes[i].prefix; i++) {
    size_t n = strlen(aws_id_prefixes[i].prefix);
    assert_true(n == 3 || n == 4);
    assert_non_null(aws_id_prefixes[i].what);
  }
}

static void secret_keys_should_be_40_base64_characters(void **state) {
  (void)state;
  static const struct {
    const char *v;
    AwsSecretShape shape;
  } rows[] = {
      {"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", AWS_SECRET_OK},
      {"QzFixSecret00000000000000000000000000001", AWS_SECRET_OK},
      {"QzFixSecret+/00000000000000000000000000A", AWS_SECRET_OK},
      {"QzFixSecret0000000000000000000000000001", AWS_SECRET_LENGTH},
      {"QzFixSecret000000000000000000000000000001", AWS_SECRET_LENGTH},
      {"QzFixSecret00000000000000000000000000=01", AWS_SECRET_CHARS},
      {"QzFixSecret0000000000000000000000000 001", AWS_SECRET_SPACES},
      {"QzFixSecret00000000000000000000000000001\n", AWS_SECRET_SPACES},
  };
  for (size_t i = 0; i < COUNT(rows); i++)
    if (aws_secret_key_shape(rows[i].v) != rows[i].shape)
      fail_msg("row %zu: shape %d, want %d", i,
               (int)aws_secret_key_shape(rows[i].v), (int)rows[i].shape);
}

static void external_ids_should_follow_sts(void **state) {
  (void)state;
  char long_id[1226];
  memset(long_id, 'a', sizeof long_id - 1);
  long_id[sizeof long_id - 1] = '\0'; /* 1225 characters */
  char max_id[1225];
  memset(max_id, 'a', sizeof max_id - 1);
  max_id[sizeof max_id - 1] = '\0'; /* 1224 characters */
  static const struct {
    const char *v;
    AwsExternalIdShape shape;
  } rows[] = {
      {"QzFixExternal01", AWS_XID_OK},
      {"ab", AWS_XID_OK},
      {"a+b=c,d.e@f:g/h-i_j", AWS_XID_OK},
      {"a", AWS_XID_LENGTH},
      {"a b", AWS_XID_SPACES},
      {"a\tb", AWS_XID_SPACES},
      {"a#b", AWS_XID_CHARS},
      {"a*b", AWS_XID_CHARS},
      {"caf\xc3\xa9", AWS_XID_CHARS},
  };
  for (size_t i = 0; i < COUNT(rows); i++)
    if (aws_external_id_shape(rows[i].v) != rows[i].shape)
      fail_msg("row %zu: shape %d, want %d", i,
               (int)aws_external_id_shape(rows[i].v), (int)rows[i].shape);
  assert_int_equal(aws_external_id_shape(max_id), AWS_XID_OK);
  assert_int_equal(aws_external_id_shape(long_id), AWS_XID_LENGTH);
}

/* ------------------------------------------------------------ ARNs */

static void role_arns_should_be_checked_part_by_part(void **state) {
  (void)state;
  static const struct {
    const char *v;
    AwsArnProblem problem;
    const char *partition; /* when known */
  } rows[] = {
      {"arn:aws:iam::081976408565:role/s3_assumed_role", AWS_ARN_OK, "aws"},
      {"arn:aws-cn:iam::081976408565:role/glue", AWS_ARN_OK, "aws-cn"},
      {"arn:aws-us-gov:iam::000000000001:role/a", AWS_ARN_OK, "aws-us-gov"},
      {"arn:aws:iam::081976408565:role/service-role/My+Role=,.@_-1", AWS_ARN_OK,
       "aws"},
      {"arn:aws:iam::081976408565:role/a/b/c/name", AWS_ARN_OK, "aws"},
      {"arn:aws:iam::081976408565:role/a!~/name", AWS_ARN_OK, "aws"},
      {"arn:aws:iam::081976408565:role/x", AWS_ARN_OK, "aws"},
      /* malformed */
      {"arn:aws:iam::081976408565:role/a b", AWS_ARN_SPACES, NULL},
      {" arn:aws:iam::081976408565:role/a", AWS_ARN_SPACES, NULL},
      {"s3_assumed_role", AWS_ARN_BARE_NAME, NULL},
      {"081976408565", AWS_ARN_BARE_NAME, NULL},
      {"ARN:aws:iam::081976408565:role/a", AWS_ARN_NOT_ARN, NULL},
      {"arn:aws:iam:081976408565:role/a", AWS_ARN_NOT_ARN, NULL},
      {"arn:aws", AWS_ARN_NOT_ARN, NULL},
      {"role/s3_assumed_role", AWS_ARN_NOT_ARN, NULL},
      {"arn:aws-xx:iam::081976408565:role/a", AWS_ARN_PARTITION, NULL},
      {"arn::iam::081976408565:role/a", AWS_ARN_PARTITION, NULL},
      {"arn:aws:IAM::081976408565:role/a", AWS_ARN_NOT_ARN, "aws"},
      {"arn:aws:iam::081976408565:roles/a", AWS_ARN_RESOURCE, "aws"},
      {"arn:aws:iam::081976408565:", AWS_ARN_RESOURCE, "aws"},
      {"arn:aws:iam:us-east-1:081976408565:role/a", AWS_ARN_REGION, "aws"},
      {"arn:aws:iam::0819764085:role/a", AWS_ARN_ACCOUNT, "aws"},
      {"arn:aws:iam::08197640856x:role/a", AWS_ARN_ACCOUNT, "aws"},
      {"arn:aws:iam:::role/a", AWS_ARN_ACCOUNT, "aws"},
      {"arn:aws:iam::081976408565:role", AWS_ARN_NAME_EMPTY, "aws"},
      {"arn:aws:iam::081976408565:role/", AWS_ARN_NAME_EMPTY, "aws"},
      {"arn:aws:iam::081976408565:role/path/", AWS_ARN_NAME_EMPTY, "aws"},
      {"arn:aws:iam::081976408565:role//a", AWS_ARN_PATH, "aws"},
      {"arn:aws:iam::081976408565:role/a\x7f/b", AWS_ARN_PATH, "aws"},
      {"arn:aws:iam::081976408565:role/a*b", AWS_ARN_NAME_CHARS, "aws"},
      {"arn:aws:iam::081976408565:role/a:b", AWS_ARN_NAME_CHARS, "aws"},
      {"arn:aws:iam::081976408565:role/"
       "a1234567890123456789012345678901234567890123456789012345678901234",
       AWS_ARN_NAME_LONG, "aws"},
      /* something else than a role */
      {"arn:aws:iam::081976408565:user/bob", AWS_ARN_NOT_ROLE, "aws"},
      {"arn:aws:iam::081976408565:policy/p", AWS_ARN_NOT_ROLE, "aws"},
      {"arn:aws:iam::081976408565:instance-profile/p", AWS_ARN_NOT_ROLE, "aws"},
      {"arn:aws:iam::081976408565:root", AWS_ARN_NOT_ROLE, "aws"},
      {"arn:aws:sts::081976408565:assumed-role/r/s", AWS_ARN_NOT_ROLE, "aws"},
      {"arn:aws:s3:::bucket", AWS_ARN_NOT_ROLE, "aws"},
      {"arn:aws:glue:us-east-1:081976408565:catalog", AWS_ARN_NOT_ROLE, "aws"},
      {"arn:aws:kinesis:us-east-1:081976408565:stream/s", AWS_ARN_NOT_ROLE,
       "aws"},
  };
  for (size_t i = 0; i < COUNT(rows); i++) {
    AwsArnInfo in;
    AwsArnProblem p = aws_role_arn_check(rows[i].v, &in);
    if (p != rows[i].problem)
      fail_msg("'%s': problem %d, want %d", rows[i].v, (int)p,
               (int)rows[i].problem);
    if (rows[i].partition) {
      assert_non_null(in.partition);
      assert_string_equal(in.partition->name, rows[i].partition);
    }
    if (p == AWS_ARN_NOT_ROLE)
      assert_non_null(in.what);
  }
  /* lengths: at most 2048 characters in all; a 20-character minimum is
     implied by the parts, so only the maximum can be hit */
  char big[2100];
  size_t n =
      (size_t)snprintf(big, sizeof big, "arn:aws:iam::081976408565:role/");
  memset(big + n, 'p', sizeof big - n);
  big[n + 1500] = '/';
  memcpy(big + n + 1501, "name", 5);
  AwsArnInfo in;
  assert_int_equal(aws_role_arn_check(big, &in), AWS_ARN_PATH); /* > 512 */
  n = (size_t)snprintf(big, sizeof big, "arn:aws:iam::081976408565:role/");
  for (int k = 0; k < 100; k++)
    n += (size_t)snprintf(big + n, sizeof big - n, "/");
  assert_int_equal(aws_role_arn_check(big, &in), AWS_ARN_NAME_EMPTY);
}

/* ------------------------------------------------------------ checks */

typedef struct Check {
  const char *name;
  const char *sql;
  const char *rule;   /* must be reported, or NULL */
  const char *absent; /* must not be reported, or NULL */
} Check;

/* Statement templates. */
#define FILES(props)                                                           \
  "SELECT * FROM FILES(\"path\" = \"s3://bucket/a.parquet\", \"format\" = "    \
  "\"parquet\", " props ");"
#define IP "\"aws.s3.use_instance_profile\" = \"true\", "
#define KEYS(ak, sk)                                                           \
  "\"aws.s3.access_key\" = \"" ak "\", \"aws.s3.secret_key\" = \"" sk "\", "
#define GOOD_AK "AKIAQZFIXEXAMPLE0001"
#define GOOD_SK "QzFixSecret0000000000000000000000000001A"
#define REST(props)                                                            \
  "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"iceberg\", "             \
  "\"iceberg.catalog.type\" = \"rest\", \"iceberg.catalog.warehouse\" = "      \
  "\"111122223333\", \"aws.s3.region\" = \"us-west-2\", " props ");"
#define SIGV4 "\"iceberg.catalog.rest.sigv4-enabled\" = \"true\", "

static const Check checks[] = {
    /* regions */
    {"known region", FILES(IP "\"aws.s3.region\" = \"eu-west-1\""), NULL,
     "invalid-region"},
    {"unknown region", FILES(IP "\"aws.s3.region\" = \"eu-west-9\""),
     "unknown-region", "invalid-region"},
    {"invalid region", FILES(IP "\"aws.s3.region\" = \"europe\""),
     "invalid-region", "unknown-region"},
    {"upper-case region", FILES(IP "\"aws.s3.region\" = \"EU-WEST-1\""),
     "invalid-region", NULL},
    {"pseudo-region as bucket region",
     FILES(IP "\"aws.s3.region\" = \"aws-global\""), "invalid-region", NULL},
    {"pseudo-region as STS region",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.iam_role_arn\" = "
              "\"arn:aws:iam::081976408565:role/r\", \"aws.s3.sts.region\" = "
              "\"aws-global\""),
     NULL, "invalid-region"},
    {"any region with MinIO",
     FILES(IP "\"aws.s3.region\" = \"minio-local\", \"aws.s3.endpoint\" = "
              "\"http://10.0.0.5:9000\", \"aws.s3.enable_path_style_access\" "
              "= \"true\""),
     NULL, "invalid-region"},
    {"empty region is default-region's", FILES(IP "\"aws.s3.region\" = \"\""),
     "default-region", "invalid-region"},
    {"placeholder region is placeholder-value's",
     FILES(IP "\"aws.s3.region\" = \"<region>\""), "placeholder-value",
     "invalid-region"},
    /* role ARNs */
    {"malformed ARN",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.iam_role_arn\" = "
              "\"arn:aws:iam::123:role/r\""),
     "invalid-role-arn", NULL},
    {"user ARN",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.iam_role_arn\" = "
              "\"arn:aws:iam::081976408565:user/u\""),
     "not-a-role-arn", "invalid-role-arn"},
    {"china role in a US region",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.iam_role_arn\" = "
              "\"arn:aws-cn:iam::081976408565:role/r\""),
     "partition-mismatch", NULL},
    {"china role with a china STS region",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.iam_role_arn\" = "
              "\"arn:aws-cn:iam::081976408565:role/r\", \"aws.s3.sts.region\" "
              "= \"cn-north-1\""),
     NULL, "partition-mismatch"},
    /* access keys */
    {"good keys",
     FILES(KEYS(GOOD_AK, GOOD_SK) "\"aws.s3.region\" = \"us-east-1\""),
     "plaintext-credentials", "invalid-access-key-id"},
    {"short key",
     FILES(KEYS("AKIAQZFIX", GOOD_SK) "\"aws.s3.region\" = \"us-east-1\""),
     "invalid-access-key-id", NULL},
    {"role id as key",
     FILES(KEYS("AROAQZFIXEXAMPLE00001", GOOD_SK) "\"aws.s3.region\" = "
                                                  "\"us-east-1\""),
     "identifier-not-access-key", "invalid-access-key-id"},
    {"temporary key without token",
     FILES(KEYS("ASIAQZFIXEXAMPLE0001", GOOD_SK) "\"aws.s3.region\" = "
                                                 "\"us-east-1\""),
     "temporary-key-without-token", "plaintext-credentials"},
    {"temporary key with token",
     FILES(KEYS("ASIAQZFIXEXAMPLE0001",
                GOOD_SK) "\"aws.s3.session_token\" = \"QzFixToken\", "
                         "\"aws.s3.region\" = \"us-east-1\""),
     NULL, "temporary-key-without-token"},
    {"keys ignored under a flag",
     FILES(IP KEYS("bad", "bad") "\"aws.s3.region\" = \"us-east-1\""),
     "ignored-credential", "invalid-access-key-id"},
    {"short secret",
     FILES(KEYS(GOOD_AK, "QzFixShort") "\"aws.s3.region\" = \"us-east-1\""),
     "secret-key-shape", NULL},
    {"placeholder keys",
     FILES(KEYS("<iam_user_access_key>",
                "<iam_user_secret_key>") "\"aws.s3.region\" = \"us-east-1\""),
     "placeholder-value", "plaintext-credentials"},
    {"external id with a space",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.iam_role_arn\" = "
              "\"arn:aws:iam::081976408565:role/r\", \"aws.s3.external_id\" = "
              "\"QzFix id\""),
     "invalid-external-id", NULL},
    /* endpoints and path style */
    {"s3 scheme endpoint",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.endpoint\" = "
              "\"s3://bucket\""),
     "invalid-endpoint", NULL},
    {"endpoint without scheme",
     FILES(IP "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.endpoint\" = "
              "\"s3.us-east-1.amazonaws.com\""),
     NULL, "invalid-endpoint"},
    {"MinIO without path style",
     FILES(IP "\"aws.s3.endpoint\" = \"http://10.0.0.5:9000\""),
     "path-style-required", NULL},
    {"MinIO with path style",
     FILES(IP "\"aws.s3.endpoint\" = \"http://10.0.0.5:9000\", "
              "\"aws.s3.enable_path_style_access\" = \"true\""),
     NULL, "path-style-required"},
    {"OSS serves virtual hosts",
     FILES(IP "\"aws.s3.endpoint\" = \"https://oss-cn-hangzhou.aliyuncs.com\""),
     NULL, "path-style-required"},
    /* REST */
    {"REST uri without scheme",
     REST("\"iceberg.catalog.uri\" = \"polaris.example.com/api/catalog\""),
     "invalid-endpoint", NULL},
    {"glue host, default signing name",
     REST(SIGV4 "\"iceberg.catalog.uri\" = "
                "\"https://glue.us-west-2.amazonaws.com/iceberg\", "
                "\"iceberg.catalog.rest.signing-region\" = \"us-west-2\""),
     "signing-mismatch", NULL},
    {"glue host, glue signing",
     REST(SIGV4 "\"iceberg.catalog.uri\" = "
                "\"https://glue.us-west-2.amazonaws.com/iceberg\", "
                "\"iceberg.catalog.rest.signing-name\" = \"glue\", "
                "\"iceberg.catalog.rest.signing-region\" = \"us-west-2\""),
     NULL, "signing-mismatch"},
    {"s3tables host, other region",
     REST(SIGV4 "\"iceberg.catalog.uri\" = "
                "\"https://s3tables.us-west-2.amazonaws.com/iceberg\", "
                "\"iceberg.catalog.rest.signing-name\" = \"s3tables\", "
                "\"iceberg.catalog.rest.signing-region\" = \"us-east-1\""),
     "signing-mismatch", NULL},
    {"signing not checked without SigV4",
     REST("\"iceberg.catalog.uri\" = "
          "\"https://glue.us-west-2.amazonaws.com/iceberg\""),
     NULL, "signing-mismatch"},
    {"REST static keys",
     REST(SIGV4 "\"iceberg.catalog.uri\" = "
                "\"https://glue.us-west-2.amazonaws.com/iceberg\", "
                "\"iceberg.catalog.rest.signing-name\" = \"glue\", "
                "\"iceberg.catalog.rest.signing-region\" = \"us-west-2\", "
                "\"iceberg.catalog.rest.access-key-id\" = \"" GOOD_AK "\", "
                "\"iceberg.catalog.rest.secret-access-key\" = \"" GOOD_SK "\""),
     "plaintext-credentials", "invalid-access-key-id"},
    /* Iceberg 1.10.0's signer assumes no role and StarRocks replaces the
       client factory that reads client.assume-role.*: the key does nothing,
       so its value is not checked */
    {"REST assume-role ARN does nothing",
     REST(SIGV4 "\"iceberg.catalog.uri\" = "
                "\"https://glue.us-west-2.amazonaws.com/iceberg\", "
                "\"iceberg.catalog.rest.signing-name\" = \"glue\", "
                "\"iceberg.catalog.rest.signing-region\" = \"us-west-2\", "
                "\"iceberg.catalog.client.assume-role.arn\" = "
                "\"arn:aws:iam::081976408565:group/g\""),
     "setting-without-effect", "not-a-role-arn"},
    {"REST assume-role external id is not checked",
     REST(SIGV4 "\"iceberg.catalog.uri\" = "
                "\"https://glue.us-west-2.amazonaws.com/iceberg\", "
                "\"iceberg.catalog.rest.signing-name\" = \"glue\", "
                "\"iceberg.catalog.rest.signing-region\" = \"us-west-2\", "
                "\"iceberg.catalog.client.assume-role.arn\" = "
                "\"arn:aws:iam::081976408565:role/r\", "
                "\"iceberg.catalog.client.assume-role.external-id\" = "
                "\"QzFix id\""),
     "setting-without-effect", "invalid-external-id"},
    /* the assume-role duration is used by StarRocks' own AssumeRole */
    {"REST assume-role timeout is used",
     REST(SIGV4 "\"iceberg.catalog.uri\" = "
                "\"https://glue.us-west-2.amazonaws.com/iceberg\", "
                "\"iceberg.catalog.rest.signing-name\" = \"glue\", "
                "\"iceberg.catalog.rest.signing-region\" = \"us-west-2\", "
                "\"iceberg.catalog.client.assume-role.timeout-sec\" = "
                "\"900\""),
     NULL, "setting-without-effect"},
    /* storage volumes drop the session token */
    {"volume with a temporary key",
     "CREATE STORAGE VOLUME v TYPE = S3 LOCATIONS = (\"s3://b/p/\") "
     "PROPERTIES (\"aws.s3.region\" = \"us-west-2\", " KEYS(
         "ASIAQZFIXEXAMPLE0001",
         GOOD_SK) "\"aws.s3.session_token\" = \"QzFixToken\");",
     "temporary-key-without-token", NULL},
};

/* Every finding of one statement, for messages. */
static void checks_should_report_what_the_spec_says(void **state) {
  (void)state;
  for (size_t i = 0; i < COUNT(checks); i++) {
    const Check *c = &checks[i];
    pc_ctx *ctx = pc_ctx_new(NULL);
    assert_non_null(ctx);
    assert_int_equal(pc_check_buffer(ctx, "t.sql", c->sql, strlen(c->sql)),
                     PC_OK);
    const pc_file *f = pc_file_at(ctx, 0);
    assert_non_null(f);
    int seen = 0, seen_absent = 0;
    for (size_t s = 0; s < pc_file_stmt_count(f); s++) {
      const pc_stmt *st = pc_file_stmt_at(f, s);
      for (size_t j = 0; j < pc_stmt_finding_count(st); j++) {
        const pc_finding *fd = pc_stmt_finding_at(st, j);
        if (c->rule && strcmp(fd->rule, c->rule) == 0)
          seen = 1;
        if (c->absent && strcmp(fd->rule, c->absent) == 0)
          seen_absent = 1;
        /* credential values never appear in a message */
        static const char *const secrets[] = {GOOD_AK,
                                              GOOD_SK,
                                              "ASIAQZFIXEXAMPLE0001",
                                              "AROAQZFIXEXAMPLE00001",
                                              "QzFixShort",
                                              "QzFix id",
                                              "QzFixToken"};
        for (size_t k = 0; k < COUNT(secrets); k++)
          if (strstr(fd->message, secrets[k]))
            fail_msg("%s: a credential value in: %s", c->name, fd->message);
      }
    }
    if (c->rule && !seen)
      fail_msg("%s: [%s] not reported", c->name, c->rule);
    if (seen_absent)
      fail_msg("%s: [%s] reported", c->name, c->absent);
    pc_ctx_free(ctx);
  }
}

/* Findings point at the value of the key at fault. */
static void findings_should_point_at_the_value(void **state) {
  (void)state;
  const char *sql =
      FILES(IP "\"aws.s3.region\" = \"eu-west-9\", \"aws.s3.iam_role_arn\" = "
               "\"arn:aws:iam::081976408565:user/u\"");
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  assert_int_equal(pc_check_buffer(ctx, "t.sql", sql, strlen(sql)), PC_OK);
  const pc_stmt *st = pc_file_stmt_at(pc_file_at(ctx, 0), 0);
  assert_int_equal(pc_stmt_finding_count(st), 2);
  const pc_finding *a = pc_stmt_finding_at(st, 0);
  const pc_finding *b = pc_stmt_finding_at(st, 1);
  assert_string_equal(a->rule, "unknown-region");
  assert_string_equal(a->key, "aws.s3.region");
  assert_int_equal(a->length, strlen("\"eu-west-9\""));
  assert_memory_equal(sql + a->pos.offset, "\"eu-west-9\"", a->length);
  assert_string_equal(b->rule, "not-a-role-arn");
  assert_memory_equal(sql + b->pos.offset, "\"arn:aws:iam::", 13);
  pc_ctx_free(ctx);
}

/* The plain optimal string alignment distance, every cell computed. */
static size_t osa_reference(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b), d[16][16];
  for (size_t i = 0; i <= n; i++)
    for (size_t j = 0; j <= m; j++) {
      if (i == 0 || j == 0) {
        d[i][j] = i + j;
        continue;
      }
      size_t x = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < x)
        x = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + (a[i - 1] != b[j - 1]) < x)
        x = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < x)
        x = d[i - 2][j - 2] + 1;
      d[i][j] = x;
    }
  return d[n][m];
}

/* value_edit_distance computes only a band around the diagonal, after
   dropping a common prefix and suffix: it must still agree with every
   cell computed, on strings over small alphabets (many near misses). */
static void edit_distance_should_match_the_full_table(void **state) {
  (void)state;
  assert_int_equal(value_edit_distance("aws.s3.regoin", "aws.s3.region", 3), 1);
  assert_int_equal(value_edit_distance("abc", "abc", 0), 0);
  assert_int_equal(value_edit_distance("kitten", "sitting", 2), 3);
  unsigned seed = 1;
  char a[16], b[16];
  for (int t = 0; t < 200000; t++) {
    seed = seed * 1103515245u + 12345u;
    size_t n = (seed >> 8) % 12, m = (seed >> 12) % 12, cap = (seed >> 16) % 5;
    unsigned k = 2 + (seed >> 20) % 3;
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      a[i] = (char)('a' + (seed >> 16) % k);
    }
    for (size_t i = 0; i < m; i++) {
      seed = seed * 1103515245u + 12345u;
      b[i] = (char)('a' + (seed >> 16) % k);
    }
    a[n] = b[m] = '\0';
    size_t want = osa_reference(a, b);
    if (want > cap)
      want = cap + 1;
    size_t got = value_edit_distance(a, b, cap);
    if (got != want)
      fail_msg("'%s' '%s' cap %zu: %zu, expected %zu", a, b, cap, got, want);
  }
}

/* ---------------------------------------------------------- time zones */

static void time_zones_should_be_read_as_starrocks_reads_them(void **state) {
  (void)state;
  /* Each row was run through StarRocks' TimeUtils
     .checkTimeZoneValidAndStandardize (copied, with its alias map) on
     Java 25: accepted or not, and the value it names. */
  static const struct {
    const char *value;
    int ok;
    const char *norm;
  } cases[] = {
      {"Asia/Shanghai", 1, "Asia/Shanghai"},
      {"asia/shanghai", 0, "asia/shanghai"},
      {"+08:00", 1, "+08:00"},
      {"8:00", 1, "+08:00"},
      {"+8:00", 1, "+08:00"},
      {"-12:00", 1, "-12:00"},
      {"-12:30", 0, "-12:30"},
      {"+14:00", 1, "+14:00"},
      {"+14:30", 0, "+14:30"},
      {"+15:00", 0, "+15:00"},
      {"+08:60", 0, "+08:60"},
      {"+8", 1, "+8"},
      {"+0800", 1, "+0800"},
      {"+08", 1, "+08"},
      {"+15", 1, "+15"},
      {"+19", 0, "+19"},
      {"UTC", 1, "UTC"},
      {"utc", 0, "utc"},
      {"CST", 1, "CST"},
      {"cst", 0, "cst"},
      {"PRC", 1, "PRC"},
      {"EST", 0, "EST"},
      {"MST", 0, "MST"},
      {"HST", 0, "HST"},
      {"PST", 0, "PST"},
      {"GMT+8", 1, "GMT+8"},
      {"GMT+08:00", 1, "GMT+08:00"},
      {"UTC+8", 1, "UTC+8"},
      {"UTC+08:00", 1, "UTC+08:00"},
      {"UT", 1, "UT"},
      {"Z", 1, "Z"},
      {"z", 0, "z"},
      {"Etc/GMT+8", 1, "Etc/GMT+8"},
      {"US/Eastern", 1, "US/Eastern"},
      {"Asia/Calcutta", 1, "Asia/Calcutta"},
      {"", 0, ""},
      {" Asia/Shanghai", 0, " Asia/Shanghai"},
      {"Asia/Shanghai ", 0, "Asia/Shanghai "},
      {"SystemV/EST5", 1, "SystemV/EST5"},
      {"America/Coyhaique", 1, "America/Coyhaique"},
      {"GMT0", 1, "GMT0"},
      {"+08:00:00", 1, "+08:00:00"},
      {"UTC+14:30", 1, "UTC+14:30"},
      {"-00:00", 1, "-00:00"},
      {"00:00", 1, "+00:00"},
      {"+1:00", 1, "+01:00"},
      {"GMT-", 0, "GMT-"},
      {"UTC8", 0, "UTC8"},
      {"EST5EDT", 1, "EST5EDT"},
      {"ROC", 0, "ROC"},
      {"Asia/Beijing", 0, "Asia/Beijing"},
      {"Local", 0, "Local"},
      {"+18:00", 0, "+18:00"},
      {"-18:00", 0, "-18:00"},
      {"+123:00", 0, "+123:00"},
      {"+8:0", 0, "+8:0"},
      {"+123", 0, "+123"},
      {"+1", 1, "+1"},
      {"-1", 1, "-1"},
      {"+", 0, "+"},
      {"-", 0, "-"},
      {"+08:00:0", 0, "+08:00:0"},
      {"+0860", 0, "+0860"},
      {"+1800", 1, "+1800"},
      {"+1801", 0, "+1801"},
      {"-1800", 1, "-1800"},
      {"-18", 1, "-18"},
      {"+18:00:00", 1, "+18:00:00"},
      {"+17:59:59", 1, "+17:59:59"},
      {"GMT+18", 1, "GMT+18"},
      {"GMT+19", 0, "GMT+19"},
      {"UTC-12:30", 1, "UTC-12:30"},
      {"UT+1", 1, "UT+1"},
      {"UTC+", 0, "UTC+"},
      {"UCT", 1, "UCT"},
      {"Universal", 1, "Universal"},
      {"Zulu", 1, "Zulu"},
      {"Etc/UTC", 1, "Etc/UTC"},
      {"GMT+0", 1, "GMT+0"},
      {"America/New_York", 1, "America/New_York"},
      {"america/new_york", 0, "america/new_york"},
      {"Europe/London", 1, "Europe/London"},
      {"Asia/Kolkata", 1, "Asia/Kolkata"},
      {"EST5EDT", 1, "EST5EDT"},
      {"CET", 1, "CET"},
      {"+08:00 ", 0, "+08:00 "},
      {"08:00", 1, "+08:00"},
      {"8:5", 0, "8:5"},
      {"+08:5", 0, "+08:5"},
      {"-0:30", 1, "-00:30"},
      {"+00:00", 1, "+00:00"},
      {"GMTX", 0, "GMTX"},
      {"UTC0", 0, "UTC0"},
  };
  for (size_t i = 0; i < COUNT(cases); i++) {
    char norm[64];
    int got = timezone_check(cases[i].value, norm, sizeof norm) == 0;
    if (got != cases[i].ok || strcmp(norm, cases[i].norm) != 0)
      fail_msg("timezone \"%s\": got %d \"%s\", want %d \"%s\"",
               cases[i].value, got, norm, cases[i].ok, cases[i].norm);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(placeholders_should_be_found_anywhere_in_any_case),
      cmocka_unit_test(documentation_filler_should_be_a_placeholder),
      cmocka_unit_test(time_zones_should_be_read_as_starrocks_reads_them),
      cmocka_unit_test(edit_distance_should_match_the_full_table),
      cmocka_unit_test(region_names_should_be_classified_by_partition),
      cmocka_unit_test(region_tables_should_be_consistent),
      cmocka_unit_test(region_hints_should_name_the_likely_region),
      cmocka_unit_test(aws_hosts_should_be_told_from_s3_compatible_ones),
      cmocka_unit_test(endpoints_should_parse_as_the_sdk_reads_them),
      cmocka_unit_test(rest_hosts_should_give_their_signing_name),
      cmocka_unit_test(access_key_ids_should_be_classified),
      cmocka_unit_test(secret_keys_should_be_40_base64_characters),
      cmocka_unit_test(external_ids_should_follow_sts),
      cmocka_unit_test(role_arns_should_be_checked_part_by_part),
      cmocka_unit_test(checks_should_report_what_the_spec_says),
      cmocka_unit_test(findings_should_point_at_the_value),
  };
  return cmocka_run_group_tests_name("values", tests, NULL, NULL);
}
