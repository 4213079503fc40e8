/*
 * resolve_values.c - checks inside values: ARNs, regions, access key ids,
 * secrets, external ids, endpoints, REST signing, path style, plain-text
 * credentials (shared/spec/iam-and-dialects.md 2.4-2.5, starrocks.md 3).
 */
#include "pc_internal.h"

void check_values(Unit *u, Target *t, const View *v, const StmtResult *r) {
  (void)u;
  (void)t;
  (void)v;
  (void)r;
}
