"""The quota's support measures for a family, as a caseworker records them in the panel:
the case's inclusion in the quota, an application with the amount the measure gives the
household, the decision, a payment and the balance; a refusal asks for its reason beside
the field.

Each test builds its own small center on a fresh database file: an office, a caseworker
(a real user row: the services read the actor again), a family of three linked as one
household, their consent and an open case for the head of the family."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import (
    Case,
    Entitlement,
    EntitlementPayment,
    EntitlementStatus,
    HouseholdLink,
    Office,
    Person,
    Role,
    User,
)
from db.session import Database
from desktop import i18n
from desktop.services.access import Actor
from desktop.services.social import entitlements
from desktop.services.social.entitlements import Application
from desktop.ui.admin.common import FormDialog, RowsModel
from desktop.ui.admin.mrp import MrpDialog, MrpTab
from desktop.ui.social.entitlements_panel import (
    ApplyDialog,
    DecisionDialog,
    EntitlementsPanel,
    PaymentDialog,
    QuotaDialog,
)
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, wait_idle

RELOCATION = 70 * 3 * 4_325  # 70 MRP for each of the three, at 2026's MRP
EMPLOYER = 400 * 4_325  # 400 MRP for the family


@dataclass(frozen=True)
class Family:
    caseworker: Actor
    head: uuid.UUID
    spouse: uuid.UUID
    child: uuid.UUID
    case: uuid.UUID


def build_family(database: Database) -> Family:
    with database.session() as s:
        office = Office(code="AST", name="Астана кеңсесі", region_code="71")
        s.add(office)
        s.flush()
        user = User(login="aigerim", full_name="Сапарова Айгерім", role=Role.CASEWORKER,
                    office_id=office.id)
        s.add(user)

        def member(given: str) -> Person:
            person = Person(surname="Омаров", given_name=given, category_code="kandas",
                            office_id=office.id, consent_date=date(2026, 9, 1),
                            consent_form_code="written")
            s.add(person)
            return person

        head, spouse, child = member("Бауыржан"), member("Гүлмира"), member("Дәурен")
        s.flush()
        s.add_all([HouseholdLink(person_id=head.id, related_person_id=spouse.id,
                                 relationship_code="spouse"),
                   HouseholdLink(person_id=head.id, related_person_id=child.id,
                                 relationship_code="child")])
        case = Case(person_id=head.id, office_id=office.id, caseworker_id=user.id,
                    opened_on=date(2026, 9, 1))
        s.add(case)
        s.flush()
        actor = Actor(user.id, user.login, user.full_name, user.role, office.id, office.code,
                      office.name)
        return Family(actor, head.id, spouse.id, child.id, case.id)


@pytest.fixture
def family(database: Database) -> Family:
    return build_family(database)


def in_quota(database: Database, family: Family) -> None:
    with database.session() as s:
        version = s.get(Case, family.case).version  # type: ignore[union-attr]
    entitlements.set_quota(database, family.caseworker, family.case, version, 2026, "71",
                           today=DEMO_TODAY)


def open_panel(qtbot: QtBot, database: Database, family: Family) -> EntitlementsPanel:
    panel = EntitlementsPanel(database, family.caseworker)
    panel.today = DEMO_TODAY
    qtbot.addWidget(panel)
    panel.resize(1100, 720)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_person(family.head)
    qtbot.waitUntil(lambda: panel.read, timeout=TIMEOUT)
    wait_idle(qtbot)
    return panel


def rows(model: RowsModel) -> list[dict[str, str]]:  # type: ignore[type-arg]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [{title: model.data(model.index(r, c)) for c, title in enumerate(titles)}
            for r in range(model.rowCount())]


def measure(panel: EntitlementsPanel, label: str) -> dict[str, str]:
    return next(row for row in rows(panel.measures_model) if row["Measure"] == label)


def ok(dialog: FormDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def saved(qtbot: QtBot, panel: EntitlementsPanel) -> None:
    """The dialog closed once its write succeeded, and the panel has read the change."""
    qtbot.waitUntil(lambda: panel.dialog is None, timeout=TIMEOUT)
    wait_idle(qtbot)


def click(qtbot: QtBot, button: object) -> None:
    assert button.isEnabled(), button.toolTip()  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_a_family_is_included_in_the_quota_applies_is_granted_and_paid(
        qtbot: QtBot, database: Database, family: Family) -> None:
    panel = open_panel(qtbot, database, family)
    assert panel.household.text().count("<a href=") == 2  # the spouse and the child, as links
    for name in ("Омаров Бауыржан", "Омаров Гүлмира", "Омаров Дәурен"):
        assert name in panel.household.text()
    assert panel.quota.text() == "Not included in the regional quota"
    assert not panel.apply_button.isEnabled()  # the quota first
    assert panel.totals.text() == "Granted 0 ₸, paid 0 ₸, balance 0 ₸"
    assert rows(panel.model) == [] and panel.empty.isVisible()
    opened: list[uuid.UUID] = []
    panel.open_client.connect(opened.append)
    panel.household.linkActivated.emit(str(family.spouse))
    assert opened == [family.spouse]

    click(qtbot, panel.quota_button)
    quota = panel.dialog
    assert isinstance(quota, QuotaDialog)
    qtbot.waitUntil(quota.is_ready, timeout=TIMEOUT)
    assert not quota.year.isEnabled()
    quota.included.setChecked(True)
    assert quota.year.isEnabled() and quota.region.isEnabled()
    quota.year.setValue(2026)
    quota.choose_region("71")
    ok(quota)
    saved(qtbot, panel)
    qtbot.waitUntil(lambda: panel.quota.text() == "Included in the 2026 quota for Astana city",
                    timeout=TIMEOUT)
    with database.session() as s:
        case = s.get(Case, family.case)
        assert case is not None and (case.quota_year, case.quota_region_code) == (2026, "71")
    assert measure(panel, "Relocation subsidy")["Entitled"] == "908,250 ₸"
    assert panel.apply_button.isEnabled()

    click(qtbot, panel.apply_button)
    apply = panel.dialog
    assert isinstance(apply, ApplyDialog)
    assert apply.summary.text() == "Омаров Бауыржан"
    apply.choose_rule("relocation_subsidy")
    assert apply.amount.number() == RELOCATION == 908_250
    assert apply.amount_text.text() == "908,250 ₸"  # the prefilled maximum, as money
    assert "908,250 ₸" in apply.hint.text()
    ok(apply)
    saved(qtbot, panel)
    [line] = rows(panel.model)
    assert line["Applicant"] == "Омаров Бауыржан"
    assert line["Measure"] == "Relocation subsidy"
    assert line["Applied on"] == i18n.format_date(DEMO_TODAY)
    assert line["Amount applied"] == "908,250 ₸" and line["Status"] == "Applied"
    assert panel.selected() is not None  # the application made is the one chosen
    assert panel.decision_button.isEnabled() and panel.withdraw_button.isEnabled()
    assert not panel.payment_button.isEnabled()
    assert measure(panel, "Relocation subsidy")["Applied"] == "908,250 ₸"

    click(qtbot, panel.decision_button)
    decision = panel.dialog
    assert isinstance(decision, DecisionDialog)
    assert decision.granted.isChecked() and decision.amount.number() == RELOCATION
    assert decision.form.labels["outcome"].text() == "&Note:"
    ok(decision)
    saved(qtbot, panel)
    [line] = rows(panel.model)
    assert line["Status"] == "Granted" and line["Granted"] == "908,250 ₸"
    assert line["Balance"] == "908,250 ₸"
    assert not panel.decision_button.isEnabled() and not panel.withdraw_button.isEnabled()
    assert panel.payment_button.isEnabled()

    click(qtbot, panel.payment_button)
    payment = panel.dialog
    assert isinstance(payment, PaymentDialog)
    assert payment.amount.number() == RELOCATION  # the balance
    payment.amount.set_number(500_000)
    assert payment.amount_text.text() == "500,000 ₸"
    ok(payment)
    saved(qtbot, panel)
    [line] = rows(panel.model)
    assert line["Paid"] == "500,000 ₸" and line["Balance"] == "408,250 ₸"
    assert measure(panel, "Relocation subsidy")["Balance"] == "408,250 ₸"
    assert panel.totals.text() == "Granted 908,250 ₸, paid 500,000 ₸, balance 408,250 ₸"
    assert panel.payment_button.isEnabled()  # a balance is left

    with database.session() as s:
        record = s.scalars(select(Entitlement)).one()
        assert record.status is EntitlementStatus.GRANTED
        assert (record.members, record.amount_applied, record.amount_granted) == (
            3, RELOCATION, RELOCATION)
        assert s.scalars(select(EntitlementPayment.amount)).all() == [500_000]


def test_a_refusal_without_a_reason_is_shown_beside_the_field_and_nothing_is_saved(
        qtbot: QtBot, database: Database, family: Family) -> None:
    in_quota(database, family)
    entitlements.apply_for(database, family.caseworker, family.head,
                           Application("employer_subsidy", DEMO_TODAY, None),
                           today=DEMO_TODAY)
    panel = open_panel(qtbot, database, family)
    [line] = rows(panel.model)
    assert line["Applicant"] == "Омаров Бауыржан"
    assert line["Amount applied"] == "1,730,000 ₸" == i18n.format_money(EMPLOYER)
    panel.table.selectRow(0)
    click(qtbot, panel.decision_button)
    decision = panel.dialog
    assert isinstance(decision, DecisionDialog)
    decision.refuse()
    assert not decision.amount.isEnabled()
    assert decision.form.labels["outcome"].text() == "&Reason:"
    ok(decision)
    qtbot.waitUntil(lambda: bool(decision.form.problem("outcome")), timeout=TIMEOUT)
    assert decision.form.problem("outcome") == "Say why, in a few words."
    assert decision.isVisible() and panel.dialog is decision
    with database.session() as s:
        assert s.scalars(select(Entitlement.status)).all() == [EntitlementStatus.APPLIED]

    decision.outcome.setPlainText("Жұмыс беруші квота бойынша тіркелмеген")
    ok(decision)
    saved(qtbot, panel)
    [line] = rows(panel.model)
    assert line["Status"] == "Refused" and line["Granted"] == "" and line["Balance"] == ""
    assert not panel.payment_button.isEnabled()
    # Refused, it is no longer live: the household may apply for it again.
    assert measure(panel, "Subsidy to the employer who helps the family resettle")[
        "Applied"] == ""


def test_an_administrator_adds_next_years_mrp_and_the_rent_support_can_be_counted(
        qtbot: QtBot, database: Database, family: Family) -> None:
    with database.session() as s:
        office = s.scalars(select(Office)).one()
        user = User(login="admin", full_name="Әлия Сапарова", role=Role.ADMIN,
                    office_id=office.id)
        s.add(user)
        s.flush()
        admin = Actor(user.id, user.login, user.full_name, user.role, office.id, office.code,
                      office.name)
    in_quota(database, family)
    found = entitlements.household_entitlements(database, family.caseworker, family.head,
                                                today=DEMO_TODAY)
    rent = next(rule for rule in found.rules if rule.code == "rent_subsidy")
    assert rent.entitled is None and rent.missing_year == 2027  # twelve months from November

    tab = MrpTab(database, admin)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.read, timeout=TIMEOUT)
    assert [(row["Year"], row["Tenge"]) for row in rows(tab.model)] == [
        ("2026", "4,325 ₸"), ("2025", "3,932 ₸"), ("2024", "3,692 ₸")]
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert isinstance(dialog, MrpDialog)
    assert dialog.year.value() == 2027  # none chosen: the year after the latest
    dialog.amount.setValue(4_500)
    dialog.source.setText("Закон о республиканском бюджете на 2027–2029 годы")
    ok(dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(tab.model.rows) == 4, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert rows(tab.model)[0]["Year"] == "2027" and rows(tab.model)[0]["Tenge"] == "4,500 ₸"
    assert tab.selected() is not None and tab.selected().year == 2027  # type: ignore[union-attr]

    panel = open_panel(qtbot, database, family)
    months = 2 * 4_325 + 10 * 4_500  # November and December 2026, then ten months of 2027
    assert measure(panel, "Rent and utilities subsidy")["Entitled"] == (
        f"{i18n.format_money(15 * months)} – {i18n.format_money(30 * months)}")
