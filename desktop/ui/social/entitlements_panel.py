"""A client's state support under the regional quota: their household, the case's inclusion
in the quota, what each measure gives the household, and the applications with their
decisions and payments.

    EntitlementsPanel(database, actor, parent)
        ``set_person(person_id)`` shows that client; ``reload()`` reads again;
        ``retranslate()``; ``open_client`` (a person id) when a household member's name is
        clicked. It reads ``entitlements.household_entitlements`` off the GUI thread, and
        again whenever a write touches the household's entitlements, payments, case or
        links (the change hub). ``today`` None is the clock's day; tests pin it.

The dialogs, each a ``SocialDialog`` that stays open until its save succeeded: the quota
inclusion (``QuotaDialog``), an application (``ApplyDialog``, the amount prefilled with
the most the measure gives), a decision (``DecisionDialog``: granted with the amount, or
refused with the reason), a payment (``PaymentDialog``, prefilled with the balance) and a
withdrawal (``WithdrawDialog``). Each application button is enabled by the chosen
application's status: waiting for a decision, Decision and Withdraw; granted with a
balance left, Payment.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.changes import Changes
from db.session import Database
from desktop.i18n import N_, NC_, NUMERIC_DATE, _, format_date, format_money
from desktop.services.access import Actor, Permission
from desktop.services.reference import reference_choices
from desktop.services.social.entitlements import (
    FIRST_YEAR,
    Application,
    Decision,
    EntitlementLine,
    HouseholdEntitlements,
    Payment,
    RuleLine,
    apply_for,
    decide,
    household_entitlements,
    record_payment,
    set_quota,
    withdraw,
)
from desktop.services.social.errors import Field, Problem
from desktop.services.social.referrals import MAX_AMOUNT
from desktop.ui.admin.common import Column, ListTab, OptionalSpin, RowsModel, text_field
from desktop.ui.scroll_safe import ScrollSafeCombo
from desktop.ui.social.dialog import EARLIEST, HINT_STYLE, SocialDialog, texts_of
from desktop.ui.social.stay_dialogs import find_data

__all__ = ["STATUS", "ApplyDialog", "DecisionDialog", "EntitlementsPanel", "PaymentDialog",
           "QuotaDialog", "WithdrawDialog", "entitled_text", "status_text"]

STATUS = {"applied": NC_("status", "Applied"), "granted": NC_("status", "Granted"),
          "refused": NC_("status", "Refused"),
          "withdrawn": N_("Withdrawn")}
TABLES = ("entitlement", "entitlement_payment", "client_case", "household_link", "person")
AMOUNT_STEP = 1_000  # tenge: the arrows move by a sensible amount
SHORT = NUMERIC_DATE  # "25.11.2026", as everywhere
RULE, DAY, AMOUNT = Field.RULE.value, Field.DAY.value, Field.AMOUNT.value
NOTE, OUTCOME, YEAR, REGION = (Field.NOTE.value, Field.OUTCOME.value, Field.YEAR.value,
                               Field.REGION.value)
INCLUDED, DECISION = "included", "decision"
WRAPPED = {0: 170, 1: 220}  # px: the applicant's and the measure's columns at most


def status_text(code: str) -> str:
    return _(STATUS[code]) if code in STATUS else code


def money_text(amount: int | None) -> str:
    return format_money(amount) if amount is not None else ""


def day_text(day: date | None) -> str:
    return format_date(day, SHORT) if day is not None else ""


def entitled_text(rule: RuleLine) -> str:
    """"908,250 ₸", "777,000 ₸ – 1,554,000 ₸", or why it cannot be counted."""
    span = rule.entitled
    if span is None:
        return _("MRP of {year} missing").format(year=rule.missing_year)
    if span.low == span.high:
        return format_money(span.high)
    return _("{low} – {high}").format(low=format_money(span.low), high=format_money(span.high))


def live(rule: RuleLine) -> EntitlementLine | None:
    """The rule's application applied for or granted (one per household)."""
    return next((a for a in rule.applications if a.status in ("applied", "granted")), None)


def quota_text(found: HouseholdEntitlements) -> str:
    if found.case_id is None:
        return _("No case is opened for the client: the quota is recorded on a case.")
    if found.in_quota:
        return _("Included in the {year} quota for {region}").format(
            year=found.quota_year, region=found.quota_region or found.quota_region_code)
    return _("Not included in the regional quota")


def totals_text(found: HouseholdEntitlements) -> str:
    return _("Granted {granted}, paid {paid}, balance {balance}").format(
        granted=format_money(found.granted), paid=format_money(found.paid),
        balance=format_money(found.balance))


def _amount_field(dialog: SocialDialog, value: int | None) -> tuple[QWidget, OptionalSpin, QLabel]:
    """A sum in tenge, with the sum written out beside it as money."""
    box = QWidget(dialog)
    spin = OptionalSpin(box, MAX_AMOUNT, AMOUNT_STEP)
    spin.setGroupSeparatorShown(True)
    spin.setMinimumWidth(160)
    spin.set_number(value)
    text = QLabel(box)
    text.setStyleSheet(HINT_STYLE)
    cell = QHBoxLayout(box)
    cell.setContentsMargins(0, 0, 0, 0)
    cell.addWidget(spin)
    cell.addWidget(text, 1)
    box.setFocusProxy(spin)
    return box, spin, text


def _line_summary(line: EntitlementLine, measure: str) -> str:
    """"Омаров Бауыржан · Relocation subsidy · Applied"."""
    return " · ".join(p for p in (line.applicant, measure, status_text(line.status)) if p)


# ---- the dialogs ---------------------------------------------------------------------------

class QuotaDialog(SocialDialog):
    """The case's inclusion in the regional quota: the year and the region of settlement,
    or none."""

    def __init__(self, database: Database, actor: Actor, found: HouseholdEntitlements,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        if found.case_id is None or found.case_version is None:
            raise ValueError("the quota is recorded on a case")
        self.found = found
        self.included = QCheckBox(self)
        self.included.setChecked(found.in_quota)
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, self.day_today().year + 1)
        self.year.setValue(found.quota_year or self.day_today().year)
        self.region = ScrollSafeCombo(self)
        self.region.setMinimumContentsLength(24)
        for key, field in ((INCLUDED, self.included), (YEAR, self.year), (REGION, self.region)):
            self.form.add(key, field, self)
        self.chain_focus([self.included, self.year, self.region])
        self.included.toggled.connect(lambda _on: self._follow())
        self._follow()
        self.included.setFocus()
        self.retranslate()

    def _follow(self) -> None:
        self.year.setEnabled(self.included.isChecked())
        self.region.setEnabled(self.included.isChecked())

    def _regions(self, choices: object) -> None:
        chosen = self.region.currentData() if self.region.currentIndex() >= 0 \
            else self.found.quota_region_code
        self.region.clear()
        for code, label in choices:  # type: ignore[attr-defined]
            self.region.addItem(label, code)
        self.region.setCurrentIndex(find_data(self.region, chosen))

    def choose_region(self, code: str) -> None:
        self.region.setCurrentIndex(find_data(self.region, code))

    def problems(self) -> dict[str, str]:
        if self.included.isChecked() and self.region.currentIndex() < 0:
            return texts_of({Field.REGION: Problem.REQUIRED})
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today = self.database, self.actor, self.today
        case_id, version = self.found.case_id, self.found.case_version
        assert case_id is not None and version is not None
        included = self.included.isChecked()
        year = self.year.value() if included else None
        region = self.region.currentData() if included and self.region.currentIndex() >= 0 \
            else None

        def write() -> Any:
            set_quota(database, actor, case_id, version, year, region, today=today)
            return None  # nothing to choose in the list: it reads itself again

        return write

    def retranslate(self) -> None:
        self.setWindowTitle(_("Inclusion in the regional quota"))
        self.summary.setText(self.found.client)
        self.hint.setText(_("Kandases and resettlers included in the regional quota receive "
                            "its support measures: record the year of the quota and the "
                            "region of settlement."))
        self.form.set_label(INCLUDED, _("&Included in the regional quota"))
        self.form.set_label(YEAR, _("Quota &year:"))
        self.form.set_label(REGION, _("&Region of settlement:"))
        self.region.setPlaceholderText(_("Choose the region"))
        self.ok_button().setText(_("&Save"))
        # Regions are labelled in the UI language.
        database = self.database
        self.load(lambda: reference_choices(database, "region"), self._regions, "regions")


class ApplyDialog(SocialDialog):
    """The client applies for a measure for their household."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 found: HouseholdEntitlements, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.person_id, self.found = person_id, found
        self.rule = ScrollSafeCombo(self)
        self.rule.setMinimumContentsLength(30)
        self.day = self.date_field(EARLIEST, self.day_today(), self.day_today())
        box, self.amount, self.amount_text = _amount_field(self, None)
        self.note = text_field(self, 60)
        self.note.setMaximumHeight(100)
        for key, field in ((RULE, self.rule), (DAY, self.day), (AMOUNT, box),
                           (NOTE, self.note)):
            self.form.add(key, field, self)
        self.chain_focus([self.rule, self.day, self.amount, self.note])
        self.rule.currentIndexChanged.connect(lambda _index: self._prefill())
        self.amount.valueChanged.connect(lambda _value: self._show_amount())
        self._fill_rules()
        self.rule.setFocus()
        self.retranslate()

    def _fill_rules(self) -> None:
        chosen = self.rule.currentData() if self.rule.currentIndex() >= 0 else None
        blocked = self.rule.blockSignals(True)
        self.rule.clear()
        for rule in self.found.rules:
            self.rule.addItem(rule.label, rule.code)
            taken = live(rule)
            if taken is not None:  # applied for once per household
                item = self.rule.model().item(self.rule.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setToolTip(_("Applied for already: {summary}").format(
                    summary=_line_summary(taken, rule.label)))
        self.rule.setCurrentIndex(find_data(self.rule, chosen))
        self.rule.blockSignals(blocked)

    def chosen_rule(self) -> RuleLine | None:
        code = self.rule.currentData() if self.rule.currentIndex() >= 0 else None
        return next((r for r in self.found.rules if r.code == code), None)

    def choose_rule(self, code: str) -> None:
        self.rule.setCurrentIndex(find_data(self.rule, code))

    def _prefill(self) -> None:
        """The most the measure gives the household, which the caseworker may lower."""
        rule = self.chosen_rule()
        self.amount.set_number(rule.entitled.high if rule and rule.entitled else None)
        self._show_amount()

    def _show_amount(self) -> None:
        rule, amount = self.chosen_rule(), self.amount.number()
        if rule is None:
            self.hint.setText(_("Choose the measure: the amount is counted for the whole "
                                "household."))
        elif rule.entitled is None:
            self.hint.setText(_("The MRP of {year} is not in Qadam yet: an administrator adds "
                                "it under Administration, then the amount can be counted.")
                              .format(year=rule.missing_year))
        else:
            self.hint.setText(_("{measure} gives this household {amount}.").format(
                measure=rule.label, amount=entitled_text(rule)))
        self.amount_text.setText(format_money(amount) if amount is not None
                                 else _("the most the measure gives"))

    def entry(self) -> Application:
        rule = self.chosen_rule()
        return Application(rule.code if rule else None,
                           self.day.date().toPython(),  # type: ignore[arg-type]
                           self.amount.number(), self.note.toPlainText())

    def problems(self) -> dict[str, str]:
        if self.chosen_rule() is None:
            return texts_of({Field.RULE: Problem.REQUIRED})
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id, today = self.database, self.actor, self.person_id, self.today
        entry = self.entry()
        return lambda: apply_for(database, actor, person_id, entry, today=today)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Apply for a support measure"))
        self.summary.setText(self.found.client)
        self.form.set_label(RULE, _("&Measure:"))
        self.form.set_label(DAY, _("Applied &on:"))
        self.form.set_label(AMOUNT, _("&Amount applied, ₸:"))
        self.form.set_label(NOTE, _("&Note:"))
        self.rule.setPlaceholderText(_("Choose the measure"))
        self.amount.setToolTip(_("Leave it at “—” for the most the measure gives"))
        self._show_amount()
        self.ok_button().setText(_("&Apply"))


class DecisionDialog(SocialDialog):
    """The decision on an application: granted, with the amount, or refused, with why."""

    def __init__(self, database: Database, actor: Actor, line: EntitlementLine,
                 rule: RuleLine | None, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.line, self.rule = line, rule
        choice = QWidget(self)
        self.granted, self.refused = QRadioButton(choice), QRadioButton(choice)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.granted, self.refused):
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.granted.setChecked(True)
        self.day = self.date_field(line.applied_on, self.day_today(), self.day_today())
        box, self.amount, self.amount_text = _amount_field(self, line.amount_applied)
        self.outcome = text_field(self, 60)
        self.outcome.setMaximumHeight(100)
        for key, field in ((DECISION, choice), (DAY, self.day), (AMOUNT, box),
                           (OUTCOME, self.outcome)):
            self.form.add(key, field, self)
        self.chain_focus([self.granted, self.refused, self.day, self.amount, self.outcome])
        self.granted.toggled.connect(lambda _on: self.retranslate())
        self.amount.valueChanged.connect(lambda _value: self._show_amount())
        self.granted.setFocus()
        self.retranslate()

    def refuse(self) -> None:
        self.refused.setChecked(True)

    def _show_amount(self) -> None:
        amount = self.amount.number()
        self.amount_text.setText(format_money(amount) if amount is not None else "")

    def entry(self) -> Decision:
        granted = self.granted.isChecked()
        return Decision(granted, self.day.date().toPython(),  # type: ignore[arg-type]
                        self.amount.number() if granted else None,
                        self.outcome.toPlainText())

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today, line = self.database, self.actor, self.today, self.line
        entry = self.entry()

        def write() -> uuid.UUID:
            decide(database, actor, line.id, line.version, entry, today=today)
            return line.id

        return write

    def retranslate(self) -> None:
        granted = self.granted.isChecked()
        measure = self.rule.label if self.rule is not None else self.line.rule_code
        self.setWindowTitle(_("The decision on the application"))
        self.summary.setText(_line_summary(self.line, measure))
        most = self.rule.entitled.high if self.rule and self.rule.entitled else None
        self.hint.setText(
            _("Applied for {amount} on {day}; the measure gives at most {most}.").format(
                amount=format_money(self.line.amount_applied),
                day=format_date(self.line.applied_on), most=format_money(most))
            if most is not None else
            _("Applied for {amount} on {day}.").format(
                amount=format_money(self.line.amount_applied),
                day=format_date(self.line.applied_on)))
        self.granted.setText(_("&Granted"))
        self.refused.setText(_("Re&fused"))
        self.form.set_label(DECISION, _("Decision:"))
        self.form.set_label(DAY, _("Decided &on:"))
        self.form.set_label(AMOUNT, _("A&mount granted, ₸:"))
        self.form.set_label(OUTCOME, _("&Note:") if granted else _("&Reason:"))
        self.outcome.setPlaceholderText(_("Optional") if granted else
                                        _("Required: the reason given, in a few words"))
        self.amount.setEnabled(granted)
        self._show_amount()
        self.ok_button().setText(_("&Record the decision"))


class PaymentDialog(SocialDialog):
    """A payment of a granted measure, at most its balance."""

    def __init__(self, database: Database, actor: Actor, line: EntitlementLine, measure: str,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.line, self.measure = line, measure
        self.day = self.date_field(line.decided_on or line.applied_on, self.day_today(),
                                   self.day_today())
        box, self.amount, self.amount_text = _amount_field(self, line.balance)
        self.note = text_field(self, 60)
        self.note.setMaximumHeight(100)
        for key, field in ((DAY, self.day), (AMOUNT, box), (NOTE, self.note)):
            self.form.add(key, field, self)
        self.chain_focus([self.day, self.amount, self.note])
        self.amount.valueChanged.connect(lambda _value: self._show_amount())
        self.day.setFocus()
        self.retranslate()

    def _show_amount(self) -> None:
        amount = self.amount.number()
        self.amount_text.setText(format_money(amount) if amount is not None else "")

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today, line = self.database, self.actor, self.today, self.line
        entry = Payment(self.day.date().toPython(),  # type: ignore[arg-type]
                        self.amount.number(), self.note.toPlainText())

        def write() -> uuid.UUID:
            record_payment(database, actor, line.id, line.version, entry, today=today)
            return line.id

        return write

    def retranslate(self) -> None:
        self.setWindowTitle(_("Record a payment"))
        self.summary.setText(_line_summary(self.line, self.measure))
        self.hint.setText(_("Granted {granted}, paid so far {paid}: {balance} left to "
                            "pay.").format(granted=money_text(self.line.amount_granted),
                                           paid=format_money(self.line.paid),
                                           balance=format_money(self.line.balance)))
        self.form.set_label(DAY, _("Paid &on:"))
        self.form.set_label(AMOUNT, _("A&mount paid, ₸:"))
        self.form.set_label(NOTE, _("&Note:"))
        self._show_amount()
        self.ok_button().setText(_("&Record the payment"))


class WithdrawDialog(SocialDialog):
    """The family withdraws an application not yet decided."""

    def __init__(self, database: Database, actor: Actor, line: EntitlementLine, measure: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        self.line, self.measure = line, measure
        self.note = text_field(self, 60)
        self.note.setMaximumHeight(100)
        self.form.add(NOTE, self.note, self)
        self.note.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, line, note = self.database, self.actor, self.line, \
            self.note.toPlainText()

        def write() -> uuid.UUID:
            withdraw(database, actor, line.id, line.version, note)
            return line.id

        return write

    def retranslate(self) -> None:
        self.setWindowTitle(_("Withdraw the application"))
        self.summary.setText(_line_summary(self.line, self.measure))
        self.hint.setText(_("The family withdraws the application before the decision; the "
                            "household may apply for the measure again later."))
        self.form.set_label(NOTE, _("&Why:"))
        self.note.setPlaceholderText(_("Optional"))
        self.ok_button().setText(_("&Withdraw"))


# ---- the panel -----------------------------------------------------------------------------

class EntitlementsPanel(ListTab[EntitlementLine]):
    """The household, the quota, the measures and the applications of one client."""

    tables = TABLES
    open_client = Signal(object)  # a household member's person id

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self._columns(), parent)
        self.database, self.actor = database, actor
        self.today: date | None = None  # None: the clock's; tests pin it
        self.person_id: uuid.UUID | None = None
        self.found: HouseholdEntitlements | None = None
        self.read = False  # this client's entitlements have come in (tests wait on it)

        self.household_title = QLabel(self)
        self.household = QLabel(self)
        self.household.setWordWrap(True)
        self.household.setTextFormat(Qt.TextFormat.RichText)  # names escaped, as links
        self.household.linkActivated.connect(self._member_clicked)
        household = QHBoxLayout()
        household.addWidget(self.household_title)
        household.addWidget(self.household, 1)
        self.quota = QLabel(self)
        self.quota.setWordWrap(True)
        self.quota.setTextFormat(Qt.TextFormat.PlainText)
        self.quota_button = QPushButton(self)
        self.quota_button.clicked.connect(self.edit_quota)
        quota = QHBoxLayout()
        quota.addWidget(self.quota, 1)
        quota.addWidget(self.quota_button)

        self.measures_box = QGroupBox(self)
        self.measures_model: RowsModel[RuleLine] = RowsModel(self._measure_columns(), self)
        self.measures = QTableView(self.measures_box)
        self.measures.setModel(self.measures_model)
        self.measures.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.measures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measures.verticalHeader().hide()
        header = self.measures.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.measures.setWordWrap(True)
        # Rows follow their text as the columns settle (the page may first lay out hidden,
        # at its narrowest, and a height fixed then would stay far too tall).
        self.measures.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        QVBoxLayout(self.measures_box).addWidget(self.measures)

        self.applications_title = QLabel(self)
        bold = QFont(self.applications_title.font())
        bold.setBold(True)
        self.applications_title.setFont(bold)
        self.empty = QLabel(self)
        self.empty.setStyleSheet(HINT_STYLE)
        self.empty.hide()
        self.totals = QLabel(self)
        self.totals.setFont(bold)

        layout: QVBoxLayout = self.layout()  # type: ignore[assignment]
        layout.insertLayout(0, household)
        layout.insertLayout(1, quota)
        layout.insertWidget(2, self.measures_box)
        layout.insertWidget(3, self.applications_title)
        layout.insertWidget(5, self.empty)  # after the buttons
        layout.addWidget(self.totals)

        # The applicant and the measure wrap within their bounds, so that nine columns fit
        # the window in every language; the others take what their figures need.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in WRAPPED:
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Interactive)

        self.apply_button = self.button(self.apply)
        self.decision_button = self.button(self.open_decision)
        self.payment_button = self.button(self.open_payment)
        self.withdraw_button = self.button(self.open_withdraw)
        self.buttons.addStretch(1)
        self.retranslate()

    def _columns(self) -> Sequence[Column]:
        return (
            (N_("Applicant"), lambda line: line.applicant),
            (N_("Measure"), lambda line: self.measure_label(line.rule_code)),
            (N_("Applied on"), lambda line: day_text(line.applied_on)),
            (N_("Amount applied"), lambda line: format_money(line.amount_applied)),
            (N_("Status"), lambda line: status_text(line.status)),
            (N_("Decided on"), lambda line: day_text(line.decided_on)),
            (NC_("amount column", "Granted"), lambda line: money_text(line.amount_granted)),
            (N_("Paid"), lambda line: format_money(line.paid) if line.paid else ""),
            (N_("Balance"), lambda line: format_money(line.balance)
             if line.status == "granted" else ""),
        )

    @staticmethod
    def _measure_columns() -> Sequence[Column]:
        return (
            (N_("Measure"), lambda rule: rule.label),
            (N_("Entitled"), entitled_text),
            (NC_("amount column", "Applied"), lambda rule: money_text(a.amount_applied)
             if (a := live(rule)) is not None else ""),
            (NC_("amount column", "Granted"),
             lambda rule: format_money(rule.granted) if rule.granted else ""),
            (N_("Paid"), lambda rule: format_money(rule.paid) if rule.paid else ""),
            (N_("Balance"), lambda rule: format_money(rule.balance) if rule.granted else ""),
        )

    def measure_label(self, code: str) -> str:
        rules = self.found.rules if self.found is not None else ()
        return next((r.label for r in rules if r.code == code), code)

    def rule_of(self, line: EntitlementLine) -> RuleLine | None:
        rules = self.found.rules if self.found is not None else ()
        return next((r for r in rules if r.code == line.rule_code), None)

    # ---- reading ----------------------------------------------------------------------------

    def set_person(self, person_id: uuid.UUID) -> None:
        """Show this client's household and entitlements (read off the GUI thread)."""
        if person_id != self.person_id:
            self.read = False
            self.found = None
            self.model.set_rows([])
            self.measures_model.set_rows([])
            self._show_found()
        self.person_id = person_id
        self.reload()

    def reader(self) -> Callable[[], HouseholdEntitlements]:  # type: ignore[override]
        database, actor, person_id, today = self.database, self.actor, self.person_id, self.today
        assert person_id is not None
        return lambda: household_entitlements(database, actor, person_id, today=today)

    def reload(self, select: uuid.UUID | None = None) -> None:
        if self.person_id is not None:
            super().reload(select)

    def _changed(self, changes: Changes) -> None:
        if self.person_id is None or not changes.touches(*self.tables):
            return
        members = {m for m, _name in self.found.members} if self.found else {self.person_id}
        if not changes.people or changes.people & members:
            self.reload()

    def _show_rows(self, found: HouseholdEntitlements) -> None:  # type: ignore[override]
        self.found = found
        self.measures_model.set_rows(list(found.rules))
        self._fit_measures()
        super()._show_rows(sorted((a for rule in found.rules for a in rule.applications),
                                  key=lambda a: (a.applied_on, str(a.id))))
        self.read = True
        self._fit_applications()
        self._show_found()

    def _fit_applications(self) -> None:
        for column, widest in WRAPPED.items():
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.table.resizeRowsToContents()

    def _unread(self, failure: Any) -> None:
        super()._unread(failure)
        self.read = True

    def _fit_measures(self) -> None:
        """As high as its rows: three measures need no scroll bar."""
        self.measures.resizeRowsToContents()
        frame = 2 * self.measures.frameWidth()
        self.measures.setFixedHeight(self.measures.horizontalHeader().sizeHint().height()
                                     + self.measures.verticalHeader().length() + frame + 2)

    def _show_found(self) -> None:
        found = self.found
        if found is None:
            self.household.setText("")
            self.quota.setText("")
            self.totals.setText("")
            self.empty.hide()
        else:
            self.household.setText(", ".join(
                html.escape(name) if member == self.person_id else
                f'<a href="{member}">{html.escape(name)}</a>'
                for member, name in found.members))
            self.quota.setText(quota_text(found))
            self.totals.setText(totals_text(found))
            self.empty.setVisible(not self.model.rows)
        self.update_buttons()

    def _member_clicked(self, link: str) -> None:
        self.open_client.emit(uuid.UUID(link))

    # ---- acting -----------------------------------------------------------------------------

    def may_work(self) -> bool:
        return self.found is not None and self.actor.can(Permission.WORK_WITH_CLIENTS)

    def update_buttons(self) -> None:
        found, line, may = self.found, self.selected(), self.may_work()
        has_case = found is not None and found.case_id is not None
        self.quota_button.setEnabled(may and has_case)
        self.quota_button.setToolTip(
            _("Record the year and the region of the quota the case is included in")
            if has_case else _("The quota is recorded on the client's case: open one first."))
        in_quota = found is not None and found.in_quota
        self.apply_button.setEnabled(may and in_quota)
        self.apply_button.setToolTip(
            _("Apply for a measure of the quota for the household") if in_quota else
            _("Record the case's inclusion in the regional quota first."))
        status = line.status if line is not None else None
        self.decision_button.setEnabled(may and status == "applied")
        self.withdraw_button.setEnabled(may and status == "applied")
        self.payment_button.setEnabled(may and status == "granted"
                                       and line is not None and line.balance > 0)
        tip = _("Choose an application in the list first.") if line is None else ""
        for button in (self.decision_button, self.withdraw_button, self.payment_button):
            button.setToolTip(tip)

    def edit_quota(self) -> QuotaDialog | None:
        if self.found is None or not self.quota_button.isEnabled():
            return None
        self.open_dialog(QuotaDialog(self.database, self.actor, self.found, self,
                                     today=self.today))
        return self.dialog  # type: ignore[return-value]

    def apply(self) -> ApplyDialog | None:
        if self.found is None or self.person_id is None or not self.apply_button.isEnabled():
            return None
        self.open_dialog(ApplyDialog(self.database, self.actor, self.person_id, self.found,
                                     self, today=self.today))
        return self.dialog  # type: ignore[return-value]

    def open_decision(self) -> DecisionDialog | None:
        line = self.selected()
        if line is None or not self.decision_button.isEnabled():
            return None
        self.open_dialog(DecisionDialog(self.database, self.actor, line, self.rule_of(line),
                                        self, today=self.today))
        return self.dialog  # type: ignore[return-value]

    def open_payment(self) -> PaymentDialog | None:
        line = self.selected()
        if line is None or not self.payment_button.isEnabled():
            return None
        self.open_dialog(PaymentDialog(self.database, self.actor, line,
                                       self.measure_label(line.rule_code), self,
                                       today=self.today))
        return self.dialog  # type: ignore[return-value]

    def open_withdraw(self) -> WithdrawDialog | None:
        line = self.selected()
        if line is None or not self.withdraw_button.isEnabled():
            return None
        self.open_dialog(WithdrawDialog(self.database, self.actor, line,
                                        self.measure_label(line.rule_code), self))
        return self.dialog  # type: ignore[return-value]

    # ---- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.household_title.setText(_("Household:"))
        self.quota_button.setText(_("&Quota inclusion…"))
        self.measures_box.setTitle(_("Support measures of the quota"))
        self.applications_title.setText(_("Applications"))
        self.empty.setText(_("No application for a support measure yet."))
        self.apply_button.setText(_("A&pply…"))
        self.decision_button.setText(_("&Decision…"))
        self.payment_button.setText(_("Pa&yment…"))
        self.withdraw_button.setText(_("&Withdraw…"))
        self.table.setAccessibleName(_("Applications"))
        self.measures.setAccessibleName(_("Support measures of the quota"))
        self.model.retranslate()
        self.measures_model.retranslate()
        self._show_found()
        if self.dialog is not None:
            self.dialog.retranslate()
        self.reload()  # the measures' names in the new language
