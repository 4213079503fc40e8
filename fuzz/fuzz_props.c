/*
 * fuzz_props.c - libFuzzer target for the JSON property-map input
 * (propcheck --props): props.c reads the document with cJSON and hands
 * each map to pc_check_props; every output format is then rendered and
 * checked.
 */
#include "cli.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pc_options opt = {0};
  if (seed_of(data, size) & 1)
    opt.flags |= PC_OPT_POLICIES;
  pc_ctx *ctx = pc_ctx_new(&opt);
  if (!ctx)
    die("pc_ctx_new failed");
  int rc = props_check_file(ctx, "input.json", (const char *)data, size);
  if (rc != 0 && rc != 2)
    die("props_check_file: unexpected status");
  if (pc_file_count(ctx) == 0)
    die("props_check_file recorded no file");
  render_all(ctx);
  pc_ctx_free(ctx);
  return 0;
}
