"""A person's own data on request (the personal-data law's right of access): everything
Qadam holds on them, as a JSON file and as a PDF to hand over.

``build_person_data`` reads every record of the person (``db.queries.person_data``) and
turns it into the JSON's content: ISO dates, codes with their labels beside them in the
copy's language (the person's own by default), stable key names (the columns' own).
The PDF is printed from that same content (``person_data_print``), so the two say the
same. Both carry the IIN in full: it is the person's own copy.

``export_person_data`` writes one or both files, all at once or not at all, and logs each
in the audit log (action "export", the person's record, ``personal_data``: pdf / json).
"""

from __future__ import annotations

import enum
import io
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from db.base import utcnow
from db.models import AuditEntry, Person
from db.queries import duplicates
from db.queries.client_file import reference_labels
from db.queries.person_data import person_records, preferred_language
from db.reports.courses import letterhead
from db.reports.figures import Letterhead
from db.session import Database
from desktop.files import temporary_beside
from desktop.i18n import LANGUAGES, N_, NC_, country_name, translate
from desktop.services.access import Actor, Permission, pure, requires
from desktop.services.auth import check_person_office
from desktop.services.client_file.items import NoSuchClient
from desktop.services.client_file.labels import (
    CASE_STATUS,
    DOCUMENT_LANGUAGES,
    DOCUMENT_STATUS,
    ENROLMENT_STATUS,
    GOAL_STATUS,
    JOB_STATUS,
    REFERRAL_STATUS,
    SEXES,
    WARD,
)
from desktop.services.client_file.loading import INVERSE_RELATIONSHIP
from desktop.services.employment.labels import CONTRACT_TYPES
from desktop.services.reports import prepared_by_default
from desktop.services.transfer.exporting import move_into_place

__all__ = ["FORMAT", "FORMATS", "PersonData", "build_person_data", "export_person_data",
           "person_data_format", "render_person_data"]

FORMAT = "qadam-personal-data"  # the JSON's "format", with its "format_version"
FORMAT_VERSION = 1
FORMATS = ("pdf", "json")

TRANSFER_STATUS = {"requested": N_("Requested"), "accepted": NC_("status", "Accepted"),
                   "declined": N_("Declined"), "withdrawn": N_("Withdrawn")}
ENTITLEMENT_STATUS = {"applied": NC_("status", "Applied"), "granted": NC_("status", "Granted"),
                      "refused": NC_("status", "Refused"), "withdrawn": N_("Withdrawn")}
JOB_REFERRAL_KINDS = {"job": N_("Job referral"), "training": N_("Training referral")}
ASSESSMENT_KINDS = {"entry": N_("Entry assessment"), "exit": N_("Exit assessment")}
# The label each section's code gets beside it (``key`` → ``key_label``), by section.
STATUS_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "documents": {"status": DOCUMENT_STATUS},
    "cases": {"status": CASE_STATUS},
    "case_transfers": {"status": TRANSFER_STATUS},
    "course_enrolments": {"status": ENROLMENT_STATUS},
    "social_referrals": {"status": REFERRAL_STATUS},
    "job_referrals": {"status": JOB_STATUS, "kind": JOB_REFERRAL_KINDS},
    "placements": {"contract_type": CONTRACT_TYPES},
    "language_assessments": {"kind": ASSESSMENT_KINDS},
    "entitlements": {"status": ENTITLEMENT_STATUS},
}
# Stamps Qadam writes itself, naive UTC in the database: the JSON says so (+00:00).
UTC_KEYS = frozenset({"created_at", "updated_at", "done_at", "waiting_since", "merged_at",
                      "changed_at"})


@dataclass(frozen=True)
class PersonData:
    """One person's copy: ``content`` is exactly what the JSON file holds."""

    person_id: uuid.UUID
    language: str
    generated_at: datetime  # the computer's own time
    generated_by: str
    letterhead: Letterhead
    content: dict[str, Any]


@pure
def person_data_format(target: Path) -> str:
    """"pdf" or "json", from the file's suffix; ValueError for any other."""
    form = target.suffix.lower().lstrip(".")
    if form not in FORMATS:
        raise ValueError(f"a copy of personal data is a .pdf or a .json, not {target.suffix!r}")
    return form


@requires(Permission.WORK_WITH_CLIENTS)
def build_person_data(database: Database, actor: Actor, person_id: uuid.UUID,
                      language: str | None = None, *, now: datetime | None = None,
                      ) -> PersonData:
    """Everything held on the person, labelled in ``language`` (by default the one they
    asked for their documents in). An old id of a file merged since gives the file it
    went into. AccessDenied for another office's client; NoSuchClient if there is none."""
    now = now or datetime.now()
    with database.reading() as connection:
        person_id = duplicates.resolve(connection, person_id)
        check_person_office(connection, actor, person_id)
        preferred = preferred_language(connection, person_id)
        if preferred is None:
            raise NoSuchClient(person_id)
        if language not in LANGUAGES:
            language = preferred if preferred in LANGUAGES else "kk"
        assert language is not None
        records = person_records(connection, person_id, language)
        if records is None:
            raise NoSuchClient(person_id)
        relationships = reference_labels(connection, "relationship", language)
        head = letterhead(connection)
    words = partial(translate, language=language)
    content = {"format": FORMAT, "format_version": FORMAT_VERSION,
               "person_id": str(person_id),
               "generated_at": now.astimezone().isoformat(timespec="seconds"),
               "language": language,
               **_labelled(records, language, words, relationships)}
    return PersonData(person_id, language, now, actor.full_name or prepared_by_default(),
                      head, _plain(content))


@pure
def render_person_data(data: PersonData, form: str) -> bytes:
    """The copy as a file's bytes: "json" (UTF-8, indented) or "pdf"."""
    if form == "json":
        return (json.dumps(data.content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if form != "pdf":
        raise ValueError(form)
    # Imported here: reportlab costs start-up time the other commands need not pay.
    from desktop.reports.pdf_personal_data import write_personal_data_pdf
    from desktop.services.transfer.person_data_print import printed

    buffer = io.BytesIO()
    write_personal_data_pdf(printed(data), buffer)
    return buffer.getvalue()


@requires(Permission.WORK_WITH_CLIENTS)
def export_person_data(database: Database, actor: Actor, person_id: uuid.UUID,
                       targets: Sequence[Path], language: str | None = None, *,
                       now: datetime | None = None) -> PersonData:
    """The person's copy written to each of ``targets`` (.pdf, .json), each written to the
    audit log in the same transaction: a failure leaves no file and no entry. The files
    appear together, once all are complete."""
    forms = [person_data_format(target) for target in targets]
    data = build_person_data(database, actor, person_id, language, now=now)
    moves: list[tuple[Path, Path]] = []
    try:
        for target, form in zip(targets, forms, strict=True):
            temporary = temporary_beside(target)
            moves.append((temporary, target))
            temporary.write_bytes(render_person_data(data, form))
        entries = [AuditEntry(at=utcnow(), user_id=actor.user_id, action="export",
                              table_name=Person.__tablename__, record_id=data.person_id,
                              changes={"personal_data": [None, form]}) for form in forms]
        move_into_place(database, actor, moves, entries)
    finally:
        for temporary, _target in moves:
            temporary.unlink(missing_ok=True)
    return data


# ---- the content ---------------------------------------------------------------------------

def _labelled(records: dict[str, Any], language: str, words: Callable[[str], str],
              relationships: dict[str, str]) -> dict[str, Any]:
    """The records with the words for their codes beside them, in ``language``."""

    def label(labels: dict[str, str], code: Any) -> str | None:
        code = code.value if isinstance(code, enum.Enum) else code
        return words(labels[code]) if code in labels else None

    profile = records["profile"]
    _beside(profile, "sex", label(SEXES, profile["sex"]))
    _beside(profile, "citizenship", country_name(profile["citizenship"], language) or None)
    _beside(profile, "country_of_origin",
            country_name(profile["country_of_origin"], language) or None)
    _beside(profile, "preferred_language",
            label(DOCUMENT_LANGUAGES, profile["preferred_language"]))
    for section, keys in STATUS_WORDS.items():
        for record in records[section]:
            for key, labels in keys.items():
                _beside(record, key, label(labels, record[key]))
    history = {"course_enrolments": ENROLMENT_STATUS, "social_referrals": REFERRAL_STATUS,
               "job_referrals": JOB_STATUS}
    for section, labels in history.items():
        for record in records[section]:
            for change in record["status_history"]:
                _beside(change, "status", label(labels, change["status"]))
    for case in records["cases"]:
        for goal in case["goals"]:
            _beside(goal, "status", label(GOAL_STATUS, goal["status"]))
    for link in records["household"]:
        recorded = link["recorded_relationship_code"]
        seen = recorded if link["recorded_from_this_file"] else INVERSE_RELATIONSHIP.get(
            recorded, recorded)
        # Seen from this person, a guardian's link makes the other their ward.
        link["relationship_code"] = seen
        link["relationship_label"] = relationships.get(seen, seen) if seen else words(WARD)
    return records


def _beside(record: dict[str, Any], key: str, label: str | None) -> None:
    """``key_label`` put right after ``key``, where a reader looks for it."""
    items = list(record.items())
    record.clear()
    for name, value in items:
        record[name] = value
        if name == key:
            record[f"{key}_label"] = label


def _plain(value: Any, key: str = "") -> Any:
    """JSON's own types: ISO dates and times, ids and codes as strings, money as integers."""
    if isinstance(value, dict):
        return {name: _plain(item, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item, key) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        if key in UTC_KEYS and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat(timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
