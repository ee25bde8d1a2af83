#!/bin/sh
# Sets up Cartable from a clone on Debian or Ubuntu: the system libraries Qt needs, a virtual
# environment in .venv with the player installed in it, and with --test the test dependencies
# and the real servers the tests start (nginx from Debian, the Ralph LRS in .venv-ralph).
# Safe to run again: it installs only what is missing.
set -eu
cd "$(dirname "$0")/.."

# Qt offscreen and on a desktop: audio (QtMultimedia's FFmpeg backend needs libpulse), GL/EGL,
# xkb, xcb platform plugin libraries, fonts with accents.
RUNTIME_PACKAGES="libpulse0 libegl1 libgl1 libopengl0 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
 libfontconfig1 libfreetype6 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
 libx11-xcb1 libxrender1 libxi6 fonts-dejavu-core"
# Tests: nginx serves course repositories, Xvfb and ImageMagick for screenshots, curl and
# openssl for the reference figures of the benchmarks.
TEST_PACKAGES="nginx xvfb imagemagick curl openssl"

packages="$RUNTIME_PACKAGES"
extra=""
if [ "${1:-}" = "--test" ]; then
    packages="$packages $TEST_PACKAGES"
    extra="[test]"
fi
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    packages="$packages python3-venv"
fi

missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
        || missing="$missing $package"
done
if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing Debian packages:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra"

if [ "${1:-}" = "--test" ]; then
    bash packaging/install-ralph.sh
fi
echo "setup: ready (.venv/bin/cartable)"
