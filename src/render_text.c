/*
 * render_text.c - the text format (GCC style):
 *
 *   fixtures/x.sql:4:5: warning: StarRocks ignores ... [ignored-credential]
 *       4 |     "aws.s3.access_key" = "***",
 *         |     ^~~~~~~~~~~~~~~~~~~
 * The source line is the one captured (and masked) when the finding was
 * made.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"

enum { C_BOLD, C_ERROR, C_WARNING, C_NOTE, C_CARET, C_RESET };
static const char *const ansi[] = {"\033[1m",    "\033[1;31m", "\033[1;35m",
                                   "\033[1;36m", "\033[1;32m", "\033[0m"};

static void color(pc_stream *s, int c) {
  if (s->flags & PC_RENDER_COLOR)
    render_puts(s, ansi[c]);
}

static int sev_color(pc_severity sev) {
  return sev == PC_SEV_ERROR     ? C_ERROR
         : sev == PC_SEV_WARNING ? C_WARNING
                                 : C_NOTE;
}

static void source_lines(pc_stream *s, const Finding *f) {
  if (!f->src_line || !f->src_line[0] || !f->pub.pos.line)
    return;
  render_printf(s, " %5u | ", f->pub.pos.line);
  render_puts(s, f->src_line);
  render_put(s, "\n       | ", 10);
  /* Spaces up to the caret, keeping tabs where the line has them. */
  const char *line = f->src_line;
  uint32_t col = 0;
  for (size_t i = 0; line[i] && col < f->caret_col; i++) {
    if (utf8_is_cont((unsigned char)line[i]))
      continue;
    render_put(s, line[i] == '\t' ? "\t" : " ", 1);
    col++;
  }
  color(s, C_CARET);
  render_put(s, "^", 1);
  for (uint32_t i = 1; i < f->caret_len && i < 200; i++)
    render_put(s, "~", 1);
  color(s, C_RESET);
  render_put(s, "\n", 1);
}

static void path_prefix(pc_stream *s, const char *path) {
  color(s, C_BOLD);
  render_puts_clean(s, path);
  render_put(s, ":", 1);
  color(s, C_RESET);
}

static void text_finding(pc_stream *s, const pc_file *file, const Finding *f,
                         int file_level) {
  const pc_finding *p = &f->pub;
  (void)file_level;
  path_prefix(s, file->path);
  if (p->pos.line) {
    color(s, C_BOLD);
    render_printf(s, "%u:%u: ", p->pos.line, p->pos.column);
    color(s, C_RESET);
  } else {
    render_put(s, " ", 1);
  }
  color(s, sev_color(p->severity));
  render_puts(s, pc_severity_name(p->severity));
  render_put(s, ":", 1);
  color(s, C_RESET);
  render_put(s, " ", 1);
  render_puts_clean(s, p->message);
  render_printf(s, " [%s]\n", p->rule);
  if (!(s->flags & PC_RENDER_NO_SOURCE))
    source_lines(s, f);
  if (p->has_related) {
    path_prefix(s, file->path);
    render_printf(s, "%u:%u: ", p->related.line, p->related.column);
    color(s, C_NOTE);
    render_puts(s, "note:");
    color(s, C_RESET);
    if (p->related_key) {
      render_puts(s, " '");
      render_puts_clean(s, p->related_key);
      render_puts(s, "' is set here\n");
    } else {
      render_puts(s, " the unclosed '(' is here\n");
    }
  }
}

static void text_tail(pc_stream *s, const pc_summary *sum) {
  if (s->flags & PC_RENDER_NO_SUMMARY)
    return;
  if (sum->errors + sum->warnings + sum->notes == 0)
    render_puts(s, "propcheck: no findings");
  else
    render_printf(s, "propcheck: %zu error%s, %zu warning%s, %zu note%s",
                  sum->errors, sum->errors == 1 ? "" : "s", sum->warnings,
                  sum->warnings == 1 ? "" : "s", sum->notes,
                  sum->notes == 1 ? "" : "s");
  render_printf(s, " in %zu file%s (%zu statement%s resolved", sum->files,
                sum->files == 1 ? "" : "s", sum->statements,
                sum->statements == 1 ? "" : "s");
  if (sum->suppressed)
    render_printf(s, ", %zu finding%s suppressed", sum->suppressed,
                  sum->suppressed == 1 ? "" : "s");
  render_puts(s, ")\n");
}

static void text_none(pc_stream *s) { (void)s; }
static void text_file(pc_stream *s, const pc_file *f) { (void)s, (void)f; }

const FormatOps render_text_ops = {
    .head = text_none,
    .file_open = text_file,
    .finding = text_finding,
    .file_close = text_file,
    .tail = text_tail,
    .separator = "",
};
