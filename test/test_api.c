/*
 * test_api.c - the public API of libpropcheck (include/propcheck.h).
 *
 * Versions, names, the rule table, contexts (NULL safety, reset, calls out
 * of order), accessors, rendering to memory in text and JSON (the JSON is
 * parsed back with cJSON and compared with the accessors), write failures,
 * and the secrets promise: "No message, key or rendered output ever
 * contains the value of a credential".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "propcheck.h"
#include "test_io.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ helpers */

/* A growable memory sink for pc_render. */
typedef struct Sink {
  char *data;
  size_t len, cap;
  int calls;       /* write calls made */
  int fail_at;     /* fail the call with this number (1-based), 0: never */
  int after_fail;  /* calls made after a failure was reported */
} Sink;

static int sink_write(void *user, const char *data, size_t len) {
  Sink *s = user;
  s->calls++;
  if (s->fail_at && s->calls > s->fail_at)
    s->after_fail++;
  if (s->fail_at && s->calls >= s->fail_at)
    return 1;
  if (s->len + len + 1 > s->cap) {
    size_t cap = (s->len + len + 1) * 2;
    char *d = realloc(s->data, cap);
    if (!d)
      return 1;
    s->data = d;
    s->cap = cap;
  }
  memcpy(s->data + s->len, data, len);
  s->len += len;
  s->data[s->len] = '\0';
  return 0;
}

static void sink_free(Sink *s) {
  free(s->data);
  memset(s, 0, sizeof *s);
}

/* Renders ctx into a new NUL-terminated string (malloc'd). */
static char *render(const pc_ctx *ctx, pc_format fmt, unsigned flags) {
  Sink s = {0};
  pc_status st = pc_render(ctx, fmt, flags, sink_write, &s);
  if (st != PC_OK) {
    sink_free(&s);
    fail_msg("pc_render returned %s", pc_status_str(st));
  }
  if (!s.data) {
    s.data = calloc(1, 1);
    assert_non_null(s.data);
  }
  return s.data;
}

/* Teardown for tests that keep their context in *state. */
static int free_ctx(void **state) {
  pc_ctx_free(*state);
  *state = NULL;
  return 0;
}

static pc_ctx *new_ctx(void **state, const pc_options *opt) {
  pc_ctx *ctx = pc_ctx_new(opt);
  assert_non_null(ctx);
  *state = ctx;
  return ctx;
}

static void check_text(pc_ctx *ctx, const char *path, const char *sql) {
  assert_int_equal(pc_check_buffer(ctx, path, sql, strlen(sql)), PC_OK);
}

/* A file with statements, findings with and without related positions, an
   assumed role (a base), a REST catalog and a '#' (a file finding). */
static const char SAMPLE[] =
    "-- sample\n"
    "CREATE EXTERNAL CATALOG lake PROPERTIES (\n"
    "    \"type\" = \"hive\",\n"
    "    \"hive.metastore.type\" = \"glue\",\n"
    "    \"aws.glue.use_instance_profile\" = \"true\",\n"
    "    \"aws.glue.iam_role_arn\" = \"arn:aws:iam::123456789012:role/g\",\n"
    "    \"aws.glue.region\" = \"us-west-2\",\n"
    "    \"aws.s3.use_instance_profile\" = \"true\",\n"
    "    \"aws.s3.use_aws_sdk_default_behavior\" = \"true\",\n"
    "    \"aws.s3.region\" = \"us-west-2\"\n"
    ");\n"
    "SELECT 1 # not a comment;\n"
    "CREATE EXTERNAL CATALOG rest PROPERTIES (\"type\" = \"iceberg\", "
    "\"iceberg.catalog.type\" = \"rest\", \"iceberg.catalog.uri\" = "
    "\"https://h/api\", \"iceberg.catalog.security\" = \"oauth2\");\n"
    "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"parquet\", "
    "\"aws.s3.use_instance_profile\" = \"true\", \"aws.s3.region\" = "
    "\"us-east-1\");\n";

/* ------------------------------------------------------------ versions, names */

static void version_macros_should_match_pc_version(void **state) {
  (void)state;
  char buf[64];
  snprintf(buf, sizeof buf, "%d.%d.%d", PROPCHECK_VERSION_MAJOR,
           PROPCHECK_VERSION_MINOR, PROPCHECK_VERSION_PATCH);
  assert_string_equal(buf, PROPCHECK_VERSION);
  assert_non_null(pc_version());
  assert_string_equal(pc_version(), PROPCHECK_VERSION);
}

static void names_should_be_static_and_distinct(void **state) {
  (void)state;
  static const char *const modes[PC_MODE_COUNT] = {
      "none",        "instance_profile", "assumed_role",
      "iam_user",    "sdk_default",      "web_identity",
      "sigv4",       "oauth2",           "jwt",
      "cluster_role", "anonymous",        "basic",
      "unknown"};
  for (int m = 0; m < PC_MODE_COUNT; m++)
    assert_string_equal(pc_mode_name((pc_mode)m), modes[m]);
  assert_string_equal(pc_mode_name(PC_MODE_COUNT), "unknown");
  assert_string_equal(pc_service_name(PC_SVC_S3), "s3");
  assert_string_equal(pc_service_name(PC_SVC_GLUE), "glue");
  assert_string_equal(pc_service_name(PC_SVC_REST), "rest");
  assert_string_equal(pc_service_name(PC_SVC_COUNT), "unknown");
  assert_string_equal(pc_severity_name(PC_SEV_NOTE), "note");
  assert_string_equal(pc_severity_name(PC_SEV_WARNING), "warning");
  assert_string_equal(pc_severity_name(PC_SEV_ERROR), "error");
  assert_string_equal(pc_stmt_kind_name(PC_STMT_CREATE_EXTERNAL_CATALOG),
                      "create_external_catalog");
  assert_string_equal(pc_stmt_kind_name(PC_STMT_BROKER_LOAD), "broker_load");
  assert_string_equal(pc_stmt_kind_name(PC_STMT_KIND_COUNT), "unknown");
  for (int i = 0; i < PC_STMT_KIND_COUNT; i++) {
    const char *a = pc_stmt_kind_name((pc_stmt_kind)i);
    assert_non_null(a);
    assert_string_not_equal(a, "unknown");
    for (const char *p = a; *p; p++)
      assert_true((*p >= 'a' && *p <= 'z') || *p == '_');
    for (int j = 0; j < i; j++)
      assert_string_not_equal(a, pc_stmt_kind_name((pc_stmt_kind)j));
  }
  static const pc_status sts[] = {PC_OK, PC_ENOMEM, PC_EINVAL, PC_EWRITE};
  for (size_t i = 0; i < COUNT(sts); i++) {
    assert_non_null(pc_status_str(sts[i]));
    assert_true(pc_status_str(sts[i])[0] != '\0');
    for (size_t j = 0; j < i; j++)
      assert_string_not_equal(pc_status_str(sts[i]), pc_status_str(sts[j]));
  }
}

/* Every name maps back to its value, and nothing else does. */
static void names_should_map_back_to_their_values(void **state) {
  (void)state;
  for (int i = 0; i < PC_STMT_KIND_COUNT; i++)
    assert_int_equal(pc_stmt_kind_from_name(pc_stmt_kind_name((pc_stmt_kind)i)),
                     i);
  for (int i = 0; i < PC_SVC_COUNT; i++)
    assert_int_equal(pc_service_from_name(pc_service_name((pc_service)i)), i);
  for (int i = 0; i < PC_MODE_COUNT; i++)
    assert_int_equal(pc_mode_from_name(pc_mode_name((pc_mode)i)), i);
  for (int i = PC_SEV_NOTE; i <= PC_SEV_ERROR; i++)
    assert_int_equal(pc_severity_from_name(pc_severity_name((pc_severity)i)),
                     i);
  for (int i = PC_LEVEL_DEFAULT; i <= PC_LEVEL_ERROR; i++)
    assert_int_equal(pc_level_from_name(pc_level_name((pc_level)i)), i);
  for (int i = PC_FORMAT_TEXT; i <= PC_FORMAT_GITLAB; i++)
    assert_int_equal(pc_format_from_name(pc_format_name((pc_format)i)), i);
  assert_string_equal(pc_format_name(PC_FORMAT_SARIF), "sarif");
  assert_string_equal(pc_level_name(PC_LEVEL_OFF), "off");
  static const char *const not_names[] = {"",        "unknown", "S3",
                                          "broker",  "Text",    "files ",
                                          "warning!"};
  for (size_t i = 0; i < COUNT(not_names); i++) {
    const char *n = not_names[i];
    assert_int_equal(pc_stmt_kind_from_name(n), -1);
    assert_int_equal(pc_service_from_name(n), -1);
    /* "unknown" is a mode (PC_MODE_UNKNOWN), and the name of any other
       value out of range */
    assert_int_equal(pc_mode_from_name(n),
                     strcmp(n, "unknown") == 0 ? PC_MODE_UNKNOWN : -1);
    assert_int_equal(pc_severity_from_name(n), -1);
    assert_int_equal(pc_level_from_name(n), -1);
    assert_int_equal(pc_format_from_name(n), -1);
  }
  assert_int_equal(pc_format_from_name(NULL), -1);
  assert_int_equal(pc_stmt_kind_from_name(NULL), -1);
}

/* ------------------------------------------------------------ rules */

static int is_kebab(const char *s) {
  if (!s || !*s || *s == '-')
    return 0;
  for (const char *p = s; *p; p++) {
    if (*p == '-') {
      if (p[1] == '-' || p[1] == '\0')
        return 0;
    } else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) {
      return 0;
    }
  }
  return 1;
}

static void rules_should_have_unique_kebab_case_ids_and_text(void **state) {
  (void)state;
  size_t n = pc_rule_count();
  assert_true(n > 0);
  for (size_t i = 0; i < n; i++) {
    const pc_rule *r = pc_rule_at(i);
    assert_non_null(r);
    if (!is_kebab(r->id))
      print_message("rule %zu: id '%s' is not kebab-case\n", i,
                    r->id ? r->id : "(null)");
    assert_true(is_kebab(r->id));
    assert_true(r->severity >= PC_SEV_NOTE && r->severity <= PC_SEV_ERROR);
    assert_non_null(r->summary);
    assert_true(r->summary[0] != '\0');
    assert_null(strchr(r->summary, '\n'));
    assert_non_null(r->help);
    assert_true(r->help[0] != '\0');
    assert_ptr_equal(pc_rule_find(r->id), r);
    for (size_t j = 0; j < i; j++)
      assert_string_not_equal(r->id, pc_rule_at(j)->id);
  }
  assert_null(pc_rule_at(n));
  assert_null(pc_rule_at((size_t)-1));
  assert_null(pc_rule_find("no-such-rule"));
  assert_null(pc_rule_find(""));
  assert_null(pc_rule_find(NULL));
}

static void rules_should_include_every_rule_the_tests_rely_on(void **state) {
  (void)state;
  static const char *const ids[] = {
      "syntax-error",       "unterminated",       "hash-comment",
      "statement-too-large", "io-error",          "missing-required-key",
      "missing-key-pair",   "invalid-value",      "ignored-credential",
      "conflicting-modes",  "setting-without-effect", "role-without-base",
      "sts-endpoint-without-region", "default-region", "no-credentials",
      "oauth2-fallback",    "sigv4-region-from-environment", "unknown-key",
      "key-case",           "duplicate-key",      "bool-read-as-false"};
  for (size_t i = 0; i < COUNT(ids); i++) {
    if (!pc_rule_find(ids[i]))
      print_message("rule '%s' is missing\n", ids[i]);
    assert_non_null(pc_rule_find(ids[i]));
  }
}

/* ------------------------------------------------------------ contexts */

/* Offsets in a statement are 32-bit: a limit that lets them wrap (security
   review F14: a 4 GiB statement got findings and a fix 4 GiB away) makes
   no context and no splitter; the largest allowed one does. */
static void a_statement_limit_of_4_gib_should_be_rejected(void **state) {
  (void)state;
  pc_options big = {PC_MAX_STATEMENT_BYTES + 1, 0};
  pc_options top = {PC_MAX_STATEMENT_BYTES, 0};
  assert_int_equal(pc_options_check(&big), PC_EINVAL);
  assert_int_equal(pc_options_check(&top), PC_OK);
  assert_int_equal(pc_options_check(NULL), PC_OK);
  assert_null(pc_ctx_new(&big));
  assert_null(pc_splitter_new(&big));
  pc_ctx *ctx = pc_ctx_new(&top);
  assert_non_null(ctx);
  pc_ctx_free(ctx);
  pc_splitter *sp = pc_splitter_new(&top);
  assert_non_null(sp);
  pc_splitter_free(sp);
}

static void pc_ctx_free_should_accept_null(void **state) {
  (void)state;
  pc_ctx_free(NULL);
  pc_ctx_reset(NULL);
  assert_int_equal(pc_file_count(NULL), 0);
  assert_null(pc_file_at(NULL, 0));
  assert_null(pc_file_path(NULL));
  assert_int_equal(pc_file_stmt_count(NULL), 0);
  assert_null(pc_file_stmt_at(NULL, 0));
  assert_int_equal(pc_file_finding_count(NULL), 0);
  assert_null(pc_file_finding_at(NULL, 0));
  assert_int_equal(pc_stmt_finding_count(NULL), 0);
  assert_null(pc_stmt_finding_at(NULL, 0));
  pc_auth a = {PC_MODE_JWT, PC_MODE_JWT, NULL};
  assert_int_equal(pc_stmt_service(NULL, PC_SVC_S3, &a), 0);
  assert_int_equal(a.mode, PC_MODE_NONE);
  assert_int_equal(a.base, PC_MODE_NONE);
  pc_summary s = pc_ctx_summary(NULL);
  assert_int_equal(s.files + s.statements + s.errors + s.warnings + s.notes,
                   0);
  assert_int_equal(pc_check_buffer(NULL, "x", "x", 1), PC_EINVAL);
  assert_int_equal(pc_file_begin(NULL, "x"), PC_EINVAL);
  assert_int_equal(pc_file_feed(NULL, "x", 1), PC_EINVAL);
  assert_int_equal(pc_file_end(NULL), PC_EINVAL);
}

static void streaming_calls_out_of_order_should_return_einval(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  assert_int_equal(pc_file_feed(ctx, "x", 1), PC_EINVAL);
  assert_int_equal(pc_file_end(ctx), PC_EINVAL);
  assert_int_equal(pc_file_begin(ctx, "a.sql"), PC_OK);
  assert_int_equal(pc_file_begin(ctx, "b.sql"), PC_EINVAL);
  assert_int_equal(pc_check_buffer(ctx, "c.sql", "x", 1), PC_EINVAL);
  assert_int_equal(pc_file_feed(ctx, NULL, 1), PC_EINVAL);
  assert_int_equal(pc_file_feed(ctx, NULL, 0), PC_OK);
  assert_int_equal(pc_file_feed(ctx, "SELECT 1;", 9), PC_OK);
  assert_int_equal(pc_file_end(ctx), PC_OK);
  assert_int_equal(pc_file_end(ctx), PC_EINVAL);
  assert_int_equal(pc_file_count(ctx), 1);
  assert_string_equal(pc_file_path(pc_file_at(ctx, 0)), "a.sql");
  assert_null(pc_file_at(ctx, 1));
}

/* A policy set is read once; its findings reach a context only when it is
   reported, under that context's levels, and using it reports nothing. */
static void a_policy_set_should_be_shared_and_reported_on_request(
    void **state) {
  static const char bad[] = "{\"Version\": \"2012-10-17\"}"; /* no Statement */
  pc_policies *p = pc_policies_new();
  assert_non_null(p);
  assert_int_equal(pc_policies_add(p, "bad.json", bad, sizeof bad - 1), PC_OK);
  assert_int_equal(pc_policies_add(p, "x.json", NULL, 1), PC_EINVAL);
  pc_ctx *ctx = new_ctx(state, NULL);
  assert_int_equal(pc_ctx_use_policies(ctx, p), PC_OK);
  assert_int_equal(pc_file_count(ctx), 0);
  assert_int_equal(pc_ctx_report_policies(ctx, p), PC_OK);
  assert_int_equal(pc_file_count(ctx), 1);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_string_equal(pc_file_path(f), "bad.json");
  assert_true(pc_file_finding_count(f) >= 1);
  assert_string_equal(pc_file_finding_at(f, 0)->rule, "invalid-policy");
  /* the same set, another context, the rule turned off there */
  pc_ctx *other = pc_ctx_new(NULL);
  assert_non_null(other);
  assert_int_equal(pc_ctx_set_rule_level(other, "invalid-policy", PC_LEVEL_OFF),
                   PC_OK);
  assert_int_equal(pc_ctx_report_policies(other, p), PC_OK);
  assert_int_equal(pc_file_count(other), 1);
  assert_int_equal(pc_file_finding_count(pc_file_at(other, 0)), 0);
  pc_ctx_free(other);
  /* not while a file is open */
  assert_int_equal(pc_file_begin(ctx, "a.sql"), PC_OK);
  assert_int_equal(pc_ctx_use_policies(ctx, p), PC_EINVAL);
  assert_int_equal(pc_ctx_report_policies(ctx, p), PC_EINVAL);
  assert_int_equal(pc_ctx_add_policy(ctx, "b.json", bad, sizeof bad - 1),
                   PC_EINVAL);
  assert_int_equal(pc_file_end(ctx), PC_OK);
  pc_ctx_reset(ctx);
  pc_ctx_free(ctx);
  *state = NULL;
  pc_policies_free(p);
}

static void
splitters_and_batches_out_of_order_should_return_einval(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  pc_splitter_free(NULL);
  pc_batch_free(NULL);
  pc_batch_clear(NULL);
  assert_int_equal(pc_batch_size(NULL), 0);
  pc_splitter *sp = pc_splitter_new(NULL);
  pc_batch *b = pc_batch_new();
  assert_non_null(sp);
  assert_non_null(b);
  /* a splitter: feed and end only between begin and end */
  assert_int_equal(pc_splitter_feed(sp, "x", 1, b), PC_EINVAL);
  assert_int_equal(pc_splitter_end(sp, b), PC_EINVAL);
  assert_int_equal(pc_splitter_begin(NULL), PC_EINVAL);
  assert_int_equal(pc_splitter_begin(sp), PC_OK);
  assert_int_equal(pc_splitter_begin(sp), PC_EINVAL);
  assert_int_equal(pc_splitter_feed(sp, "x", 1, NULL), PC_EINVAL);
  assert_int_equal(pc_splitter_feed(sp, NULL, 1, b), PC_EINVAL);
  static const char sql[] = "SELECT 1; CREATE EXTERNAL CATALOG c PROPERTIES "
                            "(\"type\" = \"hive\");\nSELECT 2";
  assert_int_equal(pc_splitter_feed(sp, sql, sizeof sql - 1, b), PC_OK);
  /* the SELECT cannot matter: only the catalog is held so far */
  size_t held = pc_batch_size(b);
  assert_true(held > 0 && held < sizeof sql - 1);
  assert_int_equal(pc_splitter_end(sp, b), PC_OK);
  /* the last statement has no ';', so it is checked (it may hold an open
     string): it joins the batch */
  assert_true(pc_batch_size(b) > held);
  assert_int_equal(pc_splitter_end(sp, b), PC_EINVAL);
  /* a batch needs an open file, fed by batches only */
  assert_int_equal(pc_file_feed_batch(ctx, b), PC_EINVAL);
  assert_int_equal(pc_file_feed_batch(NULL, b), PC_EINVAL);
  assert_int_equal(pc_file_begin(ctx, "a.sql"), PC_OK);
  assert_int_equal(pc_file_feed_batch(ctx, NULL), PC_EINVAL);
  assert_int_equal(pc_file_feed(ctx, "SELECT 1;", 9), PC_OK);
  assert_int_equal(pc_file_feed_batch(ctx, b), PC_EINVAL);
  assert_int_equal(pc_file_end(ctx), PC_OK);
  assert_int_equal(pc_file_begin(ctx, "b.sql"), PC_OK);
  assert_int_equal(pc_file_feed(ctx, NULL, 0), PC_OK); /* feeds nothing */
  assert_int_equal(pc_file_feed_batch(ctx, b), PC_OK);
  assert_int_equal(pc_file_feed(ctx, "SELECT 1;", 9), PC_EINVAL);
  assert_int_equal(pc_file_end(ctx), PC_OK);
  const pc_file *f = pc_file_at(ctx, 1);
  assert_int_equal(pc_file_stmt_count(f), 1);
  assert_int_equal(pc_stmt_kind_of(pc_file_stmt_at(f, 0)),
                   PC_STMT_CREATE_EXTERNAL_CATALOG);
  assert_int_equal(pc_stmt_pos(pc_file_stmt_at(f, 0)).column, 11);
  /* cleared, the batch is empty and the splitter starts anew */
  pc_batch_clear(b);
  assert_int_equal(pc_batch_size(b), 0);
  assert_int_equal(pc_splitter_begin(sp), PC_OK);
  assert_int_equal(pc_splitter_end(sp, b), PC_OK);
  assert_int_equal(pc_batch_size(b), 0);
  pc_batch_free(b);
  pc_splitter_free(sp);
}


static void a_path_should_be_copied(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  char path[] = "first.sql";
  assert_int_equal(pc_check_buffer(ctx, path, "SELECT 1;", 9), PC_OK);
  strcpy(path, "other.sq");
  assert_string_equal(pc_file_path(pc_file_at(ctx, 0)), "first.sql");
}

static void pc_ctx_reset_should_forget_files_and_keep_options(void **state) {
  pc_options opt = {64, 0};
  pc_ctx *ctx = new_ctx(state, &opt);
  check_text(ctx, "short.sql",
             "SELECT * FROM FILES(\"path\"=\"s3://b/x\",\"format\"=\"orc\");");
  assert_int_equal(pc_file_count(ctx), 1);
  assert_int_equal(pc_ctx_summary(ctx).statements, 1);

  pc_ctx_reset(ctx);
  assert_int_equal(pc_file_count(ctx), 0);
  assert_null(pc_file_at(ctx, 0));
  pc_summary s = pc_ctx_summary(ctx);
  assert_int_equal(s.files + s.statements + s.errors + s.warnings + s.notes,
                   0);
  char *json = render(ctx, PC_FORMAT_JSON, 0);
  cJSON *doc = cJSON_Parse(json);
  free(json);
  assert_non_null(doc);
  int nfiles = cJSON_GetArraySize(cJSON_GetObjectItem(doc, "files"));
  cJSON_Delete(doc);
  assert_int_equal(nfiles, 0);

  /* Usable again, with the same 64-byte statement limit. */
  static const char sql[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/a-path-long-enough-to-pass-the-"
      "limit\", \"format\" = \"parquet\");\nSELECT 1;";
  check_text(ctx, "after.sql", sql);
  assert_int_equal(pc_file_count(ctx), 1);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_string_equal(pc_file_path(f), "after.sql");
  assert_int_equal(pc_file_finding_count(f), 1);
  assert_string_equal(pc_file_finding_at(f, 0)->rule, "statement-too-large");
  pc_ctx_reset(ctx);
  pc_ctx_reset(ctx); /* twice in a row is fine */
  assert_int_equal(pc_file_count(ctx), 0);
}

/* pc_pos_of counts as the library does: every finding of every fixture
   (and its related position) is where pc_pos_of puts its offset, and
   pc_pos_from gives the same over ascending offsets. */
static void check_pos(const char *text, size_t len, pc_pos want, pc_pos *prev) {
  pc_pos got = pc_pos_of(text, len, (size_t)want.offset);
  assert_int_equal(got.line, want.line);
  assert_int_equal(got.column, want.column);
  assert_int_equal(got.offset, want.offset);
  pc_pos on = pc_pos_from(text, len, *prev, (size_t)want.offset);
  assert_int_equal(on.line, want.line);
  assert_int_equal(on.column, want.column);
  *prev = on;
}

static void pc_pos_of_should_agree_with_every_finding(void **state) {
  (void)state;
  glob_t g;
  assert_int_equal(glob("fixtures/*/*.sql", 0, NULL, &g), 0);
  size_t checked = 0;
  for (size_t i = 0; i < g.gl_pathc; i++) {
    size_t len;
    char *buf = read_file(g.gl_pathv[i], &len);
    pc_ctx *ctx = pc_ctx_new(NULL);
    assert_int_equal(pc_check_buffer(ctx, g.gl_pathv[i], buf, len), PC_OK);
    const pc_file *f = pc_file_at(ctx, 0);
    pc_pos prev = {0, 0, 0};
    for (size_t k = 0; k < pc_file_stmt_count(f); k++) {
      const pc_stmt *st = pc_file_stmt_at(f, k);
      for (size_t j = 0; j < pc_stmt_finding_count(st); j++, checked++) {
        const pc_finding *fd = pc_stmt_finding_at(st, j);
        check_pos(buf, len, fd->pos, &prev);
        if (fd->related.line)
          check_pos(buf, len, fd->related, &prev);
      }
    }
    for (size_t j = 0; j < pc_file_finding_count(f); j++, checked++)
      check_pos(buf, len, pc_file_finding_at(f, j)->pos, &prev);
    pc_ctx_free(ctx);
    free(buf);
  }
  globfree(&g);
  print_message("pc_pos_of: %zu findings\n", checked);
  assert_true(checked > 200);
  /* the ends: past the text, an empty text, a byte order mark */
  pc_pos p = pc_pos_of("ab\ncd", 5, 99);
  assert_int_equal(p.line, 2);
  assert_int_equal(p.column, 3);
  assert_int_equal(p.offset, 5);
  p = pc_pos_of(NULL, 0, 0);
  assert_int_equal(p.line, 1);
  assert_int_equal(p.column, 1);
  p = pc_pos_of("\xEF\xBB\xBFx\xC3\xA9y", 7, 6);
  assert_int_equal(p.column, 3);
  /* counting on from inside the mark changes nothing */
  for (size_t k = 0; k <= 6; k++) {
    pc_pos at = pc_pos_of("\xEF\xBB\xBFx\xC3\xA9y", 7, k);
    pc_pos on = pc_pos_from("\xEF\xBB\xBFx\xC3\xA9y", 7, at, 6);
    assert_int_equal(on.column, 3);
  }
}

static void pc_file_error_should_record_one_io_error_finding(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  assert_int_equal(pc_file_error(ctx, "missing.sql",
                                 "cannot open: No such file or directory"),
                   PC_OK);
  assert_int_equal(pc_file_count(ctx), 1);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_string_equal(pc_file_path(f), "missing.sql");
  assert_int_equal(pc_file_stmt_count(f), 0);
  assert_int_equal(pc_file_finding_count(f), 1);
  const pc_finding *e = pc_file_finding_at(f, 0);
  assert_string_equal(e->rule, "io-error");
  assert_int_equal(e->severity, PC_SEV_ERROR);
  assert_string_equal(e->message, "cannot open: No such file or directory");
  assert_int_equal(pc_ctx_summary(ctx).errors, 1);
  /* Checking can go on after it. */
  check_text(ctx, "next.sql", "SELECT 1;");
  assert_int_equal(pc_file_count(ctx), 2);
  char *text = render(ctx, PC_FORMAT_TEXT, 0);
  int found = strstr(text, "missing.sql: error: cannot open: No such file or "
                           "directory [io-error]\n") != NULL;
  free(text);
  assert_true(found);
}

static void accessors_should_reject_out_of_range_indexes(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "sample.sql", SAMPLE);
  const pc_file *f = pc_file_at(ctx, 0);
  size_t n = pc_file_stmt_count(f);
  assert_int_equal(n, 3);
  assert_null(pc_file_stmt_at(f, n));
  assert_null(pc_file_finding_at(f, pc_file_finding_count(f)));
  for (size_t i = 0; i < n; i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    assert_null(pc_stmt_finding_at(s, pc_stmt_finding_count(s)));
    pc_auth a = {PC_MODE_JWT, PC_MODE_JWT, NULL};
    assert_int_equal(pc_stmt_service(s, PC_SVC_COUNT, &a), 0);
    assert_int_equal(a.mode, PC_MODE_NONE);
    /* out may be NULL */
    (void)pc_stmt_service(s, PC_SVC_S3, NULL);
  }
}

/* ------------------------------------------------------------ text */

static void text_should_show_every_finding_in_gcc_style(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "sample.sql", SAMPLE);
  char *text = render(ctx, PC_FORMAT_TEXT, 0);
  const pc_file *f = pc_file_at(ctx, 0);
  int missing = 0;
  char line[1024];
  /* Every finding, statement or file level, appears with its position. */
  for (size_t i = 0; i <= pc_file_stmt_count(f); i++) {
    const pc_stmt *s = i < pc_file_stmt_count(f) ? pc_file_stmt_at(f, i)
                                                 : NULL;
    size_t nf = s ? pc_stmt_finding_count(s) : pc_file_finding_count(f);
    for (size_t k = 0; k < nf; k++) {
      const pc_finding *x = s ? pc_stmt_finding_at(s, k)
                              : pc_file_finding_at(f, k);
      snprintf(line, sizeof line, "sample.sql:%u:%u: %s: %s [%s]\n",
               x->pos.line, x->pos.column, pc_severity_name(x->severity),
               x->message, x->rule);
      if (!strstr(text, line)) {
        print_message("not in the text output: %s", line);
        missing++;
      }
      if (x->has_related && x->related_key) {
        snprintf(line, sizeof line, "sample.sql:%u:%u: note: '%s' is set "
                 "here\n", x->related.line, x->related.column,
                 x->related_key);
        if (!strstr(text, line)) {
          print_message("not in the text output: %s", line);
          missing++;
        }
      }
      /* Each finding's rule is in the table, with the same severity. */
      const pc_rule *r = pc_rule_find(x->rule);
      if (!r || r->severity != x->severity) {
        print_message("finding rule %s is not in the table with severity "
                      "%s\n", x->rule, pc_severity_name(x->severity));
        missing++;
      }
    }
  }
  pc_summary sum = pc_ctx_summary(ctx);
  snprintf(line, sizeof line, "propcheck: %zu error%s, %zu warning%s, %zu "
           "note%s in 1 file (3 statements resolved)\n", sum.errors,
           sum.errors == 1 ? "" : "s", sum.warnings,
           sum.warnings == 1 ? "" : "s", sum.notes, sum.notes == 1 ? "" : "s");
  int has_summary = strstr(text, line) != NULL;
  /* the rest of the '#' line is read as a comment: its text is masked */
  int has_source = strstr(text, "    12 | SELECT 1 # ***;\n") != NULL;
  int has_caret = strstr(text, "       |          ^~~~~\n") != NULL;
  int has_color = strchr(text, '\033') != NULL;
  free(text);
  assert_int_equal(missing, 0);
  assert_true(sum.errors + sum.warnings > 0);
  assert_true(has_summary);
  assert_true(has_source);
  assert_true(has_caret);
  assert_false(has_color);
}

static void text_flags_should_drop_source_and_summary_and_add_color(
    void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "sample.sql", SAMPLE);
  char *plain = render(ctx, PC_FORMAT_TEXT, PC_RENDER_NO_SOURCE);
  int plain_source = strstr(plain, " | ") != NULL;
  int plain_summary = strstr(plain, "propcheck: ") != NULL;
  free(plain);
  assert_false(plain_source);
  assert_true(plain_summary);

  char *nosum = render(ctx, PC_FORMAT_TEXT, PC_RENDER_NO_SUMMARY);
  int nosum_summary = strstr(nosum, "propcheck: ") != NULL;
  int nosum_source = strstr(nosum, " | ") != NULL;
  free(nosum);
  assert_false(nosum_summary);
  assert_true(nosum_source);

  char *color = render(ctx, PC_FORMAT_TEXT, PC_RENDER_COLOR);
  int has_color = strstr(color, "\033[") != NULL;
  free(color);
  assert_true(has_color);
}

static void text_should_say_no_findings_for_a_clean_file(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "clean.sql",
             "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = "
             "\"parquet\", \"aws.s3.use_instance_profile\" = \"true\", "
             "\"aws.s3.region\" = \"us-east-1\");\n");
  char *text = render(ctx, PC_FORMAT_TEXT, 0);
  int ok = strcmp(text, "propcheck: no findings in 1 file (1 statement "
                        "resolved)\n") == 0;
  if (!ok)
    print_message("got: %s", text);
  free(text);
  assert_true(ok);
}

/* ------------------------------------------------------------ JSON */

static int json_int(const cJSON *o, const char *name) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
  assert_non_null(v);
  assert_true(cJSON_IsNumber(v));
  return v->valueint;
}

static const char *json_str(const cJSON *o, const char *name) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
  assert_non_null(v);
  assert_true(cJSON_IsString(v));
  return v->valuestring;
}

static void check_json_finding(const cJSON *j, const pc_finding *f) {
  assert_true(cJSON_IsObject(j));
  assert_string_equal(json_str(j, "rule"), f->rule);
  assert_string_equal(json_str(j, "severity"), pc_severity_name(f->severity));
  assert_string_equal(json_str(j, "message"), f->message);
  assert_int_equal(json_int(j, "line"), f->pos.line);
  assert_int_equal(json_int(j, "column"), f->pos.column);
  if (f->key)
    assert_string_equal(json_str(j, "key"), f->key);
  else
    assert_null(cJSON_GetObjectItemCaseSensitive(j, "key"));
  const cJSON *rel = cJSON_GetObjectItemCaseSensitive(j, "related");
  if (f->has_related) {
    assert_non_null(rel);
    assert_int_equal(json_int(rel, "line"), f->related.line);
    assert_int_equal(json_int(rel, "column"), f->related.column);
    if (f->related_key)
      assert_string_equal(json_str(rel, "key"), f->related_key);
  } else {
    assert_null(rel);
  }
}

static void check_json_file(const cJSON *jf, const pc_file *f) {
  assert_string_equal(json_str(jf, "path"), pc_file_path(f));
  const cJSON *stmts = cJSON_GetObjectItemCaseSensitive(jf, "statements");
  assert_true(cJSON_IsArray(stmts));
  assert_int_equal(cJSON_GetArraySize(stmts), pc_file_stmt_count(f));
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    const cJSON *js = cJSON_GetArrayItem(stmts, (int)i);
    assert_string_equal(json_str(js, "kind"),
                        pc_stmt_kind_name(pc_stmt_kind_of(s)));
    assert_int_equal(json_int(js, "line"), pc_stmt_pos(s).line);
    assert_int_equal(json_int(js, "column"), pc_stmt_pos(s).column);
    const cJSON *svcs = cJSON_GetObjectItemCaseSensitive(js, "services");
    assert_true(cJSON_IsObject(svcs));
    int used = 0;
    for (int v = 0; v < PC_SVC_COUNT; v++) {
      pc_auth a;
      const cJSON *jv = cJSON_GetObjectItemCaseSensitive(
          svcs, pc_service_name((pc_service)v));
      if (!pc_stmt_service(s, (pc_service)v, &a)) {
        assert_null(jv);
        continue;
      }
      used++;
      assert_non_null(jv);
      assert_string_equal(json_str(jv, "mode"), pc_mode_name(a.mode));
      if (a.base != PC_MODE_NONE)
        assert_string_equal(json_str(jv, "base"), pc_mode_name(a.base));
      else
        assert_null(cJSON_GetObjectItemCaseSensitive(jv, "base"));
    }
    assert_int_equal(cJSON_GetArraySize(svcs), used);
    const cJSON *fs = cJSON_GetObjectItemCaseSensitive(js, "findings");
    assert_true(cJSON_IsArray(fs));
    assert_int_equal(cJSON_GetArraySize(fs), pc_stmt_finding_count(s));
    for (size_t k = 0; k < pc_stmt_finding_count(s); k++)
      check_json_finding(cJSON_GetArrayItem(fs, (int)k),
                         pc_stmt_finding_at(s, k));
  }
  const cJSON *fs = cJSON_GetObjectItemCaseSensitive(jf, "findings");
  assert_true(cJSON_IsArray(fs));
  assert_int_equal(cJSON_GetArraySize(fs), pc_file_finding_count(f));
  for (size_t k = 0; k < pc_file_finding_count(f); k++)
    check_json_finding(cJSON_GetArrayItem(fs, (int)k),
                       pc_file_finding_at(f, k));
}

/* The JSON test owns a context and a parsed document. */
typedef struct JsonFixture {
  pc_ctx *ctx;
  cJSON *doc;
} JsonFixture;

static int json_setup(void **state) {
  JsonFixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  return fx ? 0 : -1;
}

static int json_teardown(void **state) {
  JsonFixture *fx = *state;
  if (fx) {
    cJSON_Delete(fx->doc);
    pc_ctx_free(fx->ctx);
    free(fx);
  }
  return 0;
}

static void json_should_hold_what_the_accessors_return(void **state) {
  JsonFixture *fx = *state;
  pc_ctx *ctx = fx->ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  check_text(ctx, "sample.sql", SAMPLE);
  assert_int_equal(pc_file_error(ctx, "gone.sql", "cannot read"), PC_OK);
  char *json = render(ctx, PC_FORMAT_JSON, 0);
  size_t n = strlen(json);
  int newline = n > 0 && json[n - 1] == '\n';
  fx->doc = cJSON_Parse(json);
  free(json);
  assert_true(newline);
  assert_non_null(fx->doc);
  const cJSON *files = cJSON_GetObjectItemCaseSensitive(fx->doc, "files");
  const cJSON *sum = cJSON_GetObjectItemCaseSensitive(fx->doc, "summary");
  assert_string_equal(json_str(fx->doc, "version"), PROPCHECK_VERSION);
  assert_true(cJSON_IsArray(files));
  assert_true(cJSON_IsObject(sum));
  assert_int_equal(cJSON_GetArraySize(files), pc_file_count(ctx));
  for (size_t i = 0; i < pc_file_count(ctx); i++)
    check_json_file(cJSON_GetArrayItem(files, (int)i), pc_file_at(ctx, i));
  pc_summary s = pc_ctx_summary(ctx);
  assert_int_equal(json_int(sum, "files"), s.files);
  assert_int_equal(json_int(sum, "statements"), s.statements);
  assert_int_equal(json_int(sum, "errors"), s.errors);
  assert_int_equal(json_int(sum, "warnings"), s.warnings);
  assert_int_equal(json_int(sum, "notes"), s.notes);
  assert_int_equal(s.files, 2);
  assert_int_equal(s.statements, 3);

  /* Spot checks on the sample: the Glue role and the I/O error. */
  const cJSON *st0 = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(files, 0),
                                       "statements"), 0);
  const cJSON *glue = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(st0, "services"), "glue");
  assert_non_null(glue);
  assert_string_equal(json_str(glue, "mode"), "assumed_role");
  assert_string_equal(json_str(glue, "base"), "instance_profile");
  const cJSON *io = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(files, 1),
                                       "findings"), 0);
  assert_non_null(io);
  assert_string_equal(json_str(io, "rule"), "io-error");
}

/* ------------------------------------------------------------ write errors */

static void a_failing_write_should_make_pc_render_return_ewrite(
    void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "sample.sql", SAMPLE);
  static const pc_format fmts[] = {PC_FORMAT_TEXT, PC_FORMAT_JSON};
  for (size_t i = 0; i < COUNT(fmts); i++) {
    Sink s = {0};
    s.fail_at = 1;
    pc_status st = pc_render(ctx, fmts[i], 0, sink_write, &s);
    int calls = s.calls;
    sink_free(&s);
    assert_int_equal(st, PC_EWRITE);
    assert_int_equal(calls, 1);
  }
}

static void a_write_failing_midway_should_stop_the_text_output(
    void **state) {
  /* Enough findings for the text renderer to write more than once. */
  enum { N = 600 };
  static const char one[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"parquet\", "
      "\"aws.s3.use_instance_profile\" = \"yes\");\n";
  size_t len = (sizeof one - 1) * N;
  char *sql = malloc(len + 1);
  assert_non_null(sql);
  for (int i = 0; i < N; i++)
    memcpy(sql + (size_t)i * (sizeof one - 1), one, sizeof one - 1);
  sql[len] = '\0';
  pc_ctx *ctx = new_ctx(state, NULL);
  pc_status st = pc_check_buffer(ctx, "many.sql", sql, len);
  free(sql);
  assert_int_equal(st, PC_OK);

  Sink all = {0};
  st = pc_render(ctx, PC_FORMAT_TEXT, 0, sink_write, &all);
  int calls = all.calls;
  sink_free(&all);
  assert_int_equal(st, PC_OK);
  assert_true(calls >= 2);

  Sink s = {0};
  s.fail_at = 2;
  st = pc_render(ctx, PC_FORMAT_TEXT, 0, sink_write, &s);
  int after = s.after_fail;
  sink_free(&s);
  assert_int_equal(st, PC_EWRITE);
  assert_int_equal(after, 0);
}

static void pc_render_should_reject_bad_arguments(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  Sink s = {0};
  assert_int_equal(pc_render(NULL, PC_FORMAT_TEXT, 0, sink_write, &s),
                   PC_EINVAL);
  assert_int_equal(pc_render(ctx, PC_FORMAT_TEXT, 0, NULL, &s), PC_EINVAL);
  assert_int_equal(pc_render(ctx, (pc_format)42, 0, sink_write, &s),
                   PC_EINVAL);
  assert_int_equal(s.calls, 0);
  sink_free(&s);
}

/* ------------------------------------------------------------ secrets */

/* Distinctive values: no 4-character piece of them can occur in output by
   chance.  A value may be split over lines with '\n' (each line is a
   piece of the canary). */
static const char *const canaries[] = {
    "QzqZ9vWxK7pLm2Rt", /* 0 aws.s3.access_key */
    "Jh4XwQ8vZk3NbT6y", /* 1 aws.s3.secret_key */
    "Pf7GzV2qXm9WcL5r", /* 2 aws.s3.session_token */
    "Yb3KqW8xZr6TfM1n", /* 3 aws.glue.secret_key */
    "Vx2QjZ7kWp4HgS9d", /* 4 iceberg.catalog.oauth2.credential */
    "Zm8RqX3wVk5JtB2c", /* 5 iceberg.catalog.rest.secret-access-key */
    "Kw5ZxQ9mVr2PnG7h", /* 6 misspelled aws.s3.secret_ky */
    "Ht6VqZ4xWm8KsD3j", /* 7 duplicated secret key, first */
    "Rn3XwQ7zVk1LfP5g", /* 8 duplicated secret key, second */
    "Gq8ZvX2kWt6MhR4b", /* 9 secret right before a syntax error */
    "Lx4QzW9vKr7TnF2m", /* 10 unquoted secret (a syntax error) */
    "Fc6WzQ3xVj8RkM5s", /* 11 secret before a missing ')' */
    "Wd5QzX7p\nKv8RmT3j", /* 12 secret over two lines */
    "Nq2ZwX8vRk5LmG7p", /* 13 secret in an unterminated string */
    "Sb7XqZ4wMv9KhT2f", /* 14 secret equal to its access key */
};

static const char SECRETS_SQL[] =
    /* every secret key of the brief, with findings on their lines */
    "CREATE EXTERNAL CATALOG s PROPERTIES (\n"
    "  \"type\" = \"hive\", \"hive.metastore.type\" = \"glue\",\n"
    "  \"aws.s3.access_key\" = \"QzqZ9vWxK7pLm2Rt\", "
    "\"aws.s3.use_instance_profile\" = \"yes\",\n"
    "  \"aws.s3.secret_key\" = \"Jh4XwQ8vZk3NbT6y\", \"aws.s3.region\" = \"\",\n"
    "  \"aws.s3.session_token\" = \"Pf7GzV2qXm9WcL5r\", "
    "\"aws.s3.iam_role_arn\" = \"arn:aws:iam::1:role/r\",\n"
    "  \"aws.glue.use_instance_profile\" = \"true\", "
    "\"aws.glue.secret_key\" = \"Yb3KqW8xZr6TfM1n\",\n"
    "  \"aws.s3.secret_ky\" = \"Kw5ZxQ9mVr2PnG7h\",\n"
    "  \"aws.glue.secret_key\" = \"Ht6VqZ4xWm8KsD3j\", "
    "\"aws.glue.secret_key\" = \"Rn3XwQ7zVk1LfP5g\"\n"
    ");\n"
    "CREATE EXTERNAL CATALOG r PROPERTIES (\"type\" = \"iceberg\", "
    "\"iceberg.catalog.type\" = \"rest\", \"iceberg.catalog.uri\" = "
    "\"https://h/api\",\n"
    "  \"iceberg.catalog.oauth2.credential\" = \"Vx2QjZ7kWp4HgS9d\", "
    "\"iceberg.catalog.oauth2.scope\" = \"s\",\n"
    "  \"iceberg.catalog.rest.secret-access-key\" = \"Zm8RqX3wVk5JtB2c\", "
    "\"iceberg.catalog.rest.signing-name\" = \"glue\"\n"
    ");\n"
    /* syntax errors right after a secret value */
    "LOAD LABEL db.a (DATA INFILE(\"s3://b/x\") INTO TABLE t) WITH BROKER (\n"
    "  \"aws.s3.secret_key\" = \"Gq8ZvX2kWt6MhR4b\" \"aws.s3.region\" = "
    "\"us-west-2\");\n"
    "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\", "
    "\"aws.s3.secret_key\" = Lx4QzW9vKr7TnF2m);\n"
    "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\", "
    "\"aws.glue.secret_key\" = \"Fc6WzQ3xVj8RkM5s\";\n"
    /* a value over two lines, with a finding on its second line */
    "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\", "
    "\"aws.s3.secret_key\" = \"Wd5QzX7p\n"
    "Kv8RmT3j\", \"aws.s3.use_instance_profile\" = \"on\");\n"
    /* the same value as access key and secret key */
    "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\", "
    "\"aws.s3.access_key\" = \"Sb7XqZ4wMv9KhT2f\", "
    "\"aws.s3.secret_key\" = \"Sb7XqZ4wMv9KhT2f\");\n";

/* The last statement of a second file: a string that never closes. */
static const char OPEN_SECRET_SQL[] =
    "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\", "
    "\"aws.s3.secret_key\" = \"Nq2ZwX8vRk5LmG7p";

/* Prints and counts each 4-character piece of a canary found in out. */
static int count_leaks(const char *what, const char *out,
                       const char *const *list, size_t n) {
  int leaks = 0;
  for (size_t i = 0; i < n; i++) {
    const char *c = list[i];
    size_t len = strlen(c);
    for (size_t k = 0; k + 4 <= len; k++) {
      if (memchr(c + k, '\n', 4))
        continue;
      char piece[5];
      memcpy(piece, c + k, 4);
      piece[4] = '\0';
      const char *at = strstr(out, piece);
      if (at) {
        const char *ls = at;
        while (ls > out && ls[-1] != '\n')
          ls--;
        print_message("%s: canary %zu piece \"%s\" appears in: %.*s\n", what,
                      i, piece, (int)strcspn(ls, "\n"), ls);
        leaks++;
        break; /* one report per canary is enough */
      }
    }
  }
  return leaks;
}

/* Renders ctx in every format and counts canary leaks, also in the
   messages, keys and related keys read through the accessors. */
static int leaks_in(const pc_ctx *ctx, const char *const *list, size_t n) {
  int leaks = 0;
  char *text = render(ctx, PC_FORMAT_TEXT, 0);
  leaks += count_leaks("text", text, list, n);
  free(text);
  char *json = render(ctx, PC_FORMAT_JSON, 0);
  leaks += count_leaks("json", json, list, n);
  free(json);
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    for (size_t j = 0; j <= pc_file_stmt_count(f); j++) {
      const pc_stmt *s = j < pc_file_stmt_count(f) ? pc_file_stmt_at(f, j)
                                                   : NULL;
      size_t nf = s ? pc_stmt_finding_count(s) : pc_file_finding_count(f);
      for (size_t k = 0; k < nf; k++) {
        const pc_finding *x = s ? pc_stmt_finding_at(s, k)
                                : pc_file_finding_at(f, k);
        leaks += count_leaks("message", x->message, list, n);
        if (x->key)
          leaks += count_leaks("key", x->key, list, n);
        if (x->related_key)
          leaks += count_leaks("related key", x->related_key, list, n);
      }
    }
  }
  return leaks;
}

static size_t total_findings(const pc_ctx *ctx) {
  pc_summary s = pc_ctx_summary(ctx);
  return s.errors + s.warnings + s.notes;
}

static int rule_reported(const pc_ctx *ctx, const char *rule) {
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    for (size_t k = 0; k < pc_file_finding_count(f); k++)
      if (strcmp(pc_file_finding_at(f, k)->rule, rule) == 0)
        return 1;
    for (size_t j = 0; j < pc_file_stmt_count(f); j++) {
      const pc_stmt *s = pc_file_stmt_at(f, j);
      for (size_t k = 0; k < pc_stmt_finding_count(s); k++)
        if (strcmp(pc_stmt_finding_at(s, k)->rule, rule) == 0)
          return 1;
    }
  }
  return 0;
}

static void secrets_should_never_appear_in_any_output(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "secrets.sql", SECRETS_SQL);
  check_text(ctx, "open.sql", OPEN_SECRET_SQL);
  /* The input does make the findings whose lines hold the secrets. */
  static const char *const expected[] = {
      "bool-read-as-false", "ignored-credential", "unknown-key",
      "duplicate-key",      "setting-without-effect", "syntax-error",
      "unterminated",       "secret-equals-access-key"};
  for (size_t i = 0; i < COUNT(expected); i++) {
    if (!rule_reported(ctx, expected[i]))
      print_message("rule %s was not reported\n", expected[i]);
    assert_true(rule_reported(ctx, expected[i]));
  }
  assert_true(total_findings(ctx) >= 10);
  assert_int_equal(leaks_in(ctx, canaries, COUNT(canaries)), 0);
}

/* Several statements on one line: a finding of the second statement shows
   the whole line, which holds the first statement's credentials. */
static void a_secret_should_not_appear_in_the_line_of_a_later_statement(
    void **state) {
  static const char *const mine[] = {"Dz7WqX5vMk3RgH8t", "Cj4ZqW9xTv6NbK2p"};
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "oneline.sql",
             "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\", "
             "\"aws.s3.access_key\" = \"Cj4ZqW9xTv6NbK2p\", \"aws.s3.secret_key\" "
             "= \"Dz7WqX5vMk3RgH8t\"); SELECT * FROM FILES(\"format\" = \"orc\");"
             "\n");
  assert_true(rule_reported(ctx, "missing-required-key"));
  assert_int_equal(leaks_in(ctx, mine, COUNT(mine)), 0);
}

/* A property list in a statement propcheck does not resolve (here EXPORT
   ... WITH BROKER) still holds credentials; a '#' on its line makes a
   finding that shows the line. */
static void a_secret_in_an_unresolved_statement_should_not_appear(
    void **state) {
  static const char *const mine[] = {"Bv9QxZ3wKm6TjN4r", "Tg5WxQ2zKr8VmH6d"};
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "export.sql",
             "EXPORT TABLE db.t TO \"s3://b/e/\" WITH BROKER "
             "(\"aws.s3.access_key\" = \"Tg5WxQ2zKr8VmH6d\", "
             "\"aws.s3.secret_key\" = \"Bv9QxZ3wKm6TjN4r\") # nightly\n;\n");
  assert_true(rule_reported(ctx, "hash-comment"));
  assert_int_equal(leaks_in(ctx, mine, COUNT(mine)), 0);
}

/* A missing comma with no space after a secret value: a doubled quote
   joins the value and the next key into one string, which is followed by
   '=' and so looks like a key - but it holds the secret. */
static void a_secret_glued_to_the_next_key_should_not_appear(void **state) {
  static const char *const mine[] = {"Mk7QzW3xVr9TpL2n"};
  pc_ctx *ctx = new_ctx(state, NULL);
  check_text(ctx, "glued.sql",
             "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\", "
             "\"aws.s3.secret_key\" = \"Mk7QzW3xVr9TpL2n\"\"aws.s3.region\" = "
             "\"us-west-2\");\n");
  assert_true(rule_reported(ctx, "syntax-error"));
  assert_int_equal(leaks_in(ctx, mine, COUNT(mine)), 0);
}

/* docs/json.md documents the JSON output: every statement kind, service,
   mode and severity the library prints must be a row of its section's
   table ("| `name` |"), so that a name added to the library, or a row
   lost from the page, fails here.  Tests run from the top of the tree. */
static void json_doc_should_name_every_kind_service_mode_and_severity(
    void **state) {
  (void)state;
  static const char *const sections[] = {"Statement kinds",
                                         "Services and modes", "Severities"};
  struct {
    int section;
    const char *name;
  } want[PC_STMT_KIND_COUNT + PC_SVC_COUNT + PC_MODE_COUNT + 3];
  size_t n = 0;
  for (int k = 0; k < PC_STMT_KIND_COUNT; k++)
    want[n].section = 0, want[n++].name = pc_stmt_kind_name((pc_stmt_kind)k);
  for (int v = 0; v < PC_SVC_COUNT; v++)
    want[n].section = 1, want[n++].name = pc_service_name((pc_service)v);
  size_t unknown_mode = n + PC_MODE_UNKNOWN; /* "unknown" is its name */
  for (int m = 0; m < PC_MODE_COUNT; m++)
    want[n].section = 1, want[n++].name = pc_mode_name((pc_mode)m);
  for (int sev = PC_SEV_NOTE; sev <= PC_SEV_ERROR; sev++)
    want[n].section = 2, want[n++].name = pc_severity_name((pc_severity)sev);
  size_t len;
  char *doc = read_file("docs/json.md", &len);
  int missing = 0;
  for (size_t i = 0; i < n; i++) {
    char heading[64], row[128];
    snprintf(heading, sizeof heading, "\n## %s\n", sections[want[i].section]);
    const char *start = strstr(doc, heading);
    const char *end = start ? strstr(start + 1, "\n## ") : NULL;
    snprintf(row, sizeof row, "\n| `%s` |", want[i].name);
    const char *at = start ? strstr(start, row) : NULL;
    int fallback = strcmp(want[i].name, "unknown") == 0 && i != unknown_mode;
    if (fallback || !at || (end && at > end)) {
      print_error("docs/json.md: section \"%s\" has no row \"%s\"\n",
                  sections[want[i].section], row + 1);
      missing++;
    }
  }
  free(doc);
  assert_int_equal(missing, 0);
}

/* The mode of svc in the only statement of the last file. */
static pc_auth only_auth(const pc_ctx *ctx, pc_service svc) {
  const pc_file *f = pc_file_at(ctx, pc_file_count(ctx) - 1);
  assert_int_equal(pc_file_stmt_count(f), 1);
  pc_auth a = {PC_MODE_NONE, PC_MODE_NONE, NULL};
  assert_int_equal(pc_stmt_service(pc_file_stmt_at(f, 0), svc, &a), 1);
  return a;
}

/* A flag whose value is a template variable makes the mode unknown, with
   its key; pc_ctx_set_var fills it (and a secret, never shown), and
   pc_ctx_reset_vars forgets it.  Out of order: PC_EINVAL. */
static void template_vars_should_decide_unknown_modes(void **state) {
  pc_ctx *ctx = new_ctx(state, NULL);
  static const char sql[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"csv\", "
      "\"aws.s3.use_instance_profile\" = \"${USE_IP}\", "
      "\"aws.s3.access_key\" = \"AKIAQZFIX00000000111\", "
      "\"aws.s3.secret_key\" = \"{{ SECRET }}\", "
      "\"aws.s3.region\" = \"us-west-2\");";
  check_text(ctx, "a.sql", sql);
  pc_auth a = only_auth(ctx, PC_SVC_S3);
  assert_int_equal(a.mode, PC_MODE_UNKNOWN);
  assert_string_equal(a.unknown_key, "aws.s3.use_instance_profile");
  assert_string_equal(pc_mode_name(a.mode), "unknown");

  assert_int_equal(pc_ctx_set_var(ctx, "USE_IP", "true"), PC_OK);
  check_text(ctx, "b.sql", sql);
  a = only_auth(ctx, PC_SVC_S3);
  assert_int_equal(a.mode, PC_MODE_INSTANCE_PROFILE);
  assert_null(a.unknown_key);

  /* replaced, then a filled secret: IAM user, the secret never shown */
  static const char secret[] = "QzFixTmplSecret0000000000000000000000A9";
  assert_int_equal(pc_ctx_set_var(ctx, "USE_IP", "false"), PC_OK);
  assert_int_equal(pc_ctx_set_var(ctx, "SECRET", secret), PC_OK);
  check_text(ctx, "c.sql", sql);
  assert_int_equal(only_auth(ctx, PC_SVC_S3).mode, PC_MODE_IAM_USER);
  for (int fmt = PC_FORMAT_TEXT; fmt <= PC_FORMAT_GITLAB; fmt++) {
    char *out = render(ctx, (pc_format)fmt, 0);
    assert_null(strstr(out, "QzFixTmplSecret"));
    free(out);
  }

  assert_int_equal(pc_ctx_reset_vars(ctx), PC_OK);
  check_text(ctx, "d.sql", sql);
  assert_int_equal(only_auth(ctx, PC_SVC_S3).mode, PC_MODE_UNKNOWN);

  assert_int_equal(pc_ctx_set_var(NULL, "A", "b"), PC_EINVAL);
  assert_int_equal(pc_ctx_set_var(ctx, "", "b"), PC_EINVAL);
  assert_int_equal(pc_ctx_set_var(ctx, "A", NULL), PC_EINVAL);
  assert_int_equal(pc_ctx_reset_vars(NULL), PC_EINVAL);
  assert_int_equal(pc_file_begin(ctx, "e.sql"), PC_OK);
  assert_int_equal(pc_ctx_set_var(ctx, "A", "b"), PC_EINVAL);
  assert_int_equal(pc_ctx_reset_vars(ctx), PC_EINVAL);
  assert_int_equal(pc_file_end(ctx), PC_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_teardown(f, free_ctx)
      T(version_macros_should_match_pc_version),
      T(names_should_be_static_and_distinct),
      T(names_should_map_back_to_their_values),
      T(rules_should_have_unique_kebab_case_ids_and_text),
      T(rules_should_include_every_rule_the_tests_rely_on),
      T(pc_ctx_free_should_accept_null),
      T(a_statement_limit_of_4_gib_should_be_rejected),
      T(streaming_calls_out_of_order_should_return_einval),
      T(splitters_and_batches_out_of_order_should_return_einval),
      T(a_policy_set_should_be_shared_and_reported_on_request),
      T(a_path_should_be_copied),
      T(pc_ctx_reset_should_forget_files_and_keep_options),
      T(pc_file_error_should_record_one_io_error_finding),
      T(pc_pos_of_should_agree_with_every_finding),
      T(accessors_should_reject_out_of_range_indexes),
      T(text_should_show_every_finding_in_gcc_style),
      T(text_flags_should_drop_source_and_summary_and_add_color),
      T(text_should_say_no_findings_for_a_clean_file),
      cmocka_unit_test_setup_teardown(
          json_should_hold_what_the_accessors_return, json_setup,
          json_teardown),
      T(a_failing_write_should_make_pc_render_return_ewrite),
      T(a_write_failing_midway_should_stop_the_text_output),
      T(pc_render_should_reject_bad_arguments),
      T(secrets_should_never_appear_in_any_output),
      T(a_secret_should_not_appear_in_the_line_of_a_later_statement),
      T(a_secret_in_an_unresolved_statement_should_not_appear),
      T(a_secret_glued_to_the_next_key_should_not_appear),
      T(json_doc_should_name_every_kind_service_mode_and_severity),
      T(template_vars_should_decide_unknown_modes),
#undef T
  };
  return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
