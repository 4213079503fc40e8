/*
 * props.c - resolve a property map without SQL.
 *
 * The map is written out as the statement it describes (keys and values as
 * escaped double-quoted strings, one per line) and checked by the same
 * splitter, lexer, parser and resolver as any SQL, so the two paths cannot
 * drift apart.  Afterwards every position is moved from the generated text
 * to the caller's positions (the key, the value, or the statement), the
 * generated source lines are dropped, and so are fixes (they would edit the
 * generated text, not the caller's source).
 */
#include <string.h>

#include "pc_internal.h"

/* Where a property landed in the generated text. */
typedef struct Span {
  size_t key_off, key_end; /* the key token, quotes included */
  size_t val_off, val_end; /* the value token */
  pc_pos key_pos, val_pos; /* the caller's positions */
} Span;

typedef struct Gen {
  Buf sql;
  Span *spans;
  size_t nspans;
  int failed;
} Gen;

static void put(Gen *g, const char *s) {
  if (!g->failed && buf_append(&g->sql, s, strlen(s)))
    g->failed = 1;
}

/* A double-quoted SQL string whose StarRocks value is exactly s. */
static void put_string(Gen *g, const char *s) {
  static const char from[] = "\\\"\n\t\r\b\x1a";
  static const char *const to[] = {"\\\\", "\\\"", "\\n", "\\t",
                                   "\\r",  "\\b",  "\\Z"};
  put(g, "\"");
  for (const char *p = s; *p && !g->failed; p++) {
    const char *hit = strchr(from, *p);
    if (hit)
      put(g, to[hit - from]);
    else if (buf_append(&g->sql, p, 1))
      g->failed = 1;
  }
  put(g, "\"");
}

/* ( "k" = "v", ... ) with one property per line, remembering the spans. */
static void put_list(Gen *g, const pc_prop *props, size_t n, int *oom) {
  put(g, "(\n");
  for (size_t i = 0; i < n && !g->failed; i++) {
    Span *sp = &g->spans[g->nspans++];
    sp->key_pos = props[i].key_pos;
    sp->val_pos = props[i].value_pos;
    sp->key_off = g->sql.len;
    put_string(g, props[i].key ? props[i].key : "");
    sp->key_end = g->sql.len;
    put(g, " = ");
    sp->val_off = g->sql.len;
    put_string(g, props[i].value ? props[i].value : "");
    sp->val_end = g->sql.len;
    put(g, i + 1 < n ? ",\n" : "\n");
  }
  put(g, ")");
  if (g->failed)
    *oom = 1;
}

/* Databend's KEY = 'value' options, one per line. */
static void put_options(Gen *g, const pc_prop *props, size_t n, int *oom) {
  for (size_t i = 0; i < n && !g->failed; i++) {
    Span *sp = &g->spans[g->nspans++];
    sp->key_pos = props[i].key_pos;
    sp->val_pos = props[i].value_pos;
    sp->key_off = g->sql.len;
    put(g, props[i].key ? props[i].key : "");
    sp->key_end = g->sql.len;
    put(g, " = ");
    sp->val_off = g->sql.len;
    put_string(g, props[i].value ? props[i].value : "");
    sp->val_end = g->sql.len;
    put(g, "\n");
  }
  if (g->failed)
    *oom = 1;
}

static void put_paths(Gen *g, const pc_prop_input *in, const char *dflt) {
  put(g, "(");
  if (in->npaths == 0)
    put_string(g, dflt);
  for (size_t i = 0; i < in->npaths; i++) {
    if (i)
      put(g, ", ");
    put_string(g, in->paths[i] ? in->paths[i] : "");
  }
  put(g, ")");
}

/* " PROPERTIES (...)" when there are properties, else nothing: an optional
   clause is left out, never written as "()". */
static void put_properties(Gen *g, const pc_prop *props, size_t n, int *oom) {
  if (n == 0)
    return;
  put(g, " PROPERTIES ");
  put_list(g, props, n, oom);
}

/* The broker's name and a blank, when there is one. */
static void put_broker(Gen *g, const pc_prop_input *in) {
  if (in->broker) {
    put_string(g, in->broker);
    put(g, " ");
  }
}

/* The statement each kind stands for (StarRocks fe/fe-grammar/src/main/
   antlr/com/starrocks/grammar/StarRocks.g4). */
static void generate(Gen *g, const pc_prop_input *in, int *oom) {
  int list = in->nprops > 0; /* "()" is a syntax error, as in SQL */
  switch (in->kind) {
  case PC_STMT_CREATE_EXTERNAL_CATALOG:
    put(g, "CREATE EXTERNAL CATALOG c PROPERTIES ");
    put_list(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_ALTER_CATALOG:
    put(g, "ALTER CATALOG c SET ");
    put_list(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_CREATE_EXTERNAL_TABLE:
    put(g, "CREATE EXTERNAL TABLE t (c INT) ENGINE = FILE");
    put_properties(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_BROKER_LOAD:
    put(g, "LOAD LABEL db.label ");
    if (in->npaths) {
      put(g, "(DATA INFILE");
      put_paths(g, in, "");
      put(g, " INTO TABLE t) ");
    }
    put(g, "WITH BROKER ");
    put_broker(g, in);
    if (list)
      put_list(g, in->props, in->nprops, oom);
    put_properties(g, in->load_props, in->nload_props, oom);
    break;
  case PC_STMT_FILES:
    put(g, (in->flags & PC_PROPS_WRITES) ? "INSERT INTO FILES"
                                         : "SELECT * FROM FILES");
    put_list(g, in->props, in->nprops, oom);
    if (in->flags & PC_PROPS_WRITES)
      put(g, " SELECT 1");
    break;
  case PC_STMT_CREATE_STORAGE_VOLUME:
    put(g, "CREATE STORAGE VOLUME v TYPE = ");
    put_string(g, in->volume_type ? in->volume_type : "S3");
    put(g, " LOCATIONS = ");
    put_paths(g, in, "s3://");
    put_properties(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_ALTER_STORAGE_VOLUME:
    put(g, "ALTER STORAGE VOLUME v SET ");
    put_list(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_CREATE_REPOSITORY:
    put(g, "CREATE REPOSITORY r WITH BROKER ");
    put_broker(g, in);
    put(g, "ON LOCATION ");
    put_string(g, in->npaths && in->paths[0] ? in->paths[0] : "s3://");
    put_properties(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_AURORA_LOAD_DATA:
  case PC_STMT_AURORA_LOAD_XML:
    put(g, in->kind == PC_STMT_AURORA_LOAD_XML ? "LOAD XML FROM S3 "
                                               : "LOAD DATA FROM S3 ");
    put_string(g, in->npaths && in->paths[0] ? in->paths[0] : "");
    put(g, " INTO TABLE t");
    break;
  case PC_STMT_AURORA_SELECT_INTO_OUTFILE:
    put(g, "SELECT 1 INTO OUTFILE S3 ");
    put_string(g, in->npaths && in->paths[0] ? in->paths[0] : "");
    break;
  case PC_STMT_EXPORT:
    put(g, "EXPORT TABLE t TO ");
    put_string(g, in->npaths && in->paths[0] ? in->paths[0] : "s3://");
    put_properties(g, in->load_props, in->nload_props, oom);
    if (!list && !in->broker)
      break; /* no broker clause: StarRocks rejects the export */
    put(g, " WITH BROKER ");
    put_broker(g, in);
    if (list)
      put_list(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_SELECT_INTO_OUTFILE:
    put(g, "SELECT 1 INTO OUTFILE ");
    put_string(g, in->npaths && in->paths[0] ? in->paths[0] : "s3://");
    put_properties(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_BACKUP:
    put(g, "BACKUP SNAPSHOT db.s TO r");
    break;
  case PC_STMT_RESTORE:
    put(g, "RESTORE SNAPSHOT db.s FROM r");
    break;
  case PC_STMT_CLUSTER_SNAPSHOT:
    put(g, "ADMIN SET AUTOMATED CLUSTER SNAPSHOT ON");
    break;
  case PC_STMT_DATABEND_CREATE_CONNECTION:
    put(g, "CREATE CONNECTION c ");
    put_options(g, in->props, in->nprops, oom);
    break;
  case PC_STMT_DATABEND_CREATE_STAGE:
    put(g, "CREATE STAGE s");
    if (in->npaths) {
      put(g, " URL = ");
      put_string(g, in->paths[0] ? in->paths[0] : "");
    }
    if (list) {
      put(g, " CONNECTION = (\n");
      put_options(g, in->props, in->nprops, oom);
      put(g, ")");
    }
    break;
  default:
    g->failed = 2;
    break;
  }
  put(g, ";\n");
}

/* The caller's position for an offset in the generated text. */
static pc_pos map_pos(const Gen *g, const pc_prop_input *in, uint64_t off) {
  for (size_t i = 0; i < g->nspans; i++) {
    const Span *sp = &g->spans[i];
    if (off >= sp->key_off && off < sp->key_end && sp->key_pos.line)
      return sp->key_pos;
    if (off >= sp->val_off && off < sp->val_end)
      return sp->val_pos.line   ? sp->val_pos
             : sp->key_pos.line ? sp->key_pos
                                : in->pos;
    if (off >= sp->key_off && off < sp->key_end)
      return in->pos;
  }
  return in->pos;
}

static void remap(const Gen *g, const pc_prop_input *in, Finding *f) {
  f->pub.pos = map_pos(g, in, f->pub.pos.offset);
  if (f->pub.has_related)
    f->pub.related = map_pos(g, in, f->pub.related.offset);
  f->pub.fix = NULL;
  f->pub.length = 0;
  f->src_line = "";
  f->caret_col = 0;
  f->caret_len = 1;
}

/* Moves the statements and findings of the last file into the one before
   it when both have the same path. */
static pc_status merge_last(pc_ctx *ctx, pc_status st) {
  pc_file *to = *VEC_AT(&ctx->files, pc_file *, ctx->files.len - 2);
  pc_file *from = *VEC_AT(&ctx->files, pc_file *, ctx->files.len - 1);
  if (strcmp(to->path, from->path) != 0)
    return st;
  for (size_t i = 0; i < from->stmts.len; i++) {
    pc_stmt **slot = vec_push(&to->stmts, sizeof(pc_stmt *), &ctx->oom);
    if (!slot)
      return PC_ENOMEM;
    *slot = *VEC_AT(&from->stmts, pc_stmt *, i);
  }
  for (size_t i = 0; i < from->findings.len; i++) {
    Finding *f = vec_push(&to->findings, sizeof(Finding), &ctx->oom);
    if (!f)
      return PC_ENOMEM;
    *f = *VEC_AT(&from->findings, Finding, i);
  }
  to->suppressed += from->suppressed;
  vec_release(&from->stmts);
  vec_release(&from->findings);
  vec_release(&from->file_supp);
  ctx->files.len--;
  return st;
}

pc_status pc_check_props(pc_ctx *ctx, const char *name,
                         const pc_prop_input *in) {
  if (!ctx || !in || (in->nprops && !in->props) ||
      (in->nload_props && !in->load_props) || (in->npaths && !in->paths) ||
      (unsigned)in->kind >= PC_STMT_KIND_COUNT)
    return PC_EINVAL;
  Gen g = {0};
  int oom = 0;
  g.spans = pc_malloc((in->nprops + in->nload_props + 1) * sizeof *g.spans);
  if (!g.spans)
    return PC_ENOMEM;
  generate(&g, in, &oom);
  pc_status st = g.failed == 2 ? PC_EINVAL : g.failed ? PC_ENOMEM : PC_OK;
  size_t before = ctx->files.len;
  if (st == PC_OK)
    st = pc_check_buffer(ctx, name, g.sql.data, g.sql.len);
  if (ctx->files.len > before) {
    pc_file *file = *VEC_AT(&ctx->files, pc_file *, ctx->files.len - 1);
    for (size_t i = 0; i < file->stmts.len; i++) {
      pc_stmt *s = *VEC_AT(&file->stmts, pc_stmt *, i);
      s->pos = in->pos;
      for (size_t j = 0; j < s->nfindings; j++)
        remap(&g, in, &s->findings[j]);
    }
    for (size_t j = 0; j < file->findings.len; j++)
      remap(&g, in, VEC_AT(&file->findings, Finding, j));
  }
  if ((in->flags & PC_PROPS_SAME_FILE) && ctx->files.len == before + 1 &&
      before > 0)
    st = merge_last(ctx, st);
  buf_release(&g.sql);
  pc_free(g.spans);
  return st;
}
