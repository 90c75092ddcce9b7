"""Importing clients from a spreadsheet: what the files centers keep look like, every bad
row refused with its reason, and nothing written unless the valid rows are confirmed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db.models import AuditEntry, Case, Office, Person, Role, User
from db.session import Database
from desktop.domain.iin import make_iin
from desktop.services.access import AccessDenied, Actor
from desktop.services.progress import Cancelled, Progress
from desktop.services.transfer import importing
from desktop.services.transfer.importing import ImportOptions, check_import, import_clients
from desktop.services.transfer.reading import FileProblem, UnreadableFile, read_sheet

TODAY = date(2026, 11, 25)
WRITTEN = ImportOptions(consent_form="written", today=TODAY)
RU_HEADER = "Фамилия;Имя;Отчество;ИИН;Дата рождения;Пол;Категория;Гражданство"


def iins(birth: date, sex: str, count: int) -> list[str]:
    """``count`` valid IINs of that birth date and sex (some serials make none)."""
    made = (make_iin(birth, sex, serial) for serial in range(1, 10_000))
    return [value for value in made if value is not None][:count]


def iin(birth: date, sex: str = "F") -> str:
    return iins(birth, sex, 1)[0]


ALIYA = iin(date(1990, 1, 1))
ASKAR = iin(date(1985, 3, 4), "M")


def actor_of(database: Database, role: Role, code: str = "AST") -> Actor:
    with database.session() as session:
        office = session.scalar(select(Office).where(Office.code == code))
        if office is None:
            office = Office(code=code, name=f"Office {code}", region_code="71")
            session.add(office)
            session.flush()
        user = User(login=f"{role.value}.{code.lower()}", full_name=f"{role.value} {code}",
                    role=role, office_id=office.id)
        session.add(user)
        session.flush()
        return Actor(user.id, user.login, user.full_name, role, office.id, code, office.name)


@pytest.fixture
def caseworker(database: Database) -> Actor:
    return actor_of(database, Role.CASEWORKER)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def people(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def preview_of(database: Database, actor: Actor, path: Path,
               options: ImportOptions = WRITTEN) -> importing.Preview:
    return check_import(database, actor, read_sheet(path), options=options)


def reasons(preview: importing.Preview) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in preview.problems]


# ---- the files centers keep ---------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("separator", [";", ","])
def test_csv_in_either_encoding_and_separator_is_read(
        database: Database, caseworker: Actor, tmp_path: Path, encoding: str,
        separator: str) -> None:
    # cp1251 has no Kazakh letters: a Windows-1251 file holds Russian spellings.
    surname = "Нурпеисова" if encoding == "cp1251" else "Нұрпейісова"
    text = (RU_HEADER.replace(";", separator) + "\r\n"
            + separator.join([surname, "Алия", "", ALIYA, "01.01.1990", "Ж", "Кандас", ""])
            + "\r\n")
    path = write_csv(tmp_path / "clients.csv", text, encoding)
    preview = preview_of(database, caseworker, path)
    assert reasons(preview) == []
    import_clients(database, caseworker, preview)
    with database.session() as session:
        person = session.scalar(select(Person))
        assert (person.surname, person.iin, person.birth_date, person.sex,
                person.category_code) == (surname, ALIYA, date(1990, 1, 1), "F", "kandas")


def test_kazakh_and_english_headers_and_synonyms_are_recognised(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kk.csv", "  ТЕГІ ;Аты;ЖСН;Туған күні;Жынысы;Санаты;last_name\n"
                                          "Нұрпейісова;Әлия;;;;;\n")
    mapping = importing.suggested_mapping(read_sheet(path))
    # The second surname column is left out: one column per field.
    assert mapping == {0: "last_name", 1: "first_name", 2: "iin", 3: "birth_date", 4: "sex",
                       5: "category"}


def test_xlsx_with_date_cells_and_dates_typed_as_text(database: Database, caseworker: Actor,
                                                      tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["last_name", "first_name", "iin", "birth_date", "sex", "category",
                  "arrival_date", "intake_date"])
    sheet.append(["Нұрпейісова", "Әлия", ALIYA, datetime(1990, 1, 1), "F", "kandas",
                  "25/11/2025", "2026-11-20"])
    # A spreadsheet stores a 12-digit IIN as a number and drops its leading zero.
    young = iin(date(2005, 6, 7), "M")
    assert young.startswith("0")
    sheet.append(["Серіков", "Асқар", int(young), "07.06.2005", "M", "kandas", None, None])
    path = tmp_path / "clients.xlsx"
    workbook.save(path)
    preview = preview_of(database, caseworker, path)
    assert reasons(preview) == []
    import_clients(database, caseworker, preview)
    with database.session() as session:
        aliya = session.scalar(select(Person).where(Person.given_name == "Әлия"))
        assert (aliya.birth_date, aliya.arrival_date) == (date(1990, 1, 1), date(2025, 11, 25))
        opened = session.scalar(select(Case.opened_on).where(Case.person_id == aliya.id))
        assert opened == date(2026, 11, 20)
        askar = session.scalar(select(Person).where(Person.given_name == "Асқар"))
        assert askar.iin == young
        # No intake date: the case opens on the day of the import.
        assert session.scalar(select(Case.opened_on).where(Case.person_id == askar.id)) == TODAY


def test_labels_in_any_language_and_codes_are_accepted(database: Database, caseworker: Actor,
                                                       tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv",
                     "last_name;first_name;sex;category;region;citizenship;country_of_origin;"
                     "preferred_language\n"
                     "Серіков;Асқар;Ер;Қандас;г. Астана;Китай;china;русский\n"
                     "Серікова;Әлия;f;refugee;71;AF;Афганистан;kk\n")
    preview = preview_of(database, caseworker, path)
    assert reasons(preview) == []
    values = [(r.client.sex, r.client.category_code, r.client.region_code,
               r.client.citizenship, r.client.country_of_origin, r.client.preferred_language)
              for r in preview.ready]
    assert values == [("M", "kandas", "71", "CN", "CN", "ru"),
                      ("F", "refugee", "71", "AF", "AF", "kk")]


def test_a_full_name_column_is_split(database: Database, caseworker: Actor,
                                     tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "ФИО;Пол;Категория\n"
                                         "Нұрпейісова Әлия Серікқызы;Ж;Кандас\n")
    [ready] = preview_of(database, caseworker, path).ready
    assert (ready.client.surname, ready.client.given_name, ready.client.patronymic) == (
        "Нұрпейісова", "Әлия", "Серікқызы")


def test_the_imported_client_is_found_audited_and_assigned(database: Database,
                                                           caseworker: Actor,
                                                           tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", f"{RU_HEADER};Примечания;Телефон\n"
                                         f"Нұрпейісова;Әлия;;{ALIYA};01.01.1990;Ж;Кандас;;"
                                         f"Пришла с семьёй;8 701 123 45 67\n")
    import_clients(database, caseworker, preview_of(database, caseworker, path))
    from desktop.services.clients import search_clients

    [found] = search_clients(database, caseworker, "нурпеис")
    with database.session() as session:
        person = session.get(Person, found.id)
        assert (person.notes, person.phone, person.consent_form_code, person.consent_date) == (
            "Пришла с семьёй", "+77011234567", "written", TODAY)
        case = session.scalar(select(Case).where(Case.person_id == person.id))
        assert (case.caseworker_id, case.office_id) == (caseworker.user_id, caseworker.office_id)
        actions = sorted(session.scalars(
            select(AuditEntry.action + ":" + AuditEntry.table_name)
            .where(AuditEntry.table_name.in_(("person", "client_case")))))
        assert actions == ["import:person", "insert:client_case", "insert:person"]
        entry = session.scalar(select(AuditEntry).where(AuditEntry.table_name == "person",
                                                        AuditEntry.action == "insert"))
        assert entry.user_id == caseworker.user_id
        assert entry.changes["iin"] == [None, ALIYA]


# ---- bad files -------------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "problem"), [
    (b"", FileProblem.EMPTY),
    (b"\r\n\r\n  \r\n", FileProblem.EMPTY),
    (b"last_name;first_name\r\n", FileProblem.NO_ROWS),
    (bytes(range(256)) * 40, FileProblem.BINARY),
])
def test_files_that_hold_no_clients_are_refused_with_the_reason(tmp_path: Path, content: bytes,
                                                                problem: FileProblem) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as refused:
        read_sheet(path)
    assert refused.value.problem is problem
    assert "clients.csv" in refused.value.message()


def test_a_file_named_xlsx_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "clients.xlsx"
    path.write_text("last_name;first_name\nA;B\n")
    with pytest.raises(UnreadableFile) as refused:
        read_sheet(path)
    assert refused.value.problem is FileProblem.NOT_XLSX


def test_rows_with_other_cell_counts_and_separators_are_refused(database: Database,
                                                                caseworker: Actor,
                                                                tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv",
                     "last_name;first_name;sex;category\n"
                     "Серіков;Асқар;M;kandas\n"
                     "Серікова;Әлия;F;kandas;extra\n"
                     "Бекова;Ана\n"
                     "Сейтов,Ерлан,M,kandas\n")
    preview = preview_of(database, caseworker, path)
    assert [(row, column) for row, column, _reason in reasons(preview)] == [
        (3, ""), (4, ""), (5, "")]
    assert "more cells" in preview.problems[0].reason
    assert "fewer cells" in preview.problems[1].reason
    assert "separated by another character" in preview.problems[2].reason
    assert len(preview.ready) == 1


@pytest.mark.parametrize(("value", "reason"), [
    (ALIYA[:-1] + str((int(ALIYA[-1]) + 1) % 10), "does not match"),
    ("90010140001A", "digits only"),
    (ALIYA[:11], "exactly 12 digits"),
])
def test_a_bad_iin_is_refused_with_its_reason(database: Database, caseworker: Actor,
                                              tmp_path: Path, value: str, reason: str) -> None:
    path = write_csv(tmp_path / "c.csv", f"{RU_HEADER}\nНұрпейісова;Әлия;;{value};;Ж;Кандас;\n")
    [(row, column, text)] = reasons(preview_of(database, caseworker, path))
    assert (row, column) == (2, "ИИН") and reason in text


def test_impossible_dates_are_refused(database: Database, caseworker: Actor,
                                      tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv",
                     "last_name;first_name;sex;category;birth_date;intake_date\n"
                     "Серіков;Асқар;M;kandas;31.02.1990;\n"
                     "Серікова;Әлия;F;kandas;01.01.2030;\n"
                     "Бекова;Ана;F;kandas;10.10.2020;01.01.2019\n"
                     "Сейтов;Ерлан;M;kandas;вчера;\n")
    found = reasons(preview_of(database, caseworker, path))
    assert [(row, column) for row, column, _text in found] == [
        (2, "birth_date"), (3, "birth_date"), (4, "intake_date"), (5, "birth_date")]
    assert "no such day" in found[0][2]
    assert "still to come" in found[1][2]
    assert "after the intake date" in found[2][2]
    assert "Not a date" in found[3][2]


def test_the_same_person_twice_in_the_file_or_already_registered_is_refused(
        database: Database, caseworker: Actor, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "first.csv",
                      f"{RU_HEADER}\nНұрпейісова;Әлия;;{ALIYA};01.01.1990;Ж;Кандас;\n"
                      "Ли;Мин;;;02.02.1992;М;Беженец;CN\n")
    import_clients(database, caseworker, preview_of(database, caseworker, first))
    second = write_csv(tmp_path / "second.csv",
                       f"{RU_HEADER}\n"
                       f"Басқа;Адам;;{ALIYA};01.01.1990;Ж;Кандас;\n"
                       "Ли;Мин;;;02.02.1992;М;Беженец;CN\n"
                       f"Серіков;Асқар;;{ASKAR};04.03.1985;М;Кандас;\n"
                       f"Серіков;Асқар;;{ASKAR};04.03.1985;М;Кандас;\n")
    preview = preview_of(database, caseworker, second)
    found = reasons(preview)
    assert [(row, column) for row, column, _text in found] == [
        (2, "ИИН"), (3, "Имя"), (5, "ИИН")]
    assert "already registered: Нұрпейісова Әлия, office AST" in found[0][2]
    assert "Already registered, it seems: Ли Мин" in found[1][2]
    assert "same IIN is on row 4" in found[2][2]
    assert [ready.row for ready in preview.ready] == [4]


def test_names_with_quotes_sql_and_formulas_are_checked_as_names(database: Database,
                                                                 caseworker: Actor,
                                                                 tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv",
                     'last_name;first_name;sex;category;notes\n'
                     "О'Коннор;Ана;F;kandas;\"=HYPERLINK(\"\"http://x\"\")\"\n"
                     "Robert'); DROP TABLE person;--;Ана;F;kandas;\n"
                     "=1+1;Ана;F;kandas;\n"
                     '"Сейтова ""Айгүл""";Ана;F;kandas;\n')
    preview = preview_of(database, caseworker, path)
    assert [row for row, _column, _reason in reasons(preview)] == [3, 4, 5]
    import_clients(database, caseworker, preview)
    with database.session() as session:
        # The apostrophe is a name's own mark; a formula in the notes is kept as text.
        [person] = session.scalars(select(Person))
        assert (person.surname, person.notes) == ("О'Коннор", '=HYPERLINK("http://x")')
        assert session.scalar(select(func.count()).select_from(Person)) == 1


def test_rows_without_consent_are_refused_unless_the_file_says_how_it_was_given(
        database: Database, caseworker: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", f"{RU_HEADER}\nНұрпейісова;Әлия;;;;Ж;Кандас;\n")
    [(row, _column, text)] = reasons(preview_of(database, caseworker, path,
                                                ImportOptions(today=TODAY)))
    assert row == 2 and "Consent to personal data processing is not recorded" in text
    assert reasons(preview_of(database, caseworker, path)) == []


# ---- what is written, and when -----------------------------------------------------------------

def test_nothing_is_written_by_checking_and_a_cancelled_import_leaves_nothing(
        database: Database, caseworker: Actor, tmp_path: Path) -> None:
    rows = "\n".join(f"Серіков;Асқар;;{value};01.01.1980;М;Кандас;"
                     for value in iins(date(1980, 1, 1), "M", 4000))
    path = write_csv(tmp_path / "c.csv", f"{RU_HEADER}\n{rows}\n")
    preview = preview_of(database, caseworker, path)
    assert len(preview.ready) == 4000 and people(database) == 0
    progress = Progress()
    progress.listen(lambda done, total: progress.cancel() if done >= 2000 else None)
    with pytest.raises(Cancelled):
        import_clients(database, caseworker, preview, progress)
    assert people(database) == 0
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.table_name.in_(("person", "client_case")))) == 0


def test_someone_registered_meanwhile_stops_the_import_and_nothing_of_it_is_written(
        database: Database, caseworker: Actor, tmp_path: Path) -> None:
    both = write_csv(tmp_path / "both.csv",
                     f"{RU_HEADER}\nСеріков;Асқар;;{ASKAR};04.03.1985;М;Кандас;\n"
                     f"Нұрпейісова;Әлия;;{ALIYA};01.01.1990;Ж;Кандас;\n")
    preview = preview_of(database, caseworker, both)
    assert len(preview.ready) == 2
    # Between the check and the import, a colleague registers Aliya.
    aliya = write_csv(tmp_path / "aliya.csv",
                      f"{RU_HEADER}\nНұрпейісова;Әлия;;{ALIYA};01.01.1990;Ж;Кандас;\n")
    import_clients(database, caseworker, preview_of(database, caseworker, aliya))
    with pytest.raises(importing.ImportConflict):
        import_clients(database, caseworker, preview)
    assert people(database) == 1


def test_an_office_column_is_for_administrators_only(database: Database, caseworker: Actor,
                                                     tmp_path: Path) -> None:
    admin = actor_of(database, Role.ADMIN, "SHY")
    path = write_csv(tmp_path / "c.csv", "last_name;first_name;sex;category;office\n"
                                         "Серіков;Асқар;M;kandas;ast\n"
                                         "Серікова;Әлия;F;kandas;SHY\n"
                                         "Бекова;Ана;F;kandas;NOPE\n")
    with pytest.raises(AccessDenied):
        preview_of(database, caseworker, path)
    preview = preview_of(database, admin, path)
    assert [(row, column) for row, column, _text in reasons(preview)] == [(4, "office")]
    import_clients(database, admin, preview)
    with database.session() as session:
        placed = dict(session.execute(select(Person.given_name, Office.code)
                                      .join(Office, Office.id == Person.office_id)).all())
    assert placed == {"Асқар": "AST", "Әлия": "SHY"}


def test_a_caseworker_imports_into_their_own_office_only(database: Database,
                                                         caseworker: Actor,
                                                         tmp_path: Path) -> None:
    other = actor_of(database, Role.CASEWORKER, "SHY")
    path = write_csv(tmp_path / "c.csv", f"{RU_HEADER}\nНұрпейісова;Әлия;;;;Ж;Кандас;\n")
    preview = check_import(database, caseworker, read_sheet(path),
                           options=ImportOptions(office_id=other.office_id,
                                                 consent_form="written", today=TODAY))
    with pytest.raises(AccessDenied):
        import_clients(database, caseworker, preview)
    assert people(database) == 0
