/*
 * split.c - cut a byte stream into statements, fed in chunks of any size.
 *
 * The splitter follows StarRocks' lexical rules just far enough to know
 * whether a ';' ends a statement: it tracks single- and double-quoted strings
 * (with backslash escapes; a doubled quote closes and reopens the string,
 * which comes to the same thing), backquoted identifiers, "--" comments (no
 * space needed after the dashes) and block comments.  '#' is an ordinary
 * byte here: StarRocks has no '#' comments, and the lexer reports it.
 *
 * Only the current statement is held in memory, plus the start of the line
 * it begins on (so that findings can show the whole line).  A statement over
 * the size limit is reported once and its bytes are dropped up to its ';'.
 */
#include <string.h>

#include "block64.h"
#include "pc_internal.h"

static const unsigned char BOM[3] = {0xEF, 0xBB, 0xBF};

/* The most of a previous statement's last line kept before the next one. */
enum { PREFIX_MAX = 256 };

void split_init(Splitter *s, size_t max_bytes, ChunkFn fn, OversizeFn ofn,
                void *user, int *oom) {
  memset(s, 0, sizeof *s);
  s->max_bytes = max_bytes;
  s->base_line = 1;
  s->base_col = 1;
  s->content_at = SIZE_MAX;
  s->on_chunk = fn;
  s->on_oversize = ofn;
  s->user = user;
  s->oom = oom;
}

void split_release(Splitter *s) { buf_release(&s->buf); }

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* The bytes held, as a chunk whose statement starts at stmt_start. */
static Chunk held(const Splitter *s, size_t stmt_start) {
  Chunk c = {0};
  c.text = s->buf.data;
  c.len = s->buf.len;
  c.stmt_start = stmt_start;
  c.base_offset = s->base_offset;
  c.base_line = s->base_line;
  c.base_col = s->base_col;
  return c;
}

/* Line and column just after the bytes held in buf. */
static void end_position(const Splitter *s, uint32_t *line, uint32_t *col) {
  Chunk c = held(s, 0);
  pc_pos p = diag_pos(&c, s->buf.len);
  *line = p.line;
  *col = p.column;
}

/* The number of '\n' in p[0..n), eight bytes at a time. */
static size_t count_newlines(const char *p, size_t n) {
  const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
  size_t count = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    w ^= ones * '\n'; /* a newline byte is now 0 */
    /* high bit of each byte: set when the byte is not 0 */
    uint64_t nonzero = ((w & low7) + low7) | w;
    uint64_t zero = ~nonzero & (ones << 7);
    count += (size_t)(((zero >> 7) * ones) >> 56);
  }
  for (; i < n; i++)
    count += p[i] == '\n';
  return count;
}

/* After a statement ends: keep only the tail of its last line. */
static void keep_prefix(Splitter *s) {
  char *d = s->buf.data;
  size_t n = s->buf.len;
  size_t cut = n;
  while (cut > 0 && d[cut - 1] != '\n')
    cut--;
  if (cut > 0) {
    s->base_line += (uint32_t)count_newlines(d, cut);
    s->base_col = 1;
  }
  if (n - cut > PREFIX_MAX) {
    size_t drop = n - PREFIX_MAX;
    while (drop < n && is_cont((unsigned char)d[drop]))
      drop++;
    for (size_t i = cut; i < drop; i++)
      if (!is_cont((unsigned char)d[i]))
        s->base_col++;
    cut = drop;
  }
  if (n > cut) /* d is NULL when nothing could be held */
    memmove(d, d + cut, n - cut);
  s->buf.len = n - cut;
  if (s->buf.data)
    s->buf.data[s->buf.len] = '\0';
  s->base_offset += cut;
  s->stmt_start = s->buf.len;
  s->content_at = SIZE_MAX;
  s->dropped_lead = 0;
}

/* Ends the statement at a ';'; the next statement starts at next_off. */
static void emit(Splitter *s, uint64_t next_off) {
  if (s->discarding) {
    s->discarding = 0;
    s->buf.len = 0;
    s->stmt_start = 0;
    s->content_at = SIZE_MAX;
    s->base_offset = next_off;
    return;
  }
  Chunk c = held(s, s->stmt_start);
  c.complete = 1;
  c.content_at = s->content_at;
  s->on_chunk(s->user, &c);
  keep_prefix(s);
}

/* Counts bytes dropped from an oversize statement (for positions). */
static void skip_bytes(Splitter *s, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '\n') {
      s->base_line++;
      s->base_col = 1;
    } else if (!is_cont(c)) {
      s->base_col++;
    }
  }
}

/* The statement grew past the limit: report it and drop what is held. */
static void start_discarding(Splitter *s) {
  Chunk c = held(s, 0);
  size_t at = s->content_at < s->buf.len ? s->content_at : s->stmt_start;
  pc_pos start = diag_pos(&c, at);
  if (s->on_oversize)
    s->on_oversize(s->user, s->base_offset + at, start.line, start.column,
                   s->max_bytes, 0);
  uint32_t line, col;
  end_position(s, &line, &col);
  s->base_line = line;
  s->base_col = col;
  s->discarding = 1;
  s->buf.len = 0;
  s->stmt_start = 0;
  s->content_at = SIZE_MAX;
}

/* Drops the bytes held; positions move past them. */
static void forget_held(Splitter *s) {
  uint32_t line, col;
  end_position(s, &line, &col);
  s->base_offset += s->buf.len;
  s->base_line = line;
  s->base_col = col;
  s->buf.len = 0;
  s->stmt_start = 0;
}

/* The blanks and comments before a statement grew past the limit: report
   it once and drop what is held (positions still count the bytes). */
static void drop_lead(Splitter *s) {
  if (!s->dropped_lead && s->on_oversize) {
    Chunk c = held(s, 0);
    pc_pos start = diag_pos(&c, s->stmt_start);
    s->on_oversize(s->user, s->base_offset + s->stmt_start, start.line,
                   start.column, s->max_bytes, 1);
  }
  s->dropped_lead = 1;
  forget_held(s);
}

/* After drop_lead, the rest of the blanks and comments before the
   statement is not held either: only counted, so that the statement's text
   starts at its first byte of content (never inside a comment). */
static void skip_lead(Splitter *s, const char *p, size_t n) {
  skip_bytes(s, p, n);
  s->base_offset += n;
}

/* Appends p[0..n) to the statement, never holding more than the limit of
   content, nor more than the limit of blanks and comments before it. */
static void take(Splitter *s, const char *p, size_t n) {
  while (n > 0 && !s->discarding) {
    if (s->dropped_lead && s->content_at == SIZE_MAX) {
      skip_lead(s, p, n);
      return;
    }
    size_t k = n;
    if (s->content_at != SIZE_MAX) {
      size_t end = s->content_at + s->max_bytes + 1; /* first byte too many */
      k = end > s->buf.len ? end - s->buf.len : 0;
      if (k > n)
        k = n;
    }
    if (k == 0 || buf_append(&s->buf, p, k) != 0) {
      if (k)
        *s->oom = 1;
      return;
    }
    p += k;
    n -= k;
    if (s->content_at < s->buf.len && s->buf.len - s->content_at > s->max_bytes)
      start_discarding(s);
    else if (s->content_at == SIZE_MAX &&
             s->buf.len - s->stmt_start > s->max_bytes)
      drop_lead(s);
  }
  if (s->discarding)
    skip_bytes(s, p, n);
}

/* The bytes that can change the state, by state: what scan stops at. */
typedef enum Stops {
  ST_LEAD,   /* SP_NORMAL before the statement's first byte: not blank */
  ST_NORMAL, /* SP_NORMAL: quotes, ';', '-', '/', '*' */
  ST_SQ,     /* SP_SQ: ' and backslash */
  ST_DQ,     /* SP_DQ: " and backslash */
  ST_BQ,     /* SP_BQ: ` */
  ST_LINE,   /* SP_LINE_COMMENT: newline */
  ST_BLOCK,  /* SP_BLOCK_COMMENT: '*' and '/' */
  ST_COUNT
} Stops;

#define STOP(k) (1u << (k))

/* The stops as a byte table (for ST_LEAD: the blanks, which it is not).
   split_stop_mask's vector tests say the same; test_split checks it. */
static const unsigned char stop_table[256] = {
    [' '] = STOP(ST_LEAD),
    ['\t'] = STOP(ST_LEAD),
    ['\n'] = STOP(ST_LEAD) | STOP(ST_LINE),
    ['\r'] = STOP(ST_LEAD),
    ['\0'] = STOP(ST_LEAD),
    ['\''] = STOP(ST_NORMAL) | STOP(ST_SQ),
    ['"'] = STOP(ST_NORMAL) | STOP(ST_DQ),
    ['`'] = STOP(ST_NORMAL) | STOP(ST_BQ),
    [';'] = STOP(ST_NORMAL),
    ['-'] = STOP(ST_NORMAL),
    ['/'] = STOP(ST_NORMAL) | STOP(ST_BLOCK),
    ['*'] = STOP(ST_NORMAL) | STOP(ST_BLOCK),
    ['\\'] = STOP(ST_SQ) | STOP(ST_DQ)};

uint64_t split_stop_mask(int kind, const unsigned char *b, int by_table) {
  uint64_t m = 0;
  if (by_table) {
    m = block64_where_table(b, stop_table, STOP(kind));
    return kind == ST_LEAD ? ~m : m;
  }
#ifdef BLOCK64_VECTOR
  switch ((Stops)kind) {
  case ST_LEAD:
    BLOCK64_WHERE(m, b, v,
                  (v == ' ') | (v == '\t') | (v == '\n') | (v == '\r') |
                      (v == 0));
    return ~m;
  case ST_NORMAL:
    BLOCK64_WHERE(m, b, v,
                  (v == '\'') | (v == '"') | (v == '`') | (v == ';') |
                      (v == '-') | (v == '/') | (v == '*'));
    return m;
  case ST_SQ:
    BLOCK64_WHERE(m, b, v, (v == '\'') | (v == '\\'));
    return m;
  case ST_DQ:
    BLOCK64_WHERE(m, b, v, (v == '"') | (v == '\\'));
    return m;
  case ST_BQ:
    BLOCK64_WHERE(m, b, v, v == '`');
    return m;
  case ST_LINE:
    BLOCK64_WHERE(m, b, v, v == '\n');
    return m;
  case ST_BLOCK:
  case ST_COUNT:
    BLOCK64_WHERE(m, b, v, (v == '*') | (v == '/'));
    return m;
  }
  return m;
#else
  return split_stop_mask(kind, b, 1);
#endif
}

/* One 64-byte block of the input and the masks of its stops, each made
   when first asked for. */
typedef struct Block {
  const char *p;
  size_t n;
  size_t at; /* offset of the block in p (SIZE_MAX: none yet) */
  const unsigned char *b;
  uint64_t valid; /* bits of bytes before n */
  unsigned have;  /* bit k: m[k] is made */
  uint64_t m[ST_COUNT];
  unsigned char pad[BLOCK64];
} Block;

/* The first stop of kind k at or after i, or n. */
static size_t next_stop(Block *bl, Stops k, size_t i) {
  while (i < bl->n) {
    size_t at = i & ~(size_t)(BLOCK64 - 1);
    if (at != bl->at) {
      bl->at = at;
      bl->b = block64_at(bl->p, bl->n, at, bl->pad, ' ');
      bl->valid = bl->n - at >= BLOCK64 ? ~(uint64_t)0
                                        : ((uint64_t)1 << (bl->n - at)) - 1;
      bl->have = 0;
    }
    if (!(bl->have & (1u << k))) {
      bl->m[k] = split_stop_mask(k, bl->b, 0) & bl->valid;
      bl->have |= 1u << k;
    }
    uint64_t m = bl->m[k] >> (i - at);
    if (m)
      return i + block64_first(m);
    i = at + BLOCK64;
  }
  return bl->n;
}

/* Runs the state machine over p[0..n); all bytes are taken.  Only the
   bytes that can change the current state are looked at: a block's worth
   of others is passed over at once. */
static void scan(Splitter *s, const char *p, size_t n) {
  static const Stops stops_of[] = {[SP_NORMAL] = ST_NORMAL,
                                   [SP_SQ] = ST_SQ,
                                   [SP_DQ] = ST_DQ,
                                   [SP_BQ] = ST_BQ,
                                   [SP_LINE_COMMENT] = ST_LINE,
                                   [SP_BLOCK_COMMENT] = ST_BLOCK};
  Block bl;
  bl.p = p;
  bl.n = n;
  bl.at = SIZE_MAX;
  size_t run = 0;     /* start of bytes not yet taken */
  size_t prev_at = 0; /* s->prev is the byte before p[prev_at] */
  size_t i = 0;
  if (s->escape && n > 0) { /* the byte after a backslash */
    s->escape = 0;
    i = 1;
  }
  for (;; i++) {
    Stops k = stops_of[s->state];
    if (k == ST_NORMAL && s->content_at == SIZE_MAX && !s->discarding)
      k = ST_LEAD;
    i = next_stop(&bl, k, i);
    if (i >= n)
      break;
    int c = (unsigned char)p[i];
    int prev = prev_at == i ? s->prev : 0;
    prev_at = i + 1;
    switch (s->state) {
    case SP_NORMAL:
      if (k == ST_LEAD && c != ';') {
        /* Blanks and comments over the limit before it are reported and
           dropped, however the input was cut into pieces. */
        if (!s->dropped_lead &&
            s->buf.len - s->stmt_start + (i - run) > s->max_bytes)
          drop_lead(s);
        if (s->dropped_lead) { /* the statement starts here */
          skip_lead(s, p + run, i - run);
          run = i;
        }
        s->content_at = s->buf.len + (i - run);
      }
      if (!(stop_table[c] & STOP(ST_NORMAL))) { /* a plain run starts */
        s->prev = 0;
        break;
      }
      if (c == '\'') {
        s->state = SP_SQ;
      } else if (c == '"') {
        s->state = SP_DQ;
      } else if (c == '`') {
        s->state = SP_BQ;
      } else if ((c == '-' && prev == '-') || (c == '*' && prev == '/')) {
        s->state = c == '-' ? SP_LINE_COMMENT : SP_BLOCK_COMMENT;
        /* the first '-' or '/' started a comment, not content */
        if (s->content_at + 1 == s->buf.len + (i - run)) {
          s->content_at = SIZE_MAX;
          if (s->dropped_lead && s->buf.len) /* it was held: drop it too */
            forget_held(s);
        }
      } else if (c == ';') {
        take(s, p + run, i + 1 - run);
        run = i + 1;
        s->prev = 0;
        emit(s, s->offset + i + 1);
        break;
      }
      s->prev = s->state == SP_NORMAL ? c : 0;
      break;
    case SP_SQ:
    case SP_DQ:
      if (c == '\\') {
        if (i + 1 == n)
          s->escape = 1;
        i++; /* the byte after it, whatever it is, stays in the string */
      } else {
        s->state = SP_NORMAL;
      }
      s->prev = 0;
      break;
    case SP_BQ:
    case SP_LINE_COMMENT:
      s->state = SP_NORMAL;
      s->prev = 0;
      break;
    case SP_BLOCK_COMMENT:
      if (c == '/' && prev == '*')
        s->state = SP_NORMAL;
      s->prev = c == '*' ? c : 0;
      break;
    }
  }
  if (prev_at != n)
    s->prev = 0;
  take(s, p + run, n - run);
  s->offset += n;
}

void split_feed(Splitter *s, const char *p, size_t n) {
  /* A UTF-8 byte order mark at the start of the file is not part of the
     text; hold its bytes until we know. */
  while (!s->started && n > 0) {
    if ((unsigned char)*p == BOM[s->bom_pending]) {
      s->bom_pending++;
      p++;
      n--;
      if (s->bom_pending == sizeof BOM) {
        s->started = 1;
        s->offset = s->base_offset = sizeof BOM;
      }
    } else {
      size_t held = s->bom_pending;
      s->started = 1;
      if (held)
        scan(s, (const char *)BOM, held);
    }
  }
  if (n > 0)
    scan(s, p, n);
}

void split_finish(Splitter *s) {
  if (!s->started && s->bom_pending) {
    s->started = 1;
    scan(s, (const char *)BOM, s->bom_pending);
  }
  if (s->discarding) {
    s->discarding = 0;
    return;
  }
  if (s->buf.len > s->stmt_start) {
    Chunk c = held(s, s->stmt_start);
    s->on_chunk(s->user, &c);
  }
  s->buf.len = 0;
  s->stmt_start = 0;
}
