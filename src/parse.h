/*
 * parse.h - the parser's state and the rules every statement rule uses
 * (parser.c), shared with the statement rules (parse_stmt.c).  Only the
 * two parser files include it.
 */
#ifndef PC_PARSE_H
#define PC_PARSE_H

#include "pc_internal.h"

typedef struct Parser {
  Unit *u;
  const Chunk *c;
  Token *toks;
  size_t ntoks;
  size_t pos;   /* current token */
  Target *t;    /* the target being read */
  int in_props; /* inside a property list: never quote tokens */
} Parser;

/* ---- Token helpers ---- */

static inline Token *peek(Parser *p) { return &p->toks[p->pos]; }
static inline Token *peek_at(Parser *p, size_t k) {
  size_t i = p->pos + k;
  return &p->toks[i < p->ntoks ? i : p->ntoks - 1];
}
static inline void advance(Parser *p) {
  if (p->toks[p->pos].kind != TK_EOF)
    p->pos++;
}

static inline int is_punct(const Parser *p, const Token *t, char ch) {
  return t->kind == TK_PUNCT && p->c->text[t->off] == ch;
}
static inline int is_word(const Parser *p, const Token *t, const char *w) {
  return lex_tok_is_word(p->c, t, w);
}
static inline int at_end(Parser *p) {
  Token *t = peek(p);
  return t->kind == TK_EOF || is_punct(p, t, ';');
}

/* ---- parser.c: shared rules ---- */

/* accept = consume the token if it is the word */
int parse_accept_word(Parser *p, const char *w);
int parse_accept_punct(Parser *p, char ch);
/* Records a syntax error at token t, with an optional hint after it; the
   target is then not resolved. */
void parse_syntax_hint(Parser *p, const Token *t, const char *expected,
                       const char *hint);
void parse_syntax_error(Parser *p, const Token *t, const char *expected);
/* The same for a missing ')' : says where the '(' opened. */
void parse_unclosed(Parser *p, const Token *t, const Token *open,
                    const char *expected);
/* expect = accept, or report what was expected; 1 when it was there */
int parse_expect_word(Parser *p, const char *w);
int parse_expect_punct(Parser *p, char ch);
/* Skips a balanced parenthesised group starting at '(' (the current token).
   Returns 0 and reports when it is not closed. */
int parse_skip_group(Parser *p);
/* ident_or_string = identifier | STRING ; qualified names allow a.b.c */
int parse_name(Parser *p, const char *what);
/* The text of an ident_or_string token (scratch arena). */
char *parse_name_text(Parser *p, Token *t);
/* [IF NOT EXISTS]; 0 after a syntax error */
int parse_if_not_exists(Parser *p);
/* [COMMENT STRING]; 0 after a syntax error */
int parse_opt_comment(Parser *p);
/* The end of the statement (';' or the end); else a syntax error after
   `after`.  1 at the end. */
int parse_expect_end(Parser *p, const char *after);
/* A property's source spans from its key and value tokens, and whether
   its value (already set) is a placeholder or templated. */
void parse_prop_spans(Prop *pr, const Token *k, const Token *v);
/* The text of a property's key or value token (a string, or a template
   variable standing for one), with the --var values filled in (scratch
   arena; NULL when out of memory). */
const char *parse_prop_text(Parser *p, const Token *t);
/* A string, or a template variable that stands for one (%s, ${v}). */
int parse_is_string(const Token *t);
/* property_list = "(" property { "," property } ")" ;
   property      = STRING "=" STRING ; */
int parse_property_list(Parser *p, PropList *out);
/* Appends the string token s to paths (as a PathRef); 1, or 0 on OOM. */
int parse_push_path(Parser *p, Vec *paths, Token *s);
/* string_list = "(" STRING { "," STRING } ")" ; collected as paths */
int parse_string_list(Parser *p, Vec *paths);

#endif /* PC_PARSE_H */
