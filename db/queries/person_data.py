"""Every record Qadam holds on one person, for the copy they may ask for (right of access).

Each record comes whole: every column of its table (the bookkeeping ``version``,
``created_by``, ``updated_by`` and the derived ``sort_key`` aside) under the column's own
name, so that a column added to a table later is in the copy without anyone thinking of
it. Beside a column that names a reference list's code goes its label in the asked
language (``category_code`` → ``category_label``); beside one that names a user, an
office, an employer, a provider, a vacancy, a course group or a room, its name
(``caseworker_id`` → ``caseworker_name``; an office also its ``..._code``). Values stay
Python values (dates, UUIDs, enum strings): the service words and serialises them.

One statement per kind of record (and one per list of names), whatever the history.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, Table, select

from db.base import Base, ReferenceItem
from db.models import (
    Attendance,
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
    Person,
    PersonLanguage,
    PersonTombstone,
    Placement,
    Provider,
    Referral,
    RetentionCheck,
    Room,
    StatusChange,
    Stay,
    User,
    Vacancy,
)
from db.models import consultation_topic_link as topic_link
from db.models.reference import ConsultationTopic, Language, LanguageLevel, ServiceType
from db.queries.clients import label_column
from db.queries.providers import provider_name

__all__ = ["COVERED_TABLES", "LEFT_OUT_TABLES", "Record", "person_records", "preferred_language"]

Record = dict[str, Any]

SKIPPED_COLUMNS = frozenset({"version", "created_by", "updated_by", "sort_key"})
REFERENCE_TABLES = {mapper.class_.__tablename__: mapper.class_
                    for mapper in Base.registry.mappers
                    if issubclass(mapper.class_, ReferenceItem)}
# The tables that hold a person's records (through person_id, or their cases, goals,
# placements, enrolments...), all read here; and those with a person's id left out, why.
COVERED_TABLES = frozenset({
    "person", "person_language", "document", "household_link", "client_case", "case_goal",
    "case_goal_service", "case_transfer", "consultation", "consultation_topic_link",
    "course_enrolment", "attendance", "level_assessment", "referral", "status_change",
    "job_seeker", "job_seeker_sector", "job_seeker_region", "job_referral", "placement",
    "retention_check", "follow_up", "entitlement", "entitlement_payment", "stay",
    "person_tombstone",
})
LEFT_OUT_TABLES = {
    "person_search": "the search index: the names again, in folded and transliterated forms",
    "search_word": "the search index: each word of those forms on its own",
    "distinct_person_pair": "a user's note that two files are two people: about the other "
                            "person as much as this one",
}


def _stem(column: Column[Any]) -> str:
    key = column.key
    for suffix in ("_code", "_id"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


class _Reader:
    """Reads whole rows, then puts the labels and names beside the codes and ids they
    name, a list of labels or names read once for every row that needs it."""

    def __init__(self, connection: Connection, language: str) -> None:
        self.connection = connection
        self.language = language
        self.rows: list[tuple[Table, Record]] = []

    def read(self, model: Any, condition: ColumnElement[bool], *order: Any) -> list[Record]:
        table: Table = model.__table__
        # The id first, where a reader looks for what the others point at.
        columns = sorted((c for c in table.columns if c.key not in SKIPPED_COLUMNS),
                         key=lambda c: c.key != "id")
        records = [dict(zip((c.key for c in columns), row, strict=True))
                   for row in self.connection.execute(
                       select(*columns).where(condition).order_by(*order, table.c.id))]
        self.rows += [(table, record) for record in records]
        return records

    def label(self) -> None:
        """Every label and name beside its code or id, in the column's place."""
        wanted: dict[str, set[Any]] = {}
        for table, record in self.rows:
            for column in table.columns:
                target = _target(column)
                if target is not None and record.get(column.key) is not None:
                    wanted.setdefault(target, set()).add(record[column.key])
        words = {target: self._words(target, keys) for target, keys in wanted.items()}
        for table, record in self.rows:
            labelled: Record = {}
            for key, value in record.items():
                labelled[key] = value
                column = table.columns.get(key)
                target = _target(column) if column is not None else None
                if target is None:
                    continue
                stem = _stem(column)  # type: ignore[arg-type]
                found = words[target].get(value) if value is not None else None
                if target in REFERENCE_TABLES:
                    labelled[f"{stem}_label"] = found
                else:
                    name, code = found if found else (None, None)
                    labelled[f"{stem}_name"] = name
                    if target == Office.__tablename__:
                        labelled[f"{stem}_code"] = code
            record.clear()
            record.update(labelled)

    def _words(self, target: str, keys: set[Any]) -> dict[Any, Any]:
        if target in REFERENCE_TABLES:
            model = REFERENCE_TABLES[target]
            return dict(self.connection.execute(
                select(model.code, label_column(model, self.language))
                .where(model.code.in_(keys))).all())
        id_column, name = NAMED[target](self.language)
        statement = select(id_column, name, Office.code if target == "office" else name)
        return {r[0]: (r[1], r[2]) for r in self.connection.execute(
            statement.where(id_column.in_(keys)))}


NAMED = {
    "app_user": lambda _language: (User.id, User.full_name),
    "office": lambda _language: (Office.id, Office.name),
    "employer": lambda _language: (Employer.id, Employer.name),
    "provider": lambda language: (Provider.id, provider_name(language)),
    "vacancy": lambda _language: (Vacancy.id, Vacancy.title),
    "course_group": lambda _language: (CourseGroup.id, CourseGroup.name),
    "room": lambda _language: (Room.id, Room.name),
}


def _target(column: Column[Any]) -> str | None:
    """The table whose label or name goes beside the column's value, if any."""
    for key in column.foreign_keys:
        table = key.column.table.name
        if table in REFERENCE_TABLES or table in NAMED:
            return table
    return None


def preferred_language(connection: Connection, person_id: uuid.UUID) -> str | None:
    """The language the person asked for their documents in; None for no such person."""
    return connection.scalar(select(Person.preferred_language).where(Person.id == person_id))


def person_records(connection: Connection, person_id: uuid.UUID,
                   language: str) -> Record | None:
    """The person's profile and every record of theirs, by kind; None for no such person.

    Lists are in the order things happened (then by id), the nested ones under their
    record: a case's goals and each goal's services, an enrolment's attendance, a
    placement's retention checks, an entitlement's payments, the status history of
    referrals, enrolments and job referrals.
    """
    reader = _Reader(connection, language)
    found = reader.read(Person, Person.id == person_id)
    if not found:
        return None
    mine = person_id

    cases = reader.read(Case, Case.person_id == mine, Case.opened_on)
    goals = reader.read(CaseGoal, CaseGoal.case_id.in_([c["id"] for c in cases]),
                        CaseGoal.target_date)
    services = _goal_services(connection, [g["id"] for g in goals])
    for goal in goals:
        goal["services"] = services.get(goal["id"], [])
    for case in cases:
        case["goals"] = [g for g in goals if g["case_id"] == case["id"]]

    consultations = reader.read(Consultation, Consultation.person_id == mine,
                                Consultation.held_at)
    topics = _topics(connection, [c["id"] for c in consultations], language)
    for consultation in consultations:
        consultation["topics"] = topics.get(consultation["id"], [])

    enrolments = reader.read(CourseEnrolment, CourseEnrolment.person_id == mine,
                             CourseEnrolment.enrolled_on)
    courses = _courses(connection, {e["group_id"] for e in enrolments}, language)
    attendance = _attendance(connection, [e["id"] for e in enrolments])
    for enrolment in enrolments:
        enrolment.update(courses.get(enrolment["group_id"], {}))
        enrolment["attendance"] = attendance.get(enrolment["id"], [])

    referrals = reader.read(Referral, Referral.person_id == mine, Referral.referred_on)
    job_referrals = reader.read(JobReferral, JobReferral.person_id == mine,
                                JobReferral.referred_on)
    history = _status_history(reader, (("course_enrolment", enrolments),
                                       ("referral", referrals),
                                       ("job_referral", job_referrals)))
    for records in (enrolments, referrals, job_referrals):
        for record in records:
            record["status_history"] = history.get(record["id"], [])

    placements = reader.read(Placement, Placement.person_id == mine, Placement.started_on)
    checks = reader.read(RetentionCheck, RetentionCheck.placement_id.in_(
        [p["id"] for p in placements]), RetentionCheck.months_after)
    for placement in placements:
        placement["retention_checks"] = [c for c in checks
                                         if c["placement_id"] == placement["id"]]

    seekers = reader.read(JobSeeker, JobSeeker.person_id == mine)
    for seeker in seekers:
        seeker["sectors"] = reader.read(JobSeekerSector,
                                        JobSeekerSector.job_seeker_id == seeker["id"])
        seeker["regions"] = reader.read(JobSeekerRegion,
                                        JobSeekerRegion.job_seeker_id == seeker["id"])

    entitlements = reader.read(Entitlement, Entitlement.person_id == mine,
                               Entitlement.applied_on)
    payments = reader.read(EntitlementPayment, EntitlementPayment.entitlement_id.in_(
        [e["id"] for e in entitlements]), EntitlementPayment.paid_on)
    for entitlement in entitlements:
        entitlement["payments"] = [p for p in payments
                                   if p["entitlement_id"] == entitlement["id"]]

    record: Record = {
        "profile": found[0],
        "languages": reader.read(PersonLanguage, PersonLanguage.person_id == mine,
                                 PersonLanguage.created_at),
        "documents": reader.read(Document, Document.person_id == mine, Document.issued_on),
        "household": _household(connection, mine),
        "cases": cases,
        "case_transfers": reader.read(CaseTransfer, CaseTransfer.person_id == mine,
                                      CaseTransfer.requested_on),
        "consultations": consultations,
        "course_enrolments": enrolments,
        "language_assessments": reader.read(LevelAssessment, LevelAssessment.person_id == mine,
                                            LevelAssessment.assessed_on),
        "social_referrals": referrals,
        "job_seeker": seekers[0] if seekers else None,
        "job_referrals": job_referrals,
        "placements": placements,
        "follow_ups": reader.read(FollowUp, FollowUp.person_id == mine, FollowUp.due_on),
        "entitlements": entitlements,
        "stays": reader.read(Stay, Stay.person_id == mine, Stay.checked_in_on),
        "merged_files": reader.read(PersonTombstone, PersonTombstone.kept_person_id == mine,
                                    PersonTombstone.merged_at),
    }
    reader.label()
    return record


# ---- what whole rows do not say ----------------------------------------------------------

_SERVICE_KINDS = (("enrolment", GoalService.enrolment_id), ("referral", GoalService.referral_id),
                  ("job_referral", GoalService.job_referral_id),
                  ("placement", GoalService.placement_id))


def _goal_services(connection: Connection, goal_ids: list[uuid.UUID],
                   ) -> dict[uuid.UUID, list[Record]]:
    """Each goal's services: the kind of record and its id (the record is in its list)."""
    result: dict[uuid.UUID, list[Record]] = {}
    if not goal_ids:
        return result
    rows = connection.execute(
        select(GoalService.goal_id, *(column for _kind, column in _SERVICE_KINDS))
        .where(GoalService.goal_id.in_(goal_ids))
        .order_by(GoalService.created_at, GoalService.id))
    for goal_id, *ids in rows:
        # Exactly one of the four is set (a check constraint says so).
        kind, service_id = next((kind, value) for (kind, _c), value
                                in zip(_SERVICE_KINDS, ids, strict=True) if value is not None)
        result.setdefault(goal_id, []).append({"kind": kind, "service_id": service_id})
    return result


def _topics(connection: Connection, ids: list[uuid.UUID],
            language: str) -> dict[uuid.UUID, list[Record]]:
    result: dict[uuid.UUID, list[Record]] = {}
    if not ids:
        return result
    for consultation_id, code, label in connection.execute(
            select(topic_link.c.consultation_id, ConsultationTopic.code,
                   label_column(ConsultationTopic, language))
            .join(ConsultationTopic, ConsultationTopic.code == topic_link.c.topic_code)
            .where(topic_link.c.consultation_id.in_(ids))
            .order_by(ConsultationTopic.sort_order, ConsultationTopic.code)):
        result.setdefault(consultation_id, []).append({"code": code, "label": label})
    return result


def _courses(connection: Connection, group_ids: Iterable[uuid.UUID],
             language: str) -> dict[uuid.UUID, Record]:
    """What an enrolment's group teaches, and when."""
    ids = list(group_ids)
    if not ids:
        return {}
    rows = connection.execute(
        select(CourseGroup.id, CourseGroup.service_type_code, label_column(ServiceType, language),
               CourseGroup.language_code, label_column(Language, language),
               CourseGroup.level_code, label_column(LanguageLevel, language),
               CourseGroup.starts_on, CourseGroup.ends_on)
        .join(ServiceType, ServiceType.code == CourseGroup.service_type_code)
        .join(Language, Language.code == CourseGroup.language_code)
        .outerjoin(LanguageLevel, LanguageLevel.code == CourseGroup.level_code)
        .where(CourseGroup.id.in_(ids)))
    return {r[0]: {"course_code": r[1], "course_label": r[2], "course_language_code": r[3],
                   "course_language_label": r[4], "course_level_code": r[5],
                   "course_level_label": r[6], "group_starts_on": r[7], "group_ends_on": r[8]}
            for r in rows}


def _attendance(connection: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Record]]:
    """Each enrolment's marks, by the session's day (no row: not marked yet)."""
    result: dict[uuid.UUID, list[Record]] = {}
    if not ids:
        return result
    for enrolment_id, session_id, held_on, topic, present, excused in connection.execute(
            select(Attendance.enrolment_id, CourseSession.id, CourseSession.held_on,
                   CourseSession.topic, Attendance.present, Attendance.excused)
            .join(CourseSession, CourseSession.id == Attendance.session_id)
            .where(Attendance.enrolment_id.in_(ids))
            .order_by(CourseSession.held_on, CourseSession.id)):
        result.setdefault(enrolment_id, []).append(
            {"session_id": session_id, "held_on": held_on, "topic": topic,
             "present": bool(present), "excused": bool(excused)})
    return result


def _status_history(reader: _Reader, subjects: Iterable[tuple[str, list[Record]]],
                    ) -> dict[uuid.UUID, list[Record]]:
    result: dict[uuid.UUID, list[Record]] = {}
    for table, records in subjects:
        if not records:
            continue
        for change in reader.read(StatusChange, (StatusChange.subject_table == table)
                                  & StatusChange.subject_id.in_([r["id"] for r in records]),
                                  StatusChange.changed_at):
            result.setdefault(change["subject_id"], []).append(change)
    return result


def _household(connection: Connection, person_id: uuid.UUID) -> list[Record]:
    """The person's links in both directions, each with the other member's names; the
    relationship as recorded (``forward``: the other is this person's <relationship>)."""
    result = []
    for forward, mine, theirs in ((True, HouseholdLink.person_id, HouseholdLink.related_person_id),
                                  (False, HouseholdLink.related_person_id,
                                   HouseholdLink.person_id)):
        rows = connection.execute(
            select(HouseholdLink.id, Person.id, Person.surname, Person.given_name,
                   Person.patronymic, Person.surname_latin, Person.given_name_latin,
                   Person.birth_date, HouseholdLink.relationship_code,
                   HouseholdLink.created_at)
            .join(Person, Person.id == theirs)
            .where(mine == person_id)
            .order_by(HouseholdLink.created_at, HouseholdLink.id))
        for r in rows:
            result.append({
                "id": r[0], "related_person_id": r[1],
                "related_person_name": " ".join(p for p in (r[2], r[3], r[4]) if p),
                "related_person_name_latin": " ".join(p for p in (r[5], r[6]) if p),
                "related_person_birth_date": r[7], "recorded_relationship_code": r[8],
                "recorded_from_this_file": forward, "created_at": r[9]})
    result.sort(key=lambda link: (link["created_at"], str(link["id"])))
    return result
