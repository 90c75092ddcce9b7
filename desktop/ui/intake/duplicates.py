"""Clients who may already be registered: open one of their files, or say they are someone
else and create the new one (the pairs are remembered, so no later check raises them)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, NC_, _, format_date, format_number
from desktop.services.intake import Duplicate

COLUMNS = (NC_("person", "Name"), N_("Latin name"), N_("Birth date"), N_("IIN"), N_("Office"),
           N_("Match, %"))


class DuplicatesPanel(QWidget):
    """Shown in place of the form when the new client may already have a file."""

    open_existing = Signal(object)  # person id
    create_anyway = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates: list[Duplicate] = []
        self.iin_owner: uuid.UUID | None = None  # the file holding the same IIN, if it may open
        self.same_iin = False  # True: the IIN is taken (no creating anyway); False: similar names
        self._message: Callable[[], str] = str
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name, first read
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.create_button = QPushButton(self)
        self.back_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._open)
        self.create_button.clicked.connect(self.create_anyway)
        self.back_button.clicked.connect(self.back)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self._open())
        self.retranslate()

    # ---- the two situations ---------------------------------------------------------------------

    def show_candidates(self, candidates: list[Duplicate]) -> None:
        """Similar clients: the caseworker decides; creating anyway stays possible."""
        self.candidates, self.iin_owner, self.same_iin = candidates, None, False
        self._message = lambda: _("These clients have a similar name and birth date. If one of "
                                  "them is the person in front of you, open their file instead "
                                  "of creating a second one.")
        self.table.show()
        self.create_button.show()
        self.retranslate()
        if candidates:
            self.table.selectRow(0)
        self.table.setFocus()
        self._selection_changed()

    def show_duplicate_iin(self, message: Callable[[], str], owner: uuid.UUID | None) -> None:
        """The IIN is already registered: no second file; open the first if it may be."""
        self.candidates, self.iin_owner, self.same_iin = [], owner, True
        self._message = message
        self.table.hide()
        self.create_button.hide()
        self.open_button.setEnabled(owner is not None)
        (self.open_button if owner is not None else self.back_button).setFocus()
        self.retranslate()

    # ---- behaviour ------------------------------------------------------------------------------

    def selected(self) -> Duplicate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.candidates[rows[0].row()] if rows and self.candidates else None

    def _selection_changed(self) -> None:
        if self.same_iin:
            self.note.setText("" if self.iin_owner is not None else _(
                "That file belongs to another office, or could not be found: ask a manager."))
            return
        chosen = self.selected()
        self.open_button.setEnabled(chosen is not None and chosen.accessible)
        if chosen is not None and not chosen.accessible:
            self.note.setText(_("This client is registered at the {office} office: you may not "
                                "open their file. Ask a manager before creating a second one.")
                              .format(office=chosen.office_code))
        else:
            self.note.setText("")

    def _open(self) -> None:
        if self.same_iin:
            if self.iin_owner is not None:
                self.open_existing.emit(self.iin_owner)
            return
        chosen = self.selected()
        if chosen is not None and chosen.accessible:
            self.open_existing.emit(chosen.id)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.candidates))
        for row, candidate in enumerate(self.candidates):
            values = (candidate.name, candidate.name_latin, format_date(candidate.birth_date),
                      candidate.iin_masked, candidate.office_code,
                      format_number(candidate.score))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == len(values) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if not candidate.accessible:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)

    def retranslate(self) -> None:
        self.title.setText(_("This IIN is already registered") if self.same_iin
                           else _("This client may already be registered"))
        self.explanation.setText(self._message())
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setAccessibleName(_("Possible duplicates"))
        self.open_button.setText(_("&Open existing file"))
        self.create_button.setText(_("&Not the same person — create"))
        self.back_button.setText(_("&Back to the form"))
        row = self.table.currentRow()
        self._fill()
        if self.candidates and row >= 0:
            self.table.selectRow(row)
        self._selection_changed()
