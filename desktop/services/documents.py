"""A client's documents: adding one, correcting one, renewing one, marking one lost or revoked.

Only a document's details are kept: its type, number, issuing authority and
dates. No scan, photo or other copy of it is ever stored, and nothing here takes
a file: the Law "On Personal Data and Its Protection" (94-V, 2013) forbids
collecting copies of identity documents, so Qadam records what the document
says and the client keeps the document.

A document is valid until it is renewed (``renew_document``: the new one is
written and the old one marked replaced, pointing to it, in one transaction) or
marked lost or revoked (``mark_document``, with the date and a note). One that
is no longer valid stays in the file as history, and Today no longer lists its
expiry; only a valid one can be renewed or marked. Correcting the details
(``edit_document``) is allowed in any state: a typo in an old number is still a
typo.

Each call is one unit of work. It checks, in this order: that the user may work
with the client (a client of another office is refused), that the step fits the
document's state (``DocumentNotValid``), that the document is still at the
version the user read (``StaleRecord``), then what was typed
(``InvalidDocument``, problems as kinds that ``problem_text`` words).

Numbers: every type in the ``document_type`` list carries a number (series and
number on certificates, the permit's number on permits) except a temporary
registration, which is an entry in the migration service's register of which a
client often holds no numbered paper, and "other document", which may be
anything; for those two the number may stay empty.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from db.models import Document
from db.models.person import DocumentStatus
from db.models.reference import DocumentType
from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor, Permission, pure, requires
from desktop.services.follow_ups import require_client
from desktop.services.versions import require_version

__all__ = ["MARKS", "MAX_ISSUED_BY", "MAX_NOTE", "MAX_NUMBER", "NUMBER_OPTIONAL",
           "DocumentDetails", "DocumentNotValid", "Field", "InvalidDocument", "NoSuchDocument",
           "Problem", "add_document", "check_details", "check_mark", "edit_document",
           "mark_document", "number_required", "problem_text", "renew_document"]

MAX_NUMBER = 50
MAX_ISSUED_BY = 200
MAX_NOTE = 2000
# Types whose number may stay empty (see the module's note).
NUMBER_OPTIONAL = frozenset({"temporary_registration", "other"})
MARKS = (DocumentStatus.LOST, DocumentStatus.REVOKED)  # what mark_document may record


class NoSuchDocument(LookupError):
    pass


class DocumentNotValid(Exception):
    """Renewing or marking a document already replaced, lost or revoked."""

    def __init__(self, document_id: uuid.UUID, status: DocumentStatus) -> None:
        super().__init__(f"document {document_id} is {status.value}")
        self.document_id = document_id
        self.status = status


class Field(enum.StrEnum):
    TYPE = "type"
    NUMBER = "number"
    ISSUED_BY = "issued_by"
    ISSUED_ON = "issued_on"
    EXPIRES_ON = "expires_on"
    STATUS_ON = "status_on"  # when it was lost or revoked
    NOTE = "note"


class Problem(enum.Enum):
    REQUIRED = "required"
    UNKNOWN = "unknown"  # a type that is not (or no longer) in the list
    TOO_LONG = "too_long"
    IN_FUTURE = "in_future"
    BEFORE_ISSUE = "before_issue"
    NOT_LATER = "not_later"  # a renewal that expires no later than what it replaces


class InvalidDocument(ValueError):
    def __init__(self, problems: dict[Field, Problem]) -> None:
        super().__init__("; ".join(f"{f.value}: {p.value}" for f, p in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class DocumentDetails:
    """What the caseworker reads off the document."""

    type_code: str | None
    number: str = ""
    issued_by: str = ""
    issued_on: date | None = None
    expires_on: date | None = None

    def cleaned(self) -> DocumentDetails:
        return DocumentDetails(self.type_code or None, self.number.strip(),
                               self.issued_by.strip(), self.issued_on, self.expires_on)


# ---- rules, for the dialogs and the service alike ---------------------------------------------

@pure
def number_required(type_code: str | None) -> bool:
    return type_code not in NUMBER_OPTIONAL


@pure
def check_details(details: DocumentDetails, today: date | None = None,
                  replacing_expiry: date | None = None) -> dict[Field, Problem]:
    """What is wrong with the details, by field; ``replacing_expiry`` is the expiry of the
    document a renewal replaces (it must expire later)."""
    details = details.cleaned()
    today = today or date.today()
    problems: dict[Field, Problem] = {}
    if not details.type_code:
        problems[Field.TYPE] = Problem.REQUIRED
    if not details.number and number_required(details.type_code):
        problems[Field.NUMBER] = Problem.REQUIRED
    elif len(details.number) > MAX_NUMBER:
        problems[Field.NUMBER] = Problem.TOO_LONG
    if len(details.issued_by) > MAX_ISSUED_BY:
        problems[Field.ISSUED_BY] = Problem.TOO_LONG
    # A document is recorded once the client holds it: issued today at the latest.
    if details.issued_on is not None and details.issued_on > today:
        problems[Field.ISSUED_ON] = Problem.IN_FUTURE
    expires = details.expires_on
    if expires is not None:
        if details.issued_on is not None and expires < details.issued_on:
            problems[Field.EXPIRES_ON] = Problem.BEFORE_ISSUE
        elif replacing_expiry is not None and expires <= replacing_expiry:
            problems[Field.EXPIRES_ON] = Problem.NOT_LATER
    return problems


@pure
def check_mark(status_on: date | None, note: str, issued_on: date | None = None,
               today: date | None = None) -> dict[Field, Problem]:
    """A loss or revocation: when (not to come, not before the document was issued) and
    a note (where it was reported, who revoked it and why), both needed."""
    problems: dict[Field, Problem] = {}
    if status_on is None:
        problems[Field.STATUS_ON] = Problem.REQUIRED
    elif status_on > (today or date.today()):
        problems[Field.STATUS_ON] = Problem.IN_FUTURE
    elif issued_on is not None and status_on < issued_on:
        problems[Field.STATUS_ON] = Problem.BEFORE_ISSUE
    if not note.strip():
        problems[Field.NOTE] = Problem.REQUIRED
    elif len(note.strip()) > MAX_NOTE:
        problems[Field.NOTE] = Problem.TOO_LONG
    return problems


@pure
def problem_text(field: Field, problem: Problem) -> str:
    texts = {
        (Field.TYPE, Problem.REQUIRED): _("Choose the type of document."),
        (Field.TYPE, Problem.UNKNOWN): _("Choose a type of document from the list."),
        (Field.NUMBER, Problem.REQUIRED): _("Enter the document's number."),
        (Field.NUMBER, Problem.TOO_LONG): _("Keep the number under {limit} characters."),
        (Field.ISSUED_BY, Problem.TOO_LONG): _("Keep the issuing authority under {limit} "
                                               "characters."),
        (Field.ISSUED_ON, Problem.IN_FUTURE): _("The issue date cannot be in the future."),
        (Field.EXPIRES_ON, Problem.BEFORE_ISSUE): _("The document cannot expire before it "
                                                    "was issued."),
        (Field.EXPIRES_ON, Problem.NOT_LATER): _("A renewal expires later than the document "
                                                 "it replaces."),
        (Field.STATUS_ON, Problem.REQUIRED): _("Enter the date."),
        (Field.STATUS_ON, Problem.IN_FUTURE): _("The date cannot be in the future."),
        (Field.STATUS_ON, Problem.BEFORE_ISSUE): _("The date is before the document was "
                                                   "issued."),
        (Field.NOTE, Problem.REQUIRED): _("Say what happened: where the loss was reported, "
                                          "or who revoked the document and why."),
        (Field.NOTE, Problem.TOO_LONG): _("Keep the note under {limit} characters."),
    }
    limits = {Field.NUMBER: MAX_NUMBER, Field.ISSUED_BY: MAX_ISSUED_BY, Field.NOTE: MAX_NOTE}
    text = texts.get((field, problem), _("Check this value."))
    return text.format(limit=limits.get(field, MAX_NOTE))


# ---- the steps --------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def add_document(database: Database, actor: Actor, person_id: uuid.UUID,
                 details: DocumentDetails, *, today: date | None = None) -> uuid.UUID:
    """Record a document the client holds; returns its id.

    Raises InvalidDocument, AccessDenied, follow_ups.NoSuchClient.
    """
    details = details.cleaned()
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        _check(session, details, today)
        document = _new(person.id, details)
        session.add(document)
        session.flush()
        return document.id


@requires(Permission.WORK_WITH_CLIENTS)
def edit_document(database: Database, actor: Actor, document_id: uuid.UUID, version: int,
                  details: DocumentDetails, *, today: date | None = None) -> int:
    """Correct a document's details (in any state; its state stays); returns its version.

    A type no longer offered in the list may stay where it was. Raises InvalidDocument,
    StaleRecord, AccessDenied, NoSuchDocument.
    """
    details = details.cleaned()
    with database.session(actor.user_id) as session:
        document = _document(session, actor, document_id)
        require_version(session, document, version)
        _check(session, details, today, keeps_type=document.type_code)
        document.type_code = details.type_code or document.type_code
        document.number = details.number
        document.issued_by = details.issued_by
        document.issued_on = details.issued_on
        document.expires_on = details.expires_on
        session.flush()
        return document.version


@requires(Permission.WORK_WITH_CLIENTS)
def renew_document(database: Database, actor: Actor, document_id: uuid.UUID, version: int,
                   details: DocumentDetails, *, today: date | None = None) -> uuid.UUID:
    """Record the document that replaces a valid one; returns the new document's id.

    In the same transaction the old one becomes ``replaced`` (from the new one's issue
    date, else today), pointing to its successor. The new one may be of another type
    (a kandas's residence permit replaced by an identity card) and must expire later
    than the old one. Raises DocumentNotValid, StaleRecord, InvalidDocument,
    AccessDenied, NoSuchDocument.
    """
    details = details.cleaned()
    with database.session(actor.user_id) as session:
        old = _valid_document(session, actor, document_id, version)
        _check(session, details, today, replacing_expiry=old.expires_on)
        new = _new(old.person_id, details)
        session.add(new)
        # The successor's row first: the old one's reference to it is checked at once.
        session.flush()
        old.status = DocumentStatus.REPLACED
        old.replaced_by_id = new.id
        old.status_on = details.issued_on or today or date.today()
        old.status_note = ""
        session.flush()
        return new.id


@requires(Permission.WORK_WITH_CLIENTS)
def mark_document(database: Database, actor: Actor, document_id: uuid.UUID, version: int,
                  status: DocumentStatus, on: date | None, note: str, *,
                  today: date | None = None) -> int:
    """Record a valid document as lost or revoked (``status``, one of ``MARKS``) on the day
    ``on``, with ``note``; returns its new version.

    Raises DocumentNotValid, StaleRecord, InvalidDocument, AccessDenied, NoSuchDocument.
    """
    if status not in MARKS:
        raise ValueError(f"a document is marked lost or revoked, not {status}")
    note = note.strip()
    with database.session(actor.user_id) as session:
        document = _valid_document(session, actor, document_id, version)
        problems = check_mark(on, note, document.issued_on, today)
        if problems:
            raise InvalidDocument(problems)
        document.status = status
        document.status_on = on
        document.status_note = note
        session.flush()
        return document.version


# ---- steps of the steps -----------------------------------------------------------------------

def _new(person_id: uuid.UUID, details: DocumentDetails) -> Document:
    return Document(person_id=person_id, type_code=details.type_code, number=details.number,
                    issued_by=details.issued_by, issued_on=details.issued_on,
                    expires_on=details.expires_on, status=DocumentStatus.VALID)


def _check(session: Session, details: DocumentDetails, today: date | None,
           replacing_expiry: date | None = None, keeps_type: str | None = None) -> None:
    problems = check_details(details, today, replacing_expiry)
    if Field.TYPE not in problems and details.type_code != keeps_type:
        kind = session.get(DocumentType, details.type_code)
        if kind is None or not kind.active:
            problems[Field.TYPE] = Problem.UNKNOWN
    if problems:
        raise InvalidDocument(problems)


def _document(session: Session, actor: Actor, document_id: uuid.UUID) -> Document:
    """The document, if this user may work with its client."""
    document = session.get(Document, document_id)
    if document is None:
        raise NoSuchDocument(document_id)
    require_client(session, actor, document.person_id)
    return document


def _valid_document(session: Session, actor: Actor, document_id: uuid.UUID,
                    version: int) -> Document:
    """The document, if the user may change it, it is still valid and as they read it."""
    document = _document(session, actor, document_id)
    if document.status is not DocumentStatus.VALID:
        raise DocumentNotValid(document.id, document.status)
    require_version(session, document, version)
    return document
