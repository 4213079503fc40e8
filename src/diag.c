/*
 * diag.c - findings with masked source lines.
 *
 * When a finding is made, the line it points at is copied with every hidden
 * token (the values of credentials and of keys propcheck does not know)
 * replaced by ***, so that no output format can show a secret, whatever the
 * finding.  The rules themselves are in rules.c.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

/* ---- Text safe to show ---- */

static int is_bidi3(const unsigned char *p) {
  return p[0] == 0xE2 &&
         ((p[1] == 0x80 && ((p[2] >= 0xAA && p[2] <= 0xAE) || p[2] == 0x8E ||
                            p[2] == 0x8F)) ||
          (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9));
}

void diag_scrub(char *s, size_t n, int keep_tab) {
  unsigned char *p = (unsigned char *)s, *e = p + n;
  for (; p < e; p++) {
    if ((*p < 0x20 && !(keep_tab && *p == '\t')) || *p == 0x7F) {
      *p = '?';
    } else if (p + 1 < e && ((p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
                             (p[0] == 0xD8 && p[1] == 0x9C))) {
      p[0] = 0xC2, p[1] = 0xBF; /* inverted question mark: 2 bytes, 1 column */
      p++;
    } else if (p + 2 < e && is_bidi3(p)) {
      p[0] = 0xEF, p[1] = 0xBF, p[2] = 0xBD; /* U+FFFD: 3 bytes, 1 column */
      p += 2;
    }
  }
}

/* ---- URI user-info ---- */

/* A byte that ends a URI's authority (or the URI) for diag_uri_userinfo. */
static int uri_stop(unsigned char ch) {
  return ch <= ' ' || ch == 0x7F || strchr("\"'`\\?#,;()<>", ch) != NULL;
}

int diag_uri_userinfo(const char *s, size_t n, size_t *a, size_t *b) {
  for (size_t i = 0; i + 3 <= n; i++) {
    if (s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/')
      continue;
    size_t st = i + 3, slash = 0, colon = 0, j;
    for (j = st; j < n && !uri_stop((unsigned char)s[j]) && s[j] != '@'; j++) {
      if (s[j] == '/' && !slash)
        slash = j + 1;
      if (s[j] == ':' && !colon)
        colon = j + 1;
    }
    if (j < n && s[j] == '@' && j > st &&
        (!slash || (colon && colon < slash))) {
      *a = st;
      *b = j;
      return 1;
    }
    i = j > i ? j - 1 : i;
  }
  return 0;
}

const char *diag_uri_redact(Arena *a, const char *s) {
  size_t n = strlen(s), ua, ub;
  if (!diag_uri_userinfo(s, n, &ua, &ub))
    return s;
  Buf b = {0};
  size_t i = 0;
  int rc = 0;
  while (rc == 0 && diag_uri_userinfo(s + i, n - i, &ua, &ub)) {
    rc = buf_append(&b, s + i, ua) || buf_append(&b, "***", 3);
    i += ub;
  }
  if (rc == 0)
    rc = buf_append(&b, s + i, n - i);
  const char *out = rc ? NULL : arena_strndup(a, b.data, b.len);
  buf_release(&b);
  return out;
}

/* ---- Masked source lines ---- */

enum { LINE_MAX_COLS = 160, LINE_CONTEXT = 60 };

/* Index of the first token that ends after off (tokens sorted by offset). */
static size_t first_tok_after(const DiagSrc *src, size_t off) {
  size_t lo = 0, hi = src->ntoks;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const Token *t = &src->toks[mid];
    if ((size_t)t->off + t->len <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The same for comments. */
static size_t first_comment_after(const DiagSrc *src, size_t off) {
  size_t lo = 0, hi = src->ncomments;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const Comment *c = &src->comments[mid];
    if ((size_t)c->off + c->len <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* SQL words a broken statement still shows: they are grammar, not values. */
static const char *const shown_words[] = {
    "ALTER",   "AS",        "BROKER",      "BY",         "CATALOG",
    "COMMENT", "CONNECTION", "CREATE",     "CREDENTIALS", "DATA",
    "ENGINE",  "EXISTS",    "EXTERNAL",    "FILES",      "FROM",
    "IF",      "INFILE",    "INSERT",      "INTO",       "LABEL",
    "LOAD",    "LOCATIONS", "NOT",         "PROPERTIES", "REPOSITORY",
    "SELECT",  "SET",       "STAGE",       "STORAGE",    "TABLE",
    "TYPE",    "URL",       "VOLUME",      "WHERE",      "WITH",
    NULL};

static int shown_word(const Chunk *c, const Token *t) {
  for (size_t k = 0; shown_words[k]; k++)
    if (strlen(shown_words[k]) == t->len &&
        strncasecmp(c->text + t->off, shown_words[k], t->len) == 0)
      return 1;
  return 0;
}

/* A propcheck directive ("-- propcheck: ...", "-- expect...") is shown: it
   is written for propcheck, and its findings point into it. */
static int directive_comment(const Chunk *c, const Comment *cm) {
  const char *s = c->text + cm->off + 2, *e = c->text + cm->off + cm->len;
  while (s < e && (*s == ' ' || *s == '\t'))
    s++;
  size_t n = (size_t)(e - s);
  return (n >= 10 && memcmp(s, "propcheck:", 10) == 0) ||
         (n >= 6 && memcmp(s, "expect", 6) == 0);
}

static int punct_is(const DiagSrc *src, const Token *t, char ch) {
  return t->kind == TK_PUNCT && src->chunk->text[t->off] == ch;
}

/* A string where a key stands in a property list ('(' or ',' before it, '='
   after it) holding only a key's characters: a broken statement still shows
   it.  (A stray quote turns the text between strings into strings, but those
   stand between names and values, never there.) */
static int key_in_place(const DiagSrc *src, const Token *t) {
  size_t i = (size_t)(t - src->toks);
  if (i == 0 || i + 1 >= src->ntoks || t->open || t->len < 3)
    return 0;
  if (!(punct_is(src, t - 1, '(') || punct_is(src, t - 1, ',')) ||
      !punct_is(src, t + 1, '='))
    return 0;
  const char *s = src->chunk->text + t->off;
  for (size_t k = 1; k + 1 < t->len; k++)
    if (!(isalnum((unsigned char)s[k]) || strchr("._-", s[k])))
      return 0;
  return s[t->len - 1] == s[0];
}

/* The token is shown as *** in this statement's lines. */
int diag_tok_masked(const DiagSrc *src, const Token *t) {
  if (t->hidden)
    return 1;
  if (!src->hide_all || t->kind == TK_PUNCT || t->kind == TK_EOF)
    return 0;
  if (t->kind == TK_STRING)
    return !key_in_place(src, t);
  return t->kind != TK_IDENT || !shown_word(src->chunk, t);
}

/* A part of a line shown as pre *** post: a masked token, a comment, or a
   URI's user-info. */
typedef struct Span {
  size_t a, b;
  const char *pre, *post;
} Span;

/* Where the walk over a line's tokens and comments is. */
typedef struct SpanWalk {
  const DiagSrc *src;
  size_t k, kc; /* next token, next comment */
  size_t in_tok; /* bytes of toks[k] already searched for user-info */
  char quote[2];
} SpanWalk;

/* The next masked token (1), or user-info inside a shown one (2), starting
   before le; 0 when none. */
static int next_tok_span(SpanWalk *w, size_t ls, size_t le, Span *sp) {
  const DiagSrc *src = w->src;
  const char *s = src->chunk->text;
  for (; w->k < src->ntoks; w->k++, w->in_tok = 0) {
    const Token *t = &src->toks[w->k];
    if (t->kind == TK_EOF || t->off >= le)
      return 0;
    size_t tend = (size_t)t->off + t->len;
    if (diag_tok_masked(src, t)) {
      int quoted = t->kind == TK_STRING && t->off >= ls;
      w->quote[0] = s[t->off];
      sp->a = t->off;
      sp->b = tend;
      sp->pre = quoted ? w->quote : "";
      sp->post = quoted && tend <= le && t->len >= 2 && s[tend - 1] == s[t->off]
                     ? w->quote
                     : "";
      return 1;
    }
    size_t from = t->off + w->in_tok, ua, ub;
    if (t->kind != TK_PUNCT && from < tend &&
        diag_uri_userinfo(s + from, tend - from, &ua, &ub)) {
      sp->a = from + ua;
      sp->b = from + ub;
      sp->pre = sp->post = "";
      return 2;
    }
  }
  return 0;
}

/* The next comment starting before le; 0 when none.  Its text is never
   shown: it may hold a commented-out credential. */
static int next_comment_span(SpanWalk *w, size_t ls, size_t le, Span *sp) {
  const DiagSrc *src = w->src;
  while (w->kc < src->ncomments && src->comments[w->kc].off < le &&
         directive_comment(src->chunk, &src->comments[w->kc]))
    w->kc++;
  if (w->kc >= src->ncomments || src->comments[w->kc].off >= le)
    return 0;
  const Comment *c = &src->comments[w->kc];
  const char *s = src->chunk->text;
  size_t end = (size_t)c->off + c->len;
  int block = s[c->off] == '/';
  sp->a = c->off;
  sp->b = end;
  sp->pre = c->off < ls                 ? ""
            : block                     ? "/* "
            : s[c->off] == '#'          ? "# " /* hash-comment shows it */
                                        : "-- ";
  sp->post = block && end <= le && c->len >= 4 && s[end - 1] == '/' &&
                     s[end - 2] == '*'
                 ? " */"
                 : "";
  return 1;
}

/* The next span of the line at or after the walk's position, the earlier of
   the next token's and the next comment's (they never overlap). */
static int next_span(SpanWalk *w, size_t ls, size_t le, Span *sp) {
  Span ts, cs;
  int ht = next_tok_span(w, ls, le, &ts);
  int hc = next_comment_span(w, ls, le, &cs);
  if (ht && ts.a >= le)
    ht = 0; /* user-info on a later line of a long token */
  if (hc && (!ht || cs.a < ts.a)) {
    w->kc++;
    *sp = cs;
    return 1;
  }
  if (!ht)
    return 0;
  if (ht == 2) { /* user-info: search the rest of the token next */
    w->in_tok = ts.b - w->src->toks[w->k].off;
  } else {
    w->k++;
    w->in_tok = 0;
  }
  *sp = ts;
  return 1;
}

/* Appends text[a..b) to the display line, replacing control bytes. */
static int put_plain(Buf *b, const char *s, size_t n) {
  if (buf_reserve(b, n) != 0)
    return -1;
  char *o = b->data + b->len;
  memcpy(o, s, n);
  diag_scrub(o, n, 1);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

/* Appends blanks for text[a..b): a tab stays a tab, each character one
   space, so that the caret still lines up. */
static int put_blank(Buf *b, const char *s, size_t n) {
  if (buf_reserve(b, n) != 0)
    return -1;
  char *o = b->data + b->len;
  for (size_t i = 0; i < n; i++)
    if (!utf8_is_cont((unsigned char)s[i]))
      *o++ = s[i] == '\t' ? '\t' : ' ';
  b->len = (size_t)(o - b->data);
  b->data[b->len] = '\0';
  return 0;
}

/* Where source offset x (i <= x) lands in the display buffer: blanks stand
   one per character for [i, blank), plain bytes are copied one for one. */
static size_t display_index(const char *s, size_t i, size_t blank, size_t x,
                            size_t before, size_t plain_at) {
  if (x >= blank)
    return plain_at + (x - blank);
  return before + utf8_cols(s + i, x - i);
}

/* Appends the plain bytes s[i..e) (blanks before the statement), setting the
   caret's display offsets when they fall inside. */
static int put_segment(Buf *b, const Chunk *c, size_t i, size_t e, size_t off,
                       size_t caret_end, size_t *caret_b, size_t *caret_e,
                       int *caret_set) {
  const char *s = c->text;
  /* Bytes of the previous statement (before stmt_start) were never lexed,
     so nothing is known of their secrets: they are shown as blanks. */
  size_t before = b->len;
  size_t blank = i < c->stmt_start ? (c->stmt_start < e ? c->stmt_start : e) : i;
  if (put_blank(b, s + i, blank - i))
    return -1;
  size_t plain_at = b->len; /* where s[blank] landed in b */
  if (put_plain(b, s + blank, e - blank))
    return -1;
  if (!*caret_set && off >= i && off < e) {
    *caret_b = display_index(s, i, blank, off, before, plain_at);
    *caret_set = 1;
  }
  if (*caret_set && !*caret_e && caret_end > i && caret_end <= e)
    *caret_e = display_index(s, i, blank, caret_end, before, plain_at);
  return 0;
}

/* Appends line s[ls..le) to b with every masked token, comment and URI
   user-info shown as ***, and sets the caret's byte offsets in b for source
   bytes [off, caret_end).  Returns 0, or -1 when out of memory. */
static int mask_line(Buf *b, const DiagSrc *src, size_t ls, size_t le,
                     size_t off, size_t caret_end, size_t *caret_b,
                     size_t *caret_e) {
  int caret_set = 0;
  *caret_b = *caret_e = 0;
  size_t i = ls;
  SpanWalk w = {src, src->toks ? first_tok_after(src, ls) : src->ntoks,
                src->comments ? first_comment_after(src, ls) : 0, 0, {0}};
  for (;;) {
    Span sp = {0, 0, "", ""};
    int have = next_span(&w, ls, le, &sp);
    size_t seg_end = have ? (sp.a > i ? sp.a : i) : le;
    if (put_segment(b, src->chunk, i, seg_end, off, caret_end, caret_b,
                    caret_e, &caret_set))
      return -1;
    if (!have)
      break;
    if (sp.b <= i)
      continue; /* user-info on an earlier line of a long token */
    if (!caret_set && off < sp.b) {
      *caret_b = b->len;
      caret_set = 1;
    }
    if (buf_append(b, sp.pre, strlen(sp.pre)) || buf_append(b, "***", 3) ||
        buf_append(b, sp.post, strlen(sp.post)))
      return -1;
    if (caret_set && !*caret_e && caret_end <= sp.b)
      *caret_e = b->len;
    i = sp.b < le ? sp.b : le;
  }
  if (!caret_set)
    *caret_b = b->len;
  if (!*caret_e || *caret_e <= *caret_b)
    *caret_e = *caret_b + 1;
  return 0;
}

/* Sets f->src_line, f->caret_col and f->caret_len from display line d[0..n)
   with the caret at bytes [caret_b, caret_e): a long line is cut to a
   window around the caret, "..." marking each cut side (the left one also
   when cut_left); a line that is only a part of its source line (part) is
   always cut so.  Returns 0, or -1 when out of memory. */
static int window_line(Finding *f, Arena *a, const char *d, size_t n,
                       int cut_left, int part, size_t caret_b,
                       size_t caret_e) {
  uint32_t before_cols = utf8_cols(d, caret_b);
  size_t wb = 0, we = n;
  if (part || utf8_cols(d, n) > LINE_MAX_COLS) {
    if (before_cols > LINE_CONTEXT) {
      uint32_t skip = before_cols - LINE_CONTEXT;
      while (wb < caret_b && skip) {
        wb++;
        while (wb < caret_b && utf8_is_cont((unsigned char)d[wb]))
          wb++;
        skip--;
      }
    }
    uint32_t cols = 0;
    we = wb;
    while (we < n && cols < LINE_MAX_COLS) {
      we++;
      while (we < n && utf8_is_cont((unsigned char)d[we]))
        we++;
      cols++;
    }
    if (we < caret_e)
      caret_e = we > caret_b ? we : caret_b + 1;
  }
  int dots_left = cut_left || wb > 0;
  int dots_right = we < n;
  Buf out = {0};
  if ((dots_left && buf_append(&out, "...", 3)) ||
      buf_append(&out, d + wb, we - wb) ||
      (dots_right && buf_append(&out, "...", 3))) {
    buf_release(&out);
    return -1;
  }
  f->src_line = arena_strndup(a, out.data ? out.data : "", out.len);
  f->caret_col = (dots_left ? 3 : 0) + utf8_cols(d + wb, caret_b - wb);
  size_t ce = caret_e < we ? caret_e : we;
  f->caret_len = ce > caret_b ? utf8_cols(d + caret_b, ce - caret_b) : 1;
  if (f->caret_len == 0)
    f->caret_len = 1;
  buf_release(&out);
  return f->src_line ? 0 : -1;
}

/* The source line around chunk offset off, but no more than reach bytes
   on either side: [*ls, *le); *cut_l and *cut_r say whether a side stopped
   before the line's end. */
static void line_around(const Chunk *c, size_t off, size_t reach, size_t *ls,
                        size_t *le, int *cut_l, int *cut_r) {
  const char *s = c->text;
  size_t lo = off > reach ? off - reach : 0;
  size_t hi = c->len - off > reach ? off + reach : c->len;
  size_t a = off, b = off;
  while (a > lo && s[a - 1] != '\n')
    a--;
  while (b < hi && s[b] != '\n')
    b++;
  *cut_l = a > 0 && s[a - 1] != '\n';
  *cut_r = b < c->len && s[b] != '\n';
  while (*cut_l && a < off && utf8_is_cont((unsigned char)s[a]))
    a++;
  if (!*cut_r && b > a && s[b - 1] == '\r')
    b--;
  *ls = a;
  *le = b;
}

/* A window cut at *ls inside a token or comment starts at its start (on
   the same line) instead, so that it is shown as it is in the whole line:
   a masked token or a comment as "***" with its quotes, a shown token with
   its URI user-info masked.  A shown token is not followed back more than
   reach bytes.  Returns whether the window is still cut on the left. */
static int widen_left(const DiagSrc *src, size_t reach, size_t *ls) {
  const char *s = src->chunk->text;
  size_t at = *ls, to = at;
  if (src->toks) {
    size_t k = first_tok_after(src, at);
    const Token *t = k < src->ntoks ? &src->toks[k] : NULL;
    if (t && t->kind != TK_EOF && t->off < at &&
        (diag_tok_masked(src, t) || at - t->off <= reach))
      to = t->off;
  }
  if (src->comments) {
    size_t k = first_comment_after(src, at);
    if (k < src->ncomments && src->comments[k].off < to)
      to = src->comments[k].off;
  }
  if (to < at) {
    size_t a = at;
    while (a > to && s[a - 1] != '\n')
      a--;
    *ls = a;
  }
  return *ls > 0 && s[*ls - 1] != '\n';
}

/* Builds the display line around chunk offset off: f->src_line,
   f->caret_col and f->caret_len.  Only a window of the line is masked, big
   enough for the columns shown around the caret (it grows when masked
   tokens shrink it), so that many findings on one long line cost time in
   proportion to the line, not to its square. */
static int make_line(Finding *f, Arena *a, const DiagSrc *src, size_t off,
                     size_t len) {
  const Chunk *c = src->chunk;
  for (size_t reach = 4 * LINE_MAX_COLS;; reach *= 4) {
    size_t ls, le;
    int cut_l, cut_r;
    line_around(c, off, reach, &ls, &le, &cut_l, &cut_r);
    if (cut_l)
      cut_l = widen_left(src, reach, &ls);
    int cut_left = cut_l || (ls == 0 && c->base_col > 1);
    size_t caret_end = off + (len ? len : 1);
    if (caret_end > le)
      caret_end = le > off ? le : off + 1;
    Buf b = {0};
    size_t caret_b, caret_e; /* byte offsets in b */
    int rc = mask_line(&b, src, ls, le, off, caret_end, &caret_b, &caret_e);
    const char *d = b.data ? b.data : "";
    if (rc == 0 && ((cut_l && utf8_cols(d, caret_b) <= LINE_CONTEXT) ||
                    (cut_r && caret_b <= b.len &&
                     utf8_cols(d + caret_b, b.len - caret_b) <= LINE_MAX_COLS))) {
      buf_release(&b); /* too few columns shown: a wider window */
      continue;
    }
    if (rc == 0)
      rc = window_line(f, a, d, b.len, cut_left, cut_l || cut_r, caret_b,
                       caret_e);
    buf_release(&b);
    return rc;
  }
}

int diag_make(Finding *f, Arena *a, const DiagSrc *src, RuleId rule, size_t off,
              size_t len, const char *key, const char *msg) {
  memset(f, 0, sizeof *f);
  f->rule = (uint8_t)rule;
  f->pub.rule = rules_table[rule].id;
  f->pub.severity = rules_table[rule].severity;
  f->pub.message = msg;
  f->pub.pos = source_pos(src->chunk, off);
  f->pub.length = (uint32_t)len;
  if (key) {
    f->pub.key = arena_strndup(a, key, strlen(key));
    if (!f->pub.key)
      return -1;
  }
  return make_line(f, a, src, off, len);
}

/* ---- The sink ---- */

Finding *diag_vadd(const DiagSink *s, Vec *into, RuleId rule, size_t off,
                   size_t len, const char *key, const char *fmt, va_list ap) {
  pc_level level = (pc_level)s->level[rule];
  if (level == PC_LEVEL_OFF)
    return NULL;
  Finding *f = vec_push(into, sizeof(Finding), s->oom);
  if (!f)
    return NULL;
  char *msg = arena_vprintf(s->keep, fmt, ap);
  if (msg)
    diag_scrub(msg, strlen(msg), 0);
  const char *shown = msg ? diag_uri_redact(s->keep, msg) : NULL;
  if (!shown || diag_make(f, s->keep, &s->src, rule, off, len, key, shown) != 0) {
    into->len--;
    *s->oom = 1;
    return NULL;
  }
  if (level != PC_LEVEL_DEFAULT)
    f->pub.severity = (pc_severity)(level - PC_LEVEL_NOTE + PC_SEV_NOTE);
  return f;
}

Finding *diag_add(const DiagSink *s, Vec *into, RuleId rule, size_t off,
                  size_t len, const char *key, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Finding *f = diag_vadd(s, into, rule, off, len, key, fmt, ap);
  va_end(ap);
  return f;
}

void diag_remask(const DiagSink *s, Vec *v) {
  const Chunk *c = s->src.chunk;
  for (size_t i = 0; i < v->len; i++) {
    Finding *f = VEC_AT(v, Finding, i);
    uint64_t off = f->pub.pos.offset - c->base_offset;
    if (f->pub.pos.offset < c->base_offset || off > c->len || !f->src_line)
      continue;
    if (make_line(f, s->keep, &s->src, (size_t)off, f->pub.length) != 0)
      *s->oom = 1;
  }
}

void diag_related(const DiagSink *s, Finding *f, size_t off, const char *key) {
  f->pub.has_related = 1;
  f->pub.related = source_pos(s->src.chunk, off);
  char *k = key ? arena_strndup(s->keep, key, strlen(key)) : NULL;
  if (key && !k)
    *s->oom = 1;
  if (k)
    diag_scrub(k, strlen(k), 0); /* shown in the "is set here" note */
  f->pub.related_key = k;
}

void diag_fix(const DiagSink *s, Finding *f, size_t off, size_t len,
              const char *repl, const char *desc) {
  pc_fix *fix = arena_alloc(s->keep, sizeof *fix);
  if (!fix)
    return;
  fix->offset = s->src.chunk->base_offset + off;
  fix->length = (uint32_t)len;
  fix->replacement = arena_strndup(s->keep, repl, strlen(repl));
  fix->description = arena_strndup(s->keep, desc, strlen(desc));
  if (fix->replacement && fix->description)
    f->pub.fix = fix;
}

/* ---- A statement's findings: in its target, or loose ---- */

void diag_unit(Unit *u, Target *t, RuleId rule, size_t off, size_t len,
               const char *key, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  u->last = diag_vadd(&u->sink, t ? &t->findings : &u->loose, rule, off, len,
                      key, fmt, ap);
  va_end(ap);
}

void diag_unit_rel(Unit *u, Target *t, RuleId rule, size_t off, size_t len,
                   const char *key, size_t rel_off, const char *rel_key,
                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  u->last = diag_vadd(&u->sink, t ? &t->findings : &u->loose, rule, off, len,
                      key, fmt, ap);
  va_end(ap);
  if (u->last)
    diag_related(&u->sink, u->last, rel_off, rel_key);
}

void diag_unit_fix(Unit *u, size_t off, size_t len, const char *repl,
                   const char *desc) {
  if (u->last) /* never on another finding when this one's rule is off */
    diag_fix(&u->sink, u->last, off, len, repl, desc);
}

/* ---- Keeping findings ---- */

Finding *diag_keep_sorted(Arena *a, Arena *scratch, const Vec *v) {
  if (v->len == 0)
    return NULL;
  Finding *out = arena_alloc(a, v->len * sizeof(Finding));
  FindingRef *refs = out ? arena_alloc(scratch, v->len * sizeof *refs) : NULL;
  if (!refs) {
    *a->oom = 1;
    return NULL;
  }
  for (size_t i = 0; i < v->len; i++)
    refs[i] = (FindingRef){VEC_AT(v, Finding, i), i};
  findings_sort(refs, v->len);
  for (size_t i = 0; i < v->len; i++)
    out[i] = *refs[i].f;
  return out;
}
