"""The words of the monthly report, shared by its PDF and XLSX forms.

Marked with ``N_`` and translated into the report's language where they are
printed (``Words(language)``), which may differ from the UI's.
"""

from __future__ import annotations

from datetime import date

from desktop.i18n import N_, NC_, format_month, translate, translator

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
}
SECTION_TITLES = {
    "summary": N_("Summary"),
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
    },
}


class Words:
    """The report's words and formats in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = translator(language)  # for the plurals and contexts of a document

    def __call__(self, message: str) -> str:
        return translate(message, self.language)

    def month(self, first_day: date) -> str:
        """The month as a title: «2026 жылғы қараша», «ноябрь 2026 г.», "November 2026"."""
        return format_month(first_day, self.language)
