/*
 * parse_recover.c - reading on after a syntax error, so that one run shows
 * every problem: what StarRocks does (it rejects the statement, reported
 * once) and what the property lists would mean once the statement is fixed.
 *
 * - Pasted mysql client sessions: a "mysql>" prompt before the statement
 *   and "->" continuation markers at the start of its lines are one
 *   syntax finding; the parser then reads the statement without them.
 * - Typographic quotes: parse_quotes.c.
 * - Apache Doris' syntax (doris-syntax): one finding; the target is then
 *   resolved only when every key is one StarRocks reads.
 * - After a syntax error outside a property list, the statement's lists
 *   are still found (PROPERTIES (...), SET (...), WITH BROKER [name] (...))
 *   and read.  A syntax error inside a list leaves it incomplete: that
 *   target is not resolved (its keys would look missing).
 */
#include <string.h>

#include "parse.h"

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

/* ---- Another engine's syntax ---- */

void parse_doris(Parser *p, const Token *at, const char *hint) {
  if (p->t) {
    p->t->syntax_error = 1;
    p->t->doris = 1;
  }
  diag_unit(p->u, p->t, R_DORIS_SYNTAX, at->off, at->len, NULL,
            "this is Apache Doris syntax, which StarRocks rejects: %s", hint);
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
