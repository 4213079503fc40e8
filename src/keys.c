/*
 * keys.c - what propcheck knows about property keys, as data.
 *
 * One row per key: its exact (case-sensitive) name, the kind of value it
 * takes, the service it configures, the resolver slot it feeds, and flags
 * (secret, legacy, where it applies).  The resolver contains no key names;
 * it reads these rows through a uthash index built per context
 * (keys_index.c).
 *
 * Sources: StarRocks CloudConfigurationConstants (aws.s3.*, aws.glue.*, and
 * the other clouds' keys that storage volumes accept), IcebergRESTCatalog and
 * the Iceberg REST client (iceberg.catalog.*), CatalogAnalyzer and the
 * connectors (type, metastore selectors), FileTable, TableFunctionTable and
 * LoadStmt (table, FILES() and load options); Databend's connection options
 * from databendlabs/databend src/query/sql/src/planner/binder/location.rs.
 */
#include <string.h>
#include <strings.h>

#include "pc_internal.h"


/* Where keys apply. */
#define S3_WHERE (KF_CATALOG | KF_STORAGE | KF_SV)
#define GLUE_WHERE (KF_CATALOG | KF_SV)
#define ICE (KF_CATALOG)
#define SV_ONLY (KF_SV)

const KeySpec keys_specs[] = {
    /* ---- aws.s3.* (CloudConfigurationConstants) ---- */
    {"aws.s3.use_aws_sdk_default_behavior", VK_BOOL, KS_S3, F_USE_DEFAULT,
     S3_WHERE, NULL, "use the AWS SDK default credential chain"},
    {"aws.s3.use_instance_profile", VK_BOOL, KS_S3, F_USE_IP, S3_WHERE, NULL,
     "use the EC2 instance profile"},
    {"aws.s3.use_web_identity_token_file", VK_BOOL, KS_S3, F_USE_WI, S3_WHERE,
     NULL, "use the web identity token file"},
    {"aws.s3.access_key", VK_STRING, KS_S3, F_ACCESS_KEY, S3_WHERE | KF_SECRET,
     NULL, "access key id of an IAM user"},
    {"aws.s3.secret_key", VK_STRING, KS_S3, F_SECRET_KEY, S3_WHERE | KF_SECRET,
     NULL, "secret access key of an IAM user"},
    {"aws.s3.session_token", VK_STRING, KS_S3, F_SESSION_TOKEN,
     S3_WHERE | KF_SECRET, NULL, "session token of temporary credentials"},
    {"aws.s3.iam_role_arn", VK_ARN, KS_S3, F_ROLE_ARN, S3_WHERE, NULL,
     "IAM role to assume on top of the base credential"},
    {"aws.s3.external_id", VK_STRING, KS_S3, F_EXTERNAL_ID,
     S3_WHERE | KF_SECRET, NULL, "external id for AssumeRole"},
    {"aws.s3.sts.region", VK_REGION, KS_S3, F_STS_REGION, S3_WHERE, NULL,
     "region of the STS client used for AssumeRole"},
    {"aws.s3.sts.endpoint", VK_URI, KS_S3, F_STS_ENDPOINT, S3_WHERE, NULL,
     "STS endpoint used for AssumeRole"},
    {"aws.s3.region", VK_REGION, KS_S3, F_REGION, S3_WHERE, NULL,
     "region of the S3 bucket"},
    {"aws.s3.endpoint", VK_URI, KS_S3, F_ENDPOINT, S3_WHERE, NULL,
     "S3 endpoint (S3-compatible storage)"},
    {"aws.s3.enable_path_style_access", VK_BOOL, KS_S3, F_PATH_STYLE, S3_WHERE,
     NULL, "path-style instead of virtual-host requests"},
    {"aws.s3.enable_ssl", VK_BOOL, KS_S3, F_NONE, S3_WHERE, NULL,
     "HTTPS to S3"},
    {"aws.s3.enable_partitioned_prefix", VK_BOOL, KS_S3, F_PART_PREFIX, SV_ONLY,
     NULL, "partitioned prefixes (storage volumes)"},
    {"aws.s3.num_partitioned_prefix", VK_INT, KS_S3, F_NUM_PART_PREFIX, SV_ONLY,
     NULL, "number of partitioned prefixes (storage volumes)"},
    /* (no aws.s3.sse.*: the SSE-C keys exist only in open PR #78705) */

    /* ---- aws.glue.* (CloudConfigurationConstants) ---- */
    {"aws.glue.use_aws_sdk_default_behavior", VK_BOOL, KS_GLUE, F_USE_DEFAULT,
     GLUE_WHERE, NULL, "use the AWS SDK default credential chain for Glue"},
    {"aws.glue.use_instance_profile", VK_BOOL, KS_GLUE, F_USE_IP, GLUE_WHERE,
     NULL, "use the EC2 instance profile for Glue"},
    {"aws.glue.use_web_identity_token_file", VK_BOOL, KS_GLUE, F_USE_WI,
     GLUE_WHERE, NULL, "use the web identity token file for Glue"},
    {"aws.glue.access_key", VK_STRING, KS_GLUE, F_ACCESS_KEY,
     GLUE_WHERE | KF_SECRET, NULL, "access key id of an IAM user"},
    {"aws.glue.secret_key", VK_STRING, KS_GLUE, F_SECRET_KEY,
     GLUE_WHERE | KF_SECRET, NULL, "secret access key of an IAM user"},
    {"aws.glue.session_token", VK_STRING, KS_GLUE, F_SESSION_TOKEN,
     GLUE_WHERE | KF_SECRET, NULL, "session token of temporary credentials"},
    {"aws.glue.iam_role_arn", VK_ARN, KS_GLUE, F_ROLE_ARN, GLUE_WHERE, NULL,
     "IAM role to assume for Glue"},
    {"aws.glue.external_id", VK_STRING, KS_GLUE, F_EXTERNAL_ID,
     GLUE_WHERE | KF_SECRET, NULL, "external id for AssumeRole"},
    {"aws.glue.sts.region", VK_REGION, KS_GLUE, F_STS_REGION, GLUE_WHERE, NULL,
     "region of the STS client used for AssumeRole"},
    {"aws.glue.sts.endpoint", VK_URI, KS_GLUE, F_STS_ENDPOINT, GLUE_WHERE, NULL,
     "STS endpoint used for AssumeRole"},
    {"aws.glue.region", VK_REGION, KS_GLUE, F_REGION, GLUE_WHERE, NULL,
     "region of the Glue Data Catalog"},
    {"aws.glue.endpoint", VK_URI, KS_GLUE, F_ENDPOINT, GLUE_WHERE, NULL,
     "Glue endpoint"},
    {"aws.glue.catalog_id", VK_STRING, KS_GLUE, F_NONE, GLUE_WHERE, NULL,
     "Glue catalog id (account)"},
    /* read first by the Hive-glue client (MetastoreClientUtils.getCatalogId),
       which falls back to aws.glue.catalog_id */
    {"hive.metastore.glue.catalogid", VK_STRING, KS_GLUE, F_NONE, KF_CATALOG,
     NULL, "Glue catalog id of a Hive-style Glue metastore"},
    {"aws.glue.resource_share_type", VK_STRING, KS_GLUE, F_NONE, GLUE_WHERE,
     NULL, "ALL, FOREIGN or FEDERATED"},

    /* ---- legacy names (StarRocks 2.x documentation) ---- */
    {"aws.hive.metastore.glue.aws-access-key", VK_STRING, KS_GLUE, F_NONE,
     KF_CATALOG | KF_LEGACY | KF_SECRET, "aws.glue.access_key",
     "legacy Glue access key"},
    {"aws.hive.metastore.glue.aws-secret-key", VK_STRING, KS_GLUE, F_NONE,
     KF_CATALOG | KF_LEGACY | KF_SECRET, "aws.glue.secret_key",
     "legacy Glue secret key"},
    {"aws.hive.metastore.glue.endpoint", VK_URI, KS_GLUE, F_NONE,
     KF_CATALOG | KF_LEGACY, "aws.glue.endpoint", "legacy Glue endpoint"},
    {"aws.hive.metastore.glue.cache.", VK_STRING, KS_GLUE, F_NONE,
     KF_CATALOG | KF_PREFIX, NULL, "Glue client cache settings"},

    /* ---- iceberg.catalog.* (StarRocks IcebergCatalogProperties,
       IcebergRESTCatalog, OAuth2SecurityProperties; stripped keys go to the
       Iceberg client: AuthProperties, OAuth2Properties, AwsProperties...) */
    {"iceberg.catalog.type", VK_STRING, KS_ICEBERG, F_ICEBERG_TYPE, ICE, NULL,
     "Iceberg catalog type: hive, glue, rest, hadoop, jdbc"},
    {"iceberg.catalog.uri", VK_URI, KS_ICEBERG, F_ICE_URI, ICE, NULL,
     "catalog URI (REST, JDBC)"},
    {"iceberg.catalog.warehouse", VK_STRING, KS_ICEBERG, F_ICE_WAREHOUSE, ICE,
     NULL, "warehouse location or id"},
    {"iceberg.catalog.security", VK_STRING, KS_ICEBERG, F_ICE_SECURITY,
     ICE | KF_REST, NULL, "REST auth managed by StarRocks: none, oauth2, jwt"},
    {"iceberg.catalog.oauth2.credential", VK_STRING, KS_ICEBERG,
     F_OAUTH_CREDENTIAL, ICE | KF_REST | KF_SECRET, NULL,
     "OAuth2 client credentials (id:secret)"},
    {"iceberg.catalog.oauth2.token", VK_STRING, KS_ICEBERG, F_OAUTH_TOKEN,
     ICE | KF_REST | KF_SECRET, NULL, "OAuth2 bearer token"},
    {"iceberg.catalog.oauth2.scope", VK_STRING, KS_ICEBERG, F_OAUTH_SCOPE,
     ICE | KF_REST, NULL, "OAuth2 scope"},
    {"iceberg.catalog.oauth2.server-uri", VK_URI, KS_ICEBERG, F_OAUTH_OTHER,
     ICE | KF_REST, NULL, "OAuth2 token endpoint"},
    {"iceberg.catalog.oauth2.audience", VK_STRING, KS_ICEBERG, F_OAUTH_OTHER,
     ICE | KF_REST, NULL, "OAuth2 audience"},
    {"iceberg.catalog.oauth2.token-refresh-enabled", VK_BOOL, KS_ICEBERG,
     F_OAUTH_OTHER, ICE | KF_REST, NULL, "refresh OAuth2 tokens"},
    {"iceberg.catalog.vended-credentials-enabled", VK_BOOL, KS_ICEBERG,
     F_VENDED, ICE | KF_REST, NULL,
     "ask the REST server for vended S3 credentials"},
    {"iceberg.catalog.rest.nested-namespace-enabled", VK_BOOL, KS_ICEBERG,
     F_REST_ONLY, ICE | KF_REST, NULL, "recursive namespace listing"},
    {"iceberg.catalog.rest.view-endpoints-enabled", VK_BOOL, KS_ICEBERG,
     F_REST_ONLY, ICE | KF_REST, NULL, "list and load views"},
    {"iceberg.catalog.rest.sigv4-enabled", VK_BOOL, KS_ICEBERG, F_SIGV4_ENABLED,
     ICE | KF_REST, NULL, "sign REST requests with SigV4"},
    {"iceberg.catalog.rest.signing-name", VK_STRING, KS_ICEBERG, F_SIGNING_NAME,
     ICE | KF_REST, NULL, "SigV4 service name (default execute-api)"},
    {"iceberg.catalog.rest.signing-region", VK_REGION, KS_ICEBERG,
     F_SIGNING_REGION, ICE | KF_REST, NULL, "SigV4 region"},
    {"iceberg.catalog.rest.access-key-id", VK_STRING, KS_ICEBERG,
     F_REST_ACCESS_KEY, ICE | KF_REST | KF_SECRET, NULL, "SigV4 access key id"},
    {"iceberg.catalog.rest.secret-access-key", VK_STRING, KS_ICEBERG,
     F_REST_SECRET_KEY, ICE | KF_REST | KF_SECRET, NULL,
     "SigV4 secret access key"},
    {"iceberg.catalog.rest.session-token", VK_STRING, KS_ICEBERG,
     F_REST_SESSION, ICE | KF_REST | KF_SECRET, NULL, "SigV4 session token"},
    {"iceberg.catalog.rest.auth.type", VK_STRING, KS_ICEBERG, F_REST_AUTH_TYPE,
     ICE | KF_REST, NULL,
     "Iceberg REST auth manager: none, basic, oauth2, sigv4"},
    {"iceberg.catalog.rest.auth.basic.username", VK_STRING, KS_ICEBERG,
     F_BASIC_USER, ICE | KF_REST, NULL, "basic auth user"},
    {"iceberg.catalog.rest.auth.basic.password", VK_STRING, KS_ICEBERG,
     F_BASIC_PASSWORD, ICE | KF_REST | KF_SECRET, NULL, "basic auth password"},
    {"iceberg.catalog.rest.auth.sigv4.delegate-auth-type", VK_STRING,
     KS_ICEBERG, F_REST_ONLY, ICE | KF_REST, NULL,
     "auth under SigV4 (default oauth2)"},
    {"iceberg.catalog.credential", VK_STRING, KS_ICEBERG, F_ICE_CREDENTIAL,
     ICE | KF_REST | KF_SECRET, NULL,
     "Iceberg OAuth2 credential (passthrough)"},
    {"iceberg.catalog.token", VK_STRING, KS_ICEBERG, F_ICE_TOKEN,
     ICE | KF_REST | KF_SECRET, NULL, "Iceberg OAuth2 token (passthrough)"},
    {"iceberg.catalog.scope", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_REST,
     NULL, "Iceberg OAuth2 scope (passthrough)"},
    {"iceberg.catalog.oauth2-server-uri", VK_URI, KS_ICEBERG, F_NONE,
     ICE | KF_REST, NULL, "Iceberg OAuth2 token endpoint (passthrough)"},
    {"iceberg.catalog.audience", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_REST,
     NULL, "Iceberg OAuth2 audience (passthrough)"},
    {"iceberg.catalog.resource", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_REST,
     NULL, "Iceberg OAuth2 resource (passthrough)"},
    {"iceberg.catalog.token-refresh-enabled", VK_BOOL, KS_ICEBERG, F_NONE,
     ICE | KF_REST, NULL, "Iceberg token refresh (passthrough)"},
    {"iceberg.catalog.token-exchange-enabled", VK_BOOL, KS_ICEBERG, F_NONE,
     ICE | KF_REST, NULL, "Iceberg token exchange (passthrough)"},
    {"iceberg.catalog.token-expires-in-ms", VK_INT, KS_ICEBERG, F_NONE,
     ICE | KF_REST, NULL, "assumed token lifetime (passthrough)"},
    {"iceberg.catalog.hive.metastore.uris", VK_URI, KS_ICEBERG, F_HIVE_MS_URIS,
     ICE, NULL, "deprecated alias of hive.metastore.uris"},
    {"iceberg.catalog.s3.access-key-id", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_SECRET, NULL, "Iceberg FileIO access key"},
    {"iceberg.catalog.s3.secret-access-key", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_SECRET, NULL, "Iceberg FileIO secret key"},
    {"iceberg.catalog.s3.session-token", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_SECRET, NULL, "Iceberg FileIO session token"},
    {"iceberg.catalog.jdbc.password", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_SECRET, NULL, "JDBC catalog password"},
    {"iceberg.catalog.io-impl", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_OVERWRITTEN, "StarRocks sets its own caching FileIO",
     "FileIO implementation"},
    {"iceberg.catalog.metrics-reporter-impl", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_OVERWRITTEN, "StarRocks sets its own metrics reporter",
     "metrics reporter"},
    {"iceberg.catalog.client.factory", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_OVERWRITTEN, "StarRocks sets IcebergAwsClientFactory",
     "AWS client factory"},
    {"iceberg.catalog.disable_vended_credential", VK_BOOL, KS_ICEBERG, F_NONE,
     ICE | KF_REST | KF_OVERWRITTEN,
     "the key was retired; StarRocks reads "
     "'iceberg.catalog.vended-credentials-enabled' (true when absent)",
     "retired switch of vended credentials"},
    /* unprefixed: the Iceberg catalogs copy the properties as written and
       then set their own values */
    {"io-impl", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_OVERWRITTEN,
     "StarRocks sets its own caching FileIO", "FileIO implementation"},
    {"client.factory", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_OVERWRITTEN,
     "StarRocks sets IcebergAwsClientFactory", "AWS client factory"},
    {"iceberg.catalog.header.user-agent", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_REST | KF_OVERWRITTEN, "StarRocks sets its own User-Agent header",
     "HTTP User-Agent header"},
    {"iceberg.catalog.header.", VK_STRING, KS_ICEBERG, F_NONE,
     ICE | KF_REST | KF_PREFIX, NULL, "HTTP header on every REST request"},
    {"iceberg.catalog.s3.", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_PREFIX,
     NULL, "Iceberg S3 FileIO setting"},
    {"iceberg.catalog.client.", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_PREFIX,
     NULL, "Iceberg AWS client setting"},
    {"iceberg.catalog.jdbc.", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_PREFIX,
     NULL, "Iceberg JDBC catalog setting"},
    {"iceberg.catalog.glue.", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_PREFIX,
     NULL, "Iceberg Glue catalog setting"},
    {"iceberg.catalog.cache", VK_STRING, KS_ICEBERG, F_NONE, ICE | KF_PREFIX,
     NULL, "Iceberg catalog cache setting"},

    /* ---- catalogs and metastores (CatalogAnalyzer, the connectors) ---- */
    {"type", VK_STRING, KS_OTHER, F_TYPE, KF_CATALOG, NULL, "catalog type"},
    {"hive.metastore.type", VK_STRING, KS_OTHER, F_HIVE_MS_TYPE, KF_CATALOG,
     NULL, "metastore type: hive, glue, dlf"},
    {"hive.metastore.uris", VK_URI, KS_OTHER, F_HIVE_MS_URIS, KF_CATALOG, NULL,
     "Hive metastore thrift URIs"},
    {"paimon.catalog.type", VK_STRING, KS_OTHER, F_PAIMON_TYPE, KF_CATALOG,
     NULL, "Paimon catalog type: filesystem, hive, dlf"},
    {"paimon.catalog.warehouse", VK_STRING, KS_OTHER, F_PAIMON_WAREHOUSE,
     KF_CATALOG, NULL, "Paimon warehouse"},
    {"unified.metastore.type", VK_STRING, KS_OTHER, F_UNIFIED_MS_TYPE,
     KF_CATALOG, NULL, "unified catalog metastore: hive, glue"},
    {"starrocks.catalog-type", VK_STRING, KS_OTHER, F_ICEBERG_TYPE, KF_CATALOG,
     NULL, "alias of iceberg.catalog.type"},

    /* ---- FILE tables and FILES() (FileTable, TableFunctionTable) ---- */
    {"path", VK_PATH, KS_OTHER, F_PATH, KF_FILETABLE | KF_FILES, NULL,
     "data file path(s)"},
    {"format", VK_STRING, KS_OTHER, F_FORMAT, KF_FILETABLE | KF_FILES, NULL,
     "data file format"},
    {"enable_recursive_listing", VK_BOOL, KS_OTHER, F_NONE, KF_FILETABLE, NULL,
     "list subdirectories"},
    {"enable_wildcards", VK_BOOL, KS_OTHER, F_NONE, KF_FILETABLE, NULL,
     "wildcards in path"},
    {"column_separator", VK_STRING, KS_OTHER, F_NONE, KF_FILETABLE, NULL,
     "text column separator"},
    {"row_delimiter", VK_STRING, KS_OTHER, F_NONE, KF_FILETABLE, NULL,
     "text row delimiter"},
    {"collection_delimiter", VK_STRING, KS_OTHER, F_NONE, KF_FILETABLE, NULL,
     "text collection delimiter"},
    {"map_delimiter", VK_STRING, KS_OTHER, F_NONE, KF_FILETABLE, NULL,
     "text map delimiter"},
    {"columns_from_path", VK_STRING, KS_OTHER, F_NONE, KF_FILES, NULL,
     "partition columns taken from the path"},

    /* ---- LOAD ... PROPERTIES (LoadStmt whitelist) ---- */
    {"timeout", VK_INT, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "load timeout in seconds"},
    {"max_filter_ratio", VK_NUMBER, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "largest share of rows that may be filtered out"},
    {"load_delete_flag", VK_BOOL, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "load as deletes"},
    {"load_mem_limit", VK_LONG, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "memory limit in bytes"},
    {"cluster", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL, "cluster"},
    {"strict_mode", VK_BOOL, KS_OTHER, F_NONE, KF_LOADPROP | KF_STRICT_BOOL,
     NULL, "strict column conversion"},
    {"version", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL, "version"},
    {"timezone", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL, "time zone"},
    {"partial_update", VK_BOOL, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "partial column update"},
    {"priority", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "LOWEST, LOW, NORMAL, HIGH or HIGHEST"},
    {"case_sensitive", VK_BOOL, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "case-sensitive column names"},
    {"log_rejected_record_num", VK_LONG, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "rejected rows to log (-1: all)"},
    {"partial_update_mode", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "row or column"},
    {"spark_load_submit_timeout", VK_LONG, KS_OTHER, F_NONE, KF_LOADPROP,
     NULL, "spark load submit timeout"},
    {"merge_condition", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "column that decides whether an update applies"},
    {"strip_outer_array", VK_BOOL, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "JSON: strip the outer array"},
    {"jsonpaths", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "JSON: paths of the columns"},
    {"json_root", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "JSON: root element"},
    {"envelope", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "envelope format"},
    {"warehouse", VK_STRING, KS_OTHER, F_NONE, KF_LOADPROP, NULL,
     "warehouse that runs the load"},

    /* ---- broker processes (named brokers read Hadoop S3A keys) ---- */
    {"fs.s3a.access.key", VK_STRING, KS_OTHER, F_NONE, KF_BROKER | KF_SECRET,
     "aws.s3.access_key", "S3A access key (named broker)"},
    {"fs.s3a.secret.key", VK_STRING, KS_OTHER, F_NONE, KF_BROKER | KF_SECRET,
     "aws.s3.secret_key", "S3A secret key (named broker)"},
    {"fs.s3a.session.token", VK_STRING, KS_OTHER, F_NONE, KF_BROKER | KF_SECRET,
     "aws.s3.session_token", "S3A session token (named broker)"},
    {"fs.s3a.endpoint", VK_URI, KS_OTHER, F_NONE, KF_BROKER, "aws.s3.endpoint",
     "S3A endpoint (named broker)"},

    /* ---- Databend connection options (location.rs parse_s3_params) ---- */
    {"storage_type", VK_STRING, KS_DATABEND, F_DB_STORAGE_TYPE, KF_DATABEND,
     NULL, "storage type: s3, azblob, gcs, ..."},
    {"endpoint_url", VK_URI, KS_DATABEND, F_ENDPOINT, KF_DATABEND, NULL,
     "S3 endpoint"},
    {"region", VK_REGION, KS_DATABEND, F_REGION, KF_DATABEND, NULL,
     "S3 region"},
    {"access_key_id", VK_STRING, KS_DATABEND, F_ACCESS_KEY,
     KF_DATABEND | KF_SECRET, NULL, "access key id"},
    {"aws_key_id", VK_STRING, KS_DATABEND, F_ACCESS_KEY,
     KF_DATABEND | KF_SECRET, NULL, "alias of access_key_id"},
    {"secret_access_key", VK_STRING, KS_DATABEND, F_SECRET_KEY,
     KF_DATABEND | KF_SECRET, NULL, "secret access key"},
    {"aws_secret_key", VK_STRING, KS_DATABEND, F_SECRET_KEY,
     KF_DATABEND | KF_SECRET, NULL, "alias of secret_access_key"},
    {"session_token", VK_STRING, KS_DATABEND, F_SESSION_TOKEN,
     KF_DATABEND | KF_SECRET, NULL, "session token"},
    {"aws_token", VK_STRING, KS_DATABEND, F_SESSION_TOKEN,
     KF_DATABEND | KF_SECRET, NULL, "alias of session_token"},
    {"security_token", VK_STRING, KS_DATABEND, F_SESSION_TOKEN,
     KF_DATABEND | KF_SECRET, NULL, "alias of session_token"},
    {"role_arn", VK_ARN, KS_DATABEND, F_ROLE_ARN, KF_DATABEND, NULL,
     "IAM role to assume"},
    {"aws_role_arn", VK_ARN, KS_DATABEND, F_ROLE_ARN, KF_DATABEND, NULL,
     "alias of role_arn"},
    {"external_id", VK_STRING, KS_DATABEND, F_EXTERNAL_ID,
     KF_DATABEND | KF_SECRET, NULL, "external id for AssumeRole"},
    {"aws_external_id", VK_STRING, KS_DATABEND, F_EXTERNAL_ID,
     KF_DATABEND | KF_SECRET, NULL, "alias of external_id"},
    {"enable_virtual_host_style", VK_BOOL, KS_DATABEND, F_NONE,
     KF_DATABEND | KF_STRICT_BOOL, NULL, "virtual-host style requests"},
    {"allow_anonymous", VK_BOOL, KS_DATABEND, F_DB_ANONYMOUS,
     KF_DATABEND | KF_STRICT_BOOL, NULL, "anonymous access"},
    {"master_key", VK_STRING, KS_DATABEND, F_NONE, KF_DATABEND | KF_SECRET,
     NULL, "client-side encryption key"},
    {"connection_name", VK_STRING, KS_DATABEND, F_DB_CONNECTION_NAME,
     KF_DATABEND, NULL, "a connection created with CREATE CONNECTION"},

    /* ---- other clouds: storage volumes accept these names (every value of
       CloudConfigurationConstants, StorageVolumeMgr.validateParams) ---- */
    {"enabled", VK_BOOL, KS_OTHER, F_NONE, SV_ONLY, NULL,
     "storage volume enabled"},
    {"azure.blob.endpoint", VK_URI, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE,
     NULL, "Azure Blob endpoint"},
    {"azure.blob.storage_account", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "Azure storage account"},
    {"azure.blob.shared_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "Azure shared key"},
    {"azure.blob.container", VK_STRING, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE,
     NULL, "Azure container"},
    {"azure.blob.sas_token", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "Azure SAS token"},
    {"azure.blob.oauth2_use_managed_identity", VK_BOOL, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "Azure managed identity"},
    {"azure.blob.oauth2_client_id", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "Azure client id"},
    {"azure.blob.oauth2_client_secret", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "Azure client secret"},
    {"azure.blob.oauth2_tenant_id", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "Azure tenant id"},
    {"azure.adls1.use_managed_service_identity", VK_BOOL, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "ADLS1 managed identity"},
    {"azure.adls1.oauth2_client_id", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "ADLS1 client id"},
    {"azure.adls1.oauth2_credential", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "ADLS1 credential"},
    {"azure.adls1.oauth2_endpoint", VK_URI, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "ADLS1 OAuth2 endpoint"},
    {"azure.adls2.oauth2_use_managed_identity", VK_BOOL, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "ADLS2 managed identity"},
    {"azure.adls2.oauth2_tenant_id", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "ADLS2 tenant id"},
    {"azure.adls2.oauth2_client_id", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "ADLS2 client id"},
    {"azure.adls2.endpoint", VK_URI, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE,
     NULL, "ADLS2 endpoint"},
    {"azure.adls2.storage_account", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "ADLS2 storage account"},
    {"azure.adls2.shared_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "ADLS2 shared key"},
    {"azure.adls2.sas_token", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "ADLS2 SAS token"},
    {"azure.adls2.oauth2_client_secret", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "ADLS2 client secret"},
    {"azure.adls2.oauth2_client_endpoint", VK_URI, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "ADLS2 OAuth2 endpoint"},
    {"azure.adls2.oauth2_token_file", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "ADLS2 token file"},
    {"gcp.gcs.endpoint", VK_URI, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE, NULL,
     "GCS endpoint"},
    {"gcp.gcs.use_compute_engine_service_account", VK_BOOL, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "GCE service account"},
    {"gcp.gcs.service_account_email", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "GCS service account email"},
    {"gcp.gcs.service_account_private_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "GCS private key"},
    {"gcp.gcs.service_account_private_key_id", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "GCS private key id"},
    {"gcp.gcs.impersonation_service_account", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "GCS impersonated account"},
    {"aliyun.oss.access_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "OSS access key"},
    {"aliyun.oss.secret_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "OSS secret key"},
    {"aliyun.oss.endpoint", VK_URI, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE,
     NULL, "OSS endpoint"},
    {"tencent.cos.access_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "COS access key"},
    {"tencent.cos.secret_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "COS secret key"},
    {"tencent.cos.endpoint", VK_URI, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE,
     NULL, "COS endpoint"},
    {"hadoop.security.authentication", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "HDFS authentication"},
    {"hadoop.username", VK_STRING, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE, NULL,
     "HDFS user"},
    {"hadoop.password", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "HDFS password"},
    {"hadoop.kerberos.principal", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "Kerberos principal"},
    {"hadoop.kerberos.keytab", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "Kerberos keytab"},
    {"hadoop.kerberos.keytab_content", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "Kerberos keytab content"},
    {"hadoop.security.kerberos.ticket.cache.path", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE, NULL, "Kerberos ticket cache"},
    /* the deprecated HDFS names (HDFSCloudConfigurationProvider still reads
       them; a JDBC catalog has its own password) */
    {"username", VK_STRING, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE | KF_CATALOG,
     NULL, "deprecated HDFS user"},
    {"password", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_CATALOG | KF_SECRET, NULL,
     "deprecated HDFS password (JDBC: the database password)"},
    {"kerberos_principal", VK_STRING, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE,
     NULL, "deprecated Kerberos principal"},
    {"kerberos_keytab", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "deprecated Kerberos keytab"},
    {"kerberos_keytab_content", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL,
     "deprecated Kerberos keytab content"},
    {"fs.obs.access_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "OBS access key"},
    {"fs.obs.secret_key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "OBS secret key"},
    {"fs.obs.access.key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "OBS access key"},
    {"fs.obs.secret.key", VK_STRING, KS_OTHER, F_NONE,
     SV_ONLY | KF_STORAGE | KF_SECRET, NULL, "OBS secret key"},
    {"fs.obs.endpoint", VK_URI, KS_OTHER, F_NONE, SV_ONLY | KF_STORAGE, NULL,
     "OBS endpoint"},
    /* validateParams collects every constant of CloudConfigurationConstants
       by reflection, DEFAULT_AWS_REGION's value included */
    {"us-east-1", VK_STRING, KS_OTHER, F_NONE, SV_ONLY, NULL,
     "the value of DEFAULT_AWS_REGION, accepted as a name"},
};

const size_t keys_spec_count = sizeof keys_specs / sizeof keys_specs[0];

const char *const keys_catalog_types[] = {
    "es",    "hive",      "iceberg",   "jdbc",  "adbc",
    "hudi",  "deltalake", "paimon",    "odps",  "kudu",
    "fluss", "unified",   "benchmark", "lance", NULL};

/* LoadStmt.checkProperties: the numeric load properties below 0 are
   rejected, except log_rejected_record_num (-1: log every row). */
static const KeyMin key_mins[] = {
    {"timeout", 0, "timeout must be greater than 0"},
    {"load_mem_limit", 0, "load_mem_limit must be equal or greater than 0"},
    {"spark_load_submit_timeout", 0,
     "spark_load_submit_timeout must be equal or greater than 0"},
    {"log_rejected_record_num", -1,
     "log_rejected_record_num must be equal or greater than -1"},
    {NULL, 0, NULL}};

const KeyMin *keys_min_of(const char *name) {
  for (size_t i = 0; key_mins[i].name; i++)
    if (strcmp(key_mins[i].name, name) == 0)
      return &key_mins[i];
  return NULL;
}

/* StorageVolumeMgr.validateLocations and the StorageVolume constructor. */
static const SvType sv_types[] = {
    {"S3", "s3", NULL, "AWS"},
    {"HDFS", NULL, "", "HDFS"},
    {"AZBLOB", "azblob", "azure.blob.", "Azure"},
    {"ADLS2", "adls2", "azure.adls2.", "Azure"},
    {"GS", "gs", "gcp.gcs.", "GCP"},
    {NULL, NULL, NULL, NULL}};

const SvType *keys_sv_type(const char *type) {
  for (size_t i = 0; sv_types[i].type; i++)
    if (str_ieq(sv_types[i].type, type))
      return &sv_types[i];
  return NULL;
}

/* LoadPriority: compared ignoring case. */
const char *const keys_load_priorities[] = {"HIGHEST", "HIGH", "NORMAL",
                                            "LOW", "LOWEST", NULL};

/* FileTable checks the format case-sensitively. */
const char *const keys_file_table_formats[] = {
    "parquet", "orc", "text", "avro", "rctext", "rcbinary", "sequence", NULL};

/* FILES() formats, compared case-insensitively
   (TableFunctionTable.SUPPORTED_FORMATS; json is only in open PR #77478);
   INSERT INTO FILES writes fewer (TableFunctionTableSink). */
const char *const keys_files_formats[] = {"parquet", "orc", "csv", "avro",
                                          NULL};
const char *const keys_files_write_formats[] = {"parquet", "orc", "csv",
                                                NULL};

/* Words a boolean was clearly meant to be (trimmed, lower-cased): the safe
   fix of bool-read-as-false writes "true" or "false" for them. */
const char *const keys_bool_true_words[] = {"true", "1", "yes", "y",
                                            "on",   "t", NULL};
const char *const keys_bool_false_words[] = {"false", "0", "no", "n",
                                             "off",   "f", NULL};
