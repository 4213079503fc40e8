/*
 * values.c - predicates on property values, as StarRocks reads them.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "pc_internal.h"

/* Substrings that mark a documentation placeholder (case-insensitive).
   Angle-bracket placeholders such as <bucket_name> are recognised apart. */
const char *const value_placeholder_markers[] = {
    "${",    "{{",       "xx.xx",     "x.x.x",      "x-x-x",      "your_",
    "your-", "changeme", "change_me", "replace_me", "replace-me", NULL};
/* For each first character of a marker, in either case: 1 + the index of
   the first marker it starts; the markers it starts follow that one.
   test_values checks this against the list. */
const unsigned char value_placeholder_starts[256] = {
    ['$'] = 1, ['{'] = 2, ['x'] = 3, ['X'] = 3,  ['y'] = 6,
    ['Y'] = 6, ['c'] = 8, ['C'] = 8, ['r'] = 10, ['R'] = 10};

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
    if (icase ? strcasecmp(v, list[i]) == 0
              : list[i][0] == v[0] && strcmp(v, list[i]) == 0)
      return 1;
  return 0;
}

/* <bucket_name>, <iam_user_access_key>, <region>: at p, a '<', then a word
   and '>'. */
static int angle_placeholder_at(const char *p) {
  const char *q = p + 1;
  while (*q && (isalnum((unsigned char)*q) || *q == '_' || *q == '-' ||
                *q == ' ' || *q == '.'))
    q++;
  return *q == '>' && q > p + 1;
}

/* {sts_endpoint}, {true | false}: the whole value one brace pair around
   words, spaces and '|' (a choice written out in the docs). */
static int brace_placeholder(const char *v) {
  if (*v != '{')
    return 0;
  const char *q = v + 1;
  while (isalnum((unsigned char)*q) || *q == '_' || *q == '-' || *q == ' ' ||
         *q == '|')
    q++;
  return *q == '}' && q[1] == '\0' && q > v + 1;
}

/* Filler that documentation writes for a value: the whole value one letter
   repeated (yyy, AAAAAAAAAAAAAAAAAAAA), a word of x, y or z anywhere
   (http://xxx:xxx/api, role/yyyyyyyy), or a masked middle (AK******M4). */
static int filler_placeholder(const char *v) {
  size_t n = strlen(v);
  if (n >= 3 && isalpha((unsigned char)v[0]) &&
      strspn(v, (char[]){v[0], 0}) == n)
    return 1;
  for (const char *p = v; *p;) {
    size_t w = 0;
    while (isalnum((unsigned char)p[w]))
      w++;
    int c = ascii_lower((unsigned char)*p);
    if (w >= 3 && (c == 'x' || c == 'y' || c == 'z')) {
      size_t k = 1;
      while (k < w && ascii_lower((unsigned char)p[k]) == c)
        k++;
      if (k == w)
        return 1;
    }
    p += w ? w : 1;
  }
  return strstr(v, "****") != NULL;
}

int value_is_placeholder(const char *v) {
  for (const char *a = strchr(v, '<'); a; a = strchr(a + 1, '<'))
    if (angle_placeholder_at(a))
      return 1;
  if (brace_placeholder(v) || filler_placeholder(v))
    return 1;
  /* One pass that stops only where a marker could start (the first
     letters of value_placeholder_markers, in either case) or at the end. */
  for (const char *p = v;; p++) {
    while (*p && !value_placeholder_starts[(unsigned char)*p])
      p++;
    int c = ascii_lower((unsigned char)*p);
    if (c == 0)
      break;
    for (size_t i = value_placeholder_starts[c] - 1;
         value_placeholder_markers[i] && value_placeholder_markers[i][0] == c;
         i++) {
      const char *m = value_placeholder_markers[i];
      size_t k = 1;
      while (m[k] && ascii_lower((unsigned char)p[k]) == m[k])
        k++;
      if (!m[k])
        return 1;
    }
  }
  /* ****: a masked value copied from SHOW CREATE output or a web page */
  size_t stars = strspn(v, "*");
  return stars >= 3 && v[stars] == '\0';
}

int value_is_s3_path(const char *v) {
  while (*v == ' ')
    v++;
  /* Aurora's s3-REGION://bucket/key */
  if (strncasecmp(v, "s3-", 3) == 0) {
    const char *sep = strstr(v, "://");
    if (sep && (size_t)(sep - v) <= 32 && !memchr(v, '/', (size_t)(sep - v)))
      return 1;
  }
  return strncasecmp(v, "s3://", 5) == 0 || strncasecmp(v, "s3a://", 6) == 0 ||
         strncasecmp(v, "s3n://", 6) == 0;
}

/* ---- Endpoint syntax ---- */

static int is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

/* A dotted IPv4 address: four decimal parts of at most 255. */
static int is_ipv4(const char *h, size_t n) {
  int parts = 0;
  size_t i = 0;
  while (i < n) {
    size_t k = 0;
    unsigned x = 0;
    while (i + k < n && h[i + k] >= '0' && h[i + k] <= '9' && k < 4)
      x = x * 10 + (unsigned)(h[i + k++] - '0');
    if (k == 0 || k > 3 || x > 255)
      return 0;
    parts++;
    i += k;
    if (i < n) {
      if (h[i] != '.')
        return 0;
      i++;
      if (i == n)
        return 0;
    }
  }
  return parts == 4;
}

/* Host name syntax (RFC 1123 labels, as Java's URI parser wants them); NULL
   when fine, else what is wrong. */
static const char *host_name_problem(const char *h, size_t n) {
  if (n > 253)
    return "the host name is longer than 253 characters";
  if (n > 1 && h[n - 1] == '.')
    n--; /* a fully qualified name's final dot */
  int all_digits = 1;
  size_t i = 0;
  while (i < n) {
    size_t k = 0;
    while (i + k < n && h[i + k] != '.')
      k++;
    if (k == 0)
      return "the host name has an empty label (\"..\" or a leading dot)";
    if (k > 63)
      return "a label of the host name is longer than 63 characters";
    for (size_t j = 0; j < k; j++) {
      char c = h[i + j];
      if (c == '_')
        return "the host name contains '_', which host names cannot contain "
               "(Java's URI parser then finds no host)";
      if (!is_alnum(c) && c != '-')
        return "the host name contains a character other than letters, "
               "digits, '-' and '.'";
      if (!(c >= '0' && c <= '9'))
        all_digits = 0;
    }
    if (h[i] == '-' || h[i + k - 1] == '-')
      return "a label of the host name starts or ends with '-'";
    i += k + 1;
  }
  if (all_digits)
    return "the host is not a valid IPv4 address";
  return NULL;
}

const char *value_parse_endpoint(const char *v, Endpoint *e) {
  memset(e, 0, sizeof *e);
  e->port = -1;
  for (const char *p = v; *p; p++)
    if (isspace((unsigned char)*p))
      return "it contains whitespace";
  const char *s = v;
  const char *sep = strstr(v, "://");
  if (sep) {
    e->scheme = v;
    e->scheme_len = (size_t)(sep - v);
    if (!(e->scheme_len == 4 && strncasecmp(v, "http", 4) == 0) &&
        !(e->scheme_len == 5 && strncasecmp(v, "https", 5) == 0))
      return "the scheme must be http or https";
    s = sep + 3;
  } else {
    /* "https:/host" or "http:host": a scheme with no "//", so no host */
    size_t w = 0;
    while (isalpha((unsigned char)v[w]))
      w++;
    if (w > 0 && v[w] == ':' && !isdigit((unsigned char)v[w + 1]))
      return "the scheme is not followed by \"//\" (write scheme://host)";
  }
  size_t auth = strcspn(s, "/?#");
  const char *end = s + auth;
  if (memchr(s, '@', auth))
    return "it contains user information (user@host), which does not belong "
           "in an endpoint";
  const char *rest;
  if (*s == '[') {
    const char *close = memchr(s, ']', auth);
    if (!close)
      return "the IPv6 address has no closing ']'";
    e->host = s + 1;
    e->host_len = (size_t)(close - s - 1);
    e->ipv6 = 1;
    int colons = 0;
    for (size_t i = 0; i < e->host_len; i++) {
      char c = e->host[i];
      if (c == ':')
        colons++;
      else if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f') &&
               !(c >= 'A' && c <= 'F') && c != '.')
        return "the IPv6 address contains a character that is not a hex "
               "digit, ':' or '.'";
    }
    if (colons < 2)
      return "the IPv6 address is malformed";
    rest = close + 1;
  } else {
    e->host = s;
    e->host_len = strcspn(s, ":/?#");
    rest = s + e->host_len;
  }
  if (e->host_len == 0)
    return "the host is empty";
  if (rest < end) {
    if (*rest != ':')
      return "the host is followed by something other than a port";
    rest++;
    size_t k = 0;
    long port = 0;
    while (rest + k < end && rest[k] >= '0' && rest[k] <= '9' && k < 6)
      port = port * 10 + (rest[k++] - '0');
    if (k == 0 && rest == end)
      return "the port after ':' is empty";
    if (rest + k != end || k > 5 || port < 1 || port > 65535)
      return "the port is not a number from 1 to 65535";
    e->port = port;
  }
  if (e->ipv6)
    return NULL;
  if (is_ipv4(e->host, e->host_len)) {
    e->ipv4 = 1;
    return NULL;
  }
  return host_name_problem(e->host, e->host_len);
}

/* Java's Long.parseLong: an optional sign, then decimal digits. */
int value_parse_long(const char *v, long long *out) {
  const char *p = v;
  int neg = 0;
  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  if (!*p)
    return -1;
  unsigned long long x = 0, lim = neg ? 9223372036854775808ULL
                                      : 9223372036854775807ULL;
  for (; *p; p++) {
    if (*p < '0' || *p > '9')
      return -1;
    unsigned d = (unsigned)(*p - '0');
    if (x > (lim - d) / 10)
      return -1;
    x = x * 10 + d;
  }
  *out = neg ? (long long)(0 - x) : (long long)x;
  return 0;
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
   or cap + 1 when it is over cap.  A common prefix and suffix change
   nothing (a transposition across their edge would swap equal bytes), and
   only cells within cap of the diagonal can stay under it: three rows of
   that band are computed. */
size_t value_edit_distance(const char *a, const char *b, size_t cap) {
  size_t n = strlen(a), m = strlen(b);
  while (n && m && *a == *b)
    a++, b++, n--, m--;
  while (n && m && a[n - 1] == b[m - 1])
    n--, m--;
  if ((n > m ? n - m : m - n) > cap)
    return cap + 1;
  enum { MAXLEN = 128 };
  if (n >= MAXLEN || m >= MAXLEN)
    return cap + 1;
  size_t rows[3][MAXLEN + 1];
  size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
  const size_t big = cap + 1;
  for (size_t j = 0; j <= m; j++)
    prev[j] = j <= cap ? j : big;
  for (size_t i = 1; i <= n; i++) {
    size_t lo = i > cap ? i - cap : 1;
    size_t hi = i + cap < m ? i + cap : m;
    cur[lo - 1] = lo == 1 ? i : big;
    if (hi < m)
      cur[hi + 1] = big;
    size_t row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; j++) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = prev[j] + 1;
      if (cur[j - 1] + 1 < d)
        d = cur[j - 1] + 1;
      if (prev[j - 1] + cost < d)
        d = prev[j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          prev2[j - 2] + 1 < d)
        d = prev2[j - 2] + 1;
      cur[j] = d > big ? big : d;
      if (cur[j] < row_min)
        row_min = cur[j];
    }
    if (row_min > cap)
      return big;
    size_t *t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m] > cap ? big : prev[m];
}
