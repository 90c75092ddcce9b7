"""One vacancy's candidates: the job seekers who fit it, best first with the reasons, and
the clients referred to it with where each stands.

From here a caseworker refers a seeker, records an interview, a hire or another outcome
(the step dialogs the client file uses too), or opens a candidate's file. Both lists are
read again after any write that touches referrals or job seekers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from db.models import JobReferralStatus
from db.queries.job_seeking import VacancyReferralRow
from db.session import Database
from desktop.i18n import N_, NC_, _, format_date, format_money, format_number
from desktop.services.access import Actor
from desktop.services.client_file.labels import JOB_STATUS
from desktop.services.employment import matching, referrals
from desktop.services.employment.matching import SeekerMatch
from desktop.services.employment.messages import reason_text
from desktop.services.employment.vacancies import VacancyLine
from desktop.ui.admin.common import FormDialog, ListTab
from desktop.ui.employment.step_dialogs import CloseReferralDialog, HireDialog, InterviewDialog
from desktop.ui.operations import Operation

# What a change must touch for the lists to be read again.
CANDIDATE_TABLES = ("job_referral", "job_seeker", "job_seeker_sector", "job_seeker_region",
                    "person_language", "vacancy", "vacancy_language", "placement")
SHORT_MARK = "✗"  # before a requirement not met: said in words too, not by colour alone


def fits_text(match: SeekerMatch) -> str:
    return "; ".join(reason_text(r) for r in match.reasons if r.met)


def short_text(match: SeekerMatch) -> str:
    return "; ".join(f"{SHORT_MARK} {reason_text(r)}" for r in match.reasons
                     if r.required and not r.met)


FIT_COLUMNS = (
    (NC_("person", "Name"), lambda m: m.seeker.name),
    (N_("Office"), lambda m: _("this office") if m.own_office else _("another office")),
    (N_("Falls short"), short_text),
    (N_("Fits"), fits_text),
    (N_("Unemployed since"), lambda m: format_date(m.seeker.unemployed_since)
     if m.seeker.unemployed_since else ""),
)
REFERRED_COLUMNS = (
    (NC_("person", "Name"), lambda r: r.name),
    (N_("Office"), lambda r: r.office),
    (N_("Status"), lambda r: _(JOB_STATUS.get(r.status, r.status))),
    (NC_("date column", "Referred"), lambda r: format_date(r.referred_on)),
    (N_("Interview"), lambda r: format_date(r.interview_on) if r.interview_on else ""),
    (N_("Outcome date"), lambda r: format_date(r.outcome_on) if r.outcome_on else ""),
    (N_("Note"), lambda r: r.note),
)


class FitsPanel(ListTab[SeekerMatch]):
    """The seekers who fit, fewest shortfalls first (a multi-office user's own first)."""

    tables = CANDIDATE_TABLES
    open_client = Signal(object)

    def __init__(self, database: Database, actor: Actor, vacancy: VacancyLine,
                 parent: QWidget | None = None) -> None:
        super().__init__(FIT_COLUMNS, parent)
        self.database, self.actor, self.vacancy = database, actor, vacancy
        self.refer_button = self.button(self.refer)
        self.open_button = self.button(self.open_file)
        self.buttons.addStretch(1)
        self.count = QLabel(self)
        self.buttons.addWidget(self.count)
        self.table.activated.connect(lambda _index: self.open_file())
        self.table.setWordWrap(True)

    def reader(self) -> Callable[[], list[SeekerMatch]]:
        database, actor, vacancy_id = self.database, self.actor, self.vacancy.id
        return lambda: matching.match_seekers(database, actor, vacancy_id)[1]

    def _show_rows(self, rows: list[SeekerMatch]) -> None:
        super()._show_rows(rows)
        # The list stops at the best MATCH_LIMIT: say so, since more may fit.
        self.count.setText(_("The best {shown} are shown.").format(
            shown=format_number(len(rows))) if len(rows) >= matching.MATCH_LIMIT else "")

    def update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.refer_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def refer(self) -> None:
        match = self.selected()
        if match is None:
            return
        database, actor = self.database, self.actor
        person_id, vacancy_id = match.seeker.person_id, self.vacancy.id
        Operation(self, lambda: referrals.refer_to_vacancy(database, actor, person_id,
                                                           vacancy_id),
                  writes=True, name="refer to vacancy").failed(self._unread).run()

    def open_file(self) -> None:
        match = self.selected()
        if match is not None:
            self.open_client.emit(match.seeker.person_id)

    def retranslate(self) -> None:
        self.refer_button.setText(_("&Refer to this vacancy"))
        self.open_button.setText(_("Open the client's &file"))
        self.table.setAccessibleName(_("Job seekers who fit"))
        self.model.retranslate()


class ReferredPanel(ListTab[VacancyReferralRow]):
    """Who was referred, and the next step for the chosen one."""

    tables = CANDIDATE_TABLES
    open_client = Signal(object)

    def __init__(self, database: Database, actor: Actor, vacancy: VacancyLine,
                 parent: QWidget | None = None) -> None:
        super().__init__(REFERRED_COLUMNS, parent)
        self.database, self.actor, self.vacancy = database, actor, vacancy
        self.interview_button = self.button(self.interview)
        self.hire_button = self.button(self.hire)
        self.close_button = self.button(self.close_referral)
        self.open_button = self.button(self.open_file)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _index: self.open_file())

    def reader(self) -> Callable[[], list[VacancyReferralRow]]:
        database, actor, vacancy_id = self.database, self.actor, self.vacancy.id
        return lambda: referrals.vacancy_referrals(database, actor, vacancy_id)

    def update_buttons(self) -> None:
        row = self.selected()
        status = row.status if row is not None else None
        self.interview_button.setEnabled(status == JobReferralStatus.REFERRED.value)
        live = status in (JobReferralStatus.REFERRED.value, JobReferralStatus.INTERVIEW.value)
        self.hire_button.setEnabled(live)
        self.close_button.setEnabled(live)
        self.open_button.setEnabled(row is not None)

    def _summary(self, row: VacancyReferralRow) -> str:
        return _("{name}, referred to {position} at {employer} on {day}").format(
            name=row.name, position=self.vacancy.title, employer=self.vacancy.employer,
            day=format_date(row.referred_on))

    def _open(self, make: Callable[[VacancyReferralRow, str], FormDialog]) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(make(row, self._summary(row)))

    def interview(self) -> None:
        self._open(lambda row, summary: InterviewDialog(
            self.database, self.actor, row.id, row.version, summary, self,
            referred_on=row.referred_on, interview_on=row.interview_on))

    def hire(self) -> None:
        self._open(lambda row, summary: HireDialog(
            self.database, self.actor, row.id, row.version, summary, self,
            referred_on=row.referred_on, position=self.vacancy.title,
            sector_code=self.vacancy.sector_code, monthly_wage=self.vacancy.monthly_wage))

    def close_referral(self) -> None:
        self._open(lambda row, summary: CloseReferralDialog(
            self.database, self.actor, row.id, row.version, summary, self,
            referred_on=row.referred_on, training=False, status_code=row.status))

    def open_file(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_client.emit(row.person_id)

    def retranslate(self) -> None:
        self.interview_button.setText(_("&Interview…"))
        self.hire_button.setText(_("&Hired…"))
        self.close_button.setText(_("Other &outcome…"))
        self.open_button.setText(_("Open the client's &file"))
        self.table.setAccessibleName(_("Clients referred"))
        self.model.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()


class CandidatesWindow(QDialog):
    """The vacancy's window: what it is, then its candidates in two tabs."""

    open_client = Signal(object, str)  # person id, the file's tab
    closed = Signal()

    def __init__(self, database: Database, actor: Actor, vacancy: VacancyLine,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.vacancy = vacancy
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fits = FitsPanel(database, actor, vacancy, self)
        self.referred = ReferredPanel(database, actor, vacancy, self)
        for panel in (self.fits, self.referred):
            panel.open_client.connect(lambda person_id: self.open_client.emit(person_id,
                                                                              "employment"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.fits, "")
        self.tabs.addTab(self.referred, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.tabs, 1)
        self.resize(1100, 640)
        self.retranslate()
        self.fits.reload()
        self.referred.reload()

    def retranslate(self) -> None:
        line = self.vacancy
        self.setWindowTitle(_("Candidates: {position} — {employer}").format(
            position=line.title, employer=line.employer))
        parts = [line.title, line.employer, line.sector,
                 " · ".join(p for p in (line.region, line.locality) if p),
                 format_money(line.monthly_wage) if line.monthly_wage else "",
                 _("places left: {left}/{places}").format(left=line.places_left,
                                                         places=line.positions),
                 line.requirements]
        self.details.setText(" · ".join(p for p in parts if p))
        self.tabs.setTabText(0, _("Job seekers who fit"))
        self.tabs.setTabText(1, _("Clients referred"))
        self.fits.retranslate()
        self.referred.retranslate()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)

