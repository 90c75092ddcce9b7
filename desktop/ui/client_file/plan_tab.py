"""The Case plan tab: the client's individual adaptation and integration plan.

Above it, the case's status with the window's case actions (``set_actions``: close,
reopen, reassign, and what other case steps add). Then the goals, by area as the
file orders them, each with its target date, status and how many services serve
it; the services serving the chosen goal are listed under them. Buttons add, correct
and delete goals, mark them achieved or dropped, reopen them, link and unlink
services (``plan_dialogs``), and print the plan for the client to sign.

Every write goes through ``operations.Operation``; its broadcast reloads the file
(the service notes the person, though a goal names only its case), and the tab
keeps the chosen goal across the reload. Nothing here asks the database itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.errors import StaleRecord
from db.models import GoalStatus
from db.session import Database
from desktop.i18n import N_, _, format_date
from desktop.services import case_plan, cases
from desktop.services.access import Actor
from desktop.services.client_file import ClientFile, GoalItem, Urgency
from desktop.ui import operations
from desktop.ui.client_file.lists import RecordTable
from desktop.ui.client_file.plan_dialogs import (
    OUTDATED,
    EditGoalDialog,
    LinkServiceDialog,
    NewGoalDialog,
    PlanDialog,
)
from desktop.ui.operations import Failure, Operation
from desktop.ui.questions import ask

GOAL_COLUMNS = (N_("Area"), N_("Goal"), N_("Target date"), N_("Status"), N_("Services"),
                N_("Note"), N_("Case"))


def _date(value: Any) -> str:
    return format_date(value) if value is not None else ""


def _status(goal: GoalItem) -> str:
    if goal.status_on is not None:
        return _("{status} on {date}").format(status=goal.status, date=format_date(goal.status_on))
    return goal.status


def _marker(goal: GoalItem) -> str:
    parts = [_("Target date passed")] if goal.urgency is Urgency.LATE else []
    if goal.note:
        parts.append(goal.note)
    return " · ".join(parts)


class CasePlanTab(QWidget):
    reload_requested = Signal()  # a goal changed or went meanwhile: show the file as it is

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.file: ClientFile | None = None
        self.today: date | None = None  # None: the clock's; tests pin it, as the window's
        self.dialog: QWidget | None = None  # the one open, for tests and to keep it alive
        self._wanted: uuid.UUID | None = None  # the goal to choose when the file next arrives

        self.case_status = QLabel(self)
        self.case_status.setWordWrap(True)
        self.case_status.setTextFormat(Qt.TextFormat.PlainText)  # names are data, not markup
        self.case_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.case_bar = QHBoxLayout()
        self.case_bar.addWidget(self.case_status, 1)
        self.case_buttons: list[QToolButton] = []

        self.new_button = self._button(self.new_goal)
        self.edit_button = self._button(self.edit_selected)
        self.achieved_button = self._button(lambda: self.set_status(GoalStatus.ACHIEVED))
        self.drop_button = self._button(lambda: self.set_status(GoalStatus.DROPPED))
        self.reopen_button = self._button(self.reopen_selected)
        self.delete_button = self._button(self.delete_selected)
        self.print_button = self._button(self.print_plan)
        goal_bar = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.achieved_button,
                       self.drop_button, self.reopen_button, self.delete_button):
            goal_bar.addWidget(button)
        goal_bar.addStretch(1)
        goal_bar.addWidget(self.print_button)

        self.table = RecordTable(GOAL_COLUMNS, self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.services_box = QGroupBox(self)
        self.services_table = RecordTable((N_("Service"),), self.services_box)
        self.services_table.horizontalHeader().setVisible(False)
        self.link_button = self._button(self.link_service)
        self.unlink_button = self._button(self.unlink_selected)
        service_bar = QHBoxLayout()
        service_bar.addWidget(self.link_button)
        service_bar.addWidget(self.unlink_button)
        service_bar.addStretch(1)
        inner = QVBoxLayout(self.services_box)
        inner.addLayout(service_bar)
        inner.addWidget(self.services_table)

        layout = QVBoxLayout(self)
        layout.addLayout(self.case_bar)
        layout.addLayout(goal_bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.services_box, 2)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated_key.connect(lambda _key: self.edit_selected())
        self.services_table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()

    def _button(self, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setEnabled(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def set_actions(self, actions: Sequence[QAction]) -> None:
        """A button per action: it follows the action's text, tooltip and enabled state."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.case_bar.addWidget(button)
            self.case_buttons.append(button)

    # ---- the file ---------------------------------------------------------------------------

    def set_file(self, file: ClientFile) -> None:
        wanted = self._wanted or self.table.current_key()
        self.file = file
        case = file.case
        if case is None:
            self.case_status.setText(_("No case"))
        else:
            parts = [case.status, case.office]
            if case.caseworker:
                parts.append(_("Caseworker: {name}").format(name=case.caseworker))
            self.case_status.setText(" · ".join(p for p in parts if p))
        blocked = self.table.blockSignals(True)  # one update of the rest, at the end
        self.table.set_rows([(g.id, [g.area, g.description, _date(g.target_date), _status(g),
                                     str(len(g.services)) if g.services else "",
                                     _marker(g), g.case], g.urgency) for g in file.goals])
        ids = [g.id for g in file.goals]
        if wanted in ids:
            self.table.selectRow(ids.index(wanted))
            if wanted == self._wanted:
                self._wanted = None  # kept until the saved goal is among the rows
        self.table.blockSignals(blocked)
        self.table.setVisible(bool(ids))
        self.empty.setVisible(not ids)
        self._selection_changed()

    def selected(self) -> GoalItem | None:
        key = self.table.current_key()
        return next((g for g in (self.file.goals if self.file else ()) if g.id == key), None)

    def select_goal(self, goal_id: uuid.UUID) -> None:
        """Choose that goal's row (now, or once the file shows it)."""
        self._wanted = goal_id
        if self.file is not None:
            self.set_file(self.file)

    def _may_change_plan(self) -> bool:
        """The file's case is open and this user's office holds it (the service checks again)."""
        case = self.file.case if self.file else None
        return cases.steps_for(self.actor, case).close

    def _changeable(self, goal: GoalItem | None) -> bool:
        case = self.file.case if self.file else None
        return (goal is not None and case is not None and goal.case_id == case.id
                and goal.case_open and self._may_change_plan())

    def _selection_changed(self) -> None:
        goal = self.selected()
        self.services_table.set_rows([(s.id, [s.label], Urgency.NONE)
                                      for s in (goal.services if goal else ())])
        self.services_box.setTitle(
            _("Services serving “{goal}”").format(goal=goal.description) if goal
            else _("Services serving the chosen goal"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        goal = self.selected()
        file = self.file
        changeable = self._changeable(goal)
        self.new_button.setEnabled(self._may_change_plan())
        self.edit_button.setEnabled(changeable)
        settled = goal is not None and goal.is_settled
        self.achieved_button.setEnabled(changeable and not settled)
        self.drop_button.setEnabled(changeable and not settled)
        self.reopen_button.setEnabled(changeable and settled)
        self.delete_button.setEnabled(changeable and goal is not None and not goal.services)
        self.link_button.setEnabled(changeable)
        self.unlink_button.setEnabled(changeable
                                      and self.services_table.current_key() is not None)
        self.print_button.setEnabled(file is not None and file.case is not None)
        self._explain(goal)

    def _explain(self, goal: GoalItem | None) -> None:
        """Tooltips say what a button does, or why it cannot be used now."""
        case = self.file.case if self.file else None
        if case is None:
            why = _("This client has no case: open one to draw up the plan.")
        elif not case.is_open:
            why = _("The case is closed: its plan is kept as it was.")
        elif not self._may_change_plan():
            why = _("This case is held by {office}.").format(office=case.office)
        else:
            why = ""
        self.new_button.setToolTip(why or _("Add a goal to the plan"))
        self.delete_button.setToolTip(
            why or (_("A goal that services serve stays in the plan: drop it instead")
                    if goal is not None and goal.services
                    else _("Delete a goal recorded by mistake")))
        self.achieved_button.setToolTip(why or _("The client has reached the chosen goal"))
        self.drop_button.setToolTip(why or _("The chosen goal is given up"))
        self.reopen_button.setToolTip(why or _("Work on the chosen goal again"))
        self.link_button.setToolTip(why or _("Record that one of the client's enrolments, "
                                             "referrals or placements serves the chosen goal"))
        self.unlink_button.setToolTip(why or _("The chosen service no longer serves the goal "
                                               "(the service itself stays)"))
        self.print_button.setToolTip(_("The plan in the client's language, on one or two "
                                       "pages, to sign with them"))

    # ---- the dialogs ------------------------------------------------------------------------

    def new_goal(self) -> PlanDialog | None:
        if self.file is None or self.file.case is None or not self._may_change_plan():
            return None
        return self._open(NewGoalDialog(self.database, self.actor, self.file.person_id,
                                        self.file.case.opened_on, self))

    def edit_selected(self) -> PlanDialog | None:
        goal = self.selected()
        if not self._changeable(goal) or self.file is None or self.file.case is None:
            return None
        assert goal is not None
        return self._open(EditGoalDialog(self.database, self.actor, goal,
                                         self.file.case.opened_on, self))

    def link_service(self) -> PlanDialog | None:
        goal = self.selected()
        if not self._changeable(goal) or self.file is None:
            return None
        assert goal is not None
        return self._open(LinkServiceDialog(self.database, self.actor, self.file.person_id,
                                            goal, self))

    def _open(self, dialog: PlanDialog) -> PlanDialog | None:
        if self.dialog is not None:  # one at a time (a second click while the first opens)
            dialog.deleteLater()
            return None
        self.dialog = dialog
        dialog.outdated.connect(self.reload_requested)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()  # window-modal, with no event loop of its own
        return dialog

    def _closed(self, dialog: PlanDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if dialog.saved_id is not None and not isinstance(dialog, LinkServiceDialog):
            self._wanted = dialog.saved_id  # the broadcast's reload chooses the goal saved
        dialog.deleteLater()

    def print_plan(self) -> QWidget | None:
        if self.file is None or self.file.case is None:
            return None
        from desktop.ui.reports.plan_record_dialog import PlanRecordDialog

        if self.dialog is not None:
            return None
        dialog = PlanRecordDialog(self.database, self.actor, self.file.person_id, parent=self)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._printed(dialog))
        dialog.open()
        return dialog

    def _printed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # ---- the steps without a dialog ---------------------------------------------------------

    def set_status(self, status: GoalStatus) -> Operation[int] | None:
        goal = self.selected()
        if not self._changeable(goal):
            return None
        assert goal is not None
        database, actor, goal_id, version = self.database, self.actor, goal.id, goal.version
        today = self.today
        return self._write(lambda: case_plan.set_goal_status(database, actor, goal_id, version,
                                                             status, today=today),
                           f"goal {status.value}")

    def reopen_selected(self) -> Operation[int] | None:
        goal = self.selected()
        if goal is None or not goal.is_settled:
            return None
        return self.set_status(case_plan.reopen_status(goal))

    def delete_selected(self) -> Operation[None] | None:
        goal = self.selected()
        if not self._changeable(goal) or goal is None or not self.confirm_delete(goal):
            return None
        database, actor, goal_id, version = self.database, self.actor, goal.id, goal.version
        return self._write(lambda: case_plan.delete_goal(database, actor, goal_id, version),
                           "delete goal")

    def unlink_selected(self) -> Operation[uuid.UUID] | None:
        link_id = self.services_table.current_key()
        if link_id is None or not self._changeable(self.selected()):
            return None
        database, actor = self.database, self.actor
        return self._write(lambda: case_plan.unlink_service(database, actor, link_id),
                           "unlink service")

    def _write(self, work: Callable[[], Any], name: str) -> Operation[Any]:
        for button in (self.achieved_button, self.drop_button, self.reopen_button,
                       self.delete_button, self.unlink_button):
            button.setEnabled(False)  # until the reload shows the result
        return Operation(self, work, writes=True, name=f"case plan: {name}") \
            .failed(self._refused).run()

    def _refused(self, failure: Failure) -> None:
        self._update_buttons()
        self.tell(failure.message)
        if isinstance(failure.error, OUTDATED | StaleRecord | case_plan.NoSuchGoalService):
            self.reload_requested.emit()

    def confirm_delete(self, goal: GoalItem) -> bool:
        """Whether the user confirms deleting the goal (tests replace this)."""
        buttons = QMessageBox.StandardButton
        return ask(
            self, _("Delete goal"),
            _("Delete the goal “{goal}”? Delete only a goal recorded by mistake; a goal "
              "given up is dropped.").format(goal=goal.description),
            buttons.Yes | buttons.No, buttons.No) == buttons.Yes

    def tell(self, text: str) -> None:
        """Tests replace this to read the message instead of answering a box."""
        operations.tell(self, text)

    def retranslate(self) -> None:
        self.table.retranslate()
        self.services_table.retranslate()
        self.table.setAccessibleName(_("Case plan"))
        self.services_table.setAccessibleName(_("Services serving the chosen goal"))
        self.case_status.setAccessibleName(_("Case status"))
        self.empty.setText(_("No goals yet. The plan sets a goal per need — language, work, "
                             "housing, documents, education — each with a target date."))
        self.new_button.setText(_("&New goal…"))
        self.edit_button.setText(_("&Edit…"))
        self.achieved_button.setText(_("Mark &achieved"))
        self.drop_button.setText(_("Drop"))
        self.reopen_button.setText(_("Re&open"))
        self.delete_button.setText(_("Delete"))
        self.link_button.setText(_("Lin&k a service…"))
        self.unlink_button.setText(_("&Unlink"))
        self.print_button.setText(_("P&rint plan…"))
        if self.file is not None:
            self.set_file(self.file)  # dates in the new language's format
        else:
            self._selection_changed()

