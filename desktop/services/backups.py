"""Backups of the database, the daily ones and their rotation, and restoring one.

    back_up(database, actor, out, progress=None) -> Backup
    back_up_now(database, actor, progress=None) -> Backup     into the backup folder
    restore(database, actor, source, progress=None) -> Restored
    daily_backup(database, actor, today=None, progress=None) -> Backup | None
    overview(database, actor, now=None) -> Overview             the folder and its backups
    backup_folder(database) / set_backup_folder(database, actor, folder)
    database_at(target) -> Database                             for the command line

A backup is a consistent copy of the database in use (SQLite's online backup API,
``db.sqlite.backup``), written to a hidden temporary file beside the target, checked
(``PRAGMA integrity_check``, a schema this Qadam can open) and only then renamed into
place: a full disk, a folder Qadam may not write or a Cancel leave no file behind and
the database as it was. A restore checks the backup the same way, copies the database
it replaces beside it (``NAME.before-restore-TIME.db``), then copies the backup *into*
the database with the same API, in one transaction that every open connection sees
whole; a backup of an older Qadam is then upgraded as ``qadam init`` upgrades.

The daily backup is made at the first login of each day into the backup folder, as
``NAME-YYYY-MM-DD.db``; the last 14 daily copies are kept and, of older ones, the first of
each of the last 12 months. Backups made by hand carry the time too
(``NAME-YYYY-MM-DD-HHMMSS.db``) and are never removed by the rotation, nor is any file
whose name is not one of ours or that is not a database. A server database (PostgreSQL)
is backed up with the server's own tools.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from db.errors import DatabaseProblem, Problem
from db.location import is_server_url, printable, shown_url
from db.migrate import head_revision, known_revisions, open_database
from db.session import Database, create_db_engine, database_url, sqlite_path
from db.sqlite.backup import Interrupted, copy_database, examine, failure
from desktop import settings
from desktop.files import temporary_beside
from desktop.i18n import _, format_number
from desktop.services.access import Actor, Offices, Permission, anyone, pure, requires
from desktop.services.progress import Cancelled, Progress

log = logging.getLogger("qadam.backups")

DEFAULT_FOLDER_NAME = "backups"
KEEP_DAILY = 14
KEEP_MONTHLY = 12
OVERDUE_AFTER = timedelta(days=3)
STALE_PART_S = 3600  # a temporary file this old is a backup that was cut off
SUFFIX = ".db"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupFailure(enum.Enum):
    SERVER = "server"  # PostgreSQL: pg_dump and pg_restore do this
    NO_FOLDER = "no_folder"  # the folder to write in does not exist
    NOT_WRITABLE = "not_writable"  # a read-only folder, or one Qadam may not write
    DISK_FULL = "disk_full"
    WRITE_FAILED = "write_failed"  # the system's own reason in ``detail``
    NOT_VERIFIED = "not_verified"  # the copy written did not pass its check
    SAME_FILE = "same_file"  # the backup would be the database itself
    NO_FILE = "no_file"  # the backup to restore is not there
    NOT_A_BACKUP = "not_a_backup"  # not a database file at all
    DAMAGED = "damaged"
    NOT_QADAM = "not_qadam"  # another program's database, or an empty one
    NEWER = "newer"  # written by a newer Qadam


class BackupProblem(Exception):
    """Why a backup or a restore did not happen; nothing was changed. Worded by
    ``desktop.services.messages``."""

    def __init__(self, kind: BackupFailure, location: str, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {location} {detail}".strip())
        self.kind = kind
        self.location = printable(location)
        self.detail = detail


class Kind(enum.Enum):
    DAILY = "daily"
    MONTHLY = "monthly"  # a daily one, the first of its month: kept a year
    BY_HAND = "by_hand"


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int  # bytes
    revision: str  # the schema it holds
    written: datetime


@dataclass(frozen=True)
class BackupFile:
    path: Path
    day: date  # from its name
    written: datetime  # when the file was last written
    size: int
    kind: Kind

    @property
    def id(self) -> Path:  # lists keep the chosen row by it
        return self.path


@dataclass(frozen=True)
class Overview:
    folder: Path
    chosen: bool  # an administrator chose it (else the default beside the database)
    files: tuple[BackupFile, ...]  # this database's backups, newest first
    overdue: bool  # none for OVERDUE_AFTER, or none at all

    @property
    def last(self) -> BackupFile | None:
        return self.files[0] if self.files else None


@dataclass(frozen=True)
class Restored:
    source: Path
    database: Path
    kept: Path | None  # the database it replaced, copied first (None: there was none)
    revision: str  # the schema the database holds now
    upgraded_from: str | None  # the backup's own, when it was older and got upgraded
    upgrade_copy: Path | None  # the copy the upgrade made of the restored backup


# ---- the command line's way in ---------------------------------------------------------------

@anyone("makes the engine for a file without connecting: backup and restore look at the "
        "files themselves, and each of them requires an administrator")
def database_at(target: str) -> Database:
    """The database at ``target``, neither checked nor upgraded: a backup copies it as it
    is, and a restore may replace one that no longer opens. A server's is refused here,
    before its driver is even loaded."""
    url = database_url(target)
    if is_server_url(url):
        raise BackupProblem(BackupFailure.SERVER, shown_url(url))
    return Database(create_db_engine(url))


# ---- where backups go ------------------------------------------------------------------------

@anyone("reads where this machine keeps its backups: a setting, no record")
def backup_folder(database: Database) -> Path:
    """The folder an administrator chose, else ``backups`` beside the database."""
    chosen = settings.backup_folder()
    return chosen if chosen is not None else _default_folder(_live_file(database))


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def set_backup_folder(database: Database, actor: Actor, folder: Path | None) -> Path:
    """Keep the backups in ``folder`` from now on (None: the default); it must exist and
    take files. Backups already made stay where they are."""
    if folder is None:
        settings.put(settings.BACKUP_FOLDER, None)
        return backup_folder(database)
    folder = Path(folder).expanduser().absolute()
    _check_folder(folder, probe=True)
    settings.put(settings.BACKUP_FOLDER, str(folder))
    return folder


# ---- backing up -------------------------------------------------------------------------------

@requires(Permission.ADMINISTER, offices=Offices.ALL)
def back_up(database: Database, actor: Actor, out: Path,
            progress: Progress | None = None) -> Backup:
    """Write a verified backup to ``out`` (into it, under the usual name, if it is a
    folder). An existing file there is replaced only once the new one has passed."""
    live = _live_source(database)
    out = Path(out).expanduser().absolute()
    if out.is_dir():
        out = out / by_hand_name(live, datetime.now())
    if _same_file(out, live):
        raise BackupProblem(BackupFailure.SAME_FILE, str(out))
    return _write_verified(live, out, progress)


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def back_up_now(database: Database, actor: Actor,
                progress: Progress | None = None) -> Backup:
    """A backup by hand into the backup folder, named with the date and time."""
    live = _live_source(database)
    folder = _usable_folder(database, live)
    return _write_verified(live, folder / by_hand_name(live, datetime.now()), progress)


@anyone("copies the database just logged in to into this machine's backup folder, once a "
        "day, for whoever starts Qadam; it reads no record and removes only its own old "
        "daily copies")
def daily_backup(database: Database, actor: Actor, today: date | None = None,
                 progress: Progress | None = None) -> Backup | None:
    """Today's backup, unless there is one already (then None), and the rotation.

    A server database has none here (None): the server's own backups cover it."""
    if is_server_url(database.url):
        return None
    today = today or date.today()
    live = _live_source(database)
    folder = _usable_folder(database, live)
    target = folder / daily_name(live, today)
    if target.exists():
        return None
    _remove_stale_parts(folder, live.stem)
    made = _write_verified(live, target, progress)
    removed = remove_expired(folder, live.stem, today)
    log.info("daily backup %s written; %d old ones removed", made.path, len(removed))
    return made


@pure
def daily_name(live: Path, day: date) -> str:
    return f"{live.stem}-{day.isoformat()}{SUFFIX}"


@pure
def by_hand_name(live: Path, when: datetime) -> str:
    return f"{live.stem}-{when:%Y-%m-%d-%H%M%S}{SUFFIX}"


@pure
def size_text(size: int) -> str:
    """A file's size in the unit that reads best: ``840 KB``, ``6.2 MB``, ``1.4 GB``."""
    for unit, bytes_in in ((_("GB"), 1 << 30), (_("MB"), 1 << 20)):
        if size >= bytes_in:
            return f"{format_number(round(size / bytes_in, 1))} {unit}"
    return f"{format_number(max(1, round(size / 1024)))} {_('KB')}"


# ---- the rotation -----------------------------------------------------------------------------

@pure
def expired(days: Iterable[date], today: date, daily: int = KEEP_DAILY,
            monthly: int = KEEP_MONTHLY) -> set[date]:
    """Which days' daily backups go: all but the ``daily`` latest and, of each of the
    ``monthly`` latest months, its first. A day after ``today`` (a clock set wrong) is
    never removed."""
    past = sorted({day for day in days if day <= today}, reverse=True)
    firsts: dict[tuple[int, int], date] = {}
    for day in past:
        firsts[(day.year, day.month)] = day  # newest first: the last one seen is the first
    kept = set(past[:daily]) | set(sorted(firsts.values(), reverse=True)[:monthly])
    return set(past) - kept


@anyone("removes only this database's own daily backups beyond those the rotation keeps")
def remove_expired(folder: Path, name: str, today: date) -> list[Path]:
    """Apply ``expired`` to the daily backups of the database ``name`` in ``folder``; a
    file that cannot be removed stays (the next day tries again)."""
    daily = {file.day: file.path for file in _our_files(folder, name)
             if file.kind is not Kind.BY_HAND}
    removed = []
    for day in sorted(expired(daily, today)):
        path = daily[day]
        if not _is_database_file(path):
            continue  # our name, but not one of our backups
        try:
            path.unlink()
        except OSError as error:
            log.warning("could not remove the old backup %s: %s", path, error)
            continue
        removed.append(path)
    return removed


# ---- what Administration shows ----------------------------------------------------------------

@requires(Permission.ADMINISTER, offices=Offices.ALL)
def overview(database: Database, actor: Actor, now: datetime | None = None) -> Overview:
    """The backup folder and this database's backups in it, newest first."""
    live = _live_file(database)
    folder = backup_folder(database)
    files = tuple(sorted(_our_files(folder, live.stem), key=lambda file: file.written,
                         reverse=True))
    now = now or datetime.now()
    overdue = not files or now - files[0].written > OVERDUE_AFTER
    return Overview(folder, settings.backup_folder() is not None, files, overdue)


# ---- restoring --------------------------------------------------------------------------------

@requires(Permission.ADMINISTER, offices=Offices.ALL)
def restore(database: Database, actor: Actor, source: Path,
            progress: Progress | None = None) -> Restored:
    """Replace the database by the backup ``source``, once it has passed every check and
    the database it replaces has been copied beside it.

    Every connection of ``database`` is closed after: whoever works on it must read
    everything again (the window goes back to the login).
    """
    live = _live_file(database)
    source = Path(source).expanduser().absolute()
    if not source.is_file():
        raise BackupProblem(BackupFailure.NO_FILE, str(source))
    if _same_file(source, live):
        raise BackupProblem(BackupFailure.SAME_FILE, str(source))
    revision = _checked_revision(source, progress, 0, 25, backup_in_hand=True)
    usable = _replaceable(live)
    kept = _keep_current(live, _part(progress, 25, 50)) if _has_content(live) else None
    _copy_in(source, live, usable, kept, _part(progress, 50, 100))
    database.dispose()
    log.info("restored %s into %s; the replaced database was kept as %s", source, live, kept)
    upgraded_from = upgrade_copy = None
    if revision != head_revision():
        upgraded = open_database(live, create=False)  # copies it, then upgrades it
        upgraded.dispose()
        upgraded_from, upgrade_copy = revision, upgraded.backup
    return Restored(source, live, kept, head_revision() if upgraded_from else revision,
                    upgraded_from, upgrade_copy)


# ---- the steps --------------------------------------------------------------------------------

Step = Callable[[int, int], None]


def _part(progress: Progress | None, start: int, end: int) -> Step | None:
    """A step that reports ``done/total`` as the share ``start``–``end`` of the whole."""
    if progress is None:
        return None
    return lambda done, total: progress.step(start + (end - start) * done // max(total, 1),
                                             100)


def _live_file(database: Database) -> Path:
    url = database.engine.url.render_as_string(hide_password=False)
    if is_server_url(url):
        raise BackupProblem(BackupFailure.SERVER, shown_url(url))
    path = sqlite_path(url)
    if path is None:
        raise DatabaseProblem(Problem.UNSUPPORTED, shown_url(url))
    return path


def _live_source(database: Database) -> Path:
    """The database file to copy; it must be there."""
    live = _live_file(database)
    if live.is_dir():
        raise DatabaseProblem(Problem.DIRECTORY, str(live))
    if not _has_content(live):
        raise DatabaseProblem(Problem.MISSING, str(live))
    return live


def _default_folder(live: Path) -> Path:
    return live.parent / DEFAULT_FOLDER_NAME


def _usable_folder(database: Database, live: Path) -> Path:
    """The backup folder, made if it is the default one; a chosen one is never made (a
    second disk not plugged in must be said, not stood in for by a folder on the first)."""
    folder = backup_folder(database)
    if settings.backup_folder() is None and not folder.exists():
        try:
            folder.mkdir(mode=0o700)
        except OSError as error:
            raise _os_problem(error, folder) from error
    return folder


def _check_folder(folder: Path, probe: bool = False) -> None:
    if not folder.is_dir():
        raise BackupProblem(BackupFailure.NO_FOLDER, str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupProblem(BackupFailure.NOT_WRITABLE, str(folder))
    if probe:  # access() trusts the mode bits; a read-only mount or a share may still refuse
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as error:
            raise _os_problem(error, folder) from error


def _write_verified(live: Path, target: Path, progress: Progress | None) -> Backup:
    """Copy, check and rename into place; on any failure nothing is left behind."""
    _check_folder(target.parent)
    try:
        temporary = temporary_beside(target)
    except OSError as error:
        raise _os_problem(error, target) from error
    try:
        _copy(live, temporary, _part(progress, 0, 80), target, standalone=True)
        revision = _checked_revision(temporary, progress, 80, 100, backup_in_hand=False,
                                     shown=target, live=live)
        os.replace(temporary, target)
    except BaseException:
        _remove_with_companions(temporary)
        raise
    _sync_folder(target.parent)
    stat = target.stat()
    return Backup(target, stat.st_size, revision, datetime.fromtimestamp(stat.st_mtime))


def _copy(source: Path, target: Path, step: Step | None, shown: Path,
          standalone: bool = False, damaged: Path | None = None) -> None:
    """``copy_database``, its driver's and the system's errors made problems; damage is
    the source's unless ``damaged`` names the other file."""
    try:
        copy_database(source, target, step=step, standalone=standalone)
    except sqlite3.Error as error:
        kind = failure(error)
        if kind is Problem.DAMAGED:
            raise DatabaseProblem(Problem.DAMAGED, str(damaged or source), str(error)) \
                from error
        if kind is Problem.LOCKED:
            raise DatabaseProblem(Problem.LOCKED, str(damaged or source)) from error
        raise _write_problem(kind, shown, str(error)) from error
    except OSError as error:
        raise _os_problem(error, shown) from error


def _checked_revision(path: Path, progress: Progress | None, start: int, end: int,
                      backup_in_hand: bool, shown: Path | None = None,
                      live: Path | None = None) -> str:
    """The revision of a backup that passed the full check (Cancel stops it).

    ``backup_in_hand``: a file brought to restore, whose problems are the file's; else a
    copy just written, whose failure is the copy's (and a newer schema the database's).
    """
    where = str(shown or path)
    if progress is not None:
        progress.step(start, 100)
    try:
        revision = examine(path, interrupt=(lambda: progress is not None
                                            and progress.cancelled))
    except Interrupted:
        raise Cancelled from None
    except DatabaseProblem as problem:
        if not backup_in_hand:
            raise BackupProblem(BackupFailure.NOT_VERIFIED, where, problem.detail) \
                from problem
        kind = {Problem.NOT_A_DATABASE: BackupFailure.NOT_A_BACKUP,
                Problem.NOT_QADAM: BackupFailure.NOT_QADAM,
                Problem.MISSING: BackupFailure.NO_FILE}.get(problem.kind, BackupFailure.DAMAGED)
        raise BackupProblem(kind, where, problem.detail) from problem
    if revision not in known_revisions():
        if backup_in_hand:
            raise BackupProblem(BackupFailure.NEWER, where, revision)
        raise DatabaseProblem(Problem.NEWER_VERSION, str(live or path), revision)
    if progress is not None:
        progress.step(end, 100)
    return revision


def _replaceable(live: Path) -> bool:
    """Whether SQLite can write into the database there (False: it is damaged, or there is
    none); refuses a place Qadam may not write and another program's database."""
    if live.is_dir():
        raise DatabaseProblem(Problem.DIRECTORY, str(live))
    if not os.access(live.parent, os.W_OK | os.X_OK) or (
            live.exists() and not os.access(live, os.W_OK)):
        raise DatabaseProblem(Problem.NOT_WRITABLE, str(live))
    if not _has_content(live):
        return False
    if not _is_database_file(live):
        return False
    try:
        connection = sqlite3.connect(f"{live.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.Error:
        return False  # damaged: the restore is what it needs
    if tables and "alembic_version" not in tables:
        raise DatabaseProblem(Problem.NOT_QADAM, str(live))  # not ours to overwrite
    return True


def _keep_current(live: Path, step: Step | None) -> Path:
    """A copy of the database about to be replaced, beside it; a damaged one is copied as
    its bytes are (with its WAL), since SQLite can no longer read it whole."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = live.with_name(f"{live.stem}.before-restore-{stamp}{live.suffix}")
    try:
        _copy(live, kept, step, kept, standalone=True)
    except DatabaseProblem as problem:
        _remove_with_companions(kept)
        if problem.kind is not Problem.DAMAGED:
            raise
        _copy_bytes(live, kept)
    except BaseException:
        _remove_with_companions(kept)
        raise
    return kept


def _copy_bytes(live: Path, kept: Path) -> None:
    import shutil

    try:
        shutil.copyfile(live, kept)
        wal = Path(f"{live}-wal")
        if wal.is_file() and wal.stat().st_size:
            shutil.copyfile(wal, Path(f"{kept}-wal"))
    except OSError as error:
        _remove_with_companions(kept)
        raise _os_problem(error, kept) from error


def _copy_in(source: Path, live: Path, usable: bool, kept: Path | None,
             step: Step | None) -> None:
    """The backup's pages into the database, in one transaction; a database SQLite can no
    longer write into (its header damaged) is replaced by a verified copy instead.

    When the copy into it fails or is cancelled, the database is as it was: the copy of it
    made for this restore goes (and a database file this restore was creating)."""
    new = not live.exists()
    if usable or new:
        try:
            _copy(source, live, step, live, damaged=live)  # the source has just passed
            return
        except BaseException as error:
            if new:
                _remove_with_companions(live)
            damaged = isinstance(error, DatabaseProblem) and error.kind is Problem.DAMAGED
            if new or not damaged:
                if kept is not None:
                    _remove_with_companions(kept)
                raise
    # Nothing can be open on a file SQLite cannot read: its WAL (copied with it, stale
    # frames that would be replayed onto the new file) goes first, then it is replaced.
    # Whatever happens from here, the copy of what it was stays.
    try:
        temporary = temporary_beside(live)
    except OSError as error:
        raise _os_problem(error, live) from error
    try:
        _copy(source, temporary, step, live, standalone=True)
        for side in (Path(f"{live}-wal"), Path(f"{live}-shm")):
            side.unlink(missing_ok=True)
        os.replace(temporary, live)
    except BaseException:
        _remove_with_companions(temporary)
        raise


def _write_problem(kind: Problem | None, where: Path, detail: str) -> BackupProblem:
    if kind is Problem.DISK_FULL:
        return BackupProblem(BackupFailure.DISK_FULL, str(where))
    if kind is Problem.NOT_WRITABLE:
        return BackupProblem(BackupFailure.NOT_WRITABLE, str(where.parent))
    return BackupProblem(BackupFailure.WRITE_FAILED, str(where), detail)


def _os_problem(error: OSError, where: Path) -> BackupProblem:
    import errno

    if error.errno == errno.ENOSPC or error.errno == getattr(errno, "EDQUOT", None):
        return BackupProblem(BackupFailure.DISK_FULL, str(where))
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BackupProblem(BackupFailure.NOT_WRITABLE, str(where if where.is_dir()
                                                              else where.parent))
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return BackupProblem(BackupFailure.NO_FOLDER, str(where if not where.suffix
                                                          else where.parent))
    return BackupProblem(BackupFailure.WRITE_FAILED, str(where),
                         error.strerror or type(error).__name__)


def _our_files(folder: Path, name: str) -> list[BackupFile]:
    """This database's backups in ``folder`` (by their names), each with its kind."""
    pattern = re.compile(rf"{re.escape(name)}-(\d{{4}}-\d{{2}}-\d{{2}})(-\d{{6}})?"
                         rf"{re.escape(SUFFIX)}")
    found: list[tuple[Path, date, bool]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = pattern.fullmatch(path.name)
        if match is None or path.is_symlink() or not path.is_file():
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            continue
        found.append((path, day, match.group(2) is not None))
    firsts: dict[tuple[int, int], date] = {}
    for _path, day, by_hand in found:
        if not by_hand:
            key = (day.year, day.month)
            firsts[key] = min(firsts.get(key, day), day)
    files = []
    for path, day, by_hand in found:
        try:
            stat = path.stat()
        except OSError:
            continue
        kind = (Kind.BY_HAND if by_hand else
                Kind.MONTHLY if firsts[(day.year, day.month)] == day else Kind.DAILY)
        files.append(BackupFile(path, day, datetime.fromtimestamp(stat.st_mtime),
                                stat.st_size, kind))
    return files


def _remove_stale_parts(folder: Path, name: str) -> None:
    """The temporary files of backups a killed process or a power cut left half-written
    (an hour old: not one another Qadam is writing now)."""
    pattern = re.compile(rf"\.{re.escape(name)}-\d{{4}}-\d{{2}}-\d{{2}}(-\d{{6}})?"
                         rf"{re.escape(SUFFIX)}\.\w+\.part")
    cutoff = datetime.now().timestamp() - STALE_PART_S
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if pattern.fullmatch(path.name) and path.is_file() and not path.is_symlink() \
                    and path.stat().st_mtime < cutoff:
                _remove_with_companions(path)


def _is_database_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def _has_content(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False


def _remove_with_companions(path: Path) -> None:
    for companion in (path, *(Path(f"{path}{side}") for side in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            companion.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Best effort: the rename reaches the disk before we say the backup is there."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
