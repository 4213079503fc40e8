/*
 * template.h - template variables and placeholders in SQL (template.c), read
 * by the lexer, the parser, the fast path and the context.
 *
 * Real repositories hold SQL that is filled in before it runs: ${name}
 * (shell, Flyway, StarRocks' SQL tests), {{ expr }} (Jinja, dbt), %s and
 * %(name)s (Python), and documentation holds <name> placeholders.  Jinja
 * statement and comment blocks ({% ... %}, {# ... #}) are comment-like:
 * propcheck does not evaluate Jinja.
 */
#ifndef PC_TEMPLATE_H
#define PC_TEMPLATE_H

#include "pc_internal.h"

typedef enum TemplateKind {
  TPL_NONE = 0,
  TPL_VAR,   /* ${name}, {{ expr }}, %s, %(name)s: filled before it runs */
  TPL_ANGLE, /* <name>: a documentation placeholder (identifiers only) */
  TPL_BLOCK  /* {% ... %}, {# ... #}: a Jinja statement or comment */
} TemplateKind;

/* The template construct that starts at p[0] (n bytes left): its length,
   and its kind in *kind; 0 (and TPL_NONE) when none starts there. */
size_t template_at(const char *p, size_t n, TemplateKind *kind);

/* 1 when a byte may start a template construct: '$', '{', '%', '<'. */
static inline int template_may_start(unsigned char c) {
  return c == '$' || c == '{' || c == '%' || c == '<';
}

/* A line of StarRocks' SQL test runner (test/lib/choose_cases.py) that is
   not SQL, at s[0..n), the start of a line: "shell: ..." or "function: ..."
   (one line each, a command the runner executes), the "[UC]" flag before
   a statement (its result is not compared), or a result in an R file
   ("-- result:" up to the line "-- !result", the rows between included).
   The bytes it takes (up to the end of its last line; 4 for [UC]), or 0. */
size_t template_directive_len(const char *s, size_t n);

/* What a mysql client printed, pasted before a statement, at s[0..n) (the
   start of a line): result tables (+---+, | a |), "N rows in set (...)",
   "Query OK, ...", "Empty set (...)", "ERROR 1064 (...): ...", and a
   vertical result (*** 1. row *** up to "N rows in set"); the blank lines
   after them included.  The bytes it takes, or 0. */
size_t template_output_len(const char *s, size_t n);

/* Blanks, SQL comments, Jinja blocks and test-runner lines at the start of
   s[0..n) (s[0] at the start of a line): how many bytes they take. */
size_t template_skip_lead(const char *s, size_t n);

/* 1 when the {{ ... }} at p[0..len) calls something ({{ config(...) }}):
   before a statement it is dbt's configuration, not one of its words. */
int template_is_call(const char *p, size_t len);

/* 1 when a {{ ... }} expression p[0..len), read by SQL's quoting rules,
   leaves a ', " or ` open: the statement splitter reads Jinja blocks
   ({# #}, {% %}) like comments but an expression as SQL, so it takes the
   quote for the start of a string and reads on past the expression. */
int template_open_quote(const char *p, size_t len);

/* 1 when the value holds a template variable (TPL_VAR) anywhere. */
int template_in_value(const char *v);
/* The same for the bytes v[0..n) (a token's source text). */
int template_in_span(const char *v, size_t n);

/* A --var value: NAME fills ${NAME} and {{ NAME }} (also {{ var('NAME') }}
   and {{ env_var('NAME') }}). */
typedef struct TemplateVar {
  char *name;  /* pc_malloc'd, owned by the context's vector */
  char *value; /* pc_malloc'd */
} TemplateVar;

/* v with every template variable that vars (TemplateVar) names replaced by
   its value, in a; v itself when it has none to fill; NULL when out of
   memory. */
const char *template_fill(Arena *a, const char *v, const Vec *vars);

/* Sets (or replaces) NAME in vars; 0, or -1 when out of memory. */
int template_set_var(Vec *vars, const char *name, const char *value);
/* Frees every variable of vars and empties it. */
void template_clear_vars(Vec *vars);

#endif /* PC_TEMPLATE_H */
