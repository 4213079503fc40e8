/*
 * lsp_complete.c - textDocument/completion inside a property list.
 *
 * Where the cursor is decides what is offered:
 *   - in a key's string, or where a key can start (after '(' or ','):
 *     the keys of the key table read by this kind of statement (and by
 *     this list: a broker load's PROPERTIES are load options, its WITH
 *     BROKER list storage keys), without legacy names, and for a catalog
 *     without the keys of a metastore or catalog type it does not use;
 *   - in a value's string, or after '=': the key's closed set of values
 *     (true/false, catalog and metastore types, formats), or for a region
 *     the regions of the partition the statement's other regions are in.
 * Secret keys never get values, and no value of the document is sent.
 */
#include <stdio.h>
#include <string.h>

#include "lsp.h"

enum { LIST_NONE, LIST_PROPS, LIST_BROKER, LIST_FILES };

/* The property list the cursor is in, from the word before its '('. */
static int list_at(const Doc *d, size_t ss, size_t at) {
  long paren = scan_list_open(d->text, ss, at);
  char w[32], w2[32];
  size_t ws, ws2;
  if (paren < 0 || !scan_word_before(d->text, ss, (size_t)paren, w, sizeof w,
                                     &ws))
    return LIST_NONE;
  if (strcmp(w, "PROPERTIES") == 0 || strcmp(w, "SET") == 0)
    return LIST_PROPS;
  if (strcmp(w, "FILES") == 0)
    return LIST_FILES;
  if (strcmp(w, "BROKER") == 0 ||
      (scan_word_before(d->text, ss, ws, w2, sizeof w2, &ws2) &&
       strcmp(w2, "BROKER") == 0)) /* WITH BROKER name (...) */
    return LIST_BROKER;
  return LIST_NONE;
}

/* A catalog type's metastore selector and its default (CatalogAnalyzer
   and the connectors' factories). */
static const struct {
  const char *type, *selector, *dflt;
} metastores[] = {
    {"hive", "hive.metastore.type", "hive"},
    {"hudi", "hive.metastore.type", "hive"},
    {"deltalake", "hive.metastore.type", "hive"},
    {"iceberg", "iceberg.catalog.type", NULL},
    {"paimon", "paimon.catalog.type", "filesystem"},
    {"unified", "unified.metastore.type", NULL},
};

typedef struct Filter {
  int kind, list;
  char type[64]; /* the catalog's type, or "" */
  char ms[64];   /* its metastore, or "" when not known yet */
} Filter;

static void filter_init(Filter *f, const Doc *d, size_t ss, size_t se) {
  f->type[0] = f->ms[0] = '\0';
  if (f->kind != PC_STMT_CREATE_EXTERNAL_CATALOG &&
      f->kind != PC_STMT_ALTER_CATALOG)
    return;
  scan_prop_value(d->text, ss, se, "type", f->type, sizeof f->type);
  for (size_t i = 0; i < sizeof metastores / sizeof metastores[0]; i++) {
    if (strcmp(f->type, metastores[i].type) != 0)
      continue;
    if (!scan_prop_value(d->text, ss, se, metastores[i].selector, f->ms,
                         sizeof f->ms) &&
        metastores[i].dflt)
      snprintf(f->ms, sizeof f->ms, "%s", metastores[i].dflt);
  }
}

static int key_wanted(const Filter *f, const pc_key_info *k) {
  if (!(k->kinds & (1u << f->kind)) || k->legacy)
    return 0;
  if (f->kind == PC_STMT_BROKER_LOAD &&
      (f->list == LIST_PROPS) != (k->load_property != 0))
    return 0;
  if (f->type[0] && strcmp(f->type, "iceberg") != 0 &&
      strcmp(k->service, "iceberg") == 0)
    return 0;
  if (f->ms[0] && strcmp(f->ms, "glue") != 0 &&
      strcmp(k->service, "glue") == 0)
    return 0;
  if (k->rest_only && strcmp(f->type, "iceberg") == 0 && f->ms[0] &&
      strcmp(f->ms, "rest") != 0)
    return 0;
  return 1;
}

/* One item; the edit replaces [a, b) with text. */
static cJSON *item(const Doc *d, const char *label, int kind,
                   const char *detail, const char *doc, size_t a, size_t b,
                   const char *text) {
  cJSON *it = cJSON_CreateObject();
  if (!it)
    return NULL;
  cJSON_AddStringToObject(it, "label", label);
  cJSON_AddNumberToObject(it, "kind", kind);
  if (detail)
    cJSON_AddStringToObject(it, "detail", detail);
  if (doc) {
    cJSON *md = cJSON_AddObjectToObject(it, "documentation");
    cJSON_AddStringToObject(md, "kind", "markdown");
    cJSON_AddStringToObject(md, "value", doc);
  }
  cJSON *te = cJSON_AddObjectToObject(it, "textEdit");
  cJSON_AddItemToObject(te, "range", doc_json_range(d, a, b));
  cJSON_AddStringToObject(te, "newText", text);
  return it;
}

static void add_keys(cJSON *items, const Doc *d, const Filter *f, size_t a,
                     size_t b, int quoted) {
  for (size_t i = 0; i < pc_key_count(); i++) {
    pc_key_info k;
    if (pc_key_at(i, &k) != 0 || !key_wanted(f, &k))
      continue;
    char detail[128], doc[4096], text[300];
    snprintf(detail, sizeof detail, "%s · %s%s%s", k.service, k.type,
             k.default_value ? " · default " : "",
             k.default_value ? k.default_value : "");
    hover_key_text(i, doc, sizeof doc);
    snprintf(text, sizeof text, quoted ? "%s" : "\"%s\" = ", k.name);
    cJSON_AddItemToArray(items, item(d, k.name, 10, detail, doc, a, b, text));
  }
}

/* The partition of the statement's regions ("aws" when none says). */
static const char *partition_of(const Doc *d, size_t ss, size_t se) {
  for (size_t i = 0; i < pc_key_count(); i++) {
    pc_key_info k;
    char v[64];
    if (pc_key_at(i, &k) == 0 && strcmp(k.type, "region") == 0 && !k.secret &&
        scan_prop_value(d->text, ss, se, k.name, v, sizeof v) &&
        pc_region_partition(v))
      return pc_region_partition(v);
  }
  return "aws";
}

static void add_values(cJSON *items, const Doc *d, const Filter *f,
                       const char *key, size_t ss, size_t se, size_t a,
                       size_t b, int quoted) {
  long i = pc_key_find(key);
  pc_key_info k;
  if (i < 0 || pc_key_at((size_t)i, &k) != 0 || k.secret || k.prefix)
    return;
  char text[128];
  if (strcmp(k.type, "region") == 0) {
    const char *want = partition_of(d, ss, se), *part;
    for (size_t r = 0; r < pc_region_count(); r++) {
      const char *name = pc_region_at(r, &part);
      snprintf(text, sizeof text, quoted ? "%s" : "\"%s\"", name);
      if (strcmp(part, want) == 0)
        cJSON_AddItemToArray(items, item(d, name, 12, part, NULL, a, b, text));
    }
    return;
  }
  const char *const *vals = pc_key_values((size_t)i, (pc_stmt_kind)f->kind);
  for (; vals && *vals; vals++) {
    snprintf(text, sizeof text, quoted ? "%s" : "\"%s\"", *vals);
    cJSON_AddItemToArray(items, item(d, *vals, 12, k.name, NULL, a, b, text));
  }
}

cJSON *complete_at(const Doc *d, size_t at) {
  cJSON *list = cJSON_CreateObject();
  if (!list)
    return NULL;
  cJSON_AddBoolToObject(list, "isIncomplete", 0);
  cJSON *items = cJSON_AddArrayToObject(list, "items");
  size_t ss = diag_stmt_start(d, at);
  size_t se = scan_stmt_end(d->text, d->len, ss);
  const pc_stmt *s = diag_stmt_at(d, at, NULL);
  Filter f;
  f.kind = s ? (int)pc_stmt_kind_of(s) : scan_stmt_kind(d->text, ss, se);
  f.list = list_at(d, ss, at);
  if (f.kind < 0 || f.list == LIST_NONE)
    return list;
  filter_init(&f, d, ss, se);
  size_t qa, qb;
  char q, key[256];
  if (scan_string_at(d->text, d->len, ss, at, &qa, &qb, &q)) {
    if (scan_in_key_position(d->text, ss, qa - 1))
      add_keys(items, d, &f, qa, qb, 1);
    else if (scan_key_before(d->text, ss, qa - 1, key, sizeof key))
      add_values(items, d, &f, key, ss, se, qa, qb, 1);
  } else if (scan_in_key_position(d->text, ss, at)) {
    add_keys(items, d, &f, at, at, 0);
  } else if (scan_key_before(d->text, ss, at, key, sizeof key)) {
    add_values(items, d, &f, key, ss, se, at, at, 0);
  }
  return list;
}
