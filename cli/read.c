/*
 * read.c - reading input: a big file on two threads, and whole files.
 *
 * Cutting a file into statements (and passing over those that cannot
 * matter) is about half of the time propcheck spends on a big file, the
 * checking of what is left the other half.  For such a file a second
 * thread reads and splits it into batches (libpropcheck's pc_splitter),
 * filling one while the checker works through the other; the library
 * promises the same results as from feeding the bytes on one thread.
 * And read_fd, for what is read whole (--fix, --verify, configuration
 * files).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

char *read_fd(int fd, size_t max, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf && n <= max) {
    ssize_t got = read(fd, buf + n, cap - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      int err = errno;
      free(buf);
      errno = err;
      return NULL;
    }
    if (got == 0)
      break;
    n += (size_t)got;
    if (n == cap) {
      char *more = realloc(buf, cap *= 2);
      if (!more) {
        free(buf);
        errno = ENOMEM;
        return NULL;
      }
      buf = more;
    }
  }
  if (!buf)
    errno = ENOMEM;
  *len = n;
  return buf;
}

struct SplitAhead {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  pthread_t thread;
  int fd;
  pc_splitter *sp;
  char *buf;          /* what read() fills, on the splitting thread */
  pc_batch *batch[2]; /* filled in turn */
  int full[2];        /* batch[k] is filled and not yet handed back */
  int last[2];        /* batch[k] ends the file */
  int err[2];         /* errno of what ended it early (0: the file's end) */
  int stop;           /* the checker is done: stop splitting */
  unsigned next;      /* the slot split_ahead_next hands out next */
  int held;           /* the checker holds slot next ^ 1 */
  int done;           /* the last batch has been handed out ... */
  int done_err;       /* ... and this ended it */
};

/* A batch is handed over once it holds this much text, or once this much
   of the file has gone into it: often enough to keep both threads busy,
   seldom enough that handing over costs nothing to speak of. */
enum { HAND_OVER_TEXT = 256 << 10, HAND_OVER_INPUT = 1 << 20 };

/* Fills batch b from the file: 1 when the file ended in it (*err says
   how: 0, a read error's errno, or ENOMEM), 0 when there is more. */
static int fill(SplitAhead *r, pc_batch *b, int *err) {
  pc_batch_clear(b);
  size_t fed = 0;
  while (fed < HAND_OVER_INPUT && pc_batch_size(b) < HAND_OVER_TEXT) {
    ssize_t n = read(r->fd, r->buf, SPLIT_AHEAD_PIECE);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      *err = errno;
    else if (n > 0 && pc_splitter_feed(r->sp, r->buf, (size_t)n, b) != PC_OK)
      *err = ENOMEM;
    if (n <= 0 || *err) {
      /* the statement cut short is checked, as when read on one thread */
      if (pc_splitter_end(r->sp, b) != PC_OK && !*err)
        *err = ENOMEM;
      return 1;
    }
    fed += (size_t)n;
  }
  return 0;
}

static void *splitter(void *arg) {
  SplitAhead *r = arg;
  for (unsigned k = 0;; k ^= 1) {
    pthread_mutex_lock(&r->lock);
    while (r->full[k] && !r->stop)
      pthread_cond_wait(&r->cond, &r->lock);
    int stop = r->stop;
    pthread_mutex_unlock(&r->lock);
    if (stop)
      return NULL;
    int err = 0;
    int last = fill(r, r->batch[k], &err);
    pthread_mutex_lock(&r->lock);
    r->full[k] = 1;
    r->last[k] = last;
    r->err[k] = err;
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
    if (last)
      return NULL;
  }
}

static void free_parts(SplitAhead *r) {
  pc_splitter_free(r->sp);
  pc_batch_free(r->batch[0]);
  pc_batch_free(r->batch[1]);
  free(r->buf);
  free(r);
}

SplitAhead *split_ahead_start(int fd, const pc_options *opt) {
  SplitAhead *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->fd = fd;
  r->sp = pc_splitter_new(opt);
  r->batch[0] = pc_batch_new();
  r->batch[1] = pc_batch_new();
  r->buf = malloc(SPLIT_AHEAD_PIECE);
  if (!r->sp || !r->batch[0] || !r->batch[1] || !r->buf ||
      pc_splitter_begin(r->sp) != PC_OK ||
      pthread_mutex_init(&r->lock, NULL) != 0)
    goto fail;
  if (pthread_cond_init(&r->cond, NULL) != 0) {
    pthread_mutex_destroy(&r->lock);
    goto fail;
  }
  if (pthread_create(&r->thread, NULL, splitter, r) != 0) {
    pthread_cond_destroy(&r->cond);
    pthread_mutex_destroy(&r->lock);
    goto fail;
  }
  return r;
fail:
  free_parts(r);
  return NULL;
}

int split_ahead_next(SplitAhead *r, const pc_batch **batch) {
  if (r->done) {
    errno = r->done_err;
    return r->done_err ? -1 : 0;
  }
  unsigned k = r->next;
  pthread_mutex_lock(&r->lock);
  if (r->held) { /* the batch handed out last time is done with */
    r->full[k ^ 1] = 0;
    r->held = 0;
    pthread_cond_broadcast(&r->cond);
  }
  while (!r->full[k])
    pthread_cond_wait(&r->cond, &r->lock);
  pthread_mutex_unlock(&r->lock);
  /* slot k is the checker's until handed back: no lock to read it */
  *batch = r->batch[k];
  r->held = 1;
  r->next = k ^ 1;
  if (r->last[k]) {
    r->done = 1;
    r->done_err = r->err[k];
  }
  return 1;
}

void split_ahead_stop(SplitAhead *r) {
  if (!r)
    return;
  pthread_mutex_lock(&r->lock);
  r->stop = 1;
  pthread_cond_broadcast(&r->cond);
  pthread_mutex_unlock(&r->lock);
  pthread_join(r->thread, NULL);
  pthread_cond_destroy(&r->cond);
  pthread_mutex_destroy(&r->lock);
  free_parts(r);
}
