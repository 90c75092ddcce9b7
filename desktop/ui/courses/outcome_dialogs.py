"""A participant's outcome and level tests: dropping out, completing, entry and exit tests.

Shared by the group window and the client file's Services tab: each gives the
``Participant`` (the enrolment, its version, when it began and the line that names
it). Each dialog is a ``FormDialog``: OK runs the service off the GUI thread and the
dialog closes only when that succeeded; a refusal stays in the dialog, beside its
field where it has one, and ``was_refused`` tells the opener to read the list again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton, QWidget

from db.models import AssessmentKind
from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor
from desktop.services.courses import assessments, enrolment
from desktop.services.courses.errors import InvalidOutcome
from desktop.services.messages import describe
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, OptionalSpin, show_message
from desktop.ui.operations import Failure, Operation
from desktop.ui.scroll_safe import ScrollSafeCombo, ScrollSafeDateEdit

DROPOUT_REASONS = "dropout_reason"
LEVELS = "language_level"


@dataclass(frozen=True)
class Participant:
    enrolment_id: uuid.UUID
    version: int
    enrolled_on: date
    summary: str  # the line above the form: who, in which group, in what state


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StepDialog(FormDialog):
    """What the steps on one enrolment share: its line above the form, and a refusal that
    means the list is no longer as shown (``was_refused``: the opener reads it again)."""

    def __init__(self, database: Database, actor: Actor, participant: Participant,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.participant = database, actor, participant
        self.today = today
        self.summary = self.add_summary()
        self.summary.setText(participant.summary)
        self.was_refused = False
        self.setMinimumWidth(560)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _written(self, step: Callable[[], object]) -> Callable[[], uuid.UUID]:
        enrolment_id = self.participant.enrolment_id

        def write() -> uuid.UUID:
            step()
            return enrolment_id

        return write

    def placed(self, failure: Failure) -> dict[str, str]:
        self.was_refused = True
        return {}

    def _unread(self, failure: Failure) -> None:
        show_message(self.message, failure.message)


class _OutcomeDialog(StepDialog):
    """A choice from a reference list (why, or what level) and the day it happened: from
    the enrolment to today."""

    CHOICE = "choice"
    DAY = "day"
    REQUIRED = InvalidOutcome.Why.REASON_REQUIRED

    def __init__(self, database: Database, actor: Actor, participant: Participant, table: str,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, participant, parent, today=today)
        self.choice = ScrollSafeCombo(self)
        self.choice.setEnabled(False)  # until the list has come in
        self.day = ScrollSafeDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")  # as the profile's dates
        last = today or date.today()
        first = min(participant.enrolled_on, last)
        self.day.setDateRange(_qdate(first), _qdate(last))
        self.day.setDate(_qdate(last))
        self.form.add(self.CHOICE, self.choice, self)
        self.form.add(self.DAY, self.day, self)
        self.chain_focus([self.choice, self.day])
        self.ok_button().setEnabled(False)
        self.choice.setFocus()
        Operation(self, lambda: reference_choices(database, table), name=f"{table} list") \
            .done(self._choices).failed(self._unread).run()

    def is_ready(self) -> bool:
        return self.choice.isEnabled() and not self.writing

    def _choices(self, choices: list[tuple[str, str]]) -> None:
        for code, label in choices:
            if code != "native":  # nobody reaches "native speaker" in a course
                self.choice.addItem(label, code)
        self.choice.setCurrentIndex(-1)  # a conscious choice, not the first of the list
        self.choice.setEnabled(True)
        self.ok_button().setEnabled(True)

    def choose(self, code: str) -> None:
        self.choice.setCurrentIndex(self.choice.findData(code))

    def chosen(self) -> str | None:
        return self.choice.currentData() if self.choice.currentIndex() >= 0 else None

    def on(self) -> date:
        return self.day.date().toPython()  # type: ignore[no-any-return]

    def problems(self) -> dict[str, str]:
        if self.chosen() is None:
            return {self.CHOICE: describe(InvalidOutcome(self.REQUIRED))}
        return {}

    def placed(self, failure: Failure) -> dict[str, str]:
        super().placed(failure)
        error = failure.error
        if isinstance(error, InvalidOutcome):
            field = self.DAY if error.why is InvalidOutcome.Why.DATE_OUTSIDE else self.CHOICE
            return {field: failure.message}
        return {}


class DropOutDialog(_OutcomeDialog):
    """The participant left the course early: why (the list ``dropout_reason``) and when."""

    def __init__(self, database: Database, actor: Actor, participant: Participant,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, participant, DROPOUT_REASONS, parent, today=today)
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, who, today = self.database, self.actor, self.participant, self.today
        reason, on = self.chosen(), self.on()
        return self._written(lambda: enrolment.drop_out(
            database, actor, who.enrolment_id, who.version, reason, on, today=today))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Record drop-out"))
        self.choice.setPlaceholderText(_("Choose a reason"))
        self.form.set_label(self.CHOICE, _("&Reason:"))
        self.form.set_label(self.DAY, _("&Left on:"))
        self.ok_button().setText(_("Record &drop-out"))


class CompleteDialog(_OutcomeDialog):
    """The participant finished the course: the level reached (``language_level``), when."""

    REQUIRED = InvalidOutcome.Why.LEVEL_REQUIRED

    def __init__(self, database: Database, actor: Actor, participant: Participant,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, participant, LEVELS, parent, today=today)
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, who, today = self.database, self.actor, self.participant, self.today
        level, on = self.chosen(), self.on()
        return self._written(lambda: enrolment.complete(
            database, actor, who.enrolment_id, who.version, level, on, today=today))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Record completion"))
        self.choice.setPlaceholderText(_("Choose the level"))
        self.form.set_label(self.CHOICE, _("&Level reached:"))
        self.form.set_label(self.DAY, _("&Completed on:"))
        self.ok_button().setText(_("Record &completion"))


class AssessmentDialog(_OutcomeDialog):
    """An entry or exit test: the level, the day, a score (optional) and who assessed."""

    REQUIRED = InvalidOutcome.Why.LEVEL_REQUIRED

    def __init__(self, database: Database, actor: Actor, participant: Participant,
                 kind: AssessmentKind, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(database, actor, participant, LEVELS, parent, today=today)
        self.kind = kind
        self.score = OptionalSpin(self, assessments.MAX_SCORE)
        self.assessor = QLineEdit(actor.full_name, self)
        self.form.add("score", self.score, self)
        self.form.add("assessor", self.assessor, self)
        self.chain_focus([self.choice, self.day, self.score, self.assessor])
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, who, kind, today = (self.database, self.actor, self.participant,
                                             self.kind, self.today)
        level, on, assessor = self.chosen(), self.on(), self.assessor.text()
        score = self.score.number()
        return lambda: assessments.record_assessment(database, actor, who.enrolment_id, kind,
                                                     level, score, assessor, on, today=today)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Entry test") if self.kind is AssessmentKind.ENTRY
                            else _("Exit test"))
        self.choice.setPlaceholderText(_("Choose the level"))
        self.form.set_label(self.CHOICE, _("&Level:"))
        self.form.set_label(self.DAY, _("&Tested on:"))
        self.form.set_label("score", _("&Score (0–100):"))
        self.form.set_label("assessor", _("&Assessed by:"))
        self.ok_button().setText(_("&Record the test"))
