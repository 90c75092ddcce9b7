"""Importing clients from a spreadsheet: check every row, then write the valid ones at once.

Two steps, so that nothing is written before the user has seen what is wrong:

- ``check_import`` reads the rows through the file's column mapping, applies the intake
  form's own rules to each (``intake.check_client``), and finds the people already
  registered (the same IIN; the same name and birth date) and those the file holds twice.
  It returns a ``Preview``: the rows ready to go in and every problem, with the row's
  number in the file, the column and a translated reason.
- ``import_clients`` writes the preview's valid rows (each person, the open case their
  intake date opens, the search index and the audit log) in one transaction: cancelled,
  failed or killed mid-way, the database is exactly as it was.

Rows go to the office of the user who imports (the command line names one); an
administrator, who works for every office, may give an ``office`` column instead.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from db.base import utcnow
from db.bulk import BulkLoader, day, key, moment
from db.changes import committed
from db.collation import sort_key
from db.models import Office, Person, Role
from db.search.documents import document_for
from db.search.words import words_of
from db.session import Database
from db.translit import search_key, to_passport_latin
from desktop.domain.iin import IinProblem
from desktop.domain.person_fields import EARLIEST_DATE
from desktop.domain.phones import stored_phone
from desktop.i18n import _, format_date
from desktop.services.access import AccessDenied, Actor, Permission, pure, requires
from desktop.services.intake import IntakeProblem, NewClient, check_client, problem_text
from desktop.services.progress import Progress
from desktop.services.transfer import columns
from desktop.services.transfer.reading import Row, Sheet
from desktop.services.transfer.values import (
    Choices,
    Problem,
    ValueProblem,
    date_of,
    iin_of,
    text_of,
)

CHECK_STEP = 500  # rows between two progress reports while checking
WRITE_CHUNK = 2000  # rows per flush: one executemany (SQLite) or COPY (PostgreSQL) per table
LOOKUP_CHUNK = 500  # values per IN (...) when looking for people already registered

# The template's column for each field of the intake rules, to say where a problem is.
FIELD_COLUMNS = {
    "surname": "last_name", "given_name": "first_name", "patronymic": "patronymic",
    "surname_latin": "last_name_latin", "given_name_latin": "first_name_latin",
    "iin": "iin", "birth_date": "birth_date", "sex": "sex", "citizenship": "citizenship",
    "country_of_origin": "country_of_origin", "category_code": "category",
    "region_code": "region", "arrival_date": "arrival_date", "phone": "phone",
    "preferred_language": "preferred_language", "consent_date": "consent_date",
    "consent_form_code": "consent_form", "office_id": "office",
}
MAX_LOCALITY, MAX_NOTES = 200, 2000


class NoOffice(Exception):
    """Nobody said which office the rows go to (a command line with several offices)."""


class ImportConflict(Exception):
    """Someone registered one of the file's people while it was being imported."""


class UnknownConsentForm(Exception):
    """The consent form said for the whole file is none of the reference list's."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ImportOptions:
    # The office rows without an office column go to; None: the importing user's own.
    office_id: uuid.UUID | None = None
    # How the people in the file consented to their data being processed, for rows that
    # do not say it themselves; the consent date is then the intake date.
    consent_form: str | None = None
    today: date | None = None


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it (the header is row 1)
    column: str  # the file's header of the column, or Qadam's when the file has none
    reason: str


@dataclass(frozen=True)
class ReadyRow:
    row: int
    client: NewClient
    intake_date: date
    notes: str


@dataclass
class Preview:
    sheet_name: str
    rows: int
    ready: list[ReadyRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # Required columns the mapping gives no column of the file to.
    missing_columns: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return self.rows - len(self.ready)


@dataclass(frozen=True)
class ImportResult:
    imported: int
    seconds: float


@pure
def suggested_mapping(sheet: Sheet) -> dict[int, str]:
    """Which Qadam column each of the file's columns seems to hold, by its header."""
    return columns.recognise(sheet.headers)


@pure
def may_choose_office(actor: Actor) -> bool:
    """Whether this user may import into several offices at once (an ``office`` column)."""
    return actor.can(Permission.ADMINISTER) and actor.office_scope is None


@pure
def missing_columns(mapped: Iterable[str], consent_form: str | None = None) -> list[str]:
    """The required columns that none of the file's columns is mapped to (``mapped``: the
    Qadam column keys a mapping uses): the given name (or the full name), the category,
    the sex, and the consent form unless ``consent_form`` is said for the whole file."""
    keys = set(mapped)
    wanted = ["first_name", "category", "sex"]
    if consent_form is None:
        wanted.append("consent_form")
    names = {"first_name", "full_name"} if "full_name" in keys else set()
    return [column for column in wanted if column not in keys and column not in names]


@requires(Permission.WORK_WITH_CLIENTS)
def check_import(database: Database, actor: Actor, sheet: Sheet,
                 mapping: Mapping[int, str] | None = None,
                 options: ImportOptions = ImportOptions(),
                 progress: Progress | None = None) -> Preview:
    """Every row of ``sheet`` checked as intake checks a new client; nothing is written.

    ``mapping``: the file's column index -> Qadam column key (default: recognised from
    the headers). Raises NoOffice when rows have nowhere to go.
    """
    mapping = dict(suggested_mapping(sheet) if mapping is None else mapping)
    if "office" in mapping.values() and not may_choose_office(actor):
        raise AccessDenied(Permission.ADMINISTER)
    default_office = options.office_id or actor.office_id
    if default_office is None and "office" not in mapping.values():
        raise NoOffice
    today = options.today or date.today()
    with database.reading() as connection:
        choices = Choices(connection)
    if options.consent_form is not None and options.consent_form not in (
            choices.lists["consent_form"].values()):
        raise UnknownConsentForm(options.consent_form)
    checker = _RowChecker(sheet, mapping, choices, default_office, options, today)
    preview = Preview(sheet.name, len(sheet.rows), missing_columns=checker.missing())
    candidates: list[ReadyRow] = []
    for index, row in enumerate(sheet.rows, start=1):
        ready = checker.check(row)
        if ready is not None:
            candidates.append(ready)
        if progress is not None and (index % CHECK_STEP == 0 or index == len(sheet.rows)):
            progress.step(index, len(sheet.rows))
    checker.against_each_other(candidates)
    with database.reading() as connection:
        checker.against_database(connection, candidates)
    rejected = checker.rejected_rows()
    preview.ready = [ready for ready in candidates if ready.row not in rejected]
    preview.problems = sorted(checker.problems, key=checker.order)
    return preview


@requires(Permission.WORK_WITH_CLIENTS)
def import_clients(database: Database, actor: Actor, preview: Preview,
                   progress: Progress | None = None) -> ImportResult:
    """Write the preview's ready rows in one transaction; returns how many went in.

    Each person gets the open case their intake date opens (assigned to the importing
    caseworker), a search entry and the audit log's entries, as intake gives them.
    Raises Cancelled (nothing written) or ImportConflict.
    """
    started = time.perf_counter()
    if actor.office_id is None and any(r.client.office_id is None for r in preview.ready):
        raise NoOffice
    offices = {r.client.office_id for r in preview.ready}
    if actor.office_scope is not None and offices - {actor.office_scope}:
        raise AccessDenied(None)
    now = moment(utcnow())
    people: list[uuid.UUID] = []
    try:
        with BulkLoader(database.engine, actor.user_id) as loader:
            for table, names in WRITTEN_COLUMNS.items():
                loader.columns(table, names)
            writer = _Writer(loader, actor, now)
            total = len(preview.ready)
            for index, ready in enumerate(preview.ready, start=1):
                people.append(writer.write(ready))
                if index % WRITE_CHUNK == 0 or index == total:
                    loader.flush()
                    if progress is not None:
                        progress.step(index, total)
            loader.add("audit_log", (key(uuid.uuid4()), now, writer.user, "import", "person",
                                     key(uuid.uuid4()), json.dumps({
                                         "people": [None, total],
                                         "file": [None, preview.sheet_name]})))
    except IntegrityError as error:  # the loader raises SQLAlchemy's, on either engine
        raise ImportConflict from error
    committed([("person", person_id) for person_id in people], people)
    return ImportResult(len(people), time.perf_counter() - started)


WRITTEN_COLUMNS = {
    "person": ("id", "surname", "given_name", "patronymic", "surname_latin", "given_name_latin",
               "sort_key", "iin", "birth_date", "sex", "citizenship", "country_of_origin",
               "category_code", "arrival_date", "office_id", "region_code", "locality",
               "phone", "preferred_language", "notes", "consent_date", "consent_form_code",
               "consent_recorded_by"),
    "person_search": ("person_id", "names", "keys", "iin"),
    "search_word": ("person_id", "word"),
    "client_case": ("id", "person_id", "office_id", "caseworker_id", "status", "opened_on"),
    "audit_log": ("id", "at", "user_id", "action", "table_name", "record_id", "changes"),
}
_PERSON_AUDITED = WRITTEN_COLUMNS["person"][1:]


class _Writer:
    """The rows of one imported person in storage form, and the audit log's entries for
    them as the flush hook writes them for a client registered at intake."""

    def __init__(self, loader: BulkLoader, actor: Actor, now: str) -> None:
        self.loader = loader
        self.now = now
        self.user = key(actor.user_id) if actor.user_id else None
        self.user_text = str(actor.user_id) if actor.user_id else None
        self.caseworker = self.user if actor.role is Role.CASEWORKER else None
        self.caseworker_text = self.user_text if self.caseworker else None

    def write(self, ready: ReadyRow) -> uuid.UUID:
        person_id, case_id = uuid.uuid4(), uuid.uuid4()
        client = ready.client
        assert client.office_id is not None
        surname_latin = client.surname_latin or to_passport_latin(client.surname)
        given_latin = client.given_name_latin or to_passport_latin(client.given_name)
        phone = str(client.extra.get("phone") or "")
        office, person_key, opened = key(client.office_id), key(person_id), day(ready.intake_date)
        recorded_by = self.user if client.consent_date else None
        person = (
            client.surname, client.given_name, client.patronymic, surname_latin, given_latin,
            sort_key(f"{client.surname} {client.given_name}"), client.iin or None,
            day(client.birth_date), client.sex, client.citizenship, client.country_of_origin,
            client.category_code, day(client.arrival_date), office, client.region_code,
            str(client.extra.get("locality") or ""), stored_phone(phone) or phone,
            client.preferred_language, ready.notes, day(client.consent_date),
            client.consent_form_code, recorded_by)
        add = self.loader.add
        add("person", (person_key, *person))
        names, keys, iin = document_for(client.surname, client.given_name, client.patronymic,
                                        surname_latin, given_latin, iin=client.iin or None)
        add("person_search", (person_key, names, keys, iin))
        for word in words_of(names, keys, iin):
            add("search_word", (person_key, word))
        add("client_case", (key(case_id), person_key, office, self.caseworker, "open", opened))
        logged = {name: [None, value] for name, value in zip(_PERSON_AUDITED, person,
                                                              strict=True)
                  if value is not None and value != ""}
        logged["office_id"] = [None, str(client.office_id)]
        if recorded_by:
            logged["consent_recorded_by"] = [None, self.user_text]
        add("audit_log", (key(uuid.uuid4()), self.now, self.user, "insert", "person",
                          person_key, json.dumps(logged)))
        case = {"person_id": [None, str(person_id)], "office_id": [None, str(client.office_id)],
                "status": [None, "open"], "opened_on": [None, opened]}
        if self.caseworker_text:
            case["caseworker_id"] = [None, self.caseworker_text]
        add("audit_log", (key(uuid.uuid4()), self.now, self.user, "insert", "client_case",
                          key(case_id), json.dumps(case)))
        return person_id


# ---- checking one row ---------------------------------------------------------------------------

class _RowChecker:
    def __init__(self, sheet: Sheet, mapping: Mapping[int, str], choices: Choices,
                 default_office: uuid.UUID | None, options: ImportOptions,
                 today: date) -> None:
        self.sheet = sheet
        self.position = {key: index for index, key in mapping.items()}
        self.choices = choices
        self.default_office = default_office
        self.options = options
        self.today = today
        self.problems: list[RowProblem] = []
        self.header_positions = {header: index for index, header in enumerate(sheet.headers)}

    def missing(self) -> list[str]:
        return missing_columns(self.position, self.options.consent_form)

    def column_name(self, column: str) -> str:
        index = self.position.get(column)
        if index is None and column in ("last_name", "first_name", "patronymic"):
            index = self.position.get("full_name")
        if index is not None and self.sheet.headers[index]:
            return self.sheet.headers[index]
        return columns.BY_KEY[column].header()

    def refuse(self, row: int, column: str, reason: str) -> None:
        self.problems.append(RowProblem(row, self.column_name(column) if column else "",
                                        reason))

    def order(self, problem: RowProblem) -> tuple[int, int]:
        """By row, then as the file's columns go (a whole row's problem first)."""
        if not problem.column:
            return problem.row, -1
        return problem.row, self.header_positions.get(problem.column, len(self.sheet.headers))

    def rejected_rows(self) -> set[int]:
        return {problem.row for problem in self.problems}

    def cell(self, row: Row, column: str) -> object:
        index = self.position.get(column)
        return None if index is None or index >= len(row.cells) else row.cells[index]

    def text(self, row: Row, column: str) -> str:
        return text_of(self.cell(row, column))

    def check(self, row: Row) -> ReadyRow | None:
        if row.width_problem is not None:
            self.refuse(row.number, "", WIDTH_PROBLEMS[row.width_problem]())
            return None
        before = len(self.problems)
        number = row.number
        surname, given, patronymic = (self.text(row, "last_name"), self.text(row, "first_name"),
                                      self.text(row, "patronymic"))
        if not (surname or given) and "full_name" in self.position:
            surname, given, patronymic = split_full_name(self.text(row, "full_name"))
        dates: dict[str, date | None] = {}
        for column in ("birth_date", "arrival_date", "intake_date", "consent_date"):
            value = date_of(self.cell(row, column))
            if isinstance(value, Problem):
                self.refuse(number, column, VALUE_PROBLEMS[value.kind]())
                value = None
            dates[column] = value
        codes: dict[str, str | None] = {}
        for column in ("sex", "citizenship", "country_of_origin", "category", "region",
                       "preferred_language", "consent_form", "office"):
            value = self.choices.code(column, self.cell(row, column))
            if isinstance(value, Problem):
                self.refuse(number, column, _("“{value}” is not one of Qadam's choices for "
                                              "this column.").format(
                                                  value=self.text(row, column)))
                value = None
            codes[column] = value
        intake = dates["intake_date"] or self.today
        consent_form = codes["consent_form"]
        consent_date = dates["consent_date"]
        consent_of_file = (consent_form is None and consent_date is None
                           and self.options.consent_form is not None)
        if consent_of_file:
            consent_form, consent_date = self.options.consent_form, intake
        office = uuid.UUID(codes["office"]) if codes["office"] else self.default_office
        if office is None and not self.text(row, "office"):  # an unknown code was said above
            self.refuse(number, "office", _("Required."))
        locality, notes = self.text(row, "locality"), self.text(row, "notes")
        if len(locality) > MAX_LOCALITY:
            self.refuse(number, "locality", _("Too long."))
        if len(notes) > MAX_NOTES:
            self.refuse(number, "notes", _("Too long."))
        client = NewClient(
            given_name=given, category_code=codes["category"] or "",
            office_id=office,  # type: ignore[arg-type]  # None was refused just above
            surname=surname, patronymic=patronymic,
            surname_latin=self.text(row, "last_name_latin"),
            given_name_latin=self.text(row, "first_name_latin"),
            iin=iin_of(self.cell(row, "iin")), birth_date=dates["birth_date"],
            sex=codes["sex"], citizenship=codes["citizenship"],
            country_of_origin=codes["country_of_origin"], arrival_date=dates["arrival_date"],
            region_code=codes["region"], preferred_language=codes["preferred_language"] or "kk",
            consent_date=consent_date, consent_form_code=consent_form,
            extra={"phone": self.text(row, "phone"), "locality": locality})
        refused = {problem.column for problem in self.problems[before:]}
        found = check_client(client, self.today)
        if ("consent_date" in found and "consent_form_code" in found) or consent_of_file:
            # Nothing recorded: said once, not for each column. Or the date is the
            # intake date's, whose own problem is said below.
            found.pop("consent_date", None)
        for name, problem in found.items():
            column = FIELD_COLUMNS.get(name, name)
            if self.column_name(column) in refused:
                continue  # the cell was already refused: one reason per cell
            self.refuse(number, column, self._reason(name, problem))
        for problem in self._intake_date_problems(intake, client.birth_date):
            self.refuse(number, "intake_date", problem)
        if len(self.problems) > before:
            return None
        return ReadyRow(number, client, intake, notes)

    def _reason(self, name: str, problem: IntakeProblem | IinProblem) -> str:
        if problem is IntakeProblem.REQUIRED and name in ("consent_date", "consent_form_code"):
            return _("Consent to personal data processing is not recorded for this person: "
                     "fill the consent columns, or say for the whole file how consent was "
                     "given.")
        return problem_text(problem)

    def _intake_date_problems(self, intake: date, birth: date | None) -> list[str]:
        if intake > self.today:
            return [problem_text(IntakeProblem.FUTURE_DATE)]
        if intake < EARLIEST_DATE:
            return [problem_text(IntakeProblem.TOO_EARLY)]
        if birth is not None and birth <= self.today and intake < birth:
            return [_("The birth date is after the intake date.")]
        return []

    # ---- people the file holds twice, and people already registered ---------------------------

    def against_each_other(self, rows: list[ReadyRow]) -> None:
        by_iin: dict[str, int] = {}
        by_name: dict[tuple[str, date], ReadyRow] = {}
        for ready in rows:
            client = ready.client
            if client.iin:
                first = by_iin.setdefault(client.iin, ready.row)
                if first != ready.row:
                    self.refuse(ready.row, "iin", _("The same IIN is on row {row}.").format(
                        row=first))
                    continue
            name = _name_key(client.surname, client.given_name)
            if client.birth_date is not None and name:
                other = by_name.setdefault((name, client.birth_date), ready)
                if other is not ready and not (client.iin and other.client.iin):
                    self.refuse(ready.row, "first_name", _(
                        "The same name and birth date are on row {row}: the same person "
                        "twice?").format(row=other.row))

    def against_database(self, connection: Connection, rows: list[ReadyRow]) -> None:
        by_iin = {ready.client.iin: ready for ready in rows if ready.client.iin}
        iins = list(by_iin)
        for start in range(0, len(iins), LOOKUP_CHUNK):
            found = connection.execute(
                select(Person.iin, Person.surname, Person.given_name, Person.patronymic,
                       Office.code).join(Office, Office.id == Person.office_id)
                .where(Person.iin.in_(iins[start:start + LOOKUP_CHUNK])))
            for iin, *names, office in found:
                self.refuse(by_iin[iin].row, "iin", _(
                    "This IIN is already registered: {name}, office {office}.").format(
                        name=" ".join(n for n in names if n), office=office))
        by_birth: dict[date, list[ReadyRow]] = {}
        for ready in rows:
            if ready.client.birth_date is not None:
                by_birth.setdefault(ready.client.birth_date, []).append(ready)
        births = list(by_birth)
        for start in range(0, len(births), LOOKUP_CHUNK):
            found = connection.execute(
                select(Person.birth_date, Person.surname, Person.given_name, Person.iin,
                       Office.code).join(Office, Office.id == Person.office_id)
                .where(Person.birth_date.in_(births[start:start + LOOKUP_CHUNK])))
            for birth, surname, given, iin, office in found:
                name = _name_key(surname, given)
                for ready in by_birth.get(birth, ()):
                    client = ready.client
                    if (_name_key(client.surname, client.given_name) == name
                            and not (client.iin and iin)):
                        self.refuse(ready.row, "first_name", _(
                            "Already registered, it seems: {name}, born {birth}, office "
                            "{office}.").format(name=f"{surname} {given}".strip(),
                                                birth=format_date(birth), office=office))


def _name_key(surname: str, given: str) -> str:
    return " ".join(search_key(word) for word in f"{surname} {given}".split())


@pure
def split_full_name(text: str) -> tuple[str, str, str]:
    """A whole name in one cell, in the order forms write it: surname, given name, and
    the rest as the patronymic (Ұлы, Қызы and оглы stay part of it)."""
    words = text.split()
    if len(words) == 1:
        return "", words[0], ""
    if not words:
        return "", "", ""
    return words[0], words[1], " ".join(words[2:])


WIDTH_PROBLEMS = {
    "too_many": lambda: _("This row has more cells than the header has columns."),
    "too_few": lambda: _("This row has fewer cells than the header has columns."),
    "separator": lambda: _("This row is separated by another character than the header: "
                           "save the file again with one separator."),
}
VALUE_PROBLEMS = {
    ValueProblem.NOT_A_DATE: lambda: _("Not a date: write it as 25.11.2026 or 2026-11-25."),
    ValueProblem.NO_SUCH_DAY: lambda: _("There is no such day in the calendar."),
    ValueProblem.UNKNOWN: lambda: _("Choose from the list."),
}

