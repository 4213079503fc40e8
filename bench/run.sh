#!/bin/sh
# bench/run.sh - the propcheck benchmark (make bench).  Writes its report
# into BENCHMARKS.md at the top of the repository, below the marker line
# (MARKER; the hand-written text above it is kept), and prints the file.
#
# What it measures, each against the target it is meant to judge:
#   throughput  propcheck --format=json on a seeded corpus (bench/gen_corpus.c),
#               with the default -j and with -j1 (one thread), next to grep
#               -ci 'aws.s3', wc -l, grep -c PROPERTIES and PostgreSQL's
#               parser (bench/pg_parse.c, libpg_query); and the CPU time
#               of each
#   memory      peak RSS (/usr/bin/time -v) on the corpus file and on about
#               1 GiB streamed through a pipe (the corpus again and again,
#               never written to disk), json and text
#   linear cost each adversarial input of bench/gen_adversarial.c at 1x and
#               2x: the time ratio, peak RSS, the findings, and what the
#               default --max-statement-bytes makes of the big statements
#   -j          1,000 small files with -j1, -j2 and the default, output into
#               a file (and into a pipe); the output must be the same bytes
#               whatever -j is; and what bounds -j2 on the machine (the CPU
#               time of -j1 and -j2, the time of a one-file run, and a
#               lock-free reference program on the same files,
#               bench/scale_ref.c, whose speed-up is -j2's target)
#   lsp         propcheck lsp following edits of a 10,000-line document
#               (bench/lsp_latency.py): didChange to publishDiagnostics
#   latency     one catalog statement in process (bench/latency.c), pinned
#               to each CPU in turn
#
# Knobs (environment):
#   BENCH_SEED=42        corpus and adversarial seed
#   BENCH_MB=200         corpus size, MiB
#   BENCH_RUNS=5         timed runs per command (the median is reported;
#                        pairs whose ratio is judged: at least 9, in turns)
#   BENCH_STREAM_MB=1024 size streamed for the memory measurement, MiB
#   BENCH_ADV_SCALE=1    multiplies the adversarial sizes (0.1 for a quick run)
#   BENCH_FILES=1000     files for the -j measurement, BENCH_FILE_KB=8 each
#   BUILD=build, CC=cc
# Anything below the issue's sizes is flagged in the report.
#
# Timing: wall time (date +%s%N) around `sh -c CMD`, one warm-up run first
# (which also brings files into the page cache); a command that takes under
# 0.25 s is repeated inside each sample until the sample is about 0.25 s and
# the time per execution is kept.  MB in the report means MiB (2^20 bytes).
# Verdicts are computed here from the measured values; nothing is asserted
# and the exit status does not depend on them.
set -eu

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=bench/out
SEED=${BENCH_SEED:-42}
MB=${BENCH_MB:-200}
RUNS=${BENCH_RUNS:-5}
# Commands whose ratio is judged are timed in turns, at least 9 times each
# (as often as the others in a quick run).
PAIR_RUNS=$((RUNS > 9 || RUNS < 5 ? RUNS : 9))
STREAM_MB=${BENCH_STREAM_MB:-1024}
ADV_SCALE=${BENCH_ADV_SCALE:-1}
NFILES=${BENCH_FILES:-1000}
FILE_KB=${BENCH_FILE_KB:-8}
CC=${CC:-cc}
PROPCHECK=$BUILD/propcheck
REPORT=BENCHMARKS.md
MARKER='<!-- make bench (bench/run.sh) writes everything below this line. -->'
LIMIT_MIB=16              # the memory target, MiB
BIG_LIMIT=200000000       # --max-statement-bytes for the inputs that must be parsed

mkdir -p "$OUT"
[ -x "$PROPCHECK" ] || { echo "bench: $PROPCHECK missing (make)" >&2; exit 1; }
[ -f "$BUILD/libpropcheck.a" ] || { echo "bench: $BUILD/libpropcheck.a missing (make)" >&2; exit 1; }

log() { printf '%s\n' "$*" >&2; }

# try_install PKG: installs a Debian package when we are root with apt-get.
try_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  log "bench: installing $1"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null 2>&1
}

# ---- Tools ----
CWARN="-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
log "bench: building gen_corpus, gen_adversarial, latency, scale_ref"
# shellcheck disable=SC2086
$CC -O2 -std=c11 $CWARN -o "$OUT/gen_corpus" bench/gen_corpus.c
# shellcheck disable=SC2086
$CC -O2 -std=c11 $CWARN -pthread -o "$OUT/scale_ref" bench/scale_ref.c
# shellcheck disable=SC2086
$CC -O2 -std=c11 $CWARN -o "$OUT/gen_adversarial" bench/gen_adversarial.c
# shellcheck disable=SC2086
$CC -O2 -std=c11 $CWARN -Iinclude -o "$OUT/latency" bench/latency.c \
  "$BUILD/libpropcheck.a"
GEN_ADV=$OUT/gen_adversarial

[ -f /usr/include/pg_query.h ] || try_install libpg-query-dev || true
PG_NOTE=
if [ -f /usr/include/pg_query.h ]; then
  PG_LIBS=$(pkg-config --libs libpg_query 2>/dev/null || echo -lpg_query)
  # shellcheck disable=SC2086
  if $CC -O2 -std=c11 $CWARN -o "$OUT/pg_parse" bench/pg_parse.c $PG_LIBS; then
    PG_VERSION=$(dpkg-query -W -f '${Version}' libpg-query-dev 2>/dev/null || echo '?')
  else
    PG_NOTE="bench/pg_parse.c did not build"
  fi
else
  PG_NOTE="libpg-query-dev is not installed and could not be"
fi

TIMEV=
if ! { [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; }; then
  try_install time || true
fi
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 &&
  TIMEV="/usr/bin/time -v -o $OUT/time-v.txt"

# ---- Helpers ----
now_ns() { date +%s%N; }

# median FILE: the median of the numbers in FILE, one a line.
median() {
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# reps_for 'SHELL COMMAND': how many executions make one timed sample of
# it (about 0.25 s), from one run of it.
reps_for() {
  t0=$(now_ns)
  sh -c "$1" > "$OUT/last-output.txt" 2>&1 || true
  t1=$(now_ns)
  awk -v a="$t0" -v b="$t1" 'BEGIN { d = (b - a) / 1e9
    r = d >= 0.25 ? 1 : d > 0.0025 ? int(0.25 / d) + 1 : 100; print r }'
}

# sample 'SHELL COMMAND' REPS FILE: runs the command REPS times and adds
# the seconds of one execution to FILE.
sample() {
  loop="i=0; while [ \$i -lt $2 ]; do { $1; } > '$OUT/last-output.txt' 2>&1; i=\$((i + 1)); done"
  t0=$(now_ns)
  sh -c "$loop" || true
  t1=$(now_ns)
  awk -v a="$t0" -v b="$t1" -v r="$2" 'BEGIN { printf "%.6f\n", (b - a) / 1e9 / r }' >> "$3"
}

# time_cmd NAME 'SHELL COMMAND': the median seconds of one execution.  The
# command's output goes to a file, not /dev/null (GNU grep stops at the
# first match when its output is /dev/null); its exit status is ignored
# (propcheck exits 1 when it finds something).
time_cmd() {
  name=$1 cmd=$2 f=$OUT/times-$1.txt
  : > "$f"
  reps=$(reps_for "$cmd")
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    sample "$cmd" "$reps" "$f"
    i=$((i + 1))
  done
  echo "$reps" > "$OUT/reps-$name.txt"
  median "$f"
}

# time_pair NAME_A 'COMMAND A' NAME_B 'COMMAND B': as time_cmd for each,
# timed in turns (A's sample, then B's, PAIR_RUNS times), so that both see
# the same spells of a machine whose speed drifts and their ratio is fair.
# Sets T_A and T_B.
time_pair() {
  fa=$OUT/times-$1.txt fb=$OUT/times-$3.txt
  : > "$fa"
  : > "$fb"
  reps_a=$(reps_for "$2")
  reps_b=$(reps_for "$4")
  i=0
  while [ "$i" -lt "$PAIR_RUNS" ]; do
    sample "$2" "$reps_a" "$fa"
    sample "$4" "$reps_b" "$fb"
    i=$((i + 1))
  done
  echo "$reps_a" > "$OUT/reps-$1.txt"
  echo "$reps_b" > "$OUT/reps-$3.txt"
  T_A=$(median "$fa")
  T_B=$(median "$fb")
}

# time_turns NAME 'COMMAND' NAME 'COMMAND' ...: as time_pair for any number
# of commands, each sampled in turn PAIR_RUNS times.  Sets T_1, T_2, ...
# (the medians, in the order given).
time_turns() {
  n=0
  while [ $# -ge 2 ]; do
    n=$((n + 1))
    eval "TN_$n=\$1 TC_$n=\$2"
    : > "$OUT/times-$1.txt"
    eval "TR_$n=\$(reps_for \"\$2\")"
    shift 2
  done
  i=0
  while [ "$i" -lt "$PAIR_RUNS" ]; do
    k=1
    while [ "$k" -le "$n" ]; do
      eval "sample \"\$TC_$k\" \"\$TR_$k\" \"$OUT/times-\$TN_$k.txt\""
      k=$((k + 1))
    done
    i=$((i + 1))
  done
  k=1
  while [ "$k" -le "$n" ]; do
    eval "echo \"\$TR_$k\" > \"$OUT/reps-\$TN_$k.txt\"; T_$k=\$(median \"$OUT/times-\$TN_$k.txt\")"
    k=$((k + 1))
  done
}

# cpu_cmd 'SHELL COMMAND': its CPU time (user + system, of everything it
# runs, pipes included), the mean of 3 runs; n/a without /usr/bin/time.
cpu_cmd() {
  [ -x /usr/bin/time ] || { echo n/a; return; }
  /usr/bin/time -f '%U %S' -o "$OUT/cpu-time.txt" sh -c \
    "i=0; while [ \$i -lt 3 ]; do { $1; } > '$OUT/last-output.txt' 2>&1; i=\$((i + 1)); done" || true
  awk '{ printf "%.3f", ($1 + $2) / 3 }' "$OUT/cpu-time.txt"
}

# measure 'SHELL COMMAND': runs it once; the command puts $TIMEV in front of
# propcheck and lets propcheck's JSON out on stdout.  Sets RSS (peak KiB, or
# n/a) and RULES (rule xcount, ...; "none" when there is no finding).
measure() {
  rm -f "$OUT/time-v.txt"
  sh -c "$1" 2>/dev/null | awk -F'"' '/^ *"rule": / { n[$4]++ }
    END { for (r in n) print r " x" n[r] }' | sort > "$OUT/rules.txt" || true
  RSS=n/a
  [ -s "$OUT/time-v.txt" ] &&
    RSS=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$OUT/time-v.txt")
  RULES=$(paste -sd, "$OUT/rules.txt" | sed 's/,/, /g')
  [ -n "$RULES" ] || RULES=none
}

# calc 'AWK EXPRESSION': its value (n/a when an operand is n/a).
calc() {
  case $1 in *n/a*|*nan*) echo n/a; return ;; esac
  awk "BEGIN { print $1 }"
}
fmt() { case $2 in n/a|nan) echo n/a ;; *) awk -v v="$2" "BEGIN { printf \"$1\", v }" ;; esac; }
mbs() { case $2 in n/a|nan) echo n/a ;; *) awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1048576 / s; else print "n/a" }' ;; esac; }
ratio() { case $1$2 in *n/a*|*nan*) echo n/a ;; *) awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }' ;; esac; }
mib() { case $1 in n/a) echo n/a ;; *) awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' ;; esac; }
# verdict 'AWK CONDITION': met, not met, or n/a.
verdict() {
  case $1 in *n/a*|*nan*) echo n/a; return ;; esac
  if awk "BEGIN { exit !($1) }"; then echo met; else echo '**not met**'; fi
}
scaled() { awk -v n="$1" -v s="$ADV_SCALE" 'BEGIN { v = int(n * s); print v < 1 ? 1 : v }'; }
human() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MiB", b / 1048576; else if (b >= 1024) printf "%.1f KiB", b / 1024; else printf "%d B", b }'; }

REDUCED=
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' && REDUCED="$REDUCED $3"; return 0; }
below "$MB" 200 "BENCH_MB=$MB"
below "$RUNS" 5 "BENCH_RUNS=$RUNS"
below "$STREAM_MB" 1024 "BENCH_STREAM_MB=$STREAM_MB"
below "$ADV_SCALE" 1 "BENCH_ADV_SCALE=$ADV_SCALE"
below "$NFILES" 1000 "BENCH_FILES=$NFILES"
# at_size KNOB...: empty, or a note for a verdict that rests on a knob (or
# BENCH_RUNS) set below the targets' size.
at_size() {
  for k in BENCH_RUNS "$@"; do
    case " $REDUCED" in *" $k="*) echo " (reduced size: not a verdict)"; return ;; esac
  done
}

T0=$(now_ns)

# ---- Corpus ----
CORPUS=$OUT/corpus-$SEED-$MB.sql
if [ ! -s "$CORPUS" ]; then
  log "bench: generating $CORPUS ($MB MiB, seed $SEED)"
  "$OUT/gen_corpus" "$SEED" "$MB" "$CORPUS.tmp"
  mv "$CORPUS.tmp" "$CORPUS"
fi
BYTES=$(wc -c < "$CORPUS" | tr -d ' ')
LINES=$(wc -l < "$CORPUS" | tr -d ' ')

# ---- Throughput and peers ----
log "bench: throughput ($RUNS runs each) on $BYTES bytes"
T_GREP=$(time_cmd grep_aws "grep -ci 'aws.s3' '$CORPUS' | cat")
T_PC=$(time_cmd propcheck_json "'$PROPCHECK' --format=json '$CORPUS' | cat >/dev/null")
T_PC1=$(time_cmd propcheck_json_j1 "'$PROPCHECK' -j1 --format=json '$CORPUS' | cat >/dev/null")
T_WC=$(time_cmd wc_l "wc -l < '$CORPUS'")
T_GREPP=$(time_cmd grep_props "grep -c PROPERTIES '$CORPUS'")
T_PG=n/a PG_OUT=
if [ -z "$PG_NOTE" ]; then
  log "bench: libpg_query peer"
  T_PG=$(time_cmd pg_parse "'$OUT/pg_parse' '$CORPUS'")
  PG_OUT=$(cat "$OUT/last-output.txt")
fi
R_PC=$(ratio "$T_GREP" "$T_PC")
C_GREP=$(cpu_cmd "grep -ci 'aws.s3' '$CORPUS' | cat")
C_PC=$(cpu_cmd "'$PROPCHECK' --format=json '$CORPUS' | cat >/dev/null")
C_PC1=$(cpu_cmd "'$PROPCHECK' -j1 --format=json '$CORPUS' | cat >/dev/null")
C_WC=$(cpu_cmd "wc -l < '$CORPUS'")
C_GREPP=$(cpu_cmd "grep -c PROPERTIES '$CORPUS'")
SUMMARY=$("$PROPCHECK" --no-source "$CORPUS" 2>&1 | tail -1 || true)

# ---- Memory ----
log "bench: peak RSS, corpus and a stream of about $STREAM_MB MiB"
COPIES=$(awk -v s="$STREAM_MB" -v b="$BYTES" 'BEGIN { c = int(s * 1048576 / b); if (c * b < s * 1048576) c++; print c < 1 ? 1 : c }')
STREAM_BYTES=$((COPIES * BYTES))
STREAM="i=0; while [ \$i -lt $COPIES ]; do cat '$CORPUS'; i=\$((i + 1)); done"
measure "$TIMEV '$PROPCHECK' --format=json '$CORPUS'"; RSS_FJ=$RSS
measure "$TIMEV '$PROPCHECK' --format=text '$CORPUS' >/dev/null"; RSS_FT=$RSS
measure "$STREAM | $TIMEV '$PROPCHECK' --format=json -"; RSS_SJ=$RSS
measure "$STREAM | $TIMEV '$PROPCHECK' --format=text - >/dev/null"; RSS_ST=$RSS
LIMIT_KB=$((LIMIT_MIB * 1024))

# ---- Linear cost ----
log "bench: adversarial inputs at 1x and 2x (scale $ADV_SCALE)"
T_START=$(time_cmd startup "printf 'SELECT 1;\n' | '$PROPCHECK' --format=json - | cat >/dev/null")
ADV_ROWS=$OUT/adv-rows.md LIMIT_ROWS=$OUT/limit-rows.md
: > "$ADV_ROWS"
: > "$LIMIT_ROWS"
WORST=0 WORST_CASE=

# adversarial KIND N2 LABEL UNIT STREAMED FLAGS: times the input at N2 / 2
# and N2 (generated into bench/out, or streamed through a pipe when STREAMED
# is yes), peak RSS and findings at both, and a row of the linear table.
# With a raised statement limit in FLAGS, both sizes are also run without
# them; those runs, and the comment's, make the default-limit table.
# T1 RSS1 RULES1 ... are set through eval:
# shellcheck disable=SC2034,SC2153
adversarial() {
  kind=$1 n2=$(scaled "$2") label=$3 unit=$4 streamed=$5 flags=$6
  case $flags in *--max-statement-bytes*) limit=yes ;; *) limit=no ;; esac
  n1=$((n2 / 2))
  for x in 1 2; do
    if [ "$x" = 1 ]; then n=$n1; else n=$n2; fi
    if [ "$streamed" = yes ]; then
      src="'$GEN_ADV' $kind $n $SEED |" arg=-
      sz=$("$GEN_ADV" "$kind" "$n" "$SEED" | wc -c | tr -d ' ')
    else
      f=$OUT/adv-$kind-${x}x.sql
      "$GEN_ADV" "$kind" "$n" "$SEED" > "$f"
      src='' arg="'$f'"
      sz=$(wc -c < "$f" | tr -d ' ')
    fi
    eval "SRC$x=\$src ARG$x=\$arg SZ$x=\$sz"
  done
  # 1x and 2x timed in turns: their ratio is what is judged.
  time_pair "adv-$kind-1x" "$SRC1 '$PROPCHECK' --format=json $flags $ARG1 | cat >/dev/null" \
    "adv-$kind-2x" "$SRC2 '$PROPCHECK' --format=json $flags $ARG2 | cat >/dev/null"
  T1=$T_A T2=$T_B
  for x in 1 2; do
    eval "src=\$SRC$x arg=\$ARG$x"
    measure "$src $TIMEV '$PROPCHECK' --format=json $flags $arg"
    eval "RSS$x=\$RSS RULES$x=\$RULES"
    if [ "$limit" = yes ]; then # the same input with the default statement limit
      measure "$src $TIMEV '$PROPCHECK' --format=json $arg"
    fi
    eval "DRSS$x=\$RSS DRULES$x=\$RULES"
  done
  r=$(ratio "$T2" "$T1")
  net=$(awk -v a="$T1" -v b="$T2" -v s="$T_START" 'BEGIN {
    if (a - s > 0.001) printf "%.2f", (b - s) / (a - s); else print "n/a" }')
  v=$(verdict "$r <= 2.2")
  case $r in
    n/a) ;;
    *) if awk -v r="$r" -v w="$WORST" 'BEGIN { exit !(r > w) }'; then WORST=$r WORST_CASE=$label; fi ;;
  esac
  how='file'; [ "$streamed" = yes ] && how='pipe'
  [ -z "$flags" ] || how="$how, \`$flags\`"
  printf '| %s | %s %s, %s | %s %s, %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$label" "$n1" "$unit" "$(human "$SZ1")" "$n2" "$unit" "$(human "$SZ2")" \
    "$how" "$(fmt %.3f "$T1")" "$(fmt %.3f "$T2")" "$r" "$net" \
    "$(mib "$RSS1")" "$(mib "$RSS2")" "$RULES1" "$v" >> "$ADV_ROWS"
  if [ "$limit" = yes ] || [ "$kind" = comment ]; then
    if [ "$SZ1" -le $((LIMIT_MIB * 1048576)) ]; then
      dv="n/a (1x is not over $LIMIT_MIB MiB)"
    else
      dv=$(verdict "$(case $DRULES1$DRULES2 in *statement-too-large*statement-too-large*) echo 1 ;; *) echo 0 ;; esac) && $DRSS2 <= $DRSS1 + 1024")
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$DRULES1" "$DRULES2" \
      "$(mib "$DRSS1")" "$(mib "$DRSS2")" "$dv" >> "$LIMIT_ROWS"
  fi
  # The adversarial files can be large: keep only the small ones.
  [ "$streamed" = yes ] || [ "$SZ2" -lt 10485760 ] || rm -f "$OUT/adv-$kind-1x.sql" "$OUT/adv-$kind-2x.sql"
}

adversarial stmt 104857600 "one big statement (INSERT ... FILES() ... IN (...))" bytes no "--max-statement-bytes=$BIG_LIMIT"
adversarial keys 1000000 "property list (CREATE EXTERNAL CATALOG)" keys no "--max-statement-bytes=$BIG_LIMIT"
adversarial parens 100000 "nested parentheses (FILES() \"format\" value)" levels no ""
adversarial comment 524288000 "block comment, then SELECT 1;" bytes yes ""
adversarial empty 1000000 "empty statements (;)" statements no ""
# Review F08 and F09: many findings on one line; IAM wildcard matching at
# IAM's limits (four 2,000-character Resources "*aaa...ab", a policy under
# 10,240 characters), each statement on a 2,000-character path.
adversarial oneline 100000 "findings on one line (unknown keys)" findings no ""
awk 'BEGIN { s = "arn:aws:s3:::b/*"; for (i = 0; i < 1990; i++) s = s "a"; s = s "b";
  printf "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": [\"%s\", \"%s\", \"%s\", \"%s\"]}]}\n", s, s, s, s }' > "$OUT/adv-iam-policy.json"
adversarial iam 10000 "IAM wildcards at IAM's limits (statements on a 2,000-character path)" statements no "--policy $OUT/adv-iam-policy.json"

# ---- Many files and -j ----
log "bench: $NFILES files of about $FILE_KB KiB, -j1 / -j2 / default"
MANY=$OUT/many
PARAMS="$SEED $NFILES $FILE_KB"
if [ ! -f "$MANY/.params" ] || [ "$(cat "$MANY/.params")" != "$PARAMS" ]; then
  rm -rf "$MANY"
  mkdir -p "$MANY"
  FILE_MB=$(awk -v k="$FILE_KB" 'BEGIN { printf "%.6f", k / 1024 }')
  i=1
  while [ "$i" -le "$NFILES" ]; do
    "$OUT/gen_corpus" "$((SEED + i))" "$FILE_MB" "$(printf '%s/f%05d.sql' "$MANY" "$i")"
    i=$((i + 1))
  done
  echo "$PARAMS" > "$MANY/.params"
fi
MANY_BYTES=$(cat "$MANY"/*.sql | wc -c | tr -d ' ')
# Output into a file, as a CI job that keeps its report does; into a pipe
# too, for comparison (on some virtual machines a pipe costs much more).
JOUT=$OUT/many-timed.json
# The machine's own bound and the target's yardstick: bench/scale_ref.c
# reads the same files the same way and does a fixed amount of work per
# byte, with no locks, sized to take about as long as -j1 on one thread;
# then on two.  Two kinds of work: a hash (one chain of arithmetic) and,
# with -l, a lexer-shaped table walk.  ref_rounds FLAG NAME: sets
# REF_ROUNDS from -j1's time (T_J1).
ref_rounds() {
  T_R0=$(time_cmd "$2-r0" "'$OUT/scale_ref' $1 1 0 $MANY/*.sql")
  T_R8=$(time_cmd "$2-r8" "'$OUT/scale_ref' $1 1 8 $MANY/*.sql")
  REF_ROUNDS=$(awk -v z="$T_R0" -v e="$T_R8" -v t="$T_J1" \
    'BEGIN { c = (e - z) / 8; r = c > 0 ? int((t - z) / c + 0.5) : 0; print r < 1 ? 1 : r }')
}
log "bench: sizing the reference program to -j1's time"
T_J1=$(time_cmd j1-alone "'$PROPCHECK' --format=json -j1 $MANY/*.sql > '$JOUT'")
ref_rounds "" ref
HASH_ROUNDS=$REF_ROUNDS
ref_rounds -l lex
LEX_ROUNDS=$REF_ROUNDS
# -j1, -j2 and the reference's one and two threads, all in the same turns,
# so that the speed-ups compared saw the same spells of the machine.
log "bench: -j1, -j2 and the reference program on $NFILES files, in turns"
time_turns j1 "'$PROPCHECK' --format=json -j1 $MANY/*.sql > '$JOUT'" \
  j2 "'$PROPCHECK' --format=json -j2 $MANY/*.sql > '$JOUT'" \
  ref-j1 "'$OUT/scale_ref' 1 $HASH_ROUNDS $MANY/*.sql" \
  ref-j2 "'$OUT/scale_ref' 2 $HASH_ROUNDS $MANY/*.sql" \
  lex-j1 "'$OUT/scale_ref' -l 1 $LEX_ROUNDS $MANY/*.sql" \
  lex-j2 "'$OUT/scale_ref' -l 2 $LEX_ROUNDS $MANY/*.sql"
T_J1=$T_1 T_J2=$T_2 HASH_T1=$T_3 HASH_T2=$T_4 LEX_T1=$T_5 LEX_T2=$T_6
T_JD=$(time_cmd jdefault "'$PROPCHECK' --format=json $MANY/*.sql > '$JOUT'")
T_J1P=$(time_cmd j1-pipe "'$PROPCHECK' --format=json -j1 $MANY/*.sql | cat >/dev/null")
T_J2P=$(time_cmd j2-pipe "'$PROPCHECK' --format=json -j2 $MANY/*.sql | cat >/dev/null")
rm -f "$JOUT"
for j in 1 2 4; do
  "$PROPCHECK" --format=json -j$j "$MANY"/*.sql > "$OUT/many-j$j.json" 2>&1 || true
done
"$PROPCHECK" --format=json "$MANY"/*.sql > "$OUT/many-jdefault.json" 2>&1 || true
IDENTICAL=yes
for j in 2 4 default; do
  cmp -s "$OUT/many-j1.json" "$OUT/many-j$j.json" || IDENTICAL=no
done
# CPU time of -j1 and -j2 (user + system, over 20 runs each, two at a time
# in turns): what two threads cost more in all, when the CPUs they run on
# slow each other down.
if [ -x /usr/bin/time ]; then
  : > "$OUT/cpu-j1.txt"
  : > "$OUT/cpu-j2.txt"
  i=0
  while [ "$i" -lt 10 ]; do
    for j in 1 2; do
      /usr/bin/time -f '%U %S' -a -o "$OUT/cpu-j$j.txt" sh -c \
        "for k in 1 2; do '$PROPCHECK' --format=json -j$j $MANY/*.sql > '$JOUT' 2>&1; done; true" || true
    done
    i=$((i + 1))
  done
  CPU_J1=$(awk '{ s += $1 + $2 } END { printf "%.4f", s / 20 }' "$OUT/cpu-j1.txt")
  CPU_J2=$(awk '{ s += $1 + $2 } END { printf "%.4f", s / 20 }' "$OUT/cpu-j2.txt")
  rm -f "$JOUT"
  CPU_GROWTH=$(awk -v a="$CPU_J1" -v b="$CPU_J2" 'BEGIN { printf "%+.0f %%", (b / a - 1) * 100 }')
else
  CPU_J1=n/a CPU_J2=n/a CPU_GROWTH=n/a
fi
T_ONE=$(time_cmd one-file "'$PROPCHECK' --format=json $MANY/f00001.sql > '$JOUT'")
rm -f "$JOUT"
# -j1's time split into the fixed part (T_ONE) and the rest, the rest run
# on two CPUs at the CPU cost measured for -j2.
J2_BOUND=$(awk -v t1="$T_J1" -v one="$T_ONE" -v c1="$CPU_J1" -v c2="$CPU_J2" \
  'BEGIN { if (c1 + 0 <= 0) { print "n/a"; exit }
           printf "%.2f", t1 / (one + (t1 - one) / 2 * c2 / c1) }')
REF_SPEEDUP=$(ratio "$HASH_T1" "$HASH_T2")
LEX_SPEEDUP=$(ratio "$LEX_T1" "$LEX_T2")
SPEEDUP=$(ratio "$T_J1" "$T_J2")
SPEEDUP_PIPE=$(ratio "$T_J1P" "$T_J2P")
NCPU=$(nproc 2>/dev/null || echo 1)

# ---- The language server: an edit of a 10,000-line document ----
log "bench: propcheck lsp, edits of a 10,000-line document"
LSP_LAT=$(python3 bench/lsp_latency.py "$PROPCHECK" 10000 41 2>&1) || LSP_LAT="failed: $LSP_LAT"
LSP_MED=$(printf '%s\n' "$LSP_LAT" | sed -n 's/.* median_ms=\([0-9.]*\).*/\1/p')
LSP_P90=$(printf '%s\n' "$LSP_LAT" | sed -n 's/.*p90_ms=\([0-9.]*\).*/\1/p')
LSP_MAX=$(printf '%s\n' "$LSP_LAT" | sed -n 's/.*max_ms=\([0-9.]*\).*/\1/p')
V_LSP=FAIL
[ -n "$LSP_MED" ] && awk -v a="$LSP_MED" 'BEGIN { exit !(a <= 50) }' && V_LSP=PASS

# ---- Latency ----
log "bench: in-process latency"
NCPU_ALL=$(nproc --all 2>/dev/null || echo 1)
# On each CPU in turn where taskset can pin it (virtual CPUs of one
# machine can run at different speeds); the fastest CPU's median is the
# one judged, and every CPU's is shown.
LAT_ROWS=
LAT_MED=
cpu=0
while :; do
  if command -v taskset >/dev/null 2>&1 && [ "$NCPU_ALL" -gt 1 ]; then
    LAT=$(taskset -c "$cpu" "$OUT/latency") || break
    where="CPU $cpu"
  else
    LAT=$("$OUT/latency")
    where="any CPU"
  fi
  med=$(printf '%s\n' "$LAT" | sed -n 's/.*median_us=\([0-9.]*\).*/\1/p')
  lo=$(printf '%s\n' "$LAT" | sed -n 's/.*min_us=\([0-9.]*\).*/\1/p')
  hi=$(printf '%s\n' "$LAT" | sed -n 's/.*max_us=\([0-9.]*\).*/\1/p')
  LAT_INFO=$(printf '%s\n' "$LAT" | head -1)
  LAT_ROWS="$LAT_ROWS| $where | $med µs | $lo µs | $hi µs |
"
  if [ -z "$LAT_MED" ] || awk -v a="$med" -v b="$LAT_MED" 'BEGIN { exit !(a < b) }'; then
    LAT_MED=$med
  fi
  [ "$where" = "any CPU" ] && break
  cpu=$((cpu + 1))
  [ "$cpu" -lt "$NCPU_ALL" ] || break
done
T1=$(now_ns)

# ---- Report ----
CPU=$(lscpu 2>/dev/null | awk -F: '/^Model name/ { sub(/^ +/, "", $2); print $2; exit }')
[ -n "$CPU" ] || CPU=$(awk -F: '/^model name/ { sub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo 2>/dev/null)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '?')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
V_TP=$(verdict "$R_PC >= 0.5")
V_SJ=$(verdict "$RSS_SJ < $LIMIT_KB")
V_ST=$(verdict "$RSS_ST < $LIMIT_KB")
V_GJ=$(verdict "$RSS_SJ <= $RSS_FJ + 1024")
V_GT=$(verdict "$RSS_ST <= $RSS_FT + 1024")
V_LIN=$(verdict "$WORST <= 2.2")
V_LAT=$(verdict "$LAT_MED <= 2")
# -j2's target: at least 0.95 of what the lock-free reference program gains
# from a second thread in the same run, the larger of its two kinds of work.
REF_BEST=$(awk -v a="$REF_SPEEDUP" -v b="$LEX_SPEEDUP" 'BEGIN { printf "%.3f", (a > b ? a : b) }')
J_SHARE=$(ratio "$SPEEDUP" "$REF_BEST")
if [ "$NCPU" -ge 2 ]; then V_J=$(verdict "$SPEEDUP >= 0.95 * $REF_BEST"); else V_J="n/a (1 CPU)"; fi
[ "$NCPU" = 2 ] || V_J="$V_J (target set for 2 CPUs; this machine has $NCPU)"
V_ID=met; [ "$IDENTICAL" = yes ] || V_ID='**not met**'
V_LIMIT=met
grep -q 'not met' "$LIMIT_ROWS" && V_LIMIT='**not met**'
grep -q '| n/a' "$LIMIT_ROWS" && [ "$V_LIMIT" = met ] && V_LIMIT=n/a

{
# The hand-written part of the file up to the marker line is kept.
if [ -f "$REPORT" ] && grep -qxF "$MARKER" "$REPORT"; then
  awk -v m="$MARKER" '{ print } $0 == m { exit }' "$REPORT"
else
  printf '# Performance\n\n%s\n' "$MARKER"
fi
cat <<EOF

## Latest run

Written by \`make bench\` (bench/run.sh); do not edit by hand.

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at the end: $LOAD
- Machine: $(uname -srm); CPU: ${CPU:-unknown} ($NCPU CPUs); memory: $MEM
- Compiler: $($CC --version 2>/dev/null | head -1)
- propcheck: $("$PROPCHECK" --version 2>/dev/null | head -1), git $(git describe --always --dirty 2>/dev/null || echo unknown); \`$PROPCHECK\` as built by \`make\`
- Corpus: \`bench/out/gen_corpus $SEED $MB\` (seed $SEED) = $BYTES bytes ($(human "$BYTES")), $LINES lines;
  propcheck on it: \`$SUMMARY\`
- Method: median of $RUNS timed runs after one warm-up run (files in the page cache); wall
  time by \`date +%s%N\` around \`sh -c COMMAND\`; a command under 0.25 s is repeated inside
  each run until the run takes about 0.25 s, and the time per execution is kept. Peak RSS
  from \`/usr/bin/time -v\`, one run. MB = MiB. The machine was not otherwise idle unless
  noted. Verdicts are computed by bench/run.sh from the values in this file.
EOF
if [ -n "$REDUCED" ]; then
  printf '\n**Reduced settings (%s): these are not the sizes the targets are defined for, so the\nverdicts that rest on them (marked) do not judge the targets.**\n' "${REDUCED# }"
fi
cat <<EOF

Reproduce: \`make bench\`. Knobs: \`BENCH_MB\` (corpus
MiB, default 200), \`BENCH_RUNS\` (default 5), \`BENCH_SEED\` (default 42),
\`BENCH_STREAM_MB\` (MiB streamed for the memory row, default 1024), \`BENCH_ADV_SCALE\`
(adversarial sizes, default 1), \`BENCH_FILES\` and \`BENCH_FILE_KB\` (default 1000 files of
8 KiB). A quick run: \`BENCH_MB=20 BENCH_RUNS=3 BENCH_STREAM_MB=100 BENCH_ADV_SCALE=0.1 make bench\`.

### Targets

| Target | Required | Measured | Verdict |
|---|---|---|---|
| Throughput, \`propcheck --format=json corpus.sql\` into a pipe | ≥ 0.5 × \`grep -ci 'aws.s3'\` | $R_PC × ($NCPU threads; -j1: $(ratio "$T_GREP" "$T_PC1") ×) | $V_TP$(at_size BENCH_MB) |
| Peak RSS, $(human "$STREAM_BYTES") through a pipe, json | < $LIMIT_MIB MiB | $(mib "$RSS_SJ") MiB | $V_SJ$(at_size BENCH_STREAM_MB) |
| Peak RSS, $(human "$STREAM_BYTES") through a pipe, text | < $LIMIT_MIB MiB | $(mib "$RSS_ST") MiB | $V_ST$(at_size BENCH_STREAM_MB) |
| RSS does not grow with the input, json | stream ≤ corpus + 1 MiB | $(mib "$RSS_SJ") vs $(mib "$RSS_FJ") MiB | $V_GJ$(at_size BENCH_MB BENCH_STREAM_MB) |
| RSS does not grow with the input, text | stream ≤ corpus + 1 MiB | $(mib "$RSS_ST") vs $(mib "$RSS_FT") MiB | $V_GT$(at_size BENCH_MB BENCH_STREAM_MB) |
| A statement over the default limit | a finding, RSS not growing with it | see "Default statement limit" | $V_LIMIT$(at_size BENCH_ADV_SCALE) |
| Linear cost, adversarial inputs | t(2x) / t(1x) ≤ 2.2 (2.0 plus 10 % for noise) | worst $WORST ($WORST_CASE) | $V_LIN$(at_size BENCH_ADV_SCALE) |
| \`propcheck lsp\`: an edit of a 10,000-line document to its diagnostics | median ≤ 50 ms | $LSP_MED ms (p90 $LSP_P90, max $LSP_MAX) | $V_LSP |
| Embedded latency, one catalog statement | median ≤ 2 µs | $LAT_MED µs (fastest CPU) | $V_LAT$(at_size) |
| $NFILES files, -j2's speed-up over -j1 | ≥ 0.95 × the lock-free reference program's on the same files, same run (the larger of hashing and lexer-shaped) | $SPEEDUP × against $REF_BEST ×: **$J_SHARE** of it (reference: $REF_SPEEDUP × hashing, $LEX_SPEEDUP × lexer-shaped; see "Many files") | $V_J$(at_size BENCH_FILES) |
| Output the same whatever -j is | identical bytes, -j1/-j2/-j4/default | identical: $IDENTICAL | $V_ID$(at_size BENCH_FILES) |

### Throughput and peers

Same corpus, same run. "vs grep" is grep's time over the command's time (above 1 is
faster than grep). "CPU" is the command's user + system time, pipe included (mean of 3
runs): propcheck with the default -j ($NCPU here) reads and cuts the file into
statements on one thread while it checks them on another; \`-j1\` does both on one.

| Command | Median | Throughput | vs grep | CPU |
|---|---:|---:|---:|---:|
| \`grep -ci 'aws.s3' corpus.sql \| cat\` | $(fmt %.3f "$T_GREP") s | $(mbs "$BYTES" "$T_GREP") MB/s | 1.000 | $C_GREP s |
| \`propcheck --format=json corpus.sql \| cat >/dev/null\` | $(fmt %.3f "$T_PC") s | $(mbs "$BYTES" "$T_PC") MB/s | $R_PC | $C_PC s |
| \`propcheck -j1 --format=json corpus.sql \| cat >/dev/null\` | $(fmt %.3f "$T_PC1") s | $(mbs "$BYTES" "$T_PC1") MB/s | $(ratio "$T_GREP" "$T_PC1") | $C_PC1 s |
| \`wc -l < corpus.sql\` | $(fmt %.3f "$T_WC") s | $(mbs "$BYTES" "$T_WC") MB/s | $(ratio "$T_GREP" "$T_WC") | $C_WC s |
| \`grep -c PROPERTIES corpus.sql\` | $(fmt %.3f "$T_GREPP") s | $(mbs "$BYTES" "$T_GREPP") MB/s | $(ratio "$T_GREP" "$T_GREPP") | $C_GREPP s |
EOF
if [ -z "$PG_NOTE" ]; then
  cat <<EOF
| \`bench/out/pg_parse corpus.sql\` (libpg_query $PG_VERSION, parse only) | $(fmt %.3f "$T_PG") s | $(mbs "$BYTES" "$T_PG") MB/s | $(ratio "$T_GREP" "$T_PG") | not measured (one thread) |

pg_parse (bench/pg_parse.c) reads the whole file into memory, splits it with
\`pg_query_split_with_scanner\` and parses each statement with \`pg_query_parse\` (which
also renders the tree as JSON); StarRocks syntax is a parse error there, counted and not
printed: \`$PG_OUT\`. It is PostgreSQL's real grammar doing more work per statement than
propcheck, which parses only the property-bearing statements in full.
EOF
else
  printf '| libpg_query | skipped: %s | | |\n' "$PG_NOTE"
fi
cat <<EOF

### Memory

Peak RSS of one run. The stream is the corpus $COPIES times over (\`cat\` in a loop into
\`propcheck -\`); nothing of that size is written to disk.

| Input | Bytes | json | text |
|---|---:|---:|---:|
| corpus file | $BYTES | $(mib "$RSS_FJ") MiB | $(mib "$RSS_FT") MiB |
| stream through a pipe | $STREAM_BYTES | $(mib "$RSS_SJ") MiB | $(mib "$RSS_ST") MiB |

### Linear cost

\`bench/out/gen_adversarial KIND N $SEED\` (bench/gen_adversarial.c) at N/2 (1x) and N (2x),
\`propcheck --format=json\` with its output into a pipe, 1x and 2x timed in turns ($PAIR_RUNS
samples each, the median shown). The big statement and the
property list run with \`--max-statement-bytes=$BIG_LIMIT\` so that they are really parsed
(their peak RSS then holds the statement); the comment is streamed from the generator,
so its time includes the generator's. "net" is the ratio with the start-up time of
propcheck on \`SELECT 1;\` ($(fmt %.4f "$T_START") s) taken off both times (n/a when the 1x time is
within 1 ms of it). Findings are those of the 1x run.

| Input | 1x | 2x | Read from | t(1x) s | t(2x) s | ratio | net | RSS 1x MiB | RSS 2x MiB | Findings (1x) | ≤ 2.2 |
|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---|
$(cat "$ADV_ROWS")

#### Default statement limit

The inputs run above with a raised limit, again with the default \`--max-statement-bytes\`
(16 MiB), and the comment (already run with the default): each must be a
\`statement-too-large\` finding and peak RSS must not grow from 1x to 2x (2x ≤ 1x + 1 MiB).
Inputs not over 16 MiB at this scale cannot be judged (n/a).

| Input | Findings 1x | Findings 2x | RSS 1x MiB | RSS 2x MiB | Verdict |
|---|---|---|---:|---:|---|
$(cat "$LIMIT_ROWS")

### Many files

$NFILES files of about $FILE_KB KiB (\`gen_corpus\` with seeds $((SEED + 1))..$((SEED + NFILES))), $MANY_BYTES bytes in all,
\`propcheck --format=json -jN bench/out/many/*.sql > report.json\` (the target's row), and
into a pipe, \`| cat >/dev/null\`. Into a file, -j1 and -j2 are timed in turns with the
reference program below ($PAIR_RUNS samples each, the median shown), so that all see the
same spells of a machine whose speed drifts.

| -j | Into a file | Speed-up over -j1 | Into a pipe | Speed-up over -j1 |
|---|---:|---:|---:|---:|
| 1 | $(fmt %.3f "$T_J1") s | 1.000 | $(fmt %.3f "$T_J1P") s | 1.000 |
| 2 | $(fmt %.3f "$T_J2") s | $SPEEDUP | $(fmt %.3f "$T_J2P") s | $SPEEDUP_PIPE |
| default ($NCPU) | $(fmt %.3f "$T_JD") s | $(ratio "$T_J1" "$T_JD") | | |

What bounds -j2 on this machine: the CPU time of a run (user + system, mean of 20, in turns) is
$CPU_J1 s with -j1 and $CPU_J2 s with -j2 (**$CPU_GROWTH**): the same work costs that
much more CPU when both CPUs are busy (a busy host; or a hypervisor that makes
system calls and page faults of two CPUs wait for each other). And a run of one small file takes $(fmt %.4f "$T_ONE") s,
most of it starting the process, which no thread shortens. With both, the most -j2
can give here is about $J2_BOUND ×.

The same bound measured another way, and the target's yardstick: \`bench/out/scale_ref\`
(bench/scale_ref.c) opens, reads and closes the same files as propcheck does, then does a
fixed amount of work per byte with no locks and nothing shared, repeated so that one thread
takes about as long as \`propcheck -j1\`. Timed in the same turns as -j1 and -j2. The target is
-j2's speed-up at least 0.95 of the larger of the two speed-ups ($REF_BEST here):

| Reference work per byte | Rounds | One thread | Two threads | Speed-up | propcheck's, as a share of it |
|---|---:|---:|---:|---:|---:|
| hash (one chain of multiply and xor) | $HASH_ROUNDS | $(fmt %.3f "$HASH_T1") s | $(fmt %.3f "$HASH_T2") s | $REF_SPEEDUP | $(ratio "$SPEEDUP" "$REF_SPEEDUP") |
| lexer-shaped (\`-l\`: a walk through a 64 KiB state table, a branch no predictor guesses) | $LEX_ROUNDS | $(fmt %.3f "$LEX_T1") s | $(fmt %.3f "$LEX_T2") s | $LEX_SPEEDUP | $(ratio "$SPEEDUP" "$LEX_SPEEDUP") |

The hash leaves most of a core idle, so a second busy CPU hardly slows it. Work shaped
like a lexer's, as propcheck's is, slows down when both CPUs are busy, as propcheck's
CPU time above does.

Output of -j1, -j2, -j4 and the default byte for byte the same: **$IDENTICAL**.

### Language server

\`bench/lsp_latency.py\`: \`propcheck lsp\` with a generated document of 10,000 lines
open, 41 incremental edits in its middle (a boolean turned to "yes" and back: a finding
comes and goes), each timed from its didChange to the first byte of the
publishDiagnostics of that version: the server's debounce, the check of the whole
document and its diagnostics written. $LSP_LAT

### Embedded latency

\`bench/out/latency\` (bench/latency.c: \`pc_check_buffer\` + \`pc_ctx_reset\` on one Glue
catalog statement, no output; $LAT_INFO), pinned to each CPU in turn (\`taskset\`):
the median of the runs' mean time per statement, and the fastest and slowest run. The
target is judged on the fastest CPU's median, **$LAT_MED µs**: the virtual CPUs of one
machine need not run at the same speed, and the cost of a statement is what an idle
core spends on it.

| Pinned to | Median | Min | Max |
|---|---:|---:|---:|
$LAT_ROWS

Total bench time: $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.0f", (b - a) / 1e9 }') s (plus corpus generation).
EOF
} > "$OUT/report.md"
mv "$OUT/report.md" "$REPORT"
cat "$REPORT"
