"""A participant's outcome and level tests: dropping out, completing, entry and exit tests.

Each is a ``FormDialog``: OK runs the service off the GUI thread and the dialog closes
only when it succeeded; a refusal stays in the dialog, worded by the one describer.
The lists (drop-out reasons, levels) are reference lists in the UI language.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QSpinBox, QWidget

from db.models import AssessmentKind
from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor
from desktop.services.courses import assessments, enrolment
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog
from desktop.ui.operations import Operation

NO_SCORE = -1  # the score box's "none" value (shown as a dash)


def _date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDate(QDate(day.year, day.month, day.day))
    edit.setMaximumDate(QDate(day.year, day.month, day.day))
    return edit


class _OutcomeDialog(FormDialog):
    """The participant's name above a choice from a reference list and a date."""

    list_name = ""

    def __init__(self, database: Database, actor: Actor, enrolment_id: uuid.UUID, version: int,
                 participant: str, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.enrolment_id, self.version = enrolment_id, version
        self.today = today or date.today()
        self.summary = self.add_summary()
        self.summary.setText(participant)
        self.choice = QComboBox(self)
        self.on = _date_edit(self, self.today)
        self.form.add("choice", self.choice, self)
        self.form.add("on", self.on, self)
        self.chain_focus([self.choice, self.on])
        self.choice.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self._texts()
        Operation(self, lambda: reference_choices(self.database, self.list_name),
                  name=self.list_name).superseding((id(self), "choices")) \
            .done(self._choices).run()

    def _texts(self) -> None:
        raise NotImplementedError

    def _choices(self, items: list[tuple[str, str]]) -> None:
        chosen = self.choice.currentData()
        self.choice.clear()
        self.choice.addItem("", None)
        for code, label in items:
            if code != "native":
                self.choice.addItem(label, code)
        self.choice.setCurrentIndex(max(self.choice.findData(chosen), 0))

    def day(self) -> date:
        return self.on.date().toPython()  # type: ignore[return-value]


class DropOutDialog(_OutcomeDialog):
    list_name = "dropout_reason"

    def _texts(self) -> None:
        self.setWindowTitle(_("Record a drop-out"))
        self.form.set_label("choice", _("&Why they left"))
        self.form.set_label("on", _("&Last day"))

    def problems(self) -> dict[str, str]:
        if self.choice.currentData() is None:
            return {"choice": _("Choose why the participant dropped out.")}
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, enrolment_id, version = (self.database, self.actor, self.enrolment_id,
                                                  self.version)
        reason, on, today = self.choice.currentData(), self.day(), self.today

        def drop() -> uuid.UUID:
            enrolment.drop_out(database, actor, enrolment_id, version, reason, on, today=today)
            return enrolment_id

        return drop


class CompletionDialog(_OutcomeDialog):
    list_name = "language_level"

    def _texts(self) -> None:
        self.setWindowTitle(_("Record a completion"))
        self.form.set_label("choice", _("&Level reached"))
        self.form.set_label("on", _("&Completed on"))

    def problems(self) -> dict[str, str]:
        if self.choice.currentData() is None:
            return {"choice": _("Choose the level.")}
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, enrolment_id, version = (self.database, self.actor, self.enrolment_id,
                                                  self.version)
        level, on, today = self.choice.currentData(), self.day(), self.today

        def finish() -> uuid.UUID:
            enrolment.complete(database, actor, enrolment_id, version, level, on, today=today)
            return enrolment_id

        return finish


class AssessmentDialog(_OutcomeDialog):
    """An entry or exit test: the level, a score (optional) and who assessed."""

    list_name = "language_level"

    def __init__(self, database: Database, actor: Actor, enrolment_id: uuid.UUID, version: int,
                 participant: str, kind: AssessmentKind, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        self.kind = kind
        super().__init__(database, actor, enrolment_id, version, participant, parent,
                         today=today)
        self.score = QSpinBox(self)
        self.score.setRange(NO_SCORE, assessments.MAX_SCORE)
        self.score.setValue(NO_SCORE)
        self.score.setSpecialValueText("—")
        self.assessor = QLineEdit(actor.full_name, self)
        self.form.add("score", self.score, self)
        self.form.add("assessor", self.assessor, self)
        self.chain_focus([self.choice, self.on, self.score, self.assessor])
        self._texts()

    def _texts(self) -> None:
        self.setWindowTitle(_("Entry test") if self.kind is AssessmentKind.ENTRY
                            else _("Exit test"))
        self.form.set_label("choice", _("&Level"))
        self.form.set_label("on", _("&Tested on"))
        if "score" in self.form.labels:
            self.form.set_label("score", _("&Score (0–100)"))
            self.form.set_label("assessor", _("&Assessed by"))

    def problems(self) -> dict[str, str]:
        if self.choice.currentData() is None:
            return {"choice": _("Choose the level.")}
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, enrolment_id, kind = (self.database, self.actor, self.enrolment_id,
                                               self.kind)
        level, on, today = self.choice.currentData(), self.day(), self.today
        score = None if self.score.value() == NO_SCORE else self.score.value()
        assessor = self.assessor.text()
        return lambda: assessments.record_assessment(database, actor, enrolment_id, kind, level,
                                                     score, assessor, on, today=today)
