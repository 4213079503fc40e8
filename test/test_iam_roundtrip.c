/*
 * test_iam_roundtrip.c - generated policies are exactly enough.
 *
 * For every fixture statement with derived policies: its identity documents,
 * given back with pc_ctx_add_policy, grant everything the statement needs
 * (no missing-permission or conditional-permission finding on it), and
 * removing any one action from them makes the statement fail.
 *
 * Each statement is checked on its own: its bytes are cut out once, at the
 * ends of statements as the library's own splitter finds them, and every
 * check of it reads only them, not the whole file.  That the cut-out
 * statement is the same statement is checked first: it must be the first
 * to resolve in its piece, derive the same policy documents and have the
 * same findings as in the whole file.
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

/* Policy findings on the statement at offset at when buf is checked
   against docs. */
static size_t policy_findings(const char *buf, size_t len, uint64_t at,
                              char **docs, size_t ndocs) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  for (size_t d = 0; d < ndocs; d++)
    assert_int_equal(
        pc_ctx_add_policy(ctx, "generated.json", docs[d], strlen(docs[d])),
        PC_OK);
  assert_int_equal(pc_check_buffer(ctx, "f.sql", buf, len), PC_OK);
  const pc_file *f = pc_file_at(ctx, pc_file_count(ctx) - 1);
  const pc_stmt *s = NULL;
  for (size_t i = 0; i < pc_file_stmt_count(f) && !s; i++)
    if (pc_stmt_pos(pc_file_stmt_at(f, i)).offset == at)
      s = pc_file_stmt_at(f, i);
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

/* The offsets at which the splitter completes a statement that matters
   (fed one byte at a time, the batch grows when one is complete), then
   len; *n of them (malloc'd). */
static size_t *statement_ends(const char *buf, size_t len, size_t *n) {
  pc_splitter *sp = pc_splitter_new(NULL);
  pc_batch *b = pc_batch_new();
  size_t *ends = malloc((len + 1) * sizeof *ends);
  assert_true(sp && b && ends);
  assert_int_equal(pc_splitter_begin(sp), PC_OK);
  *n = 0;
  size_t held = 0;
  for (size_t i = 0; i < len; i++) {
    assert_int_equal(pc_splitter_feed(sp, buf + i, 1, b), PC_OK);
    if (pc_batch_size(b) != held) {
      held = pc_batch_size(b);
      ends[(*n)++] = i + 1;
    }
  }
  assert_int_equal(pc_splitter_end(sp, b), PC_OK);
  ends[(*n)++] = len;
  pc_batch_free(b);
  pc_splitter_free(sp);
  return ends;
}

/* Statement s of the whole file, checked again in piece[0..n), where it
   starts at offset at: does it resolve there, to the same kind, with the
   same policies and the same findings (rule and severity, in order)?
   NULL when it does, else what differs (static). */
static const char *differs(const char *path, const pc_stmt *s,
                           const pc_options *opt, const char *piece, size_t n,
                           uint64_t at) {
  static char why[256];
  pc_ctx *ctx = pc_ctx_new(opt);
  assert_non_null(ctx);
  assert_int_equal(pc_check_buffer(ctx, path, piece, n), PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  const pc_stmt *c = NULL;
  for (size_t i = 0; i < pc_file_stmt_count(f) && !c; i++)
    if (pc_stmt_pos(pc_file_stmt_at(f, i)).offset == at)
      c = pc_file_stmt_at(f, i);
  why[0] = '\0';
  if (!c)
    snprintf(why, sizeof why, "it does not resolve");
  else if (pc_stmt_kind_of(c) != pc_stmt_kind_of(s))
    snprintf(why, sizeof why, "another kind of statement");
  else if (pc_stmt_policy_count(c) != pc_stmt_policy_count(s))
    snprintf(why, sizeof why, "%zu policies, %zu in the file",
             pc_stmt_policy_count(c), pc_stmt_policy_count(s));
  else if (pc_stmt_finding_count(c) != pc_stmt_finding_count(s))
    snprintf(why, sizeof why, "%zu findings, %zu in the file",
             pc_stmt_finding_count(c), pc_stmt_finding_count(s));
  for (size_t p = 0; !why[0] && p < pc_stmt_policy_count(s); p++)
    if (strcmp(pc_stmt_policy_at(c, p)->identity,
               pc_stmt_policy_at(s, p)->identity) != 0)
      snprintf(why, sizeof why, "policy %zu differs", p);
  for (size_t j = 0; !why[0] && j < pc_stmt_finding_count(s); j++) {
    const pc_finding *a = pc_stmt_finding_at(s, j), *b = pc_stmt_finding_at(c, j);
    if (strcmp(a->rule, b->rule) != 0 || a->severity != b->severity)
      snprintf(why, sizeof why, "finding %zu differs (%s, then %s)", j,
               a->rule, b->rule);
  }
  pc_ctx_free(ctx);
  return why[0] ? why : NULL;
}

static void generated_policies_should_be_exactly_enough(void **state) {
  (void)state;
  glob_t g;
  assert_int_equal(glob("fixtures/*/*.sql", 0, NULL, &g), 0);
  size_t checked = 0, removals = 0, with_prefix = 0;
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
    size_t nends, *ends = statement_ends(buf, len, &nends), e = 0;
    for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
      const pc_stmt *s = pc_file_stmt_at(f, i);
      size_t np = pc_stmt_policy_count(s);
      if (np == 0)
        continue;
      /* statement i's bytes: from the end of the statement before it to
         its own end */
      size_t at = (size_t)pc_stmt_pos(s).offset;
      while (e < nends && ends[e] <= at)
        e++;
      assert_true(e < nends);
      size_t from = e ? ends[e - 1] : 0, to = ends[e];
      assert_true(from <= at && at < to && to <= len);
      /* A statement may depend on those before it (a Databend stage on its
         connection): then it is checked with everything before it. */
      if (from && differs(path, s, &opt, buf + from, to - from, at - from)) {
        from = 0;
        with_prefix++;
      }
      const char *why = differs(path, s, &opt, buf + from, to - from, at - from);
      if (why)
        fail_msg("%s:%u: cut out of the file, the statement is not the same: "
                 "%s",
                 path, pc_stmt_pos(s).line, why);
      const char *piece = buf + from;
      size_t plen = to - from;
      char **docs = calloc(np, sizeof *docs);
      assert_non_null(docs);
      for (size_t p = 0; p < np; p++)
        docs[p] = strdup(pc_stmt_policy_at(s, p)->identity);
      size_t got = policy_findings(piece, plen, at - from, docs, np);
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
          if (policy_findings(piece, plen, at - from, docs, np) == 0)
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
    free(ends);
    free(buf);
  }
  globfree(&g);
  print_message("%zu statements (%zu checked with the statements before "
                "them): generated policies pass; %zu single-action removals "
                "all fail\n",
                checked, with_prefix, removals);
  assert_true(checked > 50);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(generated_policies_should_be_exactly_enough),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
