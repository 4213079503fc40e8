/*
 * iam_docs.c - IAM JSON documents for a grant: the identity policy, the
 * trust policy of an assumed role and the base principal's AssumeRole
 * permission.
 */
#include <string.h>

#include "pc_internal.h"

int iam_documents(Arena *a, const IamGrant *g, pc_policy *out) {
  (void)a;
  (void)g;
  memset(out, 0, sizeof *out);
  return -1;
}
