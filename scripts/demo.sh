#!/usr/bin/env sh
# Sets Qadam up (see setup.sh), creates a demo database once, and opens the app on it.
# QADAM_DEMO_CLIENTS changes how many clients the demo database gets (default 100000).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
DEMO_DB="${QADAM_DEMO_DB:-$(.venv/bin/python -c 'from desktop.paths import data_dir; print(data_dir() / "demo.db")')}"
if [ ! -s "$DEMO_DB" ]; then
    mkdir -p "$(dirname "$DEMO_DB")"
    .venv/bin/qadam --db "$DEMO_DB" demo --clients "${QADAM_DEMO_CLIENTS:-100000}"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: starting the window on a virtual screen (xvfb-run)." >&2
    exec xvfb-run -a .venv/bin/qadam --db "$DEMO_DB"
fi
exec .venv/bin/qadam --db "$DEMO_DB"
