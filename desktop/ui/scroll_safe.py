"""Fields that a mouse wheel passing over them leaves alone.

Scrolling a long form (the profile, intake) with the wheel used to change
whatever drop-down or date slid under the pointer: a client's country of
origin silently became another. A field now takes the wheel only once the
user has clicked or tabbed into it; otherwise the wheel scrolls the form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget


def _takes_the_wheel(field: QWidget, event: QWheelEvent) -> bool:
    if field.hasFocus():
        return True
    event.ignore()  # on to the scroll area around the form
    return False


class ScrollSafeCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus

    def wheelEvent(self, event: QWheelEvent) -> None:
        if _takes_the_wheel(self, event):
            super().wheelEvent(event)


class ScrollSafeDateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if _takes_the_wheel(self, event):
            super().wheelEvent(event)
