#!/usr/bin/env sh
# Sets Qadam up (see setup.sh) and runs every check: ruff, the layer contracts, the tests,
# then the database, services and reports suites again on a throw-away PostgreSQL server
# (tests/postgres_server.py starts and stops it), with the window's tests of that server. Arguments go to a single pytest run.
# Headless: Qt draws offscreen, so no display is needed.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --with-postgresql
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/ruff check .
.venv/bin/lint-imports
# pytest exits 5 when it collected no test: that is a failure here too.
if [ "$#" -gt 0 ]; then
    exec .venv/bin/pytest "$@"
fi
# One worker a core, at most four (each builds its own demo database, and on PostgreSQL
# starts its own throw-away server).
WORKERS=$(nproc 2>/dev/null || echo 1)
[ "$WORKERS" -gt 4 ] && WORKERS=4
.venv/bin/pytest -n "$WORKERS"
.venv/bin/pytest -n "$WORKERS" --engine=postgresql tests/db tests/services tests/reports \
    tests/ui/test_server_window.py
