#!/bin/sh
# check_layers.sh OBJDIR [--dot]
#
# The library's call graph, from its objects: file A -> file B when A uses
# a symbol B defines (nm).  Fails when the graph has a circle (tsort finds
# a loop), when a stage calls up into the driver, check.c (only the API
# modules above it, batch.c, props.c and props_json.c, may), or when a
# global symbol lacks its file's module prefix (pc_ is the public API; the
# rest is the file's name up to its first '_', or one of the prefixes the
# table below gives the file).  With --dot, prints the graph in Graphviz
# form instead (docs/architecture.md shows it).
#   sh test/check_layers.sh OBJDIR [--dot]     every OBJDIR/*.o
#   sh test/check_layers.sh [--dot] FILE.o...  just these objects
set -u
mode=
if [ "${1:-}" = --dot ]; then mode=--dot; shift; fi
if [ $# = 2 ] && [ "$2" = --dot ]; then mode=--dot; set -- "$1"; fi
if [ $# = 1 ] && [ -d "$1" ]; then set -- "$1"/*.o; fi
tmp=${TMPDIR:-/tmp}/propcheck-layers.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

for o in "$@"; do
  n=$(basename "$o" .o)
  nm --defined-only -g "$o" | awk -v n="$n" 'NF == 3 && $2 ~ /[TDRBCV]/ { print $3, n }'
done | LC_ALL=C sort >"$tmp/defs"
for o in "$@"; do
  n=$(basename "$o" .o)
  nm -u "$o" | awk -v n="$n" '{ print $NF, n }'
done | LC_ALL=C sort >"$tmp/uses"
LC_ALL=C join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $3 }' |
  LC_ALL=C sort -u >"$tmp/edges"

if [ "$mode" = "--dot" ]; then
  echo "digraph libpropcheck {"
  echo "  rankdir=TB; node [shape=box, fontname=monospace];"
  awk '{ printf "  \"%s\" -> \"%s\";\n", $1, $2 }' "$tmp/edges"
  echo "}"
  exit 0
fi

fail=0
[ -s "$tmp/edges" ] || { echo "check_layers: no edges found in $*"; exit 1; }
if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/loops"; then
  echo "check_layers: the call graph has a circle:"
  sed 's/^/  /' "$tmp/loops"
  fail=1
fi
up=$(awk '$2 == "check" && $1 != "batch" && $1 != "props" && $1 != "props_json" { print "  " $1 " -> check" }' "$tmp/edges")
if [ -n "$up" ]; then
  echo "check_layers: stages call up into the driver:"
  echo "$up"
  fail=1
fi
# Module prefixes, beyond the file's own name.
prefixes() {
  case $1 in
  arena) echo "arena_ vec_ buf_" ;;
  source) echo "source_ str_ utf8_ findings_" ;;
  lexer) echo "lex_" ;;
  parser) echo "parse_" ;;
  values) echo "value_" ;;
  json_out) echo "jo_" ;;
  resolve_view) echo "view_" ;;
  iam_policy | iam_statement) echo "iam_ policy_" ;;
  *) echo "${1%%_*}_" ;;
  esac
}
for o in "$@"; do
  n=$(basename "$o" .o)
  ok=$(prefixes "$n")
  for s in $(nm --defined-only -g "$o" | awk 'NF == 3 && $2 ~ /[TDRBCV]/ && $3 !~ /^__/ { print $3 }'); do
    good=0
    for p in pc_ $ok; do
      case $s in "$p"*) good=1 ;; esac
    done
    [ $good = 1 ] && continue
    echo "check_layers: $n.c defines '$s' without its module prefix ($ok)"
    fail=1
  done
done
[ $fail = 0 ] && echo "check_layers: $(wc -l <"$tmp/edges") arrows between $# files, no circle, every symbol prefixed"
exit $fail
