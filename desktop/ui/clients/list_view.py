"""The client list screen: search, filters, a lazily filled table, export to XLSX or CSV.

Searching and filtering never block the window: every window of rows is
fetched through the operation runner, and an answer to an older question is
dropped. The list reloads itself when a write anywhere changes clients.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.changes import Changes
from db.queries.clients import ClientQuery
from db.session import Database
from desktop.i18n import _, country_choices
from desktop.services import clients
from desktop.services.auth import Actor
from desktop.services.reference import reference_choices
from desktop.ui import operations
from desktop.ui.clients.list_model import ClientListModel
from desktop.ui.fitting import ColumnFitter, fit_to_items, text_width
from desktop.ui.operations import Operation
from desktop.ui.save_paths import in_documents, named

# A change to any of these may add, drop or relabel a row of the list.
LIST_TABLES = ("person", "client_case", "app_user")

# The list model's columns (desktop.ui.clients.list_model.COLUMNS).
NAME_COLUMN, LATIN_COLUMN, CATEGORY_COLUMN, REGION_COLUMN = 0, 1, 4, 5

SEARCH_DELAY_MS = 60  # a pause in typing, yet results within 100 ms of the last key


class SearchField(QLineEdit):
    """The search box: Down (or Enter, once the answer is in) goes on to the results."""

    into_results = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.into_results.emit()
            return
        super().keyPressEvent(event)


class ClientListView(QWidget):
    query_changed = Signal()
    open_client = Signal(object)  # person id
    export_finished = Signal(str)  # the file written

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.model = ClientListModel(
            lambda query, limit, offset, after: clients.list_clients(
                database, actor, query, limit, offset, after))
        self.exported: Path | None = None
        self.export_operation: Operation[int] | None = None

        self.search = SearchField(self)
        self.search.setClearButtonEnabled(True)
        self.category, self.status, self.caseworker, self.region, self.country = (
            QComboBox(self) for _i in range(5))
        self.export = QPushButton(self)
        self.import_button = QPushButton(self)
        self.import_wizard: QWidget | None = None
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        for column, width in enumerate((300, 220, 110, 120, 260, 200)):
            self.table.setColumnWidth(column, width)
        # Names give way when room is short (their tooltip holds them); a category or a
        # region is as wide as its longest label, told once the labels are read.
        self.columns = ColumnFitter(self.table, (NAME_COLUMN, LATIN_COLUMN), measure=False,
                                    floor={NAME_COLUMN: 220, LATIN_COLUMN: 160})

        # Each filter as wide as its longest choice ("Foreign worker (by a permit issued to
        # the employer)"): two rows, since five such boxes outgrow one in Kazakh.
        fit_to_items(self.category, self.status, self.caseworker, self.region, self.country)
        who = QHBoxLayout()
        where = QHBoxLayout()
        for row, combos in ((who, (self.category, self.status, self.caseworker)),
                            (where, (self.region, self.country))):
            for combo in combos:
                row.addWidget(combo)
                combo.currentIndexChanged.connect(self.apply_search)
            row.addStretch(1)
        where.addWidget(self.export)
        where.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(who)
        layout.addLayout(where)
        layout.addWidget(self.table)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._enter_in_search)
        self.search.into_results.connect(self.focus_results)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.export.clicked.connect(self.ask_and_export)
        self.import_button.clicked.connect(self.open_import)
        self.model.shown.connect(self._shown)
        operations.hub().changed.connect(self.on_changes)
        self.retranslate()
        self.model.load(self.current_query())

    # ---- the question asked ----------------------------------------------------------------

    def current_query(self) -> ClientQuery:
        return ClientQuery(
            text=self.search.text().strip(), category=self.category.currentData(),
            case_status=self.status.currentData(), caseworker_id=self.caseworker.currentData(),
            region=self.region.currentData(), country=self.country.currentData(),
            sort=self.model.query.sort, descending=self.model.query.descending)

    def apply_search(self) -> None:
        """Ask for the first window of the current question, off the GUI thread."""
        self._timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.model.load(query)

    def _shown(self) -> None:
        self.table.scrollToTop()
        query = self.model.query
        # Best matches first is an order of its own: no column's arrow claims it.
        ranked = bool(query.text) and query.sort == "name" and not query.descending
        self.table.horizontalHeader().setSortIndicatorShown(not ranked)
        self.query_changed.emit()

    def _enter_in_search(self) -> None:
        """Enter asks at once; when the list already answers what is typed, it goes to the
        first client, and Enter there opens the file."""
        if self.current_query() == self.model.query and not self.model.loading:
            self.focus_results()
        else:
            self.apply_search()

    def focus_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.selectRow(self.table.currentIndex().row())

    def on_changes(self, changes: Changes) -> None:
        """Someone registered, renamed or moved a client: show the list as it is now."""
        if changes.touches(*LIST_TABLES):
            self.model.reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_person(self) -> object | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()).id if index.isValid() else None

    def _open(self) -> None:
        person = self.selected_person()
        if person is not None:
            self.open_client.emit(person)

    # ---- export ------------------------------------------------------------------------------

    def ask_and_export(self) -> None:
        workbook, text = _("Excel workbooks (*.xlsx)"), _("CSV files, semicolon-separated (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Export the list"), in_documents(named("clients", date.today(),
                                                           suffix="xlsx")),
            f"{workbook};;{text}")
        if path:
            target = Path(path)
            if target.suffix.lower() not in (".xlsx", ".csv"):  # the filter chosen says
                target = target.with_name(target.name + (".csv" if chosen == text else ".xlsx"))
            self.export_to(target)

    def export_to(self, target: Path) -> Operation[int]:
        """Export the list as filtered now, off the GUI thread, with progress and Cancel."""
        database, actor, query = self.database, self.actor, self.model.query
        self.export_operation = Operation(
            self, lambda progress: clients.export_clients(database, actor, query, target,
                                                          progress), name="export clients") \
            .with_progress(_("Exporting clients…")) \
            .done(lambda _count: self._exported(target)).run()
        return self.export_operation

    def _exported(self, target: Path) -> None:
        self.exported = target
        self.export_finished.emit(str(target))

    # ---- import ------------------------------------------------------------------------------

    def open_import(self) -> QWidget:
        """The import wizard over the list; once rows go in, the list refreshes itself (the
        runner broadcasts what the import changed, see ``on_changes``)."""
        from desktop.ui.clients.import_wizard import ImportWizard

        wizard = ImportWizard(self.database, self.actor, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_wizard = wizard
        wizard.open()
        return wizard

    # ---- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            _("Find a client: any part of a name in any script, or the IIN"))
        self.search.setAccessibleName(_("Find a client"))
        self.table.setAccessibleName(_("Clients"))
        self.export.setText(_("E&xport…"))
        self.export.setToolTip(_("The list as filtered now, as XLSX or CSV, in the columns "
                                 "of the import template"))
        self.import_button.setText(_("&Import…"))
        self.import_button.setToolTip(_("Clients from a CSV or XLSX file: every row is "
                                        "checked before anything is written."))
        self._label_filters()
        database, actor = self.database, self.actor
        # The lists' labels come in the UI language, read on the worker as it is now.
        Operation(self, lambda: (reference_choices(database, "migrant_category"),
                                 clients.caseworker_choices(database, actor),
                                 reference_choices(database, "region")), name="list filters") \
            .superseding((id(self), "filters")).done(self._fill_filters).run()

    def _label_filters(self) -> None:
        self._fill(self.status, _("Open and closed cases"),
                   [("open", _("Open case")), ("closed", _("No open case"))])
        self._fill(self.country, _("All countries of origin"), country_choices())
        for combo, name in ((self.category, _("Migrant category")),
                            (self.status, _("Case status")), (self.caseworker, _("Caseworker")),
                            (self.region, _("Region")), (self.country, _("Country of origin"))):
            combo.setAccessibleName(name)
            combo.setToolTip(name)

    def _fill_filters(self, lists: tuple[list[tuple[str, str]], list[tuple[object, str]],
                                         list[tuple[str, str]]]) -> None:
        categories, caseworkers, regions = lists
        self._fill(self.category, _("All categories"), categories)
        self._fill(self.caseworker, _("All caseworkers"), caseworkers)
        self._fill(self.region, _("All regions"), regions)
        self.columns.want({CATEGORY_COLUMN: text_width(self.table, (c for _v, c in categories)),
                           REGION_COLUMN: text_width(self.table, (r for _v, r in regions))})

    @staticmethod
    def _fill(combo: QComboBox, everything: str, choices: list[tuple[object, str]]) -> None:
        """(Re)label a filter, keeping what is chosen, without firing a new search."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, label in choices:
            combo.addItem(label, value)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
