/*
 * props_json.c - property maps written in JSON (pc_check_props_json, the
 * engine of propcheck --props).  The document shapes:
 *
 *   {"type": "hive", "aws.s3.use_instance_profile": "true", ...}
 *       one external catalog;
 *   [{"kind": "broker_load", "properties": {...}, "load_properties": {...},
 *     "paths": ["s3://..."], "broker": "name", "volume_type": "S3",
 *     "writes": true}, ...]
 *       one statement per object (kind as pc_stmt_kind_name spells it; an
 *       object without "properties" is a catalog's map, as at the top).
 *
 * json_read.c reads the document once and keeps every key's and value's
 * offset; a cursor that only moves forward turns offsets into line:column
 * as the maps are walked in document order, so the whole is linear in the
 * text.  Each map then goes through pc_check_props (props.c).
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "pc_internal.h"

/* Offsets to positions, for offsets that (mostly) ascend. */
typedef struct Cursor {
  const char *s;
  size_t len;
  size_t off; /* s[0..off) has been counted */
  uint32_t line, col;
} Cursor;

static pc_pos pos_at(Cursor *c, size_t off) {
  if (off < c->off) { /* backwards: count again from the start */
    c->off = 0;
    c->line = 1;
    c->col = 1;
  }
  for (; c->off < off && c->off < c->len; c->off++) {
    unsigned char ch = (unsigned char)c->s[c->off];
    if (ch == '\n') {
      c->line++;
      c->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
      c->col++;
    }
  }
  pc_pos p = {c->line, c->col, off};
  return p;
}

typedef struct Reader {
  Arena *a;
  Cursor cur;
  size_t err_off; /* where the map's problem is */
} Reader;

static const char *const not_strings =
    "property values must be strings (StarRocks reads every property as a "
    "string)";
static const char *const bad_field =
    "unknown or malformed field (known: kind, properties, load_properties, "
    "paths, broker, volume_type, writes)";
static const char *const out_of_memory = "out of memory";

/* An object of string values into pc_props (strings borrowed from the
   tree), with their positions. */
static const char *read_map(Reader *r, const JsonVal *obj, const pc_prop **out,
                            size_t *n) {
  pc_prop *props = arena_alloc(r->a, (obj->n ? obj->n : 1) * sizeof *props);
  if (!props)
    return out_of_memory;
  size_t k = 0;
  for (const JsonVal *m = obj->child; m; m = m->next) {
    r->err_off = m->off;
    if (m->type != JSON_STRING)
      return not_strings;
    pc_prop *p = &props[k++];
    p->key = m->key;
    p->value = m->str;
    p->key_pos = pos_at(&r->cur, m->key_off);
    p->value_pos = pos_at(&r->cur, m->off);
  }
  *out = props;
  *n = k;
  return NULL;
}

/* "\"kind\" must be one of ...", every kind named (in r's arena). */
static const char *bad_kind(Reader *r) {
  Buf b = {0};
  int failed = buf_printf(&b, "\"kind\" must be one of") != 0;
  for (int k = 0; k < PC_STMT_KIND_COUNT && !failed; k++)
    failed = buf_printf(&b, "%s %s", k ? "," : "",
                        pc_stmt_kind_name((pc_stmt_kind)k)) != 0;
  const char *msg = failed ? NULL : arena_strndup(r->a, b.data, b.len);
  buf_release(&b);
  return msg ? msg : out_of_memory;
}

/* One {"kind": ..., "properties": ...} object.  A field given twice is
   taken from its last occurrence. */
static const char *read_statement(Reader *r, const JsonVal *o,
                                  pc_prop_input *in) {
  in->kind = PC_STMT_CREATE_EXTERNAL_CATALOG;
  for (const JsonVal *m = o->child; m; m = m->next) {
    const char *f = m->key, *err = NULL;
    r->err_off = m->off;
    if (strcmp(f, "kind") == 0) {
      int kind = m->type == JSON_STRING ? pc_stmt_kind_from_name(m->str) : -1;
      if (kind < 0)
        return bad_kind(r);
      in->kind = (pc_stmt_kind)kind;
    } else if (strcmp(f, "properties") == 0 && m->type == JSON_OBJECT) {
      err = read_map(r, m, &in->props, &in->nprops);
    } else if (strcmp(f, "load_properties") == 0 && m->type == JSON_OBJECT) {
      err = read_map(r, m, &in->load_props, &in->nload_props);
    } else if (strcmp(f, "paths") == 0 && m->type == JSON_ARRAY) {
      const char **paths = arena_alloc(r->a, (m->n ? m->n : 1) * sizeof *paths);
      if (!paths)
        return out_of_memory;
      size_t k = 0;
      for (const JsonVal *p = m->child; p; p = p->next) {
        if (p->type != JSON_STRING)
          return "\"paths\" must be an array of strings";
        paths[k++] = p->str;
      }
      in->paths = paths;
      in->npaths = k;
    } else if (strcmp(f, "broker") == 0 && m->type == JSON_STRING) {
      in->broker = m->str;
    } else if (strcmp(f, "volume_type") == 0 && m->type == JSON_STRING) {
      in->volume_type = m->str;
    } else if (strcmp(f, "writes") == 0 && m->type == JSON_BOOL) {
      if (strcmp(m->str, "true") == 0)
        in->flags |= PC_PROPS_WRITES;
    } else {
      return bad_field;
    }
    if (err)
      return err;
  }
  return NULL;
}

/* Checks one map (a catalog's object, or a statement object). */
static pc_status check_one(pc_ctx *ctx, const char *path, Reader *r,
                           const JsonVal *o) {
  pc_prop_input in = {0};
  in.pos = pos_at(&r->cur, o->off);
  in.flags = PC_PROPS_SAME_FILE;
  const char *err;
  if (json_member(o, "properties")) {
    err = read_statement(r, o, &in);
  } else {
    in.kind = PC_STMT_CREATE_EXTERNAL_CATALOG;
    err = read_map(r, o, &in.props, &in.nprops);
  }
  if (err == out_of_memory)
    return PC_ENOMEM;
  if (err) {
    char msg[512];
    pc_pos p = pos_at(&r->cur, r->err_off);
    snprintf(msg, sizeof msg, "invalid property map at %u:%u: %s", p.line,
             p.column, err);
    pc_status st = pc_file_error(ctx, path, msg);
    return st == PC_OK ? PC_EINVAL : st;
  }
  return pc_check_props(ctx, path, &in);
}

/* The worse of two statuses: out of memory, then an invalid map. */
static pc_status worse(pc_status a, pc_status b) {
  if (a == PC_ENOMEM || b == PC_ENOMEM)
    return PC_ENOMEM;
  return a != PC_OK ? a : b;
}

pc_status pc_check_props_json(pc_ctx *ctx, const char *path, const char *text,
                              size_t len) {
  if (!ctx || (!text && len) || ctx->cur)
    return PC_EINVAL;
  if (ctx->oom)
    return PC_ENOMEM;
  if (!path)
    path = "<input>";
  if (!text)
    text = "";
  Arena a;
  arena_init(&a, &ctx->oom);
  Reader r = {&a, {text, len, 0, 1, 1}, 0};
  JsonReader jr = {0};
  jr.s = text;
  jr.len = len;
  jr.a = &a;
  jr.bad_off = SIZE_MAX;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    jr.pos = 3; /* a byte order mark */
  const JsonVal *root = json_read(&jr);
  pc_status st = PC_OK;
  char msg[256];
  if (!root && !jr.err) {
    st = PC_ENOMEM;
  } else if (!root) {
    pc_pos p = pos_at(&r.cur, jr.err_off);
    snprintf(msg, sizeof msg, "invalid JSON at %u:%u: %s", p.line, p.column,
             jr.err);
    st = worse(PC_EINVAL, pc_file_error(ctx, path, msg));
  } else if (root->type != JSON_OBJECT && root->type != JSON_ARRAY) {
    st = worse(PC_EINVAL,
               pc_file_error(ctx, path,
                             "invalid property map: expected an object or "
                             "an array of objects"));
  } else if (root->type == JSON_OBJECT) {
    st = check_one(ctx, path, &r, root);
  } else if (!root->child) {
    /* An empty array is a file with no statement, still listed. */
    st = pc_check_buffer(ctx, path, "", 0);
  } else {
    for (const JsonVal *o = root->child; o; o = o->next) {
      pc_status one =
          o->type == JSON_OBJECT
              ? check_one(ctx, path, &r, o)
              : worse(PC_EINVAL,
                      pc_file_error(ctx, path,
                                    "invalid property map: the array must "
                                    "hold objects"));
      st = worse(st, one);
    }
  }
  arena_release(&a);
  return st;
}
