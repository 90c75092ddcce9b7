"""A small dialog that asks for one date: a session's new day, the month of a register."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateQuestion(QDialog):
    def __init__(self, title: str, question: str, name: str, day: date,
                 parent: QWidget | None = None, *, first: date | None = None,
                 last: date | None = None, month_only: bool = False) -> None:
        """``name`` is the field's accessible name; ``month_only`` shows month and year."""
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(question, self)
        self.day = QDateEdit(self)
        if month_only:
            self.day.setDisplayFormat("MM.yyyy")
        else:
            self.day.setCalendarPopup(True)
        if first is not None and last is not None:
            self.day.setDateRange(qdate(first), qdate(last))
        self.day.setDate(qdate(day))
        self.day.setAccessibleName(name)
        label.setBuddy(self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.day)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        return self.day.date().toPython()  # type: ignore[return-value]

    def month(self) -> date:
        """The first day of the month chosen."""
        return self.chosen().replace(day=1)
