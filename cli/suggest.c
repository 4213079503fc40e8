/*
 * suggest.c - "did you mean": the rule id nearest to a misspelled one.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Levenshtein distance of a and b, or cap + 1 when it is more than cap. */
static size_t distance(const char *a, const char *b, size_t cap) {
  size_t n = strlen(a), m = strlen(b);
  if (n > 64 || m > 64 || (n > m ? n - m : m - n) > cap)
    return cap + 1;
  size_t row[65];
  for (size_t j = 0; j <= m; j++)
    row[j] = j;
  for (size_t i = 1; i <= n; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[m] > cap ? cap + 1 : row[m];
}

const char *cli_rule_suggest(const char *id) {
  size_t cap = strlen(id) / 3 + 1, best = cap + 1;
  const char *near = NULL;
  for (size_t i = 0; i < pc_rule_count(); i++) {
    size_t d = distance(id, pc_rule_at(i)->id, cap);
    if (d < best) {
      best = d;
      near = pc_rule_at(i)->id;
    }
  }
  return near;
}
