/*
 * test_lsp_doc.c - the language server's documents and the key table API.
 *
 * Positions: LSP counts characters in UTF-16 code units, propcheck in
 * bytes; a code point of 4 UTF-8 bytes is two units, of 2 or 3 bytes one.
 * Lines end at \n, \r\n or \r.  Edits splice bytes; a position past a
 * line's end is its end.  file: URIs are percent-decoded, and one hiding a
 * NUL is no path.  The key table (pc_key_*, pc_region_*) says what hover
 * and completion show; the statement scanner finds the kind of a
 * statement being typed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lsp.h"

static Doc *open_doc(DocStore *s, const char *text) {
  Doc *d = doc_open(s, "file:///tmp/a%20b.sql", text, strlen(text), 1);
  assert_non_null(d);
  return d;
}

static void test_positions(void **state) {
  (void)state;
  DocStore s = {0};
  /* a (1 byte), é (2), € (3), 𝄞 (4: two units), b; CRLF; x; CR; y */
  const char text[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E"
                      "b\r\nx\ry\n";
  Doc *d = open_doc(&s, text);
  assert_int_equal(d->nlines, 4);
  uint32_t l, c;
  doc_position(d, 10, &l, &c); /* 'b' */
  assert_int_equal(l, 0);
  assert_int_equal(c, 5);
  assert_int_equal(doc_offset(d, 0, 5), 10);
  assert_int_equal(doc_offset(d, 0, 3), 6); /* the 𝄞 */
  assert_int_equal(doc_offset(d, 0, 4), 6); /* between its halves: its start */
  assert_int_equal(doc_offset(d, 0, 99), 11); /* the line's end, before \r */
  doc_position(d, 13, &l, &c);                /* 'x' */
  assert_int_equal(l, 1);
  assert_int_equal(c, 0);
  doc_position(d, 15, &l, &c); /* 'y', after a lone \r */
  assert_int_equal(l, 2);
  assert_int_equal(c, 0);
  assert_int_equal(doc_offset(d, 9, 0), d->len);
  assert_string_equal(d->path, "/tmp/a b.sql");
  doc_store_free(&s);
}

static void test_edits(void **state) {
  (void)state;
  DocStore s = {0};
  Doc *d = open_doc(&s, "ab\ncd\n");
  assert_int_equal(doc_splice(d, doc_offset(d, 1, 0), doc_offset(d, 1, 1),
                              "\xF0\x9D\x84\x9E\nz", 6),
                   0);
  assert_string_equal(d->text, "ab\n\xF0\x9D\x84\x9E\nzd\n");
  assert_int_equal(d->nlines, 4); /* the last, empty, after the last \n */
  assert_true(d->dirty);
  assert_int_equal(doc_offset(d, 2, 1), 9);
  assert_int_equal(doc_replace_all(d, "", 0), 0);
  assert_int_equal(d->nlines, 1);
  assert_null(doc_find(&s, "file:///other.sql"));
  doc_close(&s, "file:///tmp/a%20b.sql");
  assert_null(s.head);
}

static void test_uris(void **state) {
  (void)state;
  char *p = doc_uri_path("file:///a/%C3%A9.sql");
  assert_string_equal(p, "/a/\xC3\xA9.sql");
  free(p);
  p = doc_uri_path("file://localhost/x.sql");
  assert_string_equal(p, "/x.sql");
  free(p);
  assert_null(doc_uri_path("file:///a%00b.sql"));
  assert_null(doc_uri_path("untitled:Untitled-1"));
  assert_null(doc_uri_path("file://host/x.sql"));
}

static void test_key_table(void **state) {
  (void)state;
  pc_key_info k;
  long i = pc_key_find("aws.s3.use_instance_profile");
  assert_true(i >= 0);
  assert_int_equal(pc_key_at((size_t)i, &k), 0);
  assert_string_equal(k.service, "s3");
  assert_string_equal(k.type, "boolean");
  assert_string_equal(k.default_value, "false");
  assert_string_equal(k.mode, "instance_profile");
  assert_non_null(k.loses);
  assert_true(k.kinds & (1u << PC_STMT_CREATE_EXTERNAL_CATALOG));
  assert_true(k.kinds & (1u << PC_STMT_FILES));
  assert_false(k.secret);
  const char *const *v = pc_key_values((size_t)i, PC_STMT_FILES);
  assert_string_equal(v[0], "true");
  assert_string_equal(v[1], "false");
  assert_null(v[2]);
  assert_int_equal(pc_key_at((size_t)pc_key_find("aws.s3.secret_key"), &k), 0);
  assert_true(k.secret);
  assert_string_equal(k.mode, "iam_user");
  /* a prefix key; an unknown key; a legacy one */
  i = pc_key_find("iceberg.catalog.header.X-Tenant");
  assert_true(i >= 0);
  pc_key_at((size_t)i, &k);
  assert_true(k.prefix && k.rest_only);
  assert_int_equal(pc_key_find("aws.s3.regoin"), -1);
  pc_key_at((size_t)pc_key_find("aws.hive.metastore.glue.aws-access-key"), &k);
  assert_true(k.legacy);
  assert_string_equal(k.replacement, "aws.glue.access_key");
  pc_key_at((size_t)pc_key_find("timeout"), &k);
  assert_true(k.load_property);
  assert_null(pc_key_values((size_t)pc_key_find("aws.s3.region"), 0));
  assert_int_equal(pc_key_at(pc_key_count(), &k), -1);
  /* FILES() and FILE tables read formats differently */
  v = pc_key_values((size_t)pc_key_find("format"), PC_STMT_FILES);
  assert_string_equal(v[2], "csv");
  v = pc_key_values((size_t)pc_key_find("format"),
                    PC_STMT_CREATE_EXTERNAL_TABLE);
  assert_string_equal(v[2], "text");
}

static void test_regions(void **state) {
  (void)state;
  assert_true(pc_region_count() > 30);
  const char *part = NULL;
  assert_string_equal(pc_region_at(0, &part), "af-south-1");
  assert_string_equal(part, "aws");
  assert_null(pc_region_at(pc_region_count(), &part));
  assert_string_equal(pc_region_partition("cn-north-1"), "aws-cn");
  assert_string_equal(pc_region_partition("us-gov-west-1"), "aws-us-gov");
  assert_null(pc_region_partition("mars-1"));
}

static void test_scan(void **state) {
  (void)state;
  static const struct {
    const char *sql;
    int kind;
  } cases[] = {
      {"create external catalog if not exists c properties (",
       PC_STMT_CREATE_EXTERNAL_CATALOG},
      {"-- x\nALTER CATALOG c SET (", PC_STMT_ALTER_CATALOG},
      {"INSERT INTO FILES (\"path\" = ", PC_STMT_FILES},
      {"LOAD LABEL db.l (DATA INFILE", PC_STMT_BROKER_LOAD},
      {"CREATE STORAGE VOLUME v TYPE = S3", PC_STMT_CREATE_STORAGE_VOLUME},
      {"CREATE TABLE t (c INT)", -1},
      {"SELECT 'CREATE EXTERNAL CATALOG'", -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    assert_int_equal(scan_stmt_kind(cases[i].sql, 0, strlen(cases[i].sql)),
                     cases[i].kind);
  const char *t = "SELECT 1; -- ;\nSELECT ';' ; x";
  size_t n = 0, *starts = scan_stmt_starts(t, strlen(t), &n);
  assert_int_equal(n, 3);
  assert_int_equal(starts[1], 9);
  assert_int_equal(starts[2], strlen(t) - 2);
  free(starts);
  const char *p = "(\"type\" = \"hive\", \"type\" = \"iceberg\", 'k' = 'v')";
  char out[32];
  assert_true(scan_prop_value(p, 0, strlen(p), "type", out, sizeof out));
  assert_string_equal(out, "iceberg"); /* the last one wins */
  assert_true(scan_prop_value(p, 0, strlen(p), "k", out, sizeof out));
  assert_false(scan_prop_value(p, 0, strlen(p), "hive", out, sizeof out));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_positions), cmocka_unit_test(test_edits),
      cmocka_unit_test(test_uris),      cmocka_unit_test(test_key_table),
      cmocka_unit_test(test_regions),   cmocka_unit_test(test_scan),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
