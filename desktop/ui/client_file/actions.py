"""What the client file's action sets share: the window they act in, their dialog, a reload.

Each set (the case's, the household's) keeps the window's QActions, enables them
as the file and the user's role allow (the services check again) and opens one
dialog at a time, kept here so it stays alive while open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from db.session import Database
from desktop.services.access import Actor
from desktop.ui.admin.common import FormDialog

D = TypeVar("D", bound=FormDialog)


class FileActions(QObject):
    reload_requested = Signal()  # a dialog closed unsaved after a refusal: show the file as is

    def __init__(self, window: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(window)
        self.window, self.database, self.actor = window, database, actor
        self.today: date | None = None  # None: the real today
        self.dialog: FormDialog | None = None  # the open one, for tests and to keep it alive

    def _action(self, slot: Callable[[], object]) -> QAction:
        action = QAction(self.window)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _open(self, dialog: D) -> D | None:
        if self.dialog is not None:  # one at a time (a second click while the first opens)
            dialog.deleteLater()
            return None
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()  # window-modal, with no event loop of its own
        return dialog

    def _closed(self, dialog: FormDialog) -> None:
        """What the set does once its dialog has closed; it then lets the dialog go.

        A dialog closed unsaved after a refusal (stale, or changed meanwhile) asks for
        the file to be read again, so that it shows how things are now."""
        if dialog.saved_id is None and getattr(dialog, "was_refused", False):
            self.reload_requested.emit()
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
