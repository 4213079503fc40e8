/*
 * propcheck.h - the public interface of libpropcheck.
 *
 * libpropcheck reads SQL that connects StarRocks to AWS (external catalogs,
 * broker loads, FILE tables, FILES(), storage volumes, repositories), resolves
 * each service's authentication mode exactly as StarRocks would, and reports
 * the properties StarRocks would reject, ignore or reinterpret.
 *
 * Model.  A pc_ctx owns everything: the files checked through it, their
 * statements and their findings.  Results are plain values read through
 * pc_*_at() accessors; every pointer they return is borrowed from the context
 * and stays valid until pc_ctx_reset() or pc_ctx_free() on that context.
 *
 * Threads.  The library has no global mutable state.  Distinct contexts may be
 * used from distinct threads at once.  One context must not be changed (any
 * call taking a non-const pc_ctx *) while another thread uses it; a context
 * nobody changes may be read (accessors, pc_render) from several threads at
 * once.  The const tables behind pc_rule_at() are shared and read-only.  A
 * context is cheap (a few microseconds to create and free), so one per
 * request or per thread is the simple choice.
 *
 * Errors.  Functions that can fail return a pc_status.  PC_ENOMEM is sticky:
 * once an allocation has failed, the context reports PC_ENOMEM until reset.
 * The library never prints, never exits and never aborts.
 *
 * Secrets.  No message, key or rendered output ever contains the value of a
 * credential: values are echoed only for keys known to be harmless.
 */
#ifndef PROPCHECK_H
#define PROPCHECK_H

#include <stddef.h>
#include <stdint.h>

/* PC_API marks what the library exports.  libpropcheck.so is built with
   -fvisibility=hidden, so every public declaration carries it and nothing
   else is visible. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define PC_API __attribute__((visibility("default")))
#else
#define PC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define PROPCHECK_VERSION_MAJOR 0
#define PROPCHECK_VERSION_MINOR 1
#define PROPCHECK_VERSION_PATCH 0
#define PROPCHECK_VERSION "0.1.0"

/* The version of the library actually linked, e.g. "0.1.0".  Static string. */
PC_API const char *pc_version(void);

/* ---- Status codes (append only; never renumbered) ---- */
typedef enum pc_status {
  PC_OK = 0,
  PC_ENOMEM = 1, /* an allocation failed; results are incomplete */
  PC_EINVAL = 2, /* bad argument or call out of order */
  PC_EWRITE = 3  /* the output callback reported a failure */
} pc_status;

/* A static, human-readable description of a status code. */
PC_API const char *pc_status_str(pc_status st);

/* ---- Severities ---- */
typedef enum pc_severity {
  PC_SEV_NOTE = 1,    /* information: what StarRocks will do */
  PC_SEV_WARNING = 2, /* StarRocks silently ignores or reinterprets something */
  PC_SEV_ERROR = 3    /* StarRocks rejects it, or the credentials cannot work */
} pc_severity;

/* "note", "warning" or "error".  Static string. */
PC_API const char *pc_severity_name(pc_severity sev);
/* Each *_from_name returns the value the matching *_name spells (exactly,
   case-sensitive), or -1: for command lines and configuration files. */
PC_API int pc_severity_from_name(const char *name);

/* ---- Statement kinds (spelled in JSON as pc_stmt_kind_name returns) ---- */
typedef enum pc_stmt_kind {
  PC_STMT_CREATE_EXTERNAL_CATALOG = 0,
  PC_STMT_ALTER_CATALOG,
  PC_STMT_CREATE_EXTERNAL_TABLE,
  PC_STMT_BROKER_LOAD,
  PC_STMT_FILES,
  PC_STMT_CREATE_STORAGE_VOLUME,
  PC_STMT_ALTER_STORAGE_VOLUME,
  PC_STMT_CREATE_REPOSITORY,
  PC_STMT_AURORA_LOAD_DATA,           /* Aurora MySQL LOAD DATA FROM S3 */
  PC_STMT_AURORA_LOAD_XML,            /* Aurora MySQL LOAD XML FROM S3 */
  PC_STMT_AURORA_SELECT_INTO_OUTFILE, /* Aurora SELECT ... INTO OUTFILE S3 */
  PC_STMT_DATABEND_CREATE_CONNECTION,
  PC_STMT_DATABEND_CREATE_STAGE,
  PC_STMT_EXPORT,              /* StarRocks EXPORT TABLE ... TO ... */
  PC_STMT_SELECT_INTO_OUTFILE, /* StarRocks SELECT ... INTO OUTFILE */
  PC_STMT_BACKUP,              /* StarRocks BACKUP SNAPSHOT (no credentials) */
  PC_STMT_RESTORE,             /* StarRocks RESTORE SNAPSHOT (no credentials) */
  PC_STMT_CLUSTER_SNAPSHOT, /* ADMIN SET AUTOMATED CLUSTER SNAPSHOT ON ... */
  PC_STMT_KIND_COUNT
} pc_stmt_kind;

/* "create_external_catalog", "broker_load", ...  Static string. */
PC_API const char *pc_stmt_kind_name(pc_stmt_kind kind);
PC_API int pc_stmt_kind_from_name(const char *name);

/* ---- Services and authentication modes ---- */
typedef enum pc_service {
  PC_SVC_S3 = 0, /* object storage, aws.s3.* */
  PC_SVC_GLUE,   /* Glue metastore, aws.glue.* */
  PC_SVC_REST,   /* Iceberg REST catalog, iceberg.catalog.* */
  PC_SVC_COUNT
} pc_service;

/* "s3", "glue", "rest".  Static string. */
PC_API const char *pc_service_name(pc_service svc);
PC_API int pc_service_from_name(const char *name);

typedef enum pc_mode {
  PC_MODE_NONE = 0,         /* no credentials from this statement */
  PC_MODE_INSTANCE_PROFILE, /* EC2 instance profile */
  PC_MODE_ASSUMED_ROLE,     /* STS AssumeRole on top of a base mode */
  PC_MODE_IAM_USER,         /* static access key and secret key */
  PC_MODE_SDK_DEFAULT,      /* AWS SDK default credential chain */
  PC_MODE_WEB_IDENTITY,     /* web identity token file */
  PC_MODE_SIGV4,            /* REST: requests signed with SigV4 */
  PC_MODE_OAUTH2,           /* REST: OAuth2 token or client credentials */
  PC_MODE_JWT,              /* REST: the session user's JWT */
  PC_MODE_CLUSTER_ROLE, /* Aurora: the IAM role attached to the DB cluster */
  PC_MODE_ANONYMOUS,    /* Databend: allow_anonymous, no credentials; S3:
                           Hadoop's anonymous provider (legacy s3a://) */
  PC_MODE_BASIC,        /* REST: HTTP basic auth (rest.auth.type = basic) */
  PC_MODE_UNKNOWN, /* decided by a template variable left unfilled (the key:
                      pc_auth.unknown_key) */
  PC_MODE_COUNT
} pc_mode;

/* "none", "instance_profile", "assumed_role", ...  Static string. */
PC_API const char *pc_mode_name(pc_mode mode);
PC_API int pc_mode_from_name(const char *name);

/* One service's resolution in one statement. */
typedef struct pc_auth {
  pc_mode mode; /* the mode StarRocks uses */
  pc_mode base; /* for ASSUMED_ROLE: the base credential (instance_profile,
                   iam_user, sdk_default, web_identity); for SIGV4: where
                   the signing credentials come from (iam_user or
                   sdk_default); otherwise PC_MODE_NONE */
  const char *unknown_key; /* for PC_MODE_UNKNOWN: the key whose templated
                              value decides the mode (static string);
                              otherwise NULL */
} pc_auth;

/* ---- Positions ---- */
/* Lines and columns are 1-based.  A column counts characters from the start
   of the line: every byte that is not a UTF-8 continuation byte (0x80-0xBF)
   starts one, so a tab is one column and so is each code point of valid
   UTF-8.  offset is the 0-based byte offset in the file. */
typedef struct pc_pos {
  uint32_t line;
  uint32_t column;
  uint64_t offset;
} pc_pos;

/* The position of byte offset (at most len) of text[0..len), counted as the
   library counts the positions of findings: checking the same bytes as one
   file, a finding at that offset has this pos.  A UTF-8 byte order mark at
   the start counts no column.  O(offset). */
PC_API pc_pos pc_pos_of(const char *text, size_t len, size_t offset);
/* The same, counting on from `from`, a position of the same text that
   pc_pos_of or pc_pos_from returned (or a zeroed pc_pos: the start), so
   that a pass over ascending offsets is O(len) in all.  An offset before
   from is counted from the start. */
PC_API pc_pos pc_pos_from(const char *text, size_t len, pc_pos from,
                          size_t offset);

/* ---- Findings ---- */
typedef struct pc_finding {
  const char *rule; /* stable kebab-case rule id, e.g. "ignored-credential" */
  pc_severity severity;
  const char *message; /* one sentence; never contains a secret value */
  pc_pos pos;          /* where the key or value at fault is */
  uint32_t length;     /* length in bytes of the span at pos (0 if unknown) */
  const char *key;     /* the property key concerned, or NULL */
  int has_related;     /* nonzero when related/related_key are set */
  pc_pos related;      /* the other key of a conflict, the opening '(' ... */
  const char *related_key;  /* key at related, or NULL */
  const struct pc_fix *fix; /* an edit that fixes it (see pc_fix), or NULL */
} pc_finding;

/* A fix: replace `length` bytes at byte offset `offset` of the file
   with `replacement` (never a secret: fixes touch keys and booleans).
   As in ruff, a fix is safe when applying it (alone, and with the other
   fixes of its statement) adds no finding to the statement that no fix
   removes again; otherwise `unsafe` is 1 (e.g. "yes" -> "true" next to
   access keys switches StarRocks to the instance profile): offered, but
   applied by propcheck --fix only with --unsafe-fixes. */
typedef struct pc_fix {
  uint64_t offset;
  uint32_t length;
  const char *replacement;
  const char *description; /* e.g. "rename to 'aws.s3.region'" */
  int unsafe;              /* 1: applying it changes more than it says */
} pc_fix;

/* ---- Rules ---- */
typedef struct pc_rule {
  const char *id;       /* kebab-case id, e.g. "unknown-key" */
  pc_severity severity; /* default severity */
  const char *summary;  /* one line */
  const char *help;     /* what StarRocks does, why it matters, the fix */
  const char *bad;      /* a statement that triggers the rule, or NULL */
  const char *good;     /* the same statement fixed, or NULL */
  const char *security_severity; /* "0.1".."10.0" for rules about credentials
                                    and secrets (SARIF), else NULL */
} pc_rule;

/* Number of rules, and rule i (0 <= i < pc_rule_count()).  Static data. */
PC_API size_t pc_rule_count(void);
PC_API const pc_rule *pc_rule_at(size_t i);
/* The rule with this id, or NULL.  Static data. */
PC_API const pc_rule *pc_rule_find(const char *id);
/* The rule whose id is nearest to a misspelled one (at most about a third
   of its letters differ), or NULL.  Static data. */
PC_API const pc_rule *pc_rule_suggest(const char *id);

/* ---- Contexts ---- */
typedef struct pc_ctx pc_ctx;

typedef struct pc_options {
  /* A statement longer than this is reported (rule statement-too-large) and
     skipped instead of being held in memory.  0 means 16 MiB. */
  size_t max_statement_bytes;
  unsigned flags; /* PC_OPT_* */
} pc_options;

enum {
  PC_OPT_POLICIES = 1u << 0 /* derive the IAM policies each statement needs
                               (pc_stmt_policy_at; "policies" in JSON) */
};

/* The largest max_statement_bytes (4 GiB - 64 KiB): positions inside a
   statement are 32-bit, and a larger limit would let them wrap. */
#define PC_MAX_STATEMENT_BYTES ((size_t)0xFFFF0000u)

/* PC_OK when opt (NULL for the defaults) can make a context or splitter;
   PC_EINVAL when max_statement_bytes is over PC_MAX_STATEMENT_BYTES. */
PC_API pc_status pc_options_check(const pc_options *opt);

/* A new context; opt may be NULL for defaults.  Returns NULL when out of
   memory or when pc_options_check(opt) is not PC_OK.  Free it with
   pc_ctx_free. */
PC_API pc_ctx *pc_ctx_new(const pc_options *opt);

/* Frees the context and everything it owns.  NULL is allowed. */
PC_API void pc_ctx_free(pc_ctx *ctx);

/* Forgets every file checked so far (their pointers become invalid) and
   clears a sticky PC_ENOMEM, keeping the options, the rule levels and the
   policies added with pc_ctx_add_policy. */
PC_API void pc_ctx_reset(pc_ctx *ctx);

/* ---- Rule levels ---- */
typedef enum pc_level {
  PC_LEVEL_DEFAULT = 0, /* the rule's own severity */
  PC_LEVEL_OFF,         /* the rule is not reported */
  PC_LEVEL_NOTE,
  PC_LEVEL_WARNING,
  PC_LEVEL_ERROR
} pc_level;

/* "default", "off", "note", "warning", "error".  Static string. */
PC_API const char *pc_level_name(pc_level level);
PC_API int pc_level_from_name(const char *name);

/* Sets the level of a rule for the files checked from now on (a project's
   configuration, command-line overrides).  Returns PC_EINVAL for an unknown
   rule id. */
PC_API pc_status pc_ctx_set_rule_level(pc_ctx *ctx, const char *rule,
                                       pc_level level);
/* Puts every rule back to its default level. */
PC_API void pc_ctx_reset_rule_levels(pc_ctx *ctx);

/* ---- Checking ---- */
/* Checks a whole buffer as one file named path (path is copied; it may be
   "<stdin>").  The buffer need not be NUL-terminated and is not retained. */
PC_API pc_status pc_check_buffer(pc_ctx *ctx, const char *path, const char *buf,
                                 size_t len);

/* Streaming: begin a file, feed it in chunks of any size, end it.  The results
   are the same as pc_check_buffer on the concatenated chunks.  Memory held
   is bounded by the longest statement, not the file.  Statements are final
   as they complete (a disable-file= comment silences its rules from where
   it stands to the end of the file); pc_file_end adds the findings about
   disable-file comments that silenced nothing.  See pc_stream_flush to
   write and forget results as they come. */
PC_API pc_status pc_file_begin(pc_ctx *ctx, const char *path);
PC_API pc_status pc_file_feed(pc_ctx *ctx, const char *buf, size_t len);
PC_API pc_status pc_file_end(pc_ctx *ctx);

/* ---- Advanced: one file on two threads ----
   Most callers need none of this: pc_file_feed (or pc_check_buffer) gives
   the same results.  This tier stays public because it is the only way to
   use a second thread on one big file without reaching into the library,
   and the command line uses it for files of 4 MiB or more with a spare -j
   thread (cli/read.c); like tree-sitter's TSInput callbacks beside
   ts_parser_parse_string, it is the lower-level door to the same work.

   Checking a file has two halves of about equal cost on typical SQL: cutting
   it into statements (passing over those that cannot hold properties), and
   checking the statements that can.  A caller with a spare thread may run
   them on two.  A pc_splitter is fed the file's bytes on one thread and adds
   the statements that matter to a pc_batch; on another thread,
   pc_file_feed_batch checks a batch in a context whose file is open (between
   pc_file_begin and pc_file_end, fed by batches only).  The results are
   those of pc_file_feed on the same bytes, in the same order: give the
   batches in the order they were filled.

   A splitter or a batch is used by one thread at a time; handing a batch
   from one thread to the other is the caller's (a mutex, a queue).  A
   splitter needs no context; it holds at most one statement, and a batch
   holds the statements added since it was last cleared: the caller bounds
   it by handing it over (pc_batch_size says how much it holds). */
typedef struct pc_splitter pc_splitter;
typedef struct pc_batch pc_batch;

/* A splitter with opt's statement size limit (opt may be NULL).  Returns
   NULL when out of memory or when pc_options_check(opt) is not PC_OK.  Free
   it with pc_splitter_free (NULL allowed). */
PC_API pc_splitter *pc_splitter_new(const pc_options *opt);
PC_API void pc_splitter_free(pc_splitter *sp);

/* Begin a file, feed it in chunks of any size, end it (which adds its last
   statement).  Each call adds what completes to the batch b; the chunks are
   not retained.  PC_ENOMEM is sticky until the next pc_splitter_begin; the
   batch is then incomplete, and checking it returns PC_ENOMEM too.
   PC_EINVAL for calls out of order. */
PC_API pc_status pc_splitter_begin(pc_splitter *sp);
PC_API pc_status pc_splitter_feed(pc_splitter *sp, const char *buf, size_t len,
                                  pc_batch *b);
PC_API pc_status pc_splitter_end(pc_splitter *sp, pc_batch *b);

/* An empty batch, or NULL when out of memory.  Free it with pc_batch_free
   (NULL allowed); pc_batch_clear empties it for reuse. */
PC_API pc_batch *pc_batch_new(void);
PC_API void pc_batch_free(pc_batch *b);
PC_API void pc_batch_clear(pc_batch *b);
/* Bytes of statement text the batch holds. */
PC_API size_t pc_batch_size(const pc_batch *b);

/* Checks the statements of a batch in ctx's open file, as pc_file_feed
   would have when fed the bytes they came from.  The batch is only read.
   PC_EINVAL when no file is open or the file was fed with pc_file_feed. */
PC_API pc_status pc_file_feed_batch(pc_ctx *ctx, const pc_batch *b);

/* ---- Property maps (no SQL) ---- */
/* One property; key and value are NUL-terminated.  Positions are optional
   (line 0 = unknown): findings about the key or value are placed there. */
typedef struct pc_prop {
  const char *key;
  const char *value;
  pc_pos key_pos;
  pc_pos value_pos;
} pc_prop;

/* A statement described by its parts instead of its SQL.  Only kind and
   props are needed; the rest is what the SQL would carry besides the
   property list. */
typedef struct pc_prop_input {
  pc_stmt_kind kind;
  const pc_prop *props; /* the property list (WITH BROKER list for a
                           broker load, PROPERTIES or SET otherwise) */
  size_t nprops;
  const pc_prop *load_props; /* broker load: its PROPERTIES (options) */
  size_t nload_props;
  const char *const *paths; /* DATA INFILE paths, LOCATIONS, ON LOCATION */
  size_t npaths;
  const char *broker;      /* a named broker, or NULL (broker-less) */
  const char *volume_type; /* storage volume TYPE; NULL means "S3" */
  unsigned flags;          /* PC_PROPS_* */
  pc_pos pos;              /* where the statement is (optional) */
} pc_prop_input;

enum {
  PC_PROPS_WRITES = 1u << 0,   /* FILES(): INSERT INTO FILES (a write) */
  PC_PROPS_SAME_FILE = 1u << 1 /* add the statement to the last file checked
                                  when it has the same name (several maps
                                  from one input file) */
};

/* Resolves a property map through the same parser and resolver as SQL (the
   map is written as the statement it describes, then checked) and records
   the result as a file named `name` with one statement.  Findings are
   placed at the positions given in the input (or at in->pos) and ordered by
   their offset, so give offsets with positions.  Findings of maps carry no
   fix (the message still names the right key).  An empty map is what an
   empty SQL list is: a syntax error.  FILES() and FILE tables take "path"
   and "format" in props, as in SQL.  The input is not retained. */
PC_API pc_status pc_check_props(pc_ctx *ctx, const char *name,
                                const pc_prop_input *in);

/* Checks property maps written in JSON (propcheck --props), read from a
   file named path (copied; NULL means "<input>").  The text need not be
   NUL-terminated and is not retained.  Two shapes:
     {"type": "hive", "aws.s3.region": "us-west-2", ...}
       one external catalog: every value a string;
     [{"kind": "broker_load", "properties": {...}, "load_properties": {...},
       "paths": ["s3://..."], "broker": "name", "volume_type": "S3",
       "writes": true}, ...]
       one statement per object, as pc_prop_input describes it ("kind" as
       pc_stmt_kind_name spells it, create_external_catalog when absent);
       an object without "properties" is a catalog's map.
   Every map goes through pc_check_props and becomes a statement of one
   file named path, with its findings at the key or value in the text (the
   statement at its '{').  An empty array is a file with no statement.
   Returns PC_OK; PC_EINVAL when ctx is NULL or has a file open, or when
   the text is not JSON (RFC 8259, UTF-8; a byte order mark is skipped) or
   a map is malformed: each such problem is an "io-error" finding, as
   pc_file_error records, placed by line:column in its message, and the
   other maps are still checked; PC_ENOMEM. */
PC_API pc_status pc_check_props_json(pc_ctx *ctx, const char *path,
                                     const char *text, size_t len);

/* Records a file-level error that happened outside the library (for example
   "cannot open: No such file or directory") as a file with one finding of rule
   "io-error", so every output format reports it in place. */
PC_API pc_status pc_file_error(pc_ctx *ctx, const char *path,
                               const char *message);

/* ---- Reading results (all pointers borrowed from ctx) ---- */
typedef struct pc_file pc_file;
typedef struct pc_stmt pc_stmt;

PC_API size_t pc_file_count(const pc_ctx *ctx);
PC_API const pc_file *pc_file_at(const pc_ctx *ctx, size_t i);

PC_API const char *pc_file_path(const pc_file *f);
PC_API size_t pc_file_stmt_count(const pc_file *f);
PC_API const pc_stmt *pc_file_stmt_at(const pc_file *f, size_t i);
/* Findings that belong to no resolved statement: lexical problems ('#',
   unterminated literals) in statements propcheck does not resolve, stray
   expectations, unused disable-file comments, oversize statements, I/O
   errors.  Syntax errors of resolved statements are on the statement. */
PC_API size_t pc_file_finding_count(const pc_file *f);
PC_API const pc_finding *pc_file_finding_at(const pc_file *f, size_t i);

PC_API pc_stmt_kind pc_stmt_kind_of(const pc_stmt *s);
PC_API pc_pos pc_stmt_pos(const pc_stmt *s);
/* Fills *out and returns 1 when the statement uses svc; returns 0 (and sets
 *out to mode none) when it does not. */
PC_API int pc_stmt_service(const pc_stmt *s, pc_service svc, pc_auth *out);
PC_API size_t pc_stmt_finding_count(const pc_stmt *s);
PC_API const pc_finding *pc_stmt_finding_at(const pc_stmt *s, size_t i);

/* ---- Expectations (-- expect: ... comments before a statement) ----
   -- expect: s3=assumed_role(base=instance_profile) glue=iam_user
   -- expect-error: RULE      -- expect-warning: RULE      -- expect-note: RULE
   -- expect-no-findings
   A statement with at least one expectation is fully specified: every
   finding it has must be expected (propcheck --verify). */
typedef enum pc_expect_kind {
  PC_EXPECT_MODES = 0, /* services[] and auth[] */
  PC_EXPECT_FINDING,   /* rule and severity */
  PC_EXPECT_NO_FINDINGS,
  PC_EXPECT_INVALID /* the comment could not be read: see error */
} pc_expect_kind;

typedef struct pc_expect {
  pc_expect_kind kind;
  pc_pos pos;           /* the comment */
  const char *rule;     /* PC_EXPECT_FINDING */
  pc_severity severity; /* PC_EXPECT_FINDING */
  unsigned services;    /* PC_EXPECT_MODES: bit (1 << svc) per service
                           named; auth[svc] holds its mode and base */
  pc_auth auth[PC_SVC_COUNT];
  const char *error; /* PC_EXPECT_INVALID: what is wrong */
} pc_expect;

PC_API size_t pc_stmt_expect_count(const pc_stmt *s);
PC_API const pc_expect *pc_stmt_expect_at(const pc_stmt *s, size_t i);

/* ---- IAM policies (with PC_OPT_POLICIES) ----
   For each credential a statement uses: the least-privilege identity policy
   it needs, and for an assumed role the role's trust policy and the
   permission its base principal needs to assume it.  Documents are IAM JSON,
   owned by the context. */
typedef struct pc_policy {
  pc_service service;    /* the credential's service */
  const char *principal; /* who needs it, e.g. "role arn:aws:iam::...",
                            "the instance profile of the StarRocks nodes" */
  const char *role_arn;  /* the assumed role, or NULL */
  const char *identity;  /* identity policy document */
  const char *trust;     /* trust policy of role_arn, or NULL */
  const char *assume;    /* policy the base principal needs for
                            sts:AssumeRole on role_arn, or NULL */
} pc_policy;

PC_API size_t pc_stmt_policy_count(const pc_stmt *s);
PC_API const pc_policy *pc_stmt_policy_at(const pc_stmt *s, size_t i);

/* A set of identity policies (IAM JSON), read once and then shared, read
   only, by every context that checks against it, on any thread (as
   tree-sitter shares a TSLanguage).  pc_policies_new returns NULL when out
   of memory; the set is freed with pc_policies_free, after every context
   that uses it is freed or reset with no statement of it left to read. */
typedef struct pc_policies pc_policies;
PC_API pc_policies *pc_policies_new(void);
PC_API void pc_policies_free(pc_policies *p);
/* Reads one document named path into p (the text is not retained).
   Problems in it are findings of a file named path, made at the rules'
   default levels and reported by pc_ctx_report_policies; a document IAM
   would reject grants nothing.  Not while a context uses p on another
   thread.  PC_ENOMEM is sticky, as for contexts. */
PC_API pc_status pc_policies_add(pc_policies *p, const char *path,
                                 const char *json, size_t len);
/* Every statement ctx checks from now on (until pc_ctx_free; pc_ctx_reset
   keeps them) is evaluated against p's documents as well: a permission a
   statement needs and the policies do not grant is a finding on the
   statement.  p is borrowed.  PC_EINVAL while a file is open. */
PC_API pc_status pc_ctx_use_policies(pc_ctx *ctx, const pc_policies *p);
/* Adds to ctx's results one file per document of p, with its findings
   under ctx's rule levels.  PC_EINVAL while a file is open. */
PC_API pc_status pc_ctx_report_policies(pc_ctx *ctx, const pc_policies *p);
/* One context's own policy: pc_policies_add into a set the context owns,
   then pc_ctx_use_policies and pc_ctx_report_policies of that document.
   PC_EINVAL while a file is open. */
PC_API pc_status pc_ctx_add_policy(pc_ctx *ctx, const char *path,
                                   const char *json, size_t len);

/* Template variables (--var NAME=VALUE): every statement ctx checks from
   now on reads ${NAME} and {{ NAME }} (also {{ var('NAME') }} and
   {{ env_var('NAME') }}) in a property value as VALUE; positions stay those
   of the source.  A value with a variable left unfilled is unknown: it is
   not checked, and a mode it decides is PC_MODE_UNKNOWN.  name and value
   are copied; setting a name again replaces its value.  PC_EINVAL when an
   argument is NULL, name is empty, or a file is open; PC_ENOMEM. */
PC_API pc_status pc_ctx_set_var(pc_ctx *ctx, const char *name,
                                const char *value);
/* Forgets every variable pc_ctx_set_var set.  PC_EINVAL while a file is
   open. */
PC_API pc_status pc_ctx_reset_vars(pc_ctx *ctx);

/* Counts over every file in ctx; suppressed findings are counted apart and
   not in errors, warnings or notes. */
typedef struct pc_summary {
  size_t files;
  size_t statements; /* resolved statements */
  size_t errors;
  size_t warnings;
  size_t notes;
  size_t suppressed; /* findings silenced by -- propcheck: disable=... */
} pc_summary;
PC_API pc_summary pc_ctx_summary(const pc_ctx *ctx);

/* ---- Rendering ---- */
typedef enum pc_format {
  PC_FORMAT_TEXT = 0, /* GCC style: file:line:col: severity: message [rule],
                         the source line (secrets masked) and a caret */
  PC_FORMAT_JSON,     /* the JSON document described in README.md */
  PC_FORMAT_SARIF,    /* SARIF 2.1.0 for GitHub code scanning */
  PC_FORMAT_GITHUB,   /* GitHub workflow commands (::error file=...) */
  PC_FORMAT_GITLAB    /* GitLab Code Quality report (a JSON array) */
} pc_format;

/* "text", "json", "sarif", "github", "gitlab".  Static string. */
PC_API const char *pc_format_name(pc_format fmt);
PC_API int pc_format_from_name(const char *name);

/* Render flags (bit mask). */
enum {
  PC_RENDER_COLOR = 1u << 0,     /* ANSI colors in text */
  PC_RENDER_NO_SOURCE = 1u << 1, /* text: omit source line and caret */
  PC_RENDER_NO_SUMMARY = 1u << 2 /* text: omit the summary line */
};

/* Called with successive pieces of output; returns 0 on success, nonzero to
   stop rendering (pc_render then returns PC_EWRITE). */
typedef int (*pc_write_fn)(void *user, const char *data, size_t len);

/* Renders every file in ctx in the given format through write.  The text
   format needs the source to show lines: pass it through pc_check_buffer or
   the streaming calls; lines are captured as findings are made. */
PC_API pc_status pc_render(const pc_ctx *ctx, pc_format fmt, unsigned flags,
                           pc_write_fn write, void *user);

/* ---- Streaming output ----
   For input of any size: a stream writes results as statements complete
   and then hands them back, so the context holds only what is not written
   yet and memory stays bounded by the longest statement.

     pc_stream *out = pc_stream_new(PC_FORMAT_JSON, 0, write, user);
     pc_stream_head(out);
     pc_file_begin(ctx, path);
     while (...) { pc_file_feed(ctx, chunk, n); pc_stream_flush(out, ctx); }
     pc_file_end(ctx);
     pc_stream_flush(out, ctx);
     pc_summary sum = pc_ctx_summary(ctx);
     pc_stream_tail(out, &sum);
     pc_stream_free(out);

   The output is the same as pc_render's (files in the order checked,
   findings of a file in source order), except that the unused-suppression
   findings of disable-file comments come last in their file.  A stream used
   from several threads must be one per thread; parts: a stream on which
   neither pc_stream_head nor pc_stream_tail is called writes just the files'
   part of the document, and the parts of several streams (one per thread,
   say) make one document when written in order between one stream's head
   and tail, with pc_format_separator(fmt) between non-empty parts. */
typedef struct pc_stream pc_stream;

/* A new stream writing through write; NULL when out of memory or for an
   unknown format.  Free it with pc_stream_free. */
PC_API pc_stream *pc_stream_new(pc_format fmt, unsigned flags,
                                pc_write_fn write, void *user);
/* Writes the start of the document (nothing for text and GitHub). */
PC_API pc_status pc_stream_head(pc_stream *s);
/* Writes what ctx completed since the last flush, then forgets it: the
   files, statements and findings written are no longer in pc_file_at and
   friends (pc_ctx_summary still counts them).  A file being fed stays. */
PC_API pc_status pc_stream_flush(pc_stream *s, pc_ctx *ctx);
/* Ends the document: the totals (text: the summary line). */
PC_API pc_status pc_stream_tail(pc_stream *s, const pc_summary *sum);
PC_API void pc_stream_free(pc_stream *s);
/* What goes between two non-empty parts: "," for JSON and SARIF, "" for
   text and GitHub.  Static string. */
PC_API const char *pc_format_separator(pc_format fmt);


/* ---- The key table (what editors show: hover, completion) ----
   Every property key propcheck knows, as StarRocks (or Aurora, Databend)
   reads it.  Static data, read-only, shared by every thread. */
typedef struct pc_key_info {
  const char *name;    /* exact key, or a prefix when prefix is set */
  const char *service; /* "s3", "glue", "iceberg", "databend" or "other" */
  const char *type;    /* "string", "boolean", "integer", "number",
                          "region", "arn", "uri" or "path" */
  const char *default_value; /* what StarRocks assumes when it is absent, or
                                NULL when propcheck does not state one */
  const char *doc;           /* one line: what the key does */
  const char *mode;  /* the credential mode it selects or belongs to
                        (pc_mode_name), or NULL */
  const char *loses; /* what StarRocks does with it when another key wins,
                        or NULL */
  const char *replacement; /* legacy or overwritten: what StarRocks reads or
                              does instead, else NULL */
  unsigned kinds;          /* bit (1u << pc_stmt_kind) per statement kind
                              whose property lists read it */
  int secret;              /* the value is a credential (never echoed) */
  int prefix;              /* the name is a prefix of a family of keys */
  int rest_only;           /* only Iceberg REST catalogs read it */
  int legacy;              /* an old name StarRocks no longer reads */
  int load_property;       /* a LOAD ... PROPERTIES option (not of the
                              WITH BROKER list) */
} pc_key_info;

/* Number of keys, and key i (0 <= i < pc_key_count()) into *out: 0, or -1
   when i is out of range. */
PC_API size_t pc_key_count(void);
PC_API int pc_key_at(size_t i, pc_key_info *out);
/* The index of the key named exactly name (or of the longest prefix key it
   starts with), or -1. */
PC_API long pc_key_find(const char *name);
/* The closed set of values key i takes in a statement of the given kind
   (booleans, catalog and metastore types, formats), NULL-terminated, or
   NULL when its values are open.  Static data. */
PC_API const char *const *pc_key_values(size_t i, pc_stmt_kind kind);

/* AWS regions: the number known, and region i with its partition's name
   ("aws", "aws-cn", ...) in *partition (may be NULL); NULL out of range.
   pc_region_partition: the partition name of a region (known or fitting a
   partition's pattern), or NULL.  Static strings. */
PC_API size_t pc_region_count(void);
PC_API const char *pc_region_at(size_t i, const char **partition);
PC_API const char *pc_region_partition(const char *region);

#ifdef __cplusplus
}
#endif
#endif /* PROPCHECK_H */
