"""The job-seeker profile form of the Employment tab: what a career centre asks of someone
looking for work.

Profession and education are the person's own fields (the Profile tab shows them too):
saving writes them back to the person, so each is kept in one place. The form reads the
profile and its lists off the GUI thread, and saves with ``job_seekers.save_job_seeker``;
a problem is shown beside its field, a conflict (the profile or the person changed
meanwhile) under the form.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor
from desktop.services.employment import job_seekers
from desktop.services.employment.job_seekers import (
    Field,
    InvalidJobSeeker,
    JobSeekerEntry,
    SeekerProfile,
)
from desktop.services.employment.messages import seeker_problem_text
from desktop.services.employment.vacancies import (
    LICENCE_CATEGORIES,
    MAX_EXPERIENCE,
    licence_categories,
)
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, OptionalSpin
from desktop.ui.client_file.fields import ChoiceCombo, OptionalDateEdit
from desktop.ui.operations import Failure, Operation

LIST_HEIGHT = 132  # px: six or seven lines of a checkable list, the rest by scrolling
CHILDCARE, SEEKING = "childcare", "seeking"


@dataclass(frozen=True)
class _Read:
    profile: SeekerProfile
    education: list[tuple[str, str]]
    sectors: list[tuple[str, str]]
    regions: list[tuple[str, str]]


class CheckList(QListWidget):
    """Codes to tick, each item showing its label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFixedHeight(LIST_HEIGHT)

    def set_choices(self, choices: list[tuple[str, str]], checked: tuple[str, ...]) -> None:
        self.clear()
        known = {code for code, _label in choices}
        # A code no longer offered (an inactive list item) is still shown, not lost.
        for code, label in [*choices, *((c, c) for c in checked if c not in known)]:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in checked
                               else Qt.CheckState.Unchecked)

    def checked(self) -> tuple[str, ...]:
        return tuple(item.data(Qt.ItemDataRole.UserRole)
                     for item in (self.item(row) for row in range(self.count()))
                     if item.checkState() == Qt.CheckState.Checked)

    def set_checked(self, code: str, checked: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class _UnemployedSince(OptionalDateEdit):
    """A day, or not registered as unemployed at all."""

    def retranslate(self) -> None:
        self.unknown.setText(_("Not registered"))


class JobSeekerDialog(FormDialog):
    """Makes the client's job-seeker profile, or corrects it."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID, name: str,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.person_id, self.name = database, actor, person_id, name
        self.today = today
        self.read: SeekerProfile | None = None
        self.loading = True
        self.summary = self.add_summary()
        self.profession, self.qualification = QLineEdit(self), QLineEdit(self)
        self.education = ChoiceCombo(self)
        self.experience = OptionalSpin(self, MAX_EXPERIENCE)
        self.sectors, self.regions = CheckList(self), CheckList(self)
        self.licence = QWidget(self)
        row = QHBoxLayout(self.licence)
        row.setContentsMargins(0, 0, 0, 0)
        self.licence_boxes = {category: QCheckBox(category, self.licence)
                              for category in LICENCE_CATEGORIES}
        for box in self.licence_boxes.values():
            row.addWidget(box)
        row.addStretch(1)
        self.health = QLineEdit(self)
        self.childcare = QCheckBox(self)
        self.unemployed = _UnemployedSince(self)
        day = today or date.today()
        self.unemployed.editor.setMaximumDate(QDate(day.year, day.month, day.day))
        self.unemployed.editor.setDate(QDate(day.year, day.month, day.day))
        self.unemployed.setValue(None)
        self.seeking = QCheckBox(self)
        self.seeking.setChecked(True)
        for key, field in ((Field.PROFESSION, self.profession),
                           (Field.QUALIFICATION, self.qualification),
                           (Field.EDUCATION, self.education), (Field.EXPERIENCE, self.experience),
                           (Field.SECTORS, self.sectors), (Field.REGIONS, self.regions),
                           (Field.LICENCE, self.licence), (Field.HEALTH, self.health),
                           (CHILDCARE, self.childcare), (Field.UNEMPLOYED, self.unemployed),
                           (SEEKING, self.seeking)):
            self.form.add(str(key), field, self)
        self.chain_focus([self.profession, self.qualification, self.education, self.experience,
                          self.sectors, self.regions, *self.licence_boxes.values(), self.health,
                          self.childcare, self.unemployed.editor, self.unemployed.unknown,
                          self.seeking])
        self.setMinimumWidth(720)
        self.ok_button().setEnabled(False)
        self.profession.setFocus()
        self.retranslate()
        Operation(self, lambda: _Read(job_seekers.job_seeker_profile(database, actor, person_id),
                                      reference_choices(database, "education_level"),
                                      reference_choices(database, "economic_sector"),
                                      reference_choices(database, "region")),
                  name="job-seeker profile").done(self._show).failed(self._unread).run()



    # ---- reading --------------------------------------------------------------------------

    def _show(self, read: _Read) -> None:
        self.loading = False
        self.read = read.profile
        entry = read.profile.entry
        self.education.set_choices(read.education, "—")
        if entry is None:  # a new profile starts from what the person record says
            self.profession.setText(read.profile.profession)
            self.education.setValue(read.profile.education_code)
            self.sectors.set_choices(read.sectors, ())
            self.regions.set_choices(read.regions, ())
        else:
            self.profession.setText(entry.profession)
            self.qualification.setText(entry.qualification)
            self.education.setValue(entry.education_code)
            self.experience.set_number(entry.experience_years)
            self.sectors.set_choices(read.sectors, entry.sector_codes)
            self.regions.set_choices(read.regions, entry.region_codes)
            held = licence_categories(entry.driving_licence)
            for category, box in self.licence_boxes.items():
                box.setChecked(category in held)
            self.health.setText(entry.health_limits)
            self.childcare.setChecked(entry.childcare)
            self.unemployed.setValue(entry.unemployed_since)
            self.seeking.setChecked(entry.seeking)
        self.retranslate()
        self.ok_button().setEnabled(True)


    # ---- saving ---------------------------------------------------------------------------

    def entry(self) -> JobSeekerEntry:
        return JobSeekerEntry(
            profession=self.profession.text(), qualification=self.qualification.text(),
            education_code=self.education.value(), experience_years=self.experience.number(),
            sector_codes=self.sectors.checked(), region_codes=self.regions.checked(),
            driving_licence=" ".join(c for c, box in self.licence_boxes.items()
                                     if box.isChecked()),
            health_limits=self.health.text(), childcare=self.childcare.isChecked(),
            unemployed_since=self.unemployed.value(), seeking=self.seeking.isChecked())

    @staticmethod
    def _texts(problems: dict[Field, job_seekers.Problem]) -> dict[str, str]:
        return {field.value: seeker_problem_text(field, problem)
                for field, problem in problems.items()}

    def problems(self) -> dict[str, str]:
        return self._texts(job_seekers.check_job_seeker(self.entry(), self.today))

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidJobSeeker):
            return self._texts(failure.error.problems)
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        read = self.read
        assert read is not None
        database, actor, person_id, today = self.database, self.actor, self.person_id, self.today
        entry, version, person_version = self.entry(), read.version, read.person_version

        def save() -> uuid.UUID:
            job_seekers.save_job_seeker(database, actor, person_id, entry, version,
                                        person_version, today=today)
            return person_id

        return save

    # ---- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        new = self.read is None or self.read.entry is None
        self.setWindowTitle(_("New job-seeker profile") if new else _("Job-seeker profile"))
        self.summary.setText(_("What {name} looks for and brings. Profession and education "
                               "are also on the Profile tab: they are kept in one place.")
                             .format(name=self.name))
        texts = {Field.PROFESSION: _("&Profession:"), Field.QUALIFICATION: _("&Qualification:"),
                 Field.EDUCATION: _("&Education:"), Field.EXPERIENCE: _("Years of e&xperience:"),
                 Field.SECTORS: _("Sectors &sought:"), Field.REGIONS: _("&Regions sought:"),
                 Field.LICENCE: _("&Driving licence:"), Field.HEALTH: _("&Health limits:"),
                 CHILDCARE: _("Childcare:"), Field.UNEMPLOYED: _("&Unemployed since:"),
                 SEEKING: _("Job search:")}
        for key, text in texts.items():
            self.form.set_label(str(key), text)
        self.qualification.setPlaceholderText(_("e.g. Electric welder, 4th grade"))
        self.health.setPlaceholderText(_("Work their health rules out, if any"))
        self.childcare.setText(_("Needs working hours that fit a child's care"))
        self.seeking.setText(_("Still looking for work"))
        self.unemployed.retranslate()
        self.unemployed.set_accessible_name(_("Unemployed since"))
        self.licence.setAccessibleName(_("Driving licence"))
        self.ok_button().setText(_("&Save the profile"))
