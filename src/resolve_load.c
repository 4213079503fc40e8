/*
 * resolve_load.c - the values of LOAD ... PROPERTIES that StarRocks checks
 * as words (LoadStmt.checkProperties, LoadStmtAnalyzer.analyzeProperties),
 * and EXPORT ... PROPERTIES, where credentials are never read.  resolve.c
 * checks the whitelist, the booleans and the numbers.
 */
#include <string.h>

#include "pc_internal.h"

/* timezone: TimeUtils.checkTimeZoneValidAndStandardize (timezone.c). */
static void check_timezone(Unit *u, Target *t, const Prop *p) {
  char norm[64];
  if (p->templated || p->placeholder || strlen(p->val) >= sizeof norm - 8)
    return;
  if (timezone_check(p->val, norm, sizeof norm) == 0)
    return;
  diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
            "StarRocks rejects '%s' = \"%s\" (\"Unknown or incorrect time "
            "zone: '%s'\"): use a region such as Asia/Shanghai (names are "
            "case-sensitive), UTC, or an offset from -12:00 to +14:00",
            p->key, p->val, norm);
}

void resolve_load_value(Unit *u, Target *t, const Prop *p) {
  if (strcmp(p->key, "version") == 0)
    diag_unit(u, t, R_INVALID_PROPERTY, p->key_off, p->key_len, p->key,
              "StarRocks rejects '%s' in a LOAD (\"Do not support VERSION "
              "property\")",
              p->key);
  else if (strcmp(p->key, "priority") == 0 && !p->placeholder &&
           !value_in(p->val, keys_load_priorities, 1))
    diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
              "StarRocks rejects '%s' = \"%s\" (\"priority should in "
              "HIGHEST/HIGH/NORMAL/LOW/LOWEST\")",
              p->key, p->val);
  else if (strcmp(p->key, "timezone") == 0)
    check_timezone(u, t, p);
}

/* EXPORT ... PROPERTIES: the export's options (ExportStmt.checkProperties
   reads column_separator, line_delimiter, load_mem_limit, timeout,
   include_query_id, with_header and ignores the rest); credentials there
   are never read: only the broker list is. */
void resolve_export_props(Unit *u, Target *t) {
  for (size_t i = 0; i < t->load_props.n; i++) {
    const Prop *p = &t->load_props.v[i];
    if (p->spec &&
        (p->spec->svc != KS_OTHER || (p->spec->flags & KF_HADOOP_FS)))
      diag_unit(u, t, R_KEY_NOT_APPLICABLE, p->key_off, p->key_len, p->key,
                "StarRocks ignores '%s' in the EXPORT PROPERTIES: it reads "
                "credentials only from WITH BROKER (...)",
                p->key);
  }
}
