"""Small editors the intake form needs: a typed date that may be empty, a searchable chooser."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from desktop.i18n import _
from desktop.ui.fitting import fit_to_items
from desktop.ui.scroll_safe import ScrollSafeCombo

_SEPARATED = re.compile(r"^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
PROBLEM_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"


def parse_date(text: str) -> date | None:
    """``dd.mm.yyyy`` (any of . - / or space between) or ``ddmmyyyy``; None when empty.

    Raises ValueError for anything else, so the form can say so rather than guess.
    """
    text = text.strip()
    if not text:
        return None
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if match is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    return date(year, month, day)


class DateField(QLineEdit):
    """A date typed as on Kazakh documents; left empty when it is not known.

    Typing beats a spin-box date editor here: intake copies dates from papers,
    and an editor that always holds some date would save a made-up one.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(10)
        self.setClearButtonEnabled(True)
        self.textChanged.connect(lambda _text: self.changed.emit())
        self.editingFinished.connect(self._tidy)
        self.retranslate()

    def value(self) -> date | None:
        """The date, or None when empty or unreadable (see :meth:`readable`)."""
        try:
            return parse_date(self.text())
        except ValueError:
            return None

    def readable(self) -> bool:
        try:
            parse_date(self.text())
        except ValueError:
            return False
        return True

    def setValue(self, value: date | None) -> None:
        self.setText("" if value is None else value.strftime("%d.%m.%Y"))

    def _tidy(self) -> None:
        value = self.value()
        if value is not None:
            self.setValue(value)

    def retranslate(self) -> None:
        self.setPlaceholderText(_("dd.mm.yyyy"))


class ChoiceCombo(ScrollSafeCombo):
    """Items carry their value; optionally searchable by any part of a label as you type."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, searchable: bool = False) -> None:
        super().__init__(parent)
        fit_to_items(self)  # a long category ("Foreign worker (by a permit ...)") shown whole
        if searchable:
            self.setEditable(True)
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = self.completer()
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.lineEdit().editingFinished.connect(self._settle)
        self.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def set_choices(self, choices: list[tuple[Any, str]], empty: str | None,
                    frequent: list[tuple[Any, str]] | None = None) -> None:
        """(Re)fill keeping the chosen value; ``frequent`` ones come first, then a separator."""
        chosen = self.value()
        blocked = self.blockSignals(True)
        self.clear()
        if empty is not None:
            self.addItem(empty, None)
        for value, label in frequent or []:
            self.addItem(label, value)
        if frequent:
            self.insertSeparator(self.count())
        for value, label in choices:
            self.addItem(label, value)
        self.set_value(chosen)
        self.blockSignals(blocked)

    def value(self) -> Any:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else (0 if self.count() else -1)
        if index < 0 and value is not None:
            index = 0
        self.setCurrentIndex(index)
        if self.isEditable() and index >= 0:
            self.setEditText(self.itemText(index))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # The line edit's editingFinished is not always sent after its completer's popup.
        if self.isEditable() and event.reason() != Qt.FocusReason.PopupFocusReason:
            self._settle()

    def _settle(self) -> None:
        """Take the item the text names, or the only one containing it; else keep the chosen
        one: never a free value."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString) if text else 0
        if index < 0:
            index = self._only_match(text.casefold())
        if index < 0:
            index = self.currentIndex()
        if index != self.currentIndex():
            self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))

    def _only_match(self, text: str) -> int:
        """The index of the one value whose label contains ``text`` (first row of it), or -1."""
        found: dict[Any, int] = {}
        for index in range(self.count()):
            value = self.itemData(index)
            if value is not None and text in self.itemText(index).casefold():
                found.setdefault(value, index)
        return next(iter(found.values())) if len(found) == 1 else -1


def problem_label(parent: QWidget, style: str = PROBLEM_STYLE) -> QLabel:
    """A one-line message under a field, hidden while there is nothing to say."""
    label = QLabel(parent)
    label.setStyleSheet(style)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
