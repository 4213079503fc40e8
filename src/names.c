/*
 * names.c - the names of the public enums, the lookups from a name back to
 * its value, and what kinds of statement have in common (KindTrait).  Every
 * table has one row per enum value, in the enum's order (designated
 * initializers say which).
 */
#include <string.h>

#include "pc_internal.h"

const char *pc_version(void) { return PROPCHECK_VERSION; }

static const char *const status_names[] = {[PC_OK] = "ok",
                                           [PC_ENOMEM] = "out of memory",
                                           [PC_EINVAL] = "invalid argument",
                                           [PC_EWRITE] = "write failed"};

static const char *const severity_names[] = {[PC_SEV_NOTE] = "note",
                                             [PC_SEV_WARNING] = "warning",
                                             [PC_SEV_ERROR] = "error"};

static const struct {
  const char *name;
  unsigned traits;
} kinds[PC_STMT_KIND_COUNT] = {
    [PC_STMT_CREATE_EXTERNAL_CATALOG] = {"create_external_catalog", KT_CATALOG},
    [PC_STMT_ALTER_CATALOG] = {"alter_catalog", KT_CATALOG | KT_ALTER},
    [PC_STMT_CREATE_EXTERNAL_TABLE] = {"create_external_table", 0},
    [PC_STMT_BROKER_LOAD] = {"broker_load", 0},
    [PC_STMT_FILES] = {"files", 0},
    [PC_STMT_CREATE_STORAGE_VOLUME] = {"create_storage_volume", KT_VOLUME},
    [PC_STMT_ALTER_STORAGE_VOLUME] = {"alter_storage_volume",
                                      KT_VOLUME | KT_ALTER},
    [PC_STMT_CREATE_REPOSITORY] = {"create_repository", 0},
    [PC_STMT_AURORA_LOAD_DATA] = {"aurora_load_data", KT_AURORA},
    [PC_STMT_AURORA_LOAD_XML] = {"aurora_load_xml", KT_AURORA},
    [PC_STMT_AURORA_SELECT_INTO_OUTFILE] = {"aurora_select_into_outfile",
                                            KT_AURORA},
    [PC_STMT_DATABEND_CREATE_CONNECTION] = {"databend_create_connection",
                                            KT_DATABEND},
    [PC_STMT_DATABEND_CREATE_STAGE] = {"databend_create_stage", KT_DATABEND},
    [PC_STMT_EXPORT] = {"export", 0},
    [PC_STMT_SELECT_INTO_OUTFILE] = {"select_into_outfile", 0},
    [PC_STMT_BACKUP] = {"backup", KT_NO_PROPS},
    [PC_STMT_RESTORE] = {"restore", KT_NO_PROPS},
    [PC_STMT_CLUSTER_SNAPSHOT] = {"admin_set_automated_cluster_snapshot",
                                  KT_NO_PROPS}};

static const char *const service_names[PC_SVC_COUNT] = {
    [PC_SVC_S3] = "s3", [PC_SVC_GLUE] = "glue", [PC_SVC_REST] = "rest"};

static const char *const mode_names[PC_MODE_COUNT] = {
    [PC_MODE_NONE] = "none",
    [PC_MODE_INSTANCE_PROFILE] = "instance_profile",
    [PC_MODE_ASSUMED_ROLE] = "assumed_role",
    [PC_MODE_IAM_USER] = "iam_user",
    [PC_MODE_SDK_DEFAULT] = "sdk_default",
    [PC_MODE_WEB_IDENTITY] = "web_identity",
    [PC_MODE_SIGV4] = "sigv4",
    [PC_MODE_OAUTH2] = "oauth2",
    [PC_MODE_JWT] = "jwt",
    [PC_MODE_CLUSTER_ROLE] = "cluster_role",
    [PC_MODE_ANONYMOUS] = "anonymous",
    [PC_MODE_BASIC] = "basic",
    [PC_MODE_UNKNOWN] = "unknown"};

static const char *const level_names[] = {[PC_LEVEL_DEFAULT] = "default",
                                          [PC_LEVEL_OFF] = "off",
                                          [PC_LEVEL_NOTE] = "note",
                                          [PC_LEVEL_WARNING] = "warning",
                                          [PC_LEVEL_ERROR] = "error"};

static const char *const format_names[] = {[PC_FORMAT_TEXT] = "text",
                                           [PC_FORMAT_JSON] = "json",
                                           [PC_FORMAT_SARIF] = "sarif",
                                           [PC_FORMAT_GITHUB] = "github",
                                           [PC_FORMAT_GITLAB] = "gitlab"};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* names[v], or dflt when v is out of range (or a hole of the table). */
static const char *name_of(const char *const *names, size_t n, unsigned v,
                           const char *dflt) {
  return v < n && names[v] ? names[v] : dflt;
}

int names_lookup(const char *const *names, size_t n, const char *s,
                 size_t len) {
  for (size_t i = 0; i < n; i++)
    if (names[i] && strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
      return (int)i;
  return -1;
}

static int lookup(const char *const *names, size_t n, const char *s) {
  return s ? names_lookup(names, n, s, strlen(s)) : -1;
}

const char *pc_status_str(pc_status st) {
  return name_of(status_names, COUNT(status_names), st, "unknown status");
}

const char *pc_severity_name(pc_severity sev) {
  return name_of(severity_names, COUNT(severity_names), sev, "unknown");
}

int pc_severity_from_name(const char *name) {
  return lookup(severity_names, COUNT(severity_names), name);
}

const char *pc_stmt_kind_name(pc_stmt_kind kind) {
  return (unsigned)kind < PC_STMT_KIND_COUNT ? kinds[kind].name : "unknown";
}

int pc_stmt_kind_from_name(const char *name) {
  for (size_t i = 0; name && i < PC_STMT_KIND_COUNT; i++)
    if (strcmp(kinds[i].name, name) == 0)
      return (int)i;
  return -1;
}

int names_kind_has(pc_stmt_kind kind, unsigned trait) {
  return (unsigned)kind < PC_STMT_KIND_COUNT && (kinds[kind].traits & trait);
}

const char *pc_service_name(pc_service svc) {
  return name_of(service_names, PC_SVC_COUNT, svc, "unknown");
}

int pc_service_from_name(const char *name) {
  return lookup(service_names, PC_SVC_COUNT, name);
}

int names_service(const char *s, size_t len) {
  return names_lookup(service_names, PC_SVC_COUNT, s, len);
}

const char *pc_mode_name(pc_mode mode) {
  return name_of(mode_names, PC_MODE_COUNT, mode, "unknown");
}

int pc_mode_from_name(const char *name) {
  return lookup(mode_names, PC_MODE_COUNT, name);
}

int names_mode(const char *s, size_t len) {
  return names_lookup(mode_names, PC_MODE_COUNT, s, len);
}

const char *pc_level_name(pc_level level) {
  return name_of(level_names, COUNT(level_names), level, "unknown");
}

int pc_level_from_name(const char *name) {
  return lookup(level_names, COUNT(level_names), name);
}

const char *pc_format_name(pc_format fmt) {
  return name_of(format_names, COUNT(format_names), fmt, "unknown");
}

int pc_format_from_name(const char *name) {
  return lookup(format_names, COUNT(format_names), name);
}
