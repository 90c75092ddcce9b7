"""The client file service: what it loads, what it saves, and whom it refuses."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from db.errors import DuplicateIin, StaleRecord
from db.models import AuditEntry, Person
from db.session import Database
from desktop.domain.iin import IinProblem, check_iin
from desktop.domain.phones import shown_phone
from desktop.services import client_file
from desktop.services.auth import AccessDenied, Actor, log_in
from desktop.services.client_file import FieldProblem, InvalidProfile, Urgency
from desktop.services.intake import InvalidIin
from tests.conftest import DEMO_TODAY


def uid(text: str) -> uuid.UUID:
    return uuid.UUID(text)


def person_of(demo_path: Path, office: str, where: str = "1", *args: Any) -> uuid.UUID:
    """A demo client of ``office`` matching ``where`` (SQL over ``p``, the person)."""
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            f"SELECT p.id FROM person p JOIN office o ON o.id = p.office_id "
            f"WHERE o.code = ? AND ({where}) ORDER BY p.sort_key LIMIT 1", (office, *args)
        ).fetchone()
    assert row, f"no demo client of {office} where {where}"
    return uid(row[0])


def count(demo_path: Path, sql: str, *args: Any) -> int:
    with sqlite3.connect(demo_path) as connection:
        return connection.execute(sql, args).fetchone()[0]


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def test_the_file_holds_every_tab_in_the_ui_language(demo_database: Database, demo_path: Path,
                                                     caseworker: Actor) -> None:
    person = person_of(demo_path, "AST", "p.id IN (SELECT person_id FROM consultation GROUP BY "
                                         "person_id HAVING count(*) >= 3) AND p.iin IS NOT NULL")
    file = client_file.load_file(demo_database, caseworker, person, DEMO_TODAY)
    key = person.hex
    assert len(file.consultations) == count(
        demo_path, "SELECT count(*) FROM consultation WHERE person_id = ?", key) >= 3
    held = [c.held_at for c in file.consultations]
    assert held == sorted(held, reverse=True)  # newest first
    assert all(c.topics and c.channel for c in file.consultations)
    assert len(file.documents) == count(
        demo_path, "SELECT count(*) FROM document WHERE person_id = ?", key)
    assert len(file.follow_ups) == count(
        demo_path, "SELECT count(*) FROM follow_up WHERE person_id = ?", key)
    assert len(file.goals) == count(
        demo_path, "SELECT count(*) FROM case_goal g JOIN client_case c ON c.id = g.case_id "
                   "WHERE c.person_id = ?", key)
    header = file.header
    iin = file.profile.values["iin"]
    assert header.iin_masked.endswith(iin[-4:]) and iin not in header.iin_masked
    assert header.category and header.office and header.case_status and header.caseworker
    birth = file.profile.values["birth_date"]
    assert str(client_file.age_on(birth, DEMO_TODAY)) in header.age
    assert file.profile.version >= 1


def test_expired_and_soon_expiring_documents_and_overdue_follow_ups_are_flagged_in_words(
        demo_database: Database, demo_path: Path, manager: Actor) -> None:
    today = DEMO_TODAY.isoformat()
    expired = person_of(demo_path, "AST", "p.id IN (SELECT person_id FROM document "
                                          "WHERE expires_on < ?)", today)
    file = client_file.load_file(demo_database, manager, expired, DEMO_TODAY)
    late = [d for d in file.documents if d.expires_on and d.expires_on < DEMO_TODAY]
    assert late and all(d.urgency is Urgency.LATE and "Expired" in d.marker for d in late)
    soon = person_of(demo_path, "AST", "p.id IN (SELECT person_id FROM document "
                                       "WHERE expires_on > ? AND expires_on <= date(?, '+30 day'))",
                     today, today)
    file = client_file.load_file(demo_database, manager, soon, DEMO_TODAY)
    assert any(d.urgency is Urgency.SOON and "Expires in" in d.marker for d in file.documents)
    overdue = person_of(demo_path, "AST", "p.id IN (SELECT person_id FROM follow_up "
                                          "WHERE done = 0 AND due_on < ?)", today)
    file = client_file.load_file(demo_database, manager, overdue, DEMO_TODAY)
    assert any(f.urgency is Urgency.LATE and f.marker.startswith("Overdue")
               for f in file.follow_ups)
    assert all(f.urgency is Urgency.NONE for f in file.follow_ups if f.done)


def test_household_links_read_both_ways(demo_database: Database, demo_path: Path,
                                        manager: Actor) -> None:
    with sqlite3.connect(demo_path) as connection:
        head, member = connection.execute(
            "SELECT person_id, related_person_id FROM household_link "
            "WHERE relationship_code = 'child' LIMIT 1").fetchone()
    parents_file = client_file.load_file(demo_database, manager, uid(head), DEMO_TODAY)
    childs_file = client_file.load_file(demo_database, manager, uid(member), DEMO_TODAY)
    assert any(h.person_id == uid(member) and h.relationship == "Child"
               for h in parents_file.household)
    assert any(h.person_id == uid(head) and h.relationship == "Parent"
               for h in childs_file.household)


def test_opening_a_file_costs_the_same_few_queries_however_long_the_history(
        demo_database: Database, demo_path: Path, manager: Actor) -> None:
    # Two files of the same shape (no job-seeker profile, whose sectors and regions are two
    # reads more), one short and one long.
    shape = "NOT EXISTS (SELECT 1 FROM job_seeker j WHERE j.person_id = p.id) AND "
    little = person_of(demo_path, "AST", shape + "(SELECT count(*) FROM consultation c "
                                                 "WHERE c.person_id = p.id) = 1")
    much = person_of(demo_path, "AST", shape + "(SELECT count(*) FROM consultation c "
                                               "WHERE c.person_id = p.id) >= 4")
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(demo_database.engine, "before_cursor_execute", record)
    try:
        counts = []
        for person in (little, much):
            statements.clear()
            client_file.load_file(demo_database, manager, person, DEMO_TODAY)
            counts.append(len(statements))
    finally:
        event.remove(demo_database.engine, "before_cursor_execute", record)
    # No query per row: one per tab's list, and the history's names of the values it shows
    # (the reference lists, users and offices its entries mention) in three.
    assert counts[0] == counts[1] <= 23


def test_a_caseworker_of_another_office_can_neither_read_nor_save(
        demo_database: Database, demo_path: Path) -> None:
    almaty = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    person = person_of(demo_path, "AST")
    with pytest.raises(AccessDenied):
        client_file.load_file(demo_database, almaty, person)
    with pytest.raises(AccessDenied):
        client_file.save_profile(demo_database, almaty, person, 1, {"phone": "+7 700 000 0000"})
    with demo_database.session() as session:
        assert session.get(Person, person).phone != "+7 700 000 0000"


def test_saving_writes_only_the_changes_and_the_history_shows_them(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = person_of(demo_path, "AST")
    file = client_file.load_file(demo_database, caseworker, person, DEMO_TODAY)
    old_phone = file.profile.values["phone"]
    version = client_file.save_profile(
        demo_database, caseworker, person, file.profile.version,
        {"phone": " 8 (701) 555-12-34 ", "locality": file.profile.values["locality"],
         "email": "aliya@example.kz", "country_of_origin": "CN"}, DEMO_TODAY)
    assert version == file.profile.version + 1
    with demo_database.session() as session:
        stored = session.get(Person, person)
        assert (stored.phone, stored.email, stored.country_of_origin) == (  # E.164
            "+77015551234", "aliya@example.kz", "CN")
        # The demo logged the client's registration; the save is the one change since.
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_id == person,
                                                         AuditEntry.action != "insert")).one()
    assert entry.user_id == caseworker.user_id and entry.action == "update"
    assert entry.changes["phone"] == [old_phone, "+77015551234"]
    assert "locality" not in entry.changes  # unchanged values are not rewritten

    history = client_file.load_file(demo_database, caseworker, person, DEMO_TODAY).history
    item = history[0]  # the newest: the demo's two years come after it
    assert all(earlier.at < item.at for earlier in history[1:])
    assert item.who == caseworker.full_name and item.action == "Changed"
    assert ("Phone", shown_phone(old_phone) or "—", "+7 701 555 12 34") in item.changes
    assert ("Country of origin", *(_country(file.profile.values["country_of_origin"]),
                                   "China")) in item.changes


def test_a_phone_shows_formatted_and_an_old_unparsable_one_is_kept_until_edited(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = person_of(demo_path, "AST")
    with demo_database.session() as session:
        session.get(Person, person).phone = "call the neighbour"  # typed before checks
    file = client_file.load_file(demo_database, caseworker, person, DEMO_TODAY)
    version = client_file.save_profile(demo_database, caseworker, person, file.profile.version,
                                       {"phone": "call the neighbour", "email": "a@b.kz"},
                                       DEMO_TODAY)
    assert version == file.profile.version + 1  # the unchanged phone did not block the save
    with pytest.raises(InvalidProfile):
        client_file.save_profile(demo_database, caseworker, person, version,
                                 {"phone": "12345"}, DEMO_TODAY)


def _country(code: str | None) -> str:
    from desktop.i18n import country_name

    return country_name(code) if code else "—"


def test_history_covers_the_clients_other_records(demo_database: Database, demo_path: Path,
                                                  caseworker: Actor) -> None:
    from db.models import Document

    person = person_of(demo_path, "AST", "p.id IN (SELECT person_id FROM document)")
    with demo_database.session(caseworker.user_id) as session:
        document = session.scalars(select(Document).where(Document.person_id == person)).first()
        document.number = "N0000001"
    history = client_file.load_file(demo_database, caseworker, person, DEMO_TODAY).history
    # The newest line, and the only one of a document (the demo logs none).
    assert [h.record.split(":")[0] for h in history if h.record.startswith("Document")] == [
        "Document"] and history[0].record.startswith("Document")
    assert "N0000001" in history[0].record
    assert any(field == "Number" and new == "N0000001" for field, _old, new in history[0].changes)


def test_an_invalid_iin_is_refused_and_nothing_is_written(demo_database: Database,
                                                          demo_path: Path,
                                                          caseworker: Actor) -> None:
    person = person_of(demo_path, "AST", "p.iin IS NOT NULL")
    file = client_file.load_file(demo_database, caseworker, person)
    iin = file.profile.values["iin"]
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    assert check_iin(wrong).problem is IinProblem.CHECK_DIGIT
    with pytest.raises(InvalidIin) as refused:
        client_file.save_profile(demo_database, caseworker, person, file.profile.version,
                                 {"iin": wrong, "phone": "+7 700 111 2233"})
    assert refused.value.problem is IinProblem.CHECK_DIGIT
    with demo_database.session() as session:
        assert session.get(Person, person).iin == iin
        assert session.scalar(select(AuditEntry.id).where(  # but the demo's registration
            AuditEntry.record_id == person, AuditEntry.action != "insert")) is None


def test_an_iin_registered_to_someone_else_is_refused(demo_database: Database, demo_path: Path,
                                                      caseworker: Actor) -> None:
    with sqlite3.connect(demo_path) as connection:
        first, second = connection.execute(
            "SELECT p.id, p.iin FROM person p JOIN office o ON o.id = p.office_id "
            "WHERE o.code = 'AST' AND p.iin IS NOT NULL LIMIT 2").fetchall()
    person = uid(first[0])
    version = client_file.load_file(demo_database, caseworker, person).profile.version
    with pytest.raises(DuplicateIin) as refused:
        client_file.save_profile(demo_database, caseworker, person, version, {"iin": second[1]})
    assert refused.value.existing_id == uid(second[0])


def test_a_stale_version_is_refused_with_who_changed_it(demo_database: Database,
                                                        demo_path: Path, caseworker: Actor,
                                                        manager: Actor) -> None:
    person = person_of(demo_path, "AST")
    version = client_file.load_file(demo_database, caseworker, person).profile.version
    client_file.save_profile(demo_database, manager, person, version, {"profession": "Дәрігер"})
    with pytest.raises(StaleRecord) as refused:
        client_file.save_profile(demo_database, caseworker, person, version,
                                 {"profession": "Мұғалім"})
    assert refused.value.changed_by == manager.full_name
    assert refused.value.changed_at is not None
    with demo_database.session() as session:
        assert session.get(Person, person).profession == "Дәрігер"


@pytest.mark.parametrize(("changes", "field", "problem"), [
    ({"given_name": "  "}, "given_name", FieldProblem.REQUIRED),
    ({"surname": "Ali3v"}, "surname", FieldProblem.NOT_A_NAME),
    ({"surname_latin": "Әлиев"}, "surname_latin", FieldProblem.NOT_LATIN),
    ({"birth_date": date(2027, 1, 1)}, "birth_date", FieldProblem.FUTURE_DATE),
    ({"birth_date": date(1850, 1, 1)}, "birth_date", FieldProblem.TOO_EARLY),
    ({"phone": "call me"}, "phone", FieldProblem.PHONE),
    ({"email": "aliya@"}, "email", FieldProblem.EMAIL),
    ({"sex": "X"}, "sex", FieldProblem.UNKNOWN_CHOICE),
    ({"preferred_language": "de"}, "preferred_language", FieldProblem.UNKNOWN_CHOICE),
    ({"citizenship": "XX"}, "citizenship", FieldProblem.UNKNOWN_CHOICE),
    ({"consent_date": date(2026, 1, 5), "consent_form_code": None}, "consent_form_code",
     FieldProblem.CONSENT_FORM_MISSING),
])
def test_each_rule_refuses_a_bad_value(demo_database: Database, demo_path: Path,
                                       caseworker: Actor, changes: dict[str, Any], field: str,
                                       problem: FieldProblem) -> None:
    person = person_of(demo_path, "AST")
    version = client_file.load_file(demo_database, caseworker, person).profile.version
    with pytest.raises(InvalidProfile) as refused:
        client_file.save_profile(demo_database, caseworker, person, version, changes, DEMO_TODAY)
    assert refused.value.problems[field] is problem
    assert client_file.field_problem_text(problem)


def test_a_flaw_already_stored_does_not_block_other_changes() -> None:
    stored = {"given_name": "Әлия", "category_code": "kandas", "preferred_language": "kk",
              "email": "not an address", "phone": ""}
    assert client_file.profile_problems(stored, {"phone": "+7 700 123 4567"}) == {}
    assert client_file.profile_problems(stored, {"email": "still@bad"}) == {
        "email": FieldProblem.EMAIL}


def test_the_iin_warning_is_only_a_warning(demo_database: Database, demo_path: Path,
                                           caseworker: Actor) -> None:
    person = person_of(demo_path, "AST", "p.iin IS NOT NULL AND p.birth_date IS NOT NULL")
    file = client_file.load_file(demo_database, caseworker, person)
    values = file.profile.values
    other_day = date(values["birth_date"].year - 1, 1, 1)
    hints = client_file.iin_warnings(values["iin"], other_day, values["sex"])
    assert hints and "suggests" in client_file.iin_hint_text(hints[0], check_iin(values["iin"]))
    client_file.save_profile(demo_database, caseworker, person, file.profile.version,
                             {"birth_date": other_day})  # saved all the same


# ---- language courses ------------------------------------------------------------------------

def _course(file: client_file.ClientFile, group: str) -> client_file.CourseItem:
    return next(c for c in file.courses if c.group == group)


def test_the_services_tab_shows_attendance_and_the_place_on_the_waiting_list(
        demo_database: Database, demo_path: Path, manager: Actor, caseworker: Actor) -> None:
    from desktop.services.courses import enrolment, register
    from desktop.services.courses.register import Mark
    from tests.services.test_courses import clients, new_group

    group_id = new_group(demo_database, manager, name="KK-A2 file", capacity=1)
    first, second, third = clients(demo_path, count=3)
    placed = enrolment.enrol(demo_database, caseworker, first, group_id, today=DEMO_TODAY)
    for person in (second, third):
        enrolment.enrol(demo_database, caseworker, person, group_id, today=DEMO_TODAY)
    sessions = register.load_register(demo_database, manager, group_id,
                                      today=DEMO_TODAY).sessions
    for session, mark in zip(sessions, (Mark.PRESENT, Mark.ABSENT, Mark.EXCUSED, Mark.PRESENT),
                             strict=False):
        register.mark_attendance(demo_database, caseworker, placed.enrolment_id, session.id,
                                 mark, None, today=DEMO_TODAY)

    course = _course(client_file.load_file(demo_database, caseworker, first, DEMO_TODAY),
                     "KK-A2 file")
    assert (course.status_code, course.present, course.counted) == ("enrolled", 2, 3)
    assert course.attendance == "67% (2/3)"  # the excused absence counts neither way
    assert course.state == "Enrolled on 25.11.2026" and course.position is None
    assert course.participating and course.group_id == group_id
    waiting = [_course(client_file.load_file(demo_database, caseworker, p, DEMO_TODAY),
                       "KK-A2 file") for p in (second, third)]
    assert [(w.status, w.position, w.offered_on) for w in waiting] == [
        ("On the waiting list", 1, None), ("On the waiting list", 2, None)]
    assert waiting[1].state == "On the waiting list, no. 2" and waiting[1].attendance == ""

    # The participant drops out: the place is offered to the first on the list.
    enrolment.drop_out(demo_database, caseworker, course.id, course.version, "work",
                       DEMO_TODAY, today=DEMO_TODAY)
    dropped = _course(client_file.load_file(demo_database, caseworker, first, DEMO_TODAY),
                      "KK-A2 file")
    assert (dropped.status, dropped.dropout_reason) == ("Dropped out", "Work")
    assert dropped.state == "Dropped out on 25.11.2026" and dropped.attendance == "67% (2/3)"
    offered_file = client_file.load_file(demo_database, caseworker, second, DEMO_TODAY)
    offered = _course(offered_file, "KK-A2 file")
    assert offered.offered_on == DEMO_TODAY and offered.state == "Place offered on 25.11.2026"
    assert _course(client_file.load_file(demo_database, caseworker, third, DEMO_TODAY),
                   "KK-A2 file").position == 2  # the offer keeps its holder's place

    # The history tells each step as a sentence about the group.
    actions = [h.action for h in client_file.load_file(demo_database, caseworker, first,
                                                       DEMO_TODAY).history
               if h.record == "Course enrolment: KK-A2 file"]
    assert actions == ["Dropped out of the course group KK-A2 file",
                       "Enrolled in the course group KK-A2 file"]
    steps = [h for h in offered_file.history if h.record == "Course enrolment: KK-A2 file"]
    assert steps[-1].action == "Put on the waiting list of the course group KK-A2 file"
    assert "Offered a place in the course group KK-A2 file" in [h.action for h in steps]
    assert all("follow" not in field.lower() for h in steps for field, _o, _n in h.changes)
    enrolment.withdraw(demo_database, caseworker, offered.id, offered.version, today=DEMO_TODAY)
    left = client_file.load_file(demo_database, caseworker, second, DEMO_TODAY)
    assert _course(left, "KK-A2 file").state == "Left the waiting list on 25.11.2026"
    assert next(h.action for h in left.history if h.record == "Course enrolment: KK-A2 file") \
        == "Left the waiting list of the course group KK-A2 file"


def test_the_enrolments_are_read_in_one_statement(demo_database: Database, demo_path: Path,
                                                  manager: Actor) -> None:
    from db.queries import client_file as queries
    from desktop.services.courses import enrolment
    from tests.services.test_courses import clients, new_group

    person = clients(demo_path, count=1)[0]
    for name in ("KK-A2 one", "KK-A2 two", "KK-A2 three"):
        enrolment.enrol(demo_database, manager, person, new_group(demo_database, manager,
                                                                  name=name), today=DEMO_TODAY)
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    with demo_database.reading() as connection:
        # Counted once the read's snapshot is taken (its BEGIN is the reading's, not the
        # query's).
        event.listen(demo_database.engine, "before_cursor_execute", record)
        try:
            rows = queries.enrolments(connection, person, "en")
        finally:
            event.remove(demo_database.engine, "before_cursor_execute", record)
    assert len(rows) == 3 and len(statements) == 1
