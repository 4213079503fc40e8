/*
 * run.c - checking the files: reading them in chunks (or whole, for
 * --props and --policy), --fix, and the two ways of running:
 *
 *   run_stream  every output format: files on -j threads (jobs.c),
 *               each written as its statements complete;
 *   run_whole   --verify and --emit-policy in text, which read every
 *               result at the end and so keep them all (one thread).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Input is read in pieces of this size. */
enum { READ_CHUNK = 1 << 16 };
/* Files from this size on are read and split on a second thread. */
enum { SPLIT_AHEAD_FROM = 4 << 20 };

static int check_props_path(pc_ctx *ctx, const char *path);

const char *run_config_key(const Options *o, const char *path) {
  return strcmp(path, "-") == 0 && o->stdin_name ? o->stdin_name : path;
}

ConfigCache *run_configs(const Options *o) {
  if (o->no_config)
    return NULL;
  return o->config ? config_cache_given(o->config) : config_cache_new();
}

const char *run_name(const Options *o, const char *path) {
  if (strcmp(path, "-") != 0)
    return path;
  return o->stdin_name ? o->stdin_name : "<stdin>";
}

/* Opens path for reading: standard input for "-"; a FIFO without a writer
   reads as empty instead of blocking.  Returns the descriptor, or -1 with
   a message in msg; *size is set to a regular file's size. */
static int open_input(const char *path, char *msg, size_t n, off_t *size) {
  if (strcmp(path, "-") == 0)
    return 0;
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) {
    snprintf(msg, n, "cannot open: %s", strerror(errno));
    return -1;
  }
  struct stat st;
  int known = fstat(fd, &st) == 0;
  int is_file = known && S_ISREG(st.st_mode);
  if (known && S_ISDIR(st.st_mode)) {
    snprintf(msg, n, "cannot read: it is a directory");
    close(fd);
    return -1;
  }
  if (is_file)
    *size = st.st_size;
  else { /* reads of a regular file never wait anyway */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
      fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  return fd;
}

/* Is msg the message of PC_ENOMEM? */
static int st_oom(const char *msg) {
  return strcmp(msg, pc_status_str(PC_ENOMEM)) == 0;
}

/* Feeds fd to ctx's open file, read here in pieces of bufsize bytes;
   returns 0, or 2 with msg set. */
static int feed_fd(pc_ctx *ctx, int fd, off_t size, pc_stream *out, char *buf,
                   size_t bufsize, char *msg, size_t n) {
  uint64_t got = 0;
  for (;;) {
    /* A regular file read to the size it had when opened is done: one
       read() fewer per file (if it grew since, reads go on to the end). */
    if (size >= 0 && got == (uint64_t)size && got > 0)
      return 0;
    ssize_t len = read(fd, buf, bufsize);
    if (len < 0 && errno == EINTR)
      continue;
    if (len < 0) {
      snprintf(msg, n, "read error: %s", strerror(errno));
      return 2;
    }
    if (len == 0)
      return 0;
    got += (uint64_t)len;
    pc_status st = pc_file_feed(ctx, buf, (size_t)len);
    /* What is complete goes out after each piece; a file read whole goes
       out at once, by the caller's flush after pc_file_end. */
    if (st == PC_OK && out && (size < 0 || got < (uint64_t)size))
      st = pc_stream_flush(out, ctx);
    if (st != PC_OK) {
      snprintf(msg, n, "%s", pc_status_str(st));
      return 2;
    }
  }
}

/* Feeds ctx's open file with the batches a second thread splits it into
   (read.c); returns 0, or 2 with msg set. */
static int feed_ahead(pc_ctx *ctx, SplitAhead *ahead, pc_stream *out, char *msg,
                      size_t n) {
  const pc_batch *b;
  int more;
  while ((more = split_ahead_next(ahead, &b)) > 0) {
    pc_status st = pc_file_feed_batch(ctx, b);
    if (st == PC_OK && out)
      st = pc_stream_flush(out, ctx);
    if (st != PC_OK) {
      snprintf(msg, n, "%s", pc_status_str(st));
      return 2;
    }
  }
  if (more < 0 && errno == ENOMEM)
    snprintf(msg, n, "%s", pc_status_str(PC_ENOMEM));
  else if (more < 0)
    snprintf(msg, n, "read error: %s", strerror(errno));
  return more < 0 ? 2 : 0;
}

/* Checks one file (or stdin) into ctx, writing results through out as
   they complete (out may be NULL: results stay in ctx); returns 0, or 2
   when it could not be read or written.  opt is ctx's options; buf is
   where pieces of bufsize bytes are read; a big file is split on one of
   the threads *spare counts, when there is one (spare may be NULL).
   3 instead of 2: out of memory. */
static int check_path(pc_ctx *ctx, const Options *o, const char *path,
                      pc_stream *out, char *buf, size_t bufsize,
                      atomic_int *spare) {
  const pc_options *opt = &o->lib;
  int is_stdin = strcmp(path, "-") == 0;
  const char *name = run_name(o, path);
  char msg[512];
  off_t size = -1; /* a regular file's size when opened, else -1 */
  int fd = open_input(path, msg, sizeof msg, &size);
  if (fd < 0) {
    pc_file_error(ctx, name, msg);
    return 2;
  }
  if (pc_file_begin(ctx, name) != PC_OK) {
    if (!is_stdin)
      close(fd);
    fprintf(stderr, "propcheck: %s: out of memory\n", name);
    return 3;
  }
  /* A big file is read and split on a spare thread (read.c). */
  int spared = size >= SPLIT_AHEAD_FROM && take_spare(spare);
  SplitAhead *ahead = spared ? split_ahead_start(fd, opt) : NULL;
  int rc = ahead ? feed_ahead(ctx, ahead, out, msg, sizeof msg)
                 : feed_fd(ctx, fd, size, out, buf, bufsize, msg, sizeof msg);
  split_ahead_stop(ahead);
  if (spared)
    atomic_fetch_add(spare, 1);
  pc_status end = pc_file_end(ctx);
  if (!is_stdin)
    close(fd);
  if (!rc && end != PC_OK) {
    snprintf(msg, sizeof msg, "%s", pc_status_str(end));
    rc = 2;
  }
  if (rc) {
    pc_file_error(ctx, name, msg);
    if (st_oom(msg)) { /* also where a script looks for it */
      fprintf(stderr, "propcheck: %s: out of memory\n", name);
      rc = 3;
    }
  }
  return rc;
}

int run_check_file(pc_ctx *ctx, const Options *o, const char *path, char *buf,
                   size_t bufsize) {
  return o->props ? check_props_path(ctx, path)
                  : check_path(ctx, o, path, NULL, buf, bufsize, NULL);
}

/* Reads a whole file (or stdin for "-"); an error is recorded in ctx under
 *name and NULL returned.  The text is malloc'd, to free. */
static char *read_whole(pc_ctx *ctx, const char *path, const char **name,
                        size_t *len) {
  int is_stdin = strcmp(path, "-") == 0;
  *name = is_stdin ? "<stdin>" : path;
  char msg[512];
  off_t size = -1;
  int fd = open_input(path, msg, sizeof msg, &size);
  if (fd < 0) {
    pc_file_error(ctx, *name, msg);
    return NULL;
  }
  char *text = read_fd(fd, SIZE_MAX, len);
  if (!is_stdin)
    close(fd);
  if (!text) {
    pc_file_error(ctx, *name, "cannot read (or out of memory)");
    fprintf(stderr, "propcheck: %s: cannot read it, or out of memory\n", *name);
  }
  return text;
}

/* --props: reads a JSON property map whole and checks it; returns 0, 2,
   or 3 when out of memory (as check_path). */
static int check_props_path(pc_ctx *ctx, const char *path) {
  const char *name;
  size_t len = 0;
  char *text = read_whole(ctx, path, &name, &len);
  if (!text)
    return 2;
  pc_status st = pc_check_props_json(ctx, name, text, len);
  if (st == PC_ENOMEM)
    fprintf(stderr, "propcheck: %s: out of memory\n", name);
  free(text);
  return st == PC_OK ? 0 : st == PC_ENOMEM ? 3 : 2;
}

/* --policy FILE: reads an identity policy for the checks that follow;
   returns 0, 2, or 3 when out of memory. */
static int add_policy_file(pc_ctx *ctx, const char *path) {
  const char *name;
  size_t len = 0;
  char *text = read_whole(ctx, path, &name, &len);
  if (!text)
    return 2;
  pc_status st = pc_ctx_add_policy(ctx, name, text, len);
  if (st == PC_ENOMEM)
    fprintf(stderr, "propcheck: %s: out of memory\n", name);
  free(text);
  return st == PC_OK ? 0 : st == PC_ENOMEM ? 3 : 2;
}

/* --emit-policy in text: the documents, ready to paste; after an
   allocation failure, a last line says that some may be missing. */
static void print_policies(const pc_ctx *ctx, int oom) {
  static const char *const what[] = {
      "identity policy", "trust policy of the role",
      "permission the base principal needs to assume the role"};
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    for (size_t j = 0; j < pc_file_stmt_count(f); j++) {
      const pc_stmt *s = pc_file_stmt_at(f, j);
      pc_pos p = pc_stmt_pos(s);
      for (size_t k = 0; k < pc_stmt_policy_count(s); k++) {
        const pc_policy *pol = pc_stmt_policy_at(s, k);
        const char *docs[] = {pol->identity, pol->trust, pol->assume};
        for (int d = 0; d < 3; d++) {
          if (!docs[d])
            continue;
          printf("-- %s:%u:%u: %s %s, %s for %s\n%s\n\n", pc_file_path(f),
                 p.line, p.column, pc_stmt_kind_name(pc_stmt_kind_of(s)),
                 pc_service_name(pol->service), what[d], pol->principal,
                 docs[d]);
        }
      }
    }
  }
  if (oom)
    fputs("-- propcheck: out of memory: these policies are incomplete\n",
          stdout);
}

int run_fails(const pc_summary *sum, int threshold) {
  return (threshold <= PC_SEV_ERROR && sum->errors) ||
         (threshold <= PC_SEV_WARNING && sum->warnings) ||
         (threshold <= PC_SEV_NOTE && sum->notes);
}

static pc_summary sum_add(pc_summary a, const pc_summary *b) {
  a.files += b->files;
  a.statements += b->statements;
  a.errors += b->errors;
  a.warnings += b->warnings;
  a.notes += b->notes;
  a.suppressed += b->suppressed;
  return a;
}

int run_apply_levels(pc_ctx *ctx, const Config *cfg, const Options *o) {
  pc_ctx_reset_rule_levels(ctx);
  for (size_t i = 0; i < cfg->nrules; i++)
    pc_ctx_set_rule_level(ctx, cfg->rule_ids[i], cfg->levels[i]);
  for (size_t i = 0; i < o->nrules; i++)
    pc_ctx_set_rule_level(ctx, o->rule_ids[i], o->levels[i]);
  /* Template variables: the configuration's, then --var's (which win). */
  int rc = pc_ctx_reset_vars(ctx) == PC_OK ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < cfg->nvars; i++)
    rc = pc_ctx_set_var(ctx, cfg->vars[2 * i], cfg->vars[2 * i + 1]) == PC_OK
             ? 0
             : -1;
  for (size_t i = 0; rc == 0 && i < o->nvars; i++) {
    const char *eq = strchr(o->vars[i], '=');
    char name[256];
    size_t n = (size_t)(eq - o->vars[i]);
    if (n >= sizeof name)
      continue; /* no variable has so long a name */
    memcpy(name, o->vars[i], n);
    name[n] = '\0';
    rc = pc_ctx_set_var(ctx, name, eq + 1) == PC_OK ? 0 : -1;
  }
  return rc;
}

/* ---- run_whole ---- */

/* Files that could not be read (or ran out of memory), on stderr. */
static void report_io_errors(const pc_ctx *ctx) {
  for (size_t i = 0; i < pc_file_count(ctx); i++) {
    const pc_file *f = pc_file_at(ctx, i);
    for (size_t j = 0; j < pc_file_finding_count(f); j++) {
      const pc_finding *fd = pc_file_finding_at(f, j);
      if (strcmp(fd->rule, "io-error") == 0)
        fprintf(stderr, "propcheck: %s: %s\n", pc_file_path(f), fd->message);
    }
  }
}

static size_t default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (size_t)n : 1;
}

int run_whole(const Options *o, const char **files, int nfiles) {
  pc_ctx *ctx = pc_ctx_new(&o->lib);
  char *buf = malloc(READ_CHUNK);
  if (!ctx || !buf) {
    fputs("propcheck: out of memory\n", stderr);
    pc_ctx_free(ctx);
    free(buf);
    return 2;
  }
  int broken = 0, failing = 0, oom = 0, rc;
  Config none;
  memset(&none, 0, sizeof none);
  run_apply_levels(ctx, &none, o);
  for (size_t i = 0; i < o->npolicies; i++)
    if ((rc = add_policy_file(ctx, o->policies[i])) != 0) {
      broken = 1;
      oom |= rc == 3;
    }
  pc_summary before = pc_ctx_summary(ctx);
  if (run_fails(&before, o->fail_on ? o->fail_on : PC_SEV_WARNING))
    failing = 1;
  ConfigCache *configs = run_configs(o);
  /* files are checked one after the other: the other threads of -j are
     free to split big ones */
  atomic_int spare;
  atomic_init(&spare, (int)(o->jobs ? o->jobs : default_jobs()) - 1);
  if (!o->no_config && !configs) {
    fprintf(stderr, "propcheck: out of memory\n");
    free(buf);
    pc_ctx_free(ctx);
    return 2;
  }
  for (int i = 0; i < nfiles; i++) {
    const char *name = run_name(o, files[i]);
    const Config *cfg = configs ? config_cached(configs, run_config_key(o, files[i])) : &none;
    if (!cfg || cfg->error) {
      char msg[1024];
      snprintf(msg, sizeof msg, "not checked: configuration %s",
               cfg ? cfg->error : "cannot be read: out of memory");
      pc_file_error(ctx, name, msg);
      broken = 1;
      oom |= !cfg;
      continue;
    }
    run_apply_levels(ctx, cfg, o);
    before = pc_ctx_summary(ctx);
    rc = o->props ? check_props_path(ctx, files[i])
                  : check_path(ctx, o, files[i], NULL, buf, READ_CHUNK,
                               &spare);
    if (rc) {
      broken = 1;
      oom |= rc == 3;
    }
    pc_summary after = pc_ctx_summary(ctx);
    pc_summary delta = {0,
                        0,
                        after.errors - before.errors,
                        after.warnings - before.warnings,
                        after.notes - before.notes,
                        0};
    int threshold = o->fail_on     ? o->fail_on
                    : cfg->fail_on ? cfg->fail_on
                                   : PC_SEV_WARNING;
    if (run_fails(&delta, threshold))
      failing = 1;
  }
  config_cache_free(configs);
  int status = broken ? 2 : failing;
  if (o->verify) {
    int v = verify_report(ctx);
    status = broken || v == 2 ? 2 : v;
  } else {
    print_policies(ctx, oom);
    report_io_errors(ctx); /* the policies' text says nothing of them */
  }
  if (fflush(stdout) != 0)
    status = 2;
  pc_ctx_free(ctx);
  free(buf);
  return status;
}

/* ---- run_stream ---- */

/* The last GitHub command when results are missing. */
#define GITHUB_INCOMPLETE                                                      \
  "::error title=propcheck::out of memory: these results are incomplete\n"

/* What a job leaves for the exit status and the summary. */
typedef struct JobResult {
  pc_summary sum;
  int broken;  /* unreadable, bad configuration, out of memory */
  int failing; /* findings at or above the fail-on severity */
  int oom;
} JobResult;

typedef struct Run {
  const Options *o;
  const char **files;
  pc_policies *pols; /* the --policy files, read once, shared by workers */
  Output out;
  JobResult *res;       /* [0]: the policies, [1 + i]: files[i] */
  pc_ctx **ctxs;        /* one per worker, made on first use */
  char **bufs;          /* one read buffer per worker */
  ConfigCache *configs; /* NULL with --no-config */
  atomic_int spare;     /* threads of -j with no file to check */
} Run;

/* A job's output.  When the job's part is at the head, its stream's
   bytes go out as they are; otherwise each write is copied into a piece,
   handed over when the next write comes, so that the last goes with the
   job's end in one call (out_part_put): a small file's output waiting for
   the files before it takes the lock once. */
typedef struct PartWriter {
  Run *run;
  size_t part;
  Piece *pending; /* the latest write, not yet handed over */
} PartWriter;

static int part_write(void *user, const char *data, size_t len) {
  PartWriter *w = user;
  Output *o = &w->run->out;
  Piece *ready = w->pending;
  w->pending = NULL;
  if (ready && out_part_put(o, w->part, ready, 0) != 0)
    return -1;
  int rc = out_part_write(o, w->part, data, len);
  if (rc == 0 && !(w->pending = out_piece(data, len)))
    rc = -1;
  return rc < 0 ? -1 : 0;
}

/* Hands over the job's last write and ends its part. */
static void part_end(PartWriter *w) {
  out_part_put(&w->run->out, w->part, w->pending, 1);
  w->pending = NULL;
}

static int direct_write(void *user, const char *data, size_t len) {
  return out_direct(user, data, len);
}

/* The worker's context, checking against the policies (whose own
   findings the main thread reports once). */
static pc_ctx *worker_ctx(Run *r, size_t worker) {
  if (r->ctxs[worker])
    return r->ctxs[worker];
  pc_ctx *ctx = pc_ctx_new(&r->o->lib);
  char *buf = malloc(READ_CHUNK);
  if (!ctx || !buf || pc_ctx_use_policies(ctx, r->pols) != PC_OK) {
    pc_ctx_free(ctx);
    free(buf);
    return NULL;
  }
  r->ctxs[worker] = ctx;
  r->bufs[worker] = buf;
  return ctx;
}

/* Checks files[job - 1] and writes it as part `job`. */
static void do_job(void *arg, size_t worker, size_t job) {
  Run *r = arg;
  const Options *o = r->o;
  JobResult *jr = &r->res[job + 1];
  const char *path = r->files[job];
  const char *name = run_name(o, path);
  PartWriter pw = {r, job + 1, NULL};
  pc_ctx *ctx = worker_ctx(r, worker);
  pc_stream *s = ctx ? pc_stream_new(o->fmt, o->flags, part_write, &pw) : NULL;
  if (!s) {
    jr->broken = jr->oom = 1;
    part_end(&pw);
    return;
  }
  static const Config none;
  const Config *cfg = o->no_config ? &none : config_cached(r->configs, run_config_key(o, path));
  if (!cfg || cfg->error) {
    char msg[1024];
    snprintf(msg, sizeof msg, "not checked: configuration %s",
             cfg ? cfg->error : "cannot be read: out of memory");
    pc_file_error(ctx, name, msg);
    jr->broken = 1;
    if (!cfg)
      jr->oom = 1;
  } else {
    run_apply_levels(ctx, cfg, o);
    if (o->fix && strcmp(path, "-") != 0 && fix_file(o, path, cfg))
      jr->broken = 1;
    if (o->props ? check_props_path(ctx, path)
                 : check_path(ctx, o, path, s, r->bufs[worker],
                              READ_CHUNK, &r->spare))
      jr->broken = 1;
  }
  pc_status st = pc_stream_flush(s, ctx);
  if (st == PC_ENOMEM)
    jr->oom = 1;
  if (st != PC_OK)
    jr->broken = 1;
  jr->sum = pc_ctx_summary(ctx);
  int threshold = o->fail_on            ? o->fail_on
                  : cfg && cfg->fail_on ? cfg->fail_on
                                        : PC_SEV_WARNING;
  jr->failing = run_fails(&jr->sum, threshold);
  pc_ctx_reset(ctx);
  pc_stream_free(s);
  part_end(&pw);
}

/* Reads the --policy files and writes their findings as part 0. */
static void policies_job(Run *r) {
  const Options *o = r->o;
  JobResult *jr = &r->res[0];
  PartWriter pw = {r, 0, NULL};
  pc_ctx *ctx = pc_ctx_new(&o->lib);
  pc_stream *s = ctx ? pc_stream_new(o->fmt, o->flags, part_write, &pw) : NULL;
  if (!s) {
    jr->broken = jr->oom = 1;
  } else {
    Config none;
    memset(&none, 0, sizeof none);
    run_apply_levels(ctx, &none, o);
    /* An unreadable policy file is reported before the others. */
    for (size_t i = 0; i < o->npolicies; i++) {
      const char *name;
      size_t len = 0;
      char *text = read_whole(ctx, o->policies[i], &name, &len);
      pc_status st =
          text ? pc_policies_add(r->pols, name, text, len) : PC_EINVAL;
      free(text);
      if (st != PC_OK)
        jr->broken = 1;
      if (st == PC_ENOMEM)
        jr->oom = 1;
    }
    pc_status st = pc_ctx_report_policies(ctx, r->pols);
    if (st != PC_OK)
      jr->broken = 1;
    if (st == PC_ENOMEM)
      jr->oom = 1;
    if (pc_stream_flush(s, ctx) != PC_OK)
      jr->broken = 1;
    jr->sum = pc_ctx_summary(ctx);
    jr->failing = run_fails(&jr->sum, o->fail_on ? o->fail_on : PC_SEV_WARNING);
  }
  pc_stream_free(s);
  pc_ctx_free(ctx);
  part_end(&pw);
}

int run_stream(const Options *o, const char **files, int nfiles) {
  Run r = {0};
  r.o = o;
  r.files = files;
  size_t jobs = o->jobs ? o->jobs : default_jobs();
  size_t nthreads = jobs > (size_t)nfiles ? (size_t)nfiles : jobs;
  r.pols = pc_policies_new();
  r.res = calloc((size_t)nfiles + 1, sizeof *r.res);
  r.ctxs = calloc(nthreads + 1, sizeof *r.ctxs);
  r.bufs = calloc(nthreads + 1, sizeof *r.bufs);
  r.configs = run_configs(o);
  pc_stream *doc = NULL;
  int status = 2, oom = 1;
  if (!r.pols || !r.res || !r.ctxs || !r.bufs ||
      (!o->no_config && !r.configs) ||
      out_init(&r.out, (size_t)nfiles + 1, pc_format_separator(o->fmt)) != 0)
    goto done;
  doc = pc_stream_new(o->fmt, o->flags, direct_write, &r.out);
  if (!doc)
    goto out;
  oom = pc_stream_head(doc) == PC_ENOMEM;
  if (oom)
    goto out;
  policies_job(&r);
  atomic_init(&r.spare, (int)(jobs - nthreads));
  run_jobs(nthreads, (size_t)nfiles, do_job, &r, &r.spare);
  pc_summary total = {0};
  int broken = 0, failing = 0;
  for (int i = 0; i <= nfiles; i++) {
    total = sum_add(total, &r.res[i].sum);
    broken |= r.res[i].broken;
    failing |= r.res[i].failing;
    oom |= r.res[i].oom;
  }
  /* Out of memory, results are missing: no tail, so that the output
     cannot pass for a whole document (or a whole text report). */
  pc_status st = oom ? PC_ENOMEM : pc_stream_tail(doc, &total);
  if (oom && o->fmt == PC_FORMAT_GITHUB) /* commands have no tail to omit */
    out_direct(&r.out, GITHUB_INCOMPLETE, strlen(GITHUB_INCOMPLETE));
  if (st == PC_ENOMEM)
    oom = 1;
  out_flush(&r.out);
  status = broken || oom || st != PC_OK || r.out.error ? 2 : failing;
out:
  out_flush(&r.out); /* what there is, when we came here early */
  if (r.out.error && r.out.error != EPIPE)
    fprintf(stderr, "propcheck: cannot write the output: %s\n",
            strerror(r.out.error));
  out_free(&r.out);
done:
  if (oom)
    fputs("propcheck: out of memory\n", stderr);
  pc_stream_free(doc);
  for (size_t i = 0; i < nthreads + 1; i++) {
    if (r.ctxs)
      pc_ctx_free(r.ctxs[i]);
    if (r.bufs)
      free(r.bufs[i]);
  }
  pc_policies_free(r.pols);
  free(r.res);
  free(r.ctxs);
  free(r.bufs);
  config_cache_free(r.configs);
  return status;
}
