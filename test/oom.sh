#!/bin/sh
# oom.sh PROPCHECK - runs the command built with test/failalloc.c (make oom)
# over several inputs in every output format with its Nth allocation
# failed, for N = 1, 2, ...: every N for the first command line (the
# first ~180 allocations, building a context, are the same for all), then
# for each other command line every N up to OOM_DENSE (default 20) and
# OOM_SAMPLES more (default 25) spread over the rest of its run.  OOM_FULL=1
# runs every N of every command line (minutes).  Each run must end in one
# of two ways:
#   failed    exit status 2 and "out of memory" either on stderr (then
#             nothing on stdout may pass for a complete result) or reported
#             in place as a finding; no sanitizer report (ASan: no leak, no
#             invalid access).  For --fix, also: "not fixed: out of
#             memory", the file untouched, and stdout exactly the report of
#             the file as it is (a complete result, and a true one)
#   absorbed  the failure changed nothing: same stdout and exit status as
#             the run without failure (libc-level fallbacks)
# Anything else is reported with the stack of the failed allocation:
#   CRASH     a sanitizer report or a signal
#   SILENT    wrong exit status or a result that looks complete although an
#             allocation failed
# Both are fatal.  OOM_STRICT=0 reports a SILENT run without failing (to
# list them all while fixing them); CI runs with the default.
set -u
bin=$1
dense=${OOM_DENSE:-20}
samples=${OOM_SAMPLES:-25}
full=${OOM_FULL:-0}
strict=${OOM_STRICT:-1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/propcheck-oom.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=exitcode=86:detect_leaks=1:abort_on_error=0:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:exitcode=87:print_stacktrace=1
fatal=0 silent=0 runs=0 first=1

# Where the failed allocation was asked for: the first frame in src/ that
# is not the allocator, and the last main.c frame before it.
where() { # N ARGS...
  n=$1; shift
  PROPCHECK_FAIL_ALLOC=$n PROPCHECK_FAIL_ALLOC_TRACE=1 "$bin" "$@" 2>&1 >/dev/null |
    sed -n 's/.* in \([a-z_0-9]*\) .*\(src\/[a-z_0-9]*\.c:[0-9]*\).*/\2 \1/p' |
    grep -v -e '^src/arena.c' | head -3 | tr '\n' ' '
}

# Does stdout pass for a complete result?  Text: the summary line; JSON
# and SARIF: it parses as one JSON document; GitHub commands: no closing
# "out of memory" error command; --emit-policy text: no closing "out of
# memory" comment.
looks_complete() { # FILE FORMAT
  [ -s "$1" ] || return 1
  case $2 in
    text) grep -q '^propcheck: .* in [0-9]* files\{0,1\}' "$1" ;;
    json|sarif) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null ;;
    github) ! grep -q '^::error title=propcheck::out of memory' "$1" ;;
    policy) ! grep -q '^-- propcheck: out of memory' "$1" ;;
    *) return 0 ;;
  esac
}

# check NAME FORMAT ARGS...: every N for one command line.  A --fix case
# works on a copy named by $fixcopy, restored before each run.
check() {
  name=$1 fmt=$2; shift 2
  [ -n "${fixsrc:-}" ] && cp "$fixsrc" "$fixcopy"
  PROPCHECK_ALLOC_COUNT="$tmp/count" "$bin" "$@" >"$tmp/base.out" 2>"$tmp/base.err"
  base=$?
  if [ -n "${fixsrc:-}" ]; then
    cp "$fixcopy" "$tmp/base.fixed"
    # the report of the file left as it is, for a fix that failed cleanly
    cp "$fixsrc" "$fixcopy"
    "$bin" --color=never "$fixcopy" >"$tmp/nofix.out" 2>/dev/null
  fi
  total=$(cat "$tmp/count")
  if [ "$full" = 1 ] || [ "$first" = 1 ] || [ "$total" -le "$dense" ]; then
    ns=$(seq 1 "$total")
  else
    step=$(( (total - dense) / samples + 1 ))
    # start inside the first step, not at its edge, so that command lines
    # with equal prefixes probe different allocations
    off=$(( dense + 1 + total % step ))
    ns="$(seq 1 "$dense") $(seq "$off" "$step" "$total") $total"
  fi
  ok=0 absorbed=0 bad=0
  for n in $ns; do
    runs=$((runs + 1))
    [ -n "${fixsrc:-}" ] && cp "$fixsrc" "$fixcopy"
    PROPCHECK_FAIL_ALLOC=$n "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    st=$?
    what=""
    if [ $st -ge 86 ] || grep -qE 'Sanitizer|runtime error' "$tmp/err"; then
      what=CRASH
    elif [ -n "${fixsrc:-}" ] && [ $st = 2 ] &&
         grep -q 'not fixed: out of memory' "$tmp/err" &&
         cmp -s "$fixcopy" "$fixsrc" && cmp -s "$tmp/out" "$tmp/nofix.out"; then
      ok=$((ok + 1))
    elif [ $st = 2 ] && grep -q 'out of memory' "$tmp/err" &&
         ! looks_complete "$tmp/out" "$fmt"; then
      ok=$((ok + 1))
    elif [ $st = 2 ] && grep -q 'out of memory' "$tmp/out"; then
      ok=$((ok + 1))
    elif [ $st = "$base" ] && cmp -s "$tmp/out" "$tmp/base.out"; then
      absorbed=$((absorbed + 1))
    elif [ $st = 2 ] && grep -q 'out of memory' "$tmp/err"; then
      what="SILENT (exit 2 and 'out of memory', but stdout looks complete)"
    elif [ $st = 2 ]; then
      what="SILENT (exit 2 without 'out of memory' on stderr)"
    else
      what="SILENT (exit $st, normal run exits $base; no 'out of memory')"
    fi
    if [ -n "${fixsrc:-}" ] && [ -z "$what" ] &&
       ! cmp -s "$fixcopy" "$fixsrc" && ! cmp -s "$fixcopy" "$tmp/base.fixed"; then
      what="CRASH (--fix left the file half fixed)"
    fi
    [ -n "$what" ] || continue
    bad=$((bad + 1))
    case $what in
      CRASH*) fatal=1 ;;
      *) silent=$((silent + 1)) ;;
    esac
    # Up to 5 reports per command line; the count says the rest.
    if [ $bad -le 5 ]; then
      printf '  %s: N=%s: %s\n    at: %s\n' "$name" "$n" "$what" "$(where "$n" "$@")"
      case $what in CRASH*) grep -m3 -E 'ERROR|runtime error|SUMMARY' "$tmp/err" | sed 's/^/    /' ;; esac
    fi
  done
  printf '%-34s %5s allocations, %4s runs: %4s failed cleanly, %3s absorbed, %3s bad\n' \
    "$name" "$total" "$(echo $ns | wc -w)" "$ok" "$absorbed" "$bad"
  first=0
}

d=fixtures/examples/demo.sql
check "text demo.sql" text --color=never "$d"
check "json demo.sql" json --format=json "$d"
check "sarif demo.sql" sarif --format=sarif "$d"
check "github demo.sql" github --format=github "$d"
check "text two files, one missing" text --color=never "$d" "$tmp/missing.sql"
check "emit-policy assumed role" policy --emit-policy fixtures/iam/040-assumed-role.sql
check "emit-policy json glue" json --emit-policy --format=json fixtures/iam/030-glue-catalog.sql
check "policy glue" text --color=never --policy fixtures/iam/glue.json fixtures/iam/030-glue-catalog.sql
check "props sarif" sarif --props --format=sarif fixtures/props/010-statements.json
check "verify aurora-databend" text --verify fixtures/verify/040-aurora-databend.sql
check "config project" text --color=never fixtures/config/010-project-config.sql
fixsrc=fixtures/rules/key-case.sql fixcopy="$tmp/fix.sql"
check "fix key-case" text --color=never --fix "$tmp/fix.sql"
fixsrc=""

echo "oom: $runs runs, $silent silent"
if [ $fatal != 0 ]; then echo "oom: FAILED (crash, sanitizer report or half-fixed file)"; exit 1; fi
if [ $silent != 0 ]; then
  if [ "$strict" != 0 ]; then echo "oom: FAILED ($silent runs lose a failed allocation silently: see above)"; exit 1; fi
  echo "oom: WARNING: $silent runs lose a failed allocation silently (see above; not fatal only because OOM_STRICT=0)"
fi
echo "oom: OK"
