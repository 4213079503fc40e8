/*
 * iam_eval.c - whether identity policies grant what a statement needs
 * (IAM User Guide: "Policy evaluation logic" and the Action, Resource and
 * NotAction element pages).
 *
 * iam_check evaluates each permission a statement needs against the union
 * of the documents: an applicable unconditional Deny denies; else an
 * applicable unconditional Allow grants (a conditional Deny makes it "may be
 * denied"); else a conditional Allow grants conditionally; else it is not
 * granted.  Conditions are tri-state; only an Allow whose one condition is
 * StringLike/StringEquals on s3:prefix is evaluated, against the prefix the
 * statement lists with.  A need's resource names a set (a trailing star:
 * every key under a prefix) and may hold placeholders for what the
 * statement does not say (ACCOUNT_ID, REGION, BUCKET): a pattern grants
 * when it covers the whole set (covering part of it grants conditionally),
 * and a placeholder stands for whatever single segment the pattern has
 * there.  The documents are only read: contexts on several threads may
 * evaluate against the same ones.
 */
#include <string.h>
#include <strings.h>

#include "iam.h"

/* {====================================================== actions, subjects */

/* Does the action pattern (Action/NotAction entry) match action a?  Service
   and name are case-insensitive; wildcards do not cross ':'. */
static int action_match(const char *pat, const char *a) {
  if (strcmp(pat, "*") == 0)
    return 1;
  /* a is an action name, well under 256 bytes: no allocation */
  return iam_glob_subject(pat, a, G_ICASE | G_NOCOLON, NULL);
}

/* The pattern with every ${...} policy variable replaced by '*'. */
static char *vars_to_star(Arena *a, const char *pat) {
  Buf b = {0};
  for (const char *q = pat; *q;) {
    const char *e = q[0] == '$' && q[1] == '{' ? strchr(q, '}') : NULL;
    if (e) {
      if (buf_append(&b, "*", 1))
        goto oom;
      q = e + 1;
    } else {
      if (buf_append(&b, q, 1))
        goto oom;
      q++;
    }
  }
  {
    char *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_release(&b);
    return out;
  }
oom:
  buf_release(&b);
  *a->oom = 1;
  return NULL;
}

/* The first ${...} in s, copied, or NULL. */
static const char *first_var(Arena *a, const char *s) {
  const char *v = strstr(s, "${");
  const char *e = v ? strchr(v, '}') : NULL;
  return e ? arena_strndup(a, v, (size_t)(e - v + 1)) : NULL;
}

/* }====================================================== */

/* {====================================================== evaluation */

/* How a statement's resources cover the need's resource. */
typedef enum Cover {
  CV_NO,       /* it does not apply */
  CV_YES,      /* it applies to all the need names */
  CV_VARIABLE, /* it may apply: a ${...} policy variable decides */
  CV_READING,  /* it applies only if '*' may span ':' */
  CV_PARTIAL   /* it applies to part of what the need names (a directory
                  of a bucket's objects, one database of all) */
} Cover;

/* Placeholders iam_needs.c writes for what a statement does not say: each
   stands for one unknown ARN segment (no ':' or '/'). */
static const char *const need_placeholders[] = {"ACCOUNT_ID",
                                                "REGION",
                                                "BUCKET",
                                                "TABLE_BUCKET",
                                                "STARROCKS_NODE_ROLE",
                                                "STARROCKS_USER",
                                                "STARROCKS_WEB_IDENTITY_ROLE",
                                                "DATABEND_ROLE",
                                                "API_ID",
                                                NULL};

/* The need's resource as a subject for glob_match: a '*' (the need names a
   set: every key under a prefix) becomes MARK_ANY, which only a '*' of the
   pattern can cover; a placeholder segment becomes MARK_SEG, which any
   pattern segment matches (the policy is read as written for the account,
   region and bucket the statement does not name). */
static char *subject_of(Arena *a, const char *res) {
  char *s = arena_alloc(a, strlen(res) + 1);
  if (!s)
    return NULL;
  char *o = s;
  for (const char *q = res; *q;) {
    int seg_start = q == res || q[-1] == ':' || q[-1] == '/';
    size_t n = 0;
    for (size_t i = 0; seg_start && need_placeholders[i] && !n; i++) {
      size_t k = strlen(need_placeholders[i]);
      if (strncmp(q, need_placeholders[i], k) == 0 &&
          (q[k] == '\0' || q[k] == ':' || q[k] == '/'))
        n = k;
    }
    if (n) {
      *o++ = MARK_SEG;
      q += n;
    } else {
      *o++ = *q == '*' ? MARK_ANY : *q;
      q++;
    }
  }
  *o = '\0';
  return s;
}

/* Does one resource pattern cover the subject?  CV_YES, CV_NO, CV_PARTIAL,
   CV_VARIABLE, or (unless permissive) CV_READING when it does only if '*'
   crosses ':'. */
static Cover pattern_cover(const IamDoc *d, const char *pat, const char *subj,
                           int permissive, Arena *a, const char **var) {
  if (!d->legacy && strstr(pat, "${")) {
    const char *loose = vars_to_star(a, pat);
    if (loose && iam_glob_overlap(loose, subj, a->oom)) {
      *var = first_var(a, pat);
      return CV_VARIABLE;
    }
    return CV_NO;
  }
  if (iam_glob_subject(pat, subj, G_STRICT, a->oom))
    return CV_YES;
  if (iam_glob_subject(pat, subj, 0, a->oom))
    return permissive ? CV_YES : CV_READING;
  int o = strchr(subj, MARK_ANY) ? iam_glob_overlap(pat, subj, a->oom) : 0;
  if (o < 0) /* too long to compare: it may cover a part, and says so */
    *var = arena_printf(a, "%s, too long to compare with the resource", pat);
  if (o)
    return CV_PARTIAL;
  return CV_NO;
}

/* Does the statement apply to the subject, as far as resources go?
   Resource: CV_READING says a match needs '*' to span ':' (an Allow then
   grants only conditionally, a Deny still denies: the IAM Resource element
   page has said both that '*' cannot span ':' and that it can, so strict
   for Allow, permissive for Deny).  NotResource: the exclusions are read the
   other way round, so that the answer errs toward "not granted" and toward
   "denied". */
static Cover resource_cover(const IamDoc *d, const IamStmt *st,
                            const char *subj, Arena *a, const char **why) {
  Cover best = CV_NO;
  if (!st->not_resource) {
    for (size_t i = 0; i < st->nresources; i++) {
      const char *var = NULL;
      Cover c = pattern_cover(d, st->resources[i], subj, 0, a, &var);
      if (c == CV_YES)
        return CV_YES;
      /* the closest to a match wins: READING (a Deny denies with it),
         then VARIABLE, then PARTIAL */
      static const int rank[] = {
          [CV_NO] = 0, [CV_PARTIAL] = 1, [CV_VARIABLE] = 2, [CV_READING] = 3};
      if (c != CV_YES && rank[c] > rank[best]) {
        best = c;
        *why = var ? var : st->resources[i];
      }
    }
    return best;
  }
  /* NotResource: it applies to what no pattern matches. */
  for (size_t i = 0; i < st->nresources; i++) {
    const char *var = NULL;
    Cover c = pattern_cover(d, st->resources[i], subj, !st->deny, a, &var);
    if (c == CV_YES)
      return CV_NO;
    if (c != CV_NO && best == CV_NO) {
      best = c == CV_VARIABLE ? CV_VARIABLE : CV_PARTIAL;
      *why = var ? var : st->resources[i];
    }
  }
  return best == CV_NO ? CV_YES : best;
}

static int action_cover(const IamStmt *st, const char *action) {
  int any = 0;
  for (size_t i = 0; i < st->nactions && !any; i++)
    any = action_match(st->actions[i], action);
  return st->not_action ? !any : any;
}

/* A Condition, as far as a static check can tell. */
typedef enum CondState {
  CS_HOLDS,   /* no condition, or an s3:prefix condition that holds */
  CS_FAILS,   /* an s3:prefix condition that does not hold */
  CS_UNKNOWN, /* depends on the request */
  CS_BARE     /* s3:prefix: holds for the bare prefix, not below it */
} CondState;

static int is_list_action(const char *a) {
  return strcasecmp(a, "s3:ListBucket") == 0 ||
         strcasecmp(a, "s3:ListBucketVersions") == 0;
}

/* Evaluates an Allow's s3:prefix condition against the prefix the
   statement lists with: need->prefix is a StringLike value ("dir/" and a
   star: any prefix under dir/), NULL for the whole bucket. */
static CondState prefix_state(const IamStmt *st, const IamNeed *need,
                              Arena *a) {
  if (!need->prefix && !is_list_action(need->action))
    return st->prefix_if_exists ? CS_HOLDS : CS_FAILS; /* no s3:prefix */
  const char *p = need->prefix ? need->prefix : "";
  size_t n = strlen(p);
  int under = n > 0 && p[n - 1] == '*';
  char *bare = arena_strndup(a, p, under ? n - 1 : n);
  char *any = arena_printf(a, "%s%c", bare ? bare : "", MARK_ANY);
  if (!bare || !any)
    return CS_UNKNOWN;
  CondState best = CS_FAILS;
  for (size_t i = 0; i < st->nprefixes; i++) {
    const char *v = st->prefixes[i];
    int covers, bare_ok;
    if (st->prefix_op == PO_LIKE) {
      covers = iam_glob_subject(v, under ? any : bare, 0, a->oom);
      bare_ok = iam_glob_subject(v, bare, 0, a->oom);
    } else {
      covers = !under && strcmp(v, bare) == 0;
      bare_ok = strcmp(v, bare) == 0;
    }
    if (covers)
      return CS_HOLDS;
    if (bare_ok && need->prefix)
      best = CS_BARE;
  }
  return best;
}

static CondState cond_state(const IamStmt *st, const IamNeed *need, Arena *a) {
  if (!st->cond_keys)
    return CS_HOLDS;
  if (st->deny || st->prefix_op == PO_NONE)
    return CS_UNKNOWN;
  return prefix_state(st, need, a);
}

/* What made a statement count, for the detail clause. */
typedef struct Hit {
  const IamDoc *doc;
  const IamStmt *st;
  Cover cover;     /* CV_YES, or why it may only apply */
  const char *why; /* the variable or the pattern of a CV_* */
  CondState cond;
} Hit;

static const char *stmt_name(Arena *a, const Hit *h) {
  return arena_printf(a, "%s %s", h->doc->path, h->st->label);
}

/* Why a hit may not apply, to follow "allows it" or "denies it". */
static const char *hit_condition(Arena *a, const Hit *h, const IamNeed *need) {
  int deny = h->st->deny;
  const char *res = NULL, *cond = NULL;
  switch (h->cover) {
  case CV_VARIABLE:
    res = arena_printf(a, "%s its policy variable %s matches",
                       deny ? "where" : "only where", h->why);
    break;
  case CV_PARTIAL:
    res = arena_printf(a, "%s part of it (%s%s)", deny ? "on" : "only on",
                       h->st->not_resource ? "NotResource " : "", h->why);
    break;
  case CV_READING:
    res = arena_printf(a,
                       "only if the '*' in %s may span ':' (AWS documents "
                       "both readings)",
                       h->why);
    break;
  default:
    break;
  }
  if (h->cond == CS_BARE) {
    size_t n = strlen(need->prefix);
    cond = arena_printf(a,
                        "only for the listing prefix '%.*s' itself (its "
                        "s3:prefix condition does not cover '%s')",
                        (int)(n - (n && need->prefix[n - 1] == '*')),
                        need->prefix, need->prefix);
  } else if (h->cond == CS_UNKNOWN) {
    cond = arena_printf(a,
                        deny ? "when its condition on %s holds"
                             : "only under its condition on %s",
                        h->st->cond_keys);
  }
  if (res && cond)
    return arena_printf(a, "%s and %s", res, cond);
  return res ? res : cond ? cond : "";
}

/* What the documents say about one need: the first statement of each
   kind that applies, and the near misses that explain a refusal. */
typedef struct Hits {
  Hit deny, maybe_deny, allow, maybe_allow;
  const IamStmt *elsewhere; /* an Allow of the action, elsewhere */
  const IamDoc *elsewhere_doc;
  const IamStmt *prefix_miss; /* an Allow whose s3:prefix fails */
  const IamDoc *prefix_miss_doc;
} Hits;

static void collect_hits(IamDoc *const *docs, size_t ndocs, const IamNeed *need,
                         const char *subj, Arena *a, Hits *h) {
  for (size_t k = 0; k < ndocs; k++) {
    const IamDoc *d = docs[k];
    for (size_t i = 0; i < d->nstmts; i++) {
      const IamStmt *st = &d->stmts[i];
      if (!st->actions || !st->resources || !action_cover(st, need->action))
        continue;
      Hit x = {d, st, CV_NO, NULL, CS_HOLDS};
      x.cover = resource_cover(d, st, subj, a, &x.why);
      if (x.cover == CV_NO) {
        if (!st->deny && !h->elsewhere && !st->not_resource) {
          h->elsewhere = st;
          h->elsewhere_doc = d;
        }
        continue;
      }
      x.cond = cond_state(st, need, a);
      if (x.cond == CS_FAILS) {
        if (!st->deny && !h->prefix_miss) {
          h->prefix_miss = st;
          h->prefix_miss_doc = d;
        }
        continue;
      }
      /* a Deny reads '*' permissively: CV_READING denies (noted) */
      int sure = (x.cover == CV_YES || (st->deny && x.cover == CV_READING)) &&
                 x.cond == CS_HOLDS;
      Hit *slot = st->deny ? (sure ? &h->deny : &h->maybe_deny)
                           : (sure ? &h->allow : &h->maybe_allow);
      if (!slot->st)
        *slot = x;
    }
  }
}

/* The verdict the hits give, and one clause saying why (*why). */
static int verdict_of(const Hits *h, const IamNeed *need, Arena *a,
                      const char **why_out) {
  int verdict;
  const char *why = NULL;
  if (h->deny.st) {
    verdict = IAM_DENIED;
    why = arena_printf(a,
                       "%s denies it%s, and an explicit Deny overrides every "
                       "Allow",
                       stmt_name(a, &h->deny),
                       h->deny.cover == CV_READING
                           ? arena_printf(a,
                                          " (if the '*' in %s may span ':', "
                                          "as AWS's newer documentation "
                                          "says)",
                                          h->deny.why)
                           : "");
  } else if (h->allow.st && !h->maybe_deny.st) {
    verdict = IAM_GRANTED;
    why = arena_printf(a, "%s allows it", stmt_name(a, &h->allow));
  } else if (h->allow.st) {
    verdict = IAM_POSSIBLY_DENIED;
    why = arena_printf(a, "%s allows it, but %s denies it %s",
                       stmt_name(a, &h->allow), stmt_name(a, &h->maybe_deny),
                       hit_condition(a, &h->maybe_deny, need));
  } else if (h->maybe_allow.st) {
    verdict = IAM_CONDITIONAL;
    why = arena_printf(a, "%s allows it %s", stmt_name(a, &h->maybe_allow),
                       hit_condition(a, &h->maybe_allow, need));
    if (h->maybe_deny.st)
      why = arena_printf(a, "%s, and %s denies it %s", why ? why : "",
                         stmt_name(a, &h->maybe_deny),
                         hit_condition(a, &h->maybe_deny, need));
  } else {
    verdict = IAM_NOT_GRANTED;
    if (h->prefix_miss)
      why = arena_printf(
          a, "%s %s allows it only where s3:prefix matches '%s'%s, and %s",
          h->prefix_miss_doc->path, h->prefix_miss->label,
          h->prefix_miss->prefixes[0],
          h->prefix_miss->nprefixes > 1 ? " (or ...)" : "",
          !need->prefix && !is_list_action(need->action)
              ? "the request has no s3:prefix"
          : need->prefix
              ? arena_printf(a, "the statement lists with '%s'", need->prefix)
              : "the statement lists the whole bucket");
    else if (h->elsewhere)
      why = arena_printf(a, "%s %s allows it only on %s%s",
                         h->elsewhere_doc->path, h->elsewhere->label,
                         h->elsewhere->resources[0],
                         h->elsewhere->nresources > 1 ? " (and others)" : "");
    else
      why = "no statement of the given policies allows it";
  }
  *why_out = why;
  return verdict;
}

static int eval_need(IamDoc *const *docs, size_t ndocs, const IamNeed *need,
                     Arena *a, const char **detail) {
  if (detail)
    *detail = NULL;
  if (need->resource && strlen(need->resource) > IAM_ARN_MAX) {
    if (detail) /* and matching it against every pattern costs its length */
      *detail = arena_printf(a,
                             "its ARN is %zu characters, over IAM's limit of "
                             "%d, and AWS rejects the request",
                             strlen(need->resource), IAM_ARN_MAX);
    return IAM_NOT_GRANTED;
  }
  const char *subj = subject_of(a, need->resource ? need->resource : "");
  if (!subj)
    return IAM_NOT_GRANTED;
  Hits h;
  memset(&h, 0, sizeof h);
  collect_hits(docs, ndocs, need, subj, a, &h);
  const char *why = NULL;
  int verdict = verdict_of(&h, need, a, &why);
  if (detail)
    *detail = why;
  return verdict;
}

int iam_eval_need(IamDoc *const *docs, size_t ndocs, const IamNeed *need,
                  Arena *a, const char **detail) {
  if (detail)
    *detail = NULL;
  if (!need || !need->action)
    return IAM_NOT_GRANTED;
  return eval_need(docs, ndocs, need, a, detail);
}

/* What a statement does with a permission, for messages (first match). */
static const struct {
  const char *action; /* a case-insensitive pattern */
  const char *does;
} purposes[] = {
    {"s3:GetObject*", "reads there"},
    {"s3:PutObject*", "writes there"},
    {"s3:AbortMultipartUpload", "writes there"},
    {"s3:ListMultipartUploadParts", "writes there"},
    {"s3:DeleteObject*", "deletes there"},
    {"s3:ListBucket*", "lists the bucket"},
    {"s3:GetBucketLocation", "looks up the bucket's region"},
    {"sts:AssumeRole*", "assumes the role"},
    {"glue:Get*", "reads the Glue Data Catalog"},
    {"glue:BatchGet*", "reads the Glue Data Catalog"},
    {"glue:*", "changes the Glue Data Catalog"},
    {"s3tables:Get*", "reads the table bucket"},
    {"s3tables:List*", "reads the table bucket"},
    {"s3tables:*", "changes the table bucket"},
    {"kms:Decrypt", "decrypts with the key"},
    {"kms:GenerateDataKey*", "encrypts with the key"},
    {"lakeformation:GetDataAccess", "reads data that Lake Formation governs"},
    {"*", "needs it"},
};

static const char *purpose_of(const char *action) {
  for (size_t i = 0; i < sizeof purposes / sizeof purposes[0]; i++)
    if (action_match(purposes[i].action, action))
      return purposes[i].does;
  return "needs it";
}

static int same_need(const IamNeed *x, const IamNeed *y) {
  return strcasecmp(x->action, y->action) == 0 &&
         strcmp(x->resource ? x->resource : "",
                y->resource ? y->resource : "") == 0;
}

void iam_check(Unit *u, Target *t, IamDoc *const *docs, size_t ndocs) {
  if (!ndocs)
    return;
  for (size_t g = 0; g < t->ngrants; g++) {
    const IamGrant *gr = &t->grants[g];
    const char *who = gr->principal ? gr->principal : "the credential";
    for (size_t i = 0; i < gr->nneeds; i++) {
      const IamNeed *need = &gr->needs[i];
      if (!need->action)
        continue;
      int dup = 0;
      for (size_t j = 0; j < i && !dup; j++)
        dup = gr->needs[j].action && same_need(&gr->needs[j], need);
      if (dup)
        continue; /* reported with the first need of the same pair */
      /* The worst verdict over the needs of this action and resource. */
      int worst = -1;
      const char *detail = NULL;
      const IamNeed *at = need;
      for (size_t j = i; j < gr->nneeds; j++) {
        const IamNeed *n = &gr->needs[j];
        if (!n->action || !same_need(n, need))
          continue;
        const char *d = NULL;
        int v = eval_need(docs, ndocs, n, u->scratch, &d);
        if (v > worst) {
          worst = v;
          detail = d;
          at = n;
        }
      }
      if (worst == IAM_GRANTED || worst < 0)
        continue;
      const char *res = at->resource ? at->resource : "*";
      const char *pfx =
          at->prefix
              ? arena_printf(u->scratch, " with s3:prefix '%s'", at->prefix)
              : "";
      if (!detail)
        detail = "";
      static const char *const verdicts[] = {
          /* IAM_CONDITIONAL */ "may not be granted",
          /* IAM_POSSIBLY_DENIED */ "may be denied",
          /* IAM_NOT_GRANTED */ "is not granted",
          /* IAM_DENIED */ "is denied"};
      diag_unit(u, t,
                worst >= IAM_NOT_GRANTED ? R_MISSING_PERMISSION
                                         : R_CONDITIONAL_PERMISSION,
                t->off, 1, NULL, "%s on %s%s %s: %s; the statement %s as %s",
                at->action, res, pfx ? pfx : "", verdicts[worst - 1], detail,
                purpose_of(at->action), who);
    }
  }
}

/* }====================================================== */
