/*
 * parser.c - find the property-bearing statements and read their lists.
 *
 * One function per grammar rule, each with its rule above it (spec
 * starrocks.md 4.2, written in the spec's EBNF).  Statements propcheck does
 * not resolve are not parsed at all, except for FILES(...) calls, which may
 * appear anywhere (SELECT, INSERT, DESC, CREATE TABLE AS, CREATE PIPE).
 *
 * A syntax error ends the statement: the finding names what was expected and,
 * for an unclosed parenthesis, where it opened; checking resumes with the
 * next statement, which the splitter has already cut.
 *
 * Secrets: when a property list is entered, every value-like token in it is
 * marked hidden before anything is read, so a syntax error anywhere in the
 * list cannot show a credential; values of keys known to be harmless are
 * unhidden once their key is known.  Messages describe tokens by kind and
 * never quote a token inside a property list.
 */
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

typedef struct Parser {
  Unit *u;
  const Chunk *c;
  Token *toks;
  size_t ntoks;
  size_t pos;   /* current token */
  Target *t;    /* the target being read */
  int in_props; /* inside a property list: never quote tokens */
} Parser;

/* ---- Token helpers ---- */

static Token *peek(Parser *p) { return &p->toks[p->pos]; }
static Token *peek_at(Parser *p, size_t k) {
  size_t i = p->pos + k;
  return &p->toks[i < p->ntoks ? i : p->ntoks - 1];
}
static void advance(Parser *p) {
  if (p->toks[p->pos].kind != TK_EOF)
    p->pos++;
}

static int is_punct(const Parser *p, const Token *t, char ch) {
  return t->kind == TK_PUNCT && p->c->text[t->off] == ch;
}
static int is_word(const Parser *p, const Token *t, const char *w) {
  return lex_tok_is_word(p->c, t, w);
}
static int at_end(Parser *p) {
  Token *t = peek(p);
  return t->kind == TK_EOF || is_punct(p, t, ';');
}

/* accept = consume the token if it is the word */
static int accept_word(Parser *p, const char *w) {
  if (!is_word(p, peek(p), w))
    return 0;
  advance(p);
  return 1;
}
static int accept_punct(Parser *p, char ch) {
  if (!is_punct(p, peek(p), ch))
    return 0;
  advance(p);
  return 1;
}

/* A short description of a token for "found ..." (never its text inside a
   property list, never a string's contents). */
static const char *describe(Parser *p, const Token *t) {
  Arena *a = p->u->scratch;
  switch ((TokenKind)t->kind) {
  case TK_EOF:
    return "end of input";
  case TK_STRING:
    return "a string";
  case TK_NUMBER:
    return p->in_props ? "a number"
                       : arena_strndup(a, p->c->text + t->off, t->len);
  case TK_QIDENT:
    return "a quoted identifier";
  case TK_IDENT:
    if (p->in_props || t->len > 40)
      return "an identifier";
    return arena_printf(a, "'%.*s'", (int)t->len, p->c->text + t->off);
  case TK_PUNCT:
    return arena_printf(a, "'%c'", p->c->text[t->off]);
  }
  return "a token";
}

/* Records a syntax error at token t, with an optional hint after it; the
   target is then not resolved. */
static void syntax_hint(Parser *p, const Token *t, const char *expected,
                        const char *hint) {
  const char *found = describe(p, t);
  if (p->t)
    p->t->syntax_error = 1;
  diag_unit(p->u, p->t, R_SYNTAX_ERROR, t->off, t->len ? t->len : 1, NULL,
            "expected %s, found %s%s%s", expected, found ? found : "a token",
            hint ? ": " : "", hint ? hint : "");
}

static void syntax_error(Parser *p, const Token *t, const char *expected) {
  syntax_hint(p, t, expected, NULL);
}

/* The same for a missing ')' : says where the '(' opened. */
static void unclosed(Parser *p, const Token *t, const Token *open,
                     const char *expected) {
  pc_pos o = source_pos(p->c, open->off);
  const char *found = describe(p, t);
  if (p->t)
    p->t->syntax_error = 1;
  diag_unit_rel(p->u, p->t, R_SYNTAX_ERROR, t->off, t->len ? t->len : 1, NULL,
                open->off, NULL,
                "expected %s to close '(' opened at %u:%u, "
                "found %s",
                expected, o.line, o.column, found ? found : "a token");
}

static int expect_word(Parser *p, const char *w) {
  if (accept_word(p, w))
    return 1;
  syntax_error(p, peek(p), arena_printf(p->u->scratch, "%s", w));
  return 0;
}

static int expect_punct(Parser *p, char ch) {
  if (accept_punct(p, ch))
    return 1;
  syntax_error(p, peek(p), arena_printf(p->u->scratch, "'%c'", ch));
  return 0;
}

/* Skips a balanced parenthesised group starting at '(' (the current token).
   Returns 0 and reports when it is not closed. */
static int skip_group(Parser *p) {
  Token *open = peek(p);
  size_t depth = 0;
  do {
    Token *t = peek(p);
    if (t->kind == TK_EOF || is_punct(p, t, ';')) {
      unclosed(p, t, open, "')'");
      return 0;
    }
    if (is_punct(p, t, '('))
      depth++;
    else if (is_punct(p, t, ')'))
      depth--;
    advance(p);
  } while (depth > 0);
  return 1;
}

/* ident_or_string = identifier | STRING ; qualified names allow a.b.c */
static int name(Parser *p, const char *what) {
  Token *t = peek(p);
  if (t->kind != TK_IDENT && t->kind != TK_QIDENT && t->kind != TK_STRING) {
    syntax_error(p, t, what);
    return 0;
  }
  advance(p);
  while (is_punct(p, peek(p), '.') && (peek_at(p, 1)->kind == TK_IDENT ||
                                       peek_at(p, 1)->kind == TK_QIDENT)) {
    advance(p);
    advance(p);
  }
  return 1;
}

/* The text of an ident_or_string token (scratch arena). */
static char *name_text(Parser *p, Token *t) {
  const char *s = p->c->text + t->off;
  if (!t->open)
    t->hidden = 0; /* a name, shown in findings */
  return t->kind == TK_STRING ? lex_string_text(p->u->scratch, p->c, t)
                              : lex_ident_text(p->u->scratch, s, t->len);
}

/* [IF NOT EXISTS]; 0 after a syntax error */
static int if_not_exists(Parser *p) {
  if (!accept_word(p, "IF"))
    return 1;
  return expect_word(p, "NOT") && expect_word(p, "EXISTS");
}

/* [COMMENT STRING]; 0 after a syntax error */
static int opt_comment(Parser *p) {
  if (!accept_word(p, "COMMENT"))
    return 1;
  if (peek(p)->kind != TK_STRING) {
    syntax_error(p, peek(p), "a quoted comment");
    return 0;
  }
  advance(p);
  return 1;
}

static int expect_end(Parser *p, const char *after) {
  if (at_end(p))
    return 1;
  syntax_error(p, peek(p),
               arena_printf(p->u->scratch,
                            "end of statement "
                            "after %s",
                            after));
  return 0;
}

/* ---- Property lists ---- */

/* Marks every value-like token from the '(' at the current position to its
   matching ')' (or the end) as hidden, except keys (followed by '='). */
static void hide_list(Parser *p) {
  size_t depth = 0;
  for (size_t i = p->pos; i < p->ntoks; i++) {
    Token *t = &p->toks[i];
    if (t->kind == TK_EOF || is_punct(p, t, ';'))
      break;
    if (is_punct(p, t, '('))
      depth++;
    else if (is_punct(p, t, ')')) {
      if (--depth == 0)
        break;
    } else if (t->kind != TK_PUNCT) {
      int is_key = i + 1 < p->ntoks && is_punct(p, &p->toks[i + 1], '=') &&
                   t->kind == TK_STRING;
      if (!is_key)
        t->hidden = 1; /* never unhides: mask_tokens may know better */
    }
  }
}

/* The spec of a key as StarRocks matches it: exactly; Iceberg keys (other
   than the catalog type selector) after lower-casing, because StarRocks
   lower-cases them before stripping the iceberg.catalog. prefix; then the
   longest known prefix. */
static const KeySpec *lookup_key(Unit *u, const char *key) {
  size_t n = strlen(key);
  const KeySpec *k = keys_lookup(u->keys, key, n);
  if (k && k->svc == KS_DATABEND)
    return NULL; /* Databend's names mean nothing to StarRocks */
  if (k)
    return k;
  if (n > 16 && strncasecmp(key, "iceberg.catalog.", 16) == 0) {
    char *low = arena_strndup(u->scratch, key, n);
    if (low) {
      str_lower(low);
      k = keys_lookup(u->keys, low, n);
      if (k && k->field != F_ICEBERG_TYPE)
        return k;
      k = keys_lookup_prefix(low);
      if (k)
        return k;
    }
    return NULL;
  }
  return keys_lookup_prefix(key);
}

/* property_list = "(" property { "," property } ")" ;
   property      = STRING "=" STRING ; */
static int property_list(Parser *p, PropList *out) {
  Token *open = peek(p);
  if (!is_punct(p, open, '(')) {
    syntax_error(p, open, "'(' to start the property list");
    return 0;
  }
  hide_list(p);
  advance(p);
  out->present = 1;
  out->open_off = open->off;
  p->in_props = 1;
  Vec props = {0};
  int ok = 0;
  if (is_punct(p, peek(p), ')')) {
    syntax_hint(p, peek(p), "a property (\"key\" = \"value\")",
                "StarRocks rejects an empty property list");
    goto done;
  }
  for (;;) {
    Token *k = peek(p);
    if (k->kind != TK_STRING) {
      if (k->kind == TK_EOF || is_punct(p, k, ';'))
        unclosed(p, k, open, "a property or ')'");
      else
        syntax_hint(p, k, "a quoted property name",
                    k->kind == TK_IDENT || k->kind == TK_QIDENT
                        ? "StarRocks requires keys to be quoted strings"
                        : NULL);
      goto done;
    }
    advance(p);
    if (!is_punct(p, peek(p), '=')) {
      syntax_error(p, peek(p), "'=' after the property name");
      goto done;
    }
    advance(p);
    Token *v = peek(p);
    if (v->kind != TK_STRING) {
      syntax_hint(p, v, "a quoted value",
                  v->kind == TK_IDENT || v->kind == TK_NUMBER
                      ? "StarRocks requires values to be quoted strings"
                      : NULL);
      goto done;
    }
    advance(p);
    Prop *pr = vec_push(&props, sizeof(Prop), p->u->oom);
    if (!pr)
      goto done;
    pr->key = lex_string_text(p->u->scratch, p->c, k);
    pr->val = lex_string_text(p->u->scratch, p->c, v);
    if (!pr->key || !pr->val) {
      props.len--; /* out of memory: no half-made property */
      goto done;
    }
    pr->key_off = k->off;
    pr->key_len = k->len;
    pr->val_off = v->off;
    pr->val_len = v->len;
    pr->placeholder = value_is_placeholder(pr->val);
    pr->spec = lookup_key(p->u, pr->key);
    /* A known harmless value is shown, unless its string never closes
       (then it runs over the rest of the file). */
    if (pr->spec && !(pr->spec->flags & KF_SECRET) && !v->open)
      v->hidden = 0;
    Token *sep = peek(p);
    if (is_punct(p, sep, ',')) {
      advance(p);
      if (is_punct(p, peek(p), ')')) {
        syntax_hint(p, peek(p), "another property",
                    "StarRocks rejects a trailing comma");
        goto done;
      }
      continue;
    }
    if (is_punct(p, sep, ')')) {
      advance(p);
      ok = 1;
      goto done;
    }
    if (sep->kind == TK_EOF || is_punct(p, sep, ';'))
      unclosed(p, sep, open, "',' or ')'");
    else
      syntax_error(p, sep, "',' or ')' after the property value");
    goto done;
  }
done:
  p->in_props = 0;
  /* Move the properties into the scratch arena; the vector is freed. */
  out->n = props.len;
  out->v =
      props.len ? arena_alloc(p->u->scratch, props.len * sizeof(Prop)) : NULL;
  if (out->v)
    memcpy(out->v, props.data, props.len * sizeof(Prop));
  vec_release(&props);
  return ok;
}

static int push_path(Parser *p, Vec *paths, Token *s) {
  if (!s->open)
    s->hidden = 0; /* a storage location, shown in findings */
  PathRef *r = vec_push(paths, sizeof(PathRef), p->u->oom);
  if (!r)
    return 0;
  r->text = lex_string_text(p->u->scratch, p->c, s);
  r->off = s->off;
  r->len = s->len;
  return 1;
}

/* string_list = "(" STRING { "," STRING } ")" ; collected as paths */
static int string_list(Parser *p, Vec *paths) {
  Token *open = peek(p);
  if (!expect_punct(p, '('))
    return 0;
  for (;;) {
    Token *s = peek(p);
    if (s->kind != TK_STRING) {
      if (s->kind == TK_EOF || is_punct(p, s, ';'))
        unclosed(p, s, open, "a string or ')'");
      else
        syntax_error(p, s, "a quoted path");
      return 0;
    }
    if (!push_path(p, paths, s))
      return 0;
    advance(p);
    if (accept_punct(p, ','))
      continue;
    if (accept_punct(p, ')'))
      return 1;
    Token *t = peek(p);
    if (t->kind == TK_EOF || is_punct(p, t, ';'))
      unclosed(p, t, open, "',' or ')'");
    else
      syntax_error(p, t, "',' or ')'");
    return 0;
  }
}

/* ---- Targets ---- */

static Target *new_target(Parser *p, pc_stmt_kind kind, const Token *at) {
  Target *t = vec_push(&p->u->targets, sizeof(Target), p->u->oom);
  if (!t)
    return NULL;
  t->kind = kind;
  t->off = at->off;
  p->t = t;
  return t;
}

/* Moves collected paths into the target. */
static void set_paths(Parser *p, Target *t, Vec *paths) {
  t->npaths = paths->len;
  t->paths = paths->len
                 ? arena_alloc(p->u->scratch, paths->len * sizeof(PathRef))
                 : NULL;
  if (t->paths)
    memcpy(t->paths, paths->data, paths->len * sizeof(PathRef));
  vec_release(paths);
}

/* create_catalog = CREATE EXTERNAL CATALOG [IF NOT EXISTS] ident_or_string
                    [COMMENT STRING] PROPERTIES property_list ;
   (CREATE EXTERNAL CATALOG already read) */
static void create_catalog(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_CREATE_EXTERNAL_CATALOG, start);
  if (!t)
    return;
  if (!if_not_exists(p) || !name(p, "a catalog name") || !opt_comment(p))
    return;
  if (!is_word(p, peek(p), "PROPERTIES")) {
    syntax_hint(p, peek(p), "PROPERTIES",
                "StarRocks requires a property list for an external catalog");
    return;
  }
  advance(p);
  if (property_list(p, &t->props))
    expect_end(p, "the property list");
}

/* alter_catalog = ALTER CATALOG ident_or_string SET property_list ; */
static void alter_catalog(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_ALTER_CATALOG, start);
  if (!t || !name(p, "a catalog name"))
    return;
  if (!is_word(p, peek(p), "SET")) {
    syntax_hint(p, peek(p), "SET",
                "ALTER CATALOG takes SET (\"key\" = \"value\", ...)");
    return;
  }
  advance(p);
  if (property_list(p, &t->props))
    expect_end(p, "the property list");
}

/* create_table = CREATE EXTERNAL TABLE [IF NOT EXISTS] qualified_name
                  "(" column_desc { "," column_desc } ")" [ENGINE "=" ident]
                  ... [COMMENT STRING] ... [PROPERTIES property_list] ;
   Only ENGINE = FILE tables are resolved. */
static void create_table(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_CREATE_EXTERNAL_TABLE, start);
  if (!t)
    return;
  if (!if_not_exists(p) || !name(p, "a table name"))
    return;
  if (!is_punct(p, peek(p), '(')) {
    syntax_error(p, peek(p), "'(' to start the column list");
    return;
  }
  if (!skip_group(p))
    return;
  int is_file = 0, saw_engine = 0;
  while (!at_end(p)) {
    Token *tk = peek(p);
    if (is_word(p, tk, "ENGINE")) {
      advance(p);
      if (!expect_punct(p, '='))
        return;
      Token *e = peek(p);
      if (e->kind != TK_IDENT && e->kind != TK_QIDENT && e->kind != TK_STRING) {
        syntax_error(p, e, "an engine name");
        return;
      }
      saw_engine = 1;
      is_file = is_word(p, e, "FILE");
      advance(p);
    } else if (is_word(p, tk, "PROPERTIES")) {
      advance(p);
      if (!property_list(p, &t->props))
        return;
    } else if (is_punct(p, tk, '(')) {
      if (!skip_group(p))
        return;
    } else {
      advance(p);
    }
  }
  if (saw_engine && !is_file) {
    /* Not a FILE table: not ours.  Drop the target (it has no findings). */
    p->u->targets.len--;
    p->t = NULL;
  }
}

/* data_desc = DATA INFILE string_list ... (up to "," or ")") */
static int data_desc(Parser *p, Vec *paths) {
  if (accept_word(p, "DATA") && accept_word(p, "INFILE")) {
    if (!string_list(p, paths))
      return 0;
  }
  while (!at_end(p) && !is_punct(p, peek(p), ',') &&
         !is_punct(p, peek(p), ')')) {
    if (is_punct(p, peek(p), '(')) {
      if (!skip_group(p))
        return 0;
    } else {
      advance(p);
    }
  }
  return 1;
}

/* load = LOAD LABEL label "(" data_desc { "," data_desc } ")"
          WITH BROKER [ident_or_string] [property_list] [BY ident_or_string]
          [PROPERTIES property_list] ;
   (LOAD LABEL already read) WITH RESOURCE loads are not resolved. */
static void load(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_BROKER_LOAD, start);
  if (!t || !name(p, "a label"))
    return;
  Vec paths = {0};
  if (is_punct(p, peek(p), '(')) {
    Token *open = peek(p);
    advance(p);
    for (;;) {
      if (!data_desc(p, &paths))
        goto out;
      if (accept_punct(p, ','))
        continue;
      if (accept_punct(p, ')'))
        break;
      unclosed(p, peek(p), open, "',' or ')'");
      goto out;
    }
  }
  if (!expect_word(p, "WITH"))
    goto out;
  if (is_word(p, peek(p), "RESOURCE")) {
    /* A resource (Spark) load: not a broker load. */
    vec_release(&paths);
    p->u->targets.len--;
    p->t = NULL;
    return;
  }
  if (!expect_word(p, "BROKER"))
    goto out;
  Token *b = peek(p);
  if (b->kind == TK_IDENT || b->kind == TK_QIDENT || b->kind == TK_STRING) {
    if (!is_word(p, b, "PROPERTIES") && !is_word(p, b, "BY")) {
      t->broker = name_text(p, b);
      t->broker_off = b->off;
      t->broker_len = b->len;
      advance(p);
    }
  }
  if (is_punct(p, peek(p), '(') && !property_list(p, &t->props))
    goto out;
  if (accept_word(p, "BY") && !name(p, "a name after BY"))
    goto out;
  if (accept_word(p, "PROPERTIES") && !property_list(p, &t->load_props))
    goto out;
  expect_end(p, "the load statement");
out:
  set_paths(p, t, &paths);
}

/* create_sv = CREATE STORAGE VOLUME [IF NOT EXISTS] ident_or_string
               TYPE "=" identifier LOCATIONS "=" string_list
               [COMMENT STRING] [PROPERTIES property_list] ; */
static void create_sv(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_CREATE_STORAGE_VOLUME, start);
  Vec paths = {0};
  if (!t)
    return;
  if (!if_not_exists(p) || !name(p, "a storage volume name") ||
      !expect_word(p, "TYPE") || !expect_punct(p, '='))
    return;
  Token *ty = peek(p);
  if (ty->kind != TK_IDENT && ty->kind != TK_QIDENT && ty->kind != TK_STRING) {
    syntax_error(p, ty, "a storage volume type (S3, HDFS, AZBLOB, ...)");
    return;
  }
  t->sv_type = name_text(p, ty);
  t->sv_type_off = ty->off;
  advance(p);
  if (!expect_word(p, "LOCATIONS") || !expect_punct(p, '='))
    return;
  if (!string_list(p, &paths) || !opt_comment(p))
    goto out;
  if (accept_word(p, "PROPERTIES") && !property_list(p, &t->props))
    goto out;
  expect_end(p, "the storage volume definition");
out:
  set_paths(p, t, &paths);
}

/* alter_sv = ALTER STORAGE VOLUME [IF EXISTS] ident_or_string
              sv_clause { "," sv_clause } ;
   sv_clause = COMMENT "=" STRING | SET property_list ; */
static void alter_sv(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_ALTER_STORAGE_VOLUME, start);
  if (!t)
    return;
  if (accept_word(p, "IF") && !expect_word(p, "EXISTS"))
    return;
  if (!name(p, "a storage volume name"))
    return;
  do {
    if (accept_word(p, "COMMENT")) {
      if (!expect_punct(p, '='))
        return;
      if (peek(p)->kind != TK_STRING) {
        syntax_error(p, peek(p), "a quoted comment");
        return;
      }
      advance(p);
    } else if (accept_word(p, "SET")) {
      PropList more = {0};
      int ok = property_list(p, &more);
      /* Several SET clauses are merged, in order. */
      if (more.n) {
        Prop *all =
            arena_alloc(p->u->scratch, (t->props.n + more.n) * sizeof(Prop));
        if (!all)
          return;
        if (t->props.n)
          memcpy(all, t->props.v, t->props.n * sizeof(Prop));
        memcpy(all + t->props.n, more.v, more.n * sizeof(Prop));
        t->props.v = all;
        t->props.n += more.n;
      }
      if (!t->props.present) {
        t->props.present = 1;
        t->props.open_off = more.open_off;
      }
      if (!ok)
        return;
    } else {
      syntax_error(p, peek(p), "SET (...) or COMMENT = '...'");
      return;
    }
  } while (accept_punct(p, ','));
  expect_end(p, "the storage volume clauses");
}

/* create_repo = CREATE [READ ONLY] REPOSITORY identifier WITH BROKER
                 [ident_or_string] ON LOCATION STRING [properties] ; */
static void create_repo(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_CREATE_REPOSITORY, start);
  Vec paths = {0};
  if (!t || !name(p, "a repository name") || !expect_word(p, "WITH") ||
      !expect_word(p, "BROKER"))
    return;
  Token *b = peek(p);
  if ((b->kind == TK_IDENT || b->kind == TK_QIDENT || b->kind == TK_STRING) &&
      !is_word(p, b, "ON")) {
    t->broker = name_text(p, b);
    t->broker_off = b->off;
    t->broker_len = b->len;
    advance(p);
  }
  if (!expect_word(p, "ON") || !expect_word(p, "LOCATION"))
    return;
  Token *loc = peek(p);
  if (loc->kind != TK_STRING) {
    syntax_error(p, loc, "a quoted location");
    return;
  }
  if (!push_path(p, &paths, loc))
    goto out;
  advance(p);
  if (accept_word(p, "PROPERTIES") && !property_list(p, &t->props))
    goto out;
  expect_end(p, "the repository definition");
out:
  set_paths(p, t, &paths);
}

/* files_relation = FILES property_list ... ;   anywhere in a statement:
   FROM FILES(...), JOIN FILES(...), DESC FILES(...), INSERT INTO FILES(...) */
static void files_calls(Parser *p) {
  int insert = is_word(p, &p->toks[0], "INSERT");
  for (size_t i = 1; i + 1 < p->ntoks; i++) {
    Token *f = &p->toks[i];
    if (!is_word(p, f, "FILES") || !is_punct(p, &p->toks[i + 1], '('))
      continue;
    Token *before = &p->toks[i - 1];
    int into = is_word(p, before, "INTO") || is_word(p, before, "OVERWRITE");
    int from = is_word(p, before, "FROM") || is_word(p, before, "JOIN") ||
               is_word(p, before, "DESC") || is_word(p, before, "DESCRIBE") ||
               is_punct(p, before, ',');
    /* INSERT INTO files (a, b) is a table named files with a column list. */
    if (!(from || (into && p->toks[i + 2].kind == TK_STRING)))
      continue;
    Target *t = new_target(p, PC_STMT_FILES, f);
    if (!t)
      return;
    t->writes = insert && into;
    p->pos = i + 1;
    property_list(p, &t->props);
    p->t = NULL;
    i = p->pos > i ? p->pos - 1 : i;
  }
}

/* Before anything is parsed (and before any finding can show a line):
   every string literal is hidden except a key (a string followed by '='),
   and so is any token right after "STRING =", quoted or not.  The parser
   unhides what it positively knows to be harmless (values of known
   non-secret keys, paths, names). */
static void mask_tokens(Parser *p) {
  for (size_t i = 0; i < p->ntoks; i++) {
    Token *t = &p->toks[i];
    int before_eq = i + 1 < p->ntoks && is_punct(p, &p->toks[i + 1], '=');
    int after_key = i >= 2 && is_punct(p, &p->toks[i - 1], '=') &&
                    p->toks[i - 2].kind == TK_STRING;
    if (t->kind == TK_STRING)
      t->hidden = !before_eq || after_key;
    else if (t->kind != TK_PUNCT && t->kind != TK_EOF && after_key)
      t->hidden = 1;
  }
}

/* ---- Aurora MySQL (iam-and-dialects 4.3) ---- */

/* aurora_load = LOAD (DATA [FROM] | XML FROM) S3 [FILE | PREFIX | MANIFEST]
                 STRING ... ;   (LOAD already read) */
static void aurora_load(Parser *p, const Token *start, pc_stmt_kind kind) {
  Target *t = new_target(p, kind, start);
  Vec paths = {0};
  if (!t)
    return;
  if (!expect_word(p, "S3"))
    return;
  if (accept_word(p, "FILE") || accept_word(p, "PREFIX") ||
      accept_word(p, "MANIFEST")) {
  }
  Token *uri = peek(p);
  if (uri->kind != TK_STRING) {
    syntax_error(p, uri, "a quoted S3 URI ('s3://bucket/key')");
    return;
  }
  if (push_path(p, &paths, uri))
    advance(p);
  set_paths(p, t, &paths);
}

/* SELECT ... INTO OUTFILE S3 STRING ... */
static void aurora_outfile(Parser *p) {
  for (size_t i = 0; i + 3 < p->ntoks; i++) {
    if (!is_word(p, &p->toks[i], "INTO") ||
        !is_word(p, &p->toks[i + 1], "OUTFILE") ||
        !is_word(p, &p->toks[i + 2], "S3"))
      continue;
    Target *t = new_target(p, PC_STMT_AURORA_SELECT_INTO_OUTFILE, &p->toks[0]);
    Vec paths = {0};
    if (!t)
      return;
    p->pos = i + 3;
    Token *uri = peek(p);
    if (uri->kind != TK_STRING)
      syntax_error(p, uri, "a quoted S3 URI after INTO OUTFILE S3");
    else
      push_path(p, &paths, uri);
    set_paths(p, t, &paths);
    p->t = NULL;
    return;
  }
}

/* ---- Databend (iam-and-dialects 4.1) ---- */

/* Appends KEY = 'value' options until the end of the statement or a
   token that is not an option.  Keys are identifiers; Databend reads them
   ignoring case, so they are kept lower-cased.  Returns 0 after a syntax
   error. */
static int databend_options(Parser *p, Vec *props, int in_parens) {
  for (;;) {
    if (in_parens && is_punct(p, peek(p), ')'))
      return 1;
    if (at_end(p))
      return 1;
    Token *k = peek(p);
    if (k->kind != TK_IDENT || !is_punct(p, peek_at(p, 1), '='))
      return 1; /* not an option: FILE_FORMAT handled by the caller */
    Token *v = peek_at(p, 2);
    if (v->kind == TK_PUNCT && p->c->text[v->off] == '(')
      return 1; /* KEY = (...) : a nested list, the caller's business */
    advance(p);
    advance(p);
    if (v->kind != TK_STRING && v->kind != TK_IDENT && v->kind != TK_NUMBER) {
      syntax_hint(p, v, "a quoted value", "Databend options are KEY = 'value'");
      return 0;
    }
    advance(p);
    Prop *pr = vec_push(props, sizeof(Prop), p->u->oom);
    if (!pr)
      return 0;
    char *key = lex_ident_text(p->u->scratch, p->c->text + k->off, k->len);
    if (key)
      str_lower(key);
    pr->key = key;
    pr->val = v->kind == TK_STRING
                  ? lex_string_text(p->u->scratch, p->c, v)
                  : arena_strndup(p->u->scratch, p->c->text + v->off, v->len);
    if (!pr->key || !pr->val) {
      props->len--; /* out of memory: no half-made property */
      return 0;
    }
    pr->key_off = k->off;
    pr->key_len = k->len;
    pr->val_off = v->off;
    pr->val_len = v->len;
    pr->placeholder = value_is_placeholder(pr->val);
    pr->spec = keys_lookup(p->u->keys, pr->key, strlen(pr->key));
    if (pr->spec && pr->spec->svc != KS_DATABEND)
      pr->spec = NULL;
    if (pr->spec && !(pr->spec->flags & KF_SECRET) && !v->open)
      v->hidden = 0;
    else
      v->hidden = 1;
    accept_punct(p, ',');
  }
}

static void props_from_vec(Parser *p, PropList *out, Vec *props) {
  out->present = 1;
  out->n = props->len;
  out->v =
      props->len ? arena_alloc(p->u->scratch, props->len * sizeof(Prop)) : NULL;
  if (out->v)
    memcpy(out->v, props->data, props->len * sizeof(Prop));
  vec_release(props);
}

/* databend_connection = CREATE [OR REPLACE] CONNECTION [IF NOT EXISTS] name
                         option { option } ;      option = KEY "=" STRING */
static void databend_connection(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_DATABEND_CREATE_CONNECTION, start);
  Vec props = {0};
  if (!t || !if_not_exists(p))
    return;
  Token *nm = peek(p);
  if (!name(p, "a connection name"))
    return;
  t->name = name_text(p, nm);
  t->props.open_off = peek(p)->off;
  int ok = databend_options(p, &props, 0);
  props_from_vec(p, &t->props, &props);
  if (ok)
    expect_end(p, "the connection options");
}

/* databend_stage = CREATE [OR REPLACE] STAGE [IF NOT EXISTS] name
                    [[URL =] STRING CONNECTION = "(" option {option} ")"]
                    [FILE_FORMAT = (...)] [copy options] [COMMENT = STRING] ;*/
static void databend_stage(Parser *p, const Token *start) {
  Target *t = new_target(p, PC_STMT_DATABEND_CREATE_STAGE, start);
  Vec props = {0}, paths = {0};
  if (!t || !if_not_exists(p) || !name(p, "a stage name"))
    return;
  if (is_word(p, peek(p), "URL") && is_punct(p, peek_at(p, 1), '=')) {
    advance(p);
    advance(p);
  }
  if (peek(p)->kind == TK_STRING) {
    if (!push_path(p, &paths, peek(p)))
      goto out;
    advance(p);
  }
  while (!at_end(p)) {
    if (is_word(p, peek(p), "CONNECTION") && is_punct(p, peek_at(p, 1), '=') &&
        is_punct(p, peek_at(p, 2), '(')) {
      advance(p);
      advance(p);
      Token *open = peek(p);
      t->props.open_off = open->off;
      advance(p);
      if (!databend_options(p, &props, 1))
        goto out;
      if (!accept_punct(p, ')')) {
        unclosed(p, peek(p), open, "')'");
        goto out;
      }
    } else if (is_punct(p, peek(p), '(')) {
      if (!skip_group(p))
        goto out;
    } else {
      advance(p);
    }
  }
out:
  props_from_vec(p, &t->props, &props);
  set_paths(p, t, &paths);
}

void parse_unit(Unit *u) {
  Parser ps = {u, u->chunk, u->lex.toks.data, u->lex.toks.len, 0, NULL, 0};
  Parser *p = &ps;
  mask_tokens(p);
  if (p->ntoks == 0 || p->toks[0].kind == TK_EOF)
    return;
  Token *start = peek(p);
  if (accept_word(p, "CREATE")) {
    if (is_word(p, peek(p), "OR") && is_word(p, peek_at(p, 1), "REPLACE")) {
      advance(p);
      advance(p);
    }
    if (accept_word(p, "CONNECTION"))
      return databend_connection(p, start);
    if (accept_word(p, "STAGE"))
      return databend_stage(p, start);
    if (accept_word(p, "EXTERNAL")) {
      if (accept_word(p, "CATALOG"))
        return create_catalog(p, start);
      if (accept_word(p, "TABLE"))
        return create_table(p, start);
    } else if (accept_word(p, "STORAGE")) {
      if (accept_word(p, "VOLUME"))
        return create_sv(p, start);
    } else if (is_word(p, peek(p), "REPOSITORY")) {
      advance(p);
      return create_repo(p, start);
    } else if (is_word(p, peek(p), "READ") &&
               is_word(p, peek_at(p, 1), "ONLY") &&
               is_word(p, peek_at(p, 2), "REPOSITORY")) {
      advance(p);
      advance(p);
      advance(p);
      return create_repo(p, start);
    }
  } else if (accept_word(p, "ALTER")) {
    if (accept_word(p, "CATALOG"))
      return alter_catalog(p, start);
    if (accept_word(p, "STORAGE") && accept_word(p, "VOLUME"))
      return alter_sv(p, start);
  } else if (accept_word(p, "LOAD")) {
    if (accept_word(p, "LABEL"))
      return load(p, start);
    if (is_word(p, peek(p), "DATA") && (is_word(p, peek_at(p, 1), "S3") ||
                                        (is_word(p, peek_at(p, 1), "FROM") &&
                                         is_word(p, peek_at(p, 2), "S3")))) {
      advance(p);
      accept_word(p, "FROM");
      return aurora_load(p, start, PC_STMT_AURORA_LOAD_DATA);
    }
    if (is_word(p, peek(p), "XML") && is_word(p, peek_at(p, 1), "FROM") &&
        is_word(p, peek_at(p, 2), "S3")) {
      advance(p);
      advance(p);
      return aurora_load(p, start, PC_STMT_AURORA_LOAD_XML);
    }
  } else if (is_word(p, peek(p), "SELECT")) {
    aurora_outfile(p);
  }
  files_calls(p);
}
