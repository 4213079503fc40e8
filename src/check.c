/*
 * check.c - the public checking API: contexts, files, statements, findings.
 *
 * The splitter hands each statement to on_chunk, which runs the lexer, the
 * parser and the resolver over it and keeps only the results (statements
 * and findings, in the context's arena); the statement's text and tokens are
 * dropped at once, so memory follows the longest statement, not the file.
 */
#include <stdlib.h>
#include <string.h>

#include "iam.h"
#include "template.h"

/* ---- Turning a unit's results into kept statements ---- */

/* Copies findings into the context's arena, in source order. */
static Finding *keep_findings(pc_ctx *ctx, Vec *v) {
  return diag_keep_sorted(&ctx->arena, &ctx->scratch, v);
}

/* Counts a kept finding of the current file (late-file-suppression). */
static void seen(pc_file *file, const Finding *f) { file->seen[f->rule]++; }

static void add_loose(pc_ctx *ctx, Finding *f) {
  Finding *slot = vec_push(&ctx->cur->findings, sizeof(Finding), &ctx->oom);
  if (slot) {
    *slot = *f;
    seen(ctx->cur, f);
  }
}

static const char *const lex_messages[] = {
    /* LE_UNTERMINATED_SQ */
    "this single-quoted string is never closed: everything to the end of the "
    "file is inside it, so the statements after it are never run",
    /* LE_UNTERMINATED_DQ */
    "this double-quoted string is never closed: everything to the end of the "
    "file is inside it, so the statements after it are never run",
    /* LE_UNTERMINATED_BQ */
    "this backquoted identifier is never closed: everything to the end of "
    "the file is inside it",
    /* LE_UNTERMINATED_COMMENT */
    "this comment is never closed: everything to the end of the file is "
    "inside it",
    /* LE_HASH */
    "'#' is not a comment in StarRocks: its lexer skips the '#' and reads "
    "the rest of the line as SQL, so the statement fails; use -- or /* */ "
    "instead (the statement is checked as if it were a comment)",
    /* LE_JINJA_QUOTE */
    "this Jinja expression holds a lone quote: propcheck's statement "
    "splitter reads {{ ... }} as SQL and takes it for the start of a "
    "string, so the statements after it may be read as part of this one "
    "and not checked; pair the quote, or quote it inside a string"};

/* A long statement gets a line index (Chunk.line_ends) in scratch memory,
   so that each of its findings is placed in O(log n), not O(n). */
enum { LINE_INDEX_FROM = 64 * 1024 };

void check_unit_init(Unit *u, pc_ctx *ctx, const Chunk *c, Arena *scratch) {
  memset(u, 0, sizeof *u);
  u->chunk = c;
  u->scratch = scratch;
  u->oom = &ctx->oom;
  u->keys = ctx->keys;
  u->file = ctx->cur;
  u->file_arena = &ctx->file_arena;
  u->vars = &ctx->vars;
  DiagSink sink = {&ctx->arena, ctx->level, {c, NULL, 0, NULL, 0, 0},
                   &ctx->oom};
  u->sink = sink;
}

/* An unclosed quote or comment ('#' alone changes no quoting). */
static int lex_broken(const Lexed *l) {
  for (size_t i = 0; i < l->errs.len; i++)
    if (VEC_AT(&l->errs, LexErr, i)->kind != LE_HASH)
      return 1;
  return 0;
}

int check_unit_lex(Unit *u) {
  if (lex_chunk(u->chunk, &u->lex, u->oom) != 0)
    return -1;
  u->sink.src.toks = u->lex.toks.data;
  u->sink.src.ntoks = u->lex.toks.len;
  u->sink.src.comments = u->lex.comments.data;
  u->sink.src.ncomments = u->lex.comments.len;
  /* A lexically broken statement (an unclosed quote or comment) may have
     turned values into names: nothing but grammar is shown. */
  u->sink.src.hide_all = lex_broken(&u->lex);
  return 0;
}

/* Lexical problems belong to the statement when there is one. */
static void lex_findings(Unit *u) {
  Target *first = u->targets.len ? VEC_AT(&u->targets, Target, 0) : NULL;
  for (size_t i = 0; i < u->lex.errs.len; i++) {
    LexErr *e = VEC_AT(&u->lex.errs, LexErr, i);
    RuleId r = e->kind == LE_HASH          ? R_HASH_COMMENT
               : e->kind == LE_JINJA_QUOTE ? R_JINJA_QUOTE
                                           : R_UNTERMINATED;
    diag_unit(u, first, r, e->off, 1, NULL, "%s", lex_messages[e->kind]);
  }
}

/* Whether a target's properties can be resolved: a syntax error outside
   its lists does not matter (StarRocks rejects the statement, and the
   findings say what the lists would mean once it is fixed), one inside a
   list leaves its keys incomplete; Apache Doris syntax is resolved when
   every key is one StarRocks reads (Doris' own names would only be
   unknown keys). */
static int resolvable(const Target *t) {
  if (t->list_broken)
    return 0;
  if (!t->doris)
    return 1;
  const PropList *lists[2] = {&t->props, &t->load_props};
  for (int l = 0; l < 2; l++)
    for (size_t i = 0; i < lists[l]->n; i++)
      if (!lists[l]->v[i].spec)
        return 0;
  return 1;
}

/* Resolves every target into res[i], then runs the IAM stage over it:
   what its credentials need (from the resolver's view), then whether the
   policies grant it. */
static void resolve_all(pc_ctx *ctx, Unit *u, StmtResult *res) {
  int iam = (ctx->opt.flags & PC_OPT_POLICIES) || ctx->policies.len;
  /* An unclosed quote or comment swallowed the rest of the statement:
     its lists are not what the user wrote. */
  if (lex_broken(&u->lex))
    return;
  for (size_t i = 0; i < u->targets.len; i++) {
    Target *t = VEC_AT(&u->targets, Target, i);
    if (!resolvable(t))
      continue;
    const View *v = resolve_target(u, t, &res[i]);
    if (!v || !iam)
      continue;
    iam_derive(u, t, v, &res[i]);
    if (ctx->policies.len)
      iam_check(u, t, ctx->policies.data, ctx->policies.len);
  }
}

/* Keeps a resolved target as a statement of the open file, with its
   findings (sorted) and, with PC_OPT_POLICIES, its policy documents. */
static void keep_stmt(pc_ctx *ctx, const Unit *u, Target *t,
                      const StmtResult *res, pc_expect *expects,
                      size_t nexpects) {
  pc_stmt *s = arena_alloc(&ctx->arena, sizeof *s);
  pc_stmt **slot =
      s ? vec_push(&ctx->cur->stmts, sizeof(pc_stmt *), &ctx->oom) : NULL;
  if (!slot) {
    ctx->oom = 1;
    return;
  }
  *slot = s;
  s->kind = t->kind;
  s->pos = source_pos(u->chunk, t->off);
  s->res = *res;
  s->expects = expects;
  s->nexpects = nexpects;
  if ((ctx->opt.flags & PC_OPT_POLICIES) && t->ngrants) {
    s->policies = arena_alloc(&ctx->arena, t->ngrants * sizeof(pc_policy));
    for (size_t g = 0; s->policies && g < t->ngrants; g++)
      if (iam_documents(&ctx->arena, &t->grants[g],
                        &s->policies[s->npolicies]) == 0)
        s->npolicies++;
  }
  s->nfindings = t->findings.len;
  s->findings = keep_findings(ctx, &t->findings);
  if (s->nfindings && !s->findings)
    s->nfindings = 0;
  for (size_t k = 0; k < s->nfindings; k++)
    seen(ctx->cur, &s->findings[k]);
}

/* Frees what the unit made and keeps its vectors for the next statement,
   unless this one was huge. */
static void unit_done(pc_ctx *ctx, Unit *u) {
  for (size_t i = 0; i < u->targets.len; i++)
    vec_release(&VEC_AT(&u->targets, Target, i)->findings);
  vec_release(&u->loose);
  enum { SPARE_MAX = 64 * 1024 };
  vec_recycle(&u->targets, sizeof(Target), SPARE_MAX);
  vec_recycle(&u->lex.toks, sizeof(Token), SPARE_MAX);
  vec_recycle(&u->lex.errs, sizeof(LexErr), SPARE_MAX);
  vec_recycle(&u->lex.comments, sizeof(Comment), SPARE_MAX);
  ctx->targets_spare = u->targets;
  ctx->lex_spare = u->lex;
  arena_reset(&ctx->scratch);
}

/* ---- Fix safety: re-check the fixed statement (ruff's safe/unsafe) ----

   A fix is safe when the statement, checked again with it applied, has no
   finding it did not have before, other than findings that carry a fix of
   their own (a renamed key whose value then gets its own fix).  The
   statement's fixes are tried together (what --fix applies); when that
   gains a finding, each alone (those that gain are unsafe), then the rest
   together again (two misspellings renamed to the same key make a
   duplicate: both unsafe).  The re-checks run in a
   context of their own, on the statement's text alone, under the same
   options and rule levels; IAM policies are not consulted. */

/* Per rule, the findings without a fix of text checked on its own; -1
   when out of memory. */
static int fixless_counts(const pc_ctx *ctx, const char *text, size_t len,
                          uint32_t *counts) {
  pc_ctx *t = pc_ctx_new(&ctx->opt);
  if (!t)
    return -1;
  t->rechecking = 1;
  memcpy(t->level, ctx->level, sizeof t->level);
  memset(counts, 0, R_COUNT * sizeof *counts);
  int rc = pc_check_buffer(t, "", text, len) == PC_OK ? 0 : -1;
  const pc_file *f = rc == 0 ? pc_file_at(t, 0) : NULL;
  for (size_t i = 0; f && i < f->findings.len; i++) {
    const Finding *fd = VEC_AT(&f->findings, Finding, i);
    counts[fd->rule] += !fd->pub.fix;
  }
  for (size_t i = 0; f && i < f->stmts.len; i++) {
    const pc_stmt *s = *VEC_AT(&f->stmts, pc_stmt *, i);
    for (size_t k = 0; k < s->nfindings; k++)
      counts[s->findings[k].rule] += !s->findings[k].pub.fix;
  }
  pc_ctx_free(t);
  return rc;
}

/* The chunk's text with fixes[0..n) applied (sorted by offset, skipping
   overlaps), in scratch; NULL when out of memory. */
static char *apply_fixes(Arena *a, const Chunk *c, const pc_fix **fixes,
                         size_t n, size_t *out_len) {
  size_t grow = 0;
  for (size_t i = 0; i < n; i++)
    grow += strlen(fixes[i]->replacement);
  char *out = arena_alloc(a, c->len + grow + 1);
  size_t at = 0, o = 0;
  for (size_t i = 0; out && i < n; i++) {
    size_t off = (size_t)(fixes[i]->offset - c->base_offset);
    if (off < at || off + fixes[i]->length > c->len)
      continue;
    memcpy(out + o, c->text + at, off - at);
    o += off - at;
    size_t r = strlen(fixes[i]->replacement);
    memcpy(out + o, fixes[i]->replacement, r);
    o += r;
    at = off + fixes[i]->length;
  }
  if (out) {
    memcpy(out + o, c->text + at, c->len - at);
    *out_len = o + c->len - at;
  }
  return out;
}

/* Does c with fixes[0..n) applied gain a fixless finding over before? */
static int gains(pc_ctx *ctx, const Chunk *c, const pc_fix **fixes, size_t n,
                 const uint32_t *before) {
  size_t len = 0;
  char *text = apply_fixes(&ctx->scratch, c, fixes, n, &len);
  uint32_t after[R_COUNT];
  if (!text || fixless_counts(ctx, text, len, after) != 0)
    return 1; /* not known to be safe */
  for (size_t r = 0; r < R_COUNT; r++)
    if (after[r] > before[r])
      return 1;
  return 0;
}

static int by_fix_offset(const void *a, const void *b) {
  const Finding *x = *(Finding *const *)a, *y = *(Finding *const *)b;
  return x->pub.fix->offset < y->pub.fix->offset   ? -1
         : x->pub.fix->offset > y->pub.fix->offset ? 1
                                                   : 0;
}

/* Marks f's fix unsafe (a copy: the fix is shared, read-only data). */
static void mark_unsafe(pc_ctx *ctx, Finding *f) {
  pc_fix *copy = arena_alloc(&ctx->arena, sizeof *copy);
  if (!copy) {
    f->pub.fix = NULL; /* out of memory: offer nothing rather than wrong */
    return;
  }
  *copy = *f->pub.fix;
  copy->unsafe = 1;
  f->pub.fix = copy;
}

static void fix_safety(pc_ctx *ctx, Unit *u) {
  size_t n = 0;
  for (size_t i = 0; i < u->targets.len; i++) {
    const Vec *v = &VEC_AT(&u->targets, Target, i)->findings;
    for (size_t k = 0; k < v->len; k++)
      n += VEC_AT(v, Finding, k)->pub.fix != NULL;
  }
  if (n == 0 || ctx->rechecking)
    return;
  Finding **fx = arena_alloc(&ctx->scratch, n * sizeof *fx);
  const pc_fix **safe = arena_alloc(&ctx->scratch, n * sizeof *safe);
  uint32_t before[R_COUNT];
  if (!fx || !safe ||
      fixless_counts(ctx, u->chunk->text, u->chunk->len, before) != 0) {
    ctx->oom = 1;
    return;
  }
  n = 0;
  for (size_t i = 0; i < u->targets.len; i++) {
    const Vec *v = &VEC_AT(&u->targets, Target, i)->findings;
    for (size_t k = 0; k < v->len; k++)
      if (VEC_AT(v, Finding, k)->pub.fix)
        fx[n++] = VEC_AT(v, Finding, k);
  }
  qsort(fx, n, sizeof *fx, by_fix_offset);
  for (size_t i = 0; i < n; i++)
    safe[i] = fx[i]->pub.fix;
  if (!gains(ctx, u->chunk, safe, n, before))
    return; /* together they add nothing: all safe */
  size_t nsafe = 0;
  for (size_t i = 0; i < n; i++) {
    if (gains(ctx, u->chunk, &fx[i]->pub.fix, 1, before))
      mark_unsafe(ctx, fx[i]);
    else
      safe[nsafe++] = fx[i]->pub.fix;
  }
  if (nsafe < 2 || !gains(ctx, u->chunk, safe, nsafe, before))
    return;
  for (size_t i = 0; i < n; i++)
    if (!fx[i]->pub.fix->unsafe)
      mark_unsafe(ctx, fx[i]);
}

/* One statement through the stages, in order: lex, parse, resolve, IAM
   needs and check, suppress, expect, keep. */
void check_chunk(pc_ctx *ctx, const Chunk *chunk) {
  Chunk indexed = *chunk;
  if (chunk->len >= LINE_INDEX_FROM)
    source_index_lines(&indexed, &ctx->scratch);
  Unit u;
  check_unit_init(&u, ctx, &indexed, &ctx->scratch);
  u.lex = ctx->lex_spare;
  u.targets = ctx->targets_spare;
  StmtResult *res = NULL;
  if (check_unit_lex(&u) != 0)
    goto out;
  parse_unit(&u);
  lex_findings(&u);
  /* Everything is resolved first: suppression comments apply to all of
     it. */
  res = u.targets.len ? arena_alloc(u.scratch, u.targets.len * sizeof *res)
                      : NULL;
  if (u.targets.len && !res)
    goto out;
  resolve_all(ctx, &u, res);
  pc_expect *expects = NULL;
  size_t nexpects = 0;
  if (u.lex.comments.len || ctx->cur->file_supp.len)
    suppress_unit(&u);
  if (u.lex.comments.len)
    expect_unit(&u, &expects, &nexpects);
  fix_safety(ctx, &u);
  for (size_t i = 0; i < u.targets.len; i++)
    keep_stmt(ctx, &u, VEC_AT(&u.targets, Target, i), &res[i], expects,
              nexpects);
  if (nexpects && u.targets.len == 0)
    diag_unit(&u, NULL, R_STRAY_EXPECTATION, expect_first_off(&u), 2, NULL,
              "this expectation is not before a statement propcheck "
              "resolves, so it checks nothing");
  for (size_t i = 0; i < u.loose.len; i++)
    add_loose(ctx, VEC_AT(&u.loose, Finding, i));
out:
  unit_done(ctx, &u);
}

/* The splitter's callback: the fast path, then the check. */
static void on_chunk(void *user, const Chunk *chunk) {
  if (fastpath_may_matter(chunk))
    check_chunk(user, chunk);
}

void check_oversize(void *user, uint64_t off, uint32_t line, uint32_t col,
                    size_t limit, int comments) {
  pc_ctx *ctx = user;
  Finding *f = vec_push(&ctx->cur->findings, sizeof(Finding), &ctx->oom);
  if (!f)
    return;
  f->rule = R_STATEMENT_TOO_LARGE;
  f->pub.rule = rules_table[R_STATEMENT_TOO_LARGE].id;
  f->pub.severity = rules_table[R_STATEMENT_TOO_LARGE].severity;
  f->pub.pos.line = line;
  f->pub.pos.column = col;
  f->pub.pos.offset = off;
  f->pub.message =
      comments ? arena_printf(&ctx->arena,
                              "the blanks and comments before this statement "
                              "are longer than %zu bytes: propcheck did not "
                              "read them for propcheck: or expect: comments",
                              limit)
               : arena_printf(&ctx->arena,
                              "this statement is longer than %zu bytes and "
                              "was not checked",
                              limit);
  f->src_line = "";
  if (!f->pub.message) {
    ctx->cur->findings.len--;
    ctx->oom = 1;
  }
}

/* ---- Contexts ---- */

pc_status pc_options_check(const pc_options *opt) {
  if (opt && opt->max_statement_bytes > PC_MAX_STATEMENT_BYTES)
    return PC_EINVAL; /* offsets in a statement are uint32_t */
  return PC_OK;
}

pc_ctx *pc_ctx_new(const pc_options *opt) {
  if (pc_options_check(opt) != PC_OK)
    return NULL;
  pc_ctx *ctx = pc_malloc(sizeof *ctx);
  if (!ctx)
    return NULL;
  memset(ctx, 0, sizeof *ctx);
  if (opt)
    ctx->opt = *opt;
  if (ctx->opt.max_statement_bytes == 0)
    ctx->opt.max_statement_bytes = DEFAULT_MAX_STATEMENT;
  arena_init(&ctx->arena, &ctx->oom);
  arena_init(&ctx->file_arena, &ctx->oom);
  arena_init(&ctx->scratch, &ctx->oom);
  if (keys_index_build(&ctx->keys) != 0) {
    pc_free(ctx);
    return NULL;
  }
  return ctx;
}

/* Forgets every file; the memory stays for the next ones (a context that
   checks one statement after another allocates almost nothing). */
static void forget_files(pc_ctx *ctx) {
  for (size_t i = 0; i < ctx->files.len; i++)
    results_file_release(*VEC_AT(&ctx->files, pc_file *, i));
  ctx->files.len = 0;
  ctx->cur = NULL;
  arena_reset(&ctx->arena);
  arena_reset(&ctx->file_arena);
  memset(&ctx->forgotten, 0, sizeof ctx->forgotten);
}

void pc_ctx_free(pc_ctx *ctx) {
  if (!ctx)
    return;
  forget_files(ctx);
  vec_release(&ctx->files);
  split_release(&ctx->split);
  arena_release(&ctx->arena);
  arena_release(&ctx->file_arena);
  arena_release(&ctx->scratch);
  vec_release(&ctx->policies); /* borrowed, or ctx->own's */
  pc_policies_free(ctx->own);
  lex_release(&ctx->lex_spare);
  vec_release(&ctx->targets_spare);
  keys_index_free(&ctx->keys);
  template_clear_vars(&ctx->vars);
  pc_free(ctx);
}

void pc_ctx_reset(pc_ctx *ctx) {
  if (!ctx)
    return;
  forget_files(ctx);
  ctx->oom = 0;
}

/* ---- Rule levels ---- */

pc_status pc_ctx_set_rule_level(pc_ctx *ctx, const char *rule, pc_level level) {
  if (!ctx || !rule || level < PC_LEVEL_DEFAULT || level > PC_LEVEL_ERROR)
    return PC_EINVAL;
  int r = rules_lookup(rule, strlen(rule));
  if (r < 0)
    return PC_EINVAL;
  ctx->level[r] = (uint8_t)level;
  return PC_OK;
}

void pc_ctx_reset_rule_levels(pc_ctx *ctx) {
  if (ctx)
    memset(ctx->level, 0, sizeof ctx->level);
}

/* ---- Checking ---- */

pc_status pc_file_begin(pc_ctx *ctx, const char *path) {
  if (!ctx || ctx->cur)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  pc_file *f = results_file_new(ctx, path ? path : "<input>");
  if (!f)
    return PC_ENOMEM;
  ctx->cur = f;
  split_restart(&ctx->split, ctx->opt.max_statement_bytes, on_chunk,
                check_oversize, ctx, &ctx->oom);
  ctx->fed = FED_NOTHING;
  return PC_OK;
}

pc_status pc_file_feed(pc_ctx *ctx, const char *buf, size_t len) {
  if (!ctx || !ctx->cur || (!buf && len))
    return PC_EINVAL;
  if (ctx->fed == FED_BATCHES)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  if (len)
    ctx->fed = FED_BYTES;
  split_feed(&ctx->split, buf, len);
  return ctx->oom ? PC_ENOMEM : PC_OK;
}

pc_status pc_file_end(pc_ctx *ctx) {
  if (!ctx || !ctx->cur)
    return PC_EINVAL;
  if (!ctx->oom)
    split_finish(&ctx->split);
  split_trim(&ctx->split);
  if (!ctx->oom)
    suppress_file_end(ctx->cur, &ctx->oom);
  vec_release(&ctx->cur->file_supp);
  ctx->cur = NULL;
  return ctx->oom ? PC_ENOMEM : PC_OK;
}

pc_status pc_check_buffer(pc_ctx *ctx, const char *path, const char *buf,
                          size_t len) {
  pc_status st = pc_file_begin(ctx, path);
  if (st != PC_OK)
    return st;
  st = pc_file_feed(ctx, buf, len);
  pc_status end = pc_file_end(ctx);
  return st != PC_OK ? st : end;
}

pc_status pc_file_error(pc_ctx *ctx, const char *path, const char *message) {
  if (!ctx || ctx->cur)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  const char *msg = arena_strndup(&ctx->arena, message ? message : "",
                                  strlen(message ? message : ""));
  pc_file *file = msg ? results_file_new(ctx, path ? path : "<input>") : NULL;
  Finding *f =
      file ? vec_push(&file->findings, sizeof(Finding), &ctx->oom) : NULL;
  if (!f)
    return PC_ENOMEM;
  f->rule = R_IO_ERROR;
  f->pub.rule = rules_table[R_IO_ERROR].id;
  f->pub.severity = rules_table[R_IO_ERROR].severity;
  f->pub.message = msg;
  f->src_line = "";
  return PC_OK;
}

/* ---- Policies ---- */

static pc_status use_docs(pc_ctx *ctx, const pc_policies *p, size_t from) {
  for (size_t i = from; i < p->docs.len; i++) {
    IamDoc **slot = vec_push(&ctx->policies, sizeof(IamDoc *), &ctx->oom);
    if (!slot)
      return PC_ENOMEM;
    *slot = *VEC_AT(&p->docs, IamDoc *, i);
  }
  return PC_OK;
}

pc_status pc_ctx_set_var(pc_ctx *ctx, const char *name, const char *value) {
  if (!ctx || !name || !*name || !value || ctx->cur)
    return PC_EINVAL;
  return template_set_var(&ctx->vars, name, value) ? PC_ENOMEM : PC_OK;
}

pc_status pc_ctx_reset_vars(pc_ctx *ctx) {
  if (!ctx || ctx->cur)
    return PC_EINVAL;
  template_clear_vars(&ctx->vars);
  return PC_OK;
}

pc_status pc_ctx_use_policies(pc_ctx *ctx, const pc_policies *p) {
  if (!ctx || !p || ctx->cur)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  return use_docs(ctx, p, 0);
}

/* A copy of a set's finding in ctx's results, under ctx's rule levels:
   0, 1 when its rule is off there, -1 when out of memory. */
static int report_finding(pc_ctx *ctx, pc_file *file, const Finding *from) {
  pc_level level = (pc_level)ctx->level[from->rule];
  if (level == PC_LEVEL_OFF)
    return 1;
  Finding *f = vec_push(&file->findings, sizeof(Finding), &ctx->oom);
  if (!f)
    return -1;
  *f = *from;
  const char *m = from->pub.message, *k = from->pub.key, *l = from->src_line;
  f->pub.message = arena_strndup(&ctx->arena, m, strlen(m));
  f->pub.key = k ? arena_strndup(&ctx->arena, k, strlen(k)) : NULL;
  f->src_line = l ? arena_strndup(&ctx->arena, l, strlen(l)) : NULL;
  if (level != PC_LEVEL_DEFAULT)
    f->pub.severity = (pc_severity)(level - PC_LEVEL_NOTE + PC_SEV_NOTE);
  return ctx->oom ? -1 : 0;
}

static pc_status report_files(pc_ctx *ctx, const pc_policies *p, size_t from) {
  for (size_t i = from; i < p->files.len; i++) {
    const PolicyFile *pf = VEC_AT(&p->files, PolicyFile, i);
    pc_file *file = results_file_new(ctx, pf->path);
    if (!file)
      return PC_ENOMEM;
    for (size_t k = 0; k < pf->nfindings; k++)
      if (report_finding(ctx, file, &pf->findings[k]) < 0)
        return PC_ENOMEM;
  }
  return PC_OK;
}

pc_status pc_ctx_report_policies(pc_ctx *ctx, const pc_policies *p) {
  if (!ctx || !p || ctx->cur)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  return report_files(ctx, p, 0);
}

pc_status pc_ctx_add_policy(pc_ctx *ctx, const char *path, const char *json,
                            size_t len) {
  if (!ctx || (!json && len) || ctx->cur)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  if (!ctx->own && !(ctx->own = pc_policies_new())) {
    ctx->oom = 1;
    return PC_ENOMEM;
  }
  size_t docs = ctx->own->docs.len, files = ctx->own->files.len;
  pc_status st = pc_policies_add(ctx->own, path, json, len);
  if (st == PC_OK)
    st = report_files(ctx, ctx->own, files);
  if (st == PC_OK)
    st = use_docs(ctx, ctx->own, docs);
  if (st == PC_ENOMEM)
    ctx->oom = 1;
  return st;
}
