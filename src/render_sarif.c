/*
 * render_sarif.c - SARIF 2.1.0 (GitHub code scanning) and GitHub workflow
 * commands.
 *
 * SARIF: one run whose tool.driver.rules lists every rule of rule_table (in
 * table order, so ruleIndex is the table index); one result per finding,
 * files in the order checked and findings in source order.  Columns count
 * characters (run.columnKind "unicodeCodePoints").  A result's
 * partialFingerprints.primaryLocationLineHash is a hash of the rule, the
 * file, the key and the message (no line number, so a finding keeps its
 * fingerprint when the code around it moves) plus ":N", N counting identical
 * findings of the file in source order.  Safe fixes become SARIF fixes (byte
 * regions).  No source text is ever written (no snippets), so no secret can
 * leak.  The document is built with cJSON and written at once.
 *
 * GitHub: one workflow command per finding,
 *   ::error file=PATH,line=L,col=C,title=RULE::MESSAGE
 * (warning / notice for the other severities), escaped as the runner expects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "pc_internal.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://github.com/propcheck/propcheck"

/* ------------------------------------------------------------ helpers */

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

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
    while (s[i] && is_cont(s[i]))
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
    while (s[i] && is_cont(s[i]))
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

static uint64_t finding_hash(const Finding *f, const char *uri) {
  uint64_t h = 0xcbf29ce484222325ULL;
  h = fnv1a(h, f->pub.rule);
  h = fnv1a(h, uri);
  h = fnv1a(h, f->pub.key);
  h = fnv1a(h, f->pub.message);
  return h;
}

typedef struct HashIx {
  uint64_t h;
  size_t i;
} HashIx;

static int cmp_hashix(const void *a, const void *b) {
  const HashIx *x = a, *y = b;
  if (x->h != y->h)
    return x->h < y->h ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* ------------------------------------------------------------ SARIF */

static cJSON *add_text(cJSON *o, const char *name, const char *text) {
  cJSON *m = cJSON_AddObjectToObject(o, name);
  if (m && !cJSON_AddStringToObject(m, "text", text))
    return NULL;
  return m;
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
    char c = *p;
    if (up && c >= 'a' && c <= 'z')
      c = (char)(c - 'a' + 'A');
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

static cJSON *rule_json(const pc_rule *r, Buf *tmp) {
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return NULL;
  int ok = cJSON_AddStringToObject(o, "id", r->id) && !camel_case(tmp, r->id);
  /* SARIF1001: a name equal to the id (ignoring case, as the validator
     does: "unterminated") must be omitted. */
  if (ok && strcasecmp(tmp->data, r->id) != 0)
    ok = cJSON_AddStringToObject(o, "name", tmp->data) != NULL;
  ok = ok && add_text(o, "shortDescription", r->summary) &&
       add_text(o, "fullDescription", r->help);
  /* help: the text, then the examples. */
  tmp->len = 0;
  ok = ok && !buf_append(tmp, r->help, strlen(r->help));
  if (ok && r->bad)
    ok = !buf_printf(tmp, "\n\nExample that triggers the rule:\n%s", r->bad);
  if (ok && r->good)
    ok = !buf_printf(tmp, "\n\nThe same, fixed:\n%s", r->good);
  ok = ok && !buf_append(tmp, "", 1);
  cJSON *help = ok ? add_text(o, "help", tmp->data) : NULL;
  ok = ok && help;
  tmp->len = 0;
  ok = ok && !md_escape(tmp, r->help);
  if (ok && r->bad)
    ok = !buf_printf(tmp, "\n\n**Example that triggers the rule:**\n\n") &&
         !md_code(tmp, r->bad);
  if (ok && r->good)
    ok = !buf_printf(tmp, "\n\n**The same, fixed:**\n\n") &&
         !md_code(tmp, r->good);
  ok = ok && !buf_append(tmp, "", 1) &&
       cJSON_AddStringToObject(help, "markdown", tmp->data);
  cJSON *conf = ok ? cJSON_AddObjectToObject(o, "defaultConfiguration") : NULL;
  ok = ok && conf &&
       cJSON_AddStringToObject(conf, "level", sarif_level(r->severity));
  cJSON *props = ok ? cJSON_AddObjectToObject(o, "properties") : NULL;
  cJSON *tags = props ? cJSON_AddArrayToObject(props, "tags") : NULL;
  ok = ok && tags;
  if (ok) {
    cJSON *t =
        cJSON_CreateString(r->security_severity ? "security" : "correctness");
    ok = t && cJSON_AddItemToArray(tags, t);
    if (!ok)
      cJSON_Delete(t);
  }
  ok = ok && cJSON_AddStringToObject(props, "precision", "very-high");
  if (ok && r->security_severity)
    ok = cJSON_AddStringToObject(props, "security-severity",
                                 r->security_severity) != NULL;
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* {"physicalLocation": {"artifactLocation": {"uri"}, "region": ...}};
   no region for a position of line 0 (the whole file). */
static cJSON *location_json(const char *uri, pc_pos pos, uint32_t chars) {
  cJSON *o = cJSON_CreateObject();
  cJSON *phys = o ? cJSON_AddObjectToObject(o, "physicalLocation") : NULL;
  cJSON *art = phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
  int ok = art && cJSON_AddStringToObject(art, "uri", uri);
  if (ok && pos.line) {
    cJSON *reg = cJSON_AddObjectToObject(phys, "region");
    uint32_t col = pos.column ? pos.column : 1;
    ok = reg && cJSON_AddNumberToObject(reg, "startLine", pos.line) &&
         cJSON_AddNumberToObject(reg, "startColumn", col);
    if (ok && chars)
      ok = cJSON_AddNumberToObject(reg, "endColumn", (double)col + chars) !=
           NULL;
  }
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static int add_item(cJSON *arr, cJSON *item) {
  if (!item || !cJSON_AddItemToArray(arr, item)) {
    cJSON_Delete(item);
    return 0;
  }
  return 1;
}

static cJSON *fix_json(const pc_fix *x, const char *uri) {
  cJSON *o = cJSON_CreateObject();
  int ok = o && add_text(o, "description",
                         x->description && *x->description ? x->description
                                                           : "apply the fix");
  cJSON *changes = ok ? cJSON_AddArrayToObject(o, "artifactChanges") : NULL;
  cJSON *ch = changes ? cJSON_CreateObject() : NULL;
  ok = ok && add_item(changes, ch);
  cJSON *art = ok ? cJSON_AddObjectToObject(ch, "artifactLocation") : NULL;
  ok = ok && art && cJSON_AddStringToObject(art, "uri", uri);
  cJSON *reps = ok ? cJSON_AddArrayToObject(ch, "replacements") : NULL;
  cJSON *rep = reps ? cJSON_CreateObject() : NULL;
  ok = ok && add_item(reps, rep);
  cJSON *del = ok ? cJSON_AddObjectToObject(rep, "deletedRegion") : NULL;
  ok = ok && del &&
       cJSON_AddNumberToObject(del, "byteOffset", (double)x->offset) &&
       cJSON_AddNumberToObject(del, "byteLength", x->length);
  if (ok && x->replacement && *x->replacement)
    ok = add_text(rep, "insertedContent", x->replacement) != NULL;
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *result_json(const Finding *fi, const char *uri,
                          const char *fingerprint) {
  const pc_finding *f = &fi->pub;
  const pc_rule *r = pc_rule_find(f->rule);
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return NULL;
  int ok = cJSON_AddStringToObject(o, "ruleId", f->rule) != NULL;
  if (ok && r)
    ok = cJSON_AddNumberToObject(o, "ruleIndex",
                                 (double)(size_t)(r - pc_rule_at(0))) != NULL;
  const char *msg = f->message && *f->message ? f->message
                    : r                       ? r->summary
                                              : f->rule;
  ok = ok && cJSON_AddStringToObject(o, "level", sarif_level(f->severity)) &&
       add_text(o, "message", msg);
  cJSON *locs = ok ? cJSON_AddArrayToObject(o, "locations") : NULL;
  ok = ok && locs && add_item(locs, location_json(uri, f->pos, span_chars(fi)));
  if (ok && f->has_related && f->related.line) {
    cJSON *rel = cJSON_AddArrayToObject(o, "relatedLocations");
    cJSON *l = rel ? location_json(uri, f->related, 0) : NULL;
    ok = rel && add_item(rel, l) && cJSON_AddNumberToObject(l, "id", 0);
    if (ok) {
      Buf b = {0};
      if (f->related_key)
        ok = !buf_printf(&b, "'%s' is set here", f->related_key) &&
             !buf_append(&b, "", 1);
      ok = ok && add_text(l, "message",
                          f->related_key ? b.data : "the unclosed '(' is here");
      buf_release(&b);
    }
  }
  cJSON *fp = ok ? cJSON_AddObjectToObject(o, "partialFingerprints") : NULL;
  ok = ok && fp &&
       cJSON_AddStringToObject(fp, "primaryLocationLineHash", fingerprint);
  if (ok && f->fix) {
    cJSON *fixes = cJSON_AddArrayToObject(o, "fixes");
    ok = fixes && add_item(fixes, fix_json(f->fix, uri));
  }
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* Appends the results of one file. */
static int file_results(cJSON *results, const pc_file *file, Buf *uri) {
  if (path_uri(uri, pc_file_path(file)) || buf_append(uri, "", 1))
    return 0;
  size_t n;
  const Finding **all = render_file_findings(file, &n);
  if (!n)
    return 1;
  HashIx *hx = all ? pc_malloc(n * sizeof *hx) : NULL;
  uint32_t *occ = hx ? pc_malloc(n * sizeof *occ) : NULL;
  int ok = occ != NULL;
  if (ok) {
    for (size_t i = 0; i < n; i++) {
      hx[i].h = finding_hash(all[i], uri->data);
      hx[i].i = i;
    }
    qsort(hx, n, sizeof *hx, cmp_hashix);
    for (size_t i = 0; i < n; i++)
      occ[hx[i].i] = i > 0 && hx[i].h == hx[i - 1].h ? occ[hx[i - 1].i] + 1 : 1;
    for (size_t i = 0; ok && i < n; i++) {
      char fp[40];
      snprintf(fp, sizeof fp, "%016llx:%u",
               (unsigned long long)finding_hash(all[i], uri->data), occ[i]);
      ok = add_item(results, result_json(all[i], uri->data, fp));
    }
  }
  pc_free(occ);
  pc_free(hx);
  pc_free((void *)all);
  return ok;
}

pc_status render_sarif(const pc_ctx *ctx, pc_write_fn write, void *user) {
  if (!ctx || !write)
    return PC_EINVAL;
  Buf tmp = {0};
  cJSON *root = cJSON_CreateObject();
  int ok = root && cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA) &&
           cJSON_AddStringToObject(root, "version", "2.1.0");
  cJSON *runs = ok ? cJSON_AddArrayToObject(root, "runs") : NULL;
  cJSON *run = runs ? cJSON_CreateObject() : NULL;
  ok = ok && add_item(runs, run);
  cJSON *tool = ok ? cJSON_AddObjectToObject(run, "tool") : NULL;
  cJSON *drv = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
  ok = ok && drv && cJSON_AddStringToObject(drv, "name", "propcheck") &&
       cJSON_AddStringToObject(drv, "version", PROPCHECK_VERSION) &&
       cJSON_AddStringToObject(drv, "semanticVersion", PROPCHECK_VERSION) &&
       cJSON_AddStringToObject(drv, "informationUri", INFO_URI);
  cJSON *rules = ok ? cJSON_AddArrayToObject(drv, "rules") : NULL;
  ok = ok && rules;
  for (size_t i = 0; ok && i < pc_rule_count(); i++)
    ok = add_item(rules, rule_json(pc_rule_at(i), &tmp));
  ok = ok && cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
  cJSON *results = ok ? cJSON_AddArrayToObject(run, "results") : NULL;
  ok = ok && results;
  for (size_t i = 0; ok && i < pc_file_count(ctx); i++)
    ok = file_results(results, pc_file_at(ctx, i), &tmp);
  buf_release(&tmp);
  char *text = ok ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!text)
    return PC_ENOMEM;
  size_t n = strlen(text);
  text[n] = '\n'; /* replace the NUL: one write of the document + newline */
  int rc = write(user, text, n + 1);
  cJSON_free(text);
  return rc ? PC_EWRITE : PC_OK;
}

/* ------------------------------------------------------------ GitHub */

/* Workflow command escaping: data escapes % CR LF; property values also
   : and ,. */
static int gh_escape(Buf *b, const char *s, int property) {
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
  return 0;
}

static const char *gh_command(pc_severity s) {
  return s == PC_SEV_ERROR     ? "error"
         : s == PC_SEV_WARNING ? "warning"
                               : "notice";
}

pc_status render_github(const pc_ctx *ctx, pc_write_fn write, void *user) {
  if (!ctx || !write)
    return PC_EINVAL;
  Buf b = {0};
  int ok = 1;
  for (size_t i = 0; ok && i < pc_file_count(ctx); i++) {
    const pc_file *file = pc_file_at(ctx, i);
    const char *path = pc_file_path(file);
    int is_stdin = !path || strcmp(path, "<stdin>") == 0;
    while (!is_stdin && path[0] == '.' && path[1] == '/' && path[2])
      path += 2;
    size_t n;
    const Finding **all = render_file_findings(file, &n);
    if (n && !all) {
      ok = 0;
      break;
    }
    for (size_t j = 0; ok && j < n; j++) {
      const pc_finding *f = &all[j]->pub;
      ok = !buf_printf(&b, "::%s ", gh_command(f->severity));
      const char *sep = "";
      if (ok && !is_stdin) {
        ok = !buf_append(&b, "file=", 5) && !gh_escape(&b, path, 1);
        sep = ",";
      }
      if (ok && f->pos.line) {
        ok = !buf_printf(&b, "%sline=%u,col=%u", sep, f->pos.line,
                         f->pos.column ? f->pos.column : 1);
        sep = ",";
      }
      ok = ok && !buf_printf(&b, "%stitle=", sep) &&
           !gh_escape(&b, f->rule, 1) && !buf_append(&b, "::", 2) &&
           !gh_escape(&b, f->message, 0) && !buf_append(&b, "\n", 1);
    }
    pc_free((void *)all);
  }
  int rc = 0;
  if (ok && b.len)
    rc = write(user, b.data, b.len);
  buf_release(&b);
  if (!ok)
    return PC_ENOMEM;
  return rc ? PC_EWRITE : PC_OK;
}
