/*
 * stats.c - --statistics: how many findings each rule made, as ruff
 * prints them (count, rule, summary), most frequent first, instead of the
 * findings themselves.  The files are checked one after the other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct Count {
  const pc_rule *rule;
  size_t n;
} Count;

static void count(Count *c, const pc_finding *f) {
  for (size_t i = 0; i < pc_rule_count(); i++)
    if (c[i].rule == pc_rule_find(f->rule)) {
      c[i].n++;
      return;
    }
}

static void count_file(Count *c, const pc_file *f) {
  for (size_t i = 0; i < pc_file_finding_count(f); i++)
    count(c, pc_file_finding_at(f, i));
  for (size_t i = 0; i < pc_file_stmt_count(f); i++) {
    const pc_stmt *s = pc_file_stmt_at(f, i);
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++)
      count(c, pc_stmt_finding_at(s, j));
  }
}

static int most_first(const void *a, const void *b) {
  const Count *x = a, *y = b;
  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return strcmp(x->rule->id, y->rule->id);
}

int run_statistics(const Options *o, const char **files, int nfiles) {
  size_t nrules = pc_rule_count();
  Count *c = calloc(nrules, sizeof *c);
  pc_ctx *ctx = pc_ctx_new(&o->lib);
  ConfigCache *configs = run_configs(o);
  char *buf = malloc(1 << 16);
  int broken = 0, failing = 0;
  if (!c || !ctx || !buf || (!o->no_config && !configs)) {
    fputs("propcheck: out of memory\n", stderr);
    broken = 1;
    nfiles = 0;
  }
  for (size_t i = 0; c && i < nrules; i++)
    c[i].rule = pc_rule_at(i);
  for (int i = 0; i < nfiles; i++) {
    static const Config none;
    const Config *cfg =
        configs ? config_cached(configs, run_config_key(o, files[i])) : &none;
    if (!cfg || cfg->error) {
      broken = 1;
      continue;
    }
    run_apply_levels(ctx, cfg, o);
    if (run_check_file(ctx, o, files[i], buf, 1 << 16))
      broken = 1;
    for (size_t k = 0; k < pc_file_count(ctx); k++)
      count_file(c, pc_file_at(ctx, k));
    pc_summary sum = pc_ctx_summary(ctx);
    int threshold = o->fail_on     ? o->fail_on
                    : cfg->fail_on ? cfg->fail_on
                                   : PC_SEV_WARNING;
    failing |= run_fails(&sum, threshold);
    pc_ctx_reset(ctx);
  }
  if (c) {
    qsort(c, nrules, sizeof *c, most_first);
    for (size_t i = 0; i < nrules && c[i].n; i++)
      printf("%5zu  %-28s %s\n", c[i].n, c[i].rule->id, c[i].rule->summary);
  }
  free(c);
  free(buf);
  pc_ctx_free(ctx);
  config_cache_free(configs);
  return broken ? 2 : failing;
}
