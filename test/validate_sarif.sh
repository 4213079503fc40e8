#!/bin/sh
# validate_sarif.sh PROPCHECK
#
# Validates propcheck's SARIF with Microsoft's SARIF validator and GitHub's
# ingestion rules (`sarif-multitool validate --rule-kind "Sarif;Gh"`), run
# through npx.  The documents, all checked in one validator run:
#   all.sarif    every fixtures/**/*.sql in one propcheck call (files with a
#                "-- args:" first line are checked again below, with them)
#   argsN.sarif  each fixture with a "-- args: ..." first line, with its args
#   edge.sarif   an unreadable file (io-error: a location without a region),
#                standard input, and a path with a space and a leading ./
# Fails when the validator reports any error (its exit status is 0 even
# then, so its output is read: "FILE(l,c): error CODE: ...").  Warnings are
# shown, not counted as failures.  Without npx: "sarif: skipped (npx not
# available)" and exit 0; likewise when npx cannot run the validator (for
# example, no network to fetch it).  Run from the top of the tree.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
pkg=${SARIF_MULTITOOL:-@microsoft/sarif-multitool}

if ! command -v npx >/dev/null 2>&1; then
  echo "sarif: skipped (npx not available)"
  exit 0
fi
[ -x "$bin" ] || { echo "sarif: FAIL: $bin is not executable"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/propcheck-sarif.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
top=$(pwd)
fail=0
bad() { echo "sarif: FAIL: $*"; fail=1; }

# propcheck exits 0 or 1 (findings); 2 is expected only for edge.sarif.
run() { # OUT EXPECTED_MAX_STATUS ARGS...
  out=$1 max=$2
  shift 2
  "$bin" --format=sarif "$@" >"$tmp/$out" 2>"$tmp/$out.err"
  st=$?
  what="propcheck --format=sarif $1${2:+ $2}${3:+ ...} ($out)"
  [ "$st" -le "$max" ] || bad "$what exited $st: $(head -c 300 "$tmp/$out.err")"
  [ -s "$tmp/$out" ] || bad "$what wrote no SARIF"
}

# 1. Every fixture at once (file names have no blanks: see run_fixtures.sh).
files=$(find fixtures -name '*.sql' | LC_ALL=C sort)
[ -n "$files" ] || bad "no fixtures found (run from the top of the tree)"
# shellcheck disable=SC2086
run all.sarif 1 $files

# 2. Fixtures that need their own options.
n=0
for sql in $files; do
  args=$(sed -n '1s/^-- args: //p' "$sql")
  [ -n "$args" ] || continue
  n=$((n + 1))
  # shellcheck disable=SC2086
  run "args$n.sarif" 1 $args "$sql"
done

# 3. An unreadable file, standard input, and an awkward path.
mkdir -p "$tmp/in/a dir"
cp fixtures/examples/demo.sql "$tmp/in/a dir/demo copy.sql"
(cd "$tmp/in" &&
  "$bin" --format=sarif --no-config "./a dir/demo copy.sql" \
    "no such file.sql" - <"$top/fixtures/examples/demo.sql" \
    >"$tmp/edge.sarif" 2>"$tmp/edge.err")
st=$?
[ "$st" = 2 ] || bad "edge case run exited $st (expected 2 for the unreadable file)"
grep -q '"uri":[[:space:]]*"a%20dir/demo%20copy.sql"' "$tmp/edge.sarif" ||
  bad "edge.sarif: the path with spaces is not a relative URI"
grep -q '"uri":[[:space:]]*"stdin"' "$tmp/edge.sarif" || bad "edge.sarif: no stdin result"
grep -q '"ruleId":[[:space:]]*"io-error"' "$tmp/edge.sarif" || bad "edge.sarif: no io-error"

[ $fail = 0 ] || exit 1

# The validator (one run for every document).  Its npm wrapper hands the
# arguments to a shell, hence the inner quotes around "Sarif;Gh"; the file
# names are relative and plain for the same reason.
docs=$(cd "$tmp" && ls ./*.sarif | sed 's|^\./||')
# shellcheck disable=SC2086
(cd "$tmp" && npx -y "$pkg" validate --rule-kind '"Sarif;Gh"' $docs) \
  >"$tmp/validate.out" 2>&1
vst=$?
ndocs=$(echo "$docs" | wc -w)
if ! grep -q "files\{0,1\} scanned" "$tmp/validate.out"; then
  if grep -qE ': error [A-Z]+[0-9]+' "$tmp/validate.out"; then
    cat "$tmp/validate.out"
    echo "sarif: FAIL: the validator reported errors"
    exit 1
  fi
  echo "sarif: skipped (npx could not run $pkg, status $vst):"
  grep -v 'npm warn' "$tmp/validate.out" | sed -n '1,5s/^/  /p'
  exit 0
fi
errors=$(grep -cE '(: error [A-Z]+[0-9]*|^SARIF\.MULTITOOL : error)' "$tmp/validate.out")
warnings=$(grep -cE ': warning [A-Z]+[0-9]+' "$tmp/validate.out")
scanned=$(sed -n 's/^Done\. \([0-9]*\) files\{0,1\} scanned.*/\1/p' "$tmp/validate.out")
if [ "$errors" != 0 ] || [ "$scanned" != "$ndocs" ]; then
  grep -v 'npm warn' "$tmp/validate.out"
  echo "sarif: FAIL: $errors validator error(s); $scanned of $ndocs documents scanned"
  exit 1
fi
if [ "$warnings" != 0 ]; then
  grep -E ': warning [A-Z]+[0-9]+' "$tmp/validate.out" | sed 's|^.*/propcheck-sarif\.[^/]*/||'
fi
results=$(cat "$tmp"/*.sarif | grep -c '"ruleId"')
echo "sarif: $ndocs documents, $results results: valid (SARIF 2.1.0 + GitHub rules, 0 errors, $warnings warnings)"
exit 0
