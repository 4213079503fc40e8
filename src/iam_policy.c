/*
 * iam_policy.c - identity policies: reading them and the problems in them
 * (IAM User Guide: "IAM JSON policy grammar", the policy element pages and
 * "Policy evaluation logic").
 *
 * pc_policies_add reads a document with the JSON reader of json_read.c
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

/* Policy source lines show member names, punctuation and the values of the
   policy grammar's own elements (actions, resources, principals, effects),
   which the findings are about; every other value is masked: a condition's
   values (sts:ExternalId is a secret), and all of a file that is not an
   IAM policy (a property map given as a policy by mistake shows no secret,
   whatever its keys).  A value is shown only when every member name on its
   path is one of these. */
static const char *const shown_names[] = {
    "Version",      "Id",       "Statement", "Sid",    "Effect",
    "Action",       "NotAction", "Resource", "NotResource", "Principal",
    "NotPrincipal", "AWS",      "Service",   "Federated", "CanonicalUser",
    NULL};

static int shown_name(const char *s, size_t n) {
  for (size_t k = 0; shown_names[k]; k++)
    if (strlen(shown_names[k]) == n && memcmp(s, shown_names[k], n) == 0)
      return 1;
  return 0;
}

enum { MASK_DEPTH = 64 };

/* The masking walk: per open container, whether its direct values may be
   shown by their path, and (in an object) by the current member's name. */
typedef struct MaskWalk {
  Loader *L;
  size_t depth;
  uint8_t path_ok[MASK_DEPTH + 1];
  uint8_t name_ok[MASK_DEPTH + 1];
  uint8_t is_obj[MASK_DEPTH + 1];
} MaskWalk;

static int value_shown(const MaskWalk *w) {
  size_t d = w->depth;
  if (d == 0 || d > MASK_DEPTH)
    return 0;
  return w->path_ok[d] && (!w->is_obj[d] || w->name_ok[d]);
}

static void hide_span(MaskWalk *w, int kind, size_t start, size_t end) {
  Token *t = vec_push(&w->L->hidden, sizeof(Token), w->L->oom);
  if (!t)
    return;
  memset(t, 0, sizeof *t);
  t->kind = (uint8_t)kind;
  t->hidden = 1;
  t->off = (uint32_t)start;
  t->len = (uint32_t)(end - start);
}

static void open_container(MaskWalk *w, int obj) {
  int ok = w->depth == 0 ? obj : value_shown(w);
  w->depth++;
  if (w->depth > MASK_DEPTH)
    return;
  w->path_ok[w->depth] = (uint8_t)ok;
  w->name_ok[w->depth] = 0;
  w->is_obj[w->depth] = (uint8_t)obj;
}

/* A string at s[start..end): a member name (':' follows) or a value. */
static void on_string(MaskWalk *w, const char *s, size_t n, size_t start,
                      size_t end) {
  size_t j = end;
  while (j < n && json_is_ws(s[j]))
    j++;
  if (j < n && s[j] == ':' && end - start >= 2) {
    if (w->depth && w->depth <= MASK_DEPTH)
      w->name_ok[w->depth] = (uint8_t)shown_name(s + start + 1, end - start - 2);
    return;
  }
  if (!value_shown(w))
    hide_span(w, TK_STRING, start, end);
}

/* Marks the values to mask, scanning the text itself so that it works on
   documents that do not parse.  Tokens come out sorted. */
static void mask_values(Loader *L) {
  const char *s = L->chunk.text;
  size_t n = L->chunk.len, i = 0;
  MaskWalk w;
  memset(&w, 0, sizeof w);
  w.L = L;
  while (i < n) {
    char c = s[i];
    if (c == '"') {
      size_t start = i++;
      while (i < n && s[i] != '"')
        i += s[i] == '\\' ? 2 : 1;
      i = i < n ? i + 1 : n;
      on_string(&w, s, n, start, i);
    } else if (c == '{' || c == '[') {
      open_container(&w, c == '{');
      i++;
    } else if (c == '}' || c == ']') {
      if (w.depth)
        w.depth--;
      i++;
    } else if (c == ',' || c == ':' || json_is_ws(c)) {
      if (c == ',' && w.depth && w.depth <= MASK_DEPTH)
        w.name_ok[w.depth] = 0;
      i++;
    } else { /* a number, literal or stray text: a value */
      size_t start = i++; /* (a NUL byte too: strchr would find it) */
      while (i < n && !memchr("\"{}[],:", s[i], 7) && !json_is_ws(s[i]))
        i++;
      if (!value_shown(&w))
        hide_span(&w, TK_IDENT, start, i);
    }
  }
}

/* A document that does not even start as JSON (a SQL file given as a
   policy): its findings show no source line. */
static int starts_as_json(const Chunk *c) {
  size_t i = 0;
  while (i < c->len && json_is_ws(c->text[i]))
    i++;
  return i < c->len && (c->text[i] == '{' || c->text[i] == '[');
}

static void read_document(Loader *L, const JsonVal *root) {
  if (root->type != JSON_OBJECT) {
    policy_report(
        L, R_INVALID_POLICY, 0, root->off, 1, "",
        "an IAM policy is a JSON object with a Statement (and a Version)");
    return;
  }
  policy_check_duplicates(L, root, "");
  static const char *const top_keys[] = {"Version", "Id", "Statement", NULL};
  for (const JsonVal *m = root->child; m; m = m->next)
    if (!value_in(m->key, top_keys, 0))
      policy_report(L, R_INVALID_POLICY, 0, m->key_off, m->key_len, m->key,
                    "'%s' is not a policy element: IAM accepts Version, Id and "
                    "Statement at the top%s",
                    m->key,
                    value_in(m->key, top_keys, 1) ? " (element names are case-"
                                                    "sensitive)"
                                                  : "");
  const JsonVal *version = json_member(root, "Version");
  const JsonVal *id = json_member(root, "Id");
  const JsonVal *stmts = json_member(root, "Statement");
  L->doc->legacy = 1;
  if (version) {
    if (version->type == JSON_STRING &&
        strcmp(version->str, "2012-10-17") == 0) {
      L->doc->legacy = 0;
    } else if (!(version->type == JSON_STRING &&
                 strcmp(version->str, "2008-10-17") == 0)) {
      policy_report(
          L, R_INVALID_POLICY, 0, version->off, version->len, "Version",
          "Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"): "
          "it is the version of the policy language, not a date of yours");
    }
  } else {
    policy_report(
        L, R_POLICY_INEFFECTIVE, PC_SEV_NOTE, root->off, 1, "",
        "the policy has no Version, so IAM reads it as version 2008-10-17, "
        "in which policy variables such as ${aws:username} are plain "
        "text; add \"Version\": \"2012-10-17\"");
  }
  if (id && id->type != JSON_STRING)
    policy_report(L, R_INVALID_POLICY, 0, id->off, id->len, "Id",
                  "Id must be a string");
  if (!stmts) {
    policy_report(
        L, R_INVALID_POLICY, 0, root->off, 1, "",
        "the policy has no Statement: it grants nothing, and IAM rejects "
        "it");
    return;
  }
  if (stmts->type != JSON_OBJECT && stmts->type != JSON_ARRAY) {
    policy_report(L, R_INVALID_POLICY, 0, stmts->off, stmts->len, "Statement",
                  "Statement must be one statement object or an array of them");
    return;
  }
  size_t n = stmts->type == JSON_ARRAY ? stmts->n : 1;
  L->doc->stmts = arena_alloc(&L->doc->arena, (n ? n : 1) * sizeof(IamStmt));
  if (!L->doc->stmts)
    return;
  if (stmts->type == JSON_OBJECT) {
    policy_read_statement(L, stmts, "Statement", &L->doc->stmts[0]);
  } else {
    if (n == 0)
      policy_report(
          L, R_INVALID_POLICY, 0, stmts->off, stmts->len, "Statement",
          "Statement is an empty array: the policy grants nothing, and "
          "IAM rejects it");
    size_t i = 0;
    for (const JsonVal *s = stmts->child; s; s = s->next, i++)
      policy_read_statement(L, s, policy_path(L, "Statement", "[%zu]", i),
                            &L->doc->stmts[i]);
  }
  L->doc->nstmts = n;
}

/* The document's JSON, or NULL: an empty file, invalid JSON and characters
   IAM refuses are reported as invalid-policy. */
static JsonVal *read_json(Loader *L) {
  JsonReader r = {0};
  r.s = L->chunk.text;
  r.len = L->chunk.len;
  r.a = L->tmp;
  r.bad_off = SIZE_MAX;
  size_t lead = 0;
  while (lead < r.len && json_is_ws(r.s[lead]))
    lead++;
  JsonVal *root = NULL;
  if (lead == r.len) {
    policy_report(
        L, R_INVALID_POLICY, 0, 0, 1, "",
        "the policy file is empty: an IAM policy is a JSON object with a "
        "Statement");
  } else if (!(root = json_read(&r)) && r.err) {
    policy_report(L, R_INVALID_POLICY, 0, r.err_off, 1, r.err_path,
                  "not valid JSON: %s; IAM rejects the document", r.err);
  } else if (root && r.bad_off != SIZE_MAX) {
    policy_report(
        L, R_INVALID_POLICY, 0, r.bad_off, 1, "",
        "the character U+%04X is not allowed: IAM accepts only tab, line "
        "breaks and U+0020 to U+00FF in a policy",
        (unsigned)r.bad_cp);
  }
  return root;
}

/* Reads one document into p: its findings become a PolicyFile, and the
   document joins p->docs when IAM would accept it. */
static pc_status read_policy(pc_policies *p, const char *path, const char *json,
                             size_t len) {
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
  DiagSink sink = {&p->arena,
                   default_levels,
                   {&L.chunk, L.hidden.data, L.hidden.len, NULL, 0, 0},
                   &p->oom};
  L.sink = sink;

  size_t chars = 0; /* IAM counts a policy's size without whitespace */
  for (size_t i = 0; i < L.chunk.len; i++)
    chars += !json_is_ws(L.chunk.text[i]) &&
             !utf8_is_cont((unsigned char)L.chunk.text[i]);
  JsonVal *root = NULL;
  if (chars > IAM_POLICY_MAX)
    policy_report(
        &L, R_INVALID_POLICY, 0, 0, 1, "",
        "the policy is %zu characters without whitespace: IAM accepts at "
        "most %d (an inline role policy; %d for a managed policy) and "
        "rejects it, so it is not read",
        chars, IAM_POLICY_MAX, IAM_MANAGED_MAX);
  else
    root = read_json(&L);
  if (root)
    read_document(&L, root);
  pf->findings = diag_keep_sorted(&p->arena, &tmp, &findings);
  pf->nfindings = pf->findings ? findings.len : 0;
  if (!starts_as_json(&L.chunk))
    for (size_t i = 0; i < pf->nfindings; i++)
      pf->findings[i].src_line = NULL;
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
