"""The Providers tab: the organisations clients are referred to, named in each language
they have a name in, with the services each provides. A provider is never deleted
(referrals name it): one no longer worked with is deactivated, and can be reactivated."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import N_, _
from desktop.services.access import Actor
from desktop.services.reference import reference_choices
from desktop.services.social import providers
from desktop.services.social.catalogue import ServiceTypeLine, list_service_types
from desktop.services.social.errors import Field, InvalidEntry, Problem
from desktop.services.social.messages import problem_text
from desktop.services.social.providers import ProviderEntry, ProviderLine
from desktop.ui import operations
from desktop.ui.admin.common import DirectoryTab, FormDialog, show_message, yes_no
from desktop.ui.operations import Failure, Operation

NAME_COLUMN, SERVICES_COLUMN, CONTACT_COLUMN = 0, 2, 5
COLUMNS = (
    # "Provider", not "Name": that one is translated as a person's full name.
    (N_("Provider"), lambda line: line.name),
    (N_("Type"), lambda line: line.type),
    (N_("Services"), lambda line: line.services),
    (N_("Region"), lambda line: line.region),
    (N_("Locality"), lambda line: line.locality),
    (N_("Contact person"), lambda line: line.contact),
    (N_("Phone"), lambda line: line.phone),
    (N_("Open referrals"), lambda line: str(line.open_referrals)),
    (N_("Active"), lambda line: yes_no(line.active)),
)
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
Choice = tuple[str, str]


@dataclass(frozen=True)
class Choices:
    """What the provider form offers, labelled in the UI language."""

    types: list[Choice]
    areas: list[Choice]
    regions: list[Choice]
    services: list[ServiceTypeLine]


def read_choices(database: Database, actor: Actor) -> Choices:
    """On the worker thread: every list the form offers, in one go."""
    return Choices(reference_choices(database, "provider_type"),
                   reference_choices(database, "service_area"),
                   reference_choices(database, "region"),
                   list_service_types(database, actor))


def fill_combo(combo: QComboBox, choices: list[Choice], chosen: str | None,
               empty: str | None = None) -> None:
    """The choices, ``chosen`` selected; one no longer offered is kept, not lost."""
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for code, label in choices:
        combo.addItem(label, code)
    if chosen and combo.findData(chosen) < 0:
        combo.addItem(chosen, chosen)
    if chosen:
        combo.setCurrentIndex(combo.findData(chosen))
    else:
        combo.setCurrentIndex(0 if empty is not None else -1)


def problem_texts(problems: dict[Field, Problem]) -> dict[str, str]:
    """Each problem's sentence by the form key of its field (the field's own value)."""
    return {field.value: problem_text(field, problem) for field, problem in problems.items()}


class ServiceTicks(QTreeWidget):
    """The service types a provider delivers, ticked, under their areas (ticking an area
    ticks all of it). Types out of use are offered only where already ticked, marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setMinimumHeight(420)
        self.setUniformRowHeights(True)

    def show_services(self, lines: list[ServiceTypeLine], ticked: frozenset[str]) -> None:
        self.clear()
        areas: dict[str, QTreeWidgetItem] = {}
        for line in lines:
            if not line.active and line.code not in ticked:
                continue
            area = areas.get(line.area_code)
            if area is None:
                area = QTreeWidgetItem(self, [line.area])
                area.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsAutoTristate)
                areas[line.area_code] = area
            text = line.label if line.active else _("{service} (out of use)").format(
                service=line.label)
            item = QTreeWidgetItem(area, [text])
            item.setToolTip(0, text)  # a long name is elided in the list
            item.setData(0, CODE_ROLE, line.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if line.code in ticked
                               else Qt.CheckState.Unchecked)
            if not line.active:
                item.setForeground(0, QApplication.palette().brush(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
                item.setToolTip(0, _("{service}: taken out of the catalogue; the provider "
                                     "keeps it until you untick it.").format(
                                         service=line.label))
        self.expandAll()

    def items(self) -> list[QTreeWidgetItem]:
        """The service items (not the areas), in the order shown."""
        return [self.topLevelItem(a).child(s) for a in range(self.topLevelItemCount())
                for s in range(self.topLevelItem(a).childCount())]

    def item_of(self, code: str) -> QTreeWidgetItem | None:
        return next((item for item in self.items() if item.data(0, CODE_ROLE) == code), None)

    def ticked(self) -> frozenset[str]:
        return frozenset(item.data(0, CODE_ROLE) for item in self.items()
                         if item.checkState(0) == Qt.CheckState.Checked)


class ProviderDialog(FormDialog):
    """A new provider (``provider_id`` None) or one's details, read first."""

    def __init__(self, database: Database, actor: Actor, provider_id: uuid.UUID | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.provider_id = database, actor, provider_id
        self.version: int | None = None  # of the provider as read, for the save
        self.choices: Choices | None = None
        self.reading = False
        self.name_kk, self.name_ru, self.name_en = (QLineEdit(self) for _i in range(3))
        for name in (self.name_kk, self.name_ru, self.name_en):
            name.setMaxLength(providers.MAX_NAME)
        self.kind, self.area, self.region = QComboBox(self), QComboBox(self), QComboBox(self)
        self.locality, self.address, self.contact = (QLineEdit(self) for _i in range(3))
        self.phone, self.email = QLineEdit(self), QLineEdit(self)
        self.services = ServiceTicks(self)
        # The one name problem (none given, one too long) is shown beside the first name.
        fields = (("name", self.name_kk), ("name_ru", self.name_ru),
                  ("name_en", self.name_en), ("type", self.kind), ("area", self.area),
                  ("region", self.region), ("locality", self.locality),
                  ("address", self.address), ("contact", self.contact),
                  ("phone", self.phone), ("email", self.email),
                  ("services", self.services))
        for key, field in fields:
            self.form.add(key, field, self)
        self._services_beside()
        self.chain_focus([field for _key, field in fields])
        self.name_kk.setFocus()
        self.setMinimumWidth(1040)
        self.buttons.setEnabled(False)  # until the lists (and the provider) are read
        self.retranslate()  # reads the lists

    def _services_beside(self) -> None:
        """The tick list in a column of its own beside the fields, its problem below it:
        a form of twelve rows with the list under it would not fit a laptop's screen."""
        # The services row leaves the form's grid, but the form still knows its field and
        # its problem label by key: problems are placed beside it as beside any other.
        taken = self.form.takeRow(self.form.rowCount() - 1)
        cell = taken.fieldItem.layout()
        assert isinstance(cell, QBoxLayout)
        cell.setDirection(QBoxLayout.Direction.TopToBottom)
        cell.setStretch(0, 1)
        cell.setStretch(1, 0)
        column = QVBoxLayout()
        column.addWidget(taken.labelItem.widget())
        column.addLayout(cell, 1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.removeItem(self.form)
        self.form.setParent(None)  # type: ignore[call-overload]
        columns = QHBoxLayout()
        columns.addLayout(self.form, 1)
        columns.addSpacing(12)
        columns.addLayout(column, 1)
        outer.insertLayout(0, columns, 1)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New provider") if self.provider_id is None
                            else _("Edit provider"))
        texts = {"name": _("Name in &Kazakh"), "name_ru": _("Name in R&ussian"),
                 "name_en": _("Name in &English"), "type": _("&Type"), "area": _("&Area"),
                 "region": _("&Region"), "locality": _("&Locality"),
                 "address": _("A&ddress"), "contact": _("&Contact person"),
                 "phone": _("&Phone"), "email": _("E-&mail"),
                 "services": _("&Services it provides")}
        for key, text in texts.items():
            self.form.set_label(key, text)
        # The lists are labelled in the UI language: read them again, keeping the choices.
        database, actor = self.database, self.actor
        Operation(self, lambda: read_choices(database, actor), name="provider choices") \
            .superseding((ProviderDialog, id(self), "choices")) \
            .done(self._choices).failed(self._unread).run()

    def _choices(self, choices: Choices) -> None:
        self.choices = choices
        self._fill(self.kind.currentData(), self.area.currentData(),
                   self.region.currentData(), self.services.ticked())
        if self.provider_id is None:
            self.buttons.setEnabled(not self.writing)
        elif self.version is None and not self.reading:
            self.reading = True
            database, actor, provider_id = self.database, self.actor, self.provider_id
            Operation(self, lambda: providers.provider_entry(database, actor, provider_id),
                      name="provider").done(self._read).failed(self._unread).run()

    def _fill(self, type_code: str | None, area_code: str | None, region_code: str | None,
              ticked: frozenset[str]) -> None:
        assert self.choices is not None
        fill_combo(self.kind, self.choices.types, type_code)
        fill_combo(self.area, self.choices.areas, area_code)
        fill_combo(self.region, self.choices.regions, region_code, "—")
        self.services.show_services(self.choices.services, ticked)

    def _read(self, read: tuple[ProviderEntry, int]) -> None:
        entry, self.version = read
        self.reading = False
        for field, text in ((self.name_kk, entry.name_kk), (self.name_ru, entry.name_ru),
                            (self.name_en, entry.name_en), (self.locality, entry.locality),
                            (self.address, entry.address), (self.contact, entry.contact),
                            (self.phone, entry.phone), (self.email, entry.email)):
            field.setText(text)
        self._fill(entry.type_code, entry.area_code, entry.region_code, entry.service_codes)
        self.buttons.setEnabled(True)

    def _unread(self, failure: Failure) -> None:
        """The lists or the provider could not be read: nothing to save from."""
        self.reading = False
        self.form.show_problems({})
        show_message(self.message, failure.message)

    def entry(self) -> ProviderEntry:
        return ProviderEntry(
            self.name_kk.text(), self.name_ru.text(), self.name_en.text(),
            self.kind.currentData(), self.area.currentData(), self.region.currentData(),
            self.locality.text(), self.address.text(), self.contact.text(), self.phone.text(),
            self.email.text(), self.services.ticked())

    def problems(self) -> dict[str, str]:
        return problem_texts(providers.check_provider(self.entry()))

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidEntry):
            return problem_texts(failure.error.problems)
        return {}  # a conflict (StaleRecord), a provider gone: said below the form

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, entry = self.database, self.actor, self.entry()
        provider_id, version = self.provider_id, self.version
        if provider_id is None:
            return lambda: providers.create_provider(database, actor, entry)

        def edit() -> uuid.UUID:
            assert version is not None
            providers.update_provider(database, actor, provider_id, version, entry)
            return provider_id

        return edit


class ProvidersTab(DirectoryTab[ProviderLine]):
    tables = ("provider", "provider_service", "referral")
    free_text = (SERVICES_COLUMN, CONTACT_COLUMN, NAME_COLUMN)  # the name gives way last
    free_text_floor: ClassVar[dict[int, int]] = {
        SERVICES_COLUMN: 140, CONTACT_COLUMN: 120, NAME_COLUMN: 260}

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        # The services a provider delivers can be many: on one line, elided first when room
        # is short, the whole list in the tooltip.
        self.table.setWordWrap(False)
        self.retranslate()  # reads the list too

    def texts(self) -> tuple[str, str, str]:
        return (_("Show deacti&vated"), _("Find a provider by name, locality or contact"),
                _("Providers"))

    def reactivate_text(self) -> str:
        return _("Reac&tivate")

    def read(self, text: str, include_inactive: bool) -> Callable[[], list[ProviderLine]]:
        database, actor = self.database, self.actor
        return lambda: providers.list_providers(database, actor, text=text,
                                                include_inactive=include_inactive)

    def dialog_for(self, record_id: uuid.UUID | None) -> ProviderDialog:
        return ProviderDialog(self.database, self.actor, record_id, self)

    def set_active(self, row: ProviderLine, active: bool) -> Callable[[], None]:
        database, actor = self.database, self.actor
        return lambda: providers.set_provider_active(database, actor, row.id, row.version,
                                                     active)

    def toggle_failed(self, failure: Failure) -> None:
        operations.tell(self, failure.message)
        self.reload()  # a conflict: show the provider as it is now
