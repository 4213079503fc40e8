/*
 * suppress.c - suppression comments in the SQL itself.
 *
 *   -- propcheck: disable=RULE[,RULE...] [-- reason]
 *        silences those rules in the statement the comment belongs to (a
 *        comment before a statement, or inside it);
 *   -- propcheck: disable-file=RULE[,RULE...] [-- reason]
 *        silences them from the comment to the end of the file (results
 *        are final as statements complete, so a file's header is the place
 *        for it; one that comes after findings it would have silenced is
 *        reported: late-file-suppression).
 *
 * The same works in a block comment.  A suppression that silences nothing
 * is itself reported (unused-suppression), and so is a rule id propcheck
 * does not know (unknown-rule).
 */
#include <string.h>

#include "pc_internal.h"

enum { MAX_RULES_PER_COMMENT = 16 };

typedef struct Directive {
  int file; /* disable-file */
  RuleId rules[MAX_RULES_PER_COMMENT];
  size_t nrules;
  int used[MAX_RULES_PER_COMMENT];
  uint32_t off, len; /* the comment */
} Directive;

static int is_rule_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         (c >= 'A' && c <= 'Z') || c == '_';
}

/* Parses one comment; returns 1 for a propcheck directive. */
static int parse_directive(Unit *u, const Comment *cm, Target *owner,
                           Directive *d) {
  const char *s, *end;
  lex_comment_text(u->chunk, cm, &s, &end);
  static const char tag[] = "propcheck:";
  if ((size_t)(end - s) < sizeof tag - 1 || memcmp(s, tag, sizeof tag - 1))
    return 0;
  s += sizeof tag - 1;
  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  memset(d, 0, sizeof *d);
  d->off = cm->off;
  d->len = cm->len;
  static const char dfile[] = "disable-file=", dstmt[] = "disable=";
  if ((size_t)(end - s) >= sizeof dfile - 1 &&
      memcmp(s, dfile, sizeof dfile - 1) == 0) {
    d->file = 1;
    s += sizeof dfile - 1;
  } else if ((size_t)(end - s) >= sizeof dstmt - 1 &&
             memcmp(s, dstmt, sizeof dstmt - 1) == 0) {
    s += sizeof dstmt - 1;
  } else {
    diag_unit(u, owner, R_UNKNOWN_RULE, cm->off, cm->len, NULL,
              "a propcheck comment must say disable=RULE or "
              "disable-file=RULE; this one is ignored");
    return 0;
  }
  for (;;) {
    while (s < end && *s == ' ')
      s++;
    const char *id = s;
    while (s < end && is_rule_char(*s))
      s++;
    size_t n = (size_t)(s - id);
    if (n) {
      int r = rules_lookup(id, n);
      const pc_rule *near = r < 0 ? rule_suggest(id, n) : NULL;
      if (r < 0)
        diag_unit(u, owner, R_UNKNOWN_RULE, cm->off, cm->len, NULL,
                  "'%.*s' is not a propcheck rule (%s%s%s); the suppression "
                  "is ignored",
                  (int)(n > 64 ? 64 : n), id,
                  near ? "did you mean '" : "see propcheck --list-rules",
                  near ? near->id : "", near ? "'?" : "");
      else if (d->nrules < MAX_RULES_PER_COMMENT)
        d->rules[d->nrules++] = (RuleId)r;
    }
    while (s < end && *s == ' ')
      s++;
    if (s < end && *s == ',') {
      s++;
      continue;
    }
    break;
  }
  return d->nrules > 0;
}

/* Removes the findings of v whose rule d silences; returns how many. */
static size_t apply(Directive *d, Vec *v) {
  size_t kept = 0, gone = 0;
  for (size_t i = 0; i < v->len; i++) {
    Finding *f = VEC_AT(v, Finding, i);
    int hit = 0;
    for (size_t k = 0; k < d->nrules && !hit; k++) {
      if (f->rule == d->rules[k] && d->rules[k] != R_UNUSED_SUPPRESSION &&
          d->rules[k] != R_UNKNOWN_RULE) {
        d->used[k] = 1;
        hit = 1;
      }
    }
    if (hit)
      gone++;
    else
      *VEC_AT(v, Finding, kept++) = *f;
  }
  v->len = kept;
  return gone;
}

/* Registers a disable-file comment in the file: active from now on.  The
   findings about it are made now, while its source line is at hand, and
   kept with the file (its arena) until the file ends. */
static void register_file_directive(Unit *u, const Directive *d) {
  pc_file *file = u->file;
  DiagSink sink = u->sink; /* into the file's arena: they outlive a flush */
  sink.keep = u->file_arena;
  for (size_t k = 0; k < d->nrules; k++) {
    RuleId r = d->rules[k];
    if (file->seen[r]) {
      diag_add(&sink, &u->loose, R_LATE_FILE_SUPPRESSION, d->off, d->len, NULL,
               "'disable-file=%s' silences only what follows it, and %u "
               "finding%s of that rule came before it in this file and %s "
               "reported; move it to the top of the file",
               rules_table[r].id, file->seen[r], file->seen[r] == 1 ? "" : "s",
               file->seen[r] == 1 ? "stays" : "stay");
    }
    FileSuppression *fs = vec_push(&file->file_supp, sizeof *fs, u->oom);
    if (!fs)
      continue;
    fs->rule = r;
    Vec unused = {0}; /* the finding for the end of the file, if need be */
    Finding *f = diag_add(
        &sink, &unused, R_UNUSED_SUPPRESSION, d->off, d->len, NULL,
        "'disable-file=%s' suppresses nothing in this file", rules_table[r].id);
    fs->has_unused = f != NULL; /* unless that rule is off */
    if (f)
      fs->unused = *f;
    vec_release(&unused);
  }
}

/* Removes the findings of v that an active disable-file silences. */
static size_t apply_file(pc_file *file, Vec *v) {
  size_t kept = 0, gone = 0;
  for (size_t i = 0; i < v->len; i++) {
    Finding *f = VEC_AT(v, Finding, i);
    FileSuppression *hit = NULL;
    for (size_t k = 0; k < file->file_supp.len && !hit; k++) {
      FileSuppression *fs = VEC_AT(&file->file_supp, FileSuppression, k);
      if (f->rule == fs->rule && fs->rule != R_UNUSED_SUPPRESSION &&
          fs->rule != R_UNKNOWN_RULE && fs->rule != R_LATE_FILE_SUPPRESSION)
        hit = fs;
    }
    if (hit) {
      hit->used = 1;
      gone++;
    } else {
      *VEC_AT(v, Finding, kept++) = *f;
    }
  }
  v->len = kept;
  return gone;
}

void suppress_unit(Unit *u) {
  pc_file *file = u->file;
  Target *owner = u->targets.len ? VEC_AT(&u->targets, Target, 0) : NULL;
  size_t ncomments = u->lex.comments.len;
  for (size_t i = 0; i < ncomments; i++) {
    Comment *cm = VEC_AT(&u->lex.comments, Comment, i);
    Directive d;
    if (!parse_directive(u, cm, owner, &d))
      continue;
    if (d.file) {
      register_file_directive(u, &d);
      continue;
    }
    for (size_t t = 0; t < u->targets.len; t++)
      file->suppressed += apply(&d, &VEC_AT(&u->targets, Target, t)->findings);
    file->suppressed += apply(&d, &u->loose);
    for (size_t k = 0; k < d.nrules; k++)
      if (!d.used[k])
        diag_unit(u, owner, R_UNUSED_SUPPRESSION, d.off, d.len, NULL,
                  "'disable=%s' suppresses nothing in this statement",
                  rules_table[d.rules[k]].id);
  }
  if (file->file_supp.len) {
    for (size_t t = 0; t < u->targets.len; t++)
      file->suppressed +=
          apply_file(file, &VEC_AT(&u->targets, Target, t)->findings);
    file->suppressed += apply_file(file, &u->loose);
  }
}

void suppress_file_end(pc_file *file, int *oom) {
  for (size_t i = 0; i < file->file_supp.len; i++) {
    FileSuppression *fs = VEC_AT(&file->file_supp, FileSuppression, i);
    if (fs->used || !fs->has_unused)
      continue;
    Finding *f = vec_push(&file->findings, sizeof(Finding), oom);
    if (f)
      *f = fs->unused;
  }
}
