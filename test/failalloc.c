/*
 * failalloc.c - allocation-failure injection for a test build of the
 * propcheck command (make oom).  Not part of libpropcheck or of the normal
 * command: the build-oom link wraps the allocation functions of every
 * propcheck object (-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,
 * --wrap=strdup) and routes cJSON's allocations here too (cJSON_InitHooks,
 * from a constructor), so that every allocation propcheck asks for is
 * counted.  Allocations made inside libc (stdio buffers, realpath) are not.
 *
 *   PROPCHECK_FAIL_ALLOC=N        the Nth allocation returns NULL (once)
 *   PROPCHECK_FAIL_ALLOC_TRACE=1  print the stack of the failed allocation
 *                                 on stderr (ASan builds)
 *   PROPCHECK_ALLOC_COUNT=FILE    write the number of allocations made to
 *                                 FILE at exit
 *
 * The state is global on purpose: this is a one-process test harness.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
void __sanitizer_print_stack_trace(void) __attribute__((weak));

static unsigned long fail_at;  /* 0: never */
static unsigned long count;    /* allocations so far */
static int trace;              /* print the failing stack */
static const char *count_file; /* where to write count at exit */

/* Counts one allocation; nonzero when this one must fail. */
static int should_fail(void) {
  if (++count != fail_at)
    return 0;
  if (trace && __sanitizer_print_stack_trace) {
    fprintf(stderr, "failalloc: failing allocation %lu at:\n", count);
    __sanitizer_print_stack_trace();
  }
  return 1;
}

void *__wrap_malloc(size_t n) {
  return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size) {
  return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n) {
  return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = __wrap_malloc(n);
  return p ? memcpy(p, s, n) : NULL;
}

static void write_count(void) {
  FILE *f = fopen(count_file, "w");
  if (f) {
    fprintf(f, "%lu\n", count);
    fclose(f);
  }
}

static void cjson_free(void *p) { free(p); }

__attribute__((constructor)) static void failalloc_init(void) {
  const char *s = getenv("PROPCHECK_FAIL_ALLOC");
  fail_at = s ? strtoul(s, NULL, 10) : 0;
  s = getenv("PROPCHECK_FAIL_ALLOC_TRACE");
  trace = s && *s == '1';
  count_file = getenv("PROPCHECK_ALLOC_COUNT");
  if (count_file && *count_file)
    atexit(write_count);
  cJSON_Hooks hooks = {__wrap_malloc, cjson_free};
  cJSON_InitHooks(&hooks);
}
