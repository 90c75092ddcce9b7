"""Time from `qadam` starting to the first screen of the client list, on the
100,000-client database (target: under 1 s): measured inside the process from
its first line (imports included), and from the outside, from launching the
interpreter to the moment the painted list is reported.

    .venv/bin/python benchmarks/window_start.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

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
    inside, whole = [], []
    for _ in range(runs):
        started = time.perf_counter()
        with subprocess.Popen([sys.executable, "-c", PROBE, str(BIG_DATABASE)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True) as process:
            assert process.stdout is not None
            line = process.stdout.readline()
            whole.append((time.perf_counter() - started) * 1000)
        inside.append(float(line.strip()))
    print(f"first screen of the client list on {BIG_DATABASE.name}, {runs} starts:")
    print(f"  from the first line to the painted list: median {statistics.median(inside):.0f} ms,"
          f" worst {max(inside):.0f} ms")
    print(f"  from launching the interpreter: median {statistics.median(whole):.0f} ms,"
          f" worst {max(whole):.0f} ms")


if __name__ == "__main__":
    main()
