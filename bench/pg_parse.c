/*
 * pg_parse.c - a peer for the propcheck benchmark: PostgreSQL's own parser
 * (libpg_query, Debian's libpg-query-dev) over the same corpus, parse only.
 *
 *   pg_parse FILE.sql
 *
 * Reads FILE whole into memory (one NUL-terminated buffer: libpg_query
 * takes C strings, and its splitter returns int offsets, so files over
 * INT_MAX bytes are refused), splits it into statements with
 * pg_query_split_with_scanner (the scanner, not the parser, so that one
 * statement PostgreSQL cannot parse does not stop the split), then parses
 * each statement on its own with pg_query_parse, which builds the parse
 * tree and renders it as JSON.  StarRocks syntax that is not PostgreSQL
 * (backquotes, FILES(...) with "k" = "v" pairs read as identifiers,
 * ENGINE = file, LOAD LABEL ... WITH BROKER) is a parse error here; errors
 * are counted, not printed.  Prints
 *   bytes=N statements=N parsed=N parse_errors=N
 * Exit status 0, or 2 when the file cannot be read or split.
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of path, NUL-terminated, in a malloc'd buffer; NULL on error. */
static char *read_whole(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 20, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (cap - n < (1 << 16) + 1) {
      char *grown = realloc(buf, cap * 2);
      if (!grown) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = grown, cap *= 2;
    }
    size_t k = fread(buf + n, 1, cap - n - 1, f);
    n += k;
    if (k == 0) break;
  }
  if (buf && ferror(f)) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (!buf) return NULL;
  buf[n] = 0;
  *len = n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: pg_parse FILE.sql\n");
    return 2;
  }
  size_t len = 0;
  char *sql = read_whole(argv[1], &len);
  if (!sql) {
    perror(argv[1]);
    return 2;
  }
  if (len > INT_MAX) {
    fprintf(stderr, "pg_parse: %s is over %d bytes\n", argv[1], INT_MAX);
    return 2;
  }

  PgQuerySplitResult split = pg_query_split_with_scanner(sql);
  if (split.error) {
    fprintf(stderr, "pg_parse: split failed: %s\n", split.error->message);
    pg_query_free_split_result(split);
    free(sql);
    return 2;
  }

  /* Each statement is copied into its own NUL-terminated buffer. */
  size_t cap = 1 << 16, parsed = 0, errors = 0;
  char *stmt = malloc(cap);
  if (!stmt) return 2;
  for (int i = 0; i < split.n_stmts; i++) {
    size_t off = (size_t)split.stmts[i]->stmt_location;
    size_t n = (size_t)split.stmts[i]->stmt_len;
    if (n == 0) continue; /* nothing but blanks or comments */
    if (n + 1 > cap) {
      while (n + 1 > cap) cap *= 2;
      char *grown = realloc(stmt, cap);
      if (!grown) return 2;
      stmt = grown;
    }
    memcpy(stmt, sql + off, n);
    stmt[n] = 0;
    PgQueryParseResult r = pg_query_parse(stmt);
    if (r.error) errors++;
    else parsed++;
    pg_query_free_parse_result(r);
  }
  printf("bytes=%zu statements=%d parsed=%zu parse_errors=%zu\n", len,
         split.n_stmts, parsed, errors);
  free(stmt);
  pg_query_free_split_result(split);
  pg_query_exit();
  free(sql);
  return 0;
}
