#!/usr/bin/env bash
# Checks a shenguan .deb before it goes to a server: its fields, the paths it installs, its
# conffile and maintainer scripts, the systemd unit (systemd-analyze verify and security, against
# the package's own files), and — on a machine of the package's architecture — that the program
# runs and reads the configuration it ships with. Every problem is named; any one fails the check.
#
#     packaging/check-deb.sh target/debian/shenguan_0.1.0_amd64.deb
set -euo pipefail
# shellcheck source=packaging/common.sh
source "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || die "usage: packaging/check-deb.sh FILE.deb"
deb=$1
[ -f "$deb" ] || die "$deb: no such file"

need dpkg-deb dpkg
need systemd-analyze systemd

# The unit may not be more exposed than this (systemd-analyze security, in tenths: 2.0); the
# hardening of shenguan.service scores 1.4, so dropping protections fails here.
readonly MAX_EXPOSURE=20
readonly EXPECTED_PATHS="
./usr/bin/shenguan
./lib/systemd/system/shenguan.service
./etc/shenguan/shenguan.toml
./usr/lib/sysusers.d/shenguan.conf
./usr/share/doc/shenguan/copyright
./usr/share/doc/shenguan/README.Debian
./usr/share/doc/shenguan/changelog.gz"

problems=0
problem() {
    echo "${0##*/}: $deb: $*" >&2
    problems=$((problems + 1))
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== dpkg-deb --info"
dpkg-deb --info "$deb"
[ "$(dpkg-deb --field "$deb" Package)" = shenguan ] || problem "the package is not named shenguan"
version=$(dpkg-deb --field "$deb" Version)
arch=$(dpkg-deb --field "$deb" Architecture)
dpkg-deb --field "$deb" Depends | grep -q '^libc6 ' || problem "Depends does not name libc6"

echo "== dpkg-deb --contents"
contents=$(dpkg-deb --contents "$deb")
echo "$contents"
for path in $EXPECTED_PATHS; do
    awk -v p="$path" '$6 == p { found = 1 } END { exit !found }' <<<"$contents" ||
        problem "it does not install ${path#.}"
done
awk '$6 == "./usr/bin/shenguan" { exit $1 != "-rwxr-xr-x" }' <<<"$contents" ||
    problem "/usr/bin/shenguan is not mode 0755"
awk '$2 != "root/root" { exit 1 }' <<<"$contents" || problem "some files are not owned by root"

echo "== control files"
dpkg-deb --control "$deb" "$work/control"
grep -qx /etc/shenguan/shenguan.toml "$work/control/conffiles" 2>/dev/null ||
    problem "DEBIAN/conffiles does not list /etc/shenguan/shenguan.toml"
for script in postinst prerm postrm; do
    if [ ! -x "$work/control/$script" ]; then
        problem "the maintainer script $script is missing or not executable"
    elif ! sh -n "$work/control/$script"; then
        problem "the maintainer script $script is not valid sh (the message is above)"
    fi
done
echo "conffiles, postinst, prerm, postrm: present"

# The unit is checked inside a copy of the package's files, so that ExecStart must name the
# program the package installs; the system's own units (an installed shenguan.service left out)
# are copied in for the targets it names. It is named by its path, found on any systemd.
root="$work/root"
unit=/lib/systemd/system/shenguan.service
mkdir -p "$root/usr/lib/systemd/system"
cp -a /usr/lib/systemd/system/. "$root/usr/lib/systemd/system/"
rm -f "$root/usr/lib/systemd/system/shenguan.service"
dpkg-deb -x "$deb" "$root"

echo "== systemd-analyze verify"
# A wrong directive or value is only a warning (exit status 0), so any output is a failure too.
if ! said=$(systemd-analyze verify --root="$root" "$unit" 2>&1) || [ -n "$said" ]; then
    echo "$said" >&2
    problem "systemd-analyze verify finds fault with shenguan.service (above)"
else
    echo "shenguan.service: no findings"
fi
# verify does not read [Install]: the target `systemctl enable` hooks the service to must exist.
# shellcheck disable=SC2013 # words, not lines: WantedBy= may name several targets
for target in $(sed -n 's/^WantedBy=//p' "$root$unit"); do
    [ -f "$root/usr/lib/systemd/system/$target" ] ||
        problem "shenguan.service is WantedBy=$target, which this systemd does not have"
done

echo "== systemd-analyze security"
if said=$(systemd-analyze security --offline=yes --root="$root" --threshold="$MAX_EXPOSURE" \
    "$unit" 2>&1); then
    grep 'Overall exposure' <<<"$said"
else
    echo "$said" >&2
    problem "shenguan.service is more exposed than $((MAX_EXPOSURE / 10)).$((MAX_EXPOSURE % 10)) (systemd-analyze security, above)"
fi

echo "== the program"
program="$root/usr/bin/shenguan"
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
    echo "not run: the package is for $arch, this machine is $(dpkg --print-architecture)"
else
    if ldd "$program" | grep 'not found'; then
        problem "the program needs libraries this machine does not have (above)"
    fi
    said=$("$program" --version) || problem "shenguan --version failed"
    [ "$said" = "shenguan ${version//\~/-}" ] ||
        problem "the program says '$said', the package's version is $version"
    # Every command reads the configuration first; a key the program does not know is refused.
    SHENGUAN_CONFIG="$root/etc/shenguan/shenguan.toml" \
        "$program" deadline --filed 2026-03-05 --type 民初 >/dev/null ||
        problem "the program refuses the shipped /etc/shenguan/shenguan.toml (the message is above)"
    echo "$said; reads /etc/shenguan/shenguan.toml"
fi

if have lintian; then
    echo "== lintian (advice: its findings do not fail the check)"
    lintian --tag-display-limit 0 "$deb" || true
fi

if [ "$problems" -gt 0 ]; then
    die "$problems problem(s) found in $deb"
fi
echo "check-deb: $deb is fine"
