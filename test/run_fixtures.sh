#!/bin/sh
# run_fixtures.sh PROPCHECK [--update]
#
# Golden-file tests over fixtures/:
#   NAME.sql + NAME.expected   stdout of `propcheck --color=never NAME.sql`
#                              (run from the top of the tree), then "exit: N"
#   NAME.sql + NAME.json       stdout of `propcheck --format=json NAME.sql`
# Rule fixtures (fixtures/rules/):
#   RULE.sql                   must report at least one [RULE]
#   RULE.ok.sql                a close variant that must not report [RULE]
# Every rule in `propcheck --list-rules` needs both files.
# Secrets: no value of a secret key in any fixture may appear in any output.
# --update rewrites the .expected and .json files from the current output.
set -u
bin=$1
update=${2:-}
fail=0
n=0
tmp=${TMPDIR:-/tmp}/propcheck-fixtures.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

say() { printf '%s\n' "$*"; }
bad() { say "FAIL: $*"; fail=1; }

# Values of secret keys, one per line (single or double quoted, any case).
secret_keys='aws\.(s3|glue)\.(access_key|secret_key|session_token|external_id|sse\.customer_key)|iceberg\.catalog\.(oauth2\.credential|oauth2\.token|credential|token|rest\.access-key-id|rest\.secret-access-key|rest\.session-token|s3\.access-key-id|s3\.secret-access-key|jdbc\.password)|aws\.hive\.metastore\.glue\.aws-(access|secret)-key|fs\.s3a\.(access|secret)\.key|aws\.s3\.secret_ky'
secrets_of() {
  grep -oiE "[\"'](${secret_keys})[\"'][[:space:]]*=[[:space:]]*[\"'][^\"']{4,}[\"']" "$1" 2>/dev/null |
    sed -E "s/^.*=[[:space:]]*[\"']//; s/[\"']\$//"
}

for sql in $(find fixtures -name '*.sql' | LC_ALL=C sort); do
  n=$((n + 1))
  base=${sql%.sql}
  # A first line "-- args: ..." gives extra command-line options.
  args=$(sed -n '1s/^-- args: //p' "$sql")
  "$bin" --color=never $args "$sql" >"$tmp/out.txt" 2>"$tmp/err.txt"
  code=$?
  printf 'exit: %s\n' "$code" >>"$tmp/out.txt"
  "$bin" --format=json $args "$sql" >"$tmp/out.json" 2>>"$tmp/err.txt"
  if [ -s "$tmp/err.txt" ]; then bad "$sql: wrote to stderr: $(head -c 200 "$tmp/err.txt")"; fi
  if [ "$code" -gt 2 ]; then bad "$sql: exit status $code (crash?)"; fi
  if [ "$update" = "--update" ]; then
    cp "$tmp/out.txt" "$base.expected"
    case $sql in fixtures/seeds/*|fixtures/statements/*) cp "$tmp/out.json" "$base.json" ;; esac
  fi
  if [ -f "$base.expected" ]; then
    diff -u "$base.expected" "$tmp/out.txt" >"$tmp/diff" || { bad "$sql: text output differs"; cat "$tmp/diff"; }
  else
    bad "$sql: no $base.expected (run with --update to create it)"
  fi
  if [ -f "$base.json" ]; then
    diff -u "$base.json" "$tmp/out.json" >"$tmp/diff" || { bad "$sql: JSON output differs"; cat "$tmp/diff"; }
  fi
  # Rule fixtures.
  case $sql in
    fixtures/rules/*.ok.sql)
      rule=$(basename "$sql" .ok.sql)
      grep -q "\[$rule\]" "$tmp/out.txt" && bad "$sql: reports [$rule] but must not" ;;
    fixtures/rules/*.sql)
      rule=$(basename "$sql" .sql)
      grep -q "\[$rule\]" "$tmp/out.txt" || bad "$sql: does not report [$rule]" ;;
  esac
  # Secrets.
  secrets_of "$sql" | while IFS= read -r s; do
    [ -n "$s" ] || continue
    if grep -qF -- "$s" "$tmp/out.txt" "$tmp/out.json"; then
      echo "LEAK" >"$tmp/leak"
      say "FAIL: $sql: a secret value appears in the output"
    fi
  done
  [ -f "$tmp/leak" ] && { fail=1; rm -f "$tmp/leak"; }
done

# Every rule has a triggering and a non-triggering fixture.
# (io-error is checked below with a missing file.)
for rule in $("$bin" --list-rules | awk '$1 != "io-error" {print $1}'); do
  [ -f "fixtures/rules/$rule.sql" ] || bad "rule $rule has no fixtures/rules/$rule.sql"
  [ -f "fixtures/rules/$rule.ok.sql" ] || bad "rule $rule has no fixtures/rules/$rule.ok.sql"
done

# A missing file is reported, the other files are still checked, exit 2.
"$bin" --color=never fixtures/does-not-exist.sql fixtures/rules/syntax-error.ok.sql >"$tmp/out.txt" 2>&1
code=$?
[ "$code" = 2 ] || bad "missing file: exit $code, want 2"
grep -q 'does-not-exist.sql: error: cannot open.*\[io-error\]' "$tmp/out.txt" || bad "missing file: no io-error line"
"$bin" --color=never fixtures "$tmp/none.sql" >"$tmp/out.txt" 2>&1
[ $? = 2 ] && grep -q 'fixtures: error: cannot read: it is a directory' "$tmp/out.txt" || bad "directory: not reported"

if [ "$fail" = 0 ]; then say "fixtures: $n files passed"; else say "fixtures: FAILED"; fi
exit "$fail"
