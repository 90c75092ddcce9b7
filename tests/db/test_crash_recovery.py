"""A crash or a full disk in the middle of a WAL checkpoint loses nothing and is not "damage".

A checkpoint copies pages from the WAL into the file in page order: page 1,
which holds the new page count, first, and the pages it appends last. Stopped
in between, the file is shorter than its header says, yet whole with its WAL.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from db.errors import DatabaseProblem, Problem
from db.migrate import open_database

CLIENTS = 3000
PAGE = 4096
KILLS = 10  # kills that must land inside a checkpoint
ROUNDS = 40  # at most, in case some kills come after their checkpoint ended
TIME_BUDGET = 40.0  # seconds for the whole kill loop

# The writer: commits batches of rows, reporting each commit, and checkpoints every few
# commits, saying when it starts and when it ends. Plain sqlite3, with Qadam's settings,
# so that it starts in a few milliseconds.
WRITER = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("PRAGMA synchronous=NORMAL")
connection.execute("PRAGMA wal_autocheckpoint=0")  # every checkpoint is one we announce
n = connection.execute("SELECT coalesce(max(n), 0) FROM crash_probe").fetchone()[0]
while True:
    for _ in range(8):
        connection.execute("BEGIN IMMEDIATE")
        for _ in range(96):
            n += 1
            connection.execute("INSERT INTO crash_probe VALUES (?, ?)", (n, os.urandom(4000)))
        connection.execute("COMMIT")
        print("committed", n, flush=True)
    print("checkpoint", flush=True)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    print("checkpointed", flush=True)
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def header_pages(path: Path) -> int:
    with path.open("rb") as stream:
        return int.from_bytes(stream.read(32)[28:32], "big")


def wal_of(path: Path) -> Path:
    return Path(f"{path}-wal")


@pytest.fixture(scope="module")
def crowded_template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    """A database of some thousands of clients, with a table for the writer's rows."""
    from desktop.services.demo.generator import generate

    path = tmp_path_factory.mktemp("crowded") / "crowded.db"
    shutil.copyfile(migrated_template, path)
    database = open_database(path)
    generate(database, clients=CLIENTS, seed=1)
    database.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE crash_probe (n INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
    connection.close()
    return path


def check_nothing_lost(path: Path, reported: int) -> int:
    """Open as a read-only command does; every row the writer reported is there. The rows."""
    database = open_database(path, create=False)
    try:
        with database.engine.connect() as connection:
            verdict = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            count, top = connection.exec_driver_sql(
                "SELECT count(*), coalesce(max(n), 0) FROM crash_probe").one()
            clients = connection.exec_driver_sql("SELECT count(*) FROM person").scalar()
    finally:
        database.dispose()
    assert verdict == ["ok"]
    assert clients == CLIENTS
    assert count == top >= reported  # no gap, and no reported commit missing
    return count


def kill_during_a_checkpoint(path: Path, rng: random.Random) -> tuple[int, bool, bool]:
    """Run the writer and SIGKILL it soon after it starts a checkpoint.

    Returns the last commit it reported, whether the kill came before the checkpoint
    ended, and whether it left the header ahead of the file (the state once refused).
    """
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(30, writer.kill)  # a stuck writer fails the test, not hangs it
    watchdog.start()
    try:
        assert writer.stdout is not None
        wanted = rng.randint(1, 2)  # the first or the second checkpoint
        seen: list[str] = []
        while wanted:
            line = writer.stdout.readline()
            assert line, f"the writer stopped: {writer.stderr.read() if writer.stderr else ''}"
            seen.append(line.strip())
            wanted -= line == "checkpoint\n"
        time.sleep(rng.uniform(0, 0.008))  # a checkpoint here takes some 10 ms
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate(timeout=30)
    finally:
        watchdog.cancel()
    assert writer.returncode == -signal.SIGKILL
    seen += rest.split("\n")
    lines = [line for line in seen if line]
    reported = max(int(line.split()[1]) for line in lines if line.startswith("committed"))
    # TRUNCATE empties the WAL as the checkpoint's last step: a WAL still full means the
    # kill stopped the checkpoint itself.
    wal = wal_of(path)
    inside = lines[-1] == "checkpoint" and wal.exists() and wal.stat().st_size > 0
    torn = header_pages(path) * PAGE > path.stat().st_size
    return reported, inside, torn


def test_killing_the_writer_during_checkpoints_loses_nothing(
        tmp_path: Path, crowded_template: Path) -> None:
    path = tmp_path / "qadam.db"
    shutil.copyfile(crowded_template, path)
    rng = random.Random(20261125)
    inside = torn = rounds = 0
    started = time.monotonic()
    while inside < KILLS and rounds < ROUNDS and time.monotonic() - started < TIME_BUDGET:
        rounds += 1
        reported, was_inside, was_torn = kill_during_a_checkpoint(path, rng)
        inside += was_inside
        torn += was_torn
        try:
            check_nothing_lost(path, reported)
        except DatabaseProblem as problem:
            pytest.fail(f"round {rounds} ({was_inside=}, {was_torn=}): {problem}")
    assert inside >= KILLS, f"only {inside} of {rounds} kills landed inside a checkpoint"
    print(f"{rounds} kills, {inside} inside a checkpoint, {torn} left the header ahead")


def torn_copy(source: Path, target: Path, rows: int) -> None:
    """``target``: ``source`` plus ``rows`` committed rows, caught mid-checkpoint.

    The rows are committed to the WAL only; the copy gets the file as it was and
    that WAL, then the first half of the pages a finished checkpoint writes, page 1
    (with the new page count) first, and none of the pages the checkpoint appends.
    """
    shutil.copyfile(source, target)
    writer = sqlite3.connect(target, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("BEGIN")
        writer.executemany("INSERT INTO crash_probe VALUES (?, ?)",
                           ((n, bytes([n % 251]) * 3000) for n in range(1, rows + 1)))
        writer.execute("COMMIT")
        before = target.read_bytes()
        wal = wal_of(target).read_bytes()
        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        after = target.read_bytes()
    finally:
        writer.close()
    for side in ("-wal", "-shm"):
        Path(f"{target}{side}").unlink(missing_ok=True)
    written = len(before) // PAGE // 2
    target.write_bytes(after[:written * PAGE] + before[written * PAGE:])
    wal_of(target).write_bytes(wal)  # no -shm: as after a reboot, SQLite rebuilds it
    assert len(after) > len(before)
    assert header_pages(target) * PAGE == len(after) > target.stat().st_size


def test_a_header_ahead_of_the_file_with_its_wal_beside_it_opens_whole(
        tmp_path: Path, crowded_template: Path) -> None:
    path = tmp_path / "qadam.db"
    torn_copy(crowded_template, path, rows=600)
    assert check_nothing_lost(path, reported=600) == 600
    assert not wal_of(path).exists()  # closing checkpointed it: the file is whole again
    assert header_pages(path) * PAGE == path.stat().st_size


def test_a_file_short_of_pages_its_wal_does_not_hold_is_refused_untouched(
        tmp_path: Path, crowded_template: Path) -> None:
    path = tmp_path / "qadam.db"
    torn_copy(crowded_template, path, rows=600)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # pages lost that no WAL frame holds
    before = (digest(path), digest(wal_of(path)))
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path, create=False)
    assert problem.value.kind is Problem.DAMAGED
    assert (digest(path), digest(wal_of(path))) == before


def test_a_header_ahead_of_the_file_with_no_wal_is_a_truncated_copy(
        tmp_path: Path, crowded_template: Path) -> None:
    path = tmp_path / "qadam.db"
    torn_copy(crowded_template, path, rows=600)
    wal_of(path).unlink()  # copied without it, to a USB stick
    Path(f"{path}-shm").unlink(missing_ok=True)
    before = digest(path)
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path, create=False)
    assert (problem.value.kind, problem.value.detail) == (Problem.DAMAGED, "truncated")
    assert digest(path) == before
    assert not wal_of(path).exists()
