/*
 * jobs.c - checking files on several threads with output in order.
 *
 * Each FILE is a job, and its output is part of the document.  Workers
 * take jobs in order.  The job at the head (the first one not yet done)
 * writes its output straight to standard output, so a single big file
 * streams with bounded memory; the others collect theirs in their part's
 * buffer until every job before them is done, and whoever finishes the
 * head writes the parts that are then ready.  One plain mutex covers all
 * of it.  So the output is the same, byte for byte, whatever the number
 * of threads.  Parts that are not empty are joined with the format's
 * separator (pc_format_separator).
 *
 * This replaced a version (04b2a35..6ede02a) that handed output over in
 * pieces outside the lock, let the head write without it (a writer's
 * turn), noted each worker's last configuration, and counted threads
 * freed by the pool for splitting a big file.  Against this one, on 1,000
 * files of 8 KiB into a file, 14 rounds of 9 turns (a 2-CPU machine shared
 * with other jobs, load 2.9 to 7.4), the old -j2 took 0.84 to 1.02 (median
 * 0.96) of this one's time per turn; the same binaries at -j1, where none
 * of that is used, 0.88 to 1.15 (median 0.95): no difference the spread
 * lets one see.  In the one quiet round: -j2 speed-up 1.667 old, 1.622
 * this, 1.783 the lock-free reference (bench/scale_ref.c).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct Part {
  char *held; /* output waiting for the jobs before it (malloc) */
  size_t len, cap;
  int done;    /* the job has finished */
  int emitted; /* some of its output reached standard output */
};

enum { WRITE_BUF = 64 * 1024 };

/* Writes all of data to fd 1; 0, or -1 with errno set. */
static int write_all(const char *data, size_t len) {
  while (len > 0) {
    ssize_t n = write(1, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    data += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Writes data to standard output, through o's buffer when it has one; 0,
   or -1 with errno set. */
static int out_write(Output *o, const char *data, size_t len) {
  if (!o->wbuf)
    return write_all(data, len);
  if (o->wlen + len > WRITE_BUF) {
    if (write_all(o->wbuf, o->wlen) != 0)
      return -1;
    o->wlen = 0;
    if (len >= WRITE_BUF)
      return write_all(data, len);
  }
  memcpy(o->wbuf + o->wlen, data, len);
  o->wlen += len;
  return 0;
}

/* Writes part p's next bytes, with the separator before its first ones,
   unless output has failed (then sets o->error).  Caller holds the
   lock. */
static void emit(Output *o, Part *p, const char *data, size_t len) {
  if (len == 0 || o->error)
    return;
  if ((!p->emitted && o->any_part && *o->sep &&
       out_write(o, o->sep, strlen(o->sep)) != 0) ||
      out_write(o, data, len) != 0)
    o->error = errno ? errno : EIO;
  p->emitted = 1;
  o->any_part = 1;
}

/* Writes what can go out now, in order: the head part's held bytes, and
   the parts after it once it is done.  Caller holds the lock. */
static void drain(Output *o) {
  for (; o->head < o->nparts; o->head++) {
    Part *p = &o->parts[o->head];
    emit(o, p, p->held, p->len);
    free(p->held);
    p->held = NULL;
    p->len = p->cap = 0;
    if (!p->done)
      break;
  }
}

int out_init(Output *o, size_t nparts, const char *sep) {
  memset(o, 0, sizeof *o);
  o->sep = sep;
  o->nparts = nparts;
  o->parts = calloc(nparts ? nparts : 1, sizeof *o->parts);
  if (!o->parts || pthread_mutex_init(&o->lock, NULL) != 0) {
    free(o->parts);
    return -1;
  }
  if (!isatty(1))
    o->wbuf = malloc(WRITE_BUF); /* without it, writes go out one by one */
  return 0;
}

int out_flush(Output *o) {
  pthread_mutex_lock(&o->lock);
  if (o->wbuf && o->wlen && !o->error && write_all(o->wbuf, o->wlen) != 0)
    o->error = errno ? errno : EIO;
  o->wlen = 0;
  int rc = o->error ? -1 : 0;
  pthread_mutex_unlock(&o->lock);
  return rc;
}

void out_free(Output *o) {
  free(o->wbuf);
  for (size_t i = 0; i < o->nparts; i++)
    free(o->parts[i].held);
  free(o->parts);
  pthread_mutex_destroy(&o->lock);
}

int out_direct(Output *o, const char *data, size_t len) {
  pthread_mutex_lock(&o->lock);
  if (!o->error && len && out_write(o, data, len) != 0)
    o->error = errno ? errno : EIO;
  int rc = o->error ? -1 : 0;
  pthread_mutex_unlock(&o->lock);
  return rc;
}

/* Adds data to part p's held bytes; 0, or -1 when out of memory. */
static int hold(Part *p, const char *data, size_t len) {
  if (p->len + len > p->cap) {
    size_t cap = p->cap ? p->cap : 4096;
    while (cap < p->len + len)
      cap *= 2;
    char *more = realloc(p->held, cap);
    if (!more)
      return -1;
    p->held = more;
    p->cap = cap;
  }
  memcpy(p->held + p->len, data, len);
  p->len += len;
  return 0;
}

int out_part_write(Output *o, size_t i, const char *data, size_t len) {
  pthread_mutex_lock(&o->lock);
  int rc;
  if (i == o->head) { /* (drain left nothing of it held) */
    emit(o, &o->parts[i], data, len);
    rc = o->error ? -1 : 0;
  } else {
    rc = o->error ? -1 : hold(&o->parts[i], data, len);
  }
  pthread_mutex_unlock(&o->lock);
  return rc;
}

int out_part_done(Output *o, size_t i) {
  pthread_mutex_lock(&o->lock);
  o->parts[i].done = 1;
  drain(o);
  int rc = o->error ? -1 : 0;
  pthread_mutex_unlock(&o->lock);
  return rc;
}

/* ---- the pool ---- */

typedef struct Pool {
  atomic_size_t next; /* the next job to take */
  size_t njobs;
  JobFn fn;
  void *arg;
} Pool;

typedef struct Worker {
  Pool *pool;
  size_t id;
  pthread_t thread;
} Worker;

static void *work(void *arg) {
  Worker *w = arg;
  Pool *p = w->pool;
  for (size_t job; (job = atomic_fetch_add(&p->next, 1)) < p->njobs;)
    p->fn(p->arg, w->id, job);
  return NULL;
}

int take_spare(atomic_int *spare) {
  if (!spare)
    return 0;
  int n = atomic_load(spare);
  while (n > 0)
    if (atomic_compare_exchange_weak(spare, &n, n - 1))
      return 1;
  return 0;
}

void run_jobs(size_t nthreads, size_t njobs, JobFn fn, void *arg) {
  Pool p = {.njobs = njobs, .fn = fn, .arg = arg};
  atomic_init(&p.next, 0);
  if (nthreads > njobs)
    nthreads = njobs;
  /* The calling thread only waits.  As one of the workers it made -j2
     slower here: the thread it had just started shared its CPU at first. */
  Worker *ws = nthreads > 1 ? calloc(nthreads, sizeof *ws) : NULL;
  size_t started = 0;
  for (; ws && started < nthreads; started++) {
    ws[started] = (Worker){.pool = &p, .id = started};
    if (pthread_create(&ws[started].thread, NULL, work, &ws[started]) != 0)
      break;
  }
  if (started == 0) { /* one thread, or none could be started */
    for (size_t i = 0; i < njobs; i++)
      fn(arg, 0, i);
  }
  for (size_t i = 0; i < started; i++)
    pthread_join(ws[i].thread, NULL);
  free(ws);
}
