/*
 * lsp_actions.c - textDocument/codeAction: for each finding in the range,
 * its fix as a quickfix (preferred when it is safe to apply without
 * review) and "disable RULE for this statement", which inserts the comment
 * suppress.c reads:
 *
 *   -- propcheck: disable=RULE -- reason
 *
 * on its own line before the statement (a comment before a statement
 * belongs to it), indented as the statement's first line is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

int actions_fix_is_safe(const pc_fix *fx) {
  /* The library decides (pc_fix.unsafe): a fix whose re-check gains a
     finding, or whose intent is not certain, is offered but not
     preferred. */
  return !fx->unsafe;
}

static cJSON *text_edit(const Doc *d, size_t a, size_t b, const char *text) {
  cJSON *e = cJSON_CreateObject();
  if (e) {
    cJSON_AddItemToObject(e, "range", doc_json_range(d, a, b));
    cJSON_AddStringToObject(e, "newText", text);
  }
  return e;
}

/* A quickfix action with one edit of d. */
static cJSON *action(const Doc *d, const char *title, cJSON *diag,
                     int preferred, cJSON *edit) {
  cJSON *a = cJSON_CreateObject();
  if (!a) {
    cJSON_Delete(diag);
    cJSON_Delete(edit);
    return NULL;
  }
  cJSON_AddStringToObject(a, "title", title);
  cJSON_AddStringToObject(a, "kind", "quickfix");
  cJSON *diags = cJSON_AddArrayToObject(a, "diagnostics");
  cJSON_AddItemToArray(diags, diag);
  if (preferred)
    cJSON_AddBoolToObject(a, "isPreferred", 1);
  cJSON *we = cJSON_AddObjectToObject(a, "edit");
  cJSON *changes = cJSON_AddObjectToObject(we, "changes");
  cJSON *edits = cJSON_AddArrayToObject(changes, d->uri);
  cJSON_AddItemToArray(edits, edit);
  return a;
}

static cJSON *fix_action(const Doc *d, const pc_finding *f) {
  const pc_fix *fx = f->fix;
  size_t a = fx->offset > d->len ? d->len : (size_t)fx->offset;
  size_t b = a + fx->length > d->len ? d->len : a + fx->length;
  int safe = actions_fix_is_safe(fx);
  char title[512];
  snprintf(title, sizeof title, "%s%s", fx->description,
           safe ? "" : " (unsafe: review the result)");
  return action(d, title, diag_json(d, f, NULL), safe,
                text_edit(d, a, b, fx->replacement));
}

/* Where the disable comment goes: the start of the line of the
   statement's first token (after its leading comments), when nothing but
   blanks comes before the token on that line and after the previous ';';
   else the token itself.  *indent_end: the end of the blanks copied. */
static size_t comment_line(const Doc *d, size_t at, size_t *indent_end) {
  size_t s = diag_stmt_start(d, at);
  size_t tok = scan_first_token(d->text, d->len, s);
  size_t line = tok;
  while (line > s && (d->text[line - 1] == ' ' || d->text[line - 1] == '\t'))
    line--;
  if (line == 0 || d->text[line - 1] == '\n' || d->text[line - 1] == '\r') {
    *indent_end = tok;
    return line;
  }
  *indent_end = tok; /* mid-line: at the token, no indentation */
  return tok;
}

static cJSON *disable_action(const Doc *d, const pc_finding *f) {
  size_t ind, line = comment_line(d, (size_t)f->pos.offset, &ind);
  char text[256], title[160];
  int mid = ind == line && line > 0 && d->text[line - 1] != '\n' &&
            d->text[line - 1] != '\r';
  snprintf(text, sizeof text, "%s-- propcheck: disable=%s -- reason\n%.*s",
           mid ? "\n" : "", f->rule, (int)(ind - line), d->text + line);
  snprintf(title, sizeof title, "Disable %s for this statement", f->rule);
  return action(d, title, diag_json(d, f, NULL), 0,
                text_edit(d, line, line, text));
}

/* 1 when the finding's span meets [a, b]. */
static int in_range(const Doc *d, const pc_finding *f, size_t a, size_t b) {
  size_t s, e;
  diag_span(d, f, &s, &e);
  return s <= b && e >= a;
}

/* 1 when an earlier finding of the same rule in the same statement already
   offered the disable action. */
static int seen_rule(const Doc *d, const pc_finding *const *done, size_t n,
                     const pc_finding *f) {
  size_t st = diag_stmt_start(d, (size_t)f->pos.offset);
  for (size_t i = 0; i < n; i++)
    if (strcmp(done[i]->rule, f->rule) == 0 &&
        diag_stmt_start(d, (size_t)done[i]->pos.offset) == st)
      return 1;
  return 0;
}

static void add_finding(const Doc *d, cJSON *out, const pc_finding *f,
                        const pc_finding **done, size_t *ndone) {
  if (f->fix && f->fix->replacement && f->fix->description)
    cJSON_AddItemToArray(out, fix_action(d, f));
  if (!seen_rule(d, done, *ndone, f)) {
    cJSON_AddItemToArray(out, disable_action(d, f));
    done[(*ndone)++] = f;
  }
}

cJSON *actions_for(const Doc *d, const cJSON *params) {
  const cJSON *range = cJSON_GetObjectItemCaseSensitive(params, "range");
  size_t a, b;
  if (doc_read_position(d, cJSON_GetObjectItemCaseSensitive(range, "start"),
                        &a) != 0 ||
      doc_read_position(d, cJSON_GetObjectItemCaseSensitive(range, "end"),
                        &b) != 0)
    return NULL;
  cJSON *out = cJSON_CreateArray();
  const pc_file *file = diag_file(d);
  if (!out || !file)
    return out;
  size_t total = pc_file_finding_count(file), ndone = 0;
  for (size_t i = 0; i < pc_file_stmt_count(file); i++)
    total += pc_stmt_finding_count(pc_file_stmt_at(file, i));
  const pc_finding **done = calloc(total ? total : 1, sizeof *done);
  if (!done) {
    cJSON_Delete(out);
    return NULL;
  }
  for (size_t i = 0; i < pc_file_stmt_count(file); i++) {
    const pc_stmt *s = pc_file_stmt_at(file, i);
    for (size_t k = 0; k < pc_stmt_finding_count(s); k++)
      if (in_range(d, pc_stmt_finding_at(s, k), a, b))
        add_finding(d, out, pc_stmt_finding_at(s, k), done, &ndone);
  }
  for (size_t k = 0; k < pc_file_finding_count(file); k++)
    if (in_range(d, pc_file_finding_at(file, k), a, b))
      add_finding(d, out, pc_file_finding_at(file, k), done, &ndone);
  free(done);
  return out;
}
