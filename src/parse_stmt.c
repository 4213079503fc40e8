/*
 * parse_stmt.c - the statement rules: which statements carry properties
 * (CREATE EXTERNAL CATALOG, ALTER CATALOG, CREATE EXTERNAL TABLE, LOAD,
 * storage volumes, repositories, FILES(), Aurora MySQL and Databend), each
 * with its rule above it, and parse_unit, which dispatches on the first
 * words.  The rules they share are in parser.c.
 */
#include <string.h>
#include <strings.h>

#include "parse.h"

/* create_catalog = CREATE EXTERNAL CATALOG [IF NOT EXISTS] ident_or_string
                    [COMMENT STRING] PROPERTIES property_list ;
   (CREATE EXTERNAL CATALOG already read).  Apache Doris writes CREATE
   CATALOG: doris is then its CATALOG token. */
static void create_catalog(Parser *p, const Token *start, const Token *doris) {
  Target *t = parse_new_target(p, PC_STMT_CREATE_EXTERNAL_CATALOG, start);
  if (!t)
    return;
  if (doris) {
    parse_doris(p, doris,
                "StarRocks creates catalogs with CREATE EXTERNAL CATALOG");
    parse_doris_fix(p, doris->off, 0, "EXTERNAL ", "insert EXTERNAL");
  }
  if (!parse_if_not_exists(p) || !parse_name(p, "a catalog name") ||
      !parse_opt_comment(p))
    return;
  if (!is_word(p, peek(p), "PROPERTIES")) {
    parse_syntax_hint(
        p, peek(p), "PROPERTIES",
        "StarRocks requires a property list for an external catalog");
    return;
  }
  advance(p);
  if (parse_property_list(p, &t->props))
    parse_expect_end(p, "the property list");
}

/* alter_catalog = ALTER CATALOG ident_or_string SET property_list ; */
static void alter_catalog(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_ALTER_CATALOG, start);
  if (!t || !parse_name(p, "a catalog name"))
    return;
  if (!is_word(p, peek(p), "SET")) {
    parse_syntax_hint(p, peek(p), "SET",
                      "ALTER CATALOG takes SET (\"key\" = \"value\", ...)");
    return;
  }
  advance(p);
  Token *w = peek(p);
  if (is_word(p, w, "PROPERTIES") && is_punct(p, peek_at(p, 1), '(')) {
    parse_doris(p, w,
                "StarRocks' ALTER CATALOG takes SET (...) without the word "
                "PROPERTIES");
    parse_doris_fix(p, w->off, w->len + 1, "", "remove PROPERTIES");
    advance(p);
  }
  if (parse_property_list(p, &t->props))
    parse_expect_end(p, "the property list");
}

/* Whether a table without ENGINE was meant as a FILE table: it sets a
   FILE table's path or format, or S3 credentials. */
static int file_intent(const PropList *l) {
  for (size_t i = 0; i < l->n; i++) {
    const char *k = l->v[i].key;
    if (strcmp(k, "path") == 0 || strcmp(k, "format") == 0 ||
        strncmp(k, "aws.s3.", 7) == 0)
      return 1;
  }
  return 0;
}

/* create_table = CREATE EXTERNAL TABLE [IF NOT EXISTS] qualified_name
                  "(" column_desc { "," column_desc } ")" [ENGINE "=" ident]
                  ... [COMMENT STRING] ... [PROPERTIES property_list] ;
   Only ENGINE = FILE tables are resolved; without ENGINE the table takes
   its catalog's engine, never FILE. */
static void create_table(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_CREATE_EXTERNAL_TABLE, start);
  if (!t)
    return;
  if (!parse_if_not_exists(p) || !parse_name(p, "a table name"))
    return;
  if (!is_punct(p, peek(p), '(')) {
    parse_syntax_error(p, peek(p), "'(' to start the column list");
    return;
  }
  if (!parse_skip_group(p))
    return;
  uint32_t cols_end = p->toks[p->pos - 1].off + p->toks[p->pos - 1].len;
  int is_file = 0, saw_engine = 0;
  while (!at_end(p)) {
    Token *tk = peek(p);
    if (is_word(p, tk, "ENGINE")) {
      advance(p);
      if (!parse_expect_punct(p, '='))
        return;
      Token *e = peek(p);
      if (e->kind != TK_IDENT && e->kind != TK_QIDENT && e->kind != TK_STRING) {
        parse_syntax_error(p, e, "an engine name");
        return;
      }
      saw_engine = 1;
      is_file = is_word(p, e, "FILE");
      advance(p);
    } else if (is_word(p, tk, "PROPERTIES")) {
      advance(p);
      if (!parse_property_list(p, &t->props))
        return;
    } else if (is_punct(p, tk, '(')) {
      if (!parse_skip_group(p))
        return;
    } else {
      advance(p);
    }
  }
  if (!saw_engine && file_intent(&t->props)) {
    diag_unit(p->u, t, R_FILE_TABLE_ENGINE, t->off, 6, NULL,
              "this table has no ENGINE = file, so it is not a FILE table: "
              "StarRocks gives it the engine of the catalog it is created "
              "in (olap in default_catalog, which rejects these "
              "properties), and it reads nothing from the path; add "
              "ENGINE = file after the column list");
    diag_unit_fix(p->u, cols_end, 0, " ENGINE = file", "add ENGINE = file");
  } else if (!is_file) {
    /* An OLAP table, or a table of an external catalog's own engine
       (CreateTableAnalyzer.analyzeEngineName): not ours.  Drop the target
       (it has no findings). */
    p->u->targets.len--;
    p->t = NULL;
  }
}

/* data_desc = DATA INFILE string_list ... (up to "," or ")") */
static int data_desc(Parser *p, Vec *paths) {
  if (parse_accept_word(p, "DATA") && parse_accept_word(p, "INFILE")) {
    if (!parse_string_list(p, paths))
      return 0;
  }
  while (!at_end(p) && !is_punct(p, peek(p), ',') &&
         !is_punct(p, peek(p), ')')) {
    if (is_punct(p, peek(p), '(')) {
      if (!parse_skip_group(p))
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
  Target *t = parse_new_target(p, PC_STMT_BROKER_LOAD, start);
  if (!t || !parse_name(p, "a label"))
    return;
  Vec paths = {0};
  if (is_punct(p, peek(p), '(')) {
    Token *open = peek(p);
    advance(p);
    for (;;) {
      if (!data_desc(p, &paths))
        goto out;
      if (parse_accept_punct(p, ','))
        continue;
      if (parse_accept_punct(p, ')'))
        break;
      parse_unclosed(p, peek(p), open, "',' or ')'");
      goto out;
    }
  }
  if (!parse_expect_word(p, "WITH"))
    goto out;
  if (is_word(p, peek(p), "RESOURCE")) {
    /* A resource (Spark) load: not a broker load. */
    vec_release(&paths);
    p->u->targets.len--;
    p->t = NULL;
    return;
  }
  if (is_word(p, peek(p), "S3") && is_punct(p, peek_at(p, 1), '(')) {
    parse_doris(p, peek(p),
                "StarRocks has no WITH S3: write WITH BROKER (...) with its "
                "aws.s3.* properties");
    advance(p);
  } else if (!parse_expect_word(p, "BROKER"))
    goto out;
  Token *b = peek(p);
  if (b->kind == TK_IDENT || b->kind == TK_QIDENT || b->kind == TK_STRING) {
    if (!is_word(p, b, "PROPERTIES") && !is_word(p, b, "BY")) {
      t->broker = parse_name_text(p, b);
      t->broker_off = b->off;
      t->broker_len = b->len;
      advance(p);
    }
  }
  if (is_punct(p, peek(p), '(') && !parse_property_list(p, &t->props))
    goto out;
  if (parse_accept_word(p, "BY") && !parse_name(p, "a name after BY"))
    goto out;
  if (parse_accept_word(p, "PROPERTIES") &&
      !parse_property_list(p, &t->load_props))
    goto out;
  parse_expect_end(p, "the load statement");
out:
  parse_set_paths(p, t, &paths);
}

/* create_sv = CREATE STORAGE VOLUME [IF NOT EXISTS] ident_or_string
               TYPE "=" identifier LOCATIONS "=" string_list
               [COMMENT STRING] [PROPERTIES property_list] ; */
static void create_sv(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_CREATE_STORAGE_VOLUME, start);
  Vec paths = {0};
  if (!t)
    return;
  if (!parse_if_not_exists(p) || !parse_name(p, "a storage volume name") ||
      !parse_expect_word(p, "TYPE") || !parse_expect_punct(p, '='))
    return;
  Token *ty = peek(p);
  if (ty->kind != TK_IDENT && ty->kind != TK_QIDENT && ty->kind != TK_STRING) {
    parse_syntax_error(p, ty, "a storage volume type (S3, HDFS, AZBLOB, ...)");
    return;
  }
  t->sv_type = parse_name_text(p, ty);
  t->sv_type_off = ty->off;
  advance(p);
  if (!parse_expect_word(p, "LOCATIONS") || !parse_expect_punct(p, '='))
    return;
  if (!parse_string_list(p, &paths) || !parse_opt_comment(p))
    goto out;
  if (parse_accept_word(p, "PROPERTIES") && !parse_property_list(p, &t->props))
    goto out;
  parse_expect_end(p, "the storage volume definition");
out:
  parse_set_paths(p, t, &paths);
}

/* alter_sv = ALTER STORAGE VOLUME [IF EXISTS] ident_or_string
              sv_clause { "," sv_clause } ;
   sv_clause = COMMENT "=" STRING | SET property_list ; */
static void alter_sv(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_ALTER_STORAGE_VOLUME, start);
  if (!t)
    return;
  if (parse_accept_word(p, "IF") && !parse_expect_word(p, "EXISTS"))
    return;
  if (!parse_name(p, "a storage volume name"))
    return;
  do {
    if (parse_accept_word(p, "COMMENT")) {
      if (!parse_expect_punct(p, '='))
        return;
      if (peek(p)->kind != TK_STRING) {
        parse_syntax_error(p, peek(p), "a quoted comment");
        return;
      }
      advance(p);
    } else if (parse_accept_word(p, "SET")) {
      PropList more = {0};
      int ok = parse_property_list(p, &more);
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
      parse_syntax_error(p, peek(p), "SET (...) or COMMENT = '...'");
      return;
    }
  } while (parse_accept_punct(p, ','));
  parse_expect_end(p, "the storage volume clauses");
}

/* create_repo = CREATE [READ ONLY] REPOSITORY identifier WITH BROKER
                 [ident_or_string] ON LOCATION STRING [properties] ; */
static void create_repo(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_CREATE_REPOSITORY, start);
  Vec paths = {0};
  if (!t || !parse_name(p, "a repository name") ||
      !parse_expect_word(p, "WITH"))
    return;
  if (is_word(p, peek(p), "S3")) {
    parse_doris(p, peek(p),
                "StarRocks has no WITH S3: write WITH BROKER ON LOCATION ... "
                "PROPERTIES (...) with its aws.s3.* properties");
    advance(p);
  } else if (!parse_expect_word(p, "BROKER"))
    return;
  Token *b = peek(p);
  if ((b->kind == TK_IDENT || b->kind == TK_QIDENT || b->kind == TK_STRING) &&
      !is_word(p, b, "ON")) {
    t->broker = parse_name_text(p, b);
    t->broker_off = b->off;
    t->broker_len = b->len;
    advance(p);
  }
  if (!parse_expect_word(p, "ON") || !parse_expect_word(p, "LOCATION"))
    return;
  Token *loc = peek(p);
  if (!parse_path(p, &paths)) {
    if (!*p->u->oom)
      parse_syntax_error(p, loc, "a quoted location");
    goto out;
  }
  if (parse_accept_word(p, "PROPERTIES") && !parse_property_list(p, &t->props))
    goto out;
  parse_expect_end(p, "the repository definition");
out:
  parse_set_paths(p, t, &paths);
}

/* files_relation = FILES property_list ... ;   anywhere in a statement:
   FROM FILES(...), JOIN FILES(...), DESC FILES(...), INSERT INTO FILES(...) */
static void files_calls(Parser *p) {
  int insert = is_word(p, &p->toks[0], "INSERT");
  for (size_t i = 1; i + 1 < p->ntoks; i++) {
    Token *f = &p->toks[i];
    int doris = is_word(p, f, "S3"); /* Apache Doris' s3() */
    if ((!doris && !is_word(p, f, "FILES")) ||
        !is_punct(p, &p->toks[i + 1], '('))
      continue;
    Token *before = &p->toks[i - 1];
    int into = is_word(p, before, "INTO") || is_word(p, before, "OVERWRITE");
    int from = is_word(p, before, "FROM") || is_word(p, before, "JOIN") ||
               is_word(p, before, "DESC") || is_word(p, before, "DESCRIBE") ||
               is_punct(p, before, ',');
    /* INSERT INTO files (a, b) is a table named files with a column list. */
    if (!(from || (into && p->toks[i + 2].kind == TK_STRING)) ||
        (doris && (!from || p->toks[i + 2].kind != TK_STRING)))
      continue;
    Target *t = parse_new_target(p, PC_STMT_FILES, f);
    if (!t)
      return;
    if (doris)
      parse_doris(p, f,
                  "StarRocks has no s3() table function: read files with "
                  "FILES(\"path\" = ..., \"format\" = ...) and its aws.s3.* "
                  "properties");
    t->writes = insert && into;
    p->pos = i + 1;
    parse_property_list(p, &t->props);
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

/* ---- Aurora MySQL (Aurora User Guide: "Loading data into an Amazon Aurora
   MySQL DB cluster from text files in an Amazon S3 bucket" and "Saving data
   from an Amazon Aurora MySQL DB cluster into text files in an Amazon S3
   bucket") ---- */

/* aurora_load = LOAD (DATA [FROM] | XML FROM) S3 [FILE | PREFIX | MANIFEST]
                 STRING ... ;   (LOAD already read) */
static void aurora_load(Parser *p, const Token *start, pc_stmt_kind kind) {
  Target *t = parse_new_target(p, kind, start);
  Vec paths = {0};
  if (!t)
    return;
  if (!parse_expect_word(p, "S3"))
    return;
  if (parse_accept_word(p, "FILE") || parse_accept_word(p, "PREFIX") ||
      parse_accept_word(p, "MANIFEST")) {
  }
  Token *uri = peek(p);
  if (uri->kind != TK_STRING) {
    parse_syntax_error(p, uri, "a quoted S3 URI ('s3://bucket/key')");
    return;
  }
  if (parse_push_path(p, &paths, uri))
    advance(p);
  parse_set_paths(p, t, &paths);
}

/* SELECT ... INTO OUTFILE S3 STRING ... */
static void aurora_outfile(Parser *p) {
  for (size_t i = 0; i + 3 < p->ntoks; i++) {
    if (!is_word(p, &p->toks[i], "INTO") ||
        !is_word(p, &p->toks[i + 1], "OUTFILE") ||
        !is_word(p, &p->toks[i + 2], "S3"))
      continue;
    Target *t = parse_new_target(p, PC_STMT_AURORA_SELECT_INTO_OUTFILE, &p->toks[0]);
    Vec paths = {0};
    if (!t)
      return;
    p->pos = i + 3;
    Token *uri = peek(p);
    if (uri->kind != TK_STRING)
      parse_syntax_error(p, uri, "a quoted S3 URI after INTO OUTFILE S3");
    else
      parse_push_path(p, &paths, uri);
    parse_set_paths(p, t, &paths);
    p->t = NULL;
    return;
  }
}

/* ---- Databend (its CREATE STAGE and CREATE CONNECTION docs; the AST in
   src/query/ast/src/ast/statements/connection.rs) ---- */

/* Appends KEY = 'value' options until the end of the statement or a
   token that is not an option.  Keys are identifiers; Databend reads them
   ignoring case, so they are kept lower-cased.  Returns 0 after a syntax
   error. */
static int databend_option_list(Parser *p, Vec *props, int in_parens) {
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
      parse_syntax_hint(p, v, "a quoted value",
                        "Databend options are KEY = 'value'");
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
    pr->val = parse_prop_text(p, v);
    if (!pr->key || !pr->val) {
      props->len--; /* out of memory: no half-made property */
      return 0;
    }
    parse_prop_spans(pr, k, v);
    pr->spec = keys_lookup(p->u->keys, pr->key, strlen(pr->key));
    if (pr->spec && pr->spec->svc != KS_DATABEND)
      pr->spec = NULL;
    if (pr->spec && !(pr->spec->flags & KF_SECRET) && !v->open)
      v->hidden = 0;
    else
      v->hidden = 1;
    parse_accept_punct(p, ',');
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

/* The options are a property list: an error inside leaves its keys
   incomplete, so the target is not resolved. */
static int databend_options(Parser *p, Vec *props, int in_parens) {
  p->in_props = 1;
  int ok = databend_option_list(p, props, in_parens);
  p->in_props = 0;
  return ok;
}

/* databend_connection = CREATE [OR REPLACE] CONNECTION [IF NOT EXISTS] name
                         option { option } ;      option = KEY "=" STRING */
static void databend_connection(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_DATABEND_CREATE_CONNECTION, start);
  Vec props = {0};
  if (!t || !parse_if_not_exists(p))
    return;
  Token *nm = peek(p);
  if (!parse_name(p, "a connection name"))
    return;
  t->name = parse_name_text(p, nm);
  t->props.open_off = peek(p)->off;
  int ok = databend_options(p, &props, 0);
  props_from_vec(p, &t->props, &props);
  if (ok)
    parse_expect_end(p, "the connection options");
}

/* databend_stage = CREATE [OR REPLACE] STAGE [IF NOT EXISTS] name
                    [[URL =] STRING CONNECTION = "(" option {option} ")"]
                    [FILE_FORMAT = (...)] [copy options] [COMMENT = STRING] ;*/
static void databend_stage(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_DATABEND_CREATE_STAGE, start);
  Vec props = {0}, paths = {0};
  if (!t || !parse_if_not_exists(p) || !parse_name(p, "a stage name"))
    return;
  if (is_word(p, peek(p), "URL") && is_punct(p, peek_at(p, 1), '=')) {
    advance(p);
    advance(p);
  }
  if (peek(p)->kind == TK_STRING) {
    if (!parse_push_path(p, &paths, peek(p)))
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
      if (!parse_accept_punct(p, ')')) {
        parse_unclosed(p, peek(p), open, "')'");
        t->list_broken = 1; /* the options stop short of the ')' */
        goto out;
      }
    } else if (is_punct(p, peek(p), '(')) {
      if (!parse_skip_group(p))
        goto out;
    } else {
      advance(p);
    }
  }
out:
  props_from_vec(p, &t->props, &props);
  parse_set_paths(p, t, &paths);
}

/* CREATE [OR REPLACE] ...: the statements that carry properties; 1 when it
   was one of them (else the statement is only searched for FILES()). */
static int create_stmt(Parser *p, const Token *start) {
  if (is_word(p, peek(p), "OR") && is_word(p, peek_at(p, 1), "REPLACE")) {
    advance(p);
    advance(p);
  }
  if (parse_accept_word(p, "CONNECTION")) {
    databend_connection(p, start);
    return 1;
  }
  if (parse_accept_word(p, "STAGE")) {
    databend_stage(p, start);
    return 1;
  }
  if (is_word(p, peek(p), "CATALOG")) {
    Token *c = peek(p);
    advance(p);
    create_catalog(p, start, c);
    return 1;
  }
  if (parse_accept_word(p, "EXTERNAL")) {
    if (parse_accept_word(p, "CATALOG")) {
      create_catalog(p, start, NULL);
      return 1;
    }
    if (parse_accept_word(p, "TABLE")) {
      create_table(p, start);
      return 1;
    }
  } else if (parse_accept_word(p, "STORAGE")) {
    if (parse_accept_word(p, "VOLUME")) {
      create_sv(p, start);
      return 1;
    }
  } else if (is_word(p, peek(p), "REPOSITORY")) {
    advance(p);
    create_repo(p, start);
    return 1;
  } else if (is_word(p, peek(p), "READ") && is_word(p, peek_at(p, 1), "ONLY") &&
             is_word(p, peek_at(p, 2), "REPOSITORY")) {
    advance(p);
    advance(p);
    advance(p);
    create_repo(p, start);
    return 1;
  }
  return 0;
}

/* ALTER ...: catalogs and storage volumes; 1 when it was one of them. */
static int alter_stmt(Parser *p, const Token *start) {
  if (parse_accept_word(p, "CATALOG")) {
    alter_catalog(p, start);
    return 1;
  }
  if (parse_accept_word(p, "STORAGE") && parse_accept_word(p, "VOLUME")) {
    alter_sv(p, start);
    return 1;
  }
  return 0;
}

/* LOAD ...: StarRocks' LOAD LABEL, Aurora's LOAD DATA|XML FROM S3. */
static int load_stmt(Parser *p, const Token *start) {
  if (parse_accept_word(p, "LABEL")) {
    load(p, start);
    return 1;
  }
  if (is_word(p, peek(p), "DATA") &&
      (is_word(p, peek_at(p, 1), "S3") ||
       (is_word(p, peek_at(p, 1), "FROM") && is_word(p, peek_at(p, 2), "S3")))) {
    advance(p);
    parse_accept_word(p, "FROM");
    aurora_load(p, start, PC_STMT_AURORA_LOAD_DATA);
    return 1;
  }
  if (is_word(p, peek(p), "XML") && is_word(p, peek_at(p, 1), "FROM") &&
      is_word(p, peek_at(p, 2), "S3")) {
    advance(p);
    advance(p);
    aurora_load(p, start, PC_STMT_AURORA_LOAD_XML);
    return 1;
  }
  return 0;
}

/* The statement rules, by the first words; 1 when one of them took the
   statement (else it is only searched for FILES() and OUTFILE). */
static int statement(Parser *p, const Token *start) {
  if (parse_accept_word(p, "CREATE"))
    return create_stmt(p, start);
  if (parse_accept_word(p, "ALTER"))
    return alter_stmt(p, start);
  if (parse_accept_word(p, "LOAD"))
    return load_stmt(p, start);
  if (parse_accept_word(p, "EXPORT")) {
    parse_export(p, start);
    return 1;
  }
  return parse_no_props(p, start);
}

/* The rule a templated head leads to (parse_template.c), its words read;
   1 when one took the statement (an undecided one is taken: noted). */
static int head_rule(Parser *p, const Token *start, ParseHead h) {
  p->head_read = 1;
  switch (h) {
  case HEAD_CREATE_CATALOG: create_catalog(p, start, NULL); break;
  case HEAD_ALTER_CATALOG: alter_catalog(p, start); break;
  case HEAD_CREATE_TABLE: create_table(p, start); break;
  case HEAD_LOAD: load(p, start); break;
  case HEAD_CREATE_SV: create_sv(p, start); break;
  case HEAD_ALTER_SV: alter_sv(p, start); break;
  case HEAD_CREATE_REPO: create_repo(p, start); break;
  case HEAD_EXPORT: parse_export(p, start); break;
  case HEAD_NONE: case HEAD_UNDECIDED: break;
  }
  return 1;
}

void parse_unit(Unit *u) {
  uint32_t prompt_off = 0, prompt_len = 0;
  uint32_t out_off = u->lex.toks.len ? VEC_AT(&u->lex.toks, Token, 0)->off : 0;
  size_t output = parse_strip_output(u);
  size_t prompts = parse_strip_prompts(u, &prompt_off, &prompt_len);
  Parser ps = {.u = u,
               .c = u->chunk,
               .toks = u->lex.toks.data,
               .ntoks = u->lex.toks.len};
  Parser *p = &ps;
  mask_tokens(p);
  if (p->ntoks == 0 || p->toks[0].kind == TK_EOF)
    return;
  Token *start = peek(p);
  ParseHead head = parse_template_head(p);
  if (head ? head_rule(p, start, head) : statement(p, start)) {
    parse_recover_lists(p);
  } else {
    if (is_word(p, start, "SELECT"))
      aurora_outfile(p);
    p->t = NULL;
    if (parse_outfile(p, start))
      parse_recover_lists(p);
    p->t = NULL;
    files_calls(p);
    if (!u->targets.len)
      parse_template_unread(p);
  }
  parse_report_doris(p);
  parse_report_output(p, out_off, output);
  parse_report_prompts(p, prompts, prompt_off, prompt_len);
}
