/*
 * cli_jobs.c - checking files on several threads with output in order.
 *
 * Each FILE is a job.  Workers take jobs in order; each job writes its part
 * of the document through out_part_write.  The job at the head (the first
 * one not yet fully written) writes straight to standard output; the others
 * hold their output until every job before them is done.  So the output is
 * the same, byte for byte, whatever the number of threads, and a single big
 * file streams with bounded memory.  Parts that are not empty are joined
 * with the format's separator (pc_format_separator).
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

/* Caller holds the lock. */
static int emit(Output *o, Part *p, const char *data, size_t len) {
  if (o->error)
    return -1;
  if (len == 0)
    return 0;
  if (!p->emitted && o->any_part && *o->sep &&
      write_all(o->sep, strlen(o->sep)) != 0) {
    o->error = errno ? errno : EIO;
    return -1;
  }
  p->emitted = 1;
  o->any_part = 1;
  if (write_all(data, len) != 0) {
    o->error = errno ? errno : EIO;
    return -1;
  }
  return 0;
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
  return 0;
}

void out_free(Output *o) {
  for (size_t i = 0; i < o->nparts; i++)
    free(o->parts[i].held);
  free(o->parts);
  pthread_mutex_destroy(&o->lock);
}

int out_direct(Output *o, const char *data, size_t len) {
  pthread_mutex_lock(&o->lock);
  int rc = 0;
  if (o->error)
    rc = -1;
  else if (len && write_all(data, len) != 0) {
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
  } else if (i == o->head) {
    rc = emit(o, p, data, len);
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
  /* Write out every finished job at the head, then what the next (still
     running) one holds: from now on it writes straight through. */
  while (o->head < o->nparts) {
    Part *p = &o->parts[o->head];
    emit(o, p, p->held, p->len);
    free(p->held);
    p->held = NULL;
    p->len = p->cap = 0;
    if (!p->done)
      break;
    o->head++;
  }
  pthread_mutex_unlock(&o->lock);
}

/* ---- the pool ---- */

typedef struct Pool {
  pthread_mutex_t lock;
  size_t next, njobs;
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
  for (;;) {
    pthread_mutex_lock(&p->lock);
    size_t job = p->next < p->njobs ? p->next++ : p->njobs;
    pthread_mutex_unlock(&p->lock);
    if (job == p->njobs)
      break;
    p->fn(p->arg, w->id, job);
  }
  return NULL;
}

int run_jobs(size_t nthreads, size_t njobs, JobFn fn, void *arg) {
  Pool p = {.next = 0, .njobs = njobs, .fn = fn, .arg = arg};
  if (nthreads > njobs)
    nthreads = njobs;
  if (nthreads <= 1) {
    for (size_t i = 0; i < njobs; i++)
      fn(arg, 0, i);
    return 0;
  }
  if (pthread_mutex_init(&p.lock, NULL) != 0)
    return -1;
  Worker *ws = calloc(nthreads, sizeof *ws);
  if (!ws) {
    pthread_mutex_destroy(&p.lock);
    return -1;
  }
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
  pthread_mutex_destroy(&p.lock);
  return 0;
}
