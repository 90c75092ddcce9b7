"""The client file's Employment tab: the job-seeker profile, the job and training referrals
with their steps, and the placements with their retention checks.

``EmploymentTab`` shows what the loaded file holds (nothing here asks the database but
the client's languages, through an operation); ``EmploymentActions`` keeps the buttons'
QActions, enabled as the file, the chosen row and the user's role allow (the services
check again), and opens one dialog at a time: the profile form, "Find vacancies", a
training referral and the shared step dialogs of ``desktop.ui.employment.step_dialogs``.
Every write's broadcast names the client, so the file reloads by itself; the tab keeps
the chosen referral across reloads and chooses the one a dialog just saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import N_, NC_, _, format_date, format_number, ngettext, pgettext
from desktop.services.access import Actor, Permission
from desktop.services.client_file import (
    ClientFile,
    JobItem,
    PlacementItem,
    ProfileChoices,
    RetentionItem,
    Urgency,
)
from desktop.services.employment.training_choices import client_languages
from desktop.ui.admin.common import FormDialog
from desktop.ui.client_file.actions import FileActions
from desktop.ui.client_file.job_seeker_dialog import JobSeekerDialog
from desktop.ui.client_file.lists import date_range
from desktop.ui.client_file.vacancy_matches import FittedTable, VacancyMatchesDialog
from desktop.ui.employment.step_dialogs import (
    CloseReferralDialog,
    HireDialog,
    InterviewDialog,
    RetentionDialog,
    TrainingReferralDialog,
    TrainingStartDialog,
)
from desktop.ui.operations import Operation

REFERRAL_COLUMNS = (N_("What and where"), N_("Kind"), N_("Status"), NC_("date column", "Referred"),
                    N_("Interview or dates"), N_("Outcome date"), N_("Note"))
PLACEMENT_COLUMNS = (N_("Position and employer"), N_("Contract"), N_("Started"), N_("Ended"),
                     N_("Monthly wage"), N_("After 3 months"), N_("After 6 months"))
# The widest each column grows (px), so that the tables fit the window in every language:
# longer texts wrap (the last column takes what is left).
REFERRAL_WIDTHS = (250, 150, 120, 110, 140, 110)
PLACEMENT_WIDTHS = (280, 140, 120, 120, 120, 170)
CHECK_MONTHS = (3, 6)
HINT_STYLE = "color: #5f6368;"
# The profile's lines, in three columns: (key, label), the label marked for translation.
PROFILE_COLUMNS = (
    (("profession", N_("Profession:")), ("education", N_("Education:")),
     ("languages", N_("Languages:")), ("qualification", N_("Qualification:"))),
    (("experience", N_("Experience:")), ("sectors", N_("Sectors sought:")),
     ("regions", N_("Regions sought:")), ("licence", N_("Driving licence:"))),
    (("seeking", N_("Job search:")), ("unemployed", N_("Unemployed since:")),
     ("health", N_("Health limits:")), ("childcare", N_("Childcare:"))),
)
PROFILE_LINES = tuple(line for column in PROFILE_COLUMNS for line in column)


def _date(value: date | None) -> str:
    return format_date(value) if value is not None else ""


def what_and_where(job: JobItem) -> str:
    if job.needs_vacancy:
        return _("Vacancy to choose (referred at a consultation)")
    return job.where


def kind_text(job: JobItem) -> str:
    if job.training:
        return job.service or pgettext("referral kind", "Training")
    return pgettext("referral kind", "Job")


def _dates(job: JobItem) -> str:
    if not job.training:
        return _("Interview {day}").format(day=format_date(job.interview_on)) \
            if job.interview_on else ""
    if job.starts_on and job.ends_on and job.starts_on <= job.ends_on:
        return date_range(job.starts_on, job.ends_on)
    if job.starts_on:
        return _("from {day}").format(day=format_date(job.starts_on))
    if job.ends_on:
        return _("until {day}").format(day=format_date(job.ends_on))
    return ""


def _referrals(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(j.id, [what_and_where(j), kind_text(j), j.status, _date(j.referred_on),
                    _dates(j), _date(j.outcome_on), j.note], Urgency.NONE) for j in file.jobs]


def next_check(placement: PlacementItem) -> RetentionItem | None:
    """The placement's first check without its outcome."""
    return next((c for c in sorted(placement.checks, key=lambda c: c.months)
                 if not c.recorded), None)


def check_text(check: RetentionItem | None, today: date) -> str:
    if check is None:
        return ""
    if check.recorded:
        if check.still_employed:
            return _("still employed")
        return _("left: {reason}").format(reason=check.reason or "—")
    if check.due_on <= today:
        return _("due {day} — to record").format(day=format_date(check.due_on))
    return _("due {day}").format(day=format_date(check.due_on))


def _placements(file: ClientFile, today: date) -> list[tuple[Any, list[str], Urgency]]:
    rows = []
    for p in file.placements:
        checks = {c.months: c for c in p.checks}
        due = any(not c.recorded and c.due_on <= today for c in p.checks)
        what = "\n".join(part for part in (p.position, p.employer) if part)
        rows.append((p.id, [what, p.contract, _date(p.started_on),
                            _date(p.ended_on), p.wage,
                            *(check_text(checks.get(m), today) for m in CHECK_MONTHS)],
                     Urgency.SOON if due else Urgency.NONE))
    return rows


def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # what people typed, never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Section(QGroupBox):
    """A titled table with a bar of buttons above it and a line when it is empty."""

    def __init__(self, columns: Sequence[str], widths: Sequence[int], parent: QWidget) -> None:
        super().__init__(parent)
        self.table = FittedTable(columns, widths, self)
        self.empty = QLabel(self)
        self.empty.hide()
        self.bar = QHBoxLayout()
        self.bar.addStretch(1)
        self.buttons: list[QToolButton] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def set_actions(self, actions: Sequence[QAction]) -> None:
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.bar.insertWidget(len(self.buttons), button)
            self.buttons.append(button)

    def set_rows(self, rows: list[tuple[Any, list[str], Urgency]], wanted: Any) -> None:
        blocked = self.table.blockSignals(True)  # one selection signal, by the owner
        self.table.set_rows(rows)
        for number, (key, _cells, _urgency) in enumerate(rows):
            if key == wanted:
                self.table.selectRow(number)
        self.table.blockSignals(blocked)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)


class EmploymentTab(QWidget):
    """The profile box, then the referrals, then the placements; the buttons are the
    actions set on it (``set_actions``), which follow the row chosen."""

    referral_selected = Signal(object)  # the JobItem chosen, or None
    placement_selected = Signal(object)  # the PlacementItem chosen, or None

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.today: date | None = None  # None: the clock's; tests pin it, as the window's
        self.file: ClientFile | None = None
        self.education: dict[str, str] = {}
        self.languages: list[str] | None = None  # None until read
        self._wanted: uuid.UUID | None = None  # the referral to choose once it shows

        self.profile_box = QGroupBox(self)
        self.profile_intro = QLabel(self.profile_box)
        self.profile_intro.setWordWrap(True)
        self.profile_labels: dict[str, QLabel] = {}
        self.profile_values: dict[str, QLabel] = {}
        columns = QHBoxLayout()
        columns.setSpacing(18)
        for lines in PROFILE_COLUMNS:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(3)
            for key, _title in lines:
                label, value = QLabel(self.profile_box), _value_label(self.profile_box)
                self.profile_labels[key], self.profile_values[key] = label, value
                form.addRow(label, value)
            columns.addLayout(form, 1)
        self.languages_hint = QLabel(self.profile_box)
        self.languages_hint.setWordWrap(True)
        self.languages_hint.setStyleSheet(HINT_STYLE)
        self.profile_bar = QVBoxLayout()
        self.profile_bar.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.profile_intro, 1)
        top.addLayout(self.profile_bar)
        inner = QVBoxLayout(self.profile_box)
        inner.addLayout(top)
        inner.addLayout(columns)
        inner.addWidget(self.languages_hint)

        self.referrals = _Section(REFERRAL_COLUMNS, REFERRAL_WIDTHS, self)
        self.placements = _Section(PLACEMENT_COLUMNS, PLACEMENT_WIDTHS, self)
        self.referrals_table, self.placements_table = self.referrals.table, self.placements.table
        self.layout_ = layout = QVBoxLayout(self)
        layout.addWidget(self.profile_box)
        layout.addWidget(self.referrals, 1)
        layout.addWidget(self.placements, 1)
        layout.addStretch(0)  # the room left when both lists are empty
        self.referrals_table.itemSelectionChanged.connect(self._referral_changed)
        self.placements_table.itemSelectionChanged.connect(self._placement_changed)
        self.retranslate()

    # ---- what it shows --------------------------------------------------------------------

    def set_actions(self, profile: Sequence[QAction], referrals: Sequence[QAction],
                    placements: Sequence[QAction]) -> None:
        for action in profile:
            button = QToolButton(self.profile_box)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.profile_bar.insertWidget(0, button)
        self.referrals.set_actions(referrals)
        self.placements.set_actions(placements)

    def set_choices(self, choices: ProfileChoices) -> None:
        """The education levels' labels (the profile's codes are shown by them)."""
        self.education = dict(choices.education)
        if self.file is not None:
            self._show_profile(self.file)

    def set_file(self, file: ClientFile) -> None:
        first = self.file is None or self.file.person_id != file.person_id
        self.file = file
        wanted = self._wanted or self.referrals_table.current_key()
        placement = self.placements_table.current_key()
        self._show_profile(file)
        self.referrals.set_rows(_referrals(file), wanted)
        if wanted is not None and wanted == self._wanted and \
                any(j.id == wanted for j in file.jobs):
            self._wanted = None  # kept until the referral saved is among the rows
        self.placements.set_rows(_placements(file, self.day()), placement)
        # An empty list is one line; the room goes to those with rows.
        self.layout_.setStretchFactor(self.referrals, 1 if file.jobs else 0)
        self.layout_.setStretchFactor(self.placements, 1 if file.placements else 0)
        self.layout_.setStretch(3, 0 if file.jobs or file.placements else 1)
        self._referral_changed()
        self._placement_changed()
        if first:
            self.languages = None
        self._read_languages(file.person_id)

    def select_referral(self, referral_id: uuid.UUID) -> None:
        """Choose that referral's row (now, or once the file shows it)."""
        self._wanted = referral_id
        if self.file is not None:
            self.set_file(self.file)

    def day(self) -> date:
        return self.today or date.today()

    def selected_referral(self) -> JobItem | None:
        key = self.referrals_table.current_key()
        return next((j for j in (self.file.jobs if self.file else ()) if j.id == key), None)

    def selected_placement(self) -> PlacementItem | None:
        key = self.placements_table.current_key()
        return next((p for p in (self.file.placements if self.file else ()) if p.id == key),
                    None)

    def _referral_changed(self) -> None:
        self.referral_selected.emit(self.selected_referral())

    def _placement_changed(self) -> None:
        self.placement_selected.emit(self.selected_placement())

    def _read_languages(self, person_id: uuid.UUID) -> None:
        database, actor = self.database, self.actor
        Operation(self, lambda: client_languages(database, actor, person_id),
                  name="client languages").superseding((id(self), "languages")) \
            .done(self._languages_read).failed(lambda _failure: None).run()

    def _languages_read(self, languages: list[str]) -> None:
        self.languages = languages
        if self.file is not None:
            self._show_profile(self.file)

    def _show_profile(self, file: ClientFile) -> None:
        seeker, values = file.job_seeker, file.profile.values
        education = values.get("education_code")
        shown = {
            "profession": values.get("profession") or "",
            "education": self.education.get(education, education) if education else "",
            "languages": ", ".join(self.languages or ()),
        }
        if seeker is not None:
            years = seeker.experience_years
            shown.update({
                "qualification": seeker.qualification,
                "experience": "" if years is None else ngettext(
                    "{count} year", "{count} years", years).format(count=format_number(years)),
                "sectors": ", ".join(seeker.sectors), "regions": ", ".join(seeker.regions),
                "licence": seeker.driving_licence, "health": seeker.health_limits,
                "childcare": _("needs working hours that fit a child's care")
                if seeker.childcare else "",
                "unemployed": _date(seeker.unemployed_since),
                "seeking": _("looking for work") if seeker.seeking
                else _("not looking for work now"),
            })
            intro = _("The client's job-seeker profile: what they look for and bring. "
                      "Vacancies are matched on it.")
        else:
            intro = _("No job-seeker profile yet: vacancies are matched on the profession, "
                      "region and languages recorded for the client. Add a profile for their "
                      "wishes, experience and driving licence.")
        self.profile_intro.setText(intro)
        for key, label in self.profile_values.items():
            label.setText(shown.get(key) or "—")
        # Without a profile only what the person record holds is worth a line.
        for key in self.profile_values:
            visible = seeker is not None or key in ("profession", "education", "languages")
            self.profile_values[key].setVisible(visible)
            self.profile_labels[key].setVisible(visible)
        if self.languages is not None and not self.languages:
            self.profile_values["languages"].setText(_("none recorded"))

    # ---- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.profile_box.setTitle(_("Job-seeker profile"))
        for key, title in PROFILE_LINES:
            self.profile_labels[key].setText(_(title))
            self.profile_values[key].setAccessibleName(_(title).rstrip(":"))
        self.languages_hint.setText(_("Profession and education are edited with the profile "
                                      "(and on the Profile tab). Languages and their levels "
                                      "come from the client's language courses and tests."))
        for section, title, empty in (
                (self.referrals, _("Referrals"), _("No referral to a job or a training yet.")),
                (self.placements, _("Placements"), _("No placement yet."))):
            section.setTitle(title)
            section.table.setAccessibleName(title)
            section.table.retranslate()
            section.empty.setText(empty)
        if self.file is not None:
            self.set_file(self.file)  # dates in the new language's format


class EmploymentActions(FileActions):
    """The Employment tab's buttons: the profile, "Find vacancies…", "Refer to training…",
    and the steps the chosen referral or placement allows."""

    saved_referral = Signal(object)  # the referral a dialog made or moved on, to choose

    def __init__(self, window: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(window, database, actor)
        self.file: ClientFile | None = None
        self.job: JobItem | None = None
        self.placement: PlacementItem | None = None
        self.profile_action = self._action(self.edit_profile)
        self.find_action = self._action(self.find_vacancies)
        self.training_action = self._action(self.refer_to_training)
        self.choose_action = self._action(self.choose_vacancy)
        self.interview_action = self._action(self.record_interview)
        self.hire_action = self._action(self.record_hire)
        self.started_action = self._action(self.training_started)
        self.outcome_action = self._action(self.record_outcome)
        self.retention_action = self._action(self.record_retention)
        self.set_file(None)

    def profile_actions(self) -> list[QAction]:
        return [self.profile_action]

    def referral_actions(self) -> list[QAction]:
        return [self.find_action, self.training_action, self.choose_action,
                self.interview_action, self.hire_action, self.started_action,
                self.outcome_action]

    def placement_actions(self) -> list[QAction]:
        return [self.retention_action]

    def actions(self) -> list[QAction]:
        return [*self.profile_actions(), *self.referral_actions(), *self.placement_actions()]

    def day(self) -> date:
        return self.today or date.today()

    def may_work(self) -> bool:
        """The user works with this client: their role, and their office's client."""
        file = self.file
        if file is None or not self.actor.can(Permission.WORK_WITH_CLIENTS):
            return False
        scope = self.actor.office_scope
        return scope is None or file.office_id == scope

    # ---- what applies ---------------------------------------------------------------------

    def set_file(self, file: ClientFile | None) -> None:
        self.file = file
        may = self.may_work()
        for action in (self.profile_action, self.find_action, self.training_action):
            action.setEnabled(may)
        self.select_referral(None)
        self.select_placement(None)
        self.retranslate_profile()

    def select_referral(self, job: JobItem | None) -> None:
        """The referral chosen on the tab (None: none)."""
        self.job = job if self.file is not None else None
        job, may = self.job, self.may_work()
        status = job.status_code if job is not None else ""
        is_job = may and job is not None and not job.training
        is_training = may and job is not None and job.training
        has_vacancy = is_job and job is not None and not job.needs_vacancy
        self.choose_action.setEnabled(is_job and not has_vacancy and status == "referred")
        self.interview_action.setEnabled(has_vacancy and status == "referred")
        self.hire_action.setEnabled(has_vacancy and status in ("referred", "interview"))
        self.started_action.setEnabled(is_training and status == "referred")
        self.outcome_action.setEnabled(may and job is not None and job.under_way)
        self._explain_referral()

    def select_placement(self, placement: PlacementItem | None) -> None:
        self.placement = placement if self.file is not None else None
        check = next_check(self.placement) if self.placement is not None else None
        self.retention_action.setEnabled(self.may_work() and check is not None
                                         and check.due_on <= self.day())
        self._explain_placement()

    # ---- the dialogs ----------------------------------------------------------------------

    def _name(self) -> str:
        return self.file.header.name if self.file is not None else ""

    def _summary(self, job: JobItem) -> str:
        return " · ".join(p for p in (self._name(), what_and_where(job), job.status) if p)

    def edit_profile(self) -> JobSeekerDialog | None:
        if self.file is None or not self.profile_action.isEnabled():
            return None
        return self._open(JobSeekerDialog(self.database, self.actor, self.file.person_id,
                                          self._name(), self.window, today=self.today))

    def _under_way(self) -> dict[uuid.UUID, str]:
        return {j.vacancy_id: j.status for j in (self.file.jobs if self.file else ())
                if j.vacancy_id is not None and j.under_way}

    def find_vacancies(self) -> VacancyMatchesDialog | None:
        if self.file is None or not self.find_action.isEnabled():
            return None
        return self._open(VacancyMatchesDialog(self.database, self.actor, self.file.person_id,
                                               self._name(), self.window,
                                               under_way=self._under_way(), today=self.today))

    def choose_vacancy(self) -> VacancyMatchesDialog | None:
        job = self.job
        if self.file is None or job is None or not self.choose_action.isEnabled():
            return None
        return self._open(VacancyMatchesDialog(self.database, self.actor, self.file.person_id,
                                               self._name(), self.window,
                                               referral=(job.id, job.version),
                                               under_way=self._under_way(), today=self.today))

    def refer_to_training(self) -> TrainingReferralDialog | None:
        if self.file is None or not self.training_action.isEnabled():
            return None
        return self._open(TrainingReferralDialog(self.database, self.actor, self.file.person_id,
                                                 self._name(), self.window, today=self.today))

    def record_interview(self) -> InterviewDialog | None:
        job = self.job
        if job is None or not self.interview_action.isEnabled():
            return None
        return self._open(InterviewDialog(self.database, self.actor, job.id, job.version,
                                          self._summary(job), self.window,
                                          referred_on=job.referred_on,
                                          interview_on=job.interview_on, today=self.today))

    def record_hire(self) -> HireDialog | None:
        job = self.job
        if job is None or not self.hire_action.isEnabled():
            return None
        return self._open(HireDialog(self.database, self.actor, job.id, job.version,
                                     self._summary(job), self.window,
                                     referred_on=job.referred_on, position=job.vacancy,
                                     sector_code=job.sector_code,
                                     monthly_wage=job.wage_amount, today=self.today))

    def training_started(self) -> TrainingStartDialog | None:
        job = self.job
        if job is None or not self.started_action.isEnabled():
            return None
        return self._open(TrainingStartDialog(self.database, self.actor, job.id, job.version,
                                              self._summary(job), self.window,
                                              referred_on=job.referred_on,
                                              starts_on=job.starts_on, today=self.today))

    def record_outcome(self) -> CloseReferralDialog | None:
        job = self.job
        if job is None or not self.outcome_action.isEnabled():
            return None
        return self._open(CloseReferralDialog(self.database, self.actor, job.id, job.version,
                                              self._summary(job), self.window,
                                              referred_on=job.referred_on,
                                              training=job.training,
                                              status_code=job.status_code,
                                              started_on=job.starts_on, today=self.today))

    def record_retention(self) -> RetentionDialog | None:
        placement = self.placement
        check = next_check(placement) if placement is not None else None
        if placement is None or check is None or not self.retention_action.isEnabled():
            return None
        what = " — ".join(p for p in (placement.position, placement.employer) if p)
        summary = " · ".join(p for p in (self._name(), what, _(
            "the check {months} months after the start, due {day}").format(
                months=format_number(check.months), day=format_date(check.due_on))) if p)
        return self._open(RetentionDialog(self.database, self.actor, check.id, check.version,
                                          summary, self.window, due_on=check.due_on,
                                          started_on=placement.started_on, today=self.today))

    def _closed(self, dialog: FormDialog) -> None:
        if dialog.saved_id is not None and not isinstance(dialog, JobSeekerDialog
                                                              | RetentionDialog):
            self.saved_referral.emit(dialog.saved_id)
        super()._closed(dialog)

    # ---- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.find_action.setText(_("Find vacancies…"))
        self.training_action.setText(_("Refer to training…"))
        self.choose_action.setText(_("Choose vacancy…"))
        self.interview_action.setText(_("Interview…"))
        self.hire_action.setText(_("Hired…"))
        self.started_action.setText(_("Training started…"))
        self.outcome_action.setText(_("Outcome…"))
        self.retention_action.setText(_("Record retention check…"))
        self.retranslate_profile()
        self._explain_referral()
        self._explain_placement()
        if self.dialog is not None:
            self.dialog.retranslate()

    def retranslate_profile(self) -> None:
        has = self.file is not None and self.file.job_seeker is not None
        self.profile_action.setText(_("Edit profile…") if has else _("Add profile…"))
        self.profile_action.setToolTip(
            (_("Correct the client's job-seeker profile") if has else
             _("Record what the client looks for and brings: wishes, experience, licence"))
            if self.may_work() else _("You may not work with this client's file."))
        for action in self.actions():
            action.setIconText(action.text())  # buttons show the icon text: keep the "…"

    def _explain_referral(self) -> None:
        """Each step's tooltip says what it does, or why it cannot be used now."""
        if not self.may_work():
            why = _("You may not work with this client's file.")
            for action in self.referral_actions():
                action.setToolTip(why)
            return
        self.find_action.setToolTip(_("The open vacancies that fit the client best, with "
                                      "what fits and what falls short; refer them to one"))
        self.training_action.setToolTip(_("Refer the client to vocational training or "
                                          "requalification with a provider"))
        job = self.job
        steps = (self.choose_action, self.interview_action, self.hire_action,
                 self.started_action, self.outcome_action)
        if job is None:
            for action in steps:
                action.setToolTip(_("Choose a referral in the list first."))
            return
        state = _("This referral is “{status}”.").format(status=job.status)
        if not job.under_way:
            for action in steps:
                action.setToolTip(state + " " + _("Its outcome is recorded."))
            return
        job_only = _("A step of a job referral; this one is to a training course.")
        training_only = _("A step of a training referral; this one is to a job.")
        needs = _("Choose the vacancy of this referral first.")
        if job.training:
            for action in (self.choose_action, self.interview_action, self.hire_action):
                action.setToolTip(job_only)
            self.started_action.setToolTip(
                _("Record the day the client began the course") if job.status_code == "referred"
                else state)
            self.outcome_action.setToolTip(
                _("Record that the client completed the course or left it")
                if job.status_code == "started" else
                _("Record that the client was not taken or did not go"))
            return
        self.started_action.setToolTip(training_only)
        self.choose_action.setToolTip(
            _("Choose the vacancy the client is referred to, the best fit first")
            if job.needs_vacancy else _("This referral has its vacancy."))
        self.interview_action.setToolTip(
            needs if job.needs_vacancy else
            _("Record the day of the interview the employer invited the client to")
            if job.status_code == "referred" else state)
        self.hire_action.setToolTip(
            needs if job.needs_vacancy else
            _("Record the hire: the placement, and its retention checks at 3 and 6 months"))
        self.outcome_action.setToolTip(_("Record that the client was not taken or did not go"))

    def _explain_placement(self) -> None:
        placement = self.placement
        if not self.may_work():
            self.retention_action.setToolTip(_("You may not work with this client's file."))
        elif placement is None:
            self.retention_action.setToolTip(_("Choose a placement in the list first."))
        else:
            check = next_check(placement)
            if check is None:
                self.retention_action.setToolTip(
                    _("Every retention check of this placement is recorded."))
            elif check.due_on > self.day():
                self.retention_action.setToolTip(
                    _("The {months}-month check is due on {day}: its outcome is recorded from "
                      "that day on.").format(months=format_number(check.months),
                                             day=format_date(check.due_on)))
            else:
                self.retention_action.setToolTip(
                    _("Record whether the client still works there, {months} months after the "
                      "start").format(months=format_number(check.months)))
