#!/bin/sh
# lsp_nvim.sh PROPCHECK - Neovim (Debian's neovim, 0.7 or later) as the
# language server's client, headless: test/lsp_nvim.lua opens a copy of
# fixtures/rules/unknown-key.sql, checks the diagnostics, applies a code
# action and checks the buffer.  Without nvim it is skipped with a loud
# message, except with CI=true, where that fails (.ci/setup installs it).
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
if ! command -v nvim >/dev/null 2>&1; then
  echo "lsp_nvim: SKIPPED: no nvim (apt-get install neovim)"
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/propcheck-nvim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp fixtures/rules/unknown-key.sql "$tmp/q.sql"
# no user configuration, no swap files, no shada: only the test's script
PROPCHECK=$bin FIXTURE=$tmp/q.sql HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp \
  XDG_STATE_HOME=$tmp timeout 60 nvim --headless --clean -n -i NONE \
  -c "luafile test/lsp_nvim.lua" >"$tmp/out" 2>&1
st=$?
cat "$tmp/out"
if [ $st != 0 ] || ! grep -q "lsp_nvim: OK" "$tmp/out"; then
  echo "lsp_nvim: FAILED (status $st)"
  exit 1
fi
