#!/usr/bin/env sh
# Sets up Qadam on a fresh Debian/Ubuntu machine: the system libraries Qt needs
# (when run as root), a virtual environment in .venv and the packages.
# Safe to run again: each step only does what is missing.
# --with-postgresql: also PostgreSQL's server programs, which the tests run a throw-away
# server of (scripts/test.sh); the app itself only ever connects to a server.
set -eu
cd "$(dirname "$0")/.."

# Fonts: DejaVu for Kazakh letters; Droid Sans Fallback (Chinese) and Noto Sans Mongolian
# for names in their original script, in the window and in PDFs (desktop/reports/pdf_scripts.py).
QT_LIBS="libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core \
fonts-droid-fallback fonts-noto-core"
WINDOW_LIBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxkbcommon-x11-0 xvfb xauth"

# On a machine just started, unattended-upgrades or another apt often holds the package
# manager's locks for a few minutes: wait for it instead of stopping with apt's
# "Could not get lock". apt-get install waits by itself with DPkg::Lock::Timeout;
# apt-get update (apt 2.6) does not wait for the lists lock, so it is tried again.
LOCK_WAIT=600
APT_LOCKS="/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock \
/var/cache/apt/archives/lock"
told_waiting=""
installed=""

say_waiting() {
    if [ -z "$told_waiting" ]; then
        echo "Waiting for another package manager to finish… (up to $((LOCK_WAIT / 60)) minutes)"
        told_waiting=1
    fi
}

apt_busy() {
    # fuser (psmisc) may be missing on a fresh machine: then apt's own wait is all there is.
    # shellcheck disable=SC2086
    command -v fuser >/dev/null 2>&1 && fuser $APT_LOCKS >/dev/null 2>&1
}

apt_update() {
    waited=0
    while :; do
        # C locale: the lock message is matched below, and apt translates its messages.
        if output=$(LC_ALL=C apt-get -o DPkg::Lock::Timeout=$LOCK_WAIT update -qq 2>&1); then
            [ -z "$output" ] || printf '%s\n' "$output"
            return 0
        fi
        case "$output" in
            *"Could not get lock"*) [ "$waited" -lt "$LOCK_WAIT" ] || break ;;
            *) break ;;
        esac
        say_waiting
        sleep 5
        waited=$((waited + 5))
    done
    printf '%s\n' "$output" >&2
    return 1
}

TEST_LIBS=""
if [ "${1:-}" = "--with-postgresql" ]; then
    TEST_LIBS="postgresql"
fi

missing=""
for pkg in $QT_LIBS $WINDOW_LIBS $TEST_LIBS; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing system packages:$missing"
        if apt_busy; then say_waiting; fi
        if apt_update; then
            if apt_busy; then say_waiting; fi
            # shellcheck disable=SC2086
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=$LOCK_WAIT \
                install -y -qq --no-install-recommends $missing >/dev/null || installed=no
        else
            installed=no
        fi
        if [ "$installed" = no ]; then
            echo "Could not install the system libraries (apt's message is above). When" \
                 "apt works again, run sh scripts/setup.sh once more." >&2
            exit 1
        fi
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
