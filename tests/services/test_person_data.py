"""A person's copy of their own data: every kind of record in the JSON, the same in the
PDF (Kazakh letters, the full IIN), refused to another office, logged, all or nothing."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db.base import Base
from db.models import (
    Attendance,
    AuditEntry,
    Case,
    CaseGoal,
    CaseTransfer,
    Consultation,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    Document,
    Employer,
    Entitlement,
    EntitlementPayment,
    FollowUp,
    GoalService,
    HouseholdLink,
    JobReferral,
    JobSeeker,
    JobSeekerRegion,
    JobSeekerSector,
    LevelAssessment,
    Office,
    PersonLanguage,
    PersonTombstone,
    Placement,
    Referral,
    RetentionCheck,
    Room,
    StatusChange,
    Stay,
    consultation_topic_link,
)
from db.queries.person_data import COVERED_TABLES, LEFT_OUT_TABLES
from db.session import Database
from desktop.domain.iin import make_iin
from desktop.services import intake
from desktop.services.access import LOCAL_OPERATOR, AccessDenied, Actor
from desktop.services.auth import log_in
from desktop.services.client_file import NoSuchClient
from desktop.services.messages import describe
from desktop.services.transfer import exporting, person_data
from desktop.services.transfer.person_data import build_person_data, export_person_data
from tests.conftest import DEMO_TODAY

NOW = datetime(2026, 11, 25, 14, 30)
BIRTH = date(1990, 3, 4)
IIN = make_iin(BIRTH, "F", 4321)
NOTE = "Балаларымен бірге келді; Өскеменге көшпекші"


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def office(database: Database, code: str) -> uuid.UUID:
    with database.session() as session:
        return session.scalar(select(Office.id).where(Office.code == code))


def register(database: Database, actor: Actor, surname: str, given: str, iin: str = "",
             latin: tuple[str, str] = ("", ""), **extra: Any) -> uuid.UUID:
    client = intake.NewClient(given_name=given, surname=surname, category_code="kandas",
                              office_id=office(database, "AST"), birth_date=BIRTH, sex="F",
                              citizenship="CN", country_of_origin="CN", preferred_language="kk",
                              consent_date=date(2026, 1, 10), consent_form_code="written",
                              iin=iin, surname_latin=latin[0], given_name_latin=latin[1],
                              extra=extra)
    return intake.register(database, actor, client, open_case=True, today=DEMO_TODAY)


@pytest.fixture
def everything(demo_database: Database, caseworker: Actor) -> dict[str, Any]:
    """A client with one record of each kind (and the nested ones under them); their ids by
    table, and the client's own under "person"."""
    database = demo_database
    person = register(database, caseworker, "Сейтқалиева", "Әйгерім", iin=IIN or "",
                      latin=("Seitkaliyeva", "Aigerim"), notes=NOTE, profession="Тігінші")
    child = register(database, caseworker, "Сейтқалиев", "Нұрасыл")
    ast, ala = office(database, "AST"), office(database, "ALA")
    made: dict[str, Any] = {}
    with database.session(caseworker.user_id) as session:
        case = session.scalar(select(Case).where(Case.person_id == person))
        group = session.scalar(select(CourseGroup).where(CourseGroup.office_id == ast))
        meeting = session.scalar(select(CourseSession).where(CourseSession.group_id == group.id))
        employer = session.scalar(select(Employer))
        made["document"] = Document(person_id=person, type_code="passport", number="ҚЗ 0042",
                                    issued_on=date(2020, 5, 1), expires_on=date(2030, 5, 1))
        made["person_language"] = PersonLanguage(person_id=person, language_code="kk",
                                                 level_code="b1")
        made["household_link"] = HouseholdLink(person_id=person, related_person_id=child,
                                               relationship_code="child")
        consultation = made["consultation"] = Consultation(
            person_id=person, case_id=case.id, office_id=ast, caseworker_id=caseworker.user_id,
            held_at=datetime(2026, 11, 1, 10), channel_code="in_person",
            advice="Құжаттарды тапсыру тәртібі түсіндірілді", next_steps="ХҚКО-ға бару")
        job = made["job_referral"] = JobReferral(person_id=person, office_id=ast,
                                                 employer_id=employer.id,
                                                 referred_on=date(2026, 11, 3))
        enrolment = made["course_enrolment"] = CourseEnrolment(
            group_id=group.id, person_id=person, enrolled_on=date(2026, 11, 4))
        made["level_assessment"] = LevelAssessment(person_id=person, language_code="kk",
                                                   level_code="a2", assessed_on=date(2026, 11, 5),
                                                   score=71)
        seeker = made["job_seeker"] = JobSeeker(person_id=person, qualification="Тігінші",
                                                driving_licence="B")
        made["case_transfer"] = CaseTransfer(case_id=case.id, person_id=person, from_office_id=ast,
                                             to_office_id=ala, requested_on=date(2026, 11, 6),
                                             note="Алматыға көшті")
        made["person_tombstone"] = PersonTombstone(
            merged_person_id=uuid.uuid4(), kept_person_id=person, merged_at=datetime(2026, 1, 1),
            summary={"name": "Сейтқалиева Айгерім", "birth_date": "1990-03-04"})
        room = Room(office_id=ast, name="Бөлме 7", beds=2)
        session.add_all([*made.values(), room])
        session.flush()
        session.execute(consultation_topic_link.insert().values(
            consultation_id=consultation.id, topic_code="documents"))
        made["follow_up"] = FollowUp(person_id=person, case_id=case.id,
                                     consultation_id=consultation.id, title="Қоңырау шалу",
                                     due_on=date(2026, 12, 1))
        made["referral"] = Referral(person_id=person, case_id=case.id, office_id=ast,
                                    service_type_code="legal_aid", referred_on=date(2026, 11, 2),
                                    outcome="Кеңес берілді")
        made["placement"] = Placement(person_id=person, office_id=ast, employer_id=employer.id,
                                      job_referral_id=job.id, sector_code="construction",
                                      position="Тігінші", monthly_wage=250_000,
                                      started_on=date(2026, 11, 7))
        made["entitlement"] = Entitlement(person_id=person, case_id=case.id, office_id=ast,
                                          rule_code="relocation_subsidy", members=3,
                                          applied_on=date(2026, 11, 8), amount_applied=302_750)
        made["stay"] = Stay(room_id=room.id, person_id=person, checked_in_on=date(2026, 11, 9),
                            planned_until=date(2026, 11, 20))
        goal = made["case_goal"] = CaseGoal(case_id=case.id, area_code="language",
                                            description="Қазақ тілін B2 деңгейіне меңгеру")
        made["job_seeker_sector"] = JobSeekerSector(job_seeker_id=seeker.id,
                                                    sector_code="construction")
        made["job_seeker_region"] = JobSeekerRegion(job_seeker_id=seeker.id, region_code="71")
        made["attendance"] = Attendance(session_id=meeting.id, enrolment_id=enrolment.id,
                                        present=True)
        made["status_change"] = StatusChange(subject_table="referral", subject_id=uuid.uuid4(),
                                             status="referred")
        session.add_all(made.values())
        session.flush()
        made["status_change"].subject_id = made["referral"].id
        made["case_goal_service"] = GoalService(goal_id=goal.id, enrolment_id=enrolment.id)
        made["retention_check"] = RetentionCheck(placement_id=made["placement"].id,
                                                 months_after=3, due_on=date(2027, 2, 7))
        made["entitlement_payment"] = EntitlementPayment(
            entitlement_id=made["entitlement"].id, paid_on=date(2026, 11, 20), amount=302_750)
        session.add_all(made.values())
        session.flush()
        made["client_case"] = case
        ids = {table: record.id for table, record in made.items()}
    return {**ids, "person": person, "child": child}


SECTIONS = {  # table → where its record is in the JSON
    "document": ("documents",), "person_language": ("languages",),
    "household_link": ("household",), "client_case": ("cases",),
    "case_goal": ("cases", "goals"), "case_transfer": ("case_transfers",),
    "consultation": ("consultations",), "course_enrolment": ("course_enrolments",),
    "level_assessment": ("language_assessments",), "referral": ("social_referrals",),
    "status_change": ("social_referrals", "status_history"),
    "job_referral": ("job_referrals",), "placement": ("placements",),
    "retention_check": ("placements", "retention_checks"), "follow_up": ("follow_ups",),
    "entitlement": ("entitlements",), "entitlement_payment": ("entitlements", "payments"),
    "stay": ("stays",), "job_seeker_sector": ("job_seeker", "sectors"),
    "job_seeker_region": ("job_seeker", "regions"),
}


def found(content: dict[str, Any], path: tuple[str, ...]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = [content]
    for key in path:
        records = [item for record in records
                   for item in (record[key] if isinstance(record[key], list) else [record[key]])]
    return records


def test_every_record_of_the_person_is_in_the_json(demo_database: Database,
                                                   caseworker: Actor,
                                                   everything: dict[str, Any]) -> None:
    data = build_person_data(demo_database, caseworker, everything["person"], now=NOW)
    content = json.loads(json.dumps(data.content))  # plain JSON all the way down
    assert content == data.content
    assert content["person_id"] == str(everything["person"])
    assert content["generated_at"].startswith("2026-11-25T14:30:00")
    assert content["format"] == "qadam-personal-data" and content["language"] == "kk"
    for table, path in SECTIONS.items():
        ids = [record["id"] for record in found(content, path)]
        assert str(everything[table]) in ids, table
    profile = content["profile"]
    assert profile["id"] == str(everything["person"]) and profile["iin"] == IIN
    assert profile["notes"] == NOTE and profile["consent_date"] == "2026-01-10"
    assert profile["consent_form_code"] == "written" and profile["consent_form_label"]
    assert profile["birth_date"] == "1990-03-04" and profile["sex_label"] == "Әйел"
    assert profile["citizenship_label"] == "Қытай" and profile["office_code"] == "AST"
    assert profile["consent_recorded_by_name"] == caseworker.full_name
    assert profile["created_at"].endswith("+00:00")  # a stamp Qadam wrote: UTC, and says so
    assert content["job_seeker"]["id"] == str(everything["job_seeker"])
    assert content["merged_files"][0]["summary"]["name"] == "Сейтқалиева Айгерім"
    # Codes with their labels beside them, in the copy's language.
    consultation = content["consultations"][0]
    assert consultation["held_at"] == "2026-11-01T10:00:00"
    assert consultation["topics"] == [{"code": "documents", "label": consultation["topics"][0][
        "label"]}] and consultation["topics"][0]["label"]
    assert consultation["channel_code"] == "in_person" and consultation["channel_label"]
    assert consultation["caseworker_name"] == caseworker.full_name
    case = content["cases"][0]
    assert case["status"] == "open" and case["status_label"] == "Ашық"
    assert case["goals"][0]["services"] == [{"kind": "enrolment",
                                              "service_id": str(everything["course_enrolment"])}]
    enrolment = content["course_enrolments"][0]
    assert enrolment["attendance"][0]["present"] is True and enrolment["group_name"]
    assert enrolment["attendance"][0]["held_on"][:4].isdigit()
    link = content["household"][0]
    assert link["related_person_id"] == str(everything["child"])
    assert link["related_person_name"] == "Сейтқалиев Нұрасыл"
    assert link["relationship_code"] == "child" and link["relationship_label"]
    assert content["placements"][0]["monthly_wage"] == 250_000
    assert content["entitlements"][0]["payments"][0]["amount"] == 302_750


def test_the_child_sees_the_link_from_their_side(demo_database: Database, caseworker: Actor,
                                                 everything: dict[str, Any]) -> None:
    content = build_person_data(demo_database, caseworker, everything["child"], "en",
                                now=NOW).content
    (link,) = content["household"]
    assert (link["related_person_name"], link["relationship_code"],
            link["relationship_label"]) == ("Сейтқалиева Әйгерім", "parent", "Parent")
    assert link["recorded_relationship_code"] == "child"
    assert content["documents"] == [] and content["job_seeker"] is None


def test_every_table_that_names_a_person_or_their_case_is_read() -> None:
    named = {table.name for table in Base.metadata.tables.values()
             if any(key.column.table.name in ("person", "client_case", "case_goal",
                                              "placement", "course_enrolment", "job_seeker",
                                              "entitlement", "consultation")
                    for column in table.columns for key in column.foreign_keys)}
    # A table added later that names a person (or one of their records) fails here until
    # the copy reads it, or says why it leaves it out.
    assert len(named) > 20
    assert named - COVERED_TABLES - set(LEFT_OUT_TABLES) == set()
    assert not COVERED_TABLES & set(LEFT_OUT_TABLES)


def test_the_pdf_holds_the_same_records_with_kazakh_letters_and_the_full_iin(
        demo_database: Database, caseworker: Actor, everything: dict[str, Any],
        tmp_path: Path) -> None:
    pdf = tmp_path / "personal-data.pdf"
    export_person_data(demo_database, caseworker, everything["person"], [pdf], now=NOW)
    assert pdf.read_bytes().startswith(b"%PDF")
    reader = PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
    for expected in ("Сейтқалиева Әйгерім", IIN, NOTE.split(";")[0], "ҚЗ 0042",
                     "Қазақ тілін B2 деңгейіне меңгеру", "Құжаттарды тапсыру тәртібі",
                     "Алматыға көшті", "Бөлме 7", "Қоңырау шалу", "Сейтқалиев Нұрасыл",
                     "Кеңес берілді", "04.03.1990", "250 000", "302 750"):
        assert expected in text, expected
    for letter in "ӘҒҚҢӨҰҮІ":
        assert letter in text.upper(), letter
    fonts = {str(font.get("/BaseFont")) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in name for name in fonts)


def test_the_copy_is_in_the_person_s_language_unless_asked(demo_database: Database,
                                                           caseworker: Actor,
                                                           everything: dict[str, Any],
                                                           tmp_path: Path) -> None:
    pdf = tmp_path / "ru.pdf"
    export_person_data(demo_database, caseworker, everything["person"], [pdf], "ru", now=NOW)
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Женский" in text and "Консультации" in text
    assert build_person_data(demo_database, caseworker, everything["person"],
                             now=NOW).language == "kk"


def test_pdf_and_json_are_written_together_and_logged(demo_database: Database,
                                                      caseworker: Actor,
                                                      everything: dict[str, Any],
                                                      tmp_path: Path) -> None:
    pdf, data = tmp_path / "copy.pdf", tmp_path / "copy.json"
    export_person_data(demo_database, caseworker, everything["person"], [pdf, data], now=NOW)
    assert json.loads(data.read_text(encoding="utf-8"))["profile"]["iin"] == IIN
    with demo_database.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")
                                  .order_by(AuditEntry.changes["personal_data"][1].as_string())
                                  ).all()
    assert [(e.user_id, e.table_name, e.record_id, e.changes) for e in entries] == [
        (caseworker.user_id, "person", everything["person"], {"personal_data": [None, "json"]}),
        (caseworker.user_id, "person", everything["person"], {"personal_data": [None, "pdf"]})]


def test_another_office_s_caseworker_is_refused_and_nothing_is_written(
        demo_database: Database, everything: dict[str, Any], tmp_path: Path) -> None:
    stranger = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "copy.pdf"
    with pytest.raises(AccessDenied):
        export_person_data(demo_database, stranger, everything["person"], [target])
    with pytest.raises(AccessDenied):
        build_person_data(demo_database, stranger, everything["person"])
    assert list(out.iterdir()) == []
    manager = log_in(demo_database, "manager.ala", "qadam-manager")  # sees every office
    assert build_person_data(demo_database, manager, everything["person"]).content["profile"]
    with demo_database.session() as session:
        assert session.scalars(select(AuditEntry).where(
            AuditEntry.action == "export", AuditEntry.user_id == stranger.user_id)).all() == []


def test_an_unknown_person_and_a_merged_file(demo_database: Database,
                                             everything: dict[str, Any]) -> None:
    with pytest.raises(NoSuchClient) as raised:
        build_person_data(demo_database, LOCAL_OPERATOR, uuid.uuid4())
    assert describe(raised.value) == "There is no such client: the file may have been deleted."
    old = uuid.UUID(build_person_data(demo_database, LOCAL_OPERATOR, everything["person"])
                    .content["merged_files"][0]["merged_person_id"])
    # An old link to a file merged since gives the file it went into.
    assert build_person_data(demo_database, LOCAL_OPERATOR, old).person_id == everything["person"]


def test_a_failure_leaves_neither_file_nor_entry(demo_database: Database, caseworker: Actor,
                                                 everything: dict[str, Any], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    moved: list[str] = []
    real_replace = exporting.os.replace

    def second_fails(source: Any, target: Any) -> None:
        if moved:
            raise OSError(28, "No space left on device")
        moved.append(str(target))
        real_replace(source, target)

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(exporting.os, "replace", second_fails)
    with pytest.raises(OSError):
        export_person_data(demo_database, caseworker, everything["person"],
                           [out / "a.pdf", out / "a.json"])
    assert moved and list(out.iterdir()) == []  # the first file was taken back too
    with demo_database.session() as session:
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all() \
            == []
    with pytest.raises(ValueError):
        person_data.person_data_format(tmp_path / "a.xlsx")
