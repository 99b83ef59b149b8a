# shellcheck shell=bash
# Shared by build-deb.sh and check-deb.sh (sourced, not run): messages, and the Debian tools they
# need, installed with apt-get when missing — as scripts/test does — or a clear stop, never a skip.

die() {
    echo "${0##*/}: $*" >&2
    exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif have sudo && sudo -n true 2>/dev/null; then
        sudo "$@"
    else
        return 1
    fi
}

# need COMMAND PACKAGE: installs Debian's PACKAGE when COMMAND is missing, or stops saying so.
need() {
    have "$1" && return 0
    have apt-get || die "$1 is missing and this is not a Debian system (no apt-get); install $2"
    echo "${0##*/}: $1 is missing; installing the Debian package $2" >&2
    as_root true || die "$1 is missing; installing $2 needs root (or sudo without a password): apt-get install $2"
    if ! as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=600 update -qq >&2; then
        die "apt-get update failed (its message is above), so $2 cannot be installed"
    fi
    if ! as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$2" >/dev/null; then
        die "apt-get could not install $2 (its message is above)"
    fi
    have "$1" || die "$2 is installed but $1 is still missing"
}
