#!/bin/sh
# Installs the package built by `make deb` into a scratch root with dpkg
# (its own admin directory, no root needed), runs propcheck from there and a
# program built against the packaged library, checks the versions, then
# removes the package and expects nothing left behind.
#   sh test/check_deb.sh BUILD VERSION
set -u
build=$1 version=$2
major=${version%%.*}
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
fail=0
die() { echo "check_deb: $*"; exit 1; }
bad() { echo "check_deb: $*"; fail=1; }

set -- "$build"/propcheck_"$version"-*_"$arch".deb
[ $# = 1 ] && [ -f "$1" ] || die "expected one $build/propcheck_$version-*_$arch.deb, found: $*"
deb=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

debver=$(dpkg-deb -f "$deb" Version)
[ "${debver%-*}" = "$version" ] || bad "package version $debver is not $version-REVISION"
dpkg-deb -f "$deb" Depends | grep -q 'libcjson1' || bad "package does not depend on libcjson1"
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
for f in ./usr/bin/propcheck ./usr/lib/$multiarch/libpropcheck.so.$version \
  ./usr/lib/$multiarch/libpropcheck.so.$major ./usr/include/propcheck.h \
  ./usr/lib/$multiarch/pkgconfig/propcheck.pc ./usr/share/man/man1/propcheck.1.gz \
  ./usr/share/man/man3/libpropcheck.3.gz ./usr/share/doc/propcheck/copyright \
  ./usr/share/doc/propcheck/changelog.Debian.gz \
  ./usr/share/bash-completion/completions/propcheck; do
  printf '%s\n' "$contents" | grep -qx -- "$f" || bad "package lacks $f"
done

root=$tmp/root admin=$tmp/admin
mkdir -p "$root" "$admin/updates" "$admin/info" && : >"$admin/status"
dpkg_scratch() {
  dpkg --force-not-root --force-depends --instdir="$root" --admindir="$admin" \
    --log=/dev/null "$@" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; die "dpkg $* failed"; }
}
dpkg_scratch -i "$deb"

v=$("$root/usr/bin/propcheck" --version)
[ "$v" = "propcheck $version" ] || bad "installed propcheck --version says '$v'"
"$root/usr/bin/propcheck" --no-config fixtures/examples/demo.sql >"$tmp/got" 2>&1
st=$?
"$build/propcheck" --no-config fixtures/examples/demo.sql >"$tmp/want" 2>&1
[ $st = 1 ] || bad "installed propcheck exited $st on demo.sql, expected 1"
cmp -s "$tmp/got" "$tmp/want" || bad "installed propcheck's output differs from $build/propcheck's"

# The packaged library, found through the packaged pkg-config file.
printf '#include <stdio.h>\n#include <propcheck.h>\nint main(void) { puts(pc_version()); return 0; }\n' \
  >"$tmp/version.c"
cc -std=c11 -o "$tmp/version" "$tmp/version.c" $(PKG_CONFIG_SYSROOT_DIR="$root" \
  PKG_CONFIG_PATH="$root/usr/lib/$multiarch/pkgconfig" pkg-config --cflags --libs propcheck) ||
  die "cannot build against the packaged library"
v=$(LD_LIBRARY_PATH="$root/usr/lib/$multiarch" "$tmp/version")
[ "$v" = "$version" ] || bad "packaged library's pc_version() is '$v'"

dpkg_scratch -r propcheck
left=$(find "$root" \( -type f -o -type l \))
[ -z "$left" ] || bad "files left after dpkg -r: $left"

[ $fail = 0 ] && echo "check_deb: OK ($(basename "$deb"))"
exit $fail
