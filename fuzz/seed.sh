#!/bin/sh
# seed.sh BUILD_DIR - copies the fixtures into the fuzzers' seed corpora:
#   BUILD_DIR/corpus-fuzz_sql     fixtures/**/*.sql
#   BUILD_DIR/corpus-fuzz_props   fixtures/props/*.json
#   BUILD_DIR/corpus-fuzz_policy  fixtures/policies/*.json, fixtures/iam/*.json
#   BUILD_DIR/corpus-fuzz_canary  fixtures/security/*.sql, fixtures/rules/*.sql
# Files already there (inputs the fuzzer found) are kept.
set -eu
out=$1
mkdir -p "$out/corpus-fuzz_sql" "$out/corpus-fuzz_props" "$out/corpus-fuzz_policy" \
  "$out/corpus-fuzz_canary"
seed() { # DIR FILE...
  dir=$1; shift
  for f in "$@"; do
    cp "$f" "$dir/seed-$(printf '%s' "$f" | tr '/' '_')"
  done
}
seed "$out/corpus-fuzz_sql" $(find fixtures -name '*.sql' | LC_ALL=C sort)
seed "$out/corpus-fuzz_props" fixtures/props/*.json
seed "$out/corpus-fuzz_policy" fixtures/policies/*.json fixtures/iam/*.json
seed "$out/corpus-fuzz_canary" fixtures/security/*.sql fixtures/rules/*.sql
