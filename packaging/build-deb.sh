#!/usr/bin/env bash
# Builds the Debian package of shenguan: the program, its systemd service and its configuration,
# for this machine's architecture (amd64, arm64, loong64, …), into target/debian/.
#
#     packaging/build-deb.sh            # prints the path of the .deb it wrote
#     packaging/check-deb.sh target/debian/shenguan_0.1.0_amd64.deb
#
# A court's package is the release build. `--profile dev` packages the unoptimised build instead:
# CI checks the package that way, from the program its tests have just built, rather than compile
# the whole workspace a second time with optimisations (the files, the unit and the scripts are the
# same; only the program's speed differs).
#
# The package is assembled with plain dpkg-deb, which every Debian system has, rather than
# cargo-deb: that would be one more tool to fetch from crates.io and compile on every CI run.
# dpkg-shlibdeps (package dpkg-dev) works out the library versions the program needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source packaging/common.sh

readonly CLI_PACKAGE=shenguan-cli
readonly HERE=packaging/debian

need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need strip binutils
have cargo || die "cargo is missing: the package is built from source with the Rust toolchain (1.95 or later)"

profile=release
case "${1:-}" in
    "") ;;
    --profile)
        [ $# -eq 2 ] || die "usage: packaging/build-deb.sh [--profile release|dev]"
        profile=$2
        ;;
    *) die "usage: packaging/build-deb.sh [--profile release|dev]" ;;
esac
case "$profile" in
    release) profile_dir=release ;;
    dev) profile_dir=debug ;;
    *) die "--profile $profile: the package is built with the release or the dev profile" ;;
esac

cargo build --profile "$profile" --locked -p "$CLI_PACKAGE"

target_dir=$(cargo metadata --format-version 1 --no-deps --locked |
    grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
binary="$target_dir/$profile_dir/shenguan"
[ -x "$binary" ] || die "the build did not leave $binary"

# The version of the workspace (Cargo.toml); a pre-release such as 0.2.0-rc.1 becomes 0.2.0~rc.1,
# which Debian orders before 0.2.0.
pkgid=$(cargo pkgid --locked -p "$CLI_PACKAGE")
version=${pkgid##*[#@]}
version=${version//-/\~}
arch=$(dpkg --print-architecture)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# dpkg-shlibdeps expects the files under debian/PACKAGE (with its DEBIAN folder) beside a
# debian/control.
root="$work/debian/shenguan"

install -D -m 0755 "$binary" "$root/usr/bin/shenguan"
# The release profile keeps line tables for developers' backtraces and profiles, which make the
# program five times its size; the package strips them and the symbols, as Debian does (dh_strip).
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/shenguan"
install -D -m 0644 "$HERE/shenguan.service" "$root/lib/systemd/system/shenguan.service"
install -D -m 0644 "$HERE/shenguan.sysusers" "$root/usr/lib/sysusers.d/shenguan.conf"
install -D -m 0644 "$HERE/copyright" "$root/usr/share/doc/shenguan/copyright"
install -D -m 0644 "$HERE/README.Debian" "$root/usr/share/doc/shenguan/README.Debian"

# The maintainer, as Debian's own tools take it from the environment: whoever builds the package
# for a court's servers names themselves with DEBFULLNAME and DEBEMAIL.
maintainer="${DEBFULLNAME:-The shenguan authors} <${DEBEMAIL:-shenguan@localhost}>"
# A one-entry changelog says which source the package was built from (the commit, "-dirty" when
# the checkout had changes; "unknown" outside git).
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
when=$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")
printf 'shenguan (%s) unstable; urgency=medium\n\n  * shenguan %s, built from commit %s.\n\n -- %s  %s\n' \
    "$version" "$version" "$commit" "$maintainer" "$when" |
    gzip -9n >"$root/usr/share/doc/shenguan/changelog.gz"
chmod 0644 "$root/usr/share/doc/shenguan/changelog.gz"

# The configuration: the service's [store], then every other section of shenguan.example.toml,
# so that the installed file documents each option as the example does.
install -d -m 0755 "$root/etc/shenguan"
{
    cat "$HERE/shenguan.toml.head"
    echo
    awk '/^\[/ { in_store = ($0 == "[store]"); seen = 1 } seen && !in_store' shenguan.example.toml
} >"$root/etc/shenguan/shenguan.toml"
chmod 0644 "$root/etc/shenguan/shenguan.toml"

install -d -m 0755 "$root/DEBIAN"

# Depends: the shared libraries the program is linked against (SQLite is compiled in), at the
# versions its symbols need — taken from the build machine's glibc, so never a guess.
printf 'Source: shenguan\n\nPackage: shenguan\nArchitecture: any\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O -edebian/shenguan/usr/bin/shenguan)
depends=${depends#shlibs:Depends=}
[ -n "$depends" ] || die "dpkg-shlibdeps found no dependencies for the program"

installed_size=$(du -s -k --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
    -e "s/@INSTALLED_SIZE@/$installed_size/" \
    -e "s|@MAINTAINER@|$maintainer|" \
    "$HERE/control.in" >"$root/DEBIAN/control"
install -m 0644 "$HERE/conffiles" "$root/DEBIAN/conffiles"
install -m 0755 "$HERE/postinst" "$HERE/prerm" "$HERE/postrm" "$root/DEBIAN/"
# Checksums of every file but the conffiles, for dpkg --verify.
(cd "$root" && find usr lib -type f -exec md5sum {} + | sort -k2) >"$root/DEBIAN/md5sums"

out_dir="$target_dir/debian"
mkdir -p "$out_dir"
deb="$out_dir/shenguan_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group "$root" "$deb" >/dev/null
echo "$deb"
