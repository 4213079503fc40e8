#!/usr/bin/env python3
"""lsp_test.py - `propcheck lsp` driven through scripted conversations.

    python3 test/lsp_test.py PROPCHECK            the protocol test
    python3 test/lsp_test.py --canary PROPCHECK SQL OUT
                                                  (test/canary.sh) every
                                                  request on SQL, all the
                                                  server wrote into OUT

The protocol test asserts each response: the lifecycle (requests before
initialize, shutdown, exit status 0 after shutdown and 1 without), bad
headers and bad JSON, unknown methods, diagnostics (ranges in UTF-16 code
units on lines with non-ASCII text, severities from .propcheck.json and
from the settings, rule docs, related keys), full and incremental
changes, suppressions, code actions, hover, completion, and hostile
documents (NULs, invalid UTF-8, a long line, deep nesting, CR line ends),
after which the server must still answer.
"""
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 20.0


class Server:
    """One `propcheck lsp` process and the messages it writes."""

    def __init__(self, binary, cwd=None):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, cwd=cwd)
        self.q = queue.Queue()
        self.raw = bytearray()
        self.err = bytearray()
        self.next_id = 1
        threading.Thread(target=self._reader, daemon=True).start()
        threading.Thread(target=self._stderr, daemon=True).start()

    def _stderr(self):
        for chunk in iter(lambda: self.p.stderr.read(4096), b""):
            self.err += chunk

    def _reader(self):
        out = self.p.stdout
        while True:
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    self.q.put(None)
                    return
                head += c
            self.raw += head
            n = None
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    n = int(line.split(b":")[1])
            body = out.read(n)
            self.raw += body
            self.q.put(json.loads(body))

    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method,
                   "params": params if params is not None else {}})

    def request(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method,
                   "params": params if params is not None else {}})
        return i

    def wait(self, pred, what, timeout=TIMEOUT):
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                fail("timed out waiting for " + what)
            try:
                m = self.q.get(timeout=left)
            except queue.Empty:
                fail("timed out waiting for " + what)
            if m is None:
                fail("the server ended while waiting for " + what)
            if pred(m):
                return m

    def response(self, i):
        return self.wait(lambda m: m.get("id") == i and "method" not in m,
                         "the response to request %s" % i)

    def call(self, method, params=None):
        return self.response(self.request(method, params))

    def diagnostics(self, uri, version=None):
        def ok(m):
            return (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") == version))
        return self.wait(ok, "diagnostics of %s v%s" % (uri, version))["params"]["diagnostics"]

    def quiet(self, seconds=0.3):
        """No message within seconds (an ignored notification)."""
        try:
            m = self.q.get(timeout=seconds)
        except queue.Empty:
            return
        if m is not None and m.get("method") != "window/logMessage":
            fail("unexpected message: %r" % (m,))

    def finish(self, timeout=10):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        return self.p.wait(timeout=timeout)


def fail(msg):
    print("lsp_test: FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def pos_of(text, needle, nth=0):
    """The LSP position of the nth occurrence of needle."""
    off = -1
    for _ in range(nth + 1):
        off = text.index(needle, off + 1)
    line = text.count("\n", 0, off)
    start = text.rfind("\n", 0, off) + 1
    return {"line": line, "character": u16(text[start:off])}


def initialize(s, options=None, root=None):
    params = {"processId": os.getpid(), "capabilities": {},
              "rootUri": "file://" + root if root else None}
    if options is not None:
        params["initializationOptions"] = options
    r = s.call("initialize", params)
    s.notify("initialized")
    return r


DOC = """-- café ☕ 𝄞
CREATE EXTERNAL CATALOG hive_c PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "glue",
  "aws.glue.use_instance_profile" = "true",
  "aws.glue.region" = "us-west-2", "aws.s3.regoin" = "us-west-2",
  "aws.s3.use_instance_profile" = "yes", /* 𝄞 é */ "aws.s3.iam_role_arn" = "arn:aws:iam::123456789012:role/r"
);
"""


def apply_edits(text, edits):
    """Applies TextEdits (UTF-16 positions) to text, last first."""
    lines = text.split("\n")

    def off(p):
        o = sum(len(l) + 1 for l in lines[:p["line"]])
        line = lines[p["line"]]
        units = 0
        for i, ch in enumerate(line):
            if units >= p["character"]:
                return o + i
            units += u16(ch)
        return o + len(line)
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                          e["range"]["start"]["character"]),
                    reverse=True):
        a, b = off(e["range"]["start"]), off(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


def test_lifecycle(binary, tmp):
    s = Server(binary, cwd=tmp)
    r = s.call("textDocument/hover", {})
    check(r.get("error", {}).get("code") == -32002,
          "a request before initialize: ServerNotInitialized, got %r" % r)
    r = initialize(s)
    caps = r["result"]["capabilities"]
    check(caps["textDocumentSync"]["change"] == 2, "incremental sync")
    check(caps["hoverProvider"] and "completionProvider" in caps and
          "codeActionProvider" in caps, "capabilities: %r" % caps)
    check(r["result"]["serverInfo"]["name"] == "propcheck", "serverInfo")
    r = s.call("initialize", {"capabilities": {}})
    check(r.get("error", {}).get("code") == -32600, "a second initialize")
    # bad input: each answered, none fatal
    s.send_raw(b"Content-Length: 5\r\n\r\n{bad}")
    r = s.wait(lambda m: "error" in m, "the answer to bad JSON")
    check(r["error"]["code"] == -32700 and r["id"] is None, "ParseError: %r" % r)
    s.send_raw(b"X-Nothing: 1\r\n\r\n")
    r = s.wait(lambda m: "error" in m, "the answer to a header part without Content-Length")
    check(r["error"]["code"] == -32700, "bad header: %r" % r)
    s.send_raw(b"Content-Length: many\r\n\r\n")
    r = s.wait(lambda m: "error" in m, "the answer to a bad Content-Length")
    check(r["error"]["code"] == -32700, "bad Content-Length: %r" % r)
    s.send([1, 2, 3])
    r = s.wait(lambda m: "error" in m, "the answer to a JSON array")
    check(r["error"]["code"] == -32600, "InvalidRequest: %r" % r)
    s.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})
    r = s.wait(lambda m: "error" in m, "the answer to an object id")
    check(r["error"]["code"] == -32600, "an object id: %r" % r)
    r = s.call("no/such/method")
    check(r["error"]["code"] == -32601, "MethodNotFound: %r" % r)
    s.notify("no/such/notification")
    s.notify("$/cancelRequest", {"id": 99})
    s.quiet()
    r = s.call("textDocument/hover", {"textDocument": {"uri": "file:///nope.sql"},
                                      "position": {"line": 0, "character": 0}})
    check(r["error"]["code"] == -32602, "InvalidParams: %r" % r)
    r = s.call("shutdown")
    check("result" in r and r["result"] is None, "shutdown: %r" % r)
    r = s.call("textDocument/hover", {})
    check(r["error"]["code"] == -32600, "a request after shutdown: %r" % r)
    s.notify("exit")
    check(s.finish() == 0, "exit after shutdown: status 0")
    s = Server(binary, cwd=tmp)
    initialize(s)
    s.notify("exit")
    check(s.finish() == 1, "exit without shutdown: status 1")
    s = Server(binary, cwd=tmp)
    initialize(s)
    check(s.finish() == 1, "end of input without shutdown: status 1")


def test_diagnostics(s, tmp):
    uri = "file://" + os.path.join(tmp, "proj", "a.sql")
    s.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": DOC}})
    diags = s.diagnostics(uri, 1)
    by = {d["code"]: d for d in diags}
    check(set(by) == {"unknown-key", "bool-read-as-false", "role-without-base"},
          "the rules: %r" % sorted(by))
    uk = by["unknown-key"]
    # the key's string, quotes included (as the command's columns say)
    check(uk["range"]["start"] == pos_of(DOC, '"aws.s3.regoin"'),
          "unknown-key starts at %r" % uk["range"])
    end = pos_of(DOC, '"aws.s3.regoin"')
    end["character"] += len('"aws.s3.regoin"')
    check(uk["range"]["end"] == end, "unknown-key ends at %r" % uk["range"])
    check(uk["source"] == "propcheck" and uk["severity"] == 2, "source, severity")
    check(uk["codeDescription"]["href"].endswith("docs/rules.md#unknown-key"),
          "href: %r" % uk["codeDescription"])
    rwb = by["role-without-base"]
    # after a 𝄞 (two UTF-16 units) and an é (one) on the same line
    check(rwb["range"]["start"] == pos_of(DOC, '"aws.s3.iam_role_arn"'),
          "UTF-16 column after non-ASCII text: %r vs %r" %
          (rwb["range"]["start"], pos_of(DOC, '"aws.s3.iam_role_arn"')))
    check(rwb["severity"] == 3, "role-without-base is a note by the settings")
    check(by["bool-read-as-false"]["severity"] == 1,
          "bool-read-as-false is an error by .propcheck.json")
    return uri, by


def test_related(s, tmp):
    uri = "file://" + os.path.join(tmp, "proj", "dup.sql")
    text = ('SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv",\n'
            '  "aws.s3.region" = "us-east-1", "aws.s3.region" = "us-west-2");\n')
    s.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": text}})
    diags = s.diagnostics(uri, 1)
    rel = [d for d in diags if d.get("relatedInformation")]
    check(rel, "a finding with a related key: %r" % diags)
    loc = rel[0]["relatedInformation"][0]["location"]
    check(loc["uri"] == uri and loc["range"]["start"] == pos_of(text, '"aws.s3.region"', 1),
          "relatedInformation points at the other key: %r" % loc)


def test_actions(s, uri, by):
    r = s.call("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": by["unknown-key"]["range"],
        "context": {"diagnostics": [by["unknown-key"]]}})
    acts = r["result"]
    fix = [a for a in acts if a["title"] == "rename to 'aws.s3.region'"]
    check(fix and fix[0].get("isPreferred") and fix[0]["kind"] == "quickfix",
          "the safe fix is a preferred quickfix: %r" % acts)
    edits = fix[0]["edit"]["changes"][uri]
    check(edits[0]["newText"] == "aws.s3.region", "the fix's edit")
    dis = [a for a in acts if a["title"] == "Disable unknown-key for this statement"]
    check(dis, "the disable action: %r" % [a["title"] for a in acts])
    new = dis[0]["edit"]["changes"][uri][0]
    check(new["newText"] == "-- propcheck: disable=unknown-key -- reason\n" and
          new["range"]["start"] == {"line": 1, "character": 0},
          "the disable comment goes before the statement: %r" % new)
    return edits, dis[0]["edit"]["changes"][uri]


def test_changes(s, uri, fix_edits, disable_edits):
    # incremental: the fix's edit, as the editor sends it
    e = fix_edits[0]
    s.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": e["range"], "text": e["newText"]}]})
    codes = {d["code"] for d in s.diagnostics(uri, 2)}
    check("unknown-key" not in codes and "bool-read-as-false" in codes,
          "after the fix: %r" % codes)
    text = apply_edits(DOC, fix_edits)
    # the disable comment, for bool-read-as-false this time
    r = s.call("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": pos_of(text, "yes"), "end": pos_of(text, "yes")},
        "context": {"diagnostics": []}})
    dis = [a for a in r["result"] if a["title"].startswith("Disable bool-read-as-false")]
    check(dis, "disable bool-read-as-false offered")
    d = dis[0]["edit"]["changes"][uri][0]
    s.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": d["range"], "text": d["newText"]}]})
    codes = {x["code"] for x in s.diagnostics(uri, 3)}
    check("bool-read-as-false" not in codes and "role-without-base" in codes,
          "the disable comment suppresses: %r" % codes)
    # a full change
    s.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 4},
        "contentChanges": [{"text": "SELECT 1;\n"}]})
    check(s.diagnostics(uri, 4) == [], "a full change replaces the text")
    s.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    check(s.diagnostics(uri) == [], "didSave re-checks")


def hover_text(s, uri, pos):
    r = s.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
    res = r["result"]
    return res["contents"]["value"] if res else None


def test_hover(s, tmp):
    uri = "file://" + os.path.join(tmp, "proj", "h.sql")
    text = DOC.replace('"aws.s3.use_instance_profile" = "yes"',
                       '"aws.s3.use_instance_profile" = "true"')
    s.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": text}})
    s.diagnostics(uri, 1)
    p = pos_of(text, "use_instance_profile", 1)
    h = hover_text(s, uri, p)
    check(h and "**aws.s3.use_instance_profile**" in h and "service: s3" in h
          and "mode: instance_profile" in h and "default: false" in h
          and "when it loses: ignored when use_aws_sdk_default_behavior" in h,
          "hover on a key: %r" % h)
    h = hover_text(s, uri, pos_of(text, "EXTERNAL"))
    check(h and "s3: assumed_role (base: instance_profile)" in h and
          "glue: instance_profile" in h, "hover on a statement: %r" % h)
    h = hover_text(s, uri, pos_of(text, "café"))
    check(h is None, "hover outside statements: %r" % h)


def complete(s, uri, text, marker):
    """Completion at marker (removed from the text first)."""
    at = text.index(marker)
    body = text.replace(marker, "")
    s.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 100},
        "contentChanges": [{"text": body}]})
    r = s.call("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": pos_of(text, marker)})
    del at
    return [i["label"] for i in r["result"]["items"]], r["result"]["items"]


def test_completion(s, tmp):
    uri = "file://" + os.path.join(tmp, "proj", "c.sql")
    s.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": ""}})
    hive = 'CREATE EXTERNAL CATALOG c PROPERTIES ("type" = "hive", "hive.metastore.type" = "hive", "aws.s3.|")'
    labels, items = complete(s, uri, hive, "|")
    check("aws.s3.region" in labels and "aws.glue.region" not in labels and
          "iceberg.catalog.type" not in labels and "timeout" not in labels,
          "keys of a Hive-metastore catalog: %r" % labels[:20])
    it = [i for i in items if i["label"] == "aws.s3.region"][0]
    check(it["textEdit"]["newText"] == "aws.s3.region" and
          "documentation" in it, "a key item: %r" % it)
    glue = hive.replace('"hive.metastore.type" = "hive"', '"hive.metastore.type" = "glue"')
    labels, _ = complete(s, uri, glue, "|")
    check("aws.glue.region" in labels, "glue keys with a glue metastore")
    labels, _ = complete(s, uri, 'CREATE EXTERNAL CATALOG c PROPERTIES ("type" = "|")', "|")
    check("hive" in labels and "iceberg" in labels, "catalog types: %r" % labels)
    labels, _ = complete(s, uri, 'SELECT * FROM FILES("path" = "s3://b/x", "aws.s3.use_instance_profile" = "|")', "|")
    check(labels == ["true", "false"], "a boolean's values: %r" % labels)
    labels, _ = complete(s, uri, 'SELECT * FROM FILES("path" = "s3://b/x", "format" = "|")', "|")
    check("csv" in labels and "parquet" in labels, "FILES() formats: %r" % labels)
    labels, _ = complete(s, uri, 'SELECT * FROM FILES("path" = "s3://b/x", "aws.s3.region" = "|")', "|")
    check("us-east-1" in labels and "cn-north-1" not in labels, "aws regions")
    labels, _ = complete(s, uri, 'SELECT * FROM FILES("aws.s3.sts.region" = "cn-north-1", "aws.s3.region" = "|")', "|")
    check("cn-northwest-1" in labels and "us-east-1" not in labels,
          "the partition of the statement's regions: %r" % labels)
    labels, _ = complete(s, uri, 'SELECT * FROM FILES("aws.s3.secret_key" = "|")', "|")
    check(labels == [], "no values for a secret key")
    labels, _ = complete(s, uri, 'LOAD LABEL db.l (DATA INFILE("s3://b/x") INTO TABLE t) WITH BROKER ("|") PROPERTIES ("timeout" = "1")', "|")
    check("aws.s3.region" in labels and "timeout" not in labels, "a broker list")
    labels, _ = complete(s, uri, 'LOAD LABEL db.l (DATA INFILE("s3://b/x") INTO TABLE t) WITH BROKER ("aws.s3.region" = "us-east-1") PROPERTIES ("|")', "|")
    check("timeout" in labels and "aws.s3.region" not in labels, "load properties")
    labels, items = complete(s, uri, 'SELECT * FROM FILES("path" = "s3://b/x", |)', "|")
    check("aws.s3.region" in labels, "a key where a key can start")
    it = [i for i in items if i["label"] == "aws.s3.region"][0]
    check(it["textEdit"]["newText"] == '"aws.s3.region" = ', "an unquoted key's edit")
    labels, _ = complete(s, uri, 'CREATE EXTERNAL TABLE t (c INT, |) ENGINE = file', "|")
    check(labels == [], "no keys in a column list: %r" % labels[:5])


def test_hostile(s, tmp):
    cases = {
        "nul": 'SELECT * FROM FILES("path" = "s3://b/\x00x", "aws.s3.use_instance_profile" = "1");\n',
        "utf8": 'SELECT * FROM FILES("path" = "s3://b/\udcff\udcfe", "aws.s3.use_instance_profile" = "1");\n',
        "long": "SELECT '" + "x" * 2000000 + "';\n",
        "deep": "SELECT " + "(" * 100000 + ";\n",
        "cr": 'SELECT * FROM FILES("path" = "s3://b/x",\r"aws.s3.use_instance_profile" = "1");\r',
        "unterminated": 'SELECT * FROM FILES("path" = "s3://b/x", "aws.s3.region" = "us',
        "bom": '\ufeffSELECT * FROM FILES("path" = "s3://b/x", "aws.s3.use_instance_profile" = "1");\n',
    }
    for name, text in cases.items():
        uri = "file://" + os.path.join(tmp, "proj", "hostile-%s.sql" % name)
        s.send_raw(b"")
        body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                           "params": {"textDocument": {"uri": uri, "languageId": "sql",
                                                       "version": 1, "text": text}}},
                          ensure_ascii=False).encode("utf-8", "surrogateescape")
        s.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        s.diagnostics(uri, 1)
        # out-of-range, reversed and malformed edits must not break it
        for ch in ({"range": {"start": {"line": 99, "character": 0},
                              "end": {"line": 99, "character": 5}}, "text": "x"},
                   {"range": {"start": {"line": 0, "character": 9},
                              "end": {"line": 0, "character": 1}}, "text": "x"},
                   {"range": {"start": {"line": -1, "character": 0}}, "text": "x"},
                   {"text": 5}):
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                "contentChanges": [ch]})
        for pos in ({"line": 0, "character": 3}, {"line": 0, "character": 10**6},
                    {"line": 10**6, "character": 0}):
            for m in ("textDocument/hover", "textDocument/completion"):
                r = s.call(m, {"textDocument": {"uri": uri}, "position": pos})
                check("result" in r, "%s on %s: %r" % (m, name, r))
        r = s.call("textDocument/codeAction", {"textDocument": {"uri": uri},
                                               "range": {"start": {"line": 0, "character": 0},
                                                         "end": {"line": 10**6, "character": 0}},
                                               "context": {"diagnostics": []}})
        check("result" in r, "codeAction on %s" % name)
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        check(s.diagnostics(uri) == [], "didClose clears the diagnostics")


def test_policies(binary, tmp):
    """policies and fail-on from the settings; bare didChangeConfiguration."""
    pol = os.path.join(tmp, "p.json")
    with open(pol, "w") as f:
        json.dump({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"}]}, f)
    s = Server(binary, cwd=tmp)
    initialize(s, {"policies": ["p.json"], "fail-on": "error"}, root=tmp)
    uri = "file://" + os.path.join(tmp, "q.sql")
    text = ('SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv",\n'
            '  "aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-east-1",\n'
            '  "aws.s3.enable_ssl" = "yes");\n')
    s.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": text}})
    by = {d["code"]: d for d in s.diagnostics(uri, 1)}
    check(by["missing-permission"]["severity"] == 1, "missing-permission is an error")
    check(by["bool-read-as-false"]["severity"] == 4,
          "below fail-on: a hint: %r" % by["bool-read-as-false"])
    h = hover_text(s, uri, pos_of(text, "FILES"))
    check(h and "IAM policies (1 file)" in h and "s3:GetObject" in h and
          "missing-permission" in h, "hover with policies: %r" % h)
    with open(pol, "w") as f:
        json.dump({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}, f)
    s.notify("workspace/didChangeConfiguration", {"settings": {"policies": ["p.json"]}})
    by = {d["code"]: d for d in s.diagnostics(uri)}
    check("missing-permission" not in by and by["bool-read-as-false"]["severity"] == 2,
          "new settings replace the old: %r" % sorted(by))
    h = hover_text(s, uri, pos_of(text, "FILES"))
    check(h and "they grant everything it needs" in h, "hover, policies granting: %r" % h)
    s.notify("workspace/didChangeConfiguration",
             {"settings": {"rules": {"no-such-rule": "off"}, "colour": 1}})
    logs = [s.wait(lambda m: m.get("method") == "window/logMessage", "a log")
            for _ in range(2)]
    check("no-such-rule" in logs[0]["params"]["message"] and
          "colour" in logs[1]["params"]["message"], "bad settings are logged: %r" % logs)
    s.call("shutdown")
    s.notify("exit")
    check(s.finish() == 0, "exit status 0")


def protocol_test(binary):
    binary = os.path.abspath(binary)
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "proj"))
        with open(os.path.join(tmp, "proj", ".propcheck.json"), "w") as f:
            json.dump({"rules": {"bool-read-as-false": "error"}}, f)
        test_lifecycle(binary, tmp)
        test_policies(binary, tmp)
        s = Server(binary, cwd=tmp)
        initialize(s, {"rules": {"role-without-base": "note"}}, root=tmp)
        uri, by = test_diagnostics(s, tmp)
        test_related(s, tmp)
        fix_edits, disable_edits = test_actions(s, uri, by)
        test_changes(s, uri, fix_edits, disable_edits)
        test_hover(s, tmp)
        test_completion(s, tmp)
        # settings change: the rule turned off re-checks open documents
        s.notify("workspace/didChangeConfiguration",
                 {"settings": {"propcheck": {"rules": {"unknown-key": "off"}}}})
        d = s.diagnostics("file://" + os.path.join(tmp, "proj", "h.sql"))
        check("unknown-key" not in {x["code"] for x in d}, "didChangeConfiguration")
        test_hostile(s, tmp)
        check(s.call("shutdown").get("result", 1) is None, "shutdown at the end")
        s.notify("exit")
        check(s.finish() == 0, "exit status 0")
    print("lsp_test: OK")


def canary_run(binary, sql, out):
    """Every request over the canary file; all output into out."""
    binary = os.path.abspath(binary)
    text = open(sql, encoding="utf-8", errors="surrogateescape").read()
    path = os.path.abspath(sql)  # next to canary.sh's .propcheck.json
    tmp = os.path.dirname(path)
    s = Server(binary, cwd=tmp)
    # the secret-bearing file as a policy: its errors must not quote it
    initialize(s, {"policies": [path], "rules": {"no-such-rule": "off"}}, root=tmp)
    uri = "file://" + path
    s.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "sql", "version": 1, "text": text}})
    s.diagnostics(uri, 1)
    lines = text.split("\n")
    n = 0
    # at each canary (test/canary.sh's shape): hover and completion in
    # the value, hover on the key before it, completion after its '='
    canary = re.compile(r"(?:[A-Z][0-9][g-z][0-9]){6}")
    for ln, line in enumerate(lines):
        for m in canary.finditer(line):
            eq = line.rfind("=", 0, m.start())
            key = max(line.rfind('"', 0, eq), line.rfind("'", 0, eq)) - 1
            for i, methods in ((m.start() + 2, ("hover", "completion")),
                               (key - 2, ("hover",)),
                               (eq + 1, ("completion",))):
                if i < 0:
                    continue
                pos = {"line": ln, "character": u16(line[:i])}
                for meth in methods:
                    s.request("textDocument/" + meth,
                              {"textDocument": {"uri": uri}, "position": pos})
                    n += 1
    s.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 0, "character": 0},
                  "end": {"line": len(lines), "character": 0}},
        "context": {"diagnostics": []}})
    last = s.request("shutdown")
    s.response(last)
    s.notify("exit")
    st = s.finish(timeout=120)
    with open(out, "wb") as f:
        f.write(bytes(s.raw))
        f.write(bytes(s.err))
    check(st == 0, "canary: exit status %d" % st)
    print("lsp_test: canary: %d requests answered" % n)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--canary":
        canary_run(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 2:
        protocol_test(sys.argv[1])
    else:
        sys.exit(__doc__)
