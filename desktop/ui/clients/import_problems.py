"""The import check's problems as a table: the row in the file, whose row it is, the
column and the reason, sortable by each (the model sorts its own list: no proxy asks
``data`` a million times for 50,000 problems)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from db.collation import sort_key
from desktop.i18n import N_, NC_, _, format_number
from desktop.services.transfer.importing import RowProblem
from desktop.services.transfer.reading import Sheet
from desktop.ui.clients.import_mapping import sample_text

Index = QModelIndex | QPersistentModelIndex
TITLES = (NC_("spreadsheet", "Row"), N_("Name in the file"), N_("Column"), N_("Problem"))
ROW, NAME, COLUMN, REASON = range(4)
NAME_FIELDS = ("last_name", "first_name", "patronymic")


def row_names(sheet: Sheet, mapping: dict[int, str]) -> dict[int, str]:
    """Whose each row is, as the file writes the name: a row is found again by it."""
    position = {key: index for index, key in mapping.items()}
    wanted = [position[key] for key in NAME_FIELDS if key in position]
    if not wanted and "full_name" in position:
        wanted = [position["full_name"]]
    names = {}
    for row in sheet.rows:
        words = [sample_text(row.cells[i]) for i in wanted if i < len(row.cells)]
        names[row.number] = " ".join(word for word in words if word)
    return names


class ProblemsModel(QAbstractTableModel):
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[RowProblem] = []
        self.names: dict[int, str] = {}

    def show(self, problems: list[RowProblem], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    def _text(self, problem: RowProblem, column: int) -> str:
        if column == ROW:
            return format_number(problem.row)
        if column == NAME:
            return self.names.get(problem.row, "")
        if column == COLUMN:
            return problem.column or _("the whole row")
        return problem.reason

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        problem = self.problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(problem, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (NAME, REASON):
            return self._text(problem, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SORT_ROLE:
            return self._key(index.column())(problem)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(TITLES[section])
        return None

    def _key(self, column: int) -> Callable[[RowProblem], Any]:
        if column == ROW:
            return lambda problem: problem.row
        return lambda problem: (sort_key(self._text(problem, column)), problem.row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.problems.sort(key=self._key(column),
                           reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(TITLES) - 1)
