/*
 * rules.c - the rule table: one row per RuleId, data only.
 *
 * Every finding carries a rule id from this table (append only, never
 * renumbered: outputs, suppressions and SARIF depend on the ids).  Each row
 * has the id, the default severity, a one-line summary, the documentation
 * that --explain and docs/rules.md print, and an example with its fix.
 * The rows themselves are in rules_sql.def and rules_values.def.
 */
#include <string.h>

#include "pc_internal.h"

/* The enum and the table are made from the same rows, so they cannot drift. */
#define RULE(e, ...) {__VA_ARGS__},
const pc_rule rules_table[R_COUNT] = {
#include "rules_sql.def"
#include "rules_values.def"
};
#undef RULE

size_t pc_rule_count(void) { return R_COUNT; }

const pc_rule *pc_rule_at(size_t i) {
  return i < R_COUNT ? &rules_table[i] : NULL;
}

int rules_lookup(const char *id, size_t n) {
  for (size_t i = 0; i < R_COUNT; i++)
    if (strlen(rules_table[i].id) == n && memcmp(rules_table[i].id, id, n) == 0)
      return (int)i;
  return -1;
}

const pc_rule *pc_rule_find(const char *id) {
  int r = id ? rules_lookup(id, strlen(id)) : -1;
  return r < 0 ? NULL : &rules_table[r];
}
