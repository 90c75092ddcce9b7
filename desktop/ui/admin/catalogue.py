"""The Service catalogue tab: the service types of each area, named in kk, ru and en.

A type is added, renamed, taken out of use and put back; never deleted (referrals, plans
and reports name it). A rename or a change of state says what it was made from, so one
made over another administrator's change is refused, not applied.

Service types are reference rows, not audited records: their writes are not announced
on the change hub, so this tab reads its list again after each of its own writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from db.session import Database
from desktop.i18n import N_, _
from desktop.services.access import Actor
from desktop.services.reference import reference_choices
from desktop.services.social import catalogue
from desktop.services.social.catalogue import ServiceTypeEntry, ServiceTypeLine
from desktop.services.social.errors import InvalidEntry
from desktop.ui import operations
from desktop.ui.admin.common import FormDialog, ListTab, yes_no
from desktop.ui.admin.providers import fill_combo, problem_texts
from desktop.ui.operations import Failure, Operation


@dataclass(frozen=True)
class ServiceRow:
    """A line of the catalogue as the table keeps it: known by its code."""

    line: ServiceTypeLine

    @property
    def id(self) -> str:
        return self.line.code

    @property
    def active(self) -> bool:
        return self.line.active

    def as_read(self) -> ServiceTypeEntry:
        """The type as the administrator saw it: what a change of it is made from."""
        line = self.line
        return ServiceTypeEntry(line.area_code, line.label_kk, line.label_ru, line.label_en)


NAME_COLUMNS = (1, 2, 3, 4)
COLUMNS = (
    (N_("Area"), lambda row: row.line.area),
    (N_("Service"), lambda row: row.line.label),  # in the UI language
    (N_("Kazakh"), lambda row: row.line.label_kk),
    (N_("Russian"), lambda row: row.line.label_ru),
    (N_("English"), lambda row: row.line.label_en),
    (N_("In use"), lambda row: str(row.line.uses)),
    (N_("Active"), lambda row: yes_no(row.line.active)),
)


class ServiceTypeDialog(FormDialog):
    """A new service type (``row`` None) or new names for one."""

    def __init__(self, database: Database, actor: Actor, row: ServiceRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.row = database, actor, row
        self.area = QComboBox(self)
        self.label_kk, self.label_ru, self.label_en = (QLineEdit(self) for _i in range(3))
        fields = (("area", self.area), ("label_kk", self.label_kk),
                  ("label_ru", self.label_ru), ("label_en", self.label_en))
        for key, field in fields:
            self.form.add(key, field, self)
            if isinstance(field, QLineEdit):
                field.setMaxLength(catalogue.MAX_LABEL)
        self.chain_focus([field for _key, field in fields])
        if row is not None:
            self.label_kk.setText(row.line.label_kk)
            self.label_ru.setText(row.line.label_ru)
            self.label_en.setText(row.line.label_en)
            # Its own area until the list is read.
            self.area.addItem(row.line.area, row.line.area_code)
        self.area.setFocus()
        self.setMinimumWidth(640)
        self.buttons.setEnabled(False)  # until the areas are read
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New service") if self.row is None else _("Rename service"))
        texts = {"area": _("&Area"), "label_kk": _("Name in &Kazakh"),
                 "label_ru": _("Name in R&ussian"), "label_en": _("Name in &English")}
        for key, text in texts.items():
            self.form.set_label(key, text)
        database = self.database
        Operation(self, lambda: reference_choices(database, "service_area"), name="areas") \
            .superseding((ServiceTypeDialog, id(self), "areas")).done(self._areas).run()

    def _areas(self, choices: list[tuple[str, str]]) -> None:
        chosen = self.area.currentData() or (self.row.line.area_code if self.row else None)
        fill_combo(self.area, choices, chosen)
        self.buttons.setEnabled(not self.writing)

    def entry(self) -> ServiceTypeEntry:
        return ServiceTypeEntry(self.area.currentData(), self.label_kk.text(),
                                self.label_ru.text(), self.label_en.text())

    def problems(self) -> dict[str, str]:
        return problem_texts(catalogue.check_service_type(self.entry()))

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidEntry):
            return problem_texts(failure.error.problems)
        return {}  # changed meanwhile, or gone: said below the form

    def write(self) -> Callable[[], str]:  # type: ignore[override]
        database, actor, entry, row = self.database, self.actor, self.entry(), self.row
        if row is None:
            return lambda: catalogue.add_service_type(database, actor, entry)
        code, read = row.line.code, row.as_read()

        def rename() -> str:
            catalogue.rename_service_type(database, actor, code, read, entry)
            return code

        return rename


class CatalogueTab(ListTab[ServiceRow]):
    tables = ("service_type", "referral", "job_referral")  # "in use" counts referrals
    free_text = NAME_COLUMNS  # the names give way first when room is short

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.add_button = self.button(self.add_service)
        self.rename_button = self.button(self.rename_service)
        self.active_button = self.button(self.toggle_active)
        self.buttons.addStretch(1)
        # On one line each, elided, whole in the tooltip: wrapped in rows one line high,
        # they were cut mid-word.
        self.table.setWordWrap(False)
        self.table.activated.connect(lambda _index: self.rename_service())  # Enter, double-click
        self.shortcut(QKeySequence(QKeySequence.StandardKey.New), self.add_service)
        self.retranslate()  # reads the list too

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add…"))
        self.rename_button.setText(_("Re&name…"))
        self.table.setAccessibleName(_("Service catalogue"))
        self.update_buttons()
        self.reload()  # areas and names in the UI language
        self.model.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()

    def reader(self) -> Callable[[], list[ServiceRow]]:
        database, actor = self.database, self.actor
        return lambda: [ServiceRow(line)
                        for line in catalogue.list_service_types(database, actor)]

    def update_buttons(self) -> None:
        row = self.selected()
        self.rename_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        self.active_button.setText(_("&Take out of use") if row is None or row.active
                                   else _("Put &back in use"))

    def add_service(self) -> None:
        self.open_dialog(ServiceTypeDialog(self.database, self.actor, None, self))

    def rename_service(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(ServiceTypeDialog(self.database, self.actor, row, self))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        database, actor, code, read = self.database, self.actor, row.id, row.as_read()
        self.active_button.setEnabled(False)  # until the list is read again
        Operation(self, lambda: catalogue.set_service_type_active(database, actor, code, read,
                                                                  not row.active),
                  writes=True, name="set_service_type_active") \
            .done(self._toggled).failed(self._not_toggled).run()

    def _toggled(self, _result: None) -> None:
        self.reload()

    def _not_toggled(self, failure: Failure) -> None:
        operations.tell(self, failure.message)
        self.reload()  # changed meanwhile: show the type as it is now

    def _closed(self, dialog: FormDialog) -> None:
        saved = dialog.saved_id
        super()._closed(dialog)
        if saved is not None:
            self.reload(select=saved)  # type: ignore[arg-type]  # a code, not a UUID
