"""The file's header: who the client is, at a glance, in every form of their name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.services.client_file import Header


class ClientHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header: Header | None = None
        self.name = QLabel(self)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.other_names = QLabel(self)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.merged_note = QLabel(self)  # opened by the old id of a file merged into this one
        self.merged_note.setWordWrap(True)
        self.merged_note.hide()
        for label in (self.name, self.other_names, self.facts, self.merged_note):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
        self.name_row = QHBoxLayout()
        self.name_row.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self.name_row)
        layout.addWidget(self.other_names)
        layout.addWidget(self.facts)
        layout.addWidget(self.merged_note)

    def add_actions(self, actions: Sequence[QAction]) -> None:
        """Buttons beside the name for what concerns the whole file (its duplicates)."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.name_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)

    def set_header(self, header: Header) -> None:
        self.header = header
        self.name.setText(header.name or header.name_latin)
        self.other_names.setText(" · ".join(p for p in (header.name_latin, header.name_original)
                                            if p))
        self.other_names.setVisible(bool(self.other_names.text()))
        facts = [header.category, header.case_status]
        if header.caseworker:
            facts.append(_("Caseworker: {name}").format(name=header.caseworker))
        if header.age:
            facts.append(_("Age: {age}").format(age=header.age))
        if header.iin_masked:
            facts.append(_("IIN: {iin}").format(iin=header.iin_masked))
        facts.append(header.office)
        self.facts.setText(" · ".join(f for f in facts if f))
        self.merged_note.setText(header.merged_note)
        self.merged_note.setVisible(bool(header.merged_note))
        self.name.setAccessibleName(_("Client"))
        self.facts.setAccessibleName(_("Client summary"))

    def retranslate(self) -> None:
        if self.header is not None:
            self.set_header(self.header)
