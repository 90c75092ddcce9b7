"""The client list as a Qt model that fetches one window of rows at a time.

It never holds the whole table: rows arrive ``PAGE`` at a time as the view
scrolls (``canFetchMore``/``fetchMore``), by keyset paging in alphabetical
order or by rank for a search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from db.queries.clients import ClientRow
from desktop.i18n import N_, _, format_date

PAGE = 200

ListPage = Callable[[int, ClientRow | None], list[ClientRow]]
SearchPage = Callable[[str, int, int], list[ClientRow]]

COLUMNS = (
    (N_("Name"), lambda row: row.name),
    (N_("Name (Latin)"), lambda row: row.name_latin),
    (N_("Birth date"), lambda row: format_date(row.birth_date)),
    (N_("IIN"), lambda row: row.iin or ""),
    (N_("Category"), lambda row: row.category),
    (N_("Region"), lambda row: row.region),
)
Index = QModelIndex | QPersistentModelIndex


class ClientListModel(QAbstractTableModel):
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, list_page: ListPage, search_page: SearchPage) -> None:
        super().__init__()
        self._list_page = list_page
        self._search_page = search_page
        self._rows: list[ClientRow] = []
        self._query = ""
        self._exhausted = False

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Show clients matching ``text`` (all clients when empty), from the first window."""
        self.beginResetModel()
        self._query = text.strip()
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_query(self._query)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        if self._query:
            rows = self._search_page(self._query, PAGE, len(self._rows))
        else:
            rows = self._list_page(PAGE, self._rows[-1] if self._rows else None)
        self._exhausted = len(rows) < PAGE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

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
