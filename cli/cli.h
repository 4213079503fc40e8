/*
 * cli.h - the command line's own modules (not part of libpropcheck).
 *
 * It is compiled with -Iinclude only: everything it knows of propcheck
 * comes through the public header.
 *
 *   main.c     arguments and exit status
 *   run.c      reading files, --fix, --props (pc_check_props_json), the
 *              streaming and whole-run modes
 *   read.c     whole-file reads; big files split on a spare thread
 *   config.c   .propcheck.json: found upward from each checked file
 *   fix.c      --fix: apply the safe fixes, write through a rename
 *   docs.c     --explain RULE, --list-rules, --rules-markdown
 *   verify.c   --verify: expectation comments against results
 *   jobs.c     -j: files checked on several threads, output in order
 *   lsp*.c     `propcheck lsp`, the language server (its own header, lsp.h)
 */
#ifndef PC_CLI_H
#define PC_CLI_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "propcheck.h"

/* ---- config.c ---- */

/* A severity threshold for the exit status: findings at or above it make
   the exit status 1.  PC_FAIL_NEVER never does. */
enum { PC_FAIL_NEVER = 4 };

typedef struct Config {
  char *path;  /* the file it came from (malloc), or NULL */
  char *error; /* why it could not be read (malloc), or NULL */
  int fail_on; /* pc_severity, PC_FAIL_NEVER, or 0 = not set */
  size_t nrules;
  char **rule_ids; /* malloc'd */
  pc_level *levels;
  char **include; /* "include": file name endings (".ddl"), malloc'd */
  size_t ninclude;
  char **exclude; /* "exclude": globs (files.c), malloc'd */
  size_t nexclude;
  size_t nvars;
  char **vars; /* "vars": name, value, name, value, ... (malloc'd) */
} Config;

/* Finds and reads the .propcheck.json that governs `file` (searching its
   directory and the ones above it; "-" searches from the working
   directory).  *out is zeroed when there is none.  Returns 0, or -1 with
   out->error set. */
int config_for(const char *file, Config *out);
void config_free(Config *c);
/* Reads the configuration at path (explicit: --config FILE, which must
   exist).  0, 1 when it does not exist (not explicit), or -1 with
   out->error set (every problem, "file:line:col: ..." each, joined by "; "), or
   -1 with no error when out of memory. */
int config_read(const char *path, Config *out, int explicit);

/* config_for once per directory, shared by threads.  config_cached returns
   the cache's own record for file's directory (its error set when it could
   not be read), or NULL when out of memory; it lives until
   config_cache_free. */
typedef struct ConfigCache ConfigCache;
ConfigCache *config_cache_new(void); /* NULL when out of memory */
void config_cache_free(ConfigCache *c);
/* A cache that answers the configuration at path for every file (--config
   FILE); NULL when out of memory. */
ConfigCache *config_cache_given(const char *path);
const Config *config_cached(ConfigCache *c, const char *file);
/* Parses "off|note|warning|error"; returns -1 for anything else. */
int config_level(const char *s, pc_level *out);
/* Parses "error|warning|note|never"; returns -1 for anything else. */
int config_fail_on(const char *s, int *out);

/* ---- files.c ---- */

typedef struct FileList {
  char **v; /* malloc'd paths */
  size_t n, cap;
} FileList;
/* Appends the files to check in directory dir (sorted; cfg's "include"
   and "exclude"; git's ignores).  0, or -1 when out of memory. */
int files_in_dir(FileList *l, const char *dir, const Config *cfg);
void files_free(FileList *l);
/* Appends path (which it takes); 0, or -1 when out of memory. */
int files_push(FileList *l, char *path);

/* ---- read.c ---- */

/* All of fd, or its first bytes once there are more than max (malloc'd,
 *len bytes); NULL on a read error or out of memory, errno set. */
char *read_fd(int fd, size_t max, size_t *len);

/* Reads and splits fd on a second thread, into batches of the statements
   that matter (pc_splitter, pc_batch) ahead of the checker, which feeds
   them to pc_file_feed_batch.  split_ahead_start returns NULL when there
   is no memory or no thread for it (then read fd directly).
   split_ahead_next hands out the next batch in order: 1 with *batch valid
   until the next call; then 0 at the end, or -1 (errno set: a read error,
   or ENOMEM) when the file ended early, after the batch with what was read
   before.  split_ahead_stop ends the thread (early or not), and frees
   everything. */
enum { SPLIT_AHEAD_PIECE = 64 << 10 }; /* bytes per read() */
typedef struct SplitAhead SplitAhead;
SplitAhead *split_ahead_start(int fd, const pc_options *opt);
int split_ahead_next(SplitAhead *r, const pc_batch **batch);
void split_ahead_stop(SplitAhead *r);

/* ---- fix.c ---- */

/* Called for each fix applied, with the path of the file and its finding. */
typedef void (*FixNote)(void *user, const char *path, const pc_finding *fd);
/* Applies the fixes of the findings of `f` (checked from buf) to buf: the
   safe ones, and the unsafe ones too when unsafe_ok (pc_fix).  Returns a
   malloc'd buffer of *out_len bytes and the number of fixes in *nfixed,
   or NULL (no fix, or out of memory: *nfixed says which).  Each fix
   applied is reported through note (may be NULL). */
char *fix_apply(const pc_file *f, const char *buf, size_t len, size_t *out_len,
                size_t *nfixed, int unsafe_ok, FixNote note, void *user);
/* Does the file have findings that make fixing unsafe (syntax errors)? */
int fix_blocked(const pc_file *f);

/* ---- fix_write.c ---- */

/* --fix reads at most this much of a file. */
#define FIX_MAX ((size_t)64 << 20)

/* A file to fix, read: its symlinks resolved. */
typedef struct FixTarget {
  char *real;     /* the resolved path (malloc'd) */
  struct stat st; /* as it was read */
  char *text;     /* its contents (malloc'd), len bytes */
  size_t len;
} FixTarget;

/* Resolves path and reads it, when it is a regular file with one link,
   writable, of at most FIX_MAX bytes.  0, or -1 with why in msg. */
int fix_open(const char *path, FixTarget *t, char *msg, size_t n);
/* Replaces t's file with buf through a temporary file in its directory and
   a rename, keeping its mode and, where permitted, owner and group; refuses
   when the file changed since fix_open.  0, or -1 with why in msg. */
int fix_write(const FixTarget *t, const char *buf, size_t len, char *msg,
              size_t n);
void fix_target_free(FixTarget *t);

/* ---- clean.c ---- */

/* Writes s with control, DEL, C1 and bidi characters as '?'. */
void cli_fput_clean(FILE *f, const char *s);
/* The same, as a malloc'd copy (NULL when out of memory). */
char *cli_clean(const char *s);

/* ---- diff.c ---- */

/* Prints a unified diff of old -> new_text (same line count) under name,
   values masked; 0, or -1 when out of memory or the line counts differ. */
int diff_print(FILE *f, const char *name, const char *old, size_t old_len,
               const char *new_text, size_t new_len);

/* ---- verify.c ---- */

/* Compares every statement with -- expect comments against its results and
   prints each difference; returns 0, 1 (differences) or 2 (unreadable
   files, or out of memory). */
int verify_report(const pc_ctx *ctx);

/* ---- docs.c ---- */

/* Prints a rule's documentation; returns 0, or 2 for an unknown id. */
int docs_explain(const char *id);
/* Prints one line per rule, or with PC_FORMAT_JSON a JSON array of
   {"id", "severity", "summary", "docs"}. */
int docs_list(pc_format fmt);
/* Prints docs/rules.md. */
int docs_markdown(void);

/* Called by main.c's cJSON allocation hook when an allocation fails, so
   that a NULL from the parser (config.c) reads as out of memory, not as
   invalid JSON. */
void cli_json_alloc_failed(void);

/* ---- main.c: the options ---- */

typedef struct Options {
  pc_format fmt;
  unsigned flags; /* PC_RENDER_* */
  int color;      /* -1 auto */
  int fail_on;    /* 0: from the configuration, else pc_severity/never */
  int fix;
  int unsafe_fixes; /* --unsafe-fixes: apply the unsafe fixes too */
  int diff;         /* --diff: print what --fix would change */
  const char *stdin_name; /* --stdin-filename */
  const char *output;     /* -o FILE */
  const char *config;     /* --config FILE */
  int statistics;         /* --statistics */
  int list_rules;         /* --list-rules (in --format) */
  int no_config;
  int props;        /* FILEs are JSON property maps */
  int emit_policy;  /* print the IAM policies each statement needs */
  size_t npolicies; /* --policy files */
  const char **policies;
  int verify;  /* compare with -- expect comments */
  size_t jobs; /* -j: threads (0: one per core) */
  pc_options lib;
  size_t nrules; /* command-line rule levels */
  const char **rule_ids;
  pc_level *levels;
  size_t nvars; /* --var NAME=VALUE, as given (argv) */
  const char **vars;
} Options;

/* ---- run.c ---- */

/* Checks files[0..nfiles) as the options say and writes the output;
   return the exit status (0, 1 or 2).  run_stream: every format, files on
   o->jobs threads, written as statements complete; run_whole: --verify and
   --emit-policy in text, which need every result at the end. */
int run_stream(const Options *o, const char **files, int nfiles);
int run_whole(const Options *o, const char **files, int nfiles);

/* Sets the rule levels for one file: configuration, then options. */
int run_apply_levels(pc_ctx *ctx, const Config *cfg, const Options *o);
/* The name a file is reported under (--stdin-filename for "-"). */
const char *run_name(const Options *o, const char *path);
/* The path whose configuration governs path (--stdin-filename for "-"). */
const char *run_config_key(const Options *o, const char *path);
/* The configurations: NULL with --no-config (or when out of memory: then
   !o->no_config), one file with --config, else the nearest to each file. */
ConfigCache *run_configs(const Options *o);
/* Checks one file (or "-") into ctx, results kept there; 0, or 2/3. */
int run_check_file(pc_ctx *ctx, const Options *o, const char *path, char *buf,
                   size_t bufsize);
/* Do these results have a finding at or above the threshold? */
int run_fails(const pc_summary *sum, int threshold);

/* ---- fix_run.c ---- */

/* --fix FILE: fixes and rewrites path; 0, or 2 when it could not. */
int fix_file(const Options *o, const char *path, const Config *cfg);
/* --fix -: the fixed standard input on standard output, what is left on
   standard error; returns the exit status. */
int fix_stdin(const Options *o, const Config *cfg);
/* --diff: prints what --fix would change in path ("-": standard input);
   *changed set when something.  0, or 2. */
int diff_file(const Options *o, const char *path, const Config *cfg,
              int *changed);

/* ---- stats.c ---- */

/* --statistics: checks the files and prints how many findings each rule
   made instead of the findings; returns the exit status. */
int run_statistics(const Options *o, const char **files, int nfiles);

/* ---- jobs.c ---- */

/* Standard output shared by jobs: part i is written when parts 0..i-1 are
   done, non-empty parts joined by sep.  error is the errno of a failed
   write (EPIPE when the reader went away), then nothing more is written. */
typedef struct Part Part;
typedef struct Piece Piece;
typedef struct Output {
  pthread_mutex_t lock;
  Part *parts;
  size_t nparts;
  atomic_size_t head; /* first part not done: written under the lock,
                         read without it as a hint (it only moves on) */
  int writing;        /* a thread has the writer's turn (writes unlocked) */
  int any_part;       /* (these two: only the thread with the turn) */
  const char *sep;
  int error;
  /* Into a pipe or a file, writes are gathered WRITE_BUF bytes at a time
     (a terminal sees each part as it comes): wbuf is NULL when unbuffered.
     Only the thread with the writer's turn, or out_direct and out_flush
     under the lock, touch it. */
  char *wbuf;
  size_t wlen;
} Output;

int out_init(Output *o, size_t nparts, const char *sep); /* 0 or -1 (OOM) */
/* Writes what is gathered; call once the parts are done.  0, or -1 (the
   error in o->error). */
int out_flush(Output *o);
void out_free(Output *o);
/* Writes outside any part (the document's head and tail), while no part
   is being written; 0 or -1. */
int out_direct(Output *o, const char *data, size_t len);
/* Writes data as part i's next bytes now, when the part is at the head
   and nothing of it waits: 1 when written, 0 when not (copy it into a
   piece), -1 once output has failed. */
int out_part_write(Output *o, size_t i, const char *data, size_t len);
/* A copy of data to hand to out_part_put (malloc'd; NULL when out of
   memory). */
Piece *out_piece(const char *data, size_t len);
/* Adds piece (which it takes; may be NULL) to part i's output, and marks
   the part finished when done is set; what can go out then is written.
   Returns 0, or -1 once output has failed. */
int out_part_put(Output *o, size_t i, Piece *piece, int done);

/* Runs fn(arg, worker, job) for job = 0..njobs-1 on nthreads threads
   (worker < nthreads names the thread; fewer threads when more cannot be
   started, the calling one when none can).  A worker that finds no job left
   adds one to *spare (when spare is not NULL): a thread of -j the jobs
   still running may take (take_spare). */
typedef void (*JobFn)(void *arg, size_t worker, size_t job);
void run_jobs(size_t nthreads, size_t njobs, JobFn fn, void *arg,
              atomic_int *spare);
/* Takes one of the threads *spare counts (spare may be NULL): 1, or 0 when
   there is none.  Give it back with atomic_fetch_add(spare, 1). */
int take_spare(atomic_int *spare);

#endif /* PC_CLI_H */
