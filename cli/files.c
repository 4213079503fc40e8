/*
 * files.c - a directory argument becomes the files in it: every *.sql
 * (and the extensions of .propcheck.json "include") below it, in sorted
 * order, less what "exclude" names and what git ignores.
 *
 * Inside a git work tree the list is git's own: `git ls-files -z --cached
 * --others --exclude-standard` (tracked files, and untracked ones that no
 * .gitignore, .git/info/exclude or core.excludesFile ignores), so every
 * rule of gitignore(5) holds exactly.  Outside one (or without git), the
 * directory is walked; names starting with '.' are skipped there, and no
 * ignore file is read.  Only regular files (through symlinks) are listed.
 *
 * "exclude" globs match as fnmatch(3) without FNM_PATHNAME ('*' matches
 * '/' too): a glob with a '/' against the path relative to the directory
 * of the .propcheck.json, one without against each name along that path.
 */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

int files_push(FileList *l, char *path) {
  if (!path)
    return -1;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    char **more = realloc(l->v, cap * sizeof *more);
    if (!more) {
      free(path);
      return -1;
    }
    l->v = more;
    l->cap = cap;
  }
  l->v[l->n++] = path;
  return 0;
}

void files_free(FileList *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
  memset(l, 0, sizeof *l);
}

/* dir joined with rel ("." joins as nothing); malloc'd. */
static char *join(const char *dir, const char *rel) {
  if (strcmp(dir, ".") == 0)
    return strdup(rel);
  size_t n = strlen(dir);
  int slash = n && dir[n - 1] == '/';
  size_t len = n + strlen(rel) + 2;
  char *p = malloc(len);
  if (p)
    snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", rel);
  return p;
}

static int has_ext(const char *name, const char *ext) {
  size_t n = strlen(name), e = strlen(ext);
  return n > e && strcmp(name + n - e, ext) == 0 && name[n - e - 1] != '/';
}

/* Is rel (relative to the configuration's directory) a file to check? */
static int wanted(const Config *cfg, const char *rel) {
  int ext = has_ext(rel, ".sql");
  for (size_t i = 0; !ext && i < cfg->ninclude; i++)
    ext = has_ext(rel, cfg->include[i]);
  if (!ext)
    return 0;
  for (size_t i = 0; i < cfg->nexclude; i++) {
    const char *g = cfg->exclude[i];
    if (strchr(g, '/')) {
      if (fnmatch(g[0] == '/' ? g + 1 : g, rel, 0) == 0)
        return 0;
      continue;
    }
    for (const char *part = rel; part; part = strchr(part, '/')) {
      part += *part == '/';
      size_t len = strcspn(part, "/");
      char name[1024];
      if (len >= sizeof name)
        continue;
      memcpy(name, part, len);
      name[len] = '\0';
      if (fnmatch(g, name, 0) == 0)
        return 0;
      if (!part[len])
        break;
    }
  }
  return 1;
}

/* Adds dir/rel when wanted and a regular file.  cfg_rel is rel as seen
   from the configuration's directory. */
static int consider(FileList *l, const Config *cfg, const char *dir,
                    const char *rel, const char *prefix) {
  char *cfg_rel = join(prefix, rel);
  int want = cfg_rel && wanted(cfg, cfg_rel);
  free(cfg_rel);
  if (!want)
    return 0;
  char *path = join(dir, rel);
  struct stat st;
  if (path && (stat(path, &st) != 0 || !S_ISREG(st.st_mode))) {
    free(path); /* deleted from the work tree, or not a file */
    return 0;
  }
  return files_push(l, path);
}

/* git ls-files in dir: 1 when it listed (into l), 0 when dir is not in a
   work tree (or no git), -1 when out of memory. */
static int git_list(FileList *l, const Config *cfg, const char *dir,
                    const char *prefix) {
  int fds[2];
  if (pipe(fds) != 0)
    return 0;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return 0;
  }
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0)
      dup2(null, 2);
    execlp("git", "git", "-C", dir, "ls-files", "-z", "--cached", "--others",
           "--exclude-standard", "--", ".", (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  size_t len = 0;
  char *out = read_fd(fds[0], (size_t)1 << 30, &len);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (!out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    free(out);
    return 0;
  }
  int rc = 1;
  for (size_t at = 0; at < len && rc == 1;) {
    const char *rel = out + at;
    size_t n = strnlen(rel, len - at);
    if (at + n == len)
      break; /* not NUL-terminated: cut short */
    if (consider(l, cfg, dir, rel, prefix) != 0)
      rc = -1;
    at += n + 1;
  }
  free(out);
  return rc;
}

/* Walks dir/rel (rel "" at the top); 0, or -1 when out of memory. */
static int walk(FileList *l, const Config *cfg, const char *dir,
                const char *rel, const char *prefix, int depth) {
  char *here = rel[0] ? join(dir, rel) : strdup(dir);
  DIR *d = here && depth < 64 ? opendir(here) : NULL;
  int rc = here ? 0 : -1;
  struct dirent *e;
  while (d && rc == 0 && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char *sub = rel[0] ? join(rel, e->d_name) : strdup(e->d_name);
    char *path = sub ? join(dir, sub) : NULL;
    struct stat st;
    if (!path)
      rc = -1;
    else if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
      rc = walk(l, cfg, dir, sub, prefix, depth + 1);
    else
      rc = consider(l, cfg, dir, sub, prefix);
    free(path);
    free(sub);
  }
  if (d)
    closedir(d);
  free(here);
  return rc;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int files_in_dir(FileList *l, const char *dir, const Config *cfg) {
  /* the directory as seen from the configuration's own directory */
  char *prefix = strdup(".");
  char *real = realpath(dir, NULL);
  if (real && cfg->path) {
    const char *slash = strrchr(cfg->path, '/');
    size_t n = slash ? (size_t)(slash - cfg->path) : 0;
    if (strncmp(real, cfg->path, n) == 0 && (real[n] == '/' || !real[n])) {
      free(prefix);
      prefix = strdup(real[n] ? real + n + 1 : ".");
    }
  }
  free(real);
  if (!prefix)
    return -1;
  size_t from = l->n;
  int rc = git_list(l, cfg, dir, prefix);
  if (rc == 0)
    rc = walk(l, cfg, dir, "", prefix, 0);
  free(prefix);
  if (rc < 0)
    return -1;
  qsort(l->v + from, l->n - from, sizeof *l->v, by_name);
  return 0;
}
