"""Time from `qadam` starting to the first screen of the client list, on the
100,000-client database (target: under 1 s). Interpreter start-up included.

    .venv/bin/python benchmarks/window_start.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

from common import BIG_DATABASE

PROBE = r"""
import time
started = time.perf_counter()
import sys
from PySide6.QtWidgets import QApplication
from desktop import i18n
from desktop.services.database import open_existing_or_new
from desktop.ui.main_window import MainWindow
app = QApplication(sys.argv)
database = open_existing_or_new(sys.argv[1])
window = MainWindow(database)
window.show()
app.processEvents()
window.clients.table.viewport().repaint()
assert window.model.rowCount() > 0
print(f"{(time.perf_counter() - started) * 1000:.0f}")
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    times = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", PROBE, str(BIG_DATABASE)],
                                capture_output=True, text=True, env=env, check=True)
        times.append(float(result.stdout.strip()))
    print(f"first screen of the client list on {BIG_DATABASE.name}: median "
          f"{statistics.median(times):.0f} ms, worst {max(times):.0f} ms over {runs} starts "
          "(imports, database open, first page, first paint)")


if __name__ == "__main__":
    main()
