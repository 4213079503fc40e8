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
    "  --var NAME=VALUE     fill ${NAME} and {{ NAME }} in values first\n"
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

/* ---- Options: one handler each ---- */

/* A handler returns -1 to go on, or the exit status to stop with. */
typedef int (*OptFn)(Options *o, char *v, const char *opt);

static int opt_format(Options *o, char *v, const char *opt) {
  (void)opt;
  int fmt = pc_format_from_name(v);
  if (fmt < 0)
    return usage_error("unknown format '%s'", v);
  o->fmt = (pc_format)fmt;
  return -1;
}

static int opt_color(Options *o, char *v, const char *opt) {
  (void)opt;
  static const char *const whens[] = {"never", "always", "auto"};
  for (int k = 0; k < 3; k++) {
    if (strcmp(v, whens[k]) == 0) {
      o->color = k < 2 ? k : -1;
      return -1;
    }
  }
  return usage_error("unknown color mode '%s'", v);
}

static int opt_fail_on(Options *o, char *v, const char *opt) {
  (void)opt;
  if (config_fail_on(v, &o->fail_on) != 0)
    return usage_error("--fail-on takes error, warning, note or never, "
                       "not '%s'",
                       v);
  return -1;
}

static int opt_disable(Options *o, char *v, const char *opt) {
  (void)opt;
  return add_disabled(o, v) != 0 ? 2 : -1;
}

static int opt_rule(Options *o, char *v, const char *opt) {
  (void)opt;
  return add_rule_level(o, v) != 0 ? 2 : -1;
}

static int opt_max_statement(Options *o, char *v, const char *opt) {
  char *end;
  unsigned long long n = strtoull(v, &end, 10);
  if (!*v || *end || n == 0)
    return usage_error("bad value in '%s=%s'", opt, v);
  o->lib.max_statement_bytes = (size_t)n;
  return -1;
}

static int opt_policy(Options *o, char *v, const char *opt) {
  (void)opt;
  const char **more = realloc(o->policies, (o->npolicies + 1) * sizeof *more);
  if (!more)
    return usage_error("%s", "out of memory");
  o->policies = more;
  o->policies[o->npolicies++] = v;
  return -1;
}

static int opt_var(Options *o, char *v, const char *opt) {
  const char *eq = strchr(v, '=');
  if (!eq || eq == v) /* v may be a secret: never quoted */
    return usage_error("%s takes NAME=VALUE", opt);
  const char **more = realloc(o->vars, (o->nvars + 1) * sizeof *more);
  if (!more)
    return usage_error("%s", "out of memory");
  o->vars = more;
  o->vars[o->nvars++] = v;
  return -1;
}

static int opt_jobs(Options *o, char *v, const char *opt) {
  (void)opt;
  char *end;
  unsigned long n = strtoul(v, &end, 10);
  if (!*v || *end || n == 0 || n > 1024)
    return usage_error("-j takes a number of threads (1-1024), not '%s'", v);
  o->jobs = n;
  return -1;
}

static int opt_explain(Options *o, char *v, const char *opt) {
  (void)o, (void)opt;
  return docs_explain(v);
}

static int opt_flag(Options *o, char *v, const char *opt) {
  (void)v;
  if (strcmp(opt, "--fix") == 0)
    o->fix = 1;
  else if (strcmp(opt, "--props") == 0)
    o->props = 1;
  else if (strcmp(opt, "--verify") == 0)
    o->verify = 1;
  else if (strcmp(opt, "--no-source") == 0)
    o->flags |= PC_RENDER_NO_SOURCE;
  else if (strcmp(opt, "--no-config") == 0)
    o->no_config = 1;
  else if (strcmp(opt, "--emit-policy") == 0) {
    o->emit_policy = 1;
    o->lib.flags |= PC_OPT_POLICIES;
  }
  return -1;
}

static int opt_print(Options *o, char *v, const char *opt) {
  (void)o, (void)v;
  if (strcmp(opt, "--list-rules") == 0)
    return docs_list();
  if (strcmp(opt, "--rules-markdown") == 0)
    return docs_markdown();
  if (strcmp(opt, "--version") == 0) {
    printf("propcheck %s\n", pc_version());
    return 0;
  }
  fputs(usage, stdout);
  return 0;
}

/* How an option takes its value. */
enum {
  NO_VALUE, /* --fix */
  EQUALS,   /* --format=json */
  EITHER    /* --policy=FILE or --policy FILE (-j4 or -j 4) */
};

static const struct {
  const char *name;
  int value;
  OptFn fn;
  const char *needs; /* what an EITHER option lacks at the end: "a file" */
} options[] = {
    {"--format", EQUALS, opt_format, NULL},
    {"--color", EQUALS, opt_color, NULL},
    {"--fail-on", EQUALS, opt_fail_on, NULL},
    {"--disable", EQUALS, opt_disable, NULL},
    {"--rule", EQUALS, opt_rule, NULL},
    {"--max-statement-bytes", EQUALS, opt_max_statement, NULL},
    {"--jobs", EQUALS, opt_jobs, NULL},
    {"-j", EITHER, opt_jobs, "a number of threads"},
    {"--policy", EITHER, opt_policy, "a file"},
    {"--var", EITHER, opt_var, "NAME=VALUE"},
    {"--explain", EITHER, opt_explain, "a rule id"},
    {"--fix", NO_VALUE, opt_flag, NULL},
    {"--props", NO_VALUE, opt_flag, NULL},
    {"--verify", NO_VALUE, opt_flag, NULL},
    {"--emit-policy", NO_VALUE, opt_flag, NULL},
    {"--no-source", NO_VALUE, opt_flag, NULL},
    {"--no-config", NO_VALUE, opt_flag, NULL},
    {"--list-rules", NO_VALUE, opt_print, NULL},
    {"--rules-markdown", NO_VALUE, opt_print, NULL},
    {"--version", NO_VALUE, opt_print, NULL},
    {"--help", NO_VALUE, opt_print, NULL},
    {"-h", NO_VALUE, opt_print, NULL},
};

/* Parses the options; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, Options *o, const char **files,
                      int *nfiles) {
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      files[(*nfiles)++] = a;
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_files = 1;
      continue;
    }
    size_t k = 0, n = 0;
    char *v = NULL;
    for (; k < sizeof options / sizeof options[0]; k++) {
      n = strlen(options[k].name);
      if (strncmp(a, options[k].name, n) != 0)
        continue;
      if (a[n] == '\0' || (options[k].value != NO_VALUE && a[n] == '='))
        break;
      if (options[k].value == EITHER && n == 2) /* -j4 */
        break;
    }
    if (k == sizeof options / sizeof options[0])
      return usage_error("unknown option '%s'", a);
    if (options[k].value != NO_VALUE) {
      if (a[n] == '=' || (a[n] && n == 2))
        v = a + n + (a[n] == '=');
      else if (options[k].value == EQUALS)
        return usage_error("%s needs a value: %s=VALUE", a, a);
      else if (i + 1 >= argc)
        return usage_error("%s needs %s", a, options[k].needs);
      else
        v = argv[++i];
    }
    int st = options[k].fn(o, v, options[k].name);
    if (st >= 0)
      return st;
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
  free(o.vars);
  free(o.rule_ids);
  free(o.levels);
  free(files);
  return status;
}
