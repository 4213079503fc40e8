/*
 * cli_read.c - read a big file ahead, on a second thread.
 *
 * Copying a file out of the page cache is a tenth of the time propcheck
 * spends on a big file.  For such a file, a reader thread fills one buffer
 * while the checker works through the other, so that the copy overlaps the
 * checking.  Pieces come out in the file's order, whole: the checker sees
 * the same bytes as from read() itself.  And read_fd, for what is read
 * whole (--fix, --verify, configuration files).
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

struct ReadAhead {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  pthread_t thread;
  int fd;
  size_t size; /* of each buffer */
  char *buf[2];
  ssize_t len[2]; /* bytes in buf[k]; 0 at the end, -1 on error */
  int err[2];     /* errno of an error */
  int full[2];    /* buf[k] is filled and not yet handed back */
  int stop;       /* the checker is done: stop reading */
  unsigned next;  /* the slot read_ahead_next hands out next */
  int held;       /* the checker holds slot next ^ 1 */
};

static void *reader(void *arg) {
  ReadAhead *r = arg;
  for (unsigned k = 0;; k ^= 1) {
    pthread_mutex_lock(&r->lock);
    while (r->full[k] && !r->stop)
      pthread_cond_wait(&r->cond, &r->lock);
    int stop = r->stop;
    pthread_mutex_unlock(&r->lock);
    if (stop)
      return NULL;
    ssize_t n;
    do
      n = read(r->fd, r->buf[k], r->size);
    while (n < 0 && errno == EINTR);
    int err = n < 0 ? errno : 0;
    pthread_mutex_lock(&r->lock);
    r->len[k] = n;
    r->err[k] = err;
    r->full[k] = 1;
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
    if (n <= 0)
      return NULL; /* the end, or an error: nothing more to read */
  }
}

ReadAhead *read_ahead_start(int fd, size_t size) {
  ReadAhead *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->fd = fd;
  r->size = size;
  r->buf[0] = malloc(size);
  r->buf[1] = malloc(size);
  if (!r->buf[0] || !r->buf[1] || pthread_mutex_init(&r->lock, NULL) != 0)
    goto fail;
  if (pthread_cond_init(&r->cond, NULL) != 0) {
    pthread_mutex_destroy(&r->lock);
    goto fail;
  }
  if (pthread_create(&r->thread, NULL, reader, r) != 0) {
    pthread_cond_destroy(&r->cond);
    pthread_mutex_destroy(&r->lock);
    goto fail;
  }
  return r;
fail:
  free(r->buf[0]);
  free(r->buf[1]);
  free(r);
  return NULL;
}

ssize_t read_ahead_next(ReadAhead *r, const char **data) {
  unsigned k = r->next;
  pthread_mutex_lock(&r->lock);
  if (r->held) { /* the piece handed out last time is done with */
    r->full[k ^ 1] = 0;
    r->held = 0;
    pthread_cond_broadcast(&r->cond);
  }
  while (!r->full[k])
    pthread_cond_wait(&r->cond, &r->lock);
  ssize_t n = r->len[k];
  int err = r->err[k];
  pthread_mutex_unlock(&r->lock);
  if (n <= 0) { /* the end or an error stays where it is: no more slots */
    if (n < 0)
      errno = err;
    return n;
  }
  *data = r->buf[k];
  r->held = 1;
  r->next = k ^ 1;
  return n;
}

void read_ahead_stop(ReadAhead *r) {
  if (!r)
    return;
  pthread_mutex_lock(&r->lock);
  r->stop = 1;
  pthread_cond_broadcast(&r->cond);
  pthread_mutex_unlock(&r->lock);
  pthread_join(r->thread, NULL);
  pthread_cond_destroy(&r->cond);
  pthread_mutex_destroy(&r->lock);
  free(r->buf[0]);
  free(r->buf[1]);
  free(r);
}
