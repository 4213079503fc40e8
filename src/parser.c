/*
 * parser.c - the parser's shared rules: tokens, names, syntax errors and
 * property lists; the statement rules are in parse_stmt.c.
 *
 * One function per grammar rule, each with its rule above it (StarRocks'
 * fe/fe-grammar/src/main/antlr/com/starrocks/grammar/StarRocks.g4, written
 * as EBNF).  Statements propcheck does not resolve are not parsed at all,
 * except for FILES(...) calls, which may appear anywhere (SELECT, INSERT,
 * DESC, CREATE TABLE AS, CREATE PIPE).
 *
 * A syntax error ends the statement rule: the finding names what was
 * expected and, for an unclosed parenthesis, where it opened.  Outside a
 * property list, the statement's lists are then still found and resolved
 * (parse_recover.c); inside one, the target is not resolved.
 *
 * Secrets: when a property list is entered, every value-like token in it is
 * marked hidden before anything is read, so a syntax error anywhere in the
 * list cannot show a credential; values of keys known to be harmless are
 * unhidden once their key is known.  Messages describe tokens by kind and
 * never quote a token inside a property list.
 */
#include <string.h>
#include <strings.h>

#include "parse.h"
#include "template.h"

/* accept = consume the token if it is the word */
int parse_accept_word(Parser *p, const char *w) {
  if (!is_word(p, peek(p), w))
    return 0;
  advance(p);
  return 1;
}
int parse_accept_punct(Parser *p, char ch) {
  if (!is_punct(p, peek(p), ch))
    return 0;
  advance(p);
  return 1;
}

/* A short description of a token for "found ..." (never its text inside a
   property list, never a string's contents). */
static const char *describe(Parser *p, const Token *t) {
  Arena *a = p->u->scratch;
  /* A token that may be a value is described, never quoted. */
  int quote = !p->in_props && !diag_tok_masked(&p->u->sink.src, t);
  switch ((TokenKind)t->kind) {
  case TK_EOF:
    return "end of input";
  case TK_STRING:
    return "a string";
  case TK_NUMBER:
    return quote ? arena_strndup(a, p->c->text + t->off, t->len) : "a number";
  case TK_QIDENT:
    return "a quoted identifier";
  case TK_IDENT:
    if (!quote || t->len > 40)
      return "an identifier";
    return arena_printf(a, "'%.*s'", (int)t->len, p->c->text + t->off);
  case TK_PUNCT:
    return arena_printf(a, "'%c'", p->c->text[t->off]);
  }
  return "a token";
}

/* The target has a syntax error: StarRocks rejects it.  Inside a property
   list the list is incomplete, so the target is not resolved. */
static void mark_error(Parser *p) {
  if (!p->t)
    return;
  p->t->syntax_error = 1;
  if (p->in_props)
    p->t->list_broken = 1;
}

/* The statement does not parse: from now on its lines show only grammar,
   and the lines of the findings made before are redone so (a stray quote
   may have turned values into names and names into strings). */
static void parse_broken(Parser *p) {
  Unit *u = p->u;
  if (u->sink.src.hide_all)
    return;
  u->sink.src.hide_all = 1;
  for (size_t i = 0; i < u->targets.len; i++)
    diag_remask(&u->sink, &VEC_AT(&u->targets, Target, i)->findings);
  diag_remask(&u->sink, &u->loose);
}

/* Records a syntax error at token t, with an optional hint after it. */
void parse_syntax_hint(Parser *p, const Token *t, const char *expected,
                       const char *hint) {
  parse_broken(p);
  const char *found = describe(p, t);
  mark_error(p);
  diag_unit(p->u, p->t, R_SYNTAX_ERROR, t->off, t->len ? t->len : 1, NULL,
            "expected %s, found %s%s%s", expected, found ? found : "a token",
            hint ? ": " : "", hint ? hint : "");
}

void parse_syntax_error(Parser *p, const Token *t, const char *expected) {
  parse_syntax_hint(p, t, expected, NULL);
}

/* The same for a missing ')' : says where the '(' opened. */
void parse_unclosed(Parser *p, const Token *t, const Token *open,
                    const char *expected) {
  pc_pos o = source_pos(p->c, open->off);
  parse_broken(p);
  const char *found = describe(p, t);
  mark_error(p);
  diag_unit_rel(p->u, p->t, R_SYNTAX_ERROR, t->off, t->len ? t->len : 1, NULL,
                open->off, NULL,
                "expected %s to close '(' opened at %u:%u, "
                "found %s",
                expected, o.line, o.column, found ? found : "a token");
}

int parse_expect_word(Parser *p, const char *w) {
  if (parse_accept_word(p, w))
    return 1;
  parse_syntax_error(p, peek(p), arena_printf(p->u->scratch, "%s", w));
  return 0;
}

int parse_expect_punct(Parser *p, char ch) {
  if (parse_accept_punct(p, ch))
    return 1;
  parse_syntax_error(p, peek(p), arena_printf(p->u->scratch, "'%c'", ch));
  return 0;
}

/* Skips a balanced parenthesised group starting at '(' (the current token).
   Returns 0 and reports when it is not closed. */
int parse_skip_group(Parser *p) {
  Token *open = peek(p);
  size_t depth = 0;
  do {
    Token *t = peek(p);
    if (t->kind == TK_EOF || is_punct(p, t, ';')) {
      parse_unclosed(p, t, open, "')'");
      return 0;
    }
    if (is_punct(p, t, '('))
      depth++;
    else if (is_punct(p, t, ')'))
      depth--;
    advance(p);
  } while (depth > 0);
  return 1;
}

/* ident_or_string = identifier | STRING ; qualified names allow a.b.c */
int parse_name(Parser *p, const char *what) {
  Token *t = peek(p);
  if (t->kind != TK_IDENT && t->kind != TK_QIDENT && t->kind != TK_STRING) {
    parse_syntax_error(p, t, what);
    return 0;
  }
  advance(p);
  while (is_punct(p, peek(p), '.') && (peek_at(p, 1)->kind == TK_IDENT ||
                                       peek_at(p, 1)->kind == TK_QIDENT)) {
    advance(p);
    advance(p);
  }
  return 1;
}

/* The text of an ident_or_string token (scratch arena). */
char *parse_name_text(Parser *p, Token *t) {
  const char *s = p->c->text + t->off;
  if (!t->open)
    t->hidden = 0; /* a name, shown in findings */
  return t->kind == TK_STRING ? lex_string_text(p->u->scratch, p->c, t)
                              : lex_ident_text(p->u->scratch, s, t->len);
}

/* [IF NOT EXISTS]; 0 after a syntax error */
int parse_if_not_exists(Parser *p) {
  if (!parse_accept_word(p, "IF"))
    return 1;
  return parse_expect_word(p, "NOT") && parse_expect_word(p, "EXISTS");
}

/* [COMMENT STRING]; 0 after a syntax error */
int parse_opt_comment(Parser *p) {
  if (!parse_accept_word(p, "COMMENT"))
    return 1;
  const char *text;
  uint32_t off, len;
  if (parse_curly_text(p, &text, &off, &len))
    return 1;
  if (peek(p)->kind != TK_STRING) {
    parse_syntax_error(p, peek(p), "a quoted comment");
    return 0;
  }
  advance(p);
  return 1;
}

int parse_expect_end(Parser *p, const char *after) {
  if (at_end(p))
    return 1;
  Token *t = peek(p);
  static const char fullwidth[] = "\xEF\xBC\x9B"; /* U+FF1B */
  if (t->kind == TK_IDENT && t->len >= 3 &&
      memcmp(p->c->text + t->off, fullwidth, 3) == 0) {
    parse_syntax_hint(p, t, arena_printf(p->u->scratch, "';' after %s", after),
                      "a full-width semicolon (\xEF\xBC\x9B, U+FF1B) is a "
                      "letter to StarRocks, not the end of the statement; "
                      "write ';'");
    if (t->len == 3)
      diag_unit_fix(p->u, t->off, 3, ";", "write ';'");
    return 0;
  }
  parse_syntax_error(p, peek(p),
                     arena_printf(p->u->scratch,
                                  "end of statement "
                                  "after %s",
                                  after));
  return 0;
}

/* ---- Targets ---- */

/* A new target of this kind at token at, made the current one. */

Target *parse_new_target(Parser *p, pc_stmt_kind kind, const Token *at) {
  Target *t = vec_push(&p->u->targets, sizeof(Target), p->u->oom);
  if (!t)
    return NULL;
  t->kind = kind;
  t->off = at->off;
  p->t = t;
  return t;
}

/* Moves collected paths into the target. */
void parse_set_paths(Parser *p, Target *t, Vec *paths) {
  t->npaths = paths->len;
  t->paths = paths->len
                 ? arena_alloc(p->u->scratch, paths->len * sizeof(PathRef))
                 : NULL;
  if (t->paths)
    memcpy(t->paths, paths->data, paths->len * sizeof(PathRef));
  vec_release(paths);
}

/* ---- Property lists ---- */

/* Marks every value-like token from the '(' at the current position to its
   matching ')' (or the end) as hidden, except keys (followed by '='). */
static void hide_list(Parser *p) {
  size_t depth = 0;
  for (size_t i = p->pos; i < p->ntoks; i++) {
    Token *t = &p->toks[i];
    if (t->kind == TK_EOF || is_punct(p, t, ';'))
      break;
    if (is_punct(p, t, '('))
      depth++;
    else if (is_punct(p, t, ')')) {
      if (--depth == 0)
        break;
    } else if (t->kind != TK_PUNCT) {
      int is_key = i + 1 < p->ntoks && is_punct(p, &p->toks[i + 1], '=') &&
                   t->kind == TK_STRING;
      if (!is_key)
        t->hidden = 1; /* never unhides: mask_tokens may know better */
    }
  }
}

/* The spec of a key as StarRocks matches it: exactly; Iceberg keys (other
   than the catalog type selector) after lower-casing, because StarRocks
   lower-cases them before stripping the iceberg.catalog. prefix; then the
   longest known prefix. */
const KeySpec *parse_lookup_key(Unit *u, const char *key) {
  size_t n = strlen(key);
  const KeySpec *k = keys_lookup(u->keys, key, n);
  if (k && k->svc == KS_DATABEND)
    return NULL; /* Databend's names mean nothing to StarRocks */
  if (k)
    return k;
  if (n > 16 && strncasecmp(key, "iceberg.catalog.", 16) == 0) {
    char *low = arena_strndup(u->scratch, key, n);
    if (low) {
      str_lower(low);
      k = keys_lookup(u->keys, low, n);
      if (k && k->field != F_ICEBERG_TYPE)
        return k;
      k = keys_lookup_prefix(low);
      if (k)
        return k;
    }
    return NULL;
  }
  return keys_lookup_prefix(key);
}

/* What a property's text says of it: templated key or value, placeholder. */
static void prop_marks(Prop *pr) {
  pr->templated = template_in_value(pr->val);
  pr->key_templated = template_in_value(pr->key);
  /* A templated value is unknown: every check that skips placeholders
     skips it too, and placeholder-value does not report it. */
  pr->placeholder = pr->templated || value_is_placeholder(pr->val);
}

void parse_prop_spans(Prop *pr, const Token *k, const Token *v) {
  pr->key_off = k->off;
  pr->key_len = k->len;
  pr->val_off = v->off;
  pr->val_len = v->len;
  prop_marks(pr);
}

/* A template variable that stands for a whole key or value (%s, ${v},
   {{ v }}: a TK_IDENT the lexer marked, template.h). */
static int is_template(const Token *t) {
  return t->kind == TK_IDENT && t->tmpl;
}

int parse_is_string(const Token *t) {
  return t->kind == TK_STRING || is_template(t);
}

/* The text of a key or value token: a string unescaped, a template
   variable as written; then the context's --var values filled in
   (scratch arena; NULL when out of memory). */
const char *parse_prop_text(Parser *p, const Token *t) {
  const char *s = t->kind == TK_STRING
                      ? lex_string_text(p->u->scratch, p->c, t)
                      : arena_strndup(p->u->scratch, p->c->text + t->off,
                                      t->len);
  return s ? template_fill(p->u->scratch, s, p->u->vars) : NULL;
}

/* A key or value: a STRING token or a template variable, or a string in
   typographic quotes
   (parse_recover.c).  1 when one was read; *tok is its token (NULL for
   typographic quotes). */
static int prop_string(Parser *p, int is_key, Token **tok, const char **text,
                       uint32_t *off, uint32_t *len) {
  Token *t = peek(p);
  *tok = NULL;
  if (t->kind != TK_STRING && !is_template(t))
    return parse_curly_string(p, is_key, text, off, len);
  advance(p);
  *tok = t;
  *text = parse_prop_text(p, t);
  *off = t->off;
  *len = t->len;
  return 1;
}

/* "key" == "value" or "key" = = "value": one '=' too many.  StarRocks
   rejects it; the list is read on as if there were one (a safe fix). */
static void extra_equals(Parser *p) {
  Token *eq = peek(p);
  if (!is_punct(p, eq, '='))
    return;
  if (p->t)
    p->t->syntax_error = 1;
  diag_unit(p->u, p->t, R_SYNTAX_ERROR, eq->off, 1, NULL,
            "two '=' between a property name and its value: StarRocks "
            "rejects the statement; write one '='");
  diag_unit_fix(p->u, eq->off, 1, "", "remove the second '='");
  advance(p);
}

/* A template variable where whole properties go ("k" = "v", ${props}):
   1 when the current token is one (then consumed and remembered). */
static int templated_props(Parser *p) {
  Token *t = peek(p), *next = peek_at(p, 1);
  if (!is_template(t) || !(is_punct(p, next, ',') || is_punct(p, next, ')')))
    return 0;
  if (!p->tmpl_props)
    p->tmpl_props = t;
  advance(p);
  return 1;
}

const char *parse_template_name(Parser *p, const Token *t) {
  const char *s = p->c->text + t->off;
  if (t->len > 64 || memchr(s, '\'', t->len) || memchr(s, '"', t->len) ||
      memchr(s, '`', t->len))
    return t->len >= 4 ? arena_printf(p->u->scratch, "%.2s ... %.2s", s,
                                      s + t->len - 2)
                       : "";
  return arena_printf(p->u->scratch, "%.*s", (int)t->len, s);
}

/* At the end of a list with templated properties: its keys are unknown
   until the template is filled, so the target is not resolved (its keys
   would look missing), and a note says why. */
static void report_templated_props(Parser *p) {
  Token *t = p->tmpl_props;
  if (!t)
    return;
  p->tmpl_props = NULL;
  if (p->t)
    p->t->list_broken = 1;
  diag_unit(p->u, p->t, R_TEMPLATED_STATEMENT, t->off, t->len, NULL,
            "the template variable %s stands for properties of this list: "
            "they may decide its credential modes, which are unknown until it "
            "is filled, so the list is not checked",
            parse_template_name(p, t));
}

/* property = STRING "=" STRING ; appended to props.  1, or 0 after a
   syntax error (or when memory ran out). */
static int property(Parser *p, const Token *open, Vec *props) {
  Token *k = peek(p), *kt, *vt;
  if (templated_props(p))
    return 1;
  const char *key, *val;
  uint32_t koff, klen, voff, vlen;
  if (!prop_string(p, 1, &kt, &key, &koff, &klen)) {
    if (k->kind == TK_EOF || is_punct(p, k, ';'))
      parse_unclosed(p, k, open, "a property or ')'");
    else
      parse_syntax_hint(p, k, "a quoted property name",
                        k->kind == TK_IDENT || k->kind == TK_QIDENT
                            ? "StarRocks requires keys to be quoted strings"
                            : NULL);
    return 0;
  }
  if (!is_punct(p, peek(p), '=')) {
    parse_syntax_error(p, peek(p), "'=' after the property name");
    return 0;
  }
  advance(p);
  extra_equals(p);
  Token *v = peek(p);
  if (!prop_string(p, 0, &vt, &val, &voff, &vlen)) {
    parse_syntax_hint(p, v, "a quoted value",
                      v->kind == TK_IDENT || v->kind == TK_NUMBER
                          ? "StarRocks requires values to be quoted strings"
                          : NULL);
    return 0;
  }
  Prop *pr = vec_push(props, sizeof(Prop), p->u->oom);
  if (!pr)
    return 0;
  pr->key = key;
  pr->val = val;
  if (!pr->key || !pr->val) {
    props->len--; /* out of memory: no half-made property */
    return 0;
  }
  pr->key_off = koff;
  pr->key_len = klen;
  pr->val_off = voff;
  pr->val_len = vlen;
  prop_marks(pr);
  pr->spec = parse_lookup_key(p->u, pr->key);
  /* A known harmless value is shown, unless its string never closes
     (then it runs over the rest of the file). */
  if (vt && pr->spec && !(pr->spec->flags & KF_SECRET) && !vt->open)
    vt->hidden = 0;
  (void)kt;
  return 1;
}

/* After a property: 1 at ',' (more follow), 2 at the closing ')', 0 after
   a syntax error. */
static int property_end(Parser *p, const Token *open) {
  if (templated_props(p)) /* "k" = "v" {{ more }}) */
    return property_end(p, open);
  Token *sep = peek(p);
  if (is_punct(p, sep, ',')) {
    advance(p);
    if (is_punct(p, peek(p), ')')) {
      parse_syntax_hint(p, peek(p), "another property",
                        "StarRocks rejects a trailing comma");
      return 0;
    }
    return 1;
  }
  if (is_punct(p, sep, ')')) {
    advance(p);
    return 2;
  }
  if (sep->kind == TK_EOF || is_punct(p, sep, ';'))
    parse_unclosed(p, sep, open, "',' or ')'");
  else
    parse_syntax_error(p, sep, "',' or ')' after the property value");
  return 0;
}

/* property_list = "(" property { "," property } ")" ; */
int parse_property_list(Parser *p, PropList *out) {
  Token *open = peek(p);
  if (!is_punct(p, open, '(')) {
    parse_syntax_error(p, open, "'(' to start the property list");
    return 0;
  }
  hide_list(p);
  advance(p);
  out->present = 1;
  out->open_off = open->off;
  p->in_props = 1;
  Vec props = {0};
  int state = 1;
  if (is_punct(p, peek(p), ')')) {
    parse_syntax_hint(p, peek(p), "a property (\"key\" = \"value\")",
                      "StarRocks rejects an empty property list");
    state = 0;
  }
  while (state == 1)
    state = property(p, open, &props) ? property_end(p, open) : 0;
  p->in_props = 0;
  PropList seen = {props.data, props.len, 1, open->off};
  parse_curly_report(p, &seen);
  report_templated_props(p);
  /* Move the properties into the scratch arena; the vector is freed. */
  out->n = props.len;
  out->v =
      props.len ? arena_alloc(p->u->scratch, props.len * sizeof(Prop)) : NULL;
  if (out->v)
    memcpy(out->v, props.data, props.len * sizeof(Prop));
  vec_release(&props);
  return state == 2;
}

int parse_push_path(Parser *p, Vec *paths, Token *s) {
  if (!s->open)
    s->hidden = 0; /* a storage location, shown in findings */
  PathRef *r = vec_push(paths, sizeof(PathRef), p->u->oom);
  if (!r)
    return 0;
  r->text = parse_prop_text(p, s);
  r->off = s->off;
  r->len = s->len;
  return 1;
}

/* A path: a string, a template variable, or (parse_quotes.c) a string in
   typographic quotes. */
int parse_path(Parser *p, Vec *paths) {
  Token *s = peek(p);
  if (parse_is_string(s)) {
    if (!parse_push_path(p, paths, s))
      return 0;
    advance(p);
    return 1;
  }
  const char *text;
  uint32_t off, len;
  if (!parse_curly_text(p, &text, &off, &len))
    return 0;
  PathRef *r = vec_push(paths, sizeof(PathRef), p->u->oom);
  if (!r)
    return 0;
  r->text = template_fill(p->u->scratch, text, p->u->vars);
  r->off = off;
  r->len = len;
  return r->text != NULL;
}

/* string_list = "(" STRING { "," STRING } ")" ; collected as paths */
int parse_string_list(Parser *p, Vec *paths) {
  Token *open = peek(p);
  if (!parse_expect_punct(p, '('))
    return 0;
  for (;;) {
    Token *s = peek(p);
    if (!parse_path(p, paths)) {
      if (*p->u->oom)
        return 0;
      if (s->kind == TK_EOF || is_punct(p, s, ';'))
        parse_unclosed(p, s, open, "a string or ')'");
      else
        parse_syntax_error(p, s, "a quoted path");
      return 0;
    }
    if (parse_accept_punct(p, ','))
      continue;
    if (parse_accept_punct(p, ')'))
      return 1;
    Token *t = peek(p);
    if (t->kind == TK_EOF || is_punct(p, t, ';'))
      parse_unclosed(p, t, open, "',' or ')'");
    else
      parse_syntax_error(p, t, "',' or ')'");
    return 0;
  }
}
