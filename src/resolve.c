/*
 * resolve.c - from a target's property lists to services, modes, findings.
 *
 * The order follows StarRocks: the property map is built first (duplicates:
 * the last entry wins), then each consumer reads the keys it knows.  This
 * file does the map-level checks (duplicates, unknown, misspelled, legacy
 * and misplaced keys, booleans, placeholders) and the statement-level ones
 * (FILE tables, FILES(), loads, storage volumes, repositories); the AWS
 * credential modes are in resolve_aws.c and catalogs in resolve_catalog.c.
 * Key names come from the key table, never from literals here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws.h"

#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) pc_malloc(sz)
#define uthash_free(ptr, sz) pc_free(ptr)
#include <uthash.h>

/* Who reads the statement, for messages. */
static const char *engine(const Target *t) {
  return names_kind_has(t->kind, KT_DATABEND) ? "Databend" : "StarRocks";
}

/* The value of p if it may be shown, else NULL. */
static const char *shown(const Prop *p) {
  return p->spec && !(p->spec->flags & KF_SECRET) ? p->val : NULL;
}

static const char *kind_phrase(pc_stmt_kind k) {
  switch (k) {
  case PC_STMT_CREATE_EXTERNAL_CATALOG:
  case PC_STMT_ALTER_CATALOG:
    return "an external catalog";
  case PC_STMT_CREATE_EXTERNAL_TABLE:
    return "a FILE external table";
  case PC_STMT_BROKER_LOAD:
    return "a broker load";
  case PC_STMT_FILES:
    return "FILES()";
  case PC_STMT_CREATE_STORAGE_VOLUME:
  case PC_STMT_ALTER_STORAGE_VOLUME:
    return "a storage volume";
  case PC_STMT_CREATE_REPOSITORY:
    return "a repository";
  case PC_STMT_EXPORT:
    return "an EXPORT";
  case PC_STMT_SELECT_INTO_OUTFILE:
    return "SELECT ... INTO OUTFILE";
  default:
    return "this statement";
  }
}

/* The KeyFlags that make a key meaningful in a statement kind. */
static unsigned kind_flags(const Target *t) {
  switch (t->kind) {
  case PC_STMT_CREATE_EXTERNAL_CATALOG:
  case PC_STMT_ALTER_CATALOG:
    return KF_CATALOG;
  case PC_STMT_CREATE_EXTERNAL_TABLE:
    return KF_STORAGE | KF_FILETABLE;
  case PC_STMT_FILES: /* resolve_legacy.c: the fs.s3a.* keys */
    return KF_STORAGE | KF_FILES | KF_HADOOP_FS;
  case PC_STMT_BROKER_LOAD:
  case PC_STMT_CREATE_REPOSITORY:
  case PC_STMT_EXPORT:
  case PC_STMT_SELECT_INTO_OUTFILE:
    return KF_STORAGE | (t->broker ? KF_BROKER : KF_HADOOP_FS);
  case PC_STMT_CREATE_STORAGE_VOLUME:
  case PC_STMT_ALTER_STORAGE_VOLUME:
    return KF_SV;
  default:
    return 0;
  }
}

/* ---- Duplicates: the last entry wins (StarRocks fills a HashMap) ---- */

typedef struct Seen {
  const char *key;
  size_t idx;
  UT_hash_handle hh;
} Seen;

/* Reports p, set again by the later last. */
static void duplicate(Unit *u, Target *t, Prop *p, const Prop *last) {
  p->overridden = 1;
  if (shown(p) && shown(last) && strcmp(p->val, last->val) != 0)
    diag_unit_rel(u, t, R_DUPLICATE_KEY, p->key_off, p->key_len, p->key,
                  last->key_off, last->key,
                  "'%s' is set again later; StarRocks ignores this value "
                  "(\"%s\") and uses the last one (\"%s\")",
                  p->key, p->val, last->val);
  else
    diag_unit_rel(u, t, R_DUPLICATE_KEY, p->key_off, p->key_len, p->key,
                  last->key_off, last->key,
                  "'%s' is set again later; StarRocks ignores this value "
                  "and uses the last one",
                  p->key);
}

/* Marks every property set again later in l (the last one wins).  Short
   lists, the usual case, are compared pair by pair; long ones hashed. */
static void mark_duplicates(Unit *u, Target *t, PropList *l) {
  enum { SHORT_LIST = 24 };
  if (l->n <= SHORT_LIST) {
    for (size_t i = l->n; i-- > 0;) {
      for (size_t j = i + 1; j < l->n; j++) {
        /* the same key has the same spec (a cheap test first) */
        if (!l->v[j].overridden && l->v[i].spec == l->v[j].spec &&
            strcmp(l->v[i].key, l->v[j].key) == 0) {
          duplicate(u, t, &l->v[i], &l->v[j]);
          break;
        }
      }
    }
    return;
  }
  Seen *set = NULL;
  Seen *pool = l->n ? pc_malloc(l->n * sizeof(Seen)) : NULL;
  if (l->n && !pool) {
    *u->oom = 1;
    return;
  }
  int failed = 0;
#undef uthash_nonfatal_oom
#define uthash_nonfatal_oom(elt) (failed = 1)
  for (size_t i = l->n; i-- > 0;) {
    Prop *p = &l->v[i];
    Seen *s = NULL;
    HASH_FIND_STR(set, p->key, s);
    if (s) {
      duplicate(u, t, p, &l->v[s->idx]);
      continue;
    }
    s = &pool[i];
    s->key = p->key;
    s->idx = i;
    HASH_ADD_KEYPTR(hh, set, s->key, strlen(s->key), s);
    if (failed) {
      *u->oom = 1;
      break;
    }
  }
  HASH_CLEAR(hh, set);
  pc_free(pool);
}

/* ---- Map-level checks on each property ---- */

static int in_namespace(const char *key) {
  return strncmp(key, "aws.s3.", 7) == 0 || strncmp(key, "aws.glue.", 9) == 0 ||
         strncasecmp(key, "iceberg.catalog.", 16) == 0;
}

static int list_has_key(const PropList *l, const char *key) {
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->v[i].key, key) == 0)
      return 1;
  return 0;
}

/* Renames p's key to name when that cannot change anything else: the new
   name is not in the list already. */
static void fix_key(Unit *u, const PropList *l, const Prop *p,
                    const char *name) {
  if (!list_has_key(l, name))
    view_fix_contents(u, p->key_off, p->key_len, name, "rename to");
}

/* Unknown keys: a case slip, a near miss, or just unknown. */
static void check_unknown(Unit *u, Target *t, const PropList *l, const Prop *p,
                          int strict, const char *strict_why) {
  const KeySpec *c = keys_case_miss(p->key);
  if (c && !names_kind_has(t->kind, KT_DATABEND)) {
    diag_unit(u, t, R_KEY_CASE, p->key_off, p->key_len, p->key,
              "StarRocks ignores '%s': property names are case-sensitive; "
              "did you mean '%s'?",
              p->key, c->name);
    fix_key(u, l, p, c->name);
    return;
  }
  if (strict) {
    const KeySpec *near = names_kind_has(t->kind, KT_DATABEND)
                              ? keys_near_miss_databend(p->key)
                              : keys_near_miss(p->key);
    diag_unit(u, t, R_INVALID_PROPERTY, p->key_off, p->key_len, p->key,
              "%s rejects '%s': %s%s%s%s", engine(t), p->key, strict_why,
              near ? "; did you mean '" : "", near ? near->name : "",
              near ? "'?" : "");
    if (near)
      fix_key(u, l, p, near->name);
    return;
  }
  if (!in_namespace(p->key))
    return;
  const KeySpec *near = keys_near_miss(p->key);
  /* StarRocks hands every iceberg.catalog.<key> to the Iceberg client,
     which knows more keys than we list: only a near miss is worth a word. */
  if (!near && strncasecmp(p->key, "iceberg.catalog.", 16) == 0)
    return;
  if (near) {
    diag_unit(u, t, R_UNKNOWN_KEY, p->key_off, p->key_len, p->key,
              "StarRocks ignores unknown property '%s'; did you mean '%s'?",
              p->key, near->name);
    fix_key(u, l, p, near->name);
  } else
    diag_unit(u, t, R_UNKNOWN_KEY, p->key_off, p->key_len, p->key,
              "StarRocks ignores unknown property '%s'", p->key);
}

/* What a boolean-looking value was meant to say: 1, 0, or -1 when it is
   not certain (the words are in keys.c). */
static int bool_intent(const char *v) {
  char w[8];
  while (*v == ' ' || *v == '\t')
    v++;
  size_t n = strlen(v);
  while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
    n--;
  if (n == 0 || n >= sizeof w)
    return -1;
  for (size_t i = 0; i < n; i++)
    w[i] = (char)ascii_lower((unsigned char)v[i]);
  w[n] = '\0';
  if (value_in(w, keys_bool_true_words, 0))
    return 1;
  if (value_in(w, keys_bool_false_words, 0))
    return 0;
  return -1;
}

/* Integers as Java parses them (Integer.parseInt or Long.parseLong), at
   least the key's minimum (keys_min_of; 0 when not listed). */
static void check_integer(Unit *u, Target *t, const Prop *p, int is_long) {
  long long x = 0;
  long xi = 0;
  int bad = is_long ? value_parse_long(p->val, &x) : value_parse_int(p->val, &xi);
  if (!is_long)
    x = xi;
  const KeyMin *m = keys_min_of(p->key);
  if (bad != 0)
    diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
              "StarRocks rejects '%s' = \"%s\": not an integer%s", p->key,
              p->val,
              is_long ? "" : " (at most 2147483647)");
  else if (x < (m ? m->min : 0))
    diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
              "StarRocks rejects '%s' = \"%s\" (\"%s\")", p->key, p->val,
              m ? m->message : "it must be a positive integer");
}

/* Values: booleans, numbers, placeholders. */
static void check_value(Unit *u, Target *t, const View *v, const Prop *p) {
  const KeySpec *k = p->spec;
  if (p->templated)
    return; /* filled in before it runs: unknown now (template.h) */
  if (p->placeholder) {
    if (shown(p))
      diag_unit(u, t, R_PLACEHOLDER_VALUE, p->val_off, p->val_len, p->key,
                "'%s' = \"%s\" is a template placeholder, not a real value",
                p->key, p->val);
    else
      diag_unit(u, t, R_PLACEHOLDER_VALUE, p->val_off, p->val_len, p->key,
                "the value of '%s' is a template placeholder, not a real value",
                p->key);
    return;
  }
  if (!k)
    return;
  switch ((ValueKind)k->kind) {
  case VK_BOOL: {
    int hadoop = k->svc == KS_GLUE && v->glue_hadoop;
    if (k->svc == KS_GLUE && v->glue_both &&
        value_parse_hadoop_bool(p->val) == 1 && !value_parse_bool(p->val))
      break; /* true for some tables only: resolve_catalog.c says so */
    if ((k->flags & KF_STRICT_BOOL) && strcasecmp(p->val, "true") != 0 &&
        strcasecmp(p->val, "false") != 0) {
      diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
                "%s rejects '%s' = \"%s\": it must be true or false", engine(t),
                p->key, p->val);
      break;
    }
    int ok = hadoop ? value_parse_hadoop_bool(p->val) >= 0
                    : (strcasecmp(p->val, "true") == 0 ||
                       strcasecmp(p->val, "false") == 0);
    if (!ok) {
      diag_unit(u, t, R_BOOL_READ_AS_FALSE, p->val_off, p->val_len, p->key,
                "StarRocks reads '%s' = \"%s\" as false: only \"true\"%s is "
                "true",
                p->key, p->val,
                hadoop ? " (trimmed, any case)" : " (any case, no spaces)");
      int intent = bool_intent(p->val);
      if (intent >= 0)
        view_fix_contents(u, p->val_off, p->val_len, intent ? "true" : "false",
                          "write");
    }
    break;
  }
  case VK_INT:
  case VK_LONG:
    check_integer(u, t, p, k->kind == VK_LONG);
    break;
  case VK_NUMBER: {
    char *end = NULL;
    double d = strtod(p->val, &end);
    if (!*p->val || *end || d < 0 || d > 1)
      diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
                "StarRocks rejects '%s' = \"%s\": it must be a number from 0 "
                "to 1",
                p->key, p->val);
    break;
  }
  default:
    break;
  }
}

static void check_props(Unit *u, Target *t, View *v, PropList *l,
                        unsigned where, int strict, const char *strict_why) {
  for (size_t i = 0; i < l->n; i++) {
    Prop *p = &l->v[i];
    const KeySpec *k = p->spec;
    if (!k) {
      if (!p->key_templated) /* a templated key is unknown, not wrong */
        check_unknown(u, t, l, p, strict, strict_why);
    } else if (k->flags & KF_LEGACY) {
      diag_unit(u, t, R_LEGACY_KEY, p->key_off, p->key_len, p->key,
                "'%s' is a StarRocks 2.x property name; current StarRocks "
                "reads '%s' instead",
                p->key, k->replacement);
      fix_key(u, l, p, k->replacement);
    } else if (k->flags & KF_OVERWRITTEN) {
      diag_unit(u, t, R_OVERWRITTEN_KEY, p->key_off, p->key_len, p->key,
                "StarRocks discards '%s': %s", p->key, k->replacement);
    } else if (!(k->flags & where)) {
      if (strict)
        diag_unit(u, t, R_INVALID_PROPERTY, p->key_off, p->key_len, p->key,
                  "%s rejects '%s': %s", engine(t), p->key, strict_why);
      else if ((k->flags & KF_BROKER) && k->replacement)
        diag_unit(u, t, R_KEY_NOT_APPLICABLE, p->key_off, p->key_len, p->key,
                  "'%s' is a broker-process (Hadoop S3A) key: StarRocks "
                  "resolves the credentials of %s without a broker name "
                  "from aws.s3.* keys; use '%s'",
                  p->key, kind_phrase(t->kind), k->replacement);
      else if (k->svc != KS_OTHER || (k->flags & KF_SECRET))
        diag_unit(u, t, R_KEY_NOT_APPLICABLE, p->key_off, p->key_len, p->key,
                  "StarRocks ignores '%s' in %s (%s)", p->key,
                  kind_phrase(t->kind), k->meaning);
    }
    if (!p->overridden)
      check_value(u, t, v, p);
  }
}

/* Whether the secret key repeats the access key: on AWS only, since
   S3-compatible servers document equal pairs (MinIO's minioadmin). */
static void check_secret_equals(Unit *u, Target *t, const View *v) {
  static const struct {
    KeySvc svc;
    Field ak, sk, endpoint;
  } pairs[] = {{KS_S3, F_ACCESS_KEY, F_SECRET_KEY, F_ENDPOINT},
               {KS_GLUE, F_ACCESS_KEY, F_SECRET_KEY, F_ENDPOINT},
               {KS_ICEBERG, F_REST_ACCESS_KEY, F_REST_SECRET_KEY, F_ICE_URI},
               {KS_DATABEND, F_ACCESS_KEY, F_SECRET_KEY, F_ENDPOINT},
               {KS_OTHER, F_ACCESS_KEY, F_SECRET_KEY, F_ENDPOINT}}; /* fs.s3a */
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    const Prop *a = v->by[pairs[i].svc][pairs[i].ak];
    const Prop *s = v->by[pairs[i].svc][pairs[i].sk];
    const Prop *ep = view_nonempty(v->by[pairs[i].svc][pairs[i].endpoint]);
    if (ep && aws_endpoint_is_non_aws(ep->val))
      continue;
    /* Templated values are unknown: they may differ once filled.  Filler
       (****, xxx) is equal by accident; a named placeholder for the secret
       that names the access key (<iam_user_access_key>) is the docs' slip. */
    if (a && s && *a->val && !a->templated && !s->templated &&
        (!s->placeholder || strchr(s->val, '<')) &&
        strcmp(a->val, s->val) == 0)
      diag_unit_rel(u, t, R_SECRET_EQUALS_ACCESS_KEY, s->val_off, s->val_len,
                    s->key, a->val_off, a->key,
                    "'%s' has the same value as '%s': the secret key was "
                    "pasted where the access key belongs, or the reverse",
                    s->key, a->key);
  }
}

/* ---- Statement kinds ---- */

/* A FILES() listing option read by ParseUtil.parseBooleanValue: 1 true,
   -1 unknown (a placeholder or template), 0 false (also when absent or
   rejected: reported here). */
static int files_list_bool(Unit *u, Target *t, const View *v, Field f) {
  static const char *const yes[] = {"true", "on", "1", NULL};
  static const char *const no[] = {"false", "off", "0", NULL};
  const Prop *p = v->by[KS_OTHER][f];
  if (!p)
    return 0;
  if (p->placeholder)
    return -1;
  if (value_in(p->val, yes, 1))
    return 1;
  if (!value_in(p->val, no, 1))
    diag_unit(u, t, R_INVALID_VALUE, p->val_off, p->val_len, p->key,
              "StarRocks rejects '%s' = \"%s\" (\"Invalid %s: '%s'. Expected "
              "values should be 1, 0, on, off, true, or false (case "
              "insensitive)\")",
              p->key, p->val, p->key, p->val);
  return 0;
}

/* path and format of FILE tables and FILES(). */
static void check_path_format(Unit *u, Target *t, const View *v) {
  int table = t->kind == PC_STMT_CREATE_EXTERNAL_TABLE;
  view_require_key(
      u, t, v, KS_OTHER, F_PATH,
      table ? "StarRocks rejects the table (\"path is null. Please add "
              "properties(path='xxx') when create table\")"
            : "StarRocks rejects FILES() without a path");
  /* TableFunctionTable.parseProperties: a listing reads no format */
  int listing = !table && !t->writes
                    ? files_list_bool(u, t, v, F_LIST_FILES_ONLY)
                    : 0;
  if (listing == 1)
    files_list_bool(u, t, v, F_LIST_RECURSIVELY);
  if (listing)
    return;
  view_require_key(u, t, v, KS_OTHER, F_FORMAT,
                   table ? "StarRocks rejects the table (\"format is null\")"
                         : "StarRocks rejects FILES() without a format");
  const Prop *f = v->by[KS_OTHER][F_FORMAT];
  if (!f || !*f->val || f->templated)
    return;
  if (table && !value_in(f->val, keys_file_table_formats, 0)) {
    if (value_in(f->val, keys_file_table_formats, 1))
      diag_unit(u, t, R_INVALID_VALUE, f->val_off, f->val_len, f->key,
                "StarRocks rejects format \"%s\" (\"not supported format\"): "
                "FILE tables compare the format case-sensitively; write it "
                "in lower case",
                f->val);
    else
      diag_unit(u, t, R_INVALID_VALUE, f->val_off, f->val_len, f->key,
                "StarRocks rejects format \"%s\": FILE tables support parquet, "
                "orc, text, avro, rctext, rcbinary and sequence",
                f->val);
  } else if (!table && t->writes &&
             !value_in(f->val, keys_files_write_formats, 1)) {
    diag_unit(u, t, R_INVALID_VALUE, f->val_off, f->val_len, f->key,
              "StarRocks rejects format \"%s\" in INSERT INTO FILES() "
              "(\"Unsupported format\"): use parquet, orc or csv",
              f->val);
  } else if (!table && !t->writes &&
             !value_in(f->val, keys_files_formats, 1)) {
    diag_unit(u, t, R_INVALID_VALUE, f->val_off, f->val_len, f->key,
              "StarRocks rejects format \"%s\" in FILES() (\"not supported "
              "format\"): use parquet, orc, csv or avro%s",
              f->val,
              strcasecmp(f->val, "json") == 0
                  ? " (json is only in an open pull request, #77478)"
                  : "");
  }
}

/* LOAD ... PROPERTIES: a fixed whitelist, strict_mode must be a boolean. */
static void check_load_props(Unit *u, Target *t, View *v) {
  PropList *l = &t->load_props;
  mark_duplicates(u, t, l);
  for (size_t i = 0; i < l->n; i++) {
    Prop *p = &l->v[i];
    if (p->spec && (p->spec->flags & KF_LOADPROP)) {
      if (!p->overridden) {
        check_value(u, t, v, p);
        resolve_load_value(u, t, p);
      }
      continue;
    }
    if (p->spec &&
        (p->spec->svc != KS_OTHER || (p->spec->flags & KF_HADOOP_FS)))
      diag_unit(u, t, R_INVALID_PROPERTY, p->key_off, p->key_len, p->key,
                "StarRocks rejects '%s' in the load PROPERTIES (\"%s is "
                "invalid property\"): credentials belong in WITH BROKER (...)",
                p->key, p->key);
    else
      check_unknown(u, t, l, p, 1,
                    "not a load property (timeout, max_filter_ratio, "
                    "strict_mode, timezone, ...)");
  }
}

/* Storage volumes (StarRocks StorageVolumeMgr and StorageVolume). */

/* A location's path after the bucket: empty or "/" (NULL), else it. */
static const char *sub_path(const char *loc) {
  const char *sep = strstr(loc, "://");
  if (!sep)
    return NULL;
  const char *path = strchr(sep + 3, '/');
  return path && path[1] ? path : NULL;
}

/* The partitioned prefix: type S3 only, immutable, and with it on
   (Boolean.parseBoolean) no location may have a sub path. */
static void check_sv_prefix(Unit *u, Target *t, const View *v, const char *type,
                            int s3) {
  const Prop *imm[2] = {v->by[KS_S3][F_PART_PREFIX],
                        v->by[KS_S3][F_NUM_PART_PREFIX]};
  for (int i = 0; i < 2; i++) {
    if (!imm[i])
      continue;
    if (t->kind == PC_STMT_ALTER_STORAGE_VOLUME)
      diag_unit(u, t, R_INVALID_PROPERTY, imm[i]->key_off, imm[i]->key_len,
                imm[i]->key,
                "StarRocks rejects ALTER of '%s' (\"Storage volume property "
                "'%s' is immutable!\")",
                imm[i]->key, imm[i]->key);
    else if (!s3)
      diag_unit(u, t, R_INVALID_PROPERTY, imm[i]->key_off, imm[i]->key_len,
                imm[i]->key,
                "StarRocks rejects '%s' for storage volume type '%s': it only "
                "applies to S3",
                imm[i]->key, type);
  }
  if (!s3 || !imm[0] || !value_parse_bool(imm[0]->val))
    return;
  for (size_t i = 0; i < t->npaths; i++) {
    const PathRef *loc = &t->paths[i];
    if (loc->text && sub_path(loc->text))
      diag_unit(u, t, R_INVALID_VALUE, loc->off, loc->len, NULL,
                "StarRocks rejects this location with '%s' = \"true\" "
                "(\"should not contain sub path after bucket name\"): use "
                "s3://bucket only",
                imm[0]->key);
  }
}

/* Each location's scheme is the TYPE's (case-insensitive). */
static void check_sv_locations(Unit *u, Target *t, const SvType *st) {
  size_t n = strlen(st->scheme);
  for (size_t i = 0; i < t->npaths; i++) {
    const PathRef *loc = &t->paths[i];
    if (loc->text && (strncasecmp(loc->text, st->scheme, n) != 0 ||
                      strncmp(loc->text + n, "://", 3) != 0))
      diag_unit(u, t, R_INVALID_VALUE, loc->off, loc->len, NULL,
                "StarRocks rejects this location (\"Invalid location\"): a "
                "TYPE = %s storage volume needs %s:// locations",
                st->type, st->scheme);
  }
}

static int has_key_prefix(const PropList *l, const char *prefix) {
  for (size_t i = 0; i < l->n; i++)
    if (strncmp(l->v[i].key, prefix, strlen(prefix)) == 0)
      return 1;
  return 0;
}

static void check_sv(Unit *u, Target *t, const View *v, StmtResult *r) {
  if (t->kind == PC_STMT_ALTER_STORAGE_VOLUME) {
    check_sv_prefix(u, t, v, "", 1);
    return;
  }
  const char *type = t->sv_type ? t->sv_type : "";
  const SvType *st = keys_sv_type(type);
  if (!st) {
    diag_unit(u, t, R_INVALID_VALUE, t->sv_type_off, strlen(type), NULL,
              "StarRocks rejects the storage volume (\"Unknown storage volume "
              "type: %s\"): use S3, HDFS, AZBLOB, ADLS2 or GS",
              type);
    return;
  }
  check_sv_prefix(u, t, v, type, st->scheme && !st->cloud_keys);
  if (st->scheme)
    check_sv_locations(u, t, st);
  int valid = st->cloud_keys ? !*st->cloud_keys ||
                                   has_key_prefix(&t->props, st->cloud_keys)
                             : r->auth[PC_SVC_S3].mode != PC_MODE_NONE;
  if (!valid)
    diag_unit(u, t, R_MISSING_REQUIRED_KEY, view_anchor(t), 1, NULL,
              "StarRocks rejects the storage volume (\"Storage params is not "
              "valid\"): TYPE = %s needs %s credentials%s%s%s",
              st->type, st->cloud, st->cloud_keys ? " (" : ", e.g. '",
              st->cloud_keys ? st->cloud_keys : keys_name_of(KS_S3, F_USE_IP),
              st->cloud_keys ? "* keys)" : "' = \"true\"");
}

/* ---- Services used ---- */

static int uses_s3_path(const Target *t, const View *v) {
  for (size_t i = 0; i < t->npaths; i++)
    if (t->paths[i].text && value_is_s3_path(t->paths[i].text))
      return 1;
  static const struct {
    KeySvc svc;
    Field f;
  } pathish[] = {{KS_OTHER, F_PATH},
                 {KS_ICEBERG, F_ICE_WAREHOUSE},
                 {KS_OTHER, F_PAIMON_WAREHOUSE}};
  for (size_t i = 0; i < sizeof pathish / sizeof pathish[0]; i++) {
    const Prop *p = v->by[pathish[i].svc][pathish[i].f];
    if (!p)
      continue;
    /* FILES() paths may be comma separated. */
    const char *s = p->val;
    for (;;) {
      if (value_is_s3_path(s))
        return 1;
      const char *c = strchr(s, ',');
      if (!c)
        break;
      s = c + 1;
    }
  }
  return 0;
}

static int has_svc_keys(const PropList *l, KeySvc svc) {
  for (size_t i = 0; i < l->n; i++)
    if (l->v[i].spec && l->v[i].spec->svc == svc)
      return 1;
  return 0;
}

/* Aurora and Databend: their own checks. */
static void resolve_dialect(Unit *u, Target *t, View *v, StmtResult *r) {
  if (names_kind_has(t->kind, KT_DATABEND)) {
    check_props(u, t, v, &t->props, KF_DATABEND, 1,
                "it is not a Databend connection option");
    resolve_databend(u, t, v, r);
  } else {
    resolve_aurora(u, t, v, r);
  }
}

const View *resolve_target(Unit *u, Target *t, StmtResult *r) {
  memset(r, 0, sizeof *r);
  View *v = arena_alloc(u->scratch, sizeof *v);
  if (!v)
    return NULL;
  view_normalize_keys(u, t);
  mark_duplicates(u, t, &t->props);
  view_build(v, &t->props);
  int catalog = names_kind_has(t->kind, KT_CATALOG);
  if (catalog)
    resolve_catalog_prepare(t, v);

  if (names_kind_has(t->kind, KT_AURORA | KT_DATABEND)) {
    resolve_dialect(u, t, v, r);
    return v;
  }
  /* validateParams accepts any key on an HDFS volume */
  int sv_strict = names_kind_has(t->kind, KT_VOLUME) &&
                  !(t->sv_type && str_ieq(t->sv_type, "HDFS"));
  check_props(u, t, v, &t->props, kind_flags(t), sv_strict,
              "storage volumes accept only StarRocks' cloud credential "
              "properties (\"Invalid properties\")");
  check_secret_equals(u, t, v);

  /* S3: a named broker process reads the properties itself. */
  if (t->broker) {
    diag_unit(u, t, R_NAMED_BROKER, t->broker_off, t->broker_len, NULL,
              "broker \"%s\" reads these properties itself (fs.s3a.* keys for "
              "S3); propcheck does not resolve them: %s for StarRocks' own "
              "aws.s3.* handling",
              t->broker,
              t->kind == PC_STMT_SELECT_INTO_OUTFILE
                  ? "leave out \"broker.name\""
                  : "write WITH BROKER (...) without a name");
  } else if (has_svc_keys(&t->props, KS_S3) || uses_s3_path(t, v)) {
    r->used |= 1u << PC_SVC_S3;
    if (!resolve_legacy_s3(u, t, v, &r->auth[PC_SVC_S3]))
      r->auth[PC_SVC_S3] = resolve_aws(u, t, v, KS_S3, 0);
  }
  /* Glue: where it is the metastore (or may be, in an ALTER). */
  if (v->glue_used ||
      (t->kind == PC_STMT_ALTER_CATALOG && has_svc_keys(&t->props, KS_GLUE))) {
    r->used |= 1u << PC_SVC_GLUE;
    r->auth[PC_SVC_GLUE] = resolve_aws(u, t, v, KS_GLUE, v->glue_used);
  }
  if (catalog)
    resolve_catalog_check(u, t, v, r);

  resolve_check_values(u, t, v, r);

  switch (t->kind) {
  case PC_STMT_CREATE_EXTERNAL_TABLE:
  case PC_STMT_FILES:
    check_path_format(u, t, v);
    break;
  case PC_STMT_BROKER_LOAD:
    if (t->load_props.present)
      check_load_props(u, t, v);
    break;
  case PC_STMT_EXPORT:
    resolve_export_props(u, t);
    break;
  case PC_STMT_CREATE_STORAGE_VOLUME:
  case PC_STMT_ALTER_STORAGE_VOLUME:
    check_sv(u, t, v, r);
    break;
  default:
    break;
  }
  return v;
}
