#!/bin/sh
# Runs a built Cartable .tar.gz on a clean Debian (a debootstrap minbase chroot with only the
# libraries every desktop has: GL/EGL drivers' loaders and one font), as root:
#
#     sh packaging/linux/check-clean-debian.sh dist/cartable-<version>-linux-x86_64.tar.gz [SUITE]
#
# SUITE defaults to bookworm (Debian 12). It prints the self-test and `courses list` after a
# first start on X11 (a private Xvfb when xvfb is installed on the host). The chroot is left in
# /tmp/cartable-clean-SUITE for inspection; run again to reuse it.
set -eu
archive="$(readlink -f "$1")"
suite="${2:-bookworm}"
root="/tmp/cartable-clean-$suite"
[ "$(id -u)" -eq 0 ] || { echo "check-clean-debian: run as root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
if [ ! -x "$root/bin/sh" ]; then
    debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >/dev/null
    chroot "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install \
        -y -qq --no-install-recommends libgl1 libegl1 fonts-dejavu-core fontconfig-config >/dev/null'
fi
rm -rf "$root/opt/cartable" "$root/root/home"
tar xzf "$archive" -C "$root/opt"
mounted=""
cleanup() {
    for m in $mounted; do umount "$m" 2>/dev/null || true; done
    [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
mount -t proc proc "$root/proc" && mounted="$root/proc"
display=""
if command -v Xvfb >/dev/null; then
    Xvfb :57 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
    sleep 1
    mkdir -p "$root/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix" && mounted="$root/tmp/.X11-unix $mounted"
    display=":57"
fi
chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 sh -c "
    cd /opt && ./cartable/cartable self-test || exit 1
    if [ -n '$display' ]; then
        DISPLAY=$display CARTABLE_HOME=/root/home CARTABLE_QUIT_AFTER_START=1 ./cartable/cartable
    else
        QT_QPA_PLATFORM=offscreen CARTABLE_HOME=/root/home CARTABLE_QUIT_AFTER_START=1 ./cartable/cartable
    fi
    CARTABLE_HOME=/root/home ./cartable/cartable courses list
"
echo "check-clean-debian: $suite ok"
