/*
 * parse.h - the parser's state and the rules every statement rule uses
 * (parser.c), shared with the statement rules (parse_stmt.c,
 * parse_transfer.c) and the recovery (parse_quotes.c, parse_recover.c).
 * Only the parser files include it.
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
  int head_read; /* a templated head's words were read (parse_template.c) */
  Token *tmpl_props; /* a template standing for properties in this list */
  /* typographic quotes read in the current list (parse_recover.c) */
  uint32_t curly_from, curly_to; /* from the first to the last, or 0 */
  int curly_unsure;              /* a fix would change a string */
  /* Apache Doris syntax seen (parse_recover.c): reported at the end of
     the statement, with the Doris keys its lists use */
  const Token *doris_at;
  const char *doris_hint;
  size_t doris_target; /* index of its target + 1, or 0 (none) */
  uint32_t doris_fix_off, doris_fix_len;
  const char *doris_fix, *doris_fix_desc; /* its safe fix, or NULL */
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
/* How a message names template token t: its text when it is a plain
   variable (no quote, at most 64 bytes: a name, never a value), else its
   ends around " ... " ({{ ... }}) (scratch arena). */
const char *parse_template_name(Parser *p, const Token *t);
/* A string, or a template variable that stands for one (%s, ${v}). */
int parse_is_string(const Token *t);
/* property_list = "(" property { "," property } ")" ;
   property      = STRING "=" STRING ; */
int parse_property_list(Parser *p, PropList *out);
/* Appends the string token s to paths (as a PathRef); 1, or 0 on OOM. */
int parse_push_path(Parser *p, Vec *paths, Token *s);
/* string_list = "(" STRING { "," STRING } ")" ; collected as paths */
int parse_string_list(Parser *p, Vec *paths);
/* A path where the grammar wants a STRING: a string, a template variable
   or (reported) a string in typographic quotes, consumed and appended to
   paths; 1, or 0 (nothing consumed, nothing reported) when none is there
   or memory ran out. */
int parse_path(Parser *p, Vec *paths);

/* The spec of a key as StarRocks matches it in property lists, or NULL. */
const KeySpec *parse_lookup_key(Unit *u, const char *key);

/* ---- parser.c: targets ---- */

/* A new target of this kind at token at, made the current one (p->t);
   NULL when memory ran out.  The pointer is valid until the next one. */
Target *parse_new_target(Parser *p, pc_stmt_kind kind, const Token *at);
/* Moves the collected paths (PathRef) into t; the vector is released. */
void parse_set_paths(Parser *p, Target *t, Vec *paths);

/* ---- parse_transfer.c: EXPORT, OUTFILE, BACKUP, RESTORE, snapshots ---- */

/* export = EXPORT TABLE ... TO STRING ... (EXPORT already read) */
void parse_export(Parser *p, const Token *start);
/* StarRocks' ... INTO OUTFILE STRING [FORMAT AS x] [PROPERTIES (...)]
   anywhere in the statement; 1 when there was one. */
int parse_outfile(Parser *p, const Token *start);
/* BACKUP, RESTORE SNAPSHOT, ADMIN SET AUTOMATED CLUSTER SNAPSHOT ON: a
   target without properties; 1 when the statement is one of them. */
int parse_no_props(Parser *p, const Token *start);

/* ---- parse_template.c: a template variable among the first words ---- */


/* The statement rules a head of words leads to. */
typedef enum ParseHead {
  HEAD_NONE = 0, /* no template there, or no head fits: the usual rules */
  HEAD_CREATE_CATALOG,
  HEAD_ALTER_CATALOG,
  HEAD_CREATE_TABLE,
  HEAD_LOAD,
  HEAD_CREATE_SV,
  HEAD_ALTER_SV,
  HEAD_CREATE_REPO,
  HEAD_EXPORT,
  HEAD_UNDECIDED /* several fit: noted when it holds keys StarRocks reads */
} ParseHead;

/* When a template variable is among the statement's first words: the one
   statement rule the rest fits (p->pos is then after its head words), or
   HEAD_UNDECIDED (several fit; a templated-statement note when it holds
   keys StarRocks reads), or HEAD_NONE. */
ParseHead parse_template_head(Parser *p);
/* When no rule took the statement: the templated-statement note if a
   template variable is among its first words and it holds keys StarRocks
   reads. */
void parse_template_unread(Parser *p);

/* ---- parse_quotes.c: typographic quotes ---- */

/* When the current token starts a string in typographic quotes (a run of
   tokens up to the closing quote on the same line): consumes it, sets
   *text (scratch arena; the contents), *off and *len (the quotes
   included), remembers it for parse_curly_report, and returns 1; else 0.
   The tokens of a value (is_key 0) are hidden. */
int parse_curly_string(Parser *p, int is_key, const char **text,
                       uint32_t *off, uint32_t *len);
/* At the end of list l: one finding for its typographic quotes, with a
   fix when no secret is in its span. */
void parse_curly_report(Parser *p, const PropList *l);
/* 1 when token t starts with a typographic quote. */
int parse_curly_starts(const Parser *p, const Token *t);
/* Outside a property list, a string in typographic quotes where the
   grammar wants a STRING: consumed and reported (with a fix), *text (the
   contents, scratch arena), *off and *len set; 1 when there was one. */
int parse_curly_text(Parser *p, const char **text, uint32_t *off,
                     uint32_t *len);
/* ---- parse_recover.c: reading on after a syntax error ---- */

/* Apache Doris syntax at token at: one finding (doris-syntax) on the
   current target, which is marked (resolved only when StarRocks knows
   every key); hint says what StarRocks writes instead. */
void parse_doris(Parser *p, const Token *at, const char *hint);
/* The safe fix of that finding: bytes [off, off+len) become repl. */
void parse_doris_fix(Parser *p, uint32_t off, uint32_t len, const char *repl,
                     const char *desc);
/* At the end of the statement: the doris-syntax finding, naming the
   StarRocks keys for the Doris keys its lists use. */
void parse_report_doris(Parser *p);

/* Removes the tokens of a mysql client's output pasted before the
   statement (template_output_len) from u's tokens (the sink's too), when
   a statement follows it.  Returns the bytes it takes (0: none), from the
   first token's line. */
size_t parse_strip_output(Unit *u);
/* Reports it (one syntax-error finding at off), when len is not 0. */
void parse_report_output(Parser *p, uint32_t off, size_t len);
/* Removes a pasted mysql client prompt (mysql>, MySQL [db]>) before the
   statement and "->" continuation markers at line starts from u's tokens
   (the sink's too).  Returns how many there were; *off and *len give the
   first one. */
size_t parse_strip_prompts(Unit *u, uint32_t *off, uint32_t *len);
/* Reports them, once, on the statement's first target (a fix when there
   was only one). */
void parse_report_prompts(Parser *p, size_t markers, uint32_t off,
                          uint32_t len);
/* After a syntax error outside a property list: finds the lists of the
   current target from the current token on and reads them. */
void parse_recover_lists(Parser *p);

#endif /* PC_PARSE_H */
