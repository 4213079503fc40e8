/*
 * iam_statement.c - one Statement of an identity policy: its Effect,
 * Action/NotAction, Resource/NotResource and Condition, checked as IAM
 * checks them (invalid-policy) and linted (policy-ineffective: s3 bucket
 * actions on object ARNs and the reverse, Allow with NotAction, unfilled
 * placeholders).  iam_policy.c reads the document around it, and both
 * report through the helpers at the top of this file.
 */
#include <string.h>
#include <strings.h>

#include "iam.h"

/* ---- The reader's helpers (iam_policy.c reads the document with them) */

void policy_report(Loader *L, RuleId rule, pc_severity sev, size_t off,
                   size_t len, const char *path, const char *fmt, ...) {
  if (rule == R_INVALID_POLICY)
    L->invalid = 1;
  va_list ap;
  va_start(ap, fmt);
  char *body = arena_vprintf(L->tmp, fmt, ap);
  va_end(ap);
  if (!body)
    return;
  int named = path && *path;
  Finding *f =
      diag_add(&L->sink, L->findings, rule, off, len, named ? path : NULL,
               "%s%s%s", named ? path : "", named ? ": " : "", body);
  if (f && sev)
    f->pub.severity = sev; /* a set's findings are at default levels */
}

const char *policy_path(Loader *L, const char *base, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *suffix = arena_vprintf(L->tmp, fmt, ap);
  va_end(ap);
  if (!suffix)
    return "";
  if (!*base && suffix[0] == '.')
    suffix++;
  char *out = arena_printf(L->tmp, "%s%s", base, suffix);
  return out ? out : "";
}

void policy_check_duplicates(Loader *L, const JsonVal *obj, const char *path) {
  for (const JsonVal *a = obj->child; a; a = a->next)
    for (const JsonVal *b = a->next; b; b = b->next)
      if (strcmp(a->key, b->key) == 0) {
        policy_report(
            L, R_INVALID_POLICY, 0, b->key_off, b->key_len,
            policy_path(L, path, ".%s", b->key),
            "'%s' appears twice in the same object: IAM rejects a policy "
            "with duplicate keys (which one would count is not defined)",
            b->key);
        break;
      }
}

/* ---- One statement ---- */

static int printable_short(const char *s) {
  size_t n = 0;
  for (; *s; s++, n++)
    if ((unsigned char)*s < 0x20 || n > 120)
      return 0;
  return 1;
}

/* A string, or an array of strings (at least one), as a list in the
   document's arena.  Reports what is wrong and returns -1. */
static int read_list(Loader *L, const JsonVal *v, const char *path,
                     const char *what, const char ***out, size_t *n) {
  if (v->type == JSON_STRING) {
    *out = arena_alloc(&L->doc->arena, sizeof **out);
    if (!*out)
      return -1;
    (*out)[0] = arena_strndup(&L->doc->arena, v->str, strlen(v->str));
    *n = 1;
    return (*out)[0] ? 0 : -1;
  }
  if (v->type != JSON_ARRAY) {
    policy_report(L, R_INVALID_POLICY, 0, v->off, v->len, path,
                  "%s must be a string or an array of strings", what);
    return -1;
  }
  if (v->n == 0) {
    policy_report(L, R_INVALID_POLICY, 0, v->off, v->len, path,
                  "%s is an empty array: IAM rejects a statement without %s",
                  what,
                  strcmp(what, "Action") == 0 || strcmp(what, "NotAction") == 0
                      ? "actions"
                      : "resources");
    return -1;
  }
  *out = arena_alloc(&L->doc->arena, v->n * sizeof **out);
  if (!*out)
    return -1;
  size_t i = 0;
  int bad = 0;
  for (const JsonVal *e = v->child; e; e = e->next, i++) {
    if (e->type != JSON_STRING) {
      policy_report(L, R_INVALID_POLICY, 0, e->off, e->len,
                    policy_path(L, path, "[%zu]", i),
                    "%s entries must be strings", what);
      bad = 1;
      continue;
    }
    (*out)[i] = arena_strndup(&L->doc->arena, e->str, strlen(e->str));
  }
  *n = v->n;
  return bad ? -1 : 0;
}

/* The i-th entry of a list value (the value itself when it is a string). */
static const JsonVal *list_item(const JsonVal *v, size_t i) {
  if (v->type != JSON_ARRAY)
    return v;
  const JsonVal *e = v->child;
  while (e && i--)
    e = e->next;
  return e ? e : v;
}

static const char *item_path(Loader *L, const JsonVal *v, const char *path,
                             size_t i) {
  return v->type == JSON_ARRAY ? policy_path(L, path, "[%zu]", i) : path;
}

/* service:name, service of letters, digits and '-', name of letters,
   digits and wildcards. */
static int action_shape_ok(const char *a) {
  if (strcmp(a, "*") == 0)
    return 1;
  const char *colon = strchr(a, ':');
  if (!colon || colon == a || !colon[1])
    return 0;
  for (const char *q = a; q < colon; q++)
    if (!(*q == '-' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
          json_is_digit(*q)))
      return 0;
  for (const char *q = colon + 1; *q; q++)
    if (!(*q == '*' || *q == '?' || (*q >= 'a' && *q <= 'z') ||
          (*q >= 'A' && *q <= 'Z') || json_is_digit(*q)))
      return 0;
  return 1;
}

static void check_actions(Loader *L, const JsonVal *v, const char *path,
                          IamStmt *st) {
  for (size_t i = 0; i < st->nactions; i++) {
    const char *a = st->actions[i];
    if (!a || action_shape_ok(a))
      continue;
    const JsonVal *e = list_item(v, i);
    const char *p = item_path(L, v, path, i);
    if (printable_short(a))
      policy_report(
          L, R_INVALID_POLICY, 0, e->off, e->len, p,
          "'%s' is not an action: IAM actions are written service:Name "
          "(s3:GetObject, glue:Get*), or * for all",
          a);
    else
      policy_report(
          L, R_INVALID_POLICY, 0, e->off, e->len, p,
          "this is not an action: IAM actions are written service:Name "
          "(s3:GetObject, glue:Get*), or * for all");
  }
}

static size_t count_char(const char *s, char c) {
  size_t n = 0;
  for (; *s; s++)
    n += *s == c;
  return n;
}

static void check_resources(Loader *L, const JsonVal *v, const char *path,
                            IamStmt *st) {
  for (size_t i = 0; i < st->nresources; i++) {
    const char *r = st->resources[i];
    if (!r)
      continue;
    const JsonVal *e = list_item(v, i);
    const char *p = item_path(L, v, path, i);
    /* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; a wildcard may
       stand for the last parts (arn:aws:glue:us-east-1:*). */
    if (strcmp(r, "*") != 0 &&
        (strncmp(r, "arn:", 4) != 0 ||
         (count_char(r, ':') < 5 && !strpbrk(r, "*?")))) {
      if (printable_short(r))
        policy_report(L, R_INVALID_POLICY, 0, e->off, e->len, p,
                      "'%s' is not an ARN: a resource is * or "
                      "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE "
                      "(arn:aws:s3:::BUCKET/*)",
                      r);
      else
        policy_report(L, R_INVALID_POLICY, 0, e->off, e->len, p,
                      "this is not an ARN: a resource is * or "
                      "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE");
      continue;
    }
    if (strlen(r) > IAM_ARN_MAX) {
      policy_report(L, R_INVALID_POLICY, 0, e->off, e->len, p,
                    "this resource is %zu characters: an ARN is at most %d, "
                    "and IAM rejects the policy",
                    strlen(r), IAM_ARN_MAX);
      continue;
    }
    if (!strstr(r, "${") && value_is_placeholder(r))
      policy_report(
          L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
          "'%s' holds a template placeholder that was never filled in: "
          "the statement grants nothing on your resources",
          printable_short(r) ? r : "this resource");
    else if (strstr(r, "${") && L->doc->legacy)
      policy_report(L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
                    "policy variables are plain text without \"Version\": "
                    "\"2012-10-17\": IAM matches '%s' literally",
                    printable_short(r) ? r : "this resource");
  }
}

/* ---- s3 bucket and object actions (the Service Authorization Reference,
   "Actions, resources, and condition keys for Amazon S3") ---- */

static const char *const bucket_actions[] = {
    "s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads",
    "s3:GetBucketLocation", NULL};
static const char *const object_actions[] = {"s3:GetObject",
                                             "s3:GetObjectVersion",
                                             "s3:PutObject",
                                             "s3:DeleteObject",
                                             "s3:DeleteObjectVersion",
                                             "s3:AbortMultipartUpload",
                                             "s3:ListMultipartUploadParts",
                                             "s3:RestoreObject",
                                             NULL};

/* What an s3 resource pattern can name. */
enum { S3R_NONE = 0, S3R_BUCKET = 1, S3R_OBJECT = 2 };

static unsigned s3_reach(const char *r) {
  if (strcmp(r, "*") == 0)
    return S3R_BUCKET | S3R_OBJECT;
  const char *q = r;
  for (int i = 0; i < 5 && q; i++) {
    q = strchr(q, ':');
    if (q)
      q++;
  }
  if (!q || strncmp(r, "arn:", 4) != 0)
    return S3R_NONE;
  const char *svc = strchr(r + 4, ':');
  if (!svc || strncmp(svc + 1, "s3:", 3) != 0)
    return S3R_NONE; /* not S3 (and s3* services are other services) */
  if (strchr(q, '/'))
    return S3R_OBJECT;
  if (strpbrk(q, "*?"))
    return S3R_BUCKET | S3R_OBJECT;
  return S3R_BUCKET;
}

/* ListBucket only on object ARNs, GetObject only on the bucket ARN: the
   statement grants nothing (bucket actions authorize on the bucket ARN,
   object actions on object ARNs). */
static void lint_s3_targets(Loader *L, const JsonVal *av, const char *apath,
                            IamStmt *st) {
  unsigned reach = 0;
  const char *example = NULL;
  for (size_t i = 0; i < st->nresources; i++) {
    unsigned r = s3_reach(st->resources[i]);
    reach |= r;
    if (r && !example)
      example = st->resources[i];
  }
  if (!example)
    return; /* no S3 resource: nothing to say */
  for (size_t i = 0; i < st->nactions; i++) {
    const char *a = st->actions[i];
    int is_bucket = value_in(a, bucket_actions, 1);
    int is_object = value_in(a, object_actions, 1);
    const JsonVal *e = list_item(av, i);
    const char *p = item_path(L, av, apath, i);
    if (is_bucket && !(reach & S3R_BUCKET))
      policy_report(
          L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
          "%s applies to the bucket ARN (arn:aws:s3:::BUCKET), but %s "
          "grants it only on object ARNs such as %s: it grants nothing; "
          "add the bucket ARN to Resource",
          a, st->label, printable_short(example) ? example : "BUCKET/*");
    else if (is_object && !(reach & S3R_OBJECT))
      policy_report(
          L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
          "%s applies to objects (arn:aws:s3:::BUCKET/KEY), but %s grants "
          "it only on bucket ARNs such as %s: it grants nothing; add "
          "BUCKET/* (or a key prefix) to Resource",
          a, st->label, printable_short(example) ? example : "BUCKET");
  }
}

/* Condition = { operator: { key: value | [values] } }. */
static void read_condition(Loader *L, const JsonVal *v, const char *path,
                           IamStmt *st) {
  if (v->type != JSON_OBJECT) {
    policy_report(L, R_INVALID_POLICY, 0, v->off, v->len, path,
                  "Condition must be an object of operators, each an object of "
                  "condition keys");
    return;
  }
  policy_check_duplicates(L, v, path);
  Buf keys = {0};
  size_t nkeys = 0;
  const JsonVal *only_op = v->n == 1 ? v->child : NULL;
  for (const JsonVal *op = v->child; op; op = op->next) {
    const char *opath = policy_path(L, path, ".%s", op->key);
    if (op->type != JSON_OBJECT) {
      policy_report(L, R_INVALID_POLICY, 0, op->off, op->len, opath,
                    "a condition operator takes an object of condition keys "
                    "({\"aws:SourceIp\": \"203.0.113.0/24\"})");
      continue;
    }
    policy_check_duplicates(L, op, opath);
    for (const JsonVal *k = op->child; k; k = k->next) {
      const char *kpath = policy_path(L, opath, ".%s", k->key);
      int ok = k->type == JSON_STRING || k->type == JSON_NUMBER ||
               k->type == JSON_BOOL;
      if (k->type == JSON_ARRAY) {
        ok = 1;
        for (const JsonVal *e = k->child; e; e = e->next)
          if (!(e->type == JSON_STRING || e->type == JSON_NUMBER ||
                e->type == JSON_BOOL))
            ok = 0;
      }
      if (!ok) {
        policy_report(L, R_INVALID_POLICY, 0, k->off, k->len, kpath,
                      "a condition value is a string, number or boolean, or an "
                      "array of them");
        continue;
      }
      /* distinct key names, for messages */
      int seen = 0;
      const char *q = keys.data;
      for (size_t i = 0; q && i < nkeys && !seen; i++) {
        size_t n = strcspn(q, ",");
        seen = n == strlen(k->key) && strncasecmp(q, k->key, n) == 0;
        q += n + (q[n] == ',' ? 2 : 0);
      }
      if (!seen) {
        if (buf_printf(&keys, "%s%s", nkeys ? ", " : "", k->key) != 0)
          *L->oom = 1;
        nkeys++;
      }
    }
  }
  if (nkeys)
    st->cond_keys = arena_strndup(&L->doc->arena, keys.data, keys.len);
  buf_release(&keys);

  /* One operator, one key: StringLike/StringEquals[IfExists] on s3:prefix
     with string values can be evaluated. */
  if (only_op && only_op->type == JSON_OBJECT && only_op->n == 1 &&
      strcasecmp(only_op->child->key, "s3:prefix") == 0) {
    const char *op = only_op->key;
    size_t n = strlen(op);
    int if_exists = n > 8 && strcmp(op + n - 8, "IfExists") == 0;
    size_t base = if_exists ? n - 8 : n;
    PrefixOp po = base == 10 && strncmp(op, "StringLike", 10) == 0 ? PO_LIKE
                  : base == 12 && strncmp(op, "StringEquals", 12) == 0
                      ? PO_EQUALS
                      : PO_NONE;
    const JsonVal *vals = only_op->child;
    size_t nv = vals->type == JSON_ARRAY ? vals->n : 1;
    int strings = vals->type == JSON_STRING || vals->type == JSON_ARRAY;
    for (const JsonVal *e = vals->type == JSON_ARRAY ? vals->child : NULL; e;
         e = e->next)
      strings &= e->type == JSON_STRING;
    if (po != PO_NONE && strings && nv) {
      st->prefixes = arena_alloc(&L->doc->arena, nv * sizeof *st->prefixes);
      for (size_t i = 0; st->prefixes && i < nv; i++) {
        const char *s = list_item(vals, i)->str;
        st->prefixes[i] = arena_strndup(&L->doc->arena, s, strlen(s));
      }
      if (st->prefixes) {
        st->nprefixes = nv;
        st->prefix_op = po;
        st->prefix_if_exists = if_exists;
      }
    }
  }
}

static const char *const stmt_keys[] = {
    "Sid",         "Effect",    "Action",    "NotAction",    "Resource",
    "NotResource", "Condition", "Principal", "NotPrincipal", NULL};

/* Unknown elements (names are case-sensitive). */
static void check_elements(Loader *L, const JsonVal *v, const char *path) {
  for (const JsonVal *m = v->child; m; m = m->next)
    if (!value_in(m->key, stmt_keys, 0))
      policy_report(
          L, R_INVALID_POLICY, 0, m->key_off, m->key_len,
          policy_path(L, path, ".%s", m->key),
          "'%s' is not a statement element: IAM accepts Sid, Effect, "
          "Action or NotAction, Resource or NotResource, and Condition%s",
          m->key,
          value_in(m->key, stmt_keys, 1) ? " (element names are case-"
                                           "sensitive)"
                                         : "");
}

/* Sid: a string, unique in the document; it names the statement. */
static void read_sid(Loader *L, const JsonVal *sid, const char *path,
                     IamStmt *st) {
  if (sid && sid->type != JSON_STRING) {
    policy_report(L, R_INVALID_POLICY, 0, sid->off, sid->len,
                  policy_path(L, path, ".Sid"), "Sid must be a string");
    sid = NULL;
  } else if (sid) {
    for (size_t i = 0; i < L->nsids; i++)
      if (strcmp(L->sids[i]->str, sid->str) == 0) {
        policy_report(L, R_INVALID_POLICY, 0, sid->off, sid->len,
                      policy_path(L, path, ".Sid"),
                      "the Sid \"%s\" is used by an earlier statement: IAM "
                      "requires statement ids to be unique within a policy",
                      printable_short(sid->str) ? sid->str : "");
        break;
      }
    if (L->nsids < sizeof L->sids / sizeof L->sids[0])
      L->sids[L->nsids++] = sid;
  }
  st->label =
      sid && printable_short(sid->str)
          ? arena_printf(&L->doc->arena, "%s (Sid \"%s\")", path, sid->str)
          : arena_strndup(&L->doc->arena, path, strlen(path));
}

/* Effect: exactly "Allow" or "Deny". */
static void read_effect(Loader *L, const JsonVal *v, const JsonVal *effect,
                        const char *path, IamStmt *st) {
  if (!effect) {
    policy_report(L, R_INVALID_POLICY, 0, v->off, 1, path,
                  "the statement has no Effect (\"Allow\" or \"Deny\")");
  } else if (effect->type != JSON_STRING ||
             (strcmp(effect->str, "Allow") != 0 &&
              strcmp(effect->str, "Deny") != 0)) {
    policy_report(L, R_INVALID_POLICY, 0, effect->off, effect->len,
                  policy_path(L, path, ".Effect"),
                  "Effect must be \"Allow\" or \"Deny\", written exactly so%s",
                  effect->type == JSON_STRING &&
                          (strcasecmp(effect->str, "allow") == 0 ||
                           strcasecmp(effect->str, "deny") == 0)
                      ? " (it is case-sensitive)"
                      : "");
  } else {
    st->deny = strcmp(effect->str, "Deny") == 0;
  }
}

/* Action or NotAction, exactly one of them. */
static void read_actions(Loader *L, const JsonVal *v, const JsonVal *action,
                         const JsonVal *not_action, const char *path,
                         IamStmt *st) {
  if (action && not_action) {
    policy_report(L, R_INVALID_POLICY, 0, not_action->key_off,
                  not_action->key_len, policy_path(L, path, ".NotAction"),
                  "a statement has Action or NotAction, not both");
  } else if (!action && !not_action) {
    policy_report(L, R_INVALID_POLICY, 0, v->off, 1, path,
                  "the statement has no Action (or NotAction)");
  } else {
    const JsonVal *av = action ? action : not_action;
    const char *apath = policy_path(L, path, ".%s", av->key);
    st->not_action = !action;
    if (read_list(L, av, apath, av->key, &st->actions, &st->nactions) == 0)
      check_actions(L, av, apath, st);
  }
}

/* Resource or NotResource, exactly one of them (none in what looks like a
   trust policy, which has a Principal instead). */
static void read_resources(Loader *L, const JsonVal *v, const JsonVal *resource,
                           const JsonVal *not_resource,
                           const JsonVal *principal, const char *path,
                           IamStmt *st) {
  if (resource && not_resource) {
    policy_report(L, R_INVALID_POLICY, 0, not_resource->key_off,
                  not_resource->key_len, policy_path(L, path, ".NotResource"),
                  "a statement has Resource or NotResource, not both");
  } else if (!resource && !not_resource) {
    if (!principal)
      policy_report(
          L, R_INVALID_POLICY, 0, v->off, 1, path,
          "the statement has no Resource (or NotResource): an identity "
          "policy must say which resources it applies to (\"*\" for all)");
  } else {
    const JsonVal *rv = resource ? resource : not_resource;
    const char *rpath = policy_path(L, path, ".%s", rv->key);
    st->not_resource = !resource;
    if (read_list(L, rv, rpath, rv->key, &st->resources, &st->nresources) == 0)
      check_resources(L, rv, rpath, st);
  }
}

void policy_read_statement(Loader *L, const JsonVal *v, const char *path,
                           IamStmt *st) {
  if (v->type != JSON_OBJECT) {
    policy_report(
        L, R_INVALID_POLICY, 0, v->off, v->len, path,
        "a statement must be an object with Effect, Action and Resource");
    return;
  }
  policy_check_duplicates(L, v, path);
  check_elements(L, v, path);
  const JsonVal *effect = json_member(v, "Effect");
  const JsonVal *action = json_member(v, "Action");
  const JsonVal *not_action = json_member(v, "NotAction");
  const JsonVal *resource = json_member(v, "Resource");
  const JsonVal *not_resource = json_member(v, "NotResource");
  const JsonVal *condition = json_member(v, "Condition");
  const JsonVal *principal = json_member(v, "Principal");
  if (!principal)
    principal = json_member(v, "NotPrincipal");
  read_sid(L, json_member(v, "Sid"), path, st);
  if (principal)
    policy_report(
        L, R_INVALID_POLICY, 0, principal->key_off, principal->key_len,
        policy_path(L, path, ".%s", principal->key),
        "%s belongs in resource-based policies (a role's trust policy, a "
        "bucket policy); an identity policy, which is what propcheck "
        "checks statements against, has none%s",
        principal->key,
        resource || not_resource
            ? ""
            : ": this looks like a trust policy, which belongs to the role "
              "and grants no permissions");
  read_effect(L, v, effect, path, st);
  read_actions(L, v, action, not_action, path, st);
  read_resources(L, v, resource, not_resource, principal, path, st);
  if (condition)
    read_condition(L, condition, policy_path(L, path, ".Condition"), st);

  if (L->invalid)
    return;
  /* Lint: statements that grant less, or more, than they seem to. */
  if (!st->deny && not_action && effect)
    policy_report(L, R_POLICY_INEFFECTIVE, 0, not_action->key_off,
                  not_action->key_len, policy_path(L, path, ".NotAction"),
                  "Allow with NotAction allows every action of every service "
                  "except the ones listed (on the statement's resources): it "
                  "grants far more than it seems; list the actions in Action");
  if (!st->deny && action && resource && st->actions && st->resources)
    lint_s3_targets(L, action, policy_path(L, path, ".Action"), st);
}
