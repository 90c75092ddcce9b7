"""The client file window on the demo database, driven as a caseworker would."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from db.models import AuditEntry, Person, User
from db.session import Database
from desktop import i18n
from desktop.domain.iin import check_iin
from desktop.services import messages
from desktop.services.auth import Actor, log_in
from desktop.services.client_file import Urgency
from desktop.ui.client_file import TABS, ClientFileWindow
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, any script: QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def demo_person(demo_path: Path, where: str = "1", *args: Any, office: str = "AST") -> uuid.UUID:
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            f"SELECT p.id FROM person p JOIN office o ON o.id = p.office_id "
            f"WHERE o.code = ? AND ({where}) ORDER BY p.sort_key LIMIT 1", (office, *args)
        ).fetchone()
    assert row
    return uuid.UUID(row[0])


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")




def open_file(qtbot: QtBot, database: Database, actor: Actor, person: uuid.UUID,
              tab: str = "profile") -> ClientFileWindow:
    return open_client_file(qtbot, database, actor, person, tab)  # type: ignore[return-value]


def test_the_file_opens_at_the_asked_tab_with_the_client_in_the_header(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = demo_person(demo_path, "p.iin IS NOT NULL AND p.id IN (SELECT person_id FROM "
                                    "consultation GROUP BY person_id HAVING count(*) >= 2)")
    window = open_file(qtbot, demo_database, caseworker, person, "consultations")
    assert window.current_tab() == "consultations"
    assert window.tabs.currentWidget() is window.consultations
    file = window.file
    assert file is not None
    assert window.consultations.table.rowCount() == len(file.consultations) >= 2
    first = window.consultations.table.item(0, 0).text()
    assert first == i18n.format_datetime(file.consultations[0].held_at)  # newest first
    facts = window.header.facts.text()
    iin = file.profile.values["iin"]
    assert file.header.iin_masked in facts and iin not in facts
    assert file.header.category in facts and window.header.name.text() == file.header.name
    for key in TABS:
        window.show_tab(key)
        assert window.current_tab() == key
    with pytest.raises(ValueError):
        window.show_tab("nowhere")


def test_editing_a_field_and_saving_writes_it_and_the_history_lists_the_change(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = demo_person(demo_path)
    window = open_file(qtbot, demo_database, caseworker, person)
    profile = window.profile
    assert not profile.is_dirty() and not window.isWindowModified()
    profession = profile.fields["profession"]
    profession.clear()
    type_text(profession, "Тігінші")
    assert profile.is_dirty() and window.isWindowModified()
    assert profile.save_button.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)  # saved, then the file reloaded by the change it announced

    assert not profile.is_dirty() and not window.isWindowModified()
    with demo_database.session() as session:
        assert session.get(Person, person).profession == "Тігінші"
        entry = session.scalars(select(AuditEntry).where(  # the demo logged the registration
            AuditEntry.record_id == person, AuditEntry.action == "update")).one()
    assert entry.user_id == caseworker.user_id
    assert entry.changes["profession"][1] == "Тігінші"
    lines = window.history.lines()
    assert caseworker.full_name in lines[0] and "Changed" in lines[0]
    assert any("Profession:" in line and "→ Тігінші" in line for line in lines)


def test_an_invalid_iin_is_explained_beside_the_field_and_not_saved(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = demo_person(demo_path, "p.iin IS NOT NULL")
    window = open_file(qtbot, demo_database, caseworker, person)
    profile = window.profile
    iin = profile.original["iin"]
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    field = profile.fields["iin"]
    field.clear()
    qtbot.keyClicks(field, wrong)
    expected = messages.iin_problem(check_iin(wrong).problem)  # type: ignore[arg-type]
    assert profile.problem_labels["iin"].text() == expected
    assert field.accessibleDescription() == expected

    assert profile.save() is False
    assert "Correct the marked fields" in profile.status.text()
    with demo_database.session() as session:
        assert session.get(Person, person).iin == iin
    field.clear()
    qtbot.keyClicks(field, iin[:5])  # too short: another reason, at once
    assert profile.problem_labels["iin"].text() == messages.iin_problem(
        check_iin(iin[:5]).problem)  # type: ignore[arg-type]


def test_an_iin_that_disagrees_with_the_birth_date_only_warns(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = demo_person(demo_path, "p.iin IS NOT NULL AND p.birth_date IS NOT NULL")
    window = open_file(qtbot, demo_database, caseworker, person)
    profile = window.profile
    born = profile.original["birth_date"]
    profile.set_value("birth_date", born.replace(year=born.year - 2, day=1))
    assert "suggests" in profile.problem_labels["iin"].text()
    assert "iin" not in profile.problems()
    with qtbot.waitSignal(profile.saved, timeout=TIMEOUT):
        assert profile.save() is True
    with demo_database.session() as session:
        assert session.get(Person, person).birth_date == born.replace(year=born.year - 2, day=1)


def test_a_save_over_someone_elses_newer_change_shows_who_and_offers_reload(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = demo_person(demo_path)
    window = open_file(qtbot, demo_database, caseworker, person)
    with demo_database.session() as session:
        colleague = session.scalar(select(User).where(User.login == "cw2.ast"))
        colleague_id, colleague_name = colleague.id, colleague.full_name
    with demo_database.session(colleague_id) as session:  # another caseworker, meanwhile
        session.get(Person, person).locality = "Қосшы"

    profile = window.profile
    profile.fields["locality"].setText("Талдықорған")
    profile.save()
    qtbot.waitUntil(lambda: profile.banner.isVisibleTo(window), timeout=TIMEOUT)
    assert colleague_name in profile.banner_text.text()
    assert profile.reload_button.isVisibleTo(window)
    with demo_database.session() as session:
        assert session.get(Person, person).locality == "Қосшы"

    qtbot.mouseClick(profile.reload_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not profile.banner.isVisibleTo(window)
    assert profile.fields["locality"].text() == "Қосшы" and not profile.is_dirty()


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_closing_with_unsaved_changes_asks_first(qtbot: QtBot, demo_database: Database,
                                                 demo_path: Path, caseworker: Actor,
                                                 answer: str) -> None:
    person = demo_person(demo_path)
    window = open_file(qtbot, demo_database, caseworker, person)
    window.profile.fields["messenger"].setText("@aliya_kz")
    asked: list[bool] = []
    closed: list[object] = []
    window.closed.connect(closed.append)

    def ask() -> str:
        asked.append(True)
        return answer

    window.ask_unsaved = ask  # type: ignore[method-assign]
    window.close()
    wait_idle(qtbot)  # a save on the way out closes the window once it is stored
    assert asked == [True]
    with demo_database.session() as session:
        stored = session.get(Person, person).messenger
    if answer == "cancel":
        assert window.isVisible() and not closed and window.profile.is_dirty()
    else:
        assert closed == [person] and (not isValid(window) or not window.isVisible())
        assert stored == ("@aliya_kz" if answer == "save" else "")


def test_closing_without_changes_does_not_ask(qtbot: QtBot, demo_database: Database,
                                              demo_path: Path, caseworker: Actor) -> None:
    window = open_file(qtbot, demo_database, caseworker, demo_person(demo_path))
    window.ask_unsaved = lambda: pytest.fail("asked")  # type: ignore[method-assign]
    with qtbot.waitSignal(window.closed):
        window.close()


def test_a_caseworker_of_another_office_sees_no_file(qtbot: QtBot, demo_database: Database,
                                                     demo_path: Path) -> None:
    almaty = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    window = open_file(qtbot, demo_database, almaty, demo_person(demo_path))
    assert window.file is None
    assert window.denied.isVisibleTo(window) and not window.tabs.isVisibleTo(window)
    assert "another office" in window.denied.text()


def test_documents_flag_expiry_in_words_not_only_colour(qtbot: QtBot, demo_database: Database,
                                                        demo_path: Path,
                                                        caseworker: Actor) -> None:
    person = demo_person(demo_path, "p.id IN (SELECT person_id FROM document WHERE "
                                    "expires_on < ?)", DEMO_TODAY.isoformat())
    window = open_file(qtbot, demo_database, caseworker, person, "documents")
    table = window.documents.table
    assert window.file is not None
    late = [i for i, d in enumerate(window.file.documents) if d.urgency is Urgency.LATE]
    assert late
    marker = table.item(late[0], table.columnCount() - 1)
    assert marker.text().startswith("Expired")
    assert marker.foreground().color().name() == "#b00020"


def test_household_member_opens_on_double_click_and_new_consultation_on_shortcut(
        qtbot: QtBot, demo_database: Database, demo_path: Path) -> None:
    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    person = demo_person(demo_path, "p.id IN (SELECT person_id FROM household_link)")
    window = open_file(qtbot, demo_database, manager, person, "household")
    table = window.household.table
    assert table.rowCount() >= 1
    member = window.file.household[0] if window.file else None
    assert member is not None and member.relationship
    rect = table.visualItemRect(table.item(0, 0))
    with qtbot.waitSignal(window.open_person) as opened:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [member.person_id]

    with qtbot.waitSignal(window.new_consultation_requested) as requested:
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
    assert requested.args == [person]


def test_switching_language_relabels_the_file_and_keeps_unsaved_edits(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    window = open_file(qtbot, demo_database, caseworker, demo_person(demo_path))
    window.profile.fields["address"].setText("Абай даңғылы, 10")
    category = window.profile.fields["category_code"]
    english = (window.header.facts.text(), category.currentText())  # type: ignore[attr-defined]
    i18n.set_language("ru")
    window.retranslate()
    wait_idle(qtbot)
    russian = (window.header.facts.text(), category.currentText())  # type: ignore[attr-defined]
    assert all(a != b for a, b in zip(english, russian, strict=True))  # labels from the data
    assert window.profile.fields["address"].text() == "Абай даңғылы, 10"
    assert window.profile.is_dirty()


def test_print_record_previews_the_chosen_consultation_in_the_clients_language(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    from desktop.ui.reports.consultation_record_dialog import ConsultationRecordDialog

    person = demo_person(demo_path, "p.id IN (SELECT person_id FROM consultation)")
    window = open_file(qtbot, demo_database, caseworker, person, "consultations")
    tab = window.consultations
    assert not tab.print_button.isEnabled()  # nothing chosen yet
    tab.table.selectRow(0)
    assert tab.print_button.isEnabled()
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, ConsultationRecordDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=10000)
    assert window.file is not None
    assert dialog.record.language == window.file.preferred_language  # type: ignore[union-attr]
    assert dialog.record.held_at == window.file.consultations[0].held_at  # type: ignore[union-attr]
    dialog.reject()
