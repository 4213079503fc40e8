/*
 * keyinfo.c - the key table as the public API shows it (pc_key_*,
 * pc_region_*): what an editor says about a key on hover and offers in
 * completion.
 *
 * Everything is derived from the rows of keys.c (service, kind, field,
 * flags) through the small tables below, so that a key added there is
 * shown here without a second row: the mode a field belongs to and what
 * StarRocks does when it loses (StarRocks' precedence of credential modes,
 * CloudConfigurationFactory / AwsCloudCredential: default chain > instance
 * profile > web identity > access and secret key, then AssumeRole), the
 * closed value sets of the selectors, and the few defaults StarRocks
 * states in CloudConfigurationConstants and the Iceberg REST client.
 */
#include <string.h>

#include "aws.h"

static const char *const svc_names[] = {
    [KS_OTHER] = "other", [KS_S3] = "s3", [KS_GLUE] = "glue",
    [KS_ICEBERG] = "iceberg", [KS_DATABEND] = "databend"};
/* Indexed by ValueKind (keys.h), checked below. */
static const char *const kind_names[] = {
    [VK_STRING] = "string", [VK_BOOL] = "boolean", [VK_INT] = "integer",
    [VK_LONG] = "integer",  [VK_NUMBER] = "number", [VK_REGION] = "region",
    [VK_ARN] = "arn",       [VK_URI] = "uri",       [VK_PATH] = "path"};
_Static_assert(sizeof kind_names / sizeof kind_names[0] == VK_PATH + 1,
               "a name for every ValueKind");

/* What a credential field belongs to, and what happens when it loses. */
static const struct {
  uint8_t field;
  pc_mode mode;
  const char *loses;
} field_modes[] = {
    {F_USE_DEFAULT, PC_MODE_SDK_DEFAULT,
     "the highest-ranked base mode: when true, every other base credential "
     "of the service is ignored"},
    {F_USE_IP, PC_MODE_INSTANCE_PROFILE,
     "ignored when use_aws_sdk_default_behavior is true"},
    {F_USE_WI, PC_MODE_WEB_IDENTITY,
     "ignored when use_aws_sdk_default_behavior or use_instance_profile is "
     "true"},
    {F_ACCESS_KEY, PC_MODE_IAM_USER,
     "ignored, silently, when any use_* flag is true; without its secret key "
     "the configuration is not AWS at all"},
    {F_SECRET_KEY, PC_MODE_IAM_USER,
     "ignored, silently, when any use_* flag is true; without its access key "
     "the configuration is not AWS at all"},
    {F_SESSION_TOKEN, PC_MODE_IAM_USER,
     "ignored when a use_* flag is true, or without both access and secret "
     "key"},
    {F_ROLE_ARN, PC_MODE_ASSUMED_ROLE,
     "never assumed without a base credential (Iceberg catalogs assume it "
     "over the SDK default chain)"},
    {F_EXTERNAL_ID, PC_MODE_ASSUMED_ROLE, "ignored without iam_role_arn"},
    {F_STS_REGION, PC_MODE_ASSUMED_ROLE, "ignored without iam_role_arn"},
    {F_STS_ENDPOINT, PC_MODE_ASSUMED_ROLE, "ignored without iam_role_arn"},
    {F_OAUTH_CREDENTIAL, PC_MODE_OAUTH2, NULL},
    {F_OAUTH_TOKEN, PC_MODE_OAUTH2, NULL},
    {F_OAUTH_SCOPE, PC_MODE_OAUTH2, NULL},
    {F_OAUTH_OTHER, PC_MODE_OAUTH2, NULL},
    {F_ICE_CREDENTIAL, PC_MODE_OAUTH2, NULL},
    {F_ICE_TOKEN, PC_MODE_OAUTH2, NULL},
    {F_SIGV4_ENABLED, PC_MODE_SIGV4, NULL},
    {F_SIGNING_NAME, PC_MODE_SIGV4, NULL},
    {F_SIGNING_REGION, PC_MODE_SIGV4, NULL},
    {F_REST_ACCESS_KEY, PC_MODE_SIGV4, NULL},
    {F_REST_SECRET_KEY, PC_MODE_SIGV4, NULL},
    {F_REST_SESSION, PC_MODE_SIGV4, NULL},
    {F_DB_ANONYMOUS, PC_MODE_ANONYMOUS, NULL},
};

/* Defaults StarRocks states (CloudConfigurationConstants' readers, the
   Iceberg REST client's RESTSigV4Signer). */
static const struct {
  const char *name, *value;
} key_defaults[] = {
    {"aws.s3.use_aws_sdk_default_behavior", "false"},
    {"aws.s3.use_instance_profile", "false"},
    {"aws.s3.use_web_identity_token_file", "false"},
    {"aws.s3.enable_ssl", "true"},
    {"aws.s3.enable_path_style_access", "false"},
    {"aws.glue.use_aws_sdk_default_behavior", "false"},
    {"aws.glue.use_instance_profile", "false"},
    {"aws.glue.use_web_identity_token_file", "false"},
    {"iceberg.catalog.rest.sigv4-enabled", "false"},
    {"iceberg.catalog.rest.signing-name", "execute-api"},
    {"iceberg.catalog.vended-credentials-enabled", "false"},
};

/* Closed value sets of the selectors (the meanings in keys.c name them;
   CatalogAnalyzer, the connectors' factories, IcebergRESTCatalog). */
static const char *const bool_values[] = {"true", "false", NULL};
static const char *const hive_ms_types[] = {"hive", "glue", "dlf", NULL};
static const char *const iceberg_types[] = {"hive", "glue", "rest", "hadoop",
                                            "jdbc", NULL};
static const char *const paimon_types[] = {"filesystem", "hive", "dlf", NULL};
static const char *const unified_types[] = {"hive", "glue", NULL};
static const char *const ice_security[] = {"none", "oauth2", "jwt", NULL};
static const char *const rest_auth_types[] = {"none", "basic", "oauth2",
                                              "sigv4", NULL};

static const struct {
  uint8_t field;
  const char *const *values;
} field_values[] = {
    {F_TYPE, keys_catalog_types},       {F_HIVE_MS_TYPE, hive_ms_types},
    {F_ICEBERG_TYPE, iceberg_types},    {F_PAIMON_TYPE, paimon_types},
    {F_UNIFIED_MS_TYPE, unified_types}, {F_ICE_SECURITY, ice_security},
    {F_REST_AUTH_TYPE, rest_auth_types},
};

/* Which statement kinds read keys of each flag. */
#define K(kind) (1u << (kind))
static const struct {
  unsigned flag, kinds;
} flag_kinds[] = {
    {KF_CATALOG,
     K(PC_STMT_CREATE_EXTERNAL_CATALOG) | K(PC_STMT_ALTER_CATALOG)},
    {KF_STORAGE, K(PC_STMT_CREATE_EXTERNAL_TABLE) | K(PC_STMT_BROKER_LOAD) |
                     K(PC_STMT_FILES) | K(PC_STMT_CREATE_REPOSITORY) |
                     K(PC_STMT_CREATE_STORAGE_VOLUME) |
                     K(PC_STMT_ALTER_STORAGE_VOLUME)},
    {KF_SV, K(PC_STMT_CREATE_STORAGE_VOLUME) | K(PC_STMT_ALTER_STORAGE_VOLUME)},
    {KF_LOADPROP, K(PC_STMT_BROKER_LOAD)},
    {KF_FILETABLE, K(PC_STMT_CREATE_EXTERNAL_TABLE)},
    {KF_FILES, K(PC_STMT_FILES)},
    {KF_BROKER, K(PC_STMT_BROKER_LOAD)},
    {KF_HADOOP_FS, K(PC_STMT_BROKER_LOAD) | K(PC_STMT_FILES) |
                       K(PC_STMT_EXPORT) | K(PC_STMT_SELECT_INTO_OUTFILE) |
                       K(PC_STMT_CREATE_REPOSITORY)},
    {KF_DATABEND,
     K(PC_STMT_DATABEND_CREATE_CONNECTION) | K(PC_STMT_DATABEND_CREATE_STAGE)},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

size_t pc_key_count(void) { return keys_spec_count; }

static unsigned kinds_of(unsigned flags) {
  unsigned kinds = 0;
  for (size_t i = 0; i < COUNT(flag_kinds); i++)
    if (flags & flag_kinds[i].flag)
      kinds |= flag_kinds[i].kinds;
  return kinds;
}

static void fill_mode(const KeySpec *k, pc_key_info *out) {
  if (k->svc != KS_S3 && k->svc != KS_GLUE && k->svc != KS_ICEBERG &&
      k->svc != KS_DATABEND)
    return;
  for (size_t i = 0; i < COUNT(field_modes); i++) {
    if (field_modes[i].field != k->field)
      continue;
    out->mode = pc_mode_name(field_modes[i].mode);
    out->loses = field_modes[i].loses;
  }
}

int pc_key_at(size_t i, pc_key_info *out) {
  if (i >= keys_spec_count || !out)
    return -1;
  const KeySpec *k = &keys_specs[i];
  memset(out, 0, sizeof *out);
  out->name = k->name;
  out->service = svc_names[k->svc];
  out->type = kind_names[k->kind];
  out->doc = k->meaning;
  out->kinds = kinds_of(k->flags);
  out->secret = (k->flags & KF_SECRET) != 0;
  out->prefix = (k->flags & KF_PREFIX) != 0;
  out->rest_only = (k->flags & KF_REST) != 0;
  out->legacy = (k->flags & KF_LEGACY) != 0;
  out->load_property = (k->flags & KF_LOADPROP) != 0;
  if (k->flags & (KF_LEGACY | KF_OVERWRITTEN))
    out->replacement = k->replacement;
  for (size_t d = 0; d < COUNT(key_defaults); d++)
    if (strcmp(key_defaults[d].name, k->name) == 0)
      out->default_value = key_defaults[d].value;
  fill_mode(k, out);
  if (k->flags & KF_LEGACY)
    out->loses = "StarRocks does not read it: it reads the replacement";
  else if (k->flags & KF_OVERWRITTEN)
    out->loses = "StarRocks overwrites the value with its own";
  return 0;
}

long pc_key_find(const char *name) {
  if (!name)
    return -1;
  for (size_t i = 0; i < keys_spec_count; i++)
    if (!(keys_specs[i].flags & KF_PREFIX) &&
        strcmp(keys_specs[i].name, name) == 0)
      return (long)i;
  const KeySpec *p = keys_lookup_prefix(name);
  return p ? (long)(p - keys_specs) : -1;
}

const char *const *pc_key_values(size_t i, pc_stmt_kind kind) {
  if (i >= keys_spec_count)
    return NULL;
  const KeySpec *k = &keys_specs[i];
  if (k->kind == VK_BOOL)
    return bool_values;
  if (k->field == F_FORMAT)
    return kind == PC_STMT_FILES ? keys_files_formats
                                 : keys_file_table_formats;
  for (size_t v = 0; v < COUNT(field_values); v++)
    if (field_values[v].field == k->field)
      return field_values[v].values;
  return NULL;
}

size_t pc_region_count(void) {
  size_t n = 0;
  for (size_t p = 0; p < aws_partition_count; p++)
    for (const char *const *r = aws_partitions[p].regions; *r; r++)
      n++;
  return n;
}

const char *pc_region_at(size_t i, const char **partition) {
  for (size_t p = 0; p < aws_partition_count; p++) {
    for (const char *const *r = aws_partitions[p].regions; *r; r++) {
      if (i-- == 0) {
        if (partition)
          *partition = aws_partitions[p].name;
        return *r;
      }
    }
  }
  return NULL;
}

const char *pc_region_partition(const char *region) {
  const AwsPartition *part = NULL;
  if (!region || aws_region_kind(region, &part) == AWS_REGION_INVALID || !part)
    return NULL;
  return part->name;
}
