"""The figures of the programme reports, as plain data: language courses by group and
teacher, placements by employer, sector and wage, social-service referrals by provider.

``db.reports.programmes`` fills them by SQL; the PDF, XLSX and JSON writers in
``desktop.reports`` only render them, so the three forms print one set of figures. Every
figure is counted as the monthly report counts it (``db.reports.monthly``), so that a
programme report's totals are the monthly report's figures for the same period and office.
``label`` fields arrive empty and are filled in the report's language by
``desktop.services.programme_reports``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from db.reports.figures import Approval, Letterhead, Span

COURSES, PLACEMENTS, REFERRALS = "courses", "placements", "referrals"
PROGRAMMES = (COURSES, PLACEMENTS, REFERRALS)

WAGE_NOT_RECORDED = "unknown"  # the code of the wage band of placements without a wage


def rate(part: int, whole: int) -> float | None:
    """A share to four decimals, as the monthly report rounds its rates; None of nothing."""
    return round(part / whole, 4) if whole else None


@dataclass(kw_only=True)
class ProgrammeReport:
    """What every programme report has: whose, of which days, in which language, by whom."""

    programme: str  # one of PROGRAMMES
    language: str
    office_code: str | None  # None: all offices
    office_name: str
    letterhead: Letterhead
    approval: Approval
    generated_at: datetime
    prepared_by: str
    period: Span

    @property
    def span(self) -> Span:
        return self.period

    @property
    def complete(self) -> bool:
        """False while the period was not over: counted up to ``as_of`` only."""
        return self.period.complete

    @property
    def as_of(self) -> datetime | None:
        return self.period.as_of


# ---- language courses ---------------------------------------------------------------------

@dataclass
class CourseTally:
    """Course figures of a group, of a teacher's groups, or of all of them.

    ``participants``: places held at some time in the period (enrolled by its last day,
    not finished before its first), as the monthly report's group lines count them.
    ``enrolled``: places taken in the period; ``completed``, ``dropped``: courses that
    ended so in it; ``levels_gained``: of the completions, those with the level reached
    assessed. ``marked`` and ``present``: the marks that count (present or absent, excused
    absences left out) of the sessions held in the period and not cancelled;
    ``attendance`` = present ÷ marked, None when nothing was marked.
    """

    participants: int = 0
    enrolled: int = 0
    completed: int = 0
    dropped: int = 0
    levels_gained: int = 0
    marked: int = 0
    present: int = 0
    attendance: float | None = None

    def add(self, other: CourseTally) -> None:
        for name in ("participants", "enrolled", "completed", "dropped", "levels_gained",
                     "marked", "present"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.attendance = rate(self.present, self.marked)


@dataclass
class CourseLine:
    """One course group with something to count in the period, or that ran in it."""

    group: str  # its name
    office: str  # the office's code
    language_code: str
    level_code: str | None
    starts_on: date
    ends_on: date
    status: str  # GroupStatus
    figures: CourseTally
    language: str = ""  # the language taught, in the report's language
    level: str = ""


@dataclass
class TeacherBlock:
    teacher: str  # a user's full name or the name typed for an outside teacher; "": none
    groups: list[CourseLine]
    subtotal: CourseTally


@dataclass(kw_only=True)
class CourseReport(ProgrammeReport):
    # Teachers in Kazakh alphabetical order, groups without one last; each teacher's groups
    # by office code, then name.
    teachers: list[TeacherBlock] = field(default_factory=list)
    total: CourseTally = field(default_factory=CourseTally)


# ---- placements -----------------------------------------------------------------------------

@dataclass
class WageFigures:
    """Placements that started in the period, with the wages of those that have one
    (whole tenge): the median (of an even count, the mean of the middle two rounded half
    up, as the monthly report's median starting wage), the lowest and the highest."""

    placements: int = 0
    median_wage: int | None = None
    lowest_wage: int | None = None
    highest_wage: int | None = None


@dataclass
class EmployerLine:
    employer: str
    figures: WageFigures


@dataclass
class SectorBlock:
    """The placements in one economic sector (the placement's own, as the monthly report's
    hires by sector count them), employer by employer."""

    code: str
    employers: list[EmployerLine]
    subtotal: WageFigures
    label: str = ""


@dataclass
class WageBand:
    """Placements of the period whose wage is from ``low`` up to ``high`` (not counted;
    None: no upper bound). The band of code ``WAGE_NOT_RECORDED`` counts those without a
    wage."""

    code: str
    low: int | None
    high: int | None
    placements: int = 0
    share: float | None = None  # of all the period's placements
    label: str = ""


@dataclass
class RetentionLine:
    """Retention checks recorded in the period (by their date) of the placements at one
    employer, whenever those began: a check counts once recorded, and only a recorded
    "still employed" counts as employed (as in the monthly report)."""

    employer: str
    checked_3_months: int = 0
    employed_3_months: int = 0
    checked_6_months: int = 0
    employed_6_months: int = 0


@dataclass(kw_only=True)
class PlacementReport(ProgrammeReport):
    # Sectors by placements, most first; each sector's employers likewise, ties in Kazakh
    # alphabetical order.
    sectors: list[SectorBlock] = field(default_factory=list)
    total: WageFigures = field(default_factory=WageFigures)
    wage_bands: list[WageBand] = field(default_factory=list)  # lowest first, WAGE_NOT_RECORDED last
    retention: list[RetentionLine] = field(default_factory=list)
    retention_total: RetentionLine = field(default_factory=lambda: RetentionLine(""))


# ---- social-service referrals ------------------------------------------------------------------

@dataclass
class ReferralTally:
    """Referrals to social services, as the monthly report's social section counts them.

    ``referred``: made in the period; ``completed_in_time``: of those, completed by its
    last day, and ``completion_rate`` = completed_in_time ÷ referred (so not
    completed ÷ referred). ``completed``, ``refused``, ``no_response``: referrals that
    ended so in the period, whenever made. ``amount_paid``: tenge, the sum of the amounts
    of the referrals completed in the period.
    """

    referred: int = 0
    completed_in_time: int = 0
    completion_rate: float | None = None
    completed: int = 0
    refused: int = 0
    no_response: int = 0
    amount_paid: int = 0

    def add(self, other: ReferralTally) -> None:
        for name in ("referred", "completed_in_time", "completed", "refused", "no_response",
                     "amount_paid"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.completion_rate = rate(self.completed_in_time, self.referred)


@dataclass
class ServiceLine:
    code: str  # the service type
    figures: ReferralTally
    label: str = ""


@dataclass
class ProviderBlock:
    provider: str  # its name in the report's language, else its first; "": none recorded
    services: list[ServiceLine]
    subtotal: ReferralTally
    locality: str = ""  # where it is: providers of one name (a chain) differ by it


@dataclass(kw_only=True)
class ReferralReport(ProgrammeReport):
    # Providers in Kazakh alphabetical order (then by locality), referrals naming none
    # last; each provider's services by referrals made, most first.
    providers: list[ProviderBlock] = field(default_factory=list)
    total: ReferralTally = field(default_factory=ReferralTally)
