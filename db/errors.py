"""Problems the database layer reports to its callers.

They carry a kind and the facts, not sentences: the application turns them
into translated messages (``db`` knows nothing of languages).
"""

from __future__ import annotations

import enum
from datetime import datetime


class Problem(enum.Enum):
    MISSING = "missing"
    DIRECTORY = "directory"
    NOT_A_DATABASE = "not_a_database"
    DAMAGED = "damaged"
    NOT_QADAM = "not_qadam"
    NEWER_VERSION = "newer_version"
    NOT_WRITABLE = "not_writable"
    LOCKED = "locked"
    DISK_FULL = "disk_full"
    UNSUPPORTED = "unsupported"


class DatabaseProblem(Exception):
    def __init__(self, kind: Problem, location: str, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {location} {detail}".strip())
        self.kind = kind
        self.location = location
        self.detail = detail


class StaleRecord(Exception):
    """Someone else saved the record after it was read; nothing was written."""

    def __init__(self, table: str, record_id: object, changed_by: str | None,
                 changed_at: datetime | None) -> None:
        super().__init__(f"stale {table} {record_id}")
        self.table = table
        self.record_id = record_id
        self.changed_by = changed_by
        self.changed_at = changed_at


class DuplicateIin(Exception):
    def __init__(self, iin: str, existing_id: object) -> None:
        super().__init__(f"duplicate IIN {iin}")
        self.iin = iin
        self.existing_id = existing_id
