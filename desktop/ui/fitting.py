"""Widgets sized to their texts in every language.

A Kazakh or Russian label is often half as long again as the English one, and reference
labels ("Foreign worker (by a permit issued to the employer)") longer still: a width
chosen by eye in one language cuts the text in another. What is here sizes by the text.

- ``fit_to_items``: a combo box as wide as its longest item, again whenever its items
  change (a language switch, a list read later). Qt's default measures once, at first
  show, often before the items have come; a box that fits every item also keeps its open
  list whole on styles (Windows) whose list is no wider than the box.
- ``ColumnFitter``: a table whose columns of words the application chose (a state, a
  category, a date) are never narrower than their texts, and whose columns of free text
  (a name, a task, a comment) give way first when room is short, elided with the whole in
  the tooltip; the last column takes what room is left. An empty table keeps its widths,
  and a reload never narrows a column (a task marked done does not make the table jump).
- ``wrap_titles``: a header whose titles wrap onto a second line, kept as high as they
  need.

``FREE_TEXT_COLUMNS`` names the property where a view lists its free-text columns: the
check for cut-off text (tests/ui/test_no_cut_off_text.py) reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHeaderView, QLineEdit, QSizePolicy, QStyle, QTableView
from shiboken6 import isValid

__all__ = ["FREE_TEXT_COLUMNS", "ColumnFitter", "fit_placeholder", "fit_to_items",
           "free_text_columns", "mark_free_text", "text_width", "widest_word", "wrap_titles"]

FREE_TEXT_COLUMNS = "free_text_columns"
CAP = 320  # px: a free-text column grows no wider (its longer texts are elided)
FLOOR = 120  # px: nor, when room is short, narrower
EMPTY = 200  # px: a free-text column's width before any row has come


def fit_to_items(*combos: QComboBox) -> None:
    """Each box as wide as its longest item, now and whenever its items change."""
    for combo in combos:
        combo.setMinimumContentsLength(0)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Its size hint is the least it takes: Qt measures the minimum hint once, often
        # while the box is still empty, and a layout short of room squeezes it to that.
        policy = combo.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Minimum)
        combo.setSizePolicy(policy)


def fit_placeholder(edit: QLineEdit) -> None:
    """Never narrower than its hint: a layout short of room would elide it. Call it again
    when the hint changes (a language switch)."""
    style = edit.style()
    frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    margins = edit.textMargins()
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText())
                         + margins.left() + margins.right() + 2 * 2 + 2 * frame + 2)


def mark_free_text(view: QTableView, columns: Sequence[int]) -> None:
    """Say which columns hold free text, elided by design with the whole in the tooltip."""
    view.setProperty(FREE_TEXT_COLUMNS, list(columns))


def free_text_columns(view: QTableView) -> list[int]:
    columns = view.property(FREE_TEXT_COLUMNS)
    return [int(column) for column in columns] if columns else []


class ColumnFitter(QObject):
    """Owns a table's column widths (see the module's note).

    ``fit()`` measures the rows shown (a model reset calls it); a table too long to
    measure (the client list, read a window at a time) is made with ``measure=False`` and
    told its columns' widths by ``want``. ``reset()`` forgets the widths (the language
    changed: every title and word did too). A width the user drags is kept.
    """

    def __init__(self, view: QTableView, free_text: Sequence[int] = (), *,
                 cap: int = CAP, floor: int | dict[int, int] = FLOOR,
                 measure: bool = True) -> None:
        super().__init__(view)
        self.view, self.cap, self.measure = view, cap, measure
        self.free = tuple(free_text)
        self.floors = floor if isinstance(floor, dict) else {c: floor for c in self.free}
        mark_free_text(view, self.free)
        self.wanted: list[int] = []  # each column's width before sharing out the room
        self.by_hand: set[int] = set()  # columns the user sized: never narrowed for room
        self._applying = False
        self.stopped = False
        self._share_later = QTimer(self)
        self._share_later.setSingleShot(True)
        self._share_later.timeout.connect(self.apply)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)  # the last column's share is given here
        header.sectionResized.connect(self._dragged)
        view.viewport().installEventFilter(self)
        self._model: QAbstractItemModel | None = None
        self.follow(view.model())

    def follow(self, model: QAbstractItemModel) -> None:
        """Measure this model's rows: the view was given another."""
        if self._model is not None and isValid(self._model):
            for signal, slot in self._slots:
                signal.disconnect(slot)
        self._model = model
        self._slots: list[tuple[Any, Any]] = [(model.headerDataChanged, self._titles_changed)]
        if self.measure:
            self._slots += [(model.modelReset, self.fit), (model.dataChanged, self._cells_changed)]
        for signal, slot in self._slots:
            signal.connect(slot)

    def stop(self) -> None:
        """Leave the widths to someone else from now on."""
        self.stopped = True

    def _titles_changed(self, *_args: object) -> None:
        if self.measure:
            self.reset()
        else:
            self.apply()

    def _cells_changed(self, *_args: object) -> None:
        self.fit()

    def fit(self) -> None:
        if self.stopped:
            return
        view = self.view
        model = view.model()
        columns = model.columnCount()
        header = view.horizontalHeader()
        if model.rowCount() == 0:
            if len(self.wanted) != columns:  # never filled: the titles' widths
                self.wanted = [max(header.sectionSizeHint(c), EMPTY if c in self.free else 0)
                               for c in range(columns)]
        else:
            self._applying = True
            try:
                view.resizeColumnsToContents()
            finally:
                self._applying = False
            measured = [min(header.sectionSize(c), self.cap) if c in self.free
                        else header.sectionSize(c) for c in range(columns)]
            if len(self.wanted) == columns:
                measured = [max(old, new) for old, new in zip(self.wanted, measured,
                                                              strict=True)]
            self.wanted = measured
        self.apply()

    def want(self, widths: dict[int, int]) -> None:
        """At least these widths (px) for these columns, their texts measured elsewhere."""
        header = self.view.horizontalHeader()
        if len(self.wanted) != header.count():
            self.wanted = [header.sectionSize(c) for c in range(header.count())]
        for column, width in widths.items():
            self.wanted[column] = max(self.wanted[column], width)
        self.apply()

    def set_widths(self, widths: Sequence[int]) -> None:
        """These widths (px), measured by the table's owner; the last column still takes
        what room is left."""
        self.wanted = list(widths)
        self.apply()

    def restore(self, state: QByteArray) -> bool:
        """The header as the user left it (``QHeaderView.saveState``): their widths are
        kept as if dragged again, but the last column's, which takes the room left."""
        header = self.view.horizontalHeader()
        if not header.restoreState(state):
            return False
        self.wanted = [header.sectionSize(c) for c in range(header.count())]
        self.by_hand = set(range(header.count() - 1))
        self.apply()
        return True

    def reset(self) -> None:
        self.wanted = []
        self.fit()

    def apply(self) -> None:
        """Share the room out: free text gives way first, the last column takes the rest."""
        header = self.view.horizontalHeader()
        if self.stopped or len(self.wanted) != header.count() or not self.wanted:
            return
        header.setStretchLastSection(False)  # a restored header state may have set it
        widths = list(self.wanted)
        room = self.view.viewport().width()
        excess = sum(widths) - room
        for column in self.free:
            if excess <= 0:
                break
            if column in self.by_hand:
                continue
            give = min(excess, max(0, widths[column] - self.floors.get(column, FLOOR)))
            widths[column] -= give
            excess -= give
        if excess < 0:
            widths[-1] -= excess
        self._applying = True
        try:
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
        finally:
            self._applying = False

    def _dragged(self, column: int, _old: int, new: int) -> None:
        if not self._applying and column < len(self.wanted):
            self.wanted[column] = new
            self.by_hand.add(column)
            self._share_later.start(0)  # the last column takes what the others now leave

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and not self._applying:
            self.apply()
        return False


def text_width(view: QTableView, texts: Iterable[str]) -> int:
    """The width (px) a column of ``view`` needs to show each of ``texts`` whole."""
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return max((metrics.horizontalAdvance(text) for text in texts), default=0) + 2 * margin + 2


def widest_word(view: QTableView, column: int) -> int:
    """The width (px) under which ``column`` would cut a word of its title or of a cell:
    wrapping breaks lines between words, never within one."""
    model = view.model()
    header = view.horizontalHeader()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    widest = max((header.fontMetrics().horizontalAdvance(w) for w in title.split()),
                 default=0) + 2 * margin
    cell_margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                           view) + 1
    plain = view.fontMetrics()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            continue
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font) if font is not None else plain
        widest = max(widest, max(metrics.horizontalAdvance(w) for w in text.split())
                     + 2 * cell_margin + 1)
    return widest


class _TitleHeight(QObject):
    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        header = view.horizontalHeader()
        header.sectionResized.connect(lambda *_args: self.fit())
        header.installEventFilter(self)
        view.model().headerDataChanged.connect(lambda *_args: self.fit())

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        model = self.view.model()
        metrics = header.fontMetrics()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        flags = int(header.defaultAlignment()) | int(Qt.TextFlag.TextWordWrap)
        high = max((metrics.boundingRect(
            QRect(0, 0, max(header.sectionSize(c) - 2 * margin, 20), 1000), flags,
            str(model.headerData(c, Qt.Orientation.Horizontal) or "")).height()
                    for c in range(model.columnCount())), default=0)
        header.setMinimumHeight(high + 2 * margin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.fit()
        return False


def wrap_titles(view: QTableView) -> None:
    """Titles too long for their column take a second line (the header grows for it)."""
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter
                               | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap))
    _TitleHeight(view).fit()
