#!/usr/bin/env sh
# Sets Qadam up (see setup.sh) and runs every check: ruff, the layer contracts, the tests.
# Headless: Qt draws offscreen, so no display is needed.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/ruff check .
.venv/bin/lint-imports
# pytest exits 5 when it collected no test: that is a failure here too.
.venv/bin/pytest "$@"
