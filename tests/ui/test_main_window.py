"""The main window on a demo database, driven as a caseworker would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.services.auth import log_in
from desktop.ui.clients.list_model import PAGE
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import TIMEOUT, wait_idle


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, any script: QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def open_window(qtbot: QtBot, database: Database, login: str = "manager.ast",
                password: str = "qadam-manager") -> MainWindow:
    window = MainWindow(database, log_in(database, login, password))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)  # the first window of rows, the filters' lists and the count are in
    return window


def fetch_all(qtbot: QtBot, model: object) -> None:
    """Scroll to the end, as a user would: each further window arrives off the GUI thread."""
    while model.canFetchMore(model.index(-1, -1)):  # type: ignore[attr-defined]
        model.fetchMore(model.index(-1, -1))  # type: ignore[attr-defined]
        wait_idle(qtbot)


# The Kazakh Cyrillic alphabet as taught, in capitals (the Russian letters keep their
# order; Ә follows А, Ғ Г, Қ К, Ң Н, Ө О, Ұ and Ү У, Һ Х, and І comes between Ы and Ь),
# then Latin for names written only in it. Written out here, not taken from db.collation,
# so that the list's order is checked against the alphabet rather than against itself.
KAZAKH_ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ" "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def in_kazakh_order(name: tuple[str, str]) -> tuple[tuple[int, ...], ...]:
    """Surname, then given name, letter by letter in the alphabet, case-blind."""
    return tuple(tuple(KAZAKH_ALPHABET.index(letter) for letter in word.upper())
                 for word in name)


def test_the_list_opens_with_one_window_of_rows_not_the_whole_table(
        qtbot: QtBot, demo_database: Database, demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        people = {person_id: (surname, given) for person_id, surname, given in
                  connection.execute("SELECT id, surname, given_name FROM person")}
    assert len(KAZAKH_ALPHABET) == 42 + 26
    window = open_window(qtbot, demo_database)
    model = window.model
    assert model.rowCount() == PAGE  # 400 clients in the demo, only the first page loaded
    shown = [people[model.row(i).id.hex] for i in range(model.rowCount())]
    expected = sorted(people.values(), key=in_kazakh_order)
    assert shown == expected[:PAGE]
    # Code-point order would put Ә, Қ, Ұ... after Я: the demo's names tell the two apart.
    assert sorted(people.values())[:PAGE] != expected[:PAGE]
    assert "400" in window.count_label.text()
    fetch_all(qtbot, model)
    assert model.rowCount() == 400


def test_typing_part_of_a_name_finds_the_client(qtbot: QtBot, demo_database: Database,
                                                demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        surname, given, latin = connection.execute(
            "SELECT surname, given_name, surname_latin FROM person WHERE surname <> '' "
            "AND surname_latin <> '' ORDER BY sort_key DESC LIMIT 1").fetchone()
    window = open_window(qtbot, demo_database)
    search = window.clients.search

    type_text(search, latin[:5].lower())
    qtbot.waitUntil(lambda: window.model.text == latin[:5].lower(), timeout=TIMEOUT)
    found = [window.model.row(i).name for i in range(window.model.rowCount())]
    assert any(name.startswith(f"{surname} {given}") for name in found)

    search.clear()
    type_text(search, surname.upper())  # Cyrillic, another case
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.text == surname.upper(), timeout=TIMEOUT)
    found = [window.model.row(i).name for i in range(window.model.rowCount())]
    assert any(name.startswith(f"{surname} {given}") for name in found)


def test_the_last_four_iin_digits_find_the_client_and_enter_opens_their_file(
        qtbot: QtBot, demo_database: Database, demo_path: Path) -> None:
    """What the masked IIN shows (••••••••9722) is what a caseworker types to find someone."""
    window = open_window(qtbot, demo_database)
    with sqlite3.connect(demo_path) as connection:
        iin, person_hex = connection.execute(
            "SELECT iin, id FROM person WHERE iin IS NOT NULL AND office_id = "
            "(SELECT office_id FROM app_user WHERE login = 'manager.ast') LIMIT 1").fetchone()
        holders = connection.execute("SELECT count(*) FROM person WHERE iin LIKE ?",
                                     (f"%{iin[-4:]}%",)).fetchone()[0]
    search = window.clients.search
    type_text(search, iin[-4:])
    qtbot.waitUntil(lambda: window.model.text == iin[-4:], timeout=TIMEOUT)
    wait_idle(qtbot)
    ids = [window.model.row(i).id.hex for i in range(window.model.rowCount())]
    assert person_hex in ids and len(ids) == holders
    # How many matched, counted by the status bar; a ranked list claims no column's order.
    assert window.count_label.text().startswith(f"{holders} client")
    assert not window.clients.table.horizontalHeader().isSortIndicatorShown()

    qtbot.keyClick(search, Qt.Key.Key_Down)  # into the results, on the best match
    assert window.clients.selected_person() == window.model.row(0).id
    with qtbot.waitSignal(window.client_file_opened, timeout=TIMEOUT) as opened:
        qtbot.keyClick(window.clients.table, Qt.Key.Key_Return)
    assert opened.args == [window.model.row(0).id]
    window.client_files[opened.args[0]].close()


def test_switching_language_retranslates_at_once_and_is_remembered(
        qtbot: QtBot, demo_database: Database) -> None:
    from desktop import settings

    window = open_window(qtbot, demo_database)
    window.language_actions["kk"].trigger()
    wait_idle(qtbot)  # labels that come from the data are read again
    header = window.model.headerData(0, Qt.Orientation.Horizontal)
    assert header != "Name" and header
    assert window.language_menu.title() != "&Language"
    assert settings.get("language") == "kk"
    category = window.model.data(window.model.index(0, 4))
    window.language_actions["en"].trigger()
    wait_idle(qtbot)
    assert window.model.data(window.model.index(0, 4)) != category  # labels follow


def test_a_caseworker_sees_only_their_office_and_no_reports(qtbot: QtBot,
                                                            demo_database: Database,
                                                            demo_path: Path) -> None:
    window = open_window(qtbot, demo_database, "cw1.shy", "qadam-caseworker")
    with sqlite3.connect(demo_path) as connection:
        theirs = connection.execute(
            "SELECT count(*) FROM person JOIN office ON office.id = person.office_id "
            "WHERE office.code = 'SHY'").fetchone()[0]
    fetch_all(qtbot, window.model)
    assert window.model.rowCount() == theirs < 400
    assert [key for key, _title, _screen in window.sections] == [
        "today", "clients", "courses", "employment", "social"]
    assert "cw1.shy" not in window.user_label.text() and "SHY" in window.user_label.text()


def test_filters_sorting_and_masked_iins(qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database)
    view = window.clients
    view.category.setCurrentIndex(view.category.findData("kandas"))
    qtbot.waitUntil(lambda: window.model.query.category == "kandas", timeout=TIMEOUT)
    rows = [window.model.row(i) for i in range(window.model.rowCount())]
    assert rows and all(row.category == view.category.currentText() for row in rows)
    iins = [window.model.data(window.model.index(i, 3)) for i in range(window.model.rowCount())]
    assert any(iins) and all(not iin or iin.startswith("••••••••") for iin in iins)

    window.model.sort(2, Qt.SortOrder.DescendingOrder)  # birth date, youngest first
    wait_idle(qtbot)
    births = [window.model.row(i).birth_date for i in range(window.model.rowCount())]
    births = [b for b in births if b is not None]
    assert births == sorted(births, reverse=True)


def test_the_filtered_list_is_exported_to_xlsx(qtbot: QtBot, demo_database: Database,
                                               tmp_path: Path) -> None:
    import openpyxl

    window = open_window(qtbot, demo_database)
    view = window.clients
    view.region.setCurrentIndex(view.region.findData("71"))
    qtbot.waitUntil(lambda: window.model.query.region == "71", timeout=TIMEOUT)
    fetch_all(qtbot, window.model)
    target = tmp_path / "astana.xlsx"
    with qtbot.waitSignal(view.export_finished, timeout=TIMEOUT):
        view.export_to(target)
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row - 1 == window.model.rowCount()
    # The import template's columns; a manager's export has the IINs whole (column F).
    iins = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True) if row[5]]
    assert iins and all(str(iin).isdigit() and len(str(iin)) == 12 for iin in iins)


def test_new_client_opens_intake_and_a_created_client_opens_their_file(
        qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database, "cw1.ast", "qadam-caseworker")
    window.new_client_action.trigger()
    assert window.intake.isVisible()
    person = window.model.row(0).id
    window.intake.client_created.emit(person)  # as the form does after saving
    qtbot.waitUntil(lambda: person in window.client_files, timeout=TIMEOUT)
    assert person in window.client_files and window.client_files[person].isVisible()
    window.intake.discard()
    window.client_files[person].close()


def test_a_consultation_from_the_client_file_and_the_today_screen(
        qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database, "cw1.ast", "qadam-caseworker")
    assert window.screens.currentWidget() is window.today  # the day starts with Today
    person = window.model.row(0).id
    window.open_client_file(person, "consultations")
    window.open_client_file(person, "consultations")  # a double click: still one window
    qtbot.waitUntil(lambda: person in window.client_files, timeout=TIMEOUT)
    wait_idle(qtbot)
    file_window = window.client_files[person]
    assert file_window.file is not None and file_window.isVisible()  # filled when shown
    assert file_window.current_tab() == "consultations"
    file_window.new_consultation_requested.emit(person)
    assert window.consultation_dialog.isVisible()
    window.consultation_dialog.saved.emit(None)  # as the dialog does after saving
    window.consultation_dialog.close()
    file_window.close()


def test_the_window_remembers_its_layout(qtbot: QtBot, demo_database: Database) -> None:
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName("Qadam-tests")
    window = open_window(qtbot, demo_database)
    window.clients.table.setColumnWidth(0, 333)
    window.today.splitter.setSizes([300, 100, 100])
    sizes = window.today.splitter.sizes()
    window.close()
    again = open_window(qtbot, demo_database)
    assert again.clients.table.columnWidth(0) == 333
    # The same shares of the height: the status line above may take a few pixels or none.
    again_sizes = again.today.splitter.sizes()
    assert [round(part / sum(again_sizes), 2) for part in again_sizes] == [
        round(part / sum(sizes), 2) for part in sizes]


def test_switching_language_after_closing_dialogs(qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database, "cw1.ast", "qadam-caseworker")
    window.new_client()
    window.intake.discard()
    qtbot.wait(10)
    window.language_actions["ru"].trigger()  # no error from the closed form
    assert window.navigation.item(0).text() == "Сегодня"


def test_log_out_closes_the_window_for_the_next_login_and_help_speaks_the_users_language(
        qtbot: QtBot, demo_database: Database) -> None:
    from desktop import i18n
    from desktop.ui.help import about_text

    window = open_window(qtbot, demo_database, "cw1.ast", "qadam-caseworker")
    window.language_actions["kk"].trigger()
    wait_idle(qtbot)
    window.guide_action.trigger()
    assert "қысқаша нұсқаулық" in window.guide.browser.toPlainText()
    window.language_actions["ru"].trigger()  # an open guide follows the switch
    assert "краткое руководство" in window.guide.browser.toPlainText()
    i18n.set_language("en")
    assert demo_database.location in about_text(demo_database.location)

    window.log_out_action.trigger()
    assert window.logged_out and not window.isVisible()


def test_the_client_count_shows_with_the_client_list_only(qtbot: QtBot,
                                                          demo_database: Database) -> None:
    window = open_window(qtbot, demo_database, "cw1.shy", "qadam-caseworker")
    window.show_section("clients")
    assert window.count_label.isVisible()
    window.show_section("social")
    assert not window.count_label.isVisible()  # it spoke of the client list, not of this
    window.show_section("clients")
    assert window.count_label.isVisible()
