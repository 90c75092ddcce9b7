"""The file's header: who the client is, at a glance, in every form of their name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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
        for label in (self.name, self.other_names, self.facts):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.name)
        layout.addWidget(self.other_names)
        layout.addWidget(self.facts)

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
        self.name.setAccessibleName(_("Client"))
        self.facts.setAccessibleName(_("Client summary"))

    def retranslate(self) -> None:
        if self.header is not None:
            self.set_header(self.header)
