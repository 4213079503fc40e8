/*
 * jobs.c - checking files on several threads with output in order.
 *
 * Each FILE is a job.  Workers take jobs in order.  The job at the head
 * (the first one not yet fully written) writes its output to standard
 * output as it comes (out_part_write); the others hand theirs over as
 * pieces (out_piece, out_part_put), which wait, linked to their part,
 * until every job before them is done.  One thread at a time has the
 * writer's turn and writes without holding the lock, so a slow reader of
 * the output never stops the other threads' checking.  So the output is
 * the same, byte for byte, whatever the number of threads, and a single
 * big file streams with bounded memory.  Parts that are not empty are
 * joined with the format's separator (pc_format_separator).
 *
 * The lock is held only to link a piece or to take a part's pieces: a
 * piece is copied before the lock is taken and freed after it is given
 * back.  So threads seldom wait for it, which matters more than the work
 * under it: a thread that sleeps on a lock costs a wake-up, an interrupt
 * between CPUs (on a virtual machine, hundreds of microseconds).
 *
 * Measured against the simple design (each file's output in its own
 * buffer, written in order under one mutex held also for the copy and
 * the write): 1,000 files of 8 KiB, --format=json into a file, timed in
 * turns, 9 turns a round, with bench/scale_ref.c.  On a quiet machine
 * (load 1.1 to 1.6, 7 rounds) this -j2 took 0.90 to 0.94 of the simple
 * one's time per turn, while at -j1 (the control, where none of this
 * acts) 0.92 to 1.11; -j2 speed-up 1.57 to 1.78 here, 1.47 to 1.71 simple,
 * 1.79 to 1.92 the lexer-shaped reference.  (Under load 3 to 7 from other
 * jobs the difference drowned in the spread: 0.84 to 1.04.)
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct Piece {
  Piece *next;
  size_t len;
  char data[];
};

struct Part {
  Piece *first, *last; /* output waiting for the jobs before it */
  int done;            /* the job has finished */
  int emitted;         /* some of its output reached standard output */
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

/* Writes part p's next bytes, with the separator before its first ones.
   Only the thread holding the writer's turn (Output.writing) calls it,
   without the lock; returns 0 or an errno. */
static int emit_bytes(Output *o, Part *p, const char *data, size_t len) {
  if (len == 0)
    return 0;
  if (!p->emitted && o->any_part && *o->sep &&
      out_write(o, o->sep, strlen(o->sep)) != 0)
    return errno ? errno : EIO;
  p->emitted = 1;
  o->any_part = 1;
  return out_write(o, data, len) != 0 ? (errno ? errno : EIO) : 0;
}

/* Writes a list of part p's pieces in order, as emit_bytes, and frees
   them (only frees them when failed is set). */
static int emit(Output *o, Part *p, Piece *list, int failed) {
  int err = 0;
  while (list) {
    Piece *next = list->next;
    if (!failed && !err)
      err = emit_bytes(o, p, list->data, list->len);
    free(list);
    list = next;
  }
  return err;
}

/* Takes the writer's turn and, without the lock, writes data (len bytes)
   then list's pieces as part p's next bytes (freeing them); gives the turn
   back.  Caller holds the lock. */
static void write_turn(Output *o, Part *p, const char *data, size_t len,
                       Piece *list) {
  int failed = o->error;
  o->writing = 1;
  pthread_mutex_unlock(&o->lock);
  int err = failed ? 0 : emit_bytes(o, p, data, len);
  int later = emit(o, p, list, failed || err);
  pthread_mutex_lock(&o->lock);
  o->writing = 0;
  if (!o->error)
    o->error = err ? err : later;
}

/* Writes what can go out now, in order: the head part's pieces, and the
   parts after it once it is done.  Nothing when another thread has the
   writer's turn (it drains again when it is done).  Caller holds the
   lock. */
static void drain(Output *o) {
  size_t head = atomic_load_explicit(&o->head, memory_order_relaxed);
  while (!o->writing && head < o->nparts) {
    Part *p = &o->parts[head];
    if (p->first) {
      Piece *list = p->first;
      p->first = p->last = NULL;
      write_turn(o, p, NULL, 0, list);
      continue;
    }
    if (!p->done)
      break;
    atomic_store_explicit(&o->head, ++head, memory_order_relaxed);
  }
}

int out_init(Output *o, size_t nparts, const char *sep) {
  memset(o, 0, sizeof *o);
  o->sep = sep;
  o->nparts = nparts;
  atomic_init(&o->head, 0);
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
    emit(o, &o->parts[i], o->parts[i].first, 1);
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

Piece *out_piece(const char *data, size_t len) {
  Piece *p = malloc(sizeof *p + len);
  if (p) {
    p->next = NULL;
    p->len = len;
    memcpy(p->data, data, len);
  }
  return p;
}

int out_part_write(Output *o, size_t i, const char *data, size_t len) {
  if (atomic_load_explicit(&o->head, memory_order_relaxed) != i)
    return 0; /* (the head only moves on: i's turn has not come) */
  pthread_mutex_lock(&o->lock);
  Part *p = &o->parts[i];
  int rc = 0;
  if (o->error) {
    rc = -1;
  } else if (i == atomic_load_explicit(&o->head, memory_order_relaxed) &&
             !o->writing && !p->first) {
    write_turn(o, p, data, len, NULL);
    drain(o);
    rc = o->error ? -1 : 1;
  }
  pthread_mutex_unlock(&o->lock);
  return rc;
}

int out_part_put(Output *o, size_t i, Piece *piece, int done) {
  pthread_mutex_lock(&o->lock);
  Part *p = &o->parts[i];
  if (piece) {
    if (p->last)
      p->last->next = piece;
    else
      p->first = piece;
    p->last = piece;
  }
  if (done)
    p->done = 1;
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

void run_jobs(size_t nthreads, size_t njobs, JobFn fn, void *arg,
              atomic_int *spare) {
  Pool p = {.njobs = njobs, .fn = fn, .arg = arg, .spare = spare};
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
