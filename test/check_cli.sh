#!/bin/sh
# check_cli.sh PROPCHECK - the command's repository and fix behaviour, end
# to end: directories (sorted, git's ignores, "exclude" and "include"),
# --config, --stdin-filename, -o, --statistics, --list-rules --format=json,
# --diff, --fix - and --fix through a symlink, the unsafe yes-to-true fix
# left alone, and configuration errors at file:line:col.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/propcheck-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: check_cli: $*"; fail=1; }

bad_sql='SELECT * FROM FILES("path" = "s3://b/x", "format" = "parquet", "aws.s3.use_instance_profile" = "1", "aws.s3.region" = "us-west-2");'
flip='CREATE EXTERNAL CATALOG c PROPERTIES ("type" = "hive", "hive.metastore.uris" = "thrift://h:9083",
"aws.s3.use_instance_profile" = "yes",
"aws.s3.access_key" = "AKIAIOSFODNN7EXAMPLE", "aws.s3.secret_key" = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
"aws.s3.region" = "us-west-2");'

# ---- a repository: tracked, untracked, ignored, excluded, other endings
r=$tmp/repo
mkdir -p "$r/b" "$r/a" "$r/gen" "$r/vendor"
for f in a/one.sql b/two.sql gen/skip.sql vendor/v.sql top.ddl notes.txt; do
  printf '%s\n' "$bad_sql" >"$r/$f"
done
printf 'gen/\n' >"$r/.gitignore"
printf '{"exclude": ["vendor"], "include": [".ddl"]}\n' >"$r/.propcheck.json"
if command -v git >/dev/null 2>&1; then
  (cd "$r" && git init -q . && git add a .gitignore && git -c user.name=t -c user.email=t@t commit -qm x) ||
    bad "git init"
  out=$(cd "$r" && "$bin" --color=never --no-source . 2>&1)
  files=$(printf '%s\n' "$out" | sed -n 's/^\([^:]*\.[a-z]*\):[0-9].*/\1/p' | uniq | tr '\n' ' ')
  [ "$files" = "a/one.sql b/two.sql top.ddl " ] || bad "git repository: checked '$files'"
fi
# the same tree outside git: walked (no ignore files read)
rm -rf "$r/.git"
out=$(cd "$r" && "$bin" --color=never --no-source . 2>&1)
files=$(printf '%s\n' "$out" | sed -n 's/^\([^:]*\.[a-z]*\):[0-9].*/\1/p' | uniq | tr '\n' ' ')
[ "$files" = "a/one.sql b/two.sql gen/skip.sql top.ddl " ] || bad "walked directory: checked '$files'"
# a file named on the command line is checked even when excluded
(cd "$r" && "$bin" --no-source vendor/v.sql >/dev/null 2>&1); [ $? = 1 ] || bad "named file: not checked"

# ---- --config, configuration errors at file:line:col, every problem
printf '{"rules": {"defualt-region": "off", "key-case": "loud"},\n "fial-on": "x"} trailing\n' >"$tmp/bad.json"
out=$("$bin" --config "$tmp/bad.json" "$r/a/one.sql" 2>&1)
[ $? = 2 ] || bad "bad --config: exit not 2"
for want in 'bad.json:1:12: "defualt-region" is not a propcheck rule (did you mean "default-region"?)' \
    'bad.json:1:37: rule "key-case": the level' 'bad.json:2:2: unknown setting "fial-on"' \
    'bad.json:2:18: text after the configuration object'; do
  printf '%s\n' "$out" | grep -qF "$want" || bad "config error: no '$want' in: $out"
done
printf '{"fail-on": "never"}\n' >"$tmp/never.json"
"$bin" --config "$tmp/never.json" "$r/a/one.sql" >/dev/null 2>&1 || bad "--config: not applied"
# a configuration that is a FIFO: an error, not a hang
mkdir -p "$tmp/fifo" && mkfifo "$tmp/fifo/.propcheck.json" && printf '%s\n' "$bad_sql" >"$tmp/fifo/q.sql"
timeout 10 "$bin" "$tmp/fifo/q.sql" >/dev/null 2>&1; [ $? = 2 ] || bad "FIFO configuration: not exit 2"
# a 5,000-byte path: an error, not a crash
long=$(printf 'a%.0s' $(seq 1 5000))
"$bin" "$long/q.sql" >/dev/null 2>&1; [ $? = 2 ] || bad "5000-byte path: not exit 2"

# ---- --stdin-filename, -o, --statistics, --list-rules --format=json
out=$(printf '%s\n' "$bad_sql" | "$bin" --format=sarif --stdin-filename=models/x.sql 2>&1)
printf '%s' "$out" | grep -q '"uri": "models/x.sql"' || bad "--stdin-filename: not in SARIF"
printf '%s\n' "$bad_sql" | "$bin" -o "$tmp/report.txt" --color=never - >/dev/null 2>&1
grep -q 'bool-read-as-false' "$tmp/report.txt" || bad "-o FILE: no report in it"
out=$(printf '%s\n' "$bad_sql" "$bad_sql" | "$bin" --statistics 2>&1)
printf '%s\n' "$out" | grep -q '^    2  bool-read-as-false' || bad "--statistics: $out"
"$bin" --list-rules --format=json | grep -q '"docs":.*"docs/rules.md#unknown-key"' || bad "--list-rules --format=json"
# --help stays under 24 lines
[ "$("$bin" --help | wc -l)" -lt 24 ] || bad "--help: 24 lines or more"
# TERM=dumb and NO_COLOR: no colour even with a terminal (script(1) when present)
if command -v script >/dev/null 2>&1; then
  printf '%s\n' "$bad_sql" >"$tmp/c.sql"
  TERM=dumb script -qc "$bin $tmp/c.sql" /dev/null </dev/null >"$tmp/tty.txt" 2>&1
  ! grep -q "$(printf '\033')\[" "$tmp/tty.txt" || bad "TERM=dumb: colour"
  TERM=xterm script -qc "$bin $tmp/c.sql" /dev/null </dev/null >"$tmp/tty.txt" 2>&1
  grep -q "$(printf '\033')\[" "$tmp/tty.txt" || bad "terminal: no colour"
  TERM=xterm script -qc "$bin" /dev/null </dev/null >"$tmp/tty.txt" 2>&1
  grep -q '^usage: propcheck' "$tmp/tty.txt" || bad "no argument on a terminal: no usage"
fi

# ---- fixes: --diff, the unsafe fix, --unsafe-fixes, --fix -, symlinks
printf '%s\n' "$flip" >"$tmp/flip.sql"
cp "$tmp/flip.sql" "$tmp/flip.orig"
"$bin" --diff "$tmp/flip.sql" >"$tmp/d.txt" 2>"$tmp/d.err"
[ $? = 0 ] && [ ! -s "$tmp/d.txt" ] || bad "--diff: the unsafe yes-to-true fix is offered"
grep -q '1 unsafe fix not applied' "$tmp/d.err" || bad "--diff: unsafe fix not mentioned"
"$bin" --fix "$tmp/flip.sql" >/dev/null 2>&1
cmp -s "$tmp/flip.sql" "$tmp/flip.orig" || bad "--fix: applied the unsafe yes-to-true fix"
"$bin" --diff --unsafe-fixes "$tmp/flip.sql" >"$tmp/d.txt" 2>&1
[ $? = 1 ] || bad "--diff --unsafe-fixes: exit not 1"
grep -q '^+"aws.s3.use_instance_profile" = "true",$' "$tmp/d.txt" || bad "--diff: no + line"
! grep -q 'EXAMPLE' "$tmp/d.txt" || bad "--diff: a secret in the diff"
cmp -s "$tmp/flip.sql" "$tmp/flip.orig" || bad "--diff changed the file"
printf '%s\n' "$bad_sql" >"$tmp/real.sql" && ln -s real.sql "$tmp/link.sql" && chmod 640 "$tmp/real.sql"
"$bin" --fix "$tmp/link.sql" >/dev/null 2>"$tmp/fix.err"
[ -L "$tmp/link.sql" ] || bad "--fix: the symlink was replaced"
grep -q '"true"' "$tmp/real.sql" || bad "--fix: the target was not fixed"
[ "$(stat -c %a "$tmp/real.sql" 2>/dev/null || stat -f %Lp "$tmp/real.sql")" = 640 ] || bad "--fix: mode not kept"
grep -q 'fixed: write' "$tmp/fix.err" || bad "--fix: no fixed: line"
out=$(printf '%s\n' "$bad_sql" | "$bin" --fix - 2>/dev/null)
[ "$out" = "$(sed 's/"1"/"true"/' "$tmp/real.sql")" ] || bad "--fix -: $out"
# a read-only directory: no "fixed:" for an edit that cannot be written
if [ "$(id -u)" != 0 ]; then
  mkdir "$tmp/ro" && printf '%s\n' "$bad_sql" >"$tmp/ro/a.sql" && chmod 555 "$tmp/ro"
  "$bin" --fix "$tmp/ro/a.sql" >/dev/null 2>"$tmp/ro.err"
  ! grep -q 'fixed:' "$tmp/ro.err" || bad "read-only directory: says fixed:"
  chmod 755 "$tmp/ro"
fi
# a file name of 240 bytes can be fixed (the temporary name is short)
name=$(printf 'n%.0s' $(seq 1 236)).sql
printf '%s\n' "$bad_sql" >"$tmp/$name"
"$bin" --fix "$tmp/$name" >/dev/null 2>&1; grep -q '"true"' "$tmp/$name" || bad "long file name: not fixed"
# paths are printed without control characters
esc=$(printf 'a\033]0;T\007b.sql')
printf '%s\n' "$bad_sql" >"$tmp/$esc"
"$bin" --color=never --fix "$tmp/$esc" 2>&1 | grep -q "$(printf '\033')" && bad "a path's ESC was printed"

[ $fail = 0 ] && echo "check_cli: OK"
exit $fail
