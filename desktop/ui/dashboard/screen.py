"""The dashboard: the manager's first screen.

This month so far, each figure beside the same days of last month, over a sparkline of
the last 12 months; the 12 months as a table; overdue follow-ups by caseworker and the
documents running out. Every figure is a button or a cell: clicked, it lists the clients
behind it (``ClientsDialog``), whose files open from there. Everything is read through the
operation runner; a write anywhere that touches what it counts reads it again (at once
when the screen is in view, when it next comes into view otherwise), as do Refresh (F5)
and the office chosen.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from db.changes import Changes
from db.session import Database
from desktop.i18n import (
    N_,
    _,
    format_date,
    format_datetime,
    format_month,
    format_number,
    ngettext,
)
from desktop.services.access import Actor
from desktop.services.dashboard import (
    FIGURES,
    MONTHS,
    Behind,
    Dashboard,
    OverdueLine,
    load_dashboard,
)
from desktop.ui import operations
from desktop.ui.dashboard.clients_dialog import ClientsDialog
from desktop.ui.dashboard.months import MonthsModel, MonthsView
from desktop.ui.dashboard.tiles import FigureTile
from desktop.ui.fitting import fit_to_items
from desktop.ui.operations import Failure, Operation
from desktop.ui.today.model import Column, WorkModel

FIGURE_TITLES = {
    "new": N_("New intakes"),
    "consultations": N_("Consultations"),
    "enrolments": N_("Enrolled in language courses"),
    "placements": N_("Job placements"),
    "referrals_completed": N_("Social-service referrals completed"),
    "active": N_("Active cases"),
}
# The tab of the client file each figure's clients open at.
FILE_TABS = {"new": "profile", "consultations": "consultations", "enrolments": "services",
             "placements": "employment", "referrals_completed": "social",
             "active": "case_plan", "overdue": "follow_ups", "documents": "documents"}
# A write to any of these may change a figure or a name shown.
DASHBOARD_TABLES = ("client_case", "consultation", "course_enrolment", "course_group",
                    "placement", "referral", "follow_up", "document", "person", "app_user",
                    "office")
STALE_AFTER_S = 60  # back in view after this long, it is read again (the clock moves on)
CHANGE_DELAY_MS = 400  # writes in a burst (an import, a merge) are read once
TILE_COLUMNS = 3
OVERDUE_ROWS = 15  # caseworkers shown before their list scrolls


def _not_assigned(line: OverdueLine) -> str:
    return line.caseworker or _("Not assigned")


OVERDUE_COLUMNS = (
    Column(N_("Caseworker"), _not_assigned),
    Column(N_("Office"), lambda line: line.office_code),
    Column(N_("Overdue"), lambda line: format_number(line.count)),
    Column(N_("Oldest due date"), lambda line: format_date(line.oldest_due)),
)


def _bold(label: QLabel, scale: float = 1.1) -> QLabel:
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class DashboardScreen(QWidget):
    open_client = Signal(object, str)  # person id, tab of the client file
    loaded = Signal()  # the figures shown are fresh (or the reading failed)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: datetime | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DashboardScreen")
        self.database = database
        self.actor = actor
        self.fixed_now = now  # tests pin the moment; otherwise the clock's at each reading
        self.board: Dashboard | None = None
        self.loading = False
        self.stale = True  # to be read when next in view
        self.error = ""
        self._loaded_at = 0.0
        self.dialog: ClientsDialog | None = None  # the list open, for tests
        self.office_ids: list[uuid.UUID | None] = [None]

        self.heading = _bold(QLabel(self), 1.4)
        self.as_of = QLabel(self)
        self.office_label = QLabel(self)
        self.office = QComboBox(self)
        fit_to_items(self.office)  # the offices come with the first figures
        self.office.addItem("")
        self.office_label.setBuddy(self.office)
        if actor.office_scope is not None:  # one office's figures only: nothing to choose
            self.office_label.hide()
            self.office.hide()
        self.refresh_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.month_title = _bold(QLabel(self))
        self.month_note = QLabel(self)
        self.month_note.setWordWrap(True)
        self.tiles = {key: FigureTile(key, self) for key in FIGURES}
        tiles = QGridLayout()
        tiles.setSpacing(10)
        for n, key in enumerate(FIGURES):
            tile = self.tiles[key]
            tiles.addWidget(tile, n // TILE_COLUMNS, n % TILE_COLUMNS)
            tile.clicked.connect(lambda _checked=False, k=key: self.show_clients(k))
            tile.compared.clicked.connect(
                lambda _checked=False, k=key: self.show_clients(k, -1))
        for column in range(TILE_COLUMNS):
            tiles.setColumnStretch(column, 1)

        self.months_title = _bold(QLabel(self))
        self.months_model = MonthsModel(FIGURE_TITLES, self)
        self.months_view = MonthsView(self.months_model, self)
        self.months_view.chosen.connect(self.show_clients)

        self.overdue_title = _bold(QLabel(self))
        self.overdue_model = WorkModel(OVERDUE_COLUMNS, parent=self)
        self.overdue_view = QTableView(self)
        self.overdue_view.setModel(self.overdue_model)
        self.overdue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.overdue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.overdue_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue_view.setAlternatingRowColors(True)
        self.overdue_view.setTabKeyNavigation(False)
        self.overdue_view.setWordWrap(False)
        self.overdue_view.verticalHeader().setVisible(False)
        self.overdue_view.setCursor(Qt.CursorShape.PointingHandCursor)
        overdue_header = self.overdue_view.horizontalHeader()
        overdue_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        overdue_header.setStretchLastSection(True)
        self.overdue_view.clicked.connect(self._overdue_chosen)
        self.overdue_view.activated.connect(self._overdue_chosen)
        self.documents_button = QPushButton(self)
        self.documents_button.setObjectName("documents_expiring")
        self.documents_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.documents_button.clicked.connect(self.show_documents)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.as_of, 1)
        top.addWidget(self.office_label)
        top.addWidget(self.office)
        top.addWidget(self.refresh_button)

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 8, 0)
        body.addWidget(self.month_title)
        body.addWidget(self.month_note)
        body.addLayout(tiles)
        body.addSpacing(12)
        body.addWidget(self.months_title)
        body.addWidget(self.months_view)
        body.addSpacing(12)
        work = QHBoxLayout()
        work.addWidget(self.overdue_title, 1)
        work.addWidget(self.documents_button)
        body.addLayout(work)
        body.addWidget(self.overdue_view)
        body.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)

        self.office.currentIndexChanged.connect(lambda _index: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_shortcut = QShortcut(QKeySequence.StandardKey.Refresh, self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_shortcut.activated.connect(self.refresh)
        self.change_timer = QTimer(self)
        self.change_timer.setSingleShot(True)
        self.change_timer.setInterval(CHANGE_DELAY_MS)
        self.change_timer.timeout.connect(self.refresh)
        operations.hub().changed.connect(self.on_changes)
        self._set_texts()

    # ---- reading ----------------------------------------------------------------------------

    def office_id(self) -> uuid.UUID | None:
        index = self.office.currentIndex()
        return self.office_ids[index] if 0 <= index < len(self.office_ids) else None

    def choose_office(self, office_id: uuid.UUID | None) -> None:
        """Show that office's figures (None: every office's), as the choice does."""
        self.office.setCurrentIndex(self.office_ids.index(office_id))

    def refresh(self) -> Operation[Dashboard]:
        """Read the figures again off the GUI thread; a reading under way is superseded."""
        database, actor, office, now = self.database, self.actor, self.office_id(), \
            self.fixed_now
        self.change_timer.stop()
        self.loading = True
        self.stale = False
        self.error = ""
        self._set_status()
        return Operation(self, lambda: load_dashboard(database, actor, office, now=now),
                         name="dashboard").superseding((id(self), "load")) \
            .done(self._loaded).failed(self._failed).run()

    def on_changes(self, changes: Changes) -> None:
        if not changes.touches(*DASHBOARD_TABLES):
            return
        if self.isVisible():
            self.change_timer.start()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loading and (self.stale
                                 or time.monotonic() - self._loaded_at > STALE_AFTER_S):
            self.refresh()

    def _loaded(self, board: Dashboard) -> None:
        self.loading = False
        self._loaded_at = time.monotonic()
        self.board = board
        self._fill_offices(board)
        self._show_board()
        self._set_status()
        self.loaded.emit()

    def _failed(self, failure: Failure) -> None:
        self.loading = False
        self.error = failure.message
        self._set_status()
        self.loaded.emit()

    def _fill_offices(self, board: Dashboard) -> None:
        """The offices to choose from, named in the language they were read in."""
        self.office.blockSignals(True)
        for n, choice in enumerate(board.offices, 1):
            # A name that already says its code ("Петропавл — PET") is not told it twice.
            says_code = re.search(rf"\b{re.escape(choice.code)}\b", choice.name)
            text = choice.name if says_code else (
                f"{choice.code} — {choice.name}" if choice.name else choice.code)
            if n < len(self.office_ids):
                self.office.setItemText(n, text)
            else:
                self.office_ids.append(choice.id)
                self.office.addItem(text)
        self.office.blockSignals(False)

    # ---- showing ----------------------------------------------------------------------------

    def _show_board(self) -> None:
        board = self.board
        if board is None:
            for key, tile in self.tiles.items():
                tile.show_title(_(FIGURE_TITLES[key]))
            return
        this, before = board.this_month, board.same_days_last_month
        for figure in board.figures:
            title = _(FIGURE_TITLES[figure.key])
            self.tiles[figure.key].show_figure(
                title, figure.value, figure.same_days_last_month, figure.months,
                self._hint(title, this.first, this.last, figure.value))
        self.as_of.setText(_("As of {moment}").format(moment=format_datetime(board.as_of)))
        self.month_title.setText(_("This month so far: {month}").format(
            month=format_month(this.first)))
        self.month_note.setText(
            _("From {first} to {last}, beside the same days of last month ({before_first} – "
              "{before_last}). Click a figure to list its clients.").format(
                first=format_date(this.first), last=format_date(this.last),
                before_first=format_date(before.first), before_last=format_date(before.last)))
        self.months_model.show(board)
        self.overdue_model.set_lines(board.overdue)
        view = self.overdue_view
        view.resizeColumnsToContents()
        for column in range(len(OVERDUE_COLUMNS) - 1):
            view.setColumnWidth(column, min(max(view.columnWidth(column), 90), 320))
        # Every caseworker without a scroll bar of its own, up to a screenful: the page scrolls.
        shown = max(3, min(len(board.overdue), OVERDUE_ROWS))
        view.setFixedHeight(view.horizontalHeader().sizeHint().height()
                            + shown * view.verticalHeader().defaultSectionSize()
                            + 2 * view.frameWidth())
        self._set_counts()

    @staticmethod
    def _hint(title: str, first: Any, last: Any, value: int) -> str:
        return _("{figure}, {first} – {last}: {count}. Click to list the clients.").format(
            figure=title, first=format_date(first), last=format_date(last),
            count=format_number(value))

    def _set_counts(self) -> None:
        board = self.board
        if board is None:
            self.overdue_title.setText(_("Overdue follow-ups by caseworker"))
            self.documents_button.setText(_("Documents expiring"))
            return
        self.overdue_title.setText(ngettext(
            "{count} overdue follow-up, by caseworker", "{count} overdue follow-ups, by caseworker",
            board.overdue_total).format(count=format_number(board.overdue_total)))
        self.documents_button.setText(ngettext(
            "{count} document expiring within {days} days",
            "{count} documents expiring within {days} days", board.documents_expiring).format(
                count=format_number(board.documents_expiring),
                days=format_number(board.document_days)))
        self.documents_button.setToolTip(_("Click to list the clients whose documents run "
                                            "out"))

    # ---- the clients behind a figure --------------------------------------------------------

    def show_clients(self, key: str, month: int = MONTHS - 1) -> ClientsDialog | None:
        """The clients behind a month figure: this month's (a tile), another month's (a
        cell of the table), or the same days of last month's (``month`` -1)."""
        board = self.board
        if board is None:
            return None
        behind = board.behind(key, month)
        figure = board.figure(key)
        value = figure.same_days_last_month if month == -1 else figure.months[month]
        period = behind.period
        assert period is not None
        office = board.office_name

        def title() -> str:
            text = _("{figure}, {first} – {last}").format(
                figure=_(FIGURE_TITLES[key]), first=format_date(period.first),
                last=format_date(period.last))
            return _("{title} · {office}").format(title=text, office=office) if office else text

        return self._open(behind, title, value)

    def show_overdue(self, line: OverdueLine) -> ClientsDialog | None:
        board = self.board
        if board is None:
            return None

        def title() -> str:
            if line.assignee_id is None:
                return _("Overdue follow-ups nobody is assigned")
            return _("Overdue follow-ups of {name}").format(name=line.caseworker)

        return self._open(board.behind_overdue(line), title, line.count)

    def show_documents(self) -> ClientsDialog | None:
        board = self.board
        if board is None:
            return None
        days = board.document_days

        def title() -> str:
            return ngettext("Documents expiring within {days} day",
                            "Documents expiring within {days} days", days).format(
                days=format_number(days))

        return self._open(board.behind_documents(), title, board.documents_expiring)

    def _overdue_chosen(self, index: Any) -> None:
        line = self.overdue_model.line(index.row()) if index.isValid() else None
        if line is not None:
            self.show_overdue(line)

    def _open(self, behind: Behind, title: Callable[[], str], value: int) -> ClientsDialog:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.close()  # one list at a time: the newest asked for

        def counted(clients: int) -> str:
            text = ngettext("{count} client", "{count} clients", clients).format(
                count=format_number(clients))
            if clients != value:
                text += " " + _("(the figure counts {count}: a client may be counted more "
                                "than once)").format(count=format_number(value))
            return text

        dialog = ClientsDialog(self.database, self.actor, behind, title, counted, self)
        tab = FILE_TABS.get(behind.figure, "profile")
        dialog.open_client.connect(lambda person_id: self.open_client.emit(person_id, tab))
        dialog.destroyed.connect(lambda _object=None, d=dialog: self._dialog_gone(d))
        self.dialog = dialog
        dialog.show()
        return dialog

    def _dialog_gone(self, dialog: ClientsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # ---- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._set_texts()
        self.months_model.retranslate()
        self.overdue_model.retranslate()
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.retranslate()
        if self.board is not None:  # office names come in the new language
            if self.isVisible():
                self.refresh()
            else:
                self.stale = True

    def _set_texts(self) -> None:
        self.heading.setText(_("Dashboard"))
        self.office_label.setText(_("&Office:"))
        self.office.setItemText(0, _("All offices"))
        self.office.setAccessibleName(_("Office"))
        self.refresh_button.setText(_("Refresh"))
        self.refresh_button.setToolTip(_("Read the figures again (F5)"))
        self.months_title.setText(_("The last 12 months"))
        self.months_view.setAccessibleName(_("The last 12 months"))
        self.months_view.setToolTip(_("Click a number to list the clients behind it"))
        self.overdue_view.setAccessibleName(_("Overdue follow-ups by caseworker"))
        self.overdue_view.setToolTip(_("Click a caseworker to list the clients whose "
                                       "follow-ups are overdue"))
        if self.board is None:
            self.month_title.setText(_("This month so far"))
            self.month_note.setText("")
            self.as_of.setText("")
        self._show_board()
        self._set_counts()
        self._set_status()

    def _set_status(self) -> None:
        if self.error:
            self.status.setText(self.error)
            self.status.setStyleSheet("color: #b00020;")
        else:
            self.status.setText(_("Loading…") if self.loading and self.board is None else "")
            self.status.setStyleSheet("")
        self.status.setVisible(bool(self.status.text()))
