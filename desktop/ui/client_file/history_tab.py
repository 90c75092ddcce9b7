"""The history tab: every recorded change to this client's records, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, format_datetime
from desktop.services.client_file import ClientFile

COLUMNS = (N_("When"), N_("Who"), N_("Record"), N_("Change"))


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: ClientFile | None = None
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.empty = QLabel(self)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.retranslate()

    def set_file(self, file: ClientFile) -> None:
        """One row per change; its fields beneath it as "field: old → new"."""
        self.file = file
        self.tree.clear()
        for entry in file.history:
            item = QTreeWidgetItem([format_datetime(entry.at), entry.who or _("System"),
                                    entry.record, entry.action])
            for field, old, new in entry.changes:
                line = (_("{field}: {new}").format(field=field, new=new) if entry.action_code
                        == "insert" else _("{field}: {old} → {new}").format(field=field, old=old,
                                                                           new=new))
                child = QTreeWidgetItem(["", "", "", line])
                child.setToolTip(3, line)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(entry.action_code == "update")  # a creation lists every field
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.tree.setVisible(bool(file.history))
        self.empty.setVisible(not file.history)

    def lines(self) -> list[str]:
        """Every row as text, "when | who | record | change" (for tests and copying)."""
        found = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            found.append(" | ".join(item.text(c) for c in range(4)))
            found.extend(f"    {item.child(i).text(3)}" for i in range(item.childCount()))
        return found

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([_(title) for title in COLUMNS])
        self.tree.setAccessibleName(_("History of changes"))
        self.empty.setText(_("No changes recorded yet."))
        if self.file is not None:
            self.set_file(self.file)
