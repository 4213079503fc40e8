# bash completion for propcheck: options, their values, and rule ids (read
# from `propcheck --list-rules` when needed); file names are left to
# readline (complete -o default).  Installed as
# share/bash-completion/completions/propcheck; or source it from ~/.bashrc.

# The rule ids, one a word; $1 is the propcheck being completed.
_propcheck_rules() {
  local cmd=$1
  command -v -- "$cmd" >/dev/null 2>&1 || cmd=propcheck
  "$cmd" --list-rules 2>/dev/null | while read -r id _; do printf '%s ' "$id"; done
}

_propcheck() {
  # The whole word being completed, "=" included (bash splits "--format=js"
  # into three words), and the whole word before it.
  local line=${COMP_LINE:0:COMP_POINT}
  local cur=${line##*[[:space:]]}
  local before=${line%"$cur"}
  before=${before%"${before##*[![:space:]]}"}
  local prev=${before##*[[:space:]]}
  local prefix= words=
  COMPREPLY=()

  case $cur in
  --format=*) prefix=--format= words="text json sarif github gitlab" ;;
  --fail-on=*) prefix=--fail-on= words="error warning note never" ;;
  --color=*) prefix=--color= words="auto always never" ;;
  --rule=*=*) prefix=${cur%=*}= words="off note warning error" ;;
  --rule=*)
    prefix=--rule=
    words=$(_propcheck_rules "$1" | sed 's/\([^ ]*\)/\1=/g')
    ;;
  --disable=*,*) prefix=${cur%,*}, words=$(_propcheck_rules "$1") ;;
  --disable=* | --explain=*) prefix=${cur%%=*}= words=$(_propcheck_rules "$1") ;;
  --policy=*) return 0 ;; # a file name: readline's own completion (-o default)
  -*)
    words="--format= --fail-on= --disable= --rule= --fix --props --verify
      --emit-policy --policy --var --color= --no-source --no-config --config
      --unsafe-fixes --diff --output -o --stdin-filename --statistics
      --max-statement-bytes= -j --jobs= --list-rules --explain --rules-markdown
      --help --version"
    ;;
  *)
    # A FILE (or --policy's), left to readline, or -j's N.
    [[ $prev == --explain ]] || return 0
    words=$(_propcheck_rules "$1")
    ;;
  esac

  local cands=() w
  for w in $words; do
    [[ $prefix$w == "$cur"* ]] && cands+=("$prefix$w")
  done

  # Bash replaces only the text after the last "=" of the word when "=" is
  # one of its word breaks (the default), so the replies must start there.
  local keep=
  [[ $COMP_WORDBREAKS == *=* && $cur == *=* ]] && keep=${cur%=*}=
  for w in "${cands[@]}"; do COMPREPLY+=("${w#"$keep"}"); done
  if [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]]; then
    compopt -o nospace 2>/dev/null
  fi
  return 0
}
complete -o default -F _propcheck propcheck
