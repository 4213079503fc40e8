/*
 * parse_transfer.c - the statements that write data out of StarRocks or
 * back it up: EXPORT, SELECT ... INTO OUTFILE, and BACKUP, RESTORE and
 * automated cluster snapshots (these carry no credentials of their own:
 * the repository or storage volume they name does).  Rules from StarRocks'
 * StarRocks.g4 (exportStatement, outfile, backupStatement, restoreStatement,
 * adminSetAutomatedSnapshotOnStatement) and their analyzers
 * (ExportStmtAnalyzer, OutFileClause).
 */
#include <string.h>

#include "parse.h"

/* The broker clause of EXPORT (brokerDesc): WITH BROKER [ident_or_string]
   [property_list] (WITH already read); Apache Doris' WITH S3 (...) is
   reported and read as a broker-less list.  0 after a syntax error. */
static int broker_clause(Parser *p, Target *t) {
  if (is_word(p, peek(p), "S3") && is_punct(p, peek_at(p, 1), '(')) {
    parse_doris(p, peek(p),
                "StarRocks has no WITH S3: write WITH BROKER (...) with "
                "its aws.s3.* properties");
    advance(p);
    return parse_property_list(p, &t->props);
  }
  if (!parse_expect_word(p, "BROKER"))
    return 0;
  Token *b = peek(p);
  if (b->kind == TK_IDENT || b->kind == TK_QIDENT || b->kind == TK_STRING) {
    t->broker = parse_name_text(p, b);
    t->broker_off = b->off;
    t->broker_len = b->len;
    advance(p);
  }
  if (is_punct(p, peek(p), '('))
    return parse_property_list(p, &t->props);
  t->props.present = 1; /* WITH BROKER alone: an empty broker-less list */
  t->props.open_off = b->off;
  return 1;
}

/* export = EXPORT TABLE qualified_name [partition_names] [column_aliases]
            TO STRING [WITH (SYNC | ASYNC) MODE] [PROPERTIES property_list]
            [WITH BROKER [ident_or_string] [property_list]] ;
   (EXPORT already read).  The PROPERTIES are the export's options
   (column_separator, timeout, ...); the credentials are the broker's. */
void parse_export(Parser *p, const Token *start) {
  Target *t = parse_new_target(p, PC_STMT_EXPORT, start);
  Vec paths = {0};
  if (!t || (!p->head_read && !parse_expect_word(p, "TABLE")) ||
      !parse_name(p, "a table name"))
    return;
  parse_accept_word(p, "TEMPORARY");
  if ((parse_accept_word(p, "PARTITION") ||
       parse_accept_word(p, "PARTITIONS")) &&
      (!is_punct(p, peek(p), '(') || !parse_skip_group(p)))
    return;
  if (is_punct(p, peek(p), '(') && !parse_skip_group(p))
    return;
  if (!parse_expect_word(p, "TO"))
    return;
  Token *to = peek(p);
  if (!parse_path(p, &paths)) {
    if (!*p->u->oom)
      parse_syntax_error(p, to, "a quoted path ('s3://bucket/prefix/')");
    goto out;
  }
  if (is_word(p, peek(p), "WITH") && (is_word(p, peek_at(p, 1), "SYNC") ||
                                      is_word(p, peek_at(p, 1), "ASYNC"))) {
    advance(p);
    advance(p);
    if (!parse_expect_word(p, "MODE"))
      goto out;
  }
  if (parse_accept_word(p, "PROPERTIES") &&
      !parse_property_list(p, &t->load_props))
    goto out;
  if (parse_accept_word(p, "WITH") && !broker_clause(p, t))
    goto out;
  if (!t->props.present) {
    /* ExportStmtAnalyzer: a broker is required; nothing to resolve. */
    diag_unit(p->u, t, R_MISSING_REQUIRED_KEY, start->off, start->len, NULL,
              "StarRocks rejects an EXPORT without WITH BROKER (\"broker is "
              "not provided\"): add WITH BROKER (...) with the credentials");
    t->list_broken = 1;
  }
  parse_expect_end(p, "the export statement");
out:
  parse_set_paths(p, t, &paths);
}

/* OUTFILE properties (OutFileClause.setBrokerProperties): every key goes
   to the broker, with an old "broker." prefix taken off; "broker.name"
   names a broker process, else the write is broker-less. */
static void outfile_keys(Parser *p, Target *t) {
  for (size_t i = 0; i < t->props.n; i++) {
    Prop *pr = &t->props.v[i];
    if (strncmp(pr->key, "broker.", 7) != 0)
      continue;
    if (strcmp(pr->key, "broker.name") == 0) {
      for (size_t k = 0; k < p->ntoks; k++)
        if (p->toks[k].off == pr->val_off && !p->toks[k].open)
          p->toks[k].hidden = 0; /* a broker's name, shown in findings */
      t->broker = pr->val;
      t->broker_off = pr->val_off;
      t->broker_len = pr->val_len;
      continue;
    }
    pr->key += 7;
    pr->spec = parse_lookup_key(p->u, pr->key);
  }
}

/* outfile = INTO OUTFILE STRING [FORMAT AS (identifier | STRING)]
             [PROPERTIES property_list] ;   at the end of a query.  Aurora's
   INTO OUTFILE S3 'uri' is not this rule. */
int parse_outfile(Parser *p, const Token *start) {
  for (size_t i = 0; i + 2 < p->ntoks; i++) {
    if (!is_word(p, &p->toks[i], "INTO") ||
        !is_word(p, &p->toks[i + 1], "OUTFILE") ||
        (p->toks[i + 2].kind != TK_STRING &&
         !parse_curly_starts(p, &p->toks[i + 2])))
      continue;
    Target *t = parse_new_target(p, PC_STMT_SELECT_INTO_OUTFILE, start);
    Vec paths = {0};
    if (!t)
      return 1;
    p->pos = i + 2;
    if (!parse_path(p, &paths) && !*p->u->oom)
      parse_syntax_error(p, peek(p), "a quoted path after INTO OUTFILE");
    parse_set_paths(p, t, &paths);
    if (parse_accept_word(p, "FORMAT") &&
        (!parse_expect_word(p, "AS") || !parse_name(p, "a format name")))
      return 1;
    if (parse_accept_word(p, "PROPERTIES")) {
      if (!parse_property_list(p, &t->props))
        return 1;
      outfile_keys(p, t);
    }
    parse_expect_end(p, "the OUTFILE clause");
    return 1;
  }
  return 0;
}

/* backup  = BACKUP ... SNAPSHOT qualified_name TO identifier ... ;
   restore = RESTORE SNAPSHOT qualified_name FROM identifier ... ;
   admin_snapshot = ADMIN SET AUTOMATED CLUSTER SNAPSHOT ON [interval]
                    [STORAGE VOLUME identifier] ;
   Recognized only: their PROPERTIES (type, timeout, backup_timestamp,
   ...) are not credentials, and the repository or storage volume they use
   is checked where it is created. */
int parse_no_props(Parser *p, const Token *start) {
  pc_stmt_kind kind;
  if (parse_accept_word(p, "BACKUP"))
    kind = PC_STMT_BACKUP;
  else if (parse_accept_word(p, "RESTORE") && is_word(p, peek(p), "SNAPSHOT"))
    kind = PC_STMT_RESTORE;
  else if (parse_accept_word(p, "ADMIN") && parse_accept_word(p, "SET") &&
           parse_accept_word(p, "AUTOMATED") &&
           parse_accept_word(p, "CLUSTER") &&
           parse_accept_word(p, "SNAPSHOT") && is_word(p, peek(p), "ON"))
    kind = PC_STMT_CLUSTER_SNAPSHOT;
  else
    return 0;
  parse_new_target(p, kind, start);
  p->t = NULL;
  return 1;
}
