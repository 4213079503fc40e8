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
  for (size_t i = 0; i < c->nvars; i++)
    free(c->vars[i]);
  free(c->vars);
  free(c->path);
  free(c->error);
  memset(c, 0, sizeof *c);
}

static int fail(Config *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fail(Config *c, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  size_t n = strlen(c->path) + strlen(msg) + 3;
  c->error = malloc(n);
  if (c->error)
    snprintf(c->error, n, "%s: %s", c->path, msg);
  return -1;
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

/* "vars": {"NAME": "VALUE", ...}: template variables (pc_ctx_set_var),
   kept as NAME, VALUE pairs. */
static int parse_vars(Config *c, const cJSON *item) {
  size_t n = (size_t)cJSON_GetArraySize(item);
  c->vars = calloc(2 * n + 1, sizeof *c->vars);
  if (!c->vars)
    return fail(c, "out of memory");
  for (const cJSON *v = item->child; v; v = v->next) {
    if (!*v->string || !cJSON_IsString(v))
      return fail(c, "\"vars\": \"%s\" must be a non-empty name with a "
                     "string value", v->string);
    c->vars[2 * c->nvars] = strdup(v->string);
    c->vars[2 * c->nvars + 1] = strdup(v->valuestring);
    c->nvars++;
    if (!c->vars[2 * c->nvars - 2] || !c->vars[2 * c->nvars - 1])
      return fail(c, "out of memory");
  }
  return 0;
}

static int parse(Config *c, const char *text, size_t len) {
  const char *end = NULL;
  cJSON *root = cli_json_parse(text, len, &end);
  if (!root && errno == ENOMEM)
    return -1; /* no message: out of memory (see config_cached) */
  if (!root || !cJSON_IsObject(root)) {
    pc_pos at = pc_pos_of(text, len, end ? (size_t)(end - text) : 0);
    char where[64];
    snprintf(where, sizeof where, "%u:%u", at.line, at.column);
    cJSON_Delete(root);
    return fail(c,
                root ? "the configuration must be a JSON object"
                     : "invalid JSON near %s",
                where);
  }
  int rc = 0;
  for (cJSON *item = root->child; item && rc == 0; item = item->next) {
    if (strcmp(item->string, "fail-on") == 0) {
      if (!cJSON_IsString(item) ||
          config_fail_on(item->valuestring, &c->fail_on) != 0)
        rc = fail(c, "\"fail-on\" must be \"error\", \"warning\", \"note\" "
                     "or \"never\"");
    } else if (strcmp(item->string, "rules") == 0 && cJSON_IsObject(item)) {
      size_t n = (size_t)cJSON_GetArraySize(item);
      c->rule_ids = calloc(n ? n : 1, sizeof *c->rule_ids);
      c->levels = calloc(n ? n : 1, sizeof *c->levels);
      if (!c->rule_ids || !c->levels) {
        rc = fail(c, "out of memory");
        break;
      }
      for (cJSON *r = item->child; r; r = r->next) {
        pc_level lv;
        if (!pc_rule_find(r->string)) {
          rc = fail(c,
                    "\"%s\" is not a propcheck rule (see propcheck "
                    "--list-rules)",
                    r->string);
          break;
        }
        if (!cJSON_IsString(r) || config_level(r->valuestring, &lv) != 0) {
          rc = fail(c,
                    "rule \"%s\": the level must be \"off\", \"note\", "
                    "\"warning\" or \"error\"",
                    r->string);
          break;
        }
        c->rule_ids[c->nrules] = strdup(r->string);
        if (!c->rule_ids[c->nrules]) {
          rc = fail(c, "out of memory");
          break;
        }
        c->levels[c->nrules++] = lv;
      }
    } else if (strcmp(item->string, "vars") == 0 && cJSON_IsObject(item) &&
               !c->vars) {
      rc = parse_vars(c, item);
    } else {
      rc = fail(c,
                "unknown setting \"%s\" (known: \"rules\", \"fail-on\", "
                "\"vars\")",
                item->string);
    }
  }
  cJSON_Delete(root);
  return rc;
}

int config_for(const char *file, Config *out) {
  memset(out, 0, sizeof *out);
  char dir[4096];
  if (strcmp(file, "-") == 0 || !strchr(file, '/')) {
    if (!getcwd(dir, sizeof dir))
      return 0;
  } else {
    snprintf(dir, sizeof dir, "%s", file);
    *strrchr(dir, '/') = '\0';
    if (!dir[0])
      snprintf(dir, sizeof dir, "/");
    char real[4096];
    if (realpath(dir, real))
      snprintf(dir, sizeof dir, "%s", real);
  }
  for (;;) {
    char path[4200];
    snprintf(path, sizeof path, "%s%s%s", dir,
             dir[strlen(dir) - 1] == '/' ? "" : "/", CONFIG_NAME);
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
      out->path = strdup(path);
      size_t len = 0;
      /* 16 MiB of configuration is not one: what is read stops there */
      char *text = out->path ? read_fd(fd, 1u << 24, &len) : NULL;
      int err = errno;
      close(fd);
      if (!out->path)
        return -1;
      if (!text)
        return fail(out, "cannot read: %s", strerror(err ? err : EIO));
      int rc = parse(out, text, len);
      free(text);
      return rc;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || strcmp(dir, "/") == 0)
      return 0;
    if (slash == dir)
      dir[1] = '\0';
    else
      *slash = '\0';
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
  pthread_mutex_destroy(&c->lock);
  free(c);
}

const Config *config_cached(ConfigCache *c, const char *file) {
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
