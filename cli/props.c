/*
 * props.c - propcheck --props FILE.json: property maps in JSON.
 *
 *   {"type": "hive", "aws.s3.use_instance_profile": "true", ...}
 *       one external catalog;
 *   [{"kind": "broker_load", "properties": {...}, "load_properties": {...},
 *     "paths": ["s3://..."], "broker": "name", "volume_type": "S3",
 *     "writes": true}, ...]
 *       one statement per object (kind as in the JSON output).
 *
 * cJSON reads the document; findings are placed at the key (or value) in
 * the JSON file, found again in the text in document order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "cli.h"

typedef struct Text {
  const char *s;
  size_t len;
  size_t at; /* search position: keys appear in document order */
} Text;

static pc_pos pos_of(const Text *t, size_t off) {
  pc_pos p = {1, 1, off};
  for (size_t i = 0; i < off && i < t->len; i++) {
    if (t->s[i] == '\n') {
      p.line++;
      p.column = 1;
    } else if (((unsigned char)t->s[i] & 0xC0) != 0x80) {
      p.column++;
    }
  }
  return p;
}

/* Finds "key" followed by ':' from t->at on; returns its offset and moves
   on, or returns (size_t)-1 (a key written with escapes is not found). */
static size_t find_key(Text *t, const char *key, size_t *value_off) {
  size_t n = strlen(key);
  for (size_t i = t->at; i + n + 2 <= t->len; i++) {
    if (t->s[i] != '"' || memcmp(t->s + i + 1, key, n) != 0 ||
        t->s[i + 1 + n] != '"')
      continue;
    size_t j = i + n + 2;
    while (j < t->len && strchr(" \t\r\n", t->s[j]))
      j++;
    if (j >= t->len || t->s[j] != ':')
      continue;
    j++;
    while (j < t->len && strchr(" \t\r\n", t->s[j]))
      j++;
    *value_off = j;
    t->at = j;
    return i;
  }
  return (size_t)-1;
}

typedef struct Maps {
  pc_prop *props;
  size_t n;
} Maps;

/* An object of string values into pc_props (strings borrowed from obj). */
static const char *read_map(Text *t, cJSON *obj, Maps *m) {
  size_t n = (size_t)cJSON_GetArraySize(obj);
  m->props = calloc(n ? n : 1, sizeof *m->props);
  m->n = 0;
  if (!m->props)
    return "out of memory";
  for (cJSON *it = obj->child; it; it = it->next) {
    size_t voff = 0, koff = find_key(t, it->string, &voff);
    if (!cJSON_IsString(it))
      return "property values must be strings (StarRocks reads every "
             "property as a string)";
    pc_prop *p = &m->props[m->n++];
    p->key = it->string;
    p->value = it->valuestring;
    if (koff != (size_t)-1) {
      p->key_pos = pos_of(t, koff);
      p->value_pos = pos_of(t, voff);
    }
  }
  return NULL;
}

static int kind_named(const char *s, pc_stmt_kind *out) {
  for (int k = 0; k < PC_STMT_KIND_COUNT; k++) {
    if (strcmp(s, pc_stmt_kind_name((pc_stmt_kind)k)) == 0) {
      *out = (pc_stmt_kind)k;
      return 0;
    }
  }
  return -1;
}

/* One {"kind": ..., "properties": ...} object. */
static const char *read_statement(Text *t, cJSON *o, pc_prop_input *in,
                                  Maps *props, Maps *load,
                                  const char ***paths) {
  in->kind = PC_STMT_CREATE_EXTERNAL_CATALOG;
  for (cJSON *it = o->child; it; it = it->next) {
    const char *f = it->string;
    size_t voff = 0;
    find_key(t, f, &voff);
    if (strcmp(f, "kind") == 0) {
      if (!cJSON_IsString(it) || kind_named(it->valuestring, &in->kind))
        return "\"kind\" must be one of create_external_catalog, "
               "alter_catalog, create_external_table, broker_load, files, "
               "create_storage_volume, alter_storage_volume, "
               "create_repository";
    } else if (strcmp(f, "properties") == 0 && cJSON_IsObject(it)) {
      const char *e = read_map(t, it, props);
      if (e)
        return e;
    } else if (strcmp(f, "load_properties") == 0 && cJSON_IsObject(it)) {
      const char *e = read_map(t, it, load);
      if (e)
        return e;
    } else if (strcmp(f, "paths") == 0 && cJSON_IsArray(it)) {
      size_t n = (size_t)cJSON_GetArraySize(it), k = 0;
      *paths = calloc(n ? n : 1, sizeof **paths);
      if (!*paths)
        return "out of memory";
      for (cJSON *p = it->child; p; p = p->next) {
        if (!cJSON_IsString(p))
          return "\"paths\" must be an array of strings";
        (*paths)[k++] = p->valuestring;
      }
      in->paths = *paths;
      in->npaths = k;
    } else if (strcmp(f, "broker") == 0 && cJSON_IsString(it)) {
      in->broker = it->valuestring;
    } else if (strcmp(f, "volume_type") == 0 && cJSON_IsString(it)) {
      in->volume_type = it->valuestring;
    } else if (strcmp(f, "writes") == 0 && cJSON_IsBool(it)) {
      if (cJSON_IsTrue(it))
        in->flags |= PC_PROPS_WRITES;
    } else {
      return "unknown or malformed field (known: kind, properties, "
             "load_properties, paths, broker, volume_type, writes)";
    }
  }
  in->props = props->props;
  in->nprops = props->n;
  in->load_props = load->props;
  in->nload_props = load->n;
  return NULL;
}

/* Checks one map (object) or several (array); returns 0 or 2. */
static int check_one(pc_ctx *ctx, const char *path, Text *t, cJSON *o,
                     size_t obj_off) {
  pc_prop_input in = {0};
  Maps props = {0}, load = {0};
  const char **paths = NULL;
  in.pos = pos_of(t, obj_off);
  in.flags = PC_PROPS_SAME_FILE;
  const char *err = NULL;
  int wrapped = cJSON_GetObjectItemCaseSensitive(o, "properties") != NULL;
  if (wrapped)
    err = read_statement(t, o, &in, &props, &load, &paths);
  else if ((err = read_map(t, o, &props)) == NULL) {
    in.kind = PC_STMT_CREATE_EXTERNAL_CATALOG;
    in.props = props.props;
    in.nprops = props.n;
  }
  int rc = 0;
  if (err) {
    char msg[512];
    pc_pos p = pos_of(t, t->at);
    snprintf(msg, sizeof msg, "invalid property map at %u:%u: %s", p.line,
             p.column, err);
    pc_file_error(ctx, path, msg);
    rc = 2;
  } else if (pc_check_props(ctx, path, &in) != PC_OK) {
    rc = 2;
  }
  free(props.props);
  free(load.props);
  free(paths);
  return rc;
}

int props_check_file(pc_ctx *ctx, const char *path, const char *text,
                     size_t len) {
  Text t = {text, len, 0};
  const char *end = NULL;
  cJSON *root = cli_json_parse(text, len, &end);
  if (!root && errno == ENOMEM) { /* not "invalid JSON" */
    fprintf(stderr, "propcheck: %s: out of memory\n", path);
    pc_file_error(ctx, path, pc_status_str(PC_ENOMEM));
    return 2;
  }
  /* Text after the document would be silently ignored: an error too. */
  size_t rest = root && end ? (size_t)(end - text) : len;
  while (rest < len && strchr(" \t\r\n", text[rest]) && text[rest])
    rest++;
  if (!root || (!cJSON_IsObject(root) && !cJSON_IsArray(root)) || rest < len) {
    char msg[256];
    pc_pos p = pos_of(&t, root ? rest : end ? (size_t)(end - text) : 0);
    snprintf(msg, sizeof msg,
             !root ? "invalid JSON at %u:%u"
             : rest < len
                 ? "invalid JSON at %u:%u: text after the document"
                 : "invalid property map: expected an object or an array "
                   "of objects",
             p.line, p.column);
    cJSON_Delete(root);
    pc_file_error(ctx, path, msg);
    return 2;
  }
  /* An empty array is a file with no statement, still listed. */
  if (cJSON_IsArray(root) && !root->child) {
    cJSON_Delete(root);
    return pc_check_buffer(ctx, path, "", 0) == PC_OK ? 0 : 2;
  }
  int rc = 0;
  if (cJSON_IsObject(root)) {
    size_t off = (size_t)(strchr(text, '{') - text);
    rc = check_one(ctx, path, &t, root, off);
  } else {
    for (cJSON *o = root->child; o; o = o->next) {
      /* the object's '{': the next one at or after the search position */
      const char *brace = memchr(text + t.at, '{', len - t.at);
      size_t off = brace ? (size_t)(brace - text) : t.at;
      if (!cJSON_IsObject(o)) {
        pc_file_error(ctx, path,
                      "invalid property map: the array must "
                      "hold objects");
        rc = 2;
        continue;
      }
      t.at = off;
      if (check_one(ctx, path, &t, o, off))
        rc = 2;
    }
  }
  cJSON_Delete(root);
  return rc;
}
