"""The audit log of a client's records, put into words: record names, field labels, values
as the tabs show them (labels, dates, masked IIN, people's names)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from db.queries import client_file as queries
from desktop.domain.iin import mask_iin
from desktop.domain.phones import shown_phone
from desktop.i18n import N_, _, country_name, format_date, format_datetime
from desktop.services.access import pure
from desktop.services.client_file.items import HistoryItem
from desktop.services.client_file.labels import (
    ACTIONS,
    CASE_STATUS,
    DOCUMENT_LANGUAGES,
    DOCUMENT_STATUS,
    ENROLMENT_STATUS,
    FIELD_LABELS,
    GOAL_STATUS,
    JOB_STATUS,
    REFERRAL_STATUS,
    SEXES,
    TABLE_LABELS,
    UTC_FIELDS,
    local_time,
    money,
)

# Keys that only tie records together: noise in a history meant for people.
_HIDDEN_FIELDS = frozenset({"sort_key", "id", "person_id", "case_id", "consultation_id",
                            "group_id", "vacancy_id", "job_referral_id", "employer_id",
                            "provider_id", "related_person_id",
                            # a course enrolment's follow-ups show in the Follow-ups tab
                            "offer_follow_up_id", "low_attendance_follow_up_id",
                            "follow_up_id", "placement_id", "chase_follow_up_id",
                            # the successor shows as its own "Created" line just above
                            "replaced_by_id"})
_REFERENCE_FIELDS = {
    "category_code": "migrant_category", "region_code": "region",
    "education_code": "education_level", "consent_form_code": "consent_form",
    "type_code": "document_type", "channel_code": "consultation_channel",
    "relationship_code": "relationship", "closure_reason_code": "case_closure_reason",
    "area_code": "service_area", "service_type_code": "service_type",
    "language_code": "language", "level_code": "language_level",
    "level_before_code": "language_level", "level_after_code": "language_level",
    "sector_code": "economic_sector", "topics": "consultation_topic",
    "dropout_reason_code": "dropout_reason", "leaving_reason_code": "job_leaving_reason",
}
_USER_FIELDS = frozenset({"caseworker_id", "assignee_id", "done_by", "consent_recorded_by"})
_STATUS_LABELS = {"client_case": CASE_STATUS, "case_goal": GOAL_STATUS,
                  "document": DOCUMENT_STATUS,
                  "course_enrolment": ENROLMENT_STATUS, "job_referral": JOB_STATUS,
                  "referral": REFERRAL_STATUS}

ENROLMENT = "course_enrolment"
# A course enrolment's steps, said of the client and the group: (old status, new status),
# None for a new enrolment; "*" for any old status.
_ENROLMENT_STEPS = {
    (None, "enrolled"): N_("Enrolled in the course group {group}"),
    (None, "waiting"): N_("Put on the waiting list of the course group {group}"),
    ("waiting", "enrolled"): N_("Took the place offered in the course group {group}"),
    ("waiting", "withdrawn"): N_("Left the waiting list of the course group {group}"),
    ("enrolled", "withdrawn"): N_("Taken off the list of the course group {group}"),
    ("withdrawn", "enrolled"): N_("Enrolled in the course group {group}"),
    ("withdrawn", "waiting"): N_("Put on the waiting list of the course group {group}"),
    ("*", "completed"): N_("Completed the course of the group {group}"),
    ("*", "dropped"): N_("Dropped out of the course group {group}"),
}


class HistoryWriter:
    """Audit entries put into words: record names, field labels, values as the tabs show them."""

    def __init__(self, connection: Any, language: str) -> None:
        self.connection = connection
        self.language = language
        self.labels: dict[str, dict[str, str]] = {}
        self.users: dict[uuid.UUID, str] = {}
        self.offices: dict[uuid.UUID, str] = {}

    def items(self, audit: list[queries.AuditRow], details: queries.PersonDetails,
              *lists: list[Any]) -> list[HistoryItem]:
        if not audit:
            return []
        self._prepare(audit)
        names = _record_names(details, *lists)
        result = []
        for entry in audit:
            table = _(TABLE_LABELS.get(entry.table_name, entry.table_name))
            name = names.get(entry.record_id, "")
            record = _("{table}: {name}").format(table=table, name=name) if name else table
            changes = tuple(
                (_(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " "),
                 self._value(entry.table_name, field, old), self._value(entry.table_name, field,
                                                                        new))
                for field, (old, new) in entry.changes.items() if field not in _HIDDEN_FIELDS)
            if entry.table_name == ENROLMENT and entry.action == "update" and not changes:
                continue  # only a follow-up tied to it (the offer's): that task has its line
            action = _(ACTIONS.get(entry.action, entry.action))
            if entry.table_name == ENROLMENT and name:
                action = enrolment_step(entry.action, entry.changes, name) or action
            result.append(HistoryItem(local_time(entry.at), entry.who, action, entry.action,
                                      record, changes))
        return result

    def _prepare(self, audit: list[queries.AuditRow]) -> None:
        """One query for the reference lists the entries mention, one for their users, one for
        their offices."""
        tables, users, offices = set(), set(), set()
        for entry in audit:
            for field, pair in entry.changes.items():
                if field in _REFERENCE_FIELDS:
                    tables.add(_REFERENCE_FIELDS[field])
                ids = {_uuid(v) for v in pair} - {None}
                if field in _USER_FIELDS:
                    users |= ids
                elif field == "office_id":
                    offices |= ids
        self.labels = queries.reference_lists(self.connection, tables, self.language)
        self.users = queries.user_names(self.connection, users)  # type: ignore[arg-type]
        self.offices = queries.office_names(self.connection, offices)  # type: ignore[arg-type]

    def person_values(self, values: dict[str, Any]) -> dict[str, str]:
        """A person's stored profile values worded as the history words them (the merge
        dialog sets two files side by side), the IIN whole: a manager compares two."""
        tables = {_REFERENCE_FIELDS[f] for f in values if f in _REFERENCE_FIELDS}
        self.labels = queries.reference_lists(self.connection, tables - self.labels.keys(),
                                              self.language) | self.labels
        return {f: (v or "—") if f == "iin" else self._value("person", f, _json_value(v))
                for f, v in values.items()}

    def _value(self, table: str, field: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, list):  # a list of codes (a consultation's topics)
            return ", ".join(self._value(table, field, item) for item in value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        text = str(value)
        if field in _REFERENCE_FIELDS:
            return self.labels.get(_REFERENCE_FIELDS[field], {}).get(text, text)
        if field in _USER_FIELDS:
            return self.users.get(_uuid(text), text)  # type: ignore[arg-type]
        if field == "office_id":
            return self.offices.get(_uuid(text), text)  # type: ignore[arg-type]
        if field in ("citizenship", "country_of_origin"):
            return country_name(text)
        if field == "sex":
            return _(SEXES.get(text, text))
        if field == "preferred_language":
            return _(DOCUMENT_LANGUAGES.get(text, text))
        if field == "phone":
            return shown_phone(text)
        if field == "iin":
            return mask_iin(text)  # as the header shows it: history is read over shoulders too
        if field in ("monthly_wage", "amount") and isinstance(value, int):
            return money(value)
        if field == "status":
            return _(_STATUS_LABELS.get(table, {}).get(text, text))
        return _date_text(text, field in UTC_FIELDS)


@pure
def enrolment_step(action: str, changes: dict[str, list[Any]], group: str) -> str | None:
    """A course enrolment's change as a sentence about its group ("Dropped out of the
    course group KK-A2"), or None when it is no step of the client's (a correction)."""
    status = changes.get("status")
    if action == "insert":
        step = _ENROLMENT_STEPS.get((None, str(status[1]) if status else "enrolled"))
    elif action == "update" and status is not None:
        old, new = (str(value) if value is not None else None for value in status)
        step = _ENROLMENT_STEPS.get((old, new)) or _ENROLMENT_STEPS.get(("*", new))
    elif action == "update" and (changes.get("offered_on") or [None, None])[1] is not None:
        step = N_("Offered a place in the course group {group}")
    else:
        step = None
    return _(step).format(group=group) if step is not None else None


def _json_value(value: Any) -> Any:
    """A stored value as the audit log writes it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _date_text(text: str, utc: bool = False) -> str:
    """An ISO date or time from the log as the UI shows dates; anything else unchanged."""
    try:
        if len(text) == 10:
            return format_date(date.fromisoformat(text))
        if len(text) >= 16 and text[10] == "T":
            moment = datetime.fromisoformat(text)
            return format_datetime(local_time(moment) if utc else moment)
    except ValueError:
        pass
    return text


def _record_names(details: queries.PersonDetails, documents: list[Any], consultations: list[Any],
                  follow_ups: list[Any], cases: list[Any], goals: list[Any], courses: list[Any],
                  jobs: list[Any], placements: list[Any], social: list[Any],
                  household: list[Any]) -> dict[uuid.UUID, str]:
    """A short name for each record the history may mention, from what the file loaded."""
    values = details.values
    names = {details.id: " ".join(p for p in (values["surname"], values["given_name"]) if p)}
    names.update({d.id: " ".join(p for p in (d.type, d.number) if p) for d in documents})
    names.update({c.id: format_datetime(c.held_at) for c in consultations})
    names.update({f.id: f.title for f in follow_ups})
    names.update({c.id: format_date(c.opened_on) for c in cases})
    names.update({g.id: g.area for g in goals})
    names.update({c.id: c.group for c in courses})
    names.update({j.id: j.employer or j.course_title for j in jobs})
    names.update({p.id: p.employer for p in placements})
    names.update({s.id: s.service for s in social})
    names.update({h.link_id: h.name for h in household})
    return names


