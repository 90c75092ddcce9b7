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

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPen, QShowEvent
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
from db.session import Database
from desktop.i18n import _, format_date, format_percent
from desktop.services.access import Actor
from desktop.services.courses.labels import schedule_text
from desktop.services.courses.register import (
    Mark,
    MarkResult,
    Register,
    load_register,
    mark_attendance,
)
from desktop.services.messages import describe
from desktop.ui import operations
from desktop.ui.courses.register_model import (
    LOCKED,
    LOW,
    MARK_COLOURS,
    OUTDATED,
    REGISTER_TABLES,
    RULE,
    TOTAL_BACKGROUND,
    Action,
    Cell,
    Index,
    RegisterModel,
    excused_letter,
    glyph,
    key_name,
    toggled,
)
from desktop.ui.operations import Failure, Operation


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
            if self.isVisible():
                self.table.scrollTo(index)

    def showEvent(self, event: QShowEvent) -> None:
        # Scrolled while hidden (in a tab not yet shown), the header and the cells disagree
        # on where they are and Qt draws neither: scroll once there is a viewport to scroll.
        super().showEvent(event)
        if self.table.currentIndex().isValid():
            self.table.scrollTo(self.table.currentIndex())

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
