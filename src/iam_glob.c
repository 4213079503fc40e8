/*
 * iam_glob.c - IAM's wildcards: '*' any run and '?' one character, matched
 * against a plain string or against a need's subject, a set written with
 * MARK_SEG (an unknown ARN segment) and MARK_ANY (any suffix) (iam.h).
 * Everything here is linear or bounded: literal parts are found with
 * memmem and a star is moved back two pointers' way; a subject with marks
 * is a dynamic program over at most IAM_ARN_MAX bytes.
 */
#define _GNU_SOURCE /* memmem: glibc, musl, the BSDs and macOS have it */
#include <string.h>

#include "iam.h"



static int fold(int c, unsigned flags) {
  return (flags & G_ICASE) ? ascii_lower(c) : c;
}

/* glob_span for a pattern of literal bytes and stars: the part before the
   first star is a prefix, the part after the last a suffix, and each part
   between is found leftmost after the one before (memmem), which is where
   it leaves the most for the rest.  Linear in np + ns. */
static int glob_literal(const char *p, size_t np, const char *s, size_t ns) {
  const char *star = memchr(p, '*', np);
  if (!star)
    return np == ns && memcmp(p, s, ns) == 0;
  size_t head = (size_t)(star - p), tail = 0;
  while (tail < np && p[np - 1 - tail] != '*')
    tail++;
  if (head + tail > ns || memcmp(p, s, head) != 0 ||
      memcmp(p + np - tail, s + ns - tail, tail) != 0)
    return 0;
  size_t i = head, j = head, end = ns - tail; /* s[j..end) is left */
  while (i < np - tail) {
    if (p[i] == '*') {
      i++;
      continue;
    }
    const char *q = memchr(p + i, '*', np - tail - i);
    size_t k = (size_t)(q - (p + i)); /* the part p[i..i+k), then a star */
    const char *at = memmem(s + j, end - j, p + i, k);
    if (!at)
      return 0;
    j = (size_t)(at - s) + k;
    i += k;
  }
  return 1;
}

/* Does p[0..np) match all of s[0..ns), '*' any run and '?' one character
   other than MARK_ANY (which only a '*' takes)?  Two pointers, going back
   only to the last star: no state is ever kept but one position, and each
   failure moves the last star's start one on, so the work is at most
   np * ns steps (both are capped, IAM_ARN_MAX) and usually ns.  Exported
   to the unit tests through iam_glob_match. */
static int glob_span(const char *p, size_t np, const char *s, size_t ns,
                     unsigned flags) {
  if (!(flags & G_ICASE) && !memchr(p, '?', np) && !memchr(p, MARK_ANY, np))
    return glob_literal(p, np, s, ns);
  size_t i = 0, j = 0, star = SIZE_MAX, mark = 0;
  while (j < ns) {
    if (i < np && p[i] == '*') {
      star = i++;
      mark = j;
    } else if (i < np && s[j] != MARK_ANY &&
               (p[i] == '?' || fold((unsigned char)p[i], flags) ==
                                   fold((unsigned char)s[j], flags))) {
      i++;
      j++;
    } else if (star != SIZE_MAX) {
      i = star + 1;
      j = ++mark;
    } else {
      return 0;
    }
  }
  while (i < np && p[i] == '*')
    i++;
  return i == np;
}

/* glob_match for a subject without MARK_SEG.  When '*' and '?' cannot take
   ':', every ':' of the subject is matched by a ':' of the pattern, so the
   two are matched segment by segment; under G_STRICT a '*' that ends the
   pattern takes the rest of the subject, ':' and all. */
static int glob_plain(const char *p, const char *s, unsigned flags) {
  size_t np = strlen(p), ns = strlen(s);
  if (!(flags & (G_NOCOLON | G_STRICT)))
    return glob_span(p, np, s, ns, flags);
  int tail =
      (flags & G_STRICT) && !(flags & G_NOCOLON) && np && p[np - 1] == '*';
  size_t i = 0, j = 0;
  for (;;) {
    const char *pc = memchr(p + i, ':', np - i);
    const char *sc = memchr(s + j, ':', ns - j);
    size_t pe = pc ? (size_t)(pc - p) : np, se = sc ? (size_t)(sc - s) : ns;
    int ok = glob_span(p + i, pe - i, s + j, se - j, flags);
    if (!pc && tail)
      return ok; /* the last star takes what follows, ':' and all */
    if (!ok || !pc || !sc)
      return ok && !pc && !sc;
    i = pe + 1;
    j = se + 1;
  }
}

int iam_glob_match(const char *p, const char *s, unsigned flags) {
  return glob_plain(p, s, flags);
}

/* Does pattern p ('*' any run, '?' one character) match all of s?  Without
   MARK_SEG in s, glob_plain; with it, a dynamic program over the subject,
   one row per pattern character, so no pattern takes exponential time (a
   subject with placeholders is a need's ARN, at most IAM_ARN_MAX).  A
   failed allocation sets *oom (when oom is not NULL) and answers 0. */
int iam_glob_subject(const char *p, const char *s, unsigned flags, int *oom) {
  if (!strchr(s, MARK_SEG))
    return glob_plain(p, s, flags);
  size_t np = strlen(p), ns = strlen(s);
  unsigned char stack[2][256];
  unsigned char *heap = NULL, *cur = stack[0], *nxt = stack[1];
  if (ns + 1 > sizeof stack[0]) {
    heap = pc_malloc(2 * (ns + 1));
    if (!heap) {
      if (oom)
        *oom = 1;
      return 0;
    }
    cur = heap;
    nxt = heap + ns + 1;
  }
  memset(cur, 0, ns + 1);
  cur[0] = 1;
  for (size_t i = 0; i < np; i++) {
    char c = p[i];
    int last_star = c == '*' && i + 1 == np;
    nxt[0] = c == '*' ? cur[0] : 0;
    for (size_t j = 1; j <= ns; j++) {
      char sc = s[j - 1];
      int colon_ok = sc != ':' || !(flags & (G_NOCOLON | G_STRICT)) ||
                     (last_star && !(flags & G_NOCOLON));
      unsigned char m;
      if (c == '*') {
        m = cur[j] || (colon_ok && nxt[j - 1]);
      } else if (sc == MARK_ANY) {
        m = 0;
      } else if (sc == MARK_SEG) {
        /* the unknown segment absorbs any run of pattern characters
           other than ':' and '/' */
        m = c != ':' && c != '/' && (cur[j - 1] || cur[j]);
      } else if (c == '?') {
        m = cur[j - 1] && colon_ok;
      } else {
        m = cur[j - 1] &&
            fold((unsigned char)c, flags) == fold((unsigned char)sc, flags);
      }
      nxt[j] = m;
    }
    unsigned char *t = cur;
    cur = nxt;
    nxt = t;
  }
  int ok = cur[ns];
  pc_free(heap);
  return ok;
}


/* Is there a string that pattern p matches and that the subject s (a set:
   MARK_ANY any run, MARK_SEG a segment) contains?  Wildcards read
   permissively.  Reachability over (i, j) = (p consumed, s consumed); every
   step moves forward, so one pass in order suffices.  Over
   OVERLAP_MAX_CELLS it answers -1: not compared (the caller says so).
   With IAM's caps (a Resource and a need's ARN at most IAM_ARN_MAX, and a
   placeholder at least 6 characters becoming one mark) no table reaches
   the limit today: the answer is a guard, not a path the tests reach. */
int iam_glob_overlap(const char *p, const char *s, int *oom) {
  size_t np = strlen(p), ns = strlen(s), w = ns + 1;
  if (ns && s[ns - 1] == MARK_ANY && !memchr(s, MARK_ANY, ns - 1) &&
      !memchr(s, MARK_SEG, ns - 1)) {
    /* A prefix and any suffix (the usual need): some string of p starts
       with the prefix when p, read up to its first star, agrees with it
       (the star takes the rest), or when p agrees and is longer. */
    for (size_t k = 0;; k++) {
      if (k == ns - 1 || (k < np && p[k] == '*'))
        return 1;
      if (k == np || (p[k] != '?' && p[k] != s[k]))
        return 0;
    }
  }
  if ((np + 1) > OVERLAP_MAX_CELLS / w)
    return -1;
  unsigned char *r = pc_malloc((np + 1) * w);
  if (!r) {
    *oom = 1;
    return 0;
  }
  memset(r, 0, (np + 1) * w);
  r[0] = 1;
  for (size_t i = 0; i <= np; i++)
    for (size_t j = 0; j <= ns; j++) {
      if (!r[i * w + j])
        continue;
      char c = i < np ? p[i] : '\0', sc = j < ns ? s[j] : '\0';
      if (c == '*') {
        r[(i + 1) * w + j] = 1; /* the star matches nothing more */
        if (j < ns)
          r[i * w + j + 1] = 1; /* the star takes what s[j] stands for */
      }
      if (sc == MARK_ANY) {
        r[i * w + j + 1] = 1; /* the run is empty */
        if (i < np && c != '*')
          r[(i + 1) * w + j] = 1; /* the run takes p[i] */
      } else if (sc == MARK_SEG) {
        if (i < np && c != '*' && c != ':' && c != '/') {
          r[(i + 1) * w + j] = 1;     /* the segment goes on */
          r[(i + 1) * w + j + 1] = 1; /* the segment ends */
        }
      } else if (i < np && j < ns && c != '*' && (c == '?' || c == sc)) {
        r[(i + 1) * w + j + 1] = 1;
      }
    }
  int ok = r[np * w + ns];
  pc_free(r);
  return ok;
}
