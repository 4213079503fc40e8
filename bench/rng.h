/*
 * rng.h - the seeded generator of the benchmark's input generators
 * (gen_corpus.c, gen_adversarial.c): SplitMix64, so that a seed gives the
 * same bytes on every machine.
 */
#ifndef BENCH_RNG_H
#define BENCH_RNG_H

#include <stdint.h>

static uint64_t rng_state;

static uint64_t rnd(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

#endif
