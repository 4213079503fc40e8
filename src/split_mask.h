/*
 * split_mask.h - the splitter's byte classes as 64-bit masks of a block
 * (split.c only): one test per class, written once for every width (16-
 * byte vectors, AVX2's 32, the byte table lex_class).  test_split checks
 * that they say the same.  Static inline: the scan loop inlines them.
 */
#ifndef PC_SPLIT_MASK_H
#define PC_SPLIT_MASK_H

#include "block64.h"
#include "pc_internal.h"

#define K(k) (1u << (k))

/* m = the bytes of block b in class k, by WHERE (BLOCK64_WHERE, or
   WHERE32 below), which gives each test a vector v of the block's bytes.
   The tests are lex_class's stops (lexer.c), written once for every
   width; test_split checks that they say the same. */
#define CLASS_MASK(WHERE, m, b, k)                                             \
  switch ((ByteClass)(k)) {                                                    \
  case K_BLANK:                                                                \
    WHERE(m, b, v,                                                             \
          (v == ' ') | (v == '\t') | (v == '\n') | (v == '\r') | (v == 0));    \
    break;                                                                     \
  case K_NORMAL:                                                               \
    WHERE(m, b, v,                                                             \
          (v == '\'') | (v == '"') | (v == '`') | (v == ';') | (v == '-') |    \
              (v == '/') | (v == '{'));                                        \
    break;                                                                     \
  case K_JINJA:                                                                \
    WHERE(m, b, v, (v == '#') | (v == '%'));                                   \
    break;                                                                     \
  case K_STAR:                                                                 \
    WHERE(m, b, v, v == '*');                                                  \
    break;                                                                     \
  case K_SQ:                                                                   \
    WHERE(m, b, v, (v == '\'') | (v == '\\'));                                 \
    break;                                                                     \
  case K_DQ:                                                                   \
    WHERE(m, b, v, (v == '"') | (v == '\\'));                                  \
    break;                                                                     \
  case K_BQ:                                                                   \
    WHERE(m, b, v, v == '`');                                                  \
    break;                                                                     \
  case K_NL:                                                                   \
  case K_COUNT:                                                                \
    WHERE(m, b, v, v == '\n');                                                 \
    break;                                                                     \
  }

static inline uint64_t class_mask(int k, const unsigned char *b, int by_table) {
  uint64_t m = 0;
  if (by_table) {
    for (unsigned j = 0; j < BLOCK64; j++)
      m |= (uint64_t)((lex_class[b[j]].stops >> k) & 1) << j;
    return m;
  }
#ifdef BLOCK64_VECTOR
  CLASS_MASK(BLOCK64_WHERE, m, b, k)
  return m;
#else
  return class_mask(k, b, 1);
#endif
}

/* The same with AVX2's 32-byte compares, on x86-64 CPUs that have them
   (asked once per feed): GCC and Clang build this one function for AVX2
   whatever the rest of the program is built for. */
#ifdef BLOCK64_AVX2
#define WHERE32(m, b, v, TEST)                                                 \
  do {                                                                         \
    Bytes32 v;                                                                 \
    memcpy(&v, (b), 32);                                                       \
    (m) = (uint64_t)(uint32_t)_mm256_movemask_epi8((__m256i)(TEST));           \
    memcpy(&v, (b) + 32, 32);                                                  \
    (m) |= (uint64_t)(uint32_t)_mm256_movemask_epi8((__m256i)(TEST)) << 32;    \
  } while (0)

__attribute__((target("avx2"))) static uint64_t
class_mask_avx2(int k, const unsigned char *b) {
  uint64_t m = 0;
  CLASS_MASK(WHERE32, m, b, k)
  return m;
}

static int have_avx2(void) { return block64_avx2(); }
#else
static int have_avx2(void) { return 0; }
#endif

#endif /* PC_SPLIT_MASK_H */
