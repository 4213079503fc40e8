/*
 * gen_corpus.c - seeded, reproducible generator of a mixed StarRocks SQL
 * corpus for the propcheck benchmarks.
 *
 *   gen_corpus SEED MEGABYTES OUT.sql
 *
 * The same SEED and MEGABYTES always give the same bytes (the PRNG is
 * splitmix64, no libc rand()).  Statement mix, by count:
 *   ~3%  CREATE EXTERNAL CATALOG (Glue, HMS, REST variants; about a third
 *        with a finding: ignored credential, "1" boolean, misspelled key,
 *        role without base, oauth2 token + scope)
 *   ~2%  broker loads (LOAD LABEL ... WITH BROKER)
 *   ~1%  CREATE EXTERNAL TABLE ... ENGINE = file
 *   ~2%  queries using FILES()
 *   rest comments, INSERT and SELECT statements whose string literals hold
 *        quotes, semicolons and comment markers (-- and / * * /).
 * Output stops at the first statement boundary at or past the requested size.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#define PICK(a) (a[rn(sizeof(a) / sizeof(a[0]))])

static FILE *out;
static unsigned long long written;

static void emit(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(out, fmt, ap);
  va_end(ap);
  if (n > 0)
    written += (unsigned long long)n;
}

static const char *regions[] = {"us-east-1",      "us-west-2",    "eu-west-1",
                                "ap-southeast-1", "eu-central-1", "us-east-2"};
static const char *words[] = {"sales",  "orders",  "lake", "raw",   "events",
                              "clicks", "finance", "logs", "users", "metrics"};
static const char *formats[] = {"parquet", "orc", "csv", "json"};
static const char *file_formats[] = {"parquet", "orc", "text"};

static void key_id(char *buf) { /* fake access key id, never real */
  static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  memcpy(buf, "AKIAQZBENCH", 11);
  for (int i = 11; i < 20; i++)
    buf[i] = al[rn(32)];
  buf[20] = 0;
}
static void secret(char *buf) {
  static const char al[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int i = 0; i < 40; i++)
    buf[i] = al[rn(62)];
  buf[40] = 0;
}

/* The S3 credential block of a catalog/load; bad != 0 may add a finding. */
static void s3_creds(const char *prefix, int bad, const char *ind) {
  char ak[24], sk[48];
  unsigned m = rn(4);
  if (bad)
    m = 4 + rn(3);
  switch (m) {
  case 0:
    emit("%s\"%s.use_instance_profile\" = \"true\",\n", ind, prefix);
    break;
  case 1:
    key_id(ak), secret(sk);
    emit("%s\"%s.access_key\" = \"%s\",\n%s\"%s.secret_key\" = \"%s\",\n", ind,
         prefix, ak, ind, prefix, sk);
    break;
  case 2:
    emit("%s\"%s.use_instance_profile\" = \"true\",\n"
         "%s\"%s.iam_role_arn\" = \"arn:aws:iam::%012u:role/%s_role\",\n",
         ind, prefix, ind, prefix, rn(1000000000u), PICK(words));
    break;
  case 3:
    emit("%s\"%s.use_web_identity_token_file\" = \"true\",\n", ind, prefix);
    break;
  case 4: /* ignored credential */
    key_id(ak);
    emit("%s\"%s.use_instance_profile\" = \"true\",\n"
         "%s\"%s.access_key\" = \"%s\",\n",
         ind, prefix, ind, prefix, ak);
    break;
  case 5: /* bool read as false */
    emit("%s\"%s.use_instance_profile\" = \"%s\",\n", ind, prefix,
         rn(2) ? "1" : "yes");
    break;
  default: /* misspelled flag, role without base */
    emit("%s\"%s.use_isntance_profile\" = \"true\",\n"
         "%s\"%s.iam_role_arn\" = \"arn:aws:iam::%012u:role/s3_role\",\n",
         ind, prefix, ind, prefix, rn(1000000000u));
    break;
  }
}

static unsigned long long seq;

static void gen_catalog(void) {
  int bad = rn(3) == 0;
  const char *w = PICK(words);
  const char *reg = PICK(regions);
  unsigned v = rn(3);
  emit("-- external catalog %llu\n", seq);
  emit("CREATE EXTERNAL CATALOG %s_%llu\nPROPERTIES (\n", w, seq);
  if (v == 0) { /* Glue */
    if (rn(2))
      emit("    \"type\" = \"hive\",\n    \"hive.metastore.type\" = "
           "\"glue\",\n");
    else
      emit("    \"type\" = \"iceberg\",\n    \"iceberg.catalog.type\" = "
           "\"glue\",\n");
    s3_creds("aws.s3", bad && rn(2), "    ");
    emit("    \"aws.s3.region\" = \"%s\",\n", reg);
    s3_creds("aws.glue", bad, "    ");
    emit("    \"aws.glue.region\" = \"%s\"\n);\n\n", reg);
  } else if (v == 1) { /* HMS */
    emit("    \"type\" = \"%s\",\n"
         "    \"hive.metastore.uris\" = \"thrift://10.0.%u.%u:9083\",\n",
         rn(2) ? "hive" : "hudi", rn(256), rn(256));
    s3_creds("aws.s3", bad, "    ");
    emit("    \"aws.s3.region\" = \"%s\"\n);\n\n", reg);
  } else { /* Iceberg REST */
    emit("    \"type\" = \"iceberg\",\n    \"iceberg.catalog.type\" = "
         "\"rest\",\n"
         "    \"iceberg.catalog.uri\" = "
         "\"https://%s.example.com/api/catalog\",\n",
         w);
    unsigned r = rn(3);
    if (bad) {
      char tok[48];
      secret(tok);
      emit("    \"iceberg.catalog.security\" = \"oauth2\",\n"
           "    \"iceberg.catalog.oauth2.token\" = \"%s\",\n"
           "    \"iceberg.catalog.oauth2.scope\" = \"PRINCIPAL_ROLE:ALL\",\n",
           tok);
    } else if (r == 0) {
      char cred[48];
      secret(cred);
      emit("    \"iceberg.catalog.security\" = \"oauth2\",\n"
           "    \"iceberg.catalog.oauth2.credential\" = \"client:%s\",\n",
           cred);
    } else if (r == 1) {
      emit("    \"iceberg.catalog.rest.sigv4-enabled\" = \"true\",\n"
           "    \"iceberg.catalog.rest.signing-name\" = \"glue\",\n"
           "    \"iceberg.catalog.rest.signing-region\" = \"%s\",\n",
           reg);
    }
    s3_creds("aws.s3", 0, "    ");
    emit("    \"aws.s3.region\" = \"%s\",\n"
         "    \"iceberg.catalog.warehouse\" = \"%s\"\n);\n\n",
         reg, w);
  }
}

static void gen_broker(void) {
  const char *w = PICK(words);
  const char *f = PICK(formats);
  emit("LOAD LABEL %s.load_%llu\n(\n"
       "    DATA INFILE(\"s3://%s-raw/2025/%02u/%02u/*.%s\")\n"
       "    INTO TABLE %s\n    FORMAT AS \"%s\"\n)\nWITH BROKER\n(\n",
       w, seq, w, 1 + rn(12), 1 + rn(28), f, PICK(words), f);
  s3_creds("aws.s3", rn(4) == 0, "    ");
  emit("    \"aws.s3.region\" = \"%s\"\n)\nPROPERTIES (\"timeout\" = "
       "\"3600\");\n\n",
       PICK(regions));
}

static void gen_file_table(void) {
  const char *w = PICK(words);
  const char *f = PICK(file_formats);
  emit("CREATE EXTERNAL TABLE %s_file_%llu (\n    id bigint,\n    name "
       "varchar(100),\n    ts datetime\n) ENGINE = file COMMENT 'files; not a "
       "-- comment' PROPERTIES (\n    \"path\" = \"s3://%s/dir/\", \"format\" "
       "= \"%s\",\n",
       w, seq, w, f);
  s3_creds("aws.s3", rn(5) == 0, "    ");
  emit("    \"aws.s3.region\" = \"%s\");\n\n", PICK(regions));
}

static void gen_files_query(void) {
  const char *w = PICK(words);
  const char *f = PICK(formats);
  if (rn(2))
    emit("SELECT * FROM FILES(\"path\" = \"s3://%s/in/%llu.%s\", \"format\" = "
         "\"%s\",\n",
         w, seq, f, f);
  else
    emit("INSERT INTO %s SELECT * FROM files(\"path\" = \"s3://%s/in/*.%s\", "
         "\"format\" = \"%s\",\n",
         PICK(words), w, f, f);
  s3_creds("aws.s3", rn(5) == 0, "  ");
  emit("  \"aws.s3.region\" = \"%s\") AS f WHERE f.note <> 'a;b -- c';\n\n",
       PICK(regions));
}

/* String literals full of traps: quotes, semicolons, comment markers. */
static const char *traps[] = {
    "it''s; done",         "-- not a comment",
    "/* not a comment */", "a;b;c",
    "say \"\"hi\"\"; ok",  "x -- y; /* z */",
    "O''Reilly /* ; */",   "semi;colon",
    "path\\\\to; here",    "end */ start /*",
    "plain text",          "100% ; -- % /*",
};

static void gen_other(void) {
  unsigned k = rn(10);
  const char *t = PICK(words);
  if (k < 2) {
    emit("-- %s report %llu; a comment with 'quotes' and \"; semicolons;\n", t,
         seq);
    if (rn(2))
      emit("/* block comment %llu: SELECT ';' FROM t; -- inside\n   still "
           "inside 'x' */\n",
           seq);
  } else if (k < 6) {
    emit("INSERT INTO %s_%u (id, name, note, amount) VALUES\n", t, rn(100));
    unsigned rows = 1 + rn(5);
    for (unsigned i = 0; i < rows; i++)
      emit("    (%u, '%s', '%s', %u.%02u)%s\n", rn(100000), PICK(words),
           PICK(traps), rn(10000), rn(100), i + 1 < rows ? "," : ";");
    emit("\n");
  } else {
    emit("SELECT id, name, /* inline; comment */ count(*) AS n\nFROM %s_%u "
         "-- trailing; comment\nWHERE note = '%s' AND tag <> \"%s\" AND id > "
         "%u\nGROUP BY id, name ORDER BY n DESC LIMIT %u;\n\n",
         t, rn(100), PICK(traps), PICK(words), rn(100000), 1 + rn(1000));
  }
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: gen_corpus SEED MEGABYTES OUT.sql\n");
    return 2;
  }
  rng_state = strtoull(argv[1], NULL, 10);
  double mb = strtod(argv[2], NULL);
  if (mb <= 0) {
    fprintf(stderr, "gen_corpus: MEGABYTES must be positive\n");
    return 2;
  }
  unsigned long long target = (unsigned long long)(mb * 1024.0 * 1024.0);
  out = fopen(argv[3], "wb");
  if (!out) {
    perror(argv[3]);
    return 2;
  }
  static char obuf[1 << 16];
  setvbuf(out, obuf, _IOFBF, sizeof obuf);
  emit("-- propcheck benchmark corpus: seed %s, %s MB\n\n", argv[1], argv[2]);
  while (written < target) {
    unsigned r = rn(1000);
    seq++;
    if (r < 30)
      gen_catalog();
    else if (r < 50)
      gen_broker();
    else if (r < 60)
      gen_file_table();
    else if (r < 80)
      gen_files_query();
    else
      gen_other();
  }
  if (fclose(out) != 0) {
    perror(argv[3]);
    return 2;
  }
  return 0;
}
