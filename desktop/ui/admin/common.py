"""Pieces the administration tabs share: a table model of plain rows, forms that show
each problem beside its field, and a dialog that stays open until its save succeeds."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.errors import DatabaseProblem
from desktop.i18n import _
from desktop.services import admin
from desktop.services.auth import AccessDenied

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
ERROR_STYLE = "color: #b00020;"

# (title marked with N_, text shown for a row)
Column = tuple[str, Callable[[Any], str]]


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A short list of frozen rows from a service (users, offices: tens, not thousands).

    Inactive rows (``row.active`` false) are drawn greyed, so closed offices and
    deactivated users stay visible without looking current.
    """

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        """Column titles and cells (role labels, yes/no) follow the UI language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1))

    def row_at(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == Qt.ItemDataRole.ForegroundRole and not getattr(row, "active", True):
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        if role == self.ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return _(self.columns[section][0])
        return None


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class CheckedForm(QFormLayout):
    """A form whose rows carry an error label beside the field, empty until needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, key: str, field: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setBuddy(field)
        error = QLabel(parent)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        cell = QHBoxLayout()
        cell.addWidget(field, 3)
        cell.addWidget(error, 2)
        self.addRow(label, cell)
        self.labels[key], self.fields[key], self.errors[key] = label, field, error
        return label

    def set_label(self, key: str, text: str) -> None:
        """The label (with its mnemonic) and the field's accessible name."""
        self.labels[key].setText(text)
        self.fields[key].setAccessibleName(text.replace("&", ""))

    def show_problems(self, problems: dict[str, str]) -> bool:
        """Show each text beside its field and focus the first; True when there were any."""
        first = None
        for key, error in self.errors.items():
            text = problems.get(key, "")
            error.setText(text)
            error.setVisible(bool(text))
            # Screen readers announce the field's description when it gets the focus.
            self.fields[key].setAccessibleDescription(text)
            if text and first is None:
                first = self.fields[key]
        if first is not None:
            first.setFocus()
        return first is not None

    def problem(self, key: str) -> str:
        return self.errors[key].text()


class FormDialog(QDialog):
    """OK runs ``save``; the dialog closes only when it returns True."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = CheckedForm()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.saved_id: uuid.UUID | None = None  # the record saved, for the list to select
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def chain_focus(self, fields: Sequence[QWidget]) -> None:
        """Tab goes through the fields in reading order, then to the buttons."""
        for first, second in itertools.pairwise([*fields, self.buttons]):
            QWidget.setTabOrder(first, second)

    def _ok(self) -> None:
        if self.save():
            self.accept()

    def save(self) -> bool:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def warn(self, text: str) -> None:
        """A problem that belongs to no field; tests replace this method."""
        QMessageBox.warning(self, self.windowTitle(), text)


class ListTab(QWidget, Generic[Row]):
    """A table of rows with buttons above it; the dialogs it opens reload it when closed.

    Subclasses say how rows are read (``fetch``), which buttons there are, and
    what a row's id is; every failure is shown through ``warn``.
    """

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog: FormDialog | None = None  # the open dialog, for tests and to keep it alive
        self.model: RowsModel[Row] = RowsModel(columns, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())

    def button(self, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def shortcut(self, keys: QKeySequence, slot: Callable[[], None]) -> None:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def fetch(self) -> list[Row]:
        raise NotImplementedError

    def update_buttons(self) -> None:
        """Enable what the selection allows; called whenever it changes."""

    def warn(self, text: str) -> None:
        """Tests replace this method."""
        QMessageBox.warning(self, _("Administration"), text)

    def reload(self, select: uuid.UUID | None = None) -> None:
        """Read the rows again, keeping (or moving to) the selected one."""
        current = self.selected()
        wanted = select or (getattr(current, "id", None) if current is not None else None)
        try:
            rows = self.fetch()
        except (DatabaseProblem, AccessDenied) as error:
            self.warn(admin.describe(error))
            return
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if getattr(row, "id", None) == wanted:
                self.table.selectRow(number)
        self.update_buttons()

    def selected(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def open_dialog(self, dialog: FormDialog) -> None:
        # open(), not exec(): window-modal without a nested event loop.
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: FormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.reload(dialog.saved_id)  # also after a conflict: the list then shows theirs
        dialog.deleteLater()
