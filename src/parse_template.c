/*
 * parse_template.c - statements whose first words hold a template
 * variable: CREATE ${kind} CATALOG, {{ verb }} EXTERNAL CATALOG, CREATE %s
 * REPOSITORY.  The kind is read from the rest of the statement: a variable
 * stands for any number of the words of a statement head (none included:
 * an empty {{ or_replace }}), or, when --var fills it, for exactly the
 * words of its value; after the head come the name and a word only that
 * statement has there (PROPERTIES after a catalog's name, TYPE after a
 * storage volume's).  When exactly one statement rule fits, it reads the
 * statement; when several do and the statement holds keys StarRocks
 * reads for AWS, a note (templated-statement) names the variable, so that
 * no such statement is dropped silently.  So is a statement that starts
 * with CREATE, ALTER, LOAD, ... and holds such keys but is none of the
 * statements propcheck resolves (CREATE FUNCTION): unchecked-statement.
 */
#include <string.h>

#include "parse.h"
#include "template.h"

/* The heads, each with the words that may follow its name (a space-
   separated list; "(" is the punctuation) and a word the rest of the
   statement must hold (or NULL), from StarRocks.g4. */
static const struct {
  const char *words, *next, *needs;
  ParseHead head;
} heads[] = {
    {"CREATE EXTERNAL CATALOG", "PROPERTIES COMMENT", NULL,
     HEAD_CREATE_CATALOG},
    {"ALTER CATALOG", "SET", NULL, HEAD_ALTER_CATALOG},
    {"CREATE EXTERNAL TABLE", "(", "ENGINE", HEAD_CREATE_TABLE},
    {"LOAD LABEL", "(", "WITH", HEAD_LOAD},
    {"CREATE STORAGE VOLUME", "TYPE", NULL, HEAD_CREATE_SV},
    {"ALTER STORAGE VOLUME", "SET COMMENT", NULL, HEAD_ALTER_SV},
    {"CREATE REPOSITORY", "WITH", NULL, HEAD_CREATE_REPO},
    {"CREATE READ ONLY REPOSITORY", "WITH", NULL, HEAD_CREATE_REPO},
    {"EXPORT TABLE", "TO PARTITION PARTITIONS TEMPORARY (", "TO", HEAD_EXPORT},
};

enum { MAX_WORDS = 8 };

typedef struct Words {
  const char *w[MAX_WORDS];
  size_t len[MAX_WORDS];
  size_t n;
} Words;

/* Splits s at blanks into at most MAX_WORDS words (pointers into s). */
static void split_words(const char *s, Words *out) {
  out->n = 0;
  while (*s && out->n < MAX_WORDS) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
      s++;
    size_t k = strcspn(s, " \t\r\n");
    if (!k)
      break;
    out->w[out->n] = s;
    out->len[out->n++] = k;
    s += k;
  }
}

static int word_is(const char *w, size_t n, const char *word, size_t m) {
  if (n != m)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (ascii_upper((unsigned char)w[i]) != (unsigned char)word[i])
      return 0;
  return 1;
}

static int is_tmpl(const Token *t) { return t->kind == TK_IDENT && t->tmpl; }

/* Is token t one of the words of list (or its "(")? */
static int in_list(Parser *p, const Token *t, const char *list) {
  Words l;
  split_words(list, &l);
  for (size_t i = 0; i < l.n; i++) {
    if (l.w[i][0] == '(' ? is_punct(p, t, '(')
                         : t->kind == TK_IDENT && !t->tmpl &&
                               word_is(p->c->text + t->off, t->len, l.w[i],
                                       l.len[i]))
      return 1;
  }
  return 0;
}

/* After a head, from token i: [IF [NOT] EXISTS] name {"." name}, then a
   word of next.  1 when they are there. */
static int name_then(Parser *p, size_t i, const char *next) {
  const Token *t = p->toks;
  if (i < p->ntoks && is_word(p, &t[i], "IF")) {
    i++;
    if (i < p->ntoks && is_word(p, &t[i], "NOT"))
      i++;
    if (i >= p->ntoks || !is_word(p, &t[i], "EXISTS"))
      return 0;
    i++;
  }
  if (i >= p->ntoks || (t[i].kind != TK_IDENT && t[i].kind != TK_QIDENT &&
                        t[i].kind != TK_STRING))
    return 0;
  for (i++; i + 1 < p->ntoks && is_punct(p, &t[i], '.'); i += 2)
    if (t[i + 1].kind != TK_IDENT && t[i + 1].kind != TK_QIDENT)
      return 0;
  return i < p->ntoks && in_list(p, &t[i], next);
}

/* The words of a template token filled by --var, in *out; 0 when --var
   does not fill it (it then stands for any words). */
static int filled_words(Parser *p, const Token *t, Words *out) {
  const char *raw = arena_strndup(p->u->scratch, p->c->text + t->off, t->len);
  const char *v = raw ? template_fill(p->u->scratch, raw, p->u->vars) : NULL;
  if (!v || v == raw || template_in_value(v))
    return 0;
  split_words(v, out);
  return 1;
}

/* Do tokens from ti match head words h[wi..) and then a name and next?
   Sets *end to the token after the head. */
static int match(Parser *p, const Words *h, size_t wi, size_t ti,
                 const char *next, size_t *end) {
  if (wi == h->n) {
    *end = ti;
    return ti > 0 && name_then(p, ti, next);
  }
  if (ti >= p->ntoks)
    return 0;
  const Token *t = &p->toks[ti];
  if (is_tmpl(t)) {
    Words f;
    if (filled_words(p, t, &f)) {
      for (size_t k = 0; k < f.n; k++)
        if (wi + k >= h->n || !word_is(f.w[k], f.len[k], h->w[wi + k],
                                       h->len[wi + k]))
          return 0;
      return match(p, h, wi + f.n, ti + 1, next, end);
    }
    for (size_t k = wi; k <= h->n; k++)
      if (match(p, h, k, ti + 1, next, end))
        return 1;
    return 0;
  }
  return t->kind == TK_IDENT &&
         word_is(p->c->text + t->off, t->len, h->w[wi], h->len[wi]) &&
         match(p, h, wi + 1, ti + 1, next, end);
}

/* The first template token among the statement's first words, or NULL. */
static const Token *head_template(Parser *p) {
  for (size_t i = 0; i < p->ntoks && i < MAX_WORDS; i++) {
    const Token *t = &p->toks[i];
    if (is_tmpl(t))
      return t;
    if (t->kind != TK_IDENT)
      return NULL;
  }
  return NULL;
}

/* Does the statement hold the word w from token i on? */
static int holds_word(Parser *p, size_t i, const char *w) {
  for (; i < p->ntoks; i++)
    if (is_word(p, &p->toks[i], w))
      return 1;
  return 0;
}

/* Does the statement hold a key StarRocks reads for AWS or Iceberg
   ("aws.s3.region" = ...)? */
static int holds_known_key(Parser *p) {
  for (size_t i = 0; i + 1 < p->ntoks; i++) {
    const Token *t = &p->toks[i];
    if (t->kind != TK_STRING || !is_punct(p, &p->toks[i + 1], '='))
      continue;
    const char *k = lex_string_text(p->u->scratch, p->c, t);
    const KeySpec *spec = k ? parse_lookup_key(p->u, k) : NULL;
    if (spec && spec->svc != KS_OTHER)
      return 1; /* aws.s3.*, aws.glue.*, iceberg.catalog.* */
  }
  return 0;
}

/* The names of the heads in mask (scratch arena), " or " between them. */
static const char *head_names(Parser *p, unsigned mask) {
  Buf b = {0};
  const char *last = NULL;
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
    if (mask & (1u << heads[i].head) &&
        (!last || strcmp(last, heads[i].words) != 0)) {
      buf_printf(&b, "%s%s", b.len ? " or " : "", heads[i].words);
      mask &= ~(1u << heads[i].head); /* READ ONLY is the same rule */
      last = heads[i].words;
    }
  const char *s = b.data ? arena_strndup(p->u->scratch, b.data, b.len) : "";
  buf_release(&b);
  return s;
}


/* The note: the variable tv stands where the statement's kind is said
   (which kinds fit: kinds, or ""). */
static void note(Parser *p, const Token *tv, const char *kinds) {
  diag_unit(p->u, NULL, R_TEMPLATED_STATEMENT, tv->off, tv->len, NULL,
            "the template variable %s stands where the words that say what "
            "statement this is belong%s: propcheck cannot tell which one it "
            "is, so its properties are not checked; give the variable's "
            "value with --var to check the rendered statement",
            parse_template_name(p, tv), kinds);
}

ParseHead parse_template_head(Parser *p) {
  const Token *tv = head_template(p);
  if (!tv)
    return HEAD_NONE;
  unsigned mask = 0;
  size_t end = 0, found_end = 0;
  ParseHead found = HEAD_NONE;
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
    Words h;
    split_words(heads[i].words, &h);
    if (!match(p, &h, 0, 0, heads[i].next, &end) ||
        (heads[i].needs && !holds_word(p, end, heads[i].needs)))
      continue;
    mask |= 1u << heads[i].head;
    found = heads[i].head;
    found_end = end;
  }
  if (!mask)
    return HEAD_NONE;
  if (!(mask & (mask - 1))) {
    p->pos = found_end;
    return found;
  }
  if (holds_known_key(p))
    note(p, tv, arena_printf(p->u->scratch, " (it may be %s)",
                             head_names(p, mask)));
  return HEAD_UNDECIDED;
}

/* The words no statement is dropped silently after (issue 17 §1). */
static const char *const carriers[] = {"CREATE", "ALTER",  "LOAD",
                                       "EXPORT", "INSERT", "SELECT",
                                       "BACKUP", "RESTORE"};

/* A statement that starts with one of carriers, that no rule took, and
   that holds keys StarRocks reads: the note that it is not checked. */
static void unchecked(Parser *p) {
  const Token *t = &p->toks[0];
  size_t i = 0;
  while (i < sizeof carriers / sizeof carriers[0] &&
         !is_word(p, t, carriers[i]))
    i++;
  if (i == sizeof carriers / sizeof carriers[0] || !holds_known_key(p))
    return;
  /* CREATE and ALTER: the words of the object too (CREATE FUNCTION,
     CREATE EXTERNAL RESOURCE), as written */
  size_t k = 1;
  while (i < 2 && k < 3 && k < p->ntoks && p->toks[k].kind == TK_IDENT &&
         !p->toks[k].tmpl && p->toks[k].len <= 20 &&
         (k == 1 || is_word(p, &p->toks[1], "EXTERNAL")))
    k++;
  Buf b = {0};
  for (size_t j = 0; j < k; j++)
    buf_printf(&b, "%s%.*s", j ? " " : "", (int)p->toks[j].len,
               p->c->text + p->toks[j].off);
  diag_unit(p->u, NULL, R_UNCHECKED_STATEMENT, t->off, t->len, NULL,
            "propcheck does not check %s statements: StarRocks reads the "
            "AWS keys of this one, but their modes and values are not "
            "resolved here",
            b.data ? b.data : carriers[i]);
  buf_release(&b);
}

void parse_template_unread(Parser *p) {
  const Token *tv = head_template(p);
  Words f;
  if (!tv) {
    unchecked(p);
    return;
  }
  if (!holds_known_key(p))
    return;
  if (!filled_words(p, tv, &f)) {
    note(p, tv, "");
    return;
  }
  diag_unit(p->u, NULL, R_TEMPLATED_STATEMENT, tv->off, tv->len, NULL,
            "the template variable %s, filled with --var, makes words that "
            "begin none of the StarRocks statements that carry properties: "
            "StarRocks would reject the rendered statement, and its "
            "properties are not checked",
            parse_template_name(p, tv));
}
