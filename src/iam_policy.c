/*
 * iam_policy.c - identity policies: reading them and the problems in them
 * (docs/spec: iam-and-dialects 2.1-2.3, 3).
 *
 * pc_policies_add reads a document with the JSON reader of iam_json.c
 * (which keeps every value's source span, which the findings need).  The
 * document is checked as IAM does (invalid-policy: IAM would reject it, and
 * it is not used) and linted (policy-ineffective: it grants less, or more,
 * than it seems), with the findings placed in the JSON file and named by
 * JSON path, as IAM Access Analyzer does.  A usable document becomes an
 * IamDoc of the set, which iam_eval.c evaluates statements against.
 *
 * A set is read once and is read-only afterwards: the contexts that check
 * against it (pc_ctx_use_policies) share it, and its findings reach a
 * context's results only when it is reported (pc_ctx_report_policies).
 */
#include <string.h>
#include <strings.h>

#include "iam.h"

void iam_doc_free(IamDoc *d) {
  if (!d)
    return;
  arena_release(&d->arena);
  pc_free(d);
}

/* Reading one document. */
typedef struct Loader {
  DiagSink sink;  /* into findings, kept in the set's arena */
  Vec *findings;  /* Finding */
  int *oom;       /* the set's sticky flag */
  Chunk chunk;    /* the JSON text, as a chunk for diag_make */
  Vec hidden;    /* Token: values masked in source lines */
  int invalid;   /* an invalid-policy finding: do not use the document */
  Arena *tmp;    /* scratch */
  IamDoc *doc;
  const JVal *sids[64]; /* Sids seen, for duplicates (first 64) */
  size_t nsids;
} Loader;

/* Adds a finding at text offset off (len bytes) of the policy file; path
   is its JSON path (the message starts with it). */
static void report(Loader *L, RuleId rule, pc_severity sev, size_t off,
                   size_t len, const char *path, const char *fmt, ...)
    PC_PRINTF(7, 8);

static void report(Loader *L, RuleId rule, pc_severity sev, size_t off,
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
  Finding *f = diag_add(&L->sink, L->findings, rule, off, len,
                        named ? path : NULL, "%s%s%s", named ? path : "",
                        named ? ": " : "", body);
  if (f && sev)
    f->pub.severity = sev; /* a set's findings are at default levels */
}

/* Member names whose values are masked in source lines: external ids
   (the project treats them as secrets), and anything named like a
   credential, so that a file of properties given as a policy by mistake
   shows no secret (the words are matched anywhere in the name, any case,
   so misspelled keys are caught too). */
static const char *const masked_words[] = {
    "externalid", "external_id", "external-id", "secret",
    "token",      "password",    "credential",  "access_key",
    "access-key", "accesskey",   "access.key",  "_key",
    "-key",       ".key",        "keytab",      NULL};

static int masked_name(const char *name, size_t n) {
  for (size_t k = 0; masked_words[k]; k++) {
    size_t m = strlen(masked_words[k]);
    for (size_t i = 0; i + m <= n; i++)
      if (strncasecmp(name + i, masked_words[k], m) == 0)
        return 1;
  }
  return 0;
}

/* Marks the values of masked keys, scanning the text itself so that it
   works on documents that do not parse.  Tokens come out sorted. */
static void mask_values(Loader *L) {
  const char *s = L->chunk.text;
  size_t n = L->chunk.len, i = 0;
  int hide_next = 0; /* 1: the next string; 2: strings up to ']' */
  while (i < n) {
    char c = s[i];
    if (c == '"') {
      size_t start = i++;
      while (i < n && s[i] != '"')
        i += s[i] == '\\' ? 2 : 1;
      size_t end = i < n ? i + 1 : n;
      i = end;
      if (hide_next) {
        Token *t = vec_push(&L->hidden, sizeof(Token), L->oom);
        if (t) {
          t->kind = TK_STRING;
          t->hidden = 1;
          t->off = (uint32_t)start;
          t->len = (uint32_t)(end - start);
        }
        if (hide_next == 1)
          hide_next = 0;
        continue;
      }
      size_t j = end;
      while (j < n && json_is_ws(s[j]))
        j++;
      if (j < n && s[j] == ':' && end - start >= 2 &&
          masked_name(s + start + 1, end - start - 2)) {
        size_t v = j + 1;
        while (v < n && json_is_ws(s[v]))
          v++;
        hide_next = v < n && s[v] == '[' ? 2 : 1;
      }
      continue;
    }
    if (c == ']' && hide_next == 2)
      hide_next = 0;
    i++;
  }
}

static const char *jpath(Loader *L, const char *base, const char *fmt, ...)
    PC_PRINTF(3, 4);

/* base + a suffix (".Action", "[2]"), in scratch. */
static const char *jpath(Loader *L, const char *base, const char *fmt, ...) {
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

/* Reports members of obj that appear twice. */
static void check_duplicates(Loader *L, const JVal *obj, const char *path) {
  for (const JVal *a = obj->child; a; a = a->next)
    for (const JVal *b = a->next; b; b = b->next)
      if (strcmp(a->key, b->key) == 0) {
        report(L, R_INVALID_POLICY, 0, b->key_off, b->key_len,
               jpath(L, path, ".%s", b->key),
               "'%s' appears twice in the same object: IAM rejects a policy "
               "with duplicate keys (which one would count is not defined)",
               b->key);
        break;
      }
}

static int printable_short(const char *s) {
  size_t n = 0;
  for (; *s; s++, n++)
    if ((unsigned char)*s < 0x20 || n > 120)
      return 0;
  return 1;
}

/* A string, or an array of strings (at least one), as a list in the
   document's arena.  Reports what is wrong and returns -1. */
static int read_list(Loader *L, const JVal *v, const char *path,
                     const char *what, const char ***out, size_t *n) {
  if (v->type == J_STRING) {
    *out = arena_alloc(&L->doc->arena, sizeof **out);
    if (!*out)
      return -1;
    (*out)[0] = arena_strndup(&L->doc->arena, v->str, strlen(v->str));
    *n = 1;
    return (*out)[0] ? 0 : -1;
  }
  if (v->type != J_ARRAY) {
    report(L, R_INVALID_POLICY, 0, v->off, v->len, path,
           "%s must be a string or an array of strings", what);
    return -1;
  }
  if (v->n == 0) {
    report(L, R_INVALID_POLICY, 0, v->off, v->len, path,
           "%s is an empty array: IAM rejects a statement without %s", what,
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
  for (const JVal *e = v->child; e; e = e->next, i++) {
    if (e->type != J_STRING) {
      report(L, R_INVALID_POLICY, 0, e->off, e->len, jpath(L, path, "[%zu]", i),
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
static const JVal *list_item(const JVal *v, size_t i) {
  if (v->type != J_ARRAY)
    return v;
  const JVal *e = v->child;
  while (e && i--)
    e = e->next;
  return e ? e : v;
}

static const char *item_path(Loader *L, const JVal *v, const char *path,
                             size_t i) {
  return v->type == J_ARRAY ? jpath(L, path, "[%zu]", i) : path;
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

static void check_actions(Loader *L, const JVal *v, const char *path,
                          IamStmt *st) {
  for (size_t i = 0; i < st->nactions; i++) {
    const char *a = st->actions[i];
    if (!a || action_shape_ok(a))
      continue;
    const JVal *e = list_item(v, i);
    const char *p = item_path(L, v, path, i);
    if (printable_short(a))
      report(L, R_INVALID_POLICY, 0, e->off, e->len, p,
             "'%s' is not an action: IAM actions are written service:Name "
             "(s3:GetObject, glue:Get*), or * for all",
             a);
    else
      report(L, R_INVALID_POLICY, 0, e->off, e->len, p,
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

static void check_resources(Loader *L, const JVal *v, const char *path,
                            IamStmt *st) {
  for (size_t i = 0; i < st->nresources; i++) {
    const char *r = st->resources[i];
    if (!r)
      continue;
    const JVal *e = list_item(v, i);
    const char *p = item_path(L, v, path, i);
    /* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; a wildcard may
       stand for the last parts (arn:aws:glue:us-east-1:*). */
    if (strcmp(r, "*") != 0 &&
        (strncmp(r, "arn:", 4) != 0 ||
         (count_char(r, ':') < 5 && !strpbrk(r, "*?")))) {
      if (printable_short(r))
        report(L, R_INVALID_POLICY, 0, e->off, e->len, p,
               "'%s' is not an ARN: a resource is * or "
               "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE "
               "(arn:aws:s3:::BUCKET/*)",
               r);
      else
        report(L, R_INVALID_POLICY, 0, e->off, e->len, p,
               "this is not an ARN: a resource is * or "
               "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE");
      continue;
    }
    if (!strstr(r, "${") && value_is_placeholder(r))
      report(L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
             "'%s' holds a template placeholder that was never filled in: "
             "the statement grants nothing on your resources",
             printable_short(r) ? r : "this resource");
    else if (strstr(r, "${") && L->doc->legacy)
      report(L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
             "policy variables are plain text without \"Version\": "
             "\"2012-10-17\": IAM matches '%s' literally",
             printable_short(r) ? r : "this resource");
  }
}

/* ---- s3 bucket and object actions (the lint of spec 2.4 and 3) ---- */

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
   statement grants nothing (spec 2.4). */
static void lint_s3_targets(Loader *L, const JVal *av, const char *apath,
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
    const JVal *e = list_item(av, i);
    const char *p = item_path(L, av, apath, i);
    if (is_bucket && !(reach & S3R_BUCKET))
      report(L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
             "%s applies to the bucket ARN (arn:aws:s3:::BUCKET), but %s "
             "grants it only on object ARNs such as %s: it grants nothing; "
             "add the bucket ARN to Resource",
             a, st->label, printable_short(example) ? example : "BUCKET/*");
    else if (is_object && !(reach & S3R_OBJECT))
      report(L, R_POLICY_INEFFECTIVE, 0, e->off, e->len, p,
             "%s applies to objects (arn:aws:s3:::BUCKET/KEY), but %s grants "
             "it only on bucket ARNs such as %s: it grants nothing; add "
             "BUCKET/* (or a key prefix) to Resource",
             a, st->label, printable_short(example) ? example : "BUCKET");
  }
}

/* Condition = { operator: { key: value | [values] } }. */
static void read_condition(Loader *L, const JVal *v, const char *path,
                           IamStmt *st) {
  if (v->type != J_OBJECT) {
    report(L, R_INVALID_POLICY, 0, v->off, v->len, path,
           "Condition must be an object of operators, each an object of "
           "condition keys");
    return;
  }
  check_duplicates(L, v, path);
  Buf keys = {0};
  size_t nkeys = 0;
  const JVal *only_op = v->n == 1 ? v->child : NULL;
  for (const JVal *op = v->child; op; op = op->next) {
    const char *opath = jpath(L, path, ".%s", op->key);
    if (op->type != J_OBJECT) {
      report(L, R_INVALID_POLICY, 0, op->off, op->len, opath,
             "a condition operator takes an object of condition keys "
             "({\"aws:SourceIp\": \"203.0.113.0/24\"})");
      continue;
    }
    check_duplicates(L, op, opath);
    for (const JVal *k = op->child; k; k = k->next) {
      const char *kpath = jpath(L, opath, ".%s", k->key);
      int ok = k->type == J_STRING || k->type == J_NUMBER || k->type == J_BOOL;
      if (k->type == J_ARRAY) {
        ok = 1;
        for (const JVal *e = k->child; e; e = e->next)
          if (!(e->type == J_STRING || e->type == J_NUMBER ||
                e->type == J_BOOL))
            ok = 0;
      }
      if (!ok) {
        report(L, R_INVALID_POLICY, 0, k->off, k->len, kpath,
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
  if (only_op && only_op->type == J_OBJECT && only_op->n == 1 &&
      strcasecmp(only_op->child->key, "s3:prefix") == 0) {
    const char *op = only_op->key;
    size_t n = strlen(op);
    int if_exists = n > 8 && strcmp(op + n - 8, "IfExists") == 0;
    size_t base = if_exists ? n - 8 : n;
    PrefixOp po = base == 10 && strncmp(op, "StringLike", 10) == 0 ? PO_LIKE
                  : base == 12 && strncmp(op, "StringEquals", 12) == 0
                      ? PO_EQUALS
                      : PO_NONE;
    const JVal *vals = only_op->child;
    size_t nv = vals->type == J_ARRAY ? vals->n : 1;
    int strings = vals->type == J_STRING || vals->type == J_ARRAY;
    for (const JVal *e = vals->type == J_ARRAY ? vals->child : NULL; e;
         e = e->next)
      strings &= e->type == J_STRING;
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

static const JVal *member(const JVal *obj, const char *key) {
  for (const JVal *m = obj->child; m; m = m->next)
    if (strcmp(m->key, key) == 0)
      return m;
  return NULL;
}

/* Reads one statement into st; reports what is wrong with it. */
static void read_statement(Loader *L, const JVal *v, const char *path,
                           IamStmt *st) {
  if (v->type != J_OBJECT) {
    report(L, R_INVALID_POLICY, 0, v->off, v->len, path,
           "a statement must be an object with Effect, Action and Resource");
    return;
  }
  check_duplicates(L, v, path);
  for (const JVal *m = v->child; m; m = m->next)
    if (!value_in(m->key, stmt_keys, 0))
      report(L, R_INVALID_POLICY, 0, m->key_off, m->key_len,
             jpath(L, path, ".%s", m->key),
             "'%s' is not a statement element: IAM accepts Sid, Effect, "
             "Action or NotAction, Resource or NotResource, and Condition%s",
             m->key,
             value_in(m->key, stmt_keys, 1) ? " (element names are case-"
                                              "sensitive)"
                                            : "");
  const JVal *sid = member(v, "Sid");
  const JVal *effect = member(v, "Effect");
  const JVal *action = member(v, "Action");
  const JVal *not_action = member(v, "NotAction");
  const JVal *resource = member(v, "Resource");
  const JVal *not_resource = member(v, "NotResource");
  const JVal *condition = member(v, "Condition");
  const JVal *principal = member(v, "Principal");
  if (!principal)
    principal = member(v, "NotPrincipal");

  if (sid && sid->type != J_STRING) {
    report(L, R_INVALID_POLICY, 0, sid->off, sid->len, jpath(L, path, ".Sid"),
           "Sid must be a string");
    sid = NULL;
  } else if (sid) {
    for (size_t i = 0; i < L->nsids; i++)
      if (strcmp(L->sids[i]->str, sid->str) == 0) {
        report(L, R_INVALID_POLICY, 0, sid->off, sid->len,
               jpath(L, path, ".Sid"),
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

  if (principal)
    report(L, R_INVALID_POLICY, 0, principal->key_off, principal->key_len,
           jpath(L, path, ".%s", principal->key),
           "%s belongs in resource-based policies (a role's trust policy, a "
           "bucket policy); an identity policy, which is what propcheck "
           "checks statements against, has none%s",
           principal->key,
           resource || not_resource
               ? ""
               : ": this looks like a trust policy, which belongs to the role "
                 "and grants no permissions");

  if (!effect) {
    report(L, R_INVALID_POLICY, 0, v->off, 1, path,
           "the statement has no Effect (\"Allow\" or \"Deny\")");
  } else if (effect->type != J_STRING || (strcmp(effect->str, "Allow") != 0 &&
                                          strcmp(effect->str, "Deny") != 0)) {
    report(L, R_INVALID_POLICY, 0, effect->off, effect->len,
           jpath(L, path, ".Effect"),
           "Effect must be \"Allow\" or \"Deny\", written exactly so%s",
           effect->type == J_STRING && (strcasecmp(effect->str, "allow") == 0 ||
                                        strcasecmp(effect->str, "deny") == 0)
               ? " (it is case-sensitive)"
               : "");
  } else {
    st->deny = strcmp(effect->str, "Deny") == 0;
  }

  if (action && not_action) {
    report(L, R_INVALID_POLICY, 0, not_action->key_off, not_action->key_len,
           jpath(L, path, ".NotAction"),
           "a statement has Action or NotAction, not both");
  } else if (!action && !not_action) {
    report(L, R_INVALID_POLICY, 0, v->off, 1, path,
           "the statement has no Action (or NotAction)");
  } else {
    const JVal *av = action ? action : not_action;
    const char *apath = jpath(L, path, ".%s", av->key);
    st->not_action = !action;
    if (read_list(L, av, apath, av->key, &st->actions, &st->nactions) == 0)
      check_actions(L, av, apath, st);
  }

  if (resource && not_resource) {
    report(L, R_INVALID_POLICY, 0, not_resource->key_off, not_resource->key_len,
           jpath(L, path, ".NotResource"),
           "a statement has Resource or NotResource, not both");
  } else if (!resource && !not_resource) {
    if (!principal)
      report(L, R_INVALID_POLICY, 0, v->off, 1, path,
             "the statement has no Resource (or NotResource): an identity "
             "policy must say which resources it applies to (\"*\" for all)");
  } else {
    const JVal *rv = resource ? resource : not_resource;
    const char *rpath = jpath(L, path, ".%s", rv->key);
    st->not_resource = !resource;
    if (read_list(L, rv, rpath, rv->key, &st->resources, &st->nresources) == 0)
      check_resources(L, rv, rpath, st);
  }

  if (condition)
    read_condition(L, condition, jpath(L, path, ".Condition"), st);

  if (L->invalid)
    return;
  /* Lint: statements that grant less, or more, than they seem to. */
  if (!st->deny && not_action && effect)
    report(L, R_POLICY_INEFFECTIVE, 0, not_action->key_off, not_action->key_len,
           jpath(L, path, ".NotAction"),
           "Allow with NotAction allows every action of every service "
           "except the ones listed (on the statement's resources): it "
           "grants far more than it seems; list the actions in Action");
  if (!st->deny && action && resource && st->actions && st->resources)
    lint_s3_targets(L, action, jpath(L, path, ".Action"), st);
}

static void read_document(Loader *L, const JVal *root) {
  if (root->type != J_OBJECT) {
    report(L, R_INVALID_POLICY, 0, root->off, 1, "",
           "an IAM policy is a JSON object with a Statement (and a Version)");
    return;
  }
  check_duplicates(L, root, "");
  static const char *const top_keys[] = {"Version", "Id", "Statement", NULL};
  for (const JVal *m = root->child; m; m = m->next)
    if (!value_in(m->key, top_keys, 0))
      report(L, R_INVALID_POLICY, 0, m->key_off, m->key_len, m->key,
             "'%s' is not a policy element: IAM accepts Version, Id and "
             "Statement at the top%s",
             m->key,
             value_in(m->key, top_keys, 1) ? " (element names are case-"
                                             "sensitive)"
                                           : "");
  const JVal *version = member(root, "Version");
  const JVal *id = member(root, "Id");
  const JVal *stmts = member(root, "Statement");
  L->doc->legacy = 1;
  if (version) {
    if (version->type == J_STRING && strcmp(version->str, "2012-10-17") == 0) {
      L->doc->legacy = 0;
    } else if (!(version->type == J_STRING &&
                 strcmp(version->str, "2008-10-17") == 0)) {
      report(L, R_INVALID_POLICY, 0, version->off, version->len, "Version",
             "Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"): "
             "it is the version of the policy language, not a date of yours");
    }
  } else {
    report(L, R_POLICY_INEFFECTIVE, PC_SEV_NOTE, root->off, 1, "",
           "the policy has no Version, so IAM reads it as version 2008-10-17, "
           "in which policy variables such as ${aws:username} are plain "
           "text; add \"Version\": \"2012-10-17\"");
  }
  if (id && id->type != J_STRING)
    report(L, R_INVALID_POLICY, 0, id->off, id->len, "Id",
           "Id must be a string");
  if (!stmts) {
    report(L, R_INVALID_POLICY, 0, root->off, 1, "",
           "the policy has no Statement: it grants nothing, and IAM rejects "
           "it");
    return;
  }
  if (stmts->type != J_OBJECT && stmts->type != J_ARRAY) {
    report(L, R_INVALID_POLICY, 0, stmts->off, stmts->len, "Statement",
           "Statement must be one statement object or an array of them");
    return;
  }
  size_t n = stmts->type == J_ARRAY ? stmts->n : 1;
  L->doc->stmts = arena_alloc(&L->doc->arena, (n ? n : 1) * sizeof(IamStmt));
  if (!L->doc->stmts)
    return;
  if (stmts->type == J_OBJECT) {
    read_statement(L, stmts, "Statement", &L->doc->stmts[0]);
  } else {
    if (n == 0)
      report(L, R_INVALID_POLICY, 0, stmts->off, stmts->len, "Statement",
             "Statement is an empty array: the policy grants nothing, and "
             "IAM rejects it");
    size_t i = 0;
    for (const JVal *s = stmts->child; s; s = s->next, i++)
      read_statement(L, s, jpath(L, "Statement", "[%zu]", i),
                     &L->doc->stmts[i]);
  }
  L->doc->nstmts = n;
}

/* Findings in the order of their positions (stable). */
static void sort_findings(Vec *v) {
  Finding *f = v->data;
  for (size_t i = 1; i < v->len; i++) {
    Finding x = f[i];
    size_t j = i;
    while (j > 0 && f[j - 1].pub.pos.offset > x.pub.pos.offset) {
      f[j] = f[j - 1];
      j--;
    }
    f[j] = x;
  }
}

/* Reads one document into p: its findings become a PolicyFile, and the
   document joins p->docs when IAM would accept it. */
static pc_status read_policy(pc_policies *p, const char *path,
                             const char *json, size_t len) {
  PolicyFile *pf = vec_push(&p->files, sizeof *pf, &p->oom);
  if (!pf)
    return PC_ENOMEM;
  pf->path = arena_strndup(&p->arena, path, strlen(path));
  Arena tmp;
  arena_init(&tmp, &p->oom);
  Vec findings = {0};
  Loader L = {0};
  L.findings = &findings;
  L.oom = &p->oom;
  L.tmp = &tmp;
  L.doc = pc_malloc(sizeof *L.doc);
  if (!pf->path || !L.doc) {
    pc_free(L.doc);
    p->oom = 1;
    return PC_ENOMEM;
  }
  memset(L.doc, 0, sizeof *L.doc);
  arena_init(&L.doc->arena, &L.doc->oom);
  L.doc->path = arena_strndup(&L.doc->arena, path, strlen(path));

  /* The text as a chunk (a UTF-8 byte order mark is not part of line 1). */
  size_t bom = len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  L.chunk.text = json + bom;
  L.chunk.len = len - bom;
  L.chunk.base_offset = bom;
  L.chunk.base_line = 1;
  L.chunk.base_col = 1;
  mask_values(&L);
  static const uint8_t default_levels[R_COUNT];
  DiagSink sink = {&p->arena, default_levels,
                   {&L.chunk, L.hidden.data, L.hidden.len}, &p->oom};
  L.sink = sink;

  JReader r = {0};
  r.s = L.chunk.text;
  r.len = L.chunk.len;
  r.a = &tmp;
  r.bad_off = SIZE_MAX;
  size_t lead = 0;
  while (lead < r.len && json_is_ws(r.s[lead]))
    lead++;
  JVal *root = NULL;
  if (lead == r.len) {
    report(&L, R_INVALID_POLICY, 0, 0, 1, "",
           "the policy file is empty: an IAM policy is a JSON object with a "
           "Statement");
  } else if (!(root = json_read(&r)) && r.err) {
    report(&L, R_INVALID_POLICY, 0, r.err_off, 1, r.err_path,
           "not valid JSON: %s; IAM rejects the document", r.err);
  } else if (root && r.bad_off != SIZE_MAX) {
    report(&L, R_INVALID_POLICY, 0, r.bad_off, 1, "",
           "the character U+%04X is not allowed: IAM accepts only tab, line "
           "breaks and U+0020 to U+00FF in a policy",
           (unsigned)r.bad_cp);
  }
  if (root)
    read_document(&L, root);
  sort_findings(&findings);
  if (findings.len) {
    pf->findings = arena_alloc(&p->arena, findings.len * sizeof(Finding));
    if (pf->findings) {
      memcpy(pf->findings, findings.data, findings.len * sizeof(Finding));
      pf->nfindings = findings.len;
    }
  }
  vec_release(&findings);

  if (L.doc->oom)
    p->oom = 1;
  if (p->oom || !root || L.invalid) {
    iam_doc_free(L.doc); /* or: IAM would reject it, it grants nothing */
  } else {
    IamDoc **slot = vec_push(&p->docs, sizeof(IamDoc *), &p->oom);
    if (slot)
      *slot = L.doc;
    else
      iam_doc_free(L.doc);
  }
  vec_release(&L.hidden);
  arena_release(&tmp);
  return p->oom ? PC_ENOMEM : PC_OK;
}

/* ---- The public set ---- */

pc_policies *pc_policies_new(void) {
  pc_policies *p = pc_malloc(sizeof *p);
  if (!p)
    return NULL;
  memset(p, 0, sizeof *p);
  arena_init(&p->arena, &p->oom);
  return p;
}

void pc_policies_free(pc_policies *p) {
  if (!p)
    return;
  for (size_t i = 0; i < p->docs.len; i++)
    iam_doc_free(*VEC_AT(&p->docs, IamDoc *, i));
  vec_release(&p->docs);
  vec_release(&p->files);
  arena_release(&p->arena);
  pc_free(p);
}

pc_status pc_policies_add(pc_policies *p, const char *path, const char *json,
                          size_t len) {
  if (!p || (!json && len))
    return PC_EINVAL;
  if (p->oom)
    return PC_ENOMEM;
  return read_policy(p, path ? path : "<policy>", json ? json : "", len);
}
