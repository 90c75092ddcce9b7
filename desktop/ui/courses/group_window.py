"""One course group's window: who takes part, when it meets, and its attendance register.

The header says what the group is and offers the steps of its life (start, finish,
cancel...) to a manager; the tabs hold the participants with the waiting list, the
sessions, and the register. The window reads the group once per change (one
``load_register``) and gives each tab its part, so they always agree.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.changes import Changes
from db.models import AssessmentKind, GroupStatus
from db.session import Database
from desktop.i18n import _, format_date_range
from desktop.services.access import Actor, Permission
from desktop.services.courses import enrolment, groups, register
from desktop.services.courses.groups import STEPS
from desktop.services.courses.labels import schedule_text
from desktop.services.courses.messages import group_status_text
from desktop.services.courses.register import Register
from desktop.ui import operations
from desktop.ui.admin.common import ERROR_STYLE
from desktop.ui.courses.date_question import DateQuestion
from desktop.ui.courses.outcome_dialogs import (
    AssessmentDialog,
    CompleteDialog,
    DropOutDialog,
    Participant,
)
from desktop.ui.courses.participants_tab import ParticipantLine, ParticipantsTab, participant_lines
from desktop.ui.courses.screen import COURSE_TABLES
from desktop.ui.courses.sessions_tab import (
    SessionLine,
    SessionsTab,
    move_session_dialog,
    session_lines,
)
from desktop.ui.operations import Failure, Operation
from desktop.ui.questions import ask

# The header's buttons for each step of a group's life, by the status it leads to.
STEP_TEXTS: dict[GroupStatus, Callable[[], str]] = {
    GroupStatus.RUNNING: lambda: _("&Start the course"),
    GroupStatus.FINISHED: lambda: _("&Finish the course"),
    GroupStatus.CANCELLED: lambda: _("Cancel the &group"),
    GroupStatus.PLANNED: lambda: _("&Plan it again"),
}


def reopen_text() -> str:
    """Finished → running reads as reopening, not starting."""
    return _("&Reopen")


class GroupWindow(QWidget):
    open_client = Signal(object, str)  # person id, tab of their file
    closed = Signal()
    loaded = Signal()  # the tabs show fresh data (tests wait on it)

    def __init__(self, database: Database, actor: Actor, group_id: uuid.UUID,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("GroupWindow")
        self.database, self.actor, self.group_id = database, actor, group_id
        self.fixed_today = today
        self.register: Register | None = None
        self.dialog: QWidget | None = None  # the one open, for tests and to keep it alive
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.edit_button = QPushButton(self)
        self.month_button = QPushButton(self)
        self.step_buttons: dict[GroupStatus, QPushButton] = {}
        header_buttons = QHBoxLayout()
        planner = actor.can(Permission.PLAN_SERVICES)
        for status in STEP_TEXTS:
            button = QPushButton(self)
            button.clicked.connect(lambda _c=False, s=status: self.change_status(s))
            button.setVisible(False)
            if planner:
                header_buttons.addWidget(button)
            self.step_buttons[status] = button
        header_buttons.addStretch(1)
        header_buttons.addWidget(self.month_button)
        header_buttons.addWidget(self.edit_button)
        self.edit_button.setVisible(planner)
        self.edit_button.clicked.connect(self.edit_group)
        self.month_button.clicked.connect(self.print_month)

        self.tabs = QTabWidget(self)
        self.participants = ParticipantsTab(self)
        self.sessions = SessionsTab(self)
        from desktop.ui.courses.register_view import RegisterView

        self.register_view = RegisterView(database, actor, group_id, self, today=today)
        # The window's own header names the group already.
        self.register_view.heading.hide()
        self.register_view.details.hide()
        self.tabs.addTab(self.participants, "")
        self.tabs.addTab(self.sessions, "")
        self.tabs.addTab(self.register_view, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(header_buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        self.participants.add.connect(self.add_participants)
        self.participants.take_place.connect(self.take_place)
        self.participants.leave.connect(self.leave)
        self.participants.drop_out.connect(lambda line: self._outcome("drop", line))
        self.participants.complete.connect(lambda line: self._outcome("complete", line))
        self.participants.assess.connect(self.assess)
        self.participants.certificate.connect(self.print_certificate)
        self.participants.open_file.connect(
            lambda line: self.open_client.emit(line.person_id, "services"))
        self.sessions.move.connect(self.move_session)
        self.sessions.cancel.connect(self.cancel_session)
        self.sessions.restore.connect(self.restore_session)
        self.sessions.sheet.connect(self.print_sheet)
        self.close_shortcut = QShortcut(QKeySequence.StandardKey.Close, self)
        self.close_shortcut.activated.connect(self.close)
        operations.hub().changed.connect(self._changed)
        self.resize(1100, 700)
        self.retranslate()
        self.reload()

    # ---- reading ----------------------------------------------------------------------------

    def today(self) -> date:
        return self.fixed_today or date.today()

    def reload(self) -> None:
        database, actor, group_id, today = self.database, self.actor, self.group_id, self.today()
        Operation(self, lambda: register.load_register(database, actor, group_id, today=today),
                  name="group window").superseding((GroupWindow, id(self))) \
            .done(self._shown).failed(self._failed).run()

    def _changed(self, changes: Changes) -> None:
        # A level test may leave the enrolment as it was (the level it found was already
        # the one recorded): its own table says the participants' tests changed.
        if changes.touches(*COURSE_TABLES, "level_assessment", "follow_up", "person"):
            self.reload()

    def _shown(self, read: Register) -> None:
        self.register = read
        group = read.group
        self._say("")
        self.title.setText(group.name)
        self.setWindowTitle(group.name)
        self.participants.open_group = group.status in groups.OPEN
        self.participants.set_rows(participant_lines(read))
        self.sessions.may_plan = group.status in groups.OPEN and (
            self.actor.can(Permission.PLAN_SERVICES) or self._teacher(read))
        self.sessions.set_rows(session_lines(read))
        for status, button in self.step_buttons.items():
            button.setVisible(status in STEPS[group.status])
        self.step_buttons[GroupStatus.RUNNING].setText(
            reopen_text() if group.status is GroupStatus.FINISHED
            else STEP_TEXTS[GroupStatus.RUNNING]())
        self.edit_button.setEnabled(group.status in groups.OPEN)
        self._details()
        self.loaded.emit()

    def _teacher(self, read: Register) -> bool:
        return read.group.teacher_id is not None and read.group.teacher_id == self.actor.user_id

    def _details(self) -> None:
        if self.register is None:
            return
        group = self.register.group
        places = sum(1 for line in self.register.lines
                     if line.status.value in ("enrolled", "completed"))
        waiting = sum(1 for row in self.register.waiting if row.status.value == "waiting")
        parts = [group.course, group.level, group_status_text(group.status),
                 schedule_text(group.weekdays, group.starts_at, group.ends_at),
                 format_date_range(group.starts_on, group.ends_on),
                 _("teacher: {name}").format(name=group.teacher) if group.teacher else "",
                 group.place,
                 _("places: {taken}/{capacity}").format(taken=places, capacity=group.capacity),
                 _("waiting: {count}").format(count=waiting) if waiting else "",
                 group.office]
        self.details.setText(" · ".join(p for p in parts if p))

    def _failed(self, failure: Failure) -> None:
        self._say(failure.message)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Participants"))
        self.tabs.setTabText(1, _("Sessions"))
        self.tabs.setTabText(2, _("Attendance register"))
        self.edit_button.setText(_("&Edit…"))
        self.month_button.setText(_("Register for the &month…"))
        for status, button in self.step_buttons.items():
            button.setText(STEP_TEXTS[status]())
        if self.register is not None and self.register.group.status is GroupStatus.FINISHED:
            self.step_buttons[GroupStatus.RUNNING].setText(reopen_text())
        self.participants.retranslate()
        self.sessions.retranslate()
        retranslate = getattr(self.register_view, "retranslate", None)
        if retranslate is not None:
            retranslate()
        self._details()
        if self.register is not None:
            self.reload()  # course and level names come in the UI language

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)

    # ---- the group's life -------------------------------------------------------------------

    def change_status(self, status: GroupStatus) -> None:
        if self.register is None:
            return
        if status is GroupStatus.CANCELLED:
            buttons = QMessageBox.StandardButton
            asked = ask(
                self, _("Cancel the group"),
                _("Cancel {group}? Everyone enrolled or waiting is taken off its list.").format(
                    group=self.register.group.name), buttons.Yes | buttons.No, buttons.No)
            if asked != QMessageBox.StandardButton.Yes:
                return
        database, actor, group_id = self.database, self.actor, self.group_id
        version, today = self.register.group.version, self.today()
        self._write(lambda: groups.change_status(database, actor, group_id, version, status,
                                                 today=today), "group status")

    def edit_group(self) -> None:
        from desktop.ui.courses.group_dialog import GroupDialog

        self._open(GroupDialog(self.database, self.actor, self.group_id, self,
                               today=self.fixed_today))

    # ---- participants -----------------------------------------------------------------------

    def add_participants(self) -> None:
        from desktop.ui.courses.add_participants import AddParticipantsDialog

        if self.register is not None:
            self._open(AddParticipantsDialog(self.database, self.actor, self.group_id,
                                             self.register.group.name, self,
                                             today=self.fixed_today))

    def take_place(self, line: ParticipantLine) -> None:
        database, actor, today = self.database, self.actor, self.today()
        self._write(lambda: enrolment.take_offer(database, actor, line.id, line.version,
                                                 today=today), "take place")

    def leave(self, line: ParticipantLine) -> None:
        database, actor, today = self.database, self.actor, self.today()
        self._write(lambda: enrolment.withdraw(database, actor, line.id, line.version,
                                               today=today), "leave group")

    def _participant(self, line: ParticipantLine) -> Participant:
        group = self.register.group.name if self.register is not None else ""
        summary = " · ".join(p for p in (line.name, group, line.state) if p)
        return Participant(line.id, line.version, line.since or self.today(), summary)

    def _outcome(self, kind: str, line: ParticipantLine) -> None:
        dialog_class = DropOutDialog if kind == "drop" else CompleteDialog
        self._open(dialog_class(self.database, self.actor, self._participant(line), self,
                                today=self.fixed_today))

    def assess(self, line: ParticipantLine, kind: AssessmentKind) -> None:
        self._open(AssessmentDialog(self.database, self.actor, self._participant(line), kind,
                                    self, today=self.fixed_today))

    # ---- sessions ---------------------------------------------------------------------------

    def move_session(self, line: SessionLine) -> None:
        if self.register is None:
            return
        group = self.register.group
        dialog = move_session_dialog(line, group.starts_on, group.ends_on, self)
        database, actor = self.database, self.actor

        def moved(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                day = dialog.chosen()
                self._write(lambda: groups.move_session(database, actor, line.id, line.version,
                                                        day), "move session")

        dialog.finished.connect(moved)
        self._open(dialog)

    def cancel_session(self, line: SessionLine) -> None:
        database, actor = self.database, self.actor
        self._write(lambda: groups.cancel_session(database, actor, line.id, line.version),
                    "cancel session")

    def restore_session(self, line: SessionLine) -> None:
        database, actor = self.database, self.actor
        self._write(lambda: groups.restore_session(database, actor, line.id, line.version),
                    "restore session")

    # ---- printing ---------------------------------------------------------------------------

    def print_sheet(self, line: SessionLine) -> None:
        from desktop.services.courses import documents

        database, actor = self.database, self.actor
        self._preview(lambda pdf: documents.attendance_sheet(database, actor, line.id, pdf),
                      _("Attendance sheet"), "attendance-sheet.pdf")

    def print_month(self) -> None:
        today = self.today()
        dialog = DateQuestion(_("Register for the month"), _("Month"), _("Month"),
                              today.replace(day=1), self, month_only=True)
        database, actor, group_id = self.database, self.actor, self.group_id

        def chosen(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                return
            from desktop.services.courses import documents

            month = dialog.month()
            self._preview(
                lambda pdf: documents.month_register(database, actor, group_id, month, pdf),
                _("Attendance register"), f"register-{month:%Y-%m}.pdf")

        dialog.finished.connect(chosen)
        self._open(dialog)

    def print_certificate(self, line: ParticipantLine) -> None:
        from desktop.services.courses import documents

        database, actor = self.database, self.actor
        self._preview(lambda pdf: documents.certificate(database, actor, line.id, pdf),
                      _("Certificate of completion"), "certificate.pdf")

    def _preview(self, build: Callable[[Path], Any], title: str, file_name: str) -> None:
        from desktop.ui.reports.record_preview import RecordPreviewDialog

        name = self.register.group.name if self.register is not None else ""
        self._open(RecordPreviewDialog(build, title=title, file_name=file_name,
                                       caption=lambda _record: name, name=file_name,
                                       parent=self))

    # ---- steps ------------------------------------------------------------------------------

    def _write(self, work: Callable[[], Any], name: str) -> None:
        self._say("")
        Operation(self, work, writes=True, name=name).failed(self._failed).run()

    def _open(self, dialog: QWidget) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            dialog.deleteLater()
            return
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))  # type: ignore[attr-defined]
        dialog.open() if isinstance(dialog, QDialog) else dialog.show()

    def _closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
