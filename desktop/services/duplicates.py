"""Duplicate files: the likely duplicates of a client, "not the same person", and merging.

- ``candidates`` runs intake's duplicate check (``intake.find_duplicates``: a similar name
  in any script and a close birth date) for a client already registered, leaving out the
  client themself and everyone a user confirmed is someone else.
- ``mark_distinct`` remembers a pair as two people (``DistinctPair``), so neither intake
  nor a later check raises it again. Any caseworker who may work with both clients.
- ``merge_preview`` and ``merge_people``: a manager's action (``Permission.SEE_ALL_QUEUES``),
  on two files they may both open. The kept person takes, field by field, the values chosen
  from either file; every record of the merged person moves to the kept one; the merged
  person's row is deleted (so no list, search or report has to learn to skip merged people)
  and a ``PersonTombstone`` keeps its id, pointing to the kept person, for old links, the
  history and an office's later sync (``resolve_person`` follows it). One transaction.

What moves is found by walking every foreign key to ``person.id`` in the metadata, not
from a list: a table added later moves too. A table whose reference to the person is
under a unique or check constraint could collide when moved, so it needs a rule of its own
(``_TABLE_RULES``); one without raises ``UnhandledReference`` before anything is written,
and a test walks the schema the same way. The rules:

- household links: one between the two people goes (nobody is their own relative); one to
  someone the kept person is linked with already goes too (a pair has one link).
- languages and enrolments: the kept person's record wins when both have one for the same
  language or course group; an enrolment's attendance and plan links move to the kept
  enrolment first (a session attended on either counts as attended).
- cases: both people with an open case in one office would break "one open case per person
  per office". Refusing would make every same-office merge a two-step job (intake opens a
  case for each registration, so two files in one office nearly always both have one), so
  the merged person's case is closed (reason "merged_duplicate": the reports count it among
  closures under that reason, as the duplicate leaves the caseload) and its open follow-ups
  and open plan goals go to the kept person's case, as a transfer does.
- "not the same person" pairs: carried over to the kept person, except the pair of the two
  (the manager has just decided otherwise) and pairs the kept person has already.
- the search index follows by itself: the session's flush hooks drop the deleted person's
  row and rewrite the kept person's.

Moves go through the ORM, so the flush hook audits each moved record as any change
(``person_id`` old → new: what office sync replays) and stamps and versions it; merging
two files of 50 records each takes well under the 1 s target that way (benchmarks/merge.py),
so nothing is written around the audit. One summarising ``merge`` entry on the kept person
says what was merged, for the History tab; the merged person's own history shows there too
(``db.queries.client_file.audit_entries`` includes the ids merged into a person).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, Column, MetaData, Table, UniqueConstraint, func, select
from sqlalchemy.orm import Session

from db.base import Base, utcnow
from db.models import (
    Attendance,
    AuditEntry,
    Case,
    CaseGoal,
    CaseStatus,
    CourseEnrolment,
    DistinctPair,
    FollowUp,
    GoalStatus,
    HouseholdLink,
    JobSeeker,
    JobSeekerRegion,
    JobSeekerSector,
    Office,
    Person,
    PersonLanguage,
    PersonTombstone,
    StatusChange,
)
from db.models.case import MERGE_CLOSURE
from db.queries import client_file as file_queries
from db.queries import duplicates as queries
from db.session import Database
from desktop.domain.iin import check_iin, mask_iin
from desktop.i18n import N_, _, current_language
from desktop.services import intake
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.client_file.history import HistoryWriter
from desktop.services.client_file.labels import FIELD_LABELS, TABLE_LABELS
from desktop.services.employment.vacancies import licence_text
from desktop.services.follow_ups import NoSuchClient, require_client
from desktop.services.intake import Duplicate, NewClient
from desktop.services.versions import require_version

__all__ = ["KEPT", "MAX_NOTE", "MERGED", "AlreadyMerged", "DifferentIins", "DistinctFromItself",
           "FieldRow", "MergeIntoItself", "MergePreview", "MergeResult", "MergeSide",
           "NoteTooLong", "UnhandledReference", "UnknownMergeField", "candidates",
           "mark_distinct", "merge_people", "merge_preview", "person_references",
           "resolve_person", "unhandled_references"]

KEPT, MERGED = "kept", "merged"  # where a field's value comes from
MAX_NOTE = 2000
MERGE_FIELDS = file_queries.PROFILE_COLUMNS  # what the profile shows is what may be chosen
CLOSED_ON_MERGE = MERGE_CLOSURE
# Follows consent_date: who recorded the consent goes with the consent taken.
_FOLLOWERS = {"consent_date": ("consent_recorded_by",)}
_OPEN_GOALS = (GoalStatus.PLANNED, GoalStatus.IN_PROGRESS)
# Checked columns that one id replacing another keeps within their check: a plan link's
# check counts which of its references is set, and a set one stays set.
_REPOINT_SAFE = frozenset({"case_goal_service.enrolment_id"})
# What the preview's counts call records the file's tabs have no name for.
_MORE_TABLE_LABELS = {"case_transfer": N_("Case transfer"),
                      "distinct_person_pair": N_("“Not the same person” mark"),
                      "person_tombstone": N_("File merged earlier")}


# ---- refusals ----------------------------------------------------------------------------------

class MergeIntoItself(ValueError):
    """The file to merge is the file to keep."""


class DistinctFromItself(ValueError):
    """A client marked as not the same person as themself."""


class AlreadyMerged(LookupError):
    """The file was merged into another meanwhile: its id now names the kept person."""

    def __init__(self, kept_name: str) -> None:
        super().__init__("merged already")
        self.kept_name = kept_name


class DifferentIins(Exception):
    """Both files hold a valid IIN and they differ: most likely two people; merging them
    needs the manager's explicit confirmation."""

    def __init__(self, kept_iin: str, merged_iin: str) -> None:
        super().__init__("different IINs")  # never the IINs themselves: texts reach the log
        self.kept_iin = kept_iin  # masked
        self.merged_iin = merged_iin


class UnknownMergeField(ValueError):
    def __init__(self, field: str) -> None:
        super().__init__(f"unknown field {field!r}")
        self.field = field


class NoteTooLong(ValueError):
    pass


class UnhandledReference(RuntimeError):
    """A table refers to the person under a constraint a move could break, and no rule here
    says how to merge it: a bug to fix here, found before anything was written."""

    def __init__(self, references: list[str]) -> None:
        super().__init__("no merge rule for " + ", ".join(references))
        self.references = references


# ---- what the dialogs get ------------------------------------------------------------------

@dataclass(frozen=True)
class MergeSide:
    id: uuid.UUID
    name: str
    name_latin: str
    office: str
    version: int  # what merge_people is given back, so a change meanwhile is refused


@dataclass(frozen=True)
class FieldRow:
    field: str
    label: str
    kept: str  # the value as the file shows it
    merged: str
    differs: bool
    suggested: str  # KEPT, or MERGED where only the merged file has a value


@dataclass(frozen=True)
class MergePreview:
    kept: MergeSide
    merged: MergeSide
    fields: list[FieldRow]
    moving: list[tuple[str, int]]  # (what, how many) of the merged file's records
    different_iins: bool  # both valid and different: merge_people wants confirmation
    marked_distinct: bool  # someone said these two are not the same person
    closing_cases: list[str]  # offices where the merged file's open case will be closed

    @property
    def differing(self) -> list[FieldRow]:
        return [row for row in self.fields if row.differs]


@dataclass(frozen=True)
class MergeResult:
    kept_id: uuid.UUID
    merged_id: uuid.UUID
    moved: int  # records that now belong to the kept person


# ---- the schema walk ------------------------------------------------------------------------

def _references_to(metadata: MetaData, table: str) -> list[tuple[Table, Column[Any]]]:
    found = []
    for child in metadata.sorted_tables:
        for key in child.foreign_keys:
            target = key.column
            if target.table.name == table and target.name == "id":
                found.append((child, key.parent))
    return found


@pure
def person_references(metadata: MetaData = Base.metadata) -> list[tuple[Table, Column[Any]]]:
    """Every (table, column) holding a person's id, as the schema declares it."""
    return _references_to(metadata, Person.__tablename__)


def _constrained(table: Table, column: Column[Any]) -> bool:
    """Could repointing this column break a constraint (a pair already there, a check)?"""
    if column.unique:
        return True
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and column.name in constraint.columns:
            return True
        if isinstance(constraint, CheckConstraint) and column.name in str(constraint.sqltext):
            return True
    return any(index.unique and column.name in index.columns for index in table.indexes)


@pure
def unhandled_references(metadata: MetaData = Base.metadata) -> list[str]:
    """``table.column`` of each reference to a person that merging cannot move safely."""
    return [f"{table.name}.{column.name}" for table, column in person_references(metadata)
            if table.name not in _TABLE_RULES and _constrained(table, column)]


def _model(table: Table) -> Any:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    raise UnhandledReference([table.name])  # a bare table: nothing here can load its rows


def _attribute(model: Any, column: Column[Any]) -> str:
    return model.__mapper__.get_property_by_column(column).key


# ---- reads -------------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def resolve_person(database: Database, actor: Actor, person_id: uuid.UUID) -> uuid.UUID:
    """The person ``person_id`` names now: the kept one if that file was merged away."""
    with database.reading() as connection:
        return queries.resolve(connection, person_id)


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def candidates(database: Database, actor: Actor, person_id: uuid.UUID,
               limit: int = 10) -> list[Duplicate]:
    """The clients (of every office: a client may have moved) who may be the same person as
    this client, best match first, as intake would show them, without those confirmed to be
    someone else. AccessDenied for another office's client, NoSuchClient for none."""
    with database.session() as session:
        person = require_client(session, actor, person_id)
        client = NewClient(given_name=person.given_name, category_code=person.category_code,
                           office_id=person.office_id, surname=person.surname,
                           surname_latin=person.surname_latin,
                           given_name_latin=person.given_name_latin,
                           birth_date=person.birth_date, iin=person.iin or "")
        exclude = {person_id} | queries.distinct_from(session.connection(), person_id)
    found = intake.find_duplicates(database, actor, client, limit, exclude)
    with database.session() as session:
        return intake.as_shown(session, actor, found)


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def merge_preview(database: Database, actor: Actor, kept_id: uuid.UUID,
                  merged_id: uuid.UUID) -> MergePreview:
    """Both files side by side: each profile field with both values, which differ, what is
    suggested, and how many records of the merged file would move. Refused as merging is."""
    if kept_id == merged_id:
        raise MergeIntoItself(kept_id)
    language = current_language()
    with database.session() as session:
        kept = _person(session, actor, kept_id)
        merged = _person(session, actor, merged_id)
        connection = session.connection()
        writer = HistoryWriter(connection, language)
        kept_values = {f: getattr(kept, f) for f in MERGE_FIELDS}
        merged_values = {f: getattr(merged, f) for f in MERGE_FIELDS}
        kept_texts, merged_texts = (writer.person_values(kept_values),
                                    writer.person_values(merged_values))
        fields = [FieldRow(f, _(FIELD_LABELS.get(f, f)), kept_texts[f], merged_texts[f],
                           _differ(kept_values[f], merged_values[f]),
                           MERGED if _empty(kept_values[f]) and not _empty(merged_values[f])
                           else KEPT)
                  for f in MERGE_FIELDS]
        moving = _counts(session, merged_id)
        low, high = queries.ordered_pair(kept_id, merged_id)
        marked = session.scalar(select(DistinctPair.id).where(
            DistinctPair.person_low_id == low, DistinctPair.person_high_id == high))
        offices = _clashing_offices(session, kept_id, merged_id)
        closing = [name for name in session.scalars(
            select(Office.name).where(Office.id.in_(offices)).order_by(Office.name))]
        return MergePreview(_side(session, kept), _side(session, merged), fields, moving,
                            _different_iins(kept.iin, merged.iin), marked is not None,
                            closing)


# ---- writes ------------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def mark_distinct(database: Database, actor: Actor, person_id: uuid.UUID,
                  other_id: uuid.UUID, note: str = "") -> uuid.UUID:
    """Remember that the two are not the same person; returns the pair's id (the one there
    already, if someone said so before). The user must be able to work with both clients.
    Raises DistinctFromItself, NoteTooLong, AccessDenied, NoSuchClient."""
    if person_id == other_id:
        raise DistinctFromItself(person_id)
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise NoteTooLong(len(note))
    low, high = queries.ordered_pair(person_id, other_id)
    with database.session(actor.user_id) as session:
        require_client(session, actor, person_id)
        require_client(session, actor, other_id)
        existing = session.scalar(select(DistinctPair.id).where(
            DistinctPair.person_low_id == low, DistinctPair.person_high_id == high))
        if existing is not None:
            return existing
        pair = DistinctPair(person_low_id=low, person_high_id=high, note=note)
        session.add(pair)
        session.flush()
        return pair.id


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def merge_people(database: Database, actor: Actor, kept_id: uuid.UUID, merged_id: uuid.UUID,
                 choices: Mapping[str, str], kept_version: int, merged_version: int, *,
                 confirm_different_iin: bool = False,
                 today: date | None = None) -> MergeResult:
    """Merge ``merged_id``'s file into ``kept_id``'s: the kept person takes each field from
    the file ``choices`` names (KEPT or MERGED; a field not named stays as kept), every
    record of the merged person moves to the kept one, and the merged person leaves a
    tombstone. Both must be at the versions the preview showed.

    Raises MergeIntoItself, AlreadyMerged, NoSuchClient, AccessDenied, StaleRecord,
    UnknownMergeField, DifferentIins (unless ``confirm_different_iin``).
    """
    if kept_id == merged_id:
        raise MergeIntoItself(kept_id)
    for field, side in choices.items():
        if field not in MERGE_FIELDS or side not in (KEPT, MERGED):
            raise UnknownMergeField(field)
    unhandled = unhandled_references()
    if unhandled:
        raise UnhandledReference(unhandled)
    with database.session(actor.user_id) as session:
        kept = _person(session, actor, kept_id)
        merged = _person(session, actor, merged_id)
        require_version(session, kept, kept_version)
        require_version(session, merged, merged_version)
        if _different_iins(kept.iin, merged.iin) and not confirm_different_iin:
            raise DifferentIins(mask_iin(kept.iin), mask_iin(merged.iin))
        taken = [f for f in MERGE_FIELDS if choices.get(f) == MERGED]
        values = {f: getattr(merged, f) for f in taken}
        for field in taken:
            values.update({f: getattr(merged, f) for f in _FOLLOWERS.get(field, ())})
        merged_name, merged_iin = merged.full_name, merged.iin
        merged_birth = merged.birth_date

        merge = _Merge(session, actor, kept, merged, today or date.today())
        moved = merge.move_everything()
        session.delete(merged)
        session.flush()  # the row and its IIN are gone before the kept person may take it
        for field, value in values.items():
            setattr(kept, field, value)
        session.add(PersonTombstone(
            merged_person_id=merged_id, kept_person_id=kept_id, merged_at=utcnow(),
            merged_by=actor.user_id,
            summary={"name": merged_name, "iin": merged_iin or "",
                     "birth_date": merged_birth.isoformat() if merged_birth else None,
                     "fields": taken, "moved": moved}))
        total = sum(moved.values())
        # The one line the kept file's history shows for the merge itself; each moved
        # record's own entry (person_id old -> new) is the flush hook's.
        session.add(AuditEntry(at=utcnow(), user_id=actor.user_id, action="merge",
                               table_name=Person.__tablename__, record_id=kept_id,
                               changes={"merged_file": [None, merged_name],
                                        "moved_records": [None, total]}))
        session.flush()
        # Both files changed even when no field and no record did: both windows must know.
        session.info.setdefault("changed_people", set()).update({kept_id, merged_id})
        return MergeResult(kept_id, merged_id, total)


# ---- the merge's steps ---------------------------------------------------------------------

class _Merge:
    """One merge inside its session: moves each kind of record, counting them by table."""

    def __init__(self, session: Session, actor: Actor, kept: Person, merged: Person,
                 today: date) -> None:
        self.session, self.actor, self.today = session, actor, today
        self.kept, self.merged = kept.id, merged.id
        self.kept_name = kept.full_name
        self.moved: dict[str, int] = {}
        self.doomed: list[Any] = []  # deleted once what points to them has moved

    def move_everything(self) -> dict[str, int]:
        done: set[str] = set()
        for table, column in person_references():
            if table.name in _TABLE_RULES:
                if table.name not in done:
                    _TABLE_RULES[table.name](self)
                    done.add(table.name)
            else:
                self.repoint(table, column, self.merged, self.kept)
        self.session.flush()
        for record in self.doomed:
            self.session.delete(record)
        self.session.flush()
        return {table: count for table, count in self.moved.items() if count}

    def count(self, table: str, count: int = 1) -> None:
        self.moved[table] = self.moved.get(table, 0) + count

    def repoint(self, table: Table, column: Column[Any], old: uuid.UUID,
                new: uuid.UUID) -> None:
        model = _model(table)
        key = _attribute(model, column)
        records = self.session.scalars(select(model).where(column == old)).all()
        for record in records:
            setattr(record, key, new)
        if table.name != Person.__tablename__:
            self.count(table.name, len(records))

    def households(self) -> None:
        link = HouseholdLink
        theirs = self.session.scalars(select(link).where(
            (link.person_id == self.merged) | (link.related_person_id == self.merged))).all()
        kept_links = self.session.execute(select(link.person_id, link.related_person_id).where(
            (link.person_id == self.kept) | (link.related_person_id == self.kept))).all()
        linked = {other for pair in kept_links for other in pair} - {self.kept}
        for record in theirs:
            other = (record.related_person_id if record.person_id == self.merged
                     else record.person_id)
            if other == self.kept or other in linked:
                self.doomed.append(record)
                continue
            if record.person_id == self.merged:
                record.person_id = self.kept
            else:
                record.related_person_id = self.kept
            linked.add(other)
            self.count(link.__tablename__)

    def languages(self) -> None:
        kept = {record.language_code: record for record in self.session.scalars(
            select(PersonLanguage).where(PersonLanguage.person_id == self.kept))}
        for record in self.session.scalars(
                select(PersonLanguage).where(PersonLanguage.person_id == self.merged)).all():
            same = kept.get(record.language_code)
            if same is None:
                record.person_id = self.kept
                self.count(PersonLanguage.__tablename__)
            else:
                if same.level_code is None:
                    same.level_code = record.level_code
                self.doomed.append(record)

    def job_seekers(self) -> None:
        """One profile per person: the kept one takes the merged one's sectors and regions,
        and what it left empty; the merged profile goes."""
        theirs = self.session.scalar(select(JobSeeker).where(JobSeeker.person_id == self.merged))
        if theirs is None:
            return
        ours = self.session.scalar(select(JobSeeker).where(JobSeeker.person_id == self.kept))
        if ours is None:
            theirs.person_id = self.kept
            self.count(JobSeeker.__tablename__)
            return
        ours.qualification = ours.qualification or theirs.qualification
        ours.experience_years = max((y for y in (ours.experience_years,
                                                 theirs.experience_years) if y is not None),
                                    default=None)
        ours.driving_licence = licence_text(f"{ours.driving_licence} {theirs.driving_licence}")
        ours.health_limits = ours.health_limits or theirs.health_limits
        ours.childcare = ours.childcare or theirs.childcare
        ours.unemployed_since = min((d for d in (ours.unemployed_since,
                                                 theirs.unemployed_since) if d is not None),
                                    default=None)
        ours.seeking = ours.seeking or theirs.seeking
        for model, column in ((JobSeekerSector, "sector_code"), (JobSeekerRegion, "region_code")):
            have = set(self.session.scalars(select(getattr(model, column)).where(
                model.job_seeker_id == ours.id)))
            for record in self.session.scalars(select(model).where(
                    model.job_seeker_id == theirs.id)).all():
                if getattr(record, column) in have:
                    self.session.delete(record)  # now: the profile's own delete comes later
                else:
                    record.job_seeker_id = ours.id
        self.session.flush()
        self.doomed.append(theirs)
        self.count(JobSeeker.__tablename__)

    def enrolments(self) -> None:
        kept = {record.group_id: record for record in self.session.scalars(
            select(CourseEnrolment).where(CourseEnrolment.person_id == self.kept))}
        for record in self.session.scalars(select(CourseEnrolment).where(
                CourseEnrolment.person_id == self.merged)).all():
            same = kept.get(record.group_id)
            if same is None:
                record.person_id = self.kept
                self.count(CourseEnrolment.__tablename__)
            else:
                self._fold_enrolment(record, same)

    def _fold_enrolment(self, record: CourseEnrolment, into: CourseEnrolment) -> None:
        """Two enrolments of one person in one group: what refers to the merged file's
        goes to the kept file's, which stays."""
        attended = {row.session_id: row for row in self.session.scalars(
            select(Attendance).where(Attendance.enrolment_id == into.id))}
        for table, column in _references_to(Base.metadata, CourseEnrolment.__tablename__):
            if table.name == Attendance.__tablename__:
                continue
            name = f"{table.name}.{column.name}"
            if _constrained(table, column) and name not in _REPOINT_SAFE:
                raise UnhandledReference([name])
            self.repoint(table, column, record.id, into.id)
        for row in self.session.scalars(
                select(Attendance).where(Attendance.enrolment_id == record.id)).all():
            same = attended.get(row.session_id)
            if same is None:
                row.enrolment_id = into.id
            else:
                same.present = same.present or row.present
                self.doomed.append(row)
        self.doomed.append(record)

    def cases(self) -> None:
        kept_open = {case.office_id: case for case in self.session.scalars(select(Case).where(
            Case.person_id == self.kept, Case.status == CaseStatus.OPEN))}
        for case in self.session.scalars(
                select(Case).where(Case.person_id == self.merged)).all():
            other = kept_open.get(case.office_id) if case.status is CaseStatus.OPEN else None
            if other is not None:
                self._close_into(case, other)
            case.person_id = self.kept
            self.count(Case.__tablename__)

    def _close_into(self, case: Case, other: Case) -> None:
        case.status = CaseStatus.CLOSED
        case.closed_on = max(self.today, case.opened_on)
        case.closure_reason_code = CLOSED_ON_MERGE
        self.session.add(StatusChange(
            subject_table=Case.__tablename__, subject_id=case.id, status=case.status.value,
            changed_by=self.actor.user_id,
            note=_("Closed by a merge: this file was merged into {name}'s, whose case in "
                   "this office goes on.").format(name=self.kept_name)))
        for task in self.session.scalars(select(FollowUp).where(
                FollowUp.case_id == case.id, FollowUp.done.is_(False))):
            task.case_id = other.id
        for goal in self.session.scalars(select(CaseGoal).where(
                CaseGoal.case_id == case.id, CaseGoal.status.in_(_OPEN_GOALS))):
            goal.case_id = other.id

    def pairs(self) -> None:
        pair = DistinctPair
        known = queries.distinct_from(self.session.connection(), self.kept)
        for record in self.session.scalars(select(pair).where(
                (pair.person_low_id == self.merged) | (pair.person_high_id == self.merged))).all():
            other = (record.person_high_id if record.person_low_id == self.merged
                     else record.person_low_id)
            if other == self.kept or other in known:
                self.doomed.append(record)
                continue
            record.person_low_id, record.person_high_id = queries.ordered_pair(self.kept, other)
            known.add(other)
            self.count(pair.__tablename__)

    def search_index(self) -> None:
        """Kept in step by the session's flush hooks (db.session): nothing to move."""


# Tables whose reference to a person is under a constraint: how each is merged.
_TABLE_RULES: dict[str, Callable[[_Merge], None]] = {
    HouseholdLink.__tablename__: _Merge.households,
    PersonLanguage.__tablename__: _Merge.languages,
    CourseEnrolment.__tablename__: _Merge.enrolments,
    JobSeeker.__tablename__: _Merge.job_seekers,
    Case.__tablename__: _Merge.cases,
    DistinctPair.__tablename__: _Merge.pairs,
    "person_search": _Merge.search_index,
    "search_word": _Merge.search_index,
}


# ---- steps of the steps -----------------------------------------------------------------------

def _person(session: Session, actor: Actor, person_id: uuid.UUID) -> Person:
    """The person, if this user may work with them and the file was not merged away."""
    try:
        return require_client(session, actor, person_id)
    except NoSuchClient:
        stone = queries.tombstone(session.connection(), person_id)
        if stone is None:
            raise
        kept = session.get(Person, queries.resolve(session.connection(), person_id))
        raise AlreadyMerged(kept.full_name if kept else str(stone.summary.get("name", ""))) \
            from None


def _side(session: Session, person: Person) -> MergeSide:
    office = session.scalar(select(Office.name).where(Office.id == person.office_id)) or ""
    return MergeSide(person.id, person.full_name, person.full_name_latin, office,
                     person.version)


def _counts(session: Session, merged_id: uuid.UUID) -> list[tuple[str, int]]:
    """How many records of each kind point to the merged person (a link once, either way)."""
    counts: dict[str, int] = {}
    for table, column in person_references():
        if table.name in ("person_search", "search_word"):
            continue
        counts[table.name] = counts.get(table.name, 0) + (session.scalar(
            select(func.count()).select_from(table).where(column == merged_id)) or 0)
    labels = TABLE_LABELS | _MORE_TABLE_LABELS
    return [(_(labels.get(table, table)), count) for table, count in counts.items() if count]


def _clashing_offices(session: Session, kept: uuid.UUID, merged: uuid.UUID) -> set[uuid.UUID]:
    def open_in(person: uuid.UUID) -> set[uuid.UUID]:
        return set(session.scalars(select(Case.office_id).where(
            Case.person_id == person, Case.status == CaseStatus.OPEN)))
    return open_in(kept) & open_in(merged)


def _empty(value: object) -> bool:
    return value is None or value == ""


def _differ(one: object, other: object) -> bool:
    return not (_empty(one) and _empty(other)) and one != other


def _different_iins(one: str | None, other: str | None) -> bool:
    return bool(one and other and one != other
                and check_iin(one).valid and check_iin(other).valid)

