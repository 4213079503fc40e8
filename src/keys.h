/*
 * keys.h - the key table (keys.c): every property key StarRocks (and
 * Aurora, Databend) reads, with the service and field it feeds, its kind
 * of value and its flags; the per-context index that finds a key; the
 * small value tables.  pc_internal.h includes it: the parser, the resolver
 * and the IAM stage all read keys by field.
 */
#ifndef PC_KEYS_H
#define PC_KEYS_H

#include <stddef.h>
#include <stdint.h>

struct Arena;

typedef enum ValueKind {
  VK_STRING, /* free text */
  VK_BOOL,   /* Boolean.parseBoolean: "true" (any case) is true */
  VK_INT,    /* Java int */
  VK_LONG,   /* Java long */
  VK_NUMBER, /* a decimal number */
  VK_REGION, /* an AWS region */
  VK_ARN,    /* an IAM role ARN */
  VK_URI,    /* a URI or host */
  VK_PATH    /* a storage path, possibly several, comma separated */
} ValueKind;

/* What a key feeds (the resolver's slots). */
typedef enum Field {
  F_NONE = 0,
  /* AWS credential fields, shared by aws.s3.* and aws.glue.* */
  F_USE_DEFAULT, /* use_aws_sdk_default_behavior */
  F_USE_IP,      /* use_instance_profile */
  F_USE_WI,      /* use_web_identity_token_file */
  F_ACCESS_KEY,
  F_SECRET_KEY,
  F_SESSION_TOKEN,
  F_ROLE_ARN,
  F_EXTERNAL_ID,
  F_STS_REGION,
  F_STS_ENDPOINT,
  F_REGION,
  F_ENDPOINT,
  F_PATH_STYLE,
  F_AWS_COUNT, /* number of AWS fields (array size) */
  /* catalog and metastore selectors and requirements */
  F_TYPE,             /* type */
  F_HIVE_MS_TYPE,     /* hive.metastore.type */
  F_HIVE_MS_URIS,     /* hive.metastore.uris */
  F_ICEBERG_TYPE,     /* iceberg.catalog.type */
  F_PAIMON_TYPE,      /* paimon.catalog.type */
  F_PAIMON_WAREHOUSE, /* paimon.catalog.warehouse */
  F_UNIFIED_MS_TYPE,  /* unified.metastore.type */
  /* Iceberg (read after StarRocks strips iceberg.catalog.) */
  F_ICE_URI,          /* uri */
  F_ICE_WAREHOUSE,    /* warehouse */
  F_ICE_SECURITY,     /* security: none, oauth2, jwt */
  F_OAUTH_CREDENTIAL, /* oauth2.credential (StarRocks) */
  F_OAUTH_TOKEN,      /* oauth2.token (StarRocks) */
  F_OAUTH_SCOPE,      /* oauth2.scope (StarRocks) */
  F_OAUTH_OTHER,      /* other oauth2.* settings (StarRocks) */
  F_ICE_CREDENTIAL,   /* credential (Iceberg, passthrough) */
  F_ICE_TOKEN,        /* token (Iceberg, passthrough) */
  F_SIGV4_ENABLED,    /* rest.sigv4-enabled */
  F_SIGNING_NAME,     /* rest.signing-name */
  F_SIGNING_REGION,   /* rest.signing-region */
  F_REST_ACCESS_KEY,  /* rest.access-key-id */
  F_REST_SECRET_KEY,  /* rest.secret-access-key */
  F_REST_SESSION,     /* rest.session-token */
  F_REST_AUTH_TYPE,   /* rest.auth.type */
  F_VENDED,           /* vended-credentials-enabled */
  F_REST_ONLY,        /* other settings that only REST catalogs read */
  /* Databend */
  F_DB_STORAGE_TYPE,    /* STORAGE_TYPE */
  F_DB_ANONYMOUS,       /* ALLOW_ANONYMOUS */
  F_DB_CONNECTION_NAME, /* CONNECTION_NAME (stages) */
  /* files and tables */
  F_PATH,
  F_FORMAT,
  F_LIST_FILES_ONLY,  /* FILES(): list_files_only */
  F_LIST_RECURSIVELY, /* FILES(): list_recursively */
  /* storage volumes */
  F_PART_PREFIX,     /* aws.s3.enable_partitioned_prefix */
  F_NUM_PART_PREFIX, /* aws.s3.num_partitioned_prefix */
  /* Iceberg REST basic auth */
  F_BASIC_USER,     /* iceberg.catalog.rest.auth.basic.username */
  F_BASIC_PASSWORD, /* iceberg.catalog.rest.auth.basic.password */
  /* the legacy Hadoop S3A keys (KS_OTHER; resolve_legacy.c) */
  F_S3A_SSL,      /* fs.s3a.connection.ssl.enabled */
  F_S3A_PROVIDER, /* fs.s3a.aws.credentials.provider */
  F_FIELD_COUNT
} Field;

/* Which service a key belongs to. */
typedef enum KeySvc {
  KS_OTHER,   /* catalog, table or load option */
  KS_S3,      /* aws.s3.* */
  KS_GLUE,    /* aws.glue.* */
  KS_ICEBERG, /* iceberg.catalog.* (stripped and handed to Iceberg) */
  KS_DATABEND /* Databend connection options (case-insensitive) */
} KeySvc;

enum KeyFlags {
  KF_SECRET = 1u << 0,       /* value is a credential: never echo it */
  KF_PREFIX = 1u << 1,       /* name is a prefix: matches name + anything */
  KF_LEGACY = 1u << 2,       /* old name; StarRocks reads `replacement` */
  KF_OVERWRITTEN = 1u << 3,  /* StarRocks overwrites the user's value */
  KF_CATALOG = 1u << 4,      /* meaningful in catalogs */
  KF_STORAGE = 1u << 5,      /* meaningful wherever storage is read (files,
                                tables, loads, volumes, repositories) */
  KF_SV = 1u << 6,           /* accepted by storage volumes (validateParams) */
  KF_LOADPROP = 1u << 7,     /* LOAD ... PROPERTIES whitelist */
  KF_FILETABLE = 1u << 8,    /* FILE external table option */
  KF_FILES = 1u << 9,        /* FILES() option */
  KF_STRICT_BOOL = 1u << 10, /* StarRocks rejects values other than true or
                                false (instead of reading them as false) */
  KF_REST = 1u << 11,        /* only Iceberg REST catalogs read it */
  KF_BROKER = 1u << 12,      /* read by named broker processes (fs.s3a.*) */
  KF_DATABEND = 1u << 13,    /* a Databend connection option */
  KF_HADOOP_FS = 1u << 14    /* a legacy Hadoop key that HdfsFsManager reads
                                on its scheme (s3a://, oss://, ...) in
                                broker-less transfers (resolve_legacy.c) */
};

typedef struct KeySpec {
  const char *name;        /* exact, case-sensitive key (or prefix) */
  uint8_t kind;            /* ValueKind */
  uint8_t svc;             /* KeySvc */
  uint8_t field;           /* Field the key feeds, or F_NONE */
  uint16_t flags;          /* KeyFlags */
  const char *replacement; /* for KF_LEGACY and KF_OVERWRITTEN: the key
                              StarRocks reads instead, or why */
  const char *meaning;     /* one line for messages and docs */
} KeySpec;

extern const KeySpec keys_specs[];
extern const size_t keys_spec_count;

/* The uthash index of keys_specs, built per context. */
typedef struct KeyIndex KeyIndex;
int keys_index_build(KeyIndex **out); /* 0 ok, -1 OOM */
void keys_index_free(KeyIndex **idx);
const KeySpec *keys_lookup(KeyIndex *idx, const char *name, size_t len);
const KeySpec *keys_lookup_icase(const char *key);
/* The longest KF_PREFIX spec that name starts with, or NULL. */
const KeySpec *keys_lookup_prefix(const char *name);
/* A property key as StarRocks' consumers match it (exact, Iceberg keys in any
   case, then prefixes); the lower-cased copy, if any, is in scratch. */
const KeySpec *keys_lookup_starrocks(KeyIndex *idx, struct Arena *scratch,
                                     const char *key);
/* The closest known key within the same namespace, for did-you-mean;
   NULL when none is close enough or two are equally close. */
const KeySpec *keys_near_miss(const char *name);
/* The same among Databend's connection options. */
const KeySpec *keys_near_miss_databend(const char *name);
/* A known key equal to name ignoring case, or NULL. */
const KeySpec *keys_case_miss(const char *name);
/* The canonical key that feeds field f of service svc (for messages about
   a key that is absent). */
const char *keys_name_of(KeySvc svc, Field f);

/* Simple value tables: NULL-terminated lists. */
/* A numeric key's smallest value and StarRocks' message below it. */
typedef struct KeyMin {
  const char *name;
  long long min;
  const char *message;
} KeyMin;
/* The minimum of a VK_INT / VK_LONG key: its row, or NULL for 0. */
const KeyMin *keys_min_of(const char *name);
extern const char *const keys_load_priorities[]; /* LoadPriority, any case */
/* A storage volume TYPE: its location scheme (NULL: any [a-z][a-z0-9]*) and
   the prefix of the keys its cloud configuration needs (NULL: AWS, checked
   by its mode; "" none). */
typedef struct SvType {
  const char *type, *scheme, *cloud_keys, *cloud;
} SvType;
/* The TYPE, compared ignoring case, or NULL when StarRocks rejects it. */
const SvType *keys_sv_type(const char *type);
extern const char *const keys_catalog_types[]; /* supported 'type' values */
extern const char *const keys_file_table_formats[]; /* case-sensitive */
extern const char *const keys_files_formats[];      /* case-insensitive */
extern const char *const keys_files_write_formats[]; /* INSERT INTO FILES */
extern const char *const keys_bool_true_words[]; /* meant true: 1, yes, on... */
extern const char
    *const keys_bool_false_words[]; /* meant false: 0, no, off... */

#endif /* PC_KEYS_H */
