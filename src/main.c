/*
 * main.c - the propcheck command: a thin client of propcheck.h.
 *
 * Reads each FILE (or standard input for "-" or no FILE) in chunks, checks
 * it, renders every file in the chosen format to standard output, and exits
 * 0 (no finding at warning or above), 1 (such findings) or 2 (usage error or
 * a file that cannot be read; the other files are still checked).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "propcheck.h"

static const char usage[] =
    "usage: propcheck [OPTION]... [FILE]...\n"
    "Check the AWS properties of StarRocks SQL (catalogs, loads, FILE tables,\n"
    "FILES(), storage volumes, repositories) as StarRocks resolves them.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  --format=text|json|sarif|github\n"
    "                       output format (default text)\n"
    "  --color=auto|always|never\n"
    "                       color text output (default auto; NO_COLOR is "
    "honoured)\n"
    "  --no-source          text: do not show source lines and carets\n"
    "  --max-statement-bytes=N\n"
    "                       skip (and report) statements longer than N bytes\n"
    "                       (default 16 MiB)\n"
    "  --list-rules         list the rules and exit\n"
    "  -h, --help           show this help and exit\n"
    "  --version            show the version and exit\n"
    "\n"
    "Exit status: 0 no finding at warning or above, 1 findings at warning or\n"
    "above, 2 usage error or unreadable file.\n";

static int write_stdout(void *user, const char *data, size_t len) {
  (void)user;
  return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

/* Checks one file (or stdin); returns 0, or 2 when it could not be read. */
static int check_path(pc_ctx *ctx, const char *path) {
  int stdin_ = strcmp(path, "-") == 0;
  const char *name = stdin_ ? "<stdin>" : path;
  int fd = stdin_ ? 0 : open(path, O_RDONLY);
  char msg[512];
  if (fd < 0) {
    snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
    pc_file_error(ctx, name, msg);
    return 2;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    pc_file_error(ctx, name, "cannot read: it is a directory");
    if (!stdin_)
      close(fd);
    return 2;
  }
  if (pc_file_begin(ctx, name) != PC_OK) {
    if (!stdin_)
      close(fd);
    return 2;
  }
  static char buf[1 << 16];
  int rc = 0;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
      rc = 2;
      break;
    }
    if (n == 0)
      break;
    if (pc_file_feed(ctx, buf, (size_t)n) != PC_OK) {
      rc = 2;
      snprintf(msg, sizeof msg, "out of memory");
      break;
    }
  }
  pc_file_end(ctx);
  if (!stdin_)
    close(fd);
  if (rc)
    pc_file_error(ctx, name, msg);
  return rc;
}

static int list_rules(void) {
  for (size_t i = 0; i < pc_rule_count(); i++) {
    const pc_rule *r = pc_rule_at(i);
    printf("%-30s %-8s %s\n", r->id, pc_severity_name(r->severity), r->summary);
  }
  return 0;
}

int main(int argc, char **argv) {
  pc_format fmt = PC_FORMAT_TEXT;
  unsigned flags = 0;
  int color = -1; /* auto */
  int nfiles = 0;
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) {
    fputs("propcheck: out of memory\n", stderr);
    return 2;
  }
  int only_files = 0;
  pc_options opt = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      files[nfiles++] = a;
    } else if (strcmp(a, "--") == 0) {
      only_files = 1;
    } else if (strcmp(a, "--format=text") == 0) {
      fmt = PC_FORMAT_TEXT;
    } else if (strcmp(a, "--format=json") == 0) {
      fmt = PC_FORMAT_JSON;
    } else if (strcmp(a, "--format=sarif") == 0) {
      fmt = PC_FORMAT_SARIF;
    } else if (strcmp(a, "--format=github") == 0) {
      fmt = PC_FORMAT_GITHUB;
    } else if (strcmp(a, "--color=always") == 0) {
      color = 1;
    } else if (strcmp(a, "--color=never") == 0) {
      color = 0;
    } else if (strcmp(a, "--color=auto") == 0) {
      color = -1;
    } else if (strncmp(a, "--max-statement-bytes=", 22) == 0) {
      char *end;
      unsigned long long v = strtoull(a + 22, &end, 10);
      if (!a[22] || *end || v == 0) {
        fprintf(stderr, "propcheck: bad value in '%s'\n", a);
        free(files);
        return 2;
      }
      opt.max_statement_bytes = (size_t)v;
    } else if (strcmp(a, "--no-source") == 0) {
      flags |= PC_RENDER_NO_SOURCE;
    } else if (strcmp(a, "--list-rules") == 0) {
      free(files);
      return list_rules();
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      free(files);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf("propcheck %s\n", pc_version());
      free(files);
      return 0;
    } else {
      fprintf(stderr, "propcheck: unknown option '%s'\n%s", a, usage);
      free(files);
      return 2;
    }
  }
  if (nfiles == 0)
    files[nfiles++] = "-";
  if (color < 0) {
    const char *nc = getenv("NO_COLOR");
    color = isatty(1) && !(nc && *nc);
  }
  if (color)
    flags |= PC_RENDER_COLOR;

  pc_ctx *ctx = pc_ctx_new(&opt);
  if (!ctx) {
    fputs("propcheck: out of memory\n", stderr);
    free(files);
    return 2;
  }
  int status = 0;
  for (int i = 0; i < nfiles; i++)
    if (check_path(ctx, files[i]))
      status = 2;
  pc_status st = pc_render(ctx, fmt, flags, write_stdout, NULL);
  if (fflush(stdout) != 0 || st != PC_OK) {
    if (st == PC_ENOMEM)
      fputs("propcheck: out of memory\n", stderr);
    status = 2;
  }
  if (status == 0) {
    pc_summary s = pc_ctx_summary(ctx);
    if (s.errors + s.warnings > 0)
      status = 1;
  }
  pc_ctx_free(ctx);
  free(files);
  return status;
}
