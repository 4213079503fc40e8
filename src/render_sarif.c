/*
 * render_sarif.c - SARIF 2.1.0 (GitHub code scanning) and GitHub workflow
 * commands.
 */
#include "pc_internal.h"

pc_status render_sarif(const pc_ctx *ctx, pc_write_fn write, void *user) {
  (void)ctx;
  (void)write;
  (void)user;
  return PC_EINVAL;
}

pc_status render_github(const pc_ctx *ctx, pc_write_fn write, void *user) {
  (void)ctx;
  (void)write;
  (void)user;
  return PC_EINVAL;
}
