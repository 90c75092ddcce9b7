"""The words of the monthly report, shared by its PDF and XLSX forms.

Marked with ``N_`` and translated into the report's language where they are
printed (``Words(language)``), which may differ from the UI's. A report of a quarter,
a year or any dates says "period" where a month's says "month" (``PERIOD_WORDING``,
applied by ``Words(language, kind)``).
"""

from __future__ import annotations

from datetime import date, datetime

from babel import dates as babel_dates

from db.reports.figures import Span
from desktop.i18n import (
    N_,
    NC_,
    format_date,
    format_datetime,
    format_month,
    translate,
    translator,
)

HEADLINE_LABELS = {
    "active_start": N_("Active cases at the start of the month"),
    "new": N_("New intakes"),
    "closed": N_("Cases closed"),
    "transferred_in": N_("Cases transferred in from other offices"),
    "transferred_out": N_("Cases transferred to other offices"),
    "active_end": N_("Active cases at the end of the month"),
    "consultations": N_("Consultations"),
    "clients_consulted": N_("Clients consulted"),
    "course_enrolled": N_("Enrolled in language courses"),
    "course_completed": N_("Completed a language course"),
    "course_dropped": N_("Dropped out of a language course"),
    "attendance_rate": N_("Course attendance rate"),
    "job_seekers": N_("Job seekers referred"),
    "job_referrals": N_("Referrals to employers"),
    "hires": NC_("report column", "Hired"),
    "social_referred": N_("Social-service referrals"),
    "social_completed": N_("Social-service referrals completed"),
    "overdue_follow_ups": N_("Overdue follow-ups"),
}
BREAKDOWN_TITLES = {
    "category": N_("Caseload by migrant category"),
    "country": N_("Caseload by country of origin"),
    "sex": N_("Caseload by sex"),
    "age_band": N_("Caseload by age group"),
    "region": N_("Caseload by region of residence"),
    # The ministry's indicators: db.reports.indicators.
    "education": N_("Caseload by education level"),
    "employment": N_("Caseload by employment status"),
}
SECTION_TITLES = {
    "summary": N_("Summary"),
    # The all-offices report's headline figures of each office, with their total.
    "offices": N_("Offices side by side"),
    "trends": N_("Trends over the last 12 months"),
    "caseload": N_("Caseload"),
    "consultations": N_("Consultations"),
    "courses": N_("Language courses"),
    "employment": N_("Employment"),
    "social": N_("Social services"),
    "workload": N_("Caseworkers' workload"),
}
# Short names for XLSX sheets (at most 31 characters, none of []:*?/\).
SHEET_NAMES = {
    "summary": N_("Summary"),
    "offices": N_("Offices"),
    "trends": N_("Trends"),
    "caseload": N_("Caseload"),
    "consultations": N_("Consultations"),
    "courses": N_("Courses"),
    "employment": N_("Employment"),
    "social": N_("Social services"),
    "workload": N_("Workload"),
}
COLUMNS = {
    "figure": N_("Figure"),
    "this_month": N_("This month"),
    "previous_month": N_("Previous month"),
    "change": N_("Change"),
    # The same figure for the same month (quarter, year, dates) a year before.
    "year_before": N_("Same month a year before"),
    # Beside "Same month a year before": this month's figure less that one.
    "change_year": N_("Change on a year before"),
    "group": N_("Group"),
    "active_start": N_("Active at start"),
    "new": N_("New"),
    "closed": NC_("report column", "Closed"),
    "active_end": N_("Active at end"),
    "transferred_in": N_("Transferred in"),
    "transferred_out": N_("Transferred out"),
    "topic": N_("Topic"),
    "channel": N_("Channel"),
    "count": N_("Count"),
    "sector": N_("Sector"),
    "contract_type": N_("Contract type"),
    "employer": N_("Employer"),
    "amount": N_("Amount"),  # a sum of money, above a wage
    "service": N_("Service"),
    "referred": NC_("report column", "Referred"),
    "completed": NC_("report column", "Completed"),
    # A share of the referrals made in the month, not of those completed in it: see
    # DEFINITIONS["social"]["completion_rate"].
    "completion_rate": N_("Of this month's referrals, completed by its end"),
    "median_days": N_("Median days to completion"),
    # Counts of referrals (and of applications for support) that ended so in the month.
    "refused": NC_("report column", "Refused"),
    "no_response": N_("No response"),
    "amount_paid": N_("Amount paid"),  # tenge
    # State support (entitlements), a line per measure.
    "measure": N_("Support measure"),
    "applications": N_("Applications"),
    "amount_applied": N_("Amount applied for"),
    "granted": NC_("report column", "Granted"),
    "amount_granted": N_("Amount granted"),
    "outstanding": N_("Still to pay at the month's end"),
    "caseworker": N_("Caseworker"),
    "office": N_("Office"),
    # The course groups' office column, narrow (it holds a code): ru «Отд-ние».
    "group_office": NC_("narrow report column", "Office"),
    "open_cases": N_("Open cases"),
    "overdue": N_("Overdue follow-ups"),
    # The course groups' table: a group's name is under "Group".
    "teacher": N_("Teacher"),
    # Counts of people: not the one participant's status words ("Enrolled", "Dropped out"),
    # which Kazakh and Russian put in the singular.
    "participants": N_("Participants in the month"),
    "finished_course": N_("Finished the course"),
    "left_course": N_("Left the course"),
    "attendance": N_("Attendance"),
    "total": N_("Total"),
    # The trends' table: a calendar month, then its figures.
    "month": N_("Month"),
}
FIGURE_LABELS = {
    "attendance_marked": N_("Attendance marks"),
    "attendance_present": N_("Present"),
    "levels_gained": N_("Levels gained"),
    "course_groups": N_("Course groups"),
    "hires_by_sector": N_("Hires by sector"),
    "hires_by_contract_type": N_("Hires by contract type"),
    "median_starting_wage": N_("Median starting wage"),
    # As many as db.reports.monthly.TOP_EMPLOYERS lists.
    "top_employers": N_("Placements by employer, top 10"),
    "checked_3_months": N_("Checked 3 months after hiring"),
    "employed_3_months": N_("Still employed after 3 months"),
    "checked_6_months": N_("Checked 6 months after hiring"),
    "employed_6_months": N_("Still employed after 6 months"),
    "all_offices": N_("All offices"),
    "report_title": N_("Monthly report"),
    # The titles of a report of a longer or any period, by its kind (report_title: a month).
    "report_title_quarter": N_("Quarterly report"),
    "report_title_year": N_("Annual report"),
    "report_title_custom": N_("Report for the period"),
    # A year as a report's period: «2026 жыл», «2026 год».
    "year": N_("Year {year}"),
    # Printed at the top of every page of a report of a period not over yet.
    "incomplete": N_("The period is not over: figures up to {when}"),
    # Under the summary: which periods the figures are compared with.
    "compared_with": N_("Compared with: the previous period, {previous}; a year before, "
                        "{year_before}."),
    "up_to": N_("{span}, up to {when}"),
    "record_number": N_("No. {number}"),
    "consultation_record": N_("Consultation record"),
    "generated": N_("Generated {when} by {who}"),
    "page": N_("Page {page} of {pages}"),
    "no_data": N_("Nothing recorded this month."),
    # The social services' section: referrals in two tables, one per basis of counting.
    "referrals_made": N_("Referrals made this month"),
    "referrals_ended": N_("Referrals ended this month"),
    "support_measures": N_("State support by measure"),
    "quota": N_("Regional quota"),
    "quota_participants": N_("Clients in the regional quota with a case open this month"),
    "quota_this_year": N_("Of them, included in the quota of {year}"),
    "accommodation": N_("Temporary accommodation"),
    "beds": N_("Beds in active rooms at the month's end"),
    "bed_nights": N_("Bed-nights taken"),
    "bed_nights_available": N_("Bed-nights available"),
    "occupancy_rate": N_("Occupancy rate"),
    "people_accommodated": N_("People accommodated"),
    "check_ins": N_("Check-ins"),
    "overstays": N_("Staying past the agreed last night on the month's last day"),
    # Under the last month of the trends when it is counted only up to a day of it (a
    # period not over): «25.11 дейін», «по 25.11».
    "trend_to": N_("to {day}"),
    # The offices side by side, in two tables: their cases, then the services given.
    "offices_caseload": N_("Cases by office"),
    "offices_services": N_("Services by office"),
}
# What a figure counts, where its name alone could mislead: printed under its table in the
# PDF and the XLSX, and in the JSON's "definitions", keyed by section and field.
DEFINITIONS = {
    "social": {
        "completed": N_("Completed, refused, no response: the referrals that ended so this "
                        "month, whenever they were made."),
        "completion_rate": N_("Of this month's referrals, completed by its end: the share of "
                              "the referrals made this month that were completed by its "
                              "last day."),
    },
    "entitlements": {
        "outstanding": N_("Still to pay: what was granted up to the month's end less what "
                          "was paid up to it, over every application for the measure."),
    },
    "accommodation": {
        "bed_nights": N_("A stay takes a bed each night from check-in to the night before "
                         "check-out; the bed-nights available are the beds times the "
                         "month's days."),
        "occupancy_rate": N_("Occupancy rate: the bed-nights taken divided by the "
                             "bed-nights available."),
    },
    "courses": {
        "attendance_rate": N_("Attendance rate: present divided by present and absent, over "
                              "the marks of the sessions held this month; excused absences "
                              "count neither way."),
    },
    "employment": {
        "employed_3_months": N_("Still employed after 3 or 6 months: of the retention checks "
                                "recorded this month, those that found the client still in "
                                "the job; the share in brackets is of those checks."),
    },
    "quota": {
        "this_year": N_("The share in brackets is of the clients in the regional quota with "
                        "a case open this month."),
    },
    "headlines": {
        "change": N_("Change: this month's figure less the one it is compared with; the "
                     "change of a rate is in percentage points (pp)."),
    },
    # The ministry's indicators (db.reports.indicators), under their breakdowns.
    "caseload_by": {
        "education": N_("Education level: as recorded in the client's file; “Not "
                        "recorded” where none is."),
        "employment": N_("Employment status on the month's last day. Employed: a placement "
                         "begun by then and not ended. Job seeker: not employed so, and "
                         "looking for work: a referral to an employer or a training course "
                         "under way then (made by then, its outcome not recorded by then), "
                         "or a job-seeker profile marked as looking for work (as the "
                         "profile is when the report is made: it keeps no dates). Not "
                         "seeking work: the others, children and pensioners among them. "
                         "Only what the center recorded counts."),
    },
    "offices": {
        "active_end": N_("Each office counts the cases it holds: a case transferred between "
                         "offices is neither a new intake nor a closure, so an office's "
                         "active cases at the end need not be those at the start plus the "
                         "new less the closed. The total row is the whole center's."),
    },
    "trends": {
        "active_end": N_("Each month counted as the report counts it: the cases active on "
                         "the month's last day; the new intakes, consultations, hires "
                         "(placements begun) and social-service referrals completed in the "
                         "month. The last month is counted as far as the report is."),
    },
}
# The captions of the PDF's charts (a table's subheading names the others).
CHART_CAPTIONS = {
    "by_category": N_("Active cases at the end of the month, by migrant category"),
    "by_sex": N_("Active cases at the end of the month, by sex"),
}
# The trends' charts, a caption each, and the columns of their table (each a headline's
# figure, counted in a calendar month whatever the report's period).
TREND_CAPTIONS = {
    "active_end": N_("Caseload: active cases at the end of each month"),
    "new": N_("New intakes by month"),
    "consultations": N_("Consultations by month"),
    "hires": N_("Hires by month (placements begun)"),
    "social_completed": N_("Social-service referrals completed by month"),
}
# The offices side by side: each headline figure of OfficeRow under these words.
OFFICE_COLUMNS = {
    "active_start": COLUMNS["active_start"],
    "new": COLUMNS["new"],
    "closed": COLUMNS["closed"],
    "active_end": COLUMNS["active_end"],
    "consultations": HEADLINE_LABELS["consultations"],
    "course_enrolled": HEADLINE_LABELS["course_enrolled"],
    "hires": HEADLINE_LABELS["hires"],
    "social_completed": HEADLINE_LABELS["social_completed"],
}
TREND_COLUMNS = {
    "active_end": N_("Active at each month's end"),
    "new": HEADLINE_LABELS["new"],
    "consultations": HEADLINE_LABELS["consultations"],
    "hires": HEADLINE_LABELS["hires"],
    "social_completed": HEADLINE_LABELS["social_completed"],
}
# The definition of each headline that is a rate, by its key: (section, field) above.
HEADLINE_DEFINITIONS = {"attendance_rate": ("courses", "attendance_rate")}
# A change of a rate in percentage points ("п.п." in Russian), e.g. "+2.3 pp".
POINTS = N_("{points} pp")
# The approval block on a report's last page.
APPROVAL_LABELS = {
    # Translators: the director's mark on a report: «БЕКІТЕМІН» in Kazakh, «УТВЕРЖДАЮ» in
    # Russian.
    "approved": N_("Approved"),
    "director": N_("Director"),  # when the center's details name no position
    "position": N_("Position"),
    "prepared_by": N_("Prepared by"),
    "signature": N_("Signature"),
    "date": N_("Date"),
    # Translators: where the stamp goes: «М.О.» in Kazakh, «М.П.» in Russian.
    "seal": N_("Place of seal"),
}
# A report of a quarter, a year or any dates, in the words of a month's: each message of
# the month's report, with the message that says the same of a period.
PERIOD_WORDING = {
    HEADLINE_LABELS["active_start"]: N_("Active cases at the start of the period"),
    HEADLINE_LABELS["active_end"]: N_("Active cases at the end of the period"),
    CHART_CAPTIONS["by_category"]: N_("Active cases at the end of the period, by migrant "
                                      "category"),
    CHART_CAPTIONS["by_sex"]: N_("Active cases at the end of the period, by sex"),
    # "Active at start" reads «На начало месяца», «Ай басында» in a month's report.
    COLUMNS["active_start"]: N_("Active at the period's start"),
    COLUMNS["active_end"]: N_("Active at the period's end"),
    COLUMNS["this_month"]: N_("This period"),
    COLUMNS["previous_month"]: N_("Previous period"),
    COLUMNS["year_before"]: N_("Same period a year before"),
    COLUMNS["completion_rate"]: N_("Of the period's referrals, completed by its end"),
    COLUMNS["outstanding"]: N_("Still to pay at the period's end"),
    COLUMNS["participants"]: N_("Participants in the period"),
    FIGURE_LABELS["no_data"]: N_("Nothing recorded in this period."),
    FIGURE_LABELS["referrals_made"]: N_("Referrals made in the period"),
    FIGURE_LABELS["referrals_ended"]: N_("Referrals ended in the period"),
    FIGURE_LABELS["quota_participants"]: N_("Clients in the regional quota with a case open "
                                            "in the period"),
    FIGURE_LABELS["beds"]: N_("Beds in active rooms at the period's end"),
    FIGURE_LABELS["overstays"]: N_("Staying past the agreed last night on the period's "
                                   "last day"),
    DEFINITIONS["social"]["completed"]: N_(
        "Completed, refused, no response: the referrals that ended so in the period, "
        "whenever they were made."),
    DEFINITIONS["social"]["completion_rate"]: N_(
        "Of the period's referrals, completed by its end: the share of the referrals made "
        "in the period that were completed by its last day."),
    DEFINITIONS["entitlements"]["outstanding"]: N_(
        "Still to pay: what was granted up to the period's end less what was paid up to "
        "it, over every application for the measure."),
    DEFINITIONS["accommodation"]["bed_nights"]: N_(
        "A stay takes a bed each night from check-in to the night before check-out; the "
        "bed-nights available are the beds times the period's days."),
    DEFINITIONS["courses"]["attendance_rate"]: N_(
        "Attendance rate: present divided by present and absent, over the marks of the "
        "sessions held in the period; excused absences count neither way."),
    DEFINITIONS["employment"]["employed_3_months"]: N_(
        "Still employed after 3 or 6 months: of the retention checks recorded in the "
        "period, those that found the client still in the job; the share in brackets is of "
        "those checks."),
    DEFINITIONS["quota"]["this_year"]: N_(
        "The share in brackets is of the clients in the regional quota with a case open in "
        "the period."),
    DEFINITIONS["headlines"]["change"]: N_(
        "Change: the period's figure less the one it is compared with; the change of a rate "
        "is in percentage points (pp)."),
    DEFINITIONS["caseload_by"]["employment"]: N_(
        "Employment status on the period's last day. Employed: a placement begun by then "
        "and not ended. Job seeker: not employed so, and looking for work: a referral to an "
        "employer or a training course under way then (made by then, its outcome not "
        "recorded by then), or a job-seeker profile marked as looking for work (as the "
        "profile is when the report is made: it keeps no dates). Not seeking work: the "
        "others, children and pensioners among them. Only what the center recorded "
        "counts."),
}
TITLES = {"month": FIGURE_LABELS["report_title"],
          "quarter": FIGURE_LABELS["report_title_quarter"],
          "year": FIGURE_LABELS["report_title_year"],
          "custom": FIGURE_LABELS["report_title_custom"]}


class Words:
    """The report's words and formats in one language, for a period of one kind."""

    def __init__(self, language: str, kind: str = "month") -> None:
        self.language = language
        self.kind = kind
        self._catalogue = translator(language)  # for the plurals and contexts of a document

    def __call__(self, message: str) -> str:
        if self.kind != "month":
            message = PERIOD_WORDING.get(message, message)
        return translate(message, self.language)

    def month(self, first_day: date) -> str:
        """The month as a title: «2026 жылғы қараша», «ноябрь 2026 г.», "November 2026"."""
        return format_month(first_day, self.language)

    def title(self) -> str:
        """«Айлық есеп», «Квартальный отчёт»…: the report's title for its kind of period."""
        return self(TITLES.get(self.kind, TITLES["custom"]))

    def period(self, span: Span) -> str:
        """The period as a title: a month, «2026 жылғы ІІІ тоқсан», «3-й квартал 2026 г.»,
        "Year 2026", or its first and last days."""
        if span.kind == "month":
            return self.month(span.first)
        if span.kind == "quarter":
            if self.language == "kk":  # as format_month: «2026 ж.» is an abbreviation
                name = babel_dates.get_quarter_names("wide", "format", locale="kk")
                return f"{span.first.year} жылғы {name[(span.first.month - 1) // 3 + 1]}"
            return babel_dates.format_skeleton("yQQQQ", span.first, locale=self.language)
        if span.kind == "year":
            return self(FIGURE_LABELS["year"]).format(year=span.first.year)
        return self.dates(span)

    def dates(self, span: Span) -> str:
        """First and last day: "01.09.2026 – 15.10.2026"."""
        return (f"{format_date(span.first, language=self.language)} – "
                f"{format_date(span.last, language=self.language)}")

    def compared(self, span: Span) -> str:
        """A span compared with, by its days, and how far in it was counted."""
        text = self.dates(span)
        if span.as_of is None:
            return text
        return self(FIGURE_LABELS["up_to"]).format(span=text, when=self.moment(span.as_of))

    def moment(self, when: datetime) -> str:
        return format_datetime(when, language=self.language)

    def counted_to(self, day: date) -> str:
        """A month counted only up to ``day``: "to 25.11"."""
        return self(FIGURE_LABELS["trend_to"]).format(
            day=format_date(day, "dd.MM", language=self.language))

    def heading(self, span: Span) -> str:
        """The period for a subtitle, its first letter a capital («Ноябрь 2026 г.»)."""
        return capitalised(self.period(span))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
