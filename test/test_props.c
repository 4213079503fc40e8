/*
 * test_props.c - the property-map path and the SQL path agree.
 *
 * For every fixture, each resolved statement's property lists (and paths,
 * broker, volume type) are taken from the parser and checked again through
 * pc_check_props; the services, modes and findings (rule, severity,
 * message) must be the same as the SQL path's.  Statements whose findings
 * depend on the SQL text itself are skipped and counted: syntax errors,
 * lexical errors ('#', unterminated), and suppression comments.
 *
 * Then pc_check_props_json: the document shapes, positions of keys written
 * with escapes, and invalid documents as io-errors at their line:column.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_io.h"

#include "json.h"
#include "pc_internal.h"

typedef struct Walk {
  pc_ctx *keys_ctx;   /* for the key index and levels */
  const pc_file *sql; /* the SQL path's results */
  size_t next;        /* next statement of sql to compare */
  size_t compared, skipped;
  const char *path;
  int file_directives; /* a disable-file comment was seen in this file */
} Walk;

static pc_prop *to_props(const PropList *l) {
  pc_prop *p = calloc(l->n ? l->n : 1, sizeof *p);
  assert_non_null(p);
  for (size_t i = 0; i < l->n; i++) {
    p[i].key = l->v[i].key;
    p[i].value = l->v[i].val;
  }
  return p;
}

static int text_dependent(const pc_stmt *s) {
  static const char *const rules[] = {
      "syntax-error", "unterminated", "hash-comment", "unused-suppression",
      "unknown-rule", "doris-syntax", "file-table-engine",
      "templated-statement", "unchecked-statement", NULL};
  for (size_t i = 0; i < pc_stmt_finding_count(s); i++)
    for (size_t r = 0; rules[r]; r++)
      if (strcmp(pc_stmt_finding_at(s, i)->rule, rules[r]) == 0)
        return 1;
  return 0;
}

static int cmp_finding(const void *a, const void *b) {
  const pc_finding *x = *(const pc_finding *const *)a;
  const pc_finding *y = *(const pc_finding *const *)b;
  int c = strcmp(x->rule, y->rule);
  return c ? c : strcmp(x->message, y->message);
}

/* The findings of s, sorted by rule and message (positions differ). */
static const pc_finding **sorted(const pc_stmt *s) {
  size_t n = pc_stmt_finding_count(s);
  const pc_finding **a = calloc(n ? n : 1, sizeof *a);
  assert_non_null(a);
  for (size_t i = 0; i < n; i++)
    a[i] = pc_stmt_finding_at(s, i);
  qsort(a, n, sizeof *a, cmp_finding);
  return a;
}

static void compare(Walk *w, const pc_stmt *a, const pc_stmt *b,
                    const char *where) {
  for (int v = 0; v < PC_SVC_COUNT; v++) {
    pc_auth x, y;
    int ux = pc_stmt_service(a, (pc_service)v, &x);
    int uy = pc_stmt_service(b, (pc_service)v, &y);
    if (ux != uy || x.mode != y.mode || x.base != y.base)
      fail_msg("%s: service %s differs: SQL %s/%s, map %s/%s", where,
               pc_service_name((pc_service)v), ux ? pc_mode_name(x.mode) : "-",
               pc_mode_name(x.base), uy ? pc_mode_name(y.mode) : "-",
               pc_mode_name(y.base));
  }
  size_t na = pc_stmt_finding_count(a), nb = pc_stmt_finding_count(b);
  const pc_finding **fa = sorted(a), **fb = sorted(b);
  if (na != nb)
    fail_msg("%s: %zu findings from SQL, %zu from the map (first: %s)", where,
             na, nb,
             na   ? fa[0]->rule
             : nb ? fb[0]->rule
                  : "-");
  for (size_t i = 0; i < na; i++) {
    if (strcmp(fa[i]->rule, fb[i]->rule) ||
        fa[i]->severity != fb[i]->severity ||
        strcmp(fa[i]->message, fb[i]->message))
      fail_msg("%s: finding differs:\n  SQL: [%s] %s\n  map: [%s] %s", where,
               fa[i]->rule, fa[i]->message, fb[i]->rule, fb[i]->message);
  }
  free(fa);
  free(fb);
  w->compared++;
}

static void on_chunk(void *user, const Chunk *c) {
  Walk *w = user;
  pc_ctx *ctx = w->keys_ctx;
  Unit u;
  Arena scratch;
  arena_init(&scratch, &ctx->oom);
  check_unit_init(&u, ctx, c, &scratch);
  assert_int_equal(check_unit_lex(&u), 0);
  parse_unit(&u);
  int directives = 0;
  for (size_t i = 0; i < u.lex.comments.len; i++) {
    Comment *cm = VEC_AT(&u.lex.comments, Comment, i);
    for (size_t k = 0; k + 10 <= cm->len; k++)
      if (memcmp(c->text + cm->off + k, "propcheck:", 10) == 0)
        directives = 1;
    for (size_t k = 0; k + 13 <= cm->len; k++)
      if (memcmp(c->text + cm->off + k, "disable-file=", 13) == 0)
        w->file_directives = 1;
  }
  /* disable-file applies to every statement after it */
  directives |= w->file_directives;
  for (size_t i = 0; i < u.targets.len; i++) {
    Target *t = VEC_AT(&u.targets, Target, i);
    const pc_stmt *a = pc_file_stmt_at(w->sql, w->next++);
    assert_non_null(a);
    assert_int_equal(pc_stmt_kind_of(a), t->kind);
    /* A Databend stage naming a connection depends on the file's earlier
       CREATE CONNECTION, which a lone map does not have. */
    int named = 0;
    for (size_t k = 0; k < t->props.n; k++)
      named |= strcmp(t->props.v[k].key, "connection_name") == 0;
    if (t->syntax_error || directives || u.lex.errs.len || named ||
        text_dependent(a)) {
      w->skipped++;
      vec_release(&t->findings);
      continue;
    }
    pc_prop_input in = {0};
    pc_prop *props = to_props(&t->props);
    pc_prop *load = to_props(&t->load_props);
    in.kind = t->kind;
    in.props = props;
    in.nprops = t->props.n;
    in.load_props = load;
    in.nload_props = t->load_props.n;
    const char **paths = calloc(t->npaths ? t->npaths : 1, sizeof *paths);
    assert_non_null(paths);
    for (size_t k = 0; k < t->npaths; k++)
      paths[k] = t->paths[k].text;
    in.paths = paths;
    in.npaths = t->npaths;
    in.broker = t->broker;
    in.volume_type = t->sv_type;
    in.flags = t->writes ? PC_PROPS_WRITES : 0;
    pc_ctx *m = pc_ctx_new(NULL);
    assert_int_equal(pc_check_props(m, "map", &in), PC_OK);
    const pc_stmt *b = pc_file_stmt_at(pc_file_at(m, 0), 0);
    assert_non_null(b);
    char where[512];
    snprintf(where, sizeof where, "%s:%u", w->path, pc_stmt_pos(a).line);
    compare(w, a, b, where);
    pc_ctx_free(m);
    free(props);
    free(load);
    free(paths);
    vec_release(&t->findings);
  }
  vec_release(&u.loose);
  vec_release(&u.targets);
  lex_release(&u.lex);
  arena_release(&scratch);
}

static void maps_and_sql_should_agree_on_every_fixture(void **state) {
  (void)state;
  glob_t g;
  assert_int_equal(glob("fixtures/*/*.sql", 0, NULL, &g), 0);
  size_t compared = 0, skipped = 0;
  for (size_t i = 0; i < g.gl_pathc; i++) {
    const char *path = g.gl_pathv[i];
    if (strstr(path, "statement-too-large"))
      continue; /* its limit is an option, not part of the map */
    size_t len;
    char *buf = read_file(path, &len);
    pc_ctx *sql = pc_ctx_new(NULL);
    assert_int_equal(pc_check_buffer(sql, path, buf, len), PC_OK);
    Walk w = {pc_ctx_new(NULL), pc_file_at(sql, 0), 0, 0, 0, path, 0};
    Splitter sp;
    split_init(&sp, 16u << 20, on_chunk, NULL, &w, &w.keys_ctx->oom);
    split_feed(&sp, buf, len);
    split_finish(&sp);
    split_release(&sp);
    assert_int_equal(w.next, pc_file_stmt_count(w.sql));
    compared += w.compared;
    skipped += w.skipped;
    pc_ctx_free(w.keys_ctx);
    pc_ctx_free(sql);
    free(buf);
  }
  globfree(&g);
  print_message("compared %zu statements, skipped %zu text-dependent ones\n",
                compared, skipped);
  assert_true(compared > 100);
}

/* ---- pc_check_props_json ---- */

static pc_status check_json(pc_ctx *ctx, const char *text) {
  return pc_check_props_json(ctx, "m.json", text, strlen(text));
}

static void a_key_written_with_escapes_should_keep_its_position(void **state) {
  (void)state;
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(
      check_json(ctx, "[{\"kind\": \"files\", \"properties\": {\"path\": "
                      "\"s3://b/x\", \"format\": \"csv\", \"aws.s3.region\": \"us-west-2\",\n"
                      "  \"aws.s3.use_instance_profil\\u0065\": \"1\"}}]"),
      PC_OK);
  assert_int_equal(pc_file_count(ctx), 1);
  const pc_stmt *s = pc_file_stmt_at(pc_file_at(ctx, 0), 0);
  assert_non_null(s);
  assert_int_equal(pc_stmt_kind_of(s), PC_STMT_FILES);
  assert_int_equal(pc_stmt_pos(s).line, 1);
  assert_int_equal(pc_stmt_pos(s).column, 2);
  assert_int_equal(pc_stmt_finding_count(s), 1);
  const pc_finding *f = pc_stmt_finding_at(s, 0);
  assert_string_equal(f->rule, "bool-read-as-false");
  assert_int_equal(f->pos.line, 2);
  assert_int_equal(f->pos.column, 39); /* the value "1" */
  pc_ctx_free(ctx);
}

static void every_map_of_an_array_should_be_one_file(void **state) {
  (void)state;
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(
      check_json(ctx, "[{\"type\": \"hive\"}, {\"kind\": \"alter_catalog\", "
                      "\"properties\": {\"aws.s3.region\": \"us-west-2\"}}]"),
      PC_OK);
  assert_int_equal(pc_file_count(ctx), 1);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_int_equal(pc_file_stmt_count(f), 2);
  assert_int_equal(pc_stmt_kind_of(pc_file_stmt_at(f, 0)),
                   PC_STMT_CREATE_EXTERNAL_CATALOG);
  assert_int_equal(pc_stmt_kind_of(pc_file_stmt_at(f, 1)),
                   PC_STMT_ALTER_CATALOG);
  assert_int_equal(pc_stmt_pos(pc_file_stmt_at(f, 1)).column, 20);
  pc_ctx_free(ctx);
}

static void an_empty_array_should_be_a_file_without_statements(void **state) {
  (void)state;
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(check_json(ctx, " [ ] "), PC_OK);
  assert_int_equal(pc_file_count(ctx), 1);
  assert_int_equal(pc_file_stmt_count(pc_file_at(ctx, 0)), 0);
  assert_int_equal(pc_file_finding_count(pc_file_at(ctx, 0)), 0);
  pc_ctx_free(ctx);
}

/* The only finding of the file (an io-error): its message. */
static const char *io_error(const pc_ctx *ctx, size_t file) {
  const pc_file *f = pc_file_at(ctx, file);
  assert_non_null(f);
  assert_int_equal(pc_file_finding_count(f), 1);
  assert_string_equal(pc_file_finding_at(f, 0)->rule, "io-error");
  return pc_file_finding_at(f, 0)->message;
}

static void invalid_documents_should_be_io_errors_in_place(void **state) {
  (void)state;
  static const struct {
    const char *json, *message;
  } cases[] = {
      {"{\"a\": \"b\"} x",
       "invalid JSON at 1:12: text after the end of the JSON document"},
      {"{\"a\":\n \"b\xff\"}", "invalid JSON at 2:4: bytes that are not "
                                "valid UTF-8"},
      {"\"map\"", "invalid property map: expected an object or an array of "
                  "objects"},
      {"{\"a\": 1}", "invalid property map at 1:7: property values must be "
                     "strings (StarRocks reads every property as a string)"},
      {"[{\"properties\": {}, \"paths\": [\"s3://b\", 2]}]",
       "invalid property map at 1:30: \"paths\" must be an array of strings"},
      {"[{\"properties\": {}, \"writes\": 1}]",
       "invalid property map at 1:31: unknown or malformed field (known: "
       "kind, properties, load_properties, paths, broker, volume_type, "
       "writes)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    pc_ctx *ctx = pc_ctx_new(NULL);
    assert_int_equal(check_json(ctx, cases[i].json), PC_EINVAL);
    assert_int_equal(pc_file_count(ctx), 1);
    assert_string_equal(io_error(ctx, 0), cases[i].message);
    pc_ctx_free(ctx);
  }
  /* one bad element: the others are still checked */
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(check_json(ctx, "[1, {\"type\": \"hive\"}]"), PC_EINVAL);
  assert_int_equal(pc_file_count(ctx), 1);
  assert_int_equal(pc_file_stmt_count(pc_file_at(ctx, 0)), 1);
  assert_string_equal(pc_file_finding_at(pc_file_at(ctx, 0), 0)->message,
                      "invalid property map: the array must hold objects");
  pc_ctx_free(ctx);
}

static void nesting_beyond_the_limit_should_be_refused(void **state) {
  (void)state;
  char deep[2 * (JSON_MAX_DEPTH + 1) + 1];
  memset(deep, '[', JSON_MAX_DEPTH + 1);
  memset(deep + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
  deep[sizeof deep - 1] = '\0';
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(check_json(ctx, deep), PC_EINVAL);
  assert_string_equal(io_error(ctx, 0), "invalid JSON at 1:65: the document "
                                        "is nested too deeply");
  pc_ctx_free(ctx);
}

static void bad_arguments_should_be_refused(void **state) {
  (void)state;
  assert_int_equal(pc_check_props_json(NULL, "m.json", "{}", 2), PC_EINVAL);
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_int_equal(pc_check_props_json(ctx, "m.json", NULL, 2), PC_EINVAL);
  assert_int_equal(pc_file_count(ctx), 0);
  assert_int_equal(pc_file_begin(ctx, "open.sql"), PC_OK);
  assert_int_equal(check_json(ctx, "{}"), PC_EINVAL);
  pc_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(maps_and_sql_should_agree_on_every_fixture),
      cmocka_unit_test(a_key_written_with_escapes_should_keep_its_position),
      cmocka_unit_test(every_map_of_an_array_should_be_one_file),
      cmocka_unit_test(an_empty_array_should_be_a_file_without_statements),
      cmocka_unit_test(invalid_documents_should_be_io_errors_in_place),
      cmocka_unit_test(nesting_beyond_the_limit_should_be_refused),
      cmocka_unit_test(bad_arguments_should_be_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
