"""The register as the grid shows it: the loaded register with the marks typed since laid
over it, the marks' glyphs and colours, and the keys' actions."""

from __future__ import annotations

import enum
import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QWidget,
)

from db.errors import StaleRecord
from db.models import EnrolmentStatus
from desktop.i18n import _, format_date, format_percent, ngettext, weekday_names
from desktop.services.client_file.labels import ENROLMENT_STATUS
from desktop.services.courses.errors import (
    MarkChanged,
    NoSuchEnrolment,
    NoSuchSession,
    SessionNotMarkable,
)
from desktop.services.courses.labels import rate_text
from desktop.services.courses.register import (
    MIN_SESSIONS,
    Mark,
    Register,
    RegisterLine,
    RegisterSession,
    rate,
)
from desktop.services.messages import describe

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
        # The same marks by participant and by session, and where each sits: the header
        # and the rates ask for them thousands of times while the grid is laid out.
        self._by_line: dict[uuid.UUID, dict[uuid.UUID, Mark]] = {}
        self._by_session: dict[uuid.UUID, dict[uuid.UUID, Mark]] = {}
        self._rows: dict[uuid.UUID, int] = {}
        self._columns: dict[uuid.UUID, int] = {}
        self.line_rates: dict[uuid.UUID, float | None] = {}
        self.session_rates: dict[uuid.UUID, float | None] = {}

    def set_register(self, register: Register, typed: dict[Cell, Mark | None]) -> None:
        self.beginResetModel()
        self.register = register
        self.lines, self.sessions = list(register.lines), list(register.sessions)
        self._rows = {line.enrolment_id: row for row, line in enumerate(self.lines)}
        self._columns = {meeting.id: column for column, meeting in enumerate(self.sessions)}
        self.marks, self._by_line, self._by_session = {}, {}, {}
        for cell, mark in register.marks.items():
            self._put(cell, mark)
        for cell, mark in typed.items():
            self._put(cell, mark)
        self.line_rates = {line.enrolment_id: rate(self._marks_of(line.enrolment_id, 0))
                           for line in self.lines}
        self.session_rates = {s.id: rate(self._marks_of(s.id, 1)) for s in self.sessions}
        self.endResetModel()

    def _marks_of(self, key: uuid.UUID, position: int) -> list[Mark]:
        found = (self._by_line if position == 0 else self._by_session).get(key, {})
        return list(found.values())

    def _put(self, cell: Cell, mark: Mark | None) -> None:
        enrolment_id, session_id = cell
        line = self._by_line.setdefault(enrolment_id, {})
        meeting = self._by_session.setdefault(session_id, {})
        if mark is None:
            self.marks.pop(cell, None)
            line.pop(session_id, None)
            meeting.pop(enrolment_id, None)
        else:
            self.marks[cell] = line[session_id] = meeting[enrolment_id] = mark

    # ---- cells -------------------------------------------------------------------------------

    def cell(self, index: Index) -> tuple[RegisterLine, RegisterSession] | None:
        row, column = index.row(), index.column()
        if index.isValid() and row < len(self.lines) and column < len(self.sessions):
            return self.lines[row], self.sessions[column]
        return None

    def index_of(self, cell: Cell) -> QModelIndex:
        row, column = self._rows.get(cell[0]), self._columns.get(cell[1])
        if row is not None and column is not None:
            return self.index(row, column)
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
            return low_text(self.register.threshold, self.counted(line.enrolment_id))
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
                return rate_explained()
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
                parts.append(low_text(self.register.threshold, self.counted(line.enrolment_id)))
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
                return rate_explained()
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


def rate_explained() -> str:
    return _("Present ÷ (present + absent): an excused absence counts neither way.")


def low_text(threshold: int, counted: int) -> str:
    return ngettext("Attendance under {threshold} after {count} session",
                    "Attendance under {threshold} after {count} sessions", counted).format(
        threshold=format_percent(threshold / 100), count=counted)
