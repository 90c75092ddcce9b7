"""The read-only tabs: documents, household, services, case plan; and the table they share.

A client's lists are short (tens of rows), so a plain table filled from the
loaded file serves; nothing here asks the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, format_date
from desktop.services.client_file import ClientFile, Urgency

URGENCY_COLOURS = {Urgency.LATE: QColor("#b00020"), Urgency.SOON: QColor("#8a5300")}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordTable(QTableWidget):
    """Rows keyed by a record id; a flagged row is coloured and bold, beside its text marker."""

    activated_key = Signal(object)

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(titles), parent)
        self.titles = titles  # N_ strings, translated in retranslate
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.doubleClicked.connect(self._activated)
        self.activated.connect(self._activated)
        self.retranslate()

    def set_rows(self, rows: Sequence[tuple[Any, Sequence[str], Urgency]]) -> None:
        """``(key, cells, urgency)`` per row, in the order given."""
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for row, (key, cells, urgency) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, key)
                item.setToolTip(text if len(text) > 40 else "")
                colour = URGENCY_COLOURS.get(urgency)
                if colour is not None:
                    item.setForeground(QBrush(colour))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        for column in range(self.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), 320))
        self.resizeRowsToContents()

    def key(self, row: int) -> Any:
        item = self.item(row, 0)
        return item.data(KEY_ROLE) if item is not None else None

    def current_key(self) -> Any:
        """The chosen row's key; None when no row is selected (a focus frame is no choice)."""
        rows = self.selectionModel().selectedRows()
        return self.key(rows[0].row()) if rows else None

    def _activated(self) -> None:
        key = self.current_key()
        if key is not None:
            self.activated_key.emit(key)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_(title) for title in self.titles])


def _date(value: Any) -> str:
    return format_date(value) if value is not None else ""


class _ListTab(QWidget):
    """One or more titled tables, each filled from the file by its own function."""

    def __init__(self, sections: Sequence[tuple[str | None, Sequence[str], Callable[
            [ClientFile], list[tuple[Any, list[str], Urgency]]]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections = sections
        self.tables: list[RecordTable] = []
        self.layout_ = QVBoxLayout(self)
        self.boxes: list[QGroupBox | None] = []
        self.empty_labels: list[QLabel] = []
        layout = self.layout_
        for title, columns, _fill in sections:
            table = RecordTable(columns, self)
            empty = QLabel(self)
            empty.hide()
            if title is None:
                layout.addWidget(empty)
                layout.addWidget(table, 1)
                self.boxes.append(None)
            else:
                box = QGroupBox(self)
                inner = QVBoxLayout(box)
                inner.addWidget(empty)
                inner.addWidget(table)
                layout.addWidget(box, 1)
                self.boxes.append(box)
            self.tables.append(table)
            self.empty_labels.append(empty)
        self.file: ClientFile | None = None

    def set_file(self, file: ClientFile) -> None:
        self.file = file
        for (_title, _columns, fill), table, empty in zip(self.sections, self.tables,
                                                          self.empty_labels, strict=True):
            rows = fill(file)
            table.set_rows(rows)
            table.setVisible(bool(rows))
            empty.setVisible(not rows)
        for box, table in zip(self.boxes, self.tables, strict=True):
            # An empty section is one line; the space goes to those with rows.
            self.layout_.setStretchFactor(box or table, 1 if table.isVisibleTo(self) else 0)

    def retranslate(self) -> None:
        for (title, _columns, _fill), table, box, empty in zip(
                self.sections, self.tables, self.boxes, self.empty_labels, strict=True):
            table.retranslate()
            empty.setText(_("Nothing recorded."))
            if box is not None and title is not None:
                box.setTitle(_(title))
                table.setAccessibleName(_(title))
        if self.file is not None:
            self.set_file(self.file)  # dates in the new language's format


def _documents(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(d.id, [d.type, d.number, d.issued_by, _date(d.issued_on), _date(d.expires_on),
                    d.marker], d.urgency) for d in file.documents]


class DocumentsTab(_ListTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([(None, (N_("Type"), N_("Number"), N_("Issued by"), N_("Issued"),
                                  N_("Expires"), N_("Validity")), _documents)], parent)
        self.table = self.tables[0]
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.table.setAccessibleName(_("Documents"))


def _household(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(h.person_id, [h.name, h.name_latin, _date(h.birth_date), h.relationship,
                           "" if h.accessible else _("Client of another office")], Urgency.NONE)
            for h in file.household]


class HouseholdTab(_ListTab):
    """Double-click (or Enter on) a member to open their file."""

    open_person = Signal(object)
    refused = Signal(str)  # why a member's file cannot be opened

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([(None, (N_("Name"), N_("Name (Latin)"), N_("Birth date"),
                                  N_("Relationship"), N_("Note")), _household)], parent)
        self.table = self.tables[0]
        self.table.activated_key.connect(self._open)
        self.retranslate()

    def _open(self, person_id: Any) -> None:
        member = next((h for h in (self.file.household if self.file else ())
                       if h.person_id == person_id), None)
        if member is None:
            return
        if member.accessible:
            self.open_person.emit(person_id)
        else:
            self.refused.emit(_("{name} is a client of another office: you may not open their "
                                "file.").format(name=member.name))

    def retranslate(self) -> None:
        super().retranslate()
        self.table.setAccessibleName(_("Household members"))


def _courses(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(c.id, [c.group, c.course, c.level, c.status, _date(c.starts_on), _date(c.ends_on),
                    _date(c.finished_on), c.level_change], Urgency.NONE) for c in file.courses]


def _jobs(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(j.id, [j.employer, j.vacancy, j.status, _date(j.referred_on), _date(j.outcome_on),
                    j.wage], Urgency.NONE) for j in file.jobs]


def _placements(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(p.id, [p.employer, p.position, _date(p.started_on), _date(p.ended_on), p.wage],
             Urgency.NONE) for p in file.placements]


def _social(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(s.id, [s.service, s.provider, s.status, _date(s.referred_on),
                    _date(s.completed_on), s.outcome], Urgency.NONE) for s in file.social]


class ServicesTab(_ListTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            (N_("Language courses"), (N_("Group"), N_("Course"), N_("Level"), N_("Status"),
                                      N_("Starts"), N_("Ends"), N_("Finished"),
                                      N_("Level before → after")), _courses),
            (N_("Job referrals"), (N_("Employer"), N_("Vacancy"), N_("Status"), N_("Referred"),
                                   N_("Outcome date"), N_("Monthly wage")), _jobs),
            (N_("Job placements"), (N_("Employer"), N_("Position"), N_("Started"), N_("Ended"),
                                    N_("Monthly wage")), _placements),
            (N_("Social services"), (N_("Service"), N_("Provider"), N_("Status"), N_("Referred"),
                                     N_("Completed"), N_("Outcome")), _social),
        ], parent)
        self.retranslate()


def _goals(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(g.id, [g.area, g.description, _date(g.target_date), g.status,
                    _("Target date passed") if g.urgency is Urgency.LATE else "", g.case],
             g.urgency) for g in file.goals]


class CasePlanTab(_ListTab):
    """The case's status, with buttons for the window's case actions, above its goals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([(None, (N_("Area"), N_("Goal"), N_("Target date"), N_("Status"),
                                  N_("Note"), N_("Case")), _goals)], parent)
        self.table = self.tables[0]
        self.case_status = QLabel(self)
        self.case_status.setWordWrap(True)
        self.case_status.setTextFormat(Qt.TextFormat.PlainText)  # names are data, not markup
        self.case_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.case_bar = QHBoxLayout()
        self.case_bar.addWidget(self.case_status, 1)
        self.layout_.insertLayout(0, self.case_bar)
        self.case_buttons: list[QToolButton] = []
        self.retranslate()

    def set_actions(self, actions: Sequence[QAction]) -> None:
        """A button per action: it follows the action's text, tooltip and enabled state."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.case_bar.addWidget(button)
            self.case_buttons.append(button)

    def set_file(self, file: ClientFile) -> None:
        super().set_file(file)
        case = file.case
        if case is None:
            self.case_status.setText(_("No case"))
            return
        parts = [case.status, case.office]
        if case.caseworker:
            parts.append(_("Caseworker: {name}").format(name=case.caseworker))
        self.case_status.setText(" · ".join(p for p in parts if p))

    def retranslate(self) -> None:
        super().retranslate()
        self.table.setAccessibleName(_("Case plan"))
        self.case_status.setAccessibleName(_("Case status"))
