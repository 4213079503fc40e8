#!/bin/sh
# Turns a staged install (make install DESTDIR=STAGE PREFIX=/usr ...) into a
# Debian package with dpkg-deb, then runs lintian on it where lintian exists.
#   sh pkg/deb.sh STAGE VERSION OUTDIR
# One binary package, propcheck: the command, the shared library (the
# command itself links the static one), and what building against the
# library needs (header, static library, pkg-config file, libpropcheck(3)).
set -eu
stage=$(cd "$1" && pwd) version=$2 out=$3
revision=1
debver=$version-$revision
arch=$(dpkg --print-architecture)
major=${version%%.*}
doc=$stage/usr/share/doc/propcheck

# Stripped objects and compressed documentation, as Debian policy wants.
strip --remove-section=.comment --remove-section=.note "$stage/usr/bin/propcheck"
for so in "$stage"/usr/lib/*/libpropcheck.so."$version"; do
  strip --remove-section=.comment --remove-section=.note --strip-unneeded "$so"
done
strip --strip-debug --remove-section=.comment "$stage"/usr/lib/*/libpropcheck.a
gzip -9nf "$stage"/usr/share/man/man1/propcheck.1 "$stage"/usr/share/man/man3/libpropcheck.3
mkdir -p "$doc" "$stage/usr/share/lintian/overrides"
cp pkg/copyright "$doc/copyright"
gzip -9nc CHANGELOG.md >"$doc/changelog.gz"
date=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
printf '%s\n' "propcheck ($debver) unstable; urgency=medium" "" \
  "  * Package of upstream release $version (see changelog.gz)." "" \
  " -- propcheck maintainers <propcheck@users.noreply.github.com>  $date" |
  gzip -9n >"$doc/changelog.Debian.gz"
# Lintian's overrides: the library and its development files are in the
# package of the command, not in libpropcheck0 and libpropcheck-dev (the
# "small package" case its own description allows); and this package is not
# an upload to Debian, so it closes no ITP bug.
printf '%s\n' "propcheck: package-name-doesnt-match-sonames libpropcheck$major" \
  "propcheck: link-to-shared-library-in-wrong-package *" \
  "propcheck: initial-upload-closes-no-bugs *" \
  >"$stage/usr/share/lintian/overrides/propcheck"
chmod 644 "$doc"/* "$stage/usr/share/lintian/overrides/propcheck"

# Depends: what the binaries link, as dpkg-shlibdeps finds it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/debian"
printf 'Source: propcheck\n\nPackage: propcheck\nArchitecture: any\n' >"$tmp/debian/control"
bins=$(cd "$stage" && ls usr/bin/propcheck usr/lib/*/libpropcheck.so."$version")
depends=$(cd "$tmp" && for b in $bins; do printf -- '-e%s\n' "$stage/$b"; done |
  xargs dpkg-shlibdeps -O 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

mkdir -p "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOF2
Package: propcheck
Version: $debver
Architecture: $arch
Maintainer: propcheck maintainers <propcheck@users.noreply.github.com>
Installed-Size: $size
Depends: $depends
Section: devel
Priority: optional
Homepage: https://github.com/propcheck/propcheck
Description: linter for the AWS properties of StarRocks SQL
 propcheck checks the SQL that connects StarRocks to AWS (external
 catalogs, broker loads, FILE tables, FILES(), storage volumes and
 repositories): it resolves each service's authentication mode exactly as
 StarRocks does and reports missing, conflicting, ignored and invalid
 properties at file:line:column, as text, JSON, SARIF or GitHub annotations.
 .
 The package also holds libpropcheck, the C library behind the command,
 with its header, pkg-config file and manual page; it needs nothing but
 libc.
EOF2
printf 'libpropcheck %s propcheck (>= %s)\n' "$major" "$version" >"$stage/DEBIAN/shlibs"
printf 'activate-noawait ldconfig\n' >"$stage/DEBIAN/triggers"
(cd "$stage" && find usr -type f -exec md5sum {} + | sort -k2) >"$stage/DEBIAN/md5sums"
chmod 644 "$stage"/DEBIAN/*

deb=$out/propcheck_${debver}_$arch.deb
dpkg-deb --build --root-owner-group "$stage" "$deb" >/dev/null
echo "deb: $deb"
if command -v lintian >/dev/null 2>&1; then
  lintian --fail-on error,warning "$deb"
fi
