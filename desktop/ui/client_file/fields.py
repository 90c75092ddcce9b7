"""Editors the profile needs beyond Qt's own: a date that may be unknown, a chooser by value."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QWidget

from desktop.i18n import _
from desktop.ui.fitting import fit_to_items
from desktop.ui.scroll_safe import ScrollSafeCombo, ScrollSafeDateEdit


class OptionalDateEdit(QWidget):
    """A date, or "not known": a check box beside the editor rather than a magic date."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = ScrollSafeDateEdit(self)
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("dd.MM.yyyy")  # as written on Kazakh documents
        self.editor.setMinimumDate(QDate(1800, 1, 1))
        self.unknown = QCheckBox(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.unknown)
        layout.addStretch(1)
        self.setFocusProxy(self.editor)
        self.editor.dateChanged.connect(self.changed)
        self.unknown.toggled.connect(self._toggled)
        self.retranslate()

    def value(self) -> date | None:
        return None if self.unknown.isChecked() else self.editor.date().toPython()

    def setValue(self, value: date | None) -> None:
        blocked = self.blockSignals(True)
        self.unknown.setChecked(value is None)
        if value is not None:
            self.editor.setDate(QDate(value.year, value.month, value.day))
        self.editor.setEnabled(value is not None)
        self.blockSignals(blocked)

    def _toggled(self, unknown: bool) -> None:
        self.editor.setEnabled(not unknown)
        if not unknown:
            self.editor.setFocus()
        self.changed.emit()

    def set_accessible_name(self, name: str) -> None:
        self.editor.setAccessibleName(name)
        self.unknown.setAccessibleName(_("{field}: not known").format(field=name))

    def retranslate(self) -> None:
        self.unknown.setText(_("Not known"))


# The "nothing chosen" entry's data: a string, never None. The values are read back on
# every keystroke's check, and PySide6 6.12 on Python 3.11 hands None back without its
# reference (a crash once None's count runs out); a string comes back intact.
_NOTHING = ""


class ChoiceCombo(ScrollSafeCombo):
    """Items carry their value (a code); an empty entry where the field may be left blank."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_to_items(self)  # a long category ("Foreign worker (by a permit ...)") shown whole
        self.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def set_choices(self, choices: list[tuple[str, str]], empty: str | None) -> None:
        """(Re)fill, keeping the chosen value, without signalling a change."""
        chosen = self.value()
        blocked = self.blockSignals(True)
        self.clear()
        if empty is not None:
            self.addItem(empty, _NOTHING)
        for value, label in choices:
            self.addItem(label, str(value))
        self.blockSignals(blocked)
        self.setValue(chosen)

    def value(self) -> str | None:
        if self.currentIndex() < 0:
            return None
        return self.currentData() or None

    def setValue(self, value: str | None) -> None:
        blocked = self.blockSignals(True)
        index = self.findData(value or _NOTHING)
        if index < 0 and value:
            # A code no longer offered (an inactive list item): still shown, not lost.
            self.addItem(str(value), str(value))
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(blocked)


class NotesEdit(QPlainTextEdit):
    """Free text of a few lines (a person's notes), with the value interface of the other
    fields so that a form handles it like them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, max_length: int = 2000) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field of the form
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.toPlainText()

    def setValue(self, value: str | None) -> None:
        self.setPlainText(value or "")
