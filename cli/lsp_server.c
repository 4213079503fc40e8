/*
 * lsp_server.c - `propcheck lsp`: the loop, the lifecycle and the
 * dispatch of a Language Server Protocol 3.17 server.
 *
 * One thread.  The loop reads a message with a timeout: when one comes it
 * is handled at once (a request that needs results checks its document
 * first if it changed); when none comes within the debounce delay of the
 * last change, the changed documents are checked and their diagnostics
 * published.  So typing never waits for a check and a check never waits
 * for typing to be read.
 *
 * Lifecycle, as the specification says: before initialize, requests are
 * answered ServerNotInitialized and notifications dropped (but exit);
 * after shutdown, requests are InvalidRequest; exit ends the server with
 * status 0 after shutdown and 1 without.  Unknown requests are
 * MethodNotFound, unknown notifications ignored.  Bad JSON is ParseError,
 * JSON that is no request InvalidRequest; nothing a client sends stops
 * the server but exit or the end of its input.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp.h"

typedef struct Server {
  DocStore docs;
  LspSettings set;
  char *root;  /* the workspace's path (malloc'd), or NULL */
  int state;   /* 0 new, 1 initialized, 2 shut down */
  int exiting; /* exit received */
} Server;

typedef struct Req {
  Server *sv;
  const cJSON *params;
  int err; /* an error code to answer with, or 0 */
  const char *errmsg;
} Req;

static const cJSON *get(const cJSON *o, const char *k) {
  return cJSON_GetObjectItemCaseSensitive(o, k);
}
static const char *get_str(const cJSON *o, const char *k) {
  const cJSON *v = get(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static cJSON *bad_params(Req *r, const char *why) {
  r->err = LSP_INVALID_PARAMS;
  r->errmsg = why;
  return NULL;
}

/* ---- Settings: the keys of .propcheck.json, and policies and vars ---- */

static void settings_free(LspSettings *s) {
  for (size_t i = 0; i < s->nrules; i++)
    free(s->rule_ids[i]);
  free(s->rule_ids);
  free(s->levels);
  cJSON_Delete(s->vars);
  pc_policies_free(s->policies);
  memset(s, 0, sizeof *s);
}

static int settings_rules(LspSettings *s, const cJSON *rules) {
  size_t n = (size_t)cJSON_GetArraySize(rules);
  s->rule_ids = calloc(n ? n : 1, sizeof *s->rule_ids);
  s->levels = calloc(n ? n : 1, sizeof *s->levels);
  if (!s->rule_ids || !s->levels)
    return -1;
  for (const cJSON *r = rules->child; r; r = r->next) {
    pc_level lv;
    if (!pc_rule_find(r->string)) {
      lsp_log(2, "propcheck: settings: \"%s\" is not a propcheck rule",
              r->string);
      continue;
    }
    if (!cJSON_IsString(r) || config_level(r->valuestring, &lv) != 0) {
      lsp_log(2, "propcheck: settings: rule \"%s\": the level must be off, "
                 "note, warning or error", r->string);
      continue;
    }
    if (!(s->rule_ids[s->nrules] = strdup(r->string)))
      return -1;
    s->levels[s->nrules++] = lv;
  }
  return 0;
}

static int settings_policies(Server *sv, const cJSON *list) {
  LspSettings *s = &sv->set;
  if (!(s->policies = pc_policies_new()))
    return -1;
  for (const cJSON *p = list->child; p; p = p->next) {
    if (!cJSON_IsString(p))
      continue;
    char path[4200];
    snprintf(path, sizeof path, "%s%s%s",
             p->valuestring[0] != '/' && sv->root ? sv->root : "",
             p->valuestring[0] != '/' && sv->root ? "/" : "", p->valuestring);
    FILE *f = fopen(path, "rb");
    size_t len = 0;
    char *text = f ? read_fd(fileno(f), 1u << 24, &len) : NULL;
    if (f)
      fclose(f);
    if (!text) {
      lsp_log(1, "propcheck: settings: cannot read policy %s", path);
      continue;
    }
    pc_policies_add(s->policies, path, text, len);
    free(text);
    s->npolicy_files++;
  }
  return 0;
}

/* Reads settings (initializationOptions, or didChangeConfiguration's
   settings, either bare or under "propcheck"). */
static void settings_read(Server *sv, const cJSON *o) {
  settings_free(&sv->set);
  if (cJSON_IsObject(get(o, "propcheck")))
    o = get(o, "propcheck");
  if (!cJSON_IsObject(o))
    return;
  for (const cJSON *it = o->child; it; it = it->next) {
    int rc = 0;
    if (strcmp(it->string, "rules") == 0 && cJSON_IsObject(it))
      rc = settings_rules(&sv->set, it);
    else if (strcmp(it->string, "fail-on") == 0 && cJSON_IsString(it)) {
      if (config_fail_on(it->valuestring, &sv->set.fail_on) != 0)
        lsp_log(2, "propcheck: settings: \"fail-on\" must be error, "
                   "warning, note or never");
    } else if (strcmp(it->string, "vars") == 0 && cJSON_IsObject(it)) {
      rc = (sv->set.vars = cJSON_Duplicate(it, 1)) ? 0 : -1;
    } else if (strcmp(it->string, "policies") == 0 && cJSON_IsArray(it)) {
      rc = settings_policies(sv, it);
    } else {
      lsp_log(2, "propcheck: settings: unknown setting \"%s\" (known: "
                 "rules, fail-on, vars, policies)", it->string);
    }
    if (rc != 0)
      lsp_log(1, "propcheck: settings: out of memory");
  }
}

static void recheck_all(Server *sv) {
  for (Doc *d = sv->docs.head; d; d = d->next)
    diag_check(d, &sv->set);
}

/* ---- Requests ---- */

static cJSON *capabilities(void) {
  cJSON *c = cJSON_CreateObject();
  cJSON_AddStringToObject(c, "positionEncoding", "utf-16");
  cJSON *sync = cJSON_AddObjectToObject(c, "textDocumentSync");
  cJSON_AddBoolToObject(sync, "openClose", 1);
  cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
  cJSON *save = cJSON_AddObjectToObject(sync, "save");
  cJSON_AddBoolToObject(save, "includeText", 0);
  cJSON_AddBoolToObject(c, "hoverProvider", 1);
  cJSON *comp = cJSON_AddObjectToObject(c, "completionProvider");
  const char *triggers[] = {"\"", "'", ".", "("};
  cJSON_AddItemToObject(comp, "triggerCharacters",
                        cJSON_CreateStringArray(triggers, 4));
  cJSON *ca = cJSON_AddObjectToObject(c, "codeActionProvider");
  const char *kinds[] = {"quickfix"};
  cJSON_AddItemToObject(ca, "codeActionKinds",
                        cJSON_CreateStringArray(kinds, 1));
  return c;
}

static cJSON *on_initialize(Req *r) {
  Server *sv = r->sv;
  if (sv->state != 0) {
    r->err = LSP_INVALID_REQUEST;
    r->errmsg = "initialize was already received";
    return NULL;
  }
  const char *root = get_str(r->params, "rootUri");
  free(sv->root);
  sv->root = root ? doc_uri_path(root) : NULL;
  if (!sv->root && get_str(r->params, "rootPath"))
    sv->root = strdup(get_str(r->params, "rootPath"));
  settings_read(sv, get(r->params, "initializationOptions"));
  sv->state = 1;
  cJSON *res = cJSON_CreateObject();
  cJSON_AddItemToObject(res, "capabilities", capabilities());
  cJSON *info = cJSON_AddObjectToObject(res, "serverInfo");
  cJSON_AddStringToObject(info, "name", "propcheck");
  cJSON_AddStringToObject(info, "version", pc_version());
  return res;
}

static cJSON *on_shutdown(Req *r) {
  r->sv->state = 2;
  return cJSON_CreateNull();
}

/* The document and byte offset of a TextDocumentPositionParams. */
static Doc *doc_at(Req *r, size_t *at) {
  const cJSON *td = get(r->params, "textDocument");
  const char *uri = get_str(td, "uri");
  Doc *d = uri ? doc_find(&r->sv->docs, uri) : NULL;
  if (!d) {
    bad_params(r, uri ? "the document is not open" : "no textDocument.uri");
    return NULL;
  }
  if (at && doc_read_position(d, get(r->params, "position"), at) != 0) {
    bad_params(r, "no valid position");
    return NULL;
  }
  diag_fresh(d, &r->sv->set);
  return d;
}

static cJSON *on_hover(Req *r) {
  size_t at;
  Doc *d = doc_at(r, &at);
  if (!d)
    return NULL;
  cJSON *h = hover_at(d, at, &r->sv->set);
  return h ? h : cJSON_CreateNull();
}

static cJSON *on_completion(Req *r) {
  size_t at;
  Doc *d = doc_at(r, &at);
  return d ? complete_at(d, at) : NULL;
}

static cJSON *on_code_action(Req *r) {
  Doc *d = doc_at(r, NULL);
  if (!d)
    return NULL;
  cJSON *a = actions_for(d, r->params);
  return a ? a : bad_params(r, "no valid range");
}

/* ---- Notifications ---- */

static void on_initialized(Req *r) { (void)r; }
static void on_exit_note(Req *r) { r->sv->exiting = 1; }
static void on_ignored(Req *r) { (void)r; }

static void on_did_open(Req *r) {
  const cJSON *td = get(r->params, "textDocument");
  const char *uri = get_str(td, "uri"), *text = get_str(td, "text");
  const cJSON *ver = get(td, "version");
  if (!uri || !text) {
    lsp_log(2, "propcheck: didOpen without textDocument.uri and text");
    return;
  }
  Doc *d = doc_open(&r->sv->docs, uri, text, strlen(text),
                    cJSON_IsNumber(ver) ? (long)ver->valuedouble : 0);
  if (!d)
    lsp_log(1, "propcheck: out of memory opening a document");
  else
    diag_check(d, &r->sv->set);
}

static int apply_change(Doc *d, const cJSON *ch) {
  const char *text = get_str(ch, "text");
  const cJSON *range = get(ch, "range");
  if (!text)
    return -1;
  if (!range)
    return doc_replace_all(d, text, strlen(text));
  size_t a, b;
  if (doc_read_position(d, get(range, "start"), &a) != 0 ||
      doc_read_position(d, get(range, "end"), &b) != 0)
    return -1;
  return b < a ? -1 : doc_splice(d, a, b, text, strlen(text));
}

static void on_did_change(Req *r) {
  const cJSON *td = get(r->params, "textDocument");
  const char *uri = get_str(td, "uri");
  Doc *d = uri ? doc_find(&r->sv->docs, uri) : NULL;
  const cJSON *changes = get(r->params, "contentChanges");
  if (!d || !cJSON_IsArray(changes)) {
    lsp_log(2, "propcheck: didChange for a document that is not open");
    return;
  }
  for (const cJSON *ch = changes->child; ch; ch = ch->next)
    if (apply_change(d, ch) != 0)
      lsp_log(2, "propcheck: a change that does not fit %s", d->uri);
  const cJSON *ver = get(td, "version");
  if (cJSON_IsNumber(ver))
    d->version = (long)ver->valuedouble;
  d->dirty = 1;
}

static void on_did_save(Req *r) {
  const char *uri = get_str(get(r->params, "textDocument"), "uri");
  size_t n = uri ? strlen(uri) : 0;
  static const char cfg[] = "/.propcheck.json";
  if (n >= sizeof cfg - 1 && strcmp(uri + n - (sizeof cfg - 1), cfg) == 0) {
    recheck_all(r->sv); /* a project's configuration changed */
    return;
  }
  Doc *d = uri ? doc_find(&r->sv->docs, uri) : NULL;
  if (d)
    diag_check(d, &r->sv->set);
}

static void on_did_close(Req *r) {
  const char *uri = get_str(get(r->params, "textDocument"), "uri");
  if (!uri || !doc_find(&r->sv->docs, uri))
    return;
  doc_close(&r->sv->docs, uri);
  cJSON *p = cJSON_CreateObject();
  cJSON_AddStringToObject(p, "uri", uri);
  cJSON_AddItemToObject(p, "diagnostics", cJSON_CreateArray());
  lsp_notify("textDocument/publishDiagnostics", p);
}

static void on_did_change_configuration(Req *r) {
  settings_read(r->sv, get(r->params, "settings"));
  recheck_all(r->sv);
}

/* ---- Dispatch ---- */

static const struct {
  const char *method;
  cJSON *(*fn)(Req *r);
} requests[] = {
    {"initialize", on_initialize},
    {"shutdown", on_shutdown},
    {"textDocument/hover", on_hover},
    {"textDocument/completion", on_completion},
    {"textDocument/codeAction", on_code_action},
};

static const struct {
  const char *method;
  void (*fn)(Req *r);
} notifications[] = {
    {"initialized", on_initialized},
    {"exit", on_exit_note},
    {"textDocument/didOpen", on_did_open},
    {"textDocument/didChange", on_did_change},
    {"textDocument/didSave", on_did_save},
    {"textDocument/didClose", on_did_close},
    {"workspace/didChangeConfiguration", on_did_change_configuration},
    /* requests are answered as they come, so there is never one to
       cancel: the notification needs nothing */
    {"$/cancelRequest", on_ignored},
    {"$/setTrace", on_ignored},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void handle_request(Server *sv, const cJSON *id, const char *method,
                           const cJSON *params) {
  if (sv->state == 0 && strcmp(method, "initialize") != 0) {
    lsp_error(id, LSP_SERVER_NOT_INITIALIZED, "initialize first");
    return;
  }
  if (sv->state == 2) {
    lsp_error(id, LSP_INVALID_REQUEST, "the server was shut down");
    return;
  }
  for (size_t i = 0; i < COUNT(requests); i++) {
    if (strcmp(requests[i].method, method) != 0)
      continue;
    Req r = {sv, params, 0, NULL};
    cJSON *res = requests[i].fn(&r);
    if (r.err)
      lsp_error(id, r.err, r.errmsg);
    else if (!res)
      lsp_error(id, LSP_INTERNAL_ERROR, "out of memory");
    else
      lsp_reply(id, res);
    return;
  }
  char msg[160];
  snprintf(msg, sizeof msg, "no method '%.100s'", method);
  lsp_error(id, LSP_METHOD_NOT_FOUND, msg);
}

static void handle_notification(Server *sv, const char *method,
                                const cJSON *params) {
  if (sv->state == 0 && strcmp(method, "exit") != 0)
    return;
  for (size_t i = 0; i < COUNT(notifications); i++) {
    if (strcmp(notifications[i].method, method) == 0) {
      Req r = {sv, params, 0, NULL};
      notifications[i].fn(&r);
      return;
    }
  }
}

static void handle(Server *sv, const char *body, size_t n) {
  cJSON *msg = cJSON_ParseWithLength(body, n);
  if (!msg) {
    lsp_error(NULL, LSP_PARSE_ERROR, "the message is not JSON");
    return;
  }
  const cJSON *id = get(msg, "id");
  const char *method = get_str(msg, "method");
  int valid_id = id && (cJSON_IsNumber(id) || cJSON_IsString(id));
  if (!cJSON_IsObject(msg) || (id && !valid_id && !cJSON_IsNull(id)) ||
      (!method && !(id && (get(msg, "result") || get(msg, "error"))))) {
    lsp_error(valid_id ? id : NULL, LSP_INVALID_REQUEST,
              "not a JSON-RPC request or notification");
  } else if (method && valid_id) {
    handle_request(sv, id, method, get(msg, "params"));
  } else if (method) {
    handle_notification(sv, method, get(msg, "params"));
  } /* else: a response to a request we never send */
  cJSON_Delete(msg);
}

/* How long to wait for input before the next check is due (-1: none is). */
static int next_check(const Server *sv) {
  long long due = -1;
  for (const Doc *d = sv->docs.head; d; d = d->next)
    if (d->dirty && (due < 0 || d->changed + LSP_DEBOUNCE_MS < due))
      due = d->changed + LSP_DEBOUNCE_MS;
  if (due < 0)
    return -1;
  long long left = due - lsp_now_ms();
  return left < 0 ? 0 : (int)left;
}

/* Checks the documents whose delay has passed; while more messages wait
   (busy), only those that have waited long under a stream of them. */
static void check_due(Server *sv, int busy) {
  long long now = lsp_now_ms();
  for (Doc *d = sv->docs.head; d; d = d->next)
    if (d->dirty && d->changed + (busy ? 500 : LSP_DEBOUNCE_MS) <= now)
      diag_check(d, &sv->set);
}

int lsp_main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--stdio") == 0) /* what clients pass: the default */
      continue;
    fprintf(stderr, "usage: propcheck lsp [--stdio]\n"
                    "A language server on standard input and output; see "
                    "docs/editors.md.\n");
    return strcmp(argv[i], "--help") == 0 ? 0 : 2;
  }
  signal(SIGPIPE, SIG_IGN);
  Server sv = {0};
  LspIn in = {0};
  in.fd = 0;
  while (!sv.exiting) {
    char *body = NULL;
    size_t n = 0;
    const char *error = NULL;
    int st = lsp_read(&in, next_check(&sv), &body, &n, &error);
    if (st == LSP_READ_EOF)
      break;
    if (st == LSP_READ_MESSAGE) {
      handle(&sv, body, n);
      free(body);
    } else if (st == LSP_READ_BAD) {
      lsp_error(NULL, LSP_PARSE_ERROR, error);
    }
    check_due(&sv, lsp_pending(&in));
  }
  int status = sv.state == 2 ? 0 : 1;
  doc_store_free(&sv.docs);
  settings_free(&sv.set);
  free(sv.root);
  lsp_in_free(&in);
  return status;
}
