"""``qadam backup`` and ``qadam restore``, run as a user runs them: the output, the exit code,
the files left behind, and one translated line for each refusal."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from db.migrate import head_revision
from db.sqlite import backup as sqlite_backup
from desktop import cli
from tests.cli.test_commands import assert_one_line_error, digest, qadam, run_in_process


def clients(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM person").fetchone()[0]


def read_only_folder(tmp_path: Path) -> Path:
    """A folder this process may not write in (root writes through mode bits: there it is
    one the kernel refuses even to root)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return Path("/sys") if os.access(folder, os.W_OK) else folder


def test_backup_then_restore_brings_the_data_back(demo_path: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    result = qadam("--db", demo_path, "backup", "--out", saved)
    assert result.returncode == 0, result.stderr
    assert str(saved) in result.stdout and head_revision() in result.stdout
    assert "checked" in result.stdout
    count = clients(saved)
    assert count == clients(demo_path) > 0
    with sqlite3.connect(demo_path) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("DELETE FROM person_search")
        connection.execute("DELETE FROM person WHERE rowid % 2 = 0")
    assert clients(demo_path) < count

    restored = qadam("--db", demo_path, "restore", saved)
    assert restored.returncode == 0, restored.stderr
    assert clients(demo_path) == count
    kept = [line for line in restored.stdout.splitlines() if "copied to" in line]
    assert len(kept) == 1
    copy = Path(kept[0].split("copied to ", 1)[1].rstrip("."))
    assert copy.parent == demo_path.parent and clients(copy) < count
    # The restored database opens as ever.
    assert qadam("--db", demo_path, "init").returncode == 0


def test_a_backup_into_a_folder_gets_a_dated_name(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    result = qadam("--db", demo_path, "backup", "--out", folder)
    assert result.returncode == 0, result.stderr
    (made,) = folder.iterdir()
    assert made.name.startswith("demo-") and made.suffix == ".db"


@pytest.mark.parametrize("where", ["missing", "read-only"])
def test_a_backup_that_cannot_be_written_says_why_in_one_line(
        demo_path: Path, tmp_path: Path, where: str) -> None:
    folder = tmp_path / "no-such" if where == "missing" else read_only_folder(tmp_path)
    before = digest(demo_path)
    listed = sorted(os.listdir(folder)) if folder.exists() else None
    line = assert_one_line_error(qadam("--db", demo_path, "backup", "--out",
                                       folder / "copy.db"))
    expected = "There is no folder" if where == "missing" else "Qadam may not write"
    assert expected in line and str(folder) in line
    assert (sorted(os.listdir(folder)) if folder.exists() else None) == listed
    assert digest(demo_path) == before


def test_a_backup_to_a_full_disk_says_so_and_leaves_nothing(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import backups

    real = sqlite_backup.copy_database
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 8)

    def full(source: Path, target: Path, **options: object) -> None:
        def step(done: int, total: int) -> None:
            if done > 40:
                raise sqlite3.OperationalError("database or disk is full")

        real(source, target, step=step, standalone=True)

    monkeypatch.setattr(backups, "copy_database", full)
    folder = tmp_path / "stick"
    folder.mkdir()
    before = digest(demo_path)
    code, line = run_in_process(capsys, "--db", demo_path, "backup", "--out",
                                folder / "copy.db")
    assert code == cli.EXIT_ERROR
    assert line.startswith("qadam: The disk holding") and "is full" in line
    assert os.listdir(folder) == [] and digest(demo_path) == before


@pytest.mark.parametrize("case", ["text", "damaged", "newer", "missing"])
def test_restore_refuses_what_it_cannot_open_in_one_line(demo_path: Path, tmp_path: Path,
                                                         case: str) -> None:
    source = tmp_path / f"{case}.db"
    if case == "text":
        source.write_text("last_name;first_name\nСапарова;Әлия\n" * 50, encoding="utf-8")
    elif case in ("damaged", "newer"):
        assert qadam("--db", demo_path, "backup", "--out", source).returncode == 0
        if case == "newer":
            with sqlite3.connect(source) as connection:
                connection.execute("UPDATE alembic_version SET version_num = '9999'")
        else:
            data = bytearray(source.read_bytes())
            for page in range(4, len(data) // 4096, 3):
                data[page * 4096 + 8: page * 4096 + 400] = os.urandom(392)
            source.write_bytes(bytes(data))
    before = digest(demo_path)
    line = assert_one_line_error(qadam("--db", demo_path, "restore", source))
    expected = {"text": "is not a Qadam backup", "damaged": "is damaged",
                "newer": "newer version of Qadam", "missing": "There is no file"}[case]
    assert expected in line and str(source) in line
    assert digest(demo_path) == before
    assert not list(demo_path.parent.glob("*.before-restore-*"))


def test_backup_and_restore_refuse_a_server_database(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    # No PostgreSQL driver here: the check of the location is played as passing.
    monkeypatch.setattr(cli, "database_location", lambda text: text)
    url = "postgresql+psycopg://qadam:secret@127.0.0.1:1/qadam"
    for command in (("backup", "--out", tmp_path / "x.db"), ("restore", tmp_path / "x.db")):
        code, line = run_in_process(capsys, "--db", url, *command)
        assert code == cli.EXIT_ERROR
        assert "pg_dump" in line and "pg_restore" in line and "secret" not in line
    assert os.listdir(tmp_path) == []


def test_backup_of_a_missing_database_says_so(tmp_path: Path) -> None:
    line = assert_one_line_error(qadam("--db", tmp_path / "none.db", "backup", "--out",
                                       tmp_path / "copy.db"))
    assert "There is no database" in line
    assert os.listdir(tmp_path) == []

