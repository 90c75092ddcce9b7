"""Add participants to a group from a search: type a name or an IIN, Enter adds.

The dialog stays open so that a teacher can add a whole class one after another; each
addition says whether the client got a place or a place on the waiting list, and a
refusal (no open case, already on the list) is said in the same line.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.queries.clients import ClientRow
from db.session import Database
from desktop.i18n import _, format_date
from desktop.services import clients
from desktop.services.access import Actor
from desktop.services.courses import enrolment
from desktop.services.courses.enrolment import Enrolled
from desktop.ui.operations import Failure, Operation

RESULTS = 30


class AddParticipantsDialog(QDialog):
    def __init__(self, database: Database, actor: Actor, group_id: uuid.UUID, group_name: str,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.group_id = database, actor, group_id
        self.today = today
        self.group_name = group_name
        self.added: list[uuid.UUID] = []
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.add_button = QPushButton(self)
        self.add_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_selected)
        self.results.itemActivated.connect(lambda _item: self.add_selected())
        self.results.currentRowChanged.connect(
            lambda row: self.add_button.setEnabled(row >= 0))
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(520, 480)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add participants to {group}").format(group=self.group_name))
        self.search.setPlaceholderText(_("Name or IIN"))
        self.search.setAccessibleName(_("Find a client"))
        self.add_button.setText(_("&Add"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter adds the selected client instead of closing the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_selected()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: object, event: object) -> bool:
        # Down from the search field goes to the results, as in the client list.
        if (watched is self.search and isinstance(event, QKeyEvent)
                and event.type() == QKeyEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.results.count()):
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _find(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.results.clear()
            return
        database, actor = self.database, self.actor
        Operation(self, lambda: clients.search_clients(database, actor, text, RESULTS),
                  name="participant search").superseding((id(self), "search")) \
            .done(self._found).failed(self._failed).run()

    def _found(self, rows: list[ClientRow]) -> None:
        self.results.clear()
        for row in rows:
            born = format_date(row.birth_date) if row.birth_date else ""
            text = " · ".join(p for p in (row.name, born, row.iin or "") if p)
            item = QListWidgetItem(text, self.results)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.name)
        if rows:
            self.results.setCurrentRow(0)

    def add_selected(self) -> None:
        item = self.results.currentItem()
        if item is None or not self.add_button.isEnabled():
            return
        person_id = item.data(Qt.ItemDataRole.UserRole)
        name = item.data(Qt.ItemDataRole.UserRole + 1)
        database, actor, group_id, today = self.database, self.actor, self.group_id, self.today
        self.add_button.setEnabled(False)
        Operation(self, lambda: enrolment.enrol(database, actor, person_id, group_id,
                                                today=today),
                  writes=True, name="enrol from group") \
            .done(lambda done: self._added(done, person_id, name)) \
            .failed(self._failed).run()

    def _added(self, done: Enrolled, person_id: uuid.UUID, name: str) -> None:
        self.added.append(person_id)
        self.add_button.setEnabled(self.results.currentItem() is not None)
        if done.waiting:
            self.status.setText(_("{name} is on the waiting list, number {position}.").format(
                name=name, position=done.position))
        else:
            self.status.setText(_("{name} is enrolled.").format(name=name))
        self.search.selectAll()
        self.search.setFocus()

    def _failed(self, failure: Failure) -> None:
        self.add_button.setEnabled(self.results.currentItem() is not None)
        self.status.setText(failure.message)
