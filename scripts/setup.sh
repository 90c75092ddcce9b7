#!/usr/bin/env sh
# Sets up Qadam on a fresh Debian/Ubuntu machine: the system libraries Qt needs
# (when run as root), a virtual environment in .venv and the packages.
# Safe to run again: each step only does what is missing.
set -eu
cd "$(dirname "$0")/.."

QT_LIBS="libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
WINDOW_LIBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxkbcommon-x11-0 xvfb xauth"

missing=""
for pkg in $QT_LIBS $WINDOW_LIBS; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing system libraries for Qt:$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "Qt needs these system packages (install them as root):$missing" >&2
    fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv || {
        echo "Could not create a virtual environment: install python3-venv" >&2; exit 1; }
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# Catalogues are compiled from the .po sources, never committed as .mo.
.venv/bin/pybabel compile -d resources/translations -D qadam >/dev/null 2>&1
