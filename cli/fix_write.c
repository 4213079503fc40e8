/*
 * fix_write.c - --fix reads and rewrites a file the way an editor saves
 * it: through its symlinks (the target is fixed, the link kept), only when
 * it is a regular file with one name that its mode lets anyone write, at
 * most FIX_MAX bytes; the new text goes to a temporary file in the same
 * directory, with the file's mode and (where permitted) owner and group,
 * which then replaces it by a rename - unless the file changed meanwhile.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void fix_target_free(FixTarget *t) {
  free(t->real);
  free(t->text);
  memset(t, 0, sizeof *t);
}

static int refuse(char *msg, size_t n, const char *what, const char *why) {
  snprintf(msg, n, "%s%s", what, why);
  return -1;
}

/* Why st is not a file --fix may rewrite, or NULL. */
static const char *not_fixable(const struct stat *st) {
  if (!S_ISREG(st->st_mode))
    return "it is not a regular file";
  if (st->st_nlink > 1)
    return "it has several hard links (fixing would split them)";
  if (!(st->st_mode & 0222))
    return "it is read-only";
  if ((unsigned long long)st->st_size > FIX_MAX)
    return "it is too large to fix (over 64 MiB)";
  return NULL;
}

int fix_open(const char *path, FixTarget *t, char *msg, size_t n) {
  memset(t, 0, sizeof *t);
  t->real = realpath(path, NULL);
  if (!t->real)
    return refuse(msg, n, "cannot resolve it: ", strerror(errno));
  int fd = open(t->real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) {
    int err = errno;
    fix_target_free(t);
    return refuse(msg, n, "cannot open it: ", strerror(err));
  }
  const char *why = fstat(fd, &t->st) != 0 ? strerror(errno)
                                           : not_fixable(&t->st);
  if (!why && access(t->real, W_OK) != 0)
    why = "you may not write it";
  if (!why) {
    t->text = read_fd(fd, FIX_MAX, &t->len);
    if (!t->text)
      why = strerror(errno);
    else if (t->len > FIX_MAX)
      why = "it is too large to fix (over 64 MiB)";
  }
  close(fd);
  if (why) {
    fix_target_free(t);
    return refuse(msg, n, "", why);
  }
  return 0;
}

static int write_all(int fd, const char *buf, size_t len) {
  size_t done = 0;
  while (done < len) {
    ssize_t w = write(fd, buf + done, len - done);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    done += (size_t)w;
  }
  return 0;
}

/* The temporary file's name: in the target's directory, short enough for
   any file name (malloc'd). */
static char *temp_name(const char *real) {
  const char *slash = strrchr(real, '/');
  size_t dir = slash ? (size_t)(slash - real) : 0;
  char *tmp = malloc(dir + 32);
  if (tmp)
    snprintf(tmp, dir + 32, "%.*s/.propcheck-XXXXXX", (int)dir, real);
  return tmp;
}

/* Has the file changed since fix_open read it? */
static int changed(const FixTarget *t) {
  struct stat now;
  if (lstat(t->real, &now) != 0)
    return 1;
  return now.st_ino != t->st.st_ino || now.st_dev != t->st.st_dev ||
         now.st_size != t->st.st_size || now.st_mtime != t->st.st_mtime;
}

int fix_write(const FixTarget *t, const char *buf, size_t len, char *msg,
              size_t n) {
  char *tmp = temp_name(t->real);
  int fd = tmp ? mkstemp(tmp) : -1;
  if (fd < 0) {
    int err = tmp ? errno : ENOMEM;
    free(tmp);
    return refuse(msg, n, "", strerror(err));
  }
  int rc = write_all(fd, buf, len);
  /* owner first: a chown clears the set-id bits that fchmod then sets */
  if (rc == 0 && fchown(fd, t->st.st_uid, t->st.st_gid) != 0)
    (void)!fchown(fd, (uid_t)-1, t->st.st_gid); /* where permitted */
  if (rc == 0 && (fchmod(fd, t->st.st_mode & 07777) != 0 || fsync(fd) != 0))
    rc = -1;
  int err = errno;
  if (close(fd) != 0 && rc == 0) {
    rc = -1;
    err = errno;
  }
  const char *why = rc != 0 ? strerror(err) : NULL;
  if (!why && changed(t))
    why = "it changed while it was being fixed";
  if (!why && rename(tmp, t->real) != 0)
    why = strerror(errno);
  if (why)
    unlink(tmp);
  free(tmp);
  return why ? refuse(msg, n, "", why) : 0;
}
