"""The attendance register of one course group: participants down, sessions across.

A teacher fills it with the keyboard alone: the arrows move, Space marks present (and
then absent, and present again), the "excused" letter marks an excused absence,
Delete clears, Enter or Tab goes down to the next participant of the same session.
Each mark is saved at once, on its own, through the operation runner; the cell shows it
before the write lands and goes back, with the reason in the status line, if the write
is refused. The runner applies the writes in the order sent, and a cell has one write
on its way at a time (what is typed on it meanwhile is held, and the last of it sent
with the answer's mark as the one seen), so fast typing ends with exactly the marks
typed. A mark someone else changed meanwhile is not overwritten: the write is refused,
the register reloads and shows theirs.

The participants' names are the vertical header, so they stay in view while the
sessions scroll by; the last column holds each participant's rate, the last row each
session's, both as the service computes them after each save. Nothing here asks the
database itself.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.changes import Changes
from db.errors import StaleRecord
from db.models import EnrolmentStatus
from db.session import Database
from desktop.i18n import _, format_date, format_percent, ngettext, weekday_names
from desktop.services.access import Actor
from desktop.services.client_file.labels import ENROLMENT_STATUS
from desktop.services.courses.errors import (
    MarkChanged,
    NoSuchEnrolment,
    NoSuchSession,
    SessionNotMarkable,
)
from desktop.services.courses.labels import rate_text, schedule_text
from desktop.services.courses.register import (
    MIN_SESSIONS,
    Mark,
    MarkResult,
    Register,
    RegisterLine,
    RegisterSession,
    load_register,
    mark_attendance,
    rate,
)
from desktop.services.messages import describe
from desktop.ui import operations
from desktop.ui.operations import Failure, Operation

Cell = tuple[uuid.UUID, uuid.UUID]  # (enrolment, session), as the register keys its marks
Index = QModelIndex | QPersistentModelIndex
# A write to any of these may change what the register shows.
REGISTER_TABLES = ("attendance", "course_session", "course_enrolment", "course_group", "person")
# Failures after which the register on screen is no longer the one in the database.
OUTDATED = (MarkChanged, SessionNotMarkable, NoSuchSession, NoSuchEnrolment, StaleRecord)

# Dark enough on their backgrounds for small text (WCAG AA), as the rest of the window.
MARK_GLYPHS = {Mark.PRESENT: "✓", Mark.ABSENT: "✗"}  # excused: the key's own letter
MARK_COLOURS = {Mark.PRESENT: (QColor("#1b5e20"), QColor("#e3f2e5")),
                Mark.ABSENT: (QColor("#b00020"), QColor("#fdecee")),
                Mark.EXCUSED: (QColor("#8a5300"), QColor("#fff3dc"))}
LOCKED = (QColor("#8a8a8a"), QColor("#ececec"))  # a cell that cannot be marked
CANCELLED_BRUSH = QBrush(QColor("#c8c8c8"), Qt.BrushStyle.BDiagPattern)
TOTAL_BACKGROUND = QColor("#f4f5f7")
PLAIN = QColor("#ffffff")
RULE = QColor("#9aa0a6")
LOW = QColor("#b00020")


def excused_letter() -> str:
    # TRANSLATORS: the key that marks an excused absence in the attendance register, and
    # what its cell shows: one capital letter, the first of your word for "excused".
    return _("E")


def mark_words() -> dict[Mark | None, str]:
    return {Mark.PRESENT: _("present"), Mark.ABSENT: _("absent"),
            Mark.EXCUSED: _("excused absence"), None: _("not marked")}


def glyph(mark: Mark | None) -> str:
    return "" if mark is None else MARK_GLYPHS.get(mark) or excused_letter()


def key_name(key: Qt.Key) -> str:
    """A key as the keyboard labels it, in Qt's own translation of the UI language."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class Action(enum.Enum):
    TOGGLE = "toggle"  # not marked → present → absent → present; excused → present
    EXCUSE = "excuse"
    CLEAR = "clear"


def toggled(mark: Mark | None) -> Mark:
    return Mark.ABSENT if mark is Mark.PRESENT else Mark.PRESENT


class RegisterModel(QAbstractTableModel):
    """The register as shown: the loaded one, with the marks typed since laid over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register: Register | None = None
        self.lines: list[RegisterLine] = []
        self.sessions: list[RegisterSession] = []
        self.marks: dict[Cell, Mark] = {}
        self.line_rates: dict[uuid.UUID, float | None] = {}
        self.session_rates: dict[uuid.UUID, float | None] = {}

    def set_register(self, register: Register, typed: dict[Cell, Mark | None]) -> None:
        self.beginResetModel()
        self.register = register
        self.lines, self.sessions = list(register.lines), list(register.sessions)
        self.marks = dict(register.marks)
        for cell, mark in typed.items():
            self._put(cell, mark)
        self.line_rates = {line.enrolment_id: rate(self._marks_of(line.enrolment_id, 0))
                           for line in self.lines}
        self.session_rates = {s.id: rate(self._marks_of(s.id, 1)) for s in self.sessions}
        self.endResetModel()

    def _marks_of(self, key: uuid.UUID, position: int) -> list[Mark]:
        return [m for cell, m in self.marks.items() if cell[position] == key]

    def _put(self, cell: Cell, mark: Mark | None) -> None:
        if mark is None:
            self.marks.pop(cell, None)
        else:
            self.marks[cell] = mark

    # ---- cells -------------------------------------------------------------------------------

    def cell(self, index: Index) -> tuple[RegisterLine, RegisterSession] | None:
        row, column = index.row(), index.column()
        if index.isValid() and row < len(self.lines) and column < len(self.sessions):
            return self.lines[row], self.sessions[column]
        return None

    def index_of(self, cell: Cell) -> QModelIndex:
        rows = [line.enrolment_id for line in self.lines]
        columns = [s.id for s in self.sessions]
        if cell[0] in rows and cell[1] in columns:
            return self.index(rows.index(cell[0]), columns.index(cell[1]))
        return QModelIndex()

    def mark(self, cell: Cell) -> Mark | None:
        return self.marks.get(cell)

    def set_mark(self, cell: Cell, mark: Mark | None) -> None:
        self._put(cell, mark)
        index = self.index_of(cell)
        if index.isValid():
            self.dataChanged.emit(index, index)
            self._line_changed(index.row())

    def set_rates(self, cell: Cell, line_rate: float | None,
                  session_rate: float | None) -> None:
        self.line_rates[cell[0]] = line_rate
        self.session_rates[cell[1]] = session_rate
        index = self.index_of(cell)
        if index.isValid():
            self._line_changed(index.row())
            total = self.index(len(self.lines), index.column())
            self.dataChanged.emit(total, total)

    def _line_changed(self, row: int) -> None:
        rate_cell = self.index(row, len(self.sessions))
        self.dataChanged.emit(rate_cell, rate_cell)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    def why_not(self, line: RegisterLine, meeting: RegisterSession) -> SessionNotMarkable | None:
        why = self.register.why_not(line, meeting) if self.register else None
        return SessionNotMarkable(why, meeting.held_on) if why is not None else None

    def counted(self, enrolment_id: uuid.UUID) -> int:
        return sum(m is not Mark.EXCUSED for m in self._marks_of(enrolment_id, 0))

    def is_low(self, line: RegisterLine) -> bool:
        """Under the center's threshold once the low-attendance rule counts (4+ sessions)."""
        share = self.line_rates.get(line.enrolment_id)
        return (self.register is not None and share is not None
                and self.counted(line.enrolment_id) >= MIN_SESSIONS
                and share * 100 < self.register.threshold)

    # ---- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() or not self.lines else len(self.lines) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.sessions else len(self.sessions) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        # The rates are not cells one lands on: the arrows pass them by.
        if self.cell(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        found = self.cell(index)
        if found is None:
            return self._rate_data(index, role)
        line, meeting = found
        mark = self.marks.get((line.enrolment_id, meeting.id))
        locked = self.why_not(line, meeting)
        if role == Qt.ItemDataRole.DisplayRole:
            return glyph(mark)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return mark_words()[mark]
        if role == Qt.ItemDataRole.ToolTipRole:
            if locked is not None:
                return describe(locked)
            return _("{name}, {day}: {mark}").format(
                name=line.name, day=format_date(meeting.held_on, "long"),
                mark=mark_words()[mark])
        colours = LOCKED if locked is not None else MARK_COLOURS.get(mark) if mark else None
        if role == Qt.ItemDataRole.ForegroundRole and colours:
            return QBrush(colours[0])
        if role == Qt.ItemDataRole.BackgroundRole:
            if meeting.cancelled:
                return CANCELLED_BRUSH
            # Unmarked cells are painted too: the row panel under them shows the selection.
            return QBrush(colours[1] if colours else PLAIN)
        if role == Qt.ItemDataRole.FontRole and mark is not None:
            font = QFont()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            return font
        return None

    def _rate_data(self, index: Index, role: int) -> Any:
        row, column = index.row(), index.column()
        line = self.lines[row] if row < len(self.lines) else None
        if column < len(self.sessions):
            share = self.session_rates.get(self.sessions[column].id)
        elif line is not None:
            share = self.line_rates.get(line.enrolment_id)
        elif role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(TOTAL_BACKGROUND)  # the corner
        else:
            return None
        low = line is not None and self.is_low(line)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return rate_text(share)
        if role == Qt.ItemDataRole.ToolTipRole and low and self.register is not None:
            return _low_text(self.register.threshold, self.counted(line.enrolment_id))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(LOW if low else QColor("#202124"))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(MARK_COLOURS[Mark.ABSENT][1] if low else TOTAL_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and low:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._session_header(section, role)
        if section >= len(self.lines):
            if role == Qt.ItemDataRole.DisplayRole:
                return _("Session rate")
            if role == Qt.ItemDataRole.ToolTipRole:
                return _rate_explained()
            return None
        line = self.lines[section]
        low = self.is_low(line)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"⚠ {line.name}" if low else line.name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [line.name, _(ENROLMENT_STATUS[line.status.value])]
            if low and self.register is not None:
                parts.append(_low_text(self.register.threshold, self.counted(line.enrolment_id)))
            return "\n".join(parts)
        if role == Qt.ItemDataRole.ForegroundRole:
            if low:
                return QBrush(LOW)
            if line.status is not EnrolmentStatus.ENROLLED:
                return QBrush(LOCKED[0])  # completed or dropped out: their line is history
        if role == Qt.ItemDataRole.FontRole and low:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _session_header(self, section: int, role: int) -> Any:
        if section >= len(self.sessions):
            if role == Qt.ItemDataRole.DisplayRole:
                return _("Rate")
            if role == Qt.ItemDataRole.ToolTipRole:
                return _rate_explained()
            return None
        meeting = self.sessions[section]
        today = self.register.today if self.register else date.today()
        if role == Qt.ItemDataRole.DisplayRole:
            if meeting.cancelled:
                below = _("cancelled")
            elif meeting.held_on == today:
                below = _("today")
            else:
                below = weekday_names("abbreviated")[meeting.held_on.isoweekday() - 1]
            if meeting.moved_from is not None and not meeting.cancelled:
                below += " ↷"
            return f"{format_date(meeting.held_on, 'short')}\n{below}"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = format_date(meeting.held_on, "full")
            if meeting.cancelled:
                text += "\n" + _("The session was cancelled.")
            if meeting.moved_from is not None:
                text += "\n" + _("Moved from {day}.").format(
                    day=format_date(meeting.moved_from, "long"))
            return text
        if role == Qt.ItemDataRole.ForegroundRole and (meeting.cancelled
                                                       or meeting.held_on > today):
            return QBrush(LOCKED[0])
        if role == Qt.ItemDataRole.FontRole and (meeting.cancelled or meeting.held_on == today):
            font = QFont()
            font.setStrikeOut(meeting.cancelled)
            font.setBold(meeting.held_on == today)
            return font
        return None

    def retranslate(self) -> None:
        """Dates, day names, the excused letter and the tooltips in the new language."""
        if self.rowCount() and self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))


def _rate_explained() -> str:
    return _("Present ÷ (present + absent): an excused absence counts neither way.")


def _low_text(threshold: int, counted: int) -> str:
    return ngettext("Attendance under {threshold} after {count} session",
                    "Attendance under {threshold} after {count} sessions", counted).format(
        threshold=format_percent(threshold / 100), count=counted)


class CellDelegate(QStyledItemDelegate):
    """The current cell keeps its mark's colours and is outlined, not filled; a rule sets
    the rates apart from the marks."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[operator]
        plain = QStyleOptionViewItem(option)
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)  # type: ignore[assignment, operator]
        super().paint(painter, plain, index)
        model = index.model()
        rect: QRect = option.rect  # type: ignore[attr-defined]
        if isinstance(model, RegisterModel) and (index.column() == len(model.sessions)
                                                 or index.row() == len(model.lines)):
            painter.save()
            painter.setPen(QPen(RULE, 2))
            if index.column() == len(model.sessions):
                painter.drawLine(rect.topLeft(), rect.bottomLeft())
            if index.row() == len(model.lines):
                painter.drawLine(rect.topLeft(), rect.topRight())
            painter.restore()
        if selected:
            painter.save()
            colour = option.palette.color(option.palette.ColorRole.Highlight)  # type: ignore[attr-defined]
            painter.setPen(QPen(colour, 2.5))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.restore()


class RegisterTable(QTableView):
    """The grid: its keys and double click ask for a mark; Enter and Tab go down."""

    action = Signal(object, object)  # Action, QModelIndex

    def __init__(self, model: RegisterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab goes down the session (event), then leaves
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        rows.setHighlightSections(True)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setHighlightSections(True)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.doubleClicked.connect(lambda index: self.action.emit(Action.TOGGLE, index))

    def register_model(self) -> RegisterModel:
        model = self.model()
        assert isinstance(model, RegisterModel)
        return model

    def fit(self) -> None:
        model, metrics = self.register_model(), self.fontMetrics()
        sessions = len(model.sessions)
        width = max(metrics.horizontalAdvance("00.00.0000"), metrics.horizontalAdvance(
            _("cancelled"))) + 16
        for column in range(sessions):
            self.setColumnWidth(column, width)
        self.setColumnWidth(sessions, max(metrics.horizontalAdvance("100 %"),
                                          metrics.horizontalAdvance(_("Rate"))) + 28)
        names = self.verticalHeader()
        names.setMinimumWidth(0)
        names.setMinimumWidth(min(max(names.sizeHint().width(), 160), 320))

    def go_down(self, step: int = 1) -> bool:
        """To the next participant (``step`` -1: the previous) in the same session."""
        current = self.currentIndex()
        row = current.row() + step
        if not current.isValid() or not 0 <= row < len(self.register_model().lines):
            return False
        self.setCurrentIndex(current.siblingAtRow(row))
        return True

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._marking_key(event):
            event.accept()  # the grid's own keys, before any shortcut of the window
            return True
        # Tab and Shift+Tab never reach keyPressEvent: QWidget moves the focus first.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier \
                and self.go_down(-1 if event.key() == Qt.Key.Key_Backtab else 1):
            return True  # at the last participant, Tab leaves the grid as it would anywhere
        return super().event(event)

    @staticmethod
    def _marking_key(event: QKeyEvent) -> bool | Action:
        """The action a key asks for; True for Enter (down); False for any other key."""
        key, modifiers = event.key(), event.modifiers()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        letter = event.text().casefold()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            return True
        if key == Qt.Key.Key_Space and plain:
            return Action.TOGGLE
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            return Action.CLEAR
        if letter and letter in ("e", excused_letter().casefold()) and not modifiers & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier):
            return Action.EXCUSE  # Shift (a capital) is fine
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        wanted = self._marking_key(event)
        if isinstance(wanted, Action):
            self.action.emit(wanted, self.currentIndex())
        elif wanted:
            self.go_down()
        else:
            super().keyPressEvent(event)


@dataclass(frozen=True)
class _Write:
    cell: Cell
    seen: Mark | None  # what the cell showed, as the database had it
    mark: Mark | None


class RegisterView(QWidget):
    """One group's register; ``reload()`` reads it again (the hub's broadcasts do too)."""

    loaded = Signal()  # the register on screen is fresh (or failed to load: see ``error``)
    saved = Signal(object)  # MarkResult of each mark written

    def __init__(self, database: Database, actor: Actor, group_id: uuid.UUID,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.group_id = database, actor, group_id
        self.today = today  # None: the clock's; tests pin it
        self.error = ""  # the last failure, as the status line shows it
        self.notice = ""  # what the last save brought (a follow-up raised)
        self.loading = False
        # One write per cell at a time: what is typed on a cell while its write is on the
        # way is held, and sent (the last of it) once the answer says what the cell holds.
        self._in_flight: dict[Cell, _Write] = {}
        self._held: dict[Cell, Mark | None] = {}
        self._written: dict[Cell, Mark | None] = {}  # answered while a load was under way
        self._own_announcement = False  # the hub's next broadcast is our own write's
        self._placed = False  # the cursor was put on the day's session once

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setStyleSheet("color: #5f6368;")
        self.model = RegisterModel(self)
        self.table = RegisterTable(self.model, self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.legend = QHBoxLayout()
        self.legend.setSpacing(6)
        self.chips: list[tuple[QLabel, QLabel]] = []
        for colours in (MARK_COLOURS[Mark.PRESENT], MARK_COLOURS[Mark.ABSENT],
                        MARK_COLOURS[Mark.EXCUSED], LOCKED, (LOW, TOTAL_BACKGROUND)):
            chip, words = QLabel(self), QLabel(self)
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setMinimumWidth(chip.fontMetrics().horizontalAdvance("⚠") + 14)
            chip.setStyleSheet(f"color: {colours[0].name()}; background: {colours[1].name()};"
                               " border: 1px solid #d0d0d0; font-weight: bold; padding: 1px;")
            self.legend.addWidget(chip)
            self.legend.addWidget(words)
            self.legend.addSpacing(10)
            self.chips.append((chip, words))
        self.legend.addStretch(1)
        self.keys = QLabel(self)
        self.keys.setWordWrap(True)
        self.keys.setStyleSheet("color: #5f6368;")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.legend)
        layout.addWidget(self.keys)
        layout.addWidget(self.status)

        self.table.action.connect(self._act)
        operations.hub().changed.connect(self.on_changes)
        self.retranslate()

    # ---- loading -----------------------------------------------------------------------------

    def reload(self) -> Operation[Register]:
        """Read the register again off the GUI thread; a load still running is superseded."""
        database, actor, group_id, today = self.database, self.actor, self.group_id, self.today
        self.loading = True
        self._written = {}
        self._show_status()
        return Operation(self, lambda: load_register(database, actor, group_id, today=today),
                         name="course register").superseding(("course register", id(self))) \
            .done(self._loaded).failed(self._load_failed).run()

    def _loaded(self, register: Register) -> None:
        self.loading = False
        found = self.model.cell(self.table.currentIndex())
        current = (found[0].enrolment_id, found[1].id) if found else None
        # What was typed is laid over what was read: the writes answered during the load
        # (the read may have come before them), those on their way, those held.
        typed = dict(self._written)
        typed.update((cell, write.mark) for cell, write in self._in_flight.items())
        typed.update(self._held)
        self._written = {}
        self.model.set_register(register, typed)
        self._show_group(register)
        self.table.fit()
        self._place(current)
        self._show_status()
        self.loaded.emit()

    def _load_failed(self, failure: Failure) -> None:
        self.loading = False
        self.error = failure.message
        self._show_status()
        self.loaded.emit()

    def _place(self, cell: Cell | None) -> None:
        """Back on the cell the user was on; at first, on the first line of the last
        session held (the one a teacher marks after class)."""
        model = self.model
        index = model.index_of(cell) if cell is not None else QModelIndex()
        if not index.isValid() and not self._placed and model.lines and model.register:
            held = [c for c, s in enumerate(model.sessions)
                    if not s.cancelled and s.held_on <= model.register.today]
            index = model.index(0, held[-1] if held else 0)
            self._placed = True
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def on_changes(self, changes: Changes) -> None:
        if self._own_announcement:
            self._own_announcement = False  # this view's own mark: it shows it already
            return
        if not changes.touches(*REGISTER_TABLES):
            return
        register = self.model.register
        if register is not None and not changes.touches("attendance", "course_session",
                                                        "course_enrolment"):
            # Only a group or a person changed: this group's, or one of its participants?
            people = {line.person_id for line in register.lines}
            if self.group_id not in changes.ids("course_group") \
                    and people.isdisjoint(changes.people | changes.ids("person")):
                return
        self.reload()

    # ---- marking -----------------------------------------------------------------------------

    def _act(self, action: Action, index: QModelIndex) -> None:
        found = self.model.cell(index)
        if found is None:
            return
        line, meeting = found
        cell = (line.enrolment_id, meeting.id)
        seen = self.model.mark(cell)
        mark = {Action.TOGGLE: toggled(seen), Action.EXCUSE: Mark.EXCUSED,
                Action.CLEAR: None}[action]
        self.mark_cell(cell, mark)

    def mark_cell(self, cell: Cell, mark: Mark | None) -> bool:
        """Show the mark at once and save it; False when the cell cannot take it (the status
        line says why) or holds it already."""
        found = self.model.cell(self.model.index_of(cell))
        if found is None:
            return False
        refusal = self.model.why_not(*found)
        self.notice = ""
        if refusal is not None:
            self.error = describe(refusal)
            self._show_status()
            return False
        shown = self.model.mark(cell)
        if mark is shown:
            return False
        self.error = ""
        self.model.set_mark(cell, mark)
        if cell in self._in_flight:
            self._held[cell] = mark
        else:
            self._send(_Write(cell, shown, mark))
        self._show_status()
        return True

    def _send(self, write: _Write) -> None:
        self._in_flight[write.cell] = write
        database, actor, today = self.database, self.actor, self.today
        (enrolment_id, session_id), mark, seen = write.cell, write.mark, write.seen
        Operation(self, lambda: mark_attendance(database, actor, enrolment_id, session_id, mark,
                                                seen, today=today),
                  writes=True, name="mark attendance") \
            .done(lambda result: self._saved(write, result)) \
            .failed(lambda failure: self._refused(write, failure)).run()

    def _saved(self, write: _Write, result: MarkResult) -> None:
        del self._in_flight[write.cell]
        # The runner announces a write's changes right after handing its result over.
        self._own_announcement = True
        QTimer.singleShot(0, self._announced)
        if write.cell in self._held:
            wanted = self._held.pop(write.cell)
            if wanted is not result.mark:
                self._send(_Write(write.cell, result.mark, wanted))
        else:
            self.model.set_mark(write.cell, result.mark)
        self.model.set_rates(write.cell, result.line_rate, result.session_rate)
        if self.loading:
            self._written[write.cell] = result.mark
        if result.follow_up:
            line = self.model.cell(self.model.index_of(write.cell))
            self.notice = _("{name}'s attendance has fallen under {threshold}: their "
                            "caseworker has a follow-up to find out why.").format(
                name=line[0].name if line else "",
                threshold=format_percent((self.model.register.threshold
                                          if self.model.register else 0) / 100))
        self._show_status()
        self.saved.emit(result)

    def _announced(self) -> None:
        self._own_announcement = False

    def _refused(self, write: _Write, failure: Failure) -> None:
        del self._in_flight[write.cell]
        self._held.pop(write.cell, None)  # typed on a mark that never landed: dropped too
        self._written.pop(write.cell, None)
        self.model.set_mark(write.cell, write.seen)
        self.error = failure.message
        self._show_status()
        if isinstance(failure.error, OUTDATED):
            self.reload()

    # ---- texts -------------------------------------------------------------------------------

    def _show_group(self, register: Register) -> None:
        group = register.group
        self.heading.setText(group.name)
        parts = [group.course, group.level, group.teacher,
                 schedule_text(group.weekdays, group.starts_at, group.ends_at), group.place,
                 f"{format_date(group.starts_on)} – {format_date(group.ends_on)}"]
        self.details.setText(" · ".join(p for p in parts if p))
        nobody, no_sessions = not register.lines, not register.sessions
        self.empty.setText(_("Nobody takes part in this group yet: enrol participants to "
                             "mark their attendance.") if nobody
                           else _("The group has no sessions: give it days of the week."))
        self.empty.setVisible(nobody or no_sessions)
        self.table.setVisible(not (nobody or no_sessions))

    def _show_status(self) -> None:
        if self.error:
            self.status.setText(self.error)
            self.status.setStyleSheet("color: #b00020;")
        else:
            text = self.notice or (_("Loading…") if self.loading and not self.model.register
                                   else _("Saving…") if self._in_flight else "")
            self.status.setText(text)
            self.status.setStyleSheet("color: #5f6368;" if not self.notice else "")
        self.status.setVisible(bool(self.status.text()))

    def retranslate(self) -> None:
        self.table.setAccessibleName(_("Attendance register"))
        legend = ((glyph(Mark.PRESENT), _("present")), (glyph(Mark.ABSENT), _("absent")),
                  (glyph(Mark.EXCUSED), _("excused absence")), ("", _("cannot be marked")),
                  ("⚠", _("attendance under the center's threshold")))
        for (chip, words), (sign, text) in zip(self.chips, legend, strict=True):
            chip.setText(sign)
            words.setText(text)
        self.keys.setText(_("{space}: present or absent · {letter}: excused · {delete}: clear "
                            "· {enter} or {tab}: next participant").format(
            space=key_name(Qt.Key.Key_Space), letter=excused_letter(),
            delete=key_name(Qt.Key.Key_Delete), enter=key_name(Qt.Key.Key_Enter),
            tab=key_name(Qt.Key.Key_Tab)))
        self.table.setToolTip(_("Space marks present or absent, {letter} an excused "
                                "absence").format(letter=excused_letter()))
        self.model.retranslate()
        self._show_status()
        self.reload()  # the course and level names come in the new language

