/*
 * iam_eval.c - IAM policy documents: parsing, problems in them, and
 * evaluation of what statements need (shared/spec/iam-and-dialects.md 2).
 */
#include "pc_internal.h"

struct IamDoc {
  int unused;
};

void iam_doc_free(IamDoc *d) { pc_free(d); }

void iam_check(Unit *u, Target *t) {
  (void)u;
  (void)t;
}

pc_status pc_ctx_add_policy(pc_ctx *ctx, const char *path, const char *json,
                            size_t len) {
  (void)path;
  (void)json;
  (void)len;
  return ctx ? PC_OK : PC_EINVAL;
}
