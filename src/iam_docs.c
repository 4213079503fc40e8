/*
 * iam_docs.c - IAM JSON documents for a grant: the identity policy, the
 * trust policy of an assumed role and the base principal's AssumeRole
 * permission.
 *
 * The identity policy groups the needs into statements by category (S3
 * object reads, object writes, bucket listing, Glue reads, Glue writes, ...):
 * within a category, resources that need the same actions under the same
 * s3:prefix condition share a statement.  Actions, resources and prefixes
 * are deduplicated and sorted; a resource or prefix "X*" makes every other
 * one that starts with X redundant.  A Glue category is one statement (its
 * actions on all its levels, as AWS's and StarRocks' policies are written).
 * Documents allow exactly what the needs require (a test removes each action
 * in turn and checks that the statement then fails).  Sids are the
 * category's name, with 2,
 * 3, ... when a category needs several statements.  Placeholders are
 * upper-case words (ACCOUNT_ID, REGION, BUCKET, EXTERNAL_ID, ...); no
 * secret value ever reaches a grant, so none reaches a document.
 *
 * Documents are written with json_out.c in its policy layout (tabs, arrays
 * on one line), into a buffer that is then copied into the arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iam.h"

/* ---- Sorted string sets ---- */

typedef struct SList {
  const char **v;
  size_t n, cap;
} SList;

static int sl_has(const SList *l, const char *s) {
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->v[i], s) == 0)
      return 1;
  return 0;
}

static int sl_add(SList *l, const char *s) {
  if (sl_has(l, s))
    return 0;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 8;
    const char **v = pc_realloc(l->v, cap * sizeof *v);
    if (!v)
      return -1;
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = s;
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sl_sort(SList *l) {
  if (l->n > 1)
    qsort(l->v, l->n, sizeof *l->v, cmp_str);
}

static int sl_eq(const SList *a, const SList *b) {
  if (a->n != b->n)
    return 0;
  for (size_t i = 0; i < a->n; i++)
    if (strcmp(a->v[i], b->v[i]) != 0)
      return 0;
  return 1;
}

static void sl_free(SList *l) {
  pc_free(l->v);
  memset(l, 0, sizeof *l);
}

/* "X*" where X has no wildcard: matches every string that starts with X. */
static int covers(const char *pat, const char *s) {
  size_t n = strlen(pat);
  if (n == 0 || pat[n - 1] != '*' || strcmp(pat, s) == 0)
    return 0;
  for (size_t i = 0; i + 1 < n; i++)
    if (pat[i] == '*' || pat[i] == '?')
      return 0;
  return strncmp(pat, s, n - 1) == 0;
}

/* Drops the entries another entry covers (the list stays sorted). */
static void sl_reduce(SList *l) {
  size_t k = 0;
  for (size_t i = 0; i < l->n; i++) {
    int covered = 0;
    for (size_t j = 0; j < l->n && !covered; j++)
      covered = j != i && covers(l->v[j], l->v[i]);
    if (!covered)
      l->v[k++] = l->v[i];
  }
  l->n = k;
}

/* ---- Categories: one Sid each, in document order ---- */

typedef enum Cat {
  CAT_S3_READ,
  CAT_S3_WRITE,
  CAT_S3_LIST,
  CAT_GLUE_READ,
  CAT_GLUE_WRITE,
  CAT_S3T_BUCKET_READ,
  CAT_S3T_BUCKET_WRITE,
  CAT_S3T_TABLE_READ,
  CAT_S3T_TABLE_WRITE,
  CAT_LAKEFORMATION,
  CAT_EXECUTE_API,
  CAT_ASSUME,
  CAT_OTHER,
  CAT_COUNT
} Cat;

static const char *const cat_sid[CAT_COUNT] = {"S3ReadObjects",
                                               "S3WriteObjects",
                                               "S3ListBucket",
                                               "GlueRead",
                                               "GlueWrite",
                                               "S3TablesBucketRead",
                                               "S3TablesBucketWrite",
                                               "S3TablesTableRead",
                                               "S3TablesTableWrite",
                                               "LakeFormationDataAccess",
                                               "ApiGatewayInvoke",
                                               "AssumeRole",
                                               "Other"};

static int starts(const char *s, const char *p) {
  return strncmp(s, p, strlen(p)) == 0;
}

/* A read-level action: Get..., BatchGet..., List..., Describe... */
static int reads(const char *name) {
  return starts(name, "Get") || starts(name, "BatchGet") ||
         starts(name, "List") || starts(name, "Describe");
}

static Cat category(const char *action, const char *resource) {
  const char *colon = strchr(action, ':');
  const char *name = colon ? colon + 1 : action;
  if (starts(action, "s3:")) {
    if (strcmp(name, "ListBucket") == 0)
      return CAT_S3_LIST;
    return strcmp(name, "GetObject") == 0 ||
                   strcmp(name, "GetObjectVersion") == 0
               ? CAT_S3_READ
               : CAT_S3_WRITE;
  }
  if (starts(action, "glue:"))
    return reads(name) ? CAT_GLUE_READ : CAT_GLUE_WRITE;
  if (starts(action, "s3tables:")) {
    int table = strstr(resource, "/table/") != NULL;
    if (table)
      return reads(name) ? CAT_S3T_TABLE_READ : CAT_S3T_TABLE_WRITE;
    return reads(name) ? CAT_S3T_BUCKET_READ : CAT_S3T_BUCKET_WRITE;
  }
  if (starts(action, "lakeformation:"))
    return CAT_LAKEFORMATION;
  if (starts(action, "execute-api:"))
    return CAT_EXECUTE_API;
  if (starts(action, "sts:"))
    return CAT_ASSUME;
  return CAT_OTHER;
}

/* ---- Rows (one resource of one category) and statements ---- */

typedef struct Row {
  Cat cat;
  const char *resource;
  SList actions;
  SList prefixes; /* s3:prefix values; meaningful when !uncond */
  int uncond;     /* a need without a prefix: no condition */
} Row;

typedef struct Stmt {
  Cat cat;
  SList actions;
  SList prefixes;
  int uncond;
  SList resources;
} Stmt;

/* Glue authorizes each call against the catalog, database and table it
   touches, and each action needs only some of those levels: a statement
   per level would be exact but no safer, since an action is never
   authorized against a level it does not touch.  Like AWS's and StarRocks'
   own policies, a Glue category is one statement: its actions on its
   resources. */
static int merged(Cat c) { return c == CAT_GLUE_READ || c == CAT_GLUE_WRITE; }

static int sl_union(SList *to, const SList *from) {
  for (size_t i = 0; i < from->n; i++)
    if (sl_add(to, from->v[i]) != 0)
      return -1;
  return 0;
}

static int cmp_stmt(const void *a, const void *b) {
  const Stmt *x = a, *y = b;
  if (x->cat != y->cat)
    return x->cat < y->cat ? -1 : 1;
  int c = strcmp(x->resources.v[0], y->resources.v[0]);
  if (c)
    return c;
  /* same first resource: order by the actions, then the prefixes */
  for (size_t i = 0; i < x->actions.n && i < y->actions.n; i++)
    if ((c = strcmp(x->actions.v[i], y->actions.v[i])) != 0)
      return c;
  if (x->actions.n != y->actions.n)
    return x->actions.n < y->actions.n ? -1 : 1;
  for (size_t i = 0; i < x->prefixes.n && i < y->prefixes.n; i++)
    if ((c = strcmp(x->prefixes.v[i], y->prefixes.v[i])) != 0)
      return c;
  return x->prefixes.n < y->prefixes.n ? -1 : x->prefixes.n > y->prefixes.n;
}

static void string_array(JsonOut *jo, const char *key, const SList *l) {
  jo_open(jo, key, '[');
  for (size_t i = 0; i < l->n; i++)
    jo_str(jo, NULL, l->v[i]);
  jo_close(jo, ']');
}

/* {"Version": ..., "Statement": [ ... then end_doc. */
static void new_doc(JsonOut *jo) {
  jo_open(jo, NULL, '{');
  jo_str(jo, "Version", "2012-10-17");
  jo_open(jo, "Statement", '[');
}

static void end_doc(JsonOut *jo) {
  jo_close(jo, ']');
  jo_close(jo, '}');
}

/* One Allow statement of an identity policy. */
static void add_statement(JsonOut *jo, const char *sid, const SList *actions,
                          const SList *resources, const SList *prefixes) {
  jo_open(jo, NULL, '{');
  jo_str(jo, "Sid", sid);
  jo_str(jo, "Effect", "Allow");
  string_array(jo, "Action", actions);
  string_array(jo, "Resource", resources);
  if (prefixes && prefixes->n) {
    jo_open(jo, "Condition", '{');
    jo_open(jo, "StringLike", '{');
    string_array(jo, "s3:prefix", prefixes);
    jo_close(jo, '}');
    jo_close(jo, '}');
  }
  jo_close(jo, '}');
}

/* Groups the grant's needs into rows[0..*nrows), one per (category,
   resource), each with its actions and prefixes sorted; 0, or -1 when out
   of memory (the rows made so far are counted in *nrows all the same). */
static int make_rows(const IamGrant *g, Row *rows, size_t *nrows) {
  for (size_t i = 0; i < g->nneeds; i++) {
    const IamNeed *n = &g->needs[i];
    Cat c = category(n->action, n->resource);
    Row *r = NULL;
    for (size_t j = 0; j < *nrows && !r; j++)
      if (rows[j].cat == c && strcmp(rows[j].resource, n->resource) == 0)
        r = &rows[j];
    if (!r) {
      r = &rows[(*nrows)++];
      r->cat = c;
      r->resource = n->resource;
    }
    if (sl_add(&r->actions, n->action) != 0)
      return -1;
    if (!n->prefix)
      r->uncond = 1;
    else if (sl_add(&r->prefixes, n->prefix) != 0)
      return -1;
  }
  for (size_t j = 0; j < *nrows; j++) {
    Row *r = &rows[j];
    sl_sort(&r->actions);
    if (r->uncond)
      r->prefixes.n = 0;
    sl_sort(&r->prefixes);
    sl_reduce(&r->prefixes);
  }
  return 0;
}

/* Groups rows[0..nrows) into statements st[0..*nst): the rows of a
   category with the same actions and condition (all of them for a merged
   category), in cmp_stmt order; 0, or -1 when out of memory (the
   statements made so far are counted in *nst all the same). */
static int make_stmts(const Row *rows, size_t nrows, Stmt *st, size_t *nst) {
  for (size_t j = 0; j < nrows; j++) {
    const Row *r = &rows[j];
    Stmt *s = NULL;
    for (size_t k = 0; k < *nst && !s; k++)
      if (st[k].cat == r->cat &&
          (merged(r->cat) ||
           (st[k].uncond == r->uncond && sl_eq(&st[k].actions, &r->actions) &&
            sl_eq(&st[k].prefixes, &r->prefixes))))
        s = &st[k];
    if (!s) {
      s = &st[(*nst)++];
      s->cat = r->cat;
      s->uncond = r->uncond;
      if (sl_union(&s->prefixes, &r->prefixes) != 0)
        return -1;
    }
    if (sl_union(&s->actions, &r->actions) != 0 ||
        sl_add(&s->resources, r->resource) != 0)
      return -1;
  }
  for (size_t k = 0; k < *nst; k++) {
    sl_sort(&st[k].actions);
    sl_sort(&st[k].resources);
    sl_reduce(&st[k].resources);
  }
  if (*nst > 1)
    qsort(st, *nst, sizeof *st, cmp_stmt);
  return 0;
}

/* Writes the document of statements st[0..nst), each with its category's
   Sid, numbered from the category's second statement on. */
static void write_stmts(JsonOut *jo, const Stmt *st, size_t nst) {
  new_doc(jo);
  for (size_t k = 0; k < nst; k++) {
    /* the k-th statement of its category */
    size_t nth = 1;
    for (size_t m = 0; m < k; m++)
      nth += st[m].cat == st[k].cat;
    char sid[64];
    if (nth > 1)
      snprintf(sid, sizeof sid, "%s%zu", cat_sid[st[k].cat], nth);
    else
      snprintf(sid, sizeof sid, "%s", cat_sid[st[k].cat]);
    add_statement(jo, sid, &st[k].actions, &st[k].resources,
                  st[k].uncond ? NULL : &st[k].prefixes);
  }
  end_doc(jo);
}

/* The identity policy of the grant's needs; 0, or -1 when out of memory. */
static int identity_doc(JsonOut *jo, const IamGrant *g) {
  size_t nrows = 0, nst = 0;
  Row *rows = g->nneeds ? pc_malloc(g->nneeds * sizeof *rows) : NULL;
  Stmt *st = g->nneeds ? pc_malloc(g->nneeds * sizeof *st) : NULL;
  int ok = g->nneeds && rows && st;
  if (rows)
    memset(rows, 0, g->nneeds * sizeof *rows);
  if (st)
    memset(st, 0, g->nneeds * sizeof *st);
  ok = ok && make_rows(g, rows, &nrows) == 0 &&
       make_stmts(rows, nrows, st, &nst) == 0;
  if (ok)
    write_stmts(jo, st, nst);

  for (size_t j = 0; rows && j < nrows; j++) {
    sl_free(&rows[j].actions);
    sl_free(&rows[j].prefixes);
  }
  for (size_t k = 0; st && k < nst; k++) {
    sl_free(&st[k].actions);
    sl_free(&st[k].prefixes);
    sl_free(&st[k].resources);
  }
  pc_free(rows);
  pc_free(st);
  return ok ? 0 : -1;
}

/* A service principal (rds.amazonaws.com) rather than an AWS ARN. */
static int is_service_principal(const char *p) {
  return strncmp(p, "arn:", 4) != 0 && strchr(p, '.') != NULL;
}

/* The role's trust policy: the base principal may assume it (with the
   external id, when one is set: its value is never copied). */
static int trust_doc(JsonOut *jo, const IamGrant *g) {
  new_doc(jo);
  jo_open(jo, NULL, '{');
  jo_str(jo, "Effect", "Allow");
  jo_open(jo, "Principal", '{');
  jo_str(jo, is_service_principal(g->base_principal) ? "Service" : "AWS",
         g->base_principal);
  jo_close(jo, '}');
  jo_str(jo, "Action", "sts:AssumeRole");
  if (g->external_id_set) {
    jo_open(jo, "Condition", '{');
    jo_open(jo, "StringEquals", '{');
    jo_str(jo, "sts:ExternalId", "EXTERNAL_ID");
    jo_close(jo, '}');
    jo_close(jo, '}');
  }
  jo_close(jo, '}');
  end_doc(jo);
  return 0;
}

/* What the base principal needs: sts:AssumeRole on the role. */
static int assume_doc(JsonOut *jo, const IamGrant *g) {
  SList acts = {0}, res = {0};
  int ok =
      sl_add(&acts, "sts:AssumeRole") == 0 && sl_add(&res, g->role_arn) == 0;
  if (ok) {
    new_doc(jo);
    add_statement(jo, cat_sid[CAT_ASSUME], &acts, &res, NULL);
    end_doc(jo);
  }
  sl_free(&acts);
  sl_free(&res);
  return ok ? 0 : -1;
}

/* Writes one document with write and copies it into the arena; NULL when
   out of memory. */
static const char *print_doc(Arena *a, const IamGrant *g,
                             int (*write)(JsonOut *, const IamGrant *)) {
  Buf b = {0};
  JsonOut jo;
  jo_init_tabs(&jo, &b);
  const char *copy = NULL;
  if (write(&jo, g) == 0 && !jo.oom)
    copy = arena_strndup(a, b.data ? b.data : "", b.len);
  buf_release(&b);
  return copy;
}

/* A copy safe to print in a header line (--emit-policy): the role and the
   principal come from the user's values. */
static const char *copy_str(Arena *a, const char *s) {
  char *c = s ? arena_strndup(a, s, strlen(s)) : NULL;
  if (c)
    diag_scrub(c, strlen(c), 0);
  return c;
}

int iam_documents(Arena *a, const IamGrant *g, pc_policy *out) {
  memset(out, 0, sizeof *out);
  out->service = g->service;
  out->principal = copy_str(a, g->principal ? g->principal : "");
  out->role_arn = copy_str(a, g->role_arn);
  if (g->nneeds)
    out->identity = print_doc(a, g, identity_doc);
  int ok = out->principal && (!g->role_arn || out->role_arn) &&
           (!g->nneeds || out->identity);
  if (ok && g->base_principal) {
    int service = is_service_principal(g->base_principal);
    if (g->role_arn || service)
      ok = (out->trust = print_doc(a, g, trust_doc)) != NULL;
    if (ok && g->role_arn && !service)
      ok = (out->assume = print_doc(a, g, assume_doc)) != NULL;
  }
  if (!ok) {
    if (a->oom)
      *a->oom = 1;
    memset(out, 0, sizeof *out);
    return -1;
  }
  return 0;
}
