/*
 * keys_index.c - finding a key in the key table (keys.c): the uthash index
 * built per context, StarRocks' way of matching a property key (exact,
 * Iceberg keys in any case, then prefixes), and the near misses behind
 * "did you mean".  The rows themselves are data, in keys.c.
 */
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

/* uthash allocates through the library's hook and never exits on OOM. */
#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) pc_malloc(sz)
#define uthash_free(ptr, sz) pc_free(ptr)
/* The key index hashes key names eight bytes at a time: they are short,
   and they share long prefixes (aws.s3., iceberg.catalog.), which uthash's
   default (Jenkins) hash takes twelve bytes a round to get through. */
static unsigned key_hash(const void *key, size_t n) {
  const unsigned char *k = key;
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    memcpy(&w, k + i, 8);
    h = (h ^ w) * 0x100000001B3ULL;
    h ^= h >> 29;
  }
  w = 0;
  memcpy(&w, k + i, n - i);
  h = (h ^ w) * 0x100000001B3ULL;
  return (unsigned)(h ^ h >> 32);
}
#define HASH_FUNCTION(keyptr, keylen, hashv)                                   \
  ((hashv) = key_hash((keyptr), (size_t)(keylen)))
#include <uthash.h>

/* ---- The per-context index ---- */

struct KeyIndex {
  const KeySpec *spec;
  UT_hash_handle hh;
};

int keys_index_build(KeyIndex **out) {
  KeyIndex *idx = NULL;
  for (size_t i = 0; i < keys_spec_count; i++) {
    if (keys_specs[i].flags & KF_PREFIX)
      continue;
    KeyIndex *e = pc_malloc(sizeof *e);
    if (!e)
      goto fail;
    e->spec = &keys_specs[i];
    int failed = 0;
#undef uthash_nonfatal_oom
#define uthash_nonfatal_oom(elt) (failed = 1)
    HASH_ADD_KEYPTR(hh, idx, e->spec->name, strlen(e->spec->name), e);
    if (failed) {
      pc_free(e);
      goto fail;
    }
  }
  *out = idx;
  return 0;
fail:
  keys_index_free(&idx);
  *out = NULL;
  return -1;
}

void keys_index_free(KeyIndex **idx) {
  KeyIndex *e, *tmp;
  HASH_ITER(hh, *idx, e, tmp) {
    HASH_DEL(*idx, e);
    pc_free(e);
  }
  *idx = NULL;
}

const KeySpec *keys_lookup(KeyIndex *idx, const char *name, size_t len) {
  KeyIndex *e = NULL;
  HASH_FIND(hh, idx, name, len, e);
  return e ? e->spec : NULL;
}

/* The spec of a key as StarRocks matches it: exactly; Iceberg keys (other
   than the catalog type selector) after lower-casing, because StarRocks
   lower-cases them before stripping the iceberg.catalog. prefix; then the
   longest known prefix.  Databend's names mean nothing to StarRocks.
   scratch holds the lower-cased copy (NULL when memory ran out). */
const KeySpec *keys_lookup_starrocks(KeyIndex *idx, struct Arena *scratch,
                                     const char *key) {
  size_t n = strlen(key);
  const KeySpec *k = keys_lookup(idx, key, n);
  if (k)
    return k->svc == KS_DATABEND ? NULL : k;
  if (n > 16 && strncasecmp(key, "iceberg.catalog.", 16) == 0) {
    char *low = arena_strndup(scratch, key, n);
    if (!low)
      return NULL;
    str_lower(low);
    k = keys_lookup(idx, low, n);
    if (k && k->field != F_ICEBERG_TYPE)
      return k;
    return keys_lookup_prefix(low);
  }
  return keys_lookup_prefix(key);
}

/* The StarRocks row whose name equals key ignoring case (a FILES() map
   treats every spelling as one key), or NULL.  Only for keys the exact
   lookup missed, so the scan is rare. */
const KeySpec *keys_lookup_icase(const char *key) {
  for (size_t i = 0; i < keys_spec_count; i++) {
    const KeySpec *k = &keys_specs[i];
    if (!(k->flags & KF_PREFIX) && k->svc != KS_DATABEND &&
        strcasecmp(k->name, key) == 0)
      return k;
  }
  return NULL;
}

const KeySpec *keys_lookup_prefix(const char *name) {
  const KeySpec *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < keys_spec_count; i++) {
    const KeySpec *k = &keys_specs[i];
    if (!(k->flags & KF_PREFIX))
      continue;
    size_t n = strlen(k->name);
    if (n > best_len && strncmp(name, k->name, n) == 0) {
      best = k;
      best_len = n;
    }
  }
  return best;
}

/* The namespace of a key: the prefix up to the second dot for aws.s3. and
   aws.glue., up to "iceberg.catalog." for Iceberg keys. */
static size_t namespace_len(const char *name) {
  static const char *const spaces[] = {"aws.s3.", "aws.glue.",
                                       "iceberg.catalog.", NULL};
  for (size_t i = 0; spaces[i]; i++)
    if (strncmp(name, spaces[i], strlen(spaces[i])) == 0)
      return strlen(spaces[i]);
  return 0;
}

/* Near misses among the keys of one family: Databend options, or the
   StarRocks keys (everything else). */
static const KeySpec *near_miss(const char *name, int databend);

const KeySpec *keys_near_miss(const char *name) { return near_miss(name, 0); }

const KeySpec *keys_near_miss_databend(const char *name) {
  return near_miss(name, 1);
}

static const KeySpec *near_miss(const char *name, int databend) {
  size_t ns = namespace_len(name);
  size_t n = strlen(name);
  /* Allow one edit per 6 characters after the namespace, at most 3. */
  size_t cap = (n - ns) / 6 + 1;
  if (cap > 3)
    cap = 3;
  const KeySpec *best = NULL;
  size_t best_d = cap + 1;
  int tie = 0;
  for (size_t i = 0; i < keys_spec_count; i++) {
    const KeySpec *k = &keys_specs[i];
    if (k->flags & (KF_PREFIX | KF_LEGACY))
      continue;
    if ((k->svc == KS_DATABEND) != databend)
      continue;
    if (ns && strncmp(k->name, name, ns) != 0)
      continue;
    size_t kn = strlen(k->name);
    if ((kn > n ? kn - n : n - kn) > cap) /* more than cap edits apart */
      continue;
    size_t d = value_edit_distance(name, k->name, cap);
    if (d < best_d) {
      best = k;
      best_d = d;
      tie = 0;
    } else if (d == best_d) {
      tie = 1;
    }
  }
  return (best && !tie && best_d > 0) ? best : NULL;
}

const KeySpec *keys_case_miss(const char *name) {
  size_t n = strlen(name);
  for (size_t i = 0; i < keys_spec_count; i++) {
    const KeySpec *k = &keys_specs[i];
    if ((k->flags & KF_PREFIX) || k->svc == KS_DATABEND || strlen(k->name) != n)
      continue;
    if (str_ieq(k->name, name) && strcmp(k->name, name) != 0)
      return k;
  }
  return NULL;
}

const char *keys_name_of(KeySvc svc, Field f) {
  for (size_t i = 0; i < keys_spec_count; i++) {
    const KeySpec *k = &keys_specs[i];
    if (k->svc == svc && k->field == f && !(k->flags & (KF_LEGACY | KF_PREFIX)))
      return k->name;
  }
  return "?";
}
