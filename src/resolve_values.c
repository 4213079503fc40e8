/*
 * resolve_values.c - checks inside values: ARNs, regions, access key ids,
 * secrets, external ids, endpoints, REST signing, path style, plain-text
 * credentials.  Formats: AWS's "Amazon Resource Names (ARNs)" page, the IAM
 * User Guide's "IAM identifiers" and "IAM and AWS STS quotas" pages, the
 * SDK's partitions.json; what is read: StarRocks AwsCloudConfigurationProvider
 * and Iceberg aws/src/main/java/org/apache/iceberg/aws/AwsProperties.java.
 *
 * Only values StarRocks (or the Iceberg client) actually reads are checked:
 * the services the statement uses, static keys only when no use_* flag wins,
 * role settings only with a role, SigV4 settings only when SigV4 is on.
 * Empty values and template placeholders are reported elsewhere and skipped
 * here.  The values of credentials never appear in a message: messages say
 * what is wrong with them (a length, a prefix) and name the key.  Knowledge
 * (partitions, regions, prefixes, resource types) is in aws_data.c.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "aws.h"

/* ---- Helpers ---- */

/* p when it is set to a value worth checking: non-empty, not a template
   placeholder (placeholder-value reports those). */
static const Prop *usable(const Prop *p) {
  return p && *p->val && !p->placeholder ? p : NULL;
}

/* A non-secret value that can be quoted in a message as it is: short, on
   one line, without quotes or backslashes. */
static int quotable(const Prop *p) {
  if (p->spec && (p->spec->flags & KF_SECRET))
    return 0;
  size_t n = 0;
  for (const char *s = p->val; *s; s++, n++)
    if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '"' || *s == '\\')
      return 0;
  return n <= 100;
}

/* "'key' = "value"" or "'key'" when the value cannot be shown. */
static const char *subject(Unit *u, const Prop *p) {
  const char *s =
      quotable(p) ? arena_printf(u->scratch, "'%s' = \"%s\"", p->key, p->val)
                  : arena_printf(u->scratch, "'%s'", p->key);
  return s ? s : p->key;
}

/* A safe fix that rewrites p's value (keeping its quotes) when the token
   has no escapes, so the edit is exact. */
static void fix_value(Unit *u, const Prop *p, const char *repl) {
  view_fix_contents(u, p->val_off, p->val_len, repl, "write");
}

static int is_volume(const Target *t) {
  return names_kind_has(t->kind, KT_VOLUME);
}

static int is_partial(const Target *t) {
  return names_kind_has(t->kind, KT_ALTER);
}

/* The list of partition names, for messages. */
static const char *partition_list(Unit *u) {
  char buf[160];
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < aws_partition_count; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "",
                          aws_partitions[i].name);
  const char *s = arena_strndup(u->scratch, buf, strlen(buf));
  return s ? s : "aws";
}

/* ---- Regions ---- */

/* What the caller learns from a region. */
typedef struct RegionSeen {
  const Prop *p;                 /* the region property, or NULL */
  const AwsPartition *partition; /* its partition, when it has one */
  int reported;                  /* a finding was made on it */
} RegionSeen;

/* Checks a region name.  sts: the STS client's region, where the global
   pseudo-regions (aws-global, ...) name the global STS endpoint. */
static RegionSeen check_region(Unit *u, Target *t, const Prop *p, int sts) {
  RegionSeen rs = {p, NULL, 0};
  const AwsPartition *pt = NULL;
  AwsRegionKind k = aws_region_kind(p->val, &pt);
  rs.partition = pt;
  if (k == AWS_REGION_KNOWN || (k == AWS_REGION_GLOBAL && sts))
    return rs;
  rs.reported = 1;
  const char *subj = subject(u, p);
  if (k == AWS_REGION_GLOBAL) {
    diag_unit(u, t, R_INVALID_REGION, p->val_off, p->val_len, p->key,
              "%s is the pseudo-region of the global endpoints of partition "
              "%s, not a region: name a real region (like us-east-1)",
              subj, pt->name);
    return rs;
  }
  if (k == AWS_REGION_UNKNOWN) {
    const char *near = aws_region_near(p->val);
    diag_unit(u, t, R_UNKNOWN_REGION, p->val_off, p->val_len, p->key,
              "%s has the form of a region of partition %s but is not one "
              "propcheck knows: a new region, or a typo%s%s%s",
              subj, pt->name, near ? "; did you mean '" : "", near ? near : "",
              near ? "'?" : "");
    return rs;
  }
  /* Invalid: say what it probably was. */
  char buf[64];
  size_t n = strlen(p->val);
  const char *trimmed = NULL, *lower = NULL;
  if (n < sizeof buf) {
    const char *s = p->val;
    while (*s == ' ' || *s == '\t')
      s++;
    size_t m = strlen(s);
    while (m > 0 && (s[m - 1] == ' ' || s[m - 1] == '\t'))
      m--;
    memcpy(buf, s, m);
    buf[m] = '\0';
    if (m != n && aws_region_kind(buf, NULL) == AWS_REGION_KNOWN)
      trimmed = arena_strndup(u->scratch, buf, m);
    str_lower(buf);
    if (!trimmed && aws_region_kind(buf, NULL) == AWS_REGION_KNOWN)
      lower = arena_strndup(u->scratch, buf, m);
  }
  const char *zone = aws_region_of_zone(p->val);
  if (trimmed) {
    diag_unit(u, t, R_INVALID_REGION, p->val_off, p->val_len, p->key,
              "'%s' has spaces around the region name: StarRocks uses the "
              "value verbatim and \"%s\" with spaces is not a region",
              p->key, trimmed);
    fix_value(u, p, trimmed);
  } else if (lower) {
    diag_unit(u, t, R_INVALID_REGION, p->val_off, p->val_len, p->key,
              "%s is not a region name: region names are lower case (%s)", subj,
              lower);
    fix_value(u, p, lower);
  } else if (zone) {
    diag_unit(u, t, R_INVALID_REGION, p->val_off, p->val_len, p->key,
              "%s is an availability zone, not a region: its region is %s",
              subj, zone);
    fix_value(u, p, zone);
  } else {
    const char *near = aws_region_near(p->val);
    diag_unit(u, t, R_INVALID_REGION, p->val_off, p->val_len, p->key,
              "%s is not an AWS region name (like us-east-1 or cn-north-1)"
              "%s%s%s",
              subj, near ? "; did you mean '" : "", near ? near : "",
              near ? "'?" : "");
  }
  return rs;
}

/* ---- Role ARNs ---- */

/* Checks a role ARN; returns its partition when it is well formed. */
static const AwsPartition *check_role_arn(Unit *u, Target *t, const Prop *p) {
  AwsArnInfo in;
  AwsArnProblem pr = aws_role_arn_check(p->val, &in);
  const char *k = p->key;
  const char *shape = "arn:PARTITION:iam::ACCOUNT_ID:role/NAME";
  switch (pr) {
  case AWS_ARN_OK:
    return in.partition;
  case AWS_ARN_SPACES:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' contains whitespace: STS rejects the role ARN (it is "
              "used verbatim)",
              k);
    break;
  case AWS_ARN_BARE_NAME:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' is a role name, not a role ARN: write the full ARN, %s", k,
              shape);
    break;
  case AWS_ARN_NOT_ARN:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' is not an ARN: a role ARN is %s", k, shape);
    break;
  case AWS_ARN_PARTITION:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "the partition of '%s' is not one AWS has (%s)", k,
              partition_list(u));
    break;
  case AWS_ARN_NOT_ROLE:
    diag_unit(u, t, R_NOT_A_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' is the ARN of %s, not of an IAM role: StarRocks can only "
              "assume a role (%s)",
              k, in.what, shape);
    break;
  case AWS_ARN_RESOURCE:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' is an IAM ARN with no known resource type: a role ARN "
              "ends with role/NAME (%s)",
              k, shape);
    break;
  case AWS_ARN_REGION:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' has a region, but IAM ARNs have none: %s", k, shape);
    break;
  case AWS_ARN_ACCOUNT:
    if (in.count == 12)
      diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
                "the account id in '%s' must be 12 digits; it has other "
                "characters",
                k);
    else
      diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
                "the account id in '%s' is %zu characters; it must be 12 "
                "digits (leading zeros included)",
                k, in.count);
    break;
  case AWS_ARN_PATH:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "the role path in '%s' is not valid: between its first and "
              "last '/' it needs 1 to 510 printable ASCII characters",
              k);
    break;
  case AWS_ARN_NAME_EMPTY:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' names no role: it must end with role/NAME", k);
    break;
  case AWS_ARN_NAME_LONG:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "the role name in '%s' is %zu characters; IAM allows at most 64",
              k, in.count);
    break;
  case AWS_ARN_NAME_CHARS:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "the role name in '%s' has a character IAM does not allow "
              "(only letters, digits and +=,.@_-)",
              k);
    break;
  case AWS_ARN_LENGTH:
    diag_unit(u, t, R_INVALID_ROLE_ARN, p->val_off, p->val_len, k,
              "'%s' is %zu characters; a role ARN has 20 to 2048", k, in.count);
    break;
  }
  return NULL;
}

/* The role's partition against the region it is assumed from. */
static void check_partition(Unit *u, Target *t, const Prop *arn,
                            const AwsPartition *ap, const RegionSeen *ref) {
  if (!ap || !ref->p || !ref->partition || ref->partition == ap)
    return;
  diag_unit_rel(u, t, R_PARTITION_MISMATCH, arn->val_off, arn->val_len,
                arn->key, ref->p->key_off, ref->p->key,
                "'%s' is in partition %s but '%s' is a region of partition "
                "%s: roles and credentials never cross partitions, so "
                "AssumeRole fails",
                arn->key, ap->name, ref->p->key, ref->partition->name);
}

/* ---- Access keys, secrets, external ids ---- */

static int upper_alnum(const char *v) {
  for (; *v; v++)
    if (!((*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9')))
      return 0;
  return 1;
}

/* tok: the session token property (or NULL), tok_name its key; dropped:
   StarRocks drops the token (shared-data storage volumes).  The legacy
   fs.s3a.* keys' token: resolve_legacy.c. */
static void check_access_key(Unit *u, Target *t, const Prop *ak,
                             const Prop *tok, const char *tok_name,
                             int dropped) {
  const char *k = ak->key;
  size_t n = strlen(ak->val);
  const char *swapped =
      n == 40 ? " (40 characters is the length of a secret access key: are "
                "the two keys swapped?)"
              : "";
  const AwsIdPrefix *px = aws_id_prefix_of(ak->val);
  switch (aws_access_key_shape(ak->val)) {
  case AWS_KEY_IDENTIFIER:
    diag_unit(u, t, R_IDENTIFIER_NOT_ACCESS_KEY, ak->val_off, ak->val_len, k,
              "'%s' starts with %s, %s, not an access key id: write the id "
              "of an access key (AKIA...), or assume a role by its ARN "
              "instead",
              k, px->prefix, px->what);
    return;
  case AWS_KEY_SPACES:
    diag_unit(u, t, R_INVALID_ACCESS_KEY_ID, ak->val_off, ak->val_len, k,
              "'%s' contains whitespace: an access key id is 20 upper-case "
              "letters and digits, used verbatim",
              k);
    return;
  case AWS_KEY_LOWER:
    diag_unit(u, t, R_INVALID_ACCESS_KEY_ID, ak->val_off, ak->val_len, k,
              "'%s' contains lower-case letters: an access key id is 20 "
              "upper-case letters and digits%s",
              k, swapped);
    return;
  case AWS_KEY_CHARS:
    diag_unit(u, t, R_INVALID_ACCESS_KEY_ID, ak->val_off, ak->val_len, k,
              "'%s' contains characters other than upper-case letters and "
              "digits: an access key id is 20 of them%s",
              k, swapped);
    return;
  case AWS_KEY_LENGTH:
    diag_unit(u, t, R_INVALID_ACCESS_KEY_ID, ak->val_off, ak->val_len, k,
              "'%s' is %zu characters, not 20: an access key id is a 4-letter "
              "prefix and 16 upper-case letters or digits%s",
              k, n, swapped);
    return;
  case AWS_KEY_PREFIX:
    diag_unit(u, t, R_INVALID_ACCESS_KEY_ID, ak->val_off, ak->val_len, k,
              "'%s' does not start with an access key prefix: AKIA for an "
              "IAM user's key, ASIA for temporary credentials",
              k);
    return;
  case AWS_KEY_OK:
    break;
  }
  if (px->kind != AWS_ID_TEMPORARY || ak->spec->svc == KS_OTHER)
    return;
  int has_tok = tok && *tok->val;
  if (dropped && has_tok)
    diag_unit_rel(u, t, R_TEMPORARY_KEY_WITHOUT_TOKEN, ak->val_off, ak->val_len,
                  k, tok->key_off, tok->key,
                  "'%s' is a temporary (ASIA) access key, but a storage "
                  "volume drops '%s' (shared-data storage keeps only the "
                  "access key and secret): every request is rejected; use "
                  "an IAM user's key or a role",
                  k, tok->key);
  else if (dropped || (!has_tok && !is_partial(t)))
    /* (an ALTER CATALOG may rely on a token already set) */
    diag_unit(u, t, R_TEMPORARY_KEY_WITHOUT_TOKEN, ak->val_off, ak->val_len, k,
              "'%s' is a temporary (ASIA) access key but '%s' is %s: STS "
              "credentials only work with their session token, so every "
              "request is rejected",
              k, tok ? tok->key : tok_name, tok ? "empty" : "not set");
}

static void check_secret(Unit *u, Target *t, const Prop *sk, const Prop *ak) {
  if (ak && strcmp(ak->val, sk->val) == 0)
    return; /* secret-equals-access-key says it */
  const char *k = sk->key;
  size_t n = strlen(sk->val);
  switch (aws_secret_key_shape(sk->val)) {
  case AWS_SECRET_OK:
    return;
  case AWS_SECRET_SPACES:
    diag_unit(u, t, R_SECRET_KEY_SHAPE, sk->val_off, sk->val_len, k,
              "'%s' contains whitespace: a secret access key is 40 letters, "
              "digits, '/' and '+', used verbatim",
              k);
    return;
  case AWS_SECRET_CHARS:
    diag_unit(u, t, R_SECRET_KEY_SHAPE, sk->val_off, sk->val_len, k,
              "'%s' contains characters other than letters, digits, '/' and "
              "'+': a secret access key is 40 of them",
              k);
    return;
  case AWS_SECRET_LENGTH:
    diag_unit(u, t, R_SECRET_KEY_SHAPE, sk->val_off, sk->val_len, k,
              "'%s' is %zu characters, not 40: it may be truncated or "
              "another value%s",
              k, n,
              n == 20 && upper_alnum(sk->val) && aws_id_prefix_of(sk->val)
                  ? " (it has the shape of an access key id: are the two "
                    "keys swapped?)"
                  : "");
    return;
  }
}

static void check_external_id(Unit *u, Target *t, const Prop *p) {
  const char *k = p->key;
  switch (aws_external_id_shape(p->val)) {
  case AWS_XID_OK:
    return;
  case AWS_XID_SPACES:
    diag_unit(u, t, R_INVALID_EXTERNAL_ID, p->val_off, p->val_len, k,
              "'%s' contains whitespace, which STS rejects in an external id",
              k);
    return;
  case AWS_XID_CHARS:
    diag_unit(u, t, R_INVALID_EXTERNAL_ID, p->val_off, p->val_len, k,
              "'%s' contains a character STS rejects in an external id "
              "(allowed: letters, digits and _+=,.@:/-)",
              k);
    return;
  case AWS_XID_LENGTH:
    diag_unit(u, t, R_INVALID_EXTERNAL_ID, p->val_off, p->val_len, k,
              "'%s' is %zu character%s long: STS accepts an external id of "
              "2 to 1224",
              k, strlen(p->val), strlen(p->val) == 1 ? "" : "s");
    return;
  }
}

/* ---- Endpoints ---- */

/* Checks an endpoint or URI; returns 1 when it is usable.  absolute: a
   scheme is required (the REST uri).  e is filled, and *parsed (may be NULL)
   set, when the host could be read. */
static int check_endpoint(Unit *u, Target *t, const Prop *p, int absolute,
                          Endpoint *e, int *parsed) {
  const char *why = value_parse_endpoint(p->val, e);
  if (parsed)
    *parsed = !why;
  if (!why && absolute && !e->scheme)
    why = "the Iceberg REST client needs an absolute URI with http:// or "
          "https://";
  if (!why)
    return 1;
  const char *subj = strchr(p->val, '@')
                         ? arena_printf(u->scratch, "'%s'", p->key)
                         : subject(u, p);
  diag_unit(u, t, R_INVALID_ENDPOINT, p->val_off, p->val_len, p->key,
            "%s is not a usable %s: %s", subj ? subj : p->key,
            absolute ? "URI" : "endpoint", why);
  return 0;
}

/* Path style: S3-compatible storage does not serve bucket.host requests. */
static void check_path_style(Unit *u, Target *t, const View *v, const Prop *ep,
                             const Endpoint *e) {
  if (!aws_endpoint_is_non_aws(ep->val) ||
      aws_host_virtual_ok(e->host, e->host_len))
    return;
  int local = e->ipv4 || e->ipv6 ||
              (e->host_len == 9 && strncasecmp(e->host, "localhost", 9) == 0);
  const Prop *ps = v->by[KS_S3][F_PATH_STYLE];
  const char *what = e->ipv4 || e->ipv6 ? "an IP address"
                     : local            ? "localhost"
                                        : "not an AWS host (S3-compatible "
                                          "storage)";
  if (!ps) {
    /* shared-data volumes pick the style themselves when the key is absent;
       an ALTER may rely on the value already set */
    if (is_volume(t) || is_partial(t) || ep->spec->svc == KS_OTHER)
      return; /* (fs.s3a.endpoint: the legacy path sets no path style) */
    diag_unit(u, t, R_PATH_STYLE_REQUIRED, ep->val_off, ep->val_len, ep->key,
              "%s is %s, but '%s' is not set: StarRocks then sends "
              "virtual-host requests (bucket.%.*s) that such an endpoint "
              "does not serve; set it to \"true\"",
              subject(u, ep), what, keys_name_of(KS_S3, F_PATH_STYLE),
              (int)e->host_len, e->host);
  } else if (strcasecmp(ps->val, "false") == 0) {
    diag_unit_rel(u, t, R_PATH_STYLE_REQUIRED, ps->val_off, ps->val_len,
                  ps->key, ep->key_off, ep->key,
                  "'%s' is false but '%s' is %s: virtual-host requests "
                  "(bucket.%.*s) do not reach it; set it to \"true\"",
                  ps->key, ep->key, what, (int)e->host_len, e->host);
    if (local)
      fix_value(u, ps, "true");
  }
}

/* ---- Per service ---- */

/* What check_aws learns for the plain-text check. */
typedef struct SvcKeys {
  const Prop *ak; /* usable access key StarRocks reads, or NULL */
} SvcKeys;

static int is_flag_true(const View *v, const Prop *const *f) {
  return view_bool(v, f[F_USE_DEFAULT]) || view_bool(v, f[F_USE_IP]) ||
         view_bool(v, f[F_USE_WI]);
}

/* aws.s3.* or aws.glue.* */
static SvcKeys check_aws(Unit *u, Target *t, const View *v, KeySvc svc) {
  SvcKeys out = {NULL};
  const Prop *const *f = v->by[svc];
  int partial = is_partial(t);
  const Prop *role = view_nonempty(f[F_ROLE_ARN]);
  int with_role = role || partial;

  /* Endpoints first: they decide whether region names matter. */
  Endpoint e;
  const Prop *ep = usable(f[F_ENDPOINT]);
  if (ep && check_endpoint(u, t, ep, 0, &e, NULL) && svc == KS_S3)
    check_path_style(u, t, v, ep, &e);
  const Prop *sts_ep = with_role ? usable(f[F_STS_ENDPOINT]) : NULL;
  if (sts_ep)
    check_endpoint(u, t, sts_ep, 0, &e, NULL);
  const Prop *raw_ep = view_nonempty(f[F_ENDPOINT]);
  const Prop *raw_sts_ep = view_nonempty(f[F_STS_ENDPOINT]);
  int compatible = raw_ep && aws_endpoint_is_non_aws(raw_ep->val);
  int sts_compatible =
      compatible || (raw_sts_ep && aws_endpoint_is_non_aws(raw_sts_ep->val));

  RegionSeen region = {NULL, NULL, 0}, sts_region = {NULL, NULL, 0};
  const Prop *rp = usable(f[F_REGION]);
  if (rp && !compatible)
    region = check_region(u, t, rp, 0);
  const Prop *srp = with_role ? usable(f[F_STS_REGION]) : NULL;
  if (srp && !sts_compatible)
    sts_region = check_region(u, t, srp, 1);

  const Prop *arn = usable(f[F_ROLE_ARN]);
  if (arn) {
    const AwsPartition *ap = check_role_arn(u, t, arn);
    /* AssumeRole goes to the STS region, else to the service's */
    check_partition(u, t, arn, ap, sts_region.p ? &sts_region : &region);
  }
  const Prop *xid = with_role ? usable(f[F_EXTERNAL_ID]) : NULL;
  if (xid)
    check_external_id(u, t, xid);

  /* Static keys are ignored when a flag mode wins; keys of S3-compatible
     storage (MinIO, OSS, ...) are not AWS keys and have their own shapes. */
  if (!is_flag_true(v, f) && !compatible) {
    const Prop *ak = usable(f[F_ACCESS_KEY]);
    const Prop *sk = usable(f[F_SECRET_KEY]);
    if (ak)
      check_access_key(u, t, ak, f[F_SESSION_TOKEN],
                       keys_name_of(svc, F_SESSION_TOKEN), is_volume(t));
    if (sk)
      check_secret(u, t, sk, f[F_ACCESS_KEY]);
    out.ak = ak;
  }
  return out;
}

/* SigV4 against an AWS REST host: signing name and region. */
static void check_signing(Unit *u, Target *t, const View *v, const Prop *uri,
                          const Endpoint *e, const RegionSeen *sr) {
  const char *hr;
  size_t hr_n;
  const AwsSigningHost *sh = aws_signing_host(e->host, e->host_len, &hr, &hr_n);
  if (!sh)
    return;
  const Prop *name = v->by[KS_ICEBERG][F_SIGNING_NAME];
  if (!name)
    diag_unit(u, t, R_SIGNING_MISMATCH, uri->val_off, uri->val_len, uri->key,
              "'%s' is the %s endpoint %.*s, but '%s' is not set: the Iceberg "
              "client signs for its default service execute-api and every "
              "request is rejected; set it to \"%s\"",
              uri->key, sh->label, (int)e->host_len, e->host,
              keys_name_of(KS_ICEBERG, F_SIGNING_NAME), sh->signing_name);
  else if (!name->placeholder && strcmp(name->val, sh->signing_name) != 0) {
    diag_unit_rel(u, t, R_SIGNING_MISMATCH, name->val_off, name->val_len,
                  name->key, uri->key_off, uri->key,
                  "%s does not match the REST host %.*s: requests to it must "
                  "be signed for service \"%s\"",
                  subject(u, name), (int)e->host_len, e->host,
                  sh->signing_name);
    fix_value(u, name, sh->signing_name);
  }
  const Prop *reg = sr->p;
  if (!reg || sr->reported)
    return;
  if (strlen(reg->val) != hr_n || strncmp(reg->val, hr, hr_n) != 0) {
    char *host_region = arena_strndup(u->scratch, hr, hr_n);
    diag_unit_rel(u, t, R_SIGNING_MISMATCH, reg->val_off, reg->val_len,
                  reg->key, uri->key_off, uri->key,
                  "%s but the REST host %.*s is in %s: requests must be "
                  "signed for the host's region",
                  subject(u, reg), (int)e->host_len, e->host,
                  host_region ? host_region : "another region");
    if (host_region && aws_region_kind(host_region, NULL) == AWS_REGION_KNOWN)
      fix_value(u, reg, host_region);
  }
}

/* Iceberg REST: the uri, SigV4 keys and signing. */
static SvcKeys check_rest(Unit *u, Target *t, const View *v,
                          const StmtResult *r) {
  SvcKeys out = {NULL};
  const Prop *const *f = v->by[KS_ICEBERG];
  Endpoint e;
  const Prop *uri = usable(f[F_ICE_URI]);
  int uri_ok = 0; /* the host is known (even without a scheme) */
  if (uri)
    check_endpoint(u, t, uri, 1, &e, &uri_ok);
  int sigv4 = r->auth[PC_SVC_REST].mode == PC_MODE_SIGV4;

  RegionSeen sr = {NULL, NULL, 0};
  const Prop *srp = sigv4 ? usable(f[F_SIGNING_REGION]) : NULL;
  /* a non-AWS REST server may use any region name */
  if (srp && !(uri_ok && aws_endpoint_is_non_aws(uri->val)))
    sr = check_region(u, t, srp, 0);
  if (sigv4 && uri_ok)
    check_signing(u, t, v, uri, &e, &sr);

  if (sigv4) {
    const Prop *ak = usable(f[F_REST_ACCESS_KEY]);
    const Prop *sk = usable(f[F_REST_SECRET_KEY]);
    if (ak)
      check_access_key(u, t, ak, f[F_REST_SESSION],
                       keys_name_of(KS_ICEBERG, F_REST_SESSION), 0);
    if (sk)
      check_secret(u, t, sk, f[F_REST_ACCESS_KEY]);
    if (r->auth[PC_SVC_REST].base == PC_MODE_IAM_USER)
      out.ak = ak;
  }
  return out;
}

/* ---- Plain-text long-term keys ---- */

static int static_mode(pc_auth a) {
  return a.mode == PC_MODE_IAM_USER ||
         (a.mode == PC_MODE_ASSUMED_ROLE && a.base == PC_MODE_IAM_USER) ||
         (a.mode == PC_MODE_SIGV4 && a.base == PC_MODE_IAM_USER);
}

static void check_plaintext(Unit *u, Target *t, const SvcKeys keys[3],
                            const StmtResult *r) {
  static const pc_service svcs[3] = {PC_SVC_S3, PC_SVC_GLUE, PC_SVC_REST};
  const Prop *first = NULL;
  for (int i = 0; i < 3; i++) {
    const Prop *ak = keys[i].ak;
    if (!ak || !(r->used & (1u << svcs[i])) || !static_mode(r->auth[svcs[i]]))
      continue;
    const AwsIdPrefix *px = aws_id_prefix_of(ak->val);
    if (px && (px->kind == AWS_ID_TEMPORARY || px->kind == AWS_ID_NOT_KEY))
      continue; /* temporary credentials expire; ids are reported apart */
    if (!first || ak->val_off < first->val_off)
      first = ak;
  }
  if (!first)
    return;
  int rest = first->spec && first->spec->svc == KS_ICEBERG;
  if (rest)
    diag_unit(u, t, R_PLAINTEXT_CREDENTIALS, first->val_off, first->val_len,
              first->key,
              "'%s' writes an IAM user's long-term access key in plain text "
              "(it is also kept in StarRocks' catalog metadata): prefer "
              "signing with the frontends' instance profile (omit the "
              "rest.access-key-id and rest.secret-access-key keys)",
              first->key);
  else {
    KeySvc svc = (KeySvc)first->spec->svc;
    if (svc == KS_OTHER) /* the legacy fs.s3a.* keys (resolve_legacy.c) */
      svc = KS_S3;
    diag_unit(u, t, R_PLAINTEXT_CREDENTIALS, first->val_off, first->val_len,
              first->key,
              "'%s' writes an IAM user's long-term access key in plain text "
              "(it is also kept in StarRocks' metadata): prefer the instance "
              "profile ('%s' = \"true\"), with '%s' to assume a role",
              first->key, keys_name_of(svc, F_USE_IP),
              keys_name_of(svc, F_ROLE_ARN));
  }
}

void resolve_check_values(Unit *u, Target *t, const View *v,
                          const StmtResult *r) {
  SvcKeys keys[3] = {{NULL}, {NULL}, {NULL}};
  if (r->used & (1u << PC_SVC_S3))
    keys[0] = check_aws(u, t, v, KS_S3);
  if (r->used & (1u << PC_SVC_GLUE))
    keys[1] = check_aws(u, t, v, KS_GLUE);
  if (r->used & (1u << PC_SVC_REST))
    keys[2] = check_rest(u, t, v, r);
  check_plaintext(u, t, keys, r);
}
