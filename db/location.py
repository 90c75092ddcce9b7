"""Where the user says the database is: ``--db`` or ``QADAM_DB`` checked before it is opened.

Left to itself, SQLite creates ``/dev/null-journal`` beside a device, waits forever
on a FIFO and says "disk I/O error"; SQLAlchemy answers an unknown scheme or a
missing driver with a traceback. Looking first turns each of these into a
:class:`DatabaseProblem` that the application says in one line, and nothing is
created or opened on the way.
"""

from __future__ import annotations

import errno
import stat
import unicodedata
from pathlib import Path

from sqlalchemy.engine import URL, Dialect, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from db.errors import DatabaseProblem, Problem

# PATH_MAX on Linux: the system refuses longer paths anyway, and no URL needs more.
MAX_LOCATION = 4096
# Shown in a message, a location longer than this is cut: the message must stay one line
# that a person can read.
SHOWN_LENGTH = 120
SUPPORTED_BACKENDS = frozenset({"sqlite", "postgresql"})


def database_location(text: str) -> str:
    """The SQLAlchemy URL for ``text`` as typed, the same one ``database_url`` gives.

    Raises :class:`DatabaseProblem`: ``BAD_LOCATION`` for text that is too long, not
    decodable or not a URL Qadam knows, ``UNSUPPORTED`` for an engine Qadam does not
    work with, ``NOT_A_FILE`` for a pipe, device or socket, ``NO_DRIVER`` for a
    supported engine whose Python driver is missing.
    """
    if len(text) > MAX_LOCATION or not _is_clean(text):
        raise DatabaseProblem(Problem.BAD_LOCATION, printable(text))
    if "://" in text:  # the same rule as db.session.database_url
        return _checked_url(text)
    return _checked_path(text)


def printable(text: str) -> str:
    """``text`` fit for a one-line message: undecodable bytes and control characters
    replaced, and cut when very long."""
    shown = "".join("\ufffd" if unicodedata.category(char) in ("Cc", "Cs") else char
                    for char in text)
    return shown if len(shown) <= SHOWN_LENGTH else shown[:SHOWN_LENGTH - 1] + "…"


def shown_url(url: str) -> str:
    """A URL for messages and logs, its password hidden."""
    try:
        return printable(make_url(url).render_as_string(hide_password=True))
    except (ArgumentError, ValueError):
        return printable(url)


def is_server_url(url: str) -> bool:
    """True for a database on a server (PostgreSQL), whose errors are not SQLite's."""
    try:
        return make_url(url).get_backend_name() == "postgresql"
    except (ArgumentError, ValueError):
        return False


def _is_clean(text: str) -> bool:
    # Python gives undecodable bytes of argv and the environment as lone surrogates;
    # no file system or server is reached with them. Control characters (a pasted
    # newline, NUL) are refused too: no real database name holds one, and every message
    # naming the location would break across lines.
    return not any(unicodedata.category(char) in ("Cc", "Cs") for char in text)


def _checked_url(text: str) -> str:
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabaseProblem(Problem.BAD_LOCATION, printable(text)) from None
    shown = printable(url.render_as_string(hide_password=True))
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise DatabaseProblem(Problem.BAD_LOCATION, shown) from None
    # Qadam runs synchronous sessions only: an asyncio driver would fail on first use.
    if url.get_backend_name() not in SUPPORTED_BACKENDS or getattr(dialect, "is_async", False):
        raise DatabaseProblem(Problem.UNSUPPORTED, shown)
    _require_driver(dialect, shown)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_file(url)
    return text


def _require_driver(dialect: type[Dialect], shown: str) -> None:
    try:
        dialect.import_dbapi()
    except ImportError:
        raise DatabaseProblem(Problem.NO_DRIVER, shown) from None


def _check_sqlite_file(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return  # in memory, or a URI filename SQLite itself interprets
    _check_special(Path(database).absolute())  # SQLite expands no ~


def _checked_path(text: str) -> str:
    try:
        path = Path(text).expanduser().resolve()
    except (RuntimeError, OSError, ValueError):
        # ~someone who does not exist, a loop of symbolic links, a name the system refuses
        raise DatabaseProblem(Problem.BAD_LOCATION, printable(text)) from None
    _check_special(path)
    return f"sqlite:///{path}"


def _check_special(path: Path) -> None:
    """Refuse what is not a file or a folder: SQLite would block on it or write beside it.

    A folder, a missing file or one that may not be read is left to the opening, which
    says so in its own words.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise DatabaseProblem(Problem.BAD_LOCATION, printable(str(path))) from None
        return
    except ValueError:  # a name the platform cannot represent
        raise DatabaseProblem(Problem.BAD_LOCATION, printable(str(path))) from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise DatabaseProblem(Problem.NOT_A_FILE, printable(str(path)))
