"""The import wizard, driven as a caseworker would, on real widgets and a real database:
the file read, its columns mapped, every row checked, the valid rows imported."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Case, CaseStatus, Office, Person, Role, User
from db.session import Database
from desktop import i18n
from desktop.domain.iin import make_iin
from desktop.services.auth import Actor
from desktop.services.transfer.importing import Preview
from desktop.services.transfer.reading import FileProblem, UnreadableFile
from desktop.ui import operations
from desktop.ui.clients.import_wizard import CHECK, COLUMNS, DONE, FILE, ImportWizard
from desktop.ui.clients.list_view import ClientListView
from desktop.ui.operations import Operation
from tests.ui.conftest import TIMEOUT, wait_idle

BIRTHS = (date(1990, 1, 1), date(1985, 5, 12), date(1979, 11, 25), date(2001, 7, 3))
IINS = [make_iin(birth, sex, 4001 + n) for n, (birth, sex) in
        enumerate(zip(BIRTHS, ("F", "M", "M", "F"), strict=True))]
BAD_IIN = IINS[2][:-1] + str((int(IINS[2][-1]) + 1) % 10)  # the check digit is wrong


@pytest.fixture
def caseworker(database: Database) -> Actor:
    with database.session() as session:
        office = Office(code="AST", name="Office AST", region_code="71")
        session.add(office)
        session.flush()
        user = User(login="cw.ast", full_name="Caseworker AST", role=Role.CASEWORKER,
                    office_id=office.id)
        session.add(user)
        session.flush()
        return Actor(user.id, user.login, user.full_name, Role.CASEWORKER, office.id,
                     office.code, office.name)


def kazakh_file(folder: Path) -> Path:
    """Kazakh and Russian headers as a center's own register has them; «Откуда» is a
    header nobody knows."""
    path = folder / "тіркелім.csv"
    path.write_text(
        "Фамилия;Аты;ЖСН;Туған күні;Жынысы;Санаты;Откуда\n"
        f"Нұрпейісова;Әлия;{IINS[0]};01.01.1990;Ж;Қандас;Өзбекстан\n"
        f"Иванов;Пётр;{IINS[1]};12.05.1985;М;кандас;Марс\n",
        encoding="utf-8-sig")
    return path


def russian_file(folder: Path, third_iin: str = BAD_IIN) -> Path:
    """A CSV saved by a Russian Excel: Windows-1251, semicolons."""
    path = folder / "клиенты.csv"
    path.write_bytes((
        "№;Фамилия;Имя;ИИН;Дата рождения;Пол;Категория;Форма согласия;Дата согласия\n"
        f"1;Ахметова;Алия;{IINS[0]};01.01.1990;Ж;кандас;written;10.03.2025\n"
        f"2;Иванов;Пётр;{IINS[1]};12.05.1985;М;кандас;written;10.03.2025\n"
        f"3;Сериков;Ержан;{third_iin};25.11.1979;М;кандас;written;10.03.2025\n"
        f"4;Ким;Наталья;{IINS[3]};03.07.2001;Ж;кандас;written;10.03.2025\n"
    ).encode("cp1251"))
    return path


def open_wizard(qtbot: QtBot, database: Database, actor: Actor) -> ImportWizard:
    wizard = ImportWizard(database, actor)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wait_idle(qtbot)  # the forms of consent are in
    return wizard


def read(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    wizard.open_file(path)  # what the file dialog calls with the file chosen
    wait_idle(qtbot)


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_check(qtbot: QtBot, wizard: ImportWizard) -> Preview:
    """From the columns step, check the rows and wait for the findings."""
    assert wizard.step() == COLUMNS and wizard.next_button.isEnabled()
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: wizard.step() == CHECK, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert wizard.preview is not None
    return wizard.preview


def people(database: Database) -> list[tuple[str, str, str | None]]:
    with database.session() as session:
        return sorted(session.execute(select(Person.surname, Person.given_name, Person.iin)))


def choose_consent(wizard: ImportWizard, code: str) -> None:
    combo = wizard.mapping_page.consent
    combo.setCurrentIndex(combo.findData(code))


def test_kazakh_and_russian_headers_are_mapped_and_the_check_follows_a_changed_mapping(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, database, caseworker)
    assert wizard.step() == FILE and not wizard.next_button.isEnabled()
    read(qtbot, wizard, kazakh_file(tmp_path))
    page = wizard.file_page
    assert page.name.text() == "тіркелім.csv"
    assert "2 rows" in page.facts.text() and "UTF-8" in page.facts.text()
    click(qtbot, wizard.next_button)
    assert wizard.step() == COLUMNS

    mapping = wizard.mapping_page
    assert [combo.currentData() for combo in mapping.combos] == [
        "last_name", "first_name", "iin", "birth_date", "sex", "category", None]
    assert mapping.table.item(1, mapping.SAMPLES_COLUMN).text() == "Әлия · Пётр"
    assert "office" not in [mapping.combos[0].itemData(i)  # a caseworker imports into hers
                            for i in range(mapping.combos[0].count())]
    choose_consent(wizard, "written")
    preview = to_check(qtbot, wizard)
    assert (preview.rows, len(preview.ready), preview.problems) == (2, 2, [])  # «Откуда» left out

    click(qtbot, wizard.back_button)
    assert wizard.step() == COLUMNS
    mapping.choose(6, "country_of_origin")  # «Откуда» holds the country of origin
    preview = to_check(qtbot, wizard)
    [problem] = preview.problems
    assert (problem.row, problem.column) == (3, "Откуда")  # Марс is no country
    assert "Марс" in problem.reason
    assert len(preview.ready) == 1
    assert people(database) == []  # nothing is written before the import


def test_a_field_goes_to_one_column_and_missing_required_fields_are_named(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path) -> None:
    i18n.set_language("ru")  # the fields are named as the window names them
    path = tmp_path / "list.csv"
    path.write_text("Фамилия,Имя,Имя по паспорту\nКим,Наталья,Natalya\n", encoding="utf-8")
    wizard = open_wizard(qtbot, database, caseworker)
    read(qtbot, wizard, path)
    click(qtbot, wizard.next_button)
    mapping = wizard.mapping_page
    required = mapping.required.text()
    assert all(name in required for name in ("Пол", "Категория", "Форма согласия"))
    assert "Имя" not in required.split(":", 1)[-1].split("(")[0]  # the name has its column
    assert not wizard.next_button.isEnabled()  # no check while rows could never pass

    choose_consent(wizard, "written")
    assert "Форма согласия" not in mapping.required.text()
    mapping.choose(2, "first_name")  # taken from «Имя»: a field goes to one column only
    assert [combo.currentData() for combo in mapping.combos] == ["last_name", None, "first_name"]
    assert mapping.note.isVisible() and "Имя по паспорту" in mapping.note.text()
    mapping.choose(2, None)
    assert "Имя" in mapping.required.text()  # no column for the given name now
    mapping.choose(0, "full_name")
    assert "Имя" not in mapping.required.text()  # the whole name in one column will do


def test_a_bad_row_is_shown_with_its_row_and_column(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, database, caseworker)
    read(qtbot, wizard, russian_file(tmp_path))
    facts = wizard.file_page.facts.text()
    assert "4 rows" in facts and "Windows-1251" in facts and "semicolons" in facts
    click(qtbot, wizard.next_button)
    assert wizard.mapping_page.combos[0].currentData() is None  # «№» is not imported
    preview = to_check(qtbot, wizard)
    assert (preview.rows, len(preview.ready), preview.rejected) == (4, 3, 1)
    page = wizard.check_page
    assert page.table.isVisible()
    assert page.model.rowCount() == 1
    shown = [page.model.index(0, column).data() for column in range(4)]
    assert shown[:3] == ["4", "Сериков Ержан", "ИИН"]  # row 4: the header is row 1
    assert "last digit" in shown[3]
    assert "3 ready to import" in page.summary.text()
    assert wizard.next_button.text().replace("&", "") == "Import 3 valid rows"
    assert people(database) == []


def test_a_file_corrected_meanwhile_is_read_and_checked_again_with_the_same_mapping(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, database, caseworker)
    read(qtbot, wizard, russian_file(tmp_path))
    click(qtbot, wizard.next_button)
    mapping = wizard.mapping_page
    mapping.choose(7, None)  # the file's consent columns left out: one form for everyone
    mapping.choose(8, None)
    choose_consent(wizard, "oral_recorded")
    assert len(to_check(qtbot, wizard).problems) == 1

    russian_file(tmp_path, third_iin=IINS[2])  # the IIN corrected in the spreadsheet
    first = wizard.preview
    click(qtbot, wizard.check_again_button)
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview is not first,
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    assert wizard.step() == CHECK
    assert (len(wizard.preview.ready), wizard.preview.problems) == (4, [])
    assert [combo.currentData() for combo in mapping.combos][7:] == [None, None]
    assert {ready.client.consent_form_code for ready in wizard.preview.ready} == {
        "oral_recorded"}


def test_the_valid_rows_are_imported_after_a_question_and_the_list_shows_them(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    screen = ClientListView(database, caseworker)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot)
    assert screen.model.rowCount() == 0
    click(qtbot, screen.import_button)  # the wizard opens over the list
    wizard = screen.import_wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    wait_idle(qtbot)
    asked: list[int] = []
    monkeypatch.setattr(wizard, "confirm_leaving_out",
                        lambda preview: asked.append(preview.rejected) or True)
    read(qtbot, wizard, russian_file(tmp_path))
    click(qtbot, wizard.next_button)
    to_check(qtbot, wizard)

    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: wizard.step() == DONE, timeout=TIMEOUT)
    assert asked == [1]  # told that the bad row stays out
    assert wizard.done_page.summary.text() == "Imported 3 clients."
    assert people(database) == [("Ахметова", "Алия", IINS[0]), ("Иванов", "Пётр", IINS[1]),
                                ("Ким", "Наталья", IINS[3])]
    with database.session() as session:
        cases = session.execute(select(Case.status, Case.office_id, Person.consent_form_code)
                                .join(Person, Person.id == Case.person_id)).all()
    assert cases == [(CaseStatus.OPEN, caseworker.office_id, "written")] * 3
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=TIMEOUT)  # it refreshed
    assert wizard.close_button.text() == "Close" and not wizard.next_button.isVisible()
    click(qtbot, wizard.close_button)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=TIMEOUT)


def test_a_cancelled_import_adds_nobody(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = open_wizard(qtbot, database, caseworker)
    monkeypatch.setattr(wizard, "confirm_leaving_out", lambda preview: True)
    read(qtbot, wizard, russian_file(tmp_path, third_iin=IINS[2]))
    click(qtbot, wizard.next_button)
    preview = to_check(qtbot, wizard)
    assert (len(preview.ready), preview.problems) == (4, [])
    assert wizard.check_page.clean.isVisible() and not wizard.check_page.table.isVisible()

    # Another write holds the one writer thread, so the import waits its turn: Cancel
    # lands before it starts, as a user's would while a large file is being written.
    release = threading.Event()
    Operation(wizard, lambda: release.wait(TIMEOUT / 1000), writes=True, name="hold").run()
    try:
        click(qtbot, wizard.next_button)
        # (the reading's and the check's dialogs may linger until deleted later)
        [progress] = [dialog for dialog in wizard.findChildren(QProgressDialog)
                      if dialog.labelText() == "Importing 4 clients…"]
        [cancel] = progress.findChildren(QPushButton)
        cancel.click()  # the progress dialog's Cancel
    finally:
        release.set()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=TIMEOUT)
    assert wizard.step() == CHECK
    assert wizard.check_page.status.isVisible()
    assert wizard.check_page.status.text() == (
        "The import was cancelled: no client was imported.")
    assert people(database) == []
    assert wizard.next_button.isEnabled()  # and may be started again
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: wizard.step() == DONE, timeout=TIMEOUT)
    assert len(people(database)) == 4


@pytest.mark.parametrize(("content", "problem"), [
    (bytes(range(256)) * 4, FileProblem.BINARY),
    (b"", FileProblem.EMPTY),
    ("Фамилия;Имя\n".encode(), FileProblem.NO_ROWS),
])
def test_an_unreadable_file_says_why_and_the_wizard_stays_on_the_file(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path,
        content: bytes, problem: FileProblem) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    wizard = open_wizard(qtbot, database, caseworker)
    read(qtbot, wizard, path)
    page = wizard.file_page
    assert page.problem.isVisible()
    assert page.problem.text() == UnreadableFile(problem, path).message()
    assert wizard.step() == FILE and not wizard.next_button.isEnabled()
    read(qtbot, wizard, russian_file(tmp_path))  # another file goes on as usual
    assert page.problem.isHidden() and wizard.next_button.isEnabled()


def test_an_empty_template_is_saved_in_the_language_of_the_window(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    i18n.set_language("kk")
    wizard = open_wizard(qtbot, database, caseworker)
    target = tmp_path / "template.xlsx"
    wizard.save_template_to(target)
    wait_idle(qtbot)
    assert wizard.file_page.template_saved.isVisible()
    workbook = load_workbook(target, read_only=True)
    headers = next(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    assert headers[:3] == ("Тегі", "Аты", "Әкесінің аты")


def test_a_language_switch_rewords_the_wizard(
        qtbot: QtBot, database: Database, caseworker: Actor, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, database, caseworker)
    read(qtbot, wizard, kazakh_file(tmp_path))
    click(qtbot, wizard.next_button)
    combo = wizard.mapping_page.combos[4]
    assert combo.currentText() == "sex"  # the template's English header
    i18n.set_language("ru")
    wizard.retranslate()
    wait_idle(qtbot)
    assert (combo.currentData(), combo.currentText()) == ("sex", "Пол")
    forms = [wizard.mapping_page.consent.itemText(i)
             for i in range(1, wizard.mapping_page.consent.count())]
    assert "В письменной форме" in forms
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
