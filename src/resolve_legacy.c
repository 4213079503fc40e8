/*
 * resolve_legacy.c - the legacy Hadoop S3A keys of broker-less transfers.
 *
 * StarRocks' HdfsFsManager.getS3AFileSystem (fe/fe-core/.../fs/hdfs/):
 *
 *   config = CloudConfigurationFactory.buildCloudConfigurationForStorage()
 *   if config is not DEFAULT:  use it (aws.s3.* or another cloud)
 *   else (s3a:// only):        Hadoop S3A from fs.s3a.access.key,
 *                              fs.s3a.secret.key, fs.s3a.endpoint,
 *                              fs.s3a.connection.ssl.enabled (default
 *                              "false"), fs.s3a.aws.credentials.provider,
 *                              fs.s3a.impl.disable.cache (default "true")
 *
 * The backends get the access key, the secret key, the endpoint, a region
 * parsed from the endpoint's host and the SSL flag (ConfigurationWrap
 * .convertObjectStoreConfToProperties); with both keys they sign with
 * them, else they use the AWS SDK default chain (fs_s3.cpp).  The provider
 * classes reach only the frontend's Hadoop S3A; fs.s3a.session.token is
 * never copied.  s3:// (getS3FileSystem) has no such fallback.
 *
 * Reached through HdfsFsManager.getFileSystem: broker-less LOAD, FILES()
 * (reads, schema detection, INSERT INTO FILES), EXPORT, SELECT ... INTO
 * OUTFILE and repositories; not FILE tables (HdfsEnvironment).
 */
#include <string.h>
#include <strings.h>

#include "aws.h"

/* Hadoop S3A's credential providers (fs.s3a.aws.credentials.provider), in
   the names Hadoop 3.4 accepts (its SDK v1 names are mapped to v2). */
static const struct {
  const char *cls;
  pc_mode mode;
} providers[] = {
    {"org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider", PC_MODE_IAM_USER},
    {"org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
     PC_MODE_IAM_USER},
    {"org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider",
     PC_MODE_ANONYMOUS},
    {"org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider",
     PC_MODE_INSTANCE_PROFILE},
    {"com.amazonaws.auth.InstanceProfileCredentialsProvider",
     PC_MODE_INSTANCE_PROFILE},
    {"software.amazon.awssdk.auth.credentials."
     "InstanceProfileCredentialsProvider",
     PC_MODE_INSTANCE_PROFILE},
    {"com.amazonaws.auth.DefaultAWSCredentialsProviderChain",
     PC_MODE_SDK_DEFAULT},
    {"software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
     PC_MODE_SDK_DEFAULT},
    {"com.amazonaws.auth.WebIdentityTokenCredentialsProvider",
     PC_MODE_WEB_IDENTITY},
    {"software.amazon.awssdk.auth.credentials."
     "WebIdentityTokenFileCredentialsProvider",
     PC_MODE_WEB_IDENTITY},
};

/* Key prefixes of the other clouds' providers, tried before DEFAULT. */
static const char *const other_clouds[] = {"azure.",
                                           "gcp.gcs.",
                                           "aliyun.oss.",
                                           "tencent.cos.",
                                           "hadoop.security.authentication",
                                           NULL};

/* The statements whose transfers reach HdfsFsManager.getFileSystem. */
static int reaches_hdfs_fs_manager(const Target *t) {
  switch (t->kind) {
  case PC_STMT_BROKER_LOAD:
  case PC_STMT_FILES:
  case PC_STMT_EXPORT:
  case PC_STMT_SELECT_INTO_OUTFILE:
  case PC_STMT_CREATE_REPOSITORY:
    return !t->broker;
  default:
    return 0;
  }
}

/* 2 when a path is s3a://, else 1 when one is s3:// or s3n://, else 0. */
static int scheme_of(const char *s) {
  int best = 0;
  for (;;) {
    while (*s == ' ')
      s++;
    if (strncmp(s, "s3a://", 6) == 0)
      return 2;
    if (value_is_s3_path(s))
      best = 1;
    const char *c = strchr(s, ',');
    if (!c)
      return best;
    s = c + 1;
  }
}

static int path_scheme(const Target *t, const View *v) {
  int best = 0;
  for (size_t i = 0; i < t->npaths && best < 2; i++)
    if (t->paths[i].text && scheme_of(t->paths[i].text) > best)
      best = scheme_of(t->paths[i].text);
  const Prop *p = v->by[KS_OTHER][F_PATH];
  if (p && best < 2 && scheme_of(p->val) > best)
    best = scheme_of(p->val);
  return best;
}

/* The legacy S3A keys set in the statement, one per field. */
typedef struct Legacy {
  const Prop *ak, *sk, *tok, *ep, *ssl, *prov;
} Legacy;

static int legacy_read(const View *v, Legacy *l) {
  const Prop *const *f = v->by[KS_OTHER];
  l->ak = f[F_ACCESS_KEY];
  l->sk = f[F_SECRET_KEY];
  l->tok = f[F_SESSION_TOKEN];
  l->ep = f[F_ENDPOINT];
  l->ssl = f[F_S3A_SSL];
  l->prov = f[F_S3A_PROVIDER];
  return l->ak || l->sk || l->tok || l->ep || l->ssl || l->prov;
}

/* Reports each legacy key set: why StarRocks does not read it. */
static void legacy_ignored(Unit *u, Target *t, const Legacy *l,
                           const Prop *winner, const char *why) {
  const Prop *all[] = {l->ak, l->sk, l->tok, l->ep, l->ssl, l->prov};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    const Prop *p = all[i];
    if (!p)
      continue;
    if (winner)
      diag_unit_rel(
          u, t, i < 3 ? R_IGNORED_CREDENTIAL : R_SETTING_WITHOUT_EFFECT,
          p->key_off, p->key_len, p->key, winner->key_off, winner->key,
          "StarRocks ignores '%s' because %s", p->key, why);
    else
      diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len, p->key,
                "StarRocks ignores '%s' %s%s%s%s", p->key, why,
                p->spec->replacement ? "; use '" : "",
                p->spec->replacement ? p->spec->replacement : "",
                p->spec->replacement ? "'" : "");
  }
}

/* The aws.s3 key that makes the map an AWS configuration (validate()), or
   NULL; *unknown when a templated flag may. */
static const Prop *aws_valid(const View *v, int *unknown, int *pair) {
  static const Field flags[] = {F_USE_DEFAULT, F_USE_IP, F_USE_WI};
  const Prop *const *f = v->by[KS_S3];
  *unknown = *pair = 0;
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
    const Prop *p = f[flags[i]];
    if (p && p->templated)
      *unknown = 1;
    else if (p && view_bool(v, p))
      return p;
  }
  const Prop *ak = view_nonempty(f[F_ACCESS_KEY]);
  if (ak && view_nonempty(f[F_SECRET_KEY])) {
    *pair = 1;
    return ak;
  }
  return NULL;
}

static int other_cloud(const Target *t) {
  for (size_t i = 0; i < t->props.n; i++)
    for (size_t j = 0; other_clouds[j]; j++)
      if (strncmp(t->props.v[i].key, other_clouds[j],
                  strlen(other_clouds[j])) == 0 &&
          *t->props.v[i].val)
        return 1;
  return 0;
}

/* The mode of the first provider class in the list, or PC_MODE_COUNT when
   propcheck does not know it. */
static pc_mode provider_mode(const Prop *prov) {
  const char *s = prov->val;
  while (*s == ' ' || *s == '\t' || *s == '\n')
    s++;
  size_t n = strcspn(s, ", \t\n");
  for (size_t i = 0; i < sizeof providers / sizeof providers[0]; i++)
    if (strlen(providers[i].cls) == n && strncmp(providers[i].cls, s, n) == 0)
      return providers[i].mode;
  return PC_MODE_COUNT;
}

/* Whether the first class of the provider list ends with name. */
static int provider_is_first(const Prop *prov, const char *name) {
  const char *s = prov->val;
  while (*s == ' ' || *s == '\t' || *s == '\n')
    s++;
  size_t n = strcspn(s, ", \t\n"), m = strlen(name);
  return n >= m && strncmp(s + n - m, name, m) == 0;
}

/* The aws.s3.* keys set without a valid mode do nothing on this path. */
static void aws_keys_unused(Unit *u, Target *t, const View *v) {
  for (int f = 1; f < F_AWS_COUNT; f++) {
    const Prop *p = v->by[KS_S3][f];
    if (p)
      diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len, p->key,
                "StarRocks ignores '%s': no aws.s3 credential mode is set, so "
                "it reads s3a:// paths with the legacy fs.s3a.* keys%s",
                p->key,
                f == F_REGION ? " and takes the region from 'fs.s3a.endpoint'"
                              : "");
  }
}

/* The note on the path, with what differs on it. */
static void legacy_note(Unit *u, Target *t, const Legacy *l, pc_mode fe,
                        int keys) {
  /* (a templated value is unknown: it may turn HTTPS on) */
  int https =
      (l->ssl && (l->ssl->templated || strcasecmp(l->ssl->val, "true") == 0)) ||
      (l->ep &&
       (l->ep->templated || strncasecmp(l->ep->val, "https://", 8) == 0));
  const char *be = keys ? "the access keys" : "the AWS SDK default chain";
  const char *split = "";
  if (l->prov && fe != PC_MODE_IAM_USER)
    split = arena_printf(u->scratch,
                         "; the frontend authenticates with '%s' (%s) but "
                         "the backends read with %s",
                         l->prov->key,
                         fe == PC_MODE_COUNT ? "a class propcheck does not "
                                               "know"
                                             : pc_mode_name(fe),
                         be);
  diag_unit(u, t, R_LEGACY_S3A_KEYS, view_anchor(t), 1, NULL,
            "no aws.s3 credential mode is set, so StarRocks reads s3a:// "
            "paths with the legacy Hadoop keys (fs.s3a.*)%s%s; prefer "
            "aws.s3.* keys",
            https ? ""
                  : ", over plain HTTP: 'fs.s3a.connection.ssl.enabled' "
                    "defaults to false here",
            split ? split : "");
}

/* fs.s3a.session.token is never copied: temporary (ASIA) keys fail. */
static void legacy_token(Unit *u, Target *t, const Legacy *l) {
  const Prop *ak = view_nonempty(l->ak), *tok = view_nonempty(l->tok);
  const AwsIdPrefix *px =
      ak && !ak->templated ? aws_id_prefix_of(ak->val) : NULL;
  const char *use = "use 'aws.s3.access_key', 'aws.s3.secret_key' and "
                    "'aws.s3.session_token'";
  if (px && px->kind == AWS_ID_TEMPORARY)
    diag_unit(u, t, R_TEMPORARY_KEY_WITHOUT_TOKEN, ak->val_off, ak->val_len,
              ak->key,
              "'%s' is a temporary (ASIA) access key, but StarRocks passes "
              "no session token on s3a:// paths (%s is never read): every "
              "request is rejected; %s",
              ak->key,
              tok ? "'fs.s3a.session.token'" : "there is no key for it", use);
  else if (tok)
    diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, tok->key_off, tok->key_len,
              tok->key,
              "StarRocks ignores '%s' on s3a:// paths: it passes only the "
              "access key, the secret key and the endpoint to Hadoop S3A and "
              "the backends; for temporary keys %s",
              tok->key, use);
}

/* A provider class that reads the keys: TemporaryAWSCredentialsProvider
   also needs fs.s3a.session.token, which this path never passes; either
   needs the pair. */
static void legacy_provider_keys(Unit *u, Target *t, const Legacy *l,
                                 pc_mode fe, int keys) {
  const Prop *p = l->prov;
  if (!p || fe != PC_MODE_IAM_USER)
    return;
  if (provider_is_first(p, "TemporaryAWSCredentialsProvider"))
    diag_unit(u, t, R_TEMPORARY_KEY_WITHOUT_TOKEN, p->val_off, p->val_len,
              p->key,
              "'%s' names TemporaryAWSCredentialsProvider, which needs "
              "'fs.s3a.session.token': StarRocks never passes it on s3a:// "
              "paths, so the frontend finds no credentials; use "
              "'aws.s3.access_key', 'aws.s3.secret_key' and "
              "'aws.s3.session_token'",
              p->key);
  else if (!keys && !l->ak && !l->sk)
    diag_unit(u, t, R_NO_CREDENTIALS, p->val_off, p->val_len, p->key,
              "'%s' reads 'fs.s3a.access.key' and 'fs.s3a.secret.key', "
              "which are not set: the frontend finds no credentials and "
              "the backends use the AWS SDK default chain",
              p->key);
}

/* The legacy path decides the S3 mode: the view's S3 slots become the
   legacy keys, so the value checks and the IAM stage read them. */
static pc_auth legacy_resolve(Unit *u, Target *t, View *v, const Legacy *l) {
  pc_auth a = {PC_MODE_NONE, PC_MODE_NONE, NULL};
  const Prop *ak = view_nonempty(l->ak), *sk = view_nonempty(l->sk);
  int keys = ak && sk;
  pc_mode fe =
      l->prov && *l->prov->val ? provider_mode(l->prov) : PC_MODE_IAM_USER;
  aws_keys_unused(u, t, v);
  if (!keys && (ak || sk))
    diag_unit(u, t, R_MISSING_KEY_PAIR, (ak ? ak : sk)->key_off,
              (ak ? ak : sk)->key_len, (ak ? ak : sk)->key,
              "'%s' is set without '%s': StarRocks uses the legacy keys only "
              "in pairs, so the backends read with the AWS SDK default chain",
              (ak ? ak : sk)->key,
              keys_name_of(KS_OTHER, ak ? F_SECRET_KEY : F_ACCESS_KEY));
  legacy_token(u, t, l);
  if (keys)
    a.mode = PC_MODE_IAM_USER;
  else if (l->prov && fe != PC_MODE_COUNT && fe != PC_MODE_IAM_USER)
    a.mode = fe;
  legacy_provider_keys(u, t, l, fe, keys);
  legacy_note(u, t, l, fe, keys);
  memset(v->by[KS_S3], 0, sizeof v->by[KS_S3]);
  v->by[KS_S3][F_ACCESS_KEY] = l->ak;
  v->by[KS_S3][F_SECRET_KEY] = l->sk;
  v->by[KS_S3][F_ENDPOINT] = l->ep;
  return a;
}

int resolve_legacy_s3(Unit *u, Target *t, View *v, pc_auth *a) {
  Legacy l;
  if (!reaches_hdfs_fs_manager(t) || !legacy_read(v, &l))
    return 0;
  int unknown, pair;
  const Prop *win = aws_valid(v, &unknown, &pair);
  if (win) {
    const char *why =
        pair ? arena_printf(u->scratch,
                            "'%s' and '%s' are set: the legacy fs.s3a.* keys "
                            "apply only when no aws.s3 credential mode is "
                            "set",
                            win->key, keys_name_of(KS_S3, F_SECRET_KEY))
             : arena_printf(u->scratch,
                            "'%s' is true: the legacy fs.s3a.* keys apply "
                            "only when no aws.s3 credential mode is set",
                            win->key);
    legacy_ignored(u, t, &l, win, why ? why : "an aws.s3 mode is set");
    return 0;
  }
  if (unknown || other_cloud(t))
    return 0; /* the mode may not be DEFAULT: say nothing */
  int scheme = path_scheme(t, v);
  if (scheme == 1) {
    legacy_ignored(u, t, &l, NULL,
                   "on s3:// paths: only s3a:// paths fall back to the "
                   "legacy Hadoop keys");
    return 0;
  }
  if (scheme != 2 || !(l.ak || l.sk || l.prov))
    return 0;
  *a = legacy_resolve(u, t, v, &l);
  return 1;
}
