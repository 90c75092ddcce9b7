"""The dialogs of the Case plan tab: a new goal, a corrected goal, a service linked to one.

Each is an administration-style ``FormDialog``: OK checks what the service's own pure
rules can check here, then writes through the operation runner and closes once the
write succeeded; a refusal about a field shows beside it. The write's broadcast
reloads the client file, so nothing here refreshes by hand. When the goal is no
longer as the tab read it (changed or deleted by someone else, or its case closed
meanwhile), the dialog says so, offers only Cancel, and emits ``outdated`` so that
the file is read again. The lists they offer (areas, the client's services) are
read off the GUI thread as they open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QWidget,
)

from db.errors import StaleRecord
from db.session import Database
from desktop.i18n import _, format_date
from desktop.services import case_plan
from desktop.services.access import Actor
from desktop.services.case_plan import Field, GoalDetails, InvalidGoal, LinkableService
from desktop.services.cases import NoSuchCase
from desktop.services.client_file.items import GoalItem
from desktop.services.messages import describe
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, show_message, text_field
from desktop.ui.client_file.fields import OptionalDateEdit
from desktop.ui.operations import Failure, Operation
from desktop.ui.scroll_safe import ScrollSafeCombo

__all__ = ["EditGoalDialog", "GoalDialog", "LinkServiceDialog", "NewGoalDialog", "PlanDialog"]

# The goal is no longer as the tab showed it: the file is read again.
OUTDATED = (StaleRecord, case_plan.NoSuchGoal, case_plan.PlanClosed, NoSuchCase)


def describe_goal(goal: GoalItem) -> str:
    """One line naming the goal a dialog changes: area, goal, target date."""
    parts = [goal.area, goal.description]
    if goal.target_date is not None:
        parts.append(_("by {date}").format(date=format_date(goal.target_date)))
    return " · ".join(p for p in parts if p)


class PlanDialog(FormDialog):
    """What the three share: the goal's line above the form, refusals placed beside their
    fields, and the outdated case."""

    outdated = Signal()  # the goal changed meanwhile: the file should be read again

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.summary = self.add_summary()
        self.summary.hide()  # until a dialog names the goal it changes
        self.setMinimumWidth(640)  # a field and the problem beside it, unwrapped


    def show_goal(self, goal: GoalItem) -> None:
        self.summary.setText(describe_goal(goal))
        self.summary.show()

    def placed(self, failure: Failure) -> dict[str, str]:
        error = failure.error
        if isinstance(error, InvalidGoal):
            # Each field's own sentence, from the one describer.
            return {field.value: describe(InvalidGoal({field: problem}))
                    for field, problem in error.problems.items()}
        return {}

    def _refused(self, failure: Failure) -> None:
        super()._refused(failure)
        if isinstance(failure.error, OUTDATED):
            self.ok_button().setEnabled(False)  # what it holds would be refused again
            self.outdated.emit()

    def _unread(self, failure: Failure) -> None:
        show_message(self.message, failure.message)  # OK stays off: there is no list


class GoalDialog(PlanDialog):
    """The goal's area, what it is, its target date and a note."""

    def __init__(self, database: Database, actor: Actor, opened_on: date | None,
                 parent: QWidget | None = None, *,
                 chosen_area: tuple[str, str] | None = None) -> None:
        super().__init__(database, actor, parent)
        self.opened_on = opened_on  # the case's: no target date before it
        self.area = ScrollSafeCombo(self)
        self.area.setEnabled(False)  # until the list of areas has come in
        self.description = text_field(self, 60)
        self.target_date = OptionalDateEdit(self)
        start = date.today()
        self.target_date.editor.setDate(QDate(start.year, start.month, start.day))
        if opened_on is not None:
            self.target_date.editor.setMinimumDate(
                QDate(opened_on.year, opened_on.month, opened_on.day))
        self.target_date.setValue(None)
        self.note = text_field(self, 60)
        for key, field in ((Field.AREA, self.area), (Field.DESCRIPTION, self.description),
                           (Field.TARGET_DATE, self.target_date), (Field.NOTE, self.note)):
            self.form.add(key.value, field, self)
        self.chain_focus([self.area, self.description, self.target_date.editor,
                          self.target_date.unknown, self.note])
        self._chosen_area = chosen_area  # (code, label) to choose once the list is in
        self.ok_button().setEnabled(False)
        Operation(self, lambda: reference_choices(database, case_plan.SERVICE_AREAS),
                  name="service areas").done(self._areas).failed(self._unread).run()

    def is_ready(self) -> bool:
        """The list of areas has come in and no write is under way (tests wait on it)."""
        return self.area.isEnabled() and not self.writing

    def _areas(self, choices: list[tuple[str, str]]) -> None:
        # Item data are codes (strings): QComboBox.findData cannot match other objects.
        for code, label in choices:
            self.area.addItem(label, code)
        index = -1  # a conscious choice, not the first of the list
        if self._chosen_area is not None:
            code, label = self._chosen_area
            index = self.area.findData(code)
            if index < 0:  # an area since taken off the list: still shown, not lost
                self.area.addItem(label, code)
                index = self.area.count() - 1
        self.area.setCurrentIndex(index)
        self.area.setEnabled(True)
        self.ok_button().setEnabled(True)

    def choose_area(self, code: str) -> None:
        self.area.setCurrentIndex(self.area.findData(code))

    def details(self) -> GoalDetails:
        code = self.area.currentData() if self.area.currentIndex() >= 0 else None
        return GoalDetails(code, self.description.toPlainText(), self.target_date.value(),
                           self.note.toPlainText())

    def fill(self, goal: GoalItem) -> None:
        self.description.setPlainText(goal.description)
        self.target_date.setValue(goal.target_date)
        self.note.setPlainText(goal.note)

    def problems(self) -> dict[str, str]:
        found = case_plan.check_goal(self.details(), self.opened_on)
        return {field.value: case_plan.problem_text(field, problem)
                for field, problem in found.items()}

    def retranslate(self) -> None:
        self.area.setPlaceholderText(_("Choose an area"))
        self.form.set_label(Field.AREA.value, _("&Area:"))
        self.form.set_label(Field.DESCRIPTION.value, _("&Goal:"))
        self.form.set_label(Field.TARGET_DATE.value, _("&Target date:"))
        self.form.set_label(Field.NOTE.value, _("&Note:"))
        self.target_date.retranslate()
        self.target_date.set_accessible_name(_("Target date"))
        self.description.setPlaceholderText(_("What the client is to reach, e.g. Kazakh at "
                                              "level A2, a job as a welder"))
        self.note.setPlaceholderText(_("How, with whom, what was agreed (optional)"))


class NewGoalDialog(GoalDialog):
    """A goal added to the plan of the client's open case."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 opened_on: date | None, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, opened_on, parent)
        self.person_id = person_id
        self.area.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id, details = (self.database, self.actor, self.person_id,
                                               self.details())
        return lambda: case_plan.add_goal(database, actor, person_id, details)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New goal"))


class EditGoalDialog(GoalDialog):
    """A goal of the plan, corrected (its status stays as it is)."""

    def __init__(self, database: Database, actor: Actor, goal: GoalItem,
                 opened_on: date | None, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, opened_on, parent,
                         chosen_area=(goal.area_code, goal.area))
        self.goal = goal
        self.show_goal(goal)
        self.fill(goal)
        self.description.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, goal, details = self.database, self.actor, self.goal, self.details()

        def work() -> uuid.UUID:
            case_plan.edit_goal(database, actor, goal.id, goal.version, details)
            return goal.id

        return work

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Edit goal"))


class LinkServiceDialog(PlanDialog):
    """One of the client's services, chosen to serve the goal: those of the goal's area
    first, those serving it already left out."""

    FIELD = "service"

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID, goal: GoalItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        self.goal = goal
        self.show_goal(goal)
        self.service = ScrollSafeCombo(self)
        self.service.setEnabled(False)  # until the client's services have come in
        self.service.setMinimumContentsLength(50)
        self.form.add(self.FIELD, self.service, self)
        self.chain_focus([self.service])
        self.offered: list[LinkableService] = []
        self.ok_button().setEnabled(False)
        self.service.setFocus()
        self.retranslate()
        Operation(self, lambda: case_plan.linkable_services(database, actor, person_id),
                  name="linkable services").done(self._services).failed(self._unread).run()

    def is_ready(self) -> bool:
        return self.service.isEnabled() and not self.writing

    def _services(self, services: list[LinkableService]) -> None:
        serving = {s.service_id for s in self.goal.services}
        # Stable sort: newest first within each group, as the service gave them.
        offered = sorted((s for s in services if s.id not in serving),
                         key=lambda s: s.area_code != self.goal.area_code)
        self.offered = offered
        for index, service in enumerate(offered):
            self.service.addItem(service.label, str(index))
        self.service.setCurrentIndex(0 if offered else -1)
        self.service.setEnabled(bool(offered))
        self.ok_button().setEnabled(bool(offered))
        if not offered:
            show_message(self.message, _("The client has no enrolment, referral or placement "
                                         "that could serve this goal yet.")
                         if not services else _("Every service of the client serves this "
                                                "goal already."))

    def choose(self, service_id: uuid.UUID) -> None:
        index = next(i for i, s in enumerate(self.offered) if s.id == service_id)
        self.service.setCurrentIndex(index)

    def chosen(self) -> LinkableService | None:
        index = self.service.currentIndex()
        return self.offered[index] if 0 <= index < len(self.offered) else None

    def problems(self) -> dict[str, str]:
        if self.chosen() is None:
            return {self.FIELD: _("Choose a service from the list.")}
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, goal_id, chosen = self.database, self.actor, self.goal.id, self.chosen()
        assert chosen is not None  # problems() has checked
        return lambda: case_plan.link_service(database, actor, goal_id, chosen.kind, chosen.id)

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, case_plan.AlreadyServing | case_plan.NotTheClientsService
                      | case_plan.NoSuchService):
            return {self.FIELD: failure.message}
        return super().placed(failure)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Link a service to the goal"))
        self.service.setPlaceholderText(_("Choose a service"))
        self.form.set_label(self.FIELD, _("&Service:"))
