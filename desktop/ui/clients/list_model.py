"""The client list as a Qt model that fetches one window of rows at a time.

It never holds the whole table: rows arrive ``PAGE`` at a time as the view
scrolls (``canFetchMore``/``fetchMore``). Every window, the first of a new
search or filter and each further one, is fetched through the operation
runner, off the GUI thread; an answer to a question no longer asked is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from db.queries.clients import ClientQuery, ClientRow
from desktop.domain.iin import mask_iin
from desktop.i18n import N_, NC_, _, format_date
from desktop.ui.operations import Failure, Operation, tell

PAGE = 200

Fetch = Callable[[ClientQuery, int, int, ClientRow | None], list[ClientRow]]

# (title, value shown, sort key or None when the column cannot be sorted)
COLUMNS: tuple[tuple[str, Callable[[ClientRow], str], str | None], ...] = (
    (NC_("person", "Name"), lambda row: row.name, "name"),
    (N_("Name (Latin)"), lambda row: row.name_latin, None),
    (N_("Birth date"), lambda row: format_date(row.birth_date), "birth_date"),
    (N_("IIN"), lambda row: mask_iin(row.iin), None),  # masked but for the last 4 digits
    (N_("Category"), lambda row: row.category, "category"),
    (N_("Region"), lambda row: row.region, "region"),
)
Index = QModelIndex | QPersistentModelIndex


class ClientListModel(QAbstractTableModel):
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    shown = Signal()  # the first window of a new question is in

    def __init__(self, fetch: Fetch) -> None:
        super().__init__()
        self._fetch = fetch
        self._rows: list[ClientRow] = []
        self.query = ClientQuery()
        self._exhausted = True
        self._more: Operation[list[ClientRow]] | None = None  # the window being fetched
        self.loading = False

    @property
    def text(self) -> str:
        return self.query.text

    def show(self, query: ClientQuery, rows: list[ClientRow]) -> None:
        """Replace the list by the first window of ``query``."""
        if self._more is not None:  # rows of the old question must not join the new one
            self._more.cancel()
            self._more = None
        self.beginResetModel()
        self.query = query
        self._rows = list(rows)
        self._exhausted = len(rows) < PAGE
        self.endResetModel()
        self.loading = False
        self.shown.emit()

    def load(self, query: ClientQuery) -> None:
        """Ask for the first window of ``query``; a newer ``load`` supersedes this one."""
        fetch = self._fetch
        self.loading = True
        Operation(self, lambda: fetch(query, PAGE, 0, None), name="client list") \
            .superseding((id(self), "first window")) \
            .done(lambda rows: self.show(query, rows)).failed(self._failed).run()

    def _failed(self, failure: Failure) -> None:
        self.loading = False
        self._more = None
        tell(self, failure.message)

    def reload(self) -> None:
        self.load(self.query)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or self._more is not None:
            return
        fetch, query, offset = self._fetch, self.query, len(self._rows)
        after = self._rows[-1] if self._rows else None
        self._more = Operation(self, lambda: fetch(query, PAGE, offset, after),
                               name="client list, more") \
            .done(self._append).failed(self._failed).run()

    def _append(self, rows: list[ClientRow]) -> None:
        self._more = None
        self._exhausted = len(rows) < PAGE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2]
        if key is None:
            return
        self.load(dataclasses.replace(
            self.query, sort=key, descending=order == Qt.SortOrder.DescendingOrder))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[index.column()][1](row)  # the tip shows what a narrow column cuts
        if role == self.ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][0])
        return None

    def row(self, index: int) -> ClientRow:
        return self._rows[index]
