#!/bin/sh
# Installs into a temporary DESTDIR and checks what a user of the installed
# copy sees:
#   - exactly the expected files, under PREFIX (default and another one);
#   - examples/ built with nothing but pkg-config's flags, against the shared
#     library and (with the shared one absent) the static one, and run;
#   - one version everywhere: the header, propcheck --version, pc_version()
#     of the installed library, pkg-config --modversion, the soname and the
#     SARIF tool.driver.version;
#   - uninstall removes every installed file and nothing else.
#   sh test/check_install.sh BUILD VERSION MAKE
set -u
build=$1 version=$2 make=${3:-make}
major=${version%%.*}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
die() { echo "check_install: $*"; exit 1; }
bad() { echo "check_install: $*"; fail=1; }

# The version in the header is the one source: the string must match the
# three numbers.
hv=$(awk '$2 ~ /^PROPCHECK_VERSION_(MAJOR|MINOR|PATCH)$/ { printf "%s%s", sep, $3; sep = "." }' \
  include/propcheck.h)
[ "$hv" = "$version" ] || bad "header: PROPCHECK_VERSION $version but numbers $hv"

# ---- Install into a DESTDIR that already holds a file of someone else ----
root=$tmp/root
mkdir -p "$root/usr/local/lib" && echo keep > "$root/usr/local/lib/other.txt"
$make --no-print-directory -s BUILD="$build" DESTDIR="$root" install >/dev/null ||
  die "make install failed"
got=$(cd "$root" && find . \( -type f -o -type l \) | sort)
want=$(sort <<EOF2
./usr/local/bin/propcheck
./usr/local/include/propcheck.h
./usr/local/lib/libpropcheck.a
./usr/local/lib/libpropcheck.so
./usr/local/lib/libpropcheck.so.$major
./usr/local/lib/libpropcheck.so.$version
./usr/local/lib/other.txt
./usr/local/lib/pkgconfig/propcheck.pc
./usr/local/share/bash-completion/completions/propcheck
./usr/local/share/man/man1/propcheck.1
./usr/local/share/man/man3/libpropcheck.3
EOF2
)
[ "$got" = "$want" ] || bad "installed files differ:
$(printf '%s\n' "$want" >"$tmp/want"; printf '%s\n' "$got" | diff "$tmp/want" -)"

# pkg-config finds the copy in DESTDIR through its sysroot.
lib=$root/usr/local/lib
export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
pkg-config --exists propcheck || die "pkg-config does not find propcheck"
flags=$(pkg-config --cflags --libs propcheck)
sflags=$(pkg-config --static --cflags --libs propcheck)

# build NAME SOURCE FLAGS...: compiles an example with the given flags only.
build() {
  out=$1 src=$2
  shift 2
  cc -std=c11 -Wall -o "$out" "$src" "$@" || die "cannot build $src with: $*"
}

# run_examples DIR: runs the examples built in DIR as examples-check does.
run_examples() {
  "$1/connector_test" >"$tmp/out" 2>&1 || { cat "$tmp/out"; bad "$1/connector_test failed"; }
  "$1/sql_frontend" <fixtures/examples/demo.sql >"$tmp/out" 2>&1
  st=$?
  [ $st = 1 ] || bad "$1/sql_frontend on demo.sql exited $st, expected 1"
  grep -q '25:5 error role-without-base' "$tmp/out" && grep -q '5 findings' "$tmp/out" ||
    bad "$1/sql_frontend output differs: $(cat "$tmp/out")"
}

# ---- Shared: the examples load the installed libpropcheck.so ----
mkdir -p "$tmp/shared"
build "$tmp/shared/sql_frontend" examples/sql_frontend.c $flags
build "$tmp/shared/connector_test" examples/connector_test.c $flags -lcmocka
printf '#include <stdio.h>\n#include <propcheck.h>\nint main(void) { puts(pc_version()); return 0; }\n' \
  >"$tmp/version.c"
build "$tmp/shared/version" "$tmp/version.c" $flags
readelf -d "$tmp/shared/sql_frontend" | grep -q "NEEDED.*\[libpropcheck.so.$major\]" ||
  bad "shared sql_frontend does not need libpropcheck.so.$major"
export LD_LIBRARY_PATH="$lib"
LD_TRACE_LOADED_OBJECTS=1 "$tmp/shared/sql_frontend" | grep -q "$lib/libpropcheck.so.$major" ||
  bad "shared sql_frontend does not load $lib/libpropcheck.so.$major"
run_examples "$tmp/shared"
unset LD_LIBRARY_PATH

# ---- Static: the same install without the shared library ----
cp -a "$root" "$tmp/static-root"
rm -f "$tmp/static-root/usr/local/lib"/libpropcheck.so*
export PKG_CONFIG_PATH="$tmp/static-root/usr/local/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$tmp/static-root"
sflags=$(pkg-config --static --cflags --libs propcheck)
mkdir -p "$tmp/static"
build "$tmp/static/sql_frontend" examples/sql_frontend.c $sflags
build "$tmp/static/connector_test" examples/connector_test.c $sflags -lcmocka
if readelf -d "$tmp/static/sql_frontend" | grep -q 'NEEDED.*libpropcheck'; then
  bad "static sql_frontend needs libpropcheck.so"
fi
# The library needs nothing but libc: no cJSON, static or shared.
case "$sflags $flags" in
*cjson*) bad "pkg-config asks for cJSON to link libpropcheck: $sflags" ;;
esac
if readelf -d "$tmp/static/sql_frontend" "$tmp/shared/sql_frontend" | grep -q 'NEEDED.*cjson'; then
  bad "an example linked with libpropcheck needs libcjson"
fi
run_examples "$tmp/static"
export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"

# ---- One version everywhere ----
v_cli=$("$root/usr/local/bin/propcheck" --version)
v_lib=$(LD_LIBRARY_PATH="$lib" "$tmp/shared/version")
v_pc=$(pkg-config --modversion propcheck)
v_so=$(readelf -d "$lib/libpropcheck.so.$version" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
v_sarif=$("$root/usr/local/bin/propcheck" --format=sarif fixtures/examples/demo.sql |
  awk '/"driver":/ { d = 1 } d && /"version":/ { gsub(/[",\t ]/, ""); sub(/version:/, ""); print; exit }')
[ "$v_cli" = "propcheck $version" ] || bad "propcheck --version says '$v_cli'"
[ "$v_lib" = "$version" ] || bad "pc_version() of the installed library is '$v_lib'"
[ "$v_pc" = "$version" ] || bad "pkg-config --modversion says '$v_pc'"
[ "$v_so" = "libpropcheck.so.$major" ] || bad "soname is '$v_so'"
[ "$v_sarif" = "$version" ] || bad "SARIF tool.driver.version is '$v_sarif'"

# ---- Uninstall leaves the other file and no installed one ----
$make --no-print-directory -s BUILD="$build" DESTDIR="$root" uninstall >/dev/null ||
  die "make uninstall failed"
left=$(cd "$root" && find . \( -type f -o -type l \) | sort)
[ "$left" = "./usr/local/lib/other.txt" ] || bad "after uninstall: $left"

# ---- Another PREFIX ----
root2=$tmp/root2
$make --no-print-directory -s BUILD="$build" DESTDIR="$root2" PREFIX=/opt/propcheck install \
  >/dev/null || die "make install PREFIX=/opt/propcheck failed"
[ -x "$root2/opt/propcheck/bin/propcheck" ] || bad "PREFIX=/opt/propcheck: no bin/propcheck"
grep -qx 'libdir=/opt/propcheck/lib' "$root2/opt/propcheck/lib/pkgconfig/propcheck.pc" ||
  bad "PREFIX=/opt/propcheck: the .pc file's libdir is wrong"
$make --no-print-directory -s BUILD="$build" DESTDIR="$root2" PREFIX=/opt/propcheck uninstall \
  >/dev/null || die "make uninstall PREFIX=/opt/propcheck failed"
[ -z "$(find "$root2" \( -type f -o -type l \))" ] || bad "PREFIX=/opt/propcheck: files left"

[ $fail = 0 ] && echo "check_install: OK (version $version)"
exit $fail
