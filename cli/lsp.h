/*
 * lsp.h - `propcheck lsp`: a Language Server Protocol 3.17 server over
 * standard input and output (docs/editors.md).  Not part of libpropcheck:
 * like the rest of cli/, it sees only the public header.
 *
 *   lsp_transport.c  the base protocol: Content-Length framing, reading
 *                    with a timeout (poll), writing messages and errors
 *   lsp_doc.c        the open documents: text, incremental edits, byte
 *                    offsets <-> LSP positions (UTF-16 code units)
 *   lsp_server.c     the loop, the lifecycle, dispatch, settings
 *   lsp_diag.c       checking a document and publishing its diagnostics
 *   lsp_actions.c    code actions: fixes and disable comments
 *   lsp_hover.c      hover on a key or a statement
 *   lsp_complete.c   completion in a property list
 *   lsp_scan.c       reading the SQL around the cursor (the property list,
 *                    the key or value under it, the statement's kind)
 *
 * Secrets: nothing here copies a property value into a message, except
 * the values of keys the key table does not mark secret, and only in
 * completion of closed sets (true/false, types, regions).
 */
#ifndef PC_LSP_H
#define PC_LSP_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "cli.h"

/* JSON-RPC and LSP error codes. */
enum {
  LSP_PARSE_ERROR = -32700,
  LSP_INVALID_REQUEST = -32600,
  LSP_METHOD_NOT_FOUND = -32601,
  LSP_INVALID_PARAMS = -32602,
  LSP_INTERNAL_ERROR = -32603,
  LSP_SERVER_NOT_INITIALIZED = -32002,
  LSP_REQUEST_CANCELLED = -32800
};

/* Re-checking waits this long after the last change (and checks at once
   when a request needs fresh results). */
enum { LSP_DEBOUNCE_MS = 10 };

/* ---- lsp_transport.c ---- */

typedef struct LspIn {
  int fd;
  char *buf; /* malloc'd: bytes read and not yet consumed */
  size_t len, cap;
  int eof;
} LspIn;

enum {
  LSP_READ_MESSAGE = 1, /* *body holds one message */
  LSP_READ_TIMEOUT = 0, /* nothing complete within the timeout */
  LSP_READ_EOF = -1,    /* the input ended (or failed) */
  LSP_READ_BAD = -2     /* bad header, skipped: *error says what */
};
/* The largest message accepted (bigger ones are skipped and answered). */
enum { LSP_MAX_MESSAGE = 64 << 20 };

/* Reads the next message, waiting at most timeout_ms (-1: no limit).
   *body (malloc'd, NUL-terminated, the caller frees it) and *n on
   LSP_READ_MESSAGE; *error (static) on LSP_READ_BAD. */
int lsp_read(LspIn *in, int timeout_ms, char **body, size_t *n,
             const char **error);
/* 1 when a complete message (or a header's worth of bytes) is already
   buffered or readable without waiting. */
int lsp_pending(LspIn *in);
void lsp_in_free(LspIn *in);

/* Writes msg framed to fd 1 (and frees it).  0, or -1 when the write
   failed. */
int lsp_send(cJSON *msg);
/* {"jsonrpc":"2.0","id":id,"result":result}; takes result (NULL: null);
   id is copied (NULL: null). */
int lsp_reply(const cJSON *id, cJSON *result);
int lsp_error(const cJSON *id, int code, const char *message);
/* A notification {"jsonrpc":"2.0","method":...,"params":params}. */
int lsp_notify(const char *method, cJSON *params);
/* window/logMessage at type (1 error .. 4 log). */
int lsp_log(int type, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- lsp_doc.c ---- */

typedef struct Doc {
  char *uri;  /* malloc'd */
  char *path; /* the file path of a file: URI (malloc'd), or NULL */
  char *text; /* malloc'd, len bytes (+ a NUL) */
  size_t len, cap;
  long version;
  size_t *lines; /* byte offset of each line's start (malloc'd) */
  size_t nlines;
  int dirty;          /* changed since the last check */
  long long changed;  /* when (lsp_now_ms) */
  pc_ctx *ctx;        /* the last check's results, or NULL */
  size_t *starts;     /* where each statement starts, as of the last
                         check (malloc'd), or NULL */
  size_t nstarts;
  struct Doc *next;
} Doc;

typedef struct DocStore {
  Doc *head;
} DocStore;

/* Opens (or replaces) uri with text; NULL when out of memory. */
Doc *doc_open(DocStore *s, const char *uri, const char *text, size_t len,
              long version);
Doc *doc_find(DocStore *s, const char *uri);
void doc_close(DocStore *s, const char *uri);
void doc_store_free(DocStore *s);
/* Replaces the whole text, or the bytes [a, b) (a <= b <= len), with
   text[0..len): 0, or -1 when out of memory. */
int doc_replace_all(Doc *d, const char *text, size_t len);
int doc_splice(Doc *d, size_t a, size_t b, const char *text, size_t len);
/* The index of the last of the sorted v[0..n) at or before x (0 when
   none is: the caller checks v[0]); n >= 1. */
size_t doc_last_at_or_before(const size_t *v, size_t n, size_t x);
/* The byte offset of LSP position (line, UTF-16 character), clamped to the
   line's end (and to the document's end past the last line). */
size_t doc_offset(const Doc *d, uint32_t line, uint32_t character);
/* The LSP position of a byte offset (clamped to the text). */
void doc_position(const Doc *d, size_t offset, uint32_t *line,
                  uint32_t *character);
/* {"line":..,"character":..} and {"start":..,"end":..} for byte offsets. */
cJSON *doc_json_position(const Doc *d, size_t offset);
cJSON *doc_json_range(const Doc *d, size_t start, size_t end);
/* Reads {"line","character"} into a byte offset; -1 when malformed. */
int doc_read_position(const Doc *d, const cJSON *pos, size_t *offset);
/* The path of a file: URI, percent-decoded (malloc'd), or NULL. */
char *doc_uri_path(const char *uri);

long long lsp_now_ms(void);

/* ---- lsp_server.c: settings ---- */

typedef struct LspSettings {
  size_t nrules;
  char **rule_ids; /* malloc'd */
  pc_level *levels;
  int fail_on;          /* pc_severity, PC_FAIL_NEVER, or 0 = not set */
  cJSON *vars;          /* template variables (issue 10), kept for the
                           library's API when it has one; owned */
  pc_policies *policies; /* from "policies": [paths], or NULL; owned */
  size_t npolicy_files;
} LspSettings;

/* ---- lsp_diag.c ---- */

/* Checks d (its .propcheck.json, then the settings) into d->ctx and
   publishes its diagnostics.  0, or -1 when out of memory. */
int diag_check(Doc *d, const LspSettings *set);
/* Checks d when it is dirty (a request that needs fresh results). */
int diag_fresh(Doc *d, const LspSettings *set);
/* The diagnostic of one finding (as published). */
cJSON *diag_json(const Doc *d, const pc_finding *f, const LspSettings *set);
/* The byte range of a finding. */
void diag_span(const Doc *d, const pc_finding *f, size_t *start, size_t *end);
/* Where the statement around at starts (the starts of the last check,
   which a request makes fresh first). */
size_t diag_stmt_start(const Doc *d, size_t at);
/* The results of d's last check: its file, or NULL. */
const pc_file *diag_file(const Doc *d);
/* The statement of d containing byte offset at (the last that starts at or
   before it, up to its end), or NULL; *end gets where it ends. */
const pc_stmt *diag_stmt_at(const Doc *d, size_t at, size_t *end);

/* ---- lsp_actions.c, lsp_hover.c, lsp_complete.c ---- */

/* The result of textDocument/codeAction for params (an array). */
cJSON *actions_for(const Doc *d, const cJSON *params);
/* Whether a fix may be applied without review (the one place to read the
   fix's safety: issue 18 adds an applicability to pc_fix). */
int actions_fix_is_safe(const pc_fix *fx);
/* textDocument/hover for the byte offset at: a Hover, or NULL (null). */
cJSON *hover_at(const Doc *d, size_t at, const LspSettings *set);
/* The Markdown a hover shows for key i of the key table, into out. */
void hover_key_text(size_t i, char *out, size_t n);
/* textDocument/completion at the byte offset at: a CompletionList. */
cJSON *complete_at(const Doc *d, size_t at);

/* ---- lsp_scan.c ---- */

/* The quoted string (single or double quotes) around byte offset at, in
   the statement that starts at from:
   [*start, *end) is its content; 1 when at is inside one.  *quote gets the
   quote character. */
int scan_string_at(const char *text, size_t len, size_t from, size_t at,
                   size_t *start, size_t *end, char *quote);
/* 1 when the string whose content ends at end is followed by '='. */
int scan_is_key(const char *text, size_t len, size_t end);
/* Where the statement around at begins (after the last ';' before it
   outside strings and comments, roughly) and ends. */
size_t scan_stmt_start(const char *text, size_t at);
/* The start of every statement of text[0..len) (malloc'd, *n of them;
   NULL when out of memory). */
size_t *scan_stmt_starts(const char *text, size_t len, size_t *n);
size_t scan_stmt_end(const char *text, size_t len, size_t at);
/* The first byte at or after from that is neither blank nor comment. */
size_t scan_first_token(const char *text, size_t len, size_t from);
/* The kind of statement text[start..end) is, from its keywords, or -1. */
int scan_stmt_kind(const char *text, size_t start, size_t end);
/* The value of the property key in text[start..end) ("key" = "value"),
   copied into out (at most n bytes, NUL-terminated); 1 when found. */
int scan_prop_value(const char *text, size_t start, size_t end,
                    const char *key, char *out, size_t n);
/* 1 when at (inside a string) is in a key position of a property list:
   the string follows '(' or ',' and no '=' comes between. */
int scan_in_key_position(const char *text, size_t stmt_start, size_t qstart);
/* The key of the property whose value string starts at qstart (the string
   before '='), copied into out; 1 when found. */
int scan_key_before(const char *text, size_t stmt_start, size_t qstart,
                    char *out, size_t n);

/* The '(' of the innermost list open at at (from the statement's start),
   or -1. */
long scan_list_open(const char *text, size_t stmt_start, size_t at);
/* The word before paren (upper-cased into out), and where it starts in
   *wstart; 1 when there is one. */
int scan_word_before(const char *text, size_t stmt_start, size_t paren,
                     char *out, size_t n, size_t *wstart);

/* ---- lsp_server.c ---- */

/* `propcheck lsp` (argv[0] is "lsp"): the exit status. */
int lsp_main(int argc, char **argv);

#endif /* PC_LSP_H */
