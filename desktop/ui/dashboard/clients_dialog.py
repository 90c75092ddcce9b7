"""The clients behind a dashboard figure: name, IIN (masked, as the client list shows it),
office and caseworker, a page at a time as the list is scrolled; a double click, Enter or
"Open file" opens the client's file."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import N_, NC_, _, format_number, ngettext
from desktop.services.access import Actor
from desktop.services.dashboard import PAGE, Behind, ClientLine, ClientPage, figure_clients
from desktop.ui.operations import Failure, Operation
from desktop.ui.today.model import Column, WorkModel

COLUMNS = (
    Column(NC_("person", "Name"), lambda line: line.name),
    Column(N_("IIN"), lambda line: line.iin),
    Column(N_("Office"), lambda line: line.office),
    Column(N_("Caseworker"), lambda line: line.caseworker),
)
Index = QModelIndex | QPersistentModelIndex


class ClientsModel(WorkModel):
    """The clients read so far; the next page is read off the GUI thread when the view
    scrolls to the end."""

    def __init__(self, read: Callable[[int], ClientPage], parent: Any = None) -> None:
        super().__init__(COLUMNS, parent=parent)
        self.read = read
        self.total = 0
        self.fetching = False
        self.failure = ""

    def show_page(self, page: ClientPage) -> None:
        self.fetching = False
        self.total = page.total
        if page.offset == 0:
            self.set_lines(page.lines)
            return
        if page.offset != len(self.lines) or not page.lines:
            return  # a page of an older reading
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines) + len(page.lines) - 1)
        self.lines.extend(page.lines)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt signature)
        return not parent.isValid() and not self.fetching and len(self.lines) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self.fetching = True
        read, offset = self.read, len(self.lines)
        Operation(self, lambda: read(offset), name="dashboard: more clients") \
            .superseding((id(self), "more")).done(self.show_page).failed(self._failed).run()

    def _failed(self, failure: Failure) -> None:
        self.fetching = False
        self.failure = failure.message


class ClientsView(QTableView):
    chosen = Signal(object)  # the line

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _choose(self, index: QModelIndex) -> None:
        model = self.model()
        line = model.line(index.row()) if index.isValid() and isinstance(model, WorkModel) \
            else None
        if line is not None:
            self.chosen.emit(line)


class ClientsDialog(QDialog):
    """Not modal: the dashboard stays usable, and files open beside it."""

    open_client = Signal(object)  # person id
    loaded = Signal()  # the first page is in (tests wait on it)

    def __init__(self, database: Database, actor: Actor, behind: Behind,
                 title: Callable[[], str], counted: Callable[[int], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DashboardClients")
        self.behind = behind
        self.title_text = title  # called again when the language changes
        self.counted = counted  # what the figure counted, beside the clients listed
        self.read_once = False
        self.error = ""
        self.model = ClientsModel(
            lambda offset: figure_clients(database, actor, behind, offset, PAGE), self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        self.table = ClientsView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self.table._choose)
        self.table.chosen.connect(lambda line: self.open_client.emit(line.person_id))
        self.buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_args: self.open_button.setEnabled(self.selected() is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(860, 540)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        read = self.model.read
        self.model.fetching = True
        Operation(self, lambda: read(0), name="dashboard: clients") \
            .superseding((id(self), "first")).done(self._first).failed(self._failed).run()

    def _first(self, page: ClientPage) -> None:
        self.model.show_page(page)
        self.read_once = True
        self.error = ""
        widths = (280, 110, 170)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        if page.lines:
            self.table.selectRow(0)
        self._say_count()
        self.loaded.emit()

    def _failed(self, failure: Failure) -> None:
        self.model.fetching = False
        self.read_once = True
        self.error = failure.message
        self._say_count()
        self.loaded.emit()

    def selected(self) -> ClientLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        line = self.selected()
        if line is not None:
            self.open_client.emit(line.person_id)

    def person_ids(self) -> list[uuid.UUID]:
        return [line.person_id for line in self.model.lines]

    def retranslate(self) -> None:
        title = self.title_text()
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.open_button.setText(_("&Open file"))
        self.open_button.setToolTip(_("Open the chosen client's file (Enter or a double "
                                      "click)"))
        self.close_button.setText(_("Close"))
        self.table.setAccessibleName(_("Clients behind the figure"))
        self.model.retranslate()
        self._say_count()

    def _say_count(self) -> None:
        if self.error:
            self.count.setText(self.error)
            self.count.setStyleSheet("color: #b00020;")
            return
        self.count.setStyleSheet("")
        if not self.read_once:
            self.count.setText(_("Loading…"))
            return
        total = self.model.total
        text = ngettext("{count} client", "{count} clients", total).format(
            count=format_number(total))
        if self.counted is not None:
            text = self.counted(total) or text
        if not total:
            text = _("No clients behind this figure.")
        self.count.setText(text)
