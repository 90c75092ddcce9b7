"""Guard against a Qt binding that leaks references to None (PySide6 6.12.0 on
CPython 3.11 aborted the app after a few thousand calls)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive() -> None:
    widget = QObject()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.setObjectName("client-file")
    assert sys.getrefcount(None) >= before - 100
