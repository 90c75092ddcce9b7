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
    READ_ONLY = "read_only"  # sound, but the file or its folder may not be written
    NOT_A_FILE = "not_a_file"  # a FIFO, a device or another special file
    BAD_LOCATION = "bad_location"  # not a path or URL Qadam could open (too long, garbled)
    NO_DRIVER = "no_driver"  # the engine's Python driver is not installed
    UNREACHABLE = "unreachable"  # a database server that does not answer
    AUTHENTICATION = "authentication"  # the server refused the user or the password
    MISSING_ON_SERVER = "missing_on_server"  # no database of that name on the server
    CONFLICT = "conflict"  # the server undid a write that met another at the same moment
    READ_ONLY_SERVER = "read_only_server"  # a server (a standby) that takes no writes
    NO_PRIVILEGE = "no_privilege"  # the server's role may not read or write a table


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


class UniqueViolation(Exception):
    """A write broke a unique constraint; ``constraint`` is its name in the schema.

    The dialect's translator (``db.driver_errors``) finds the name: callers
    compare it with the constraint they expect, never the driver's wording.
    """

    def __init__(self, constraint: str | None, table: str | None = None) -> None:
        super().__init__(f"unique constraint {constraint or '?'} on {table or '?'}")
        self.constraint = constraint
        self.table = table


class DuplicateIin(Exception):
    def __init__(self, iin: str, existing_id: object) -> None:
        super().__init__("duplicate IIN")  # never the IIN itself: error texts reach the log
        self.iin = iin
        self.existing_id = existing_id
