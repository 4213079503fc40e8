/*
 * expect.c - expectation comments, the test harness of propcheck --verify:
 *
 *   -- expect: s3=assumed_role(base=instance_profile) glue=iam_user
 *   -- expect-error: RULE[,RULE]   -- expect-warning: ...   -- expect-note: ...
 *   -- expect-no-findings
 *
 * written before a statement.  They are read into pc_expect values on the
 * statement; comparing them with the results is the caller's business (the
 * command line does it for --verify).
 */
#include <string.h>

#include "pc_internal.h"

static pc_expect *push(Vec *v, int *oom, pc_expect_kind kind, pc_pos pos) {
  pc_expect *e = vec_push(v, sizeof *e, oom);
  if (e) {
    e->kind = kind;
    e->pos = pos;
  }
  return e;
}

/* Records an unreadable expectation: before, the text s[0..n), after. */
static void invalid(Vec *v, Unit *u, pc_pos pos, const char *before,
                    const char *s, size_t n, const char *after) {
  pc_expect *e = push(v, u->oom, PC_EXPECT_INVALID, pos);
  char *msg = e ? arena_printf(u->sink.keep, "%s'%.*s'%s", before,
                               (int)(n > 60 ? 60 : n), s, after)
                 : NULL;
  if (msg) /* --verify prints it: no control or bidi character */
    diag_scrub(msg, strlen(msg), 0);
  if (e)
    e->error = msg;
}

/* s3=mode or s3=mode(base=mode), separated by blanks. */
static void parse_modes(Vec *v, Unit *u, pc_pos pos, const char *s,
                        const char *end) {
  pc_expect *e = push(v, u->oom, PC_EXPECT_MODES, pos);
  if (!e)
    return;
  for (;;) {
    while (s < end && (*s == ' ' || *s == '\t'))
      s++;
    if (s >= end)
      break;
    const char *item = s;
    while (s < end && *s != ' ' && *s != '\t')
      s++;
    size_t n = (size_t)(s - item);
    const char *eq = memchr(item, '=', n);
    int svc = eq ? names_service(item, (size_t)(eq - item)) : -1;
    if (svc < 0) {
      invalid(v, u, pos, "expected SERVICE=MODE (s3, glue, rest), not ", item,
              n, "");
      return;
    }
    const char *m = eq + 1;
    const char *paren = memchr(m, '(', (size_t)(s - m));
    size_t mlen = (size_t)((paren ? paren : s) - m);
    int mode = names_mode(m, mlen);
    int base = PC_MODE_NONE;
    if (paren) {
      const char *b = paren + 1;
      size_t blen = (size_t)(s - b);
      if (blen < 7 || memcmp(b, "base=", 5) != 0 || s[-1] != ')' ||
          (base = names_mode(b + 5, blen - 6)) < 0)
        mode = -1;
    }
    if (mode < 0) {
      invalid(v, u, pos, "unknown mode in ", item, n,
              " (modes: none, instance_profile, assumed_role(base=...), "
              "iam_user, sdk_default, web_identity, sigv4, oauth2, jwt)");
      return;
    }
    e = VEC_AT(v, pc_expect, v->len - 1); /* (the vector may have moved) */
    e->services |= 1u << svc;
    e->auth[svc].mode = (pc_mode)mode;
    e->auth[svc].base = (pc_mode)base;
  }
}

static void parse_rules(Vec *v, Unit *u, pc_pos pos, pc_severity sev,
                        const char *s, const char *end) {
  for (;;) {
    while (s < end && (*s == ' ' || *s == ',' || *s == '\t'))
      s++;
    if (s >= end)
      return;
    const char *id = s;
    while (s < end && *s != ' ' && *s != ',' && *s != '\t')
      s++;
    size_t n = (size_t)(s - id);
    int r = rules_lookup(id, n);
    if (r < 0) {
      invalid(v, u, pos, "", id, n, " is not a propcheck rule");
      continue;
    }
    pc_expect *e = push(v, u->oom, PC_EXPECT_FINDING, pos);
    if (e) {
      e->rule = rules_table[r].id;
      e->severity = sev;
    }
  }
}

/* One comment: returns 1 if it was an expectation. */
static int parse_comment(Vec *v, Unit *u, const Comment *cm) {
  const char *s, *end;
  lex_comment_text(u->chunk, cm, &s, &end);
  static const struct {
    const char *tag;
    int kind; /* 0 modes, 1 finding, 2 none */
    pc_severity sev;
  } tags[] = {{"expect:", 0, PC_SEV_NOTE},
              {"expect-error:", 1, PC_SEV_ERROR},
              {"expect-warning:", 1, PC_SEV_WARNING},
              {"expect-note:", 1, PC_SEV_NOTE},
              {"expect-no-findings", 2, PC_SEV_NOTE}};
  pc_pos pos = source_pos(u->chunk, cm->off);
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
    size_t n = strlen(tags[i].tag);
    if ((size_t)(end - s) < n || memcmp(s, tags[i].tag, n) != 0)
      continue;
    const char *rest = s + n;
    if (tags[i].kind == 0)
      parse_modes(v, u, pos, rest, end);
    else if (tags[i].kind == 1)
      parse_rules(v, u, pos, tags[i].sev, rest, end);
    else
      push(v, u->oom, PC_EXPECT_NO_FINDINGS, pos);
    return 1;
  }
  return 0;
}

int expect_unit(Unit *u, pc_expect **out, size_t *n) {
  *out = NULL;
  *n = 0;
  const Token *first = u->lex.toks.len ? u->lex.toks.data : NULL;
  size_t limit = first ? ((const Token *)first)->off : u->chunk->len;
  Vec v = {0};
  for (size_t i = 0; i < u->lex.comments.len; i++) {
    Comment *cm = VEC_AT(&u->lex.comments, Comment, i);
    if (cm->off < limit)
      parse_comment(&v, u, cm);
  }
  if (v.len) {
    *out = arena_alloc(u->sink.keep, v.len * sizeof(pc_expect));
    if (*out) {
      memcpy(*out, v.data, v.len * sizeof(pc_expect));
      *n = v.len;
    }
  }
  vec_release(&v);
  return *out || !*n ? 0 : -1;
}

size_t expect_first_off(Unit *u) {
  for (size_t i = 0; i < u->lex.comments.len; i++) {
    Comment *cm = VEC_AT(&u->lex.comments, Comment, i);
    Vec v = {0};
    int is = parse_comment(&v, u, cm);
    vec_release(&v);
    if (is)
      return cm->off;
  }
  return u->chunk->stmt_start;
}
