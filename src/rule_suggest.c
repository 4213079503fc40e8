/*
 * rule_suggest.c - "did you mean": the rule id nearest to a misspelled one,
 * for suppression comments (suppress.c), options and configuration (the
 * command line, through pc_rule_suggest).
 */
#include <string.h>

#include "pc_internal.h"

const pc_rule *rule_suggest(const char *id, size_t n) {
  char buf[65];
  if (n == 0 || n >= sizeof buf)
    return NULL;
  memcpy(buf, id, n);
  buf[n] = '\0';
  size_t cap = n / 3 + 1, best = cap + 1;
  const pc_rule *near = NULL;
  for (size_t i = 0; i < pc_rule_count(); i++) {
    const pc_rule *r = pc_rule_at(i);
    size_t d = value_edit_distance(buf, r->id, cap);
    if (d < best) {
      best = d;
      near = r;
    }
  }
  return near;
}

const pc_rule *pc_rule_suggest(const char *id) {
  return id ? rule_suggest(id, strlen(id)) : NULL;
}
