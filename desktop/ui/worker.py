"""Long work off the GUI thread: run a function on the thread pool, get its result back.

Results and errors come back through Qt signals, so callbacks run on the GUI
thread. A cancelled task's result is dropped when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancelled = False
        self.setAutoDelete(False)  # the caller keeps it until its signal has fired

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, shown there
            if not self.cancelled:
                self.signals.failed.emit(error)
            return
        if not self.cancelled:
            self.signals.done.emit(result)


def run_task(work: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None]) -> Task:
    task = Task(work)
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_error)
    QThreadPool.globalInstance().start(task)
    return task
