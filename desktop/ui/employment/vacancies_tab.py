"""The vacancies employers offer: what, where, for how much, asking for what; places left."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from db.models import VacancyStatus
from db.session import Database
from desktop.i18n import N_, _, format_date, format_money, pgettext
from desktop.services.access import Actor
from desktop.services.employment import employers, vacancies
from desktop.services.employment.messages import vacancy_problem_text
from desktop.services.employment.vacancies import InvalidVacancy, VacancyEntry, VacancyLine
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, ListTab, OptionalSpin
from desktop.ui.employment.candidates import CandidatesWindow
from desktop.ui.fitting import fit_to_items
from desktop.ui.operations import Failure, Operation

LANGUAGE_ROWS = 2  # requirements a vacancy names: rarely more than two languages


def status_text(status: VacancyStatus) -> str:
    return {VacancyStatus.OPEN: pgettext("vacancy status", "Open"),
            VacancyStatus.ON_HOLD: pgettext("vacancy status", "On hold"),
            VacancyStatus.CLOSED: pgettext("vacancy status", "Closed")}[status]


COLUMNS = (
    (N_("Position"), lambda line: line.title),
    (N_("Employer"), lambda line: line.employer),
    (N_("Sector"), lambda line: line.sector),
    (N_("Region"), lambda line: " · ".join(p for p in (line.region, line.locality) if p)),
    (N_("Monthly wage"), lambda line: format_money(line.monthly_wage)
     if line.monthly_wage else ""),
    (N_("Places left"), lambda line: f"{line.places_left}/{line.positions}"),
    (N_("Requirements"), lambda line: line.requirements),
    (N_("Opened"), lambda line: format_date(line.opened_on)),
    (N_("Status"), lambda line: status_text(line.status)),
)

# (statuses shown, label)
FILTERS: tuple[tuple[tuple[VacancyStatus, ...], Callable[[], str]], ...] = (
    ((VacancyStatus.OPEN,), lambda: status_text(VacancyStatus.OPEN)),
    ((VacancyStatus.ON_HOLD,), lambda: status_text(VacancyStatus.ON_HOLD)),
    ((VacancyStatus.CLOSED,), lambda: status_text(VacancyStatus.CLOSED)),
    ((), lambda: _("All vacancies")),
)


class VacancyDialog(FormDialog):
    """A new vacancy (``vacancy_id`` None) or one's details."""

    def __init__(self, database: Database, actor: Actor, vacancy_id: uuid.UUID | None,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.vacancy_id = database, actor, vacancy_id
        self.version: int | None = None
        self.employer, self.sector, self.region = (QComboBox(self), QComboBox(self),
                                                   QComboBox(self))
        self.title, self.locality = QLineEdit(self), QLineEdit(self)
        self.wage = OptionalSpin(self, vacancies.MAX_WAGE, 5_000)
        self.places = QSpinBox(self)
        self.places.setRange(1, vacancies.MAX_PLACES)
        self.profession, self.licence = QLineEdit(self), QLineEdit(self)
        self.experience = OptionalSpin(self, vacancies.MAX_EXPERIENCE)
        self.languages = QWidget(self)
        row = QHBoxLayout(self.languages)
        row.setContentsMargins(0, 0, 0, 0)
        self.language_boxes = [(QComboBox(self.languages), QComboBox(self.languages))
                               for _n in range(LANGUAGE_ROWS)]
        for language, level in self.language_boxes:
            row.addWidget(language)
            row.addWidget(level)
        self.opened = QDateEdit(self)
        self.opened.setCalendarPopup(True)
        self.opened.setDisplayFormat("dd.MM.yyyy")  # as the profile's dates
        day = today or date.today()
        self.opened.setDate(QDate(day.year, day.month, day.day))
        fields = (("employer", self.employer), ("title", self.title), ("sector", self.sector),
                  ("region", self.region), ("locality", self.locality), ("wage", self.wage),
                  ("places", self.places), ("profession", self.profession),
                  ("experience", self.experience), ("licence", self.licence),
                  ("languages", self.languages), ("dates", self.opened))
        for key, field in fields:
            self.form.add(key, field, self)
        self.chain_focus([self.employer, self.title, self.sector, self.region, self.locality,
                          self.wage, self.places, self.profession, self.experience,
                          self.licence, *(box for pair in self.language_boxes for box in pair),
                          self.opened])
        self.setMinimumWidth(700)
        self.buttons.setEnabled(False)
        self.retranslate()
        Operation(self, lambda: (employers.list_employers(database, actor),
                                 reference_choices(database, "economic_sector"),
                                 reference_choices(database, "region"),
                                 reference_choices(database, "language"),
                                 reference_choices(database, "language_level")),
                  name="vacancy choices").done(self._choices).run()

    def _choices(self, lists: tuple) -> None:  # type: ignore[type-arg]
        found, sectors, regions, languages, levels = lists
        for line in found:
            self.employer.addItem(line.name, line.id)
        for code, label in sectors:
            self.sector.addItem(label, code)
        self.region.addItem("—", None)
        for code, label in regions:
            self.region.addItem(label, code)
        for language, level in self.language_boxes:
            language.addItem("—", None)
            for code, label in languages:
                language.addItem(label, code)
            level.addItem(_("any level"), None)
            for code, label in levels:
                level.addItem(label, code)
        for combo in (self.employer, self.sector):
            combo.setCurrentIndex(-1)
        if self.vacancy_id is None:
            self.buttons.setEnabled(True)
            return
        database, actor, vacancy_id = self.database, self.actor, self.vacancy_id
        Operation(self, lambda: vacancies.vacancy_entry(database, actor, vacancy_id),
                  name="vacancy").done(self._read).failed(self._refused).run()

    def _read(self, read: tuple[VacancyEntry, int, VacancyStatus]) -> None:
        entry, self.version, _status = read
        self.employer.setCurrentIndex(self.employer.findData(entry.employer_id))
        if self.employer.currentIndex() < 0:  # an employer no longer worked with
            self.employer.addItem("—", entry.employer_id)
            self.employer.setCurrentIndex(self.employer.count() - 1)
        self.title.setText(entry.title)
        self.sector.setCurrentIndex(self.sector.findData(entry.sector_code))
        self.region.setCurrentIndex(max(self.region.findData(entry.region_code), 0))
        self.locality.setText(entry.locality)
        self.wage.set_number(entry.monthly_wage)
        self.places.setValue(entry.positions)
        self.profession.setText(entry.profession)
        self.experience.set_number(entry.min_experience_years)
        self.licence.setText(entry.driving_licence)
        for (language, level), (code, level_code) in zip(self.language_boxes,
                                                         entry.languages, strict=False):
            language.setCurrentIndex(max(language.findData(code), 0))
            level.setCurrentIndex(max(level.findData(level_code), 0))
        opened = entry.opened_on or date.today()
        self.opened.setDate(QDate(opened.year, opened.month, opened.day))
        self.buttons.setEnabled(True)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New vacancy") if self.vacancy_id is None else _("Edit vacancy"))
        texts = {"employer": _("E&mployer"), "title": _("&Position"), "sector": _("&Sector"),
                 "region": _("&Region"), "locality": _("L&ocality"),
                 "wage": _("Monthly &wage, ₸"), "places": _("Pla&ces"),
                 "profession": _("Pro&fession asked for"),
                 "experience": _("Years of e&xperience"),
                 "licence": _("&Driving licence"), "languages": _("&Languages"),
                 "dates": _("Opened &on")}
        for key, text in texts.items():
            self.form.set_label(key, text)
        self.licence.setPlaceholderText("B C")

    def vacancy_entry(self) -> VacancyEntry:
        languages = tuple((language.currentData(), level.currentData())
                          for language, level in self.language_boxes
                          if language.currentData() is not None)
        return VacancyEntry(
            employer_id=self.employer.currentData(), title=self.title.text(),
            sector_code=self.sector.currentData(), region_code=self.region.currentData(),
            locality=self.locality.text(),
            monthly_wage=self.wage.number(),
            positions=self.places.value(), profession=self.profession.text(),
            min_experience_years=self.experience.number(),
            driving_licence=self.licence.text(), languages=languages,
            opened_on=self.opened.date().toPython())  # type: ignore[arg-type]

    def _texts(self, problems: dict[vacancies.Field, vacancies.Problem]) -> dict[str, str]:
        return {field.value: vacancy_problem_text(field, problem)
                for field, problem in problems.items()}

    def problems(self) -> dict[str, str]:
        return self._texts(vacancies.check_vacancy(self.vacancy_entry()))

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidVacancy):
            return self._texts(failure.error.problems)
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, entry = self.database, self.actor, self.vacancy_entry()
        vacancy_id, version = self.vacancy_id, self.version
        if vacancy_id is None:
            return lambda: vacancies.create_vacancy(database, actor, entry)

        def edit() -> uuid.UUID:
            assert version is not None
            vacancies.update_vacancy(database, actor, vacancy_id, version, entry)
            return vacancy_id

        return edit


class VacanciesTab(ListTab[VacancyLine]):
    tables = ("vacancy", "vacancy_language", "employer", "job_referral")
    open_client = Signal(object, str)  # person id, the file's tab

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.windows: dict[uuid.UUID, CandidatesWindow] = {}
        self.status_filter = QComboBox(self)
        self.with_places = QCheckBox(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.add_button = self.button(self.add_vacancy)
        self.edit_button = self.button(self.edit_vacancy)
        self.hold_button = self.button(self.hold_or_open)
        self.close_button = self.button(self.close_vacancy)
        self.candidates_button = self.button(self.open_candidates)
        self.buttons.addStretch(1)
        # What to show on a row of its own, above what to do: side by side with five
        # buttons, the search had no room left for its hint in Kazakh or Russian.
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.with_places)
        self.layout().insertLayout(0, filters)  # type: ignore[union-attr]
        fit_to_items(self.status_filter)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.with_places.toggled.connect(lambda _on: self.reload())
        self.search.textChanged.connect(lambda _t: self.reload())
        self.table.activated.connect(lambda _index: self.edit_vacancy())
        self.shortcut(QKeySequence(QKeySequence.StandardKey.New), self.add_vacancy)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add…"))
        self.edit_button.setText(_("&Edit…"))
        self.close_button.setText(_("&Close the vacancy"))
        self.candidates_button.setText(_("Ca&ndidates…"))
        self.candidates_button.setToolTip(_("The job seekers who fit this vacancy, and the "
                                            "clients referred to it"))
        self.with_places.setText(_("With places left"))
        self.search.setPlaceholderText(_("Find a position, an employer or a place"))
        self.search.setAccessibleName(_("Find a position, an employer or a place"))
        self.status_filter.setAccessibleName(_("Show vacancies"))
        index = self.status_filter.currentIndex()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        for _statuses, label in FILTERS:
            self.status_filter.addItem(label())
        self.status_filter.setCurrentIndex(max(index, 0))
        self.status_filter.blockSignals(False)
        self.table.setAccessibleName(_("Vacancies"))
        self.update_buttons()
        self.reload()
        self.model.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()
        for window in self.windows.values():
            window.retranslate()

    def reader(self) -> Callable[[], list[VacancyLine]]:
        database, actor = self.database, self.actor
        statuses = FILTERS[max(self.status_filter.currentIndex(), 0)][0]
        text, with_places = self.search.text(), self.with_places.isChecked()
        return lambda: vacancies.list_vacancies(database, actor, statuses=statuses, text=text,
                                                with_places=with_places)

    def update_buttons(self) -> None:
        line = self.selected()
        self.edit_button.setEnabled(line is not None)
        self.candidates_button.setEnabled(line is not None)
        self.hold_button.setEnabled(line is not None)
        self.close_button.setEnabled(line is not None and line.status is not VacancyStatus.CLOSED)
        self.hold_button.setText(_("&Put on hold") if line is not None
                                 and line.status is VacancyStatus.OPEN else _("&Open again"))

    def add_vacancy(self) -> None:
        self.open_dialog(VacancyDialog(self.database, self.actor, None, self))

    def edit_vacancy(self) -> None:
        line = self.selected()
        if line is not None:
            self.open_dialog(VacancyDialog(self.database, self.actor, line.id, self))

    def open_candidates(self) -> CandidatesWindow | None:
        """The chosen vacancy's candidates window (one per vacancy, raised if open)."""
        line = self.selected()
        if line is None:
            return None
        window = self.windows.get(line.id)
        if window is None:
            window = CandidatesWindow(self.database, self.actor, line, self)
            window.open_client.connect(self.open_client)
            window.closed.connect(lambda vacancy_id=line.id: self.windows.pop(vacancy_id, None))
            self.windows[line.id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def hold_or_open(self) -> None:
        line = self.selected()
        if line is not None:
            self._set(line, VacancyStatus.ON_HOLD if line.status is VacancyStatus.OPEN
                      else VacancyStatus.OPEN)

    def close_vacancy(self) -> None:
        line = self.selected()
        if line is not None:
            self._set(line, VacancyStatus.CLOSED)

    def _set(self, line: VacancyLine, status: VacancyStatus) -> None:
        database, actor = self.database, self.actor
        Operation(self, lambda: vacancies.set_vacancy_status(database, actor, line.id,
                                                             line.version, status),
                  writes=True, name="vacancy status").failed(self._unread).run()
