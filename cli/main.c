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
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>

#include <cJSON.h>

#include "cli.h"
#include "lsp.h"

static const char usage[] =
    "usage: propcheck [OPTION]... [FILE]...\n"
    "Check the AWS properties of StarRocks SQL as StarRocks resolves them.\n"
    "A directory is searched for *.sql files that git does not ignore.\n"
    "With FILE -, or no FILE and input from a pipe, read standard input.\n"
    "\n"
    "  --format=FORMAT      text (default), json, sarif, github or gitlab\n"
    "  --fail-on=SEVERITY   error, warning (default), note or never\n"
    "  --disable=RULE[,RULE]  rules off;  --rule=RULE=LEVEL  set one's level\n"
    "  --fix                apply the safe fixes (--fix -: stdin to stdout)\n"
    "  --unsafe-fixes       --fix and --diff apply the unsafe fixes too\n"
    "  --diff               print what --fix would change; change nothing\n"
    "  --config FILE        use this configuration, not .propcheck.json\n"
    "  -o FILE              write the report to FILE;  --statistics  count\n"
    "  --stdin-filename NAME  the name of standard input in the report\n"
    "  --var NAME=VALUE     fill ${NAME} and {{ NAME }} in values first\n"
    "  --verify, --emit-policy, --policy FILE, --props: see man propcheck\n"
    "  --color=WHEN         auto (default), always or never;  -j N  threads\n"
    "  --list-rules         list the rules;  --explain RULE  document one\n"
    "  -h, --help           this help;  --version  print the version\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 usage\n"
    "or configuration error, or a file that cannot be read.  man propcheck has\n"
    "more: options, .propcheck.json, disable comments, propcheck lsp.\n";

static int add_rule(Options *o, const char *id, pc_level level) {
  if (!pc_rule_find(id)) {
    const pc_rule *nr = pc_rule_suggest(id);
    const char *near = nr ? nr->id : NULL;
    fputs("propcheck: no rule '", stderr);
    cli_fput_clean(stderr, id);
    if (near)
      fprintf(stderr, "' (did you mean '%s'?)\n", near);
    else
      fputs("' (see propcheck --list-rules)\n", stderr);
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
  errno = 0;
  unsigned long long n = strtoull(v, &end, 10);
  if (!isdigit((unsigned char)*v) || *end || n == 0 || errno == ERANGE)
    return usage_error("bad value in '%s=%s'", opt, v);
  pc_options check = {0, 0};
  check.max_statement_bytes = n > PC_MAX_STATEMENT_BYTES ? SIZE_MAX : (size_t)n;
  if (pc_options_check(&check) != PC_OK)
    return usage_error("bad value in '%s=%s': at most %zu bytes", opt, v,
                       (size_t)PC_MAX_STATEMENT_BYTES);
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

static int opt_value(Options *o, char *v, const char *opt) {
  if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0)
    o->output = v;
  else if (strcmp(opt, "--config") == 0)
    o->config = v;
  else
    o->stdin_name = v;
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
  else if (strcmp(opt, "--unsafe-fixes") == 0)
    o->unsafe_fixes = 1;
  else if (strcmp(opt, "--diff") == 0)
    o->diff = 1;
  else if (strcmp(opt, "--statistics") == 0)
    o->statistics = 1;
  else if (strcmp(opt, "--emit-policy") == 0) {
    o->emit_policy = 1;
    o->lib.flags |= PC_OPT_POLICIES;
  }
  return -1;
}

static int opt_print(Options *o, char *v, const char *opt) {
  (void)v;
  if (strcmp(opt, "--list-rules") == 0) {
    o->list_rules = 1; /* after the options: --format may follow */
    return -1;
  }
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
    {"--config", EITHER, opt_value, "a file"},
    {"--output", EITHER, opt_value, "a file"},
    {"-o", EITHER, opt_value, "a file"},
    {"--stdin-filename", EITHER, opt_value, "a name"},
    {"--unsafe-fixes", NO_VALUE, opt_flag, NULL},
    {"--diff", NO_VALUE, opt_flag, NULL},
    {"--statistics", NO_VALUE, opt_flag, NULL},
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
      if (options[k].value == EITHER && n == 2) /* -j4, -oFILE */
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
  if (o->list_rules)
    return docs_list(o->fmt);
  if (o->fix && *nfiles == 0)
    return usage_error("%s needs FILE arguments (- for standard input)",
                       "--fix");
  if ((o->fix || o->diff) && o->props)
    return usage_error("%s cannot be used with --props",
                       o->fix ? "--fix" : "--diff");
  for (int i = 0; o->fix && *nfiles > 1 && i < *nfiles; i++)
    if (strcmp(files[i], "-") == 0)
      return usage_error("%s", "--fix - fixes standard input alone");
  if (o->config && o->no_config)
    return usage_error("%s", "--config and --no-config exclude each other");
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

/* Color when asked, or on a terminal without NO_COLOR or TERM=dumb. */
static int want_color(int color) {
  if (color >= 0)
    return color;
  const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
  return isatty(1) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
}

/* Says so and returns 2: every out-of-memory exit says why. */
static int no_memory(void) {
  fputs("propcheck: out of memory\n", stderr);
  return 2;
}

/* The FILE arguments with directories replaced by their files (files.c).
   Returns 0, or 2 (a directory's configuration is bad, out of memory). */
static int expand(const Options *o, const char **args, int nargs,
                  FileList *out) {
  ConfigCache *given = o->config ? config_cache_given(o->config) : NULL;
  int rc = o->config && !given ? 2 : 0;
  for (int i = 0; i < nargs && rc == 0; i++) {
    struct stat st;
    if (strcmp(args[i], "-") == 0 || stat(args[i], &st) != 0 ||
        !S_ISDIR(st.st_mode)) {
      char *copy = strdup(args[i]);
      if (!copy || files_push(out, copy) != 0)
        rc = no_memory();
      continue;
    }
    Config found = {0}, none = {0};
    const Config *cfg = &none;
    size_t n = strlen(args[i]) + 3;
    char *probe = malloc(n); /* a name in the directory: its config */
    if (!probe) {
      rc = no_memory();
      break;
    }
    snprintf(probe, n, "%s/.", args[i]);
    if (given)
      cfg = config_cached(given, probe);
    else if (!o->no_config && config_for(probe, &found) == 0)
      cfg = &found;
    else if (!o->no_config)
      cfg = found.error ? &found : NULL;
    free(probe);
    if (cfg && cfg->error) {
      fputs("propcheck: ", stderr);
      cli_fput_clean(stderr, cfg->error);
      fputc('\n', stderr);
      rc = 2;
    } else if (!cfg || files_in_dir(out, args[i], cfg) != 0) {
      rc = no_memory();
    }
    config_free(&found);
  }
  config_cache_free(given);
  return rc;
}

/* 2 with a message when the configuration is missing (out of memory) or
   bad; 0 when it can be used. */
static int bad_config(const Config *cfg) {
  if (!cfg)
    return no_memory();
  if (!cfg->error)
    return 0;
  fputs("propcheck: ", stderr);
  cli_fput_clean(stderr, cfg->error);
  fputc('\n', stderr);
  return 2;
}

static int run(const Options *o, const char **files, int nfiles) {
  if (o->diff) {
    int changed = 0, rc = 0;
    for (int i = 0; i < nfiles; i++) {
      Config none = {0};
      ConfigCache *c = run_configs(o);
      const Config *cfg = c ? config_cached(c, run_config_key(o, files[i]))
                            : o->no_config ? &none : NULL;
      if (bad_config(cfg))
        rc = 2;
      else if (diff_file(o, files[i], cfg, &changed) != 0)
        rc = 2;
      config_cache_free(c);
    }
    return rc ? rc : changed;
  }
  if (o->fix && nfiles == 1 && strcmp(files[0], "-") == 0) {
    Config none = {0};
    ConfigCache *c = run_configs(o);
    const Config *cfg = c ? config_cached(c, run_config_key(o, "-"))
                          : o->no_config ? &none : NULL;
    int rc = bad_config(cfg) ? 2 : fix_stdin(o, cfg);
    config_cache_free(c);
    return rc;
  }
  if (o->statistics)
    return run_statistics(o, files, nfiles);
  if (o->verify || (o->emit_policy && o->fmt == PC_FORMAT_TEXT))
    return run_whole(o, files, nfiles);
  return run_stream(o, files, nfiles);
}

int main(int argc, char **argv) {
  cJSON_Hooks hooks = {cjson_malloc, cjson_free};
  cJSON_InitHooks(&hooks);
  if (argc >= 2 && strcmp(argv[1], "lsp") == 0) /* the language server */
    return lsp_main(argc - 1, argv + 1);
  Options o = {0};
  o.color = -1;
  int nfiles = 0;
  FileList list = {0};
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) {
    fputs("propcheck: out of memory\n", stderr);
    return 2;
  }
  int status = parse_args(argc, argv, &o, files, &nfiles);
  if (status >= 0)
    goto done;
  status = 2;
  if (nfiles == 0 && isatty(0)) { /* nothing to read: say how */
    fputs(usage, stderr);
    goto done;
  }
  if (nfiles == 0)
    files[nfiles++] = "-";
  if (o.output && !freopen(o.output, "w", stdout)) {
    fputs("propcheck: cannot write ", stderr);
    cli_fput_clean(stderr, o.output);
    fprintf(stderr, ": %s\n", strerror(errno));
    goto done;
  }
  if (want_color(o.color))
    o.flags |= PC_RENDER_COLOR;
  if (expand(&o, files, nfiles, &list) != 0)
    goto done;
  const char **flat = calloc(list.n + 1, sizeof *flat);
  for (size_t i = 0; flat && i < list.n; i++)
    flat[i] = list.v[i];
  status = flat ? run(&o, flat, (int)list.n) : no_memory();
  free(flat);
done:
  files_free(&list);
  free(o.policies);
  free(o.vars);
  free(o.rule_ids);
  free(o.levels);
  free(files);
  return status;
}
