/*
 * fastpath.c - which statements need not be lexed at all.
 *
 * Runs on each statement the splitter cuts, before the lexer: it reads
 * bytes, not tokens, with lex_class (lexer.c) for what an identifier byte
 * is, and 16- or 32-byte vector compares (block64.h) to skip the bytes
 * that can start none of the words it looks for.
 *
 * Most statements of a migration or a query log (INSERT, SELECT, DDL of
 * native tables) can hold nothing propcheck checks.  A statement the
 * splitter cut at a ';' is skipped without lexing when it starts with none
 * of the words parse_unit dispatches on (CREATE, ALTER, LOAD, EXPORT,
 * BACKUP, RESTORE, ADMIN, and a pasted "mysql>" prompt; after any Jinja
 * block or dbt {{ config(...) }} before them: template.h; or with a
 * template variable, which may stand for them) and holds
 * none of: "file" (FILES(), INTO OUTFILE), "s3(" (Apache Doris' table
 * function), '#' (hash-comment), "expect"
 * and "propcheck" (comments read by expect.c and suppress.c).  Any case;
 * inside strings and comments too: when in doubt, the slow path.
 */
#define _GNU_SOURCE /* memmem: glibc, musl, the BSDs and macOS have it */
#include <string.h>

#include "block64.h"
#include "pc_internal.h"
#include "template.h"

/* Does s[0..n) start with the lowercase word w? */
static int has_prefix(const char *s, size_t n, const char *w) {
  size_t k = 0;
  for (; w[k]; k++)
    if (k >= n || ascii_lower((unsigned char)s[k]) != w[k])
      return 0;
  return 1;
}

/* The pairs fastpath_may_matter looks for, in vectors v (the bytes) and w
   (the bytes after them): ASCII letters folded to lower case. */
#define PAIR_HITS(v, w)                                                        \
  ((((v) | 0x20) == 'f') & (((w) | 0x20) == 'i')) |                            \
      ((((v) | 0x20) == 'x') & (((w) | 0x20) == 'p')) |                        \
      ((((v) | 0x20) == 'p') & (((w) | 0x20) == 'c')) | ((v) == '#') |          \
      (((v) == '3') & ((w) == '('))

#ifdef BLOCK64_VECTOR
/* From s[i], sixteen bytes at a time while no pair starts there: where one
   may, or where fewer than seventeen bytes are left. */
static size_t no_pair(const char *s, size_t i, size_t n) {
  for (; i + 17 <= n; i += 16) {
    Bytes16 v, w;
    memcpy(&v, s + i, 16);
    memcpy(&w, s + i + 1, 16);
    uint64_t bits = block64_bits16((Bytes16)(PAIR_HITS(v, w)));
    if (bits)
      return i + block64_first(bits);
  }
  return i;
}
#endif

#ifdef BLOCK64_AVX2
/* no_pair, thirty-two bytes at a time. */
__attribute__((target("avx2"))) static size_t no_pair_avx2(const char *s,
                                                           size_t i, size_t n) {
  for (; i + 33 <= n; i += 32) {
    Bytes32 v, w;
    memcpy(&v, s + i, 32);
    memcpy(&w, s + i + 1, 32);
    uint32_t bits = (uint32_t)_mm256_movemask_epi8((__m256i)(PAIR_HITS(v, w)));
    if (bits)
      return i + block64_first(bits);
  }
  return i;
}
#endif

int fastpath_may_matter(const Chunk *c) {
  if (!c->complete)
    return 1;
  if (c->content_at < c->len) {
    /* mysql: a pasted client prompt (mysql>) before the statement */
    static const char *const starts[] = {"create", "alter",   "load",
                                         "export", "backup",  "restore",
                                         "admin",  "mysql"};
    const char *w = c->text + c->content_at;
    size_t n = c->len - c->content_at;
    unsigned char f = (unsigned char)*w;
    if (!(lex_class[f].kind == LC_ALPHA && f < 0x80) || f == 's' || f == 'f' ||
        f == 'Q' || f == 'E' ||
        memmem(c->text + c->stmt_start, c->content_at - c->stmt_start,
               "-- result:", 10)) {
      /* Jinja blocks, {{ config(...) }} and test-runner lines first (a
         result block of an R file starts in what the splitter took for
         a comment) */
      w = c->text + c->stmt_start;
      n = c->len - c->stmt_start;
      size_t k = template_skip_lead(w, n);
      w += k;
      n -= k;
    }
    TemplateKind tk;
    if (n && template_may_start((unsigned char)*w) &&
        template_at(w, n, &tk) && tk != TPL_BLOCK)
      return 1; /* {{ verb }} EXTERNAL CATALOG: parse_template.c */
    if (lex_is_wide_space(w, n))
      return 1; /* U+3000: a blank to the lexer, not to the splitter */
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
      size_t k = strlen(starts[i]);
      if (has_prefix(w, n, starts[i]) &&
          (k == n || !lex_is_ident((unsigned char)w[k]) ||
           lex_is_wide_space(w + k, n - k)))
        return 1;
    }
  }
  /* Each word is found by a pair of its letters that SQL seldom has:
     (fi)le, e(xp)ect, pro(pc)heck; and '#'.  Their first bytes are
     lex_class's anchors. */
  const char *s = c->text + c->stmt_start;
  size_t n = c->len - c->stmt_start;
#ifdef BLOCK64_AVX2
  int avx2 = block64_avx2();
#endif
  for (size_t i = 0; i < n; i++) {
#ifdef BLOCK64_AVX2
    if (avx2)
      i = no_pair_avx2(s, i, n);
#endif
#ifdef BLOCK64_VECTOR
    i = no_pair(s, i, n);
#endif
    if (i >= n)
      break;
    if (s[i] == '3' && i >= 1 && (s[i - 1] | 0x20) == 's' && i + 1 < n &&
        s[i + 1] == '(')
      return 1; /* Apache Doris' s3(...) table function */
    if (!(lex_class[(unsigned char)s[i]].flags & LC_ANCHOR))
      continue;
    switch (ascii_lower((unsigned char)s[i])) {
    case '#':
      return 1;
    case 'f':
      if (has_prefix(s + i, n - i, "file"))
        return 1;
      break;
    case 'x':
      if (i >= 1 && has_prefix(s + i - 1, n - i + 1, "expect"))
        return 1;
      break;
    default: /* 'p' */
      if (i >= 3 && has_prefix(s + i - 3, n - i + 3, "propcheck"))
        return 1;
      break;
    }
  }
  return 0;
}
