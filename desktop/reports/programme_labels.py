"""The words of the programme reports, shared by their PDF, XLSX and JSON forms.

Marked with ``N_`` and translated into the report's language where they are printed
(``labels.Words``). What the monthly report already says the same way (its column names,
its definitions of a completion or attendance rate) is said in its words, from
``desktop.reports.labels``, so that the two reports read alike and share one translation.
"""

from __future__ import annotations

from desktop.i18n import N_, format_money, format_number, translator
from desktop.reports.labels import COLUMNS, DEFINITIONS, FIGURE_LABELS, Words

TITLES = {
    "courses": N_("Language courses by group and teacher"),
    "placements": N_("Placements by employer, sector and wage"),
    "referrals": N_("Social-service referrals by provider"),
}
# Short names for the XLSX sheet (at most 31 characters).
SHEET_NAMES = {
    "courses": N_("Language courses"),
    "placements": N_("Placements"),
    "referrals": N_("Social services"),
}
# Column titles of the programme reports' own; the others are the monthly report's COLUMNS.
PROGRAMME_COLUMNS = {
    **COLUMNS,
    # Enrolments on a day of the period, beside the participants (places held in it).
    "places_taken": N_("Places taken"),
    "levels_gained": FIGURE_LABELS["levels_gained"],
    "marked": FIGURE_LABELS["attendance_marked"],
    "present": FIGURE_LABELS["attendance_present"],
    "language": N_("Language"),
    "level": N_("Level"),
    "starts_on": N_("Starts"),
    "ends_on": N_("Ends"),
    "provider": N_("Provider"),
    "locality": N_("Locality"),
    "placements": N_("Placements"),
    "median_wage": FIGURE_LABELS["median_starting_wage"],
    "lowest_wage": N_("Lowest wage"),
    "highest_wage": N_("Highest wage"),
    "wage_range": N_("Lowest – highest wage"),
    "wage_band": N_("Monthly wage"),
    "share": N_("Share of placements"),
    "checked_3_months": FIGURE_LABELS["checked_3_months"],
    "employed_3_months": FIGURE_LABELS["employed_3_months"],
    "checked_6_months": FIGURE_LABELS["checked_6_months"],
    "employed_6_months": FIGURE_LABELS["employed_6_months"],
    # Of the referrals made in the period, how many were completed by its last day.
    "completed_in_time": N_("Of them, completed by the end"),
    "completion_rate": N_("Completion rate"),
}
LABELS = {
    "teacher_not_recorded": N_("Teacher not recorded"),
    "provider_not_recorded": N_("Provider not recorded"),
    # A subtotal's line: "Total: Сапарова Айгерім", "Total: Construction".
    "subtotal": N_("Total: {name}"),
    # Under an attendance rate: how many marks it is of, "3 of 4".
    "of_marks": N_("{present} of {marked}"),
    "by_sector": N_("Placements by sector and employer"),
    "by_wage": N_("Placements by monthly wage"),
    "retention": N_("Job retention by employer"),
    "referrals_made": FIGURE_LABELS["referrals_made"],
    "referrals_ended": FIGURE_LABELS["referrals_ended"],
    "no_data": FIGURE_LABELS["no_data"],
    # The wage bands: "Under 150 000,00 ₸", "150 000,00 ₸ – 249 999,00 ₸", "600 000,00 ₸ and
    # more", and those placed without a wage recorded.
    "wage_under": N_("Under {high}"),
    "wage_between": N_("{low} – {high}"),
    "wage_over": N_("{low} and more"),
    "wage_not_recorded": N_("Wage not recorded"),
}
# What the figures count, printed as numbered footnotes under their tables (PDF), as notes
# (XLSX) and in the JSON's "definitions".
PROGRAMME_DEFINITIONS = {
    "courses": {
        "figures": N_("Participants: the places held at some time in the period; places "
                      "taken: the enrolments of the period; finished and left: the courses "
                      "that ended so in the period; levels gained: of those who finished, "
                      "the ones whose level reached was assessed. The waiting list counts "
                      "in none."),
        "attendance_rate": DEFINITIONS["courses"]["attendance_rate"],
    },
    "placements": {
        "wages": N_("Placements that started in the period, by the sector of the job. The "
                    "median, lowest and highest wages are of the placements with a wage "
                    "recorded; the median of an even number of wages is the mean of the "
                    "middle two."),
        "retention": N_("Retention: the checks 3 and 6 months after hiring recorded in the "
                        "period, whenever the job began, by the employer; still employed: "
                        "those that found the client still in the job."),
    },
    "referrals": {
        "completion_rate": DEFINITIONS["social"]["completion_rate"],
        "completed": DEFINITIONS["social"]["completed"],
    },
}


def group_count(language: str, groups: int, teachers: int) -> str:
    """«3 course groups · 2 teachers»: what a course report covers."""
    catalogue = translator(language)
    return " · ".join((
        catalogue.ngettext("{count} course group", "{count} course groups", groups)
        .format(count=format_number(groups, language)),
        catalogue.ngettext("{count} teacher", "{count} teachers", teachers)
        .format(count=format_number(teachers, language))))


def employer_count(language: str, placements: int, employers: int) -> str:
    """«12 placements · 5 employers»."""
    catalogue = translator(language)
    return " · ".join((
        catalogue.ngettext("{count} placement", "{count} placements", placements)
        .format(count=format_number(placements, language)),
        catalogue.ngettext("{count} employer", "{count} employers", employers)
        .format(count=format_number(employers, language))))


def provider_count(language: str, referrals: int, providers: int) -> str:
    """«52 referrals made · 7 providers»."""
    catalogue = translator(language)
    return " · ".join((
        catalogue.ngettext("{count} referral made", "{count} referrals made", referrals)
        .format(count=format_number(referrals, language)),
        catalogue.ngettext("{count} provider", "{count} providers", providers)
        .format(count=format_number(providers, language))))


def wage_band_label(words: Words, low: int | None, high: int | None) -> str:
    """A band's words: up to ``high`` (not counted), from ``low``, or between the two."""
    language = words.language
    if low is None and high is None:
        return words(LABELS["wage_not_recorded"])
    if not low:
        return words(LABELS["wage_under"]).format(high=format_money(high or 0, language))
    if high is None:
        return words(LABELS["wage_over"]).format(low=format_money(low, language))
    return words(LABELS["wage_between"]).format(low=format_money(low, language),
                                                high=format_money(high - 1, language))
