"""The new-client dialog, filled in as a caseworker would, on real widgets."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Case, CaseStatus, Office, Person, Role, User
from db.session import Database
from desktop import i18n
from desktop.domain.iin import IinProblem
from desktop.services.auth import Actor
from desktop.services.intake import (
    IntakeProblem,
    InvalidClient,
    InvalidIin,
    NewClient,
    register_client,
)
from desktop.ui import operations
from desktop.ui.intake import IntakeDialog
from tests.ui.conftest import TIMEOUT, wait_idle

TODAY = date(2026, 3, 10)
VALID_IIN = "900101400013"  # encodes 1 January 1990, a woman
BAD_CHECK_DIGIT = "900101400014"


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, any script: QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


@dataclass
class Center:
    ast: Actor
    ala: Actor


@pytest.fixture
def center(database: Database) -> Center:
    with database.session() as session:
        actors = []
        for code, region in (("AST", "71"), ("ALA", "75")):
            office = Office(code=code, name=f"Office {code}", region_code=region)
            session.add(office)
            session.flush()
            user = User(login=f"cw.{code.lower()}", full_name=f"Caseworker {code}",
                        role=Role.CASEWORKER, office_id=office.id)
            session.add(user)
            session.flush()
            actors.append(Actor(user.id, user.login, user.full_name, Role.CASEWORKER,
                                office.id, code, office.name))
    return Center(*actors)


def open_dialog(qtbot: QtBot, database: Database, actor: Actor) -> IntakeDialog:
    dialog = IntakeDialog(database, actor, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_idle(qtbot)  # the form's lists have arrived
    return dialog


def fill(qtbot: QtBot, dialog: IntakeDialog, *, surname: str = "Нұрпейісова",
         given_name: str = "Әлия", iin: str = VALID_IIN, birth: str = "01.01.1990",
         category: str = "kandas", sex: str = "F", consent: bool = True) -> None:
    form = dialog.form
    form.category.set_value(category)
    type_text(form.surname, surname)
    type_text(form.given_name, given_name)
    qtbot.keyClicks(form.iin.edit, iin)
    form.birth_date.selectAll()  # the IIN may have filled it: typed over, as a user would
    qtbot.keyClicks(form.birth_date, birth)
    form.sex.set_value(sex)
    if consent:
        qtbot.mouseClick(form.consent, Qt.MouseButton.LeftButton)


def save(qtbot: QtBot, dialog: IntakeDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def count(database: Database, model: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_client_with_a_valid_iin_is_registered_with_an_open_case(
        qtbot: QtBot, database: Database, center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    fill(qtbot, dialog)
    type_text(dialog.form.locality, "Қосшы")
    qtbot.keyClicks(dialog.form.phone, "+7 701 123 45 67")
    assert dialog.form.surname_latin.text() == "Nurpeiisova"  # followed the Cyrillic as typed
    assert dialog.form.region.value() == "71"  # the office's region, until changed
    with qtbot.waitSignal(dialog.client_created, timeout=TIMEOUT) as created:
        save(qtbot, dialog)
    person_id = created.args[0]
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    with database.session() as session:
        person = session.get(Person, person_id)
        assert (person.surname, person.given_name, person.surname_latin, person.given_name_latin,
                person.iin, person.birth_date, person.sex, person.category_code) == (
            "Нұрпейісова", "Әлия", "Nurpeiisova", "Aliya", VALID_IIN, date(1990, 1, 1), "F",
            "kandas")
        assert (person.locality, person.phone, person.region_code) == (
            "Қосшы", "+77011234567", "71")  # the phone as E.164
        assert (person.office_id, person.consent_date, person.consent_form_code,
                person.consent_recorded_by) == (center.ast.office_id, TODAY, "written",
                                                center.ast.user_id)
        case = session.scalars(select(Case).where(Case.person_id == person_id)).one()
        assert (case.status, case.office_id, case.caseworker_id, case.opened_on) == (
            CaseStatus.OPEN, center.ast.office_id, center.ast.user_id, TODAY)


def test_an_invalid_iin_is_explained_beside_the_field_and_saving_is_refused(
        qtbot: QtBot, database: Database, center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    iin = dialog.form.iin
    qtbot.keyClicks(iin.edit, "90010")
    assert iin.problem.isHidden()  # still typing: "too short" would only nag
    qtbot.keyClicks(iin.edit, "x")
    assert iin.problem.isVisible() and iin.problem.text() == "An IIN holds digits only."
    iin.edit.clear()
    fill(qtbot, dialog, iin=BAD_CHECK_DIGIT)
    assert iin.problem.isVisible()
    assert "last digit of this IIN does not match" in iin.problem.text()
    assert "last digit" in iin.edit.accessibleDescription()  # read out by screen readers

    save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Correct the marked field" in dialog.banner.text(),
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    assert dialog.isVisible() and dialog.pages.currentIndex() == 0
    assert dialog.banner.isVisible()
    assert iin.edit.hasFocus()
    assert count(database, Person) == 0


def test_a_birth_date_the_iin_disagrees_with_warns_but_saves(
        qtbot: QtBot, database: Database, center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    fill(qtbot, dialog, birth="02.01.1990")
    warning = dialog.form.iin.warning
    assert warning.isVisible()
    assert "The IIN suggests the birth date" in warning.text() and "1990" in warning.text()
    assert dialog.form.iin.problem.isHidden()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.client_created, timeout=TIMEOUT) as created:
        qtbot.keySequence(dialog.form.sex, "Ctrl+S")  # wherever the focus is
    with database.session() as session:
        assert session.get(Person, created.args[0]).birth_date == date(1990, 1, 2)


def register_existing(database: Database, actor: Actor) -> uuid.UUID:
    return register_client(database, actor, NewClient(
        surname="Нұрпейісова", given_name="Әлия", category_code="kandas",
        office_id=actor.office_id, birth_date=date(1990, 1, 1), sex="F", iin=VALID_IIN,
        consent_date=TODAY, consent_form_code="written"), TODAY)


def type_latin_namesake(qtbot: QtBot, dialog: IntakeDialog) -> None:
    """The same woman, her surname typed only as in her passport; no IIN at hand."""
    form = dialog.form
    form.category.set_value("kandas")
    type_text(form.given_name, "Алия")
    qtbot.keyClicks(form.surname_latin, "NURPEIISOVA")
    form.given_name_latin.selectAll()
    qtbot.keyClicks(form.given_name_latin, "ALIYA")
    qtbot.keyClicks(form.birth_date, "01.01.1990")
    form.sex.set_value("F")
    qtbot.mouseClick(form.consent, Qt.MouseButton.LeftButton)


def test_a_namesake_typed_in_latin_is_offered_and_its_file_opened(
        qtbot: QtBot, database: Database, center: Center) -> None:
    existing = register_existing(database, center.ast)
    dialog = open_dialog(qtbot, database, center.ast)
    type_latin_namesake(qtbot, dialog)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=TIMEOUT)
    panel = dialog.duplicates
    row = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert row[:2] == ["Нұрпейісова Әлия", "Nurpeiisova Aliya"]
    assert "1990" in row[2] and row[3] == "••••••••0013" and row[4] == "AST"
    assert not dialog.save_button.isVisible()
    with qtbot.waitSignal(dialog.open_existing, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [existing]
    assert not dialog.isVisible()
    assert count(database, Person) == 1  # nothing created


def test_create_anyway_registers_the_namesake(qtbot: QtBot, database: Database,
                                              center: Center) -> None:
    register_existing(database, center.ast)
    dialog = open_dialog(qtbot, database, center.ast)
    type_latin_namesake(qtbot, dialog)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.client_created, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.duplicates.create_button, Qt.MouseButton.LeftButton)
    assert count(database, Person) == 2


def test_another_offices_namesake_is_shown_but_cannot_be_opened(
        qtbot: QtBot, database: Database, center: Center) -> None:
    register_existing(database, center.ast)
    dialog = open_dialog(qtbot, database, center.ala)
    type_latin_namesake(qtbot, dialog)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=TIMEOUT)
    panel = dialog.duplicates
    assert not panel.open_button.isEnabled()
    assert "AST" in panel.note.text()
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0 and dialog.save_button.isEnabled()


def test_an_iin_already_registered_offers_to_open_that_file(
        qtbot: QtBot, database: Database, center: Center) -> None:
    existing = register_existing(database, center.ast)
    dialog = open_dialog(qtbot, database, center.ast)
    fill(qtbot, dialog, surname="Серікова", given_name="Айгүл", birth="")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=TIMEOUT)
    panel = dialog.duplicates
    assert panel.title.text() == "This IIN is already registered"
    assert VALID_IIN in panel.explanation.text() and panel.create_button.isHidden()
    with qtbot.waitSignal(dialog.open_existing, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [existing]
    assert count(database, Person) == 1


def test_without_consent_save_stays_disabled(qtbot: QtBot, database: Database,
                                             center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    fill(qtbot, dialog, consent=False)
    wait_idle(qtbot)  # whose IIN it is has been asked (nobody's)
    assert not dialog.save_button.isEnabled()
    assert not dialog.form.consent_date.isEnabled()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=TIMEOUT)
    qtbot.keySequence(dialog.form.sex, "Ctrl+S")  # the shortcut does not get round it
    qtbot.waitUntil(lambda: dialog.banner.text() == "Record the client's consent first.",
                    timeout=TIMEOUT)
    assert not operations.busy()  # refused before anything was sent to the database
    wait_idle(qtbot)
    assert count(database, Person) == 0 and dialog.isVisible()
    qtbot.mouseClick(dialog.form.consent, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled() and dialog.form.consent_date.text() == "10.03.2026"
    qtbot.mouseClick(dialog.form.consent, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()


def test_required_fields_follow_the_category(qtbot: QtBot, database: Database,
                                             center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    form = dialog.form
    assert form.problems["given_name"].isHidden()  # not nagged before a first try
    form.category.set_value("returning_citizen")
    assert form.labels["iin"].text().endswith("*")
    assert form.citizenship.value() == "KZ"  # a citizen: filled in
    form.category.set_value("labour_migrant_permit")
    assert not form.labels["iin"].text().endswith("*")
    assert form.labels["citizenship"].text().endswith("*")
    assert form.citizenship.value() is None  # the filled-in KZ went with the category
    form.category.set_value("returning_citizen")
    fill(qtbot, dialog, category="returning_citizen", iin="")
    save(qtbot, dialog)
    assert form.iin.problem.isVisible() and form.iin.problem.text() == "Enter the IIN."
    wait_idle(qtbot)
    assert count(database, Person) == 0


def test_impossible_dates_are_refused_with_a_message(qtbot: QtBot, database: Database,
                                                     center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    form = dialog.form
    fill(qtbot, dialog, iin="", birth="11.03.2026")
    assert form.problems["birth_date"].text() == "This date is still to come."
    form.birth_date.clear()
    qtbot.keyClicks(form.birth_date, "01.01.1990")
    qtbot.keyClicks(form.arrival_date, "31.12.1989")
    assert form.problems["arrival_date"].text() == "This date is before the birth date."
    form.arrival_date.clear()
    qtbot.keyClicks(form.arrival_date, "31.13.2020")
    assert form.problems["arrival_date"].text() == "Write the date as dd.mm.yyyy."
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Correct the marked field" in dialog.banner.text(),
                    timeout=TIMEOUT)
    assert not operations.busy()  # refused before anything was sent to the database
    wait_idle(qtbot)
    assert count(database, Person) == 0 and dialog.isVisible()
    assert form.problems["arrival_date"].text() == "Write the date as dd.mm.yyyy."
    form.arrival_date.clear()
    qtbot.keyClicks(form.arrival_date, "15062020")
    with qtbot.waitSignal(dialog.client_created, timeout=TIMEOUT) as created:
        save(qtbot, dialog)
    with database.session() as session:
        assert session.get(Person, created.args[0]).arrival_date == date(2020, 6, 15)


def test_the_latin_spelling_follows_until_typed_by_hand(qtbot: QtBot, database: Database,
                                                        center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    form = dialog.form
    type_text(form.given_name, "Жанар")
    assert form.given_name_latin.text() == "Zhanar"
    form.given_name_latin.selectAll()
    qtbot.keyClicks(form.given_name_latin, "Janar")
    type_text(form.given_name, "а")
    assert form.given_name_latin.text() == "Janar"  # the user's own spelling is kept


def keyboard(qtbot: QtBot, keys: list[str | Qt.Key]) -> None:
    """Keys as the user sends them: to an open completer popup first, as Qt routes them."""
    for key in keys:
        qtbot.keyClick(QApplication.activePopupWidget() or QApplication.focusWidget(), key)


def test_a_country_is_found_by_typing_part_of_its_name(qtbot: QtBot, database: Database,
                                                       center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    dialog.activateWindow()
    combo = dialog.form.citizenship
    combo.setFocus()
    qtbot.waitUntil(combo.lineEdit().hasFocus, timeout=TIMEOUT)
    combo.lineEdit().selectAll()
    keyboard(qtbot, [*"uzbek", Qt.Key.Key_Tab])
    assert combo.value() == "UZ" and combo.currentText() == "Uzbekistan"
    assert dialog.form.country_of_origin.hasFocus()  # Tab went on to the next field
    combo.setFocus()
    combo.lineEdit().selectAll()
    keyboard(qtbot, [*"Atlantis", Qt.Key.Key_Tab])
    assert combo.value() == "UZ" and combo.currentText() == "Uzbekistan"  # never free text


def test_escape_keeps_a_typed_form_until_pressed_twice(qtbot: QtBot, database: Database,
                                                       center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    type_text(dialog.form.given_name, "Әлия")
    qtbot.keyClick(dialog.form.given_name, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.banner.isVisible()
    qtbot.keyClick(dialog.form.given_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_switching_language_relabels_the_form_and_its_lists(
        qtbot: QtBot, database: Database, center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    dialog.form.category.set_value("kandas")
    dialog.form.citizenship.set_value("CN")
    i18n.set_language("ru")
    dialog.retranslate()
    assert dialog.form.citizenship.currentText() == "Китай"  # from the catalogue, at once
    # The categories' labels come from the database, off the GUI thread.
    qtbot.waitUntil(lambda: dialog.form.category.currentText() == "Кандас", timeout=TIMEOUT)
    assert dialog.form.citizenship.currentText() == "Китай"
    assert dialog.form.category.value() == "kandas"


def test_while_saving_save_and_cancel_wait_for_the_database(
        qtbot: QtBot, database: Database, center: Center,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import intake

    release = threading.Event()
    real = intake.register_client

    def slow(*args: object, **kwargs: object) -> uuid.UUID:
        release.wait(TIMEOUT / 1000)  # bounded: a failing test never leaves the writer stuck
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intake, "register_client", slow)
    dialog = open_dialog(qtbot, database, center.ast)
    fill(qtbot, dialog)
    try:
        save(qtbot, dialog)
        qtbot.waitUntil(dialog.saving, timeout=TIMEOUT)  # past the duplicate check
        assert not dialog.save_button.isEnabled() and not dialog.cancel_button.isEnabled()
        assert not dialog.form.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a write is not abandoned halfway
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
    finally:
        release.set()
    with qtbot.waitSignal(dialog.client_created, timeout=TIMEOUT):
        pass
    assert count(database, Person) == 1 and not dialog.isVisible()


@pytest.mark.parametrize(("refusal", "field"), [
    (lambda: InvalidClient({"birth_date": IntakeProblem.FUTURE_DATE}), "birth_date"),
    (lambda: InvalidIin(IinProblem.CHECK_DIGIT), "iin")])
def test_a_field_the_service_refuses_is_marked_beside_it(
        qtbot: QtBot, database: Database, center: Center, monkeypatch: pytest.MonkeyPatch,
        refusal: Callable[[], Exception], field: str) -> None:
    from desktop.services import intake, messages

    def refuse(*_args: object, **_kwargs: object) -> uuid.UUID:
        raise refusal()  # the service's rules disagree with the form's (midnight passed...)

    monkeypatch.setattr(intake, "register_client", refuse)
    dialog = open_dialog(qtbot, database, center.ast)
    fill(qtbot, dialog)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Correct the marked field" in dialog.banner.text(),
                    timeout=TIMEOUT)
    expected = messages.describe(InvalidIin(IinProblem.CHECK_DIGIT)) if field == "iin" else (
        intake.problem_text(IntakeProblem.FUTURE_DATE))
    shown = dialog.form.iin.problem if field == "iin" else dialog.form.problems[field]
    assert shown.isVisible() and shown.text() == expected
    assert dialog.isVisible() and dialog.pages.currentIndex() == 0
    assert dialog.save_button.isEnabled()  # correct it and try again
    assert count(database, Person) == 0


def test_an_iin_registered_at_another_office_offers_no_file_to_open(
        qtbot: QtBot, database: Database, center: Center) -> None:
    register_existing(database, center.ast)
    dialog = open_dialog(qtbot, database, center.ala)
    fill(qtbot, dialog, surname="Серікова", given_name="Айгүл", birth="")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=TIMEOUT)
    panel = dialog.duplicates
    assert panel.title.text() == "This IIN is already registered"
    assert not panel.open_button.isEnabled() and "another office" in panel.note.text()
    assert count(database, Person) == 1


def test_a_valid_iin_fills_an_empty_birth_date_and_sex_but_never_overwrites(
        qtbot: QtBot, database: Database, center: Center) -> None:
    dialog = open_dialog(qtbot, database, center.ast)
    form = dialog.form
    qtbot.keyClicks(form.iin.edit, "85031230972")  # 11 digits: nothing to fill yet
    assert form.birth_date.text() == "" and form.sex.value() is None
    qtbot.keyClicks(form.iin.edit, "2")  # 850312309722: 12 March 1985, a man
    assert form.birth_date.value() == date(1985, 3, 12) and form.sex.value() == "M"

    form.iin.edit.clear()
    form.birth_date.setText("01.01.1984")
    form.sex.set_value("F")
    qtbot.keyClicks(form.iin.edit, "850312309722")
    assert form.birth_date.value() == date(1984, 1, 1) and form.sex.value() == "F"
    assert form.iin.warning.text()  # the disagreement is a warning, for the user to settle


def test_an_iin_already_registered_is_said_as_soon_as_it_is_typed(
        qtbot: QtBot, database: Database, center: Center) -> None:
    existing = register_existing(database, center.ast)
    dialog = open_dialog(qtbot, database, center.ast)
    iin = dialog.form.iin
    qtbot.keyClicks(iin.edit, VALID_IIN[:-1])
    wait_idle(qtbot)
    assert not iin.holder_text.isVisibleTo(dialog)  # 11 digits: nobody's yet
    qtbot.keyClicks(iin.edit, VALID_IIN[-1])
    qtbot.waitUntil(lambda: iin.holder is not None, timeout=TIMEOUT)
    assert "registered to" in iin.holder_text.text() and iin.holder_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.open_existing, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(iin.holder_button, Qt.MouseButton.LeftButton)
    assert opened.args == [existing]


def test_the_same_name_and_iin_is_one_person_not_a_similar_one_to_create_anyway(
        qtbot: QtBot, database: Database, center: Center) -> None:
    register_existing(database, center.ast)
    dialog = open_dialog(qtbot, database, center.ast)
    fill(qtbot, dialog)  # the very person: same names, birth date and IIN
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=TIMEOUT)
    wait_idle(qtbot)
    panel = dialog.duplicates
    assert panel.title.text() == "This IIN is already registered"
    assert panel.create_button.isHidden()
    assert count(database, Person) == 1
