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
const pc_rule rule_table[R_COUNT] = {
#include "rules_sql.def"
#include "rules_values.def"
};
#undef RULE

size_t pc_rule_count(void) { return R_COUNT; }

const pc_rule *pc_rule_at(size_t i) {
  return i < R_COUNT ? &rule_table[i] : NULL;
}

const pc_rule *pc_rule_find(const char *id) {
  if (!id)
    return NULL;
  for (size_t i = 0; i < R_COUNT; i++)
    if (strcmp(rule_table[i].id, id) == 0)
      return &rule_table[i];
  return NULL;
}
