"""Duplicate files: "not the same person" remembered, the candidates, every refusal of a merge,
and a merge that moves one record of every kind that refers to a person, on a demo database."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Column, ForeignKey, MetaData, Table, Uuid, func, select

from db.base import Base
from db.changes import collecting
from db.errors import StaleRecord
from db.models import (
    Attendance,
    AuditEntry,
    Case,
    CaseGoal,
    CaseStatus,
    CaseTransfer,
    Consultation,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    DistinctPair,
    Document,
    Employer,
    Entitlement,
    FollowUp,
    GoalService,
    HouseholdLink,
    JobReferral,
    JobSeeker,
    JobSeekerSector,
    LevelAssessment,
    Office,
    Person,
    PersonLanguage,
    PersonSearchDocument,
    PersonTombstone,
    Placement,
    Referral,
    Room,
    StatusChange,
    Stay,
)
from db.search import find_person_ids
from db.session import Database
from desktop.domain.iin import make_iin
from desktop.services import client_file, duplicates, intake
from desktop.services.access import AccessDenied, Actor
from desktop.services.auth import log_in
from desktop.services.duplicates import (
    KEPT,
    MERGED,
    AlreadyMerged,
    DifferentIins,
    DistinctFromItself,
    MergeIntoItself,
    UnknownMergeField,
)
from desktop.services.follow_ups import NoSuchClient
from desktop.services.messages import describe, knows
from tests.conftest import DEMO_TODAY

BIRTH = date(1990, 3, 4)


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def office(database: Database, code: str) -> uuid.UUID:
    with database.session() as session:
        return session.scalar(select(Office.id).where(Office.code == code))


def register(database: Database, actor: Actor, surname: str = "Сейтқалиева",
             given: str = "Айгерім", *, birth: date | None = BIRTH, iin: str = "",
             code: str = "AST", open_case: bool = True, **extra: Any) -> uuid.UUID:
    client = intake.NewClient(given_name=given, surname=surname, category_code="kandas",
                              office_id=office(database, code), birth_date=birth, sex="F",
                              iin=iin, extra=extra)
    return intake.register(database, actor, client, open_case=open_case, today=DEMO_TODAY)


def version(database: Database, person_id: uuid.UUID) -> int:
    with database.session() as session:
        return session.get(Person, person_id).version


def merge(database: Database, actor: Actor, kept: uuid.UUID, merged: uuid.UUID,
          choices: dict[str, str] | None = None, **options: Any) -> duplicates.MergeResult:
    return duplicates.merge_people(database, actor, kept, merged, choices or {},
                                   version(database, kept), version(database, merged),
                                   today=DEMO_TODAY, **options)


def rows(database: Database, model: Any, **where: Any) -> list[Any]:
    with database.session() as session:
        return list(session.scalars(select(model).filter_by(**where)))


def give_one_of_everything(database: Database, person: uuid.UUID,
                           others: list[uuid.UUID]) -> dict[str, uuid.UUID]:
    """One record of each table that refers to a person (the search row is the flush
    hook's); returns their ids by table."""
    relative, distinct = others
    ast, ala = office(database, "AST"), office(database, "ALA")
    made: dict[str, Any] = {}
    with database.session() as session:
        case = session.scalar(select(Case).where(Case.person_id == person))
        group = session.scalar(select(CourseGroup).where(CourseGroup.office_id == ast))
        meeting = session.scalar(select(CourseSession).where(CourseSession.group_id == group.id))
        employer = session.scalar(select(Employer))
        made["document"] = Document(person_id=person, type_code="passport", number="N1")
        consultation = made["consultation"] = Consultation(
            person_id=person, case_id=case.id, office_id=ast, held_at=datetime(2026, 11, 1, 10),
            channel_code="in_person")
        session.add_all(made.values())
        session.flush()
        made["follow_up"] = FollowUp(person_id=person, case_id=case.id,
                                     consultation_id=consultation.id, title="Call back",
                                     due_on=date(2026, 12, 1))
        made["referral"] = Referral(person_id=person, case_id=case.id, office_id=ast,
                                    service_type_code="legal_aid", referred_on=date(2026, 11, 2))
        job = made["job_referral"] = JobReferral(person_id=person, office_id=ast,
                                                 employer_id=employer.id,
                                                 referred_on=date(2026, 11, 3))
        enrolment = made["course_enrolment"] = CourseEnrolment(
            group_id=group.id, person_id=person, enrolled_on=date(2026, 11, 4))
        made["level_assessment"] = LevelAssessment(person_id=person, language_code="kk",
                                                   level_code="a2", assessed_on=date(2026, 11, 5))
        made["person_language"] = PersonLanguage(person_id=person, language_code="kk")
        made["job_seeker"] = JobSeeker(person_id=person, qualification="Welder, 4th grade",
                                       driving_licence="B")
        made["household_link"] = HouseholdLink(person_id=person, related_person_id=relative,
                                               relationship_code="sibling")
        made["case_transfer"] = CaseTransfer(case_id=case.id, person_id=person, from_office_id=ast,
                                             to_office_id=ala, requested_on=date(2026, 11, 6))
        low, high = sorted((person, distinct), key=lambda i: i.int)
        made["distinct_person_pair"] = DistinctPair(person_low_id=low, person_high_id=high)
        # An earlier merge into this person: its tombstone must follow to the kept one.
        made["person_tombstone"] = PersonTombstone(merged_person_id=uuid.uuid4(),
                                                   kept_person_id=person,
                                                   merged_at=datetime(2026, 1, 1))
        session.add_all(made.values())
        session.flush()
        made["placement"] = Placement(person_id=person, office_id=ast, employer_id=employer.id,
                                      job_referral_id=job.id, sector_code="construction",
                                      started_on=date(2026, 11, 7))
        made["entitlement"] = Entitlement(person_id=person, case_id=case.id, office_id=ast,
                                          rule_code="relocation_subsidy", members=1,
                                          applied_on=date(2026, 11, 8), amount_applied=302_750)
        room = Room(office_id=ast, name="Merge test room", beds=2)
        session.add(room)
        session.flush()
        made["stay"] = Stay(room_id=room.id, person_id=person, checked_in_on=date(2026, 11, 9),
                            planned_until=date(2026, 11, 20))
        session.add_all([made["entitlement"], made["stay"]])
        goal = CaseGoal(case_id=case.id, area_code="language", description="Learn Kazakh")
        session.add_all([made["placement"], goal])
        session.flush()
        session.add_all([Attendance(session_id=meeting.id, enrolment_id=enrolment.id,
                                    present=True),
                         GoalService(goal_id=goal.id, enrolment_id=enrolment.id)])
        made["client_case"] = case
        session.flush()
        return {table: record.id for table, record in made.items()}


# ---- "not the same person" --------------------------------------------------------------------

def test_a_pair_marked_distinct_is_no_longer_a_candidate(demo_database: Database,
                                                         caseworker: Actor) -> None:
    one = register(demo_database, caseworker)
    other = register(demo_database, caseworker, "Сейтқалиева", "Айгеріm".replace("m", "м"),
                     code="AST")
    found = duplicates.candidates(demo_database, caseworker, one)
    assert other in [c.id for c in found]
    assert one not in [c.id for c in found]  # never a duplicate of themself

    pair = duplicates.mark_distinct(demo_database, caseworker, other, one, "Sisters")
    assert other not in [c.id for c in duplicates.candidates(demo_database, caseworker, one)]
    assert one not in [c.id for c in duplicates.candidates(demo_database, caseworker, other)]
    # Said twice, remembered once.
    assert duplicates.mark_distinct(demo_database, caseworker, one, other) == pair
    (stored,) = rows(demo_database, DistinctPair, id=pair)
    assert stored.person_low_id.int < stored.person_high_id.int
    assert stored.note == "Sisters"


def test_intake_remembers_the_clients_it_was_told_are_someone_else(
        demo_database: Database, caseworker: Actor) -> None:
    first = register(demo_database, caseworker)
    elsewhere = register(demo_database, caseworker, code="ALA")  # not this caseworker's
    client = intake.NewClient(given_name="Айгерім", surname="Сейтқалиева",
                              category_code="kandas", office_id=office(demo_database, "AST"),
                              birth_date=BIRTH, sex="F", consent_date=DEMO_TODAY,
                              consent_form_code="written")
    shown = intake.duplicates(demo_database, caseworker, client)
    assert {first, elsewhere} <= {d.id for d in shown}
    created = intake.register_client(demo_database, caseworker, client, DEMO_TODAY,
                                     distinct_from=[d.id for d in shown])
    remaining = {c.id for c in duplicates.candidates(demo_database, caseworker, created)}
    assert first not in remaining
    # Another office's client is not this caseworker's to dismiss: still raised.
    assert elsewhere in remaining


def test_marking_needs_both_clients_and_two_of_them(demo_database: Database,
                                                    caseworker: Actor) -> None:
    one = register(demo_database, caseworker)
    foreign = register(demo_database, caseworker, code="ALA")
    with pytest.raises(AccessDenied):
        duplicates.mark_distinct(demo_database, caseworker, one, foreign)
    with pytest.raises(DistinctFromItself) as refused:
        duplicates.mark_distinct(demo_database, caseworker, one, one)
    assert knows(refused.value)


# ---- refusals ---------------------------------------------------------------------------------

def test_merging_a_file_into_itself_is_refused(demo_database: Database, manager: Actor) -> None:
    one = register(demo_database, manager)
    with pytest.raises(MergeIntoItself) as refused:
        merge(demo_database, manager, one, one)
    assert "itself" in describe(refused.value)
    with pytest.raises(MergeIntoItself):
        duplicates.merge_preview(demo_database, manager, one, one)


def test_two_different_valid_iins_need_a_confirmation(demo_database: Database,
                                                      manager: Actor) -> None:
    kept = register(demo_database, manager, iin=make_iin(BIRTH, "F", 1))
    merged = register(demo_database, manager, iin=make_iin(BIRTH, "F", 2))
    assert duplicates.merge_preview(demo_database, manager, kept, merged).different_iins
    with pytest.raises(DifferentIins) as refused:
        merge(demo_database, manager, kept, merged)
    assert knows(refused.value)
    assert rows(demo_database, Person, id=merged)  # nothing happened
    merge(demo_database, manager, kept, merged, {"iin": MERGED}, confirm_different_iin=True)
    (person,) = rows(demo_database, Person, id=kept)
    assert person.iin == make_iin(BIRTH, "F", 2)  # taken from the merged file, no collision


def test_a_caseworker_may_not_merge(demo_database: Database, caseworker: Actor) -> None:
    kept, merged = register(demo_database, caseworker), register(demo_database, caseworker)
    with pytest.raises(AccessDenied):
        merge(demo_database, caseworker, kept, merged)


def test_a_stale_file_is_refused(demo_database: Database, manager: Actor) -> None:
    kept, merged = register(demo_database, manager), register(demo_database, manager)
    seen = version(demo_database, merged)
    with demo_database.session() as session:
        session.get(Person, merged).profession = "Teacher"
    with pytest.raises(StaleRecord):
        duplicates.merge_people(demo_database, manager, kept, merged, {},
                                version(demo_database, kept), seen)
    assert rows(demo_database, Person, id=merged)


def test_a_merged_or_missing_file_and_an_unknown_field_are_refused(
        demo_database: Database, manager: Actor) -> None:
    kept, merged, third = (register(demo_database, manager) for _i in range(3))
    with pytest.raises(UnknownMergeField):
        merge(demo_database, manager, kept, merged, {"password_hash": MERGED})
    merge(demo_database, manager, kept, merged)
    with pytest.raises(AlreadyMerged) as refused:
        duplicates.merge_people(demo_database, manager, third, merged, {}, 1, 1)
    assert "Сейтқалиева" in describe(refused.value)
    with pytest.raises(NoSuchClient):
        duplicates.merge_people(demo_database, manager, third, uuid.uuid4(), {}, 1, 1)


# ---- the merge --------------------------------------------------------------------------------

def test_a_merge_moves_every_kind_of_record(demo_database: Database, manager: Actor) -> None:
    kept = register(demo_database, manager, open_case=False)
    merged = register(demo_database, manager, "Сейтқалиева", "Айгерім", birth=None,
                      phone="+77011234567")
    relative = register(demo_database, manager, "Бекова", "Сара", birth=date(1960, 1, 1))
    distinct = register(demo_database, manager, "Омарова", "Дана", birth=date(1970, 1, 1))
    made = give_one_of_everything(demo_database, merged, [relative, distinct])
    tables = {table.name for table, _column in duplicates.person_references()}
    # A table added later that refers to a person must get a record here too.
    assert tables == set(made) | {"person_search", "search_word"}

    preview = duplicates.merge_preview(demo_database, manager, kept, merged)
    assert dict(preview.moving)["Document"] == 1
    phone = next(row for row in preview.fields if row.field == "phone")
    assert phone.differs and phone.suggested == MERGED
    with collecting() as collected:
        result = merge(demo_database, manager, kept, merged, {"phone": MERGED})
    assert {kept, merged} <= collected.changes().people

    with demo_database.session() as session:
        for table, column in duplicates.person_references():
            assert session.scalar(select(func.count()).select_from(table)
                                  .where(column == merged)) == 0, table.name
        for table_name, record_id in made.items():
            table = Base.metadata.tables[table_name]
            columns = [c for t, c in duplicates.person_references() if t is table]
            row = session.execute(select(*columns).where(table.c.id == record_id)).one()
            assert kept in row or (table_name == "distinct_person_pair" and kept in row), \
                table_name
        assert session.get(Person, merged) is None
        stone = session.scalar(select(PersonTombstone)
                               .where(PersonTombstone.merged_person_id == merged))
        assert stone.kept_person_id == kept and stone.merged_by == manager.user_id
        assert stone.summary["fields"] == ["phone"]
        assert session.get(Person, kept).phone == "+77011234567"
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "merge",
                                                        AuditEntry.record_id == kept))
        assert entry.changes["moved_records"][1] == result.moved
        moves = session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "document", AuditEntry.record_id == made["document"],
            AuditEntry.action == "update")).all()
        assert [m.changes["person_id"] for m in moves] == [[str(merged), str(kept)]]
        assert session.scalar(select(PersonSearchDocument.doc_id).where(
            PersonSearchDocument.person_id == merged)) is None

    assert duplicates.resolve_person(demo_database, manager, merged) == kept
    file = client_file.load_file(demo_database, manager, merged, DEMO_TODAY)
    assert file.person_id == kept and "Сейтқалиева" in file.header.merged_note
    assert [d.number for d in file.documents] == ["N1"]
    (merged_line,) = [item for item in file.history if item.action_code == "merge"]
    assert ("File merged into this one", "—", "Сейтқалиева Айгерім") in merged_line.changes
    assert not client_file.load_file(demo_database, manager, kept, DEMO_TODAY).header.merged_note


def test_a_merge_chooses_names_and_the_search_follows(demo_database: Database,
                                                      manager: Actor) -> None:
    kept = register(demo_database, manager, "Жақыпова", "Әлия")
    merged = register(demo_database, manager, "Жакыпова", "Алия", iin=make_iin(BIRTH, "F", 3))
    merge(demo_database, manager, kept, merged, {"surname": MERGED, "iin": MERGED,
                                                 "given_name": KEPT})
    with demo_database.reading() as connection:
        found = find_person_ids(connection, "Жакыпова Әлия", 50)
    assert kept in found and merged not in found
    (person,) = rows(demo_database, Person, id=kept)
    assert (person.surname, person.given_name) == ("Жакыпова", "Әлия")
    assert person.iin == make_iin(BIRTH, "F", 3)


def test_tombstones_of_earlier_merges_follow_the_kept_person(demo_database: Database,
                                                             manager: Actor) -> None:
    first, second, third = (register(demo_database, manager) for _i in range(3))
    merge(demo_database, manager, second, first)
    merge(demo_database, manager, third, second)
    assert duplicates.resolve_person(demo_database, manager, first) == third
    assert {s.kept_person_id for s in rows(demo_database, PersonTombstone)} >= {third}
    assert all(s.kept_person_id == third for s in rows(demo_database, PersonTombstone)
               if s.merged_person_id in (first, second))


# ---- what could collide -----------------------------------------------------------------------

def test_household_links_never_point_to_self_nor_twice(demo_database: Database,
                                                       manager: Actor) -> None:
    kept, merged = register(demo_database, manager), register(demo_database, manager)
    child, spouse = (register(demo_database, manager, "Бекова", name, birth=date(2015, 1, 1))
                     for name in ("Сара", "Әсел"))
    with demo_database.session() as session:
        session.add_all([
            HouseholdLink(person_id=kept, related_person_id=merged, relationship_code="sibling"),
            HouseholdLink(person_id=kept, related_person_id=child, relationship_code="child"),
            HouseholdLink(person_id=child, related_person_id=merged, relationship_code="parent"),
            HouseholdLink(person_id=spouse, related_person_id=merged,
                          relationship_code="spouse")])
    merge(demo_database, manager, kept, merged)
    links = {(link.person_id, link.related_person_id) for link in rows(demo_database,
                                                                        HouseholdLink)
             if kept in (link.person_id, link.related_person_id)}
    assert links == {(kept, child), (spouse, kept)}


def test_same_language_and_same_course_group_are_folded(demo_database: Database,
                                                        manager: Actor) -> None:
    kept, merged = register(demo_database, manager), register(demo_database, manager)
    with demo_database.session() as session:
        group = session.scalar(select(CourseGroup).where(
            CourseGroup.office_id == office(demo_database, "AST")))
        first, second = session.scalars(select(CourseSession).where(
            CourseSession.group_id == group.id).limit(2)).all()
        session.add_all([PersonLanguage(person_id=kept, language_code="ru"),
                         PersonLanguage(person_id=merged, language_code="ru", level_code="b1"),
                         PersonLanguage(person_id=merged, language_code="zh")])
        ours = CourseEnrolment(group_id=group.id, person_id=kept, enrolled_on=DEMO_TODAY)
        theirs = CourseEnrolment(group_id=group.id, person_id=merged, enrolled_on=DEMO_TODAY)
        session.add_all([ours, theirs])
        session.flush()
        session.add_all([Attendance(session_id=first.id, enrolment_id=ours.id, present=False),
                         Attendance(session_id=first.id, enrolment_id=theirs.id, present=True),
                         Attendance(session_id=second.id, enrolment_id=theirs.id,
                                    present=True)])
        case = session.scalar(select(Case).where(Case.person_id == merged))
        goal = CaseGoal(case_id=case.id, area_code="language", description="Kazakh B1")
        session.add(goal)
        session.flush()
        session.add(GoalService(goal_id=goal.id, enrolment_id=theirs.id))
        ours_id = ours.id
    merge(demo_database, manager, kept, merged)
    languages = {(r.language_code, r.level_code) for r in rows(demo_database, PersonLanguage,
                                                                person_id=kept)}
    assert languages == {("ru", "b1"), ("zh", None)}
    (enrolment,) = rows(demo_database, CourseEnrolment, person_id=kept)
    assert enrolment.id == ours_id
    attended = {(a.session_id, a.present) for a in rows(demo_database, Attendance,
                                                        enrolment_id=ours_id)}
    assert attended == {(first.id, True), (second.id, True)}
    assert [link.enrolment_id for link in rows(demo_database, GoalService)
            if link.enrolment_id in (ours_id, theirs.id)] == [ours_id]


def test_two_job_seeker_profiles_become_one_with_both_sets_of_wishes(
        demo_database: Database, manager: Actor) -> None:
    kept, merged = register(demo_database, manager), register(demo_database, manager)
    with demo_database.session() as session:
        ours = JobSeeker(person_id=kept, driving_licence="B", unemployed_since=date(2026, 9, 1),
                         seeking=False)
        theirs = JobSeeker(person_id=merged, qualification="Welder", driving_licence="C",
                           experience_years=4, unemployed_since=date(2026, 6, 1))
        session.add_all([ours, theirs])
        session.flush()
        session.add_all([JobSeekerSector(job_seeker_id=ours.id, sector_code="construction"),
                         JobSeekerSector(job_seeker_id=theirs.id, sector_code="construction"),
                         JobSeekerSector(job_seeker_id=theirs.id, sector_code="mining")])
        ours_id = ours.id
    merge(demo_database, manager, kept, merged)
    (profile,) = rows(demo_database, JobSeeker, person_id=kept)
    assert profile.id == ours_id
    assert (profile.qualification, profile.driving_licence, profile.experience_years,
            profile.unemployed_since, profile.seeking) == ("Welder", "B C", 4,
                                                           date(2026, 6, 1), True)
    assert sorted(r.sector_code for r in rows(demo_database, JobSeekerSector,
                                              job_seeker_id=ours_id)) == ["construction",
                                                                          "mining"]
    assert not rows(demo_database, JobSeeker, person_id=merged)


def test_two_open_cases_in_one_office_leave_one_open(demo_database: Database,
                                                     manager: Actor) -> None:
    kept, merged = register(demo_database, manager), register(demo_database, manager)
    (ours,) = rows(demo_database, Case, person_id=kept)
    (theirs,) = rows(demo_database, Case, person_id=merged)
    with demo_database.session() as session:
        session.add_all([FollowUp(person_id=merged, case_id=theirs.id, title="Open",
                                  due_on=DEMO_TODAY),
                         FollowUp(person_id=merged, case_id=theirs.id, title="Done",
                                  due_on=DEMO_TODAY, done=True),
                         CaseGoal(case_id=theirs.id, area_code="language", description="Go")])
    assert duplicates.merge_preview(demo_database, manager, kept, merged).closing_cases
    merge(demo_database, manager, kept, merged)
    cases = {c.id: c for c in rows(demo_database, Case, person_id=kept)}
    assert cases[ours.id].status is CaseStatus.OPEN
    assert cases[theirs.id].status is CaseStatus.CLOSED
    assert cases[theirs.id].closure_reason_code == duplicates.CLOSED_ON_MERGE
    assert rows(demo_database, StatusChange, subject_id=theirs.id)
    tasks = {f.title: f.case_id for f in rows(demo_database, FollowUp, person_id=kept)}
    assert tasks == {"Open": ours.id, "Done": theirs.id}
    assert [g.case_id for g in rows(demo_database, CaseGoal, description="Go")] == [ours.id]


def test_distinct_pairs_carry_over_without_the_pair_of_the_two(demo_database: Database,
                                                               manager: Actor) -> None:
    kept, merged, other = (register(demo_database, manager) for _i in range(3))
    for one, two in ((kept, merged), (merged, other), (kept, other)):
        duplicates.mark_distinct(demo_database, manager, one, two)
    assert duplicates.merge_preview(demo_database, manager, kept, merged).marked_distinct
    merge(demo_database, manager, kept, merged)
    pairs = {(p.person_low_id, p.person_high_id) for p in rows(demo_database, DistinctPair)
             if {kept, merged, other} & {p.person_low_id, p.person_high_id}}
    assert pairs == {tuple(sorted((kept, other), key=lambda i: i.int))}


# ---- the schema walk ------------------------------------------------------------------------

def test_every_reference_to_a_person_has_a_way_to_merge() -> None:
    assert duplicates.unhandled_references() == []
    names = {f"{t.name}.{c.name}" for t, c in duplicates.person_references()}
    assert {"document.person_id", "household_link.related_person_id",
            "person_tombstone.kept_person_id", "client_case.person_id"} <= names


def test_a_new_table_under_a_unique_reference_to_a_person_is_caught() -> None:
    metadata = MetaData()
    Table("person", metadata, Column("id", Uuid, primary_key=True))
    Table("badge", metadata, Column("id", Uuid, primary_key=True),
          Column("person_id", Uuid, ForeignKey("person.id"), unique=True))
    Table("note", metadata, Column("id", Uuid, primary_key=True),
          Column("person_id", Uuid, ForeignKey("person.id")))  # moved as it is
    assert duplicates.unhandled_references(metadata) == ["badge.person_id"]
