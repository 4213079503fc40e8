/*
 * clean.c - text the command prints that it did not write itself (file
 * paths, configuration errors, fix descriptions) made safe for a terminal
 * and a CI log: C0 and C1 controls, DEL and the Unicode bidirectional
 * controls become '?', so that a file name cannot start a line with a
 * GitHub Actions command (::error), move the cursor, or set the clipboard
 * (OSC 52).  The library's own messages are cleaned the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Bytes of a character to hide at s (0: print it as it is). */
static size_t hidden_len(const unsigned char *s) {
  if (s[0] < 0x20 || s[0] == 0x7f)
    return 1;
  if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) /* C1 controls */
    return 2;
  if (s[0] == 0xd8 && s[1] == 0x9c) /* U+061C arabic letter mark */
    return 2;
  if (s[0] == 0xe2 && s[1] == 0x80 &&
      (s[2] == 0x8e || s[2] == 0x8f || (s[2] >= 0xaa && s[2] <= 0xae)))
    return 3; /* U+200E, U+200F, U+202A..U+202E */
  if (s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
    return 3; /* U+2066..U+2069 */
  return 0;
}

void cli_fput_clean(FILE *f, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t h = hidden_len(p);
    if (h) {
      fputc('?', f);
      p += h;
    } else {
      fputc(*p++, f);
    }
  }
}

char *cli_clean(const char *s) {
  size_t n = strlen(s);
  char *out = malloc(n + 1);
  if (!out)
    return NULL;
  const unsigned char *p = (const unsigned char *)s;
  size_t o = 0;
  while (*p) {
    size_t h = hidden_len(p);
    if (h) {
      out[o++] = '?';
      p += h;
    } else {
      out[o++] = (char)*p++;
    }
  }
  out[o] = '\0';
  return out;
}
