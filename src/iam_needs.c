/*
 * iam_needs.c - what each credential of a statement needs from IAM
 * (shared/spec/iam-and-dialects.md 3, the seed policies).
 */
#include "pc_internal.h"

void iam_derive(Unit *u, Target *t, const View *v, const StmtResult *r) {
  (void)u;
  (void)v;
  (void)r;
  t->grants = NULL;
  t->ngrants = 0;
}
