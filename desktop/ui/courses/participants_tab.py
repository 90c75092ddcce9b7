"""A group's participants and its waiting list, with the steps each one's state allows.

The rows come from the group window's one read of the register (``Register``), so the
list, the sessions and the header always show the same moment. Every step asks the
service; the buttons only follow what the selected row's state allows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from db.models import AssessmentKind, EnrolmentStatus
from desktop.i18n import N_, NC_, _, format_date
from desktop.services.client_file.labels import ENROLMENT_STATUS
from desktop.services.courses.labels import rate_text
from desktop.services.courses.register import Register
from desktop.ui.admin.common import RowsPanel


@dataclass(frozen=True)
class ParticipantLine:
    """One row: a participant or someone on the waiting list."""

    id: uuid.UUID  # the enrolment
    version: int
    person_id: uuid.UUID
    number: str  # place in the group, or on the waiting list
    name: str
    status: EnrolmentStatus
    state: str
    since: date | None
    rate: float | None
    levels: str
    tests: str
    outcome: str
    offered: bool


COLUMNS = (
    (N_("No."), lambda line: line.number),
    (NC_("person", "Name"), lambda line: line.name),
    (N_("Status"), lambda line: line.state),
    (N_("Since"), lambda line: format_date(line.since) if line.since else ""),
    (N_("Attendance"), lambda line: rate_text(line.rate)
     if line.status is not EnrolmentStatus.WAITING else ""),
    (N_("Level before → after"), lambda line: line.levels),
    (N_("Tests"), lambda line: line.tests),
    (N_("Outcome"), lambda line: line.outcome),
)


def tests_text(register: Register, enrolment_id: uuid.UUID) -> str:
    """"entry: A2 (64) · exit: B1 (81)": a CEFR level by its letter, others by name."""
    words = {"entry": _("entry"), "exit": _("exit")}

    def level_name(code: str) -> str:
        label = register.levels.get(code, code)
        return label.split(" — ")[0]  # "A2 — Pre-intermediate": the letter says it

    return " · ".join(
        f"{words.get(kind, kind)}: {level_name(level)}"
        + (f" ({score})" if score is not None else "")
        for kind, level, score in register.tests.get(enrolment_id, []))


def participant_lines(register: Register) -> list[ParticipantLine]:
    lines = []
    levels = register.levels
    for number, line in enumerate(register.lines, 1):
        before = levels.get(line.level_before_code or "", "—")
        after = levels.get(line.level_after_code or "", "—")
        outcome = format_date(line.finished_on) if line.finished_on else ""
        if line.dropout_reason_code:
            reason = register.reasons.get(line.dropout_reason_code, line.dropout_reason_code)
            outcome = f"{outcome} · {reason}"
        lines.append(ParticipantLine(
            line.enrolment_id, line.version, line.person_id, str(number), line.name,
            line.status, _(ENROLMENT_STATUS[line.status.value]), line.enrolled_on,
            register.line_rate(line.enrolment_id),
            f"{before} → {after}" if line.level_before_code or line.level_after_code else "",
            tests_text(register, line.enrolment_id), outcome, False))
    position = 0
    for row in register.waiting:
        waiting = row.status is EnrolmentStatus.WAITING
        position += waiting
        state = _(ENROLMENT_STATUS[row.status.value])
        if waiting and row.offered_on is not None:
            state = _("Place offered on {day}").format(day=format_date(row.offered_on))
        since = row.waiting_since.date() if waiting and row.waiting_since else row.finished_on
        lines.append(ParticipantLine(
            row.enrolment_id, row.version, row.person_id,
            _("waiting {number}").format(number=position) if waiting else "", row.name,
            row.status,
            state, since, None, "", "", "", row.offered_on is not None))
    return lines


class ParticipantsTab(RowsPanel[ParticipantLine]):
    """The buttons emit what the window should do with the selected participant."""

    add = Signal()
    take_place = Signal(object)  # ParticipantLine
    leave = Signal(object)
    drop_out = Signal(object)
    complete = Signal(object)
    assess = Signal(object, object)  # ParticipantLine, AssessmentKind
    certificate = Signal(object)
    open_file = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.add_button = self.button(self.add.emit)
        self.take_button = self.button(lambda: self._emit(self.take_place))
        self.leave_button = self.button(lambda: self._emit(self.leave))
        self.drop_button = self.button(lambda: self._emit(self.drop_out))
        self.complete_button = self.button(lambda: self._emit(self.complete))
        self.entry_button = self.button(lambda: self._emit_assess(AssessmentKind.ENTRY))
        self.exit_button = self.button(lambda: self._emit_assess(AssessmentKind.EXIT))
        self.certificate_button = self.button(lambda: self._emit(self.certificate))
        self.file_button = self.button(lambda: self._emit(self.open_file))
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _index: self._emit(self.open_file))
        self.open_group = True  # the group takes participants (planned or running)
        self.retranslate()

    def _emit(self, signal: Any) -> None:
        line = self.selected()
        if line is not None:
            signal.emit(line)

    def _emit_assess(self, kind: AssessmentKind) -> None:
        line = self.selected()
        if line is not None:
            self.assess.emit(line, kind)

    def update_buttons(self) -> None:
        line = self.selected()
        status = line.status if line is not None else None
        self.add_button.setEnabled(self.open_group)
        self.take_button.setEnabled(self.open_group and status is EnrolmentStatus.WAITING)
        self.leave_button.setEnabled(status in (EnrolmentStatus.WAITING,
                                                EnrolmentStatus.ENROLLED))
        self.drop_button.setEnabled(status is EnrolmentStatus.ENROLLED)
        self.complete_button.setEnabled(status is EnrolmentStatus.ENROLLED)
        active = status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)
        self.entry_button.setEnabled(active)
        self.exit_button.setEnabled(active)
        self.certificate_button.setEnabled(status is EnrolmentStatus.COMPLETED)
        self.file_button.setEnabled(line is not None)
        if line is not None and status is EnrolmentStatus.ENROLLED:
            self.leave_button.setText(_("&Remove from the group"))
        else:
            self.leave_button.setText(_("&Leave the waiting list"))

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add participants…"))
        self.take_button.setText(_("&Take the place"))
        self.drop_button.setText(_("&Drop-out…"))
        self.complete_button.setText(_("&Completion…"))
        self.entry_button.setText(_("E&ntry test…"))
        self.exit_button.setText(_("E&xit test…"))
        self.certificate_button.setText(_("Ce&rtificate…"))
        self.file_button.setText(_("Client &file"))
        self.table.setAccessibleName(_("Participants and waiting list"))
        self.model.retranslate()
        self.update_buttons()
