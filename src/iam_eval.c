/*
 * iam_eval.c - IAM policy documents: reading them, the problems in them, and
 * whether they grant what statements need (shared/spec/iam-and-dialects.md
 * 2.1-2.3, 3).
 *
 * pc_ctx_add_policy reads a document with the JSON reader of iam_json.c
 * (which keeps every value's source span, which the findings need).  The
 * document is checked as IAM does (invalid-policy: IAM would reject it, and it
 * is not used) and linted (policy-ineffective: it grants less, or more, than it
 * seems), with the findings placed in the JSON file and named by JSON path, as
 * IAM Access Analyzer does.  A usable document becomes an IamDoc, appended to
 * ctx->policies.
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
 * there.
 */
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

/* The verdict for one permission, worst last (see iam_eval_need). */
enum {
  IAM_GRANTED = 0,         /* an unconditional Allow, no Deny can apply */
  IAM_CONDITIONAL = 1,     /* allowed only under a condition */
  IAM_POSSIBLY_DENIED = 2, /* allowed, but a conditional Deny may apply */
  IAM_NOT_GRANTED = 3,     /* no Allow applies: implicitly denied */
  IAM_DENIED = 4           /* an unconditional Deny applies */
};

/* Evaluates one need against every policy added to ctx.  Returns one of the
   IAM_* values above; *detail (may be NULL) gets one clause saying why, in
   ctx's arena (e.g. "p.json Statement[2] denies it ...").  Exposed for
   test/test_iam_eval.c. */
int iam_eval_need(pc_ctx *ctx, const IamNeed *need, const char **detail);

/* {====================================================== wildcards */

enum {
  G_ICASE = 1u << 0,   /* letters match either case (actions) */
  G_NOCOLON = 1u << 1, /* '*' and '?' never match ':' (actions) */
  G_STRICT = 1u << 2   /* '*' and '?' do not match ':', except a '*' that
                          ends the pattern (the strict ARN reading) */
};

/* In a subject: an ARN segment whose value is unknown (REGION,
   ACCOUNT_ID, BUCKET): one or more characters other than ':' and '/'. */
#define MARK_SEG '\x01'
/* In a subject: any suffix (only a '*' can absorb it). */
#define MARK_ANY '\x02'

static int fold(int c, unsigned flags) {
  return (flags & G_ICASE) && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does pattern p ('*' any run, '?' one character) match all of s?  A
   dynamic program over the subject, one row per pattern character, so no
   pattern takes exponential time.  A failed allocation sets *oom (when
   oom is not NULL) and answers 0. */
static int glob_match(const char *p, const char *s, unsigned flags, int *oom) {
  size_t np = strlen(p), ns = strlen(s);
  unsigned char stack[2][256];
  unsigned char *heap = NULL, *cur = stack[0], *nxt = stack[1];
  if (ns + 1 > sizeof stack[0]) {
    heap = pc_malloc(2 * (ns + 1));
    if (!heap) {
      if (oom)
        *oom = 1;
      return 0;
    }
    cur = heap;
    nxt = heap + ns + 1;
  }
  memset(cur, 0, ns + 1);
  cur[0] = 1;
  for (size_t i = 0; i < np; i++) {
    char c = p[i];
    int last_star = c == '*' && i + 1 == np;
    nxt[0] = c == '*' ? cur[0] : 0;
    for (size_t j = 1; j <= ns; j++) {
      char sc = s[j - 1];
      int colon_ok = sc != ':' || !(flags & (G_NOCOLON | G_STRICT)) ||
                     (last_star && !(flags & G_NOCOLON));
      unsigned char m;
      if (c == '*') {
        m = cur[j] || (colon_ok && nxt[j - 1]);
      } else if (sc == MARK_ANY) {
        m = 0;
      } else if (sc == MARK_SEG) {
        /* the unknown segment absorbs any run of pattern characters
           other than ':' and '/' */
        m = c != ':' && c != '/' && (cur[j - 1] || cur[j]);
      } else if (c == '?') {
        m = cur[j - 1] && colon_ok;
      } else {
        m = cur[j - 1] &&
            fold((unsigned char)c, flags) == fold((unsigned char)sc, flags);
      }
      nxt[j] = m;
    }
    unsigned char *t = cur;
    cur = nxt;
    nxt = t;
  }
  int ok = cur[ns];
  pc_free(heap);
  return ok;
}

enum { OVERLAP_MAX_CELLS = 1 << 22 };

/* Is there a string that pattern p matches and that the subject s (a set:
   MARK_ANY any run, MARK_SEG a segment) contains?  Wildcards read
   permissively.  Reachability over (i, j) = (p consumed, s consumed); every
   step moves forward, so one pass in order suffices. */
static int glob_overlap(const char *p, const char *s, int *oom) {
  size_t np = strlen(p), ns = strlen(s), w = ns + 1;
  if ((np + 1) > OVERLAP_MAX_CELLS / w)
    return 0;
  unsigned char *r = pc_malloc((np + 1) * w);
  if (!r) {
    *oom = 1;
    return 0;
  }
  memset(r, 0, (np + 1) * w);
  r[0] = 1;
  for (size_t i = 0; i <= np; i++)
    for (size_t j = 0; j <= ns; j++) {
      if (!r[i * w + j])
        continue;
      char c = i < np ? p[i] : '\0', sc = j < ns ? s[j] : '\0';
      if (c == '*') {
        r[(i + 1) * w + j] = 1; /* the star matches nothing more */
        if (j < ns)
          r[i * w + j + 1] = 1; /* the star takes what s[j] stands for */
      }
      if (sc == MARK_ANY) {
        r[i * w + j + 1] = 1; /* the run is empty */
        if (i < np && c != '*')
          r[(i + 1) * w + j] = 1; /* the run takes p[i] */
      } else if (sc == MARK_SEG) {
        if (i < np && c != '*' && c != ':' && c != '/') {
          r[(i + 1) * w + j] = 1;     /* the segment goes on */
          r[(i + 1) * w + j + 1] = 1; /* the segment ends */
        }
      } else if (i < np && j < ns && c != '*' && (c == '?' || c == sc)) {
        r[(i + 1) * w + j + 1] = 1;
      }
    }
  int ok = r[np * w + ns];
  pc_free(r);
  return ok;
}

/* Does the action pattern (Action/NotAction entry) match action a?  Service
   and name are case-insensitive; wildcards do not cross ':'. */
static int action_match(const char *pat, const char *a) {
  if (strcmp(pat, "*") == 0)
    return 1;
  /* a is an action name, well under 256 bytes: no allocation */
  return glob_match(pat, a, G_ICASE | G_NOCOLON, NULL);
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

/* {====================================================== documents */

typedef enum PrefixOp {
  PO_NONE = 0, /* no s3:prefix condition to evaluate */
  PO_LIKE,     /* StringLike[IfExists] on s3:prefix, nothing else */
  PO_EQUALS    /* StringEquals[IfExists] on s3:prefix, nothing else */
} PrefixOp;

/* One statement of an identity policy. */
typedef struct IamStmt {
  const char *label;    /* "Statement[1] (Sid \"s3list\")" */
  int deny;             /* Effect Deny (else Allow) */
  int not_action;       /* the patterns are NotAction */
  int not_resource;     /* the patterns are NotResource */
  const char **actions; /* Action or NotAction patterns */
  size_t nactions;
  const char **resources; /* Resource or NotResource patterns */
  size_t nresources;
  const char *cond_keys; /* "aws:SourceIp, s3:prefix", NULL: none */
  PrefixOp prefix_op;    /* the condition, when it can be evaluated */
  int prefix_if_exists;  /* ...IfExists: holds when the key is absent */
  const char **prefixes; /* its s3:prefix values */
  size_t nprefixes;
} IamStmt;

struct IamDoc {
  Arena arena; /* everything below */
  int oom;     /* the arena's flag (copied to the context's) */
  const char *path;
  int legacy; /* Version absent or 2008-10-17: ${...} is literal text */
  IamStmt *stmts;
  size_t nstmts;
};

void iam_doc_free(IamDoc *d) {
  if (!d)
    return;
  arena_release(&d->arena);
  pc_free(d);
}

/* Reading one document: the findings go to the file record of its path. */
typedef struct Loader {
  pc_ctx *ctx;
  pc_file *file; /* the policy file's record */
  Chunk chunk;   /* the JSON text, as a chunk for diag_make */
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
  pc_ctx *ctx = L->ctx;
  if (rule == R_INVALID_POLICY)
    L->invalid = 1;
  pc_level level = (pc_level)ctx->level[rule];
  if (level == PC_LEVEL_OFF)
    return;
  va_list ap;
  va_start(ap, fmt);
  char *body = arena_vprintf(L->tmp, fmt, ap);
  va_end(ap);
  char *msg =
      body ? (path && *path ? arena_printf(&ctx->arena, "%s: %s", path, body)
                            : arena_printf(&ctx->arena, "%s", body))
           : NULL;
  Finding *f =
      msg ? vec_push(&L->file->findings, sizeof(Finding), &ctx->oom) : NULL;
  if (!f) {
    ctx->oom = 1;
    return;
  }
  for (char *q = msg; *q; q++)
    if ((unsigned char)*q < 0x20 || *q == 0x7F)
      *q = '?';
  DiagSrc src = {&L->chunk, L->hidden.data, L->hidden.len};
  if (diag_make(f, &ctx->arena, &src, rule, off, len,
                path && *path ? path : NULL, msg) != 0) {
    L->file->findings.len--;
    ctx->oom = 1;
    return;
  }
  if (level != PC_LEVEL_DEFAULT)
    f->pub.severity = (pc_severity)(level - PC_LEVEL_NOTE + PC_SEV_NOTE);
  else if (sev)
    f->pub.severity = sev;
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
        Token *t = vec_push(&L->hidden, sizeof(Token), &L->ctx->oom);
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
          L->ctx->oom = 1;
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

pc_status pc_ctx_add_policy(pc_ctx *ctx, const char *path, const char *json,
                            size_t len) {
  if (!ctx || (!json && len))
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  if (!path)
    path = "<policy>";
  if (!json)
    json = "";
  Arena tmp;
  arena_init(&tmp, &ctx->oom);
  Loader L = {0};
  L.ctx = ctx;
  L.tmp = &tmp;
  L.file = file_new(ctx, path);
  L.doc = pc_malloc(sizeof *L.doc);
  if (!L.file || !L.doc) {
    pc_free(L.doc);
    ctx->oom = 1;
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
  sort_findings(&L.file->findings);

  pc_status st = PC_OK;
  if (L.doc->oom)
    ctx->oom = 1;
  if (ctx->oom) {
    st = PC_ENOMEM;
    iam_doc_free(L.doc);
  } else if (!root || L.invalid) {
    iam_doc_free(L.doc); /* IAM would reject it: it grants nothing */
  } else {
    IamDoc **slot = vec_push(&ctx->policies, sizeof(IamDoc *), &ctx->oom);
    if (slot) {
      *slot = L.doc;
    } else {
      iam_doc_free(L.doc);
      st = PC_ENOMEM;
    }
  }
  vec_release(&L.hidden);
  arena_release(&tmp);
  return st;
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
    if (loose && glob_overlap(loose, subj, a->oom)) {
      *var = first_var(a, pat);
      return CV_VARIABLE;
    }
    return CV_NO;
  }
  if (glob_match(pat, subj, G_STRICT, a->oom))
    return CV_YES;
  if (glob_match(pat, subj, 0, a->oom))
    return permissive ? CV_YES : CV_READING;
  if (strchr(subj, MARK_ANY) && glob_overlap(pat, subj, a->oom))
    return CV_PARTIAL;
  return CV_NO;
}

/* Does the statement apply to the subject, as far as resources go?
   Resource: CV_READING says a match needs '*' to span ':' (an Allow then
   grants only conditionally, a Deny still denies: spec 2.2, strict for
   Allow, permissive for Deny).  NotResource: the exclusions are read the
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
        *why = c == CV_VARIABLE ? var : st->resources[i];
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
      *why = c == CV_VARIABLE ? var : st->resources[i];
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
      covers = glob_match(v, under ? any : bare, 0, a->oom);
      bare_ok = glob_match(v, bare, 0, a->oom);
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

static int eval_need(pc_ctx *ctx, const IamNeed *need, Arena *a,
                     const char **detail) {
  const char *subj = subject_of(a, need->resource ? need->resource : "");
  Hit deny = {0}, maybe_deny = {0}, allow = {0}, maybe_allow = {0};
  const IamStmt *elsewhere = NULL; /* an Allow of the action, elsewhere */
  const IamDoc *elsewhere_doc = NULL;
  const IamStmt *prefix_miss = NULL; /* an Allow whose s3:prefix fails */
  const IamDoc *prefix_miss_doc = NULL;
  if (detail)
    *detail = NULL;
  if (!subj)
    return IAM_NOT_GRANTED;
  for (size_t k = 0; k < ctx->policies.len; k++) {
    const IamDoc *d = *VEC_AT(&ctx->policies, IamDoc *, k);
    for (size_t i = 0; i < d->nstmts; i++) {
      const IamStmt *st = &d->stmts[i];
      if (!st->actions || !st->resources || !action_cover(st, need->action))
        continue;
      Hit h = {d, st, CV_NO, NULL, CS_HOLDS};
      h.cover = resource_cover(d, st, subj, a, &h.why);
      if (h.cover == CV_NO) {
        if (!st->deny && !elsewhere && !st->not_resource) {
          elsewhere = st;
          elsewhere_doc = d;
        }
        continue;
      }
      h.cond = cond_state(st, need, a);
      if (h.cond == CS_FAILS) {
        if (!st->deny && !prefix_miss) {
          prefix_miss = st;
          prefix_miss_doc = d;
        }
        continue;
      }
      /* a Deny reads '*' permissively: CV_READING denies (noted) */
      int sure = (h.cover == CV_YES || (st->deny && h.cover == CV_READING)) &&
                 h.cond == CS_HOLDS;
      Hit *slot = st->deny ? (sure ? &deny : &maybe_deny)
                           : (sure ? &allow : &maybe_allow);
      if (!slot->st)
        *slot = h;
    }
  }
  int verdict;
  const char *why = NULL;
  if (deny.st) {
    verdict = IAM_DENIED;
    why = arena_printf(a,
                       "%s denies it%s, and an explicit Deny overrides every "
                       "Allow",
                       stmt_name(a, &deny),
                       deny.cover == CV_READING
                           ? arena_printf(a,
                                          " (if the '*' in %s may span ':', "
                                          "as AWS's newer documentation "
                                          "says)",
                                          deny.why)
                           : "");
  } else if (allow.st && !maybe_deny.st) {
    verdict = IAM_GRANTED;
    why = arena_printf(a, "%s allows it", stmt_name(a, &allow));
  } else if (allow.st) {
    verdict = IAM_POSSIBLY_DENIED;
    why = arena_printf(a, "%s allows it, but %s denies it %s",
                       stmt_name(a, &allow), stmt_name(a, &maybe_deny),
                       hit_condition(a, &maybe_deny, need));
  } else if (maybe_allow.st) {
    verdict = IAM_CONDITIONAL;
    why = arena_printf(a, "%s allows it %s", stmt_name(a, &maybe_allow),
                       hit_condition(a, &maybe_allow, need));
    if (maybe_deny.st)
      why = arena_printf(a, "%s, and %s denies it %s", why ? why : "",
                         stmt_name(a, &maybe_deny),
                         hit_condition(a, &maybe_deny, need));
  } else {
    verdict = IAM_NOT_GRANTED;
    if (prefix_miss)
      why = arena_printf(
          a, "%s %s allows it only where s3:prefix matches '%s'%s, and %s",
          prefix_miss_doc->path, prefix_miss->label, prefix_miss->prefixes[0],
          prefix_miss->nprefixes > 1 ? " (or ...)" : "",
          !need->prefix && !is_list_action(need->action)
              ? "the request has no s3:prefix"
          : need->prefix
              ? arena_printf(a, "the statement lists with '%s'", need->prefix)
              : "the statement lists the whole bucket");
    else if (elsewhere)
      why = arena_printf(a, "%s %s allows it only on %s%s", elsewhere_doc->path,
                         elsewhere->label, elsewhere->resources[0],
                         elsewhere->nresources > 1 ? " (and others)" : "");
    else
      why = "no statement of the given policies allows it";
  }
  if (detail)
    *detail = why;
  return verdict;
}

int iam_eval_need(pc_ctx *ctx, const IamNeed *need, const char **detail) {
  if (detail)
    *detail = NULL;
  if (!ctx || !need || !need->action)
    return IAM_NOT_GRANTED;
  return eval_need(ctx, need, &ctx->arena, detail);
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

void iam_check(Unit *u, Target *t) {
  pc_ctx *ctx = u->ctx;
  if (!ctx->policies.len)
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
        int v = eval_need(ctx, n, &u->scratch, &d);
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
              ? arena_printf(&u->scratch, " with s3:prefix '%s'", at->prefix)
              : "";
      if (!detail)
        detail = "";
      static const char *const verdicts[] = {
          /* IAM_CONDITIONAL */ "may not be granted",
          /* IAM_POSSIBLY_DENIED */ "may be denied",
          /* IAM_NOT_GRANTED */ "is not granted",
          /* IAM_DENIED */ "is denied"};
      unit_diag(u, t,
                worst >= IAM_NOT_GRANTED ? R_MISSING_PERMISSION
                                         : R_CONDITIONAL_PERMISSION,
                t->off, 1, NULL, "%s on %s%s %s: %s; the statement %s as %s",
                at->action, res, pfx ? pfx : "", verdicts[worst - 1], detail,
                purpose_of(at->action), who);
    }
  }
}

/* }====================================================== */
