/*
 * render_sarif.c - SARIF 2.1.0 (GitHub code scanning) and GitHub workflow
 * commands.
 *
 * SARIF: one run whose tool.driver.rules lists every rule of rules_table (in
 * table order, so ruleIndex is the table index); one result per finding,
 * files in the order checked and findings in source order.  Columns count
 * characters (run.columnKind "unicodeCodePoints").  A result's
 * partialFingerprints.primaryLocationLineHash is a hash of the rule, the
 * file, the key and the message (no line number, so a finding keeps its
 * fingerprint when the code around it moves) plus ":N", N counting identical
 * findings of the file in source order.  Safe fixes become SARIF fixes (byte
 * regions).  No source text is ever written (no snippets), so no secret can
 * leak.  Results are written as they complete (json_out.c).
 *
 * GitHub: one workflow command per finding,
 *   ::error file=PATH,line=L,col=C,title=RULE::MESSAGE
 * (warning / notice for the other severities), escaped as the runner expects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://github.com/propcheck/propcheck"

/* ------------------------------------------------------------ helpers */

static const char *sarif_level(pc_severity s) {
  return s == PC_SEV_ERROR ? "error" : s == PC_SEV_WARNING ? "warning" : "note";
}

/* The file's path made a relative URI reference: "./" prefixes dropped,
   every byte outside RFC 3986 unreserved, sub-delims, '@' and '/'
   percent-encoded (':' too, so that a first segment is never read as a
   scheme); an absolute path becomes a file:// URI; "<stdin>" is "stdin". */
static int path_uri(Buf *b, const char *path) {
  b->len = 0;
  if (!path || !*path || strcmp(path, "<stdin>") == 0 || strcmp(path, "-") == 0)
    return buf_append(b, "stdin", 5);
  while (path[0] == '.' && path[1] == '/') {
    path += 2;
    while (*path == '/')
      path++;
  }
  if (!*path)
    return buf_append(b, ".", 1);
  if (*path == '/' && buf_append(b, "file://", 7))
    return -1;
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    unsigned c = *p;
    int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || strchr("-._~!$&'()*+,;=@/", (int)c);
    if (keep) {
      char ch = (char)c;
      if (buf_append(b, &ch, 1))
        return -1;
    } else {
      char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
      if (buf_append(b, esc, 3))
        return -1;
    }
  }
  return 0;
}

/* The number of characters of the finding's span, or 0 when it cannot be
   known for certain.  The library keeps only the byte length of the span;
   the display line captured with the finding (secrets masked) gives the
   characters when the span is shown there verbatim: the caret covers exactly
   pub.length bytes and no '*' (a masked token is always shown as ***, and
   control bytes are shown as one '?' each).  The line itself is never
   output. */
static uint32_t span_chars(const Finding *f) {
  if (!f->pub.length || !f->pub.pos.line || !f->src_line || !f->caret_len)
    return 0;
  const unsigned char *s = (const unsigned char *)f->src_line;
  size_t i = 0;
  uint32_t col = 0;
  while (s[i] && col < f->caret_col) {
    i++;
    while (s[i] && utf8_is_cont(s[i]))
      i++;
    col++;
  }
  if (col != f->caret_col || !s[i])
    return 0;
  size_t start = i;
  uint32_t n = 0;
  while (s[i] && n < f->caret_len) {
    if (s[i] == '*')
      return 0;
    i++;
    while (s[i] && utf8_is_cont(s[i]))
      i++;
    n++;
  }
  if (n != f->caret_len || i - start != f->pub.length)
    return 0;
  return n;
}

/* FNV-1a, 64 bits, over a NUL-separated list of strings. */
static uint64_t fnv1a(uint64_t h, const char *s) {
  if (s)
    for (; *s; s++) {
      h ^= (unsigned char)*s;
      h *= 0x100000001b3ULL;
    }
  h ^= 0xFF; /* separator: ("ab","c") and ("a","bc") differ */
  h *= 0x100000001b3ULL;
  return h;
}

uint64_t render_finding_hash(const Finding *f, const char *uri) {
  uint64_t h = 0xcbf29ce484222325ULL;
  h = fnv1a(h, f->pub.rule);
  h = fnv1a(h, uri);
  h = fnv1a(h, f->pub.key);
  h = fnv1a(h, f->pub.message);
  return h;
}

/* ------------------------------------------------------------ SARIF */

/* How many findings with one hash the open file has had (open addressing
   over s->occ; cap is a power of two, 0 hashes are stored as 1). */
typedef struct FingerprintCount {
  uint64_t h;
  uint32_t n;
} FingerprintCount;

uint32_t render_occurrence(pc_stream *s, uint64_t h) {
  Vec *v = &s->occ;
  h = h ? h : 1;
  if (2 * (v->len + 1) > v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 64;
    FingerprintCount *t = pc_malloc(cap * sizeof *t);
    if (!t) {
      s->failed = 2;
      return 0;
    }
    memset(t, 0, cap * sizeof *t);
    FingerprintCount *old = v->data;
    for (size_t i = 0; i < v->cap; i++) {
      if (!old[i].h)
        continue;
      size_t k = old[i].h & (cap - 1);
      while (t[k].h)
        k = (k + 1) & (cap - 1);
      t[k] = old[i];
    }
    pc_free(old);
    v->data = t;
    v->cap = cap;
  }
  FingerprintCount *t = v->data;
  size_t k = h & (v->cap - 1);
  while (t[k].h && t[k].h != h)
    k = (k + 1) & (v->cap - 1);
  if (!t[k].h) {
    t[k].h = h;
    v->len++;
  }
  return ++t[k].n;
}

static void text_obj(JsonOut *j, const char *name, const char *text) {
  jo_open(j, name, '{');
  jo_str(j, "text", text);
  jo_close(j, '}');
}

/* "ignored-credential" -> "IgnoredCredential". */
static int camel_case(Buf *b, const char *id) {
  b->len = 0;
  int up = 1;
  for (const char *p = id; *p; p++) {
    if (*p == '-' || *p == '_' || *p == '.') {
      up = 1;
      continue;
    }
    char c = up ? (char)ascii_upper((unsigned char)*p) : *p;
    up = 0;
    if (buf_append(b, &c, 1))
      return -1;
  }
  return buf_append(b, "", 1); /* NUL */
}

/* Markdown text with the characters that could start markup escaped. */
static int md_escape(Buf *b, const char *s) {
  for (; *s; s++) {
    if (strchr("\\`*_[]<>#|~", *s) && buf_append(b, "\\", 1))
      return -1;
    if (buf_append(b, s, 1))
      return -1;
  }
  return 0;
}

/* A fenced SQL block whose fence is longer than any run of backticks in
   the code. */
static int md_code(Buf *b, const char *code) {
  size_t run = 0, longest = 0;
  for (const char *p = code; *p; p++) {
    run = *p == '`' ? run + 1 : 0;
    if (run > longest)
      longest = run;
  }
  size_t fence = longest < 3 ? 3 : longest + 1;
  for (size_t i = 0; i < fence; i++)
    if (buf_append(b, "`", 1))
      return -1;
  if (buf_append(b, "sql\n", 4) || buf_append(b, code, strlen(code)))
    return -1;
  if (code[0] && code[strlen(code) - 1] != '\n' && buf_append(b, "\n", 1))
    return -1;
  for (size_t i = 0; i < fence; i++)
    if (buf_append(b, "`", 1))
      return -1;
  return 0;
}

static int rule_json(JsonOut *j, const pc_rule *r, Buf *tmp) {
  jo_open(j, NULL, '{');
  jo_str(j, "id", r->id);
  if (camel_case(tmp, r->id))
    return -1;
  /* SARIF1001: a name equal to the id (ignoring case, as the validator
     does: "unterminated") must be omitted. */
  if (strcasecmp(tmp->data, r->id) != 0)
    jo_str(j, "name", tmp->data);
  text_obj(j, "shortDescription", r->summary);
  text_obj(j, "fullDescription", r->help);
  /* help: the text, then the examples; and the same in Markdown. */
  jo_open(j, "help", '{');
  tmp->len = 0;
  int ok = !buf_append(tmp, r->help, strlen(r->help));
  if (ok && r->bad)
    ok = !buf_printf(tmp, "\n\nExample that triggers the rule:\n%s", r->bad);
  if (ok && r->good)
    ok = !buf_printf(tmp, "\n\nThe same, fixed:\n%s", r->good);
  ok = ok && !buf_append(tmp, "", 1);
  if (ok)
    jo_str(j, "text", tmp->data);
  tmp->len = 0;
  ok = ok && !md_escape(tmp, r->help);
  if (ok && r->bad)
    ok = !buf_printf(tmp, "\n\n**Example that triggers the rule:**\n\n") &&
         !md_code(tmp, r->bad);
  if (ok && r->good)
    ok = !buf_printf(tmp, "\n\n**The same, fixed:**\n\n") &&
         !md_code(tmp, r->good);
  ok = ok && !buf_append(tmp, "", 1);
  if (!ok)
    return -1;
  jo_str(j, "markdown", tmp->data);
  jo_close(j, '}');
  jo_open(j, "defaultConfiguration", '{');
  jo_str(j, "level", sarif_level(r->severity));
  jo_close(j, '}');
  jo_open(j, "properties", '{');
  jo_open(j, "tags", '[');
  jo_str(j, NULL, r->security_severity ? "security" : "correctness");
  jo_close(j, ']');
  jo_str(j, "precision", "very-high");
  if (r->security_severity)
    jo_str(j, "security-severity", r->security_severity);
  jo_close(j, '}');
  jo_close(j, '}');
  return 0;
}

/* {"physicalLocation": {"artifactLocation": {"uri"}, "region": ...}};
   no region for a position of line 0 (the whole file). */
static void location(JsonOut *j, const char *uri, pc_pos pos, uint32_t chars) {
  jo_open(j, "physicalLocation", '{');
  jo_open(j, "artifactLocation", '{');
  jo_str(j, "uri", uri);
  jo_close(j, '}');
  if (pos.line) {
    uint32_t col = pos.column ? pos.column : 1;
    jo_open(j, "region", '{');
    jo_uint(j, "startLine", pos.line);
    jo_uint(j, "startColumn", col);
    if (chars)
      jo_uint(j, "endColumn", (uint64_t)col + chars);
    jo_close(j, '}');
  }
  jo_close(j, '}');
}

static void fix_json(JsonOut *j, const pc_fix *x, const char *uri) {
  jo_open(j, NULL, '{');
  text_obj(j, "description",
           x->description && *x->description ? x->description
                                             : "apply the fix");
  jo_open(j, "artifactChanges", '[');
  jo_open(j, NULL, '{');
  jo_open(j, "artifactLocation", '{');
  jo_str(j, "uri", uri);
  jo_close(j, '}');
  jo_open(j, "replacements", '[');
  jo_open(j, NULL, '{');
  jo_open(j, "deletedRegion", '{');
  jo_uint(j, "byteOffset", x->offset);
  jo_uint(j, "byteLength", x->length);
  jo_close(j, '}');
  if (x->replacement && *x->replacement)
    text_obj(j, "insertedContent", x->replacement);
  jo_close(j, '}');
  jo_close(j, ']');
  jo_close(j, '}');
  jo_close(j, ']');
  /* ruff's applicability: an unsafe fix changes more than it says */
  jo_open(j, "properties", '{');
  jo_str(j, "applicability", x->unsafe ? "unsafe" : "safe");
  jo_close(j, '}');
  jo_close(j, '}');
}

static void sarif_finding(pc_stream *s, const pc_file *file, const Finding *fi,
                          int file_level) {
  const pc_finding *f = &fi->pub;
  const pc_rule *r = pc_rule_find(f->rule);
  const char *uri = s->uri.data;
  JsonOut *j = &s->jo;
  (void)file, (void)file_level;
  uint64_t h = render_finding_hash(fi, uri);
  char fp[40];
  snprintf(fp, sizeof fp, "%016llx:%u", (unsigned long long)h,
           render_occurrence(s, h));
  jo_open(j, NULL, '{');
  jo_str(j, "ruleId", f->rule);
  if (r)
    jo_uint(j, "ruleIndex", (uint64_t)(r - pc_rule_at(0)));
  jo_str(j, "level", sarif_level(f->severity));
  text_obj(j, "message",
           f->message && *f->message ? f->message
           : r                       ? r->summary
                                     : f->rule);
  jo_open(j, "locations", '[');
  jo_open(j, NULL, '{');
  location(j, uri, f->pos, span_chars(fi));
  jo_close(j, '}');
  jo_close(j, ']');
  if (f->has_related && f->related.line) {
    jo_open(j, "relatedLocations", '[');
    jo_open(j, NULL, '{');
    location(j, uri, f->related, 0);
    jo_uint(j, "id", 0);
    Buf *b = &s->loose; /* scratch */
    b->len = 0;
    if (!f->related_key)
      text_obj(j, "message", "the unclosed '(' is here");
    else if (buf_printf(b, "'%s' is set here", f->related_key) ||
             buf_append(b, "", 1))
      s->failed = 2;
    else
      text_obj(j, "message", b->data);
    jo_close(j, '}');
    jo_close(j, ']');
  }
  jo_open(j, "partialFingerprints", '{');
  jo_str(j, "primaryLocationLineHash", fp);
  jo_close(j, '}');
  if (f->fix) {
    jo_open(j, "fixes", '[');
    fix_json(j, f->fix, uri);
    jo_close(j, ']');
  }
  jo_close(j, '}');
  if (j->oom)
    s->failed = 2;
}

static void sarif_head(pc_stream *s) {
  JsonOut *j = &s->jo;
  Buf tmp = {0};
  jo_init(j, &s->out, 0);
  jo_open(j, NULL, '{');
  jo_str(j, "$schema", SARIF_SCHEMA);
  jo_str(j, "version", "2.1.0");
  jo_open(j, "runs", '[');
  jo_open(j, NULL, '{');
  jo_open(j, "tool", '{');
  jo_open(j, "driver", '{');
  jo_str(j, "name", "propcheck");
  jo_str(j, "version", PROPCHECK_VERSION);
  jo_str(j, "semanticVersion", PROPCHECK_VERSION);
  jo_str(j, "informationUri", INFO_URI);
  jo_open(j, "rules", '[');
  for (size_t i = 0; i < pc_rule_count(); i++)
    if (rule_json(j, pc_rule_at(i), &tmp) != 0)
      s->failed = 2;
  jo_close(j, ']');
  jo_close(j, '}');
  jo_close(j, '}');
  jo_str(j, "columnKind", "unicodeCodePoints");
  jo_open(j, "results", '[');
  buf_release(&tmp);
  if (j->oom)
    s->failed = 2;
}

void render_occurrence_reset(pc_stream *s) {
  if (s->occ.cap)
    memset(s->occ.data, 0, s->occ.cap * sizeof(FingerprintCount));
  s->occ.len = 0;
}

static void sarif_file_open(pc_stream *s, const pc_file *f) {
  if (path_uri(&s->uri, pc_file_path(f)) || buf_append(&s->uri, "", 1))
    s->failed = 2;
  render_occurrence_reset(s); /* fingerprints count per file */
}

static void sarif_file_close(pc_stream *s, const pc_file *f) {
  (void)s, (void)f;
}

static void sarif_tail(pc_stream *s, const pc_summary *sum) {
  (void)sum;
  /* close results, the run, runs and the document */
  render_puts(s, "\n        ]\n      }\n    ]\n  }\n");
}

const FormatOps render_sarif_ops = {
    .head = sarif_head,
    .file_open = sarif_file_open,
    .finding = sarif_finding,
    .file_close = sarif_file_close,
    .tail = sarif_tail,
    .separator = ",",
    .part_depth = 4,
};

/* ------------------------------------------------------------ GitHub */

/* Workflow command escaping: data escapes % CR LF; property values also
   : and ,. */
static int gh_escape(Buf *b, const char *s, int property) {
  size_t from = b->len;
  for (; s && *s; s++) {
    const char *e = NULL;
    switch (*s) {
    case '%':
      e = "%25";
      break;
    case '\r':
      e = "%0D";
      break;
    case '\n':
      e = "%0A";
      break;
    case ':':
      e = property ? "%3A" : NULL;
      break;
    case ',':
      e = property ? "%2C" : NULL;
      break;
    default:
      break;
    }
    if (e ? buf_append(b, e, 3) : buf_append(b, s, 1))
      return -1;
  }
  diag_scrub(b->data + from, b->len - from, 0); /* no escape, no bidi */
  return 0;
}

static const char *gh_command(pc_severity s) {
  return s == PC_SEV_ERROR     ? "error"
         : s == PC_SEV_WARNING ? "warning"
                               : "notice";
}

static void github_finding(pc_stream *s, const pc_file *file, const Finding *fd,
                           int file_level) {
  const pc_finding *f = &fd->pub;
  const char *path = pc_file_path(file);
  int is_stdin = !path || strcmp(path, "<stdin>") == 0;
  (void)file_level;
  while (!is_stdin && path[0] == '.' && path[1] == '/' && path[2])
    path += 2;
  Buf *b = &s->uri; /* scratch */
  b->len = 0;
  int ok = !buf_printf(b, "::%s ", gh_command(f->severity));
  const char *sep = "";
  if (ok && !is_stdin) {
    ok = !buf_append(b, "file=", 5) && !gh_escape(b, path, 1);
    sep = ",";
  }
  if (ok && f->pos.line) {
    ok = !buf_printf(b, "%sline=%u,col=%u", sep, f->pos.line,
                     f->pos.column ? f->pos.column : 1);
    sep = ",";
  }
  ok = ok && !buf_printf(b, "%stitle=", sep) && !gh_escape(b, f->rule, 1) &&
       !buf_append(b, "::", 2) && !gh_escape(b, f->message, 0) &&
       !buf_append(b, "\n", 1);
  if (!ok)
    s->failed = 2;
  else
    render_put(s, b->data, b->len);
}

static void github_none(pc_stream *s) { (void)s; }
static void github_file(pc_stream *s, const pc_file *f) { (void)s, (void)f; }
static void github_tail(pc_stream *s, const pc_summary *sum) {
  (void)s, (void)sum;
}

const FormatOps render_github_ops = {
    .head = github_none,
    .file_open = github_file,
    .finding = github_finding,
    .file_close = github_file,
    .tail = github_tail,
    .separator = "",
};
