"""Finds text that does not fit its widget: what a reader would see cut off or elided.

Each check compares the width the text needs (``QFontMetrics.horizontalAdvance`` of the
text as drawn, in the widget's own font) with the width the widget gives it, measured as
the style measures it when it paints: a label's contents, a button's label rectangle, a
combo box's edit field and its popup's rows, a header section less its margins and sort
arrow, a tab, a group box title, a line edit's placeholder, an item view's cells. A
word-wrapped label is checked for the height its wrapped text needs and for a word wider
than the label (wrapping never breaks a word). A table's columns of free text (a name, a
comment: ``desktop.ui.fitting.FREE_TEXT_COLUMNS``) may elide, their tooltip holding the
whole; every other cell of the rows in sight must fit, scrolled sideways or not.

``cut_off(widget)`` walks the visible widgets under ``widget`` and returns one line per
text that does not fit, naming the widget and the two widths, so a failure says where to
look.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTabBar,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

from desktop.ui.fitting import free_text_columns

POPUP_PADDING = 3  # px each side of a row's text, as the item delegates leave
SLACK = 1  # px: rounding between the advance Qt measures and the one it draws
_MNEMONIC = re.compile(r"&(.)")


@dataclass(frozen=True)
class Misfit:
    where: str  # the widget's class and object name, or its window's path to it
    what: str  # the text that does not fit
    needs: int  # px
    has: int  # px
    kind: str = "width"

    def __str__(self) -> str:
        return f"{self.where}: {self.what!r} needs {self.needs} px of {self.kind}, has {self.has}"


def plain(text: str) -> str:
    """The text as drawn: a mnemonic's ampersand is not shown ("&&" is one "&")."""
    return _MNEMONIC.sub(lambda m: m.group(1), text)


def advance(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def name_of(widget: QWidget) -> str:
    parts = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 4:
        label = current.objectName() or type(current).__name__
        parts.append(label)
        current = current.parentWidget()
    return "/".join(reversed(parts))


def cut_off(root: QWidget, *, cells: bool = True, popups: bool = True) -> list[Misfit]:
    """Every visible text under ``root`` (``root`` included) that does not fit.

    ``cells`` checks the visible cells of item views too; ``popups`` opens each combo box's
    list for a moment to measure its rows.
    """
    found: list[Misfit] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0 or _inside_popup(widget):
            continue
        if isinstance(widget, QLabel):
            found.extend(_label(widget))
        elif isinstance(widget, QAbstractButton):
            found.extend(_button(widget))
        elif isinstance(widget, QComboBox):
            found.extend(_combo(widget, popups))
        elif isinstance(widget, QHeaderView):
            found.extend(_header(widget))
        elif isinstance(widget, QTabBar):
            found.extend(_tabs(widget))
        elif isinstance(widget, QLineEdit):
            found.extend(_placeholder(widget))
        if isinstance(widget, QGroupBox):
            found.extend(_group_title(widget))
        if cells and isinstance(widget, QAbstractItemView) and not _inside_combo(widget):
            found.extend(_cells(widget))
    return found


def _inside_popup(widget: QWidget) -> bool:
    window = widget.window()
    kind = window.windowFlags() & Qt.WindowType.WindowType_Mask
    return window is not widget and kind == Qt.WindowType.Popup


def _inside_combo(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


# ---- labels ------------------------------------------------------------------------------------

def _label(label: QLabel) -> Iterable[Misfit]:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text))
    rect = label.contentsRect()
    indent = label.indent()
    if indent < 0:  # Qt's default: half an "x" beside a frame, nothing without one
        indent = label.fontMetrics().horizontalAdvance("x") // 2 if label.frameWidth() else 0
    margin = label.margin()
    width = rect.width() - 2 * margin - (indent if label.alignment() & (
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight) else 0)
    height = rect.height() - 2 * margin
    where = name_of(label)
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        shown = document.toPlainText()
        if label.wordWrap():
            document.setTextWidth(width)
            needs_height = int(document.size().height())
            widest = int(document.idealWidth())
            if widest > width + SLACK:
                yield Misfit(where, shown, widest, width)
            if needs_height > height + SLACK:
                yield Misfit(where, shown, needs_height, height, "height")
        else:
            widest = int(document.idealWidth())
            if widest > width + SLACK:
                yield Misfit(where, shown, widest, width)
        return
    metrics = label.fontMetrics()
    shown = plain(text) if label.buddy() is not None else text
    if label.wordWrap():
        widest_word = max((metrics.horizontalAdvance(word) for word in shown.split()),
                          default=0)
        if widest_word > width + SLACK:
            yield Misfit(where, shown, widest_word, width)
        flags = int(Qt.TextFlag.TextWordWrap) | int(label.alignment())
        needed = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, shown)
        if needed.height() > height + SLACK:
            yield Misfit(where, shown, needed.height(), height, "height")
        return
    needs = advance(metrics, shown)
    if needs > width + SLACK:
        yield Misfit(where, shown, needs, width)
    lines = shown.count("\n") + 1
    needs_height = metrics.height() + (lines - 1) * metrics.lineSpacing()
    if needs_height > height + SLACK:
        yield Misfit(where, shown, needs_height, height, "height")


# ---- buttons -----------------------------------------------------------------------------------

def _button(button: QAbstractButton) -> Iterable[Misfit]:
    text = plain(button.text())
    if not text:
        return
    metrics = button.fontMetrics()
    needs = advance(metrics, text)
    style = button.style()
    icon = 0
    if not button.icon().isNull():
        icon = button.iconSize().width() + 4
    if isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            return
        hint = button.sizeHint().width()
        if button.width() + SLACK < hint:
            yield Misfit(name_of(button), text, hint, button.width())
        return
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    if isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    elif isinstance(button, QPushButton):
        element = QStyle.SubElement.SE_PushButtonContents
        if button.menu() is not None:
            icon += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    else:
        return
    rect = style.subElementRect(element, option, button)
    has = rect.width() - icon
    if isinstance(button, QCheckBox | QRadioButton):
        has -= 1  # the focus rectangle's pixel Qt leaves around the text
    if needs > has + SLACK:
        yield Misfit(name_of(button), text, needs, has)


# ---- combo boxes -------------------------------------------------------------------------------

def _combo(combo: QComboBox, popups: bool) -> Iterable[Misfit]:
    """Closed, the box shows whichever item is chosen: each must fit its edit field (on
    Windows the open list is no wider than the box, so this also keeps the list whole)."""
    if combo.count() == 0:
        return
    where = name_of(combo)
    metrics = combo.fontMetrics()
    if not combo.isEditable():
        option = QStyleOptionComboBox()
        option.initFrom(combo)
        option.editable = False
        option.frame = combo.hasFrame()
        option.currentText = combo.currentText()
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        widest, text = 0, ""
        for row in range(combo.count()):
            icon = 0 if combo.itemIcon(row).isNull() else combo.iconSize().width() + 4
            needs = metrics.horizontalAdvance(combo.itemText(row)) + icon
            if needs > widest:
                widest, text = needs, combo.itemText(row)
        has = field.width() - 2  # the style's pixel each side of the text
        if widest > has + SLACK:
            yield Misfit(where, text, widest, has)
    if popups:
        yield from _popup(combo, where)


def _popup(combo: QComboBox, where: str) -> Iterable[Misfit]:
    """The rows of the open list, each as wide as its text and the delegate's padding."""
    view = combo.view()
    combo.showPopup()
    try:
        QApplication.processEvents()
        model = combo.model()
        metrics = view.fontMetrics()
        for row in range(combo.count()):
            index = model.index(row, combo.modelColumn(), combo.rootModelIndex())
            if isinstance(view, QListView) and view.isRowHidden(row):
                continue
            needs = metrics.horizontalAdvance(combo.itemText(row)) + 2 * POPUP_PADDING
            has = min(view.visualRect(index).width(), view.viewport().width())
            if needs > has + SLACK:
                yield Misfit(where + " (list)", combo.itemText(row), needs, has)
    finally:
        combo.hidePopup()
        QApplication.processEvents()


# ---- headers, tabs, group boxes, placeholders ---------------------------------------------------

def _header(header: QHeaderView) -> Iterable[Misfit]:
    model = header.model()
    view = header.parentWidget()
    if model is None or not isinstance(view, QAbstractItemView):
        return
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    if not horizontal:
        return  # row numbers and the like: sized by Qt to their text
    for logical in range(header.count()):
        size = header.sectionSize(logical)
        if header.isSectionHidden(logical) or size <= 0:
            continue
        text = model.headerData(logical, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        text = str(text)
        font = model.headerData(logical, header.orientation(), Qt.ItemDataRole.FontRole) or \
            header.font()
        metrics = QFontMetrics(font)
        has = size - 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
            has -= arrow + margin
        alignment = model.headerData(logical, header.orientation(),
                                     Qt.ItemDataRole.TextAlignmentRole)
        alignment = int(alignment) if alignment is not None else int(header.defaultAlignment())
        where = f"{name_of(view)} header"
        if alignment & int(Qt.TextFlag.TextWordWrap):  # a title that may take two lines
            widest_word = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
            if widest_word > has + SLACK:
                yield Misfit(where, text, widest_word, has)
            needed = metrics.boundingRect(QRect(0, 0, max(has, 1), 100_000),
                                          alignment, text).height()
        else:
            needs = advance(metrics, text)
            if needs > has + SLACK:
                yield Misfit(where, text, needs, has)
            lines = text.count("\n") + 1
            needed = metrics.height() + (lines - 1) * metrics.lineSpacing()
        if needed > header.height() - 2 + SLACK:
            yield Misfit(where, text, needed, header.height() - 2, "height")


def _tabs(bar: QTabBar) -> Iterable[Misfit]:
    style = bar.style()
    space = style.pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    metrics = bar.fontMetrics()
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = plain(bar.tabText(index))
        icon = 0 if bar.tabIcon(index).isNull() else bar.iconSize().width() + 4
        needs = metrics.horizontalAdvance(text) + icon + space
        rect = bar.tabRect(index)
        has = rect.width()
        if needs > has + SLACK:
            yield Misfit(name_of(bar), text, needs, has)
        elif rect.left() < 0 or rect.right() > bar.width() + SLACK:
            # Behind the scroll arrows: the tabs outgrew their bar.
            yield Misfit(name_of(bar) + " (scrolled away)", text, rect.right(), bar.width())


def _group_title(box: QGroupBox) -> Iterable[Misfit]:
    title = plain(box.title())
    if not title:
        return
    option = QStyleOptionGroupBox()
    option.initFrom(box)
    option.text = box.title()
    option.lineWidth = 1
    option.subControls = QStyle.SubControl.SC_GroupBoxLabel
    if box.isCheckable():
        option.subControls |= QStyle.SubControl.SC_GroupBoxCheckBox
    label = box.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                       QStyle.SubControl.SC_GroupBoxLabel, box)
    has = min(label.right(), box.width()) - label.left()
    needs = box.fontMetrics().horizontalAdvance(title)
    if needs > has + SLACK:
        yield Misfit(name_of(box) + " title", title, needs, has)


def _placeholder(edit: QLineEdit) -> Iterable[Misfit]:
    text = edit.placeholderText()
    if not text or edit.text():
        return
    margins = edit.textMargins()
    rect = edit.contentsRect()
    has = rect.width() - margins.left() - margins.right() - 2 * 2  # Qt's 2 px each side
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    if edit.hasFrame():
        has -= 2 * frame
    for child in edit.findChildren(QToolButton):  # the clear button, actions' icons
        if child.isVisibleTo(edit):
            has -= child.width()
    needs = edit.fontMetrics().horizontalAdvance(text)
    if needs > has + SLACK:
        yield Misfit(name_of(edit) + " placeholder", text, needs, has)


# ---- cells -------------------------------------------------------------------------------------

def _cells(view: QAbstractItemView) -> Iterable[Misfit]:
    """Visible cells whose text the view elides (a wrapped table's cells may take lines)."""
    model = view.model()
    if model is None or view.textElideMode() == Qt.TextElideMode.ElideNone:
        return
    viewport = view.viewport().rect()
    wraps = isinstance(view, QTableView | QTreeView) and view.wordWrap()
    columns = model.columnCount(view.rootIndex()) if not isinstance(view, QListView) else 1
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    free = set(free_text_columns(view)) if isinstance(view, QTableView) else set()
    header = view.horizontalHeader() if isinstance(view, QTableView) else (
        view.header() if isinstance(view, QTreeView) else None)
    for row in range(model.rowCount(view.rootIndex())):
        for column in range(columns):
            if column in free or (header is not None and header.isSectionHidden(column)):
                continue
            index = model.index(row, column if not isinstance(view, QListView)
                                else view.modelColumn(), view.rootIndex())
            rect = view.visualRect(index)
            # Every column of the rows in sight: one scrolled sideways is read there too.
            if not rect.isValid() and header is not None:
                top = view.visualRect(model.index(row, 0, view.rootIndex()))
                rect = QRect(0, top.y(), header.sectionSize(column), top.height())
            if not rect.isValid() or rect.bottom() < viewport.top() or \
                    rect.top() > viewport.bottom():
                continue
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole) or view.font()
            metrics = QFontMetrics(font)
            icon = _decoration(view, index)
            has = rect.width() - 2 * margin - icon
            if wraps:
                widest_word = max((metrics.horizontalAdvance(w) for w in text.split()),
                                  default=0)
                if widest_word > has + SLACK:
                    yield Misfit(f"{name_of(view)} cell", text, widest_word, has)
                needed = metrics.boundingRect(QRect(0, 0, max(has, 1), 100_000),
                                              int(Qt.TextFlag.TextWordWrap), text)
                if needed.height() > rect.height() + SLACK:
                    yield Misfit(f"{name_of(view)} cell", text, needed.height(),
                                 rect.height(), "height")
            else:
                needs = advance(metrics, text)
                if needs > has + SLACK:
                    yield Misfit(f"{name_of(view)} cell", text, needs, has)


def _decoration(view: QAbstractItemView, index: QModelIndex) -> int:
    decoration = index.data(Qt.ItemDataRole.DecorationRole)
    check = index.data(Qt.ItemDataRole.CheckStateRole)
    width = 0
    if decoration is not None:
        size = view.iconSize()
        width += (size.width() if size.isValid() else 16) + 4
    if check is not None:
        width += view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, view) + 4
    return width


__all__ = ["Misfit", "cut_off", "plain"]
