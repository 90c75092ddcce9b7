"""Language courses from the client file: enrolling the client in a group, and the steps of
an enrolment, as the Services tab's course buttons (``CourseActions``).

- ``EnrolDialog`` lists the groups of the client's office that take participants
  (``courses.enrolment.course_choices``), the best fit for the client's level first, each
  with its days, times, dates, teacher, place and fill; the groups the client is on
  already are shown greyed with their status. Enrolling says plainly whether the client
  got a place or joined the waiting list, and where on it; a refusal (a closed case, a
  finished group, twice) is said under the list.
- ``DropOutDialog`` and ``CompleteDialog`` record the outcome: the reason, or the level
  reached, and the day. ``LeaveListDialog`` asks before taking the client off a waiting
  list. Taking an offered place is one click.

Every call goes through ``operations.Operation``; each write's broadcast reloads the
file (an enrolment names its person), so nothing here refreshes by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from db.models import EnrolmentStatus
from db.session import Database
from desktop.i18n import N_, _, format_number
from desktop.services.access import Actor, Permission
from desktop.services.client_file import ClientFile, CourseItem, Urgency
from desktop.services.client_file.labels import ENROLMENT_STATUS
from desktop.services.courses import enrolment
from desktop.services.courses.enrolment import CourseChoice, Enrolled
from desktop.services.courses.labels import days_text, hours_text
from desktop.ui import operations
from desktop.ui.admin.common import FormDialog, show_message
from desktop.ui.client_file.actions import FileActions
from desktop.ui.client_file.lists import RecordTable, date_range
from desktop.ui.courses.outcome_dialogs import (
    CompleteDialog,
    DropOutDialog,
    Participant,
    StepDialog,
)
from desktop.ui.operations import Failure, Operation

__all__ = ["CompleteDialog", "CourseActions", "DropOutDialog", "EnrolDialog",
           "LeaveListDialog"]

CHOICE_COLUMNS = (N_("Group"), N_("Days and times"), N_("Dates"), N_("Teacher and place"),
                  N_("Places"), N_("Note"))
OUTCOME_STYLE = "font-weight: bold;"
GROUP_WIDTH = 460  # px, the widest the first column grows


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _takes(choice: CourseChoice) -> bool:
    """Whether the client can be put on this group's list (again, after leaving it)."""
    return choice.already is None or choice.already is EnrolmentStatus.WITHDRAWN


def _choice_cells(choice: CourseChoice) -> list[str]:
    group, fill = choice.line.group, choice.line.fill
    level = " ".join(p for p in (group.language, group.level) if p)
    what = "\n".join(p for p in (group.name, " · ".join(p for p in (group.course, level) if p))
                     if p)
    when = "\n".join(p for p in (days_text(group.weekdays),
                                 hours_text(group.starts_at, group.ends_at)) if p)
    who = "\n".join(p for p in (group.teacher, group.place) if p)
    places = _("{taken}/{capacity}").format(taken=format_number(group.capacity - choice.free),
                                            capacity=format_number(group.capacity))
    if choice.free == 0 or fill.waiting:
        places += "\n" + _("waiting list: {count}").format(count=format_number(fill.waiting))
    notes = []
    if choice.already is EnrolmentStatus.WITHDRAWN:
        notes.append(_("Left its waiting list earlier"))
    elif choice.already is not None:
        notes.append(_("Already on its list: {status}").format(
            status=_(ENROLMENT_STATUS[choice.already.value])))
    if choice.rank == 0:
        notes.append(_("Fits the client's level"))
    if _takes(choice) and choice.free == 0:
        notes.append(_("Full: the client joins the waiting list"))
    return [what, when, date_range(group.starts_on, group.ends_on), who, places,
            "\n".join(notes)]


class EnrolDialog(FormDialog):
    """The groups the client can join, best fit first; OK enrols the client in the one
    chosen (or puts them on its waiting list) and the dialog says which, then stays open
    with the list read again, so that a second group can be chosen or the dialog closed."""

    def __init__(self, database: Database, actor: Actor, file: ClientFile,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.today = database, actor, today
        self.person_id, self.name, self.office = (file.person_id, file.header.name,
                                                  file.header.office)
        self.setMinimumSize(1120, 500)
        self.summary = self.add_summary()
        self.table = RecordTable(CHOICE_COLUMNS, self)
        self.table.setMinimumHeight(220)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)  # a group's name is data
        self.outcome.setStyleSheet(OUTCOME_STYLE)
        self.outcome.hide()
        layout = self.layout()
        assert layout is not None
        layout.insertWidget(1, self.table, 1)  # type: ignore[attr-defined]
        layout.insertWidget(2, self.empty)  # type: ignore[attr-defined]
        layout.insertWidget(4, self.outcome)  # type: ignore[attr-defined]
        self.choices: list[CourseChoice] = []
        self.enrolled: Enrolled | None = None  # the last enrolment made here
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.ok_button().setEnabled(False)
        self.chain_focus([self.table])
        self.table.setFocus()
        self.retranslate()
        self.load()


    def close_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)


    # ---- the list ---------------------------------------------------------------------------

    def load(self) -> None:
        database, actor, person_id = self.database, self.actor, self.person_id
        self.loading = True
        Operation(self, lambda: enrolment.course_choices(database, actor, person_id),
                  name="course choices").superseding((id(self), "choices")) \
            .done(self._show_choices).failed(self._unread).run()

    def _show_choices(self, choices: list[CourseChoice]) -> None:
        self.loading = False
        self.choices = choices
        self._fill()

    def _fill(self) -> None:
        blocked = self.table.blockSignals(True)
        self.table.set_rows([(c.line.group.id, _choice_cells(c), Urgency.NONE)
                             for c in self.choices])
        for row, choice in enumerate(self.choices):
            if _takes(choice):
                continue
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:  # greyed and not to be chosen
                    item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsSelectable
                                                   | Qt.ItemFlag.ItemIsEnabled))
        # The group's name, course and level unwrapped where the screen allows.
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), GROUP_WIDTH))
        self.table.resizeRowsToContents()
        self.table.blockSignals(blocked)
        self.table.setVisible(bool(self.choices))
        self.empty.setVisible(not self.choices)
        self._chosen_changed()


    def row_of(self, group_id: uuid.UUID) -> int:
        return next(i for i, c in enumerate(self.choices) if c.line.group.id == group_id)

    def choose(self, group_id: uuid.UUID) -> None:
        self.table.selectRow(self.row_of(group_id))

    def chosen(self) -> CourseChoice | None:
        key = self.table.current_key()
        return next((c for c in self.choices if c.line.group.id == key and _takes(c)), None)

    def _chosen_changed(self) -> None:
        chosen = self.chosen()
        self.ok_button().setEnabled(chosen is not None and not self.writing)
        full = chosen is not None and chosen.free == 0
        self.ok_button().setText(_("Add to the &waiting list") if full else _("&Enrol"))

    # ---- enrolling --------------------------------------------------------------------------

    def save(self) -> None:
        if self.writing:
            return
        chosen = self.chosen()
        if chosen is None:
            show_message(self.message, _("Choose a group from the list."))
            return
        show_message(self.message, "")
        self.outcome.hide()
        database, actor, person_id, today = (self.database, self.actor, self.person_id,
                                             self.today)
        group_id, group = chosen.line.group.id, chosen.line.group.name
        self._busy(True)
        Operation(self, lambda: enrolment.enrol(database, actor, person_id, group_id,
                                                today=today),
                  writes=True, name="enrol in a course") \
            .done(lambda done: self._enrolled(done, group)).failed(self._refused).run()

    def _enrolled(self, done: Enrolled, group: str) -> None:
        self._busy(False)
        self.enrolled, self.saved_id = done, done.enrolment_id
        if not done.waiting:
            text = _("{name} is enrolled in the group {group}.").format(name=self.name,
                                                                      group=group)
        else:
            text = _("The group {group} is full: {name} is on its waiting list at position "
                     "{position}. When a place frees, it is offered in that order, with a "
                     "follow-up for the caseworker.").format(
                group=group, name=self.name, position=format_number(done.position or 1))
        self.outcome.setText(text)
        self.outcome.show()
        self.table.clearSelection()  # that group is taken: OK waits for another choice
        self.close_button().setText(_("Close"))
        self.load()  # the group now shows the client on its list, and its new fill

    def _refused(self, failure: Failure) -> None:
        super()._refused(failure)
        self._chosen_changed()
        self.load()  # the list may have changed meanwhile (a group finished, full...)

    def _busy(self, busy: bool) -> None:
        super()._busy(busy)
        if not busy:
            self._chosen_changed()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Enrol in a course"))
        self.summary.setText(_("Groups of {office} that take participants, those that fit "
                               "the level of {name} first. Choose one for the client.").format(
            office=self.office, name=self.name))
        self.empty.setText(_("No group of {office} takes participants now.").format(
            office=self.office))
        self.table.retranslate()
        self.table.setAccessibleName(_("Course groups"))
        self.close_button().setText(_("Close") if self.enrolled else _("Cancel"))
        self._chosen_changed()
        if self.choices:
            self._fill()  # days and dates in the new language's words at once
            self.load()  # and the groups' labels, which come from the data


def participant_of(course: CourseItem) -> Participant:
    """The enrolment as the shared outcome dialogs take it."""
    summary = " · ".join(p for p in (course.group, course.level, course.state) if p)
    return Participant(course.id, course.version, course.enrolled_on, summary)


class LeaveListDialog(StepDialog):
    """Takes the client off a group's waiting list (declining a place offered, too)."""

    def __init__(self, database: Database, actor: Actor, course: CourseItem, name: str,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, participant_of(course), parent, today=today)
        self.course = course
        self.name = name
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.layout().insertWidget(1, self.question)  # type: ignore[union-attr]
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, course, today = self.database, self.actor, self.course, self.today
        return self._written(lambda: enrolment.withdraw(database, actor, course.id,
                                                        course.version, today=today))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Leave the waiting list"))
        course = self.course
        if course.offered_on is not None:
            text = _("Take {name} off the waiting list of {group}? The place offered to them "
                     "goes to the next on the list.")
        else:
            text = _("Take {name} off the waiting list of {group}? They may join it again "
                     "later, at its end.")
        self.question.setText(text.format(name=self.name, group=course.group))
        self.ok_button().setText(_("&Take off the list"))


class CourseActions(FileActions):
    """The Services tab's course buttons: "Enrol in a course…" for the client, and the steps
    the chosen enrolment allows (take the place offered, leave the waiting list, record the
    drop-out or the completion), enabled as the file, the enrolment and the user allow (the
    services check again)."""

    enrolled = Signal(object)  # the enrolment made or changed, for the tab to choose

    def __init__(self, window: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(window, database, actor)
        self.file: ClientFile | None = None
        self.course: CourseItem | None = None
        self.enrol_action = self._action(self.enrol)
        self.take_action = self._action(self.take_offer)
        self.leave_action = self._action(self.leave_list)
        self.drop_out_action = self._action(self.drop_out)
        self.complete_action = self._action(self.complete)
        self.set_file(None)

    def actions(self) -> list[QAction]:
        return [self.enrol_action, self.take_action, self.leave_action, self.drop_out_action,
                self.complete_action]

    def may_work(self) -> bool:
        """The user works with this client: their role, and their office's client."""
        file = self.file
        if file is None or not self.actor.can(Permission.WORK_WITH_CLIENTS):
            return False
        scope = self.actor.office_scope
        return scope is None or file.office_id == scope

    def set_file(self, file: ClientFile | None) -> None:
        self.file = file
        self.enrol_action.setEnabled(self.may_work())
        self.select(None)

    def select(self, course: CourseItem | None) -> None:
        """The enrolment chosen on the tab (None: none)."""
        self.course = course if self.file is not None else None
        may, course = self.may_work(), self.course
        self.take_action.setEnabled(may and course is not None and course.waiting
                                    and course.offered_on is not None)
        self.leave_action.setEnabled(may and course is not None and course.waiting)
        self.drop_out_action.setEnabled(may and course is not None and course.participating)
        self.complete_action.setEnabled(may and course is not None and course.participating)
        self._explain()

    # ---- the steps --------------------------------------------------------------------------

    def enrol(self) -> EnrolDialog | None:
        if self.file is None or not self.enrol_action.isEnabled():
            return None
        return self._open(EnrolDialog(self.database, self.actor, self.file, self.window,
                                      today=self.today))

    def take_offer(self) -> Operation[None] | None:
        course = self.course
        if course is None or not self.take_action.isEnabled():
            return None
        self.take_action.setEnabled(False)  # until the reload shows the client enrolled
        database, actor, today = self.database, self.actor, self.today
        return Operation(self, lambda: enrolment.take_offer(database, actor, course.id,
                                                            course.version, today=today),
                         writes=True, name="take the offered place").failed(self._refused).run()

    def leave_list(self) -> LeaveListDialog | None:
        if self.file is None or self.course is None or not self.leave_action.isEnabled():
            return None
        return self._open(LeaveListDialog(self.database, self.actor, self.course,
                                          self.file.header.name, self.window, today=self.today))

    def drop_out(self) -> DropOutDialog | None:
        if self.course is None or not self.drop_out_action.isEnabled():
            return None
        return self._open(DropOutDialog(self.database, self.actor,
                                        participant_of(self.course), self.window,
                                        today=self.today))

    def complete(self) -> CompleteDialog | None:
        if self.course is None or not self.complete_action.isEnabled():
            return None
        return self._open(CompleteDialog(self.database, self.actor,
                                         participant_of(self.course), self.window,
                                         today=self.today))

    def _refused(self, failure: Failure) -> None:
        self.select(self.course)
        self.tell(failure.message)
        self.reload_requested.emit()  # the enrolment is not as shown: show it as it is

    def tell(self, text: str) -> None:
        """Tests replace this to read the message instead of answering a box."""
        operations.tell(self.window, text)

    def _closed(self, dialog: FormDialog) -> None:
        if dialog.saved_id is not None:
            self.enrolled.emit(dialog.saved_id)
        super()._closed(dialog)

    # ---- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.enrol_action.setText(_("Enrol in a course…"))
        self.take_action.setText(_("Take the offered place"))
        self.leave_action.setText(_("Leave the waiting list…"))
        self.drop_out_action.setText(_("Record drop-out…"))
        self.complete_action.setText(_("Record completion…"))
        for action in self.actions():
            action.setIconText(action.text())  # buttons show the icon text: keep the "…"
        self._explain()
        if self.dialog is not None:
            self.dialog.retranslate()

    def _explain(self) -> None:
        """Each action's tooltip says what it does, or why it cannot be used now."""
        self.enrol_action.setToolTip(
            _("Choose a course group of the client's office for them, the best fit first")
            if self.may_work() else _("You may not work with this client's file."))
        course = self.course
        if course is None:
            why = _("Choose an enrolment in the list first.")
            for action in self.actions()[1:]:
                action.setToolTip(why)
            return
        status = _("The client is “{status}” in this group.").format(status=course.status)
        if not course.waiting:
            self.take_action.setToolTip(status)
        elif course.offered_on is None:
            self.take_action.setToolTip(_("No place has been offered to the client yet: they "
                                          "are no. {position} on the waiting list.").format(
                position=format_number(course.position or 1)))
        else:
            self.take_action.setToolTip(_("Enrol the client into the place offered to them"))
        self.leave_action.setToolTip(
            _("Take the client off the waiting list; a place offered goes to the next")
            if course.waiting else status)
        self.drop_out_action.setToolTip(
            _("Record that the client left the course early, with the reason")
            if course.participating else status)
        self.complete_action.setToolTip(
            _("Record that the client finished the course, with the level reached")
            if course.participating else status)
