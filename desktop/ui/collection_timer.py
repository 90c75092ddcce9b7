"""The window's garbage collection, run from the GUI thread's event loop
(``desktop.collection`` says why)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from desktop import collection
from desktop.ui import operations

# Often enough that the young generations stay as small as Python keeps them, rarely enough
# to cost nothing when there is nothing to collect.
INTERVAL_MS = 250


class CollectionTimer(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        collection.take_over()
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: collection.collect_due(operations.busy()))
        self.timer.start(INTERVAL_MS)
