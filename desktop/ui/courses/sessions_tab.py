"""A group's timetable: each session's day, whether it was held, moved or cancelled, and
how many came."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.i18n import N_, _, format_date, weekday_names
from desktop.services.courses.labels import rate_text
from desktop.services.courses.register import Mark, Register
from desktop.ui.admin.common import RowsPanel


@dataclass(frozen=True)
class SessionLine:
    id: uuid.UUID
    version: int
    held_on: date
    cancelled: bool
    moved_from: date | None
    past: bool
    present: int
    marked: int
    rate: float | None

    @property
    def state(self) -> str:
        if self.cancelled:
            return _("Cancelled")
        if self.moved_from is not None:
            return _("Moved from {day}").format(day=format_date(self.moved_from, "short"))
        return _("Held") if self.past else _("To come")


COLUMNS = (
    (N_("Date"), lambda line: format_date(line.held_on, "medium")),
    (N_("Day"), lambda line: weekday_names("wide")[line.held_on.isoweekday() - 1]),
    (N_("Session"), lambda line: line.state),
    (N_("Present"), lambda line: f"{line.present}/{line.marked}" if line.marked else ""),
    (N_("Attendance"), lambda line: rate_text(line.rate) if line.marked else ""),
)


def session_lines(register: Register) -> list[SessionLine]:
    lines = []
    for meeting in register.sessions:
        marks = [m for (_e, s), m in register.marks.items() if s == meeting.id]
        lines.append(SessionLine(
            meeting.id, meeting.version, meeting.held_on, meeting.cancelled, meeting.moved_from,
            meeting.held_on <= register.today, sum(m is Mark.PRESENT for m in marks), len(marks),
            register.session_rate(meeting.id)))
    return lines


class SessionsTab(RowsPanel[SessionLine]):
    move = Signal(object)  # SessionLine
    cancel = Signal(object)
    restore = Signal(object)
    sheet = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.move_button = self.button(lambda: self._emit(self.move))
        self.cancel_button = self.button(lambda: self._emit(self.cancel))
        self.restore_button = self.button(lambda: self._emit(self.restore))
        self.sheet_button = self.button(lambda: self._emit(self.sheet))
        self.buttons.addStretch(1)
        self.may_plan = False  # a manager, or the group's teacher, in an open group
        self.table.activated.connect(lambda _index: self._emit(self.sheet))
        self.retranslate()

    def _emit(self, signal: Any) -> None:
        line = self.selected()
        if line is not None:
            signal.emit(line)

    def update_buttons(self) -> None:
        line = self.selected()
        unmarked = line is not None and not line.marked
        self.move_button.setEnabled(self.may_plan and unmarked and not line.cancelled)
        self.cancel_button.setEnabled(self.may_plan and unmarked and not line.cancelled)
        self.restore_button.setEnabled(self.may_plan and line is not None and line.cancelled)
        self.sheet_button.setEnabled(line is not None and not line.cancelled)

    def retranslate(self) -> None:
        self.move_button.setText(_("&Move…"))
        self.cancel_button.setText(_("&Cancel the session"))
        self.restore_button.setText(_("&Restore"))
        self.sheet_button.setText(_("Attendance &sheet…"))
        self.table.setAccessibleName(_("Sessions"))
        self.model.retranslate()
        self.update_buttons()


class MoveSessionDialog(QDialog):
    """Ask for the new day; the service checks it (within the dates, not taken)."""

    def __init__(self, line: SessionLine, first: date, last: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Move the session"))
        label = QLabel(_("The session of {day} moves to:").format(
            day=format_date(line.held_on, "long")), self)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDateRange(QDate(first.year, first.month, first.day),
                              QDate(last.year, last.month, last.day))
        self.day.setDate(QDate(line.held_on.year, line.held_on.month, line.held_on.day))
        self.day.setAccessibleName(_("New day"))
        label.setBuddy(self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.day)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        return self.day.date().toPython()  # type: ignore[return-value]
