/*
 * values.c - predicates on property values, as StarRocks reads them.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

/* Java Boolean.parseBoolean: "true" ignoring case, nothing else. */
int value_parse_bool(const char *v) { return strcasecmp(v, "true") == 0; }

/* Hadoop Configuration.getBoolean: trimmed, then true/false ignoring case. */
int value_parse_hadoop_bool(const char *v) {
  while (*v && isspace((unsigned char)*v))
    v++;
  size_t n = strlen(v);
  while (n > 0 && isspace((unsigned char)v[n - 1]))
    n--;
  if (n == 4 && strncasecmp(v, "true", 4) == 0)
    return 1;
  if (n == 5 && strncasecmp(v, "false", 5) == 0)
    return 0;
  return -1;
}

int value_in(const char *v, const char *const *list, int icase) {
  for (size_t i = 0; list[i]; i++)
    if ((icase ? strcasecmp(v, list[i]) : strcmp(v, list[i])) == 0)
      return 1;
  return 0;
}

static int contains_icase(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = hay; *p; p++)
    if (strncasecmp(p, needle, n) == 0)
      return 1;
  return 0;
}

/* <bucket_name>, <iam_user_access_key>, <region>: a '<' then a word. */
static int has_angle_placeholder(const char *v) {
  for (const char *p = strchr(v, '<'); p; p = strchr(p + 1, '<')) {
    const char *q = p + 1;
    while (*q && (isalnum((unsigned char)*q) || *q == '_' || *q == '-' ||
                  *q == ' ' || *q == '.'))
      q++;
    if (*q == '>' && q > p + 1)
      return 1;
  }
  return 0;
}

int value_is_placeholder(const char *v) {
  if (has_angle_placeholder(v))
    return 1;
  for (size_t i = 0; placeholder_markers[i]; i++)
    if (contains_icase(v, placeholder_markers[i]))
      return 1;
  /* xxx, XXXXXX: nothing but x, three or more. */
  size_t n = strlen(v);
  if (n >= 3 && strspn(v, "xX") == n)
    return 1;
  return 0;
}

int value_is_s3_path(const char *v) {
  while (*v == ' ')
    v++;
  return strncasecmp(v, "s3://", 5) == 0 || strncasecmp(v, "s3a://", 6) == 0 ||
         strncasecmp(v, "s3n://", 6) == 0;
}

static int ends_with(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

int value_is_non_aws_endpoint(const char *v) {
  const char *p = strstr(v, "://");
  const char *host = p ? p + 3 : v;
  if (*host == '[') /* IPv6 literal */
    return 1;
  size_t n = strcspn(host, ":/?#");
  if (n == 0)
    return 0;
  if (n == 9 && strncasecmp(host, "localhost", 9) == 0)
    return 1;
  if (strspn(host, "0123456789.") == n) /* IPv4 */
    return 1;
  if (ends_with(host, n, ".amazonaws.com") ||
      ends_with(host, n, ".amazonaws.com.cn") || ends_with(host, n, ".api.aws"))
    return 0;
  return 1;
}

int value_parse_int(const char *v, long *out) {
  const char *p = v;
  int neg = 0;
  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  if (!*p)
    return -1;
  long x = 0;
  for (; *p; p++) {
    if (*p < '0' || *p > '9')
      return -1;
    if (x > (2147483647L - (*p - '0')) / 10 + (neg ? 1 : 0))
      return -1;
    x = x * 10 + (*p - '0');
  }
  if (!neg && x > 2147483647L)
    return -1;
  *out = neg ? -x : x;
  return 0;
}

/* Optimal string alignment distance (adjacent transpositions count one),
   computed on three rows; stops early above cap. */
size_t value_edit_distance(const char *a, const char *b, size_t cap) {
  size_t n = strlen(a), m = strlen(b);
  if ((n > m ? n - m : m - n) > cap)
    return cap + 1;
  enum { MAXLEN = 128 };
  if (n >= MAXLEN || m >= MAXLEN)
    return cap + 1;
  size_t prev2[MAXLEN], prev[MAXLEN], cur[MAXLEN];
  for (size_t j = 0; j <= m; j++)
    prev[j] = j;
  for (size_t i = 1; i <= n; i++) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; j++) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = prev[j] + 1;
      if (cur[j - 1] + 1 < d)
        d = cur[j - 1] + 1;
      if (prev[j - 1] + cost < d)
        d = prev[j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          prev2[j - 2] + 1 < d)
        d = prev2[j - 2] + 1;
      cur[j] = d;
      if (d < row_min)
        row_min = d;
    }
    if (row_min > cap)
      return cap + 1;
    memcpy(prev2, prev, sizeof(size_t) * (m + 1));
    memcpy(prev, cur, sizeof(size_t) * (m + 1));
  }
  return prev[m];
}
