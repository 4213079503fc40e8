/*
 * latency.c - per-statement latency of libpropcheck, in process.
 *
 *   latency [ITERATIONS [RUNS]]
 *
 * Parses and resolves one typical catalog statement (Glue metastore, S3
 * assumed role on an instance profile) with pc_check_buffer, then
 * pc_ctx_reset, ITERATIONS times per run (default 20000), RUNS runs (default
 * 7), no output rendered.  Prints the median over the runs of the mean time
 * per statement, plus the minimum and maximum run, in microseconds.
 * Uses only <propcheck.h>.  Numbers are printed, never asserted.
 */
#define _POSIX_C_SOURCE 200809L
#include <propcheck.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char STMT[] =
    "-- the lake catalog\n"
    "CREATE EXTERNAL CATALOG sales_lake\n"
    "PROPERTIES (\n"
    "    \"type\" = \"hive\",\n"
    "    \"hive.metastore.type\" = \"glue\",\n"
    "    \"aws.s3.use_instance_profile\" = \"true\",\n"
    "    \"aws.s3.iam_role_arn\" = "
    "\"arn:aws:iam::081976408565:role/s3_assumed_role\",\n"
    "    \"aws.s3.region\" = \"us-west-2\",\n"
    "    \"aws.glue.use_instance_profile\" = \"true\",\n"
    "    \"aws.glue.iam_role_arn\" = "
    "\"arn:aws:iam::081976408565:role/glue_assumed_role\",\n"
    "    \"aws.glue.region\" = \"us-west-2\"\n"
    ");\n";

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  long iters = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
  long runs = argc > 2 ? strtol(argv[2], NULL, 10) : 7;
  if (iters < 1 || runs < 1 || runs > 1000) {
    fprintf(stderr, "usage: latency [ITERATIONS [RUNS]]\n");
    return 2;
  }
  pc_ctx *ctx = pc_ctx_new(NULL);
  if (!ctx) {
    fprintf(stderr, "latency: out of memory\n");
    return 1;
  }
  size_t len = sizeof STMT - 1;

  /* Sanity check, and warm-up: one statement, resolved, S3 assumed role. */
  if (pc_check_buffer(ctx, "bench.sql", STMT, len) != PC_OK ||
      pc_file_count(ctx) != 1 ||
      pc_file_stmt_count(pc_file_at(ctx, 0)) != 1) {
    fprintf(stderr, "latency: the statement did not resolve\n");
    return 1;
  }
  pc_auth a;
  const pc_stmt *s = pc_file_stmt_at(pc_file_at(ctx, 0), 0);
  if (!pc_stmt_service(s, PC_SVC_S3, &a) || a.mode != PC_MODE_ASSUMED_ROLE) {
    fprintf(stderr, "latency: unexpected resolution\n");
    return 1;
  }
  size_t findings = pc_stmt_finding_count(s);
  pc_ctx_reset(ctx);
  for (long i = 0; i < iters / 10 + 1; i++) {
    pc_check_buffer(ctx, "bench.sql", STMT, len);
    pc_ctx_reset(ctx);
  }

  double *per = malloc((size_t)runs * sizeof *per);
  if (!per) return 1;
  for (long r = 0; r < runs; r++) {
    double t0 = now_us();
    for (long i = 0; i < iters; i++) {
      if (pc_check_buffer(ctx, "bench.sql", STMT, len) != PC_OK) {
        fprintf(stderr, "latency: pc_check_buffer failed\n");
        return 1;
      }
      pc_ctx_reset(ctx);
    }
    per[r] = (now_us() - t0) / (double)iters;
  }
  qsort(per, (size_t)runs, sizeof *per, cmp_double);
  double median = runs % 2 ? per[runs / 2]
                           : (per[runs / 2 - 1] + per[runs / 2]) / 2.0;
  printf("statement_bytes=%zu findings=%zu iterations=%ld runs=%ld\n", len,
         findings, iters, runs);
  printf("median_us=%.3f min_us=%.3f max_us=%.3f\n", median, per[0],
         per[runs - 1]);
  free(per);
  pc_ctx_free(ctx);
  return 0;
}
