"""What the client file's tabs show: plain data, labels already in the UI language."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


class NoSuchClient(LookupError):
    pass


class Urgency(enum.Enum):
    NONE = "none"
    SOON = "soon"  # due or expiring within SOON_DAYS
    LATE = "late"  # overdue or expired


@dataclass(frozen=True)
class Header:
    name: str
    name_latin: str
    name_original: str
    category: str
    case_status: str
    caseworker: str
    age: str
    iin_masked: str
    office: str
    merged_note: str = ""  # opened by the id of a file merged into this one: it says so


@dataclass(frozen=True)
class Profile:
    values: dict[str, Any]  # PROFILE_FIELDS -> stored value
    version: int


@dataclass(frozen=True)
class DocumentItem:
    id: uuid.UUID
    type: str
    number: str
    issued_by: str
    issued_on: date | None
    expires_on: date | None
    urgency: Urgency  # NONE for a document no longer valid: its expiry is nobody's work
    marker: str  # says in words what the colour says, or the state of one no longer valid
    # What editing, renewing and marking it need: its type's code and the version read.
    type_code: str = ""
    version: int = 1
    status: str = "valid"  # db.models.person.DocumentStatus: valid, replaced, lost, revoked
    status_on: date | None = None
    status_note: str = ""
    replaced_by_id: uuid.UUID | None = None

    @property
    def is_valid(self) -> bool:
        return self.status == "valid"


@dataclass(frozen=True)
class HouseholdItem:
    person_id: uuid.UUID
    name: str
    name_latin: str
    birth_date: date | None
    relationship: str  # who the member is to this client, as shown
    accessible: bool  # False: another office's client, whose file this user may not open
    link_id: uuid.UUID  # what unlinking removes
    recorded_here: bool  # the link was made on this client's file (else on the member's)


@dataclass(frozen=True)
class ConsultationItem:
    id: uuid.UUID
    held_at: datetime
    channel: str
    topics: str
    caseworker: str
    advice: str
    next_steps: str
    next_appointment_at: datetime | None
    caseworker_id: uuid.UUID | None = None
    office_id: uuid.UUID | None = None


@dataclass(frozen=True)
class CourseItem:
    """An enrolment in a language course group, or a place on its waiting list."""

    id: uuid.UUID
    group: str
    course: str
    level: str  # the group's: its language and level, "Kazakh A2 — Pre-intermediate"
    status: str  # the status's label
    enrolled_on: date
    finished_on: date | None
    starts_on: date
    ends_on: date
    level_change: str  # "A1 → A2", as shown; empty when neither is known
    # The state in words, with its day or place on the list ("On the waiting list, no. 2").
    state: str = ""
    attendance: str = ""  # "75% (6/8)", as shown; empty before any session is marked
    dropout_reason: str = ""
    # What its steps need, and the figures behind the words.
    status_code: str = "enrolled"  # db.models.EnrolmentStatus
    version: int = 1
    group_id: uuid.UUID | None = None
    offered_on: date | None = None
    position: int | None = None  # on the waiting list, 1 for the first
    present: int = 0
    counted: int = 0
    level_before: str = ""  # the client's level in the language on enrolling, as shown
    level_after: str = ""  # the level reached, once completed
    language: str = ""  # the group's language, and its level alone (``level`` joins them)
    group_level: str = ""

    @property
    def rate(self) -> float | None:
        """The share of the counted sessions attended; None before any was marked."""
        return self.present / self.counted if self.counted else None

    @property
    def waiting(self) -> bool:
        return self.status_code == "waiting"

    @property
    def participating(self) -> bool:
        """Enrolled and not yet finished: its outcome (completed, dropped out) is to come."""
        return self.status_code == "enrolled"


@dataclass(frozen=True)
class JobItem:
    """A job referral (to an employer's vacancy) or a training one (a provider's course)."""

    id: uuid.UUID
    employer: str
    vacancy: str
    status: str
    referred_on: date
    outcome_on: date | None
    wage: str
    kind: str = "job"  # job / training
    status_code: str = "referred"
    version: int = 1
    vacancy_id: uuid.UUID | None = None
    provider: str = ""
    course: str = ""
    service: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    interview_on: date | None = None
    note: str = ""
    sector_code: str | None = None
    wage_amount: int | None = None  # tenge: the hire's, else the vacancy's offer

    @property
    def training(self) -> bool:
        return self.kind == "training"

    @property
    def under_way(self) -> bool:
        """Its outcome is still to be recorded."""
        return self.status_code in ("referred", "interview", "started")

    @property
    def needs_vacancy(self) -> bool:
        """A job referral made at a consultation without a vacancy chosen."""
        return not self.training and not self.employer

    @property
    def where(self) -> str:
        """"Welder — «Temir-12» LLP" or "Welding — the Ust-Kamenogorsk college"."""
        first, second = ((self.course, self.provider) if self.training
                         else (self.vacancy, self.employer))
        return " — ".join(p for p in (first, second) if p)


@dataclass(frozen=True)
class RetentionItem:
    id: uuid.UUID
    version: int
    months: int
    due_on: date
    checked_on: date | None
    still_employed: bool | None
    reason: str  # why they left
    note: str

    @property
    def recorded(self) -> bool:
        return self.checked_on is not None


@dataclass(frozen=True)
class PlacementItem:
    id: uuid.UUID
    employer: str
    position: str
    started_on: date
    ended_on: date | None
    wage: str
    contract: str = ""
    sector: str = ""
    checks: tuple[RetentionItem, ...] = ()


@dataclass(frozen=True)
class JobSeekerItem:
    """The job-seeker profile as the client file shows it (labels, not codes)."""

    qualification: str
    experience_years: int | None
    driving_licence: str
    health_limits: str
    childcare: bool
    unemployed_since: date | None
    seeking: bool
    sectors: tuple[str, ...]
    regions: tuple[str, ...]


@dataclass(frozen=True)
class SocialItem:
    id: uuid.UUID
    service: str
    provider: str
    status: str
    referred_on: date
    closed_on: date | None
    outcome: str


@dataclass(frozen=True)
class FollowUpItem:
    id: uuid.UUID
    title: str
    due_on: date
    assignee: str
    done: bool
    done_at: datetime | None
    comment: str  # as shown: what the one who did it wrote, or why it was reopened
    urgency: Urgency
    marker: str
    version: int
    assignee_id: uuid.UUID | None


@dataclass(frozen=True)
class PendingTransfer:
    """A request to pass the case to another office, not yet answered."""

    id: uuid.UUID
    version: int  # what withdrawing it checks against
    to_office_id: uuid.UUID
    to_office: str
    requested_on: date
    note: str


@dataclass(frozen=True)
class CaseItem:
    """The case the header describes (the open one, else the latest), with what closing,
    reopening and reassigning it need: the version it was read at, its office, its worker."""

    id: uuid.UUID
    version: int
    office_id: uuid.UUID | None
    office: str
    is_open: bool
    status: str  # as shown, e.g. "Case open since 3 March 2025"
    opened_on: date
    closed_on: date | None
    closure_reason: str
    caseworker_id: uuid.UUID | None
    caseworker: str
    transfer: PendingTransfer | None = None  # a request to another office, unanswered


@dataclass(frozen=True)
class GoalServiceItem:
    """A service that serves a goal; unlinking removes the link ``id``, not the service."""

    id: uuid.UUID
    kind: str  # client_file.goal_services.ServiceKind
    service_id: uuid.UUID
    label: str


@dataclass(frozen=True)
class GoalItem:
    id: uuid.UUID
    area: str
    description: str
    target_date: date | None
    status: str
    case: str
    urgency: Urgency
    # What editing it, setting its status and linking services need.
    case_id: uuid.UUID | None = None
    version: int = 1
    area_code: str = ""
    status_code: str = "planned"  # db.models.GoalStatus
    status_on: date | None = None
    note: str = ""
    case_open: bool = False  # only an open case's plan is changed
    services: tuple[GoalServiceItem, ...] = ()

    @property
    def is_settled(self) -> bool:
        """Achieved or dropped: reopened before it is worked on again."""
        return self.status_code in ("achieved", "dropped")


@dataclass(frozen=True)
class HistoryItem:
    at: datetime  # local time
    who: str
    action: str  # as shown
    action_code: str  # insert / update / delete
    record: str
    changes: tuple[tuple[str, str, str], ...]  # (field, old, new), all as shown


@dataclass(frozen=True)
class ClientFile:
    person_id: uuid.UUID
    office_id: uuid.UUID
    preferred_language: str
    header: Header
    profile: Profile
    documents: list[DocumentItem]
    household: list[HouseholdItem]
    consultations: list[ConsultationItem]
    courses: list[CourseItem]
    jobs: list[JobItem]
    placements: list[PlacementItem]
    social: list[SocialItem]
    follow_ups: list[FollowUpItem]
    goals: list[GoalItem]
    history: list[HistoryItem]
    case: CaseItem | None = None  # None: the client has no case
    job_seeker: JobSeekerItem | None = None  # None: no job-seeker profile yet


@dataclass(frozen=True)
class ProfileChoices:
    """``(value, label)`` lists for the profile's choosers, in the UI language."""

    categories: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    education: list[tuple[str, str]]
    consent_forms: list[tuple[str, str]]
    countries: list[tuple[str, str]]
    sexes: list[tuple[str, str]]
    languages: list[tuple[str, str]]


