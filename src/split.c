/*
 * split.c - cut a byte stream into statements, fed in chunks of any size.
 *
 * The splitter follows StarRocks' lexical rules just far enough to know
 * whether a ';' ends a statement: it tracks single- and double-quoted strings
 * (with backslash escapes; a doubled quote closes and reopens the string,
 * which comes to the same thing), backquoted identifiers, "--" comments (no
 * space needed after the dashes) and block comments.  '#' is an ordinary
 * byte here: StarRocks has no '#' comments (StarRocksLex.g4 has no rule
 * for it), and the lexer reports it.  Jinja blocks ({# ... #}, {% ... %})
 * are read like block comments, as the lexer does (template.h): a quote or
 * ';' inside one is Jinja's, filled in before StarRocks sees the SQL.
 *
 * Only the current statement is held in memory, plus the start of the line
 * it begins on (so that findings can show the whole line).  A statement over
 * the size limit is reported once and its bytes are dropped up to its ';'.
 */
#include <string.h>

#include "block64.h"
#include "pc_internal.h"
#include "split_mask.h"

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

void split_restart(Splitter *s, size_t max_bytes, ChunkFn fn, OversizeFn ofn,
                   void *user, int *oom) {
  Buf keep = s->buf; /* the last file's buffer, reused */
  split_init(s, max_bytes, fn, ofn, user, oom);
  s->buf = keep;
  s->buf.len = 0;
}

void split_trim(Splitter *s) {
  enum { KEEP = 64 * 1024 }; /* a buffer kept for the next file, at most */
  if (s->buf.cap > KEEP)
    split_release(s);
}

void split_release(Splitter *s) { buf_release(&s->buf); }

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
  pc_pos p = source_pos(&c, s->buf.len);
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

/* After a statement ends, only the tail of its last line is kept: the held
   text is d[0..n), whose last '\n' ends at cut (0: it has none), with nl
   newlines before cut.  Moves the positions past what is dropped and
   returns how many bytes to drop from the start. */
static size_t prefix_cut(Splitter *s, const char *d, size_t n, size_t cut,
                         size_t nl) {
  if (cut > 0) {
    s->base_line += (uint32_t)nl;
    s->base_col = 1;
  }
  if (n - cut > PREFIX_MAX) {
    size_t drop = n - PREFIX_MAX;
    while (drop < n && utf8_is_cont((unsigned char)d[drop]))
      drop++;
    s->base_col += utf8_cols(d + cut, drop - cut);
    cut = drop;
  }
  s->base_offset += cut;
  s->stmt_start = n - cut;
  s->content_at = SIZE_MAX;
  s->dropped_lead = 0;
  return cut;
}

/* prefix_cut on the text held in buf. */
static void keep_prefix(Splitter *s) {
  char *d = s->buf.data;
  size_t n = s->buf.len;
  size_t cut = n;
  while (cut > 0 && d[cut - 1] != '\n')
    cut--;
  cut = prefix_cut(s, d, n, cut, cut ? count_newlines(d, cut) : 0);
  if (n > cut) /* d is NULL when nothing could be held */
    memmove(d, d + cut, n - cut);
  s->buf.len = n - cut;
  if (s->buf.data)
    s->buf.data[s->buf.len] = '\0';
}

/* The statement held was over the limit: it ends at a ';' unreported. */
static void end_discarding(Splitter *s, uint64_t next_off) {
  s->discarding = 0;
  s->buf.len = 0;
  s->stmt_start = 0;
  s->content_at = SIZE_MAX;
  s->base_offset = next_off;
}

/* Hands the statement held in buf to on_chunk, then keeps its last line. */
static void emit(Splitter *s) {
  Chunk c = held(s, s->stmt_start);
  c.complete = 1;
  c.content_at = s->content_at;
  s->on_chunk(s->user, &c);
  keep_prefix(s);
}

/* Counts bytes dropped from an oversize statement (for positions): what
   source_advance does, written out here because a call from the scan loop,
   where this is inlined, costs every statement (+150 instructions). */
static void skip_bytes(Splitter *s, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '\n') {
      s->base_line++;
      s->base_col = 1;
    } else if (!utf8_is_cont(c)) {
      s->base_col++;
    }
  }
}

/* The statement grew past the limit: report it and drop what is held. */
static void start_discarding(Splitter *s) {
  Chunk c = held(s, 0);
  size_t at = s->content_at < s->buf.len ? s->content_at : s->stmt_start;
  pc_pos start = source_pos(&c, at);
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
    pc_pos start = source_pos(&c, s->stmt_start);
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

/* ---- Finding the bytes that matter, 64 at a time ----

   The state machine only needs the bytes that can change its state: in a
   string its quote and backslash, in a comment the end of line or a star
   (of star-slash), elsewhere quotes, ';', and '-' and '/' (of the comment
   openers).
   Each block of 64 bytes is classified once per class it is asked for, and
   scan jumps from one stop to the next.  Newlines are counted as blocks go
   by, so that a statement's lines need no second pass. */

uint64_t split_class_mask(int k, const unsigned char *b, int how) {
#ifdef BLOCK64_AVX2
  if (how == 2 && have_avx2())
    return class_mask_avx2(k, b);
#endif
  return class_mask(k, b, how == 1);
}

/* One 64-byte block of p[0..n) and its classes, each made when first asked
   for; newlines are counted from the start of p. */
typedef struct Block {
  const char *p;
  size_t n;
  size_t at; /* offset of the block in p (SIZE_MAX: none yet) */
  const unsigned char *b;
  uint64_t valid; /* bits of the bytes before n */
  unsigned have;  /* bit k: m[k] is made */
  int avx2;       /* the CPU has AVX2 (x86-64 only) */
  uint64_t m[K_COUNT];
  size_t nl_before;      /* newlines in p[0..at) */
  size_t last_nl_before; /* 1 + offset of the last of them, 0: none */
  unsigned char pad[BLOCK64];
} Block;

static void block_init(Block *bl, const char *p, size_t n) {
  bl->avx2 = have_avx2();
  bl->p = p;
  bl->n = n;
  bl->at = SIZE_MAX;
  bl->nl_before = 0;
  bl->last_nl_before = 0;
}

static inline uint64_t below(size_t k) {
  return k >= BLOCK64 ? ~(uint64_t)0 : ((uint64_t)1 << k) - 1;
}

static inline uint64_t block_class(Block *bl, ByteClass k) {
  if (!(bl->have & K(k))) {
#ifdef BLOCK64_AVX2
    bl->m[k] =
        (bl->avx2 ? class_mask_avx2(k, bl->b) : class_mask(k, bl->b, 0)) &
        bl->valid;
#else
    bl->m[k] = class_mask(k, bl->b, 0) & bl->valid;
#endif
    bl->have |= K(k);
  }
  return bl->m[k];
}

/* Makes the block at offset at current.  Blocks come one after another:
   every search for a stop starts in the current block or the next one (at
   most two bytes past a stop) and goes through each block on its way, so
   the newlines of every block are counted. */
static void block_load(Block *bl, size_t at) {
  if (bl->at != SIZE_MAX) {
    uint64_t nl = bl->m[K_NL];
    bl->nl_before += block64_count(nl);
    if (nl)
      bl->last_nl_before = bl->at + block64_last(nl) + 1;
  }
  bl->at = at;
  bl->b = block64_at(bl->p, bl->n, at, bl->pad, ' ');
  bl->valid = below(bl->n - at);
  bl->have = 0;
  block_class(bl, K_NL); /* always: lines are counted */
}

/* Newlines in p[0..x), and 1 + the offset of the last of them (0: none),
   for x in the current block or at its end (not before it). */
static inline size_t nl_upto(const Block *bl, size_t x) {
  return bl->nl_before + block64_count(bl->m[K_NL] & below(x - bl->at));
}

static inline size_t last_nl_upto(const Block *bl, size_t x) {
  uint64_t m = bl->m[K_NL] & below(x - bl->at);
  return m ? bl->at + block64_last(m) + 1 : bl->last_nl_before;
}

/* What scan stops at, by state. */
typedef enum Stops {
  ST_LEAD,   /* SP_NORMAL before the statement's first byte: not blank */
  ST_NORMAL, /* SP_NORMAL: quotes, ';', '-', '/' */
  ST_SQ,
  ST_DQ,
  ST_BQ,
  ST_LINE,
  ST_BLOCK, /* '*' */
  ST_JINJA  /* '#' and '%' */
} Stops;

static inline uint64_t stops(Block *bl, Stops k) {
  switch (k) {
  case ST_LEAD:
    return ~block_class(bl, K_BLANK) & bl->valid;
  case ST_NORMAL:
    return block_class(bl, K_NORMAL);
  case ST_SQ:
    return block_class(bl, K_SQ);
  case ST_DQ:
    return block_class(bl, K_DQ);
  case ST_BQ:
    return block_class(bl, K_BQ);
  case ST_LINE:
    return bl->m[K_NL];
  case ST_BLOCK:
    return block_class(bl, K_STAR);
  case ST_JINJA:
    return block_class(bl, K_JINJA);
  }
  return 0;
}

/* The first stop of kind k at or after i, or n. */
static inline size_t next_stop(Block *bl, Stops k, size_t i) {
  while (i < bl->n) {
    size_t at = i & ~(size_t)(BLOCK64 - 1);
    if (at != bl->at)
      block_load(bl, at);
    uint64_t m = stops(bl, k) >> (i - at);
    if (m)
      return i + block64_first(m);
    i = at + BLOCK64;
  }
  return bl->n;
}

/* A comment opens at p[i] (its first byte was the last one held when
   i == 0 and the pair was cut by the end of a feed): when that byte was
   taken for the statement's first byte, it was not. */
static void open_comment(Splitter *s, size_t i, size_t run, int carried) {
  size_t first = s->buf.len + (i - run) - (carried ? 1 : 0);
  if (s->content_at == first) {
    s->content_at = SIZE_MAX;
    if (s->dropped_lead && s->buf.len) /* it was held: drop it too */
      forget_held(s);
  }
}

/* The statement p[run..end) ends at a ';' (end is just after it).  When
   nothing of it is held in buf and it is within the limit, on_chunk reads
   it where it is; otherwise it is taken into buf first.  Either way, the
   tail of its last line stays as the next statement's prefix: in p when it
   can (run moves), in buf when it must. */
static void emit_at(Splitter *s, const Block *bl, const char *p, size_t *run,
                    size_t *run_nl, size_t end) {
  if (s->discarding) {
    take(s, p + *run, end - *run);
    end_discarding(s, s->offset + end);
  } else if (s->buf.len == 0 && end - *run <= s->max_bytes) {
    Chunk c = {0};
    c.text = p + *run;
    c.len = end - *run;
    c.stmt_start = s->stmt_start;
    c.base_offset = s->base_offset;
    c.base_line = s->base_line;
    c.base_col = s->base_col;
    c.complete = 1;
    c.content_at = s->content_at;
    s->on_chunk(s->user, &c);
    size_t last = last_nl_upto(bl, end);
    size_t cut = last > *run ? last - *run : 0;
    size_t nl = nl_upto(bl, end);
    *run += prefix_cut(s, c.text, c.len, cut, cut ? nl - *run_nl : 0);
    *run_nl = nl;
    return;
  } else {
    size_t from_p = end - *run; /* the last bytes of buf come from p */
    take(s, p + *run, from_p);
    if (s->discarding) {
      end_discarding(s, s->offset + end);
    } else {
      emit(s);
      if (s->buf.len <= from_p &&
          memcmp(s->buf.data, p + end - s->buf.len, s->buf.len) == 0) {
        /* the prefix is in p (and holds no newline): leave it there */
        *run = end - s->buf.len;
        *run_nl = nl_upto(bl, end);
        s->buf.len = 0;
        return;
      }
    }
  }
  *run = end;
  *run_nl = nl_upto(bl, end);
}

/* Where the quoted run (state's stops k) that goes on at p[i] ends: the
   offset of its closing quote, or n when the feed ends first (s->escape
   then says whether it ended on a backslash). */
static inline size_t quote_end(Splitter *s, Block *bl, Stops k, size_t i) {
  for (;;) {
    i = next_stop(bl, k, i);
    if (i >= bl->n || bl->p[i] != '\\')
      return i;
    if (i + 1 == bl->n) {
      s->escape = 1;
      return bl->n;
    }
    i += 2; /* the byte after a backslash, whatever it is, stays quoted */
  }
}

/* Where the comment (state st) that goes on at p[i] ends: the offset of
   its last byte, or n when the feed ends first (s->prev then holds a star
   that may start the star-slash). */
static inline size_t comment_end(Splitter *s, Block *bl, SplitState st,
                                 size_t i) {
  if (st == SP_LINE_COMMENT)
    return next_stop(bl, ST_LINE, i);
  for (;; i++) {
    i = next_stop(bl, ST_BLOCK, i); /* a star */
    if (i >= bl->n)
      return bl->n;
    if (i + 1 == bl->n) {
      s->prev = '*';
      return bl->n;
    }
    if (bl->p[i + 1] == '/')
      return i + 1;
  }
}

/* Where the Jinja block (state st) that goes on at p[i] ends: the offset
   of its last byte ('}' of #} or %}), or n when the feed ends first
   (s->prev then holds a '#' or '%' that may start its end). */
static inline size_t jinja_end(Splitter *s, Block *bl, SplitState st,
                               size_t i) {
  char mark = st == SP_JINJA_COMMENT ? '#' : '%';
  for (;; i++) {
    i = next_stop(bl, ST_JINJA, i);
    if (i >= bl->n)
      return bl->n;
    if (bl->p[i] != mark)
      continue;
    if (i + 1 == bl->n) {
      s->prev = mark;
      return bl->n;
    }
    if (bl->p[i + 1] == '}')
      return i + 1;
  }
}

/* The state a comment-like opener at p[0..1] starts, or SP_NORMAL. */
static inline SplitState opener(int a, int b) {
  if (a == '-' && b == '-')
    return SP_LINE_COMMENT;
  if (a == '/' && b == '*')
    return SP_BLOCK_COMMENT;
  if (a == '{' && (b == '#' || b == '%'))
    return b == '#' ? SP_JINJA_COMMENT : SP_JINJA_BLOCK;
  return SP_NORMAL;
}

/* The end of the comment or Jinja block (state st) that goes on at p[i]. */
static inline size_t commentish_end(Splitter *s, Block *bl, SplitState st,
                                    size_t i) {
  return st >= SP_JINJA_COMMENT ? jinja_end(s, bl, st, i)
                                : comment_end(s, bl, st, i);
}

static const Stops quote_stops[] = {
    [SP_SQ] = ST_SQ, [SP_DQ] = ST_DQ, [SP_BQ] = ST_BQ};

/* Goes on at p[0] with what the last feed left open (state *st, prev the
   byte it held): a string, a comment, or a pair cut in two.  Returns where
   SP_NORMAL resumes (*st is then SP_NORMAL), or n when the feed ends first
   (*st is then the state it ends in). */
static inline size_t resume(Splitter *s, Block *bl, SplitState *st, int prev) {
  const char *p = bl->p;
  size_t n = bl->n, i = 0;
  if (*st == SP_SQ || *st == SP_DQ || *st == SP_BQ) {
    if (s->escape) { /* the byte after a backslash */
      s->escape = 0;
      i = 1;
    }
    i = quote_end(s, bl, quote_stops[*st], i);
  } else if (*st != SP_NORMAL) {
    /* a comment or Jinja block: its end may be cut in two */
    int end_cut = *st == SP_BLOCK_COMMENT ? prev == '*' && p[0] == '/'
                  : *st >= SP_JINJA_COMMENT ? prev && p[0] == '}'
                                            : 0;
    if (end_cut) {
      *st = SP_NORMAL;
      return 1;
    }
    i = commentish_end(s, bl, *st, 0);
  } else if (opener(prev, (unsigned char)p[0]) != SP_NORMAL) {
    /* a comment or Jinja opener cut in two */
    *st = opener(prev, (unsigned char)p[0]);
    open_comment(s, 0, 0, 1);
    i = commentish_end(s, bl, *st, 1);
  } else {
    return 0;
  }
  if (i >= n)
    return n;
  *st = SP_NORMAL;
  return i + 1;
}

/* p[i], not blank and not a ';', is the statement's first byte: records
   it in s->content_at.  Blanks and comments over the limit before it are
   reported and dropped, however the input was cut into pieces (then the
   statement starts at i, and so do *run and *run_nl). */
static void mark_content(Splitter *s, const Block *bl, size_t *run,
                         size_t *run_nl, size_t i) {
  const char *p = bl->p;
  if (!s->dropped_lead &&
      s->buf.len - s->stmt_start + (i - *run) > s->max_bytes) {
    if (s->buf.len == 0 && s->stmt_start > 0) {
      /* the prefix is still in p: drop_lead reads it in buf */
      take(s, p + *run, s->stmt_start);
      *run += s->stmt_start;
    }
    drop_lead(s);
  }
  if (s->dropped_lead) { /* the statement starts here */
    skip_lead(s, p + *run, i - *run);
    *run = i;
    *run_nl = nl_upto(bl, i);
  }
  s->content_at = s->buf.len + (i - *run);
}

/* Runs the state machine over p[0..n); all bytes are taken.  Only the
   bytes that can change the current state are looked at; a string or a
   comment is run through to its end at once. */
static void scan(Splitter *s, const char *p, size_t n) {
  Block bl;
  block_init(&bl, p, n);
  size_t run = 0;    /* start of the bytes not yet taken */
  size_t run_nl = 0; /* newlines in p[0..run) */
  size_t i = 0;
  SplitState st = s->state;
  if (n > 0) { /* with nothing fed, what was carried stays */
    int prev = s->prev;
    s->prev = 0;
    i = resume(s, &bl, &st, prev);
  }
  for (; i < n; i++) { /* SP_NORMAL */
    Stops k = s->content_at == SIZE_MAX && !s->discarding ? ST_LEAD : ST_NORMAL;
    i = next_stop(&bl, k, i);
    if (i >= n)
      break;
    int c = (unsigned char)p[i];
    if (k == ST_LEAD && c != ';')
      mark_content(s, &bl, &run, &run_nl, i);
    if (c == '\'' || c == '"' || c == '`') {
      SplitState q = c == '\'' ? SP_SQ : c == '"' ? SP_DQ : SP_BQ;
      i = quote_end(s, &bl, quote_stops[q], i + 1);
      if (i >= n) {
        st = q;
        break;
      }
    } else if (c == ';') {
      emit_at(s, &bl, p, &run, &run_nl, i + 1);
    } else if (c != '-' && c != '/' && c != '{') {
      continue; /* the statement's first byte */
    } else if (i + 1 == n) { /* the end of the feed: the pair may go on */
      s->prev = c;
    } else {
      SplitState cm = opener(c, (unsigned char)p[i + 1]);
      if (cm != SP_NORMAL) {
        open_comment(s, i, run, 0);
        i = commentish_end(s, &bl, cm, i + 2);
        if (i >= n) {
          st = cm;
          break;
        }
      }
    }
  }
  s->state = st;
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
