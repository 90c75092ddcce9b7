"""The Offices tab: the center's offices, their codes (printed on reports) and regions."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from db.session import Database
from desktop.i18n import N_, NC_, _
from desktop.services import admin
from desktop.services.access import Actor
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, ListTab, yes_no
from desktop.ui.operations import Failure, Operation

COLUMNS = (
    (N_("Code"), lambda row: row.code),
    (NC_("office", "Name"), lambda row: row.name),
    (N_("Region"), lambda row: row.region),
    (N_("Address"), lambda row: row.address),
    (N_("Phone"), lambda row: row.phone),
    (NC_("office column, yes or no", "Open"), lambda row: yes_no(row.active)),
)


class OfficeDialog(FormDialog):
    """A new office (``office`` None) or an existing one's details."""

    def __init__(self, database: Database, actor: Actor, office: admin.OfficeRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.office = database, actor, office
        self.code = QLineEdit(self)
        self.code.setMaxLength(admin.CODE_MAX)
        # Codes are upper-case by rule: show them so while typing.
        self.code.textEdited.connect(self._upper)
        # The name in Kazakh (required), then in Russian and English, each printed on the
        # reports in that language.
        self.name, self.address, self.phone = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.name_ru, self.name_en = QLineEdit(self), QLineEdit(self)
        self.region = QComboBox(self)
        self.active = QCheckBox(self)
        self.active.setChecked(True)
        fields = (("code", self.code), ("name", self.name), ("name_ru", self.name_ru),
                  ("name_en", self.name_en), ("region", self.region),
                  ("address", self.address), ("phone", self.phone), ("active", self.active))
        for key, field in fields:
            self.form.add(key, field, self)
        self.chain_focus([field for _key, field in fields])
        if office is not None:
            self.code.setText(office.code)
            self.name.setText(office.name)
            self.name_ru.setText(office.name_ru)
            self.name_en.setText(office.name_en)
            self.address.setText(office.address)
            self.phone.setText(office.phone)
            self.active.setChecked(office.active)
            # Its own region until the list is read: saving at once keeps it.
            self.region.addItem(office.region, office.region_code)
        self.code.setFocus()
        self.retranslate()

    def _upper(self, text: str) -> None:
        if text != text.upper():
            position = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(position)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New office") if self.office is None else _("Edit office"))
        texts = {"code": _("Office &code"), "name": _("Office n&ame, in Kazakh"),
                 "name_ru": _("Name in R&ussian"), "name_en": _("Name in En&glish"),
                 "region": _("&Region"),
                 "address": _("A&ddress"), "phone": _("&Phone"), "active": _("Office is op&en")}
        for key, text in texts.items():
            self.form.set_label(key, text)
        # Regions are labelled in the UI language: read them again, keeping the choice.
        database = self.database
        Operation(self, lambda: reference_choices(database, "region"), name="regions") \
            .superseding((OfficeDialog, id(self), "regions")).done(self._regions).run()

    def _regions(self, choices: list[tuple[str, str]]) -> None:
        chosen = self.region.currentData() or (self.office.region_code if self.office else None)
        self.region.clear()
        for code, label in choices:
            self.region.addItem(label, code)
        if chosen is not None and self.region.findData(chosen) < 0:
            self.region.addItem(chosen, chosen)  # a region no longer offered is kept, not lost
        self.region.setCurrentIndex(max(self.region.findData(chosen), 0))

    def details(self) -> admin.OfficeDetails:
        return admin.OfficeDetails(self.code.text(), self.name.text(), self.region.currentData(),
                                   self.address.text(), self.phone.text(),
                                   self.active.isChecked(), self.name_ru.text(),
                                   self.name_en.text())

    def problems(self) -> dict[str, str]:
        return {key: admin.invalid_text(problem)
                for key, problem in admin.office_problems(self.details()).items()}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, office, details = self.database, self.actor, self.office, self.details()
        if office is None:
            return lambda: admin.add_office(database, actor, details)

        def edit() -> uuid.UUID:
            admin.edit_office(database, actor, office.id, office.version, details)
            return office.id

        return edit

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, admin.OfficeCodeTaken):
            return {"code": failure.message}
        return super().placed(failure)


class OfficesTab(ListTab[admin.OfficeRow]):
    tables = ("office",)
    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.add_button = self.button(self.add_office)
        self.edit_button = self.button(self.edit_office)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _index: self.edit_office())  # Enter, double-click
        self.shortcut(QKeySequence(QKeySequence.StandardKey.New), self.add_office)
        self.retranslate()  # reads the list too

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add…"))
        self.edit_button.setText(_("&Edit…"))
        self.table.setAccessibleName(_("Offices"))
        self.reload()  # region labels come from the service in the UI language
        self.model.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()

    def reader(self) -> Callable[[], list[admin.OfficeRow]]:
        database, actor = self.database, self.actor
        return lambda: admin.list_offices(database, actor)

    def update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def add_office(self) -> None:
        self.open_dialog(OfficeDialog(self.database, self.actor, None, self))

    def edit_office(self) -> None:
        office = self.selected()
        if office is not None:
            self.open_dialog(OfficeDialog(self.database, self.actor, office, self))
