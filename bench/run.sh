#!/bin/sh
# bench/run.sh - throughput, memory and latency of propcheck (make bench).
#
# Builds bench/out/gen_corpus and bench/out/latency (cc -O2, linked against
# build/libpropcheck.a), generates a reproducible corpus (BENCH_SEED, default
# 42; BENCH_MB, default 200 MiB) in bench/out/, times each command
# BENCH_RUNS times (default 5) and reports the median, measures peak RSS of
# propcheck on the corpus and on the corpus twice over, runs the in-process
# latency benchmark, and prints one markdown report.
# Numbers are printed, never asserted: this is not a test.
# MB in this report means MiB (2^20 bytes).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${BUILD:-build}
OUT=bench/out
SEED=${BENCH_SEED:-42}
MB=${BENCH_MB:-200}
RUNS=${BENCH_RUNS:-5}
CC=${CC:-cc}
PROPCHECK=$BUILD/propcheck

mkdir -p "$OUT"
[ -x "$PROPCHECK" ] || { echo "bench: $PROPCHECK missing (make)" >&2; exit 1; }
[ -f "$BUILD/libpropcheck.a" ] || { echo "bench: $BUILD/libpropcheck.a missing (make)" >&2; exit 1; }

CJSON_CFLAGS=$(pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS=$(pkg-config --libs libcjson 2>/dev/null || echo -lcjson)

log() { printf '%s\n' "$*" >&2; }

log "bench: building gen_corpus and latency"
$CC -O2 -std=c11 -o "$OUT/gen_corpus" bench/gen_corpus.c
# shellcheck disable=SC2086
$CC -O2 -std=c11 -Iinclude $CJSON_CFLAGS -o "$OUT/latency" bench/latency.c \
  "$BUILD/libpropcheck.a" $CJSON_LIBS

CORPUS=$OUT/corpus-$SEED-$MB.sql
CORPUS2=$OUT/corpus-$SEED-$MB-x2.sql
if [ ! -s "$CORPUS" ]; then
  log "bench: generating $CORPUS ($MB MiB, seed $SEED)"
  "$OUT/gen_corpus" "$SEED" "$MB" "$CORPUS.tmp"
  mv "$CORPUS.tmp" "$CORPUS"
fi
if [ ! -s "$CORPUS2" ]; then
  cat "$CORPUS" "$CORPUS" > "$CORPUS2.tmp"
  mv "$CORPUS2.tmp" "$CORPUS2"
fi
BYTES=$(wc -c < "$CORPUS" | tr -d ' ')
BYTES2=$(wc -c < "$CORPUS2" | tr -d ' ')

now_ns() { date +%s%N; }

# median FILE: the median of the numbers in FILE, one a line.
median() {
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# time_cmd NAME 'SHELL COMMAND': runs it RUNS times (after one warm-up run
# that also brings the corpus into the page cache), prints the median
# seconds.  Output goes to a file, not /dev/null: GNU grep stops at the
# first match when its output is /dev/null.  The command's exit status is ignored (propcheck exits 1 when it
# finds something).
time_cmd() {
  name=$1 cmd=$2 f=$OUT/times-$1.txt
  : > "$f"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs "$RUNS" --ignore-failure --style none \
      --export-csv "$OUT/hyperfine-$name.csv" "$cmd > $OUT/last-output.txt" >&2
    # columns: command,mean,stddev,median,user,system,min,max
    awk -F, 'NR == 2 { print $(NF - 4) }' "$OUT/hyperfine-$name.csv" > "$f"
  else
    sh -c "$cmd" >"$OUT/last-output.txt" 2>&1 || true
    i=0
    while [ "$i" -lt "$RUNS" ]; do
      t0=$(now_ns)
      sh -c "$cmd" >"$OUT/last-output.txt" 2>&1 || true
      t1=$(now_ns)
      echo "$t0 $t1" | awk '{ printf "%.6f\n", ($2 - $1) / 1e9 }' >> "$f"
      i=$((i + 1))
    done
  fi
  median "$f"
}

# peak_rss_kb FILE [FORMAT]: peak resident set size of propcheck --format=FORMAT
# (default json) FILE.
peak_rss_kb() {
  fmt=${2:-json}
  if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    /usr/bin/time -v -o "$OUT/time-v.txt" "$PROPCHECK" --format="$fmt" "$1" \
      >/dev/null 2>&1 || true
    awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$OUT/time-v.txt"
  else
    # Fallback: poll VmHWM (the kernel's own high-water mark) until exit.
    "$PROPCHECK" --format="$fmt" "$1" >/dev/null 2>&1 &
    pid=$!
    hwm=0
    while [ -r "/proc/$pid/status" ]; do
      v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
      sleep 0.05 2>/dev/null || sleep 1
    done
    wait "$pid" || true
    echo "$hwm (polled VmHWM, lower bound)"
  fi
}

mbs() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1048576 / s; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

T0=$(now_ns)
log "bench: timing ($RUNS runs each) on $BYTES bytes"
T_GREP=$(time_cmd grep_aws "grep -ci 'aws.s3' '$CORPUS' | cat")
T_PC=$(time_cmd propcheck "'$PROPCHECK' --format=json '$CORPUS' | cat >/dev/null")
T_WC=$(time_cmd wc_l "wc -l < '$CORPUS'")
T_GREPP=$(time_cmd grep_props "grep -c PROPERTIES '$CORPUS'")

log "bench: peak RSS"
RSS1=$(peak_rss_kb "$CORPUS")
RSS2=$(peak_rss_kb "$CORPUS2")
RSS1T=$(peak_rss_kb "$CORPUS" text)
RSS2T=$(peak_rss_kb "$CORPUS2" text)

log "bench: in-process latency"
LAT=$("$OUT/latency")
LAT_MED=$(printf '%s\n' "$LAT" | sed -n 's/.*median_us=\([0-9.]*\).*/\1/p')
LAT_MIN=$(printf '%s\n' "$LAT" | sed -n 's/.*min_us=\([0-9.]*\).*/\1/p')
LAT_MAX=$(printf '%s\n' "$LAT" | sed -n 's/.*max_us=\([0-9.]*\).*/\1/p')
LAT_INFO=$(printf '%s\n' "$LAT" | head -1)

SUMMARY=$("$PROPCHECK" --no-source "$CORPUS" 2>&1 | tail -1 || true)
T1=$(now_ns)

CPU=$(lscpu 2>/dev/null | awk -F: '/^Model name/ { sub(/^ +/, "", $2); print $2; exit }')
[ -n "$CPU" ] || CPU=$(awk -F: '/^model name/ { sub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo 2>/dev/null)
NCPU=$(nproc 2>/dev/null || echo '?')
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '?')
TIMER=date
command -v hyperfine >/dev/null 2>&1 && TIMER=hyperfine

cat <<EOF
# propcheck benchmark results

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $(uname -srm); CPU: ${CPU:-unknown} ($NCPU CPUs); memory: $MEM
- Compiler: $($CC --version 2>/dev/null | head -1)
- propcheck: $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown), $BUILD/propcheck as built by \`make\`
- Corpus: \`bench/out/gen_corpus $SEED $MB\` = $BYTES bytes ($MB MiB), $(wc -l < "$CORPUS" | tr -d ' ') lines;
  propcheck on it: \`$SUMMARY\`
- Method: median of $RUNS runs after one warm-up run (file in page cache), wall time via $TIMER;
  MB = MiB; peak RSS from /usr/bin/time -v. Printed, never asserted.

| Measurement | Median | Throughput | vs grep -ci 'aws.s3' |
|---|---:|---:|---:|
| \`grep -ci 'aws.s3' corpus.sql \| cat\` | $(printf '%.3f' "$T_GREP") s | $(mbs "$BYTES" "$T_GREP") MB/s | 1.000 |
| \`propcheck --format=json corpus.sql \| cat >/dev/null\` | $(printf '%.3f' "$T_PC") s | $(mbs "$BYTES" "$T_PC") MB/s | $(ratio "$T_GREP" "$T_PC") |
| \`wc -l < corpus.sql\` | $(printf '%.3f' "$T_WC") s | $(mbs "$BYTES" "$T_WC") MB/s | $(ratio "$T_GREP" "$T_WC") |
| \`grep -c PROPERTIES corpus.sql\` | $(printf '%.3f' "$T_GREPP") s | $(mbs "$BYTES" "$T_GREPP") MB/s | $(ratio "$T_GREP" "$T_GREPP") |
| propcheck --format=json peak RSS, corpus ($BYTES bytes) | $RSS1 KiB | | |
| propcheck --format=json peak RSS, corpus twice ($BYTES2 bytes) | $RSS2 KiB | | |
| propcheck --format=text peak RSS, corpus | $RSS1T KiB | | |
| propcheck --format=text peak RSS, corpus twice | $RSS2T KiB | | |
| latency: one catalog statement, pc_check_buffer + pc_ctx_reset | $LAT_MED µs | min $LAT_MIN, max $LAT_MAX µs | |

"vs grep" is the throughput ratio (grep time / command time): below 1 is slower than grep.
Latency: \`bench/out/latency\` ($LAT_INFO), median of the runs' mean time per statement.

Total bench time: $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.0f", (b - a) / 1e9 }') s (plus corpus generation).
EOF
