/*
 * test_json.c - the library's JSON reader (json_read.c) and writer
 * (json_out.c).
 *
 * The writer's policy layout must stay what cJSON_Print wrote (the
 * --emit-policy output did not change when cJSON left the library): the
 * same tree is printed by both and compared byte for byte, strings with
 * every kind of escape included.  The test links cJSON; the library does
 * not.  The reader: escapes, spans, the nesting limit, invalid UTF-8 and
 * text after the document, each refused with its message and offset.
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

#include "json.h"

/* ---- The policy layout is cJSON_Print's ---- */

static const char *const tricky[] = {
    "plain",
    "",
    "quote \" backslash \\ slash /",
    "\b\f\n\r\t and \x01\x1f\x7f",
    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
    "invalid \xff\xfe \xc3 utf-8",
};
enum { NTRICKY = sizeof tricky / sizeof *tricky };

static void policy_layout_should_be_cjson_print_byte_for_byte(void **state) {
  (void)state;
  /* {"Version": s, "Statement": [{"Sid": s, "Action": [s...],
      "Empty": [], "Obj": {}, "Condition": {"K": {"k:x": [s]}}}, {...}],
      "Last": s} */
  Buf b = {0};
  JsonOut jo;
  jo_init_tabs(&jo, &b);
  cJSON *root = cJSON_CreateObject();
  jo_open(&jo, NULL, '{');
  jo_str(&jo, "Version", "2012-10-17");
  cJSON_AddStringToObject(root, "Version", "2012-10-17");
  jo_open(&jo, "Statement", '[');
  cJSON *stmts = cJSON_AddArrayToObject(root, "Statement");
  for (int k = 0; k < NTRICKY; k++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(stmts, o);
    jo_open(&jo, NULL, '{');
    jo_str(&jo, "Sid", tricky[k]);
    cJSON_AddStringToObject(o, "Sid", tricky[k]);
    jo_open(&jo, "Action", '[');
    cJSON *acts = cJSON_AddArrayToObject(o, "Action");
    for (int i = 0; i <= k; i++) {
      jo_str(&jo, NULL, tricky[i]);
      cJSON_AddItemToArray(acts, cJSON_CreateString(tricky[i]));
    }
    jo_close(&jo, ']');
    jo_open(&jo, "Empty", '[');
    jo_close(&jo, ']');
    cJSON_AddArrayToObject(o, "Empty");
    jo_open(&jo, "Obj", '{');
    jo_close(&jo, '}');
    cJSON_AddObjectToObject(o, "Obj");
    jo_open(&jo, "Condition", '{');
    jo_open(&jo, "K", '{');
    jo_open(&jo, "k:x", '[');
    jo_str(&jo, NULL, tricky[k]);
    jo_close(&jo, ']');
    jo_close(&jo, '}');
    jo_close(&jo, '}');
    cJSON *x = cJSON_AddArrayToObject(
        cJSON_AddObjectToObject(cJSON_AddObjectToObject(o, "Condition"), "K"),
        "k:x");
    cJSON_AddItemToArray(x, cJSON_CreateString(tricky[k]));
    jo_close(&jo, '}');
  }
  jo_close(&jo, ']');
  jo_str(&jo, "Last", "end");
  cJSON_AddStringToObject(root, "Last", "end");
  jo_close(&jo, '}');
  char *want = cJSON_Print(root);
  assert_non_null(want);
  assert_false(jo.oom);
  assert_string_equal(b.data, want);
  cJSON_free(want);
  cJSON_Delete(root);
  buf_release(&b);
}

/* ---- The reader ---- */

typedef struct Read {
  int oom;
  Arena a;
  JsonReader r;
  const JsonVal *root;
} Read;

static void read_text(Read *x, const char *text, size_t len) {
  memset(x, 0, sizeof *x);
  arena_init(&x->a, &x->oom);
  x->r.s = text;
  x->r.len = len;
  x->r.a = &x->a;
  x->r.bad_off = SIZE_MAX;
  x->root = json_read(&x->r);
  assert_false(x->oom);
}

static void read_str(Read *x, const char *text) {
  read_text(x, text, strlen(text));
}

/* The text must fail with message at offset off. */
static void refused(const char *text, size_t len, size_t off,
                    const char *message) {
  Read x;
  read_text(&x, text, len);
  assert_null(x.root);
  assert_non_null(x.r.err);
  assert_string_equal(x.r.err, message);
  assert_int_equal(x.r.err_off, off);
  arena_release(&x.a);
}

static void escapes_should_be_decoded(void **state) {
  (void)state;
  Read x;
  read_str(&x, "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u20AC "
               "\\ud83d\\ude00\"");
  assert_non_null(x.root);
  assert_int_equal(x.root->type, JSON_STRING);
  assert_string_equal(x.root->str, "q\" b\\ s/ \b\f\n\r\t \xc3\xa9 "
                                   "\xe2\x82\xac \xf0\x9f\x98\x80");
  arena_release(&x.a);
  refused("\"\\ud83d x\"", 10, 1, "a lone UTF-16 surrogate in a \\u escape");
  refused("\"\\u12G4\"", 8, 1, "\\u must be followed by four hex digits");
  refused("\"\\x\"", 4, 1,
          "an unknown escape (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
          "\\uXXXX)");
  refused("\"a\nb\"", 5, 2,
          "a control character inside a string (write a line break as \\n, "
          "a tab as \\t)");
}

static void values_should_keep_their_spans(void **state) {
  (void)state;
  Read x;
  const char *text = "{\"k\\u0031\": [1, \"x\"],\n \"b\": true}";
  read_str(&x, text);
  const JsonVal *o = x.root;
  assert_non_null(o);
  assert_int_equal(o->type, JSON_OBJECT);
  assert_int_equal(o->n, 2);
  const JsonVal *k = json_member(o, "k1");
  assert_non_null(k);
  assert_int_equal(k->key_off, 1);
  assert_int_equal(k->key_len, 9);
  assert_int_equal(k->off, 12);
  assert_int_equal(k->len, 8);
  assert_int_equal(k->type, JSON_ARRAY);
  assert_int_equal(k->child->off, 13);
  assert_string_equal(k->child->str, "1");
  assert_int_equal(k->child->next->off, 16);
  const JsonVal *b = json_member(o, "b");
  assert_non_null(b);
  assert_int_equal(b->key_off, 23);
  assert_int_equal(b->type, JSON_BOOL);
  assert_string_equal(b->str, "true");
  assert_null(json_member(o, "k"));
  assert_null(json_member(k, "k1")); /* not an object */
  arena_release(&x.a);
}

static void nesting_should_stop_at_the_limit(void **state) {
  (void)state;
  char deep[2 * (JSON_MAX_DEPTH + 1)];
  Read x;
  memset(deep, '[', JSON_MAX_DEPTH);
  memset(deep + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
  read_text(&x, deep, 2 * JSON_MAX_DEPTH);
  assert_non_null(x.root);
  arena_release(&x.a);
  memset(deep, '[', JSON_MAX_DEPTH + 1);
  memset(deep + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
  refused(deep, sizeof deep, JSON_MAX_DEPTH,
          "the document is nested too deeply");
}

static void invalid_utf8_should_be_refused_where_it_is(void **state) {
  (void)state;
  static const char *const bad[] = {
      "\"ab\xff\"",         /* not a lead byte */
      "\"ab\xc0\xaf\"",     /* overlong '/' */
      "\"ab\xed\xa0\x80\"", /* a surrogate */
      "\"ab\xe2\x82\"",     /* truncated */
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    refused(bad[i], strlen(bad[i]), 3, "bytes that are not valid UTF-8");
}

static void text_after_the_document_should_be_refused(void **state) {
  (void)state;
  refused("{} \n x", 6, 5, "text after the end of the JSON document");
  refused("[1] [2]", 7, 4, "text after the end of the JSON document");
  Read x;
  read_str(&x, " {} \r\n\t ");
  assert_non_null(x.root);
  arena_release(&x.a);
  refused("", 0, 0, "the document ends where a value is expected");
  refused("{'a': 1}", 8, 1,
          "expected a member name in double quotes or '}'");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(policy_layout_should_be_cjson_print_byte_for_byte),
      cmocka_unit_test(escapes_should_be_decoded),
      cmocka_unit_test(values_should_keep_their_spans),
      cmocka_unit_test(nesting_should_stop_at_the_limit),
      cmocka_unit_test(invalid_utf8_should_be_refused_where_it_is),
      cmocka_unit_test(text_after_the_document_should_be_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
