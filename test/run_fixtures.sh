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
nfix=0
tmp=${TMPDIR:-/tmp}/propcheck-fixtures.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

say() { printf '%s\n' "$*"; }
bad() { say "FAIL: $*"; fail=1; }

# Values of secret keys, one per line (single or double quoted, any case).
secret_keys='aws\.(s3|glue)\.(access_key|secret_key|session_token|external_id|sse\.customer_key)|iceberg\.catalog\.(oauth2\.credential|oauth2\.token|credential|token|rest\.access-key-id|rest\.secret-access-key|rest\.session-token|s3\.access-key-id|s3\.secret-access-key|jdbc\.password)|aws\.hive\.metastore\.glue\.aws-(access|secret)-key|fs\.s3a\.(access\.key|secret\.key|session\.token)|fs\.(oss\.accessKeySecret|cosn\.userinfo\.secretKey|ks3\.AccessSecret|tos\.secret\.key)|aws\.s3\.secret_ky'
databend_keys='access_key_id|secret_access_key|aws_key_id|aws_secret_key|session_token|aws_token|security_token|external_id|aws_external_id|master_key'
secrets_of() {
  { grep -oiE "[\"'](${secret_keys})[\"'][[:space:]]*=[[:space:]]*[\"'][^\"']{4,}[\"']" "$1"
    grep -oiE "\b(${databend_keys})[[:space:]]*=[[:space:]]*[\"'][^\"']{4,}[\"']" "$1"; } 2>/dev/null |
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
    case $sql in fixtures/seeds/*|fixtures/statements/*|fixtures/templates/*) cp "$tmp/out.json" "$base.json" ;; esac
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

# --fix round trip: for every fixture with a safe fix, fix a copy; each
# finding that was fixed is gone when the copy is re-checked, the copy has
# the same lines, and only lines that held a fix changed.
for sql in $(grep -l '"fix":' $(find fixtures -name '*.json') 2>/dev/null | sed 's/\.json$/.sql/'; \
             for e in $(find fixtures -name '*.sql'); do "$bin" --format=json --no-config "$e" 2>/dev/null | grep -q '"fix":' && echo "$e"; done | sort -u); do
  [ -f "$sql" ] || continue
  copy="$tmp/fix/$(basename "$sql")"
  mkdir -p "$tmp/fix"
  cp "$sql" "$copy"
  "$bin" --fix --no-config --format=json "$copy" >/dev/null 2>"$tmp/fixed.txt"
  grep -o '^[^ ]*:[0-9]*:[0-9]*: fixed: .*\[[a-z0-9-]*\]$' "$tmp/fixed.txt" >"$tmp/fixed.lines"
  [ -s "$tmp/fixed.lines" ] || { bad "$sql: --fix fixed nothing"; continue; }
  "$bin" --no-config --no-source --color=never "$copy" >"$tmp/after.txt" 2>&1
  while IFS= read -r line; do
    pos=$(printf '%s' "$line" | sed -E 's/^[^:]*:([0-9]+:[0-9]+): .*\[([a-z0-9-]+)\]$/\1 \2/')
    lc=${pos% *}; rule=${pos#* }
    grep -q ":$lc: .*\[$rule\]\$" "$tmp/after.txt" && bad "$sql: --fix left [$rule] at $lc"
  done <"$tmp/fixed.lines"
  [ "$(wc -l <"$sql")" = "$(wc -l <"$copy")" ] || bad "$sql: --fix changed the number of lines"
  changed=$(diff "$sql" "$copy" | grep -c '^>')
  fixedlines=$(sed -E 's/^[^:]*:([0-9]+):.*/\1/' "$tmp/fixed.lines" | sort -u | wc -l)
  [ "$changed" -le "$fixedlines" ] || bad "$sql: --fix changed $changed lines for fixes on $fixedlines"
  nfix=$((nfix + 1))
done

# Property maps in JSON (--props): golden text output.
for json in $(find fixtures -name '*.json' -path '*/props/*' | LC_ALL=C sort); do
  n=$((n + 1))
  base=${json%.json}
  "$bin" --props --color=never "$json" >"$tmp/out.txt" 2>"$tmp/err.txt"
  printf 'exit: %s\n' "$?" >>"$tmp/out.txt"
  [ -s "$tmp/err.txt" ] && bad "$json: wrote to stderr"
  [ "$update" = "--update" ] && cp "$tmp/out.txt" "$base.expected"
  diff -u "$base.expected" "$tmp/out.txt" >"$tmp/diff" || { bad "$json: output differs"; cat "$tmp/diff"; }
done

# Expectations (--verify): the annotated fixtures hold, and wrong
# annotations are all caught, with positions.
"$bin" --verify fixtures/verify/*.sql fixtures/rules/stray-expectation.ok.sql >"$tmp/verify.txt" 2>&1 ||
  { bad "--verify fixtures/verify: expectations not met"; cat "$tmp/verify.txt"; }
"$bin" --verify test/verify/failures.sql >"$tmp/verify.txt" 2>&1
[ $? = 1 ] || bad "--verify test/verify/failures.sql: exit status is not 1"
[ "$update" = "--update" ] && cp "$tmp/verify.txt" test/verify/failures.expected
diff -u test/verify/failures.expected "$tmp/verify.txt" >"$tmp/diff" || { bad "--verify failures differ"; cat "$tmp/diff"; }

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

# Command-line controls, end to end.
expect_exit() { # WANT DESCRIPTION COMMAND...
  want=$1; what=$2; shift 2
  "$@" >"$tmp/cli.txt" 2>&1
  got=$?
  [ "$got" = "$want" ] || bad "$what: exit $got, want $want"
}
demo=fixtures/examples/demo.sql         # 1 error, warnings
warn=fixtures/rules/default-region.sql  # warnings only
note=fixtures/rules/named-broker.sql    # notes only
expect_exit 1 "default fail-on" "$bin" "$warn"
expect_exit 0 "--fail-on=error with warnings" "$bin" --fail-on=error "$warn"
expect_exit 1 "--fail-on=error with an error" "$bin" --fail-on=error "$demo"
expect_exit 0 "--fail-on=never" "$bin" --fail-on=never "$demo"
expect_exit 0 "notes do not fail by default" "$bin" "$note"
expect_exit 1 "--fail-on=note" "$bin" --fail-on=note "$note"
expect_exit 0 "--disable" "$bin" --disable=default-region "$warn"
expect_exit 1 "--rule=RULE=error" "$bin" --fail-on=error --rule=default-region=error "$warn"
expect_exit 2 "--rule with a bad level" "$bin" --rule=default-region=loud "$warn"
expect_exit 2 "--disable with an unknown rule" "$bin" --disable=no-such-rule "$warn"
expect_exit 2 "unknown option" "$bin" --frobnicate "$warn"
expect_exit 0 "--explain" "$bin" --explain ignored-credential
grep -q '^Wrong:' "$tmp/cli.txt" || bad "--explain shows no example"
expect_exit 2 "--explain of an unknown rule" "$bin" --explain no-such-rule
expect_exit 1 "options override the configuration" "$bin" --fail-on=warning fixtures/config/010-project-config.sql
expect_exit 0 "--no-config" "$bin" --no-config --disable=default-region,unknown-key fixtures/config/010-project-config.sql
# A broken configuration is reported in place, with exit status 2.
mkdir -p "$tmp/cfg"
printf '{"rules": {"default-region": "loud"}}' >"$tmp/cfg/.propcheck.json"
cp "$warn" "$tmp/cfg/x.sql"
expect_exit 2 "bad configuration" "$bin" "$tmp/cfg/x.sql"
grep -q 'not checked: configuration .*default-region' "$tmp/cli.txt" || bad "bad configuration: not reported"
# Each file gets its own directory's configuration, in one run of files
# from several directories (the search is made once per directory and
# shared by the -j workers): a/ turns default-region off, b/ has none,
# cfg/ is broken.
mkdir -p "$tmp/a" "$tmp/b"
printf '{"rules": {"default-region": "off"}}' >"$tmp/a/.propcheck.json"
for f in a/x a/y b/x a/z cfg/y; do cp "$warn" "$tmp/$f.sql"; done
for j in 1 4; do
  "$bin" --format=json -j$j "$tmp/a/x.sql" "$tmp/b/x.sql" "$tmp/a/y.sql" \
    "$tmp/cfg/y.sql" "$tmp/a/z.sql" >"$tmp/dirs-j$j.json" 2>&1
  for f in a/x a/y a/z b/x cfg/y; do
    # the file's record: from its path to the next file's
    rec=$(awk -v p="\"$tmp/$f.sql\"" 'index($0, p) { on = 1; next }
                                     on && /"path":/ { exit } on' "$tmp/dirs-j$j.json")
    case $f in
    a/*) want_dr=no want_nc=no ;;
    b/*) want_dr=yes want_nc=no ;;
    *) want_dr=no want_nc=yes ;;
    esac
    printf '%s' "$rec" | grep -q '"default-region"' && got_dr=yes || got_dr=no
    printf '%s' "$rec" | grep -q 'not checked: configuration' && got_nc=yes || got_nc=no
    [ "$got_dr" = "$want_dr" ] && [ "$got_nc" = "$want_nc" ] ||
      bad "configuration per directory (-j$j): $f: default-region $got_dr, not checked $got_nc"
  done
done
cmp -s "$tmp/dirs-j1.json" "$tmp/dirs-j4.json" || bad "configuration per directory: -j1 and -j4 differ"
# A file of 4 MiB or more is read and split on a spare thread of -j: the
# same results as the same bytes from standard input (read and checked on
# one);
# also with a statement size limit, whose findings come through the batches.
: >"$tmp/big.sql"
while [ "$(wc -c <"$tmp/big.sql")" -lt 4500000 ]; do
  cat "$demo" "$demo" "$demo" "$demo" "$demo" "$demo" "$demo" "$demo" >>"$tmp/big.sql"
done
for way in json text json:--max-statement-bytes=300; do
  fmt=${way%%:*} limit=${way#"$fmt"}; limit=${limit#:}
  "$bin" --no-config -j2 --format=$fmt $limit "$tmp/big.sql" 2>&1 | sed "s|$tmp/big.sql|<stdin>|" >"$tmp/big-file.$fmt"
  "$bin" --no-config --format=$fmt $limit - <"$tmp/big.sql" >"$tmp/big-stdin.$fmt" 2>&1
  cmp -s "$tmp/big-file.$fmt" "$tmp/big-stdin.$fmt" || bad "split ahead ($way): a big file and the same bytes from stdin differ"
  case $limit in ?*) grep -q statement-too-large "$tmp/big-file.$fmt" || bad "split ahead ($way): no statement-too-large" ;; esac
done
grep -q '"statements"' "$tmp/big-file.json" || bad "split ahead: no output"
# Many files on several threads: the output is the same, byte for byte,
# whatever -j is, in every format.  Two big files among the small ones
# write in several pieces, so that a part waits in pieces behind the parts
# before it and a part at the head streams.
set -- fixtures/*/*.sql
cp "$tmp/big.sql" "$tmp/big2.sql"
many="$tmp/big.sql $* $tmp/big2.sql $demo"
for fmt in text json sarif github gitlab; do
  for j in 1 2 8; do
    # shellcheck disable=SC2086 # $many is a list of paths without spaces
    "$bin" --no-config -j$j --format=$fmt $many >"$tmp/many-j$j.$fmt" 2>&1
    echo "exit $?" >>"$tmp/many-j$j.$fmt"
  done
  grep -q 'big2.sql' "$tmp/many-j1.$fmt" || bad "many files ($fmt): the last big file is missing"
  for j in 2 8; do
    cmp -s "$tmp/many-j1.$fmt" "$tmp/many-j$j.$fmt" || bad "many files ($fmt): -j1 and -j$j differ"
  done
done
# ... and it is each file's own output, in the order given (the github
# format has no head or tail to take off).
: >"$tmp/each.github"
for f in $many; do
  "$bin" --no-config --format=github "$f" >>"$tmp/each.github" 2>&1
done
echo "exit 1" >>"$tmp/each.github"
cmp -s "$tmp/each.github" "$tmp/many-j1.github" || bad "many files: not each file's output in order"
# A failed write ends the run with status 2 and says why, on any -j.
if [ -w /dev/full ]; then
  for j in 1 4; do
    # shellcheck disable=SC2086
    "$bin" --no-config -j$j --format=json $many >/dev/full 2>"$tmp/full.txt"
    st=$?
    [ "$st" = 2 ] || bad "output to /dev/full (-j$j): exit $st, want 2"
    grep -q 'cannot write the output' "$tmp/full.txt" || bad "output to /dev/full (-j$j): not reported"
  done
fi
# docs/rules.md is generated from the rule table.
"$bin" --rules-markdown | diff -u docs/rules.md - >"$tmp/diff" || { bad "docs/rules.md is stale: run make docs"; head -20 "$tmp/diff"; }

[ "$nfix" -gt 0 ] || bad "no fixture exercises --fix"
if [ "$fail" = 0 ]; then say "fixtures: $n files passed, $nfix fixed round trips"; else say "fixtures: FAILED"; fi
exit "$fail"
