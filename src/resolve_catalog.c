/*
 * resolve_catalog.c - catalog types, metastores, and what each Iceberg
 * catalog hands the Iceberg library.
 *
 * CatalogAnalyzer requires 'type'; each connector then picks its metastore
 * from a selector key and requires the keys of that metastore (HiveConnector,
 * HudiConnector, DeltaLakeInternalMgr, IcebergCatalogProperties,
 * PaimonConnector, UnifiedConnector).  Iceberg REST, JDBC and Hadoop
 * catalogs hand every iceberg.catalog.* key, stripped of its prefix, to the
 * Iceberg client; Glue and Hive catalogs hand the properties as written.
 * The REST service's authentication is resolve_rest.c's.
 */
#include <string.h>
#include <strings.h>

#include "aws.h"

/* What a metastore (or Iceberg catalog type) needs. */
enum {
  NEED_URIS = 1u << 0,     /* hive.metastore.uris */
  NEED_GLUE = 1u << 1,     /* Glue: the glue service is used */
  NEED_REST = 1u << 2,     /* REST: iceberg.catalog.uri, REST auth */
  NEED_ICE_WH = 1u << 3,   /* iceberg.catalog.warehouse */
  NEED_ICE_URI = 1u << 4,  /* iceberg.catalog.uri */
  NEED_PAIMON_WH = 1u << 5 /* paimon.catalog.warehouse */
};

/* How an Iceberg catalog hands its properties to the Iceberg library. */
enum {
  /* every property as written, then each iceberg.catalog.* key with the
     prefix stripped (IcebergRESTCatalog, IcebergJdbcCatalog,
     IcebergHadoopCatalog) */
  MS_STRIPS = 1u << 0,
  /* every property as written, nothing stripped (IcebergGlueCatalog,
     IcebergHiveCatalog): Iceberg never reads an iceberg.catalog.* key */
  MS_AS_WRITTEN = 1u << 1
};

typedef struct Metastore {
  const char *name; /* canonical (lower-case) value */
  unsigned needs;
  unsigned traits; /* MS_* */
} Metastore;

static const Metastore hive_ms[] = {{"hive", NEED_URIS, 0},
                                    {"glue", NEED_GLUE, 0},
                                    {"dlf", 0, 0},
                                    {NULL, 0, 0}};
/* HudiConnector and DeltaLakeInternalMgr.SUPPORTED_METASTORE_TYPE; Delta
   Lake's "unity" exists only in open PRs (#79449). */
static const Metastore hudi_ms[] = {{"hive", NEED_URIS, 0},
                                    {"glue", NEED_GLUE, 0},
                                    {"dlf", 0, 0},
                                    {NULL, 0, 0}};
static const Metastore delta_ms[] = {{"hive", NEED_URIS, 0},
                                     {"glue", NEED_GLUE, 0},
                                     {"dlf", 0, 0},
                                     {NULL, 0, 0}};
static const Metastore iceberg_ms[] = {
    {"hive", NEED_URIS, MS_AS_WRITTEN},
    {"glue", NEED_GLUE, MS_AS_WRITTEN},
    {"rest", NEED_REST | NEED_ICE_URI, MS_STRIPS},
    {"hadoop", NEED_ICE_WH, MS_STRIPS},
    {"jdbc", NEED_ICE_URI | NEED_ICE_WH, MS_STRIPS},
    {NULL, 0, 0}};
static const Metastore unified_ms[] = {
    {"hive", NEED_URIS, 0}, {"glue", NEED_GLUE, 0}, {NULL, 0, 0}};

/* How a catalog type's connector builds its AWS clients. */
enum {
  /* S3 and Glue clients by IcebergAwsClientFactory (every Iceberg catalog
     sets client.factory to it): the SDK default chain when no base mode is
     set, and a role assumed over it */
  CK_AWS_FACTORY = 1u << 0,
  /* the Glue client reads aws.glue.* through HiveConf (getBoolean trims
     and ignores case; AwsCloudConfigurationProvider.
     buildGlueCloudCredential) */
  CK_GLUE_HIVECONF = 1u << 1,
  /* a unified catalog's Glue metastore: its Hive, Hudi and Delta Lake
     tables read aws.glue.* through HiveConf, its Iceberg tables through
     IcebergAwsClientFactory (Boolean.parseBoolean: no trim; a role over
     the default chain); the Glue mode resolved is the Iceberg tables' */
  CK_GLUE_BOTH = 1u << 2
};

/* Per catalog type: the selector key and its values. */
typedef struct CatalogKind {
  const char *type; /* 'type' value (compared ignoring case) */
  KeySvc sel_svc;   /* selector key: service and field */
  Field selector;
  const char *dflt;        /* metastore when the selector is absent;
                              NULL: the selector is required */
  const Metastore *values; /* NULL: any value (paimon) */
  const char *missing;     /* StarRocks' message when required */
  int exact;               /* values compared case-sensitively */
  unsigned traits;         /* CK_* */
} CatalogKind;

static const CatalogKind catalog_kinds[] = {
    {"hive", KS_OTHER, F_HIVE_MS_TYPE, "hive", hive_ms, NULL, 0,
     CK_GLUE_HIVECONF},
    {"hudi", KS_OTHER, F_HIVE_MS_TYPE, "hive", hudi_ms, NULL, 0,
     CK_GLUE_HIVECONF},
    {"deltalake", KS_OTHER, F_HIVE_MS_TYPE, "hive", delta_ms, NULL, 0,
     CK_GLUE_HIVECONF},
    {"iceberg", KS_ICEBERG, F_ICEBERG_TYPE, NULL, iceberg_ms,
     "StarRocks rejects the catalog (\"Can't find iceberg native catalog "
     "type. You must specify the 'iceberg.catalog.type' property\")", 0,
     CK_AWS_FACTORY},
    {"paimon", KS_OTHER, F_PAIMON_TYPE, NULL, NULL,
     "StarRocks rejects the catalog (\"The property paimon.catalog.type must "
     "be set.\")", 0, 0},
    /* UnifiedConnector looks the value up in a list: exact case */
    {"unified", KS_OTHER, F_UNIFIED_MS_TYPE, NULL, unified_ms,
     "StarRocks rejects the catalog (\"Unified catalog only supports hive "
     "and glue as metastore.\")",
     1, CK_GLUE_BOTH},
    {NULL, KS_OTHER, F_NONE, NULL, NULL, NULL, 0, 0}};

/* The keys UnifiedConnector sets itself from unified.metastore.type, in a
   Guava ImmutableMap builder over the user's map: a user value for any of
   them is a duplicate entry, and building the map throws. */
static const char *const unified_derived[] = {
    "hive.metastore.type", "iceberg.catalog.type", "paimon.catalog.type",
    "kudu.catalog.type", NULL};

static const CatalogKind *find_kind(const char *type) {
  for (size_t i = 0; catalog_kinds[i].type; i++)
    if (strcasecmp(type, catalog_kinds[i].type) == 0)
      return &catalog_kinds[i];
  return NULL;
}

static const Prop *selector_prop(const View *v, const CatalogKind *ck) {
  const Prop *p = v->by[ck->sel_svc][ck->selector];
  /* starrocks.catalog-type is an alias of iceberg.catalog.type, read when
     the main key is absent or empty (IcebergCatalogProperties.
     initCatalogType tests Strings.isNullOrEmpty) */
  if ((!p || !*p->val) && ck->selector == F_ICEBERG_TYPE) {
    const Prop *alias = v->by[KS_OTHER][F_ICEBERG_TYPE];
    if (alias || p)
      p = alias && *alias->val ? alias : NULL;
  }
  return p;
}

/* The deprecated alias next to a non-empty iceberg.catalog.type: never
   read. */
static void check_alias_unread(Unit *u, Target *t, const View *v,
                               const CatalogKind *ck) {
  const Prop *main = v->by[ck->sel_svc][ck->selector];
  const Prop *alias = v->by[KS_OTHER][F_ICEBERG_TYPE];
  if (ck->selector == F_ICEBERG_TYPE && alias && main && *main->val)
    diag_unit_rel(u, t, R_SETTING_WITHOUT_EFFECT, alias->key_off,
                  alias->key_len, alias->key, main->key_off, main->key,
                  "StarRocks ignores '%s' because '%s' is set: it reads the "
                  "deprecated alias only when the main key is absent or "
                  "empty",
                  alias->key, main->key);
}

static const Metastore *find_ms(const CatalogKind *ck, const char *value) {
  if (!ck->values)
    return NULL;
  for (size_t i = 0; ck->values[i].name; i++)
    if ((ck->exact ? strcmp : strcasecmp)(value, ck->values[i].name) == 0)
      return &ck->values[i];
  return NULL;
}

/* Paimon: "hive" (exact) needs the metastore URIs, "dlf" (any case) nothing,
   anything else a warehouse. */
static unsigned paimon_needs(const char *value) {
  if (strcmp(value, "hive") == 0)
    return NEED_URIS;
  if (strcasecmp(value, "dlf") == 0)
    return 0;
  return NEED_PAIMON_WH;
}

static int is_alter(const Target *t) {
  return names_kind_has(t->kind, KT_ALTER);
}

/* REST, JDBC and Hadoop Iceberg catalogs hand the Iceberg client every
   property as written, then the iceberg.catalog.* ones stripped (these win):
   an unprefixed Iceberg key reaches the client too. */
static const struct {
  const char *key;
  Field f;
} unprefixed_ice[] = {{"uri", F_ICE_URI},
                      {"warehouse", F_ICE_WAREHOUSE},
                      {"credential", F_ICE_CREDENTIAL},
                      {"token", F_ICE_TOKEN},
                      {"security", F_ICE_SECURITY},
                      {NULL, F_NONE}};

static const Prop *prop_named(const Target *t, const char *key) {
  const Prop *last = NULL;
  for (size_t i = 0; i < t->props.n; i++)
    if (strcmp(t->props.v[i].key, key) == 0)
      last = &t->props.v[i];
  return last;
}

static const Metastore *find_ms(const CatalogKind *ck, const char *value);

/* How the catalog's metastore hands properties to Iceberg (MS_*). */
static unsigned ms_traits(const CatalogKind *ck, const char *metastore) {
  const Metastore *ms = metastore ? find_ms(ck, metastore) : NULL;
  return ms ? ms->traits : 0;
}

static void prepare_unprefixed(const Target *t, View *v) {
  for (size_t i = 0; unprefixed_ice[i].key; i++) {
    const Prop **slot = &v->by[KS_ICEBERG][unprefixed_ice[i].f];
    if (!*slot)
      *slot = prop_named(t, unprefixed_ice[i].key);
  }
}

/* The unprefixed keys: they work, but not where StarRocks documents them. */
static void check_unprefixed(Unit *u, Target *t, const View *v) {
  for (size_t i = 0; unprefixed_ice[i].key; i++) {
    const Prop *p = v->by[KS_ICEBERG][unprefixed_ice[i].f];
    if (p && strcmp(p->key, unprefixed_ice[i].key) == 0)
      diag_unit(u, t, R_UNPREFIXED_ICEBERG_KEY, p->key_off, p->key_len,
                p->key,
                "'%s' reaches the Iceberg client because StarRocks passes a "
                "%s catalog every property as written; StarRocks documents "
                "'%s'",
                p->key, v->metastore,
                keys_name_of(KS_ICEBERG, unprefixed_ice[i].f));
  }
}

/* Iceberg client keys that no StarRocks catalog uses (aws_data.c says
   why): the client factory that reads them is replaced, and the REST signer
   of Iceberg 1.10.0 has no assume-role. */
static void check_inert(Unit *u, Target *t) {
  for (size_t i = 0; i < t->props.n; i++) {
    const Prop *p = &t->props.v[i];
    for (size_t k = 0; !p->overridden && aws_iceberg_inert_keys[k].name; k++)
      if (strcasecmp(p->key, aws_iceberg_inert_keys[k].name) == 0)
        diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len,
                  p->key,
                  "StarRocks ignores '%s': it replaces the Iceberg client "
                  "factory that reads it with its own (client.factory), and "
                  "the REST SigV4 signer of Iceberg 1.10.0, which StarRocks "
                  "bundles, assumes no role; %s",
                  p->key, aws_iceberg_inert_keys[k].instead);
  }
}

/* Iceberg Glue and Hive catalogs: an iceberg.catalog.* key reaches Iceberg
   under its own name, which Iceberg never reads.  Not reported here: keys
   StarRocks reads itself (iceberg.catalog.type, iceberg.catalog.hive.
   metastore.uris), REST-only keys and keys StarRocks overwrites (their own
   findings), and case slips (key-case). */
static int read_as_written(const Prop *p) {
  const KeySpec *k = p->spec;
  if (!k)
    return keys_case_miss(p->key) != NULL;
  return k->field == F_ICEBERG_TYPE || k->field == F_HIVE_MS_URIS ||
         (k->flags & (KF_REST | KF_OVERWRITTEN));
}

/* Names that do work unprefixed there, to suggest: the warehouse (Iceberg's
   GlueCatalog and HiveCatalog), the region and FileIO keys StarRocks'
   IcebergAwsClientFactory reads, and GlueCatalog's own AwsProperties. */
static const struct {
  const char *name;
  int glue_only;
} iceberg_plain[] = {{"warehouse", 0},
                     {"client.region", 0},
                     {"s3.access-key-id", 0},
                     {"s3.secret-access-key", 0},
                     {"s3.session-token", 0},
                     {"glue.id", 1},
                     {"glue.skip-archive", 1},
                     {NULL, 0}};

static int iceberg_reads_plain(const char *name, int glue) {
  for (size_t i = 0; iceberg_plain[i].name; i++)
    if (strcmp(name, iceberg_plain[i].name) == 0 &&
        (glue || !iceberg_plain[i].glue_only))
      return 1;
  return 0;
}

static void check_as_written(Unit *u, Target *t, const View *v) {
  for (size_t i = 0; i < t->props.n; i++) {
    const Prop *p = &t->props.v[i];
    if (p->overridden || strncasecmp(p->key, "iceberg.catalog.", 16) != 0 ||
        !p->key[16] || read_as_written(p))
      continue;
    char *plain = arena_strndup(u->scratch, p->key + 16, strlen(p->key + 16));
    if (!plain) {
      *u->oom = 1;
      return;
    }
    str_lower(plain);
    int hint = iceberg_reads_plain(plain, strcmp(v->metastore, "glue") == 0);
    diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len, p->key,
              "StarRocks ignores '%s' in an Iceberg %s catalog: it hands "
              "Iceberg the properties as written and strips the "
              "iceberg.catalog. prefix only in REST, JDBC and Hadoop "
              "catalogs, so nothing reads this key%s%s%s",
              p->key, v->metastore, hint ? "; write '" : "",
              hint ? plain : "", hint ? "', which is read as written" : "");
  }
}

/* Iceberg library switches that fail there: with Lake Formation on,
   GlueCatalog.initialize requires a LakeFormationAwsClientFactory, but
   client.factory is StarRocks' own (Iceberg 1.10.0 GlueCatalog; the native
   catalog is built at CREATE). */
static const struct {
  const char *key, *metastore, *why;
} iceberg_failing[] = {
    {"glue.lakeformation-enabled", "glue",
     "Iceberg's GlueCatalog then requires a Lake Formation client factory, "
     "and StarRocks sets its own (\"Detected LakeFormation enabled for Glue "
     "catalog, should use a client factory that extends "
     "LakeFormationAwsClientFactory\")"},
    {NULL, NULL, NULL}};

static void check_failing(Unit *u, Target *t, const View *v) {
  for (size_t i = 0; iceberg_failing[i].key; i++) {
    const Prop *p = prop_named(t, iceberg_failing[i].key);
    if (p && !p->overridden && !p->templated &&
        strcmp(v->metastore, iceberg_failing[i].metastore) == 0 &&
        value_parse_bool(p->val))
      diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
                "StarRocks fails to create the catalog with '%s' set to "
                "true: %s",
                p->key, iceberg_failing[i].why);
  }
}

void resolve_catalog_prepare(const Target *t, View *v) {
  if (is_alter(t))
    return;
  const Prop *type = v->by[KS_OTHER][F_TYPE];
  const CatalogKind *ck = type ? find_kind(type->val) : NULL;
  if (!ck)
    return;
  v->catalog_type = ck->type;
  if (ck->traits & CK_AWS_FACTORY)
    v->aws_factory = 1u << KS_S3 | 1u << KS_GLUE;
  const Prop *sel = selector_prop(v, ck);
  const char *msv = sel ? sel->val : ck->dflt;
  if (!msv)
    return;
  const Metastore *ms = find_ms(ck, msv);
  v->metastore = ms ? ms->name : NULL;
  if (ms && (ms->traits & MS_STRIPS))
    prepare_unprefixed(t, v);
  else if (ms && (ms->traits & MS_AS_WRITTEN)) /* Iceberg reads 'warehouse' */
    v->by[KS_ICEBERG][F_ICE_WAREHOUSE] = prop_named(t, "warehouse");
  unsigned needs = ck->values ? (ms ? ms->needs : 0) : paimon_needs(msv);
  v->glue_used = (needs & NEED_GLUE) != 0;
  v->glue_hadoop = v->glue_used && (ck->traits & CK_GLUE_HIVECONF);
  v->glue_both = v->glue_used && (ck->traits & CK_GLUE_BOTH);
  if (v->glue_both)
    v->aws_factory |= 1u << KS_GLUE;
  if (needs & NEED_REST) {
    const Prop *vend = v->by[KS_ICEBERG][F_VENDED];
    v->rest_vended = !vend || value_parse_bool(vend->val);
  }
}

/* ---- Checks ---- */

/* hive.metastore.uris as StarRocks' validateMetastoreUris checks it: a
   comma-separated list (no trimming), each thrift://host:port. */
static void check_uris(Unit *u, Target *t, const Prop *p) {
  if (p->placeholder)
    return;
  const char *s = p->val;
  for (;;) {
    size_t n = strcspn(s, ",");
    const char *sep = strstr(s, "://");
    const char *why = NULL;
    if (n > 0 && (*s == ' ' || *s == '\t' || s[n - 1] == ' '))
      why = "a space around a comma: StarRocks splits the list on ',' and "
            "does not trim";
    else if (!sep || sep > s + n || (size_t)(sep - s) != 6 ||
             strncmp(s, "thrift", 6) != 0)
      why = "the scheme must be thrift";
    else {
      const char *host = sep + 3;
      size_t hn = strcspn(host, ":/,");
      if (hn == 0 || host + hn > s + n)
        why = "the host is empty";
      else if (host[hn] != ':' || !(host[hn + 1] >= '0' && host[hn + 1] <= '9'))
        why = "the port must be given explicitly";
    }
    if (why) {
      diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
                "StarRocks rejects '%s' = \"%s\": %s (thrift://host:port, "
                "comma-separated, no spaces)",
                p->key, p->val, why);
      return;
    }
    if (!s[n])
      break;
    s += n + 1;
  }
}

static int is_unified_derived(const CatalogKind *ck, const Prop *p) {
  return strcmp(ck->type, "unified") == 0 &&
         value_in(p->key, unified_derived, 0);
}

/* A unified catalog's own keys the user set too: CREATE fails. */
static void check_unified_derived(Unit *u, Target *t, const CatalogKind *ck) {
  for (size_t i = 0; i < t->props.n; i++) {
    const Prop *p = &t->props.v[i];
    if (!p->overridden && is_unified_derived(ck, p))
      diag_unit(u, t, R_INVALID_PROPERTY, p->key_off, p->key_len, p->key,
                "StarRocks rejects '%s' in a unified catalog (\"Multiple "
                "entries with same key\"): the catalog sets it itself from "
                "unified.metastore.type",
                p->key);
  }
}

/* ALTER CATALOG: CatalogAnalyzer.visitAlterCatalogStatement rejects the
   exact key type and nothing else. */
static void check_alter(Unit *u, Target *t, const View *v) {
  const Prop *type = v->by[KS_OTHER][F_TYPE];
  if (type)
    diag_unit(u, t, R_INVALID_PROPERTY, type->key_off, type->key_len,
              type->key,
              "StarRocks rejects ALTER CATALOG with '%s' (\"Not support alter "
              "catalog property type\"): drop and create the catalog to "
              "change its type",
              type->key);
}

/* Keys that belong to another catalog or metastore type. */
static void check_misplaced(Unit *u, Target *t, const View *v,
                            const CatalogKind *ck, unsigned needs) {
  for (size_t i = 0; i < t->props.n; i++) {
    const Prop *p = &t->props.v[i];
    if (p->overridden || !p->spec || is_unified_derived(ck, p))
      continue;
    Field f = (Field)p->spec->field;
    const char *why = NULL;
    switch ((KeySvc)p->spec->svc) {
    case KS_ICEBERG:
      if (strcmp(ck->type, "iceberg") != 0)
        why = "it configures Iceberg catalogs";
      else if (!(needs & NEED_REST) && (p->spec->flags & KF_REST))
        why = "it only applies to REST catalogs";
      else if (f == F_HIVE_MS_URIS && !(needs & NEED_URIS))
        why = "it only applies to a Hive metastore";
      break;
    case KS_GLUE:
      if (!v->glue_used)
        why = "the metastore is not Glue";
      break;
    case KS_OTHER:
      if (f == F_HIVE_MS_URIS && !(needs & NEED_URIS))
        why = "it only applies to a Hive metastore";
      else if (f == F_HIVE_MS_TYPE && ck->selector != F_HIVE_MS_TYPE)
        why = "this catalog type does not read it";
      else if ((f == F_PAIMON_TYPE || f == F_PAIMON_WAREHOUSE) &&
               strcmp(ck->type, "paimon") != 0)
        why = "it configures Paimon catalogs";
      else if (f == F_UNIFIED_MS_TYPE && strcmp(ck->type, "unified") != 0)
        why = "it configures unified catalogs";
      else if (f == F_ICEBERG_TYPE && strcmp(ck->type, "iceberg") != 0)
        why = "it configures Iceberg catalogs";
      break;
    default:
      break;
    }
    if (why)
      diag_unit(u, t, R_KEY_FOR_OTHER_METASTORE, p->key_off, p->key_len, p->key,
                "StarRocks ignores '%s' in this %s catalog%s%s%s: %s", p->key,
                ck->type, v->metastore ? " (metastore " : "",
                v->metastore ? v->metastore : "", v->metastore ? ")" : "", why);
  }
}

/* ---- A unified catalog's two readings of aws.glue.* ---- */

/* The credential flags in StarRocks' order of precedence (both readers
   follow AwsCloudCredential's). */
static const struct {
  Field f;
  const char *mode;
} glue_flags[] = {{F_USE_DEFAULT, "the SDK default chain"},
                  {F_USE_IP, "the instance profile"},
                  {F_USE_WI, "web identity"}};

/* The flag that wins for one reader (hiveconf: HiveConf.getBoolean, else
   Boolean.parseBoolean), or -1. */
static int glue_winner(const View *v, int hiveconf) {
  for (size_t i = 0; i < sizeof glue_flags / sizeof glue_flags[0]; i++) {
    const Prop *p = v->by[KS_GLUE][glue_flags[i].f];
    if (p && !p->templated &&
        (hiveconf ? value_parse_hadoop_bool(p->val) == 1
                  : value_parse_bool(p->val)))
      return (int)i;
  }
  return -1;
}

/* A flag such as " true" is true for HiveConf (trimmed) and false for
   Boolean.parseBoolean: when that changes the winning mode, the Hive, Hudi
   and Delta Lake tables and the Iceberg tables of the catalog use
   different Glue credentials.  One finding, on the flag. */
static int glue_keys(const View *v) {
  return view_nonempty(v->by[KS_GLUE][F_ACCESS_KEY]) &&
         view_nonempty(v->by[KS_GLUE][F_SECRET_KEY]);
}

/* A role with no base credential: the Iceberg tables' factory assumes it
   over the default chain, AwsCloudCredential.validate() of the Hive side
   fails and its Glue client uses the SDK defaults, without the role. */
static void check_glue_role(Unit *u, Target *t, const View *v) {
  const Prop *role = view_nonempty(v->by[KS_GLUE][F_ROLE_ARN]);
  if (!role || role->templated || glue_winner(v, 1) >= 0 || glue_keys(v))
    return;
  diag_unit(u, t, R_ROLE_WITHOUT_BASE, role->key_off, role->key_len,
            role->key,
            "'%s' has no base credential: in this unified catalog only the "
            "Iceberg tables assume it (over the SDK default chain); its Hive, "
            "Hudi and Delta Lake tables never do and reach Glue with the "
            "SDK defaults; set '%s' (or another mode) to \"true\"",
            role->key, keys_name_of(KS_GLUE, F_USE_IP));
}

static void check_glue_readings(Unit *u, Target *t, const View *v) {
  check_glue_role(u, t, v);
  int hw = glue_winner(v, 1), iw = glue_winner(v, 0);
  if (hw < 0 || hw == iw)
    return;
  const Prop *p = v->by[KS_GLUE][glue_flags[hw].f];
  const char *ice = iw >= 0       ? glue_flags[iw].mode
                    : glue_keys(v) ? "the access keys"
                                   : "the SDK default chain";
  diag_unit(u, t, R_BOOL_READ_AS_FALSE, p->val_off, p->val_len, p->key,
            "this unified catalog reads '%s' = \"%s\" two ways: its Hive, "
            "Hudi and Delta Lake tables take it as true (HiveConf trims the "
            "value) and reach Glue with %s; its Iceberg tables take it as "
            "false (Boolean.parseBoolean does not trim) and use %s; write "
            "\"true\"",
            p->key, p->val, glue_flags[hw].mode, ice);
  view_fix_contents(u, p->val_off, p->val_len, "true", "write");
}

/* A templated metastore selector: the services it may select (Glue, and
   for Iceberg REST) are unknown, unless the Glue one was resolved from its
   own keys already. */
static void catalog_unknown(Unit *u, Target *t, StmtResult *r,
                            const CatalogKind *ck, const Prop *sel) {
  int glue = 0, rest = 0;
  for (size_t i = 0; ck->values && ck->values[i].name; i++) {
    glue |= (ck->values[i].needs & NEED_GLUE) != 0;
    rest |= (ck->values[i].needs & NEED_REST) != 0;
  }
  if (glue && !(r->used & (1u << PC_SVC_GLUE))) {
    r->used |= 1u << PC_SVC_GLUE;
    r->auth[PC_SVC_GLUE] = view_unknown_mode(u, t, "glue", sel);
  }
  if (rest) {
    r->used |= 1u << PC_SVC_REST;
    r->auth[PC_SVC_REST] = view_unknown_mode(u, t, "rest", sel);
  }
}

void resolve_catalog_check(Unit *u, Target *t, const View *v, StmtResult *r) {
  if (is_alter(t)) {
    check_alter(u, t, v);
    return;
  }
  const Prop *type = v->by[KS_OTHER][F_TYPE];
  if (!type || !*type->val) {
    view_require_key(
        u, t, v, KS_OTHER, F_TYPE,
        "StarRocks rejects the catalog (\"'type' can not be null or "
        "empty\")");
    return;
  }
  if (type->templated)
    return; /* the catalog type is filled in later: unknown now */
  if (!value_in(type->val, keys_catalog_types, 1)) {
    diag_unit(u, t, R_INVALID_VALUE, type->val_off, type->val_len, type->key,
              "StarRocks rejects the catalog (\"[type : %s] is not "
              "supported\")",
              type->val);
    return;
  }
  const CatalogKind *ck = find_kind(type->val);
  if (!ck) { /* jdbc, es, ...: no metastore, no AWS keys */
    CatalogKind plain = {type->val, KS_OTHER, F_NONE, NULL, NULL, NULL, 0, 0};
    check_misplaced(u, t, v, &plain, 0);
    return;
  }
  const Prop *sel = selector_prop(v, ck);
  if (!sel && !ck->dflt) {
    view_require_key(u, t, v, ck->sel_svc, ck->selector, ck->missing);
    return;
  }
  check_unified_derived(u, t, ck);
  check_alias_unread(u, t, v, ck);
  unsigned needs;
  if (sel && sel->templated) { /* the metastore (Glue? REST?) is unknown */
    catalog_unknown(u, t, r, ck, sel);
    return;
  }
  if (ck->values) {
    const char *msv = sel ? sel->val : ck->dflt;
    const Metastore *ms = find_ms(ck, msv);
    if (!ms) {
      int case_slip = ck->exact && find_ms(&(CatalogKind){.values = ck->values},
                                           msv) != NULL;
      diag_unit(u, t, R_INVALID_VALUE, sel->val_off, sel->val_len, sel->key,
                "StarRocks rejects the catalog: metastore type \"%s\" is not "
                "supported for %s catalogs%s",
                sel->val, ck->type,
                case_slip ? " (the value is case-sensitive: write it in "
                            "lower case)"
                          : "");
      return;
    }
    needs = ms->needs;
  } else {
    needs = paimon_needs(sel->val);
  }

  if (needs & NEED_URIS) {
    const Prop *uris = v->by[KS_OTHER][F_HIVE_MS_URIS];
    if (!uris && ck->selector == F_ICEBERG_TYPE)
      uris = v->by[KS_ICEBERG][F_HIVE_MS_URIS];
    if (!uris || !*uris->val)
      view_require_key(
          u, t, v, KS_OTHER, F_HIVE_MS_URIS,
          "StarRocks rejects the catalog (\"hive.metastore.uris must be set "
          "in properties\")");
    else
      check_uris(u, t, uris);
  }
  if (needs & NEED_ICE_URI)
    view_require_key(
        u, t, v, KS_ICEBERG, F_ICE_URI,
        "the Iceberg catalog fails to load (\"Failed to load rest catalog\" "
        "/ \"must set uri\")");
  if (needs & NEED_ICE_WH)
    view_require_key(
        u, t, v, KS_ICEBERG, F_ICE_WAREHOUSE,
        "StarRocks rejects the catalog (\"must set warehouse location\")");
  if (needs & NEED_PAIMON_WH)
    view_require_key(u, t, v, KS_OTHER, F_PAIMON_WAREHOUSE,
                     "StarRocks rejects the catalog (\"The property "
                     "paimon.catalog.warehouse must be set.\")");
  if (v->glue_both)
    check_glue_readings(u, t, v);
  unsigned mst = ms_traits(ck, v->metastore);
  if (mst & MS_STRIPS) {
    check_unprefixed(u, t, v);
    check_inert(u, t);
  } else if (mst & MS_AS_WRITTEN) {
    check_as_written(u, t, v);
    check_failing(u, t, v);
  }
  if (needs & NEED_REST) {
    r->used |= 1u << PC_SVC_REST;
    r->auth[PC_SVC_REST] = resolve_rest(u, t, v);
  }
  check_misplaced(u, t, v, ck, needs);
}
