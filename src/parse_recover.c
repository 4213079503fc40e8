/*
 * parse_recover.c - reading on after a syntax error, so that one run shows
 * every problem: what StarRocks does (it rejects the statement, reported
 * once) and what the property lists would mean once the statement is fixed.
 *
 * - Pasted mysql client sessions: a "mysql>" prompt before the statement
 *   and "->" continuation markers at the start of its lines are one
 *   syntax finding; the parser then reads the statement without them.
 *   So is the client's output of the statement before (template.h).
 * - Typographic quotes: parse_quotes.c.
 * - Apache Doris' syntax (doris-syntax): one finding; the target is then
 *   resolved only when every key is one StarRocks reads.
 * - After a syntax error outside a property list, the statement's lists
 *   are still found (PROPERTIES (...), SET (...), WITH BROKER [name] (...))
 *   and read.  A syntax error inside a list leaves it incomplete: that
 *   target is not resolved (its keys would look missing).
 */
#include <string.h>
#include <strings.h>

#include "parse.h"
#include "template.h"

/* ---- Pasted client prompts ---- */

/* Is token i the first one on its line? */
static int starts_line(const Parser *p, size_t i) {
  size_t from = i ? p->toks[i - 1].off + p->toks[i - 1].len : 0;
  for (size_t k = from; k < p->toks[i].off; k++)
    if (p->c->text[k] == '\n')
      return 1;
  return i == 0;
}

/* Are tokens i and i+1 written with nothing between them? */
static int adjacent(const Parser *p, size_t i) {
  return i + 1 < p->ntoks &&
         p->toks[i].off + p->toks[i].len == p->toks[i + 1].off;
}

/* The number of tokens of a prompt at token 0: mysql> or MySQL [db]>. */
static size_t prompt_len(const Parser *p) {
  if (p->ntoks < 3 || !lex_tok_is_word(p->c, &p->toks[0], "MYSQL"))
    return 0;
  size_t i = 1;
  if (is_punct(p, &p->toks[i], '[')) {
    while (i < p->ntoks && !is_punct(p, &p->toks[i], ']')) {
      if (p->toks[i].kind == TK_EOF || starts_line(p, i))
        return 0;
      i++;
    }
    i++;
  }
  if (i >= p->ntoks || !is_punct(p, &p->toks[i], '>') || starts_line(p, i))
    return 0;
  return i + 1;
}

/* Is token i a "->" continuation marker at the start of a line?  The
   client writes "-> " (a blank after it): JSON's ->'$.a' has none. */
static int continuation(const Parser *p, size_t i) {
  if (i + 1 >= p->ntoks || !is_punct(p, &p->toks[i], '-') ||
      !is_punct(p, &p->toks[i + 1], '>') || !adjacent(p, i) ||
      !starts_line(p, i))
    return 0;
  size_t after = p->toks[i + 1].off + 1;
  char c = after < p->c->len ? p->c->text[after] : '\n';
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t parse_strip_prompts(Unit *u, uint32_t *first_off, uint32_t *first_len) {
  Parser ps = {.u = u,
               .c = u->chunk,
               .toks = u->lex.toks.data,
               .ntoks = u->lex.toks.len};
  Parser *p = &ps;
  size_t skip = prompt_len(p), n = 0, out = 0, markers = 0;
  if (skip) {
    *first_off = p->toks[0].off;
    *first_len = p->toks[skip - 1].off + 1 - p->toks[0].off;
    markers = 1;
  }
  for (size_t i = skip; i < p->ntoks; i++) {
    if (continuation(p, i)) {
      if (!markers++) {
        *first_off = p->toks[i].off;
        *first_len = 2;
      }
      i++;
      continue;
    }
    p->toks[out++] = p->toks[i];
    n++;
  }
  if (markers) {
    u->lex.toks.len = n;
    u->sink.src.ntoks = n; /* the sink masks lines by these tokens */
  }
  return markers;
}

void parse_report_prompts(Parser *p, size_t markers, uint32_t off,
                          uint32_t len) {
  if (!markers)
    return;
  Target *t =
      p->u->targets.len ? VEC_AT(&p->u->targets, Target, 0) : NULL;
  if (t)
    t->syntax_error = 1;
  diag_unit(p->u, t, R_SYNTAX_ERROR, off, len, NULL,
            "pasted from a mysql client session: StarRocks rejects the "
            "prompt (mysql>) and continuation markers (->) as SQL; remove "
            "%s; the rest of the statement is checked as if %s gone",
            markers == 1 ? "it" : "all of them", markers == 1 ? "it were"
                                                              : "they were");
  if (markers == 1)
    diag_unit_fix(p->u, off, len, "", "remove the pasted marker");
}

size_t parse_strip_output(Unit *u) {
  Token *toks = u->lex.toks.data;
  size_t n = u->lex.toks.len;
  const Chunk *c = u->chunk;
  if (!n || toks[0].kind == TK_EOF)
    return 0;
  size_t line = toks[0].off; /* output starts a line */
  while (line > c->stmt_start && c->text[line - 1] == ' ')
    line--;
  if (line > 0 && line > c->stmt_start && c->text[line - 1] != '\n')
    return 0;
  size_t end = line + template_output_len(c->text + line, c->len - line);
  size_t k = 0;
  while (k < n && toks[k].kind != TK_EOF && toks[k].off < end)
    k++;
  if (!k || k == n || toks[k].kind == TK_EOF ||
      (toks[k].kind == TK_PUNCT && c->text[toks[k].off] == ';'))
    return 0; /* nothing after it: no statement lost */
  memmove(toks, toks + k, (n - k) * sizeof(Token));
  u->lex.toks.len = n - k;
  u->sink.src.ntoks = n - k; /* the sink masks lines by these tokens */
  return end - line;
}

void parse_report_output(Parser *p, uint32_t off, size_t len) {
  if (!len)
    return;
  Target *t =
      p->u->targets.len ? VEC_AT(&p->u->targets, Target, 0) : NULL;
  if (t)
    t->syntax_error = 1;
  diag_unit(p->u, t, R_SYNTAX_ERROR, off, 1, NULL,
            "pasted from a mysql client session: the client's output (result "
            "tables, 'N rows in set', 'Query OK') before the statement is not "
            "SQL, and StarRocks rejects it; remove it; the statement after it "
            "is checked as if it were gone");
}

/* ---- Another engine's syntax ---- */

/* Doris' S3 key names (its S3Properties aliases, any case) and the
   StarRocks keys that mean the same (spec/iam-and-dialects.md, section 5). */
static const struct {
  const char *doris, *starrocks;
} doris_keys[] = {
    {"AWS_ENDPOINT", "aws.s3.endpoint"},
    {"s3.endpoint", "aws.s3.endpoint"},
    {"AWS_REGION", "aws.s3.region"},
    {"s3.region", "aws.s3.region"},
    {"AWS_ACCESS_KEY", "aws.s3.access_key"},
    {"s3.access_key", "aws.s3.access_key"},
    {"AWS_SECRET_KEY", "aws.s3.secret_key"},
    {"s3.secret_key", "aws.s3.secret_key"},
    {"AWS_TOKEN", "aws.s3.session_token"},
    {"s3.session_token", "aws.s3.session_token"},
    {"AWS_ROLE_ARN", "aws.s3.iam_role_arn"},
    {"s3.role_arn", "aws.s3.iam_role_arn"},
    {"AWS_EXTERNAL_ID", "aws.s3.external_id"},
    {"s3.external_id", "aws.s3.external_id"},
    {"uri", "path"},
};

void parse_doris(Parser *p, const Token *at, const char *hint) {
  if (p->doris_at)
    return; /* one finding per statement */
  if (p->t) {
    p->t->syntax_error = 1;
    p->t->doris = 1;
    p->doris_target = (size_t)(p->t - (Target *)p->u->targets.data) + 1;
  }
  p->doris_at = at;
  p->doris_hint = hint;
}

void parse_doris_fix(Parser *p, uint32_t off, uint32_t len, const char *repl,
                     const char *desc) {
  p->doris_fix_off = off;
  p->doris_fix_len = len;
  p->doris_fix = repl;
  p->doris_fix_desc = desc;
}

/* Appends "; Doris' K is StarRocks' S" for each Doris key of l (at most
   once per key name). */
static void map_keys(Buf *b, const PropList *l, int *n) {
  for (size_t i = 0; i < l->n; i++)
    for (size_t k = 0; k < sizeof doris_keys / sizeof doris_keys[0]; k++) {
      if (strcasecmp(l->v[i].key, doris_keys[k].doris) != 0)
        continue;
      buf_printf(b, "%s'%s' is '%s'", (*n)++ ? ", " : "; in StarRocks, ",
                 doris_keys[k].doris, doris_keys[k].starrocks);
      break;
    }
}

void parse_report_doris(Parser *p) {
  if (!p->doris_at)
    return;
  Target *t = p->doris_target
                  ? VEC_AT(&p->u->targets, Target, p->doris_target - 1)
                  : NULL;
  Buf b = {0};
  int n = 0;
  if (t) {
    map_keys(&b, &t->props, &n);
    map_keys(&b, &t->load_props, &n);
  }
  diag_unit(p->u, t, R_DORIS_SYNTAX, p->doris_at->off, p->doris_at->len, NULL,
            "this is Apache Doris syntax, which StarRocks rejects: %s%s",
            p->doris_hint, b.data ? b.data : "");
  buf_release(&b);
  if (p->doris_fix)
    diag_unit_fix(p->u, p->doris_fix_off, p->doris_fix_len, p->doris_fix,
                  p->doris_fix_desc);
}

/* ---- Finding the lists after a syntax error ---- */

/* Where a list that starts at the current token ('(' after `word`) goes in
   a target of this kind, or NULL when it is not one of its lists. */
static PropList *list_for(Parser *p, Target *t, const Token *word) {
  int load = t->kind == PC_STMT_BROKER_LOAD || t->kind == PC_STMT_EXPORT;
  if (is_word(p, word, "PROPERTIES"))
    return load ? &t->load_props : &t->props;
  if (is_word(p, word, "SET") && names_kind_has(t->kind, KT_ALTER))
    return &t->props;
  if (load && (is_word(p, word, "BROKER") || is_word(p, word, "S3")))
    return &t->props;
  return NULL;
}

void parse_recover_lists(Parser *p) {
  Target *t = p->t;
  if (!t || !t->syntax_error || t->list_broken ||
      names_kind_has(t->kind, KT_NO_PROPS | KT_AURORA | KT_DATABEND))
    return;
  while (!at_end(p)) {
    Token *w = peek(p), *name = peek_at(p, 1);
    /* WITH BROKER "name" (...) */
    size_t k = is_word(p, w, "BROKER") && name->kind != TK_PUNCT &&
                       name->kind != TK_EOF && is_punct(p, peek_at(p, 2), '(')
                   ? 2
                   : 1;
    PropList *dst = is_punct(p, peek_at(p, k), '(') ? list_for(p, t, w) : NULL;
    if (!dst || dst->present) {
      advance(p);
      continue;
    }
    if (k == 2 && !t->broker) {
      t->broker = parse_name_text(p, name);
      t->broker_off = name->off;
      t->broker_len = name->len;
    }
    while (k--)
      advance(p);
    if (!parse_property_list(p, dst))
      return;
  }
}
