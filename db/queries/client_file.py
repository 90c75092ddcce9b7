"""Everything one client's file shows, read by person_id through indexed lookups.

Each function is one statement (two for consultations and their topics), so
opening a file costs a fixed number of queries whatever the client's history:
no query per row. Labels come in the asked language; statuses stay codes for
the application to label.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, case, func, literal, select, union_all
from sqlalchemy.orm import aliased

from db.models import (
    Attendance,
    AuditEntry,
    Case,
    CaseGoal,
    CaseTransfer,
    Consultation,
    CourseEnrolment,
    CourseGroup,
    Document,
    Employer,
    EnrolmentStatus,
    FollowUp,
    GoalService,
    HouseholdLink,
    JobReferral,
    JobSeeker,
    LevelAssessment,
    Office,
    Person,
    PersonLanguage,
    Placement,
    Provider,
    Referral,
    RetentionCheck,
    TransferStatus,
    User,
    Vacancy,
)
from db.models import consultation_topic_link as topic_link
from db.models.reference import (
    REFERENCE_MODELS,
    CaseClosureReason,
    ConsultationChannel,
    ConsultationTopic,
    DocumentType,
    DropoutReason,
    EconomicSector,
    Language,
    LanguageLevel,
    MigrantCategory,
    ServiceArea,
    ServiceType,
)
from db.queries.clients import label_column as _label
from db.queries.duplicates import merged_into
from db.queries.providers import provider_name

HISTORY_LIMIT = 1000  # the newest changes; a file with more is a data migration's doing

# The person's own columns that the profile shows and edits.
PROFILE_COLUMNS = (
    "surname", "given_name", "patronymic", "surname_latin", "given_name_latin", "name_original",
    "iin", "birth_date", "sex", "citizenship", "country_of_origin", "category_code",
    "arrival_date", "region_code", "locality", "address", "phone", "email", "messenger",
    "education_code", "profession", "preferred_language", "consent_date", "consent_form_code",
    "notes",
)


@dataclass(frozen=True, slots=True)
class PersonDetails:
    id: uuid.UUID
    values: dict[str, Any]  # PROFILE_COLUMNS -> stored value
    version: int
    office_id: uuid.UUID
    office_name: str
    category: str


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: uuid.UUID
    office_name: str
    caseworker: str
    status: str
    opened_on: date
    closed_on: date | None
    closure_reason: str
    # What closing, reopening and reassigning need: the version they were read at.
    version: int = 1
    office_id: uuid.UUID | None = None
    caseworker_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: uuid.UUID
    case_id: uuid.UUID
    area: str
    description: str
    target_date: date | None
    status: str
    # What editing the goal and printing the plan need.
    area_code: str = ""
    status_on: date | None = None
    note: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class GoalServiceRow:
    """One link of a goal to a service; ``kind`` names the column that holds it."""

    id: uuid.UUID
    goal_id: uuid.UUID
    kind: str  # enrolment / referral / job_referral / placement
    service_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: uuid.UUID
    type: str
    number: str
    issued_by: str
    issued_on: date | None
    expires_on: date | None
    # What editing, renewing and marking it need, and the state it is in.
    type_code: str = ""
    version: int = 1
    status: str = "valid"
    status_on: date | None = None
    status_note: str = ""
    replaced_by_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    link_id: uuid.UUID
    person_id: uuid.UUID  # the other member
    name: str
    name_latin: str
    birth_date: date | None
    office_id: uuid.UUID
    relationship_code: str
    forward: bool  # True: the member is this client's <relationship>; False: the reverse


@dataclass(frozen=True, slots=True)
class ConsultationRow:
    id: uuid.UUID
    held_at: datetime
    channel: str
    caseworker: str
    advice: str
    next_steps: str
    notes: str
    next_appointment_at: datetime | None
    topics: tuple[str, ...]
    # Who may correct or delete it: its author, or a manager of its office.
    caseworker_id: uuid.UUID | None = None
    office_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class EnrolmentRow:
    id: uuid.UUID
    group: str
    course: str
    language: str
    level: str
    status: str
    enrolled_on: date
    finished_on: date | None
    starts_on: date
    ends_on: date
    level_before: str
    level_after: str
    # What the Services tab shows beside the state, and what its steps need.
    version: int = 1
    group_id: uuid.UUID | None = None
    offered_on: date | None = None  # waiting, with a place offered and not yet answered
    position: int | None = None  # on the waiting list, 1 for the first; None off it
    present: int = 0  # sessions marked present
    counted: int = 0  # sessions marked present or absent (an excused absence counts neither)
    dropout_reason: str = ""


@dataclass(frozen=True, slots=True)
class JobReferralRow:
    """A job referral (employer, vacancy) or a training one (provider, course)."""

    id: uuid.UUID
    employer: str
    vacancy: str
    status: str
    referred_on: date
    outcome_on: date | None
    monthly_wage: int | None
    kind: str = "job"
    version: int = 1
    vacancy_id: uuid.UUID | None = None
    provider: str = ""
    course_title: str = ""
    service: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    interview_on: date | None = None
    note: str = ""
    sector_code: str | None = None  # the vacancy's: a hire's form starts from it


@dataclass(frozen=True, slots=True)
class PlacementRow:
    id: uuid.UUID
    employer: str
    position: str
    started_on: date
    ended_on: date | None
    monthly_wage: int | None
    contract_type: str | None = None
    sector: str = ""


@dataclass(frozen=True, slots=True)
class SocialReferralRow:
    id: uuid.UUID
    service: str
    provider: str
    status: str
    referred_on: date
    closed_on: date | None
    outcome: str


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: uuid.UUID
    title: str
    due_on: date
    assignee: str
    done: bool
    done_at: datetime | None
    done_comment: str
    version: int
    assignee_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: uuid.UUID
    at: datetime  # naive UTC
    who: str
    action: str
    table_name: str
    record_id: uuid.UUID
    changes: dict[str, list[Any]]


def person_details(connection: Connection, person_id: uuid.UUID,
                   language: str) -> PersonDetails | None:
    columns = [getattr(Person, name) for name in PROFILE_COLUMNS]
    row = connection.execute(
        select(*columns, Person.version, Person.office_id, Office.name,
               _label(MigrantCategory, language))
        .join(Office, Office.id == Person.office_id)
        .join(MigrantCategory, MigrantCategory.code == Person.category_code)
        .where(Person.id == person_id)).first()
    if row is None:
        return None
    count = len(PROFILE_COLUMNS)
    values = dict(zip(PROFILE_COLUMNS, row[:count], strict=True))
    version, office_id, office_name, category = row[count:]
    return PersonDetails(person_id, values, version, office_id, office_name, category)


def person_office(connection: Connection, person_id: uuid.UUID) -> uuid.UUID | None:
    return connection.execute(select(Person.office_id).where(Person.id == person_id)).scalar()


def person_with_iin(connection: Connection, iin: str) -> uuid.UUID | None:
    return connection.execute(select(Person.id).where(Person.iin == iin)).scalar()


def cases(connection: Connection, person_id: uuid.UUID, language: str) -> list[CaseRow]:
    """Newest first."""
    rows = connection.execute(
        select(Case.id, Office.name, User.full_name, Case.status, Case.opened_on, Case.closed_on,
               _label(CaseClosureReason, language), Case.version, Case.office_id,
               Case.caseworker_id)
        .join(Office, Office.id == Case.office_id)
        .outerjoin(User, User.id == Case.caseworker_id)
        .outerjoin(CaseClosureReason, CaseClosureReason.code == Case.closure_reason_code)
        .where(Case.person_id == person_id)
        .order_by(Case.opened_on.desc(), Case.id))
    return [CaseRow(r[0], r[1], r[2] or "", str(r[3]), r[4], r[5], r[6] or "", r[7], r[8], r[9])
            for r in rows]


@dataclass(frozen=True, slots=True)
class PendingTransferRow:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    to_office_id: uuid.UUID
    to_office: str
    requested_on: date
    note: str


def pending_transfers(connection: Connection, person_id: uuid.UUID) -> list[PendingTransferRow]:
    """The person's transfer requests not yet answered (one per case at most)."""
    rows = connection.execute(
        select(CaseTransfer.id, CaseTransfer.version, CaseTransfer.case_id,
               CaseTransfer.to_office_id, Office.name, CaseTransfer.requested_on,
               CaseTransfer.note)
        .join(Office, Office.id == CaseTransfer.to_office_id)
        .where(CaseTransfer.person_id == person_id,
               CaseTransfer.status == TransferStatus.REQUESTED))
    return [PendingTransferRow(*r) for r in rows]


def case_goals(connection: Connection, person_id: uuid.UUID, language: str) -> list[GoalRow]:
    rows = connection.execute(
        select(CaseGoal.id, CaseGoal.case_id, _label(ServiceArea, language),
               CaseGoal.description, CaseGoal.target_date, CaseGoal.status,
               CaseGoal.area_code, CaseGoal.status_on, CaseGoal.note, CaseGoal.version)
        .join(Case, Case.id == CaseGoal.case_id)
        .join(ServiceArea, ServiceArea.code == CaseGoal.area_code)
        .where(Case.person_id == person_id)
        # Undated goals last within their area; the id keeps equal ones in a stable order.
        .order_by(Case.opened_on.desc(), ServiceArea.sort_order,
                  CaseGoal.target_date.is_(None), CaseGoal.target_date, CaseGoal.id))
    return [GoalRow(r[0], r[1], r[2], r[3], r[4], str(r[5]), r[6], r[7], r[8] or "", r[9])
            for r in rows]


_GOAL_SERVICE_KINDS = ("enrolment", "referral", "job_referral", "placement")


def goal_services(connection: Connection, person_id: uuid.UUID) -> list[GoalServiceRow]:
    """The services linked to the person's goals, in the order they were linked."""
    link = GoalService
    rows = connection.execute(
        select(link.id, link.goal_id, link.enrolment_id, link.referral_id,
               link.job_referral_id, link.placement_id)
        .join(CaseGoal, CaseGoal.id == link.goal_id)
        .join(Case, Case.id == CaseGoal.case_id)
        .where(Case.person_id == person_id)
        .order_by(link.created_at, link.id))
    result = []
    for r in rows:
        # Exactly one of the four is set (a check constraint says so).
        kind, service_id = next((kind, value) for kind, value
                                in zip(_GOAL_SERVICE_KINDS, r[2:], strict=True)
                                if value is not None)
        result.append(GoalServiceRow(r[0], r[1], kind, service_id))
    return result


def documents(connection: Connection, person_id: uuid.UUID, language: str) -> list[DocumentRow]:
    """By type; within a type the valid ones first, then the latest to expire."""
    rows = connection.execute(
        select(Document.id, _label(DocumentType, language), Document.number, Document.issued_by,
               Document.issued_on, Document.expires_on, Document.type_code, Document.version,
               Document.status, Document.status_on, Document.status_note,
               Document.replaced_by_id)
        .join(DocumentType, DocumentType.code == Document.type_code)
        .where(Document.person_id == person_id)
        .order_by(DocumentType.sort_order, Document.status != "valid",
                  Document.expires_on.desc(), Document.id))
    return [DocumentRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], str(r[8]), r[9],
                        r[10], r[11]) for r in rows]


def household(connection: Connection, person_id: uuid.UUID) -> list[HouseholdRow]:
    """Links in both directions; the relationship stays a code (the reverse needs its inverse)."""
    other = aliased(Person)

    def side(mine: Any, theirs: Any, forward: bool) -> Select[Any]:
        return (select(HouseholdLink.id, other.id, other.surname, other.given_name,
                       other.patronymic, other.surname_latin, other.given_name_latin,
                       other.birth_date, other.office_id, HouseholdLink.relationship_code)
                .add_columns(literal(forward).label("forward"))
                .join(other, other.id == theirs)
                .where(mine == person_id))

    statement = union_all(
        side(HouseholdLink.person_id, HouseholdLink.related_person_id, True),
        side(HouseholdLink.related_person_id, HouseholdLink.person_id, False))
    result = []
    for r in connection.execute(statement):
        name = " ".join(p for p in (r[2], r[3], r[4]) if p)
        latin = " ".join(p for p in (r[5], r[6]) if p)
        result.append(HouseholdRow(r[0], r[1], name, latin, r[7], r[8], r[9], bool(r[10])))
    result.sort(key=lambda row: (row.birth_date or date.max, row.name))
    return result


def consultations(connection: Connection, person_id: uuid.UUID,
                  language: str) -> list[ConsultationRow]:
    """Newest first, each with its topics (fetched for all of them in one statement)."""
    topics: dict[uuid.UUID, list[str]] = {}
    for consultation_id, label in connection.execute(
            select(topic_link.c.consultation_id, _label(ConsultationTopic, language))
            .join(Consultation, Consultation.id == topic_link.c.consultation_id)
            .join(ConsultationTopic, ConsultationTopic.code == topic_link.c.topic_code)
            .where(Consultation.person_id == person_id)
            .order_by(ConsultationTopic.sort_order)):
        topics.setdefault(consultation_id, []).append(label)
    rows = connection.execute(
        select(Consultation.id, Consultation.held_at, _label(ConsultationChannel, language),
               User.full_name, Consultation.advice, Consultation.next_steps, Consultation.notes,
               Consultation.next_appointment_at, Consultation.caseworker_id,
               Consultation.office_id)
        .join(ConsultationChannel, ConsultationChannel.code == Consultation.channel_code)
        .outerjoin(User, User.id == Consultation.caseworker_id)
        .where(Consultation.person_id == person_id)
        .order_by(Consultation.held_at.desc()))
    return [ConsultationRow(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7],
                            tuple(topics.get(r[0], ())), r[8], r[9]) for r in rows]


def enrolments(connection: Connection, person_id: uuid.UUID,
               language: str) -> list[EnrolmentRow]:
    """Newest first, each with its attendance and its place on a waiting list: one
    statement, the marks counted for this person's enrolments only."""
    e = CourseEnrolment
    level, before, after = (aliased(LanguageLevel) for _i in range(3))
    ahead, mine = aliased(CourseEnrolment), aliased(CourseEnrolment)
    # Those on the same list who joined it earlier (the order the places are offered in).
    earlier = (select(func.count()).select_from(ahead)
               .where(ahead.group_id == e.group_id,
                      ahead.status == EnrolmentStatus.WAITING,
                      ahead.waiting_since < e.waiting_since)
               .correlate(e).scalar_subquery())
    marks = (select(Attendance.enrolment_id.label("enrolment_id"),
                    func.sum(case((Attendance.present.is_(True), 1), else_=0)).label("present"),
                    func.sum(case((Attendance.excused.is_(True), 0), else_=1)).label("counted"))
             .join(mine, mine.id == Attendance.enrolment_id)
             .where(mine.person_id == person_id)
             .group_by(Attendance.enrolment_id)
             .subquery())
    rows = connection.execute(
        select(e.id, CourseGroup.name, _label(ServiceType, language),
               _label(Language, language), _label(level, language), e.status,
               e.enrolled_on, e.finished_on, CourseGroup.starts_on,
               CourseGroup.ends_on, _label(before, language), _label(after, language),
               e.version, e.group_id, e.offered_on, earlier, marks.c.present, marks.c.counted,
               _label(DropoutReason, language))
        .join(CourseGroup, CourseGroup.id == e.group_id)
        .join(ServiceType, ServiceType.code == CourseGroup.service_type_code)
        .join(Language, Language.code == CourseGroup.language_code)
        .outerjoin(level, level.code == CourseGroup.level_code)
        .outerjoin(before, before.code == e.level_before_code)
        .outerjoin(after, after.code == e.level_after_code)
        .outerjoin(DropoutReason, DropoutReason.code == e.dropout_reason_code)
        .outerjoin(marks, marks.c.enrolment_id == e.id)
        .where(e.person_id == person_id)
        .order_by(e.enrolled_on.desc(), e.id))
    result = []
    for r in rows:
        status = str(r[5])
        waiting = status == EnrolmentStatus.WAITING
        result.append(EnrolmentRow(
            r[0], r[1], r[2], r[3], r[4] or "", status, r[6], r[7], r[8], r[9], r[10] or "",
            r[11] or "", r[12], r[13], r[14], (r[15] or 0) + 1 if waiting else None,
            int(r[16] or 0), int(r[17] or 0), r[18] or ""))
    return result


def job_referrals(connection: Connection, person_id: uuid.UUID,
                  language: str = "en") -> list[JobReferralRow]:
    """The wage is the placement's where the referral led to one, else the vacancy's offer."""
    rows = connection.execute(
        select(JobReferral.id, Employer.name, Vacancy.title, JobReferral.status,
               JobReferral.referred_on, JobReferral.outcome_on,
               Placement.monthly_wage, Vacancy.monthly_wage, JobReferral.kind,
               JobReferral.version, JobReferral.vacancy_id, provider_name(language),
               JobReferral.course_title, _label(ServiceType, language), JobReferral.starts_on,
               JobReferral.ends_on, JobReferral.interview_on, JobReferral.note,
               Vacancy.sector_code)
        .outerjoin(Employer, Employer.id == JobReferral.employer_id)
        .outerjoin(Vacancy, Vacancy.id == JobReferral.vacancy_id)
        .outerjoin(Provider, Provider.id == JobReferral.provider_id)
        .outerjoin(ServiceType, ServiceType.code == JobReferral.service_type_code)
        # placement.job_referral_id has no index: reach the placement through the person's.
        .outerjoin(Placement, (Placement.job_referral_id == JobReferral.id)
                   & (Placement.person_id == person_id))
        .where(JobReferral.person_id == person_id)
        .order_by(JobReferral.referred_on.desc(), JobReferral.created_at.desc()))
    return [JobReferralRow(r[0], r[1] or "", r[2] or "", str(r[3]), r[4], r[5],
                           r[6] if r[6] is not None else r[7], str(r[8]), r[9], r[10],
                           r[11] or "", r[12], r[13] or "", r[14], r[15], r[16], r[17], r[18])
            for r in rows]


def placements(connection: Connection, person_id: uuid.UUID,
               language: str = "en") -> list[PlacementRow]:
    rows = connection.execute(
        select(Placement.id, Employer.name, Placement.position, Placement.started_on,
               Placement.ended_on, Placement.monthly_wage, Placement.contract_type,
               _label(EconomicSector, language))
        .join(Employer, Employer.id == Placement.employer_id)
        .join(EconomicSector, EconomicSector.code == Placement.sector_code)
        .where(Placement.person_id == person_id)
        .order_by(Placement.started_on.desc()))
    return [PlacementRow(r[0], r[1], r[2], r[3], r[4], r[5],
                         str(r[6]) if r[6] is not None else None, r[7]) for r in rows]


def social_referrals(connection: Connection, person_id: uuid.UUID,
                     language: str) -> list[SocialReferralRow]:
    rows = connection.execute(
        select(Referral.id, _label(ServiceType, language), provider_name(language), Referral.status,
               Referral.referred_on, Referral.closed_on, Referral.outcome)
        .join(ServiceType, ServiceType.code == Referral.service_type_code)
        .outerjoin(Provider, Provider.id == Referral.provider_id)
        .where(Referral.person_id == person_id)
        .order_by(Referral.referred_on.desc()))
    return [SocialReferralRow(r[0], r[1], r[2] or "", str(r[3]), r[4], r[5], r[6])
            for r in rows]


def follow_ups(connection: Connection, person_id: uuid.UUID) -> list[FollowUpRow]:
    """Open ones first, by due date; then the done ones, latest first."""
    rows = connection.execute(
        select(FollowUp.id, FollowUp.title, FollowUp.due_on, User.full_name, FollowUp.done,
               FollowUp.done_at, FollowUp.done_comment, FollowUp.version, FollowUp.assignee_id)
        .outerjoin(User, User.id == FollowUp.assignee_id)
        .where(FollowUp.person_id == person_id))
    result = [FollowUpRow(r[0], r[1], r[2], r[3] or "", bool(r[4]), r[5], r[6], r[7], r[8])
              for r in rows]
    result.sort(key=lambda f: (f.done, f.due_on.toordinal() * (-1 if f.done else 1)))
    return result


# Tables whose rows belong to a person through their person_id column.
_OWNED_BY_PERSON = (Document, Consultation, FollowUp, Case, CourseEnrolment, JobReferral,
                    Placement, Referral, PersonLanguage, LevelAssessment, JobSeeker)


def audit_entries(connection: Connection, person_id: uuid.UUID,
                  limit: int = HISTORY_LIMIT) -> list[AuditRow]:
    """The audit log of the person row and of every record that belongs to them, newest first.

    One branch per table, each an indexed (table_name, record_id) lookup on the ids the
    person's own indexed rows give; records deleted since leave no id to look up.
    """
    entry = AuditEntry
    columns = (entry.id, entry.at, entry.user_id, entry.action, entry.table_name,
               entry.record_id, entry.changes)

    def branch(table: str, ids: Any) -> Select[Any]:
        return select(*columns).where(entry.table_name == table, entry.record_id.in_(ids))

    branches = [select(*columns).where(entry.table_name == Person.__tablename__,
                                       entry.record_id == person_id)]
    # The files merged into this one: their own changes are this person's history now (not
    # their deletion, which was the merge; the merge's own entry is on this person).
    branches.append(select(*columns).where(entry.table_name == Person.__tablename__,
                                           entry.record_id.in_(merged_into(person_id)),
                                           entry.action != "delete"))
    branches += [branch(model.__tablename__, select(model.id).where(model.person_id == person_id))
                 for model in _OWNED_BY_PERSON]
    branches.append(branch(CaseGoal.__tablename__, select(CaseGoal.id)
                           .join(Case, Case.id == CaseGoal.case_id)
                           .where(Case.person_id == person_id)))
    branches.append(branch(RetentionCheck.__tablename__, select(RetentionCheck.id)
                           .join(Placement, Placement.id == RetentionCheck.placement_id)
                           .where(Placement.person_id == person_id)))
    # A household link is the person's while it exists, and after it was unlinked too: its
    # insert entry names both people, so the history keeps showing it was made and removed.
    linked = select(HouseholdLink.id).where(
        (HouseholdLink.person_id == person_id) | (HouseholdLink.related_person_id == person_id))
    person_key = str(person_id)  # as the log writes an id (db.audit)
    unlinked = select(entry.record_id).where(
        entry.table_name == HouseholdLink.__tablename__, entry.action == "insert",
        (entry.changes[("person_id", 1)].as_string() == person_key)
        | (entry.changes[("related_person_id", 1)].as_string() == person_key))
    branches.append(branch(HouseholdLink.__tablename__, union_all(linked, unlinked)))
    found = union_all(*branches).subquery()
    rows = connection.execute(
        select(found.c.id, found.c.at, User.full_name, found.c.action, found.c.table_name,
               found.c.record_id, found.c.changes)
        .outerjoin(User, User.id == found.c.user_id)
        .order_by(found.c.at.desc(), found.c.id)
        .limit(limit))
    return [AuditRow(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6] or {}) for r in rows]


def reference_labels(connection: Connection, table: str, language: str) -> dict[str, str]:
    """Every code of one reference list with its label, inactive ones too (old records)."""
    return reference_lists(connection, (table,), language).get(table, {})


def reference_lists(connection: Connection, tables: Iterable[str],
                    language: str) -> dict[str, dict[str, str]]:
    """``reference_labels`` of several lists in one query: a file's history names values
    from a list for each kind of record it logged, and should cost the same however many."""
    branches = [select(literal(table).label("list"), model.code.label("code"),
                       _label(model, language).label("label"))
                for table in sorted(set(tables)) for model in (REFERENCE_MODELS[table],)]
    if not branches:
        return {}
    lists: dict[str, dict[str, str]] = {}
    for table, code, label in connection.execute(union_all(*branches)):
        lists.setdefault(table, {})[code] = label
    return lists


def user_names(connection: Connection, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return dict(connection.execute(select(User.id, User.full_name).where(User.id.in_(ids))).all())


def office_names(connection: Connection, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return dict(connection.execute(select(Office.id, Office.name).where(Office.id.in_(ids))).all())
