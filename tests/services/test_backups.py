"""Backups and restore on real SQLite files: consistent while others write, checked before
they count, refused with one sentence when they cannot be, and a rotation that keeps 14
daily and 12 monthly copies and nothing else of ours."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import make_url

from db.errors import DatabaseProblem, Problem
from db.migrate import head_revision, known_revisions, open_database
from db.models import Role
from db.session import Database
from db.sqlite import backup as sqlite_backup
from desktop import settings
from desktop.services import admin, backups
from desktop.services.access import LOCAL_OPERATOR, AccessDenied, Actor
from desktop.services.auth import set_up
from desktop.services.backups import BackupFailure, BackupProblem, Kind
from desktop.services.messages import describe, knows
from desktop.services.progress import Cancelled, Progress

# SQLite's online backup of a file; a server's backups are its own tools' (pg_dump), and
# the refusal on PostgreSQL is tested in tests/db/test_postgres_connection.py.
pytestmark = pytest.mark.sqlite_only
PASSWORD = "qadam-2026"
TODAY = date(2026, 11, 25)


@pytest.fixture
def boss(database: Database) -> Actor:
    return set_up(database, center_name="«Қадам» орталығы", center_address="Астана",
                  center_phone="+7 7172 000000", office_code="AST", office_name="Астана",
                  region_code="71", admin_login="admin", admin_name="Әлия Сапарова",
                  admin_password=PASSWORD)


def add_user(database: Database, boss: Actor, login: str, role: Role = Role.CASEWORKER,
             ) -> uuid.UUID:
    return admin.add_user(database, boss, login=login, full_name="Ерлан Қасымов", role=role,
                          office_id=boss.office_id, password=PASSWORD)


def logins(database: Database, boss: Actor) -> set[str]:
    return {row.login for row in admin.list_users(database, boss)}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Anything a failed backup could leave: temporary parts and their journals."""
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name or "journal" in p.name)


def integrity(path: Path) -> list[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]


def one_line(error: BaseException) -> str:
    assert knows(error), error
    text = describe(error)
    assert "\n" not in text
    return text


def read_only_folder(tmp_path: Path) -> Path:
    """A folder this process may not write in. Root writes through mode bits, so there it
    is a place the kernel refuses even to root (/sys)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        return Path("/sys")
    return folder


@pytest.fixture(autouse=True)
def writable_again(tmp_path: Path):
    yield
    for folder in tmp_path.rglob("*"):
        if folder.is_dir():
            folder.chmod(0o755)


# ---- backing up ---------------------------------------------------------------------------------

def test_a_backup_is_a_checked_standalone_copy_that_opens(database: Database, boss: Actor,
                                                          tmp_path: Path) -> None:
    add_user(database, boss, "erlan")
    out = tmp_path / "out" / "copy.db"
    out.parent.mkdir()
    made = backups.back_up(database, boss, out)
    assert made.path == out and made.revision == head_revision()
    assert made.size == out.stat().st_size > 0
    assert integrity(out) == ["ok"]
    assert leftovers(out.parent) == [] and sorted(os.listdir(out.parent)) == ["copy.db"]
    assert out.stat().st_mode & 0o077 == 0  # personal data: the owner's only
    assert out.read_bytes()[18:20] == b"\x01\x01"  # not WAL: one file, no -wal needed
    copy = open_database(out)
    try:
        assert "erlan" in logins(copy, boss)
    finally:
        copy.dispose()


def test_a_backup_into_a_folder_is_named_with_the_database_and_the_time(
        database: Database, boss: Actor, tmp_path: Path, database_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    made = backups.back_up(database, boss, folder)
    assert made.path.parent == folder
    assert made.path.name.startswith(f"{database_path.stem}-{date.today().isoformat()}-")


def test_a_backup_while_another_connection_writes_holds_one_consistent_state(
        database: Database, boss: Actor, database_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite3.connect(database_path) as setup:
        setup.execute("CREATE TABLE ledger (amount INTEGER, pad TEXT)")
        setup.executemany("INSERT INTO ledger VALUES (0, ?)", [("x" * 400,)] * 6000)
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 16)  # many steps, writes between
    stop, wrote = threading.Event(), threading.Event()
    transactions = []

    def writer() -> None:
        connection = sqlite3.connect(database_path, timeout=10)
        try:
            while not stop.is_set():
                # A transfer: +1 and -1 together, or neither. A torn copy would not sum to 0.
                connection.execute("INSERT INTO ledger VALUES (1, 'in')")
                connection.execute("INSERT INTO ledger VALUES (-1, 'out')")
                connection.commit()
                transactions.append(1)
                wrote.set()
        finally:
            connection.close()

    steps = []

    def heard(done: int, total: int) -> None:
        steps.append(done)
        wrote.wait(5)  # the writer is committing while the copy goes on

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        out = tmp_path / "during.db"
        backups.back_up(database, boss, out, progress=Progress(heard))
    finally:
        stop.set()
        thread.join()
    assert len(steps) > 10 and transactions
    assert integrity(out) == ["ok"]
    with sqlite3.connect(out) as copy:
        total, pairs = copy.execute(
            "SELECT sum(amount), count(*) FROM ledger WHERE amount != 0").fetchone()
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
            == head_revision()
    assert (total or 0) == 0 and pairs % 2 == 0
    with sqlite3.connect(database_path) as live:
        final = live.execute("SELECT count(*) FROM ledger WHERE amount != 0").fetchone()[0]
    assert final > pairs  # the writer went on past the moment the copy was taken
    assert integrity(database_path) == ["ok"]


def test_a_backup_to_a_missing_folder_says_so_and_leaves_nothing(
        database: Database, boss: Actor, tmp_path: Path, database_path: Path) -> None:
    before = digest(database_path)
    with pytest.raises(BackupProblem) as refused:
        backups.back_up(database, boss, tmp_path / "no-such" / "copy.db")
    assert refused.value.kind is BackupFailure.NO_FOLDER
    assert "There is no folder" in one_line(refused.value)
    assert not (tmp_path / "no-such").exists() and digest(database_path) == before


def test_a_backup_to_a_read_only_folder_says_so_and_leaves_nothing(
        database: Database, boss: Actor, tmp_path: Path, database_path: Path) -> None:
    folder = read_only_folder(tmp_path)
    before = sorted(os.listdir(folder))
    digest_before = digest(database_path)
    with pytest.raises(BackupProblem) as refused:
        backups.back_up(database, boss, folder / "copy.db")
    assert refused.value.kind is BackupFailure.NOT_WRITABLE
    assert one_line(refused.value).startswith(f"Qadam may not write in the folder {folder}")
    assert sorted(os.listdir(folder)) == before
    assert digest(database_path) == digest_before
    assert "erlan" not in logins(database, boss)  # the database still opens and reads


def disk_fills_up(monkeypatch: pytest.MonkeyPatch, after_steps: int = 2) -> None:
    """The disk is full once a few chunks of the copy are written (SQLite says
    SQLITE_FULL): the copy's temporary file is there when it fails."""
    real = sqlite_backup.copy_database
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 8)

    def filling(source: Path, target: Path, **options: object) -> None:
        steps = []

        def step(done: int, total: int) -> None:
            steps.append(done)
            if len(steps) > after_steps:
                assert target.exists()  # the copy under way is on the disk
                error = sqlite3.OperationalError("database or disk is full")
                error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
                raise error

        real(source, target, step=step, standalone=True)

    monkeypatch.setattr(backups, "copy_database", filling)


def test_a_backup_to_a_full_disk_says_so_and_leaves_no_partial_file(
        database: Database, boss: Actor, tmp_path: Path, database_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    before = digest(database_path)
    disk_fills_up(monkeypatch)
    with pytest.raises(BackupProblem) as refused:
        backups.back_up(database, boss, folder / "copy.db")
    assert refused.value.kind is BackupFailure.DISK_FULL
    assert one_line(refused.value).startswith(f"The disk holding {folder / 'copy.db'} is full")
    assert os.listdir(folder) == []
    assert digest(database_path) == before and integrity(database_path) == ["ok"]


def test_a_full_disk_the_system_reports_leaves_no_file_either(
        database: Database, boss: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    real = sqlite_backup.copy_database

    def written_then_full(source: Path, target: Path, **options: object) -> None:
        real(source, target)  # the whole copy is there when the system refuses
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(backups, "copy_database", written_then_full)
    with pytest.raises(BackupProblem) as refused:
        backups.back_up(database, boss, tmp_path / "copy.db")
    assert refused.value.kind is BackupFailure.DISK_FULL
    assert leftovers(tmp_path) == [] and not (tmp_path / "copy.db").exists()


def test_an_existing_backup_is_replaced_only_by_one_that_passed(
        database: Database, boss: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "copy.db"
    backups.back_up(database, boss, out)
    good = digest(out)
    disk_fills_up(monkeypatch)
    with pytest.raises(BackupProblem):
        backups.back_up(database, boss, out)
    assert digest(out) == good


def test_a_copy_that_fails_its_check_is_removed(database: Database, boss: Actor,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def damaged(path: Path, interrupt: object = None) -> str:
        raise DatabaseProblem(Problem.DAMAGED, str(path), "row 7 missing from index")

    monkeypatch.setattr(backups, "examine", damaged)
    with pytest.raises(BackupProblem) as refused:
        backups.back_up(database, boss, tmp_path / "copy.db")
    assert refused.value.kind is BackupFailure.NOT_VERIFIED
    assert "row 7 missing from index" in one_line(refused.value)
    assert leftovers(tmp_path) == [] and not (tmp_path / "copy.db").exists()


def test_a_cancelled_backup_leaves_nothing(database: Database, boss: Actor, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 8)
    token = Progress()
    token.listen(lambda done, total: token.cancel() if done >= 10 else None)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        backups.back_up(database, boss, folder / "copy.db", progress=token)
    assert os.listdir(folder) == []


def test_the_backup_of_the_database_itself_is_refused(database: Database, boss: Actor,
                                                      database_path: Path) -> None:
    before = digest(database_path)
    with pytest.raises(BackupProblem) as refused:
        backups.back_up(database, boss, database_path)
    assert refused.value.kind is BackupFailure.SAME_FILE
    assert digest(database_path) == before


def test_backup_and_restore_are_for_administrators(database: Database, boss: Actor,
                                                   tmp_path: Path) -> None:
    from desktop.services.auth import log_in

    add_user(database, boss, "erlan")
    caseworker = log_in(database, "erlan", PASSWORD)
    with pytest.raises(AccessDenied):
        backups.back_up(database, caseworker, tmp_path / "copy.db")
    with pytest.raises(AccessDenied):
        backups.back_up_now(database, caseworker)
    with pytest.raises(AccessDenied):
        backups.restore(database, caseworker, tmp_path / "copy.db")
    with pytest.raises(AccessDenied):
        backups.set_backup_folder(database, caseworker, tmp_path)
    assert not (tmp_path / "copy.db").exists()
    # The daily one is made for whoever starts Qadam.
    assert backups.daily_backup(database, caseworker, today=TODAY) is not None


def test_a_server_database_is_backed_up_by_the_server() -> None:
    url = "postgresql+psycopg://qadam:secret@db.example/qadam"
    server = SimpleNamespace(engine=SimpleNamespace(url=make_url(url)), url=url)
    for call in (lambda: backups.back_up(server, LOCAL_OPERATOR, Path("x.db")),
                 lambda: backups.restore(server, LOCAL_OPERATOR, Path("x.db"))):
        with pytest.raises(BackupProblem) as refused:
            call()
        text = one_line(refused.value)
        assert "pg_dump" in text and "pg_restore" in text and "secret" not in text
    assert backups.daily_backup(server, LOCAL_OPERATOR, today=TODAY) is None


# ---- restoring ----------------------------------------------------------------------------------

def test_a_restore_brings_the_data_back_and_keeps_the_replaced_database(
        database: Database, boss: Actor, database_path: Path, tmp_path: Path) -> None:
    add_user(database, boss, "erlan")
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    add_user(database, boss, "dana")
    watcher = sqlite3.connect(database_path)  # another program's connection, left open
    try:
        done = backups.restore(database, boss, saved)
        assert watcher.execute("SELECT count(*) FROM app_user WHERE login = 'dana'"
                               ).fetchone()[0] == 0
    finally:
        watcher.close()
    assert done.database == database_path and done.revision == head_revision()
    assert done.upgraded_from is None
    # The same Database goes on, on connections opened afresh.
    assert {"erlan", "admin"} <= logins(database, boss) and "dana" not in logins(database, boss)
    assert integrity(database_path) == ["ok"]
    assert done.kept is not None and done.kept.parent == database_path.parent
    assert done.kept.name.startswith(f"{database_path.stem}.before-restore-")
    kept = open_database(done.kept)
    try:
        assert "dana" in logins(kept, boss)
    finally:
        kept.dispose()


def test_a_restore_onto_a_new_machine_creates_the_database(
        database: Database, boss: Actor, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    fresh = tmp_path / "new-machine" / "qadam.db"
    fresh.parent.mkdir()
    target = backups.database_at(str(fresh))
    try:
        done = backups.restore(target, LOCAL_OPERATOR, saved)
    finally:
        target.dispose()
    assert done.kept is None and integrity(fresh) == ["ok"]
    opened = open_database(fresh, create=False)
    try:
        assert "admin" in logins(opened, boss)
    finally:
        opened.dispose()


def test_a_backup_of_an_older_qadam_is_restored_then_upgraded(
        database: Database, boss: Actor, tmp_path: Path, database_path: Path) -> None:
    older = known_revisions()[-2]
    old_path = tmp_path / "old.db"
    open_database(old_path, revision=older).dispose()
    saved = tmp_path / "old-backup.db"
    sqlite_backup.copy_database(old_path, saved, standalone=True)
    done = backups.restore(database, boss, saved)
    assert done.upgraded_from == older and done.revision == head_revision()
    assert done.upgrade_copy is not None and done.upgrade_copy.exists()
    with sqlite3.connect(database_path) as live:
        assert live.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
            == head_revision()


def refused_restore(database: Database, boss: Actor, database_path: Path, source: Path,
                    kind: BackupFailure) -> str:
    before = digest(database_path)
    with pytest.raises(BackupProblem) as refused:
        backups.restore(database, boss, source)
    assert refused.value.kind is kind
    assert digest(database_path) == before
    assert not list(database_path.parent.glob("*.before-restore-*"))
    return one_line(refused.value)


def test_a_restore_refuses_a_text_file(database: Database, boss: Actor, database_path: Path,
                                       tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("Бұл дерекқор емес\n" * 40, encoding="utf-8")
    line = refused_restore(database, boss, database_path, text, BackupFailure.NOT_A_BACKUP)
    assert line == f"{text} is not a Qadam backup (not a database file); nothing was changed."


def test_a_restore_refuses_a_damaged_backup(database: Database, boss: Actor,
                                            database_path: Path, tmp_path: Path) -> None:
    add_user(database, boss, "erlan")
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    data = bytearray(saved.read_bytes())
    page = 4096
    for number in range(3, len(data) // page, 2):  # every other page from the third
        data[number * page + 8: number * page + 200] = os.urandom(192)
    saved.write_bytes(bytes(data))
    line = refused_restore(database, boss, database_path, saved, BackupFailure.DAMAGED)
    assert line.startswith(f"The backup {saved} is damaged")


def test_a_restore_refuses_a_truncated_backup(database: Database, boss: Actor,
                                              database_path: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    with saved.open("r+b") as stream:
        stream.truncate(saved.stat().st_size // 2)
    refused_restore(database, boss, database_path, saved, BackupFailure.DAMAGED)


def test_a_restore_refuses_a_backup_of_a_newer_qadam(database: Database, boss: Actor,
                                                     database_path: Path,
                                                     tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    with sqlite3.connect(saved) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    line = refused_restore(database, boss, database_path, saved, BackupFailure.NEWER)
    assert "newer version of Qadam" in line


def test_a_restore_refuses_another_programs_database_and_a_missing_file(
        database: Database, boss: Actor, database_path: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    refused_restore(database, boss, database_path, foreign, BackupFailure.NOT_QADAM)
    refused_restore(database, boss, database_path, tmp_path / "gone.db",
                    BackupFailure.NO_FILE)
    refused_restore(database, boss, database_path, database_path, BackupFailure.SAME_FILE)


def test_a_restore_does_not_overwrite_another_programs_database(
        boss: Actor, tmp_path: Path, database: Database) -> None:
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    foreign = tmp_path / "music.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    before = digest(foreign)
    target = backups.database_at(str(foreign))
    try:
        with pytest.raises(DatabaseProblem) as refused:
            backups.restore(target, LOCAL_OPERATOR, saved)
    finally:
        target.dispose()
    assert refused.value.kind is Problem.NOT_QADAM and digest(foreign) == before


def test_a_damaged_database_is_replaced_and_kept_as_it_was(
        database: Database, boss: Actor, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    broken = tmp_path / "broken" / "qadam.db"
    broken.parent.mkdir()
    broken.write_bytes(b"\x00" * 100 + os.urandom(8192))  # its header gone
    target = backups.database_at(str(broken))
    try:
        done = backups.restore(target, LOCAL_OPERATOR, saved)
    finally:
        target.dispose()
    assert integrity(broken) == ["ok"]
    assert done.kept is not None and done.kept.read_bytes()[:100] == b"\x00" * 100


def test_a_cancelled_restore_leaves_the_database_as_it_was(
        database: Database, boss: Actor, database_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    add_user(database, boss, "dana")
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 4)
    token = Progress()
    token.listen(lambda done, total: token.cancel() if done >= 60 else None)  # copying in
    with pytest.raises(Cancelled):
        backups.restore(database, boss, saved, progress=token)
    assert "dana" in logins(database, boss)
    assert integrity(database_path) == ["ok"]
    assert not list(database_path.parent.glob("*.before-restore-*"))


# ---- the daily backup and its rotation ---------------------------------------------------------

def test_the_daily_backup_is_made_once_a_day_beside_the_database(
        database: Database, boss: Actor, database_path: Path) -> None:
    made = backups.daily_backup(database, boss, today=TODAY)
    folder = database_path.parent / "backups"
    assert made is not None and made.path == folder / f"qadam-{TODAY.isoformat()}.db"
    assert integrity(made.path) == ["ok"] and folder.stat().st_mode & 0o077 == 0
    assert backups.daily_backup(database, boss, today=TODAY) is None  # once a day
    tomorrow = backups.daily_backup(database, boss, today=TODAY + timedelta(days=1))
    assert tomorrow is not None
    assert sorted(p.name for p in folder.iterdir()) == ["qadam-2026-11-25.db",
                                                       "qadam-2026-11-26.db"]


def test_the_daily_backup_goes_to_the_folder_an_administrator_chose(
        database: Database, boss: Actor, tmp_path: Path) -> None:
    second = tmp_path / "second-disk"
    second.mkdir()
    assert backups.set_backup_folder(database, boss, second) == second
    assert settings.backup_folder() == second
    made = backups.daily_backup(database, boss, today=TODAY)
    assert made is not None and made.path.parent == second
    # Unplugged: said, and not stood in for by a folder made on the first disk.
    shutil.rmtree(second)
    with pytest.raises(BackupProblem) as refused:
        backups.daily_backup(database, boss, today=TODAY + timedelta(days=1))
    assert refused.value.kind is BackupFailure.NO_FOLDER and not second.exists()
    backups.set_backup_folder(database, boss, None)
    assert settings.backup_folder() is None


def test_a_folder_that_cannot_take_backups_is_not_chosen(database: Database, boss: Actor,
                                                         tmp_path: Path) -> None:
    with pytest.raises(BackupProblem) as missing:
        backups.set_backup_folder(database, boss, tmp_path / "nowhere")
    assert missing.value.kind is BackupFailure.NO_FOLDER
    with pytest.raises(BackupProblem) as read_only:
        backups.set_backup_folder(database, boss, read_only_folder(tmp_path))
    assert read_only.value.kind is BackupFailure.NOT_WRITABLE
    assert settings.backup_folder() is None


def test_the_rotation_keeps_14_daily_and_12_monthly_copies() -> None:
    days = [TODAY - timedelta(days=n) for n in range(500)]
    kept = set(days) - backups.expired(days, TODAY)
    last_14 = {TODAY - timedelta(days=n) for n in range(14)}
    firsts = {date(2026, month, 1) for month in range(1, 12)} | {date(2025, 12, 1)}
    assert kept == last_14 | firsts and len(kept) == 26
    # A month's first backup is its first one made, not the 1st of the month.
    sparse = [date(2026, 10, 3), date(2026, 10, 20), *last_14]
    assert date(2026, 10, 3) not in backups.expired(sparse, TODAY)
    assert date(2026, 10, 20) in backups.expired(sparse, TODAY)
    # Days after today (a clock set wrong) are never removed, nor counted.
    assert not backups.expired([TODAY + timedelta(days=3)], TODAY)


def fake_backup(path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    return path


def test_the_rotation_removes_only_our_own_old_daily_copies(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for n in range(400):
        fake_backup(folder / f"qadam-{(TODAY - timedelta(days=n)).isoformat()}.db")
    others = [fake_backup(folder / "qadam-2025-01-05-101500.db"),  # made by hand
              fake_backup(folder / "center-2025-01-05.db"),  # another database's
              fake_backup(folder / "qadam-2025-01-06.db.bak"),
              folder / "notes.txt"]
    others[-1].write_text("Not ours")
    not_a_database = folder / "qadam-2025-01-07.db"
    not_a_database.write_text("our name, but a text file")
    removed = backups.remove_expired(folder, "qadam", TODAY)
    assert len(removed) == 400 - 26
    left = {p.name for p in folder.iterdir()}
    assert {p.name for p in others} <= left and not_a_database.name in left
    dailies = sorted(name for name in left if len(name) == len("qadam-2026-11-25.db")
                     and name.startswith("qadam-2"))
    assert len(dailies) == 26 + 1  # and the text file with our name
    assert "qadam-2026-11-12.db" in left and "qadam-2026-11-11.db" not in left
    assert "qadam-2025-12-01.db" in left and "qadam-2025-11-01.db" not in left


def test_the_daily_backup_rotates_the_folder(database: Database, boss: Actor,
                                             database_path: Path) -> None:
    folder = database_path.parent / "backups"
    folder.mkdir()
    for n in range(1, 40):
        fake_backup(folder / f"qadam-{(TODAY - timedelta(days=n)).isoformat()}.db")
    # A backup cut off by a power cut left its temporary file; another is being written.
    cut_off = folder / ".qadam-2026-11-24.db.x1y2z3.part"
    cut_off.write_bytes(b"SQLite format 3\x00")
    hours_ago = (datetime.now() - timedelta(hours=3)).timestamp()
    os.utime(cut_off, (hours_ago, hours_ago))
    under_way = folder / ".qadam-2026-11-25-101500.db.a1b2c3.part"
    under_way.write_bytes(b"")
    not_ours = folder / ".notes.txt.part"
    not_ours.write_bytes(b"")
    os.utime(not_ours, (hours_ago, hours_ago))
    backups.daily_backup(database, boss, today=TODAY)
    assert not cut_off.exists() and under_way.exists() and not_ours.exists()
    under_way.unlink()
    not_ours.unlink()
    names = sorted(p.name for p in folder.iterdir())
    assert names[-1] == "qadam-2026-11-25.db" and "qadam-2026-11-12.db" in names
    assert "qadam-2026-11-11.db" not in names
    assert {"qadam-2026-10-17.db", "qadam-2026-11-01.db"} <= set(names)  # months' firsts
    assert len(names) == 14 + 2


def test_the_overview_lists_the_backups_and_warns_after_three_days(
        database: Database, boss: Actor, database_path: Path) -> None:
    empty = backups.overview(database, boss)
    assert empty.files == () and empty.last is None and empty.overdue
    assert empty.folder == database_path.parent / "backups" and not empty.chosen
    first = backups.daily_backup(database, boss, today=date(2026, 11, 1))
    later = backups.daily_backup(database, boss, today=TODAY)
    by_hand = backups.back_up_now(database, boss)
    assert first and later
    written = datetime.now() - timedelta(days=4)
    for made in (first, later, by_hand):
        os.utime(made.path, (written.timestamp(),) * 2)
    os.utime(later.path, ((written + timedelta(hours=1)).timestamp(),) * 2)
    now = datetime.now()
    seen = backups.overview(database, boss, now=now)
    assert seen.overdue and seen.last is not None and seen.last.path == later.path
    kinds = {file.path.name: file.kind for file in seen.files}
    assert kinds == {first.path.name: Kind.MONTHLY, later.path.name: Kind.DAILY,
                     by_hand.path.name: Kind.BY_HAND}
    assert not backups.overview(database, boss, now=written + timedelta(days=2)).overdue


def test_sizes_read_in_the_unit_that_suits_them() -> None:
    assert backups.size_text(300) == "1 KB"
    assert backups.size_text(840 * 1024) == "840 KB"
    assert backups.size_text(int(6.2 * (1 << 20))) == "6.2 MB"
    assert backups.size_text(3 << 30) == "3 GB"


def test_a_cancelled_restore_onto_a_new_machine_leaves_no_database(
        database: Database, boss: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    saved = tmp_path / "saved.db"
    backups.back_up(database, boss, saved)
    fresh = tmp_path / "new-machine" / "qadam.db"
    fresh.parent.mkdir()
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 4)
    token = Progress()
    token.listen(lambda done, total: token.cancel() if done >= 60 else None)
    target = backups.database_at(str(fresh))
    try:
        with pytest.raises(Cancelled):
            backups.restore(target, LOCAL_OPERATOR, saved, progress=token)
    finally:
        target.dispose()
    assert os.listdir(fresh.parent) == []
