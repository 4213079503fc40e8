/*
 * gen_adversarial.c - adversarial inputs for propcheck's linear-cost
 * benchmark, written to standard output.
 *
 *   gen_adversarial KIND N [SEED]
 *
 * KIND and what N counts:
 *   stmt    one statement of about N bytes: INSERT INTO ... SELECT FROM
 *           FILES(...) (so it is property-bearing and fully lexed) with a
 *           WHERE id IN (...) list of seeded numbers and strings; stops at
 *           the first list item at or past N bytes
 *   keys    one CREATE EXTERNAL CATALOG whose PROPERTIES list has N keys:
 *           a valid Glue/S3 block, then N - 4 distinct seeded keys outside
 *           the checked namespaces ("custom.<word>.<n>" = "<value>")
 *   parens  one SELECT ... FROM FILES(...) whose "format" value is wrapped
 *           in N nested parentheses: N "(" then "parquet" then N ")"
 *   comment one block comment of N bytes (seeded text with newlines, no
 *           end marker inside), then SELECT 1;
 *   empty   N empty statements, ";\n" each, then SELECT 1;
 *   oneline one SELECT ... FROM FILES(...) on one line with N unknown
 *           "aws.s3.k<n>" keys: N findings on one line
 *   iam     N SELECT ... FROM FILES(...) on one 2,000-character S3 path,
 *           for bench/run.sh's policy of long "*aaa...ab" Resources
 *
 * The same KIND, N and SEED (default 42) always give the same bytes (the
 * PRNG is splitmix64, as in gen_corpus.c).  Output goes through a 1 MiB
 * buffer, so `gen_adversarial comment 524288000 | propcheck -` streams a
 * 500 MB comment without writing it to disk.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

static unsigned long long written; /* bytes written so far */

static void put(const char *s, size_t n) {
  if (fwrite(s, 1, n, stdout) != n) {
    perror("gen_adversarial: write");
    exit(2);
  }
  written += n;
}
static void puts_(const char *s) { put(s, strlen(s)); }

/* n copies of the byte c. */
static void put_run(char c, unsigned long long n) {
  char buf[1 << 16];
  memset(buf, c, sizeof buf);
  while (n > 0) {
    size_t k = n < sizeof buf ? (size_t)n : sizeof buf;
    put(buf, k);
    n -= k;
  }
}

/* A seeded lower-case word of 3..10 letters into buf (at least 11 bytes). */
static void word(char *buf) {
  unsigned n = 3 + rn(8);
  for (unsigned i = 0; i < n; i++)
    buf[i] = (char)('a' + rn(26));
  buf[n] = 0;
}

/* stmt = INSERT ... FROM FILES(props) WHERE id IN (item, item, ...); */
static void gen_stmt(unsigned long long n) {
  char line[128], w[16];
  puts_("INSERT INTO sales_big SELECT * FROM FILES(\n"
        "  \"path\" = \"s3://sales-raw/big/*.parquet\", \"format\" = "
        "\"parquet\",\n"
        "  \"aws.s3.use_instance_profile\" = \"true\",\n"
        "  \"aws.s3.region\" = \"us-west-2\") AS f\nWHERE f.id IN (0");
  while (written < n) {
    word(w);
    int k = rn(2) ? snprintf(line, sizeof line, ", %u", rn(1000000000u))
                  : snprintf(line, sizeof line, ", '%s;--%s'", w, w);
    put(line, (size_t)k);
    if (rn(16) == 0)
      puts_("\n");
  }
  puts_(");\n");
}

/* keys = CREATE EXTERNAL CATALOG ... PROPERTIES (n keys); */
static void gen_keys(unsigned long long n) {
  char line[160], w[16], v[16];
  puts_("CREATE EXTERNAL CATALOG many_keys\nPROPERTIES (\n"
        "  \"type\" = \"hive\",\n  \"hive.metastore.type\" = \"glue\",\n"
        "  \"aws.s3.use_instance_profile\" = \"true\",\n"
        "  \"aws.s3.region\" = \"us-west-2\"");
  for (unsigned long long i = 4; i < n; i++) {
    word(w), word(v);
    int k = snprintf(line, sizeof line, ",\n  \"custom.%s.%llu\" = \"%s\"", w,
                     i, v);
    put(line, (size_t)k);
  }
  puts_("\n);\n");
}

/* parens = SELECT ... FILES(..., "format" = (((...("parquet")...))), ...); */
static void gen_parens(unsigned long long n) {
  puts_("SELECT * FROM FILES(\"path\" = \"s3://sales-raw/p/*.parquet\",\n"
        "  \"format\" = ");
  put_run('(', n);
  puts_("\"parquet\"");
  put_run(')', n);
  puts_(",\n  \"aws.s3.use_instance_profile\" = \"true\",\n"
        "  \"aws.s3.region\" = \"us-west-2\");\n");
}

/* comment = a block comment of n bytes, then SELECT 1; */
static void gen_comment(unsigned long long n) {
  /* One seeded 1 MiB block of text, written again and again: generating
     500 MB byte by byte would make the generator the bottleneck. */
  static char block[1 << 20];
  size_t col = 0;
  for (size_t i = 0; i < sizeof block; i++, col++) {
    unsigned r = rn(64);
    char c = r < 52 ? (char)('a' + r % 26) : r < 60 ? ' ' : r < 62 ? ';' : '\'';
    if (col >= 72 && c == ' ')
      c = '\n', col = 0;
    block[i] = c;
  }
  puts_("/*");
  unsigned long long left = n > 4 ? n - 4 : 0;
  while (left > 0) {
    size_t k = left < sizeof block ? (size_t)left : sizeof block;
    put(block, k);
    left -= k;
  }
  puts_("*/\nSELECT 1;\n");
}

/* empty = n times ";\n", then SELECT 1; */
static void gen_empty(unsigned long long n) {
  char buf[1 << 16];
  for (size_t i = 0; i + 1 < sizeof buf; i += 2)
    buf[i] = ';', buf[i + 1] = '\n';
  unsigned long long left = n;
  while (left > 0) {
    unsigned long long k = left < sizeof buf / 2 ? left : sizeof buf / 2;
    put(buf, (size_t)k * 2);
    left -= k;
  }
  puts_("SELECT 1;\n");
}

/* oneline = one statement on one line with n unknown keys: n findings on
   one line (review F08: it was quadratic in the line) */
static void gen_oneline(unsigned long long n) {
  char buf[64];
  puts_("SELECT * FROM FILES(\"path\" = \"s3://sales-raw/p/*.parquet\", "
        "\"format\" = \"parquet\"");
  for (unsigned long long i = 0; i < n; i++) {
    int k = snprintf(buf, sizeof buf, ", \"aws.s3.k%llu\" = \"v\"", i);
    put(buf, (size_t)k);
  }
  puts_(");\n");
}

/* iam = n statements reading a 2,000-character path, for a policy of four
   2,000-character Resources: arn:aws:s3:::b/ then a star and "aaa...ab"
   (bench/run.sh writes it; review F09: matching was pattern x path) */
static void gen_iam(unsigned long long n) {
  static char path[2001];
  memset(path, 'a', 2000);
  for (unsigned long long i = 0; i < n; i++) {
    puts_("SELECT * FROM FILES(\"path\" = \"s3://b/");
    put(path, 2000);
    puts_("\", \"format\" = \"csv\", \"aws.s3.use_instance_profile\" = "
          "\"true\", \"aws.s3.region\" = \"us-east-1\");\n");
  }
}

static const struct {
  const char *name;                /* KIND on the command line */
  void (*gen)(unsigned long long); /* writes the input for N */
} kinds[] = {
    {"stmt", gen_stmt},       {"keys", gen_keys},   {"parens", gen_parens},
    {"comment", gen_comment}, {"empty", gen_empty}, {"oneline", gen_oneline},
    {"iam", gen_iam},
};

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr,
            "usage: gen_adversarial stmt|keys|parens|comment|empty|oneline|iam "
            "N [SEED]\n");
    return 2;
  }
  char *end;
  unsigned long long n = strtoull(argv[2], &end, 10);
  if (*end || n == 0) {
    fprintf(stderr, "gen_adversarial: N must be a positive integer\n");
    return 2;
  }
  rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
  static char obuf[1 << 20];
  setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    if (strcmp(argv[1], kinds[i].name) == 0) {
      kinds[i].gen(n);
      if (fflush(stdout) != 0) {
        perror("gen_adversarial: write");
        return 2;
      }
      return 0;
    }
  }
  fprintf(stderr, "gen_adversarial: unknown KIND '%s'\n", argv[1]);
  return 2;
}
