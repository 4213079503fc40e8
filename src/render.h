/*
 * render.h - output: a pc_stream, the hooks of each format, and the output
 * buffer they write to.  Only the render*.c files include it.
 */
#ifndef PC_RENDER_H
#define PC_RENDER_H

#include "json.h"
#include "pc_internal.h"

/* A pc_stream: the generic walk over results (render.c) calls the hooks of
   one format (render_text.c, render_json.c, render_sarif.c for SARIF and
   GitHub).  Output collects in out and goes to write in large pieces
   (render_out.c). */
typedef struct FormatOps FormatOps;
struct pc_stream {
  const FormatOps *ops;
  unsigned flags;
  pc_write_fn write;
  void *user;
  Buf out;
  int failed; /* 1: write failed, 2: out of memory */
  /* where the walk is: the file being written and how much of it */
  const pc_file *file; /* open file, or NULL */
  size_t next_file, stmts_done, loose_done;
  /* format state */
  JsonOut jo;
  Buf loose;        /* JSON: file-level findings, written when it closes */
  JsonOut jo_loose; /* writer into loose */
  Buf uri;          /* SARIF: the open file's URI */
  Vec occ;          /* SARIF: FingerprintCount of the open file */
};

struct FormatOps {
  void (*head)(pc_stream *s);
  void (*file_open)(pc_stream *s, const pc_file *f);
  /* statements in order (JSON), and findings in source order */
  void (*stmt)(pc_stream *s, const pc_stmt *st);
  void (*finding)(pc_stream *s, const pc_file *f, const Finding *fd,
                  int file_level);
  void (*file_close)(pc_stream *s, const pc_file *f);
  void (*tail)(pc_stream *s, const pc_summary *sum);
  const char *separator; /* between non-empty parts of parallel streams */
  int part_depth;        /* JSON nesting of a part's items */
  int by_statement;      /* stmt() gets statements, finding() only the
                            file-level findings (JSON) */
};

extern const FormatOps render_text_ops, render_json_ops, render_sarif_ops,
    render_github_ops, render_gitlab_ops;

/* A finding's fingerprint (render_sarif.c): a hash of its rule, file, key
   and message, never its line, and how many findings of the open file had
   that hash so far (1 for the first; reset per file). */
uint64_t render_finding_hash(const Finding *f, const char *uri);
uint32_t render_occurrence(pc_stream *s, uint64_t h);
void render_occurrence_reset(pc_stream *s);

/* Hands what s->out holds to the write callback (render_out.c). */
void render_write_out(pc_stream *s);
/* Appends output (render_out.c); sets s->failed on error. */
void render_put(pc_stream *s, const char *data, size_t len);
void render_puts(pc_stream *s, const char *str);
/* The same for text read from a file or given by a user (a path): control
   and bidirectional characters are replaced (diag_scrub). */
void render_puts_clean(pc_stream *s, const char *str);
void render_printf(pc_stream *s, const char *fmt, ...) PC_PRINTF(2, 3);

#endif /* PC_RENDER_H */
