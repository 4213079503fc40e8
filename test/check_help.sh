#!/bin/sh
# propcheck --help fits a 24-line terminal (80 columns) and names the formats
# and exit statuses; --version prints the version; and every option the
# command line parses is documented in propcheck(1) and completed by
# completion/propcheck.bash.
#   sh test/check_help.sh build/propcheck VERSION
set -u
bin=$1 version=$2
fail=0
bad() { echo "check_help: $*"; fail=1; }

help=$("$bin" --help) || bad "--help exited $?"
lines=$(printf '%s\n' "$help" | wc -l)
[ "$lines" -le 24 ] || bad "--help has $lines lines, more than 24"
wide=$(printf '%s\n' "$help" | awk 'length($0) > 80')
[ -z "$wide" ] || bad "--help has lines over 80 columns: $wide"
for want in text json sarif github gitlab 'Exit status: 0' ' 1 ' '2 usage' --format= --fail-on= \
  --disable= --rule= --fix --list-rules --explain --version 'man propcheck'; do
  printf '%s\n' "$help" | grep -qF -- "$want" || bad "--help does not mention '$want'"
done
v=$("$bin" --version)
[ "$v" = "propcheck $version" ] || bad "--version says '$v', expected 'propcheck $version'"

# The options parse_args knows, as they are written in cli/main.c.
for opt in $(grep -o '"-[-a-z]*[=]\{0,1\}"' cli/main.c | tr -d '"=' | sort -u); do
  [ "$opt" = - ] || [ "$opt" = -- ] && continue
  man=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
  grep -q -- "$man" man/propcheck.1 || bad "man/propcheck.1 does not document $opt"
  grep -q -- "$opt" completion/propcheck.bash || bad "completion/propcheck.bash does not complete $opt"
done

[ $fail = 0 ] && echo "check_help: OK"
exit $fail
