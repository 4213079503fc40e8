/*
 * config.c - per-project configuration, read with cJSON.
 *
 * The nearest .propcheck.json in the checked file's directory or above:
 *
 *   {"rules": {"default-region": "off", "unknown-key": "error"},
 *    "fail-on": "warning", "vars": {"AWS_REGION": "us-west-2"}}
 *
 * Anything else in it is an error (a typo must not silently do nothing).
 *
 * Why cJSON here, when the library has its own JSON reader: the
 * configuration is the command's concern, not the library's (an embedder
 * sets rule levels with pc_ctx_set_rule_level), and the command sees only
 * the public header, where a general JSON reader does not belong.  cJSON
 * is the better tool for a small document read into a few fields; its
 * cost is one lock around a parse per configuration file (below), and
 * the command is the only program that links it.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>

/* uthash allocates with malloc and reports failure instead of exiting. */
#define HASH_NONFATAL_OOM 1
#include <uthash.h>

#include "cli.h"

static const char CONFIG_NAME[] = ".propcheck.json";

int config_level(const char *s, pc_level *out) {
  int level = pc_level_from_name(s);
  if (level <= PC_LEVEL_DEFAULT) /* a configuration names a level */
    return -1;
  *out = (pc_level)level;
  return 0;
}

int config_fail_on(const char *s, int *out) {
  int sev = strcmp(s, "never") == 0 ? PC_FAIL_NEVER : pc_severity_from_name(s);
  if (sev < 0)
    return -1;
  *out = sev;
  return 0;
}

void config_free(Config *c) {
  for (size_t i = 0; i < c->nrules; i++)
    free(c->rule_ids[i]);
  free(c->rule_ids);
  free(c->levels);
  for (size_t i = 0; i < c->ninclude; i++)
    free(c->include[i]);
  free(c->include);
  for (size_t i = 0; i < c->nexclude; i++)
    free(c->exclude[i]);
  free(c->exclude);
  for (size_t i = 0; i < c->nvars; i++)
    free(c->vars[i]);
  free(c->vars);
  free(c->path);
  free(c->error);
  memset(c, 0, sizeof *c);
}

/* Adds a problem to c->error: "PATH:LINE:COL: what", one line each. */
static int fail_at(Config *c, pc_pos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_at(Config *c, pc_pos at, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  char *path = cli_clean(c->path), *clean = cli_clean(msg);
  size_t old = c->error ? strlen(c->error) : 0;
  size_t n = old + (path ? strlen(path) : 1) + strlen(msg) + 64;
  char *e = path && clean ? realloc(c->error, n) : NULL;
  if (e) {
    snprintf(e + old, n - old, "%s%s:%u:%u: %s", old ? "; " : "", path,
             at.line, at.column, clean);
    c->error = e;
  }
  free(path);
  free(clean);
  return -1;
}

static int fail(Config *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fail(Config *c, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  pc_pos start = {1, 1, 0};
  return fail_at(c, start, "%s", msg);
}

/* cJSON_ParseWithLengthOpts, one thread at a time: cJSON's parser records
   its errors in a process-wide slot, and files are read on several
   threads (-j).  NULL sets errno: ENOMEM when an allocation failed (main.c's
   cJSON hooks call cli_json_alloc_failed), EINVAL for bad JSON. */
static pthread_mutex_t json_lock = PTHREAD_MUTEX_INITIALIZER;
/* Set by cli_json_alloc_failed: cJSON answers NULL alike for bad JSON and
   for a failed allocation, and only this tells them apart. */
static atomic_int json_oom;

void cli_json_alloc_failed(void) { atomic_store(&json_oom, 1); }

static cJSON *cli_json_parse(const char *text, size_t len, const char **end) {
  pthread_mutex_lock(&json_lock);
  atomic_store(&json_oom, 0);
  cJSON *root = cJSON_ParseWithLengthOpts(text, len, end, 0);
  int oom = !root && atomic_load(&json_oom);
  pthread_mutex_unlock(&json_lock);
  if (!root)
    errno = oom ? ENOMEM : EINVAL;
  return root;
}

/* Where "name" is first written as a key from `from` on (a good enough
   position for a message: cJSON keeps none). */
static pc_pos key_pos(const char *text, size_t len, const char *name,
                      size_t *from) {
  size_t n = strlen(name);
  for (size_t i = *from; i + n + 2 <= len; i++) {
    if (text[i] == '"' && memcmp(text + i + 1, name, n) == 0 &&
        text[i + n + 1] == '"') {
      *from = i + n + 2;
      return pc_pos_of(text, len, i);
    }
  }
  return pc_pos_of(text, len, *from);
}

/* "rules": {"RULE": "LEVEL"}: every problem reported. */
static int parse_rules(Config *c, const cJSON *item, const char *text,
                       size_t len, size_t *from) {
  size_t n = (size_t)cJSON_GetArraySize(item);
  c->rule_ids = calloc(n ? n : 1, sizeof *c->rule_ids);
  c->levels = calloc(n ? n : 1, sizeof *c->levels);
  if (!c->rule_ids || !c->levels)
    return fail(c, "out of memory");
  int rc = 0;
  for (const cJSON *r = item->child; r; r = r->next) {
    pc_level lv;
    pc_pos at = key_pos(text, len, r->string, from);
    if (!pc_rule_find(r->string)) {
      const pc_rule *nr = pc_rule_suggest(r->string);
      const char *near = nr ? nr->id : NULL;
      rc = fail_at(c, at, "\"%s\" is not a propcheck rule%s%s%s", r->string,
                   near ? " (did you mean \"" : " (see propcheck --list-rules",
                   near ? near : "", near ? "\"?)" : ")");
      continue;
    }
    if (!cJSON_IsString(r) || config_level(r->valuestring, &lv) != 0) {
      rc = fail_at(c, at,
                   "rule \"%s\": the level must be \"off\", \"note\", "
                   "\"warning\" or \"error\"",
                   r->string);
      continue;
    }
    c->rule_ids[c->nrules] = strdup(r->string);
    if (!c->rule_ids[c->nrules])
      return fail(c, "out of memory");
    c->levels[c->nrules++] = lv;
  }
  return rc;
}

/* "include": [".ddl"] (file name endings) or "exclude": ["glob"]. */
static int parse_list(Config *c, const cJSON *item, pc_pos at, char ***out,
                      size_t *nout, int ext) {
  if (!cJSON_IsArray(item))
    return fail_at(c, at, "\"%s\" must be a list of strings", item->string);
  size_t n = (size_t)cJSON_GetArraySize(item);
  *out = calloc(n ? n : 1, sizeof **out);
  if (!*out)
    return fail(c, "out of memory");
  for (const cJSON *e = item->child; e; e = e->next) {
    if (!cJSON_IsString(e) || !e->valuestring[0])
      return fail_at(c, at, "\"%s\" must be a list of non-empty strings",
                     item->string);
    const char *v = e->valuestring;
    if (ext && v[0] == '*')
      v++;
    size_t len = strlen(v) + 2;
    char *copy = malloc(len);
    if (!copy)
      return fail(c, "out of memory");
    snprintf(copy, len, "%s%s", ext && v[0] != '.' ? "." : "", v);
    (*out)[(*nout)++] = copy;
  }
  return 0;
}

/* "vars": {"NAME": "VALUE", ...}: template variables (pc_ctx_set_var),
   kept as NAME, VALUE pairs. */
static int parse_vars(Config *c, const cJSON *item, pc_pos at) {
  size_t n = (size_t)cJSON_GetArraySize(item);
  c->vars = calloc(2 * n + 1, sizeof *c->vars);
  if (!c->vars)
    return fail(c, "out of memory");
  for (const cJSON *v = item->child; v; v = v->next) {
    if (!*v->string || !cJSON_IsString(v))
      return fail_at(c, at,
                     "\"vars\": \"%s\" must be a non-empty name with a "
                     "string value",
                     v->string);
    c->vars[2 * c->nvars] = strdup(v->string);
    c->vars[2 * c->nvars + 1] = strdup(v->valuestring);
    c->nvars++;
    if (!c->vars[2 * c->nvars - 2] || !c->vars[2 * c->nvars - 1])
      return fail(c, "out of memory");
  }
  return 0;
}

static int parse_item(Config *c, const cJSON *item, const char *text,
                      size_t len, size_t *from) {
  pc_pos at = key_pos(text, len, item->string, from);
  if (strcmp(item->string, "fail-on") == 0) {
    if (!cJSON_IsString(item) ||
        config_fail_on(item->valuestring, &c->fail_on) != 0)
      return fail_at(c, at,
                     "\"fail-on\" must be \"error\", \"warning\", \"note\" "
                     "or \"never\"");
    return 0;
  }
  if (strcmp(item->string, "rules") == 0 && cJSON_IsObject(item))
    return c->rule_ids ? fail_at(c, at, "\"rules\" is set twice")
                       : parse_rules(c, item, text, len, from);
  if (strcmp(item->string, "include") == 0)
    return c->include ? fail_at(c, at, "\"include\" is set twice")
                      : parse_list(c, item, at, &c->include, &c->ninclude, 1);
  if (strcmp(item->string, "exclude") == 0)
    return c->exclude ? fail_at(c, at, "\"exclude\" is set twice")
                      : parse_list(c, item, at, &c->exclude, &c->nexclude, 0);
  if (strcmp(item->string, "vars") == 0 && cJSON_IsObject(item))
    return c->vars ? fail_at(c, at, "\"vars\" is set twice")
                   : parse_vars(c, item, at);
  return fail_at(c, at,
                 "unknown setting \"%s\" (known: \"rules\", \"fail-on\", "
                 "\"include\", \"exclude\", \"vars\")",
                 item->string);
}

static int parse(Config *c, const char *text, size_t len) {
  const char *end = NULL;
  cJSON *root = cli_json_parse(text, len, &end);
  if (!root && errno == ENOMEM)
    return -1; /* no message: out of memory (see config_cached) */
  size_t stop = end ? (size_t)(end - text) : 0;
  if (!root || !cJSON_IsObject(root)) {
    cJSON_Delete(root);
    return fail_at(c, pc_pos_of(text, len, root ? 0 : stop), "%s",
                   root ? "the configuration must be a JSON object"
                        : "invalid JSON here");
  }
  int rc = 0;
  size_t from = 0;
  for (cJSON *item = root->child; item; item = item->next)
    if (parse_item(c, item, text, len, &from) != 0)
      rc = -1;
  while (stop < len && strchr(" \t\r\n", text[stop]))
    stop++;
  if (stop < len)
    rc = fail_at(c, pc_pos_of(text, len, stop),
                 "text after the configuration object");
  cJSON_Delete(root);
  return rc;
}

/* Why the configuration at path (open as fd) is not to be trusted, or
   NULL: it must be a regular file, and one owned by someone else than the
   user or root must not sit in a directory others can write (anyone could
   have put it there: git's safe.directory reasoning). */
static const char *distrust(int fd, const char *dir) {
  struct stat st, ds;
  if (fstat(fd, &st) != 0)
    return "cannot read it";
  if (!S_ISREG(st.st_mode))
    return "it is not a regular file";
  if (st.st_uid == geteuid() || st.st_uid == 0)
    return NULL;
  if (stat(dir, &ds) != 0 || (ds.st_mode & 022))
    return "it belongs to another user, in a directory others can write: "
           "not trusted (--no-config, or --config FILE)";
  return NULL;
}

int config_read(const char *path, Config *out, int explicit) {
  memset(out, 0, sizeof *out);
  out->path = strdup(path);
  if (!out->path)
    return -1;
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) {
    if (!explicit && errno == ENOENT) {
      config_free(out);
      return 1; /* none here */
    }
    return fail(out, "cannot open: %s", strerror(errno));
  }
  char *dir = strdup(path);
  char *slash = dir ? strrchr(dir, '/') : NULL;
  if (slash)
    slash[slash == dir] = '\0';
  const char *why = !dir ? "out of memory" : explicit ? NULL : distrust(fd, slash ? dir : ".");
  free(dir);
  struct stat st;
  if (!why && explicit && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)))
    why = "it is not a regular file";
  if (why) {
    close(fd);
    return fail(out, "%s", why);
  }
  size_t len = 0;
  /* 16 MiB of configuration is not one: what is read stops there */
  char *text = read_fd(fd, 1u << 24, &len);
  int err = errno;
  close(fd);
  if (!text)
    return fail(out, "cannot read: %s", strerror(err ? err : EIO));
  int rc = parse(out, text, len);
  free(text);
  return rc;
}

int config_for(const char *file, Config *out) {
  memset(out, 0, sizeof *out);
  const char *slash = strcmp(file, "-") == 0 ? NULL : strrchr(file, '/');
  char *dir = slash ? strndup(file, (size_t)(slash - file)) : strdup(".");
  if (!dir)
    return -1;
  char *real = realpath(dir[0] ? dir : "/", NULL);
  int err = errno;
  free(dir);
  if (!real) {
    out->path = strdup(CONFIG_NAME);
    return out->path ? fail(out, "cannot be searched for: %s", strerror(err))
                     : -1;
  }
  for (;;) {
    size_t n = strlen(real) + sizeof CONFIG_NAME + 1;
    char *path = malloc(n);
    if (!path) {
      free(real);
      return -1;
    }
    snprintf(path, n, "%s%s%s", real, strcmp(real, "/") ? "/" : "",
             CONFIG_NAME);
    int rc = config_read(path, out, 0);
    free(path);
    char *up = strrchr(real, '/');
    if (rc != 1 || !up || strcmp(real, "/") == 0) {
      free(real);
      return rc == 1 ? 0 : rc;
    }
    up[up == real] = '\0';
  }
}

/* ---- One search per directory ----

   Files in the same directory share their configuration: the cache keeps
   what config_for found for each directory (as the file's path names it),
   so that checking a thousand files of one directory searches once, not a
   thousand times.  Workers share the cache; a lock guards it. */

typedef struct CachedConfig {
  char *dir; /* the key: the file's path up to its last '/' ("" for none) */
  Config cfg;
  UT_hash_handle hh;
} CachedConfig;

struct ConfigCache {
  pthread_mutex_t lock;
  CachedConfig *by_dir;
  int fixed;    /* --config FILE: one configuration for every file */
  Config given; /* (its error set when it could not be read) */
};

ConfigCache *config_cache_new(void) {
  ConfigCache *c = calloc(1, sizeof *c);
  if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
    free(c);
    return NULL;
  }
  return c;
}

void config_cache_free(ConfigCache *c) {
  if (!c)
    return;
  CachedConfig *e, *tmp;
  HASH_ITER(hh, c->by_dir, e, tmp) {
    HASH_DEL(c->by_dir, e);
    config_free(&e->cfg);
    free(e->dir);
    free(e);
  }
  config_free(&c->given);
  pthread_mutex_destroy(&c->lock);
  free(c);
}

ConfigCache *config_cache_given(const char *path) {
  ConfigCache *c = config_cache_new();
  if (!c)
    return NULL;
  c->fixed = 1;
  if (config_read(path, &c->given, 1) != 0 && !c->given.error) {
    config_cache_free(c);
    return NULL;
  }
  return c;
}

const Config *config_cached(ConfigCache *c, const char *file) {
  if (c->fixed)
    return &c->given;
  const char *slash = strcmp(file, "-") == 0 ? NULL : strrchr(file, '/');
  size_t n = slash ? (size_t)(slash - file) + 1 : 0;
  pthread_mutex_lock(&c->lock);
  CachedConfig *e = NULL;
  HASH_FIND(hh, c->by_dir, file, n, e);
  if (!e && (e = calloc(1, sizeof *e)) != NULL) {
    e->dir = strndup(file, n);
    int failed = !e->dir;
#undef uthash_nonfatal_oom
#define uthash_nonfatal_oom(elt) (failed = 1)
    /* config_for reads only the directory part of the path; it fails
       without saying why only when out of memory */
    if (!failed && config_for(file, &e->cfg) != 0 && !e->cfg.error)
      failed = 1;
    if (!failed)
      HASH_ADD_KEYPTR(hh, c->by_dir, e->dir, n, e);
    if (failed) {
      config_free(&e->cfg);
      free(e->dir);
      free(e);
      e = NULL;
    }
  }
  pthread_mutex_unlock(&c->lock);
  return e ? &e->cfg : NULL;
}
