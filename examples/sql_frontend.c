/*
 * sql_frontend.c - a tiny SQL front end built on libpropcheck.
 *
 * It reads SQL from standard input the way an interactive client does: line
 * by line, and a statement is "submitted" when a line ends with ';'.  Each
 * submitted statement is checked on its own with pc_check_buffer, its
 * resolution (kind, line, each service's mode and base) and its findings
 * (line:col severity rule message) are printed, and the context is reset
 * for the next statement.
 *
 * Only the public header is used.  Nothing secret is printed: the library
 * never puts a credential's value in a message, and the input is not echoed.
 *
 *   build/examples/sql_frontend < fixtures/examples/demo.sql
 *
 * Limits of the example:
 *  - "a line ending in ';'" is detected with a small scanner that knows
 *    quotes ('...', "...", `...`), -- comments and block comments; that
 *    is good enough for an example, the library itself does the real lexing.
 *  - each submission is checked as its own little file, so a
 *    "-- propcheck: disable-file=..." comment covers only that submission;
 *  - pc_check_buffer numbers lines from 1 in each submission: the front end
 *    adds the line where the submission started to show input line numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <propcheck.h>

/* Text accumulated since the last submission, and what the scanner knows
   about it. */
typedef struct Pending {
  char *text;
  size_t len, cap;
  unsigned first_line; /* input line where this submission starts */
  char quote;          /* the open quote character, or 0 */
  int in_block;        /* inside a comment */
} Pending;

static int append(Pending *p, const char *s, size_t n) {
  if (p->len + n + 1 > p->cap) {
    size_t cap = p->cap ? p->cap : 256;
    while (cap < p->len + n + 1)
      cap *= 2;
    char *t = realloc(p->text, cap);
    if (!t)
      return -1;
    p->text = t;
    p->cap = cap;
  }
  memcpy(p->text + p->len, s, n);
  p->len += n;
  p->text[p->len] = '\0';
  return 0;
}

/* Scans one line, updating the quote and comment state; returns 1 when the
   last significant character of the line, outside quotes and comments, is
   ';' (the statement is complete). */
static int scan_line(Pending *p, const char *line, size_t n) {
  int ends = 0;
  for (size_t i = 0; i < n; i++) {
    char c = line[i];
    if (p->in_block) {
      if (c == '*' && i + 1 < n && line[i + 1] == '/') {
        p->in_block = 0;
        i++;
      }
    } else if (p->quote) {
      if (c == '\\' && p->quote != '`')
        i++; /* backslash escape */
      else if (c == p->quote)
        p->quote = 0; /* a doubled quote reopens at once: same result */
    } else if (c == '-' && i + 1 < n && line[i + 1] == '-') {
      break; /* the rest of the line is a comment */
    } else if (c == '/' && i + 1 < n && line[i + 1] == '*') {
      p->in_block = 1;
      i++;
    } else if (c == '\'' || c == '"' || c == '`') {
      p->quote = c;
      ends = 0;
    } else if (c == ';') {
      ends = 1;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      ends = 0;
    }
  }
  return ends && !p->quote && !p->in_block;
}

static void print_finding(const pc_finding *f, unsigned first_line) {
  unsigned line = f->pos.line ? f->pos.line + first_line - 1 : 0;
  printf("  %u:%u %s %s %s\n", line, (unsigned)f->pos.column,
         pc_severity_name(f->severity), f->rule, f->message);
  if (f->has_related && f->related_key)
    printf("    (see '%s' at %u:%u)\n", f->related_key,
           (unsigned)(f->related.line + first_line - 1),
           (unsigned)f->related.column);
}

/* Prints what the library made of the file just checked in ctx. */
static void report(const pc_ctx *ctx, unsigned first_line) {
  const pc_file *file = pc_file_at(ctx, 0);
  size_t nstmts = pc_file_stmt_count(file);
  if (nstmts == 0 && pc_file_finding_count(file) == 0) {
    printf("line %u: no statement with properties\n", first_line);
    return;
  }
  for (size_t i = 0; i < nstmts; i++) {
    const pc_stmt *s = pc_file_stmt_at(file, i);
    pc_pos pos = pc_stmt_pos(s);
    printf("line %u: %s", (unsigned)(pos.line + first_line - 1),
           pc_stmt_kind_name(pc_stmt_kind_of(s)));
    for (int svc = 0; svc < PC_SVC_COUNT; svc++) {
      pc_auth a;
      if (!pc_stmt_service(s, (pc_service)svc, &a))
        continue;
      printf(" %s=%s", pc_service_name((pc_service)svc), pc_mode_name(a.mode));
      if (a.base != PC_MODE_NONE)
        printf("(base=%s)", pc_mode_name(a.base));
    }
    putchar('\n');
    for (size_t j = 0; j < pc_stmt_finding_count(s); j++)
      print_finding(pc_stmt_finding_at(s, j), first_line);
  }
  /* Findings outside any resolved statement: syntax errors, '#', ... */
  for (size_t j = 0; j < pc_file_finding_count(file); j++)
    print_finding(pc_file_finding_at(file, j), first_line);
}

/* Checks the pending submission, prints the result, adds its findings to
   *findings, and forgets both.  Returns -1 when the library failed (out of
   memory), else 0. */
static int submit(pc_ctx *ctx, Pending *p, long *findings) {
  int ret = 0;
  pc_status st = pc_check_buffer(ctx, "<stdin>", p->text, p->len);
  if (st != PC_OK) {
    fprintf(stderr, "sql_frontend: %s\n", pc_status_str(st));
    ret = -1;
  } else {
    pc_summary sum = pc_ctx_summary(ctx);
    report(ctx, p->first_line);
    *findings += (long)(sum.errors + sum.warnings + sum.notes);
  }
  pc_ctx_reset(ctx); /* every pointer read above is now invalid */
  p->len = 0;
  p->quote = 0;
  p->in_block = 0;
  return ret;
}

/* Is there anything but blanks in the pending text? */
static int blank(const Pending *p) {
  for (size_t i = 0; i < p->len; i++)
    if (p->text[i] != ' ' && p->text[i] != '\t' && p->text[i] != '\r' &&
        p->text[i] != '\n')
      return 0;
  return 1;
}

int main(void) {
  pc_ctx *ctx = pc_ctx_new(NULL);
  Pending p = {0};
  unsigned lineno = 1;
  size_t line_off = 0; /* where the current line starts in p.text */
  long total = 0;
  int r = 0;
  int c;

  if (!ctx) {
    fprintf(stderr, "sql_frontend: out of memory\n");
    return 2;
  }
  /* Byte by byte (a NUL byte is just a byte), a line at a time. */
  while (r >= 0 && (c = getchar()) != EOF) {
    char ch = (char)c;
    if (p.len == 0)
      p.first_line = lineno;
    if (append(&p, &ch, 1) != 0) {
      fprintf(stderr, "sql_frontend: out of memory\n");
      r = -1;
    } else if (ch == '\n') {
      lineno++;
      if (scan_line(&p, p.text + line_off, p.len - line_off))
        r = submit(ctx, &p, &total);
      line_off = p.len;
    }
  }
  /* The last statement may lack its ';' (or its line its '\n'). */
  if (r >= 0 && !blank(&p))
    r = submit(ctx, &p, &total);
  if (ferror(stdin)) {
    fprintf(stderr, "sql_frontend: cannot read standard input\n");
    r = -1;
  }
  printf("%ld finding%s\n", total, total == 1 ? "" : "s");
  free(p.text);
  pc_ctx_free(ctx);
  return r < 0 ? 2 : total ? 1 : 0;
}
