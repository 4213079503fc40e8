/*
 * names.c - the names of the public enums, and what kinds of statement
 * have in common (KindTrait).  Data only: every table has one row per enum
 * value, in the enum's order.
 */
#include "pc_internal.h"

const char *pc_version(void) { return PROPCHECK_VERSION; }

const char *pc_status_str(pc_status st) {
  switch (st) {
  case PC_OK:
    return "ok";
  case PC_ENOMEM:
    return "out of memory";
  case PC_EINVAL:
    return "invalid argument";
  case PC_EWRITE:
    return "write failed";
  }
  return "unknown status";
}

const char *pc_severity_name(pc_severity sev) {
  switch (sev) {
  case PC_SEV_NOTE:
    return "note";
  case PC_SEV_WARNING:
    return "warning";
  case PC_SEV_ERROR:
    return "error";
  }
  return "unknown";
}

/* ORDER pc_stmt_kind: each kind's name and traits (KindTrait). */
static const struct {
  const char *name;
  unsigned traits;
} kinds[PC_STMT_KIND_COUNT] = {{"create_external_catalog", KT_CATALOG},
                               {"alter_catalog", KT_CATALOG | KT_ALTER},
                               {"create_external_table", 0},
                               {"broker_load", 0},
                               {"files", 0},
                               {"create_storage_volume", KT_VOLUME},
                               {"alter_storage_volume", KT_VOLUME | KT_ALTER},
                               {"create_repository", 0},
                               {"aurora_load_data", KT_AURORA},
                               {"aurora_load_xml", KT_AURORA},
                               {"aurora_select_into_outfile", KT_AURORA},
                               {"databend_create_connection", KT_DATABEND},
                               {"databend_create_stage", KT_DATABEND}};

const char *pc_stmt_kind_name(pc_stmt_kind kind) {
  return (unsigned)kind < PC_STMT_KIND_COUNT ? kinds[kind].name : "unknown";
}

int kind_has(pc_stmt_kind kind, unsigned trait) {
  return (unsigned)kind < PC_STMT_KIND_COUNT && (kinds[kind].traits & trait);
}

/* ORDER pc_service */
static const char *const service_names[PC_SVC_COUNT] = {"s3", "glue", "rest"};

const char *pc_service_name(pc_service svc) {
  return (unsigned)svc < PC_SVC_COUNT ? service_names[svc] : "unknown";
}

/* ORDER pc_mode */
static const char *const mode_names[PC_MODE_COUNT] = {
    "none",        "instance_profile", "assumed_role", "iam_user",
    "sdk_default", "web_identity",     "sigv4",        "oauth2",
    "jwt",         "cluster_role",     "anonymous"};

const char *pc_mode_name(pc_mode mode) {
  return (unsigned)mode < PC_MODE_COUNT ? mode_names[mode] : "unknown";
}
