#!/bin/sh
# Sources completion/propcheck.bash in bash and completes a few command lines
# as bash would, checking the replies (COMPREPLY).
#   sh test/check_completion.sh build/propcheck
set -u
bin=$(cd "$(dirname "$1")" && pwd)
PATH="$bin:$PATH" bash -c '
  . completion/propcheck.bash
  fail=0
  # expect LINE REPLY...: completing at the end of LINE replies REPLY...
  expect() {
    line=$1
    shift
    COMP_LINE=$line COMP_POINT=${#line}
    read -ra COMP_WORDS <<< "$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _propcheck propcheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    if [[ "${COMPREPLY[*]}" != "$*" ]]; then
      echo "check_completion: \"$line\" gives \"${COMPREPLY[*]}\", expected \"$*\""
      fail=1
    fi
  }
  expect "propcheck --for" --format=
  expect "propcheck --format=" text json sarif github gitlab
  expect "propcheck --format=js" json
  expect "propcheck --fail-on=w" warning
  expect "propcheck --color=n" never
  expect "propcheck --ver" --verify --version
  expect "propcheck --disable=ignored-c" ignored-credential
  expect "propcheck --disable=unknown-key,ignored-c" unknown-key,ignored-credential
  expect "propcheck --rule=ignored-c" ignored-credential=
  expect "propcheck --rule=ignored-credential=o" off
  expect "propcheck --explain ignored-c" ignored-credential
  expect "propcheck --explain=ignored-c" ignored-credential
  expect "propcheck --policy=fix"
  expect "propcheck fixtures/ex"
  [ $fail = 0 ] && echo "check_completion: OK"
  exit $fail
'
