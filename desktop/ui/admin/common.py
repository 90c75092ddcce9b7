"""Pieces the administration tabs share: a table model of plain rows, forms that show
each problem beside its field, and a dialog that stays open until its save succeeds.

Every service call goes through ``desktop.ui.operations``: lists are read off the GUI
thread and read again when a write anywhere in the window touches their tables (the
change hub), and dialogs write off it too, their buttons disabled until the answer.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.changes import Changes
from desktop.i18n import _
from desktop.services import admin
from desktop.services.messages import describe
from desktop.ui import operations
from desktop.ui.fitting import FLOOR, ColumnFitter
from desktop.ui.operations import Failure, Operation

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


def message_label(parent: QWidget) -> QLabel:
    """Where a problem that belongs to no field is shown, hidden until there is one."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def field_problems(error: BaseException) -> dict[str, str]:
    """An ``InvalidEntry``'s problems by field, each worded by the one describer."""
    if not isinstance(error, admin.InvalidEntry):
        return {}
    return {key: describe(admin.InvalidEntry({key: problem}))
            for key, problem in error.problems.items()}


class OptionalSpin(QSpinBox):
    """A whole number that may be left out: below the range, a dash, read as None."""

    NOT_GIVEN = -1

    def __init__(self, parent: QWidget, maximum: int, step: int = 1) -> None:
        super().__init__(parent)
        self.setRange(self.NOT_GIVEN, maximum)
        self.setSingleStep(step)
        self.setSpecialValueText("—")
        self.setValue(self.NOT_GIVEN)

    def number(self) -> int | None:
        return None if self.value() == self.NOT_GIVEN else self.value()

    def set_number(self, value: int | None) -> None:
        self.setValue(self.NOT_GIVEN if value is None else value)


def text_field(parent: QWidget, height: int = 80) -> QPlainTextEdit:
    """A field of several lines that Tab leaves for the next one, as every other field."""
    field = QPlainTextEdit(parent)
    field.setTabChangesFocus(True)
    field.setMinimumHeight(height)
    return field


class FormDialog(QDialog):
    """OK checks the fields, then runs ``write`` off the GUI thread; the dialog closes
    when it succeeds, and shows why when it does not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = CheckedForm()
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.saved_id: uuid.UUID | None = None  # the record saved, for the list to select
        self.writing = False
        self.loading = False  # what the form offers is being read (OK waits for it)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def is_ready(self) -> bool:
        """What the form offers has come in and no write is under way (tests wait on it)."""
        return not self.loading and not self.writing

    def load(self, work: Callable[[], object], done: Callable[[object], None],
             name: str) -> None:
        """Read what the form offers, off the GUI thread; OK waits for it."""
        self.loading = True
        self.ok_button().setEnabled(False)

        def arrived(result: object) -> None:
            self.loading = False
            done(result)
            self.ok_button().setEnabled(True)

        Operation(self, work, name=name).done(arrived).failed(self._unread).run()

    def _unread(self, failure: Failure) -> None:
        """What the form offers could not be read: it says why, and nothing is saved."""
        self.loading = False
        show_message(self.message, failure.message)

    def add_summary(self) -> QLabel:
        """The line above the form that names what the dialog changes. Plain text: it
        holds names and notes people typed, never markup."""
        summary = QLabel(self)
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        self.layout().insertWidget(0, summary)  # type: ignore[union-attr]
        return summary

    def chain_focus(self, fields: Sequence[QWidget]) -> None:
        """Tab goes through the fields in reading order, then to the buttons."""
        for first, second in itertools.pairwise([*fields, self.buttons]):
            QWidget.setTabOrder(first, second)

    def save(self) -> None:
        if self.writing:
            return
        show_message(self.message, "")
        if self.form.show_problems(self.problems()):
            return
        work = self.write()  # reads the fields here, on the GUI thread
        self._busy(True)
        Operation(self, work, writes=True, name=f"{type(self).__name__}.save") \
            .done(self._saved).failed(self._refused).run()

    def reject(self) -> None:
        # Closing mid-write would leave its answer (a refusal above all) to nobody.
        if not self.writing:
            super().reject()

    def problems(self) -> dict[str, str]:
        """What stops the save, by field, checked before the service is asked."""
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        """The service call, with the fields' values; it returns the id of what it saved."""
        raise NotImplementedError

    def placed(self, failure: Failure) -> dict[str, str]:
        """The failure's text by the field it belongs beside; empty for none of them."""
        return field_problems(failure.error)

    def forget(self) -> None:
        """Clear what must not outlive the window (passwords): the object may."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def _busy(self, busy: bool) -> None:
        self.writing = busy
        self.buttons.setEnabled(not busy)

    def _saved(self, saved_id: uuid.UUID) -> None:
        self._busy(False)
        self.saved_id = saved_id
        self.forget()
        self.accept()

    def _refused(self, failure: Failure) -> None:
        self._busy(False)
        placed = self.placed(failure)
        if placed and placed.keys() <= self.form.errors.keys():
            self.form.show_problems(placed)
        else:
            self.form.show_problems({})
            show_message(self.message, failure.message)


class RowsPanel(QWidget, Generic[Row]):
    """A table of plain rows with a bar of buttons above it and a line for a problem.

    Whoever owns the panel gives it its rows (``set_rows``), keeping the selection on
    the same record; subclasses add buttons and enable them in ``update_buttons``.
    """

    # Columns of names or typed text (by number), elided when room is short, in this order,
    # each down to its floor (px; see desktop.ui.fitting).
    free_text: tuple[int, ...] = ()
    free_text_floor: ClassVar[dict[int, int] | int] = FLOOR

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RowsModel[Row] = RowsModel(columns, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Each column as wide as its texts; when room is short, the free-text columns a
        # subclass names give way, else the table scrolls: no column is squeezed to cut.
        self.fitter = ColumnFitter(self.table, self.free_text, floor=self.free_text_floor)
        self.buttons = QHBoxLayout()
        self.message = message_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())

    def set_rows(self, rows: list[Row], select: object = None) -> None:
        """Show ``rows``, selecting the row whose id is ``select`` (else the one selected)."""
        current = self.selected()
        wanted = select or (getattr(current, "id", None) if current is not None else None)
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if wanted is not None and getattr(row, "id", None) == wanted:
                self.table.selectRow(number)
        self.update_buttons()

    def button(self, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def shortcut(self, keys: QKeySequence, slot: Callable[[], None]) -> None:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def update_buttons(self) -> None:
        """Enable what the selection allows; called whenever it changes."""

    def selected(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None


class ListTab(RowsPanel[Row]):
    """A table of rows with buttons above it, read again whenever a write touches
    ``tables``; the dialogs it opens select what they saved.

    Subclasses say how rows are read (``reader``), which buttons there are, and
    what a row's id is. A list that cannot be read says why above the table.
    """

    tables: tuple[str, ...] = ()  # what the rows are read from

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.dialog: FormDialog | None = None  # the open dialog, for tests and to keep it alive
        self._select: uuid.UUID | None = None  # the row to select when the rows next arrive
        # A bound method, not a lambda: the hub must not keep a closed screen alive.
        operations.hub().changed.connect(self._changed)

    def reader(self) -> Callable[[], list[Row]]:
        """The service call that reads the rows (run off the GUI thread)."""
        raise NotImplementedError

    def reload(self, select: uuid.UUID | None = None) -> None:
        """Read the rows again, keeping (or moving to) the selected one."""
        if select is not None:
            self._select = select
        # A newer reload drops an older one's rows, which could be staler than its own.
        Operation(self, self.reader(), name=f"{type(self).__name__}.reload") \
            .superseding((ListTab, id(self))).done(self._show_rows).failed(self._unread).run()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(*self.tables):
            self.reload()

    def _show_rows(self, rows: list[Row]) -> None:
        show_message(self.message, "")
        # The saved record is selected once it is among the rows read; until then the
        # selection stays where the user has it.
        wanted = self._select
        self.set_rows(rows, wanted)
        if wanted is not None and any(getattr(row, "id", None) == wanted for row in rows):
            self._select = None

    def _unread(self, failure: Failure) -> None:
        show_message(self.message, failure.message)

    def open_dialog(self, dialog: FormDialog) -> None:
        if self.dialog is not None:  # one at a time (a second click while the first opened)
            dialog.deleteLater()
            return
        # open(), not exec(): window-modal without a nested event loop.
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: FormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if dialog.saved_id is not None:
            # The hub's reload of this very write is on its way: it selects the record.
            self._select = dialog.saved_id
        else:
            self.reload()  # after a refused save (a conflict) the list then shows theirs
        dialog.deleteLater()


class DirectoryTab(ListTab[Row]):
    """A directory the center keeps (employers, providers): a text filter, the inactive
    ones on request, and Add…, Edit…, Deactivate/Reactivate for the row chosen.

    Subclasses give the service calls: ``read`` (the rows for a text and whether the
    inactive ones are wanted), ``dialog`` (a new record's form, or an existing one's by
    id), ``set_active``; and the words: ``texts`` (the filter's check box, the search's
    placeholder, the table's name) and ``reactivate_text``. A refused (de)activation is
    shown by ``toggle_failed``.
    """

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.reload())
        self.inactive = QCheckBox(self)
        self.inactive.toggled.connect(lambda _on: self.reload())
        self.add_button = self.button(self.add_record)
        self.edit_button = self.button(self.edit_record)
        self.active_button = self.button(self.toggle_active)
        self.buttons.addStretch(1)
        # The search on a row of its own: its hint ("Find a provider by name, place or
        # contact") is a long line in Kazakh, and the buttons would leave it no room.
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 1)
        self.filters.addWidget(self.inactive)
        self.layout().insertLayout(0, self.filters)  # type: ignore[union-attr]
        self.table.activated.connect(lambda _index: self.edit_record())  # Enter, double-click
        self.shortcut(QKeySequence(QKeySequence.StandardKey.New), self.add_record)

    # ---- what a directory says and calls ------------------------------------------------

    def read(self, text: str, include_inactive: bool) -> Callable[[], list[Row]]:
        raise NotImplementedError

    def dialog_for(self, record_id: uuid.UUID | None) -> FormDialog:
        raise NotImplementedError

    def set_active(self, row: Row, active: bool) -> Callable[[], None]:
        raise NotImplementedError

    def texts(self) -> tuple[str, str, str]:
        """(the check box for the inactive ones, the search's placeholder, the table's
        accessible name), in the UI language."""
        raise NotImplementedError

    def reactivate_text(self) -> str:
        raise NotImplementedError

    def toggle_failed(self, failure: Failure) -> None:
        self._unread(failure)
        self.update_buttons()

    # ---- the shared behaviour -----------------------------------------------------------

    def retranslate(self) -> None:
        inactive, find, name = self.texts()
        self.add_button.setText(_("&Add…"))
        self.edit_button.setText(_("&Edit…"))
        self.inactive.setText(inactive)
        self.search.setPlaceholderText(find)
        self.search.setAccessibleName(find)
        self.table.setAccessibleName(name)
        self.update_buttons()
        self.reload()  # the labels of the rows come from the service in the UI language
        self.model.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()

    def reader(self) -> Callable[[], list[Row]]:
        return self.read(self.search.text(), self.inactive.isChecked())

    def update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        self.active_button.setText(_("&Deactivate") if row is None or row.active
                                   else self.reactivate_text())

    def add_record(self) -> None:
        self.open_dialog(self.dialog_for(None))

    def edit_record(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(self.dialog_for(row.id))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        # Disabled until the rows are read again (the hub's reload, or ours on a refusal):
        # a second click would send the version just replaced.
        self.active_button.setEnabled(False)
        Operation(self, self.set_active(row, not row.active), writes=True,
                  name=f"{type(self).__name__}.set_active").failed(self.toggle_failed).run()
