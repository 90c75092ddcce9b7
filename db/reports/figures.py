"""The figures of the monthly report and of a consultation record, as plain data.

Query functions in this package fill them with SQL aggregation; the PDF, XLSX
and JSON writers in ``desktop.reports`` only render them, so the three forms
cannot disagree. ``label`` fields arrive empty from the database layer and are
filled in the report's language by ``desktop.services.reports``.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class CaseloadRow:
    """Cases active at the start of the month, opened, closed, active at its end, and
    those that came from or went to another office in it.

    ``new`` and ``closed`` leave transfers out, so that
    ``active_start + new + transferred_in - closed - transferred_out == active_end``.
    """

    code: str
    label: str = ""
    active_start: int = 0
    new: int = 0
    closed: int = 0
    active_end: int = 0
    transferred_in: int = 0
    transferred_out: int = 0


@dataclass
class CountRow:
    code: str
    label: str = ""
    count: int = 0


@dataclass
class CourseGroupRow:
    """One course group that ran in the month: not cancelled, its dates overlapping it.

    ``enrolled``: participants who held a place at some time in the month (enrolled,
    completed or dropped out; enrolled by its last day, not finished before its first
    day). ``completed`` and ``dropped``: those whose course ended so in the month.
    ``attendance``: present ÷ (present + absent) over the marks of the group's sessions
    held in the month and not cancelled; excused absences count neither way; None when
    nothing that counts was marked.
    """

    group: str  # the group's name
    office: str  # the office's code
    teacher: str  # the user's full name, else the name typed for an outside teacher
    enrolled: int = 0
    completed: int = 0
    dropped: int = 0
    attendance: float | None = None


@dataclass
class Courses:
    """The month's language-course figures. Only participants who held a place count:
    the waiting list (``waiting``) and those who left it (``withdrawn``) never do."""

    enrolled: int = 0  # places taken in the month (enrolled on a day of it)
    completed: int = 0  # finished in the month
    dropped: int = 0
    levels_gained: int = 0  # completions in the month with a higher level assessed
    # Marks that count, present or absent (excused absences left out), of the sessions
    # held in the month and not cancelled.
    attendance_marked: int = 0
    attendance_present: int = 0
    attendance_rate: float | None = None  # present / marked, None when nothing was marked
    # Office code, then group name in Kazakh alphabetical order.
    groups: list[CourseGroupRow] = field(default_factory=list)


# The code of a placement recorded before contract types were kept (its type is NULL),
# as the caseload breakdowns code a sex or country that was not recorded.
CONTRACT_NOT_RECORDED = "unknown"


@dataclass
class EmployerRow:
    name: str
    count: int = 0  # placements that started in the month


@dataclass
class Employment:
    """The month's employment figures; every hire figure counts placements that started
    in the month."""

    job_seekers: int = 0  # distinct clients referred to an employer in the month
    referrals: int = 0
    hires: int = 0  # placements that started in the month
    hires_by_sector: list[CountRow] = field(default_factory=list)
    # Codes in ContractType's order, CONTRACT_NOT_RECORDED last; types with no hire left out.
    hires_by_contract_type: list[CountRow] = field(default_factory=list)
    # Tenge, over the hires with a wage recorded; None when none has one.
    median_starting_wage: int | None = None
    # The ten employers with the most hires, most first, ties in Kazakh alphabetical order.
    top_employers: list[EmployerRow] = field(default_factory=list)
    checked_3_months: int = 0  # retention checks dated in the month
    employed_3_months: int = 0
    checked_6_months: int = 0
    employed_6_months: int = 0


@dataclass
class SocialRow:
    """Social-service referrals of one type.

    ``referred``: made in the month. ``completed``, ``refused``, ``no_response``: those
    that ended so in the month (by ``closed_on``), whenever they were made.
    ``completion_rate``: of the referrals made in the month, the share completed by
    its last day, so not ``completed / referred``. ``median_days``: days from referral
    to completion, over the referrals completed in the month. ``amount_paid``: tenge,
    the sum of the amounts of the referrals completed in the month.
    """

    code: str
    label: str = ""
    referred: int = 0
    completed: int = 0
    completion_rate: float | None = None
    median_days: float | None = None
    refused: int = 0
    no_response: int = 0
    amount_paid: int = 0


@dataclass
class EntitlementRow:
    """Applications for one support measure (an ``entitlement_rule``); amounts in tenge.

    ``applied``: applications made in the month (by ``applied_on``), whatever became of
    them. ``granted`` and ``refused``: decided so in the month (by ``decided_on``).
    ``paid``: payments made in the month. ``outstanding``: at the month's end, what was
    granted up to it less what was paid up to it, over every application for the measure.
    """

    code: str
    label: str = ""
    applied: int = 0
    amount_applied: int = 0
    granted: int = 0
    amount_granted: int = 0
    refused: int = 0
    paid: int = 0
    outstanding: int = 0


@dataclass
class Quota:
    """Clients in the regional quota (for kandases and resettlers) with a case open at some
    time in the month; a transferred client's two cases count once."""

    participants: int = 0
    this_year: int = 0  # of them, included in the quota of the month's year


@dataclass
class Accommodation:
    """The centre's temporary accommodation in the month.

    A stay takes a bed each night from its check-in day to the day before its check-out
    (to the month's last night while not checked out). ``beds``: of the active rooms, at
    the month's end. ``bed_nights_available``: ``beds`` × the month's days.
    ``people``: distinct persons who took a bed on at least one night of the month.
    ``check_ins``: stays that began in the month. ``overstays``: stays still open on the
    month's last day after their last night agreed.
    """

    beds: int = 0
    bed_nights: int = 0
    bed_nights_available: int = 0
    occupancy_rate: float | None = None  # bed_nights / bed_nights_available
    people: int = 0
    check_ins: int = 0
    overstays: int = 0


@dataclass
class WorkloadRow:
    caseworker: str  # full name
    office_code: str
    open_cases: int = 0  # at the end of the month
    consultations: int = 0
    overdue_follow_ups: int = 0  # open on the last day of the month, due before it


@dataclass
class Headline:
    key: str  # one of HEADLINES
    value: float | None
    previous: float | None  # the same figure for the period before (``previous_period``)
    year_before: float | None = None  # and for the same period a year before

    @property
    def change(self) -> float | None:
        return _change(self.value, self.previous)

    @property
    def change_year(self) -> float | None:
        return _change(self.value, self.year_before)


def _change(value: float | None, then: float | None) -> float | None:
    if value is None or then is None:
        return None
    return round(value - then, 4)


# The figures compared with the previous period and the year before, in the order they
# are printed.
HEADLINES = (
    "active_start", "new", "transferred_in", "closed", "transferred_out", "active_end",
    "consultations", "clients_consulted",
    "course_enrolled", "course_completed", "course_dropped", "attendance_rate", "job_seekers",
    "job_referrals", "hires", "social_referred", "social_completed", "overdue_follow_ups",
)
# Headlines counted over the period, which add up: a quarter's are the sums of its months'.
# The others are stocks at its edges (active at start or end, overdue at its end), distinct
# people (consulted, job seekers) or a rate.
FLOWS = ("new", "transferred_in", "closed", "transferred_out", "consultations",
         "course_enrolled", "course_completed", "course_dropped", "job_referrals", "hires",
         "social_referred", "social_completed")
# Headlines that are shares (0 to 1), printed as percentages and compared in points.
RATES = ("attendance_rate",)
# The caseload broken down by the client's migrant category, country of origin, sex, age
# group, region, and the ministry's two more: education level and employment status.
BREAKDOWNS = ("category", "country", "sex", "age_band", "region", "education",
              "employment")
AGE_BANDS = ("0-15", "16-29", "30-44", "45-62", "63+", "unknown")
# The code of a client without the figure recorded (no education level, no birth date).
NOT_RECORDED = "unknown"
# A client's employment status on the period's last day (db.reports.indicators says how
# each is told), in the order printed.
EMPLOYMENT_STATUSES = ("job_seeker", "employed", "not_seeking")


@dataclass
class OfficeRow:
    """One office's headline figures, for the all-offices report's table of offices side by
    side: counted as the report's own (``MonthlyReport.caseload`` and its headlines), so
    that the offices' rows add up to them."""

    code: str
    name: str  # in the report's language
    active_start: int = 0
    new: int = 0
    closed: int = 0
    active_end: int = 0
    consultations: int = 0
    course_enrolled: int = 0
    hires: int = 0
    social_completed: int = 0


# The figures of OfficeRow, in the order printed; each is a headline of the same key.
OFFICE_FIGURES = ("active_start", "new", "closed", "active_end", "consultations",
                  "course_enrolled", "hires", "social_completed")


@dataclass
class TrendMonth:
    """One calendar month of the report's trends, counted as the report counts the same
    headline: cases active on its last day, new intakes, consultations, hires and
    social-service referrals completed in it. The last month is counted as far as the
    report is (to its last day, or to the moment a period not over was cut at)."""

    month: date  # its first day
    active_end: int = 0
    new: int = 0
    consultations: int = 0
    hires: int = 0
    social_completed: int = 0


# The figures of TrendMonth, in the order printed; each is a headline of the same key.
TRENDS = ("active_end", "new", "consultations", "hires", "social_completed")
TREND_MONTHS = 12


@dataclass
class Letterhead:
    """The center's name in the document's language, with the address and phone of the
    office the document is for (the center's own when it is for all offices)."""

    name: str = ""
    address: str = ""
    phone: str = ""
    office: str = ""  # the office's name, when the document is for one office


@dataclass
class Approval:
    """Who approves the report: the center's director, as its details name them."""

    name: str = ""
    position: str = ""


@dataclass
class Span:
    """The days a report covers, or those it is compared with: ``first`` to ``last`` as
    asked, counted up to ``as_of`` when the span was not over (None: it was)."""

    first: date
    last: date
    kind: str = "month"  # db.reports.periods.KINDS
    as_of: datetime | None = None

    @property
    def complete(self) -> bool:
        return self.as_of is None


@dataclass
class MonthlyReport:
    month: date  # its first day
    office_code: str | None  # None: all offices
    office_name: str
    language: str
    letterhead: Letterhead
    generated_at: datetime
    prepared_by: str
    caseload: CaseloadRow
    caseload_by: dict[str, list[CaseloadRow]]  # keys: BREAKDOWNS
    consultations: int
    clients_consulted: int
    consultations_by_topic: list[CountRow]
    consultations_by_channel: list[CountRow]
    courses: Courses
    employment: Employment
    social: list[SocialRow]
    # Keyword-only, with defaults, so that they may stand beside ``social``.
    entitlements: list[EntitlementRow] = field(default_factory=list, kw_only=True)
    quota: Quota = field(default_factory=Quota, kw_only=True)
    accommodation: Accommodation = field(default_factory=Accommodation, kw_only=True)
    workload: list[WorkloadRow]
    overdue_follow_ups: int
    headlines: list[Headline]
    # The days covered (``month`` is their first), and those each headline is compared
    # with; None: the calendar month of ``month``, and no comparison said.
    period: Span | None = field(default=None, kw_only=True)
    previous_period: Span | None = field(default=None, kw_only=True)
    year_before_period: Span | None = field(default=None, kw_only=True)
    approval: Approval = field(default_factory=Approval, kw_only=True)
    # The all-offices report's offices side by side (empty in one office's report), and
    # the last TREND_MONTHS months, the report's last month last.
    offices: list[OfficeRow] = field(default_factory=list, kw_only=True)
    trends: list[TrendMonth] = field(default_factory=list, kw_only=True)

    def __post_init__(self) -> None:
        if self.period is None:
            last = self.month.replace(day=monthrange(self.month.year, self.month.month)[1])
            self.period = Span(self.month, last)

    @property
    def span(self) -> Span:
        assert self.period is not None  # set by __post_init__
        return self.period

    @property
    def complete(self) -> bool:
        """False while the period was not over: counted up to ``as_of`` only."""
        return self.span.complete

    @property
    def as_of(self) -> datetime | None:
        return self.span.as_of

    @property
    def trends_counted_to(self) -> date | None:
        """The day the trends' last month is counted to when that is not the month's last
        (a period not over, or one ending inside a month); None when the month is whole."""
        last = self.as_of.date() if self.as_of is not None else self.span.last
        if self.as_of is None and last.day == monthrange(last.year, last.month)[1]:
            return None
        return last

    @property
    def office_total(self) -> OfficeRow:
        """The offices' total row: the report's own figures of OFFICE_FIGURES, which its
        offices' rows add up to."""
        return OfficeRow(
            "total", "", self.caseload.active_start, self.caseload.new, self.caseload.closed,
            self.caseload.active_end, self.consultations, self.courses.enrolled,
            self.employment.hires, sum(row.completed for row in self.social))


@dataclass
class ConsultationRecord:
    """One consultation as handed to the client, in the client's language."""

    id: str
    language: str
    letterhead: Letterhead
    office_name: str
    held_at: datetime
    caseworker: str
    client_name: str
    client_name_latin: str
    client_iin_masked: str
    category: str
    channel: str
    topics: list[str]
    advice: str
    notes: str
    next_steps: str
    next_appointment_at: datetime | None
    referrals: list[str]  # service type labels, with provider when known
    generated_at: datetime
    client_name_original: str = ""  # in the person's own script (Hanzi, Mongolian)
    # What a person quotes: the office's code, the year and the first eight hex digits of
    # the consultation's identifier (AST-2026-3F6C2A9E), the same on every print.
    number: str = ""
