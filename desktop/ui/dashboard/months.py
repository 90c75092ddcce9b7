"""The last 12 months as a compact table: a row per figure, a column per month, the last
one this month so far. A click on a number (or Enter) asks for the clients behind it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.i18n import _, format_date, format_number
from desktop.services.dashboard import FIGURES, Dashboard

Index = QModelIndex | QPersistentModelIndex
SO_FAR = QColor("#eef4fa")  # this month's column: not over yet
TITLES_MIN = 140  # px: the figures' titles, at their narrowest


class MonthsModel(QAbstractTableModel):
    def __init__(self, titles: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.titles = titles  # figure key → N_ title
        self.board: Dashboard | None = None

    def show(self, board: Dashboard) -> None:
        self.beginResetModel()
        self.board = board
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(FIGURES)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.board is None else len(self.board.months)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        board = self.board
        if board is None or not index.isValid():
            return None
        figure = board.figures[index.row()]
        month = board.months[index.column()]
        value = figure.months[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{figure}, {first} – {last}: {count}. Click to list the clients.").format(
                figure=_(self.titles[figure.key]), first=format_date(month.first),
                last=format_date(month.last), count=format_number(value))
        if role == Qt.ItemDataRole.BackgroundRole and not month.complete:
            return QBrush(SO_FAR)
        if role == Qt.ItemDataRole.FontRole and not month.complete:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                    and 0 <= section < len(FIGURES):
                return _(self.titles[FIGURES[section]])
            return None
        board = self.board
        if board is None or not 0 <= section < len(board.months):
            return None
        month = board.months[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{format_date(month.first, 'LLL')}\n{format_date(month.first, 'yyyy')}"
        if role == Qt.ItemDataRole.ToolTipRole and not month.complete:
            return _("So far: to {date}").format(date=format_date(month.last))
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(FIGURES) - 1)
        if self.board is not None:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.board.months) - 1)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(FIGURES) - 1, len(self.board.months) - 1))


class MonthsView(QTableView):
    chosen = Signal(str, int)  # figure key, month (its column)

    def __init__(self, model: MonthsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("DashboardMonths")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("88 888") + 12)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long title, in a narrow window
        self.clicked.connect(self._choose)
        model.modelReset.connect(self.fit_height)

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(FIGURES[index.row()], index.column())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._choose(self.currentIndex())
            return
        super().keyPressEvent(event)

    def fit_height(self) -> None:
        """As tall as its rows: the page scrolls, not the table. The titles give up width
        (elided, whole in their tooltips) so that every month fits; a scroll bar only when
        even then they do not."""
        titles, months = self.verticalHeader(), self.horizontalHeader()
        months_wide = months.minimumSectionSize() * max(months.count(), 1)
        room = self.width() - 2 * self.frameWidth() - months_wide
        titles.setFixedWidth(max(TITLES_MIN, min(titles.sizeHint().width(), room)))
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        bar = self.horizontalScrollBar().sizeHint().height() if room < TITLES_MIN else 0
        self.setFixedHeight(months.sizeHint().height() + rows + 2 * self.frameWidth() + bar)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()
