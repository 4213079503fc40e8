/*
 * test_lexer.c - the lexer stage (lexer.c) and positions (source.c).
 *
 * Upstream: StarRocks' StarRocksLex.g4 and AstBuilder (lexical rules, string
 * unescaping, identifiers, comments, whitespace).  Token tables give, for
 * one input, every token (kind, offset, length), every lexical error and
 * every comment the lexer must record.  Positions follow the public header:
 * lines and columns are 1-based, a column counts characters (every byte that
 * is not a UTF-8 continuation byte counts one, a tab counts one), CRLF ends a
 * line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pc_internal.h"
#include "propcheck.h"

#define MAX_TOKS 12
#define MAX_ERRS 4
#define MAX_COMMENTS 4

/* ------------------------------------------------------------ fixtures */

/* What one test owns; freed by the teardown even when an assertion fails. */
typedef struct LexFixture {
  Lexed lex;
  Arena arena;
  int oom;
  Chunk chunk;
} LexFixture;

static int fixture_setup(void **state) {
  LexFixture *fx = calloc(1, sizeof *fx);
  if (!fx)
    return -1;
  arena_init(&fx->arena, &fx->oom);
  *state = fx;
  return 0;
}

static int fixture_teardown(void **state) {
  LexFixture *fx = *state;
  if (fx) {
    lex_release(&fx->lex);
    arena_release(&fx->arena);
    free(fx);
  }
  return 0;
}

static Chunk whole_chunk(const char *text, size_t len) {
  Chunk c = {.text = text, .len = len, .base_line = 1, .base_col = 1};
  return c;
}

/* Lexes text (len bytes) from the start into fx; the previous result, if
   any, is released first. */
static void lex_text(LexFixture *fx, const char *text, size_t len) {
  lex_release(&fx->lex);
  memset(&fx->lex, 0, sizeof fx->lex);
  fx->chunk = whole_chunk(text, len);
  assert_int_equal(lex_chunk(&fx->chunk, &fx->lex, &fx->oom), 0);
  assert_int_equal(fx->oom, 0);
}

static const Token *tok_at(const LexFixture *fx, size_t i) {
  return VEC_AT(&fx->lex.toks, Token, i);
}

static const char *kind_name(int k) {
  switch (k) {
  case TK_IDENT:
    return "IDENT";
  case TK_QIDENT:
    return "QIDENT";
  case TK_STRING:
    return "STRING";
  case TK_NUMBER:
    return "NUMBER";
  case TK_PUNCT:
    return "PUNCT";
  case TK_EOF:
    return "EOF";
  default:
    return "?";
  }
}

/* ------------------------------------------------------------ token tables */

typedef struct ExpTok {
  int kind;
  uint32_t off;
  uint32_t len;
} ExpTok;

typedef struct ExpErr {
  int kind;
  uint32_t off;
} ExpErr;

typedef struct ExpComment {
  uint32_t off;
  uint32_t len;
} ExpComment;

typedef struct LexCase {
  const char *name;
  const char *src;
  size_t ntoks; /* tokens before TK_EOF */
  ExpTok toks[MAX_TOKS];
  size_t nerrs;
  ExpErr errs[MAX_ERRS];
  size_t ncomments;
  ExpComment comments[MAX_COMMENTS];
} LexCase;

/* Compares one case; prints every difference; returns the number found. */
static int check_case(LexFixture *fx, const LexCase *lc) {
  int bad = 0;
  size_t n = strlen(lc->src);
  lex_text(fx, lc->src, n);
  size_t got = fx->lex.toks.len;
  if (got == 0 || tok_at(fx, got - 1)->kind != TK_EOF) {
    print_message("[%s] the token list does not end with TK_EOF\n", lc->name);
    return 1;
  }
  const Token *eof = tok_at(fx, got - 1);
  if (eof->off != n || eof->len != 0) {
    print_message("[%s] TK_EOF at %u+%u, expected %zu+0\n", lc->name,
                  (unsigned)eof->off, (unsigned)eof->len, n);
    bad++;
  }
  if (got - 1 != lc->ntoks) {
    print_message("[%s] %zu tokens, expected %zu:\n", lc->name, got - 1,
                  lc->ntoks);
    for (size_t i = 0; i + 1 < got; i++)
      print_message("    got %s %u+%u\n", kind_name(tok_at(fx, i)->kind),
                    (unsigned)tok_at(fx, i)->off, (unsigned)tok_at(fx, i)->len);
    bad++;
  } else {
    for (size_t i = 0; i < lc->ntoks; i++) {
      const Token *t = tok_at(fx, i);
      const ExpTok *e = &lc->toks[i];
      if (t->kind != e->kind || t->off != e->off || t->len != e->len) {
        print_message("[%s] token %zu is %s %u+%u, expected %s %u+%u\n",
                      lc->name, i, kind_name(t->kind), (unsigned)t->off,
                      (unsigned)t->len, kind_name(e->kind), (unsigned)e->off,
                      (unsigned)e->len);
        bad++;
      }
    }
  }
  if (fx->lex.errs.len != lc->nerrs) {
    print_message("[%s] %zu lexical errors, expected %zu\n", lc->name,
                  fx->lex.errs.len, lc->nerrs);
    bad++;
  } else {
    for (size_t i = 0; i < lc->nerrs; i++) {
      const LexErr *e = VEC_AT(&fx->lex.errs, LexErr, i);
      if ((int)e->kind != lc->errs[i].kind || e->off != lc->errs[i].off) {
        print_message("[%s] error %zu is kind %d at %u, expected kind %d at "
                      "%u\n",
                      lc->name, i, (int)e->kind, (unsigned)e->off,
                      lc->errs[i].kind, (unsigned)lc->errs[i].off);
        bad++;
      }
    }
  }
  if (fx->lex.comments.len != lc->ncomments) {
    print_message("[%s] %zu comments, expected %zu\n", lc->name,
                  fx->lex.comments.len, lc->ncomments);
    bad++;
  } else {
    for (size_t i = 0; i < lc->ncomments; i++) {
      const Comment *c = VEC_AT(&fx->lex.comments, Comment, i);
      if (c->off != lc->comments[i].off || c->len != lc->comments[i].len) {
        print_message("[%s] comment %zu is %u+%u, expected %u+%u\n", lc->name,
                      i, (unsigned)c->off, (unsigned)c->len,
                      (unsigned)lc->comments[i].off,
                      (unsigned)lc->comments[i].len);
        bad++;
      }
    }
  }
  return bad;
}

static int check_cases(LexFixture *fx, const LexCase *cases, size_t n) {
  int bad = 0;
  for (size_t i = 0; i < n; i++)
    bad += check_case(fx, &cases[i]);
  return bad;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- strings ---- */

static const LexCase string_cases[] = {
    {"doubled single quotes stay inside one string",
     "'it''s' x",
     2,
     {{TK_STRING, 0, 7}, {TK_IDENT, 8, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"doubled double quotes stay inside one string",
     "\"say \"\"hi\"\"\" x",
     2,
     {{TK_STRING, 0, 12}, {TK_IDENT, 13, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"four quotes are one string holding a quote",
     "'''' x",
     2,
     {{TK_STRING, 0, 4}, {TK_IDENT, 5, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"an empty string is two quotes",
     "'' x",
     2,
     {{TK_STRING, 0, 2}, {TK_IDENT, 3, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"the other quote needs no escaping",
     "'say \"hi\"' \"it's\"",
     2,
     {{TK_STRING, 0, 10}, {TK_STRING, 11, 6}},
     0,
     {{0}},
     0,
     {{0}}},
    {"a backslash escapes the closing quote",
     "'a\\'b' x",
     2,
     {{TK_STRING, 0, 6}, {TK_IDENT, 7, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"an escaped backslash does not escape the quote",
     "'a\\\\' x",
     2,
     {{TK_STRING, 0, 5}, {TK_IDENT, 6, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"a backslash escapes a double quote too",
     "\"a\\\"b\" x",
     2,
     {{TK_STRING, 0, 6}, {TK_IDENT, 7, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"strings span lines",
     "'a\nb;c' d",
     2,
     {{TK_STRING, 0, 7}, {TK_IDENT, 8, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"strings span CRLF lines",
     "\"a\r\n--b\r\n\" d",
     2,
     {{TK_STRING, 0, 10}, {TK_IDENT, 11, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"comment markers inside a string are text",
     "'-- /* #' x",
     2,
     {{TK_STRING, 0, 9}, {TK_IDENT, 10, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"an unterminated single-quoted string runs to the end",
     "x 'abc",
     2,
     {{TK_IDENT, 0, 1}, {TK_STRING, 2, 4}},
     1,
     {{LE_UNTERMINATED_SQ, 2}},
     0,
     {{0}}},
    {"an unterminated double-quoted string runs to the end",
     "x \"a\nbc",
     2,
     {{TK_IDENT, 0, 1}, {TK_STRING, 2, 5}},
     1,
     {{LE_UNTERMINATED_DQ, 2}},
     0,
     {{0}}},
    {"an escaped quote at the end leaves the string open",
     "x 'ab\\'",
     2,
     {{TK_IDENT, 0, 1}, {TK_STRING, 2, 5}},
     1,
     {{LE_UNTERMINATED_SQ, 2}},
     0,
     {{0}}},
    {"a doubled quote at the end leaves the string open",
     "'a''",
     1,
     {{TK_STRING, 0, 4}},
     1,
     {{LE_UNTERMINATED_SQ, 0}},
     0,
     {{0}}},
};

static void lexer_should_read_strings_as_starrocks_does(void **state) {
  assert_int_equal(check_cases(*state, string_cases, COUNT(string_cases)), 0);
}

/* The case the brief names, on its own so that a failure is easy to spot. */
static void
lexer_should_keep_doubled_quotes_in_single_quoted_strings(void **state) {
  LexFixture *fx = *state;
  lex_text(fx, "'it''s'", 7);
  assert_int_equal(fx->lex.toks.len, 2);
  assert_int_equal(tok_at(fx, 0)->kind, TK_STRING);
  assert_int_equal(tok_at(fx, 0)->off, 0);
  assert_int_equal(tok_at(fx, 0)->len, 7);
  assert_int_equal(tok_at(fx, 1)->kind, TK_EOF);
  assert_int_equal(fx->lex.errs.len, 0);
}

/* ---- identifiers ---- */

static const LexCase ident_cases[] = {
    {"a backquoted identifier is one token",
     "`a b` x",
     2,
     {{TK_QIDENT, 0, 5}, {TK_IDENT, 6, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"doubled backquotes stay inside the identifier",
     "`a``b` x",
     2,
     {{TK_QIDENT, 0, 6}, {TK_IDENT, 7, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"a backquoted identifier may hold ; and quotes",
     "`a;'\"` x",
     2,
     {{TK_QIDENT, 0, 6}, {TK_IDENT, 7, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"an unterminated backquote runs to the end",
     "x `abc",
     2,
     {{TK_IDENT, 0, 1}, {TK_QIDENT, 2, 4}},
     1,
     {{LE_UNTERMINATED_BQ, 2}},
     0,
     {{0}}},
    {"identifiers take letters, digits, _ and $",
     "a_1$b c",
     2,
     {{TK_IDENT, 0, 5}, {TK_IDENT, 6, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"non-ASCII letters are identifier characters",
     "caf\xc3\xa9 x",
     2,
     {{TK_IDENT, 0, 5}, {TK_IDENT, 6, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"a digit identifier like 1abc is one identifier",
     "1abc 12 1.5",
     3,
     {{TK_IDENT, 0, 4}, {TK_NUMBER, 5, 2}, {TK_NUMBER, 8, 3}},
     0,
     {{0}},
     0,
     {{0}}},
    {"punctuation is one character per token",
     "(\"k\"=\"v\",x);",
     8,
     {{TK_PUNCT, 0, 1},
      {TK_STRING, 1, 3},
      {TK_PUNCT, 4, 1},
      {TK_STRING, 5, 3},
      {TK_PUNCT, 8, 1},
      {TK_IDENT, 9, 1},
      {TK_PUNCT, 10, 1},
      {TK_PUNCT, 11, 1}},
     0,
     {{0}},
     0,
     {{0}}},
};

static void lexer_should_read_identifiers_and_punctuation(void **state) {
  assert_int_equal(check_cases(*state, ident_cases, COUNT(ident_cases)), 0);
}

/* ---- comments, '#', whitespace ---- */

static const LexCase comment_cases[] = {
    {"-- needs no space after the dashes",
     "a--comment\nb",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 11, 1}},
     0,
     {{0}},
     1,
     {{1, 9}}},
    {"-- with a space is a comment too",
     "a -- c;'\nb",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 9, 1}},
     0,
     {{0}},
     1,
     {{2, 6}}},
    {"a -- comment at the end of input needs no newline",
     "a --x",
     1,
     {{TK_IDENT, 0, 1}},
     0,
     {{0}},
     1,
     {{2, 3}}},
    {"a -- comment stops before CRLF's LF",
     "a--x\r\nb",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 6, 1}},
     0,
     {{0}},
     1,
     {{1, 4}}},
    {"a single minus is punctuation",
     "a - b",
     3,
     {{TK_IDENT, 0, 1}, {TK_PUNCT, 2, 1}, {TK_IDENT, 4, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"block comments are recorded",
     "a /* x; 'y' */ b",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 15, 1}},
     0,
     {{0}},
     1,
     {{2, 12}}},
    {"block comments span lines and do not nest",
     "a/*\n/* x */b */",
     4,
     {{TK_IDENT, 0, 1},
      {TK_IDENT, 11, 1},
      {TK_PUNCT, 13, 1},
      {TK_PUNCT, 14, 1}},
     0,
     {{0}},
     1,
     {{1, 10}}},
    {"an empty block comment",
     "a/**/b",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 5, 1}},
     0,
     {{0}},
     1,
     {{1, 4}}},
    {"a single slash is punctuation",
     "a/b",
     3,
     {{TK_IDENT, 0, 1}, {TK_PUNCT, 1, 1}, {TK_IDENT, 2, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"an unterminated block comment runs to the end",
     "x /* abc",
     1,
     {{TK_IDENT, 0, 1}},
     1,
     {{LE_UNTERMINATED_COMMENT, 2}},
     1,
     {{2, 6}}},
    {"an unterminated block comment ending in a star",
     "x /*/",
     1,
     {{TK_IDENT, 0, 1}},
     1,
     {{LE_UNTERMINATED_COMMENT, 2}},
     1,
     {{2, 3}}},
    {"'#' is an error, and the rest of its line the comment it meant",
     "a#b c\nd",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 6, 1}},
     1,
     {{LE_HASH, 1}},
     1,
     {{1, 4}}},
    {"a '#' with nothing after it on its line is skipped, unreported",
     "x # \ny #",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 5, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"U+3000 separates tokens",
     "a\xe3\x80\x80"
     "b",
     2,
     {{TK_IDENT, 0, 1}, {TK_IDENT, 4, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"U+3000 at the start is whitespace",
     "\xe3\x80\x80"
     "a",
     1,
     {{TK_IDENT, 3, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"U+3000 ends a non-ASCII identifier",
     "\xc3\xa9\xe3\x80\x80"
     "b",
     2,
     {{TK_IDENT, 0, 2}, {TK_IDENT, 5, 1}},
     0,
     {{0}},
     0,
     {{0}}},
    {"other ideographic characters are identifier characters",
     "\xe3\x80\x81"
     "a",
     1,
     {{TK_IDENT, 0, 4}},
     0,
     {{0}},
     0,
     {{0}}},
    {"space, tab, CR and LF are whitespace",
     " \t\r\na\r\n",
     1,
     {{TK_IDENT, 4, 1}},
     0,
     {{0}},
     0,
     {{0}}},
};

static void
lexer_should_record_comments_hashes_and_skip_whitespace(void **state) {
  assert_int_equal(check_cases(*state, comment_cases, COUNT(comment_cases)), 0);
}

static void lexer_should_start_at_the_statement_not_the_line(void **state) {
  LexFixture *fx = *state;
  static const char text[] = "'x' #; y";
  fx->chunk = whole_chunk(text, sizeof text - 1);
  fx->chunk.stmt_start = 6; /* after the previous statement's ';' */
  assert_int_equal(lex_chunk(&fx->chunk, &fx->lex, &fx->oom), 0);
  assert_int_equal(fx->lex.toks.len, 2);
  assert_int_equal(tok_at(fx, 0)->kind, TK_IDENT);
  assert_int_equal(tok_at(fx, 0)->off, 7);
  assert_int_equal(fx->lex.errs.len, 0); /* the '#' belongs to the line's
                                            previous statement */
}

static void lexer_should_record_an_empty_statement_as_just_eof(void **state) {
  LexFixture *fx = *state;
  lex_text(fx, "", 0);
  assert_int_equal(fx->lex.toks.len, 1);
  assert_int_equal(tok_at(fx, 0)->kind, TK_EOF);
  lex_text(fx, "  -- only a comment\n", 20);
  assert_int_equal(fx->lex.toks.len, 1);
  assert_int_equal(fx->lex.comments.len, 1);
}

/* ------------------------------------------------------------ lex_tok_is_word */

static void tok_is_word_should_match_identifiers_ignoring_case(void **state) {
  LexFixture *fx = *state;
  static const char text[] =
      "properties PROPERTIES ProPerTies propertie propertiesx "
      "`PROPERTIES` 'PROPERTIES'";
  lex_text(fx, text, sizeof text - 1);
  assert_int_equal(fx->lex.toks.len, 8);
  static const int expect[7] = {1, 1, 1, 0, 0, 0, 0};
  for (size_t i = 0; i < 7; i++) {
    int got = lex_tok_is_word(&fx->chunk, tok_at(fx, i), "PROPERTIES");
    if (got != expect[i])
      print_message("token %zu: lex_tok_is_word = %d, expected %d\n", i, got,
                    expect[i]);
    assert_int_equal(got, expect[i]);
  }
  assert_false(lex_tok_is_word(&fx->chunk, tok_at(fx, 7), "PROPERTIES"));
}

/* ------------------------------------------------------------ unescape */

typedef struct UnescapeCase {
  const char *literal; /* the token text, quotes included */
  const char *expect;  /* the string value */
  size_t expect_len;   /* its length (the value may hold NUL) */
} UnescapeCase;

static const UnescapeCase unescape_cases[] = {
    {"'plain'", "plain", 5},
    {"''", "", 0},
    {"'a\\nb'", "a\nb", 3},
    {"'a\\tb'", "a\tb", 3},
    {"'a\\rb'", "a\rb", 3},
    {"'a\\bb'", "a\bb", 3},
    /* NUL as C0 80 (Java's modified UTF-8): the value stays one string */
    {"'a\\0b'",
     "a\xC0\x80"
     "b",
     4},
    {"'a\\Zb'",
     "a\x1a"
     "b",
     3},
    {"'a\\_b'", "a\\_b", 4},       /* \_ keeps its backslash (LIKE) */
    {"'a\\%b'", "a\\%b", 4},       /* \% keeps its backslash (LIKE) */
    {"'a\\\\b'", "a\\b", 3},       /* \\ -> \ */
    {"'a\\\\\\\\b'", "a\\\\b", 4}, /* \\\\ -> \\ */
    {"'\\\\_'", "\\_", 2},         /* \\ then a plain _ */
    {"'a\\'b'", "a'b", 3},
    {"\"a\\\"b\"", "a\"b", 3},
    {"'a\\qb'", "aqb", 3}, /* any other \c -> c */
    {"'a\\zb'", "azb", 3}, /* only upper-case \Z is special */
    {"'a\\Nb'", "aNb", 3}, /* escapes are case-sensitive */
    {"'it''s'", "it's", 4},
    {"''''", "'", 1},
    {"'a''''b'", "a''b", 4},
    {"\"say \"\"hi\"\"\"", "say \"hi\"", 8},
    {"\"it''s\"", "it''s", 5}, /* '' is not collapsed in "..." */
    {"'say \"\"hi\"\"'", "say \"\"hi\"\"", 10},
    {"'abc\\'", "abc\\", 4}, /* a lone trailing backslash stays */
    {"'line1\nline2'", "line1\nline2", 11},
    {"'caf\xc3\xa9'", "caf\xc3\xa9", 5},
    {"' spaced '", " spaced ", 8}, /* never trimmed */
};

static void unescape_string_should_follow_starrocks_string_rules(void **state) {
  LexFixture *fx = *state;
  int bad = 0;
  for (size_t i = 0; i < COUNT(unescape_cases); i++) {
    const UnescapeCase *uc = &unescape_cases[i];
    char *got = lex_unescape_string(&fx->arena, uc->literal, strlen(uc->literal));
    assert_non_null(got);
    /* The value is NUL-terminated; with an embedded NUL compare bytes. */
    if (memcmp(got, uc->expect, uc->expect_len + 1) != 0) {
      print_message("lex_unescape_string(%s) = \"%s\" (%zu bytes), expected "
                    "\"%s\"\n",
                    uc->literal, got, strlen(got), uc->expect);
      bad++;
    }
  }
  assert_int_equal(bad, 0);
}

/* lex_string_text takes a shortcut for a plain string (no backslash, no doubled
   quote): every case above, lexed as a token (with text after it, and at the
   very end of the input), gives what lex_unescape_string gives; and the
   shortcut is taken for the plain ones only. */
static void string_text_should_match_unescape_string(void **state) {
  LexFixture *fx = *state;
  int bad = 0, compared = 0;
  for (size_t i = 0; i < COUNT(unescape_cases); i++) {
    const UnescapeCase *uc = &unescape_cases[i];
    size_t n = strlen(uc->literal);
    for (int tail = 0; tail < 2; tail++) {
      char text[128];
      assert_true(n + 3 < sizeof text);
      memcpy(text, uc->literal, n);
      memcpy(text + n, " ,x", tail ? 3 : 0);
      lex_text(fx, text, n + (tail ? 3 : 0));
      const Token *t = tok_at(fx, 0);
      assert_int_equal(t->kind, TK_STRING);
      if (t->len != n)
        continue; /* 'abc\' escapes its last quote: the token runs on */
      compared++;
      int want_plain = !strchr(uc->literal + 1, '\\') &&
                       !memchr(uc->literal + 1, uc->literal[0], n - 2);
      char *got = lex_string_text(&fx->arena, &fx->chunk, t);
      assert_non_null(got);
      if (t->plain != want_plain ||
          memcmp(got, uc->expect, uc->expect_len + 1) != 0) {
        print_message("lex_string_text(%s): \"%s\", plain %d; expected \"%s\", "
                      "plain %d\n",
                      uc->literal, got, t->plain, uc->expect, want_plain);
        bad++;
      }
    }
  }
  /* a raw NUL in a plain string, and a string that never closes */
  static const char nul[] = "'us-west-2\0x'";
  lex_text(fx, nul, sizeof nul - 1);
  assert_true(tok_at(fx, 0)->plain);
  assert_string_equal(lex_string_text(&fx->arena, &fx->chunk, tok_at(fx, 0)),
                      "us-west-2\xC0\x80x");
  lex_text(fx, "'abc", 4);
  assert_false(tok_at(fx, 0)->plain);
  assert_string_equal(lex_string_text(&fx->arena, &fx->chunk, tok_at(fx, 0)),
                      "abc");
  assert_int_equal(bad, 0);
  assert_true(compared >= 2 * (int)COUNT(unescape_cases) - 4);
}

/* A raw NUL byte in a value (not an escape) is kept too, as C0 80: the
   value must not end there, or "us-west-2<NUL>x" would pass for a region. */
static void unescape_string_should_keep_a_raw_nul_byte(void **state) {
  LexFixture *fx = *state;
  static const char lit[] = "'us-west-2\0x'";
  char *got = lex_unescape_string(&fx->arena, lit, sizeof lit - 1);
  assert_non_null(got);
  assert_string_equal(got, "us-west-2\xC0\x80x");
}

static void
unescape_string_should_read_an_unterminated_string_to_the_end(void **state) {
  LexFixture *fx = *state;
  char *got = lex_unescape_string(&fx->arena, "'abc", 4);
  assert_non_null(got);
  assert_string_equal(got, "abc");
  got = lex_unescape_string(&fx->arena, "\"", 1);
  assert_non_null(got);
  assert_string_equal(got, "");
}

/* ------------------------------------------------------------ lex_ident_text */

static void ident_text_should_remove_every_backquote(void **state) {
  LexFixture *fx = *state;
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"`abc`", "abc"},
      {"`a``b`", "ab"},
      {"`a````b`", "ab"},
      {"````", ""},
      {"`a b`", "a b"},
      {"abc", "abc"},
      {"`caf\xc3\xa9`", "caf\xc3\xa9"},
  };
  for (size_t i = 0; i < COUNT(cases); i++) {
    char *got = lex_ident_text(&fx->arena, cases[i].in, strlen(cases[i].in));
    assert_non_null(got);
    if (strcmp(got, cases[i].out) != 0)
      print_message("lex_ident_text(%s) = %s, expected %s\n", cases[i].in, got,
                    cases[i].out);
    assert_string_equal(got, cases[i].out);
  }
}

/* ---------------------------------------------------------- source_pos */

typedef struct PosCase {
  const char *name;
  const char *text;
  uint32_t base_line, base_col;
  uint64_t base_offset;
  size_t off;
  uint32_t line, column;
} PosCase;

static const PosCase pos_cases[] = {
    {"first byte", "abc", 1, 1, 0, 0, 1, 1},
    {"third byte", "abc", 1, 1, 0, 2, 1, 3},
    {"end of text", "abc", 1, 1, 0, 3, 1, 4},
    {"after LF", "ab\ncd", 1, 1, 0, 3, 2, 1},
    {"second byte of line 2", "ab\ncd", 1, 1, 0, 4, 2, 2},
    {"the LF itself", "ab\ncd", 1, 1, 0, 2, 1, 3},
    {"the CR of CRLF", "a\r\nb", 1, 1, 0, 1, 1, 2},
    {"after CRLF", "a\r\nb", 1, 1, 0, 3, 2, 1},
    {"two CRLF lines", "a\r\n\r\nb", 1, 1, 0, 5, 3, 1},
    {"empty lines", "a\n\n\nb", 1, 1, 0, 4, 4, 1},
    {"tabs count one", "\t\tx", 1, 1, 0, 2, 1, 3},
    {"two-byte character", "\xc3\xa9x", 1, 1, 0, 2, 1, 2},
    {"three-byte character",
     "\xe2\x82\xac"
     "x",
     1, 1, 0, 3, 1, 2},
    {"four-byte character", "\xf0\x9f\x98\x80x", 1, 1, 0, 4, 1, 2},
    {"mixed characters", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x", 1, 1, 0, 9, 1,
     4},
    {"U+3000 counts one", "\xe3\x80\x80x", 1, 1, 0, 3, 1, 2},
    {"invalid lead bytes count one each", "\xff\xfex", 1, 1, 0, 2, 1, 3},
    {"characters on line 2 only", "\xc3\xa9\n\xc3\xa9x", 1, 1, 0, 5, 2, 2},
    {"base column on the first line", "ab\ncd", 7, 10, 100, 1, 7, 11},
    {"base column reset after LF", "ab\ncd", 7, 10, 100, 4, 8, 2},
};

static void source_pos_should_count_lines_and_characters(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < COUNT(pos_cases); i++) {
    const PosCase *pc = &pos_cases[i];
    Chunk c = {.text = pc->text,
               .len = strlen(pc->text),
               .base_offset = pc->base_offset,
               .base_line = pc->base_line,
               .base_col = pc->base_col};
    pc_pos p = source_pos(&c, pc->off);
    if (p.line != pc->line || p.column != pc->column ||
        p.offset != pc->base_offset + pc->off) {
      print_message("[%s] offset %zu -> %u:%u (offset %llu), expected %u:%u "
                    "(offset %llu)\n",
                    pc->name, pc->off, p.line, p.column,
                    (unsigned long long)p.offset, pc->line, pc->column,
                    (unsigned long long)(pc->base_offset + pc->off));
      bad++;
    }
  }
  assert_int_equal(bad, 0);
}

static void
source_pos_should_place_tokens_after_multiline_strings(void **state) {
  LexFixture *fx = *state;
  /* a CR LF, then a string over two lines, a tab and an identifier. */
  static const char text[] = "a\r\n 'b\nc'\ty";
  lex_text(fx, text, sizeof text - 1);
  assert_int_equal(fx->lex.toks.len, 4);
  pc_pos s = source_pos(&fx->chunk, tok_at(fx, 1)->off);
  assert_int_equal(tok_at(fx, 1)->kind, TK_STRING);
  assert_int_equal(s.line, 2);
  assert_int_equal(s.column, 2);
  pc_pos y = source_pos(&fx->chunk, tok_at(fx, 2)->off);
  assert_int_equal(y.line, 3);
  assert_int_equal(y.column, 4);
  assert_int_equal(y.offset, 10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)
      T(lexer_should_keep_doubled_quotes_in_single_quoted_strings),
      T(lexer_should_read_strings_as_starrocks_does),
      T(lexer_should_read_identifiers_and_punctuation),
      T(lexer_should_record_comments_hashes_and_skip_whitespace),
      T(lexer_should_start_at_the_statement_not_the_line),
      T(lexer_should_record_an_empty_statement_as_just_eof),
      T(tok_is_word_should_match_identifiers_ignoring_case),
      T(unescape_string_should_follow_starrocks_string_rules),
      T(unescape_string_should_keep_a_raw_nul_byte),
      T(string_text_should_match_unescape_string),
      T(unescape_string_should_read_an_unterminated_string_to_the_end),
      T(ident_text_should_remove_every_backquote),
      T(source_pos_should_count_lines_and_characters),
      T(source_pos_should_place_tokens_after_multiline_strings),
#undef T
  };
  return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
