/*
 * source.c - where a byte of the source text is, and what its bytes are.
 *
 * Positions: line and column from 1.  Columns count characters: each byte
 * that is not a UTF-8 continuation byte (0x80-0xBF) starts one, and a tab
 * counts one.  A line ends after '\n' (a '\r' before it is part of the line).
 * The splitter, the diagnostics, the renderers and, through pc_pos_of(),
 * the command line all count this way, here.
 *
 * Case: SQL keywords and most property values compare in ASCII case only
 * (StarRocks lower-cases with Java's toLowerCase on ASCII keys), so no
 * locale is ever consulted.
 */
#include <stdlib.h>
#include <string.h>

#include "pc_internal.h"

uint32_t utf8_cols(const char *s, size_t n) {
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += !utf8_is_cont((unsigned char)s[i]);
  return k;
}

pc_pos source_advance(pc_pos p, const char *s, size_t n) {
  p.offset += n;
  for (const char *nl; (nl = memchr(s, '\n', n)) != NULL;) {
    size_t k = (size_t)(nl - s) + 1;
    p.line++;
    p.column = 1;
    s += k;
    n -= k;
  }
  p.column += utf8_cols(s, n);
  return p;
}

/* The characters in c->text[0..x), from the nearest mark at or before x. */
static size_t chars_before(const Chunk *c, size_t x) {
  size_t k = x / COL_MARK_STEP;
  if (k >= c->ncol_marks)
    k = c->ncol_marks - 1;
  size_t at = k * COL_MARK_STEP;
  return c->col_marks[k] + utf8_cols(c->text + at, x - at);
}

pc_pos source_pos(const Chunk *c, size_t off) {
  pc_pos p = {c->base_line, c->base_col, c->base_offset};
  if (!c->text) /* nothing held (an empty buffer has no storage) */
    return p;
  if (off > c->len)
    off = c->len;
  size_t from = 0;
  if (c->line_ends) { /* the lines before off: a binary search */
    size_t lo = 0, hi = c->nline_ends;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (c->line_ends[mid] <= off)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo) {
      from = c->line_ends[lo - 1];
      p.line += (uint32_t)lo;
      p.column = 1;
      p.offset += from;
    }
  }
  if (c->col_marks && off - from > 2 * COL_MARK_STEP) {
    /* no '\n' in [from, off): only the column moves */
    p.column += (uint32_t)(chars_before(c, off) - chars_before(c, from));
    p.offset += off - from;
    return p;
  }
  return source_advance(p, c->text + from, off - from);
}

void source_index_lines(Chunk *c, Arena *scratch) {
  size_t n = 0, longest = 0, start = 0;
  for (const char *q = c->text, *e = c->text + c->len;
       (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++) {
    size_t end = (size_t)(q - c->text) + 1;
    if (end - start > longest)
      longest = end - start;
    start = end;
    n++;
  }
  if (c->len - start > longest)
    longest = c->len - start;
  uint32_t *ends = n ? arena_alloc(scratch, n * sizeof *ends) : NULL;
  if (n && !ends)
    return; /* no index: positions are found the slow way */
  size_t k = 0;
  for (const char *q = c->text, *e = c->text + c->len;
       (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
    ends[k++] = (uint32_t)(q - c->text) + 1;
  c->line_ends = ends;
  c->nline_ends = n;
  /* A long line gets column marks: without them, each finding on it
     counts its column from the line's start, and many findings on one
     line cost time in the square of its length. */
  if (longest <= 4 * COL_MARK_STEP)
    return;
  size_t nm = c->len / COL_MARK_STEP + 1;
  uint32_t *marks = arena_alloc(scratch, nm * sizeof *marks);
  if (!marks)
    return; /* no marks: columns are counted the slow way */
  size_t chars = 0;
  for (size_t m = 0; m < nm; m++) {
    marks[m] = (uint32_t)chars;
    size_t at = m * COL_MARK_STEP;
    if (m + 1 < nm)
      chars += utf8_cols(c->text + at, COL_MARK_STEP);
  }
  c->col_marks = marks;
  c->ncol_marks = nm;
}

/* ---- Source order ---- */

static int by_position(const void *a, const void *b) {
  const FindingRef *x = a, *y = b;
  uint64_t p = x->f->pub.pos.offset, q = y->f->pub.pos.offset;
  if (p != q)
    return p < q ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

void findings_sort(FindingRef *v, size_t n) {
  if (n > 1)
    qsort(v, n, sizeof *v, by_position);
}

/* ---- The public form ---- */

pc_pos pc_pos_from(const char *text, size_t len, pc_pos from, size_t offset) {
  if (offset > len)
    offset = len;
  if (!text)
    return (pc_pos){1, 1, 0};
  if (from.line == 0 || from.offset > offset)
    from = (pc_pos){1, 1, 0};
  size_t at = (size_t)from.offset;
  if (at < 3 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    size_t bom_end = offset < 3 ? offset : 3; /* the mark counts no column */
    if (at < bom_end)
      at = bom_end;
  }
  from.offset = at;
  return source_advance(from, text + at, offset - at);
}

pc_pos pc_pos_of(const char *text, size_t len, size_t offset) {
  return pc_pos_from(text, len, (pc_pos){0, 0, 0}, offset);
}

/* ---- Case ---- */

int str_ieq(const char *a, const char *b) {
  for (; *a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b);
       a++, b++)
    ;
  return ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b);
}

void str_lower(char *s) {
  for (; *s; s++)
    *s = (char)ascii_lower((unsigned char)*s);
}
