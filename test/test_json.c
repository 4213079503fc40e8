/*
 * test_json.c - the library's JSON reader (json_read.c) and writer
 * (json_out.c).
 *
 * The writer's policy layout must stay what cJSON_Print wrote (the
 * --emit-policy output did not change when cJSON left the library): the
 * same tree is printed by both and compared byte for byte, strings with
 * every kind of escape included.  The test links cJSON; the library does
 * not.
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(policy_layout_should_be_cjson_print_byte_for_byte),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
