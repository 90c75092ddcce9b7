"""Social-service referrals from the client file, as a caseworker follows them: referred
with "Refer…", accepted, completed with the amount the client received; a refusal's reason
asked for beside its field; a client whose consent is not recorded cannot be referred.

Each test builds its own small center on a fresh database file: an office, a caseworker,
clients with an open case, a legal-aid provider."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import (
    Case,
    Office,
    Person,
    Provider,
    ProviderService,
    Referral,
    ReferralStatus,
    Role,
    StatusChange,
    User,
)
from db.session import Database
from desktop import i18n
from desktop.services.access import Actor
from desktop.services.social.referrals import ReferralEntry, refer
from desktop.ui.admin.common import RowsPanel
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.social.step_dialogs import ReferDialog, StepDialog
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle

PROVIDER = "«Заң көмегі» қоғамдық қоры"


@dataclass(frozen=True)
class Centre:
    caseworker: Actor
    office: uuid.UUID
    alia: uuid.UUID  # consent recorded, an open case
    bolat: uuid.UUID  # no consent recorded, an open case
    provider: uuid.UUID  # gives free legal aid


def build_centre(database: Database) -> Centre:
    with database.session() as s:
        office = Office(code="AST", name="Астана кеңсесі", region_code="71")
        s.add(office)
        s.flush()
        user = User(login="aigerim", full_name="Сапарова Айгерім", role=Role.CASEWORKER,
                    office_id=office.id)
        alia = Person(surname="Нұрпейісова", given_name="Әлия", category_code="kandas",
                      office_id=office.id, consent_date=date(2026, 9, 1),
                      consent_form_code="written")
        bolat = Person(surname="Жұмабаев", given_name="Болат", category_code="kandas",
                       office_id=office.id)
        provider = Provider(name_kk=PROVIDER, area_code="social", region_code="71")
        s.add_all([user, alia, bolat, provider])
        s.flush()
        s.add_all([Case(person_id=person.id, office_id=office.id, caseworker_id=user.id,
                        opened_on=date(2026, 9, 1)) for person in (alia, bolat)])
        s.add(ProviderService(provider_id=provider.id, service_type_code="legal_aid"))
        s.flush()
        actor = Actor(user.id, user.login, user.full_name, user.role, office.id, office.code,
                      office.name)
        return Centre(actor, office.id, alia.id, bolat.id, provider.id)


@pytest.fixture
def centre(database: Database) -> Centre:
    return build_centre(database)


def a_referral(database: Database, centre: Centre, days_ago: int,
               person: uuid.UUID | None = None, today: date = DEMO_TODAY) -> uuid.UUID:
    """Alia's referral to legal aid, made ``days_ago`` days before ``today``."""
    return refer(database, centre.caseworker, person or centre.alia,
                 ReferralEntry("legal_aid", centre.provider, today - timedelta(days=days_ago)),
                 today=today)


def open_social(qtbot: QtBot, database: Database, centre: Centre,
                person: uuid.UUID | None = None) -> ClientFileWindow:
    window = open_client_file(qtbot, database, centre.caseworker, person or centre.alia,
                              "social")
    assert isinstance(window, ClientFileWindow)
    qtbot.waitUntil(lambda: window.social.read, timeout=TIMEOUT)
    return window


def rows(panel: RowsPanel) -> list[dict[str, str]]:  # type: ignore[type-arg]
    """The list's rows as shown, each cell by its column's title."""
    model = panel.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [{title: model.data(model.index(r, c)) for c, title in enumerate(titles)}
            for r in range(model.rowCount())]


def button(panel: RowsPanel, text: str) -> QPushButton:  # type: ignore[type-arg]
    return next(b for b in panel.findChildren(QPushButton) if b.text() == text)


def click(qtbot: QtBot, widget: QPushButton) -> None:
    assert widget.isEnabled(), widget.toolTip()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ok(dialog: ReferDialog | StepDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def status_shown(window: ClientFileWindow) -> str:
    shown = rows(window.social)
    return shown[0]["Status"] if len(shown) == 1 else ""


def test_a_referral_is_made_accepted_and_completed_with_an_amount(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    window = open_social(qtbot, database, centre)
    tab = window.social
    assert window.current_tab() == "social"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Soc&ial services"
    assert rows(tab) == [] and tab.empty.isVisible()
    assert len(window.services.tables) == 1  # the Services tab keeps the courses only
    for step in ("Accepted…", "Completed…", "Refused…", "No response…", "Cancel referral…"):
        assert not button(tab, step).isEnabled()  # nothing chosen

    click(qtbot, button(tab, "Refer…"))
    dialog = tab.dialog
    assert isinstance(dialog, ReferDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    assert dialog.summary.text() == "Нұрпейісова Әлия"
    assert not dialog.no_consent.isVisible() and dialog.ok_button().isEnabled()
    assert dialog.provider.count() == 0  # the service first
    ok(dialog)  # nothing chosen: each problem beside its field, nothing written
    assert dialog.form.problem("service") == "Choose the service."
    assert dialog.form.problem("provider") == "Choose the provider the client is referred to."
    assert dialog.isVisible()
    dialog.choose_service("legal_aid")
    assert [dialog.provider.itemText(i) for i in range(dialog.provider.count())] == [PROVIDER]
    assert dialog.provider.currentText() == PROVIDER  # the only one: chosen
    assert dialog.day.maximumDate() == qdate(DEMO_TODAY)  # never ahead
    referred_on = DEMO_TODAY - timedelta(days=3)
    dialog.day.setDate(qdate(referred_on))
    dialog.note.setPlainText("Пәтер жалдау шарты бойынша кеңес")
    ok(dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_shown(window) == "Referred", timeout=TIMEOUT)
    wait_idle(qtbot)
    [shown] = rows(tab)
    assert shown["Service"] == "Free legal aid" and shown["Provider"] == PROVIDER
    assert shown["Referred"] == i18n.format_date(referred_on)
    assert shown["Answer expected by"] == i18n.format_date(referred_on + timedelta(days=14))
    assert shown["Amount"] == "" and shown["Closed on"] == ""
    assert tab.selected() is not None  # the referral made is the one chosen
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Soc&ial services (1)"
    assert button(tab, "Completed…").isEnabled() and button(tab, "No response…").isEnabled()

    click(qtbot, button(tab, "Accepted…"))
    step = tab.dialog
    assert isinstance(step, StepDialog)
    assert step.windowTitle() == "The provider accepted the referral"
    assert step.summary.text() == f"Нұрпейісова Әлия · Free legal aid — {PROVIDER} · Referred"
    assert step.amount is None  # an amount is a completed referral's
    assert step.day.date() == qdate(DEMO_TODAY)
    accepted_on = DEMO_TODAY - timedelta(days=1)
    step.day.setDate(qdate(accepted_on))
    ok(step)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_shown(window) == "Accepted", timeout=TIMEOUT)
    wait_idle(qtbot)
    [shown] = rows(tab)
    assert shown["Accepted"] == i18n.format_date(accepted_on)
    assert shown["Answer expected by"] == ""  # answered
    assert not button(tab, "Accepted…").isEnabled()
    assert not button(tab, "No response…").isEnabled()

    click(qtbot, button(tab, "Completed…"))
    step = tab.dialog
    assert isinstance(step, StepDialog) and step.amount is not None
    assert step.form.labels["outcome"].text() == "What was &done:"
    assert step.day.minimumDate() == qdate(accepted_on)  # not before it was accepted
    assert step.amount_value() is None and step.amount_text.text() == "none paid"
    step.amount.lineEdit().selectAll()
    qtbot.keyClicks(step.amount, "150000")
    assert step.amount_value() == 150_000
    assert step.amount_text.text() == "150,000 ₸"
    step.outcome.setPlainText("Сотқа арыз жазылды, өкіл тағайындалды")
    ok(step)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_shown(window) == "Completed", timeout=TIMEOUT)
    wait_idle(qtbot)
    [shown] = rows(tab)
    assert shown["Amount"] == "150,000 ₸"
    assert shown["Closed on"] == i18n.format_date(DEMO_TODAY)
    assert shown["Outcome"] == "Сотқа арыз жазылды, өкіл тағайындалды"
    for text in ("Accepted…", "Completed…", "Refused…", "No response…", "Cancel referral…"):
        assert not button(tab, text).isEnabled()  # nothing follows a completed referral
    assert button(tab, "Refer…").isEnabled()

    with database.session() as s:
        referral = s.scalars(select(Referral)).one()
        assert referral.status is ReferralStatus.COMPLETED and referral.amount == 150_000
        assert (referral.referred_on, referral.accepted_on, referral.closed_on) == (
            referred_on, accepted_on, DEMO_TODAY)
        assert referral.caseworker_id == centre.caseworker.user_id
        steps = s.scalars(select(StatusChange.status).where(
            StatusChange.subject_id == referral.id).order_by(StatusChange.created_at)).all()
    assert list(steps) == ["referred", "accepted", "completed"]


def test_a_refusal_needs_the_providers_reason_beside_its_field(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    referral = a_referral(database, centre, days_ago=5)
    window = open_social(qtbot, database, centre)
    tab = window.social
    tab.table.selectRow(0)
    assert tab.selected() is not None and tab.selected().id == referral  # type: ignore[union-attr]
    click(qtbot, button(tab, "Refused…"))
    step = tab.dialog
    assert isinstance(step, StepDialog)
    assert step.form.labels["outcome"].text() == "The provider's r&eason:"
    ok(step)
    assert step.form.problem("outcome") == "Say why, in a few words."
    assert step.isVisible()
    step.outcome.setPlainText("Тіркеу мекенжайы басқа облыста")
    ok(step)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_shown(window) == "Refused", timeout=TIMEOUT)
    assert rows(tab)[0]["Outcome"] == "Тіркеу мекенжайы басқа облыста"


def test_a_step_the_referral_moved_past_meanwhile_is_refused_in_the_dialog(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    a_referral(database, centre, days_ago=5)
    window = open_social(qtbot, database, centre)
    tab = window.social
    tab.table.selectRow(0)
    click(qtbot, button(tab, "No response…"))
    step = tab.dialog
    assert isinstance(step, StepDialog)
    with database.session() as s:  # another caseworker cancelled it meanwhile
        other = s.scalars(select(Referral)).one()
        other.status = ReferralStatus.CANCELLED
    ok(step)
    qtbot.waitUntil(lambda: step.message.isVisible(), timeout=TIMEOUT)
    assert step.isVisible() and step.was_refused
    assert "after you opened it" in step.message.text()  # the step was not recorded
    step.reject()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_shown(window) == "Cancelled", timeout=TIMEOUT)  # read again


def test_a_client_without_consent_is_told_why_and_cannot_be_referred(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    window = open_social(qtbot, database, centre, centre.bolat)
    tab = window.social
    click(qtbot, button(tab, "Refer…"))
    dialog = tab.dialog
    assert isinstance(dialog, ReferDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    assert dialog.no_consent.isVisible()
    assert dialog.no_consent.text() == (
        "The consent of Жұмабаев Болат to the processing of their data is not recorded, and "
        "a referral passes their details to the provider. Record the consent in the Profile "
        "tab first.")
    assert not dialog.ok_button().isEnabled()
    dialog.choose_service("legal_aid")
    dialog.save()  # Enter, say: nothing is sent
    wait_idle(qtbot)
    assert dialog.isVisible()
    with database.session() as s:
        assert s.scalars(select(Referral)).all() == []
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
