#!/bin/sh
# check_policies.sh PROPCHECK [--update]
#
# Golden IAM policies: for every fixtures/policies/NAME.sql, the output of
#   propcheck --emit-policy --format=json NAME.sql
# (run from the top of the tree) must equal NAME.policies.json.  Each
# statement's "policies" array holds, per credential, the identity policy,
# and for an assumed role its trust policy and the base principal's
# sts:AssumeRole permission.  No secret value of a fixture may appear in
# the output, and every document must be IAM JSON (Version 2012-10-17, a
# Statement array).  --update rewrites the .policies.json files.
set -u
bin=${1:?usage: check_policies.sh PROPCHECK [--update]}
update=${2:-}
fail=0
n=0
tmp=${TMPDIR:-/tmp}/propcheck-policies.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

bad() { printf 'FAIL: %s\n' "$*"; fail=1; }

# Values of secret keys (StarRocks quoted keys, Databend bare options).
secret_keys='aws\.(s3|glue)\.(access_key|secret_key|session_token|external_id)|iceberg\.catalog\.(oauth2\.credential|oauth2\.token|credential|token|rest\.access-key-id|rest\.secret-access-key|rest\.session-token|client\.assume-role\.external-id)|fs\.s3a\.(access\.key|secret\.key|session\.token)'
databend_keys='access_key_id|secret_access_key|aws_key_id|aws_secret_key|session_token|aws_token|security_token|external_id|aws_external_id|master_key'
secrets_of() {
  { grep -oiE "[\"'](${secret_keys})[\"'][[:space:]]*=[[:space:]]*[\"'][^\"']{4,}[\"']" "$1"
    grep -oiE "\b(${databend_keys})[[:space:]]*=[[:space:]]*[\"'][^\"']{4,}[\"']" "$1"; } 2>/dev/null |
    sed -E "s/^.*=[[:space:]]*[\"']//; s/[\"']\$//"
}

for sql in $(find fixtures/policies -name '*.sql' | LC_ALL=C sort); do
  n=$((n + 1))
  want=${sql%.sql}.policies.json
  "$bin" --emit-policy --format=json --no-config "$sql" >"$tmp/out.json" 2>"$tmp/err.txt"
  code=$?
  [ "$code" -le 1 ] || bad "$sql: exit status $code"
  [ -s "$tmp/err.txt" ] && bad "$sql: wrote to stderr: $(head -c 200 "$tmp/err.txt")"
  grep -q '"policies"' "$tmp/out.json" || bad "$sql: no policies in the output"
  if [ "$update" = "--update" ]; then
    cp "$tmp/out.json" "$want"
  elif [ -f "$want" ]; then
    diff -u "$want" "$tmp/out.json" >"$tmp/diff" || { bad "$sql: policies differ"; cat "$tmp/diff"; }
  else
    bad "$sql: no $want (run with --update to create it)"
  fi
  secrets_of "$sql" | while IFS= read -r s; do
    [ -n "$s" ] || continue
    if grep -qF -- "$s" "$tmp/out.json"; then
      printf 'FAIL: %s: a secret value appears in the policies\n' "$sql"
      echo leak >"$tmp/leak"
    fi
  done
  [ -f "$tmp/leak" ] && { fail=1; rm -f "$tmp/leak"; }
  # Every document is IAM JSON: Version and a non-empty Statement array.
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/out.json" <<'PY' || bad "$sql: a document is not IAM JSON"
import json, sys
doc = json.load(open(sys.argv[1]))
ok = True
for f in doc["files"]:
    for s in f["statements"]:
        for p in s.get("policies", []):
            for k in ("identity", "trust", "assume"):
                d = p.get(k)
                if d is None:
                    continue
                st = d.get("Statement")
                if d.get("Version") != "2012-10-17" or not isinstance(st, list) or not st:
                    ok = False
                sids = [x["Sid"] for x in st if "Sid" in x]
                if len(sids) != len(set(sids)):
                    ok = False
sys.exit(0 if ok else 1)
PY
  fi
done
if [ "$fail" = 0 ]; then printf 'policies: %s files passed\n' "$n"; else printf 'policies: FAILED\n'; fi
exit "$fail"
