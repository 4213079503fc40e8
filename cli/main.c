/*
 * main.c - the propcheck command: a thin client of propcheck.h.
 *
 * Reads the options; run.c then checks each FILE (or standard input
 * for "-" or no FILE) under the nearest .propcheck.json and the
 * command-line overrides, writes it in the chosen format to standard
 * output, and the exit status is 0 (no finding at or above the fail-on
 * severity), 1 (such findings) or 2 (usage error, bad configuration, a
 * file that cannot be read - the other files are still checked - or output
 * that could not be written).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

#include "cli.h"

static const char usage[] =
    "usage: propcheck [OPTION]... [FILE]...\n"
    "Check the AWS properties of StarRocks SQL as StarRocks resolves them.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  --format=FORMAT      text (default), json, sarif or github\n"
    "  --fail-on=SEVERITY   error, warning (default), note or never: findings\n"
    "                       at or above it make the exit status 1\n"
    "  --disable=RULE[,RULE]  do not report these rules\n"
    "  --rule=RULE=LEVEL    set a rule to off, note, warning or error\n"
    "  --fix                apply the safe fixes to the files, then report\n"
    "  --props              FILEs are JSON property maps, not SQL\n"
    "  --verify             check results against -- expect: comments\n"
    "  --emit-policy        print the IAM policies each statement needs\n"
    "  --policy FILE        check statements against an IAM policy\n"
    "  --color=WHEN         auto (default), always or never\n"
    "  --no-source          text: no source lines and carets\n"
    "  -j N                 check N files at once (default: number of cores)\n"
    "  --list-rules         list the rules;  --explain RULE  document one\n"
    "  -h, --help           this help;  --version  print the version\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 such findings,\n"
    "2 usage or configuration error, or a file that cannot be read.\n"
    "More options, .propcheck.json and disable comments: man propcheck\n";

static int add_rule(Options *o, const char *id, pc_level level) {
  if (!pc_rule_find(id)) {
    fprintf(stderr, "propcheck: no rule '%s' (see propcheck --list-rules)\n",
            id);
    return -1;
  }
  const char **ids = realloc(o->rule_ids, (o->nrules + 1) * sizeof *ids);
  if (!ids)
    return -1;
  o->rule_ids = ids;
  pc_level *lv = realloc(o->levels, (o->nrules + 1) * sizeof *lv);
  if (!lv)
    return -1;
  o->levels = lv;
  o->rule_ids[o->nrules] = id;
  o->levels[o->nrules++] = level;
  return 0;
}

/* --disable=a,b: the ids are cut in place (argv is writable). */
static int add_disabled(Options *o, char *list) {
  for (char *id = strtok(list, ","); id; id = strtok(NULL, ","))
    if (add_rule(o, id, PC_LEVEL_OFF) != 0)
      return -1;
  return 0;
}

/* --rule=ID=LEVEL */
static int add_rule_level(Options *o, char *spec) {
  char *eq = strrchr(spec, '=');
  pc_level lv;
  if (!eq || config_level(eq + 1, &lv) != 0) {
    fprintf(stderr, "propcheck: --rule needs RULE=off|note|warning|error\n");
    return -1;
  }
  *eq = '\0';
  return add_rule(o, spec, lv);
}

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("propcheck: ", stderr);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\nTry 'propcheck --help'.\n", stderr);
  return 2;
}

static int starts(const char *a, const char *prefix, const char **rest) {
  size_t n = strlen(prefix);
  if (strncmp(a, prefix, n) != 0)
    return 0;
  *rest = a + n;
  return 1;
}

/* Parses the options; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, Options *o, const char **files,
                      int *nfiles) {
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    const char *v;
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      files[(*nfiles)++] = a;
    } else if (strcmp(a, "--") == 0) {
      only_files = 1;
    } else if (starts(a, "--format=", &v)) {
      static const char *const names[] = {"text", "json", "sarif", "github"};
      size_t k = 0;
      while (k < 4 && strcmp(v, names[k]) != 0)
        k++;
      if (k == 4)
        return usage_error("unknown format '%s'", v);
      o->fmt = (pc_format)k;
    } else if (starts(a, "--color=", &v)) {
      if (strcmp(v, "always") == 0)
        o->color = 1;
      else if (strcmp(v, "never") == 0)
        o->color = 0;
      else if (strcmp(v, "auto") == 0)
        o->color = -1;
      else
        return usage_error("unknown color mode '%s'", v);
    } else if (starts(a, "--fail-on=", &v)) {
      if (config_fail_on(v, &o->fail_on) != 0)
        return usage_error("--fail-on takes error, warning, note or never, "
                           "not '%s'",
                           v);
    } else if (starts(a, "--disable=", &v)) {
      if (add_disabled(o, a + strlen("--disable=")) != 0)
        return 2;
    } else if (starts(a, "--rule=", &v)) {
      if (add_rule_level(o, a + strlen("--rule=")) != 0)
        return 2;
    } else if (starts(a, "--max-statement-bytes=", &v)) {
      char *end;
      unsigned long long n = strtoull(v, &end, 10);
      if (!*v || *end || n == 0)
        return usage_error("bad value in '%s'", a);
      o->lib.max_statement_bytes = (size_t)n;
    } else if (strcmp(a, "--fix") == 0) {
      o->fix = 1;
    } else if (strcmp(a, "--props") == 0) {
      o->props = 1;
    } else if (strcmp(a, "--emit-policy") == 0) {
      o->emit_policy = 1;
      o->lib.flags |= PC_OPT_POLICIES;
    } else if (strcmp(a, "--policy") == 0 || starts(a, "--policy=", &v)) {
      if (strcmp(a, "--policy") == 0) {
        if (i + 1 >= argc)
          return usage_error("%s needs a file", a);
        v = argv[++i];
      }
      const char **more =
          realloc(o->policies, (o->npolicies + 1) * sizeof *more);
      if (!more)
        return usage_error("%s", "out of memory");
      o->policies = more;
      o->policies[o->npolicies++] = v;
    } else if (strcmp(a, "--verify") == 0) {
      o->verify = 1;
    } else if (strcmp(a, "-j") == 0 || starts(a, "--jobs=", &v) ||
               (a[1] == 'j' && (v = a + 2))) {
      if (strcmp(a, "-j") == 0) {
        if (i + 1 >= argc)
          return usage_error("%s needs a number of threads", a);
        v = argv[++i];
      }
      char *end;
      unsigned long n = strtoul(v, &end, 10);
      if (!*v || *end || n == 0 || n > 1024)
        return usage_error("-j takes a number of threads (1-1024), not '%s'",
                           v);
      o->jobs = n;
    } else if (strcmp(a, "--no-source") == 0) {
      o->flags |= PC_RENDER_NO_SOURCE;
    } else if (strcmp(a, "--no-config") == 0) {
      o->no_config = 1;
    } else if (strcmp(a, "--list-rules") == 0) {
      return docs_list();
    } else if (strcmp(a, "--rules-markdown") == 0) {
      return docs_markdown();
    } else if (strcmp(a, "--explain") == 0 || starts(a, "--explain=", &v)) {
      if (strcmp(a, "--explain") == 0) {
        if (i + 1 >= argc)
          return usage_error("%s needs a rule id", a);
        v = argv[++i];
      }
      return docs_explain(v);
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf("propcheck %s\n", pc_version());
      return 0;
    } else {
      return usage_error("unknown option '%s'", a);
    }
  }
  if (o->fix && *nfiles == 0)
    return usage_error("%s needs FILE arguments", "--fix");
  if (o->fix && o->props)
    return usage_error("%s cannot be used with --props", "--fix");
  return -1;
}

/* cJSON allocates through these, so its memory comes from this program's
   malloc like everything else (and an allocation-failure test build that
   wraps malloc covers it too). */
static void *cjson_malloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    cli_json_alloc_failed();
  return p;
}
static void cjson_free(void *p) { free(p); }

int main(int argc, char **argv) {
  cJSON_Hooks hooks = {cjson_malloc, cjson_free};
  cJSON_InitHooks(&hooks);
  Options o = {0};
  o.color = -1;
  int nfiles = 0;
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) {
    fputs("propcheck: out of memory\n", stderr);
    return 2;
  }
  int status = parse_args(argc, argv, &o, files, &nfiles);
  if (status >= 0)
    goto done;
  if (nfiles == 0)
    files[nfiles++] = "-";
  if (o.color < 0) {
    const char *nc = getenv("NO_COLOR");
    o.color = isatty(1) && !(nc && *nc);
  }
  if (o.color)
    o.flags |= PC_RENDER_COLOR;
  if (o.verify || (o.emit_policy && o.fmt == PC_FORMAT_TEXT))
    status = run_whole(&o, files, nfiles);
  else
    status = run_stream(&o, files, nfiles);
done:
  free(o.policies);
  free(o.rule_ids);
  free(o.levels);
  free(files);
  return status;
}
