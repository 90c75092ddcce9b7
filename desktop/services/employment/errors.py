"""The refusals of job seeking, referrals, hires and retention checks: kinds, not sentences
(``messages`` words them in the UI language)."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from db.models import JobReferralStatus, VacancyStatus
from desktop.services.field_problems import InvalidFields


class NoSuchReferral(LookupError):
    pass


class NoSuchRetentionCheck(LookupError):
    pass


class NoOpenCase(Exception):
    """Referrals are case work: the client needs an open case in their office."""

    def __init__(self, office: str) -> None:
        super().__init__("no open case")
        self.office = office


class VacancyNotOpen(Exception):
    """Nobody is referred to a vacancy on hold or closed, nor hired into one closed."""

    def __init__(self, title: str, status: VacancyStatus) -> None:
        super().__init__(f"vacancy {status.value}")
        self.title, self.status = title, status


class NoPlacesLeft(Exception):
    """Every place of the vacancy is taken by a hire."""

    def __init__(self, title: str, positions: int) -> None:
        super().__init__("no places left")
        self.title, self.positions = title, positions


class AlreadyReferred(Exception):
    """The client's referral to this vacancy is still under way."""

    def __init__(self, title: str, status: JobReferralStatus) -> None:
        super().__init__("already referred")
        self.title, self.status = title, status


class ReferralNotInStep(Exception):
    """A step that does not follow from where the referral is (hiring someone rejected, an
    interview for a training course...). ``hire`` is set when the step was a hire: a hire
    is recorded only on a referral still under way, never without one."""

    def __init__(self, status: JobReferralStatus, *, hire: bool = False) -> None:
        super().__init__(f"referral is {status.value}")
        self.status, self.hire = status, hire


class VacancyNotChosen(Exception):
    """A referral from a consultation waits for its vacancy before an interview or hire."""


class RetentionNotDue(Exception):
    """A retention outcome is recorded from the day the check is due, not before."""

    def __init__(self, months: int, due_on: date) -> None:
        super().__init__(f"due on {due_on}")
        self.months, self.due_on = months, due_on


class RetentionRecorded(Exception):
    """The check has its outcome; it is corrected, not recorded twice."""

    def __init__(self, check_id: uuid.UUID) -> None:
        super().__init__(f"retention check {check_id} recorded")


class StepField(enum.StrEnum):
    DAY = "day"
    POSITION = "position"
    SECTOR = "sector"
    WAGE = "wage"
    CONTRACT = "contract"
    PROVIDER = "provider"
    COURSE = "course"
    DATES = "dates"
    REASON = "reason"
    NOTE = "note"
    SERVICE = "service"


class StepProblem(enum.Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    OUT_OF_RANGE = "out_of_range"
    BEFORE_REFERRAL = "before_referral"  # a step dated before the referral was made
    IN_FUTURE = "in_future"
    TOO_FAR_AHEAD = "too_far_ahead"  # a start or interview agreed beyond three months
    ORDER = "order"
    UNKNOWN = "unknown"


class InvalidStep(InvalidFields[StepField, StepProblem]):
    """A referral step's, hire's, training's or retention outcome's problems, by field."""
