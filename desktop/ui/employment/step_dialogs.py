"""The steps of one job or training referral, a retention check, and a training referral:
shared by the client file's Employment tab and a vacancy's list of referrals.

They take plain values, never a ``ClientFile``; ``summary_text`` is the line above the
form that names who and what ("Әлия Серікова · Welder — «Temir» LLP · Referred").
``today`` None means the clock's day (tests and the client file pin it).

    InterviewDialog(database, actor, referral_id, version, summary_text, parent,
                    *, referred_on, interview_on=None, today=None)
        the day of the interview: from the referral up to three months ahead.
    HireDialog(database, actor, referral_id, version, summary_text, parent,
               *, referred_on, position="", sector_code=None, monthly_wage=None, today=None)
        the start day, the position (pre-filled: the vacancy's title), the sector (the
        vacancy's), the monthly wage in tenge and the contract type (required).
    TrainingStartDialog(database, actor, referral_id, version, summary_text, parent,
                        *, referred_on, starts_on=None, today=None)
        the day the course began (its planned start, if that has come).
    CloseReferralDialog(database, actor, referral_id, version, summary_text, parent,
                        *, referred_on, training=False, status_code="referred",
                        started_on=None, today=None)
        the outcome the referral's state allows (not taken, did not go; a training
        course under way: completed, left it), its day and a note.
    RetentionDialog(database, actor, check_id, version, summary_text, parent,
                    *, due_on, started_on, today=None)
        still employed, or when they left (optional) and why; the day checked, from its
        due day to today.
    TrainingReferralDialog(database, actor, person_id, summary_text, parent, *, today=None)
        a new referral to vocational training or requalification: the provider, the
        course, its dates if known.

Each is a ``FormDialog``: OK runs the service off the GUI thread and the dialog closes only
when that succeeded, its ``saved_id`` the referral's (the check's) id. A field's problem is
shown beside it (``step_problem_text``); a refusal that belongs to no field (the vacancy
closed meanwhile, no place left, no open case, changed by someone else) stays in the
dialog, and ``was_refused`` tells the opener to read its list again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from db.models import ContractType, JobReferralKind, JobReferralStatus
from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor
from desktop.services.client_file.labels import JOB_STATUS
from desktop.services.employment import referrals, retention, training_choices
from desktop.services.employment.errors import (
    InvalidStep,
    RetentionNotDue,
    StepField,
    StepProblem,
)
from desktop.services.employment.labels import CONTRACT_TYPES
from desktop.services.employment.messages import step_problem_text
from desktop.services.employment.referrals import (
    ENDINGS,
    MAX_START_AHEAD,
    HireEntry,
    TrainingEntry,
    check_hire,
    check_training,
)
from desktop.services.employment.retention import RetentionOutcome
from desktop.services.employment.training_choices import TrainingChoices
from desktop.services.employment.vacancies import MAX_WAGE
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, OptionalSpin, show_message, text_field
from desktop.ui.operations import Failure
from desktop.ui.scroll_safe import ScrollSafeCombo, ScrollSafeDateEdit

__all__ = ["CloseReferralDialog", "HireDialog", "InterviewDialog", "RetentionDialog",
           "StepDialog", "TrainingReferralDialog", "TrainingStartDialog", "outcomes_for"]

SECTORS = "economic_sector"
LEAVING_REASONS = "job_leaving_reason"
WAGE_STEP = 5_000  # tenge: the arrows move by a sensible amount
HINT_STYLE = "color: #5f6368;"  # as the register's notes
DAY = StepField.DAY.value


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def texts_of(problems: dict[StepField, StepProblem]) -> dict[str, str]:
    """Each problem in words, by the form's key (the field's value)."""
    return {field.value: step_problem_text(field, problem) for field, problem in problems.items()}


def outcomes_for(training: bool, status_code: str) -> list[JobReferralStatus]:
    """The outcomes that may end a referral of that kind in that state (the service's)."""
    kind = JobReferralKind.TRAINING if training else JobReferralKind.JOB
    return [status for status, follows in ENDINGS[kind].items()
            if any(status_code == s.value for s in follows)]


class StepDialog(FormDialog):
    """What the steps share: the line above the form, the day of today, a hint line under
    the summary, and a refusal that means the list is no longer as shown."""

    def __init__(self, database: Database, actor: Actor, record_id: uuid.UUID,
                 version: int | None, summary_text: str, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.record_id, self.version = record_id, version
        self.today = today
        self.summary = self.add_summary()
        self.summary.setText(summary_text)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.layout().insertWidget(1, self.hint)  # type: ignore[union-attr]
        self.was_refused = False
        self.setMinimumWidth(600)

    def day_today(self) -> date:
        return self.today or date.today()



    def date_field(self, first: date, last: date, value: date | None = None) -> ScrollSafeDateEdit:
        field = ScrollSafeDateEdit(self)
        field.setCalendarPopup(True)
        field.setDisplayFormat("dd.MM.yyyy")  # as the profile's dates
        first = min(first, last)
        field.setDateRange(_qdate(first), _qdate(last))
        chosen = value if value is not None and first <= value <= last else min(
            max(self.day_today(), first), last)
        field.setDate(_qdate(chosen))
        return field

    def _written(self, step: Callable[[], object]) -> Callable[[], uuid.UUID]:
        record_id = self.record_id

        def write() -> uuid.UUID:
            step()
            return record_id

        return write

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidStep):
            return texts_of(failure.error.problems)
        self.was_refused = True  # the referral is not as the list showed it
        return {}


class OptionalDateEdit(QWidget):
    """A day, or "not known": a check box beside the editor rather than a magic date.
    (As the profile's own, which this module cannot import: the client file imports it.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = ScrollSafeDateEdit(self)
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("dd.MM.yyyy")
        self.unknown = QCheckBox(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.unknown)
        layout.addStretch(1)
        self.setFocusProxy(self.editor)
        self.unknown.toggled.connect(lambda unknown: self.editor.setEnabled(not unknown))
        self.retranslate()

    def value(self) -> date | None:
        return None if self.unknown.isChecked() else self.editor.date().toPython()  # type: ignore[no-any-return]

    def setValue(self, value: date | None) -> None:
        self.unknown.setChecked(value is None)
        if value is not None:
            self.editor.setDate(_qdate(value))
        self.editor.setEnabled(value is not None)

    def retranslate(self) -> None:
        self.unknown.setText(_("Not known"))


def _radio_row(parent: QWidget, count: int) -> tuple[QWidget, QButtonGroup, list[QRadioButton]]:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(row)
    buttons = []
    for number in range(count):
        button = QRadioButton(row)
        group.addButton(button, number)
        layout.addWidget(button)
        buttons.append(button)
    layout.addStretch(1)
    return row, group, buttons


# ---- a job referral ------------------------------------------------------------------------

class InterviewDialog(StepDialog):
    """The employer invited the client: the day, which may be ahead (up to three months)."""

    def __init__(self, database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                 summary_text: str, parent: QWidget | None = None, *, referred_on: date,
                 interview_on: date | None = None, today: date | None = None) -> None:
        super().__init__(database, actor, referral_id, version, summary_text, parent,
                         today=today)
        self.day = self.date_field(referred_on, self.day_today() + MAX_START_AHEAD,
                                   interview_on)
        self.form.add(DAY, self.day, self)
        self.chain_focus([self.day])
        self.day.setFocus()
        self.retranslate()

    def on(self) -> date:
        return self.day.date().toPython()  # type: ignore[no-any-return]

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today = self.database, self.actor, self.today
        referral_id, version, on = self.record_id, self.version, self.on()
        assert version is not None
        return self._written(lambda: referrals.record_interview(
            database, actor, referral_id, version, on, today=today))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Record the interview"))
        self.hint.setText(_("The day the employer invited the client to: it may be ahead, up "
                            "to three months."))
        self.form.set_label(DAY, _("Interview &day:"))
        self.ok_button().setText(_("&Record the interview"))


class HireDialog(StepDialog):
    """The client was hired: the start, the position, the sector, the wage, the contract."""

    POSITION, SECTOR = StepField.POSITION.value, StepField.SECTOR.value
    WAGE, CONTRACT = StepField.WAGE.value, StepField.CONTRACT.value

    def __init__(self, database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                 summary_text: str, parent: QWidget | None = None, *, referred_on: date,
                 position: str = "", sector_code: str | None = None,
                 monthly_wage: int | None = None, today: date | None = None) -> None:
        super().__init__(database, actor, referral_id, version, summary_text, parent,
                         today=today)
        self.referred_on, self.sector_code = referred_on, sector_code
        self.day = self.date_field(referred_on, self.day_today() + MAX_START_AHEAD)
        self.position = QLineEdit(position, self)
        self.sector = ScrollSafeCombo(self)
        self.wage = OptionalSpin(self, MAX_WAGE, WAGE_STEP)
        self.wage.set_number(monthly_wage)
        self.wage.setGroupSeparatorShown(True)
        self.contract = ScrollSafeCombo(self)
        for code, label in CONTRACT_TYPES.items():
            self.contract.addItem(_(label), code)
        self.contract.setCurrentIndex(-1)  # a conscious choice, not the first of the list
        for key, field in ((DAY, self.day), (self.POSITION, self.position),
                           (self.SECTOR, self.sector), (self.WAGE, self.wage),
                           (self.CONTRACT, self.contract)):
            self.form.add(key, field, self)
        self.chain_focus([self.day, self.position, self.sector, self.wage, self.contract])
        self.day.setFocus()
        self.retranslate()
        self.load(lambda: reference_choices(database, SECTORS), self._sectors, "sectors")

    def _sectors(self, choices: object) -> None:
        chosen = self.sector.currentData() or self.sector_code
        self.sector.clear()
        for code, label in choices:  # type: ignore[attr-defined]
            self.sector.addItem(label, code)
        self.sector.setCurrentIndex(self.sector.findData(chosen) if chosen else -1)

    def entry(self) -> HireEntry:
        contract = self.contract.currentData() if self.contract.currentIndex() >= 0 else None
        return HireEntry(
            started_on=self.day.date().toPython(),  # type: ignore[arg-type]
            position=self.position.text(),
            sector_code=self.sector.currentData() if self.sector.currentIndex() >= 0 else None,
            monthly_wage=self.wage.number(),
            contract_type=ContractType(contract) if contract else None)

    def problems(self) -> dict[str, str]:
        return texts_of(check_hire(self.entry(), self.referred_on, self.day_today()))

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today = self.database, self.actor, self.today
        referral_id, version, entry = self.record_id, self.version, self.entry()
        assert version is not None
        return self._written(lambda: referrals.hire(database, actor, referral_id, version,
                                                    entry, today=today))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Record the hire"))
        self.hint.setText(_("Recording the hire fills one of the vacancy's places, ends the "
                            "client's job search and plans the retention checks at 3 and 6 "
                            "months."))
        self.form.set_label(DAY, _("&Started work on:"))
        self.form.set_label(self.POSITION, _("&Position:"))
        self.form.set_label(self.SECTOR, _("&Sector:"))
        self.form.set_label(self.WAGE, _("Monthly &wage, ₸:"))
        self.form.set_label(self.CONTRACT, _("&Contract:"))
        self.sector.setPlaceholderText(_("Choose the sector"))
        self.contract.setPlaceholderText(_("Choose the type of contract"))
        for index, label in enumerate(CONTRACT_TYPES.values()):
            self.contract.setItemText(index, _(label))
        self.ok_button().setText(_("Record the &hire"))


class CloseReferralDialog(StepDialog):
    """The referral ends without a hire: the outcome its state allows, the day, a note."""

    OUTCOME, NOTE = "outcome", StepField.NOTE.value

    def __init__(self, database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                 summary_text: str, parent: QWidget | None = None, *, referred_on: date,
                 training: bool = False, status_code: str = "referred",
                 started_on: date | None = None, today: date | None = None) -> None:
        super().__init__(database, actor, referral_id, version, summary_text, parent,
                         today=today)
        self.training, self.status_code = training, status_code
        self.outcomes = outcomes_for(training, status_code)
        row, self.outcome_group, self.outcome_buttons = _radio_row(self, len(self.outcomes))
        self.outcome_row = row
        started = started_on if status_code == JobReferralStatus.STARTED.value else None
        self.day = self.date_field(started or referred_on, self.day_today())
        self.note = text_field(self, 70)
        self.note.setMaximumHeight(120)  # a few lines: the form stays compact
        self.form.add(self.OUTCOME, row, self)
        self.form.add(DAY, self.day, self)
        self.form.add(self.NOTE, self.note, self)
        self.chain_focus([*self.outcome_buttons, self.day, self.note])
        if self.outcome_buttons:
            self.outcome_buttons[0].setFocus()
        self.retranslate()

    def chosen(self) -> JobReferralStatus | None:
        number = self.outcome_group.checkedId()
        return self.outcomes[number] if 0 <= number < len(self.outcomes) else None

    def choose(self, status: JobReferralStatus) -> None:
        self.outcome_buttons[self.outcomes.index(status)].setChecked(True)

    def problems(self) -> dict[str, str]:
        if self.chosen() is None:
            return {self.OUTCOME: _("Choose the outcome.")}
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today = self.database, self.actor, self.today
        referral_id, version, status = self.record_id, self.version, self.chosen()
        on, note = self.day.date().toPython(), self.note.toPlainText()
        assert version is not None and status is not None
        return self._written(lambda: referrals.close_referral(
            database, actor, referral_id, version, status, on, note,  # type: ignore[arg-type]
            today=today))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Record the outcome"))
        self.hint.setText(_("The training course is over for the client: say how it ended.")
                          if self.status_code == JobReferralStatus.STARTED.value else
                          _("The referral ends without a hire: say how, and why in the note."))
        explain = {JobReferralStatus.REJECTED: _("The employer or the course did not take "
                                                 "the client"),
                   JobReferralStatus.NO_SHOW: _("The client did not go"),
                   JobReferralStatus.COMPLETED: _("The client finished the course"),
                   JobReferralStatus.DROPPED: _("The client left before the end")}
        for status, button in zip(self.outcomes, self.outcome_buttons, strict=True):
            button.setText(_(JOB_STATUS[status.value]))
            button.setToolTip(explain[status])
        self.form.set_label(self.OUTCOME, _("Outcome:"))
        self.form.set_label(DAY, _("&On:"))
        self.form.set_label(self.NOTE, _("&Note:"))
        self.note.setPlaceholderText(_("Why, in a few words: the employer chose another "
                                       "candidate, the client found work elsewhere…"))
        self.ok_button().setText(_("Record the &outcome"))


# ---- a training referral -------------------------------------------------------------------

class TrainingStartDialog(StepDialog):
    """The training course began for the client: the day (not ahead)."""

    def __init__(self, database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                 summary_text: str, parent: QWidget | None = None, *, referred_on: date,
                 starts_on: date | None = None, today: date | None = None) -> None:
        super().__init__(database, actor, referral_id, version, summary_text, parent,
                         today=today)
        self.day = self.date_field(referred_on, self.day_today(), starts_on)
        self.form.add(DAY, self.day, self)
        self.chain_focus([self.day])
        self.day.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today = self.database, self.actor, self.today
        referral_id, version, on = self.record_id, self.version, self.day.date().toPython()
        assert version is not None
        return self._written(lambda: referrals.start_training(
            database, actor, referral_id, version, on, today=today))  # type: ignore[arg-type]

    def retranslate(self) -> None:
        self.setWindowTitle(_("Training started"))
        self.hint.setText(_("The day the client began the course."))
        self.form.set_label(DAY, _("&Started on:"))
        self.ok_button().setText(_("&Record the start"))


class TrainingReferralDialog(StepDialog):
    """A referral of the client to a provider's vocational training or requalification."""

    SERVICE, PROVIDER = StepField.SERVICE.value, StepField.PROVIDER.value
    COURSE, STARTS, ENDS = StepField.COURSE.value, "starts", StepField.DATES.value

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 summary_text: str, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(database, actor, person_id, None, summary_text, parent, today=today)
        self.choices: TrainingChoices | None = None
        self.service, self.provider = ScrollSafeCombo(self), ScrollSafeCombo(self)
        self.course = QLineEdit(self)
        self.starts, self.ends = OptionalDateEdit(self), OptionalDateEdit(self)
        for field in (self.starts, self.ends):
            field.setValue(None)
            field.editor.setDate(_qdate(self.day_today()))  # where a date typed starts
        for key, field in ((self.SERVICE, self.service), (self.PROVIDER, self.provider),
                           (self.COURSE, self.course), (self.STARTS, self.starts),
                           (self.ENDS, self.ends)):
            self.form.add(key, field, self)
        self.chain_focus([self.service, self.provider, self.course, self.starts.editor,
                          self.starts.unknown, self.ends.editor, self.ends.unknown])
        self.service.currentIndexChanged.connect(lambda _index: self._fill_providers())
        self.service.setFocus()
        self.retranslate()
        self.load(lambda: training_choices.training_choices(database, actor, person_id),
                  self._choices, "training choices")

    def _choices(self, choices: object) -> None:
        assert isinstance(choices, TrainingChoices)
        self.choices = choices
        blocked = self.service.blockSignals(True)
        self.service.clear()
        for service in choices.services:
            self.service.addItem(service.label, service.code)
        self.service.setCurrentIndex(0 if len(choices.services) == 1 else -1)
        self.service.blockSignals(blocked)
        self._fill_providers()
        if not choices.providers:
            show_message(self.message, _("No provider of training is recorded in Qadam: the "
                                         "referral needs one."))

    def _fill_providers(self) -> None:
        chosen = self.provider.currentData()
        self.provider.clear()
        service = self.service.currentData() if self.service.currentIndex() >= 0 else None
        if self.choices is not None:
            shown = (self.choices.providers_for(service) if service is not None
                     else self.choices.providers)
            for provider in shown:
                self.provider.addItem(provider.name, provider.id)
        index = self.provider.findData(chosen) if chosen is not None else -1
        self.provider.setCurrentIndex(index if index >= 0 or self.provider.count() != 1 else 0)

    def choose_service(self, code: str) -> None:
        self.service.setCurrentIndex(self.service.findData(code))

    def entry(self) -> TrainingEntry:
        return TrainingEntry(
            service_type_code=(self.service.currentData()
                               if self.service.currentIndex() >= 0 else None),
            provider_id=(self.provider.currentData()
                         if self.provider.currentIndex() >= 0 else None),
            course_title=self.course.text(), starts_on=self.starts.value(),
            ends_on=self.ends.value())

    def problems(self) -> dict[str, str]:
        return texts_of(check_training(self.entry()))

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id, today = (self.database, self.actor, self.record_id,
                                             self.today)
        entry = self.entry()
        return lambda: referrals.refer_to_training(database, actor, person_id, entry,
                                                   today=today)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Refer to training"))
        self.hint.setText(_("Vocational training or requalification with a provider; the "
                            "course's dates may be given later, when they are known."))
        self.form.set_label(self.SERVICE, _("&Service:"))
        self.form.set_label(self.PROVIDER, _("&Provider:"))
        self.form.set_label(self.COURSE, _("&Course:"))
        self.form.set_label(self.STARTS, _("S&tarts on:"))
        self.form.set_label(self.ENDS, _("&Ends on:"))
        self.service.setPlaceholderText(_("Vocational training or requalification"))
        self.provider.setPlaceholderText(_("Who gives the training"))
        self.course.setPlaceholderText(_("The course's name, e.g. Electric and gas welding"))
        for field in (self.starts, self.ends):
            field.retranslate()
        self.ok_button().setText(_("&Refer"))


# ---- a retention check ---------------------------------------------------------------------

class RetentionDialog(StepDialog):
    """Is the client still employed, 3 or 6 months after the start? If not: since when (if
    known) and why. Checked from its due day to today."""

    EMPLOYED, LEFT_ON = "employed", StepField.DATES.value
    REASON, NOTE = StepField.REASON.value, StepField.NOTE.value

    def __init__(self, database: Database, actor: Actor, check_id: uuid.UUID, version: int,
                 summary_text: str, parent: QWidget | None = None, *, due_on: date,
                 started_on: date, today: date | None = None) -> None:
        super().__init__(database, actor, check_id, version, summary_text, parent, today=today)
        self.due_on = due_on
        row, self.employed_group, (self.yes, self.no) = _radio_row(self, 2)
        self.employed_row = row
        self.left_on = OptionalDateEdit(self)
        last = self.day_today()
        self.left_on.editor.setDateRange(_qdate(min(started_on, last)), _qdate(last))
        self.left_on.setValue(None)
        self.left_on.editor.setDate(_qdate(min(max(due_on, started_on), last)))
        self.reason = ScrollSafeCombo(self)
        self.note = text_field(self, 60)
        self.note.setMaximumHeight(120)
        self.day = self.date_field(due_on, last)
        for key, field in ((self.EMPLOYED, row), (self.LEFT_ON, self.left_on),
                           (self.REASON, self.reason), (self.NOTE, self.note), (DAY, self.day)):
            self.form.add(key, field, self)
        self.chain_focus([self.yes, self.no, self.left_on.editor, self.left_on.unknown,
                          self.reason, self.note, self.day])
        self.employed_group.idToggled.connect(lambda _id, _on: self._employed_changed())
        self._employed_changed()
        self.yes.setFocus()
        self.retranslate()
        self.load(lambda: reference_choices(database, LEAVING_REASONS), self._reasons,
                  "leaving reasons")

    def _reasons(self, choices: object) -> None:
        chosen = self.reason.currentData()
        self.reason.clear()
        for code, label in choices:  # type: ignore[attr-defined]
            self.reason.addItem(label, code)
        self.reason.setCurrentIndex(self.reason.findData(chosen) if chosen else -1)

    def still_employed(self) -> bool | None:
        return {0: True, 1: False}.get(self.employed_group.checkedId())

    def set_still_employed(self, employed: bool) -> None:
        (self.yes if employed else self.no).setChecked(True)

    def choose_reason(self, code: str) -> None:
        self.reason.setCurrentIndex(self.reason.findData(code))

    def _employed_changed(self) -> None:
        left = self.still_employed() is False
        for field in (self.left_on, self.reason):
            field.setEnabled(left)

    def outcome(self) -> RetentionOutcome:
        employed = bool(self.still_employed())
        reason = self.reason.currentData() if self.reason.currentIndex() >= 0 else None
        return RetentionOutcome(
            checked_on=self.day.date().toPython(),  # type: ignore[arg-type]
            still_employed=employed,
            left_on=None if employed else self.left_on.value(),
            leaving_reason_code=None if employed else reason,
            note=self.note.toPlainText())

    def problems(self) -> dict[str, str]:
        employed = self.still_employed()
        if employed is None:
            return {self.EMPLOYED: _("Say whether the client still works there.")}
        if not employed and self.reason.currentIndex() < 0:
            return {self.REASON: step_problem_text(StepField.REASON, StepProblem.REQUIRED)}
        return {}

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, RetentionNotDue):
            return {DAY: failure.message}
        return super().placed(failure)

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today = self.database, self.actor, self.today
        check_id, version, outcome = self.record_id, self.version, self.outcome()
        assert version is not None
        return self._written(lambda: retention.record_retention(
            database, actor, check_id, version, outcome, today=today))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Retention check"))
        self.hint.setText(_("Ask the client or the employer whether the client still works "
                            "there. If not, the placement ends on the day they left."))
        self.yes.setText(_("&Yes, still employed there"))
        self.no.setText(_("N&o, they left"))
        self.form.set_label(self.EMPLOYED, _("Still employed?"))
        self.form.set_label(self.LEFT_ON, _("&Left on:"))
        self.form.set_label(self.REASON, _("&Why they left:"))
        self.form.set_label(self.NOTE, _("&Note:"))
        self.form.set_label(DAY, _("&Checked on:"))
        self.left_on.retranslate()
        self.reason.setPlaceholderText(_("Choose a reason"))
        self.ok_button().setText(_("&Record the check"))
