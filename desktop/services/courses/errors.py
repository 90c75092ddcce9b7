"""What the course services refuse, each with what the message needs to name."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from db.models import EnrolmentStatus, GroupStatus
from desktop.services.access import AccessDenied, Denial
from desktop.services.field_problems import InvalidFields


class NoSuchGroup(LookupError):
    pass


class NoSuchEnrolment(LookupError):
    pass


class NoSuchSession(LookupError):
    pass


class NotThisGroupsPlanner(AccessDenied):
    """Moving or cancelling a session: a planner (manager) or the group's own teacher."""

    def __init__(self) -> None:
        super().__init__(None, Denial.PERMISSION)


class Field(enum.StrEnum):
    NAME = "name"
    SERVICE = "service"
    LANGUAGE = "language"
    LEVEL = "level"
    OFFICE = "office"
    TEACHER = "teacher"
    PLACE = "place"
    WEEKDAYS = "weekdays"
    TIMES = "times"
    DATES = "dates"
    CAPACITY = "capacity"


class Problem(enum.Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    ORDER = "order"  # an end before its start
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN = "unknown"  # a code or an id that is not (or no longer) there
    BELOW_TAKEN = "below_taken"  # capacity under the places already taken


class InvalidGroupEntry(InvalidFields[Field, Problem]):
    """The group form's problems, by field."""


class StatusNotAllowed(Exception):
    """A group status change the life of a group does not have (finished → planned...)."""

    def __init__(self, current: GroupStatus, wanted: GroupStatus) -> None:
        super().__init__(f"{current.value} -> {wanted.value}")
        self.current = current
        self.wanted = wanted


class OutcomesMissing(Exception):
    """Finishing a group while some participants have neither completed nor dropped out."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} without an outcome")
        self.count = count


class GroupNotOpen(Exception):
    """Enrolling into (or changing the list of) a finished or cancelled group."""

    def __init__(self, group: str, status: GroupStatus) -> None:
        super().__init__(status.value)
        self.group = group
        self.status = status


class AlreadyInGroup(Exception):
    def __init__(self, group: str, status: EnrolmentStatus) -> None:
        super().__init__(status.value)
        self.group = group
        self.status = status


class NoOpenCaseHere(Exception):
    """The client has no open case in the group's office: closed, or another office's."""

    def __init__(self, office: str) -> None:
        super().__init__("no open case")
        self.office = office


class EnrolmentNotInStep(Exception):
    """A step that does not fit the participant's state now (dropping a completed one,
    taking an offer nobody made...)."""

    def __init__(self, status: EnrolmentStatus, offered: bool = False) -> None:
        super().__init__(status.value)
        self.status = status
        self.offered = offered


class GroupFull(Exception):
    """Taking a place when none is free (the offer went to someone earlier on the list)."""

    def __init__(self, group: str) -> None:
        super().__init__("full")
        self.group = group


class HasAttendance(Exception):
    """Removing a participant or cancelling a session that has marks: they stay."""

    def __init__(self, marks: int) -> None:
        super().__init__(f"{marks} marks")
        self.marks = marks


class SessionNotMarkable(Exception):
    class Why(enum.Enum):
        CANCELLED = "cancelled"
        OUTSIDE_DATES = "outside_dates"
        FUTURE = "future"
        NOT_PARTICIPATING = "not_participating"  # before enrolling, after leaving

    def __init__(self, why: SessionNotMarkable.Why, held_on: date) -> None:
        super().__init__(why.value)
        self.why = why
        self.held_on = held_on


class SessionDayTaken(Exception):
    """Moving a session to a day the group meets already, or outside its dates."""

    def __init__(self, day: date, outside: bool = False) -> None:
        super().__init__(day.isoformat())
        self.day = day
        self.outside = outside


class MarkChanged(Exception):
    """The cell was marked by someone else since the register was read."""

    def __init__(self, enrolment_id: uuid.UUID, session_id: uuid.UUID) -> None:
        super().__init__("mark changed")
        self.enrolment_id = enrolment_id
        self.session_id = session_id


class InvalidOutcome(ValueError):
    class Why(enum.Enum):
        REASON_REQUIRED = "reason_required"
        LEVEL_REQUIRED = "level_required"
        UNKNOWN_CODE = "unknown_code"
        DATE_OUTSIDE = "date_outside"  # before enrolling, or in the future
        SCORE_RANGE = "score_range"

    def __init__(self, why: InvalidOutcome.Why) -> None:
        super().__init__(why.value)
        self.why = why
