/*
 * diag.c - findings with masked source lines.
 *
 * When a finding is made, the line it points at is copied with every hidden
 * token (the values of credentials and of keys propcheck does not know)
 * replaced by ***, so that no output format can show a secret, whatever the
 * finding.  The rules themselves are in rules.c.
 */
#include <string.h>

#include "pc_internal.h"

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

/* Appends text[a..b) to the display line, replacing control bytes. */
static int put_plain(Buf *b, const char *s, size_t n) {
  if (buf_reserve(b, n) != 0)
    return -1;
  char *o = b->data + b->len;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (((unsigned char)ch < 0x20 && ch != '\t') || ch == 0x7F)
      ch = '?';
    o[i] = ch;
  }
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

/* Appends line s[ls..le) to b with every hidden token shown as ***, and
   sets the caret's byte offsets in b for source bytes [off, caret_end).
   Returns 0, or -1 when out of memory. */
static int mask_line(Buf *b, const DiagSrc *src, size_t ls, size_t le,
                     size_t off, size_t caret_end, size_t *caret_b,
                     size_t *caret_e) {
  const Chunk *c = src->chunk;
  const char *s = c->text;
  int caret_set = 0;
  *caret_b = *caret_e = 0;
  size_t i = ls;
  size_t k = src->toks ? first_tok_after(src, ls) : src->ntoks;
  for (;;) {
    while (k < src->ntoks && !src->toks[k].hidden &&
           src->toks[k].kind != TK_EOF && src->toks[k].off < le)
      k++; /* the next masked token on this line, if any */
    const Token *t = NULL;
    if (k < src->ntoks && src->toks[k].kind != TK_EOF && src->toks[k].off < le)
      t = &src->toks[k];
    size_t seg_end = t ? (t->off > i ? t->off : i) : le;
    /* Plain bytes i..seg_end, with the caret maybe inside them.  Bytes of
       the previous statement (before stmt_start) were never lexed, so
       nothing is known of their secrets: they are shown as blanks. */
    size_t before = b->len;
    size_t blank = i < c->stmt_start
                       ? (c->stmt_start < seg_end ? c->stmt_start : seg_end)
                       : i;
    if (put_blank(b, s + i, blank - i))
      return -1;
    size_t plain_at = b->len; /* where s[blank] landed in b */
    if (put_plain(b, s + blank, seg_end - blank))
      return -1;
    if (!caret_set && off >= i && off < seg_end) {
      *caret_b = display_index(s, i, blank, off, before, plain_at);
      caret_set = 1;
    }
    if (caret_set && !*caret_e && caret_end > i && caret_end <= seg_end)
      *caret_e = display_index(s, i, blank, caret_end, before, plain_at);
    if (!t)
      break;
    /* A hidden token: show it as *** (keeping its quotes). */
    size_t tend = (size_t)t->off + t->len;
    if (!caret_set && off < tend) {
      *caret_b = b->len;
      caret_set = 1;
    }
    char q = s[t->off];
    int quoted = t->kind == TK_STRING && t->off >= ls;
    if (quoted && buf_append(b, &q, 1))
      return -1;
    if (buf_append(b, "***", 3))
      return -1;
    if (quoted && tend <= le && t->len >= 2 && s[tend - 1] == q &&
        buf_append(b, &q, 1))
      return -1;
    if (caret_set && !*caret_e && caret_end <= tend)
      *caret_e = b->len;
    i = tend < le ? tend : le;
    k++;
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
   when cut_left).  Returns 0, or -1 when out of memory. */
static int window_line(Finding *f, Arena *a, const char *d, size_t n,
                       int cut_left, size_t caret_b, size_t caret_e) {
  uint32_t before_cols = utf8_cols(d, caret_b);
  size_t wb = 0, we = n;
  if (utf8_cols(d, n) > LINE_MAX_COLS) {
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

/* Builds the display line around chunk offset off: f->src_line,
   f->caret_col and f->caret_len. */
static int make_line(Finding *f, Arena *a, const DiagSrc *src, size_t off,
                     size_t len) {
  const Chunk *c = src->chunk;
  const char *s = c->text;
  size_t ls = off, le = off;
  while (ls > 0 && s[ls - 1] != '\n')
    ls--;
  while (le < c->len && s[le] != '\n')
    le++;
  if (le > ls && s[le - 1] == '\r')
    le--;
  int cut_left = (ls == 0 && c->base_col > 1);
  size_t caret_end = off + (len ? len : 1);
  if (caret_end > le)
    caret_end = le > off ? le : off + 1;

  Buf b = {0};
  size_t caret_b, caret_e; /* byte offsets in b */
  int rc = mask_line(&b, src, ls, le, off, caret_end, &caret_b, &caret_e);
  if (rc == 0)
    rc = window_line(f, a, b.data ? b.data : "", b.len, cut_left, caret_b,
                     caret_e);
  buf_release(&b);
  return rc;
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
  for (char *q = msg; q && *q; q++)
    if ((unsigned char)*q < 0x20 || *q == 0x7F)
      *q = '?';
  if (!msg || diag_make(f, s->keep, &s->src, rule, off, len, key, msg) != 0) {
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

void diag_related(const DiagSink *s, Finding *f, size_t off, const char *key) {
  f->pub.has_related = 1;
  f->pub.related = source_pos(s->src.chunk, off);
  if (key && !(f->pub.related_key = arena_strndup(s->keep, key, strlen(key))))
    *s->oom = 1;
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
