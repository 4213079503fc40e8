/*
 * resolve_rest.c - the authentication of an Iceberg REST catalog.
 *
 * StarRocks decides its own security mode first (OAuth2SecurityConfigBuilder
 * in connector/iceberg/rest/OAuth2SecurityConfig.java, IcebergRESTCatalog.
 * buildContext) - and an invalid OAuth2 setup silently becomes no
 * authentication; then the Iceberg 1.10.0 it bundles picks the auth manager
 * (AuthManagers.loadAuthManager): rest.sigv4-enabled, else rest.auth.type,
 * else oauth2 when a credential or token reaches the client, else none.
 */
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

/* ---- Iceberg REST (StarRocks OAuth2SecurityConfigBuilder and
   IcebergRESTCatalog; Iceberg AuthManagers.loadAuthManager) ---- */

static void rest_ignored(Unit *u, Target *t, const Prop *p, const char *why) {
  diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, p->key_off, p->key_len, p->key,
            "StarRocks ignores '%s' because %s", p->key, why);
}

/* What StarRocks' OAuth2SecurityConfigBuilder decided. */
typedef struct RestSec {
  const Prop *sec; /* the security key, or NULL (none) */
  int oauth2, jwt; /* its value */
  int emitted;     /* StarRocks emits the OAuth2 credential / token */
} RestSec;

/* The fallback to no authentication of an oauth2 or jwt security that has
   no credential or token, or a token with a scope. */
static void rest_fallback(Unit *u, Target *t, const RestSec *rs,
                          const Prop *cred, const Prop *token,
                          const Prop *scope) {
  const Prop *sec = rs->sec;
  if (!cred && !token)
    diag_unit(u, t, R_OAUTH2_FALLBACK, sec->val_off, sec->val_len, sec->key,
              "'%s' is %s but neither '%s' nor '%s' is set: StarRocks "
              "silently falls back to no authentication%s",
              sec->key, rs->jwt ? "jwt" : "oauth2",
              keys_name_of(KS_ICEBERG, F_OAUTH_CREDENTIAL),
              keys_name_of(KS_ICEBERG, F_OAUTH_TOKEN),
              rs->jwt ? ", and the Iceberg client then sends no user's token "
                        "either: every REST call is unauthenticated (StarRocks "
                        "issue #75792; the fix, PR #75811, is not merged)"
                      : "");
  else
    diag_unit_rel(u, t, R_OAUTH2_FALLBACK, scope->key_off, scope->key_len,
                  scope->key, token->key_off, token->key,
                  "'%s' is set together with '%s': StarRocks then discards "
                  "the OAuth2 settings and silently uses no authentication "
                  "(a scope only goes with a credential)",
                  scope->key, token->key);
}

/* iceberg.catalog.security and StarRocks' OAuth2 entries: the builder
   reads the security value (none, oauth2, jwt) and emits the oauth2.*
   entries only when a credential or token is set, and no scope with a
   token; for JWT exactly as for OAuth2. */
static RestSec rest_security(Unit *u, Target *t, const View *v) {
  const Prop *const *f = v->by[KS_ICEBERG];
  RestSec rs = {f[F_ICE_SECURITY], 0, 0, 0};
  const char *s = rs.sec ? rs.sec->val : "none";
  rs.oauth2 = strcasecmp(s, "oauth2") == 0;
  rs.jwt = strcasecmp(s, "jwt") == 0;
  if (!rs.oauth2 && !rs.jwt && strcasecmp(s, "none") != 0 &&
      !rs.sec->templated)
    diag_unit(u, t, R_INVALID_VALUE, rs.sec->val_off, rs.sec->val_len,
              rs.sec->key,
              "StarRocks rejects the catalog (\"Invalid security: %s\"): use "
              "none, oauth2 or jwt",
              s);

  const Prop *cred = view_nonempty(f[F_OAUTH_CREDENTIAL]);
  const Prop *token = view_nonempty(f[F_OAUTH_TOKEN]);
  const Prop *scope = view_nonempty(f[F_OAUTH_SCOPE]);
  int valid = (cred || token) && !(token && scope);
  /* a raw credential or token still authenticates (Iceberg infers oauth2) */
  int raw = view_nonempty(f[F_ICE_CREDENTIAL]) || view_nonempty(f[F_ICE_TOKEN]);
  if ((rs.oauth2 || rs.jwt) && !valid && !raw)
    rest_fallback(u, t, &rs, cred, token, scope);
  rs.emitted = (rs.oauth2 || rs.jwt) && valid;
  if (!rs.oauth2 && !rs.jwt && !(rs.sec && rs.sec->templated)) {
    for (size_t i = 0; i < t->props.n; i++) {
      const Prop *p = &t->props.v[i];
      if (p->overridden || !p->spec || p->spec->svc != KS_ICEBERG)
        continue;
      Field fl = (Field)p->spec->field;
      if (fl == F_OAUTH_CREDENTIAL || fl == F_OAUTH_TOKEN ||
          fl == F_OAUTH_SCOPE || fl == F_OAUTH_OTHER)
        rest_ignored(u, t, p,
                     "iceberg.catalog.security is not oauth2 or jwt (a raw "
                     "'iceberg.catalog.credential' or 'iceberg.catalog.token' "
                     "works without it)");
    }
  }
  return rs;
}

/* JWT: StarRocks sends the session user's token (buildContext) only when
   the property written exactly 'iceberg.catalog.security' is jwt. */
static pc_mode rest_jwt(Unit *u, Target *t, const RestSec *rs) {
  if (strcmp(rs->sec->key, "iceberg.catalog.security") == 0)
    return PC_MODE_JWT;
  diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, rs->sec->key_off,
            rs->sec->key_len, rs->sec->key,
            "StarRocks sends the users' tokens only when the key is written "
            "exactly 'iceberg.catalog.security': with '%s' the catalog "
            "authenticates with its own credential or token alone",
            rs->sec->key);
  return PC_MODE_OAUTH2;
}

/* rest.auth.type basic: Iceberg's BasicAuthManager needs both keys, at
   CREATE (the native catalog is built eagerly). */
static void rest_basic(Unit *u, Target *t, const View *v) {
  static const Field need[] = {F_BASIC_USER, F_BASIC_PASSWORD};
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
    view_require_key(u, t, v, KS_ICEBERG, need[i],
                     "the Iceberg client fails to load the catalog (\"Invalid "
                     "username/password: missing required property\")");
}

/* rest.auth.type: sets a->mode; reports values the Iceberg client cannot
   load, and credentials an explicit type leaves unused. */
static void rest_auth_type(Unit *u, Target *t, const View *v, const Prop *auth,
                           const Prop *cred, pc_auth *a) {
  if (strcasecmp(auth->val, "sigv4") == 0) {
    a->mode = PC_MODE_SIGV4;
    if (strcmp(auth->val, "sigv4") != 0)
      diag_unit(u, t, R_INVALID_VALUE, auth->val_off, auth->val_len, auth->key,
                "'%s' = \"%s\" fails in the Iceberg client (\"Invalid "
                "delegate: null\"): write it in lower case",
                auth->key, auth->val);
  } else if (strcasecmp(auth->val, "oauth2") == 0) {
    a->mode = PC_MODE_OAUTH2;
  } else if (strcasecmp(auth->val, "basic") == 0) {
    a->mode = PC_MODE_BASIC;
    rest_basic(u, t, v);
  } else if (strcasecmp(auth->val, "none") != 0) {
    diag_unit(u, t, R_INVALID_VALUE, auth->val_off, auth->val_len, auth->key,
              "'%s' = \"%s\" is not an Iceberg auth type (none, basic, "
              "oauth2, sigv4): the Iceberg client loads it as a class name "
              "and fails",
              auth->key, auth->val);
  }
  if (cred && a->mode != PC_MODE_OAUTH2)
    diag_unit_rel(u, t, R_SETTING_WITHOUT_EFFECT, cred->key_off, cred->key_len,
                  cred->key, auth->key_off, auth->key,
                  "the Iceberg client does not use '%s': '%s' = \"%s\" "
                  "chooses its auth manager, and only oauth2 reads it",
                  cred->key, auth->key, auth->val);
}

/* SigV4: the signing credentials and region when it is on (on is the key
   that turned it on), or the SigV4 keys it ignores when it is off. */
static void rest_sigv4(Unit *u, Target *t, const View *v, const Prop *on,
                       pc_auth *a) {
  const Prop *const *f = v->by[KS_ICEBERG];
  if (a->mode != PC_MODE_SIGV4) {
    static const Field sigv4_keys[] = {F_SIGNING_NAME, F_SIGNING_REGION,
                                       F_REST_ACCESS_KEY, F_REST_SECRET_KEY,
                                       F_REST_SESSION};
    for (size_t i = 0; i < sizeof sigv4_keys / sizeof sigv4_keys[0]; i++) {
      const Prop *p = f[sigv4_keys[i]];
      if (p)
        rest_ignored(u, t, p,
                     "SigV4 is not enabled (iceberg.catalog.rest.sigv4-enabled "
                     "is not \"true\")");
    }
    return;
  }
  const Prop *ak = view_nonempty(f[F_REST_ACCESS_KEY]);
  const Prop *sk = view_nonempty(f[F_REST_SECRET_KEY]);
  const Prop *st = view_nonempty(f[F_REST_SESSION]);
  a->base = ak ? PC_MODE_IAM_USER : PC_MODE_SDK_DEFAULT;
  if (ak && !sk)
    diag_unit(u, t, R_MISSING_KEY_PAIR, ak->key_off, ak->key_len, ak->key,
              "'%s' is set without '%s': requests are signed with an empty "
              "secret and rejected",
              ak->key, keys_name_of(KS_ICEBERG, F_REST_SECRET_KEY));
  else if (sk && !ak)
    diag_unit(u, t, R_MISSING_KEY_PAIR, sk->key_off, sk->key_len, sk->key,
              "'%s' is set without '%s': the Iceberg client ignores it and "
              "signs with the SDK default credential chain",
              sk->key, keys_name_of(KS_ICEBERG, F_REST_ACCESS_KEY));
  if (st && !ak)
    rest_ignored(u, t, st, "iceberg.catalog.rest.access-key-id is not set");
  if (!view_nonempty(f[F_SIGNING_REGION]))
    diag_unit(u, t, R_SIGV4_REGION_FROM_ENVIRONMENT, on->key_off, on->key_len,
              keys_name_of(KS_ICEBERG, F_SIGNING_REGION),
              "SigV4 is enabled but '%s' is not set: the Iceberg client "
              "takes the region from each frontend's environment (not from "
              "aws.s3.region) when the catalog is created, and CREATE fails "
              "when none resolves",
              keys_name_of(KS_ICEBERG, F_SIGNING_REGION));
}

/* The first key, in the order the REST auth is decided (SigV4, then
   rest.auth.type, then security), whose templated value decides it; NULL
   when none does (template.h). */
static const Prop *rest_templated(const Prop *const *f) {
  const Prop *sig = f[F_SIGV4_ENABLED];
  if (sig && (sig->templated || value_parse_bool(sig->val)))
    return sig->templated ? sig : NULL;
  const Prop *auth = view_nonempty(f[F_REST_AUTH_TYPE]);
  if (auth)
    return auth->templated ? auth : NULL;
  const Prop *sec = f[F_ICE_SECURITY];
  return sec && sec->templated ? sec : NULL;
}

/* Iceberg's AuthManagers.loadAuthManager (1.10.0): rest.sigv4-enabled,
   else rest.auth.type, else oauth2 when a credential or token reaches the
   client (StarRocks' emitted entries or raw passthrough keys), else none. */
pc_auth resolve_rest(Unit *u, Target *t, const View *v) {
  const Prop *const *f = v->by[KS_ICEBERG];
  pc_auth a = {PC_MODE_NONE, PC_MODE_NONE, NULL};
  const Prop *tk = rest_templated(f);
  if (tk)
    return view_unknown_mode(u, t, "rest", tk);
  RestSec rs = rest_security(u, t, v);

  /* StarRocks' emitted entries override the raw passthrough ones. */
  const Prop *cred = rs.emitted ? view_nonempty(f[F_OAUTH_CREDENTIAL]) : NULL;
  const Prop *token = rs.emitted ? view_nonempty(f[F_OAUTH_TOKEN]) : NULL;
  if (!cred)
    cred = view_nonempty(f[F_ICE_CREDENTIAL]);
  if (!token)
    token = view_nonempty(f[F_ICE_TOKEN]);

  const Prop *sig = f[F_SIGV4_ENABLED];
  int sigv4 = sig && value_parse_bool(sig->val);
  const Prop *auth = view_nonempty(f[F_REST_AUTH_TYPE]);
  if (sigv4)
    a.mode = PC_MODE_SIGV4;
  else if (auth)
    rest_auth_type(u, t, v, auth, cred ? cred : token, &a);
  else if (cred || token)
    a.mode = rs.jwt ? rest_jwt(u, t, &rs) : PC_MODE_OAUTH2;
  rest_sigv4(u, t, v, sigv4 ? sig : auth, &a);
  return a;
}
