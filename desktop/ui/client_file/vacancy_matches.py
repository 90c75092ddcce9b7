""""Find vacancies" for one client: the open vacancies with a place left, the best fit first,
each with what fits and what falls short (``matching.match_vacancies``).

Two uses: referring the client (``refer_to_vacancy``; the dialog stays open, so a second
vacancy can be chosen, and says who was referred where), and choosing the vacancy of a
job referral made at a consultation without one (``choose_vacancy``; the dialog closes
once it is chosen). The list is read off the GUI thread, "Finding vacancies…" shown
meanwhile; a refusal (the vacancy closed or filled meanwhile, no open case) is said
under the list, which is read again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from db.session import Database
from desktop.i18n import N_, _, format_money, format_number, ngettext, pgettext
from desktop.services.access import Actor
from desktop.services.client_file import Urgency
from desktop.services.employment import matching, referrals
from desktop.services.employment.matching import Reason, VacancyMatch
from desktop.services.employment.messages import reason_text
from desktop.ui.admin.common import FormDialog, show_message
from desktop.ui.client_file.lists import RecordTable
from desktop.ui.fitting import widest_word, wrap_titles
from desktop.ui.operations import Failure, Operation

COLUMNS = (N_("Position"), N_("Employer"), N_("Place"), N_("Monthly wage"), N_("Places left"),
           N_("What fits"), N_("What falls short"))
FITS, SHORT = 5, 6
# The widest each column grows (px): the reasons get the room, longer names wrap.
WIDTHS = (190, 180, 170, 110, 120, 280)
SHORT_COLOUR = QColor("#8a5300")  # the warning colour of the file's lists
# Markers that say in text what the colour says: met, a requirement unmet, a wish unmet.
MET, UNMET, UNWISHED = "✓", "✗", "–"
OUTCOME_STYLE = "font-weight: bold;"
MIN_LAST = 60  # px: the last column's width before it stretches over the room left
STATE_STYLE = "color: #5f6368;"


class FittedTable(RecordTable):
    """A record table whose columns grow no wider than ``widths`` (longer texts wrap) and
    whose last column takes the room left, so that it fits the window in every language;
    its rows take the height their wrapped lines need, also once the window is resized."""

    def __init__(self, columns: Sequence[str], widths: Sequence[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.widths = widths
        wrap_titles(self)

    def set_rows(self, rows: Sequence[tuple[Any, Sequence[str], Urgency]]) -> None:
        super().set_rows(rows)
        for column, widest in enumerate(self.widths):
            # Wrapped, but never within a word (of a title or a cell).
            self.setColumnWidth(column, max(min(self.columnWidth(column), widest),
                                            widest_word(self, column)))
        # Narrow, then stretched over what is left (the header's last section fills it).
        self.setColumnWidth(self.columnCount() - 1, MIN_LAST)
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()  # tens of rows: cheap


def _line(reason: Reason) -> str:
    marker = MET if reason.met else UNMET if reason.required else UNWISHED
    return f"{marker} {reason_text(reason)}"


def match_cells(found: VacancyMatch, referred: str | None) -> list[str]:
    vacancy = found.vacancy
    title = vacancy.title
    if referred:
        title += "\n" + _("Already referred: {status}").format(status=referred)
    place = ", ".join(dict.fromkeys(p for p in (vacancy.locality, vacancy.region) if p))
    fits = "\n".join(_line(r) for r in found.reasons if r.met)
    short = "\n".join(_line(r) for r in sorted(found.reasons, key=lambda r: not r.required)
                      if not r.met)
    return [title, vacancy.employer, place,
            format_money(vacancy.monthly_wage) if vacancy.monthly_wage else "",
            format_number(vacancy.places_left), fits, short]


class VacancyMatchesDialog(FormDialog):
    """The ranked vacancies for the client; OK refers them to the one chosen (or, given a
    ``referral`` (id, version), makes it that referral's vacancy).

    ``under_way`` maps a vacancy's id to the status of the client's referral to it still
    under way: such a vacancy is shown, greyed, and not offered again."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID, name: str,
                 parent: QWidget | None = None, *,
                 referral: tuple[uuid.UUID, int] | None = None,
                 under_way: dict[uuid.UUID, str] | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.person_id, self.name = database, actor, person_id, name
        self.referral, self.today = referral, today
        self.under_way = dict(under_way or {})
        self.setMinimumSize(1180, 520)
        self.summary = self.add_summary()
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setStyleSheet(STATE_STYLE)
        self.table = FittedTable(COLUMNS, WIDTHS, self)
        self.table.setMinimumHeight(260)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)  # titles and names are data
        self.outcome.setStyleSheet(OUTCOME_STYLE)
        self.outcome.hide()
        layout = self.layout()
        assert layout is not None
        layout.insertWidget(1, self.state)  # type: ignore[attr-defined]
        layout.insertWidget(2, self.table, 1)  # type: ignore[attr-defined]
        layout.insertWidget(4, self.outcome)  # type: ignore[attr-defined]
        self.matches: list[VacancyMatch] = []
        self.referred: list[uuid.UUID] = []  # the referrals made here
        self.was_refused = False  # a refusal: the file is read again once the dialog closes
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.chain_focus([self.table])
        self.table.setFocus()
        self.retranslate()
        self.load()


    def close_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)


    # ---- the list -------------------------------------------------------------------------

    def load(self) -> None:
        database, actor, person_id = self.database, self.actor, self.person_id
        self.loading = True
        self._show_state()
        Operation(self, lambda: matching.match_vacancies(database, actor, person_id),
                  name="vacancy matches").superseding((id(self), "matches")) \
            .done(self._show_matches).failed(self._unread).run()

    def _show_matches(self, matches: list[VacancyMatch]) -> None:
        self.loading = False
        self.matches = matches
        self._fill()

    def _unread(self, failure: Failure) -> None:
        self.loading = False
        self._show_state()
        show_message(self.message, failure.message)

    def _fill(self) -> None:
        chosen = self.table.current_key()
        blocked = self.table.blockSignals(True)
        self.table.set_rows([(m.vacancy.id, match_cells(m, self.under_way.get(m.vacancy.id)),
                              Urgency.NONE) for m in self.matches])
        for row, found in enumerate(self.matches):
            if found.vacancy.id in self.under_way:
                for column in range(self.table.columnCount()):
                    item = self.table.item(row, column)
                    if item is not None:  # greyed and not to be chosen
                        item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsSelectable
                                                       | Qt.ItemFlag.ItemIsEnabled))
            elif found.vacancy.id == chosen:
                self.table.selectRow(row)
            if found.shortfalls:
                item = self.table.item(row, SHORT)
                if item is not None:
                    item.setForeground(QBrush(SHORT_COLOUR))
        self.table.resizeRowsToContents()  # the flags changed nothing, the colours neither
        self.table.blockSignals(blocked)
        self._show_state()
        self._chosen_changed()

    def _show_state(self) -> None:
        if self.loading:
            text = _("Finding vacancies…")
        elif not self.matches:
            text = _("No open vacancy with a place left fits {name}: none asks for their "
                     "profession, nor is in a sector or region they look for.").format(
                name=self.name)
        else:
            text = ngettext("{count} vacancy. {met} fits, {unmet} is a requirement the "
                            "client falls short of, {unwished} a wish the vacancy does not "
                            "meet.",
                            "{count} vacancies, the best fit first. {met} fits, {unmet} is a "
                            "requirement the client falls short of, {unwished} a wish the "
                            "vacancy does not meet.", len(self.matches)).format(
                count=format_number(len(self.matches)), met=MET, unmet=UNMET,
                unwished=UNWISHED)
        self.state.setText(text)
        self.table.setVisible(bool(self.matches) or self.loading)
        self.table.setEnabled(not self.loading)

    def row_of(self, vacancy_id: uuid.UUID) -> int:
        return next(i for i, m in enumerate(self.matches) if m.vacancy.id == vacancy_id)

    def choose(self, vacancy_id: uuid.UUID) -> None:
        self.table.selectRow(self.row_of(vacancy_id))

    def chosen(self) -> VacancyMatch | None:
        key = self.table.current_key()
        return next((m for m in self.matches
                     if m.vacancy.id == key and key not in self.under_way), None)

    def _chosen_changed(self) -> None:
        self.ok_button().setEnabled(self.chosen() is not None and not self.writing
                                    and not self.loading)

    # ---- referring ------------------------------------------------------------------------

    def save(self) -> None:
        if self.writing:
            return
        chosen = self.chosen()
        if chosen is None:
            show_message(self.message, _("Choose a vacancy from the list."))
            return
        show_message(self.message, "")
        self.outcome.hide()
        database, actor, today = self.database, self.actor, self.today
        vacancy = chosen.vacancy
        if self.referral is not None:
            referral_id, version = self.referral

            def choose() -> uuid.UUID:
                referrals.choose_vacancy(database, actor, referral_id, version, vacancy.id)
                return referral_id

            self._busy(True)
            Operation(self, choose, writes=True, name="choose the vacancy") \
                .done(self._saved).failed(self._refused).run()
            return
        person_id = self.person_id
        self._busy(True)
        Operation(self, lambda: referrals.refer_to_vacancy(database, actor, person_id,
                                                           vacancy.id, today=today),
                  writes=True, name="refer to a vacancy") \
            .done(lambda referral_id: self._referred(referral_id, chosen)) \
            .failed(self._refused).run()

    def _referred(self, referral_id: uuid.UUID, chosen: VacancyMatch) -> None:
        self._busy(False)
        self.saved_id = referral_id
        self.referred.append(referral_id)
        self.under_way[chosen.vacancy.id] = pgettext("status", "Referred")
        self.outcome.setText(_("{name} is referred to {title} at {employer}. Record the "
                               "interview or the outcome on the Employment tab.").format(
            name=self.name, title=chosen.vacancy.title, employer=chosen.vacancy.employer))
        self.outcome.show()
        self.table.clearSelection()  # that vacancy is taken: OK waits for another choice
        self.close_button().setText(_("Close"))
        self._fill()

    def _refused(self, failure: Failure) -> None:
        super()._refused(failure)
        self.was_refused = True
        self.load()  # the list may have changed meanwhile (a vacancy closed, filled...)

    def _busy(self, busy: bool) -> None:
        super()._busy(busy)
        self._chosen_changed()

    # ---- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        if self.referral is None:
            self.setWindowTitle(_("Find vacancies"))
            self.summary.setText(_("Open vacancies with a place left, the best fit for {name} "
                                   "first. Choose one to refer the client to.").format(
                name=self.name))
            self.ok_button().setText(_("&Refer"))
        else:
            self.setWindowTitle(_("Choose the vacancy"))
            self.summary.setText(_("The referral of {name} made at a consultation waits for "
                                   "its vacancy: choose it, the best fit first.").format(
                name=self.name))
            self.ok_button().setText(_("&Choose this vacancy"))
        self.close_button().setText(_("Close") if self.referred else _("Cancel"))
        self.table.retranslate()
        self.table.setAccessibleName(_("Vacancies"))
        self._show_state()
        if self.matches:
            self._fill()  # numbers and money in the new language at once
            self.load()  # and the reasons' labels, which come from the data
