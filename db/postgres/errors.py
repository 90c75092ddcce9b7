"""PostgreSQL's errors (psycopg 3) read into the problems callers understand, the twin of
``db.sqlite.errors`` (see ``db.driver_errors``).

The server says which constraint a unique violation broke and gives each condition a
SQLSTATE, so this reads codes, not wording; only a connection that never reached a
server has no code, and its libpq message is read for the few cases a user can act on.
No part of the driver's message goes into a problem: it may name the user, the host or
a value of the row (an IIN), and problems reach messages and the log.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from db.errors import DatabaseProblem, Problem, UniqueViolation

UNIQUE_VIOLATION = "23505"
AUTHENTICATION = ("28000", "28P01")  # invalid authorization / password
NO_DATABASE = "3D000"
SERIALIZATION = ("40001", "40P01")  # serialization failure, deadlock: try again
DISK_FULL = "53100"
READ_ONLY = "25006"  # a read-only transaction: a standby server, say
NO_PRIVILEGE = "42501"
CONNECTION_CLASSES = ("08", "57")  # connection exceptions; operator intervention (shutdown)


def translate(error: DBAPIError, location: str) -> Exception | None:
    original = error.orig
    try:
        import psycopg
    except ImportError:  # no driver: the location check already said so
        return None
    if not isinstance(original, psycopg.Error):
        return None
    code = original.sqlstate or ""
    if code == UNIQUE_VIOLATION:
        diagnostic = original.diag
        return UniqueViolation(diagnostic.constraint_name, diagnostic.table_name)
    text = str(original) if not code else ""  # libpq's words, when no server answered
    if code in AUTHENTICATION or "authentication failed" in text or (
            'role "' in text and "does not exist" in text):
        return DatabaseProblem(Problem.AUTHENTICATION, location)
    if code == NO_DATABASE or ('database "' in text and "does not exist" in text):
        return DatabaseProblem(Problem.MISSING_ON_SERVER, location)
    if code in SERIALIZATION:
        return DatabaseProblem(Problem.CONFLICT, location)
    if code == DISK_FULL:
        return DatabaseProblem(Problem.DISK_FULL, location)
    if code == READ_ONLY:
        return DatabaseProblem(Problem.READ_ONLY_SERVER, location)
    if code == NO_PRIVILEGE:
        return DatabaseProblem(Problem.NO_PRIVILEGE, location)
    lost = not code or code.startswith(CONNECTION_CLASSES) or error.connection_invalidated
    if lost and isinstance(original, psycopg.OperationalError | psycopg.InterfaceError):
        return DatabaseProblem(Problem.UNREACHABLE, location)
    return None
