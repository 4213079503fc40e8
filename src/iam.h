/*
 * iam.h - the IAM stage: what a statement's credentials need (iam_needs.c),
 * the documents that grant it (iam_docs.c), identity policies read and
 * linted once (iam_policy.c), and whether they grant it (iam_eval.c).
 *
 * Only the IAM files and check.c, which runs the stage, include it.
 */
#ifndef PC_IAM_H
#define PC_IAM_H

#include "aws.h"
#include "json.h"
#include "pc_internal.h"

/* IAM's own size limits ("IAM and AWS STS quotas"): an ARN is at most
   2,048 characters; an identity policy at most 10,240 characters without
   whitespace (an inline role policy; a managed policy 6,144).  They also
   bound the work of evaluating a policy. */
enum { IAM_ARN_MAX = 2048, IAM_POLICY_MAX = 10240, IAM_MANAGED_MAX = 6144 };

/* ---------------------------------------------------------- iam_needs.c */

/* One permission a credential needs. */
typedef struct IamNeed {
  const char *action;   /* "s3:GetObject" */
  const char *resource; /* an ARN (may hold placeholders ACCOUNT_ID, REGION) */
  const char *prefix;   /* s3:ListBucket: the s3:prefix the request uses (a
                           StringLike value: the prefix and a star), or NULL */
} IamNeed;

/* Everything one credential of a statement needs. */
struct IamGrant {
  pc_service service;          /* whose credential: s3, glue or rest */
  pc_auth auth;                /* its mode */
  const char *principal;       /* who needs it (for people) */
  const char *role_arn;        /* the assumed role, or NULL */
  const char *base_principal;  /* for an assumed role: who assumes it (an ARN,
                                  "ACCOUNT_ID" placeholder, or a service) */
  const char *external_id_set; /* non-NULL when an external id is set (the
                                  value is never copied: "set") */
  IamNeed *needs;
  size_t nneeds;
};

/* A grant's needs as they are built (iam_needs.c, iam_catalog.c). */
typedef struct Builder {
  Unit *u;
  Vec needs; /* IamNeed */
  int failed;
} Builder;

/* Adds one need (once: duplicates are dropped); prefix: the s3:prefix of a
   ListBucket, or NULL. */
void iam_need(Builder *b, const char *action, const char *resource,
              const char *prefix);
/* Adds a need for each action of a NULL-terminated list on resource. */
void iam_needs_all(Builder *b, const char *const *actions,
                   const char *resource);
/* The ARN partition of a region or of an ARN ("aws" when neither says). */
const char *iam_pick_partition(const char *region, const char *arn);
/* 1 when s[0..n) is a 12-digit account id. */
int iam_is_account(const char *s, size_t n);
/* r when it is a region name (known, or of a partition's pattern), else
   NULL: what goes into an ARN must be a region, not any text. */
const char *iam_region_ok(const char *r);
/* The last effective property named name in the main list (keys the key
   table does not route to a field); icase: StarRocks matches the name
   ignoring case (iceberg.catalog.*). */
const Prop *iam_prop_named(const Target *t, const char *name, int icase);
/* Catalog types StarRocks only reads (no CREATE TABLE, no INSERT). */
int iam_catalog_read_only(const View *v);
/* A property's value when it is set and not empty, else NULL. */
static inline const char *iam_val(const Prop *p) {
  return p && *p->val ? p->val : NULL;
}

/* 1 for Aurora MySQL and for Databend statements. */
int iam_is_aurora(pc_stmt_kind k);
int iam_is_databend(pc_stmt_kind k);
/* The region written in an Aurora URI (s3-REGION://), or NULL. */
const char *iam_aurora_region(Unit *u, const Target *t);
/* The partition an ARN names, or NULL. */
const char *iam_partition_of_arn(const char *arn);
/* What the S3 credential of a statement needs, in partition part. */
void iam_s3_needs(Builder *b, const Target *t, const View *v, const char *part);

/* ---------------------------------------------------------- iam_catalog.c */

/* What the Glue metastore needs (assumed: through an assumed role). */
void iam_glue_needs(Builder *b, const Target *t, const View *v,
                    const char *part, int assumed);
/* What an Iceberg REST catalog signed with SigV4 needs, with the partition
   of its endpoint in *part_out; 0 when the REST server is not an AWS
   service propcheck knows. */
int iam_rest_needs(Builder *b, const View *v, const char **part_out);

/* Derives what a resolved target needs, per credential, from the
   resolver's view of it (t->grants, in the unit's scratch arena). */
void iam_derive(Unit *u, Target *t, const View *v, const StmtResult *r);

/* ----------------------------------------------------------- iam_docs.c */

/* The IAM JSON documents of a grant, in arena a. */
int iam_documents(Arena *a, const IamGrant *g, pc_policy *out);

/* --------------------------------------------------------- iam_policy.c */

typedef enum PrefixOp {
  PO_NONE = 0, /* no s3:prefix condition to evaluate */
  PO_LIKE,     /* StringLike[IfExists] on s3:prefix, nothing else */
  PO_EQUALS    /* StringEquals[IfExists] on s3:prefix, nothing else */
} PrefixOp;

/* One statement of an identity policy. */
typedef struct IamStmt {
  const char *label;    /* "Statement[1] (Sid \"s3list\")" */
  int deny;             /* Effect Deny (else Allow) */
  int not_action;       /* the patterns are NotAction */
  int not_resource;     /* the patterns are NotResource */
  const char **actions; /* Action or NotAction patterns */
  size_t nactions;
  const char **resources; /* Resource or NotResource patterns */
  size_t nresources;
  const char *cond_keys; /* "aws:SourceIp, s3:prefix", NULL: none */
  PrefixOp prefix_op;    /* the condition, when it can be evaluated */
  int prefix_if_exists;  /* ...IfExists: holds when the key is absent */
  const char **prefixes; /* its s3:prefix values */
  size_t nprefixes;
} IamStmt;

/* A usable identity policy.  Read-only once made: contexts on several
   threads evaluate against the same one. */
struct IamDoc {
  Arena arena; /* everything below */
  int oom;     /* the arena's flag */
  const char *path;
  int legacy; /* Version absent or 2008-10-17: ${...} is literal text */
  IamStmt *stmts;
  size_t nstmts;
};

void iam_doc_free(IamDoc *d);

/* The findings about one document added to a set, usable or not. */
typedef struct PolicyFile {
  const char *path;
  Finding *findings; /* by position; made at the rules' default levels */
  size_t nfindings;
} PolicyFile;

/* A set of identity policies (the public pc_policies): read once, then
   only read, by any number of contexts on any threads. */
struct pc_policies {
  int oom;     /* sticky allocation failure */
  Arena arena; /* paths and findings */
  Vec docs;    /* IamDoc *: the usable documents, in the order added */
  Vec files;   /* PolicyFile: every document added */
};

/* The reader of one document (iam_policy.c), and the helpers it and
   iam_statement.c report through (defined in iam_statement.c). */
typedef struct Loader {
  DiagSink sink; /* into findings, kept in the set's arena */
  Vec *findings; /* Finding */
  int *oom;      /* the set's sticky flag */
  Chunk chunk;   /* the JSON text, as a chunk for diag_make */
  Vec hidden;    /* Token: values masked in source lines */
  int invalid;   /* an invalid-policy finding: do not use the document */
  Arena *tmp;    /* scratch */
  IamDoc *doc;
  const JsonVal *sids[64]; /* Sids seen, for duplicates (first 64) */
  size_t nsids;
} Loader;

/* Adds a finding at text offset off (len bytes) of the policy file; path
   is its JSON path (the message starts with it); sev, when not 0,
   replaces the rule's severity. */
void policy_report(Loader *L, RuleId rule, pc_severity sev, size_t off,
                   size_t len, const char *path, const char *fmt, ...)
    PC_PRINTF(7, 8);
/* base + a suffix (".Action", "[2]"), in L's scratch arena. */
const char *policy_path(Loader *L, const char *base, const char *fmt, ...)
    PC_PRINTF(3, 4);
/* Reports members of obj that appear twice. */
void policy_check_duplicates(Loader *L, const JsonVal *obj, const char *path);

/* --------------------------------------------------------- iam_statement.c */

/* Reads one statement into st; reports what is wrong with it. */
void policy_read_statement(Loader *L, const JsonVal *v, const char *path,
                           IamStmt *st);

/* ------------------------------------------------------------ iam_eval.c */

/* The verdict for one permission, worst last (see iam_eval_need). */
enum {
  IAM_GRANTED = 0,         /* an unconditional Allow, no Deny can apply */
  IAM_CONDITIONAL = 1,     /* allowed only under a condition */
  IAM_POSSIBLY_DENIED = 2, /* allowed, but a conditional Deny may apply */
  IAM_NOT_GRANTED = 3,     /* no Allow applies: implicitly denied */
  IAM_DENIED = 4           /* an unconditional Deny applies */
};

/* ---- Wildcards (iam_glob.c) ---- */

/* In a subject (a need's resource read as a set): an ARN segment whose
   value is unknown (REGION, ACCOUNT_ID, BUCKET): one or more characters
   other than ':' and '/'. */
#define MARK_SEG '\x01'
/* In a subject: any suffix (only a '*' can absorb it). */
#define MARK_ANY '\x02'
/* Over this many cells iam_glob_overlap does not compare (answers -1). */
enum { OVERLAP_MAX_CELLS = 1 << 22 };

enum {
  G_ICASE = 1u << 0,   /* letters match either case (actions) */
  G_NOCOLON = 1u << 1, /* '*' and '?' never match ':' (actions) */
  G_STRICT = 1u << 2   /* '*' and '?' do not match ':', except a '*' that
                          ends the pattern (the strict ARN reading) */
};
/* Does pattern p ('*' any run, '?' one character) match all of s?  s may
   hold MARK_ANY, not MARK_SEG (the unit tests call it). */
int iam_glob_match(const char *p, const char *s, unsigned flags);
/* The same for a subject that may hold MARK_SEG too.  A failed allocation
   sets *oom (when oom is not NULL) and answers 0. */
int iam_glob_subject(const char *p, const char *s, unsigned flags, int *oom);
/* Is there a string p matches that the subject s contains?  1, 0, or -1
   when the table would be over OVERLAP_MAX_CELLS (not compared). */
int iam_glob_overlap(const char *p, const char *s, int *oom);

/* Evaluates one need against the documents.  Returns one of the IAM_*
   values above; *detail (may be NULL) gets one clause saying why, in arena
   a (e.g. "p.json Statement[2] denies it ..."). */
int iam_eval_need(IamDoc *const *docs, size_t ndocs, const IamNeed *need,
                  Arena *a, const char **detail);

/* Evaluates t->grants against the documents and adds a finding for each
   permission that is not granted (or only under a condition). */
void iam_check(Unit *u, Target *t, IamDoc *const *docs, size_t ndocs);

#endif
