"""The client list screen: a search box over a lazily filled table."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.ui.clients.list_model import ClientListModel

SEARCH_DELAY_MS = 150  # wait for a pause in typing, not every keystroke


class ClientListView(QWidget):
    query_changed = Signal()

    def __init__(self, model: ClientListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((300, 220, 110, 120, 260)):
            self.table.setColumnWidth(column, width)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_search)
        self.retranslate()

    def apply_search(self) -> None:
        self._timer.stop()
        if self.search.text().strip() != self.model.query:
            self.model.set_query(self.search.text())
            self.table.scrollToTop()
            self.query_changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            _("Find a client: any part of a name in any script, or the IIN"))
        self.search.setAccessibleName(_("Find a client"))
        self.table.setAccessibleName(_("Clients"))
