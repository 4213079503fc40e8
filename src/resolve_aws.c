/*
 * resolve_aws.c - the credential mode of aws.s3.* and aws.glue.*.
 *
 * StarRocks' AwsCloudConfigurationProvider and AwsCloudCredential
 * (fe/fe-core/src/main/java/com/starrocks/credential/aws/):
 *
 *   base = default chain   if use_aws_sdk_default_behavior
 *        | instance profile if use_instance_profile
 *        | web identity     if use_web_identity_token_file
 *        | IAM user         if access_key and secret_key are both non-empty
 *   valid = a base was found; otherwise the map is not an AWS configuration
 *   mode  = assumed role on top of base when iam_role_arn is non-empty
 *
 * Everything that loses is silently ignored by StarRocks; this file says so.
 */
#include <string.h>
#include <strings.h>

#include "aws.h"

/* The flag modes in StarRocks' order of precedence. */
static const struct {
  Field flag;
  pc_mode mode;
  const char *name; /* for "(... wins)" */
} flag_modes[] = {
    {F_USE_DEFAULT, PC_MODE_SDK_DEFAULT, "the SDK default chain"},
    {F_USE_IP, PC_MODE_INSTANCE_PROFILE, "the instance profile"},
    {F_USE_WI, PC_MODE_WEB_IDENTITY, "web identity"},
};

/* Static credential keys, ignored when a flag mode wins. */
static const Field static_keys[] = {F_ACCESS_KEY, F_SECRET_KEY,
                                    F_SESSION_TOKEN};

/* Keys that only matter when a role is assumed. */
static const Field role_keys[] = {F_EXTERNAL_ID, F_STS_REGION, F_STS_ENDPOINT};

static const char *svc_label(KeySvc svc) {
  return svc == KS_S3 ? "S3" : "Glue";
}

/* Misspelled, wrongly cased or legacy keys of the service: the finding on
   them already explains a missing mode. */
static int has_stray_keys(const Target *t, KeySvc svc) {
  const char *ns = svc == KS_S3 ? "aws.s3." : "aws.glue.";
  for (size_t i = 0; i < t->props.n; i++) {
    const Prop *p = &t->props.v[i];
    if (!p->spec && strncasecmp(p->key, ns, strlen(ns)) == 0)
      return 1;
    if (p->spec && p->spec->svc == svc && (p->spec->flags & KF_LEGACY))
      return 1;
  }
  return 0;
}

static int is_volume(const Target *t) {
  return names_kind_has(t->kind, KT_VOLUME);
}

/* Shared-data storage (StarOS FileStoreInfo, built by StarRocks'
   AwsCloudCredential.toFileStoreInfo) rebuilds the credential from fewer
   fields: with the default chain the role is dropped; with the instance
   profile the STS region and endpoint are; with access keys the session
   token and the role are.  Returns the role still used. */
static const Prop *volume_drops(Unit *u, Target *t, const View *v, KeySvc svc,
                                pc_mode base, const Prop *role) {
  const Prop *const *f = v->by[svc];
  const char *why = "StarRocks' shared-data storage drops it";
  if (base == PC_MODE_IAM_USER) {
    const Prop *tok = view_nonempty(f[F_SESSION_TOKEN]);
    if (tok)
      diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, tok->key_off, tok->key_len,
                tok->key, "a storage volume ignores '%s' with access keys: %s",
                tok->key, why);
  }
  if (!role)
    return NULL;
  if (base == PC_MODE_SDK_DEFAULT || base == PC_MODE_IAM_USER) {
    diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, role->key_off, role->key_len,
              role->key, "a storage volume ignores '%s' with %s: %s", role->key,
              base == PC_MODE_IAM_USER ? "access keys"
                                       : "the SDK default chain",
              why);
    return NULL;
  }
  if (base == PC_MODE_INSTANCE_PROFILE) {
    static const Field sts[] = {F_STS_REGION, F_STS_ENDPOINT};
    for (size_t i = 0; i < sizeof sts / sizeof sts[0]; i++) {
      const Prop *p = view_nonempty(f[sts[i]]);
      if (p)
        diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len,
                  p->key,
                  "a storage volume ignores '%s' with the instance profile: "
                  "%s",
                  p->key, why);
    }
  }
  return role;
}

/* One service's resolution, step by step (resolve_aws). */
typedef struct Aws {
  Unit *u;
  Target *t;
  const View *v;
  KeySvc svc;
  const Prop *const *f; /* v->by[svc] */
  int metastore;        /* the Glue metastore (SDK default fallback) */
  int factory;          /* read by IcebergAwsClientFactory (Iceberg catalogs) */
  int no_region;        /* the client ignores the region keys */
  int partial;          /* ALTER: the properties we cannot see are merged */
  int explained;        /* a finding already says why there is no mode */
  const Prop *unknown;  /* a templated flag that decides the mode */
  const Prop *winner;   /* the flag that chose the mode */
  const char *winner_name;
  pc_mode base; /* the mode before any role is assumed */
} Aws;

/* Flags: the first true one wins, the others are ignored. */
static void aws_flags(Aws *w) {
  for (size_t i = 0; i < sizeof flag_modes / sizeof flag_modes[0]; i++) {
    const Prop *p = w->f[flag_modes[i].flag];
    if (p && p->templated && !w->winner) {
      w->unknown = p; /* its value, unknown now, decides the mode */
      return;
    }
    if (p && p->templated)
      continue; /* true or not, it loses to the winner */
    if (p && !view_bool(w->v, p) && strcasecmp(p->val, "false") != 0)
      w->explained = 1; /* meant as true: bool-read-as-false says why */
    if (!p || !view_bool(w->v, p))
      continue;
    if (!w->winner) {
      w->winner = p;
      w->winner_name = flag_modes[i].name;
      w->base = flag_modes[i].mode;
    } else {
      diag_unit_rel(w->u, w->t, R_CONFLICTING_MODES, p->key_off, p->key_len,
                    p->key, w->winner->key_off, w->winner->key,
                    "StarRocks ignores '%s' because '%s' is also true (%s "
                    "takes precedence)",
                    p->key, w->winner->key, w->winner_name);
    }
  }
}

/* Access keys: ignored under a flag, a mode in pairs, else explained. */
static void aws_keys(Aws *w) {
  Unit *u = w->u;
  Target *t = w->t;
  const Prop *ak = view_nonempty(w->f[F_ACCESS_KEY]);
  const Prop *sk = view_nonempty(w->f[F_SECRET_KEY]);
  const Prop *tok = view_nonempty(w->f[F_SESSION_TOKEN]);
  if (w->winner) {
    for (size_t i = 0; i < sizeof static_keys / sizeof static_keys[0]; i++) {
      const Prop *p = w->f[static_keys[i]];
      if (p)
        diag_unit_rel(u, t, R_IGNORED_CREDENTIAL, p->key_off, p->key_len,
                      p->key, w->winner->key_off, w->winner->key,
                      "StarRocks ignores '%s' because '%s' is true", p->key,
                      w->winner->key);
    }
    return;
  }
  if (ak && sk) {
    w->base = PC_MODE_IAM_USER;
    return;
  }
  const Prop *half = ak ? ak : sk;
  if (half && !w->partial) {
    const char *other = keys_name_of(w->svc, ak ? F_SECRET_KEY : F_ACCESS_KEY);
    diag_unit(u, t, R_MISSING_KEY_PAIR, half->key_off, half->key_len, half->key,
              "'%s' is set without '%s': StarRocks uses access keys only in "
              "pairs, so it ignores this key and %s",
              half->key, other,
              w->metastore ? "builds the Glue client with the SDK default chain"
                           : "the properties are not an AWS configuration");
    w->explained = 1;
  }
  if (tok && !w->partial)
    diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, tok->key_off, tok->key_len,
              tok->key,
              "StarRocks ignores '%s' because '%s' and '%s' are not both "
              "set",
              tok->key, keys_name_of(w->svc, F_ACCESS_KEY),
              keys_name_of(w->svc, F_SECRET_KEY));
}

/* Iceberg catalogs: IcebergAwsClientFactory falls back to the SDK default
   chain when no base mode is set, and s3()/glue() still wrap it in
   AssumeRole.  BE data reads build their S3 configuration through
   AwsCloudCredential, whose validate() needs a base: they get none (unless
   a REST catalog vends credentials). */
static void aws_factory_role(Aws *w, const Prop *role) {
  w->base = PC_MODE_SDK_DEFAULT;
  if (w->svc == KS_S3 && !w->v->rest_vended)
    diag_unit(w->u, w->t, R_NO_CREDENTIALS, role->key_off, role->key_len,
              role->key,
              "'%s' has no base credential: the frontend's Iceberg client "
              "assumes it over the SDK default chain, but backend data reads "
              "use no S3 credentials (StarRocks needs a base mode for them); "
              "set '%s' (or another mode) to \"true\"",
              role->key, keys_name_of(w->svc, F_USE_IP));
  w->explained = 1;
}

/* The Hadoop S3A path (Hive, Hudi, Delta Lake and Paimon catalogs, FILE
   tables, FILES(), loads) assumes the role with a simple access key pair:
   the session token is dropped.  The SDK v2 clients (Glue, Iceberg) and
   storage volumes (volume_drops) differ. */
static void aws_hadoop_token(Aws *w, const Prop *role) {
  const Prop *tok = view_nonempty(w->f[F_SESSION_TOKEN]);
  if (w->base != PC_MODE_IAM_USER || !tok || w->factory || w->svc != KS_S3 ||
      is_volume(w->t))
    return;
  diag_unit_rel(w->u, w->t, R_SETTING_WITHOUT_EFFECT, tok->key_off,
                tok->key_len, tok->key, role->key_off, role->key,
                "StarRocks ignores '%s' when it assumes '%s': the Hadoop S3A "
                "client calls AssumeRole with the access key pair alone, so "
                "temporary keys fail; use long-term keys or another base mode",
                tok->key, role->key);
}

/* The role to assume on top of the base, or NULL. */
static const Prop *aws_role(Aws *w) {
  Unit *u = w->u;
  Target *t = w->t;
  const Prop *const *f = w->f;
  const Prop *role = view_nonempty(f[F_ROLE_ARN]);
  if (!role) {
    for (size_t i = 0;
         !w->partial && i < sizeof role_keys / sizeof role_keys[0]; i++) {
      const Prop *p = view_nonempty(f[role_keys[i]]);
      if (p)
        diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len,
                  p->key, "StarRocks ignores '%s' because '%s' is not set",
                  p->key, keys_name_of(w->svc, F_ROLE_ARN));
    }
    return NULL;
  }
  if (w->base == PC_MODE_NONE && w->partial) {
    /* the base may be in the existing properties */
  } else if (w->base == PC_MODE_NONE && w->factory) {
    aws_factory_role(w, role);
  } else if (w->base == PC_MODE_NONE) {
    diag_unit(u, t, R_ROLE_WITHOUT_BASE, role->key_off, role->key_len,
              role->key,
              "'%s' is set but there is no base credential to assume it "
              "with: StarRocks never assumes the role%s; set '%s' (or "
              "another mode) to \"true\"",
              role->key,
              w->metastore ? " and uses the SDK default chain"
                           : " and the properties are not an AWS configuration",
              keys_name_of(w->svc, F_USE_IP));
    w->explained = 1;
  } else {
    aws_hadoop_token(w, role);
    const Prop *ep = view_nonempty(f[F_STS_ENDPOINT]);
    /* Only the Hadoop S3A path checks it (storage volumes drop STS settings
       except for web identity); the SDK v2 clients (Glue, Iceberg) take the
       STS region from the frontend's environment. */
    if (ep && !view_nonempty(f[F_STS_REGION]) && !w->factory &&
        w->svc == KS_S3 && (!is_volume(t) || w->base == PC_MODE_WEB_IDENTITY))
      diag_unit(u, t, R_STS_ENDPOINT_WITHOUT_REGION, ep->key_off, ep->key_len,
                ep->key,
                "'%s' is set without '%s': StarRocks fails when it first "
                "assumes the role (\"STS endpoint is set but no signing "
                "region was provided\")",
                ep->key, keys_name_of(w->svc, F_STS_REGION));
  }
  return role;
}

/* The Hive-style Glue client with no credential mode:
   buildGlueCloudCredential returns null, and AWSGlueClientFactory.newClient
   then sets no region and no endpoint either. */
static void glue_unconfigured(Aws *w) {
  static const Field unused[] = {F_REGION, F_ENDPOINT};
  w->no_region = 1;
  for (size_t i = 0; !w->explained && i < sizeof unused / sizeof unused[0];
       i++) {
    const Prop *p = w->f[unused[i]];
    if (p)
      diag_unit(w->u, w->t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len,
                p->key,
                "StarRocks ignores '%s' because no aws.glue credential mode "
                "is set: the Glue client is then built with the SDK's "
                "defaults only; set '%s' (or another mode) to \"true\"",
                p->key, keys_name_of(w->svc, F_USE_IP));
  }
}

/* Region: absent means us-east-1, except for S3-compatible endpoints. */
static void aws_region(Aws *w) {
  const Prop *region = w->f[F_REGION];
  const Prop *ep = view_nonempty(w->f[F_ENDPOINT]);
  if (ep && aws_endpoint_is_non_aws(ep->val))
    return;
  const char *rname = keys_name_of(w->svc, F_REGION);
  if (!region && w->svc == KS_GLUE && !w->v->glue_hadoop)
    diag_unit(w->u, w->t, R_DEFAULT_REGION, view_anchor(w->t), 1, rname,
              "'%s' is not set: the Iceberg Glue client takes the region "
              "from each frontend's environment and silently falls back to "
              "us-east-1",
              rname);
  else if (!region)
    diag_unit(w->u, w->t, R_DEFAULT_REGION, view_anchor(w->t), 1, rname,
              "'%s' is not set: StarRocks silently uses us-east-1 for %s",
              rname, svc_label(w->svc));
  else if (!*region->val)
    diag_unit(w->u, w->t, R_DEFAULT_REGION, region->val_off, region->val_len,
              region->key,
              "'%s' is empty: StarRocks passes no region and the AWS SDK "
              "takes it from each node's environment",
              region->key);
}

/* No mode: the Glue metastore falls back to the SDK default chain, and
   anything else has no credentials; either is reported unless explained. */
static pc_auth aws_no_mode(Aws *w) {
  pc_auth a = {PC_MODE_NONE, PC_MODE_NONE, NULL};
  if (w->metastore) {
    /* The Glue client is then built with the SDK's defaults
       (AWSGlueClientFactory.newClient). */
    a.mode = PC_MODE_SDK_DEFAULT;
    int hive = w->v->glue_hadoop;
    if (!w->explained && !w->partial)
      diag_unit(w->u, w->t, R_NO_CREDENTIALS, view_anchor(w->t), 1, NULL,
                "no aws.glue credential mode is set: StarRocks builds the "
                "Glue client with the AWS SDK default credential chain of "
                "each frontend%s; set '%s' or another mode explicitly",
                hive ? " and its default region chain (no us-east-1 "
                       "fallback: the client fails when none resolves)"
                     : "",
                keys_name_of(w->svc, F_USE_IP));
    if (hive && !w->partial)
      glue_unconfigured(w); /* quiet when a finding explains the mode */
  } else if (!w->explained && !w->v->rest_vended &&
             w->t->kind != PC_STMT_CREATE_STORAGE_VOLUME) {
    diag_unit(w->u, w->t, R_NO_CREDENTIALS, view_anchor(w->t), 1, NULL,
              "%s is used but no credential mode is set: StarRocks falls back "
              "to its default configuration and access depends on each "
              "node's environment; set '%s' or another mode",
              svc_label(w->svc), keys_name_of(w->svc, F_USE_IP));
  }
  if (w->t->kind == PC_STMT_FILES && w->svc == KS_S3 && !w->partial)
    aws_region(w); /* FILES() reads s3:// in us-east-1 even so */
  return a;
}

pc_auth resolve_aws(Unit *u, Target *t, const View *v, KeySvc svc,
                    int metastore) {
  Aws w = {.u = u, .t = t, .v = v, .svc = svc, .f = v->by[svc],
           .metastore = metastore, .base = PC_MODE_NONE};
  w.factory = (v->aws_factory & (1u << svc)) != 0;
  /* ALTER merges into properties we cannot see: say nothing about keys
     that are absent, only about the keys written. */
  w.partial = names_kind_has(t->kind, KT_ALTER);
  w.explained = w.partial || has_stray_keys(t, svc);
  aws_flags(&w);
  if (w.unknown) /* a templated flag decides the mode */
    return view_unknown_mode(u, t, svc == KS_S3 ? "s3" : "glue", w.unknown);
  aws_keys(&w);
  const Prop *role = aws_role(&w);
  if (w.base != PC_MODE_NONE && is_volume(t))
    role = volume_drops(u, t, v, svc, w.base, role);
  pc_auth a = {PC_MODE_NONE, PC_MODE_NONE, NULL};
  if (w.base != PC_MODE_NONE) {
    a.mode = role ? PC_MODE_ASSUMED_ROLE : w.base;
    a.base = role ? w.base : PC_MODE_NONE;
  } else {
    a = aws_no_mode(&w);
  }
  if (a.mode != PC_MODE_NONE && !w.partial && !w.no_region)
    aws_region(&w);
  return a;
}
