/*
 * arena.c - the one allocation path of libpropcheck.
 *
 * Every byte the library allocates goes through pc_malloc/pc_realloc/pc_free.
 * Results live in a bump arena owned by the context and are released all at
 * once; growable vectors and byte buffers use the heap through the same hook.
 * A failed allocation never aborts: it sets the owner's sticky oom flag and
 * the caller carries on with less (SQLite's mallocFailed, Lua's lua_Alloc).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pc_internal.h"

void *pc_malloc(size_t n) { return malloc(n ? n : 1); }
void *pc_realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }
void pc_free(void *p) { free(p); }

/* ---- Arena ---- */

struct ArenaBlock {
  ArenaBlock *next;   /* older block */
  size_t used;        /* bytes handed out from data */
  size_t cap;         /* bytes in data */
  max_align_t data[]; /* the storage */
};

enum { ARENA_BLOCK = 64 * 1024 };

void arena_init(Arena *a, int *oom) {
  a->head = NULL;
  a->oom = oom;
}

void arena_release(Arena *a) {
  ArenaBlock *b = a->head;
  while (b) {
    ArenaBlock *next = b->next;
    pc_free(b);
    b = next;
  }
  a->head = NULL;
}

void arena_reset(Arena *a) {
  ArenaBlock *b = a->head;
  if (!b)
    return;
  /* keep the newest block when it is a standard one, free the rest */
  ArenaBlock *keep = b->cap == ARENA_BLOCK ? b : NULL;
  ArenaBlock *rest = keep ? b->next : b;
  while (rest) {
    ArenaBlock *next = rest->next;
    pc_free(rest);
    rest = next;
  }
  a->head = keep;
  if (keep) {
    keep->next = NULL;
    keep->used = 0;
  }
}

/* n bytes, not zeroed. */
static void *arena_take(Arena *a, size_t n) {
  const size_t align = sizeof(max_align_t);
  n = (n + align - 1) / align * align;
  if (n == 0)
    n = align;
  ArenaBlock *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > ARENA_BLOCK / 2 ? n : ARENA_BLOCK;
    b = pc_malloc(sizeof(ArenaBlock) + cap);
    if (!b) {
      *a->oom = 1;
      return NULL;
    }
    b->used = 0;
    b->cap = cap;
    /* A big one-off allocation goes behind the current block so that the
       current block's free space is not wasted. */
    if (a->head && cap != ARENA_BLOCK) {
      b->next = a->head->next;
      a->head->next = b;
    } else {
      b->next = a->head;
      a->head = b;
    }
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

void *arena_alloc(Arena *a, size_t n) {
  void *p = arena_take(a, n);
  if (p)
    memset(p, 0, n);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *p = arena_take(a, n + 1);
  if (!p)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap) {
  /* Most messages fit in the newest block's free space: formatted there,
     they need one pass, not one to measure and one to write. */
  ArenaBlock *b = a->head;
  if (b && b->cap - b->used > 1) {
    char *p = (char *)b->data + b->used;
    size_t room = b->cap - b->used;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(p, room, fmt, ap2);
    va_end(ap2);
    if (n < 0)
      return NULL;
    if ((size_t)n < room) { /* used and cap stay multiples of the alignment */
      const size_t align = sizeof(max_align_t);
      b->used += ((size_t)n + 1 + align - 1) / align * align;
      return p;
    }
  }
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    return NULL;
  char *p = arena_alloc(a, (size_t)n + 1);
  if (!p)
    return NULL;
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

/* ---- Vec ---- */

int vec_grow(Vec *v, size_t elem, int *oom) {
  /* the first allocation holds about 1 KiB: most vectors never grow */
  size_t cap = v->cap ? v->cap * 2 : elem < 128 ? 1024 / elem : 8;
  if (cap > SIZE_MAX / elem) {
    *oom = 1;
    return -1;
  }
  void *p = pc_realloc(v->data, cap * elem);
  if (!p) {
    *oom = 1;
    return -1;
  }
  v->data = p;
  v->cap = cap;
  return 0;
}

void vec_release(Vec *v) {
  pc_free(v->data);
  v->data = NULL;
  v->len = v->cap = 0;
}

void vec_recycle(Vec *v, size_t elem, size_t max_bytes) {
  if (v->cap > max_bytes / elem)
    vec_release(v);
  v->len = 0;
}

/* ---- Buf ---- */

int buf_reserve(Buf *b, size_t n) {
  if (n > SIZE_MAX - b->len - 1)
    return -1;
  if (b->len + n + 1 <= b->cap)
    return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + n + 1)
    cap = cap > SIZE_MAX / 2 ? b->len + n + 1 : cap * 2;
  char *p = pc_realloc(b->data, cap);
  if (!p)
    return -1;
  b->data = p;
  b->cap = cap;
  return 0;
}

int buf_append(Buf *b, const char *s, size_t n) {
  if (buf_reserve(b, n) != 0)
    return -1;
  if (n)
    memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

int buf_printf(Buf *b, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return -1;
  if ((size_t)n < sizeof small)
    return buf_append(b, small, (size_t)n);
  char *big = pc_malloc((size_t)n + 1);
  if (!big)
    return -1;
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  int rc = buf_append(b, big, (size_t)n);
  pc_free(big);
  return rc;
}

void buf_release(Buf *b) {
  pc_free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
