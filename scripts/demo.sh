#!/usr/bin/env sh
# Sets Qadam up (see setup.sh), creates a demo database once, and opens the app on it.
# QADAM_DEMO_CLIENTS changes how many clients the demo database gets (default 100000).
# With no display it opens nothing unless QADAM_VIRTUAL_SCREEN=1 (a virtual screen, xvfb-run).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
DEMO_DB="${QADAM_DEMO_DB:-$(.venv/bin/python -c 'from desktop.paths import data_dir; print(data_dir() / "demo.db")')}"
if [ ! -s "$DEMO_DB" ]; then
    mkdir -p "$(dirname "$DEMO_DB")"
    .venv/bin/qadam --db "$DEMO_DB" demo --clients "${QADAM_DEMO_CLIENTS:-100000}"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    # A window on a virtual screen is one nobody can see, and the script would just seem to
    # hang: only on request (automated checks), else say how to see it.
    if [ "${QADAM_VIRTUAL_SCREEN:-}" != 1 ]; then
        cat >&2 <<EOF
The demo database is ready: $DEMO_DB
No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window was not
opened: on a virtual screen, nobody could see it. To see it, either
  - run "sh scripts/demo.sh" again from a terminal in a desktop session, or
  - give it a display: connect with "ssh -X", or set DISPLAY (e.g. DISPLAY=:0 for your own
    screen), then run it again.
The command line works without a display, for example:
  .venv/bin/qadam --db "$DEMO_DB" search Aliya
To start the window on an invisible virtual screen all the same (for automated checks):
  QADAM_VIRTUAL_SCREEN=1 sh scripts/demo.sh
EOF
        exit 1
    fi
    if ! command -v xvfb-run >/dev/null 2>&1; then
        echo "QADAM_VIRTUAL_SCREEN=1, but xvfb-run is missing: install the xvfb package" \
             "(as root, or run this script as root once)." >&2
        exit 1
    fi
    echo "Starting the window on a virtual screen (xvfb-run): nobody can see it, and this" \
         "waits until it is closed. Press Ctrl+C to stop it." >&2
    exec xvfb-run -a .venv/bin/qadam --db "$DEMO_DB"
fi
exec .venv/bin/qadam --db "$DEMO_DB"
