/*
 * test_threads.c - "distinct contexts may be used from distinct threads at
 * once" (include/propcheck.h).
 *
 * The main thread checks one SQL buffer (catalogs, loads, FILES() with
 * findings, suppressions, expectations, a syntax error, a '#') and one
 * property map, and keeps a reference: a digest of everything the accessors
 * return, and the JSON and text renderings.  Then THREADS threads, released
 * together by a barrier, each with its own context, repeat the same work
 * many times (whole buffer; streamed in odd-sized chunks; or split on a
 * second thread of its own into batches handed over one by one, "one file
 * on two threads"; a context reused through pc_ctx_reset or made anew) and
 * compare every result byte for
 * byte with the reference.  Half of the iterations change rule levels on
 * their context, which must not leak into the other threads' contexts.
 *
 * cmocka's assertions are not thread-safe: the threads only count and
 * describe mismatches; the main thread asserts after joining them.  Run
 * under -fsanitize=thread by `make tsan`.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "propcheck.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { THREADS = 6, ITERATIONS = 60 };

/* ------------------------------------------------------------ the input */

static const char SQL[] =
    "-- propcheck: disable-file=default-region -- regions come from the env\n"
    "-- expect: s3=instance_profile glue=sdk_default\n"
    "-- expect-warning: ignored-credential\n"
    "-- expect-warning: bool-read-as-false\n"
    "CREATE EXTERNAL CATALOG sales_lake\n"
    "PROPERTIES (\n"
    "    \"type\" = \"hive\",\n"
    "    \"hive.metastore.type\" = \"glue\",\n"
    "    \"aws.s3.use_instance_profile\" = \"true\",\n"
    "    \"aws.s3.access_key\" = \"AKIAQZFIXDEMO0000001\",\n"
    "    \"aws.s3.region\" = \"us-west-2\",\n"
    "    \"aws.glue.use_instance_profile\" = \"1\",\n"
    "    \"aws.glue.region\" = \"us-west-2\"\n"
    ");\n"
    "\n"
    "LOAD LABEL sales.daily_20251123\r\n"
    "(\r\n"
    "    DATA INFILE(\"s3://sales-raw/2025/11/23/*.parquet\")\r\n"
    "    INTO TABLE orders\r\n"
    "    FORMAT AS \"parquet\"\r\n"
    ")\r\n"
    "WITH BROKER\r\n"
    "(\r\n"
    "    \"aws.s3.use_isntance_profile\" = \"true\",\r\n"
    "    \"aws.s3.iam_role_arn\" = "
    "\"arn:aws:iam::081976408565:role/s3_assumed_role\",\r\n"
    "    \"aws.s3.region\" = \"us-west-1\"\r\n"
    ")\r\n"
    "PROPERTIES (\"timeout\" = \"3600\", \"strict_mode\" = \"yes\");\r\n"
    "\n"
    "/* caf\xc3\xa9 */ SELECT * FROM FILES(\n"
    "    \"path\" = \"s3://inserttest/parquet/file.parquet\",\n"
    "    \"format\" = \"parquet\",\n"
    "    \"aws.s3.access_key\" = \"AKIAQZFIXEXAMPLE0043\",\n"
    "    \"aws.s3.secret_key\" = "
    "\"QzFixSecret0000000000000000000000000043A\",\n"
    "    \"aws.s3.iam_role_arn\" = \"arn:aws:iam::081976408565:role/r\",\n"
    "    \"aws.s3.region\" = \"eu-west-9\"\n"
    ") UNION ALL SELECT * FROM FILES(\"path\" = \"s3a://b/x\", \"format\" = "
    "\"orc\", \"aws.s3.use_aws_sdk_default_behavior\" = \"true\", "
    "\"aws.s3.endpoint\" = \"http://10.0.0.5:9000\");\n"
    "\n"
    "CREATE EXTERNAL CATALOG polaris\n"
    "PROPERTIES (\n"
    "    \"type\" = \"iceberg\",\n"
    "    \"iceberg.catalog.type\" = \"rest\",\n"
    "    \"iceberg.catalog.uri\" = "
    "\"https://polaris.example.com/api/catalog\",\n"
    "    \"iceberg.catalog.security\" = \"oauth2\",\n"
    "    \"iceberg.catalog.oauth2.token\" = \"QzFixDemoTokenValue00001\",\n"
    "    \"iceberg.catalog.oauth2.scope\" = \"PRINCIPAL_ROLE:ALL\",\n"
    "    \"iceberg.catalog.warehouse\" = \"analytics\"\n"
    ");\n"
    "\n"
    "-- propcheck: disable=plaintext-credentials -- rotated this week\n"
    "CREATE EXTERNAL CATALOG glue_keys PROPERTIES (\n"
    "    \"type\" = \"hive\", \"hive.metastore.type\" = \"glue\",\n"
    "    \"aws.glue.access_key\" = \"AKIAQZFIXEXAMPLE0042\",\n"
    "    \"aws.glue.secret_key\" = "
    "\"QzFixSecret0000000000000000000000000042A\",\n"
    "    \"Aws.S3.Region\" = \"us-west-2\"\n"
    ");\n"
    "\n"
    "CREATE EXTERNAL CATALOG broken PROPERTIES (\"type\" = \"hive\",);\n"
    "SELECT 1 # not a comment;\n"
    "CREATE STORAGE VOLUME v TYPE = S3 LOCATIONS = (\"s3://vol/\")\n"
    "PROPERTIES (\"aws.s3.region\" = \"us-west-2\", "
    "\"aws.s3.use_web_identity_token_file\" = \"true\")";

/* A property map checked as a second file: a Glue catalog with its role. */
static const pc_prop MAP[] = {
    {.key = "type", .value = "hive"},
    {.key = "hive.metastore.type", .value = "glue"},
    {.key = "aws.s3.use_instance_profile", .value = "true"},
    {.key = "aws.s3.region", .value = "us-west-2", .key_pos = {3, 5, 0}},
    {.key = "aws.glue.use_instance_profile", .value = "TRUE "},
    {.key = "aws.glue.iam_role_arn",
     .value = "arn:aws:iam::081976408565:role/glue_role"},
    {.key = "aws.glue.regoin", .value = "us-west-2", .key_pos = {6, 5, 0}},
};

/* An identity policy that grants the statements too little: read once,
   shared by every thread's contexts (pc_ctx_use_policies). */
static const char POLICY[] =
    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n"
    "  \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::other/*\"}]}";
static pc_policies *policies;

/* A new context that checks against the shared policies. */
static pc_ctx *new_ctx(void) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  if (ctx && pc_ctx_use_policies(ctx, policies) != PC_OK) {
    pc_ctx_free(ctx);
    return NULL;
  }
  return ctx;
}

/* Two configurations: default rule levels, and levels a project might set. */
static void set_levels(pc_ctx *ctx, int config) {
  pc_ctx_reset_rule_levels(ctx);
  if (config == 1) {
    pc_ctx_set_rule_level(ctx, "plaintext-credentials", PC_LEVEL_ERROR);
    pc_ctx_set_rule_level(ctx, "unknown-key", PC_LEVEL_OFF);
    pc_ctx_set_rule_level(ctx, "default-region", PC_LEVEL_NOTE);
  }
}

/* ------------------------------------------------------------ buffers */

typedef struct Buf {
  char *data;
  size_t len, cap;
  int failed; /* out of memory */
} Buf;

static int buf_write(void *user, const char *data, size_t len) {
  Buf *b = user;
  if (b->failed)
    return 1;
  if (b->len + len + 1 > b->cap) {
    size_t cap = (b->len + len + 1) * 2;
    char *d = realloc(b->data, cap);
    if (!d) {
      b->failed = 1;
      return 1;
    }
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return 0;
}

static void buf_printf(Buf *b, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp) {
    b->failed = 1;
    return;
  }
  buf_write(b, tmp, (size_t)n);
}

static void buf_free(Buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

/* ------------------------------------------------------------ digests */

static const char *str(const char *s) { return s ? s : "(null)"; }

static void digest_pos(Buf *b, const char *what, pc_pos p) {
  buf_printf(b, " %s=%u:%u@%llu", what, (unsigned)p.line, (unsigned)p.column,
             (unsigned long long)p.offset);
}

static void digest_finding(Buf *b, const pc_finding *f) {
  buf_printf(b, "  finding %s %s", str(f->rule), pc_severity_name(f->severity));
  digest_pos(b, "at", f->pos);
  buf_printf(b, " len=%u key=%s", (unsigned)f->length, str(f->key));
  if (f->has_related) {
    digest_pos(b, "related", f->related);
    buf_printf(b, " related_key=%s", str(f->related_key));
  }
  if (f->fix)
    buf_printf(b, " fix=%llu+%u:%s (%s)", (unsigned long long)f->fix->offset,
               (unsigned)f->fix->length, str(f->fix->replacement),
               str(f->fix->description));
  buf_printf(b, "\n   %s\n", str(f->message));
}

static void digest_expect(Buf *b, const pc_expect *e) {
  buf_printf(b, "  expect %d", (int)e->kind);
  digest_pos(b, "at", e->pos);
  if (e->kind == PC_EXPECT_FINDING)
    buf_printf(b, " %s %s", str(e->rule), pc_severity_name(e->severity));
  if (e->kind == PC_EXPECT_MODES)
    for (int svc = 0; svc < PC_SVC_COUNT; svc++)
      if (e->services & (1u << svc))
        buf_printf(b, " %s=%s/%s", pc_service_name((pc_service)svc),
                   pc_mode_name(e->auth[svc].mode),
                   pc_mode_name(e->auth[svc].base));
  if (e->kind == PC_EXPECT_INVALID)
    buf_printf(b, " error=%s", str(e->error));
  buf_printf(b, "\n");
}

/* Everything the accessors say about ctx, as text. */
static void digest(const pc_ctx *ctx, Buf *b) {
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    buf_printf(b, "file %s\n", str(pc_file_path(f)));
    for (size_t j = 0; j < pc_file_stmt_count(f); j++) {
      const pc_stmt *s = pc_file_stmt_at(f, j);
      buf_printf(b, " stmt %s", pc_stmt_kind_name(pc_stmt_kind_of(s)));
      digest_pos(b, "at", pc_stmt_pos(s));
      for (int svc = 0; svc < PC_SVC_COUNT; svc++) {
        pc_auth a;
        if (pc_stmt_service(s, (pc_service)svc, &a))
          buf_printf(b, " %s=%s/%s", pc_service_name((pc_service)svc),
                     pc_mode_name(a.mode), pc_mode_name(a.base));
      }
      buf_printf(b, "\n");
      for (size_t k = 0; k < pc_stmt_finding_count(s); k++)
        digest_finding(b, pc_stmt_finding_at(s, k));
      for (size_t k = 0; k < pc_stmt_expect_count(s); k++)
        digest_expect(b, pc_stmt_expect_at(s, k));
    }
    for (size_t k = 0; k < pc_file_finding_count(f); k++)
      digest_finding(b, pc_file_finding_at(f, k));
  }
  pc_summary sum = pc_ctx_summary(ctx);
  buf_printf(b, "summary %zu %zu %zu %zu %zu %zu\n", sum.files, sum.statements,
             sum.errors, sum.warnings, sum.notes, sum.suppressed);
}

/* ------------------------------------------------------------ one run */

typedef struct Result {
  Buf digest, json, text;
  pc_status st; /* the first failure, or PC_OK */
} Result;

static void result_free(Result *r) {
  buf_free(&r->digest);
  buf_free(&r->json);
  buf_free(&r->text);
}

static void keep_first(pc_status *into, pc_status st) {
  if (*into == PC_OK)
    *into = st;
}

/* ------------------------------------------------ one file on two threads */

/* The SQL split on a thread of its own, in chunks of `chunk` bytes, into
   two batches used in turn; each goes to the checker through one slot. */
typedef struct Handoff {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  pc_batch *slot; /* filled, waiting for the checker; NULL when empty */
  int done;       /* the splitter has handed over its last batch */
  int quit;       /* the checker stops early */
  pc_status st;   /* the splitter's first failure */
  size_t chunk;
} Handoff;

static void *split_side(void *arg) {
  Handoff *h = arg;
  pc_splitter *sp = pc_splitter_new(NULL);
  pc_batch *b[2] = {pc_batch_new(), pc_batch_new()};
  pc_status st = sp && b[0] && b[1] ? pc_splitter_begin(sp) : PC_ENOMEM;
  int k = 0;
  for (size_t off = 0; st == PC_OK; off += h->chunk) {
    size_t n =
        sizeof SQL - 1 - off < h->chunk ? sizeof SQL - 1 - off : h->chunk;
    int last = off + n == sizeof SQL - 1;
    pc_batch_clear(b[k]);
    st = pc_splitter_feed(sp, SQL + off, n, b[k]);
    if (st == PC_OK && last)
      st = pc_splitter_end(sp, b[k]); /* the last chunk ends the file */
    pthread_mutex_lock(&h->lock);
    while (h->slot && !h->quit) /* the other batch is still being read */
      pthread_cond_wait(&h->cond, &h->lock);
    int quit = h->quit;
    if (!quit && st == PC_OK)
      h->slot = b[k];
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
    if (quit || last)
      break;
    k ^= 1;
  }
  pthread_mutex_lock(&h->lock);
  while (h->slot && !h->quit) /* b[k] is read until the checker is done */
    pthread_cond_wait(&h->cond, &h->lock);
  h->st = st;
  h->done = 1;
  pthread_cond_broadcast(&h->cond);
  pthread_mutex_unlock(&h->lock);
  pc_batch_free(b[0]);
  pc_batch_free(b[1]);
  pc_splitter_free(sp);
  return NULL;
}

/* The checker's side: every batch, in order, into ctx's open file. */
static pc_status feed_from_second_thread(pc_ctx *ctx, size_t chunk) {
  Handoff h = {.chunk = chunk};
  pthread_t t;
  if (pthread_mutex_init(&h.lock, NULL) != 0)
    return PC_ENOMEM;
  pthread_cond_init(&h.cond, NULL);
  if (pthread_create(&t, NULL, split_side, &h) != 0) {
    pthread_cond_destroy(&h.cond);
    pthread_mutex_destroy(&h.lock);
    return PC_ENOMEM;
  }
  pc_status st = PC_OK;
  pthread_mutex_lock(&h.lock);
  for (;;) {
    while (!h.slot && !h.done)
      pthread_cond_wait(&h.cond, &h.lock);
    if (!h.slot)
      break;
    pc_batch *b = h.slot;
    pthread_mutex_unlock(&h.lock);
    keep_first(&st, pc_file_feed_batch(ctx, b));
    pthread_mutex_lock(&h.lock);
    h.slot = NULL; /* handed back */
    h.quit = st != PC_OK;
    pthread_cond_broadcast(&h.cond);
  }
  pthread_mutex_unlock(&h.lock);
  pthread_join(t, NULL);
  keep_first(&st, h.st);
  pthread_cond_destroy(&h.cond);
  pthread_mutex_destroy(&h.lock);
  return st;
}

/* How run_once feeds the SQL. */
typedef enum Way { WHOLE, STREAMED, TWO_THREADS } Way;

/* Checks the SQL (whole; or in chunks of `chunk` bytes, fed here or split
   on a second thread) and the property map into ctx, then reads everything
   back. */
static void run_once(pc_ctx *ctx, int config, Way way, size_t chunk,
                     Result *r) {
  memset(r, 0, sizeof *r);
  pc_ctx_reset(ctx);
  set_levels(ctx, config);
  if (way == TWO_THREADS) {
    keep_first(&r->st, pc_file_begin(ctx, "shared.sql"));
    keep_first(&r->st, feed_from_second_thread(ctx, chunk));
    keep_first(&r->st, pc_file_end(ctx));
  } else if (way == WHOLE) {
    keep_first(&r->st, pc_check_buffer(ctx, "shared.sql", SQL, sizeof SQL - 1));
  } else {
    keep_first(&r->st, pc_file_begin(ctx, "shared.sql"));
    for (size_t off = 0; off < sizeof SQL - 1; off += chunk) {
      size_t n = sizeof SQL - 1 - off < chunk ? sizeof SQL - 1 - off : chunk;
      keep_first(&r->st, pc_file_feed(ctx, SQL + off, n));
    }
    keep_first(&r->st, pc_file_end(ctx));
  }
  pc_prop_input in = {.kind = PC_STMT_CREATE_EXTERNAL_CATALOG,
                      .props = MAP,
                      .nprops = COUNT(MAP),
                      .pos = {1, 1, 0}};
  keep_first(&r->st, pc_check_props(ctx, "map.json", &in));
  digest(ctx, &r->digest);
  keep_first(&r->st, pc_render(ctx, PC_FORMAT_JSON, 0, buf_write, &r->json));
  keep_first(&r->st, pc_render(ctx, PC_FORMAT_TEXT, 0, buf_write, &r->text));
  if (r->digest.failed || r->json.failed || r->text.failed)
    keep_first(&r->st, PC_ENOMEM);
}

static int same(const Buf *a, const Buf *b) {
  return a->len == b->len &&
         (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* ------------------------------------------------------------ threads */

static Result reference[2]; /* per configuration; written before the threads */
static pthread_barrier_t start_line;

typedef struct Worker {
  pthread_t thread;
  int index;
  int runs;       /* completed comparisons */
  int mismatches; /* results that differ from the reference */
  char first[256];
} Worker;

static void mismatch(Worker *w, int iter, const char *what) {
  if (w->mismatches++ == 0)
    snprintf(w->first, sizeof w->first,
             "thread %d, iteration %d: %s differs from the reference", w->index,
             iter, what);
}

static void *work(void *arg) {
  Worker *w = arg;
  pc_ctx *ctx = new_ctx();
  pthread_barrier_wait(&start_line);
  for (int iter = 0; iter < ITERATIONS && ctx; iter++) {
    int config = (w->index + iter) % 2;
    /* a third of the runs stream, in chunks of 1 to 97 bytes, and a
       third split on a second thread, in chunks of 1 to 397 bytes */
    Way way = (Way)(iter % 3);
    size_t chunk =
        (size_t)(iter * 13 + w->index) % (way == STREAMED ? 97 : 397) + 1;
    Result r;
    run_once(ctx, config, way, chunk, &r);
    const Result *ref = &reference[config];
    if (r.st != PC_OK)
      mismatch(w, iter, pc_status_str(r.st));
    else if (!same(&r.digest, &ref->digest))
      mismatch(w, iter, "the accessors' digest");
    else if (!same(&r.json, &ref->json))
      mismatch(w, iter, "the JSON rendering");
    else if (!same(&r.text, &ref->text))
      mismatch(w, iter, "the text rendering");
    /* the shared rule table, read at the same time by everyone */
    const pc_rule *rule = pc_rule_find("unknown-key");
    if (!rule || strcmp(rule->id, "unknown-key") != 0 ||
        rule->severity != PC_SEV_WARNING)
      mismatch(w, iter, "the rule table");
    result_free(&r);
    w->runs++;
    if (iter % 8 == 7) { /* sometimes start over with a fresh context */
      pc_ctx_free(ctx);
      ctx = new_ctx();
    }
  }
  if (!ctx)
    mismatch(w, -1, "pc_ctx_new (out of memory)");
  pc_ctx_free(ctx);
  return NULL;
}

/* ------------------------------------------------------------ tests */

static int make_reference(void **state) {
  (void)state;
  policies = pc_policies_new();
  if (!policies ||
      pc_policies_add(policies, "p.json", POLICY, sizeof POLICY - 1) != PC_OK)
    return -1;
  pc_ctx *ctx = new_ctx();
  if (!ctx)
    return -1;
  int ok = 1;
  for (int config = 0; config < 2; config++) {
    run_once(ctx, config, WHOLE, 0, &reference[config]);
    ok = ok && reference[config].st == PC_OK;
  }
  pc_ctx_free(ctx);
  return ok ? 0 : -1;
}

static int free_reference(void **state) {
  (void)state;
  result_free(&reference[0]);
  result_free(&reference[1]);
  pc_policies_free(policies);
  return 0;
}

/* The reference itself must be worth comparing: statements of every kind
   used here, findings, expectations, file findings, and two configurations
   that really differ. */
static void reference_should_cover_the_input(void **state) {
  (void)state;
  const char *d = reference[0].digest.data;
  assert_non_null(d);
  assert_non_null(strstr(d, "stmt create_external_catalog"));
  assert_non_null(strstr(d, "stmt broker_load"));
  assert_non_null(strstr(d, "stmt files"));
  assert_non_null(strstr(d, "stmt create_storage_volume"));
  assert_non_null(strstr(d, "s3=assumed_role/iam_user"));
  assert_non_null(strstr(d, "glue=assumed_role/instance_profile")); /* map */
  assert_non_null(strstr(d, "finding ignored-credential"));
  assert_non_null(strstr(d, "finding unknown-key"));
  assert_non_null(strstr(d, "finding hash-comment"));
  assert_non_null(strstr(d, "finding syntax-error"));
  assert_non_null(strstr(d, "finding missing-permission")); /* policies */
  assert_non_null(strstr(d, "expect 0"));
  assert_non_null(strstr(d, "file map.json"));
  assert_true(reference[0].json.len > 0 && reference[0].text.len > 0);
  assert_false(same(&reference[0].digest, &reference[1].digest));
  assert_false(same(&reference[0].json, &reference[1].json));
  /* and it does not depend on how the SQL was fed */
  pc_ctx *ctx = new_ctx();
  assert_non_null(ctx);
  for (size_t chunk = 1; chunk < 200; chunk += 37) {
    for (Way way = STREAMED; way <= TWO_THREADS; way++) {
      Result r;
      run_once(ctx, 0, way, chunk, &r);
      assert_int_equal(r.st, PC_OK);
      assert_string_equal(r.digest.data, reference[0].digest.data);
      assert_string_equal(r.json.data, reference[0].json.data);
      result_free(&r);
    }
  }
  pc_ctx_free(ctx);
}

static void threads_should_match_the_reference(void **state) {
  (void)state;
  Worker w[THREADS];
  memset(w, 0, sizeof w);
  assert_int_equal(pthread_barrier_init(&start_line, NULL, THREADS), 0);
  for (int i = 0; i < THREADS; i++) {
    w[i].index = i;
    assert_int_equal(pthread_create(&w[i].thread, NULL, work, &w[i]), 0);
  }
  for (int i = 0; i < THREADS; i++)
    assert_int_equal(pthread_join(w[i].thread, NULL), 0);
  pthread_barrier_destroy(&start_line);
  int bad = 0;
  for (int i = 0; i < THREADS; i++) {
    if (w[i].mismatches) {
      print_message("%s (%d mismatches)\n", w[i].first, w[i].mismatches);
      bad = 1;
    }
    assert_int_equal(w[i].runs, ITERATIONS);
  }
  assert_false(bad);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reference_should_cover_the_input),
      cmocka_unit_test(threads_should_match_the_reference),
  };
  return cmocka_run_group_tests(tests, make_reference, free_reference);
}
