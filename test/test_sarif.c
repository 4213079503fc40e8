/*
 * test_sarif.c - the SARIF 2.1.0 and GitHub workflow command formats
 * (src/render_sarif.c).
 *
 * SARIF is rendered for small SQL buffers with findings of several kinds
 * (related positions, fixes, identical findings, a non-ASCII line, a masked
 * value, a file-level '#', an unreadable file, standard input), parsed back
 * with cJSON and checked against what GitHub code scanning requires and
 * against the library's accessors: every rule with its required fields,
 * results that point at real rules, stable and distinct fingerprints,
 * security-severity on the credential rules, and no source text.  The
 * GitHub format is checked line by line, escaping included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "propcheck.h"

/* ------------------------------------------------------------ helpers */

typedef struct Sink {
  char *data;
  size_t len, cap;
  int calls;
  int fail; /* every write fails */
} Sink;

static int sink_write(void *user, const char *data, size_t len) {
  Sink *s = user;
  s->calls++;
  if (s->fail)
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

/* Renders ctx into a new NUL-terminated string (malloc'd); *calls gets the
   number of write calls. */
static char *render(const pc_ctx *ctx, pc_format fmt, int *calls) {
  Sink s = {0};
  pc_status st = pc_render(ctx, fmt, 0, sink_write, &s);
  if (st != PC_OK) {
    free(s.data);
    fail_msg("pc_render returned %s", pc_status_str(st));
  }
  if (!s.data) {
    s.data = calloc(1, 1);
    assert_non_null(s.data);
  }
  if (calls)
    *calls = s.calls;
  return s.data;
}

static cJSON *render_sarif_json(const pc_ctx *ctx) {
  int calls = 0;
  char *text = render(ctx, PC_FORMAT_SARIF, &calls);
  assert_int_equal(calls, 1); /* the whole document at once */
  assert_true(text[0] == '{');
  assert_true(text[strlen(text) - 1] == '\n');
  cJSON *doc = cJSON_Parse(text);
  free(text);
  assert_non_null(doc);
  return doc;
}

static cJSON *get(const cJSON *o, const char *name) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
  if (!v)
    fail_msg("missing property '%s'", name);
  return v;
}

static const char *get_str(const cJSON *o, const char *name) {
  cJSON *v = get(o, name);
  assert_true(cJSON_IsString(v));
  assert_non_null(v->valuestring);
  return v->valuestring;
}

/* A required text: a non-empty string. */
static const char *get_text(const cJSON *o, const char *name) {
  const char *s = get_str(o, name);
  assert_true(s[0] != '\0');
  return s;
}

static double get_num(const cJSON *o, const char *name) {
  cJSON *v = get(o, name);
  assert_true(cJSON_IsNumber(v));
  return v->valuedouble;
}

static cJSON *run_of(const cJSON *doc) {
  cJSON *runs = get(doc, "runs");
  assert_true(cJSON_IsArray(runs));
  assert_int_equal(cJSON_GetArraySize(runs), 1);
  return cJSON_GetArrayItem(runs, 0);
}

static cJSON *results_of(const cJSON *doc) {
  cJSON *res = get(run_of(doc), "results");
  assert_true(cJSON_IsArray(res));
  return res;
}

static const cJSON *region_of(const cJSON *result) {
  cJSON *locs = get(result, "locations");
  const cJSON *phys = get(cJSON_GetArrayItem(locs, 0), "physicalLocation");
  return cJSON_GetObjectItemCaseSensitive(phys, "region");
}

static const char *uri_of(const cJSON *result) {
  cJSON *locs = get(result, "locations");
  const cJSON *phys = get(cJSON_GetArrayItem(locs, 0), "physicalLocation");
  return get_text(get(phys, "artifactLocation"), "uri");
}

static const char *fingerprint_of(const cJSON *result) {
  return get_text(get(result, "partialFingerprints"),
                  "primaryLocationLineHash");
}

/* The n-th result (0-based) of rule id, or NULL. */
static const cJSON *find_result(const cJSON *doc, const char *rule, int n) {
  const cJSON *r;
  cJSON_ArrayForEach(r, results_of(doc)) {
    if (strcmp(get_str(r, "ruleId"), rule) == 0 && n-- == 0)
      return r;
  }
  return NULL;
}

static size_t total_findings(const pc_ctx *ctx) {
  size_t n = 0;
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    n += pc_file_finding_count(f);
    for (size_t j = 0; j < pc_file_stmt_count(f); j++)
      n += pc_stmt_finding_count(pc_file_stmt_at(f, j));
  }
  return n;
}

/* Columns as propcheck counts them: bytes that are not UTF-8 continuation
   bytes. */
static unsigned chars_of(const char *s) {
  unsigned n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* ------------------------------------------------------------ inputs */

#define SECRET_KEY_ID "AKIAQZSARIFTEST00001"
#define SECRET_VALUE "sarif-secret-value-0001"
#define PLACEHOLDER "<your_secret_key>"
#define UNKNOWN_LINE                                                           \
  "    /* \xc3\xa9t\xc3\xa9 */ \"aws.s3.use_isntance_profile\" = \"true\"\n"

/* Two catalogs with the same misspelled key (identical findings), an
   ignored access key (related position), a boolean written "1" (a fix), a
   placeholder secret (a finding on a masked value) and a '#'. */
static const char SQL[] =
    "-- sarif test\n"
    "CREATE EXTERNAL CATALOG c1 PROPERTIES (\n"
    "    \"type\" = \"hive\",\n"
    "    \"hive.metastore.type\" = \"glue\",\n"
    "    \"aws.s3.use_instance_profile\" = \"true\",\n"
    "    \"aws.s3.access_key\" = \"" SECRET_KEY_ID "\",\n"
    "    \"aws.s3.secret_key\" = \"" SECRET_VALUE "\",\n"
    "    \"aws.s3.region\" = \"us-west-2\",\n"
    "    \"aws.glue.use_instance_profile\" = \"1\",\n"
    "    \"aws.glue.region\" = \"us-west-2\",\n" UNKNOWN_LINE ");\n"
    "CREATE EXTERNAL CATALOG c2 PROPERTIES (\n"
    "    \"type\" = \"hive\",\n"
    "    \"hive.metastore.type\" = \"glue\",\n"
    "    \"aws.s3.use_instance_profile\" = \"true\",\n"
    "    \"aws.s3.region\" = \"us-west-2\",\n"
    "    \"aws.glue.use_instance_profile\" = \"true\",\n"
    "    \"aws.glue.region\" = \"us-west-2\",\n" UNKNOWN_LINE ");\n"
    "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"parquet\",\n"
    "    \"aws.s3.access_key\" = \"AKIA"
    "\xc3\xa9"
    "\",\n"
    "    \"aws.s3.secret_key\" = \"" PLACEHOLDER "\",\n"
    "    \"aws.s3.region\" = \"us-west-2\");\n"
    "SELECT 1 # x;\n";

#define PATH "./my dir/t.sql"
#define URI "my%20dir/t.sql"

/* SQL under PATH, an unreadable file, and standard input. */
static pc_ctx *sample_ctx(const char *prefix) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  size_t plen = strlen(prefix);
  char *buf = malloc(plen + sizeof SQL);
  assert_non_null(buf);
  memcpy(buf, prefix, plen);
  memcpy(buf + plen, SQL, sizeof SQL);
  assert_int_equal(pc_check_buffer(ctx, PATH, buf, plen + sizeof SQL - 1),
                   PC_OK);
  free(buf);
  assert_int_equal(pc_file_error(ctx, "missing.sql",
                                 "cannot open: No such file or directory"),
                   PC_OK);
  static const char in[] = "SELECT 1 # y;\n";
  assert_int_equal(pc_check_buffer(ctx, "<stdin>", in, sizeof in - 1), PC_OK);
  return ctx;
}

static int teardown(void **state) {
  cJSON_Delete(*state);
  *state = NULL;
  return 0;
}

/* ------------------------------------------------------------ SARIF */

static void sarif_should_describe_the_tool_and_every_rule(void **state) {
  pc_ctx *ctx = sample_ctx("");
  cJSON *doc = render_sarif_json(ctx);
  *state = doc;
  pc_ctx_free(ctx);

  assert_string_equal(get_str(doc, "$schema"),
                      "https://json.schemastore.org/sarif-2.1.0.json");
  assert_string_equal(get_str(doc, "version"), "2.1.0");
  cJSON *run = run_of(doc);
  assert_string_equal(get_str(run, "columnKind"), "unicodeCodePoints");
  cJSON *drv = get(get(run, "tool"), "driver");
  assert_string_equal(get_str(drv, "name"), "propcheck");
  assert_string_equal(get_str(drv, "version"), PROPCHECK_VERSION);
  assert_string_equal(get_str(drv, "semanticVersion"), PROPCHECK_VERSION);
  assert_string_equal(get_str(drv, "informationUri"),
                      "https://github.com/propcheck/propcheck");

  cJSON *rules = get(drv, "rules");
  assert_true(cJSON_IsArray(rules));
  assert_int_equal((size_t)cJSON_GetArraySize(rules), pc_rule_count());
  size_t security = 0;
  for (size_t i = 0; i < pc_rule_count(); i++) {
    const pc_rule *r = pc_rule_at(i);
    const cJSON *o = cJSON_GetArrayItem(rules, (int)i);
    assert_string_equal(get_str(o, "id"), r->id);
    /* name: the id in CamelCase, omitted when equal to it (ignoring case) */
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
    char camel[128];
    size_t k = 0;
    for (const char *p = r->id; *p && k + 1 < sizeof camel; p++) {
      if (*p == '-')
        continue;
      camel[k++] = (p == r->id || p[-1] == '-') && *p >= 'a' && *p <= 'z'
                       ? (char)(*p - 'a' + 'A')
                       : *p;
    }
    camel[k] = '\0';
    if (strchr(r->id, '-')) {
      assert_non_null(name);
      assert_string_equal(name->valuestring, camel);
    }
    if (name)
      assert_string_not_equal(name->valuestring, r->id);
    assert_string_equal(get_text(get(o, "shortDescription"), "text"),
                        r->summary);
    assert_string_equal(get_text(get(o, "fullDescription"), "text"), r->help);
    const cJSON *help = get(o, "help");
    const char *ht = get_text(help, "text");
    assert_true(strncmp(ht, r->help, strlen(r->help)) == 0);
    if (r->bad)
      assert_non_null(strstr(ht, r->bad));
    if (r->good)
      assert_non_null(strstr(ht, r->good));
    const char *md = get_text(help, "markdown");
    if (r->bad) {
      assert_non_null(strstr(md, "```sql\n"));
      assert_non_null(strstr(md, r->bad));
    }
    const char *lvl = get_str(get(o, "defaultConfiguration"), "level");
    assert_string_equal(lvl, r->severity == PC_SEV_ERROR     ? "error"
                             : r->severity == PC_SEV_WARNING ? "warning"
                                                             : "note");
    const cJSON *props = get(o, "properties");
    assert_string_equal(get_str(props, "precision"), "very-high");
    const cJSON *tags = get(props, "tags");
    assert_true(cJSON_IsArray(tags));
    assert_true(cJSON_GetArraySize(tags) >= 1);
    const char *tag0 = cJSON_GetArrayItem(tags, 0)->valuestring;
    const cJSON *sev =
        cJSON_GetObjectItemCaseSensitive(props, "security-severity");
    if (r->security_severity) {
      security++;
      assert_non_null(sev);
      assert_string_equal(sev->valuestring, r->security_severity);
      double v = atof(sev->valuestring);
      assert_true(v >= 0.1 && v <= 10.0);
      assert_string_equal(tag0, "security");
    } else {
      assert_null(sev);
      assert_string_equal(tag0, "correctness");
    }
  }
  /* The credential rules are security alerts. */
  static const char *const credential_rules[] = {
      "ignored-credential", "missing-key-pair", "role-without-base",
      "secret-equals-access-key", "plaintext-credentials"};
  for (size_t i = 0; i < sizeof credential_rules / sizeof *credential_rules;
       i++) {
    const pc_rule *r = pc_rule_find(credential_rules[i]);
    assert_non_null(r);
    if (!r->security_severity)
      fail_msg("rule %s has no security_severity", r->id);
  }
  assert_true(security >= 5);
}

static void sarif_results_should_match_the_findings(void **state) {
  pc_ctx *ctx = sample_ctx("");
  cJSON *doc = render_sarif_json(ctx);
  *state = doc;
  cJSON *rules = get(get(get(run_of(doc), "tool"), "driver"), "rules");
  cJSON *results = results_of(doc);
  assert_int_equal((size_t)cJSON_GetArraySize(results), total_findings(ctx));
  pc_ctx_free(ctx);

  const cJSON *r;
  cJSON_ArrayForEach(r, results) {
    const char *id = get_text(r, "ruleId");
    const pc_rule *rule = pc_rule_find(id);
    assert_non_null(rule);
    int idx = (int)get_num(r, "ruleIndex");
    assert_true(idx >= 0 && idx < cJSON_GetArraySize(rules));
    assert_string_equal(get_str(cJSON_GetArrayItem(rules, idx), "id"), id);
    assert_ptr_equal(pc_rule_at((size_t)idx), rule);
    const char *lvl = get_str(r, "level");
    assert_true(strcmp(lvl, "error") == 0 || strcmp(lvl, "warning") == 0 ||
                strcmp(lvl, "note") == 0);
    get_text(get(r, "message"), "text");
    cJSON *locs = get(r, "locations");
    assert_true(cJSON_IsArray(locs) && cJSON_GetArraySize(locs) == 1);
    const char *uri = uri_of(r);
    assert_null(strchr(uri, ' '));
    assert_false(uri[0] == '.' && uri[1] == '/');
    const cJSON *reg = region_of(r);
    if (reg) {
      assert_true(get_num(reg, "startLine") >= 1);
      assert_true(get_num(reg, "startColumn") >= 1);
      const cJSON *end = cJSON_GetObjectItemCaseSensitive(reg, "endColumn");
      if (end)
        assert_true(end->valuedouble > get_num(reg, "startColumn"));
      assert_null(cJSON_GetObjectItemCaseSensitive(reg, "snippet"));
    }
    /* "<16 hex digits>:<occurrence>" */
    const char *fp = fingerprint_of(r);
    assert_true(strlen(fp) >= 18);
    for (int i = 0; i < 16; i++)
      assert_non_null(strchr("0123456789abcdef", fp[i]));
    assert_true(fp[16] == ':' && atoi(fp + 17) >= 1);
  }

  /* Paths: relative URIs, "./" dropped, spaces encoded; stdin. */
  assert_string_equal(uri_of(find_result(doc, "unknown-key", 0)), URI);
  const cJSON *io = find_result(doc, "io-error", 0);
  assert_non_null(io);
  assert_string_equal(uri_of(io), "missing.sql");
  assert_null(region_of(io)); /* the whole file: no region */
  assert_string_equal(get_str(get(io, "message"), "text"),
                      "cannot open: No such file or directory");
  assert_string_equal(get_str(io, "level"), "error");
  const cJSON *in = find_result(doc, "hash-comment", 1);
  assert_non_null(in);
  assert_string_equal(uri_of(in), "stdin");

  /* Related position, with the other key named. */
  const cJSON *ign = find_result(doc, "ignored-credential", 0);
  assert_non_null(ign);
  assert_int_equal(get_num(region_of(ign), "startLine"), 6);
  assert_int_equal(get_num(region_of(ign), "startColumn"), 5);
  assert_int_equal(get_num(region_of(ign), "endColumn"),
                   5 + strlen("\"aws.s3.access_key\""));
  cJSON *rel = get(ign, "relatedLocations");
  assert_int_equal(cJSON_GetArraySize(rel), 1);
  const cJSON *rl = cJSON_GetArrayItem(rel, 0);
  assert_int_equal(get_num(rl, "id"), 0);
  const cJSON *rreg = get(get(rl, "physicalLocation"), "region");
  assert_int_equal(get_num(rreg, "startLine"), 5);
  assert_int_equal(get_num(rreg, "startColumn"), 5);
  assert_non_null(strstr(get_text(get(rl, "message"), "text"),
                         "'aws.s3.use_instance_profile'"));

  /* A safe fix: bytes of the file replaced. */
  const cJSON *b = find_result(doc, "bool-read-as-false", 0);
  assert_non_null(b);
  cJSON *fixes = get(b, "fixes");
  assert_int_equal(cJSON_GetArraySize(fixes), 1);
  const cJSON *fix = cJSON_GetArrayItem(fixes, 0);
  get_text(get(fix, "description"), "text");
  const cJSON *ch = cJSON_GetArrayItem(get(fix, "artifactChanges"), 0);
  assert_string_equal(get_str(get(ch, "artifactLocation"), "uri"), URI);
  const cJSON *rep = cJSON_GetArrayItem(get(ch, "replacements"), 0);
  const cJSON *del = get(rep, "deletedRegion");
  const char *one = strstr(SQL, "\"aws.glue.use_instance_profile\" = \"1\"");
  assert_non_null(one);
  size_t at = (size_t)(strchr(one + 33, '1') - SQL);
  size_t off = (size_t)get_num(del, "byteOffset");
  size_t len = (size_t)get_num(del, "byteLength");
  assert_true(off <= at && at < off + len && off + len <= sizeof SQL - 1);
  char *patched = malloc(sizeof SQL + 64);
  assert_non_null(patched);
  const char *ins = get_str(get(rep, "insertedContent"), "text");
  snprintf(patched, sizeof SQL + 64, "%.*s%s%s", (int)off, SQL, ins,
           SQL + off + len);
  assert_non_null(strstr(patched, "\"aws.glue.use_instance_profile\" = "
                                  "\"true\""));
  free(patched);

  /* Columns count characters, not bytes: the key after "/ * été * /". */
  const cJSON *u = find_result(doc, "unknown-key", 0);
  const char *key = "\"aws.s3.use_isntance_profile\"";
  char before[64];
  snprintf(before, sizeof before, "%.*s",
           (int)(strstr(UNKNOWN_LINE, key) - UNKNOWN_LINE), UNKNOWN_LINE);
  unsigned col = chars_of(before) + 1;
  assert_int_equal(get_num(region_of(u), "startColumn"), col);
  assert_int_equal(get_num(region_of(u), "endColumn"), col + strlen(key));

  /* A finding on a masked value: its width is unknown, so no endColumn. */
  const cJSON *r2;
  int masked = 0;
  cJSON_ArrayForEach(r2, results) {
    const cJSON *reg = region_of(r2);
    if (!reg || get_num(reg, "startLine") != 24)
      continue;
    masked++;
    assert_null(cJSON_GetObjectItemCaseSensitive(reg, "endColumn"));
  }
  assert_true(masked >= 1);
}

static void sarif_fingerprints_should_be_stable_and_distinct(void **state) {
  (void)state;
  pc_ctx *a = sample_ctx("");
  pc_ctx *b = sample_ctx("");
  /* The same findings after the code moved down and right. */
  pc_ctx *c = sample_ctx("-- a new comment\nSELECT 1;\n\n");
  cJSON *da = render_sarif_json(a), *db = render_sarif_json(b),
        *dc = render_sarif_json(c);
  pc_ctx_free(a);
  pc_ctx_free(b);
  pc_ctx_free(c);
  cJSON *ra = results_of(da), *rb = results_of(db), *rc = results_of(dc);
  int n = cJSON_GetArraySize(ra);
  assert_true(n >= 8);
  assert_int_equal(cJSON_GetArraySize(rb), n);
  assert_int_equal(cJSON_GetArraySize(rc), n);
  for (int i = 0; i < n; i++) {
    const char *fa = fingerprint_of(cJSON_GetArrayItem(ra, i));
    assert_string_equal(fa, fingerprint_of(cJSON_GetArrayItem(rb, i)));
    assert_string_equal(fa, fingerprint_of(cJSON_GetArrayItem(rc, i)));
    for (int j = 0; j < i; j++)
      assert_string_not_equal(fa, fingerprint_of(cJSON_GetArrayItem(ra, j)));
  }
  /* Identical findings share the hash and differ by their occurrence. */
  const char *u1 = fingerprint_of(find_result(da, "unknown-key", 0));
  const char *u2 = fingerprint_of(find_result(da, "unknown-key", 1));
  assert_memory_equal(u1, u2, 17);
  assert_string_equal(u1 + 16, ":1");
  assert_string_equal(u2 + 16, ":2");
  cJSON_Delete(da);
  cJSON_Delete(db);
  cJSON_Delete(dc);
}

static void sarif_should_contain_no_source_text(void **state) {
  (void)state;
  pc_ctx *ctx = sample_ctx("");
  char *text = render(ctx, PC_FORMAT_SARIF, NULL);
  char *gh = render(ctx, PC_FORMAT_GITHUB, NULL);
  pc_ctx_free(ctx);
  static const char *const never[] = {SECRET_KEY_ID, SECRET_VALUE, PLACEHOLDER,
                                      "\"snippet\"",
                                      "CREATE EXTERNAL CATALOG c1"};
  for (size_t i = 0; i < sizeof never / sizeof *never; i++) {
    if (strstr(text, never[i]))
      fail_msg("SARIF output contains %s", never[i]);
    if (strstr(gh, never[i]))
      fail_msg("GitHub output contains %s", never[i]);
  }
  free(text);
  free(gh);
}

static void sarif_of_nothing_should_be_valid(void **state) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  cJSON *doc = render_sarif_json(ctx);
  *state = doc;
  assert_int_equal(cJSON_GetArraySize(results_of(doc)), 0);
  assert_int_equal((size_t)cJSON_GetArraySize(
                       get(get(get(run_of(doc), "tool"), "driver"), "rules")),
                   pc_rule_count());
  char *gh = render(ctx, PC_FORMAT_GITHUB, NULL);
  assert_string_equal(gh, "");
  free(gh);
  pc_ctx_free(ctx);
}

static void sarif_should_report_write_failures(void **state) {
  (void)state;
  pc_ctx *ctx = sample_ctx("");
  Sink s = {.fail = 1};
  assert_int_equal(pc_render(ctx, PC_FORMAT_SARIF, 0, sink_write, &s),
                   PC_EWRITE);
  assert_int_equal(s.calls, 1);
  s.calls = 0;
  assert_int_equal(pc_render(ctx, PC_FORMAT_GITHUB, 0, sink_write, &s),
                   PC_EWRITE);
  assert_int_equal(s.calls, 1);
  assert_int_equal(pc_render(NULL, PC_FORMAT_SARIF, 0, sink_write, &s),
                   PC_EINVAL);
  assert_int_equal(pc_render(ctx, PC_FORMAT_GITHUB, 0, NULL, NULL), PC_EINVAL);
  pc_ctx_free(ctx);
}

static void sarif_should_encode_paths_as_uris(void **state) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  static const char *const paths[] = {"././a b/c%d.sql", "x:y.sql",
                                      "/abs/q r.sql", "d\xc3\xa9j\xc3\xa0.sql",
                                      "sub/#h?.sql"};
  static const char *const uris[] = {"a%20b/c%25d.sql", "x%3Ay.sql",
                                     "file:///abs/q%20r.sql",
                                     "d%C3%A9j%C3%A0.sql", "sub/%23h%3F.sql"};
  for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
    assert_int_equal(pc_file_error(ctx, paths[i], "cannot open"), PC_OK);
  cJSON *doc = render_sarif_json(ctx);
  *state = doc;
  pc_ctx_free(ctx);
  cJSON *res = results_of(doc);
  assert_int_equal(cJSON_GetArraySize(res), 5);
  for (int i = 0; i < 5; i++)
    assert_string_equal(uri_of(cJSON_GetArrayItem(res, i)), uris[i]);
}

/* ------------------------------------------------------------ GitHub */

/* The line of out that starts with prefix, as a new string, or NULL. */
static char *line_with(const char *out, const char *prefix) {
  for (const char *p = out; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (strncmp(p, prefix, strlen(prefix)) == 0) {
      char *l = malloc(n + 1);
      assert_non_null(l);
      memcpy(l, p, n);
      l[n] = '\0';
      return l;
    }
    p += n + (nl != NULL);
  }
  return NULL;
}

static void github_should_print_one_command_per_finding(void **state) {
  (void)state;
  pc_ctx *ctx = sample_ctx("");
  char *out = render(ctx, PC_FORMAT_GITHUB, NULL);
  size_t lines = 0;
  for (const char *p = out; *p; p++)
    lines += *p == '\n';
  assert_int_equal(lines, total_findings(ctx));
  assert_true(out[strlen(out) - 1] == '\n');
  for (const char *p = out; *p;) {
    assert_true(strncmp(p, "::error ", 8) == 0 ||
                strncmp(p, "::warning ", 10) == 0 ||
                strncmp(p, "::notice ", 9) == 0);
    p = strchr(p, '\n') + 1;
  }
  pc_ctx_free(ctx);

  char *l = line_with(out, "::warning file=my dir/t.sql,line=6,");
  assert_non_null(l);
  assert_string_equal(l, "::warning file=my dir/t.sql,line=6,col=5,"
                         "title=ignored-credential::StarRocks ignores "
                         "'aws.s3.access_key' because "
                         "'aws.s3.use_instance_profile' is true");
  free(l);
  l = line_with(out, "::error file=missing.sql,");
  assert_non_null(l);
  assert_string_equal(l, "::error file=missing.sql,title=io-error::cannot "
                         "open: No such file or directory");
  free(l);
  l = line_with(out, "::error line=1,col=10,title=hash-comment::");
  assert_non_null(l); /* standard input: no file */
  free(l);
  free(out);
}

static void github_should_escape_data_and_properties(void **state) {
  (void)state;
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  assert_int_equal(
      pc_file_error(ctx, "./d/a,b:c%.sql", "100% broken\r\nnext: x, y"), PC_OK);
  char *out = render(ctx, PC_FORMAT_GITHUB, NULL);
  pc_ctx_free(ctx);
  assert_string_equal(out, "::error file=d/a%2Cb%3Ac%25.sql,title=io-error::"
                           "100%25 broken%0D%0Anext: x, y\n");
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(sarif_should_describe_the_tool_and_every_rule,
                                teardown),
      cmocka_unit_test_teardown(sarif_results_should_match_the_findings,
                                teardown),
      cmocka_unit_test(sarif_fingerprints_should_be_stable_and_distinct),
      cmocka_unit_test(sarif_should_contain_no_source_text),
      cmocka_unit_test_teardown(sarif_of_nothing_should_be_valid, teardown),
      cmocka_unit_test(sarif_should_report_write_failures),
      cmocka_unit_test_teardown(sarif_should_encode_paths_as_uris, teardown),
      cmocka_unit_test(github_should_print_one_command_per_finding),
      cmocka_unit_test(github_should_escape_data_and_properties),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
