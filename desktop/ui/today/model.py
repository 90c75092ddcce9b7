"""A table model over one list of the day's work: lines in, cells, colours and keys out.

The lines come ready from the service (a few hundred at most), so the model
holds them all; it asks nothing of the database.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.i18n import _

LINE_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class Flag(enum.Enum):
    NONE = "none"
    SOON = "soon"  # due within days
    LATE = "late"  # overdue or expired


# The client file's colours: dark enough on white for small text (WCAG AA).
FLAG_COLOURS = {Flag.LATE: QColor("#b00020"), Flag.SOON: QColor("#8a5300")}
FLAG_BACKGROUNDS = {Flag.LATE: QColor("#fdecee")}


@dataclass(frozen=True)
class Column:
    title: str  # an N_ string, translated when shown
    text: Callable[[Any], str]
    free_text: bool = False  # a name or words someone typed: may be elided, never a state


class WorkModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], flag: Callable[[Any], Flag] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.flag = flag or (lambda _line: Flag.NONE)
        self.lines: list[Any] = []

    def set_lines(self, lines: Sequence[Any]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> Any:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def remove_line(self, line: Any) -> int:
        """Take a line out at once (the refresh that follows confirms it); its former row."""
        row = self.lines.index(line)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row]
        self.endRemoveRows()
        return row

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()].text(line)
        if role == LINE_ROLE:
            return line
        flag = self.flag(line)
        if role == Qt.ItemDataRole.ForegroundRole and flag in FLAG_COLOURS:
            return QBrush(FLAG_COLOURS[flag])
        if role == Qt.ItemDataRole.BackgroundRole and flag in FLAG_BACKGROUNDS:
            return QBrush(FLAG_BACKGROUNDS[flag])
        if role == Qt.ItemDataRole.FontRole and flag is Flag.LATE:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return _(self.columns[section].title)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
