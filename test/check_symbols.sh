#!/bin/sh
# The shared library exports the public API and nothing else: every defined
# dynamic symbol starts with pc_ (or is one the linker adds), and every
# function include/propcheck.h declares is there (and marked PC_API).  It
# needs no library but libc: no cJSON (the JSON reader and writer are the
# library's own).  The static library, when given, has no global symbol but
# pc_ ones either.
#   sh test/check_symbols.sh build/libpropcheck.so.X.Y.Z [build/libpropcheck.a]
set -u
so=$1
ar=${2:-}
syms=$(nm -D --defined-only "$so" | awk '{ print $3 }') || exit 1
fail=0
for s in $syms; do
  case $s in
  pc_*) ;;
  _init | _fini | __bss_start | _edata | _end) ;;
  *)
    echo "check_symbols: $so exports '$s'"
    fail=1
    ;;
  esac
done
needed=$(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for n in $needed; do
  case $n in
  libc.so.*) ;;
  *)
    echo "check_symbols: $so needs $n"
    fail=1
    ;;
  esac
done
if nm -u "$so" | grep -q cJSON; then
  echo "check_symbols: $so refers to cJSON"
  fail=1
fi
# Every function the header declares must carry PC_API, or the shared
# library hides it.
decls=$(grep -E '^[a-zA-Z].*[ *]pc_[a-z0-9_]+\(' include/propcheck.h | grep -v '^typedef')
printf '%s\n' "$decls" | grep -v '^PC_API ' | while IFS= read -r d; do
  echo "check_symbols: include/propcheck.h declares without PC_API: $d"
done | grep . && fail=1
for fn in $(printf '%s\n' "$decls" | sed 's/^[^(]*[ *]\(pc_[a-z0-9_]*\)(.*/\1/'); do
  if ! printf '%s\n' $syms | grep -qx "$fn"; then
    echo "check_symbols: $so does not export $fn"
    fail=1
  fi
done
if [ -n "$ar" ]; then
  for s in $(nm -g --defined-only "$ar" | awk 'NF == 3 { print $3 }'); do
    case $s in
    pc_*) ;;
    *)
      echo "check_symbols: $ar has the global symbol '$s'"
      fail=1
      ;;
    esac
  done
fi
[ $fail = 0 ] && echo "check_symbols: OK ($(printf '%s\n' $syms | grep -c '^pc_') pc_ symbols)"
exit $fail
