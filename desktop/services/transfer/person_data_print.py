"""The person's copy as it prints: the JSON's content worded in its language, in sections.

Printed from ``PersonData.content`` itself, never from a second reading, so the PDF and
the JSON hold the same records. Each section lists the fields a reader wants of a record
(ids and bookkeeping stay in the JSON); dates in the numeric form people here write,
times in the computer's own zone, money in tenge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from desktop.domain.phones import shown_phone
from desktop.i18n import (
    N_,
    NC_,
    format_date,
    format_datetime,
    format_money,
    format_number,
    translate,
)
from desktop.reports.labels import FIGURE_LABELS
from desktop.reports.pdf_personal_data import (
    PrintedEntry,
    PrintedPersonData,
    PrintedSection,
    PrintedTable,
)
from desktop.services.access import pure
from desktop.services.client_file.labels import FIELD_LABELS as FL
from desktop.services.transfer.person_data import PersonData

__all__ = ["printed"]

TITLE = N_("Copy of personal data")
INTRO = N_("Every record kept on {name} in Qadam on {date}, given to them at their request "
           "under the Law of the Republic of Kazakhstan “On personal data and their "
           "protection”.")
NOTHING = N_("Nothing is recorded.")
YES, NO = N_("Yes"), N_("No")
MARKS = {"present": NC_("attendance mark", "Present"), "absent": NC_("attendance mark", "Absent"),
         "excused": NC_("attendance mark", "Excused")}
NAME = NC_("person", "Name")


@dataclass(frozen=True)
class F:
    """A field: the content's key (a dotted path for a nested one), its label, its kind."""

    key: str
    label: str
    kind: str = "text"  # text, date, datetime, stamp (UTC), money, number, bool, phone, list


def _f(key: str, kind: str = "text", label: str | None = None) -> F:
    """A field labelled as the client file labels it (``FIELD_LABELS``) unless told."""
    if label is None:
        stem = key.removesuffix("_label").removesuffix("_name")
        label = FL.get(key) or FL.get(f"{stem}_code") or FL.get(f"{stem}_id") or FL[stem]
    return F(key, label, kind)


PROFILE = (
    _f("surname"), _f("given_name"), _f("patronymic"), _f("surname_latin"),
    _f("given_name_latin"), _f("name_original"), _f("iin"), _f("birth_date", "date"),
    _f("sex_label"), _f("citizenship_label"), _f("country_of_origin_label"),
    _f("category_label"), _f("arrival_date", "date"), _f("region_label"), _f("locality"),
    _f("address"), _f("phone", "phone"), _f("email"), _f("messenger"), _f("education_label"),
    _f("profession"), _f("preferred_language_label"), _f("consent_date", "date"),
    _f("consent_form_label"), _f("consent_recorded_by_name", label=FL["consent_recorded_by"]),
    _f("office_name"), _f("created_at", "stamp", N_("Recorded in Qadam")), _f("notes"),
)
HISTORY = (_f("changed_at", "stamp", N_("Changed at")), _f("status_label"), _f("note"),
           _f("changed_by_name", label=N_("Changed by")))
CASE_GOALS = (_f("area_label"), _f("description"), _f("target_date", "date"),
              _f("status_label"), _f("status_on", "date"))
RETENTION = (_f("months_after", "number"), _f("due_on", "date"), _f("checked_on", "date"),
             _f("still_employed", "bool"), _f("leaving_reason_label"), _f("note"))
PAYMENTS = (_f("paid_on", "date", N_("Paid on")), _f("amount", "money"), _f("note"))


@dataclass(frozen=True)
class Tabled:
    """A section printed as one table."""

    key: str
    title: str
    fields: tuple[F, ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Blocks:
    """A section printed as one block per record, with the record's own tables."""

    key: str
    title: str
    # The record's title, from the record, the formatter and the words.
    heading: Callable[[dict[str, Any], Callable[[Any, str], str], Callable[[str], str]], str]
    fields: tuple[F, ...]
    tables: tuple[tuple[str, str, tuple[F, ...], tuple[float, ...]], ...] = ()
    # (the record's key holding the list, the caption, its fields, their widths)


HISTORY_TABLE = ("status_history", N_("Status history"), HISTORY, (0.2, 0.25, 0.35, 0.2))

SECTIONS: tuple[Tabled | Blocks, ...] = (
    Tabled("languages", N_("Languages"), (_f("language_label"), _f("level_label")),
           (0.5, 0.5)),
    Tabled("documents", N_("Documents"),
           (_f("type_label"), _f("number"), _f("issued_by"), _f("issued_on", "date"),
            _f("expires_on", "date"), _f("status_label")),
           (0.2, 0.15, 0.25, 0.12, 0.12, 0.16)),
    Tabled("household", N_("Household"),
           (F("related_person_name", NAME), _f("relationship_label"),
            F("related_person_birth_date", FL["birth_date"], "date")),
           (0.5, 0.25, 0.25)),
    Blocks("cases", N_("Cases and plan goals"),
           lambda case, shown, words: words(N_("Case opened on {date}")).format(
               date=shown(case["opened_on"], "date")),
           (_f("office_name"), _f("caseworker_name"), _f("status_label"),
            _f("closed_on", "date"), _f("closure_reason_label"),
            _f("quota_year", label=N_("Quota year")),
            _f("quota_region_label", label=N_("Quota region"))),
           (("goals", N_("Plan goals"), CASE_GOALS, (0.18, 0.4, 0.14, 0.14, 0.14)),)),
    Tabled("case_transfers", N_("Case transfers"),
           (_f("requested_on", "date", N_("Requested on")),
            _f("from_office_name", label=N_("From office")),
            _f("to_office_name", label=N_("To office")), _f("status_label"),
            _f("decided_on", "date", N_("Decided on")), _f("note")),
           (0.13, 0.2, 0.2, 0.13, 0.13, 0.21)),
    Blocks("consultations", N_("Consultations"),
           lambda record, shown, _words: shown(record["held_at"], "datetime"),
           (_f("channel_label"), _f("caseworker_name"), _f("office_name"),
            F("topics", FL["topics"], "list"), _f("advice"), _f("next_steps"), _f("notes"),
            _f("next_appointment_at", "datetime"))),
    Blocks("course_enrolments", N_("Language courses"),
           lambda record, shown, _words: record["group_name"] or record["course_label"] or "",
           (_f("course_label", label=N_("Course")), _f("course_language_label", label=FL[
               "language_code"]), _f("course_level_label", label=FL["level_code"]),
            _f("group_starts_on", "date", FL["starts_on"]),
            _f("group_ends_on", "date", FL["ends_on"]), _f("status_label"),
            _f("enrolled_on", "date"), _f("finished_on", "date"),
            _f("waiting_since", "stamp"), _f("offered_on", "date"),
            _f("level_before_label"), _f("level_after_label"), _f("dropout_reason_label")),
           (("attendance", N_("Attendance"), (), (0.2, 0.133, 0.2, 0.133, 0.2, 0.134)),
            HISTORY_TABLE)),
    Tabled("language_assessments", N_("Language assessments"),
           (_f("assessed_on", "date", N_("Assessed on")), _f("language_label"),
            _f("level_label"), _f("kind_label"), _f("score", "number", N_("Score")),
            _f("assessor", label=N_("Assessor"))),
           (0.14, 0.2, 0.22, 0.16, 0.1, 0.18)),
    Blocks("social_referrals", N_("Social-service referrals"),
           lambda record, shown, _words: record["service_type_label"] or "",
           (_f("provider_name", label=N_("Provider")), _f("status_label"),
            _f("referred_on", "date"), _f("accepted_on", "date"),
            _f("closed_on", "date"), _f("outcome"), _f("amount", "money"),
            _f("caseworker_name"), _f("office_name")),
           (HISTORY_TABLE,)),
    Blocks("job_seeker", N_("Job-seeker profile"),
           lambda _record, _shown, words: words(N_("Job-seeker profile")),
           (_f("qualification", label=N_("Qualification")),
            _f("experience_years", "number", N_("Years of experience")),
            _f("driving_licence", label=N_("Driving licence")),
            _f("health_limits", label=N_("Health limits")),
            _f("childcare", "bool", N_("Hours must fit a child's care")),
            _f("unemployed_since", "date", N_("Registered as unemployed since")),
            _f("seeking", "bool", N_("Looking for work")),
            F("sectors", N_("Sectors"), "list"), F("regions", N_("Regions"), "list"))),
    Blocks("job_referrals", N_("Job and training referrals"),
           lambda record, shown, _words: (record["employer_name"] or record["provider_name"]
                                  or record["course_title"] or ""),
           (_f("kind_label"), _f("employer_name", label=N_("Employer")),
            _f("vacancy_name", label=N_("Vacancy")), _f("provider_name", label=N_("Provider")),
            _f("course_title"), _f("service_type_label"), _f("referred_on", "date"),
            _f("interview_on", "date"), _f("status_label"), _f("outcome_on", "date"),
            _f("starts_on", "date"), _f("ends_on", "date"), _f("note"),
            _f("caseworker_name")),
           (HISTORY_TABLE,)),
    Blocks("placements", N_("Job placements"),
           lambda record, shown, _words: record["employer_name"] or "",
           (_f("position"), _f("sector_label", label=N_("Sector")),
            _f("contract_type_label"), _f("monthly_wage", "money"),
            _f("started_on", "date"), _f("ended_on", "date"), _f("office_name")),
           (("retention_checks", N_("Retention checks"), RETENTION,
             (0.14, 0.14, 0.14, 0.12, 0.22, 0.24)),)),
    Tabled("follow_ups", N_("Follow-ups"),
           (_f("title"), _f("due_on", "date"), _f("assignee_name"), _f("done", "bool"),
            _f("done_at", "stamp"), _f("done_comment")),
           (0.26, 0.12, 0.16, 0.1, 0.14, 0.22)),
    Blocks("entitlements", N_("State support"),
           lambda record, shown, _words: record["rule_label"] or "",
           (_f("applied_on", "date", N_("Applied on")),
            _f("members", "number", N_("Household members counted")),
            _f("amount_applied", "money", N_("Amount applied")), _f("status_label"),
            _f("decided_on", "date", N_("Decided on")),
            _f("amount_granted", "money", N_("Amount granted")), _f("note"),
            _f("office_name")),
           (("payments", N_("Payments"), PAYMENTS, (0.25, 0.25, 0.5)),)),
    Tabled("stays", N_("Accommodation"),
           (_f("room_name", label=N_("Room")), _f("checked_in_on", "date", N_("Checked in")),
            _f("planned_until", "date", N_("Planned until")),
            _f("checked_out_on", "date", N_("Checked out")), _f("note")),
           (0.15, 0.17, 0.17, 0.17, 0.34)),
    Tabled("merged_files", FL["merged_file"],
           (_f("merged_at", "stamp", N_("Merged on")), F("summary.name", NAME),
            F("summary.birth_date", FL["birth_date"], "date"),
            _f("merged_by_name", label=N_("Merged by"))),
           (0.2, 0.4, 0.2, 0.2)),
)


@pure
def printed(data: PersonData) -> PrintedPersonData:
    """The copy's pages, worded in its language from its content."""
    language = data.language
    words = partial(translate, language=language)
    shown = partial(_shown, language=language, words=words)
    content = data.content
    profile = content["profile"]
    name = " ".join(p for p in (profile["surname"], profile["given_name"],
                                profile["patronymic"]) if p)
    latin = " ".join(p for p in (profile["surname_latin"], profile["given_name_latin"]) if p)
    when = format_datetime(data.generated_at, language=language)
    sections = []
    for spec in SECTIONS:
        found = content[spec.key]
        records = [found] if isinstance(found, dict) else list(found or [])
        if isinstance(spec, Tabled):
            sections.append(PrintedSection(words(spec.title), table=_table(
                spec.fields, spec.widths, records, words, shown), empty=words(NOTHING)))
        else:
            entries = tuple(_entry(spec, record, words, shown) for record in records)
            sections.append(PrintedSection(words(spec.title), entries, empty=words(NOTHING)))
    return PrintedPersonData(
        language=language, letterhead=data.letterhead, title=words(TITLE),
        name=name or latin, name_latin=latin if name else "",
        name_original=profile["name_original"] or "",
        intro=words(INTRO).format(name=name or latin, date=format_date(
            data.generated_at.date(), language=language)),
        footer=words(FIGURE_LABELS["generated"]).format(when=when, who=data.generated_by),
        author=data.generated_by, profile_title=words(N_("Profile")),
        profile=tuple((words(f.label), shown(_value(profile, f.key), f.kind)) for f in PROFILE),
        sections=tuple(sections))


def _entry(spec: Blocks, record: dict[str, Any], words: Callable[[str], str],
           shown: Callable[[Any, str], str]) -> PrintedEntry:
    tables = []
    for key, caption, fields, widths in spec.tables:
        rows = record.get(key) or []
        table = (_attendance(rows, words, shown, widths) if key == "attendance"
                 else _table(fields, widths, rows, words, shown))
        tables.append((words(caption), table))
    return PrintedEntry(spec.heading(record, shown, words) or words(spec.title),
                        tuple((words(f.label), shown(_value(record, f.key), f.kind))
                              for f in spec.fields),
                        tuple(tables))


def _table(fields: Sequence[F], widths: tuple[float, ...], records: list[dict[str, Any]],
           words: Callable[[str], str], shown: Callable[[Any, str], str]) -> PrintedTable:
    return PrintedTable(tuple(words(f.label) for f in fields),
                        tuple(tuple(shown(_value(r, f.key), f.kind) for f in fields)
                              for r in records), widths)


def _attendance(marks: list[dict[str, Any]], words: Callable[[str], str],
                shown: Callable[[Any, str], str], widths: tuple[float, ...]) -> PrintedTable:
    """Each marked session's day and mark, three sessions to a row."""
    cells = []
    for mark in marks:
        key = "present" if mark["present"] else "excused" if mark["excused"] else "absent"
        cells += [shown(mark["held_on"], "date"), words(MARKS[key])]
    per_row = len(widths)
    cells += [""] * (-len(cells) % per_row)
    header = (words(N_("Date")), words(N_("Mark"))) * (per_row // 2)
    return PrintedTable(header, tuple(tuple(cells[i:i + per_row])
                                      for i in range(0, len(cells), per_row)), widths)


def _value(record: dict[str, Any], key: str) -> Any:
    value: Any = record
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _shown(value: Any, kind: str, *, language: str, words: Callable[[str], str]) -> str:
    """A JSON value as the copy prints it ("" for none)."""
    if value is None or value == "" or value == []:
        return ""
    if kind == "date":
        return format_date(date.fromisoformat(value), language=language)
    if kind == "datetime":
        return format_datetime(datetime.fromisoformat(value), language=language)
    if kind == "stamp":  # UTC in the content, the computer's own time on paper
        return format_datetime(datetime.fromisoformat(value).astimezone().replace(tzinfo=None),
                               language=language)
    if kind == "money":
        return format_money(value, language)
    if kind == "number":
        return format_number(value, language)
    if kind == "bool":
        return words(YES if value else NO)
    if kind == "phone":
        return shown_phone(value)
    if kind == "list":  # topics {code, label}; sectors and regions as rows of their own
        return ", ".join(str(item.get("label") or item.get("sector_label")
                             or item.get("region_label") or "") for item in value)
    return str(value)
