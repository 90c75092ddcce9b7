"""The Social services screen: the office's referrals to providers' services, in tabs (the
first, "Referrals"; others, such as the providers, are added to ``tabs``).

The Referrals tab shows one list at a time: the open referrals, those with no answer after
the center's number of days, or those completed this month, each for every provider or
one. Before it is read, when the screen is first shown and on each refresh, the referrals
nobody answered get their follow-up (``chase_unanswered``, a write: quiet when it works).
A referral's client file opens with Enter, a double click or "Open client file"; its steps
are recorded with the dialogs the client file uses (``step_dialogs``). Any write touching
the referrals reads the list again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from db.changes import Changes
from db.models import ReferralStatus
from db.session import Database
from desktop.i18n import N_, NC_, _, format_number, ngettext
from desktop.services.access import Actor, Permission
from desktop.services.social.chasing import chase_unanswered
from desktop.services.social.lists import (
    ProviderCount,
    ReferralLine,
    ReferralList,
    Selection,
    referral_list,
)
from desktop.ui.admin.common import Column, ListTab, show_message
from desktop.ui.fitting import fit_to_items
from desktop.ui.operations import Failure, Operation
from desktop.ui.social.rooms_tab import RoomsTab
from desktop.ui.social.step_dialogs import (
    SHORT,
    StepButtons,
    StepDialog,
    day_text,
    expected_text,
    install_model,
    money_text,
    open_step,
    status_text,
)

__all__ = ["LISTS", "ReferralsTab", "SocialServicesScreen"]

LISTS = (Selection.OPEN, Selection.OVERDUE, Selection.COMPLETED)  # in the list choice's order
# The columns' bounds (px; the last, the caseworker, takes the room left).
WIDTHS = (140, 130, 140, 90, 80, 65, 80, 80, 95)
DEFAULT_DAYS = 14  # said in the list choice until the center's number has been read


def waited_text(days: int) -> str:
    return ngettext("{count} day", "{count} days", days).format(count=format_number(days))


class ReferralsTab(ListTab[ReferralLine]):
    tables = ("referral",)
    open_client = Signal(object)  # person id

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        columns = self._columns()
        super().__init__(columns, parent)
        self.database, self.actor = database, actor
        self.today: date | None = None  # None: the clock's; tests pin it
        self.started = False  # first shown: chased and read
        self.chasing = False
        self.read = False  # a list has come in (tests wait on it)
        self.days: int | None = None
        self.total = 0
        self.providers: list[ProviderCount] = []
        self._chase_problem = ""
        self.model = install_model(self, columns, WIDTHS)

        self.choice = QComboBox(self)
        self.provider = QComboBox(self)
        fit_to_items(self.choice, self.provider)  # the providers come with the first list
        self.shown = QLabel(self)
        self.shown.hide()
        self.choice_label, self.provider_label = QLabel(self), QLabel(self)
        self.choice_label.setBuddy(self.choice)
        self.provider_label.setBuddy(self.provider)
        filters = QHBoxLayout()
        for widget in (self.choice_label, self.choice, self.provider_label, self.provider):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.shown)
        self.layout().insertLayout(0, filters)  # type: ignore[union-attr]

        self.open_button = self.button(self.open_selected)
        self.steps = StepButtons(self, self.open_step)
        self.buttons.addStretch(1)
        self.refresh_button = self.button(self.refresh)
        self.empty = QLabel(self)
        self.empty.hide()
        self.layout().insertWidget(3, self.empty)  # type: ignore[union-attr]

        self._fill_choice()
        self._fill_providers([])
        self.choice.currentIndexChanged.connect(lambda _index: self._filter_changed())
        self.provider.currentIndexChanged.connect(lambda _index: self._filter_changed())
        self.table.activated.connect(lambda _index: self.open_selected())  # Enter, double click
        self.shortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self.refresh)
        self.retranslate()

    def _columns(self) -> Sequence[Column]:
        return (
            (N_("Client"), lambda line: line.row.client),
            (N_("Service"), lambda line: line.row.service),
            (N_("Provider"), lambda line: line.row.provider),
            (N_("Status"), lambda line: status_text(line.row.status)),
            (NC_("date column", "Referred"), lambda line: day_text(line.row.referred_on, SHORT)),
            (N_("Waited"), lambda line: waited_text(line.waited(self.day()))),
            (N_("Answer expected by"), lambda line: expected_text(line, SHORT)),
            (N_("Closed on"), lambda line: day_text(line.row.closed_on, SHORT)),
            (N_("Amount"), lambda line: money_text(line.row.amount)),
            (N_("Caseworker"), lambda line: line.row.caseworker),
        )

    def day(self) -> date:
        return self.today or date.today()

    # ---- reading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.started:
            self.started = True
            self.refresh()

    def refresh(self) -> None:
        """Raise the follow-ups of the referrals nobody answered, then read the list."""
        if self.chasing:
            return
        self.chasing = True
        self.refresh_button.setEnabled(False)
        database, actor, today = self.database, self.actor, self.today
        Operation(self, lambda: chase_unanswered(database, actor, today=today), writes=True,
                  name="chase unanswered referrals") \
            .done(lambda _count: self._chased("")) \
            .failed(lambda failure: self._chased(failure.message)).run()

    def _chased(self, problem: str) -> None:
        self.chasing = False
        self.refresh_button.setEnabled(True)
        self._chase_problem = problem
        self.reload()

    def selection(self) -> Selection:
        return LISTS[max(self.choice.currentIndex(), 0)]

    def provider_id(self) -> uuid.UUID | None:
        return self.provider.currentData() if self.provider.currentIndex() > 0 else None

    def reader(self) -> Callable[[], ReferralList]:  # type: ignore[override]
        database, actor, today = self.database, self.actor, self.today
        selection, provider_id = self.selection(), self.provider_id()
        return lambda: referral_list(database, actor, selection, provider_id=provider_id,
                                     today=today)

    def _filter_changed(self) -> None:
        if self.started:
            self.reload()

    def _changed(self, changes: Changes) -> None:
        if self.started and changes.touches(*self.tables):
            self.reload()

    def _show_rows(self, found: ReferralList) -> None:  # type: ignore[override]
        self.days, self.total, self.providers = found.days, found.total, found.providers
        self._fill_choice()
        self._fill_providers(found.providers)
        super()._show_rows(found.lines)
        self.read = True
        self.empty.setVisible(not found.lines)
        self._show_count()
        if self._chase_problem:
            show_message(self.message, self._chase_problem)

    def _unread(self, failure: Failure) -> None:
        super()._unread(failure)
        self.read = True

    def _show_count(self) -> None:
        shown = len(self.model.rows)
        self.shown.setText(_("Showing {shown} of {total}").format(
            shown=format_number(shown), total=format_number(self.total)))
        self.shown.setVisible(self.total > shown)

    def _fill_choice(self) -> None:
        days = self.days if self.days is not None else DEFAULT_DAYS
        texts = (_("Open referrals"),
                 ngettext("No answer after {days} day", "No answer after {days} days",
                          days).format(days=format_number(days)),
                 _("Completed this month"))
        blocked = self.choice.blockSignals(True)
        if self.choice.count() != len(texts):
            self.choice.clear()
            self.choice.addItems(list(texts))
        for index, text in enumerate(texts):
            self.choice.setItemText(index, text)
        self.choice.blockSignals(blocked)

    def _fill_providers(self, providers: list[ProviderCount]) -> None:
        """"All providers", then each with an open referral (the busiest first). The one
        chosen stays, even once it has none open (the completed list may still show it)."""
        chosen = self.provider_id()
        chosen_name = self.provider.currentText().rsplit(" (", 1)[0] if chosen else ""
        blocked = self.provider.blockSignals(True)
        self.provider.clear()
        self.provider.addItem(_("All providers"), None)
        for count in providers:
            if count.provider_id is None:
                continue  # referrals with no provider named: the list cannot pick them out
            self.provider.addItem(_("{provider} ({count})").format(
                provider=count.name, count=format_number(count.open)), count.provider_id)
        if chosen is not None and self.provider.findData(chosen) < 0:
            self.provider.addItem(_("{provider} ({count})").format(
                provider=chosen_name, count=format_number(0)), chosen)
        self.provider.setCurrentIndex(max(self.provider.findData(chosen), 0)
                                      if chosen is not None else 0)
        self.provider.blockSignals(blocked)

    # ---- acting ---------------------------------------------------------------------------

    def may_work(self) -> bool:
        return self.actor.can(Permission.WORK_WITH_CLIENTS)

    def update_buttons(self) -> None:
        line = self.selected()
        self.open_button.setEnabled(line is not None)
        self.steps.update(line, self.may_work())

    def open_selected(self) -> None:
        line = self.selected()
        if line is not None:
            self.open_client.emit(line.row.person_id)

    def open_step(self, step: ReferralStatus) -> StepDialog | None:
        return open_step(self, step)

    # ---- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.choice_label.setText(_("&Show:"))
        self.provider_label.setText(_("&Provider:"))
        self.choice.setAccessibleName(_("Which referrals"))
        self.provider.setAccessibleName(_("Provider"))
        self._fill_choice()
        self._fill_providers(self.providers)
        self.open_button.setText(_("&Open client file"))
        self.open_button.setToolTip(_("The chosen referral's client file, at its Social "
                                      "services tab (Enter, or a double click)"))
        self.steps.retranslate()
        self.refresh_button.setText(_("Refresh"))
        self.refresh_button.setToolTip(_("Raise the follow-ups of the referrals nobody "
                                         "answered in time, and read the list again (F5)"))
        self.empty.setText(_("No referral in this list."))
        self.table.setAccessibleName(_("Referrals"))
        self.model.retranslate()
        if self.read:
            self._show_count()
        self.update_buttons()
        if self.dialog is not None:
            self.dialog.retranslate()
        if self.started:
            self.reload()  # service and provider names in the new language


class SocialServicesScreen(QWidget):
    open_client = Signal(object)  # person id: a referral's client file

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SocialServicesScreen")
        self.referrals = ReferralsTab(database, actor, self)
        self.referrals.today = today  # None: the clock's; tests pin it
        self.referrals.open_client.connect(self.open_client)
        self.rooms = RoomsTab(database, actor, self)
        self.rooms.today = today
        self.rooms.open_client.connect(self.open_client)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.referrals, "")
        self.tabs.addTab(self.rooms, "")
        # What another computer changed shows when a tab is shown again.
        self.tabs.currentChanged.connect(
            lambda index: self.rooms.reload() if self.tabs.widget(index) is self.rooms else None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.referrals), _("&Referrals"))
        self.tabs.setTabText(self.tabs.indexOf(self.rooms), _("Roo&ms"))
        self.tabs.setAccessibleName(_("Social services"))
        self.referrals.retranslate()
        self.rooms.retranslate()
