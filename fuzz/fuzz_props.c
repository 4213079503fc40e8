/*
 * fuzz_props.c - libFuzzer target for the JSON property-map input
 * (propcheck --props): pc_check_props_json reads the document with the
 * library's JSON reader and hands each map to pc_check_props; every output
 * format is then rendered and checked.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pc_options opt = {0};
  if (seed_of(data, size) & 1)
    opt.flags |= PC_OPT_POLICIES;
  pc_ctx *ctx = pc_ctx_new(&opt);
  if (!ctx)
    die("pc_ctx_new failed");
  pc_status st =
      pc_check_props_json(ctx, "input.json", (const char *)data, size);
  if (st != PC_OK && st != PC_EINVAL && st != PC_ENOMEM)
    die("pc_check_props_json: unexpected status");
  if (st != PC_ENOMEM && pc_file_count(ctx) == 0)
    die("pc_check_props_json recorded no file");
  render_all(ctx);
  pc_ctx_free(ctx);
  return 0;
}
