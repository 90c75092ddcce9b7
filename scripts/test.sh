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
.venv/bin/pytest
.venv/bin/pytest --engine=postgresql tests/db tests/services tests/reports \
    tests/ui/test_server_window.py
