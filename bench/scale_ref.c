/*
 * scale_ref.c - how far this machine lets two threads speed up a run over
 * many small files, whatever the program.
 *
 *   scale_ref [-l] THREADS ROUNDS FILE...
 *
 * Each file is read as propcheck reads a small one (open, fstat, one read,
 * close), then its bytes are worked over ROUNDS times: a fixed amount of
 * work per byte, with no shared data and no locks.  Files are taken from
 * one atomic counter by THREADS threads.  bench/run.sh picks ROUNDS so that
 * one thread takes about as long as `propcheck -j1` on the same files, then
 * compares one thread with two: what the machine gives a program that is
 * all parallel work after it has started (process start-up, system calls
 * and page faults cost what they cost here).  It prints a hash of its
 * work, so that the work cannot be optimised away.
 *
 * The work per byte is a multiply-and-xor hash: one chain of dependent
 * arithmetic, which leaves most of a core idle.  With -l it is a lexer's
 * shape instead: a walk through a 64 KiB table of states chosen by each
 * byte, with a branch on each state that no predictor can guess.  On a
 * virtual CPU that shares its core with another (hyper-threads, or a busy
 * host), the second kind slows down when both CPUs work, the first hardly.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_THREADS = 64, PIECE = 1 << 16 };

typedef struct Job {
  char **files;
  int nfiles;
  int rounds;
  const unsigned char *table; /* -l: the lexer-shaped walk's states */
  atomic_int next;
} Job;

typedef struct Worker {
  pthread_t thread;
  Job *job;
  uint64_t hash;
} Worker;

static void *work(void *arg) {
  Worker *w = arg;
  Job *j = w->job;
  unsigned char *buf = malloc(PIECE);
  if (!buf)
    return NULL;
  uint64_t h = 1469598103934665603u;
  for (int i; (i = atomic_fetch_add(&j->next, 1)) < j->nfiles;) {
    int fd = open(j->files[i], O_RDONLY);
    if (fd < 0)
      continue;
    struct stat st;
    ssize_t n = fstat(fd, &st) == 0 ? read(fd, buf, PIECE) : -1;
    close(fd);
    if (j->table) {
      unsigned x = 0;
      for (int r = 0; r < j->rounds; r++)
        for (ssize_t k = 0; k < n; k++) {
          x = j->table[(x << 8 | buf[k]) & 0xffff];
          if (x & 1)
            h += x;
          else
            h = (h >> 1) ^ x;
        }
    } else {
      for (int r = 0; r < j->rounds; r++)
        for (ssize_t k = 0; k < n; k++)
          h = (h ^ buf[k]) * 1099511628211u;
    }
  }
  free(buf);
  w->hash = h;
  return NULL;
}

int main(int argc, char **argv) {
  static unsigned char table[1 << 16];
  int lex = argc > 1 && strcmp(argv[1], "-l") == 0;
  if (lex) {
    uint32_t seed = 42;
    for (size_t i = 0; i < sizeof table; i++) {
      seed = seed * 1664525u + 1013904223u;
      table[i] = (unsigned char)(seed >> 24);
    }
    argc--;
    argv++;
  }
  if (argc < 4) {
    fprintf(stderr, "usage: scale_ref [-l] THREADS ROUNDS FILE...\n");
    return 2;
  }
  int nthreads = atoi(argv[1]);
  if (nthreads < 1 || nthreads > MAX_THREADS) {
    fprintf(stderr, "scale_ref: THREADS is 1 to %d\n", MAX_THREADS);
    return 2;
  }
  Job j = {.files = argv + 3,
           .nfiles = argc - 3,
           .rounds = atoi(argv[2]),
           .table = lex ? table : NULL};
  atomic_init(&j.next, 0);
  Worker w[MAX_THREADS] = {{0}};
  uint64_t h = 0;
  if (nthreads == 1) {
    w[0].job = &j;
    work(&w[0]);
    h = w[0].hash;
  } else {
    for (int t = 0; t < nthreads; t++) {
      w[t].job = &j;
      if (pthread_create(&w[t].thread, NULL, work, &w[t]) != 0) {
        fprintf(stderr, "scale_ref: no thread\n");
        return 2;
      }
    }
    for (int t = 0; t < nthreads; t++) {
      pthread_join(w[t].thread, NULL);
      h ^= w[t].hash;
    }
  }
  printf("%016llx\n", (unsigned long long)h);
  return 0;
}
