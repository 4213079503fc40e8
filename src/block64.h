/*
 * block64.h - find bytes in 64-byte blocks, as bit masks.
 *
 * The splitter and the fast path look at every byte of the input, and most
 * bytes change nothing.  Instead of a byte at a time, they ask for a block's
 * mask (bit k set: byte k of the block is one they stop at) and jump from
 * set bit to set bit.
 *
 * BLOCK64_WHERE computes such a mask from a test written over a vector of
 * sixteen bytes (GCC and Clang vector types: SSE2 on x86-64, NEON on
 * ARM64).  A byte table says the same (lex_class, lexer.c), used where
 * there are no vector types or PC_NO_SIMD is defined; the tests compare the
 * two on all 256 byte values.
 */
#ifndef PC_BLOCK64_H
#define PC_BLOCK64_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { BLOCK64 = 64 };

#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(PC_NO_SIMD)
#define BLOCK64_VECTOR 1
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef unsigned char Bytes16 __attribute__((vector_size(16)));

/* The high bit of each of the sixteen bytes, as bits 0..15. */
static inline uint64_t block64_bits16(Bytes16 hit) {
#ifdef __SSE2__
  return (uint64_t)(unsigned)_mm_movemask_epi8((__m128i)hit);
#else
  const uint64_t high = 0x8080808080808080ULL, gather = 0x0002040810204081ULL;
  uint64_t lo, hi;
  memcpy(&lo, &hit, 8);
  memcpy(&hi, (const char *)&hit + 8, 8);
  return (((lo & high) * gather) >> 56) | ((((hi & high) * gather) >> 56) << 8);
#endif
}

/* AVX2 (x86-64): functions built with __attribute__((target("avx2"))) may
   use 32-byte vectors, and are called only where block64_avx2() says the
   CPU has them. */
#if defined(BLOCK64_VECTOR) && defined(__x86_64__)
#include <immintrin.h>
#define BLOCK64_AVX2 1
typedef unsigned char Bytes32 __attribute__((vector_size(32)));

static inline int block64_avx2(void) { return __builtin_cpu_supports("avx2"); }
#endif

/* m = the bytes of blk[0..64) for which TEST, an expression over the
   Bytes16 named v, is true (its lanes all ones or all zeros). */
#define BLOCK64_WHERE(m, blk, v, TEST)                                         \
  do {                                                                         \
    (m) = 0;                                                                   \
    for (unsigned part_ = 0; part_ < 4; part_++) {                             \
      Bytes16 v;                                                               \
      memcpy(&v, (blk) + 16 * part_, 16);                                      \
      (m) |= block64_bits16((Bytes16)(TEST)) << (16 * part_);                  \
    }                                                                          \
  } while (0)
#endif

/* The index of the lowest set bit of m (m != 0). */
static inline unsigned block64_first(uint64_t m) {
#if defined(__GNUC__)
  return (unsigned)__builtin_ctzll(m);
#else
  unsigned k = 0;
  while (!(m & 1)) {
    m >>= 1;
    k++;
  }
  return k;
#endif
}

/* The number of set bits of m (without a call into libgcc where the
   target has no popcount instruction). */
static inline unsigned block64_count(uint64_t m) {
#if defined(__GNUC__) && defined(__POPCNT__)
  return (unsigned)__builtin_popcountll(m);
#else
  m = m - ((m >> 1) & 0x5555555555555555ULL);
  m = (m & 0x3333333333333333ULL) + ((m >> 2) & 0x3333333333333333ULL);
  m = (m + (m >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return (unsigned)((m * 0x0101010101010101ULL) >> 56);
#endif
}

/* The index of the highest set bit of m (m != 0). */
static inline unsigned block64_last(uint64_t m) {
#if defined(__GNUC__)
  return 63u - (unsigned)__builtin_clzll(m);
#else
  unsigned k = 63;
  while (!(m >> k))
    k--;
  return k;
#endif
}

/* p[at..at+64) as a block: p itself when whole, else copied into pad and
   filled with fill. */
static inline const unsigned char *block64_at(const char *p, size_t n,
                                              size_t at, unsigned char *pad,
                                              unsigned char fill) {
  if (at + BLOCK64 <= n)
    return (const unsigned char *)p + at;
  memset(pad, fill, BLOCK64);
  memcpy(pad, p + at, n - at);
  return pad;
}

#endif
