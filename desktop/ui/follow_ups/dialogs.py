"""The small dialogs that change a follow-up: a new one, a new due date, another
assignee, and reopening a done one. The client file's Follow-ups tab and Today open
the same dialogs.

Each is an administration-style ``FormDialog``: OK checks what can be checked here
(the services' own pure rules), then writes through the operation runner and closes
once the write succeeded; a refusal about a field shows beside it. The write's
broadcast refreshes every screen that shows the task, so nobody reloads by hand.
When the task is no longer as the screen read it (changed, done or reopened by
someone else, or gone), the dialog says so, offers only Cancel, and emits
``outdated`` so that the screen reads it again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QWidget,
)

from db.errors import StaleRecord
from db.session import Database
from desktop.i18n import _, format_date
from desktop.services import follow_ups
from desktop.services.access import Actor
from desktop.services.follow_ups import FieldProblem, InvalidInput, Problem, problem_text
from desktop.ui.admin.common import FormDialog, show_message
from desktop.ui.operations import Failure, Operation

__all__ = ["DEFAULT_DUE_DAYS", "NewFollowUpDialog", "ReassignDialog", "ReopenDialog",
           "RescheduleDialog", "Task", "TaskDialog", "open_dialog"]

DATE_FORMAT = "dd.MM.yyyy"  # as the consultation form writes dates, in every language
DEFAULT_DUE_DAYS = 7  # a new task, as at a consultation: in a week
# The task is no longer as the screen showed it: the screen reads it again.
OUTDATED = (StaleRecord, follow_ups.NoSuchFollowUp, follow_ups.AlreadyDone,
            follow_ups.StillOpen)


@dataclass(frozen=True)
class Task:
    """The follow-up a dialog changes, as the screen read it."""

    id: uuid.UUID
    version: int
    title: str
    due_on: date
    assignee_id: uuid.UUID | None = None
    client: str = ""  # shown where the screen lists several clients' tasks (Today)


def _texts(problems: list[FieldProblem]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for problem in problems:
        texts.setdefault(problem.field, problem_text(problem))
    return texts


class DueDateEdit(QDateEdit):
    """A due date: written as on Kazakh documents, picked from a calendar, never before
    today (the service refuses one in the past all the same)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(today.year, today.month, today.day))

    def value(self) -> date:
        return self.date().toPython()  # type: ignore[no-any-return]

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class AssigneeCombo(QComboBox):
    """Whom the task may be given to, as the service lists them; ids kept as strings
    (``findData`` cannot match Python objects such as UUIDs)."""

    def set_people(self, people: list[tuple[uuid.UUID, str]], chosen: uuid.UUID | None) -> None:
        self.clear()
        for user_id, name in people:
            self.addItem(name, str(user_id))
        # Someone no longer offered (moved, deactivated) is not chosen in their stead.
        self.setCurrentIndex(self.findData(str(chosen)) if chosen is not None else -1)

    def value(self) -> uuid.UUID | None:
        data = self.currentData() if self.currentIndex() >= 0 else None
        return uuid.UUID(data) if data else None


class TaskDialog(FormDialog):
    """What the four dialogs share: the day it is, refusals placed, the outdated case."""

    outdated = Signal()  # the task changed meanwhile: the screen should read it again
    ready = Signal()  # the list of people arrived: the form can be filled in (``is_ready``)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        # Tests pin the day, as the screens do; otherwise the services ask the clock.
        self.fixed_today = today
        self.today = today or date.today()  # the earliest date the editor offers
        self.caption = QLabel(self)  # "Follow-up:", beside the task a dialog changes
        self.caption.hide()  # until a row holds it: the new task's dialog has none
        self.setMinimumWidth(560)  # a task's title and a problem beside it, unwrapped


    def is_ready(self) -> bool:
        return not self.loading and not self.writing and self.ok_button().isEnabled()

    def load_people(self, combo: AssigneeCombo, chosen: uuid.UUID | None) -> None:
        """Fill ``combo`` off the GUI thread; OK waits for it."""
        database, actor = self.database, self.actor
        self.loading = True
        self.ok_button().setEnabled(False)
        show_message(self.message, "")

        def arrived(people: list[tuple[uuid.UUID, str]]) -> None:
            self.loading = False
            combo.set_people(people, chosen)
            self.ok_button().setEnabled(True)
            self.ready.emit()

        def refused(failure: Failure) -> None:
            self.loading = False
            show_message(self.message, failure.message)  # OK stays off: there is no list

        Operation(self, lambda: follow_ups.caseworkers(database, actor),
                  name="follow-up: assignees").done(arrived).failed(refused).run()

    def placed(self, failure: Failure) -> dict[str, str]:
        error = failure.error
        return _texts(error.problems) if isinstance(error, InvalidInput) else {}

    def _refused(self, failure: Failure) -> None:
        super()._refused(failure)
        if isinstance(failure.error, OUTDATED):
            self.ok_button().setEnabled(False)  # the version it holds would be refused again
            self.outdated.emit()

    def add_task_row(self, task: Task) -> QLabel:
        """The task being changed, as a form row of its own above the fields."""
        label = QLabel(task.title if not task.client else f"{task.title} — {task.client}",
                       self)
        label.setWordWrap(True)
        self.form.addRow(self.caption, label)
        self.caption.show()
        return label


class NewFollowUpDialog(TaskDialog):
    """A new task for one client: what, by when, by whom (the user unless chosen)."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.person_id = person_id
        self.title = QLineEdit(self)
        self.title.setMaxLength(follow_ups.MAX_TITLE)
        self.due = DueDateEdit(self.today, self)
        self.due.set_value(self.today + timedelta(days=DEFAULT_DUE_DAYS))
        self.assignee = AssigneeCombo(self)
        for key, field in (("title", self.title), ("due_on", self.due),
                           ("assignee", self.assignee)):
            self.form.add(key, field, self)
        self.chain_focus([self.title, self.due, self.assignee])
        self.title.setFocus()
        self.retranslate()
        self.load_people(self.assignee, actor.user_id)

    def problems(self) -> dict[str, str]:
        found = follow_ups.check_title(self.title.text()) + follow_ups.check_due(
            self.due.value(), self.today)
        if self.assignee.value() is None:
            found.append(FieldProblem("assignee", Problem.REQUIRED))
        return _texts(found)

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id = self.database, self.actor, self.person_id
        today = self.fixed_today
        title, due_on, assignee = self.title.text(), self.due.value(), self.assignee.value()
        return lambda: follow_ups.create(database, actor, person_id, title, due_on, assignee,
                                         today=today)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New follow-up"))
        self.form.set_label("title", _("&What is to be done:"))
        self.form.set_label("due_on", _("&Due:"))
        self.form.set_label("assignee", _("&Assignee:"))


class RescheduleDialog(TaskDialog):
    """Another due date for an open task (a call postponed): today or later."""

    def __init__(self, database: Database, actor: Actor, task: Task,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.task = task
        self.what = self.add_task_row(task)
        self.due = DueDateEdit(self.today, self)
        # An overdue or today's task is put off to tomorrow unless another day is chosen.
        self.due.set_value(task.due_on if task.due_on > self.today
                           else self.today + timedelta(days=1))
        self.form.add("due_on", self.due, self)
        self.chain_focus([self.due])
        self.due.setFocus()
        self.retranslate()

    def problems(self) -> dict[str, str]:
        return _texts(follow_ups.check_due(self.due.value(), self.today))

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, task, today = self.database, self.actor, self.task, self.fixed_today
        due_on = self.due.value()

        def work() -> uuid.UUID:
            follow_ups.reschedule(database, actor, task.id, task.version, due_on, today=today)
            return task.id

        return work

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reschedule follow-up"))
        self.caption.setText(_("Follow-up:"))
        self.form.set_label("due_on", _("New &due date:"))
        self.due.setToolTip(_("Due until now: {date}").format(date=format_date(self.task.due_on)))


class ReassignDialog(TaskDialog):
    """An open task given to someone else the user may give it to."""

    def __init__(self, database: Database, actor: Actor, task: Task,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.task = task
        self.what = self.add_task_row(task)
        self.assignee = AssigneeCombo(self)
        self.form.add("assignee", self.assignee, self)
        self.chain_focus([self.assignee])
        self.assignee.setFocus()
        self.retranslate()
        self.load_people(self.assignee, task.assignee_id)

    def problems(self) -> dict[str, str]:
        if self.assignee.value() is None:
            return _texts([FieldProblem("assignee", Problem.REQUIRED)])
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, task = self.database, self.actor, self.task
        assignee = self.assignee.value()
        assert assignee is not None  # problems() said so before

        def work() -> uuid.UUID:
            follow_ups.assign(database, actor, task.id, task.version, assignee)
            return task.id

        return work

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reassign follow-up"))
        self.caption.setText(_("Follow-up:"))
        self.form.set_label("assignee", _("Give it &to:"))


class ReopenDialog(TaskDialog):
    """A done task made open again, with the reason (kept with the task; the audit log
    keeps who had done it, when, and what they wrote)."""

    def __init__(self, database: Database, actor: Actor, task: Task,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.task = task
        self.what = self.add_task_row(task)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(follow_ups.MAX_COMMENT)
        self.form.add("reason", self.reason, self)
        self.chain_focus([self.reason])
        self.reason.setFocus()
        self.retranslate()

    def problems(self) -> dict[str, str]:
        if not self.reason.text().strip():
            return _texts([FieldProblem("reason", Problem.REQUIRED)])
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, task, reason = self.database, self.actor, self.task, self.reason.text()

        def work() -> uuid.UUID:
            follow_ups.reopen(database, actor, task.id, task.version, reason)
            return task.id

        return work

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reopen follow-up"))
        self.caption.setText(_("Follow-up:"))
        self.form.set_label("reason", _("&Why is it to be done again:"))


def open_dialog(dialog: TaskDialog, outdated: Callable[[], None]) -> TaskDialog:
    """Open it window-modal without a nested event loop (``open``, not ``exec``); it is
    freed once closed, and ``outdated`` runs if the task turns out to have changed."""
    dialog.outdated.connect(outdated)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog
