#!/bin/sh
# The man pages render without a warning (man --warnings), keep their
# sections in man-pages(7) order, and libpropcheck.3 names every public
# function of include/propcheck.h.
set -u
fail=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT

# check_page PAGE SECTION...: the page's .SH headings, in this order.
check_page() {
  page=$1
  shift
  MANWIDTH=80 man --warnings -l "$page" >/dev/null 2>"$err"
  if [ -s "$err" ]; then
    echo "check_man: $page renders with warnings:"
    cat "$err"
    fail=1
  fi
  want=$(printf '%s\n' "$@")
  got=$(sed -n 's/^\.SH "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$page")
  if [ "$got" != "$want" ]; then
    echo "check_man: $page sections are:" $got
    echo "           expected:" "$@"
    fail=1
  fi
}

check_page man/propcheck.1 NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" \
  ENVIRONMENT FILES EXAMPLES "SEE ALSO"
check_page man/libpropcheck.3 NAME LIBRARY SYNOPSIS DESCRIPTION \
  "RETURN VALUE" ATTRIBUTES VERSIONS EXAMPLES "SEE ALSO"

for fn in $(grep -E '^[a-zA-Z].*[ *]pc_[a-z0-9_]+\(' include/propcheck.h | grep -v '^typedef' |
  sed 's/^[^(]*[ *]\(pc_[a-z0-9_]*\)(.*/\1/'); do
  if ! grep -q "[ *]$fn(" man/libpropcheck.3; then
    echo "check_man: man/libpropcheck.3 does not declare $fn"
    fail=1
  fi
done

[ $fail = 0 ] && echo "check_man: OK"
exit $fail
