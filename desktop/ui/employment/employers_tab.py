"""The employers the center works with: added, corrected, deactivated (never deleted)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from db.session import Database
from desktop.i18n import N_, _
from desktop.services.access import Actor
from desktop.services.employment import employers
from desktop.services.employment.employers import EmployerEntry, EmployerLine, InvalidEmployer
from desktop.services.employment.messages import employer_problem_text
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import DirectoryTab, FormDialog, yes_no
from desktop.ui.operations import Failure, Operation

COLUMNS = (
    (N_("Employer"), lambda line: line.name),
    (N_("BIN"), lambda line: line.bin),
    (N_("Sector"), lambda line: line.sector),
    (N_("Region"), lambda line: line.region),
    (N_("Contact person"), lambda line: line.contact),
    (N_("Phone"), lambda line: line.phone),
    (N_("Open vacancies"), lambda line: str(line.open_vacancies)),
    (N_("Hires"), lambda line: str(line.placements)),
    (N_("Worked with"), lambda line: yes_no(line.active)),
)


class EmployerDialog(FormDialog):
    """A new employer (``employer_id`` None) or one's details."""

    def __init__(self, database: Database, actor: Actor, employer_id: uuid.UUID | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.employer_id = database, actor, employer_id
        self.version: int | None = None
        self.name, self.bin = QLineEdit(self), QLineEdit(self)
        self.bin.setMaxLength(12)
        self.sector, self.region = QComboBox(self), QComboBox(self)
        self.address, self.contact, self.phone = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        fields = (("name", self.name), ("bin", self.bin), ("sector", self.sector),
                  ("region", self.region), ("address", self.address),
                  ("contact", self.contact), ("phone", self.phone))
        for key, field in fields:
            self.form.add(key, field, self)
        self.chain_focus([field for _key, field in fields])
        self.name.setFocus()
        self.setMinimumWidth(620)
        self.buttons.setEnabled(False)  # until the lists (and the employer) are read
        self.retranslate()
        Operation(self, lambda: (reference_choices(database, "economic_sector"),
                                 reference_choices(database, "region")),
                  name="employer choices").done(self._choices).run()

    def _choices(self, lists: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        sectors, regions = lists
        for code, label in sectors:
            self.sector.addItem(label, code)
        self.region.addItem("—", None)
        for code, label in regions:
            self.region.addItem(label, code)
        self.sector.setCurrentIndex(-1)
        if self.employer_id is None:
            self.buttons.setEnabled(True)
            return
        database, actor, employer_id = self.database, self.actor, self.employer_id
        Operation(self, lambda: employers.employer_entry(database, actor, employer_id),
                  name="employer").done(self._read).failed(self._refused).run()

    def _read(self, read: tuple[EmployerEntry, int]) -> None:
        entry, self.version = read
        self.name.setText(entry.name)
        self.bin.setText(entry.bin)
        self.sector.setCurrentIndex(self.sector.findData(entry.sector_code))
        self.region.setCurrentIndex(max(self.region.findData(entry.region_code), 0))
        self.address.setText(entry.address)
        self.contact.setText(entry.contact)
        self.phone.setText(entry.phone)
        self.buttons.setEnabled(True)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New employer") if self.employer_id is None
                            else _("Edit employer"))
        texts = {"name": _("&Name"), "bin": _("&BIN"), "sector": _("&Sector"),
                 "region": _("&Region"), "address": _("A&ddress"),
                 "contact": _("&Contact person"), "phone": _("&Phone")}
        for key, text in texts.items():
            self.form.set_label(key, text)

    def employer_entry(self) -> EmployerEntry:
        return EmployerEntry(self.name.text(), self.bin.text(), self.sector.currentData(),
                             self.region.currentData(), self.address.text(),
                             self.contact.text(), self.phone.text())

    def problems(self) -> dict[str, str]:
        return {field.value: employer_problem_text(field, problem)
                for field, problem in employers.check_employer(self.employer_entry()).items()}

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidEmployer):
            return {field.value: employer_problem_text(field, problem)
                    for field, problem in failure.error.problems.items()}
        if isinstance(failure.error, employers.BinTaken):
            return {"bin": failure.message}
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, entry = self.database, self.actor, self.employer_entry()
        employer_id, version = self.employer_id, self.version
        if employer_id is None:
            return lambda: employers.create_employer(database, actor, entry)

        def edit() -> uuid.UUID:
            assert version is not None
            employers.update_employer(database, actor, employer_id, version, entry)
            return employer_id

        return edit


class EmployersTab(DirectoryTab[EmployerLine]):
    tables = ("employer", "vacancy", "placement")
    free_text = (4, 0)  # the contact person's name, then the employer's
    free_text_floor: ClassVar[dict[int, int]] = {4: 120, 0: 220}

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.retranslate()

    def texts(self) -> tuple[str, str, str]:
        return (_("Show those no longer worked with"),
                _("Find an employer, a BIN or a contact"), _("Employers"))

    def reactivate_text(self) -> str:
        return _("&Work with again")

    def read(self, text: str, include_inactive: bool) -> Callable[[], list[EmployerLine]]:
        database, actor = self.database, self.actor
        return lambda: employers.list_employers(database, actor, text=text,
                                                include_inactive=include_inactive)

    def dialog_for(self, record_id: uuid.UUID | None) -> EmployerDialog:
        return EmployerDialog(self.database, self.actor, record_id, self)

    def set_active(self, row: EmployerLine, active: bool) -> Callable[[], None]:
        database, actor = self.database, self.actor
        return lambda: employers.set_employer_active(database, actor, row.id, row.version,
                                                     active)
