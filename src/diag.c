/*
 * diag.c - the rule table, positions, and findings with masked source lines.
 *
 * Every finding carries a rule id from rule_table (append only, never
 * renumbered: outputs, suppressions and SARIF depend on the ids).  When a
 * finding is made, the line it points at is copied with every hidden token
 * (the values of credentials and of keys propcheck does not know) replaced by
 * ***, so that no output format can show a secret, whatever the finding.
 */
#include <string.h>

#include "pc_internal.h"

/* ORDER RULES: one row per RuleId, in the same order. */
const pc_rule rule_table[R_COUNT] = {
    /* R_SYNTAX_ERROR */
    {"syntax-error", PC_SEV_ERROR, "StarRocks cannot parse the statement",
     "The statement does not follow StarRocks' grammar, so StarRocks rejects "
     "it. Property lists are (\"key\" = \"value\", ...): keys and values are "
     "quoted strings, separated by commas, with no trailing comma.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\"\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_UNTERMINATED */
    {"unterminated", PC_SEV_ERROR,
     "a string, quoted identifier or comment is never closed",
     "Everything after the opening quote or comment marker, to the end of "
     "the file, is inside it: StarRocks rejects the statement and sees none "
     "of the statements that follow. Close the string, backquoted name or "
     "/* comment.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_HASH_COMMENT */
    {"hash-comment", PC_SEV_ERROR, "'#' is not a comment in StarRocks",
     "StarRocks has no '#' comments (its lexer has no rule for '#'): the "
     "statement fails with a token recognition error. Use -- or /* */.",
     "# Hive catalog on the analytics cluster\n"
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "-- Hive catalog on the analytics cluster\n"
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_STATEMENT_TOO_LARGE */
    {"statement-too-large", PC_SEV_ERROR,
     "a statement is longer than the configured limit",
     "propcheck does not hold a statement over --max-statement-bytes "
     "(default 16 MiB) in memory, so it does not check it at all. Raise the "
     "limit or split the statement.",
     "-- checked with: propcheck --max-statement-bytes=200\n"
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "-- checked with: propcheck --max-statement-bytes=400\n"
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_IO_ERROR */
    {"io-error", PC_SEV_ERROR, "the file cannot be read",
     "The file could not be opened or read (missing, a directory, no "
     "permission), so nothing in it was checked; the other files still are "
     "and propcheck exits with status 2. Fix the path or the permissions.",
     "-- $ propcheck catalogs/hive_catalog.sql\n"
     "-- The path does not exist, is a directory or is not readable\n"
     "-- (e.g. mode 000): propcheck reports io-error, checks nothing\n"
     "-- in that file and exits with status 2.",
     "-- $ propcheck catalogs/hive_catalog.sql   (the file exists and is "
     "readable)\n"
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_MISSING_REQUIRED_KEY */
    {"missing-required-key", PC_SEV_ERROR, "a required property is missing",
     "StarRocks rejects the statement, or fails when the catalog is first "
     "used, because a property it requires is not set (type, "
     "hive.metastore.uris, iceberg.catalog.type or .uri, path, format). Add "
     "the property.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_MISSING_KEY_PAIR */
    {"missing-key-pair", PC_SEV_ERROR,
     "an access key is set without its secret key, or the reverse",
     "StarRocks uses static credentials only when both the access key and "
     "the secret key are non-empty; with one of them the properties are not "
     "an AWS configuration at all and the key is silently ignored. Set both "
     "keys, or use another credential mode.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"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\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "4.0"},
    /* R_INVALID_VALUE */
    {"invalid-value", PC_SEV_ERROR, "a value StarRocks rejects",
     "The value is not one StarRocks accepts for this property (for example "
     "\"ORC\" for a FILE table, which compares formats case-sensitively, or "
     "a metastore URI without thrift:// and a port); the statement fails at "
     "CREATE or at first use. Use one of the accepted values.",
     "CREATE EXTERNAL TABLE orders_raw (id INT, city STRING)\n"
     "ENGINE = file\n"
     "PROPERTIES (\n"
     "  \"path\" = \"s3://sales-raw/orders/\",\n"
     "  \"format\" = \"ORC\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL TABLE orders_raw (id INT, city STRING)\n"
     "ENGINE = file\n"
     "PROPERTIES (\n"
     "  \"path\" = \"s3://sales-raw/orders/\",\n"
     "  \"format\" = \"orc\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_INVALID_PROPERTY */
    {"invalid-property", PC_SEV_ERROR,
     "a property this statement does not accept",
     "StarRocks checks the property names of storage volumes and of LOAD "
     "PROPERTIES against a fixed list and rejects the statement for any "
     "other name. Remove the property, or move credentials into WITH BROKER "
     "(...).",
     "LOAD LABEL sales.orders_20251101\n"
     "(DATA INFILE(\"s3://sales-raw/2025/11/01/*.parquet\")\n"
     " INTO TABLE orders FORMAT AS \"parquet\")\n"
     "WITH BROKER (\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ")\n"
     "PROPERTIES (\"timeout\" = \"3600\", \"max_error_number\" = \"100\");",
     "LOAD LABEL sales.orders_20251101\n"
     "(DATA INFILE(\"s3://sales-raw/2025/11/01/*.parquet\")\n"
     " INTO TABLE orders FORMAT AS \"parquet\")\n"
     "WITH BROKER (\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ")\n"
     "PROPERTIES (\"timeout\" = \"3600\", \"max_filter_ratio\" = \"0.1\");",
     NULL},
    /* R_IGNORED_CREDENTIAL */
    {"ignored-credential", PC_SEV_WARNING,
     "credentials StarRocks ignores because another mode wins",
     "StarRocks picks one credential mode by precedence: default chain, then "
     "instance profile, then web identity, then access keys. Keys of a mode "
     "that lost are silently ignored; remove them or the flag that wins.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"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\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "5.0"},
    /* R_CONFLICTING_MODES */
    {"conflicting-modes", PC_SEV_WARNING, "two credential modes are enabled",
     "Only one use_* flag takes effect (default chain > instance profile > "
     "web identity); the lower-ranked flag is silently ignored. Keep only "
     "the flag of the mode you mean.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.use_web_identity_token_file\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_web_identity_token_file\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_WITHOUT_EFFECT */
    {"setting-without-effect", PC_SEV_WARNING,
     "a setting StarRocks ignores in this configuration",
     "The property only matters together with another one that is not set "
     "(a session token without keys, an external id or STS setting without "
     "a role, a REST setting of another auth mode); StarRocks ignores it. "
     "Add the setting it depends on, or remove it.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.external_id\" = \"starrocks-QzFix-7f3c\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.external_id\" = \"starrocks-QzFix-7f3c\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_ROLE_WITHOUT_BASE */
    {"role-without-base", PC_SEV_ERROR,
     "an IAM role with no base credential to assume it with",
     "StarRocks assumes iam_role_arn on top of a base credential (instance "
     "profile, default chain, web identity or access keys). Without one the "
     "properties are not an AWS configuration and the role is never "
     "assumed; set use_instance_profile (or another mode) to \"true\".",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "4.0"},
    /* R_STS_ENDPOINT_WITHOUT_REGION */
    {"sts-endpoint-without-region", PC_SEV_ERROR,
     "an STS endpoint without an STS region",
     "With sts.endpoint set and no sts.region, StarRocks accepts the "
     "statement but fails when it first builds the STS client (\"STS "
     "endpoint is set ... but no signing region was provided\"). Set "
     "sts.region next to sts.endpoint.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.sts.endpoint\" = \"https://sts.us-west-2.amazonaws.com\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.sts.endpoint\" = \"https://sts.us-west-2.amazonaws.com\",\n"
     "  \"aws.s3.sts.region\" = \"us-west-2\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_DEFAULT_REGION */
    {"default-region", PC_SEV_WARNING,
     "no region: StarRocks silently uses us-east-1",
     "When the region key is absent StarRocks uses us-east-1. Requests to a "
     "bucket or catalog in another region fail or are redirected. Set the "
     "region explicitly.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"eu-central-1\"\n"
     ");",
     NULL},
    /* R_NO_CREDENTIALS */
    {"no-credentials", PC_SEV_WARNING, "a service is used without credentials",
     "No credential mode is configured for the service, so StarRocks falls "
     "back to its default configuration; access depends on the environment "
     "of each node and often ends in Access Denied. Set a mode explicitly, "
     "e.g. use_instance_profile = \"true\".",
     "CREATE EXTERNAL CATALOG glue_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.type\" = \"glue\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"aws.glue.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG glue_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.type\" = \"glue\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"aws.glue.use_instance_profile\" = \"true\",\n"
     "  \"aws.glue.region\" = \"us-west-2\"\n"
     ");",
     "4.0"},
    /* R_OAUTH2_FALLBACK */
    {"oauth2-fallback", PC_SEV_WARNING,
     "OAuth2 settings that make StarRocks fall back to no authentication",
     "With iceberg.catalog.security=oauth2 StarRocks needs a credential or "
     "a token, and no scope next to a token; otherwise it silently uses no "
     "authentication. Set oauth2.credential (with an optional scope) or "
     "oauth2.token without a scope.",
     "CREATE EXTERNAL CATALOG polaris\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = "
     "\"http://polaris.internal:8181/api/catalog\",\n"
     "  \"iceberg.catalog.security\" = \"oauth2\",\n"
     "  \"iceberg.catalog.oauth2.token\" = "
     "\"QzFixBearerToken0000000000000001\",\n"
     "  \"iceberg.catalog.oauth2.scope\" = \"PRINCIPAL_ROLE:ALL\"\n"
     ");",
     "CREATE EXTERNAL CATALOG polaris\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = "
     "\"http://polaris.internal:8181/api/catalog\",\n"
     "  \"iceberg.catalog.security\" = \"oauth2\",\n"
     "  \"iceberg.catalog.oauth2.token\" = "
     "\"QzFixBearerToken0000000000000001\"\n"
     ");",
     "6.5"},
    /* R_SIGV4_REGION_FROM_ENV */
    {"sigv4-region-from-environment", PC_SEV_WARNING,
     "SigV4 without a signing region",
     "Without iceberg.catalog.rest.signing-region the Iceberg client takes "
     "the region from the environment of each frontend (AWS_REGION, "
     "profile, instance metadata), not from aws.s3.region. Set the signing "
     "region to the region of the REST endpoint.",
     "CREATE EXTERNAL CATALOG glue_rest\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = "
     "\"https://glue.us-west-2.amazonaws.com/iceberg\",\n"
     "  \"iceberg.catalog.warehouse\" = \"081976408565\",\n"
     "  \"iceberg.catalog.rest.sigv4-enabled\" = \"true\",\n"
     "  \"iceberg.catalog.rest.signing-name\" = \"glue\"\n"
     ");",
     "CREATE EXTERNAL CATALOG glue_rest\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = "
     "\"https://glue.us-west-2.amazonaws.com/iceberg\",\n"
     "  \"iceberg.catalog.warehouse\" = \"081976408565\",\n"
     "  \"iceberg.catalog.rest.sigv4-enabled\" = \"true\",\n"
     "  \"iceberg.catalog.rest.signing-name\" = \"glue\",\n"
     "  \"iceberg.catalog.rest.signing-region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_OTHER_METASTORE_KEY */
    {"key-for-other-metastore", PC_SEV_WARNING,
     "a property of another catalog or metastore type",
     "The property only applies to another catalog or metastore type (e.g. "
     "hive.metastore.uris in a Glue catalog); StarRocks ignores it here. "
     "Remove it, or fix the catalog or metastore type.",
     "CREATE EXTERNAL CATALOG glue_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.type\" = \"glue\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"aws.glue.use_instance_profile\" = \"true\",\n"
     "  \"aws.glue.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG glue_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.type\" = \"glue\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"aws.glue.use_instance_profile\" = \"true\",\n"
     "  \"aws.glue.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_KEY_NOT_APPLICABLE */
    {"key-not-applicable", PC_SEV_WARNING,
     "a property this kind of statement ignores",
     "The property is known to StarRocks but this kind of statement never "
     "reads it (aws.glue.* in FILES() or a load, partitioned prefixes "
     "outside a storage volume). Remove it.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"aws.glue.use_instance_profile\" = \"true\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_UNKNOWN_KEY */
    {"unknown-key", PC_SEV_WARNING, "a property StarRocks does not know",
     "StarRocks silently ignores property names it does not know; a "
     "misspelled credential key means the credential is never used. Fix the "
     "spelling (propcheck suggests the nearest known key) or remove the "
     "property.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_isntance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "4.0"},
    /* R_LEGACY_KEY */
    {"legacy-key", PC_SEV_WARNING, "an old property name",
     "The property name comes from StarRocks 2.x "
     "(aws.hive.metastore.glue.*); current releases only read the new "
     "aws.glue.* name, so the setting is silently ignored. Rename it.",
     "CREATE EXTERNAL CATALOG glue_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.type\" = \"glue\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"aws.glue.use_instance_profile\" = \"true\",\n"
     "  \"aws.hive.metastore.glue.endpoint\" = "
     "\"https://glue.us-west-2.amazonaws.com\",\n"
     "  \"aws.glue.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG glue_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.type\" = \"glue\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"aws.glue.use_instance_profile\" = \"true\",\n"
     "  \"aws.glue.endpoint\" = \"https://glue.us-west-2.amazonaws.com\",\n"
     "  \"aws.glue.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_KEY_CASE */
    {"key-case", PC_SEV_WARNING, "a property name in the wrong case",
     "Property names are case-sensitive (only iceberg.catalog.* keys are "
     "lower-cased): StarRocks does not see this key and silently ignores "
     "it. Write the name in the documented case.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"AWS.S3.USE_INSTANCE_PROFILE\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "4.0"},
    /* R_DUPLICATE_KEY */
    {"duplicate-key", PC_SEV_WARNING, "a property set twice",
     "StarRocks keeps the last value of a repeated property without an "
     "error; the earlier value is silently ignored. Keep one of them.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"aws.s3.region\" = \"us-west-2\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-east-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-east-2\"\n"
     ");",
     NULL},
    /* R_BOOL_READ_AS_FALSE */
    {"bool-read-as-false", PC_SEV_WARNING,
     "a boolean value StarRocks reads as false",
     "StarRocks reads booleans with Java's Boolean.parseBoolean: only "
     "\"true\" (any case, no spaces) is true; \"1\", \"yes\", \"on\" and \" "
     "true\" are false, silently. Write \"true\" or \"false\".",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"1\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_PLACEHOLDER_VALUE */
    {"placeholder-value", PC_SEV_ERROR,
     "a template placeholder left in a value",
     "The value is a documentation placeholder such as <access_key>, "
     "${REGION} or xx.xx.xx.xx, not a real value; StarRocks uses it "
     "verbatim and fails at first use. Substitute the real value.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://xx.xx.xx.xx:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "3.0"},
    /* R_SECRET_EQUALS_ACCESS_KEY */
    {"secret-equals-access-key", PC_SEV_ERROR,
     "the secret key is the same as the access key",
     "An access key id and its secret are never equal: the same value was "
     "pasted twice and every request is rejected. Set secret_key to the "
     "secret access key that belongs to the access key id.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"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\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "4.0"},
    /* R_OVERWRITTEN_KEY */
    {"overwritten-key", PC_SEV_WARNING,
     "a property StarRocks overwrites with its own value",
     "StarRocks sets io-impl, client.factory and metrics-reporter-impl of "
     "the Iceberg catalog itself and silently discards the user's value. "
     "Remove the property.",
     "CREATE EXTERNAL CATALOG iceberg_rest\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = \"http://10.0.1.20:8181\",\n"
     "  \"iceberg.catalog.io-impl\" = \"org.apache.iceberg.aws.s3.S3FileIO\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG iceberg_rest\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = \"http://10.0.1.20:8181\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_NAMED_BROKER */
    {"named-broker", PC_SEV_NOTE, "credentials read by a named broker process",
     "With WITH BROKER \"name\" the properties go to that broker process, "
     "which reads them with its own (Hadoop fs.s3a.*) rules; only a "
     "broker-less WITH BROKER (...) uses StarRocks' aws.s3.* resolution. "
     "propcheck does not resolve the broker's credentials.",
     "LOAD LABEL sales.orders_20251102\n"
     "(DATA INFILE(\"s3a://sales-raw/2025/11/02/*.csv\") INTO TABLE orders)\n"
     "WITH BROKER \"hdfs_broker\" (\n"
     "  \"fs.s3a.access.key\" = \"QzFixBrokerAccess001\",\n"
     "  \"fs.s3a.secret.key\" = \"QzFixBrokerSecret0000000000000000000000A\",\n"
     "  \"fs.s3a.endpoint\" = \"s3.us-west-2.amazonaws.com\"\n"
     ");",
     "LOAD LABEL sales.orders_20251102\n"
     "(DATA INFILE(\"s3a://sales-raw/2025/11/02/*.csv\") INTO TABLE orders)\n"
     "WITH BROKER (\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_INVALID_ROLE_ARN */
    {"invalid-role-arn", PC_SEV_ERROR, "a malformed IAM role ARN",
     "A role ARN is arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME with a "
     "12-digit account, a name of 1-64 characters from [A-Za-z0-9+=,.@_-] and "
     "a path that starts and ends with '/'. STS rejects anything else when "
     "StarRocks first assumes the role.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::81976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_NOT_A_ROLE_ARN */
    {"not-a-role-arn", PC_SEV_ERROR,
     "an ARN of another kind where a role is needed",
     "iam_role_arn must name an IAM role; STS cannot assume a user, policy "
     "or other resource ARN, so StarRocks fails at first use. Use the "
     "role's ARN (arn:aws:iam::ACCOUNT:role/NAME).",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:user/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_PARTITION_MISMATCH */
    {"partition-mismatch", PC_SEV_ERROR,
     "the ARN's partition does not match the region",
     "aws-cn regions need arn:aws-cn:..., GovCloud regions "
     "arn:aws-us-gov:...; credentials and roles never cross partitions, so "
     "STS rejects the role. Use the ARN of the region's partition.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"cn-north-1\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws-cn:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"cn-north-1\"\n"
     ");",
     NULL},
    /* R_UNKNOWN_REGION */
    {"unknown-region", PC_SEV_WARNING, "a region name propcheck does not know",
     "The name fits a partition's pattern but is not a region propcheck "
     "knows: a region newer than propcheck, or a typo that makes every "
     "request fail. Check the spelling.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"eu-centrl-1\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"eu-central-1\"\n"
     ");",
     NULL},
    /* R_INVALID_REGION */
    {"invalid-region", PC_SEV_ERROR, "not an AWS region name",
     "The value is not an AWS region (us-east-1, eu-west-2, cn-north-1, "
     "...) and requests fail. Use the region code of the bucket or catalog; "
     "S3-compatible endpoints accept any region name.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"Oregon\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_INVALID_ACCESS_KEY_ID */
    {"invalid-access-key-id", PC_SEV_ERROR, "a malformed access key id",
     "An access key id is 20 characters: a known 4-letter prefix (AKIA for "
     "IAM users, ASIA for temporary credentials) and 16 upper-case letters "
     "or digits; AWS rejects anything else. Copy the whole key id again.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAQzFixEXAMPLE0001\",\n"
     "  \"aws.s3.secret_key\" = \"wJalrXUtnFEMIK7MDENGbPxRfiCYQzFixKEY0000\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"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\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "3.0"},
    /* R_TEMPORARY_KEY_WITHOUT_TOKEN */
    {"temporary-key-without-token", PC_SEV_ERROR,
     "a temporary (ASIA) key without a session token",
     "Temporary (ASIA) credentials from STS only work together with their "
     "session token; without it every request is rejected. Add "
     "session_token, or better use an instance profile or an assumed role.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"ASIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"wJalrXUtnFEMIK7MDENGbPxRfiCYQzFixKEY0000\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"ASIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"wJalrXUtnFEMIK7MDENGbPxRfiCYQzFixKEY0000\",\n"
     "  \"aws.s3.session_token\" = "
     "\"QzFixSessionTokenIQoJb3JpZ2luX2VjEXAMPLE\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "3.0"},
    /* R_IDENTIFIER_NOT_ACCESS_KEY */
    {"identifier-not-access-key", PC_SEV_ERROR,
     "a user, role or policy id where an access key belongs",
     "AIDA..., AROA..., ANPA... are unique ids of IAM users, roles and "
     "policies, not access keys, and AWS rejects them. Use the access key "
     "id (AKIA...) of one of the user's access keys.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AIDAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"wJalrXUtnFEMIK7MDENGbPxRfiCYQzFixKEY0000\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"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\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "3.0"},
    /* R_SECRET_KEY_SHAPE */
    {"secret-key-shape", PC_SEV_WARNING, "a secret key of an unusual shape",
     "AWS secret access keys are 40 characters of the base64 alphabet; this "
     "one is not, so it may be truncated or the wrong value. Copy the "
     "secret again.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"wJalrXUtnFEMIK7MDENGbPxRfiCYQzFix\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"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\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "2.0"},
    /* R_INVALID_EXTERNAL_ID */
    {"invalid-external-id", PC_SEV_ERROR, "a malformed external id",
     "An external id is 2-1224 characters from letters, digits and +=,.@:/- "
     "with no spaces; STS rejects other values when StarRocks assumes the "
     "role. Use the external id of the role's trust policy.",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.external_id\" = \"starrocks etl QzFix\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "CREATE EXTERNAL CATALOG hive_catalog\n"
     "PROPERTIES (\n"
     "  \"type\" = \"hive\",\n"
     "  \"hive.metastore.uris\" = \"thrift://10.0.1.15:9083\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.external_id\" = \"starrocks-etl-QzFix\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_INVALID_ENDPOINT */
    {"invalid-endpoint", PC_SEV_ERROR,
     "an endpoint or URI without a usable "
     "scheme or host",
     "Endpoints and URIs need a host (and, for URIs, an http or https "
     "scheme); StarRocks fails when it first connects. Write the endpoint "
     "as https://host[:port].",
     "CREATE EXTERNAL CATALOG polaris\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = \"polaris.internal:8181/api/catalog\",\n"
     "  \"iceberg.catalog.security\" = \"oauth2\",\n"
     "  \"iceberg.catalog.oauth2.credential\" = "
     "\"etl:QzFixClientSecret0000000001\",\n"
     "  \"iceberg.catalog.oauth2.scope\" = \"PRINCIPAL_ROLE:ALL\"\n"
     ");",
     "CREATE EXTERNAL CATALOG polaris\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = "
     "\"http://polaris.internal:8181/api/catalog\",\n"
     "  \"iceberg.catalog.security\" = \"oauth2\",\n"
     "  \"iceberg.catalog.oauth2.credential\" = "
     "\"etl:QzFixClientSecret0000000001\",\n"
     "  \"iceberg.catalog.oauth2.scope\" = \"PRINCIPAL_ROLE:ALL\"\n"
     ");",
     NULL},
    /* R_SIGNING_MISMATCH */
    {"signing-mismatch", PC_SEV_ERROR,
     "SigV4 signing name or region does not match the REST host",
     "Requests to glue.REGION.amazonaws.com must be signed for service "
     "glue, to s3tables.REGION.amazonaws.com for s3tables, in the host's "
     "region; the default signing name execute-api is wrong for both. Set "
     "rest.signing-name and rest.signing-region to match the host.",
     "CREATE EXTERNAL CATALOG s3_tables\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = "
     "\"https://s3tables.us-east-1.amazonaws.com/iceberg\",\n"
     "  \"iceberg.catalog.warehouse\" = "
     "\"arn:aws:s3tables:us-east-1:081976408565:bucket/sales\",\n"
     "  \"iceberg.catalog.rest.sigv4-enabled\" = \"true\",\n"
     "  \"iceberg.catalog.rest.signing-region\" = \"us-east-1\"\n"
     ");",
     "CREATE EXTERNAL CATALOG s3_tables\n"
     "PROPERTIES (\n"
     "  \"type\" = \"iceberg\",\n"
     "  \"iceberg.catalog.type\" = \"rest\",\n"
     "  \"iceberg.catalog.uri\" = "
     "\"https://s3tables.us-east-1.amazonaws.com/iceberg\",\n"
     "  \"iceberg.catalog.warehouse\" = "
     "\"arn:aws:s3tables:us-east-1:081976408565:bucket/sales\",\n"
     "  \"iceberg.catalog.rest.sigv4-enabled\" = \"true\",\n"
     "  \"iceberg.catalog.rest.signing-name\" = \"s3tables\",\n"
     "  \"iceberg.catalog.rest.signing-region\" = \"us-east-1\"\n"
     ");",
     NULL},
    /* R_PATH_STYLE_REQUIRED */
    {"path-style-required", PC_SEV_WARNING,
     "virtual-host requests to an endpoint that needs path style",
     "With an IP address, localhost or another non-AWS endpoint, bucket host "
     "names (bucket.endpoint) do not resolve; set "
     "aws.s3.enable_path_style_access to true.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.endpoint\" = \"http://10.0.1.30:9000\",\n"
     "  \"aws.s3.access_key\" = \"QzFixMinioAccess0001\",\n"
     "  \"aws.s3.secret_key\" = \"QzFixMinioSecret00000000000000000000001\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.endpoint\" = \"http://10.0.1.30:9000\",\n"
     "  \"aws.s3.enable_path_style_access\" = \"true\",\n"
     "  \"aws.s3.access_key\" = \"QzFixMinioAccess0001\",\n"
     "  \"aws.s3.secret_key\" = \"QzFixMinioSecret00000000000000000000001\"\n"
     ");",
     NULL},
    /* R_PLAINTEXT_CREDENTIALS */
    {"plaintext-credentials", PC_SEV_WARNING,
     "long-term credentials written in the file",
     "An IAM user's access key and secret key are stored in plain text in "
     "the SQL (and in StarRocks' catalog metadata). Prefer an instance "
     "profile or an assumed role.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.access_key\" = \"AKIAIOSFODNN7EXAMPLE\",\n"
     "  \"aws.s3.secret_key\" = \"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\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.iam_role_arn\" = "
     "\"arn:aws:iam::081976408565:role/s3_reader\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "7.5"},
    /* R_UNUSED_SUPPRESSION */
    {"unused-suppression", PC_SEV_WARNING,
     "a suppression that suppresses "
     "nothing",
     "A -- propcheck: disable=RULE comment that matched no finding; remove "
     "it so that it does not hide a future one.",
     "-- propcheck: disable=ignored-credential -- keys removed in 2025-11\n"
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_UNKNOWN_RULE */
    {"unknown-rule", PC_SEV_WARNING, "a suppression names no known rule",
     "The rule id in a -- propcheck: disable comment or in the configuration "
     "is not one propcheck knows; check the spelling (propcheck "
     "--list-rules).",
     "-- propcheck: disable=default-regoin -- the bucket is in us-east-1\n"
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\"\n"
     ");",
     "-- propcheck: disable=default-region -- the bucket is in us-east-1\n"
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\"\n"
     ");",
     NULL},
    /* R_LATE_FILE_SUPPRESSION */
    {"late-file-suppression", PC_SEV_WARNING,
     "a disable-file comment comes after findings it does not silence",
     "A -- propcheck: disable-file=RULE comment silences RULE from where it "
     "stands to the end of the file: propcheck reports each statement as it "
     "reads it, so it cannot take back what it has already reported.  This "
     "comment comes after findings of RULE earlier in the file, which stay "
     "reported; move it to the top of the file.",
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/a.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\"\n"
     ");\n"
     "-- propcheck: disable-file=default-region -- regions come from the "
     "environment\n"
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/b.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\"\n"
     ");",
     "-- propcheck: disable-file=default-region -- regions come from the "
     "environment\n"
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/a.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\"\n"
     ");\n"
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/b.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\"\n"
     ");",
     NULL},
    /* R_STRAY_EXPECTATION */
    {"stray-expectation", PC_SEV_WARNING,
     "an expectation comment before a statement propcheck does not resolve",
     "propcheck --verify compares -- expect: comments with the results of the "
     "statement that follows them; before a statement without AWS properties "
     "(or at the end of the file) the comment checks nothing. Move it above "
     "the statement it is about.",
     "-- expect: s3=instance_profile\n"
     "SELECT order_id, amount FROM sales.orders;",
     "-- expect: s3=instance_profile\n"
     "SELECT * FROM FILES(\n"
     "  \"path\" = \"s3://sales-raw/2025/11/orders.parquet\",\n"
     "  \"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\",\n"
     "  \"aws.s3.region\" = \"us-west-2\"\n"
     ");",
     NULL},
    /* R_POLICY_MISSING_PERMISSION */
    {"missing-permission", PC_SEV_ERROR,
     "the given IAM policy does not grant what the statement needs",
     "propcheck evaluated the policies given with --policy as IAM does "
     "(explicit Deny wins, default deny) against every action and resource "
     "the statement needs; this one is not granted, so the statement fails "
     "with Access Denied. Add the permission (propcheck --emit-policy prints "
     "the least-privilege policy).",
     "-- propcheck --policy read-only.json q.sql\n"
     "INSERT INTO FILES(\"path\" = \"s3://sales-out/daily/\", "
     "\"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\", \"aws.s3.region\" = "
     "\"us-west-2\")\nSELECT * FROM sales.orders;",
     "-- propcheck --policy read-write.json q.sql (s3:PutObject granted)\n"
     "INSERT INTO FILES(\"path\" = \"s3://sales-out/daily/\", "
     "\"format\" = \"parquet\",\n"
     "  \"aws.s3.use_instance_profile\" = \"true\", \"aws.s3.region\" = "
     "\"us-west-2\")\nSELECT * FROM sales.orders;",
     "5.0"},
    /* R_POLICY_CONDITIONAL */
    {"conditional-permission", PC_SEV_WARNING,
     "a permission granted only under a condition, or possibly denied",
     "The permission the statement needs is granted by a statement with a "
     "Condition, or only on part of what it needs, or a conditional Deny may "
     "refuse it; whether it holds depends on the request. Check the "
     "condition keys and resources named.",
     NULL, NULL, NULL},
    /* R_POLICY_INVALID */
    {"invalid-policy", PC_SEV_ERROR, "an IAM policy document that is not valid",
     "The document given with --policy is not valid IAM JSON (no Statement, "
     "an unknown Effect, Action and NotAction together, a Principal in an "
     "identity policy, ...): IAM rejects it, and propcheck cannot use it.",
     NULL, NULL, NULL},
    /* R_POLICY_LINT */
    {"policy-ineffective", PC_SEV_WARNING,
     "a policy statement that grants less (or more) than it seems",
     "s3:ListBucket applies to the bucket ARN (arn:aws:s3:::BUCKET), object "
     "actions to object ARNs (arn:aws:s3:::BUCKET/*): the other way round "
     "they grant nothing. Allow with NotAction grants almost everything. An "
     "unfilled <placeholder> in a resource matches nothing, and ${...} "
     "variables are literal text without \"Version\": \"2012-10-17\".",
     NULL, NULL, NULL},
};

size_t pc_rule_count(void) { return R_COUNT; }

const pc_rule *pc_rule_at(size_t i) {
  return i < R_COUNT ? &rule_table[i] : NULL;
}

const pc_rule *pc_rule_find(const char *id) {
  if (!id)
    return NULL;
  for (size_t i = 0; i < R_COUNT; i++)
    if (strcmp(rule_table[i].id, id) == 0)
      return &rule_table[i];
  return NULL;
}

/* Columns count characters: each byte that is not a UTF-8 continuation byte
   (0x80-0xBF) starts one.  Tabs count one. */
static uint32_t count_cols(const char *s, size_t n) {
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      k++;
  return k;
}

pc_pos diag_pos(const Chunk *c, size_t off) {
  pc_pos p;
  if (!c->text) { /* nothing held (an empty buffer has no storage) */
    p.line = c->base_line;
    p.column = c->base_col;
    p.offset = c->base_offset;
    return p;
  }
  if (off > c->len)
    off = c->len;
  uint32_t lines = 0;
  size_t line_start = 0;
  const char *s = c->text;
  const char *e = s + off;
  if (c->line_ends) { /* the lines before off: a binary search */
    size_t lo = 0, hi = c->nline_ends;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (c->line_ends[mid] <= off)
        lo = mid + 1;
      else
        hi = mid;
    }
    lines = (uint32_t)lo;
    line_start = lo ? c->line_ends[lo - 1] : 0;
    e = s; /* nothing left to scan */
  }
  for (const char *q = s; q < e;) {
    const char *nl = memchr(q, '\n', (size_t)(e - q));
    if (!nl)
      break;
    lines++;
    q = nl + 1;
    line_start = (size_t)(q - s);
  }
  p.line = c->base_line + lines;
  p.column =
      (lines ? 1 : c->base_col) + count_cols(s + line_start, off - line_start);
  p.offset = c->base_offset + off;
  return p;
}

/* ---- Masked source lines ---- */

enum { LINE_MAX_COLS = 160, LINE_CONTEXT = 60 };

/* Index of the first token that ends after off (tokens sorted by offset). */
static size_t first_tok_after(const DiagSrc *src, size_t off) {
  size_t lo = 0, hi = src->ntoks;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const Token *t = &src->toks[mid];
    if ((size_t)t->off + t->len <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Appends text[a..b) to the display line, replacing control bytes. */
static int put_plain(Buf *b, const char *s, size_t n) {
  if (buf_reserve(b, n) != 0)
    return -1;
  char *o = b->data + b->len;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (((unsigned char)ch < 0x20 && ch != '\t') || ch == 0x7F)
      ch = '?';
    o[i] = ch;
  }
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

/* Appends blanks for text[a..b): a tab stays a tab, each character one
   space, so that the caret still lines up. */
static int put_blank(Buf *b, const char *s, size_t n) {
  if (buf_reserve(b, n) != 0)
    return -1;
  char *o = b->data + b->len;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      *o++ = s[i] == '\t' ? '\t' : ' ';
  b->len = (size_t)(o - b->data);
  b->data[b->len] = '\0';
  return 0;
}

/* Where source offset x (i <= x) lands in the display buffer: blanks stand
   one per character for [i, blank), plain bytes are copied one for one. */
static size_t display_index(const char *s, size_t i, size_t blank, size_t x,
                            size_t before, size_t plain_at) {
  if (x >= blank)
    return plain_at + (x - blank);
  return before + count_cols(s + i, x - i);
}

/* Builds the display line around chunk offset off: f->src_line,
   f->caret_col and f->caret_len. */
static int make_line(Finding *f, Arena *a, const DiagSrc *src, size_t off,
                     size_t len) {
  const Chunk *c = src->chunk;
  const char *s = c->text;
  size_t ls = off, le = off;
  while (ls > 0 && s[ls - 1] != '\n')
    ls--;
  while (le < c->len && s[le] != '\n')
    le++;
  if (le > ls && s[le - 1] == '\r')
    le--;
  int cut_left = (ls == 0 && c->base_col > 1);
  size_t caret_end = off + (len ? len : 1);
  if (caret_end > le)
    caret_end = le > off ? le : off + 1;

  Buf b = {0};
  size_t caret_b = 0, caret_e = 0; /* byte offsets in b */
  int caret_set = 0;
  size_t i = ls;
  size_t k = src->toks ? first_tok_after(src, ls) : src->ntoks;
  for (;;) {
    while (k < src->ntoks && !src->toks[k].hidden &&
           src->toks[k].kind != TK_EOF && src->toks[k].off < le)
      k++; /* the next masked token on this line, if any */
    const Token *t = NULL;
    if (k < src->ntoks && src->toks[k].kind != TK_EOF && src->toks[k].off < le)
      t = &src->toks[k];
    size_t seg_end = t ? (t->off > i ? t->off : i) : le;
    /* Plain bytes i..seg_end, with the caret maybe inside them.  Bytes of
       the previous statement (before stmt_start) were never lexed, so
       nothing is known of their secrets: they are shown as blanks. */
    size_t before = b.len;
    size_t blank = i < c->stmt_start
                       ? (c->stmt_start < seg_end ? c->stmt_start : seg_end)
                       : i;
    if (put_blank(&b, s + i, blank - i))
      goto oom;
    size_t plain_at = b.len; /* where s[blank] landed in b */
    if (put_plain(&b, s + blank, seg_end - blank))
      goto oom;
    if (!caret_set && off >= i && off < seg_end) {
      caret_b = display_index(s, i, blank, off, before, plain_at);
      caret_set = 1;
    }
    if (caret_set && !caret_e && caret_end > i && caret_end <= seg_end)
      caret_e = display_index(s, i, blank, caret_end, before, plain_at);
    if (!t)
      break;
    /* A hidden token: show it as *** (keeping its quotes). */
    size_t tend = (size_t)t->off + t->len;
    if (!caret_set && off < tend) {
      caret_b = b.len;
      caret_set = 1;
    }
    char q = s[t->off];
    int quoted = t->kind == TK_STRING && t->off >= ls;
    if (quoted && buf_append(&b, &q, 1))
      goto oom;
    if (buf_append(&b, "***", 3))
      goto oom;
    if (quoted && tend <= le && t->len >= 2 && s[tend - 1] == q &&
        buf_append(&b, &q, 1))
      goto oom;
    if (caret_set && !caret_e && caret_end <= tend)
      caret_e = b.len;
    i = tend < le ? tend : le;
    k++;
  }
  if (!caret_set) {
    caret_b = b.len;
    caret_set = 1;
  }
  if (!caret_e || caret_e <= caret_b)
    caret_e = caret_b + 1;

  /* Window a long line around the caret. */
  {
    const char *d = b.data ? b.data : "";
    uint32_t before_cols = count_cols(d, caret_b);
    size_t wb = 0, we = b.len;
    if (count_cols(d, b.len) > LINE_MAX_COLS) {
      if (before_cols > LINE_CONTEXT) {
        uint32_t skip = before_cols - LINE_CONTEXT;
        while (wb < caret_b && skip) {
          wb++;
          while (wb < caret_b && ((unsigned char)d[wb] & 0xC0) == 0x80)
            wb++;
          skip--;
        }
      }
      uint32_t cols = 0;
      we = wb;
      while (we < b.len && cols < LINE_MAX_COLS) {
        we++;
        while (we < b.len && ((unsigned char)d[we] & 0xC0) == 0x80)
          we++;
        cols++;
      }
      if (we < caret_e)
        caret_e = we > caret_b ? we : caret_b + 1;
    }
    int dots_left = cut_left || wb > 0;
    int dots_right = we < b.len;
    Buf out = {0};
    if (dots_left && buf_append(&out, "...", 3))
      goto oom2;
    if (buf_append(&out, d + wb, we - wb))
      goto oom2;
    if (dots_right && buf_append(&out, "...", 3))
      goto oom2;
    f->src_line = arena_strndup(a, out.data ? out.data : "", out.len);
    f->caret_col = (dots_left ? 3 : 0) + count_cols(d + wb, caret_b - wb);
    size_t ce = caret_e < we ? caret_e : we;
    f->caret_len = ce > caret_b ? count_cols(d + caret_b, ce - caret_b) : 1;
    if (f->caret_len == 0)
      f->caret_len = 1;
    buf_release(&out);
    buf_release(&b);
    return f->src_line ? 0 : -1;
  oom2:
    buf_release(&out);
  }
oom:
  buf_release(&b);
  return -1;
}

int diag_make(Finding *f, Arena *a, const DiagSrc *src, RuleId rule, size_t off,
              size_t len, const char *key, const char *msg) {
  memset(f, 0, sizeof *f);
  f->pub.rule = rule_table[rule].id;
  f->pub.severity = rule_table[rule].severity;
  f->pub.message = msg;
  f->pub.pos = diag_pos(src->chunk, off);
  f->pub.length = (uint32_t)len;
  if (key) {
    f->pub.key = arena_strndup(a, key, strlen(key));
    if (!f->pub.key)
      return -1;
  }
  return make_line(f, a, src, off, len);
}
