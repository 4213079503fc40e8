/*
 * pc_internal.h - the core types and functions of libpropcheck's stages.
 *
 * A statement's way through the library, one file per step (the sections
 * below follow it; docs/architecture.md draws the layers):
 *
 *   core      arena.c    the allocation hook, bump arenas, vectors, buffers
 *             names.c    the public enums' names; statement-kind traits
 *             source.c   positions (lines, UTF-8 columns, line index), ASCII
 *                        case, the source order of findings
 *             rules.c    the rule table (rows in rules_sql.def and
 *                        rules_values.def); diag.c: findings, the sink,
 *                        masked source lines
 *   data      keys.c     every known key, its kind, service and meaning
 *                        (keys.h, included here); keys_index.c finds them
 *             values.c   value predicates: booleans, placeholders, endpoints;
 *                        timezone.c: time zones as StarRocks reads them
 *             aws_data.c AWS identifiers as data (aws.h)
 *   JSON      json.h: json_read.c (the reader), json_out.c (the writer)
 *   syntax    split.c    bytes (fed in chunks) -> one statement's text
 *             template.c template variables, <name>, Jinja blocks
 *                        (template.h)
 *             fastpath.c whether a statement can matter (most are not lexed)
 *             lexer.c    statement -> tokens; the byte classes of all three
 *             parser.c, parse_stmt.c (parse.h)  tokens -> targets: the
 *                        property-bearing statements and their lists;
 *                        parse_transfer.c (EXPORT, OUTFILE, BACKUP, ...),
 *                        parse_quotes.c and parse_recover.c (reading on
 *                        after a syntax error), parse_template.c (a
 *                        template among a statement's first words)
 *   resolve   resolve_view.c  the effective properties and their helpers
 *             resolve_aws.c, resolve_catalog.c, resolve_values.c,
 *             resolve_dialects.c, resolve_legacy.c (fs.s3a.* on s3a://),
 *             resolve_load.c (LOAD and EXPORT PROPERTIES values)
 *                        one service or check family each
 *             resolve.c  a target -> per-service modes and findings
 *             resolve_rest.c  Iceberg REST authentication (resolve_catalog.c)
 *   IAM       iam.h: iam_needs.c and iam_catalog.c (what credentials need),
 *             iam_grants.c (a grant per credential), iam_docs.c (the policy
 *             documents), iam_policy.c and iam_statement.c (policies read
 *             and linted once, pc_policies), iam_eval.c (granted?)
 *   comments  suppress.c (disable=), expect.c (expect:)
 *   driver    check.c    the stages in order, contexts, the checking API
 *             results.c  files, statements, findings, the summary
 *   API       batch.c    one file on two threads (pc_splitter, pc_batch)
 *             props.c, props_json.c  property maps without SQL
 *             render.h: render.c (the walk), render_out.c (the buffer),
 *             render_text.c, render_json.c, render_sarif.c (the formats)
 *             keyinfo.c  the key table as the API shows it (pc_key_*)
 *
 * A file calls only files of its own layer or of the layers listed before
 * it, and only the API layer calls the driver.  test/check_layers.sh
 * checks that the calls form no circle, that no stage calls the driver,
 * and that extern names carry their module's prefix.  Nothing here keeps
 * mutable state outside a pc_ctx or a pc_policies.
 */
#ifndef PC_INTERNAL_H
#define PC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "propcheck.h"

/* The key table's types, which nearly every stage reads. */
#include "keys.h"

#if defined(__GNUC__)
#define PC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PC_PRINTF(a, b)
#endif

/* ------------------------------------------------------------------ arena.c */

/* All memory goes through pc_malloc/pc_realloc/pc_free so that a test build
   can fail the Nth allocation. */
void *pc_malloc(size_t n);
void *pc_realloc(void *p, size_t n);
void pc_free(void *p);

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
  ArenaBlock *head; /* newest block; older ones chained behind it */
  int *oom;         /* sticky flag of the owner, set on failure */
} Arena;

void arena_init(Arena *a, int *oom);
void arena_release(Arena *a); /* frees every block */
void arena_reset(Arena *a);   /* forgets everything, keeps one block to reuse */
void *arena_alloc(Arena *a, size_t n); /* zeroed; NULL on OOM */
char *arena_strndup(Arena *a, const char *s,
                    size_t n); /* NUL-terminated copy */
char *arena_printf(Arena *a, const char *fmt, ...) PC_PRINTF(2, 3);
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);

/* A growable array of fixed-size elements, heap-backed. */
typedef struct Vec {
  void *data;
  size_t len; /* elements in use */
  size_t cap; /* elements allocated */
} Vec;

/* Makes room for one more element; 0, or -1 (and sets *oom). */
int vec_grow(Vec *v, size_t elem, int *oom);
/* Appends one zeroed element and returns it, or NULL (and sets *oom).
   Inline: elem is a constant at every call, so the zeroing is too. */
static inline void *vec_push(Vec *v, size_t elem, int *oom) {
  if (v->len == v->cap && vec_grow(v, elem, oom) != 0)
    return NULL;
  void *slot = (char *)v->data + v->len++ * elem;
  memset(slot, 0, elem);
  return slot;
}
void vec_release(Vec *v);
/* Empties v for reuse, keeping its storage unless it grew past max_bytes
   (then it is freed, so that one huge statement is not held on to). */
void vec_recycle(Vec *v, size_t elem, size_t max_bytes);
#define VEC_AT(v, T, i) (&((T *)(v)->data)[i])

/* A growable byte buffer (heap-backed). */
typedef struct Buf {
  char *data;
  size_t len;
  size_t cap;
} Buf;

int buf_append(Buf *b, const char *s, size_t n); /* 0 ok, -1 OOM */
/* Room for n more bytes and the NUL after them; 0 ok, -1 OOM. */
int buf_reserve(Buf *b, size_t n);
int buf_printf(Buf *b, const char *fmt, ...) PC_PRINTF(2, 3);
void buf_release(Buf *b);

/* ------------------------------------------------------------------ names.c */

/* What kinds of statement have in common (the table in names.c). */
typedef enum KindTrait {
  KT_CATALOG = 1u << 0, /* CREATE EXTERNAL CATALOG, ALTER CATALOG */
  KT_ALTER = 1u << 1,   /* merges into properties propcheck cannot see */
  KT_VOLUME = 1u << 2,  /* storage volumes (shared-data storage) */
  KT_AURORA = 1u << 3,  /* Aurora MySQL: the cluster's role, no keys */
  KT_DATABEND = 1u << 4, /* Databend: its own options and resolution */
  KT_NO_PROPS = 1u << 5  /* recognized, carries no credentials of its own
                            (BACKUP, RESTORE, cluster snapshots) */
} KindTrait;

/* The kind's traits; the index of s[0..len) in names[0..n), or -1; the
   service and mode named s[0..len), or -1. */
int names_kind_has(pc_stmt_kind kind, unsigned trait);
int names_lookup(const char *const *names, size_t n, const char *s, size_t len);
int names_service(const char *s, size_t len);
int names_mode(const char *s, size_t len);

/* ------------------------------------------------------------------ split.c */

/* One statement's text.  text[0] is the first byte of the line on which the
   statement starts (or a later byte of a very long line, see base_col); the
   statement proper starts at text[stmt_start] and ends at text[len-1]
   (its ';' included when there is one). */
typedef struct Chunk {
  const char *text;
  size_t len;
  size_t stmt_start;
  uint64_t base_offset; /* file offset of text[0] */
  uint32_t base_line;   /* line of text[0] */
  uint32_t base_col;    /* column of text[0] */
  /* Set by the splitter for a statement it cut at a ';' (0 otherwise): */
  int complete;      /* it ended at a ';' outside strings and comments */
  size_t content_at; /* its first byte that is not blank or comment */
  /* Optional (NULL): the offset after each '\n' of text, ascending, so
     that source_pos finds a line in O(log n) in a long statement. */
  const uint32_t *line_ends;
  size_t nline_ends;
  /* Optional (NULL), with line_ends when a line is long: col_marks[k] is
     the number of characters (non-continuation bytes) in
     text[0 .. k * COL_MARK_STEP), so that a column inside a long line is
     counted from the nearest mark, not from the start of the line. */
  const uint32_t *col_marks;
  size_t ncol_marks;
} Chunk;

enum { COL_MARK_STEP = 256 };

typedef void (*ChunkFn)(void *user, const Chunk *c);
/* Called for a statement that exceeded the size limit (comments = 0), or
   for blanks and comments before a statement that did (comments = 1):
   offset/line/col of its first byte. */
typedef void (*OversizeFn)(void *user, uint64_t off, uint32_t line,
                           uint32_t col, size_t limit, int comments);

typedef enum SplitState {
  SP_NORMAL,       /* between tokens or in a plain token */
  SP_SQ,           /* inside '...' */
  SP_DQ,           /* inside "..." */
  SP_BQ,           /* inside `...` */
  SP_LINE_COMMENT, /* after -- up to end of line */
  SP_BLOCK_COMMENT, /* inside slash-star ... star-slash */
  SP_JINJA_COMMENT, /* inside {# ... #} (template.h: read as a comment) */
  SP_JINJA_BLOCK    /* inside {% ... %} */
} SplitState;

typedef struct Splitter {
  Buf buf;              /* current statement text (see Chunk) */
  size_t stmt_start;    /* where the statement starts in buf */
  size_t content_at;    /* first byte in buf that is not blank or comment
                           (SIZE_MAX until there is one) */
  uint64_t base_offset; /* file offset of buf.data[0] */
  uint32_t base_line;
  uint32_t base_col;
  SplitState state;
  int escape;         /* previous byte was a backslash inside a string */
  int prev;           /* the last byte fed, when it may start a pair with
                         the next one: '-', '/' or '{' (SP_NORMAL), '*'
                         (in a block comment), '#' or '%' (in a Jinja
                         block); 0 otherwise */
  int discarding;     /* statement over the limit: drop bytes until ';' */
  int dropped_lead;   /* blanks and comments over the limit were dropped */
  int started;        /* saw a byte since file begin (for the BOM) */
  size_t max_bytes;   /* statement size limit */
  size_t bom_pending; /* bytes of a possible BOM seen so far */
  uint64_t offset;    /* file offset of the next byte fed */
  ChunkFn on_chunk;
  OversizeFn on_oversize;
  void *user;
  int *oom;
} Splitter;

/* The statement size limit when pc_options leaves it 0. */
enum { DEFAULT_MAX_STATEMENT = 16 * 1024 * 1024 };

void split_init(Splitter *s, size_t max_bytes, ChunkFn fn, OversizeFn ofn,
                void *user, int *oom);
void split_feed(Splitter *s, const char *p, size_t n);
void split_finish(Splitter *s); /* emits the last statement, if any */
void split_release(Splitter *s);
/* split_init for a splitter that has run before: its buffer is kept. */
void split_restart(Splitter *s, size_t max_bytes, ChunkFn fn, OversizeFn ofn,
                   void *user, int *oom);
/* After a file: frees the buffer if one long statement made it big. */
void split_trim(Splitter *s);
/* The bytes the splitter stops at, by state: its byte classes (a byte may
   be in several).  lex_class (lexer.c) has a bit for each. */
typedef enum ByteClass {
  K_BLANK,  /* space, tab, newline, carriage return, NUL */
  K_NORMAL, /* the quotes ' " `, ';', '-', '/', '{' */
  K_STAR,
  K_SQ, /* ' and backslash */
  K_DQ, /* " and backslash */
  K_BQ, /* ` */
  K_JINJA, /* '#' and '%' (of a Jinja block's end) */
  K_NL,
  K_COUNT
} ByteClass;

/* The bytes of the 64-byte block b in the splitter's byte class k
   (ByteClass), as a mask, the way how says: 0 from 16-byte vector
   tests, 1 from a byte table, 2 from AVX2's 32-byte tests (the first way
   where the CPU has no AVX2).  The tests compare the three. */
uint64_t split_class_mask(int k, const unsigned char *b, int how);

/* ----------------------------------------------------------------- source.c */

/* A UTF-8 continuation byte (0x80-0xBF): it starts no character. */
static inline int utf8_is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }
/* The characters of s[0..n): its bytes that are not continuation bytes. */
uint32_t utf8_cols(const char *s, size_t n);

/* p moved over s[0..n): lines counted at each '\n', columns in characters
   (a tab counts one), offset by n. */
pc_pos source_advance(pc_pos p, const char *s, size_t n);
/* The position of chunk offset off (clamped to c->len), through the
   chunk's line index when it has one. */
pc_pos source_pos(const Chunk *c, size_t off);
/* Gives a long chunk its line index (Chunk.line_ends) in scratch memory,
   so that each position in it is found in O(log n); without memory, none. */
void source_index_lines(Chunk *c, Arena *scratch);

/* ASCII case, never the locale's. */
static inline int ascii_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}
static inline int ascii_upper(int c) {
  return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}
/* 1 when a and b are equal in ASCII case. */
int str_ieq(const char *a, const char *b);
/* Lower-cases s in place (ASCII letters only). */
void str_lower(char *s);

/* Source order: a finding (diag.c) and its place among the findings made
   at the same offset. */
typedef struct Finding Finding;
typedef struct FindingRef {
  const Finding *f;
  size_t order; /* ascending in the order the findings were made */
} FindingRef;
/* Sorts v by offset, equal offsets by order: the one order findings are
   kept and shown in (qsort alone is not stable). */
void findings_sort(FindingRef *v, size_t n);

/* --------------------------------------------------------------- fastpath.c */

/* 0 when a complete statement certainly holds nothing propcheck checks (no
   statement kind of parse_unit, no FILES(), no '#', no propcheck or expect
   comment), so it need not be lexed or parsed; 1 when it may. */
int fastpath_may_matter(const Chunk *c);

/* ------------------------------------------------------------------ lexer.c */

/* The lexical class of every byte, the one table of StarRocks' lexical
   rules (SQLite's aiClass idea), read by the lexer, the splitter and the
   fast path.  kind: what a token that starts with the byte is (the lexer's
   dispatch).  flags: LC_IDENT, the byte may be inside an identifier
   (StarRocks' LETTER or DIGIT: the LC_ALPHA and LC_DIGIT bytes); LC_ANCHOR,
   a byte the fast path looks at ('#' and the first letters of its pairs).
   stops: bit k, the byte is in the splitter's class k (ByteClass).  Each
   reader loads one byte-wide field: the lexer's loops run per byte. */
enum {
  LC_SPACE = 1, /* space, tab, CR, LF, NUL (and U+3000, handled apart) */
  LC_ALPHA,     /* A-Z a-z _ $ and every byte >= 0x80 (identifier chars) */
  LC_DIGIT,     /* 0-9 */
  LC_QUOTE,     /* ' and " */
  LC_BQUOTE,    /* ` */
  LC_MINUS,     /* - */
  LC_SLASH,     /* / */
  LC_HASH,      /* # */
  LC_OTHER      /* punctuation */
};
enum { LC_IDENT = 1, LC_ANCHOR = 2 };
typedef struct LexClass {
  uint8_t kind;   /* LC_SPACE ... LC_OTHER */
  uint8_t flags;  /* LC_IDENT, LC_ANCHOR */
  uint16_t stops; /* bit k: in the splitter's class k (4 bytes in all: the
                     index scales in one addressing mode) */
} LexClass;
extern const LexClass lex_class[256];

/* The byte may be inside an identifier (one test: the lexer's hot loop). */
static inline int lex_is_ident(unsigned char c) {
  return lex_class[c].flags & LC_IDENT;
}
/* U+3000 IDEOGRAPHIC SPACE at p (left bytes there) is whitespace to the
   lexer, although its bytes are identifier bytes. */
static inline int lex_is_wide_space(const char *p, size_t left) {
  return left >= 3 && (unsigned char)p[0] == 0xE3 &&
         (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x80;
}

typedef enum TokenKind {
  TK_IDENT,  /* identifier or keyword (keywords are matched at parse time) */
  TK_QIDENT, /* `backquoted` identifier */
  TK_STRING, /* '...' or "..." */
  TK_NUMBER, /* 123, 1.5, 1e3 */
  TK_PUNCT,  /* one character: ( ) , = ; . < > and the rest */
  TK_EOF     /* end of the statement */
} TokenKind;

typedef struct Token {
  uint8_t kind;   /* TokenKind */
  uint8_t hidden; /* masked in displayed source lines (possible secret) */
  uint8_t open : 1;  /* a string or quoted name that never closes */
  uint8_t plain : 1; /* a string with no backslash and no doubled quote */
  uint8_t tmpl : 1;  /* TK_IDENT: holds a template variable or <name>
                        (template.h), so it is a name or value unknown now */
  uint32_t off;   /* offset in the chunk text */
  uint32_t len;   /* bytes, quotes included */
} Token;

/* A lexical problem found while lexing a chunk. */
typedef enum LexErrKind {
  LE_UNTERMINATED_SQ,
  LE_UNTERMINATED_DQ,
  LE_UNTERMINATED_BQ,
  LE_UNTERMINATED_COMMENT,
  LE_HASH,
  LE_JINJA_QUOTE /* a lone quote in a {{ }} expression (template.h) */
} LexErrKind;

typedef struct LexErr {
  LexErrKind kind;
  uint32_t off;
} LexErr;

/* A comment, kept for suppression and expectation comments. */
typedef struct Comment {
  uint32_t off;
  uint32_t len;
} Comment;

typedef struct Lexed {
  Vec toks;     /* Token, ending with TK_EOF */
  Vec errs;     /* LexErr */
  Vec comments; /* Comment */
} Lexed;

/* Tokenizes c->text[c->stmt_start .. c->len).  Returns 0, or -1 on OOM. */
int lex_chunk(const Chunk *c, Lexed *out, int *oom);
void lex_release(Lexed *l);
/* A comment's text without its markers and surrounding blanks:
   [*s, *end). */
void lex_comment_text(const Chunk *c, const Comment *cm, const char **s,
                      const char **end);
/* Case-insensitive comparison of a token's text with an upper-case word. */
int lex_tok_is_word(const Chunk *c, const Token *t, const char *word);

/* String literal contents with StarRocks' unescaping (AstBuilder). */
char *lex_unescape_string(Arena *a, const char *s, size_t len);
/* The same for string token t of chunk c, faster for a plain one. */
char *lex_string_text(Arena *a, const Chunk *c, const Token *t);
/* Identifier text: backquotes removed (all of them, as StarRocks does). */
char *lex_ident_text(Arena *a, const char *s, size_t len);

/* ----------------------------------------------------------------- values.c */

/* Java Boolean.parseBoolean. */
int value_parse_bool(const char *v);
/* Hadoop Configuration.getBoolean: trimmed, true/false any case; -1 when
   the value is neither (Hadoop then uses the default). */
int value_parse_hadoop_bool(const char *v);
/* 1 when the value is one of the NULL-terminated list (case-insensitive if
   icase). */
int value_in(const char *v, const char *const *list, int icase);
/* Substrings that mark a documentation placeholder, and for each first
   character of one (either case) 1 + the index of the first it starts. */
extern const char *const value_placeholder_markers[];
extern const unsigned char value_placeholder_starts[256];
/* 1 when the value looks like a template placeholder left unfilled. */
int value_is_placeholder(const char *v);
/* 1 when the storage path uses s3://, s3a:// or s3n://. */
int value_is_s3_path(const char *v);
/* Java Integer.parseInt; returns 0 and sets *out, or -1. */
int value_parse_int(const char *v, long *out);
/* Java's Long.parseLong: 0 and *out, or -1. */
int value_parse_long(const char *v, long long *out);
/* Damerau-Levenshtein distance, capped at cap+1. */
size_t value_edit_distance(const char *a, const char *b, size_t cap);
/* A time zone as StarRocks' TimeUtils.checkTimeZoneValidAndStandardize
   reads it (timezone.c): 0 when accepted, -1 when rejected; norm (cap
   bytes, the caller's) gets the value as StarRocks names it in its
   message ("+8:00" becomes "+08:00"). */
int timezone_check(const char *value, char *norm, size_t cap);

/* An endpoint or URI, as parsed by value_parse_endpoint (values.c): slices
   of the value. */
typedef struct Endpoint {
  const char *scheme; /* NULL when there is none */
  size_t scheme_len;
  const char *host; /* without the brackets of an IPv6 literal */
  size_t host_len;
  int ipv6;  /* [IPv6] */
  int ipv4;  /* dotted IPv4 */
  long port; /* -1 when absent */
} Endpoint;

/* Parses an endpoint ([scheme://]host[:port][/path]).  Returns NULL when it
   is usable, else a phrase saying what is wrong ("the host is empty"). */
const char *value_parse_endpoint(const char *v, Endpoint *e);

/* ---------------------------------------------------------- rules.c, diag.c */

/* Rule ids, one per row of rules_sql.def and rules_values.def (rules.c). */
#define RULE(e, ...) e,
typedef enum RuleId {
#include "rules_sql.def"
#include "rules_values.def"
  R_COUNT
} RuleId;
#undef RULE

extern const pc_rule rules_table[R_COUNT];
/* The RuleId whose id is id[0..n), or -1 (rules.c). */
int rules_lookup(const char *id, size_t n);
/* The rule nearest to id[0..n), or NULL (rule_suggest.c). */
const pc_rule *rule_suggest(const char *id, size_t n);

/* The internal form of a finding: the public part first, then what the text
   renderer needs, captured when the finding is made (the chunk is gone by
   the time output is rendered). */
typedef struct Finding {
  pc_finding pub;
  const char *src_line; /* the source line, secrets masked, maybe windowed */
  uint32_t caret_col;   /* 0-based display column of the caret in src_line */
  uint32_t caret_len;   /* display width to underline (>= 1) */
  uint8_t rule;         /* its RuleId (pub.rule is that row's id string) */
} Finding;

/* The source a finding points into: a chunk and its tokens (for masking). */
typedef struct DiagSrc {
  const Chunk *chunk;
  const Token *toks; /* sorted by offset; may be NULL */
  size_t ntoks;
  const Comment *comments; /* sorted by offset; shown as *** (may be NULL) */
  size_t ncomments;
  int hide_all; /* the statement is broken (a lexical or syntax error): every
                   token but punctuation and SQL keywords is shown as *** */
} DiagSrc;

/* Makes s[0..n) safe to show on a terminal or in a CI log, in place and
   keeping its length: C0 controls (but a tab when keep_tab) and DEL become
   '?', C1 controls '\xC2\xBF' and the bidirectional controls (U+061C,
   U+200E/F, U+202A-E, U+2066-9) U+FFFD, so that no text read from a file can
   start an escape sequence, a workflow command on a new line, or reorder
   what is shown. */
void diag_scrub(char *s, size_t n, int keep_tab);

/* 1 when token t is shown as *** in the source lines of src (hidden, or any
   value-like token of a broken statement); a message never quotes it. */
int diag_tok_masked(const DiagSrc *src, const Token *t);
/* The user-info of the first URI in s[0..n) ("scheme://user:pass@"): sets
   [*a, *b) to the bytes between "://" and '@' and returns 1, or returns 0.
   A ':' before the first '/' also takes a secret holding '/' (AWS secret
   keys do) up to the '@'. */
int diag_uri_userinfo(const char *s, size_t n, size_t *a, size_t *b);
/* s with every URI user-info replaced by ***, in a (s itself when it has
   none); NULL when out of memory. */
const char *diag_uri_redact(Arena *a, const char *s);

/* A copy of v's findings in a, in source order (findings_sort, through
   scratch); NULL when v is empty or memory ran out (a's oom flag set). */
Finding *diag_keep_sorted(Arena *a, Arena *scratch, const Vec *v);

/* Fills f (allocating strings in a) for a finding at chunk offset off. */
int diag_make(Finding *f, Arena *a, const DiagSrc *src, RuleId rule, size_t off,
              size_t len, const char *key, const char *msg);

/* Where findings go: the arena their text is kept in, the rule levels
   that decide whether (and how severely) each is made, the source they
   point into, and the owner's sticky out-of-memory flag.  A stage is given
   one; to collect findings elsewhere it copies it and changes a field. */
typedef struct DiagSink {
  Arena *keep;
  const uint8_t *level; /* pc_level per RuleId */
  DiagSrc src;
  int *oom;
} DiagSink;
/* Redoes the display lines of the findings in v from the sink's source (after
   hide_all was set). */
void diag_remask(const DiagSink *s, Vec *v);

/* Makes a finding of rule at source offset off (len bytes; key is the key
   it is about, or NULL) and appends it to into.  Returns it (valid until
   into grows), or NULL when the rule is off or memory ran out (*oom set).
   Control characters in the message become '?': a message is one line. */
Finding *diag_add(const DiagSink *s, Vec *into, RuleId rule, size_t off,
                  size_t len, const char *key, const char *fmt, ...)
    PC_PRINTF(7, 8);
Finding *diag_vadd(const DiagSink *s, Vec *into, RuleId rule, size_t off,
                   size_t len, const char *key, const char *fmt, va_list ap);
/* Gives f a related position: source offset off, about key (may be NULL). */
void diag_related(const DiagSink *s, Finding *f, size_t off, const char *key);
/* Attaches a safe fix to f: source bytes [off, off+len) become repl. */
void diag_fix(const DiagSink *s, Finding *f, size_t off, size_t len,
              const char *repl, const char *desc);

/* ----------------------------------------------------------------- parser.c */

typedef struct IamGrant IamGrant; /* iam.h */
typedef struct IamDoc IamDoc;     /* iam.h */

/* One property as written. */
typedef struct Prop {
  const char *key;           /* unescaped key (arena) */
  const char *val;           /* unescaped value (arena) */
  uint32_t key_off, key_len; /* source span of the key token */
  uint32_t val_off, val_len; /* source span of the value token */
  const KeySpec *spec;       /* known key, or NULL */
  int overridden;            /* a later entry with the same key wins */
  int placeholder;           /* value_is_placeholder(val), or templated */
  int templated;             /* the value holds a template variable: unknown
                                at lint time, never reported (template.h) */
  int key_templated;         /* the key does */
} Prop;

typedef struct PropList {
  Prop *v;
  size_t n;
  int present;       /* the list was written */
  uint32_t open_off; /* offset of its '(' */
} PropList;

/* A path-like string in the statement (DATA INFILE, LOCATIONS, ON LOCATION). */
typedef struct PathRef {
  const char *text;
  uint32_t off, len;
} PathRef;

/* One property-bearing statement (or FILES() call) found by the parser. */
typedef struct Target {
  pc_stmt_kind kind;
  uint32_t off;        /* first token of the statement or FILES */
  int syntax_error;    /* a syntax finding was made: StarRocks rejects the
                          statement, but what its property lists would mean
                          once fixed is still resolved */
  int list_broken;     /* a property list could not be read to its end:
                          its keys are incomplete, so it is not resolved */
  int doris;           /* written in Apache Doris' syntax: resolved only
                          when every key is one StarRocks reads */
  PropList props;      /* the credential / main list */
  PropList load_props; /* LOAD ... PROPERTIES (load options) */
  PathRef *paths;      /* DATA INFILE paths, LOCATIONS, ON LOCATION */
  size_t npaths;
  const char *sv_type; /* storage volume TYPE */
  uint32_t sv_type_off;
  const char *broker;  /* broker name, or NULL for broker-less */
  uint32_t broker_off; /* offset of the broker name */
  uint32_t broker_len; /* its length in bytes, quotes included */
  const char *name;    /* Databend: the connection's name */
  int writes;          /* INSERT INTO FILES: the statement writes to S3 */
  Vec findings;        /* Finding */
  IamGrant *grants;    /* what each credential needs (iam_derive) */
  size_t ngrants;
} Target;

/* One statement being checked: what every stage may touch, and nothing
   else (no stage sees the context). */
typedef struct Unit {
  const Chunk *chunk;
  Lexed lex;
  Arena *scratch;    /* freed after the statement */
  DiagSink sink;     /* findings: kept in the results arena */
  Vec targets;       /* Target */
  Vec loose;         /* Finding: findings outside any target */
  int *oom;          /* the context's sticky flag */
  KeyIndex *keys;    /* the key table's index */
  pc_file *file;     /* the open file: connections, disable-file, counts */
  Arena *file_arena; /* what must outlive a flush of the file's results */
  Finding *last;     /* what the last diag_unit call made, or NULL (its
                        rule is off): the finding diag_unit_fix fixes */
  const Vec *vars;   /* TemplateVar (template.h): the --var values */
} Unit;

/* Parses the chunk's tokens into targets (and syntax findings). */
void parse_unit(Unit *u);

/* Records a finding in t (or, when t is NULL, as a loose finding), through
   u->sink (diag.c). */
void diag_unit(Unit *u, Target *t, RuleId rule, size_t off, size_t len,
               const char *key, const char *fmt, ...) PC_PRINTF(7, 8);
/* Attaches a safe fix to the finding the last diag_unit call made (none
   when its rule is off): replace chunk bytes [off, off+len) with repl. */
void diag_unit_fix(Unit *u, size_t off, size_t len, const char *repl,
                   const char *desc);

/* Same, with the related position of a second key. */
void diag_unit_rel(Unit *u, Target *t, RuleId rule, size_t off, size_t len,
                   const char *key, size_t rel_off, const char *rel_key,
                   const char *fmt, ...) PC_PRINTF(9, 10);

/* --------------------------------------------------------------- resolve*.c */

typedef struct StmtResult {
  pc_auth auth[PC_SVC_COUNT];
  unsigned used; /* bit (1 << svc) when the service is used */
} StmtResult;

enum { KS_COUNT = 5 };

/* The effective property (last one wins) for each service and field. */
typedef struct View {
  const Prop *by[KS_COUNT][F_FIELD_COUNT];
  int glue_hadoop;          /* aws.glue booleans read by Hadoop's getBoolean */
  int glue_used;            /* the catalog's metastore is Glue */
  int rest_vended;          /* S3 credentials may be vended by a REST catalog */
  const char *catalog_type; /* canonical catalog type, NULL if unknown */
  const char *metastore;    /* canonical metastore / Iceberg catalog type */
  unsigned aws_factory;     /* bit 1 << KS_S3, KS_GLUE: that service's
                               client is IcebergAwsClientFactory's */
  int glue_both;            /* aws.glue read by HiveConf and by the Iceberg
                               client factory (unified); mode: the latter's */
} View;

/* The rest of this section is resolve_view.c, below every resolve_*.c. */

/* Rewrites each key as StarRocks stores it (trimmed; lower-cased where the
   statement's map ignores case) and looks its spec up again.  Before any
   other stage reads the keys. */
void view_normalize_keys(Unit *u, Target *t);
/* Fills v from a property list: the last entry of each known key wins. */
void view_build(View *v, const PropList *l);

/* Attaches a safe fix to the finding just made (diag_unit_fix): the contents of
   the quoted token at [off, off+len) become repl ("what 'repl'" describes it).
   Open tokens and tokens with escapes are left alone: not certain. */
void view_fix_contents(Unit *u, uint32_t off, uint32_t len, const char *repl,
                       const char *what);

/* Is a boolean property true, as the consumer of this key reads it? */
int view_bool(const View *v, const Prop *p);
/* p when it is set to a non-empty value, else NULL. */
const Prop *view_nonempty(const Prop *p);
/* Reports (missing-required-key) the key of svc/f when absent or empty. */
void view_require_key(Unit *u, Target *t, const View *v, KeySvc svc, Field f,
                      const char *why);
/* Where to point a finding about a key that is absent. */
size_t view_anchor(const Target *t);
/* The mode of service svc ("s3", "glue", "rest") when p, whose value holds
   a template variable, decides it: PC_MODE_UNKNOWN with p's key (the key
   table's static name), and a templated-mode note saying so. */
pc_auth view_unknown_mode(Unit *u, Target *t, const char *svc, const Prop *p);

/* Resolves one target: fills r and adds findings to t (resolve.c).
   Returns the effective properties (in u->scratch) for the stages after it,
   or NULL when out of memory. */
const View *resolve_target(Unit *u, Target *t, StmtResult *r);

/* The credential mode of aws.s3 or aws.glue (resolve_aws.c).  metastore is
   nonzero for the Glue metastore, which falls back to the SDK default chain
   when no mode is valid. */
pc_auth resolve_aws(Unit *u, Target *t, const View *v, KeySvc svc,
                    int metastore);

/* The legacy Hadoop S3A keys (fs.s3a.*) of broker-less transfers
   (resolve_legacy.c).  Returns 1 when they decide the S3 mode: *a is
   filled and v's S3 slots then hold the legacy keys, for the value checks
   and the IAM stage.  Returns 0 when resolve_aws decides it (after saying
   why any legacy key set is ignored). */
int resolve_legacy_s3(Unit *u, Target *t, View *v, pc_auth *a);

/* LOAD and EXPORT PROPERTIES (resolve_load.c): a load property's value
   when it is a word StarRocks checks (version, priority, timezone), and
   the keys EXPORT never reads there. */
void resolve_load_value(Unit *u, Target *t, const Prop *p);
void resolve_export_props(Unit *u, Target *t);

/* Value checks: ARNs, regions, access key ids, secrets, external ids,
   endpoints, REST signing, path style, plain-text credentials
   (resolve_values.c).  Called once per target after the map is built and
   the modes are resolved (r says which services are used). */
void resolve_check_values(Unit *u, Target *t, const View *v,
                          const StmtResult *r);

/* Aurora MySQL and Databend statements (resolve_dialects.c). */
void resolve_aurora(Unit *u, Target *t, const View *v, StmtResult *r);
void resolve_databend(Unit *u, Target *t, const View *v, StmtResult *r);

/* Catalog type, metastore and REST checks (resolve_catalog.c).  Sets
   v->glue_hadoop, v->glue_used, v->glue_both, v->rest_vended and
   v->aws_factory first
   (resolve_catalog_prepare), then checks and resolves the REST service
   (resolve_catalog_check). */
void resolve_catalog_prepare(const Target *t, View *v);
void resolve_catalog_check(Unit *u, Target *t, const View *v, StmtResult *r);
/* The REST service's mode of an Iceberg REST catalog, with its findings
   (resolve_rest.c; called by resolve_catalog_check). */
pc_auth resolve_rest(Unit *u, Target *t, const View *v);

/* --------------------------------------------------------------- suppress.c */

/* Applies the chunk's disable= comments to its findings, records its
   disable-file= comments in the current file, and applies those the file
   has so far. */
void suppress_unit(Unit *u);
/* Adds the findings about disable-file= comments that silenced nothing. */
void suppress_file_end(pc_file *file, int *oom);

/* ----------------------------------------------------------------- expect.c */

/* Reads the -- expect... comments before the chunk's statement into an
   array in the context's arena.  Returns 0, or -1 on OOM. */
int expect_unit(Unit *u, pc_expect **out, size_t *n);
/* Offset of the first expectation comment in the chunk. */
size_t expect_first_off(Unit *u);

/* ------------------------------------------------------------------ check.c */

struct pc_stmt {
  pc_expect *expects; /* -- expect comments before it */
  size_t nexpects;
  pc_policy *policies; /* with PC_OPT_POLICIES */
  size_t npolicies;
  pc_stmt_kind kind;
  pc_pos pos;
  StmtResult res;
  Finding *findings;
  size_t nfindings;
};

/* A -- propcheck: disable-file=RULE comment, active from where it is. */
typedef struct FileSuppression {
  RuleId rule;
  int used;       /* it silenced at least one finding */
  int has_unused; /* `unused` is set (the rule may be turned off) */
  Finding unused; /* the unused-suppression finding, made in advance */
} FileSuppression;

/* A Databend connection defined earlier in the file. */
typedef struct NamedConnection {
  const char *name; /* in the context's file_arena */
  pc_auth auth;
} NamedConnection;

/* A file.  It and what must outlive a flush (pc_stream_flush) of its
   results - path, connections, disable-file comments - live in the
   context's file_arena; statements and findings in its arena. */
struct pc_file {
  const char *path;
  Vec connections;        /* NamedConnection */
  Vec stmts;              /* pc_stmt * */
  Vec findings;           /* Finding */
  Vec file_supp;          /* FileSuppression */
  size_t suppressed;      /* findings silenced in this file */
  uint32_t seen[R_COUNT]; /* findings kept so far, per rule */
};

/* An open file is fed bytes (pc_file_feed) or batches, not both. */
typedef enum FeedKind { FED_NOTHING, FED_BYTES, FED_BATCHES } FeedKind;

struct pc_ctx {
  pc_options opt;
  int oom;              /* sticky allocation failure */
  Arena arena;          /* results: statements, findings, strings */
  Arena file_arena;     /* files (see pc_file) */
  Arena scratch;        /* one statement's working memory, reset after it */
  pc_summary forgotten; /* counts of the results a flush handed back */
  KeyIndex *keys;
  Vec files;    /* pc_file * */
  pc_file *cur; /* file being fed, or NULL */
  Splitter split;
  FeedKind fed; /* how the open file has been fed so far */
  /* A statement's token, error, comment and target vectors, kept empty
     between statements so that each does not allocate them anew. */
  Lexed lex_spare;
  Vec targets_spare;
  uint8_t level[R_COUNT]; /* pc_level per rule, 0 = default */
  Vec policies;           /* const IamDoc *: the documents checked against
                             (pc_ctx_use_policies, pc_ctx_add_policy) */
  pc_policies *own;       /* the documents of pc_ctx_add_policy, or NULL */
  int rechecking;         /* a context of fix_safety's re-check: its own
                             fixes are not re-checked (check.c) */
  Vec vars;               /* TemplateVar: pc_ctx_set_var (template.h) */
};

/* A unit for chunk c in ctx's open file (or none), working in scratch; its
   findings go to ctx's results arena under ctx's rule levels. */
void check_unit_init(Unit *u, pc_ctx *ctx, const Chunk *c, Arena *scratch);
/* Lexes the unit's chunk and points its sink at the tokens (for masking);
   0, or -1 when out of memory. */
int check_unit_lex(Unit *u);
/* Checks one statement that the fast path (fastpath_may_matter) let through,
   in ctx's open file (check.c). */
void check_chunk(pc_ctx *ctx, const Chunk *c);
/* The splitter's OversizeFn for a context (user is the pc_ctx). */
void check_oversize(void *user, uint64_t off, uint32_t line, uint32_t col,
                    size_t limit, int comments);

/* A new file record named path, appended to ctx->files (results.c); NULL
   when out of memory. */
pc_file *results_file_new(pc_ctx *ctx, const char *path);
/* Frees a file record's vectors (its arenas are the context's). */
void results_file_release(pc_file *f);
/* Forgets what a stream has written: every file but the open one, and the
   open one's statements and findings, counting them in ctx->forgotten. */
void results_forget_rendered(pc_ctx *ctx);

#endif /* PC_INTERNAL_H */
