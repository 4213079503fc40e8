/*
 * diag.c - the rule table, positions, and findings with masked source lines.
 *
 * Every finding carries a rule id from rule_table (append only, never
 * renumbered: outputs, suppressions and SARIF depend on the ids).  When a
 * finding is made, the line it points at is copied with every hidden token
 * (the values of credentials and of keys propcheck does not know) replaced by
 * ***, so that no output format can show a secret, whatever the finding.
 */
#include <string.h>

#include "pc_internal.h"

/* ORDER RULES: one row per RuleId, in the same order. */
const pc_rule rule_table[R_COUNT] = {
    /* R_SYNTAX_ERROR */
    {"syntax-error", PC_SEV_ERROR, "StarRocks cannot parse the statement",
     "The statement does not follow StarRocks' grammar, so StarRocks rejects "
     "it. Property lists are (\"key\" = \"value\", ...): keys and values are "
     "quoted strings, separated by commas, with no trailing comma.",
     NULL, NULL, NULL},
    /* R_UNTERMINATED */
    {"unterminated", PC_SEV_ERROR,
     "a string, quoted identifier or comment is never closed",
     "Everything after the opening quote or comment marker, to the end of the "
     "file, is inside it: StarRocks rejects the statement and sees none of "
     "the statements that follow.",
     NULL, NULL, NULL},
    /* R_HASH_COMMENT */
    {"hash-comment", PC_SEV_ERROR, "'#' is not a comment in StarRocks",
     "StarRocks has no '#' comments (its lexer has no rule for '#'): the "
     "statement fails with a token recognition error. Use -- or /* */.",
     NULL, NULL, NULL},
    /* R_STATEMENT_TOO_LARGE */
    {"statement-too-large", PC_SEV_ERROR,
     "a statement is longer than the configured limit",
     "propcheck does not hold statements over the limit in memory; the "
     "statement is not checked. Raise the limit or split the statement.",
     NULL, NULL, NULL},
    /* R_IO_ERROR */
    {"io-error", PC_SEV_ERROR, "the file cannot be read",
     "The file could not be opened or read; it was not checked.", NULL, NULL,
     NULL},
    /* R_MISSING_REQUIRED_KEY */
    {"missing-required-key", PC_SEV_ERROR, "a required property is missing",
     "StarRocks rejects the statement, or fails when the catalog is first "
     "used, because a property it requires is not set.",
     NULL, NULL, NULL},
    /* R_MISSING_KEY_PAIR */
    {"missing-key-pair", PC_SEV_ERROR,
     "an access key is set without its secret key, or the reverse",
     "StarRocks uses static credentials only when both the access key and "
     "the secret key are non-empty; with one of them the statement is not an "
     "AWS configuration at all and the key is silently ignored.",
     NULL, NULL, NULL},
    /* R_INVALID_VALUE */
    {"invalid-value", PC_SEV_ERROR, "a value StarRocks rejects",
     "The value is not one StarRocks accepts for this property; the "
     "statement fails at CREATE or at first use.",
     NULL, NULL, NULL},
    /* R_INVALID_PROPERTY */
    {"invalid-property", PC_SEV_ERROR,
     "a property this statement does not accept",
     "StarRocks checks the property names of storage volumes and of LOAD "
     "PROPERTIES against a fixed list and rejects any other name.",
     NULL, NULL, NULL},
    /* R_IGNORED_CREDENTIAL */
    {"ignored-credential", PC_SEV_WARNING,
     "credentials StarRocks ignores because another mode wins",
     "StarRocks picks one credential mode by precedence: default chain, then "
     "instance profile, then web identity, then access keys. Keys of a mode "
     "that lost are silently ignored; remove them or the flag that wins.",
     NULL, NULL, NULL},
    /* R_CONFLICTING_MODES */
    {"conflicting-modes", PC_SEV_WARNING, "two credential modes are enabled",
     "Only one use_* flag takes effect (default chain > instance profile > "
     "web identity); the lower-ranked flag is silently ignored.",
     NULL, NULL, NULL},
    /* R_WITHOUT_EFFECT */
    {"setting-without-effect", PC_SEV_WARNING,
     "a setting StarRocks ignores in this configuration",
     "The property only matters together with another one that is not set "
     "(a session token without keys, an external id or STS setting without "
     "a role, a REST setting of another auth mode); StarRocks ignores it.",
     NULL, NULL, NULL},
    /* R_ROLE_WITHOUT_BASE */
    {"role-without-base", PC_SEV_ERROR,
     "an IAM role with no base credential to assume it with",
     "StarRocks assumes iam_role_arn on top of a base credential (instance "
     "profile, default chain, web identity or access keys). Without one the "
     "properties are not an AWS configuration and the role is never assumed.",
     NULL, NULL, NULL},
    /* R_STS_ENDPOINT_WITHOUT_REGION */
    {"sts-endpoint-without-region", PC_SEV_ERROR,
     "an STS endpoint without an STS region",
     "With sts.endpoint set and no sts.region, StarRocks fails when it first "
     "builds the STS client (\"STS endpoint is set ... but no signing region "
     "was provided\").",
     NULL, NULL, NULL},
    /* R_DEFAULT_REGION */
    {"default-region", PC_SEV_WARNING,
     "no region: StarRocks silently uses us-east-1",
     "When the region key is absent StarRocks uses us-east-1. Requests to a "
     "bucket or catalog in another region fail or are redirected. Set the "
     "region explicitly.",
     NULL, NULL, NULL},
    /* R_NO_CREDENTIALS */
    {"no-credentials", PC_SEV_WARNING, "a service is used without credentials",
     "No credential mode is configured for the service, so StarRocks falls "
     "back to its default configuration; access depends on the environment "
     "of each node and often ends in Access Denied.",
     NULL, NULL, NULL},
    /* R_OAUTH2_FALLBACK */
    {"oauth2-fallback", PC_SEV_WARNING,
     "OAuth2 settings that make StarRocks fall back to no authentication",
     "With iceberg.catalog.security=oauth2 StarRocks needs a credential or a "
     "token (and no scope next to a token); otherwise it silently uses no "
     "authentication.",
     NULL, NULL, NULL},
    /* R_SIGV4_REGION_FROM_ENV */
    {"sigv4-region-from-environment", PC_SEV_WARNING,
     "SigV4 without a signing region",
     "Without iceberg.catalog.rest.signing-region the Iceberg client takes "
     "the region from the environment of each frontend (AWS_REGION, profile, "
     "instance metadata), not from aws.s3.region.",
     NULL, NULL, NULL},
    /* R_OTHER_METASTORE_KEY */
    {"key-for-other-metastore", PC_SEV_WARNING,
     "a property of another catalog or metastore type",
     "The property only applies to another catalog or metastore type; "
     "StarRocks ignores it here.",
     NULL, NULL, NULL},
    /* R_KEY_NOT_APPLICABLE */
    {"key-not-applicable", PC_SEV_WARNING,
     "a property this kind of statement ignores",
     "The property is known to StarRocks but has no effect in this kind of "
     "statement.",
     NULL, NULL, NULL},
    /* R_UNKNOWN_KEY */
    {"unknown-key", PC_SEV_WARNING, "a property StarRocks does not know",
     "StarRocks silently ignores property names it does not know; a "
     "misspelled credential key means the credential is never used.",
     NULL, NULL, NULL},
    /* R_LEGACY_KEY */
    {"legacy-key", PC_SEV_WARNING, "an old property name",
     "The property name comes from an old StarRocks release; current "
     "releases read the new name.",
     NULL, NULL, NULL},
    /* R_KEY_CASE */
    {"key-case", PC_SEV_WARNING, "a property name in the wrong case",
     "Property names are case-sensitive: StarRocks does not see this key.",
     NULL, NULL, NULL},
    /* R_DUPLICATE_KEY */
    {"duplicate-key", PC_SEV_WARNING, "a property set twice",
     "StarRocks keeps the last value of a repeated property without an "
     "error; the earlier value is silently ignored.",
     NULL, NULL, NULL},
    /* R_BOOL_READ_AS_FALSE */
    {"bool-read-as-false", PC_SEV_WARNING,
     "a boolean value StarRocks reads as false",
     "StarRocks reads booleans with Java's Boolean.parseBoolean: only "
     "\"true\" (any case, no spaces) is true; \"1\", \"yes\", \"on\" and "
     "\" true\" are false.",
     NULL, NULL, NULL},
    /* R_PLACEHOLDER_VALUE */
    {"placeholder-value", PC_SEV_ERROR,
     "a template placeholder left in a value",
     "The value is a documentation placeholder such as <access_key>, "
     "${REGION} or xxx, not a real value.",
     NULL, NULL, NULL},
    /* R_SECRET_EQUALS_ACCESS_KEY */
    {"secret-equals-access-key", PC_SEV_ERROR,
     "the secret key is the same as the access key",
     "An access key id and its secret are never equal; the same value was "
     "pasted twice and authentication will fail.",
     NULL, NULL, NULL},
    /* R_OVERWRITTEN_KEY */
    {"overwritten-key", PC_SEV_WARNING,
     "a property StarRocks overwrites with its own value",
     "StarRocks sets this Iceberg property itself and discards the user's "
     "value.",
     NULL, NULL, NULL},
    /* R_NAMED_BROKER */
    {"named-broker", PC_SEV_NOTE, "credentials read by a named broker process",
     "With WITH BROKER \"name\" the properties go to that broker process, "
     "which reads them with its own (Hadoop fs.s3a.*) rules; only a "
     "broker-less WITH BROKER (...) uses StarRocks' aws.s3.* resolution. "
     "propcheck does not resolve the broker's credentials.",
     NULL, NULL, NULL},
    /* R_INVALID_ROLE_ARN */
    {"invalid-role-arn", PC_SEV_ERROR, "a malformed IAM role ARN",
     "A role ARN is arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME with a "
     "12-digit account, a name of 1-64 characters from [A-Za-z0-9+=,.@_-] and "
     "a path that starts and ends with '/'. STS rejects anything else when "
     "StarRocks first assumes the role.",
     NULL, NULL, NULL},
    /* R_NOT_A_ROLE_ARN */
    {"not-a-role-arn", PC_SEV_ERROR,
     "an ARN of another kind where a role is needed",
     "iam_role_arn must name an IAM role; a user, policy or other resource "
     "ARN cannot be assumed.",
     NULL, NULL, NULL},
    /* R_PARTITION_MISMATCH */
    {"partition-mismatch", PC_SEV_ERROR,
     "the ARN's partition does not match the region",
     "aws-cn regions need arn:aws-cn:..., GovCloud regions arn:aws-us-gov:...; "
     "credentials and roles never cross partitions.",
     NULL, NULL, NULL},
    /* R_UNKNOWN_REGION */
    {"unknown-region", PC_SEV_WARNING, "a region name propcheck does not know",
     "The name fits a partition's pattern but is not a region propcheck "
     "knows: a new region, or a typo.",
     NULL, NULL, NULL},
    /* R_INVALID_REGION */
    {"invalid-region", PC_SEV_ERROR, "not an AWS region name",
     "The value is not an AWS region (us-east-1, eu-west-2, cn-north-1, ...); "
     "requests fail. S3-compatible endpoints accept any region name.",
     NULL, NULL, NULL},
    /* R_INVALID_ACCESS_KEY_ID */
    {"invalid-access-key-id", PC_SEV_ERROR, "a malformed access key id",
     "An access key id is 20 characters: a known 4-letter prefix (AKIA for "
     "IAM users, ASIA for temporary credentials) and 16 upper-case letters or "
     "digits.",
     NULL, NULL, NULL},
    /* R_TEMPORARY_KEY_WITHOUT_TOKEN */
    {"temporary-key-without-token", PC_SEV_ERROR,
     "a temporary (ASIA) key without a session token",
     "Temporary credentials from STS only work together with their session "
     "token; without it every request is rejected.",
     NULL, NULL, NULL},
    /* R_IDENTIFIER_NOT_ACCESS_KEY */
    {"identifier-not-access-key", PC_SEV_ERROR,
     "a user, role or policy id where an access key belongs",
     "AIDA..., AROA..., ANPA... are unique ids of IAM users, roles and "
     "policies, not access keys.",
     NULL, NULL, NULL},
    /* R_SECRET_KEY_SHAPE */
    {"secret-key-shape", PC_SEV_WARNING, "a secret key of an unusual shape",
     "AWS secret access keys are 40 characters of the base64 alphabet; this "
     "one is not, so it may be truncated or the wrong value.",
     NULL, NULL, NULL},
    /* R_INVALID_EXTERNAL_ID */
    {"invalid-external-id", PC_SEV_ERROR, "a malformed external id",
     "An external id is 2-1224 characters from letters, digits and "
     "+=,.@:/- with no spaces; STS rejects other values.",
     NULL, NULL, NULL},
    /* R_INVALID_ENDPOINT */
    {"invalid-endpoint", PC_SEV_ERROR,
     "an endpoint or URI without a usable "
     "scheme or host",
     "Endpoints and URIs need a host (and, for URIs, an http or https "
     "scheme); StarRocks fails when it first connects.",
     NULL, NULL, NULL},
    /* R_SIGNING_MISMATCH */
    {"signing-mismatch", PC_SEV_ERROR,
     "SigV4 signing name or region does not match the REST host",
     "Requests to glue.REGION.amazonaws.com must be signed for service glue, "
     "to s3tables.REGION.amazonaws.com for s3tables, in the host's region; "
     "the default signing name execute-api is wrong for both.",
     NULL, NULL, NULL},
    /* R_PATH_STYLE_REQUIRED */
    {"path-style-required", PC_SEV_WARNING,
     "virtual-host requests to an endpoint that needs path style",
     "With an IP address, localhost or another non-AWS endpoint, bucket host "
     "names (bucket.endpoint) do not resolve; set "
     "aws.s3.enable_path_style_access to true.",
     NULL, NULL, NULL},
    /* R_PLAINTEXT_CREDENTIALS */
    {"plaintext-credentials", PC_SEV_WARNING,
     "long-term credentials written in the file",
     "An IAM user's access key and secret key are stored in plain text in "
     "the SQL (and in StarRocks' catalog metadata). Prefer an instance "
     "profile or an assumed role.",
     NULL, NULL, NULL},
    /* R_UNUSED_SUPPRESSION */
    {"unused-suppression", PC_SEV_WARNING,
     "a suppression that suppresses "
     "nothing",
     "A -- propcheck: disable=RULE comment that matched no finding; remove "
     "it so that it does not hide a future one.",
     NULL, NULL, NULL},
    /* R_UNKNOWN_RULE */
    {"unknown-rule", PC_SEV_WARNING, "a suppression names no known rule",
     "The rule id in a -- propcheck: disable comment or in the configuration "
     "is not one propcheck knows; check the spelling (propcheck "
     "--list-rules).",
     NULL, NULL, NULL},
};

size_t pc_rule_count(void) { return R_COUNT; }

const pc_rule *pc_rule_at(size_t i) {
  return i < R_COUNT ? &rule_table[i] : NULL;
}

const pc_rule *pc_rule_find(const char *id) {
  if (!id)
    return NULL;
  for (size_t i = 0; i < R_COUNT; i++)
    if (strcmp(rule_table[i].id, id) == 0)
      return &rule_table[i];
  return NULL;
}

/* Columns count characters: each byte that is not a UTF-8 continuation byte
   (0x80-0xBF) starts one.  Tabs count one. */
static uint32_t count_cols(const char *s, size_t n) {
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      k++;
  return k;
}

pc_pos diag_pos(const Chunk *c, size_t off) {
  pc_pos p;
  if (off > c->len)
    off = c->len;
  uint32_t lines = 0;
  size_t line_start = 0;
  const char *s = c->text;
  const char *e = s + off;
  for (const char *q = s; q < e;) {
    const char *nl = memchr(q, '\n', (size_t)(e - q));
    if (!nl)
      break;
    lines++;
    q = nl + 1;
    line_start = (size_t)(q - s);
  }
  p.line = c->base_line + lines;
  p.column =
      (lines ? 1 : c->base_col) + count_cols(s + line_start, off - line_start);
  p.offset = c->base_offset + off;
  return p;
}

/* ---- Masked source lines ---- */

enum { LINE_MAX_COLS = 160, LINE_CONTEXT = 60 };

/* Index of the first token that ends after off (tokens sorted by offset). */
static size_t first_tok_after(const DiagSrc *src, size_t off) {
  size_t lo = 0, hi = src->ntoks;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const Token *t = &src->toks[mid];
    if ((size_t)t->off + t->len <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Appends text[a..b) to the display line, replacing control bytes. */
static int put_plain(Buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (((unsigned char)ch < 0x20 && ch != '\t') || ch == 0x7F)
      ch = '?';
    if (buf_append(b, &ch, 1))
      return -1;
  }
  return 0;
}

/* Appends blanks for text[a..b): a tab stays a tab, each character one
   space, so that the caret still lines up. */
static int put_blank(Buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (((unsigned char)s[i] & 0xC0) == 0x80)
      continue;
    if (buf_append(b, s[i] == '\t' ? "\t" : " ", 1))
      return -1;
  }
  return 0;
}

/* Builds the display line around chunk offset off: f->src_line,
   f->caret_col and f->caret_len. */
static int make_line(Finding *f, Arena *a, const DiagSrc *src, size_t off,
                     size_t len) {
  const Chunk *c = src->chunk;
  const char *s = c->text;
  size_t ls = off, le = off;
  while (ls > 0 && s[ls - 1] != '\n')
    ls--;
  while (le < c->len && s[le] != '\n')
    le++;
  if (le > ls && s[le - 1] == '\r')
    le--;
  int cut_left = (ls == 0 && c->base_col > 1);
  size_t caret_end = off + (len ? len : 1);
  if (caret_end > le)
    caret_end = le > off ? le : off + 1;

  Buf b = {0};
  size_t caret_b = 0, caret_e = 0; /* byte offsets in b */
  int caret_set = 0;
  size_t i = ls;
  size_t k = src->toks ? first_tok_after(src, ls) : src->ntoks;
  for (;;) {
    while (k < src->ntoks && !src->toks[k].hidden &&
           src->toks[k].kind != TK_EOF)
      k++;
    const Token *t = NULL;
    if (k < src->ntoks && src->toks[k].kind != TK_EOF && src->toks[k].off < le)
      t = &src->toks[k];
    size_t seg_end = t ? (t->off > i ? t->off : i) : le;
    /* Plain bytes i..seg_end, with the caret maybe inside them.  Bytes of
       the previous statement (before stmt_start) were never lexed, so
       nothing is known of their secrets: they are shown as blanks. */
    size_t before = b.len;
    size_t blank = i < c->stmt_start
                       ? (c->stmt_start < seg_end ? c->stmt_start : seg_end)
                       : i;
    if (put_blank(&b, s + i, blank - i) ||
        put_plain(&b, s + blank, seg_end - blank))
      goto oom;
    if (!caret_set && off >= i && off < seg_end) {
      caret_b = before + (off - i);
      caret_set = 1;
    }
    if (caret_set && !caret_e && caret_end > i && caret_end <= seg_end)
      caret_e = before + (caret_end - i);
    if (!t)
      break;
    /* A hidden token: show it as *** (keeping its quotes). */
    size_t tend = (size_t)t->off + t->len;
    if (!caret_set && off < tend) {
      caret_b = b.len;
      caret_set = 1;
    }
    char q = s[t->off];
    int quoted = t->kind == TK_STRING && t->off >= ls;
    if (quoted && buf_append(&b, &q, 1))
      goto oom;
    if (buf_append(&b, "***", 3))
      goto oom;
    if (quoted && tend <= le && t->len >= 2 && s[tend - 1] == q &&
        buf_append(&b, &q, 1))
      goto oom;
    if (caret_set && !caret_e && caret_end <= tend)
      caret_e = b.len;
    i = tend < le ? tend : le;
    k++;
  }
  if (!caret_set) {
    caret_b = b.len;
    caret_set = 1;
  }
  if (!caret_e || caret_e <= caret_b)
    caret_e = caret_b + 1;

  /* Window a long line around the caret. */
  {
    const char *d = b.data ? b.data : "";
    uint32_t before_cols = count_cols(d, caret_b);
    size_t wb = 0, we = b.len;
    if (count_cols(d, b.len) > LINE_MAX_COLS) {
      if (before_cols > LINE_CONTEXT) {
        uint32_t skip = before_cols - LINE_CONTEXT;
        while (wb < caret_b && skip) {
          wb++;
          while (wb < caret_b && ((unsigned char)d[wb] & 0xC0) == 0x80)
            wb++;
          skip--;
        }
      }
      uint32_t cols = 0;
      we = wb;
      while (we < b.len && cols < LINE_MAX_COLS) {
        we++;
        while (we < b.len && ((unsigned char)d[we] & 0xC0) == 0x80)
          we++;
        cols++;
      }
      if (we < caret_e)
        caret_e = we > caret_b ? we : caret_b + 1;
    }
    int dots_left = cut_left || wb > 0;
    int dots_right = we < b.len;
    Buf out = {0};
    if (dots_left && buf_append(&out, "...", 3))
      goto oom2;
    if (buf_append(&out, d + wb, we - wb))
      goto oom2;
    if (dots_right && buf_append(&out, "...", 3))
      goto oom2;
    f->src_line = arena_strndup(a, out.data ? out.data : "", out.len);
    f->caret_col = (dots_left ? 3 : 0) + count_cols(d + wb, caret_b - wb);
    size_t ce = caret_e < we ? caret_e : we;
    f->caret_len = ce > caret_b ? count_cols(d + caret_b, ce - caret_b) : 1;
    if (f->caret_len == 0)
      f->caret_len = 1;
    buf_release(&out);
    buf_release(&b);
    return f->src_line ? 0 : -1;
  oom2:
    buf_release(&out);
  }
oom:
  buf_release(&b);
  return -1;
}

int diag_make(Finding *f, Arena *a, const DiagSrc *src, RuleId rule, size_t off,
              size_t len, const char *key, const char *msg) {
  memset(f, 0, sizeof *f);
  f->pub.rule = rule_table[rule].id;
  f->pub.severity = rule_table[rule].severity;
  f->pub.message = msg;
  f->pub.pos = diag_pos(src->chunk, off);
  f->pub.length = (uint32_t)len;
  if (key) {
    f->pub.key = arena_strndup(a, key, strlen(key));
    if (!f->pub.key)
      return -1;
  }
  return make_line(f, a, src, off, len);
}
