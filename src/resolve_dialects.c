/*
 * resolve_dialects.c - Aurora MySQL and Databend statements
 * (the Aurora User Guide's LOAD DATA FROM S3 and SELECT INTO OUTFILE S3
 * pages; Databend's src/query/sql/src/planner/binder/location.rs).
 *
 * Aurora carries no credentials in SQL: the IAM role attached to the DB
 * cluster does the work, so its mode is always cluster_role and what can be
 * checked is the S3 URI.  Databend resolves its connection options as its
 * location.rs does: a role first (assumed with Databend's own identity),
 * else static keys, else anonymous access when allowed; ambient credentials
 * are off unless the server allows them.
 */
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

/* s3://bucket/key, S3://..., s3-REGION://bucket/key */
static int aurora_uri_ok(const char *v, const char **why) {
  const char *sep = strstr(v, "://");
  if (!sep || (size_t)(sep - v) < 2 || strncasecmp(v, "s3", 2) != 0 ||
      (sep - v > 2 && v[2] != '-')) {
    *why = "the URI must start with s3:// or s3-REGION://";
    return 0;
  }
  const char *bucket = sep + 3;
  if (!*bucket || *bucket == '/') {
    *why = "the URI names no bucket";
    return 0;
  }
  return 1;
}

void resolve_aurora(Unit *u, Target *t, const View *v, StmtResult *r) {
  (void)v;
  r->used |= 1u << PC_SVC_S3;
  r->auth[PC_SVC_S3].mode = PC_MODE_CLUSTER_ROLE;
  for (size_t i = 0; i < t->npaths; i++) {
    const PathRef *pr = &t->paths[i];
    const char *why = NULL;
    if (!pr->text || value_is_placeholder(pr->text))
      continue;
    if (!aurora_uri_ok(pr->text, &why))
      diag_unit(u, t, R_INVALID_VALUE, pr->off, pr->len, NULL,
                "Aurora rejects this S3 URI: %s", why);
  }
}

/* ---- Databend ---- */

static const Prop *f_(const View *v, Field f) {
  return view_nonempty(v->by[KS_DATABEND][f]);
}

/* Remembers a connection's mode for stages that name it later. */
static void remember(Unit *u, const Target *t, pc_auth a) {
  if (!t->name)
    return;
  pc_file *file = u->file;
  NamedConnection *c = vec_push(&file->connections, sizeof *c, u->oom);
  if (!c)
    return;
  c->name = arena_strndup(u->file_arena, t->name, strlen(t->name));
  c->auth = a;
}

static const NamedConnection *recall(Unit *u, const char *name) {
  const Vec *cs = &u->file->connections;
  for (size_t i = cs->len; i-- > 0;) {
    const NamedConnection *c = VEC_AT(cs, NamedConnection, i);
    if (c->name && strcasecmp(c->name, name) == 0)
      return c;
  }
  return NULL;
}

/* The mode of a set of connection options (as location.rs decides it). */
static pc_auth databend_mode(Unit *u, Target *t, const View *v) {
  pc_auth a = {PC_MODE_NONE, PC_MODE_NONE, NULL};
  const Prop *role = f_(v, F_ROLE_ARN);
  const Prop *ak = f_(v, F_ACCESS_KEY), *sk = f_(v, F_SECRET_KEY);
  const Prop *tok = f_(v, F_SESSION_TOKEN), *xid = f_(v, F_EXTERNAL_ID);
  const Prop *anon = f_(v, F_DB_ANONYMOUS);
  if (role) {
    a.mode = PC_MODE_ASSUMED_ROLE;
    a.base = PC_MODE_SDK_DEFAULT; /* Databend's own identity assumes it */
    const Prop *ignored[] = {ak, sk, tok};
    for (size_t i = 0; i < 3; i++)
      if (ignored[i])
        diag_unit_rel(u, t, R_IGNORED_CREDENTIAL, ignored[i]->key_off,
                      ignored[i]->key_len, ignored[i]->key, role->key_off,
                      role->key,
                      "Databend ignores '%s' because '%s' is set "
                      "(the role is assumed instead)",
                      ignored[i]->key, role->key);
    return a;
  }
  if (xid)
    diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, xid->key_off, xid->key_len,
              xid->key, "Databend ignores '%s' because role_arn is not set",
              xid->key);
  if (ak && sk) {
    a.mode = PC_MODE_IAM_USER;
    return a;
  }
  if (ak || sk) {
    const Prop *half = ak ? ak : sk;
    diag_unit(u, t, R_MISSING_KEY_PAIR, half->key_off, half->key_len, half->key,
              "'%s' is set without '%s': Databend needs both keys", half->key,
              ak ? "secret_access_key" : "access_key_id");
    return a;
  }
  if (tok)
    diag_unit(u, t, R_SETTING_WITHOUT_EFFECT, tok->key_off, tok->key_len,
              tok->key,
              "Databend ignores '%s' without access_key_id and "
              "secret_access_key",
              tok->key);
  if (anon && value_parse_bool(anon->val)) {
    a.mode = PC_MODE_ANONYMOUS;
    return a;
  }
  diag_unit(u, t, R_NO_CREDENTIALS, view_anchor(t), 1, NULL,
            "no role_arn and no keys: Databend does not use ambient "
            "credentials (unless the server sets storage.allow_insecure), so "
            "only a public bucket with allow_anonymous = 'true' can be read");
  return a;
}

void resolve_databend(Unit *u, Target *t, const View *v, StmtResult *r) {
  const Prop *cname = f_(v, F_DB_CONNECTION_NAME);
  if (t->kind == PC_STMT_DATABEND_CREATE_CONNECTION) {
    const Prop *st = v->by[KS_DATABEND][F_DB_STORAGE_TYPE];
    if (cname)
      diag_unit(u, t, R_INVALID_PROPERTY, cname->key_off, cname->key_len,
                cname->key,
                "Databend rejects '%s' in CREATE CONNECTION "
                "(\"can not use connection_name when create connection\")",
                cname->key);
    if (!st || !*st->val) {
      diag_unit(u, t, R_MISSING_REQUIRED_KEY, view_anchor(t), 1, "storage_type",
                "STORAGE_TYPE is not set: Databend rejects "
                "the connection");
      return;
    }
    if (strcasecmp(st->val, "s3") != 0)
      return; /* azblob, gcs, ...: not AWS */
    r->used |= 1u << PC_SVC_S3;
    r->auth[PC_SVC_S3] = databend_mode(u, t, v);
    remember(u, t, r->auth[PC_SVC_S3]);
    return;
  }
  /* CREATE STAGE */
  int s3 = t->npaths && t->paths[0].text && value_is_s3_path(t->paths[0].text);
  if (!s3 && !t->props.n)
    return; /* an internal stage */
  if (cname) {
    if (t->props.n > 1)
      diag_unit(u, t, R_INVALID_VALUE, cname->key_off, cname->key_len,
                cname->key,
                "Databend rejects the stage (\"connection_name "
                "can not be used with other connection options\")");
    r->used |= 1u << PC_SVC_S3;
    const NamedConnection *c = recall(u, cname->val);
    if (c)
      r->auth[PC_SVC_S3] = c->auth;
    else
      diag_unit(u, t, R_NAMED_BROKER, cname->val_off, cname->val_len, NULL,
                "the connection is not created in this file: its mode "
                "comes from the CREATE CONNECTION statement that defines it");
    return;
  }
  r->used |= 1u << PC_SVC_S3;
  r->auth[PC_SVC_S3] = databend_mode(u, t, v);
}
