/*
 * test_iam_roundtrip.c - generated policies are exactly enough.
 *
 * For every fixture statement with derived policies: its identity documents,
 * given back with pc_ctx_add_policy, grant everything the statement needs
 * (no missing-permission or conditional-permission finding on it), and
 * removing any one action from them makes the statement fail.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "test_io.h"

#include "propcheck.h"

/* Policy findings on statement i when the file is checked against docs. */
static size_t policy_findings(const char *buf, size_t len, size_t i,
                              char **docs, size_t ndocs) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  for (size_t d = 0; d < ndocs; d++)
    assert_int_equal(
        pc_ctx_add_policy(ctx, "generated.json", docs[d], strlen(docs[d])),
        PC_OK);
  assert_int_equal(pc_check_buffer(ctx, "f.sql", buf, len), PC_OK);
  const pc_file *f = pc_file_at(ctx, pc_file_count(ctx) - 1);
  const pc_stmt *s = pc_file_stmt_at(f, i);
  assert_non_null(s);
  size_t n = 0;
  for (size_t j = 0; j < pc_stmt_finding_count(s); j++) {
    const char *r = pc_stmt_finding_at(s, j)->rule;
    n += strcmp(r, "missing-permission") == 0 ||
         strcmp(r, "conditional-permission") == 0;
  }
  pc_ctx_free(ctx);
  return n;
}

/* A copy of doc without action number k (counting over all statements);
   NULL when there is no such action. */
static char *without_action(const char *doc, size_t k) {
  cJSON *root = cJSON_Parse(doc);
  assert_non_null(root);
  cJSON *stmts = cJSON_GetObjectItemCaseSensitive(root, "Statement");
  size_t at = 0;
  char *out = NULL;
  for (cJSON *st = stmts ? stmts->child : NULL; st; st = st->next) {
    cJSON *acts = cJSON_GetObjectItemCaseSensitive(st, "Action");
    size_t n = cJSON_IsArray(acts) ? (size_t)cJSON_GetArraySize(acts) : 1;
    if (k >= at + n) {
      at += n;
      continue;
    }
    if (cJSON_IsArray(acts) && n > 1)
      cJSON_DeleteItemFromArray(acts, (int)(k - at));
    else
      cJSON_Delete(cJSON_DetachItemViaPointer(stmts, st));
    out = cJSON_PrintUnformatted(root);
    break; /* st may be gone */
  }
  cJSON_Delete(root);
  return out;
}

static void generated_policies_should_be_exactly_enough(void **state) {
  (void)state;
  glob_t g;
  assert_int_equal(glob("fixtures/*/*.sql", 0, NULL, &g), 0);
  size_t checked = 0, removals = 0;
  pc_options opt = {0};
  opt.flags = PC_OPT_POLICIES;
  for (size_t fi = 0; fi < g.gl_pathc; fi++) {
    const char *path = g.gl_pathv[fi];
    if (strstr(path, "statement-too-large"))
      continue;
    size_t len;
    char *buf = read_file(path, &len);
    pc_ctx *gen = pc_ctx_new(&opt);
    assert_int_equal(pc_check_buffer(gen, path, buf, len), PC_OK);
    const pc_file *f = pc_file_at(gen, 0);
    for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
      const pc_stmt *s = pc_file_stmt_at(f, i);
      size_t np = pc_stmt_policy_count(s);
      if (np == 0)
        continue;
      char **docs = calloc(np, sizeof *docs);
      assert_non_null(docs);
      for (size_t p = 0; p < np; p++)
        docs[p] = strdup(pc_stmt_policy_at(s, p)->identity);
      size_t got = policy_findings(buf, len, i, docs, np);
      if (got)
        fail_msg("%s:%u: the generated policies do not grant what the "
                 "statement needs (%zu findings)",
                 path, pc_stmt_pos(s).line, got);
      checked++;
      for (size_t p = 0; p < np; p++) {
        char *orig = docs[p];
        for (size_t k = 0;; k++) {
          char *cut = without_action(orig, k);
          if (!cut)
            break;
          docs[p] = cut;
          if (policy_findings(buf, len, i, docs, np) == 0)
            fail_msg("%s:%u: removing action %zu of the %s policy changes "
                     "nothing: it is not needed",
                     path, pc_stmt_pos(s).line, k,
                     pc_service_name(pc_stmt_policy_at(s, p)->service));
          cJSON_free(cut);
          removals++;
        }
        docs[p] = orig;
      }
      for (size_t p = 0; p < np; p++)
        free(docs[p]);
      free(docs);
    }
    pc_ctx_free(gen);
    free(buf);
  }
  globfree(&g);
  print_message("%zu statements: generated policies pass; %zu single-action "
                "removals all fail\n",
                checked, removals);
  assert_true(checked > 50);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(generated_policies_should_be_exactly_enough),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
