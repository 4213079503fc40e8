/*
 * parse_quotes.c - typographic quotes (U+201C/U+201D, U+2018/U+2019)
 * copied from a web page into a property list.  StarRocks' lexer reads
 * them as letters of an identifier (any character from U+0080 is one), so
 * it rejects the statement.  Here a run of tokens between such quotes is
 * read as the string it was meant to be, and the list gets one finding,
 * with a safe fix (straight quotes) when no secret is in its span.
 * Outside a list (a LOAD path, a repository location, an EXPORT or OUTFILE
 * path, a COMMENT) each such string gets the same finding, and the
 * statement is read on with the string it meant.
 */
#include <string.h>

#include "parse.h"

/* 1 for an opening or closing typographic quote at s (3 bytes of UTF-8):
   U+2018, U+2019, U+201C or U+201D. */
static int curly_at(const char *s, size_t n) {
  return n >= 3 && (unsigned char)s[0] == 0xE2 &&
         (unsigned char)s[1] == 0x80 &&
         ((unsigned char)s[2] == 0x98 || (unsigned char)s[2] == 0x99 ||
          (unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9D);
}

/* The end (offset after its closing quote) of a run of tokens from the
   current one that is a typographic-quoted string on one line, or 0. */
static uint32_t curly_end(Parser *p) {
  Token *t = peek(p);
  const char *s = p->c->text;
  if (t->kind != TK_IDENT || !curly_at(s + t->off, t->len))
    return 0;
  for (size_t k = t->off + 3; k < p->c->len && s[k] != '\n'; k++)
    if (curly_at(s + k, p->c->len - k)) {
      uint32_t end = (uint32_t)k + 3;
      for (size_t i = p->pos; i < p->ntoks; i++) {
        const Token *x = &p->toks[i];
        if (x->off + x->len == end)
          return end;
        if (x->off + x->len > end || x->kind == TK_EOF)
          return 0; /* the closing quote is inside a token: not sure */
      }
      return 0;
    }
  return 0;
}

int parse_curly_string(Parser *p, int is_key, const char **text,
                       uint32_t *off, uint32_t *len) {
  uint32_t end = curly_end(p);
  if (!end)
    return 0;
  uint32_t from = peek(p)->off;
  while (peek(p)->off < end) {
    peek(p)->hidden = !is_key;
    advance(p);
  }
  *text = arena_strndup(p->u->scratch, p->c->text + from + 3, end - from - 6);
  /* a straight quote or a backslash inside: straight quotes would not
     read back as the same string */
  if (*text && strpbrk(*text, "\"'\\"))
    p->curly_unsure = 1;
  *off = from;
  *len = end - from;
  if (!p->curly_to)
    p->curly_from = from;
  p->curly_to = end;
  return *text != NULL;
}

/* The span's text with straight quotes (scratch arena), or NULL. */
static char *straighten(Parser *p, uint32_t from, uint32_t to) {
  const char *s = p->c->text;
  Buf b = {0};
  int ok = 1;
  for (uint32_t k = from; ok && k < to; k++) {
    if (curly_at(s + k, to - k)) {
      char q = (unsigned char)s[k + 2] >= 0x9C ? '"' : '\'';
      ok = buf_append(&b, &q, 1) == 0;
      k += 2;
    } else {
      ok = buf_append(&b, s + k, 1) == 0;
    }
  }
  char *out = ok && b.data ? arena_strndup(p->u->scratch, b.data, b.len) : NULL;
  buf_release(&b);
  return out;
}

/* Would the fix over [from, to) show a value that is not known to be
   harmless (a secret, an unknown key's value)? */
static int span_has_secret(const PropList *l, uint32_t from, uint32_t to) {
  for (size_t i = 0; i < l->n; i++) {
    const Prop *pr = &l->v[i];
    int inside = pr->val_off >= from && pr->val_off < to;
    if (inside && !(pr->spec && !(pr->spec->flags & KF_SECRET)))
      return 1;
  }
  return 0;
}

void parse_curly_report(Parser *p, const PropList *l) {
  if (!p->curly_to)
    return;
  uint32_t from = p->curly_from, to = p->curly_to;
  int unsure = p->curly_unsure;
  p->curly_from = p->curly_to = 0;
  p->curly_unsure = 0;
  if (p->t)
    p->t->syntax_error = 1;
  diag_unit(p->u, p->t, R_SYNTAX_ERROR, from, 3, NULL,
            "typographic quotes (\xE2\x80\x9C \xE2\x80\x9D) are not string "
            "quotes: StarRocks reads them as letters of a name and rejects "
            "the statement; write straight quotes (\" or ')");
  if (unsure || span_has_secret(l, from, to))
    return; /* the fix would show a secret, or change a string */
  char *fixed = straighten(p, from, to);
  if (fixed)
    diag_unit_fix(p->u, from, to - from, fixed, "write straight quotes");
}


int parse_curly_starts(const Parser *p, const Token *t) {
  return t->kind == TK_IDENT && curly_at(p->c->text + t->off, t->len);
}

/* The finding of a typographic-quoted string outside a property list.  A
   string that may hold URI user-info (user:secret@host) stays hidden and
   gets no fix. */
static void curly_outside(Parser *p, const char *text) {
  PropList none = {0};
  if (!text || memchr(text, '@', strlen(text))) {
    p->curly_unsure = 1;
    for (size_t i = 0; i < p->pos; i++)
      if (p->toks[i].off >= p->curly_from && p->toks[i].off < p->curly_to)
        p->toks[i].hidden = 1;
  }
  parse_curly_report(p, &none);
}

int parse_curly_text(Parser *p, const char **text, uint32_t *off,
                     uint32_t *len) {
  if (p->in_props || !parse_curly_string(p, 1, text, off, len))
    return 0;
  curly_outside(p, *text);
  return 1;
}

