"""A group's timetable: each session's day, whether it was held, moved or cancelled, and
how many came."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.i18n import N_, _, format_date, weekday_names
from desktop.services.courses.labels import rate_text
from desktop.services.courses.register import Mark, Register
from desktop.ui.admin.common import RowsPanel
from desktop.ui.courses.date_question import DateQuestion


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
            return _("Moved from {day}").format(day=format_date(self.moved_from))
        return _("Held") if self.past else _("To come")


COLUMNS = (
    (N_("Date"), lambda line: format_date(line.held_on)),
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


def move_session_dialog(line: SessionLine, first: date, last: date,
                        parent: QWidget | None = None) -> DateQuestion:
    """Ask for the new day; the service checks it (within the dates, not taken)."""
    return DateQuestion(_("Move the session"), _("The session of {day} moves to:").format(
        day=format_date(line.held_on, "long")), _("New day"), line.held_on, parent,
        first=first, last=last)
