#!/bin/sh
# validate_sarif.sh PROPCHECK
#
# Validates propcheck's SARIF with Microsoft's SARIF validator and GitHub's
# ingestion rules (`sarif-multitool validate --rule-kind "Sarif;Gh"`).  The
# validator is a pinned dev dependency: test/sarif/package.json and its
# package-lock.json, installed by `npm ci` into test/sarif/node_modules
# (done here when missing or older than the lockfile).  The documents, all checked in one validator
# run:
#   all.sarif    every fixtures/**/*.sql in one propcheck call (files with a
#                "-- args:" first line are checked again below, with them)
#   argsN.sarif  each fixture with a "-- args: ..." first line, with its args
#   edge.sarif   an unreadable file (io-error: a location without a region),
#                standard input, and a path with a space and a leading ./
# Fails when the validator reports any error (its exit status is 0 even
# then, so its output is read: "FILE(l,c): error CODE: ...").  Warnings are
# shown, not counted as failures.  Every document must also parse as JSON
# (python3).
#
# When the validator cannot be installed or run (no npm, no network): with
# CI=true that is a failure; elsewhere (a laptop without npm) the step is
# skipped with a loud message on stderr and exit 0.  SARIF_VALIDATE=0 only
# writes the documents and checks that they are JSON (the sanitizer builds:
# the validator judges the same bytes once, from the default build).  Run
# from the top of the tree.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
validate=${SARIF_VALIDATE:-1}
[ -x "$bin" ] || { echo "sarif: FAIL: $bin is not executable"; exit 1; }

# The validator could not be had: fatal in CI, loud elsewhere.
unavailable() {
  if [ "${CI:-}" = true ]; then
    echo "sarif: FAIL: the SARIF validator is unavailable ($*); CI=true requires it"
    exit 1
  fi
  {
    echo "************************************************************"
    echo "sarif: SKIPPED: the SARIF validator is unavailable ($*)."
    echo "sarif: the SARIF output was NOT validated.  Install nodejs and"
    echo "sarif: npm (CI does, and fails without them)."
    echo "************************************************************"
  } >&2
  exit 0
}

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
  case " $args" in # a report of another kind: not SARIF
  *" --verify"* | *" --format"*) continue ;;
  esac
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

docs=$(cd "$tmp" && ls ./*.sarif | sed 's|^\./||')
ndocs=$(echo "$docs" | wc -w)
# shellcheck disable=SC2086
(cd "$tmp" && python3 -c '
import json, sys
bad = 0
for name in sys.argv[1:]:
    try:
        json.load(open(name))
    except ValueError as e:
        print("sarif: FAIL: %s is not well-formed JSON: %s" % (name, e))
        bad = 1
sys.exit(bad)' $docs) || fail=1
[ $fail = 0 ] || exit 1
if [ "$validate" = 0 ]; then
  echo "sarif: $ndocs documents written, well-formed JSON (validator not run: SARIF_VALIDATE=0)"
  exit 0
fi

# The validator, from the lockfile.
sdir=$top/test/sarif
tool=$sdir/node_modules/.bin/sarif-multitool
# (again when the lockfile changed since: npm ci writes its copy of it)
if [ ! -x "$tool" ] || [ "$sdir/package-lock.json" -nt "$sdir/node_modules/.package-lock.json" ]; then
  command -v npm >/dev/null 2>&1 || unavailable "npm is not installed"
  echo "sarif: npm ci in test/sarif (the pinned validator)"
  (cd "$sdir" && npm ci --no-audit --no-fund --loglevel=error) >"$tmp/npm.out" 2>&1 || {
    sed -n '1,10s/^/  /p' "$tmp/npm.out"
    unavailable "npm ci in test/sarif failed"
  }
  [ -x "$tool" ] || unavailable "npm ci installed no sarif-multitool"
fi

# One run for every document.  The npm wrapper hands the arguments to a
# shell, hence the inner quotes around "Sarif;Gh"; the file names are
# relative and plain for the same reason.
# shellcheck disable=SC2086
(cd "$tmp" && "$tool" validate --rule-kind '"Sarif;Gh"' $docs) \
  >"$tmp/validate.out" 2>&1
vst=$?
if ! grep -q "files\{0,1\} scanned" "$tmp/validate.out"; then
  if grep -qE ': error [A-Z]+[0-9]+' "$tmp/validate.out"; then
    cat "$tmp/validate.out"
    echo "sarif: FAIL: the validator reported errors"
    exit 1
  fi
  sed -n '1,10s/^/  /p' "$tmp/validate.out"
  unavailable "sarif-multitool did not run (status $vst)"
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
