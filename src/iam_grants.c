/*
 * iam_grants.c - the IAM stage's entry point: for each credential a
 * resolved statement uses (S3, the Glue metastore, Iceberg REST with
 * SigV4), one grant - who needs it (the principal, and for an assumed role
 * who assumes it) and what it needs (iam_needs.c, iam_catalog.c).
 */
#include <string.h>
#include <strings.h>

#include "iam.h"

/* ---- Principals ---- */

/* The base principal's placeholder ARN for an assumed role (the trust
   policy's Principal). */
static const char *base_arn(Unit *u, pc_mode base, const char *part,
                            int databend) {
  const char *who;
  if (databend)
    who = "role/DATABEND_ROLE";
  else if (base == PC_MODE_IAM_USER)
    who = "user/STARROCKS_USER";
  else if (base == PC_MODE_WEB_IDENTITY)
    who = "role/STARROCKS_WEB_IDENTITY_ROLE";
  else
    who = "role/STARROCKS_NODE_ROLE";
  return arena_printf(u->scratch, "arn:%s:iam::ACCOUNT_ID:%s", part, who);
}

/* Who holds a credential of mode m (for people). */
static const char *mode_phrase(Arena *a, pc_mode m, const char *ak_key,
                               const char *nodes) {
  switch (m) {
  case PC_MODE_INSTANCE_PROFILE:
    return arena_printf(a, "the EC2 instance role of %s (instance profile)",
                        nodes);
  case PC_MODE_IAM_USER:
    return arena_printf(a, "the IAM user whose access key is in %s", ak_key);
  case PC_MODE_WEB_IDENTITY:
    return arena_printf(a, "the role of %s' web identity", nodes);
  case PC_MODE_SDK_DEFAULT:
    return arena_printf(a, "the AWS SDK default credentials of %s", nodes);
  default:
    return "the base credentials";
  }
}

/* Fills the principal of g from its mode. */
static void principal(Unit *u, IamGrant *g, const View *v, const Target *t,
                      KeySvc ks, const char *part) {
  Arena *a = u->scratch;
  const char *ak_key = ks == KS_ICEBERG
                           ? keys_name_of(KS_ICEBERG, F_REST_ACCESS_KEY)
                       : ks == KS_DATABEND ? "access_key_id"
                       : v->by[ks][F_ACCESS_KEY]
                           ? v->by[ks][F_ACCESS_KEY]->key /* fs.s3a.* too */
                           : keys_name_of(ks, F_ACCESS_KEY);
  const char *nodes = ks == KS_DATABEND  ? "the Databend nodes"
                      : ks == KS_ICEBERG ? "the StarRocks frontends"
                                         : "the StarRocks nodes";
  pc_mode m = g->auth.mode;
  if (m == PC_MODE_SIGV4)
    m = g->auth.base;
  switch (m) {
  case PC_MODE_INSTANCE_PROFILE:
  case PC_MODE_IAM_USER:
  case PC_MODE_WEB_IDENTITY:
  case PC_MODE_SDK_DEFAULT:
    g->principal = mode_phrase(a, m, ak_key, nodes);
    return;
  case PC_MODE_CLUSTER_ROLE:
    g->principal = t->kind == PC_STMT_AURORA_SELECT_INTO_OUTFILE
                       ? "the IAM role attached to the Aurora DB cluster for "
                         "SELECT INTO OUTFILE S3 (aurora_select_into_s3_role "
                         "or aws_default_s3_role)"
                       : "the IAM role attached to the Aurora DB cluster for "
                         "LOAD FROM S3 (aurora_load_from_s3_role or "
                         "aws_default_s3_role)";
    g->base_principal = "rds.amazonaws.com";
    return;
  case PC_MODE_ASSUMED_ROLE: {
    const char *role = iam_val(v->by[ks][F_ROLE_ARN]);
    if (!role) {
      const Prop *cn = v->by[KS_DATABEND][F_DB_CONNECTION_NAME];
      g->principal =
          cn && ks == KS_DATABEND
              ? arena_printf(a, "the IAM role of connection %s", cn->val)
              : "the assumed IAM role";
      return;
    }
    g->role_arn = role;
    const char *rpart = iam_partition_of_arn(role);
    g->base_principal =
        base_arn(u, g->auth.base, rpart ? rpart : part, ks == KS_DATABEND);
    const char *by = ks == KS_DATABEND
                         ? "the Databend nodes' own credentials (Databend "
                           "Cloud: the role its support names)"
                         : mode_phrase(a, g->auth.base, ak_key, nodes);
    const char *xid_key =
        ks == KS_DATABEND ? "external_id" : keys_name_of(ks, F_EXTERNAL_ID);
    if (iam_val(v->by[ks][F_EXTERNAL_ID])) {
      g->external_id_set = "set";
      g->principal = arena_printf(
          a,
          "the IAM role %s, assumed with %s; its trust policy requires the "
          "external id set in '%s', written EXTERNAL_ID",
          role, by, xid_key);
    } else {
      g->principal =
          arena_printf(a, "the IAM role %s, assumed with %s", role, by);
    }
    return;
  }
  default:
    g->principal = "the credentials of this statement";
    return;
  }
}

/* ---- Grants ---- */

static IamGrant *finish(Builder *b, IamGrant *g) {
  if (b->failed || !b->needs.len) {
    vec_release(&b->needs);
    return NULL;
  }
  g->needs = arena_alloc(b->u->scratch, b->needs.len * sizeof(IamNeed));
  if (!g->needs) {
    vec_release(&b->needs);
    return NULL;
  }
  memcpy(g->needs, b->needs.data, b->needs.len * sizeof(IamNeed));
  g->nneeds = b->needs.len;
  vec_release(&b->needs);
  return g;
}

/* S3 (Aurora: always, through the cluster's role): 1 when g was made. */
static int s3_grant(Unit *u, Target *t, const View *v, const StmtResult *r,
                    IamGrant *g) {
  pc_auth s3 = r->auth[PC_SVC_S3];
  int aurora = iam_is_aurora(t->kind);
  if (aurora && s3.mode == PC_MODE_NONE)
    s3.mode = PC_MODE_CLUSTER_ROLE;
  int s3_used = aurora || (r->used & (1u << PC_SVC_S3));
  if (!s3_used || s3.mode == PC_MODE_NONE || s3.mode == PC_MODE_ANONYMOUS)
    return 0;
  KeySvc ks = iam_is_databend(t->kind) ? KS_DATABEND : KS_S3;
  const char *region =
      aurora ? iam_aurora_region(u, t) : iam_val(v->by[ks][F_REGION]);
  const char *part = iam_pick_partition(region, iam_val(v->by[ks][F_ROLE_ARN]));
  memset(g, 0, sizeof *g);
  g->service = PC_SVC_S3;
  g->auth = s3;
  principal(u, g, v, t, ks, part);
  Builder b = {u, {0}, 0};
  iam_s3_needs(&b, t, v, part);
  return finish(&b, g) != NULL;
}

/* The Glue metastore: 1 when g was made. */
static int glue_grant(Unit *u, Target *t, const View *v, const StmtResult *r,
                      IamGrant *g) {
  pc_auth glue = r->auth[PC_SVC_GLUE];
  if (!(r->used & (1u << PC_SVC_GLUE)) || glue.mode == PC_MODE_NONE)
    return 0;
  const char *part = iam_pick_partition(iam_val(v->by[KS_GLUE][F_REGION]),
                                        iam_val(v->by[KS_GLUE][F_ROLE_ARN]));
  memset(g, 0, sizeof *g);
  g->service = PC_SVC_GLUE;
  g->auth = glue;
  principal(u, g, v, t, KS_GLUE, part);
  Builder b = {u, {0}, 0};
  iam_glue_needs(&b, t, v, part, glue.mode == PC_MODE_ASSUMED_ROLE);
  return finish(&b, g) != NULL;
}

/* Iceberg REST with SigV4, whose signing credentials call AWS: 1 when g
   was made.  The signer uses those credentials as they are: Iceberg 1.10.0
   (which StarRocks bundles) has no assume-role for it (Iceberg PR #16794
   is on Iceberg main only), and StarRocks' IcebergAwsClientFactory never
   reads client.assume-role.*; so no role, no trust policy. */
static int rest_grant(Unit *u, Target *t, const View *v, const StmtResult *r,
                      IamGrant *g) {
  pc_auth rest = r->auth[PC_SVC_REST];
  if (!(r->used & (1u << PC_SVC_REST)) || rest.mode != PC_MODE_SIGV4)
    return 0;
  memset(g, 0, sizeof *g);
  g->service = PC_SVC_REST;
  g->auth = rest;
  Builder b = {u, {0}, 0};
  const char *part = "aws";
  if (!iam_rest_needs(&b, v, &part)) {
    vec_release(&b.needs);
    return 0;
  }
  principal(u, g, v, t, KS_ICEBERG, part);
  return finish(&b, g) != NULL;
}

void iam_derive(Unit *u, Target *t, const View *v, const StmtResult *r) {
  t->grants = NULL;
  t->ngrants = 0;
  IamGrant *gs = arena_alloc(u->scratch, PC_SVC_COUNT * sizeof(IamGrant));
  if (!gs)
    return;
  size_t n = 0;
  n += (size_t)s3_grant(u, t, v, r, &gs[n]);
  n += (size_t)glue_grant(u, t, v, r, &gs[n]);
  n += (size_t)rest_grant(u, t, v, r, &gs[n]);
  for (size_t i = 0; i < n; i++)
    if (!gs[i].principal) {
      *u->oom = 1;
      return;
    }
  t->grants = n ? gs : NULL;
  t->ngrants = n;
}
