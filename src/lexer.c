/*
 * lexer.c - StarRocks tokens for one statement (StarRocks fe-grammar
 * StarRocksLex.g4; strings unescaped as AstBuilder does).
 *
 * Tokens are slices of the chunk text, never copies.  Keywords are not a
 * token kind: StarRocks' keywords are case-insensitive and most are
 * non-reserved, so the parser matches identifiers against words as it goes.
 *
 * Comments ("--" to end of line with no space needed, block comments) are
 * skipped but recorded.  '#' is not a comment in StarRocks (its lexer has no
 * rule for it, skips it and reads on), so it is recorded as an error and the
 * rest of its line is read as the comment it was meant to be.  An unterminated
 * string, backquoted identifier or block comment can only happen at the end
 * of the input (the splitter keeps reading until it closes), and runs to it.
 */
#include <string.h>

#include "pc_internal.h"
#include "template.h"

/* The table, row by row (0x00-0x0F, 0x10-0x1F, ...).  A NUL byte outside
   quotes is a blank, so that a statement after one is still read and
   checked instead of being lost as junk. */
/* clang-format off */
#define S(k) (1u << (k))
#define SP {LC_SPACE, 0, S(K_BLANK)}
#define NL {LC_SPACE, 0, S(K_BLANK) | S(K_NL)}
#define AL {LC_ALPHA, LC_IDENT, 0}
#define AN {LC_ALPHA, LC_IDENT | LC_ANCHOR, 0} /* f F x X p P */
#define DG {LC_DIGIT, LC_IDENT, 0}
#define SQ {LC_QUOTE, 0, S(K_NORMAL) | S(K_SQ)}
#define DQ {LC_QUOTE, 0, S(K_NORMAL) | S(K_DQ)}
#define BQ {LC_BQUOTE, 0, S(K_NORMAL) | S(K_BQ)}
#define MI {LC_MINUS, 0, S(K_NORMAL)}
#define SL {LC_SLASH, 0, S(K_NORMAL)}
#define SC {LC_OTHER, 0, S(K_NORMAL)}             /* ; */
#define ST {LC_OTHER, 0, S(K_STAR)}               /* * */
#define BS {LC_OTHER, 0, S(K_SQ) | S(K_DQ)}       /* backslash */
#define HA {LC_HASH, LC_ANCHOR, S(K_JINJA)}
#define PC {LC_OTHER, 0, S(K_JINJA)}              /* % */
#define LB {LC_OTHER, 0, S(K_NORMAL)}             /* { */
#define OT {LC_OTHER, 0, 0}
const LexClass lex_class[256] = {
    /* 0_ */ SP, OT, OT, OT, OT, OT, OT, OT, OT, SP, NL, OT, OT, SP, OT, OT,
    /* 1_ */ OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT,
    /* 2_ */ SP, OT, DQ, HA, AL, PC, OT, SQ, OT, OT, ST, OT, OT, MI, OT, SL,
    /* 3_ */ DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, OT, SC, OT, OT, OT, OT,
    /* 4_ */ OT, AL, AL, AL, AL, AL, AN, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* 5_ */ AN, AL, AL, AL, AL, AL, AL, AL, AN, AL, AL, OT, BS, OT, OT, AL,
    /* 6_ */ BQ, AL, AL, AL, AL, AL, AN, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* 7_ */ AN, AL, AL, AL, AL, AL, AL, AL, AN, AL, AL, LB, OT, OT, OT, OT,
    /* 8_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* 9_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* A_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* B_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* C_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* D_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* E_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
    /* F_ */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
};
/* clang-format on */
#undef S
#undef SP
#undef NL
#undef AL
#undef AN
#undef DG
#undef SQ
#undef DQ
#undef BQ
#undef MI
#undef SL
#undef SC
#undef ST
#undef BS
#undef HA
#undef PC
#undef LB
#undef OT

static unsigned char char_class(unsigned char c) { return lex_class[c].kind; }

static int push_tok(Lexed *out, TokenKind k, size_t off, size_t len, int *oom) {
  Token *t = vec_push(&out->toks, sizeof(Token), oom);
  if (!t)
    return -1;
  t->kind = (uint8_t)k;
  t->off = (uint32_t)off;
  t->len = (uint32_t)len;
  return 0;
}

static int push_err(Lexed *out, LexErrKind k, size_t off, int *oom) {
  LexErr *e = vec_push(&out->errs, sizeof(LexErr), oom);
  if (!e)
    return -1;
  e->kind = k;
  e->off = (uint32_t)off;
  return 0;
}

static int push_comment(Lexed *out, size_t off, size_t len, int *oom) {
  Comment *c = vec_push(&out->comments, sizeof(Comment), oom);
  if (!c)
    return -1;
  c->off = (uint32_t)off;
  c->len = (uint32_t)len;
  return 0;
}

/* Length of a quoted string starting at p[0] (a quote), or 0 when it does
   not end before n (then it runs to the end).  *plain says whether it
   ends with no backslash and no doubled quote inside. */
static size_t string_len(const char *p, size_t n, int *plain) {
  char q = p[0];
  *plain = 1;
  for (size_t i = 1; i < n; i++) {
    /* jump to the next quote or backslash */
    const char *e = memchr(p + i, q, n - i);
    size_t end = e ? (size_t)(e - p) : n;
    const char *b = memchr(p + i, '\\', end - i);
    i = b ? (size_t)(b - p) : end;
    if (i >= n)
      break;
    if (p[i] == '\\')
      i++;
    else if (i + 1 < n && p[i + 1] == q)
      i++; /* a doubled quote stays inside */
    else
      return i + 1;
    *plain = 0; /* an escape or a doubled quote inside */
  }
  *plain = 0;
  return 0;
}

/* Length of a block comment starting at p[0] (a slash-star), or 0 when it
   does not end before n (then it runs to the end). */
static size_t comment_len(const char *p, size_t n) {
  size_t j = 2;
  while (j + 1 < n && !(p[j] == '*' && p[j + 1] == '/'))
    j++;
  return j + 1 < n ? j + 2 : 0;
}

/* Length of a backquoted name starting at p[0] (a backquote), or 0 when it
   does not end before n (then it runs to the end).  A doubled backquote
   stays inside. */
static size_t bquote_len(const char *p, size_t n) {
  size_t j = 1;
  for (;;) {
    const char *e = j < n ? memchr(p + j, '`', n - j) : NULL;
    if (!e)
      return 0;
    j = (size_t)(e - p) + 1;
    if (j < n && p[j] == '`')
      j++;
    else
      return j;
  }
}

/* Length of a number starting at p[0] (a digit): digits, then "." and
   digits.  When letters follow (1abc, 1e5) they belong to it and *kind is
   TK_IDENT, else TK_NUMBER. */
static size_t number_len(const char *p, size_t n, TokenKind *kind) {
  size_t i = 0;
  while (i < n && p[i] >= '0' && p[i] <= '9')
    i++;
  if (i + 1 < n && p[i] == '.' && p[i + 1] >= '0' && p[i + 1] <= '9') {
    i++;
    while (i < n && p[i] >= '0' && p[i] <= '9')
      i++;
  }
  *kind = TK_NUMBER;
  if (i < n && lex_is_ident((unsigned char)p[i])) {
    *kind = TK_IDENT;
    while (i < n && lex_is_ident((unsigned char)p[i]))
      i++;
  }
  return i;
}

/* The end of an identifier whose first byte is at s[i]: identifier bytes
   and the template variables glued to them (label_${uuid0}, {{ db }}_x);
   *tmpl is set when it holds one.  A template's first byte may start it. */
static size_t ident_end(const char *s, size_t i, size_t n, int *tmpl) {
  for (;;) {
    while (i < n && lex_is_ident((unsigned char)s[i]) &&
           !lex_is_wide_space(s + i, n - i))
      i++;
    if (i > 0 && i < n && s[i] == '{' && s[i - 1] == '$')
      i--; /* '$' is an identifier byte: ${ starts a variable */
    TemplateKind k = TPL_NONE;
    size_t len = i < n && template_may_start((unsigned char)s[i])
                     ? template_at(s + i, n - i, &k)
                     : 0;
    if (!len || k != TPL_VAR)
      return i;
    *tmpl = 1;
    i += len;
  }
}

/* A template construct at s[i] (template.h), outside strings: a Jinja block
   is skipped like a comment, and so is a {{ call(...) }} before the first
   token (dbt's {{ config(...) }}; a {{ name }} there is a word); a variable or <name> is one identifier token,
   with the identifier bytes glued to it.  Returns the offset after it, or
   i when none starts there; -1 on OOM. */
static long lex_template(const char *s, size_t i, size_t n, Lexed *out,
                         int *oom) {
  TemplateKind k;
  size_t len = template_at(s + i, n - i, &k);
  if (!len && s[i] == '{' && i + 1 < n && (s[i + 1] == '#' || s[i + 1] == '%')) {
    /* a Jinja block that never closes: the splitter read it as a comment
       to the end of the input (split.c) */
    if (push_err(out, LE_UNTERMINATED_COMMENT, i, oom) ||
        push_comment(out, i, n - i, oom))
      return -1;
    return (long)n;
  }
  if (!len)
    return (long)i;
  if (k == TPL_VAR && s[i] == '{' && template_open_quote(s + i, len) &&
      push_err(out, LE_JINJA_QUOTE, i, oom))
    return -1;
  if (k == TPL_BLOCK ||
      (out->toks.len == 0 && s[i] == '{' && template_is_call(s + i, len)))
    return (long)(i + len);
  int tmpl = 1;
  size_t end = k == TPL_VAR ? ident_end(s, i + len, n, &tmpl) : i + len;
  if (push_tok(out, TK_IDENT, i, end - i, oom))
    return -1;
  VEC_AT(&out->toks, Token, out->toks.len - 1)->tmpl = 1;
  return (long)end;
}

/* Before the statement's first token, at the start of a line: a line of
   StarRocks' SQL test runner (shell: ..., function: ..., [UC]; template.h)
   is not SQL: the offset after it, or i. */
static size_t skip_directive(const Chunk *c, size_t i, const Lexed *out) {
  if (out->toks.len)
    return i;
  size_t k = i;
  while (k > 0 && (c->text[k - 1] == ' ' || c->text[k - 1] == '\t'))
    k--;
  if (k > 0 && c->text[k - 1] != '\n')
    return i;
  return i + template_directive_len(c->text + i, c->len - i);
}

int lex_chunk(const Chunk *c, Lexed *out, int *oom) {
  const char *s = c->text;
  size_t n = c->len;
  size_t i = c->stmt_start;
  while (i < n) {
    unsigned char ch = (unsigned char)s[i];
    size_t start = i;
    if ((ch == 's' || ch == 'f' || ch == '[' || ch == '-') &&
        (i = skip_directive(c, i, out)) != start)
      continue;
    switch (char_class(ch)) {
    case LC_SPACE:
      while (++i < n && char_class((unsigned char)s[i]) == LC_SPACE)
        ;
      continue;
    case LC_MINUS:
      if (i + 1 < n && s[i + 1] == '-') {
        const char *nl = memchr(s + i, '\n', n - i);
        i = nl ? (size_t)(nl - s) : n;
        if (push_comment(out, start, i - start, oom))
          return -1;
        continue;
      }
      i++;
      if (push_tok(out, TK_PUNCT, start, 1, oom))
        return -1;
      continue;
    case LC_SLASH:
      if (i + 1 < n && s[i + 1] == '*') {
        size_t len = comment_len(s + i, n - i);
        i = len ? i + len : n;
        if (!len && push_err(out, LE_UNTERMINATED_COMMENT, start, oom))
          return -1;
        if (push_comment(out, start, i - start, oom))
          return -1;
        continue;
      }
      i++;
      if (push_tok(out, TK_PUNCT, start, 1, oom))
        return -1;
      continue;
    case LC_QUOTE: {
      int plain;
      size_t len = string_len(s + i, n - i, &plain);
      i = len ? i + len : n;
      if (!len &&
          push_err(out, ch == '\'' ? LE_UNTERMINATED_SQ : LE_UNTERMINATED_DQ,
                   start, oom))
        return -1;
      if (push_tok(out, TK_STRING, start, i - start, oom))
        return -1;
      Token *t = VEC_AT(&out->toks, Token, out->toks.len - 1);
      t->open = (uint8_t)!len;
      t->plain = (uint8_t)plain;
      continue;
    }
    case LC_BQUOTE: {
      size_t len = bquote_len(s + i, n - i);
      i = len ? i + len : n;
      if (!len && push_err(out, LE_UNTERMINATED_BQ, start, oom))
        return -1;
      if (push_tok(out, TK_QIDENT, start, i - start, oom))
        return -1;
      VEC_AT(&out->toks, Token, out->toks.len - 1)->open = (uint8_t)!len;
      continue;
    }
    case LC_HASH: {
      /* StarRocks' lexer skips the '#' (ANTLR's token recognition error,
         printed, not raised) and reads the rest of the line as SQL, which
         then fails: reported, and read here as the MySQL comment it was
         meant to be, so that the statement's lists are still checked.  A
         '#' with nothing after it on its line is skipped and harmless. */
      const char *nl = memchr(s + i, '\n', n - i);
      size_t end = nl ? (size_t)(nl - s) : n, k = i + 1;
      if (end == n && s[n - 1] == ';')
        end--; /* the ';' the splitter ended the statement at */
      while (k < end && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
        k++;
      if (k < end && (push_err(out, LE_HASH, start, oom) ||
                      push_comment(out, start, end - start, oom)))
        return -1;
      i = k < end ? end : i + 1;
      continue;
    }
    case LC_DIGIT: {
      TokenKind k;
      i += number_len(s + i, n - i, &k);
      if (push_tok(out, k, start, i - start, oom))
        return -1;
      continue;
    }
    case LC_ALPHA:
      if (lex_is_wide_space(s + i, n - i)) {
        i += 3;
        continue;
      }
    {
      int tmpl = 0;
      i = ident_end(s, i, n, &tmpl);
      if (i == start)
        i++; /* a "${" that closes nowhere: '$' alone */
      if (push_tok(out, TK_IDENT, start, i - start, oom))
        return -1;
      VEC_AT(&out->toks, Token, out->toks.len - 1)->tmpl = (uint8_t)tmpl;
      continue;
    }
    default:
      if (template_may_start(ch)) {
        long e = lex_template(s, i, n, out, oom);
        if (e < 0)
          return -1;
        if (e > (long)i) {
          i = (size_t)e;
          continue;
        }
      }
      i++;
      if (push_tok(out, TK_PUNCT, start, 1, oom))
        return -1;
      continue;
    }
  }
  return push_tok(out, TK_EOF, n, 0, oom);
}

void lex_comment_text(const Chunk *c, const Comment *cm, const char **s,
                      const char **end) {
  const char *p = c->text + cm->off;
  const char *e = p + cm->len;
  int block = p[0] == '/';
  p += p[0] == '#' ? 1 : 2; /* "--", slash-star or '#' */
  if (block && e - p >= 2 && e[-2] == '*' && e[-1] == '/')
    e -= 2;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
    e--;
  while (p < e && (*p == ' ' || *p == '\t'))
    p++;
  *s = p;
  *end = e;
}

void lex_release(Lexed *l) {
  vec_release(&l->toks);
  vec_release(&l->errs);
  vec_release(&l->comments);
}

int lex_tok_is_word(const Chunk *c, const Token *t, const char *word) {
  if (t->kind != TK_IDENT)
    return 0;
  const char *s = c->text + t->off;
  size_t i = 0;
  for (; word[i]; i++) { /* ends at the word's end or the token's */
    int a = i < t->len ? ascii_upper((unsigned char)s[i]) : '\0';
    if (a != word[i])
      return 0;
  }
  return i == t->len;
}

/* Backslash escapes that StarRocks turns into control characters. */
static const char escape_from[] = {'n', 't', 'r', 'b', '0', 'Z'};
static const char escape_to[] = {'\n', '\t', '\r', '\b', '\0', 0x1A};

/* U+0000 in Java's modified UTF-8. */
#define NUL_LEAD ((char)0xC0)
#define NUL_TRAIL ((char)0x80)

/* StarRocks' string value: (1) drop the quotes, (2) a doubled quote of the
   same kind becomes one, (3) backslash escapes left to right.  A NUL
   character (written \0, or a raw NUL byte) becomes the two bytes C0 80, as
   in Java's modified UTF-8, so that the value stays one C string of the
   right length in characters instead of ending there. */
char *lex_unescape_string(Arena *a, const char *s, size_t len) {
  char q = s[0];
  const char *body = s + 1;
  size_t n = len >= 2 && s[len - 1] == q ? len - 2 : len - 1;
  if (!memchr(body, '\\', n) && !memchr(body, q, n) && strnlen(body, n) == n)
    return arena_strndup(a, body, n); /* nothing to undo: most values */
  char *tmp = arena_alloc(a, n + 1);
  char *out = arena_alloc(a, 2 * n + 1);
  if (!tmp || !out)
    return NULL;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    tmp[m++] = body[i];
    if (body[i] == q && i + 1 < n && body[i + 1] == q)
      i++;
  }
  size_t k = 0;
  for (size_t i = 0; i < m; i++) {
    char ch = tmp[i];
    if (ch != '\\' || i + 1 == m) {
      if (ch == '\0') {
        out[k++] = NUL_LEAD;
        out[k++] = NUL_TRAIL;
      } else {
        out[k++] = ch;
      }
      continue;
    }
    char e = tmp[++i];
    const char *hit = memchr(escape_from, e, sizeof escape_from);
    if (hit && escape_to[hit - escape_from] == '\0') {
      out[k++] = NUL_LEAD;
      out[k++] = NUL_TRAIL;
    } else if (hit) {
      out[k++] = escape_to[hit - escape_from];
    } else if (e == '_' || e == '%') { /* kept for LIKE patterns */
      out[k++] = '\\';
      out[k++] = e;
    } else {
      out[k++] = e;
    }
  }
  out[k] = '\0';
  return out;
}

/* lex_unescape_string for string token t of chunk c.  The lexer has already
   seen whether the string holds a backslash or a doubled quote (plain), so
   only a NUL byte is left to look for. */
char *lex_string_text(Arena *a, const Chunk *c, const Token *t) {
  const char *s = c->text + t->off;
  /* nothing to undo unless there is a NUL byte: most values */
  if (t->plain && t->len >= 2 && !memchr(s + 1, '\0', t->len - 2))
    return arena_strndup(a, s + 1, t->len - 2);
  return lex_unescape_string(a, s, t->len);
}

char *lex_ident_text(Arena *a, const char *s, size_t len) {
  char *out = arena_alloc(a, len + 1);
  if (!out)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len; i++)
    if (s[0] != '`' || s[i] != '`')
      out[k++] = s[i];
  out[k] = '\0';
  return out;
}
