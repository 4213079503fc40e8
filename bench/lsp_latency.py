#!/usr/bin/env python3
"""lsp_latency.py PROPCHECK [LINES] [CHANGES] - how fast `propcheck lsp`
follows an edit (bench/run.sh, make bench).

Opens a generated SQL document of LINES lines (default 10,000: catalogs,
FILES() queries and loads, with findings in about half the statements),
then makes CHANGES incremental edits (default 41) in its middle, each
turning a finding on or off, as typing does: one didChange, and the clock
stops when the publishDiagnostics of that version arrives.  The time
includes the server's debounce (LSP_DEBOUNCE_MS), the check of the whole
document and writing its diagnostics, up to the first byte of the
publishDiagnostics message (parsed_median_ms: also the client's parse
of it, here Python's json).  Prints one line:

    lines=10000 bytes=... diagnostics=... changes=41 median_ms=... p90_ms=...
    max_ms=... parsed_median_ms=...
"""
import json
import os
import subprocess
import sys
import time


def document(lines):
    out, n, i = [], 0, 0
    while n < lines:
        i += 1
        if i % 3 == 0:
            stmt = ['CREATE EXTERNAL CATALOG c%d PROPERTIES (' % i,
                    '  "type" = "hive",',
                    '  "hive.metastore.type" = "glue",',
                    '  "aws.glue.use_instance_profile" = "%s",' % ("true" if i % 2 else "yes"),
                    '  "aws.glue.region" = "us-west-2",',
                    '  "aws.s3.use_instance_profile" = "true",',
                    '  "aws.s3.region" = "us-west-2"',
                    ');']
        elif i % 3 == 1:
            stmt = ['SELECT * FROM FILES(',
                    '  "path" = "s3://bucket/p%d/*.parquet",' % i,
                    '  "format" = "parquet",',
                    '  "aws.s3.use_instance_profile" = "true",',
                    '  "aws.s3.regoin" = "us-east-1"' if i % 2 else '  "aws.s3.region" = "us-east-1"',
                    ');']
        else:
            stmt = ['SELECT id, name, amount FROM orders WHERE id = %d;' % i,
                    '-- a comment between statements']
        out.extend(stmt)
        n += len(stmt)
    return "\n".join(out[:lines]) + "\n"


class Server:
    def __init__(self, binary):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        """The next message, and when its first byte arrived."""
        n, t = None, None
        while True:
            line = self.p.stdout.readline()
            t = t or time.perf_counter()
            if not line:
                sys.exit("lsp_latency: the server ended")
            if line == b"\r\n":
                break
            if line.lower().startswith(b"content-length:"):
                n = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(n)), t

    def diagnostics(self, version):
        while True:
            m, t = self.read()
            if (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"].get("version") == version):
                return m["params"]["diagnostics"], t


def main():
    binary = sys.argv[1]
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    changes = int(sys.argv[3]) if len(sys.argv) > 3 else 41
    text = document(lines)
    s = Server(binary)
    s.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": os.getpid(), "capabilities": {}, "rootUri": None}})
    s.read()
    s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    uri = "file:///bench/lsp_latency.sql"
    s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "sql",
                                        "version": 1, "text": text}}})
    ndiag = len(s.diagnostics(1)[0])
    # the edit: a boolean in the middle, "true" <-> "yes" (a finding)
    rows = text.split("\n")
    at = next(i for i in range(len(rows) // 2, len(rows))
              if '"aws.glue.use_instance_profile" = "true"' in rows[i])
    col = rows[at].index('"true"') + 1
    times, parsed, word = [], [], "true"
    for k in range(changes):
        new = "yes" if word == "true" else "true"
        change = {"range": {"start": {"line": at, "character": col},
                            "end": {"line": at, "character": col + len(word)}},
                  "text": new}
        t0 = time.perf_counter()
        s.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": k + 2},
                           "contentChanges": [change]}})
        _, t1 = s.diagnostics(k + 2)
        times.append((t1 - t0) * 1000)
        parsed.append((time.perf_counter() - t0) * 1000)
        word = new
    s.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    s.read()
    s.send({"jsonrpc": "2.0", "method": "exit", "params": None})
    s.p.wait(timeout=10)
    times.sort()
    parsed.sort()
    print("lines=%d bytes=%d diagnostics=%d changes=%d median_ms=%.1f p90_ms=%.1f "
          "max_ms=%.1f parsed_median_ms=%.1f"
          % (lines, len(text.encode()), ndiag, changes, times[len(times) // 2],
             times[int(len(times) * 0.9)], times[-1], parsed[len(parsed) // 2]))


if __name__ == "__main__":
    main()
