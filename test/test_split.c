/*
 * test_split.c - streaming input gives the results of a whole buffer.
 *
 * pc_file_begin / pc_file_feed / pc_file_end promise "the same results as
 * pc_check_buffer on the concatenated chunks" (propcheck.h).  Each test
 * checks a buffer whole, then again fed in chunks of every size from 1 to
 * 17 bytes, and compares everything a caller can read: statements (kind,
 * position, services and modes), findings (rule, severity, position, span,
 * key, related position, message) of statements and of the file, and the
 * rendered text (whose source lines are captured while streaming).  Every
 * chunking is also fed through a pc_splitter into batches checked with
 * pc_file_feed_batch, which promises the same results.
 *
 * The input mixes what makes splitting hard: a UTF-8 BOM, comments holding
 * ';' and quotes, strings holding ';', '--' and a block-comment opener,
 * CRLF line ends, several statements on one line, a FILES() query, a
 * catalog with findings, '#', and a last statement without ';'.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "propcheck.h"

#include "pc_internal.h"

#define MAX_CHUNK 17

/* ------------------------------------------------------------ inputs */

static const char MIXED[] =
    /* line 1: a BOM, then a -- comment holding ';', quotes and a '/' '*' */
    "\xEF\xBB\xBF-- header; it's a \"comment\" with 'quotes'; /* not open\r\n"
    /* lines 2-3: a block comment holding ';', quotes and -- */
    "/* block; comment 'with' \"quotes\" -- and dashes\r\n"
    "   still; inside */\r\n"
    /* lines 4-12: a Hive catalog on Glue with findings */
    "CREATE EXTERNAL CATALOG glue_cat COMMENT 'semi; -- no /* no' PROPERTIES "
    "(\r\n"
    "  \"type\" = \"hive\",\r\n"
    "  \"hive.metastore.type\" = \"glue\",\r\n"
    "  \"aws.glue.use_instance_profile\" = \"true\",\r\n"
    "  \"aws.glue.access_key\" = \"AKIAQZSPLITTEST00001\",\r\n"
    "  \"aws.glue.region\" = \"us-west-2\",\r\n"
    "  \"aws.s3.use_instance_profile\" = \"yes\",\r\n"
    "  \"aws.s3.region\" = \"us-west-2\"\r\n"
    ");\r\n"
    /* line 13: three statements on one line, one of them FILES(), a '#' */
    "SELECT 'caf\xc3\xa9;'; SELECT * FROM FILES(\"path\" = "
    "\"s3://bkt/a;b--c/*.parquet\", \"format\" = \"parquet\", "
    "\"aws.s3.use_instance_profile\" = \"tru\", \"aws.s3.region\" = "
    "\"us-east-1\"); SELECT 2 # not a comment;\r\n"
    /* lines 14-15: a broker load without ';' at the end of the file */
    "LOAD LABEL db.l1 (DATA INFILE(\"s3://bkt/x/*\") INTO TABLE t) -- a; b\r\n"
    "WITH BROKER (\"aws.s3.access_key\" = \"AKIAQZSPLITTEST00002\", "
    "\"aws.s3.region\" = \"eu-west-1\")";

/* ------------------------------------------------------------ snapshots */

static void dump_finding(FILE *out, const pc_finding *f) {
  fprintf(out, "    %s %s %u:%u @%llu +%u key=%s", f->rule,
          pc_severity_name(f->severity), f->pos.line, f->pos.column,
          (unsigned long long)f->pos.offset, f->length, f->key ? f->key : "-");
  if (f->has_related)
    fprintf(out, " rel=%u:%u/%s", f->related.line, f->related.column,
            f->related_key ? f->related_key : "-");
  fprintf(out, "\n      %s\n", f->message);
}

static int append(void *user, const char *data, size_t len) {
  return fwrite(data, 1, len, (FILE *)user) == len ? 0 : 1;
}

/* Everything a caller can read from ctx, as text (malloc'd). */
static char *snapshot(const pc_ctx *ctx) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    fprintf(out, "file %s\n", pc_file_path(f));
    for (size_t j = 0; j < pc_file_stmt_count(f); j++) {
      const pc_stmt *s = pc_file_stmt_at(f, j);
      pc_pos p = pc_stmt_pos(s);
      fprintf(out, "  stmt %s %u:%u @%llu\n",
              pc_stmt_kind_name(pc_stmt_kind_of(s)), p.line, p.column,
              (unsigned long long)p.offset);
      for (int v = 0; v < PC_SVC_COUNT; v++) {
        pc_auth a;
        if (pc_stmt_service(s, (pc_service)v, &a))
          fprintf(out, "    %s = %s / %s\n", pc_service_name((pc_service)v),
                  pc_mode_name(a.mode), pc_mode_name(a.base));
      }
      for (size_t k = 0; k < pc_stmt_finding_count(s); k++)
        dump_finding(out, pc_stmt_finding_at(s, k));
    }
    fprintf(out, "  file findings\n");
    for (size_t k = 0; k < pc_file_finding_count(f); k++)
      dump_finding(out, pc_file_finding_at(f, k));
  }
  fprintf(out, "--- text\n");
  assert_int_equal(pc_render(ctx, PC_FORMAT_TEXT, 0, append, out), PC_OK);
  fclose(out);
  return text;
}

static char *check_whole(const pc_options *opt, const char *buf, size_t len) {
  pc_ctx *ctx = pc_ctx_new(opt);
  assert_non_null(ctx);
  pc_status st = pc_check_buffer(ctx, "mixed.sql", buf, len);
  char *snap = snapshot(ctx);
  pc_ctx_free(ctx);
  assert_int_equal(st, PC_OK);
  return snap;
}

static char *check_streamed(const pc_options *opt, const char *buf, size_t len,
                            size_t chunk) {
  pc_ctx *ctx = pc_ctx_new(opt);
  assert_non_null(ctx);
  pc_status st = pc_file_begin(ctx, "mixed.sql");
  for (size_t off = 0; st == PC_OK && off < len; off += chunk)
    st = pc_file_feed(ctx, buf + off, len - off < chunk ? len - off : chunk);
  pc_status end = pc_file_end(ctx);
  char *snap = snapshot(ctx);
  pc_ctx_free(ctx);
  assert_int_equal(st, PC_OK);
  assert_int_equal(end, PC_OK);
  return snap;
}

/* The same through a pc_splitter and batches (include/propcheck.h, "One
   file on two threads"), on one thread: chunks of `chunk` bytes, the batch
   checked and cleared after every `every` chunks (and at the end). */
static char *check_batched(const pc_options *opt, const char *buf, size_t len,
                           size_t chunk, size_t every) {
  pc_ctx *ctx = pc_ctx_new(opt);
  pc_splitter *sp = pc_splitter_new(opt);
  pc_batch *b = pc_batch_new();
  assert_non_null(ctx);
  assert_non_null(sp);
  assert_non_null(b);
  pc_status st = pc_file_begin(ctx, "mixed.sql");
  if (st == PC_OK)
    st = pc_splitter_begin(sp);
  size_t fed = 0;
  for (size_t off = 0; st == PC_OK && off < len; off += chunk) {
    st = pc_splitter_feed(sp, buf + off, len - off < chunk ? len - off : chunk,
                          b);
    if (st == PC_OK && ++fed % every == 0) {
      st = pc_file_feed_batch(ctx, b);
      pc_batch_clear(b);
    }
  }
  if (st == PC_OK)
    st = pc_splitter_end(sp, b);
  if (st == PC_OK)
    st = pc_file_feed_batch(ctx, b);
  pc_status end = pc_file_end(ctx);
  char *snap = snapshot(ctx);
  pc_batch_free(b);
  pc_splitter_free(sp);
  pc_ctx_free(ctx);
  assert_int_equal(st, PC_OK);
  assert_int_equal(end, PC_OK);
  return snap;
}

/* Prints the first line where two snapshots differ. */
static void show_difference(const char *want, const char *got, size_t chunk) {
  size_t line = 1, i = 0;
  while (want[i] && want[i] == got[i]) {
    if (want[i] == '\n')
      line++;
    i++;
  }
  const char *a = want + i, *b = got + i;
  while (a > want && a[-1] != '\n')
    a--, b--;
  print_message("chunks of %zu bytes differ from the whole buffer at "
                "snapshot line %zu:\n  whole:    %.*s\n  streamed: %.*s\n",
                chunk, line, (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"),
                b);
}

/* Whole against chunks of one size, fed as bytes and through batches
   (handed over after every chunk, and after every few); returns how many
   of the three differ. */
static int compare_one(const pc_options *opt, const char *want, const char *buf,
                       size_t len, size_t chunk) {
  int bad = 0;
  for (int way = 0; way < 3; way++) {
    char *got = way == 0 ? check_streamed(opt, buf, len, chunk)
                         : check_batched(opt, buf, len, chunk,
                                         way == 1 ? 1 : 2 + chunk % 5);
    if (strcmp(want, got) != 0) {
      if (way)
        print_message("(through batches, handed over after every %s)\n",
                      way == 1 ? "chunk" : "few chunks");
      show_difference(want, got, chunk);
      bad++;
    }
    free(got);
  }
  return bad;
}

/* Whole versus every chunk size; returns the number of ways that differ. */
static int compare_chunkings(const pc_options *opt, const char *buf,
                             size_t len) {
  char *want = check_whole(opt, buf, len);
  int bad = 0;
  for (size_t chunk = 1; chunk <= MAX_CHUNK; chunk++)
    bad += compare_one(opt, want, buf, len, chunk);
  free(want);
  return bad;
}

/* Whole versus each of the given chunk sizes; returns how many differ. */
static int compare_sizes(const pc_options *opt, const char *buf, size_t len,
                         const size_t *sizes, size_t nsizes) {
  char *want = check_whole(opt, buf, len);
  int bad = 0;
  for (size_t i = 0; i < nsizes; i++)
    bad += compare_one(opt, want, buf, len, sizes[i]);
  free(want);
  return bad;
}

/* ------------------------------------------------------------ helpers */

typedef struct ExpStmt {
  pc_stmt_kind kind;
  uint32_t line, column;
} ExpStmt;

static int has_rule(const pc_stmt *s, const char *rule) {
  for (size_t i = 0; i < pc_stmt_finding_count(s); i++)
    if (strcmp(pc_stmt_finding_at(s, i)->rule, rule) == 0)
      return 1;
  return 0;
}

/* ------------------------------------------------------------ tests */

/* The reference itself, so that equal snapshots cannot be equally empty. */
static void
whole_buffer_should_find_every_statement_of_the_mixed_input(void **state) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  *state = ctx;
  assert_int_equal(pc_check_buffer(ctx, "mixed.sql", MIXED, sizeof MIXED - 1),
                   PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  static const ExpStmt want[] = {
      {PC_STMT_CREATE_EXTERNAL_CATALOG, 4, 1},
      {PC_STMT_FILES, 13, 31}, /* 'café;' counts 7 columns */
      {PC_STMT_BROKER_LOAD, 14, 1},
  };
  assert_int_equal(pc_file_stmt_count(f), 3);
  for (size_t i = 0; i < 3; i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    pc_pos p = pc_stmt_pos(s);
    if (pc_stmt_kind_of(s) != want[i].kind || p.line != want[i].line ||
        p.column != want[i].column)
      print_message("statement %zu: %s at %u:%u, expected %s at %u:%u\n", i,
                    pc_stmt_kind_name(pc_stmt_kind_of(s)), p.line, p.column,
                    pc_stmt_kind_name(want[i].kind), want[i].line,
                    want[i].column);
    assert_int_equal(pc_stmt_kind_of(s), want[i].kind);
    assert_int_equal(p.line, want[i].line);
    assert_int_equal(p.column, want[i].column);
  }
  pc_auth a;
  const pc_stmt *cat = pc_file_stmt_at(f, 0);
  assert_true(pc_stmt_service(cat, PC_SVC_GLUE, &a));
  assert_int_equal(a.mode, PC_MODE_INSTANCE_PROFILE);
  assert_true(has_rule(cat, "ignored-credential"));
  assert_true(has_rule(cat, "bool-read-as-false"));
  assert_false(has_rule(cat, "syntax-error"));
  const pc_stmt *files = pc_file_stmt_at(f, 1);
  assert_true(pc_stmt_service(files, PC_SVC_S3, &a));
  assert_int_equal(a.mode, PC_MODE_NONE);
  assert_true(has_rule(files, "bool-read-as-false"));
  assert_false(has_rule(files, "syntax-error"));
  const pc_stmt *load = pc_file_stmt_at(f, 2);
  assert_true(pc_stmt_service(load, PC_SVC_S3, &a));
  assert_int_equal(a.mode, PC_MODE_NONE);
  assert_true(has_rule(load, "missing-key-pair"));
  assert_false(has_rule(load, "syntax-error"));
  /* The '#' of a statement that is not resolved is a file finding. */
  assert_int_equal(pc_file_finding_count(f), 1);
  const pc_finding *h = pc_file_finding_at(f, 0);
  assert_string_equal(h->rule, "hash-comment");
  assert_int_equal(h->pos.line, 13);
  /* "SELECT 'café;'; SELECT * FROM FILES(...); SELECT 2 #": the '#' is the
     character after "SELECT 2 " that starts the third statement. */
  static const char third[] = "SELECT 2 #";
  const char *at = strstr(MIXED, third);
  assert_non_null(at);
  const char *line13 = strstr(MIXED, "SELECT 'caf");
  uint32_t col = 1;
  for (const char *q = line13; q < at + sizeof third - 2; q++)
    if (((unsigned char)*q & 0xC0) != 0x80)
      col++;
  assert_int_equal(h->pos.column, col);
  assert_int_equal(h->pos.offset, (uint64_t)(at + sizeof third - 2 - MIXED));
}

static void
streaming_should_match_the_whole_buffer_for_every_chunk_size(void **state) {
  (void)state;
  assert_int_equal(compare_chunkings(NULL, MIXED, sizeof MIXED - 1), 0);
}

static void streaming_should_match_with_lf_line_ends_and_no_bom(void **state) {
  (void)state;
  /* The same input with LF line ends and without the BOM. */
  size_t n = sizeof MIXED - 1;
  char *lf = malloc(n);
  assert_non_null(lf);
  size_t k = 0;
  for (size_t i = 3; i < n; i++)
    if (MIXED[i] != '\r')
      lf[k++] = MIXED[i];
  int bad = compare_chunkings(NULL, lf, k);
  free(lf);
  assert_int_equal(bad, 0);
}

static void
streaming_should_match_when_the_file_ends_in_an_open_string(void **state) {
  (void)state;
  static const char text[] =
      "SELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = \"orc\");\r\n"
      "CREATE EXTERNAL CATALOG c PROPERTIES (\"type\" = \"hive\", "
      "\"aws.s3.access_key\" = 'never; closed -- /*";
  assert_int_equal(compare_chunkings(NULL, text, sizeof text - 1), 0);
}

static void a_bom_alone_should_leave_no_statement(void **state) {
  static const char text[] = "\xEF\xBB\xBF";
  assert_int_equal(compare_chunkings(NULL, text, sizeof text - 1), 0);
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  *state = ctx;
  assert_int_equal(pc_check_buffer(ctx, "bom.sql", text, 3), PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_int_equal(pc_file_stmt_count(f), 0);
  assert_int_equal(pc_file_finding_count(f), 0);
}

static void a_bom_should_not_count_as_a_column(void **state) {
  static const char text[] =
      "\xEF\xBB\xBFSELECT * FROM FILES(\"path\" = \"s3://b/x\", \"format\" = "
      "\"parquet\", \"aws.s3.use_instance_profile\" = \"true\", "
      "\"aws.s3.region\" = \"us-east-1\")";
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  *state = ctx;
  assert_int_equal(pc_check_buffer(ctx, "bom.sql", text, sizeof text - 1),
                   PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_int_equal(pc_file_stmt_count(f), 1);
  pc_pos p = pc_stmt_pos(pc_file_stmt_at(f, 0));
  assert_int_equal(p.line, 1);
  assert_int_equal(p.column, 15);
  assert_int_equal(p.offset, 17); /* byte offsets do count the BOM */
}

/* ---- --max-statement-bytes ---- */

enum { LIMIT = 128 };

/* A statement of about 600 bytes between two short ones; the long one holds
   ';' in a string and in a comment after the limit has been reached. */
static char *oversize_input(size_t *len) {
  char *b = malloc(2048);
  assert_non_null(b);
  int n = 0;
  n += sprintf(b + n, "SELECT 1;\n");
  n += sprintf(b + n, "  SELECT * FROM FILES(\"path\" = \"s3://b/");
  for (int i = 0; i < 400; i++)
    b[n++] = (char)('a' + i % 26);
  n += sprintf(b + n, ";not-the-end\", /* nor; this */ \"format\" = "
                      "\"parquet\") -- nor; this\n");
  n += sprintf(b + n, "WHERE x = 'a;b';\n");
  n += sprintf(b + n, "SELECT * FROM FILES(\"path\" = \"s3://b/x\", "
                      "\"format\" = \"parquet\", "
                      "\"aws.s3.use_instance_profile\" = \"1\");\n");
  *len = (size_t)n;
  return b;
}

static void
a_long_statement_should_yield_one_statement_too_large_finding(void **state) {
  size_t len;
  char *text = oversize_input(&len);
  pc_options opt = {LIMIT, 0};
  pc_ctx *ctx = pc_ctx_new(&opt);
  assert_non_null(ctx);
  *state = ctx;
  pc_status st = pc_check_buffer(ctx, "long.sql", text, len);
  free(text);
  assert_int_equal(st, PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);

  assert_int_equal(pc_file_finding_count(f), 1);
  const pc_finding *big = pc_file_finding_at(f, 0);
  assert_string_equal(big->rule, "statement-too-large");
  assert_int_equal(big->severity, PC_SEV_ERROR);
  assert_int_equal(big->pos.line, 2);
  assert_int_equal(big->pos.column, 3);
  assert_int_equal(big->pos.offset, 12);
  assert_non_null(strstr(big->message, "128"));

  /* The statement after it is still checked, and nothing of the long one
     leaks into it as a syntax error. */
  assert_int_equal(pc_file_stmt_count(f), 1);
  const pc_stmt *s = pc_file_stmt_at(f, 0);
  assert_int_equal(pc_stmt_kind_of(s), PC_STMT_FILES);
  assert_int_equal(pc_stmt_pos(s).line, 4);
  assert_int_equal(pc_stmt_pos(s).column, 15);
  assert_true(has_rule(s, "bool-read-as-false"));
  assert_false(has_rule(s, "syntax-error"));
  pc_summary sum = pc_ctx_summary(ctx);
  assert_int_equal(sum.statements, 1);
}

static void
a_long_statement_should_give_the_same_results_streamed(void **state) {
  (void)state;
  size_t len;
  char *text = oversize_input(&len);
  pc_options opt = {LIMIT, 0};
  int bad = compare_chunkings(&opt, text, len);
  free(text);
  assert_int_equal(bad, 0);
}

static void
a_long_last_statement_without_semicolon_should_be_reported_once(void **state) {
  char text[600];
  int n = sprintf(text, "SELECT 1;\r\nLOAD LABEL db.l WITH BROKER (\"a\" = \"");
  while (n < 500)
    text[n++] = 'x';
  n += sprintf(text + n, "\")");
  pc_options opt = {LIMIT, 0};
  assert_int_equal(compare_chunkings(&opt, text, (size_t)n), 0);
  pc_ctx *ctx = pc_ctx_new(&opt);
  assert_non_null(ctx);
  *state = ctx;
  assert_int_equal(pc_check_buffer(ctx, "long.sql", text, (size_t)n), PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_int_equal(pc_file_stmt_count(f), 0);
  assert_int_equal(pc_file_finding_count(f), 1);
  assert_string_equal(pc_file_finding_at(f, 0)->rule, "statement-too-large");
  assert_int_equal(pc_file_finding_at(f, 0)->pos.line, 2);
  assert_int_equal(pc_file_finding_at(f, 0)->pos.column, 1);
}

static void a_statement_at_the_limit_should_still_be_checked(void **state) {
  /* Exactly LIMIT bytes from the end of the previous statement (its ';'
     excluded) to this one's ';' included. */
  char text[LIMIT + 32];
  int n = sprintf(text, "SELECT 1;");
  int start = n;
  n += sprintf(text + n, "SELECT * FROM FILES(\"format\" = \"parquet\", "
                         "\"path\" = \"s3://b/");
  while (n - start < LIMIT - 3)
    text[n++] = 'p';
  n += sprintf(text + n, "\");");
  assert_int_equal(n - start, LIMIT);
  pc_options opt = {LIMIT, 0};
  pc_ctx *ctx = pc_ctx_new(&opt);
  assert_non_null(ctx);
  *state = ctx;
  assert_int_equal(pc_check_buffer(ctx, "edge.sql", text, (size_t)n), PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_int_equal(pc_file_finding_count(f), 0);
  assert_int_equal(pc_file_stmt_count(f), 1);
}

static int free_ctx(void **state) {
  pc_ctx_free(*state);
  *state = NULL;
  return 0;
}

/* Pieces larger than a statement: the splitter hands statements that lie
   wholly inside one piece to the checker where they are, and keeps only
   those cut by a piece's end; lines are counted 64 bytes at a time.  The
   mixed input forty times over, cut at sizes around those 64-byte blocks,
   with the default limit and with limits that statements and the comments
   before them exceed. */
static void
streaming_should_match_for_pieces_larger_than_statements(void **state) {
  (void)state;
  enum { COPIES = 40 };
  /* after each copy: a short statement, then a comment longer than the
     smaller limit below */
  static const char tail[] =
      ";\nSELECT 1; -- a comment that is longer than sixty bytes, alone\n"
      "SELECT 2;\n";
  size_t one = sizeof MIXED - 1 - 3; /* without the BOM */
  char *buf = malloc(COPIES * (one + sizeof tail) + 1);
  assert_non_null(buf);
  size_t len = 0;
  for (int i = 0; i < COPIES; i++) {
    memcpy(buf + len, MIXED + 3, one);
    len += one;
    memcpy(buf + len, tail, sizeof tail - 1);
    len += sizeof tail - 1;
  }
  static const size_t sizes[] = {31,  63,  64,   65,   127,  128,
                                 129, 500, 1000, 4096, 65536};
  size_t nsizes = sizeof sizes / sizeof sizes[0];
  assert_int_equal(compare_sizes(NULL, buf, len, sizes, nsizes), 0);
  /* statements over the limit; then comments before them over it too */
  pc_options small = {150, 0}, smaller = {60, 0};
  assert_int_equal(compare_sizes(&small, buf, len, sizes, nsizes), 0);
  assert_int_equal(compare_sizes(&smaller, buf, len, sizes, nsizes), 0);
  /* and the lines of the last copy are right */
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  assert_int_equal(pc_check_buffer(ctx, "many.sql", buf, len), PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  assert_int_equal(pc_file_stmt_count(f), 3 * COPIES);
  pc_pos last = pc_stmt_pos(pc_file_stmt_at(f, 3 * COPIES - 1));
  assert_int_equal(last.line, 14 + 17 * (COPIES - 1));
  pc_ctx_free(ctx);
  free(buf);
}

/* The splitter classifies bytes with vector compares where it can (AVX2
   where the CPU has it), and with a byte table elsewhere: they must agree
   on every byte value, in every lane of a block, for every class. */
static void class_masks_should_agree_with_the_byte_table(void **state) {
  (void)state;
  enum { KINDS = 7 }; /* ByteClass in split.c */
  unsigned char blk[64];
  for (int kind = 0; kind < KINDS; kind++)
    for (unsigned v = 0; v < 256; v++)
      for (unsigned lane = 0; lane < 64; lane += 7) {
        /* v at one lane, other values around it */
        for (unsigned j = 0; j < 64; j++)
          blk[j] = (unsigned char)(v + j * 37);
        blk[lane] = (unsigned char)v;
        uint64_t by_vector = split_class_mask(kind, blk, 0);
        uint64_t by_table = split_class_mask(kind, blk, 1);
        uint64_t by_avx2 = split_class_mask(kind, blk, 2);
        if (by_vector != by_table || by_avx2 != by_table)
          fail_msg("kind %d, byte %u at lane %u: vector %016llx, AVX2 %016llx, "
                   "table %016llx",
                   kind, v, lane, (unsigned long long)by_vector,
                   (unsigned long long)by_avx2, (unsigned long long)by_table);
      }
  /* and a byte of a class is found (not both empty) */
  memset(blk, 'a', sizeof blk);
  blk[5] = ';';
  assert_int_equal(split_class_mask(1, blk, 0), (uint64_t)1 << 5);
  assert_int_equal(split_class_mask(0, blk, 0), 0);
}

/* source_pos with a long statement's line index and column marks
   (source_index_lines) gives the position that counting from the start
   gives, at every offset: long lines of one-, two- and three-byte
   characters, tabs, CR LF, a line shorter than a mark step, and a chunk
   that starts inside a line (base_col). */
static void
column_marks_should_agree_with_counting_from_the_start(void **state) {
  (void)state;
  static const char *const pieces[] = {
      "a", "\xC3\xA9", "\xE6\x97\xA5", "\t", "\"k\" = ", "x\r\n", "\n"};
  size_t cap = 200000, n = 0;
  char *text = malloc(cap);
  assert_non_null(text);
  unsigned r = 7;
  while (n + 8 < cap) {
    r = r * 1103515245u + 12345u;
    unsigned k = (r >> 16) % 10000;
    /* lines of about 10 KB (a line end in 5,000 pieces), some short */
    const char *p = k < 4000   ? pieces[0]
                    : k < 7000 ? pieces[1]
                    : k < 9000 ? pieces[2]
                    : k < 9500 ? pieces[3]
                    : k < 9998 ? pieces[4]
                               : pieces[5 + k % 2];
    size_t m = strlen(p);
    memcpy(text + n, p, m);
    n += m;
  }
  int oom = 0;
  Arena a;
  arena_init(&a, &oom);
  Chunk c = {0};
  c.text = text;
  c.len = n;
  c.base_offset = 1000;
  c.base_line = 3;
  c.base_col = 17;
  Chunk plain = c;
  source_index_lines(&c, &a);
  assert_false(oom);
  assert_non_null(c.line_ends);
  assert_non_null(c.col_marks);
  pc_pos want = {c.base_line, c.base_col, c.base_offset};
  for (size_t off = 0; off <= n; off++) {
    pc_pos got = source_pos(&c, off);
    if (got.line != want.line || got.column != want.column ||
        got.offset != want.offset)
      fail_msg("offset %zu: %u:%u (%llu), want %u:%u (%llu)", off, got.line,
               got.column, (unsigned long long)got.offset, want.line,
               want.column, (unsigned long long)want.offset);
    if (off % 4099 == 0) { /* and the same without the index */
      pc_pos slow = source_pos(&plain, off);
      assert_int_equal(slow.line, want.line);
      assert_int_equal(slow.column, want.column);
    }
    if (off < n)
      want = source_advance(want, text + off, 1);
  }
  arena_release(&a);
  free(text);
}

/* Jinja blocks are read like comments (split.c): a lone quote or a ';'
   inside {# #} or {% %} neither starts a string nor ends the statement;
   "{#" inside a string is text; every cut of the pairs {# #} {% %} by the
   end of a feed gives the same statements. */
static const char JINJA[] =
    "{# don't edit; generated #}\n"
    "SELECT * FROM FILES(\"path\" = \"s3://bkt/{#x}/a.parquet\", "
    "\"format\" = \"parquet\", \"aws.s3.use_instance_profile\" = "
    "\"tru\", \"aws.s3.region\" = \"us-east-1\");\n"
    "{% set q = \"it's; \" %}{%- if x -%}\n"
    "CREATE EXTERNAL CATALOG c {# it's #} PROPERTIES (\"type\" = \"hive\", "
    "\"hive.metastore.type\" = \"glue\", \"aws.glue.use_instance_profile\""
    " = \"true\", \"aws.glue.region\" = \"us-west-2\"){% endif %};\n"
    "SELECT '{# not a block' FROM t;\n"
    "LOAD LABEL db.l1 (DATA INFILE(\"s3://bkt/x/a\") INTO TABLE t) WITH "
    "BROKER (\"aws.s3.use_instance_profile\" = \"true\", "
    "\"aws.s3.region\" = \"eu-west-1\")";

static void jinja_blocks_should_be_read_like_comments(void **state) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  assert_non_null(ctx);
  *state = ctx;
  assert_int_equal(pc_check_buffer(ctx, "j.sql", JINJA, sizeof JINJA - 1),
                   PC_OK);
  const pc_file *f = pc_file_at(ctx, 0);
  static const pc_stmt_kind want[] = {PC_STMT_FILES,
                                      PC_STMT_CREATE_EXTERNAL_CATALOG,
                                      PC_STMT_BROKER_LOAD};
  assert_int_equal(pc_file_stmt_count(f), 3);
  for (size_t i = 0; i < 3; i++) {
    const pc_stmt *st = pc_file_stmt_at(f, i);
    assert_int_equal(pc_stmt_kind_of(st), want[i]);
    assert_false(has_rule(st, "jinja-quote"));
    assert_false(has_rule(st, "unterminated"));
  }
  assert_true(has_rule(pc_file_stmt_at(f, 0), "bool-read-as-false"));
  assert_int_equal(pc_file_finding_count(f), 0);
  assert_int_equal(compare_chunkings(NULL, JINJA, sizeof JINJA - 1), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_teardown(f, free_ctx)
      T(whole_buffer_should_find_every_statement_of_the_mixed_input),
      T(streaming_should_match_the_whole_buffer_for_every_chunk_size),
      T(streaming_should_match_with_lf_line_ends_and_no_bom),
      T(streaming_should_match_when_the_file_ends_in_an_open_string),
      T(a_bom_alone_should_leave_no_statement),
      T(a_bom_should_not_count_as_a_column),
      T(a_long_statement_should_yield_one_statement_too_large_finding),
      T(a_long_statement_should_give_the_same_results_streamed),
      T(a_long_last_statement_without_semicolon_should_be_reported_once),
      T(a_statement_at_the_limit_should_still_be_checked),
      T(streaming_should_match_for_pieces_larger_than_statements),
      T(class_masks_should_agree_with_the_byte_table),
      T(column_marks_should_agree_with_counting_from_the_start),
      T(jinja_blocks_should_be_read_like_comments),
#undef T
  };
  return cmocka_run_group_tests_name("split", tests, NULL, NULL);
}
