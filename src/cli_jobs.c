/*
 * cli_jobs.c - checking files on several threads with output in order.
 *
 * Each FILE is a job.  Workers take jobs in order; each job writes its part
 * of the document through out_part_write.  The job at the head (the first
 * one not yet fully written) writes straight to standard output; the others
 * hold their output until every job before them is done.  One thread at a
 * time has the writer's turn and writes without holding the lock, so a
 * slow reader of the output never stops the other threads' checking.  So the
 * output is the same, byte for byte, whatever the number of threads, and a
 * single big file streams with bounded memory.  Parts that are not empty are
 * joined with the format's separator (pc_format_separator).
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

/* Writes part p's bytes, with the separator before its first ones.  Only
   the thread holding the writer's turn (Output.writing) calls it, without
   the lock; returns 0 or an errno. */
static int emit(Output *o, Part *p, const char *data, size_t len) {
  if (len == 0)
    return 0;
  if (!p->emitted && o->any_part && *o->sep &&
      out_write(o, o->sep, strlen(o->sep)) != 0)
    return errno ? errno : EIO;
  p->emitted = 1;
  o->any_part = 1;
  return out_write(o, data, len) != 0 ? (errno ? errno : EIO) : 0;
}

/* Takes the writer's turn, writes without the lock, gives the turn back.
   Caller holds the lock. */
static void write_turn(Output *o, Part *p, const char *data, size_t len) {
  o->writing = 1;
  pthread_mutex_unlock(&o->lock);
  int err = emit(o, p, data, len);
  pthread_mutex_lock(&o->lock);
  o->writing = 0;
  if (err && !o->error)
    o->error = err;
}

/* Writes what can go out now, in order: the head part's held bytes, and
   the parts after it once it is done.  Nothing when another thread has
   the writer's turn (it drains when it is done).  Caller holds the lock. */
static void drain(Output *o) {
  while (!o->writing && o->head < o->nparts) {
    Part *p = &o->parts[o->head];
    if (p->len) {
      char *data = p->held;
      size_t len = p->len;
      p->held = NULL;
      p->len = p->cap = 0;
      if (!o->error)
        write_turn(o, p, data, len);
      free(data);
      continue;
    }
    if (!p->done)
      break;
    o->head++;
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
  int rc = 0;
  if (o->error) {
    rc = -1;
  } else if (len && out_write(o, data, len) != 0) {
    o->error = errno ? errno : EIO;
    rc = -1;
  }
  pthread_mutex_unlock(&o->lock);
  return rc;
}

int out_part_write(Output *o, size_t i, const char *data, size_t len) {
  pthread_mutex_lock(&o->lock);
  Part *p = &o->parts[i];
  int rc = 0;
  if (o->error) {
    rc = -1;
  } else if (i == o->head && !o->writing && p->len == 0) {
    write_turn(o, p, data, len); /* the head streams straight out */
    drain(o);
    rc = o->error ? -1 : 0;
  } else {
    if (p->len + len > p->cap) {
      size_t cap = p->cap ? p->cap : 4096;
      while (cap < p->len + len)
        cap *= 2;
      char *more = realloc(p->held, cap);
      if (!more) {
        pthread_mutex_unlock(&o->lock);
        return -1;
      }
      p->held = more;
      p->cap = cap;
    }
    memcpy(p->held + p->len, data, len);
    p->len += len;
  }
  pthread_mutex_unlock(&o->lock);
  return rc;
}

void out_part_done(Output *o, size_t i) {
  pthread_mutex_lock(&o->lock);
  o->parts[i].done = 1;
  drain(o);
  pthread_mutex_unlock(&o->lock);
}

/* ---- the pool ---- */

typedef struct Pool {
  atomic_size_t next; /* the next job to take */
  size_t njobs;
  JobFn fn;
  void *arg;
  atomic_int *spare; /* threads with nothing to do, or NULL */
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
  if (p->spare) /* this thread is free for a job still running */
    atomic_fetch_add(p->spare, 1);
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

int run_jobs(size_t nthreads, size_t njobs, JobFn fn, void *arg,
             atomic_int *spare) {
  Pool p = {.njobs = njobs, .fn = fn, .arg = arg, .spare = spare};
  atomic_init(&p.next, 0);
  if (nthreads > njobs)
    nthreads = njobs;
  if (nthreads <= 1) {
    for (size_t i = 0; i < njobs; i++)
      fn(arg, 0, i);
    return 0;
  }
  Worker *ws = calloc(nthreads, sizeof *ws);
  if (!ws)
    return -1;
  size_t started = 0;
  for (; started < nthreads; started++) {
    ws[started].pool = &p;
    ws[started].id = started;
    if (pthread_create(&ws[started].thread, NULL, work, &ws[started]) != 0)
      break;
  }
  if (started == 0) { /* no thread at all: do the work here */
    Worker w = {.pool = &p, .id = 0};
    work(&w);
  }
  for (size_t i = 0; i < started; i++)
    pthread_join(ws[i].thread, NULL);
  free(ws);
  return 0;
}
