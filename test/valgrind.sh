#!/bin/sh
# valgrind.sh BUILD - a representative set of command lines under valgrind
# memcheck: any invalid access, use of uninitialised memory, or
# definite/indirect leak fails (exit status 99).  The unit tests are not
# run here: `make asan` runs them with ASan/UBSan (leaks included), and
# memcheck only adds what ASan misses (uninitialised reads), which matters
# on the command's paths, all built from the same library.
set -u
build=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/propcheck-valgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
fail=0
n=0
# run NAME CMD...: exit statuses 0-2 are the command's own; 99 is valgrind.
run() {
  name=$1; shift
  n=$((n + 1))
  $vg "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  st=$?
  if [ $st -gt 2 ] || grep -q '^==[0-9]*==' "$tmp/err"; then
    echo "FAIL: $name (exit $st)"
    grep '^==[0-9]*==' "$tmp/err" | head -30
    fail=1
  fi
}
p=$build/propcheck
d=fixtures/examples/demo.sql
for fmt in text json sarif github gitlab; do
  run "$fmt demo" "$p" --color=never --format=$fmt "$d" fixtures/seeds/001-authenticate-to-aws.sql
done
run "emit-policy" "$p" --emit-policy fixtures/iam/040-assumed-role.sql fixtures/iam/050-s3tables.sql
run "emit-policy json" "$p" --emit-policy --format=json fixtures/iam/030-glue-catalog.sql
run "policy" "$p" --policy fixtures/iam/glue.json --policy fixtures/iam/malformed.json fixtures/iam/030-glue-catalog.sql
run "props" "$p" --props --format=sarif fixtures/props/*.json
run "verify" "$p" --verify fixtures/verify/*.sql
run "config" "$p" fixtures/config/010-project-config.sql
run "missing and directory" "$p" fixtures "$tmp/missing.sql" "$d"
printf 'SELECT * FROM FILES("path" = "s3://b/a\0b", "aws.s3.access_key" = "AK\0IA");\0\n\377\376 "\300\200" /* open' >"$tmp/hostile.sql"
run "hostile bytes" "$p" "$tmp/hostile.sql"
run "stdin" sh -c "$vg $p - <$d"
cp fixtures/rules/key-case.sql "$tmp/fix.sql"
run "fix" "$p" --fix "$tmp/fix.sql"
echo "valgrind: $n runs"
[ $fail = 0 ] && echo "valgrind: OK" || echo "valgrind: FAILED"
exit $fail
