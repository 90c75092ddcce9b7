"""The command line, run as a user runs it: a subprocess, its output and exit code."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from db.migrate import head_revision


def qadam(*args: str | Path, lang: str = "en", env: dict[str, str] | None = None,
          ) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QADAM_LANG": lang, **(env or {})}
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)],
                          capture_output=True, text=True, env=environment, timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_init_creates_then_reports_an_up_to_date_database(tmp_path: Path) -> None:
    path = tmp_path / "center.db"
    result = qadam("--db", path, "init")
    assert result.returncode == 0, result.stderr
    assert str(path) in result.stdout and head_revision() in result.stdout
    again = qadam("--db", path, "init")
    assert again.returncode == 0 and "copied" not in again.stdout


def test_qadam_db_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    path = tmp_path / "from-env.db"
    assert qadam("init", env={"QADAM_DB": str(path)}).returncode == 0
    assert path.exists()


def test_search_prints_matches_as_json(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        surname, given, iin = connection.execute(
            "SELECT surname, given_name, iin FROM person WHERE iin IS NOT NULL "
            "AND surname <> '' ORDER BY sort_key LIMIT 1").fetchone()
    result = qadam("--db", demo_path, "search", surname[:4].lower(), "--json", "--limit", "50")
    assert result.returncode == 0, result.stderr
    matches = json.loads(result.stdout)
    assert {"id", "name", "name_latin", "birth_date", "iin"} <= set(matches[0])
    assert any(m["iin"] == iin and m["name"].startswith(f"{surname} {given}") for m in matches)

    by_iin = json.loads(qadam("--db", demo_path, "search", iin, "--json").stdout)
    assert [m["iin"] for m in by_iin] == [iin]


def test_search_in_plain_text_and_with_no_match(demo_path: Path) -> None:
    result = qadam("--db", demo_path, "search", "Zzyzx", lang="ru")
    assert result.returncode == 0
    assert "Zzyzx" in result.stdout and "No client" not in result.stdout  # said in Russian


def test_demo_fills_a_new_database_and_refuses_a_full_one(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    result = qadam("--db", path, "demo", "--clients", "60", "--seed", "3")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == 60
    before = digest(path)
    again = qadam("--db", path, "demo", "--clients", "60")
    assert "60" in assert_one_line_error(again)
    assert digest(path) == before


@pytest.mark.parametrize("command", [("init",), ("search", "Әлия"), ("demo", "--clients", "5")])
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path,
                                                            command: tuple[str, ...]) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("surname,given_name\nНұрпейісова,Әлия\n", encoding="utf-8")
    before = digest(path)
    line = assert_one_line_error(qadam("--db", path, *command))
    assert "not a Qadam database" in line
    assert digest(path) == before


def test_a_damaged_database_is_refused_untouched(demo_path: Path) -> None:
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 3])
    before = digest(demo_path)
    line = assert_one_line_error(qadam("--db", demo_path, "search", "a"))
    assert "damaged" in line
    assert digest(demo_path) == before


def test_a_database_with_corrupt_pages_is_refused_by_init(demo_path: Path) -> None:
    data = bytearray(demo_path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 40), page):
        data[offset:offset + 200] = b"\xff" * 200  # scribble over page headers
    demo_path.write_bytes(bytes(data))
    before = digest(demo_path)
    assert "damaged" in assert_one_line_error(qadam("--db", demo_path, "init"))
    assert digest(demo_path) == before


def test_a_directory_and_a_read_only_location_are_refused(tmp_path: Path) -> None:
    assert "folder" in assert_one_line_error(qadam("--db", tmp_path, "init"))
    line = assert_one_line_error(qadam("--db", "/proc/qadam/qadam.db", "init"))
    assert "cannot write" in line


def test_a_missing_database_is_not_created_by_search(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    assert "qadam init" in assert_one_line_error(qadam("--db", path, "search", "Әлия"))
    assert not path.exists()


@pytest.mark.parametrize("args", [("demo", "--clients", "many"), ("demo", "--clients", "0"),
                                  ("search", "x", "--limit", "-3"), ("frobnicate",),
                                  ("search",)])
def test_bad_option_values_get_one_translated_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    path = tmp_path / "q.db"
    english = assert_one_line_error(qadam("--db", path, *args))
    kazakh = assert_one_line_error(qadam("--db", path, *args, lang="kk"))
    assert english != kazakh  # the message itself is translated
    assert not path.exists()


def test_messages_follow_the_language(tmp_path: Path) -> None:
    line = assert_one_line_error(qadam("--db", tmp_path, "init", lang="kk"))
    assert "бума" in line or "папка" in line or "қалта" in line
    line = assert_one_line_error(qadam("--db", tmp_path, "init", lang="ru"))
    assert "папка" in line


# Enough clients that the demo is far from done when it is interrupted after its first
# chunk of 2,000 (a 2-core machine writes one in about a second), few enough that a run
# which ignored the interrupt would still end, and fail, within the test's bounds.
INTERRUPTED_DEMO_CLIENTS = 40_000
# A cold start (imports, migrations check, first chunk) on a loaded 2-core machine.
DEMO_STARTS_WITHIN = 180.0
DEMO_STOPS_WITHIN = 120.0
# The child restores Python's own Ctrl+C handler: a process started in the background
# inherits SIGINT ignored, and Python then never installs it, so the interrupt is lost.
RUN_WITH_CTRL_C = ("import runpy, signal; signal.signal(signal.SIGINT, "
                   "signal.default_int_handler); "
                   "runpy.run_module('desktop', run_name='__main__', alter_sys=True)")


def _read_terminal(master: int, until: float, done: Callable[[str], bool],
                   seen: list[str]) -> bool:
    """Read the child's terminal into ``seen`` until ``done(text so far)`` or ``until``."""
    while time.monotonic() < until:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: every end of the terminal's other side is closed
                chunk = b""
            if not chunk:
                return done("".join(seen))
            seen.append(chunk.decode("utf-8", "replace"))
        if done("".join(seen)):
            return True
    return False


def test_interrupting_demo_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty", reason="the progress bar is drawn only on a terminal")
    path = tmp_path / "interrupted.db"
    assert qadam("--db", path, "init").returncode == 0
    with sqlite3.connect(path) as connection:
        before = list(connection.iterdump())
    # The progress bar is drawn only on a terminal, and only after a chunk of clients has
    # gone into the open transaction: seeing it is seeing the writing under way.
    master, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", RUN_WITH_CTRL_C, "--db", str(path), "demo", "--clients",
             str(INTERRUPTED_DEMO_CLIENTS)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal,
            env={**os.environ, "QADAM_LANG": "en"})
        os.close(terminal)
        seen: list[str] = []
        try:
            started = _read_terminal(master, time.monotonic() + DEMO_STARTS_WITHIN,
                                     lambda text: "Creating demo data" in text
                                     and "%" in text, seen)
            assert started, f"no progress within {DEMO_STARTS_WITHIN} s: {''.join(seen)!r}"
            assert process.poll() is None, "the demo ended before it could be interrupted"
            # Its write transaction is open: another writer is refused, not made to wait.
            with (contextlib.closing(sqlite3.connect(path, timeout=0)) as probe,
                  pytest.raises(sqlite3.OperationalError, match="locked")):
                probe.execute("BEGIN IMMEDIATE")
            process.send_signal(signal.SIGINT)
            _read_terminal(master, time.monotonic() + DEMO_STOPS_WITHIN, lambda _: False,
                           seen)
            stdout, _ = process.communicate(timeout=30)  # its terminal is closed by now
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    finally:
        os.close(master)
    assert process.returncode == 130
    assert "Created" not in stdout.decode()
    lines = [line for line in "".join(seen).replace("\r", "\n").splitlines() if line.strip()]
    assert lines[-1].strip() == "qadam: Interrupted; nothing was written."
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert list(connection.iterdump()) == before


def test_the_window_without_a_display_says_so(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "desktop", "--db", str(tmp_path / "q.db")],
                            capture_output=True, text=True, timeout=60,
                            env={**environment, "QADAM_LANG": "en"})
    assert "No display" in assert_one_line_error(result)


def test_searching_an_invalid_iin_says_why(demo_path: Path) -> None:
    line = assert_one_line_error(qadam("--db", demo_path, "search", "900101300018"))
    assert "900101300018 is not a valid IIN" in line and "last digit" in line
    kazakh = assert_one_line_error(qadam("--db", demo_path, "search", "900101 300018", lang="kk"))
    assert "ЖСН" in kazakh


def test_user_add_creates_a_user_who_can_log_in(demo_path: Path) -> None:
    from db.migrate import open_database
    from desktop.services.auth import log_in

    added = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(demo_path), "user", "add", "Dana",
         "--role", "caseworker", "--name", "Дана Әбілова", "--office", "shy",
         "--password-stdin"], input="a-long-password\n", capture_output=True, text=True,
        env={**os.environ, "QADAM_LANG": "en"}, timeout=60)
    assert added.returncode == 0, added.stderr
    database = open_database(demo_path)
    try:
        actor = log_in(database, "dana", "a-long-password")
    finally:
        database.dispose()
    assert (actor.full_name, actor.office_code) == ("Дана Әбілова", "SHY")

    again = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(demo_path), "user", "add", "dana",
         "--role", "manager", "--office", "SHY", "--password-stdin"], input="another-password\n",
        capture_output=True, text=True, env={**os.environ, "QADAM_LANG": "en"}, timeout=60)
    assert "dana" in assert_one_line_error(again)


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """``qadam ARGS`` run by ``desktop.cli.main`` in this process: the exit code and stdout."""
    from desktop.cli import main

    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    if code:
        assert "Traceback" not in captured.err
        assert len(captured.err.strip().splitlines()) == 1, captured.err
        return code, captured.err.strip()
    return code, captured.out


@pytest.mark.parametrize("command", [
    ("search", "Әлия"),
    ("report", "monthly", "--month", "2026-10", "--lang", "en", "--out", "{out}"),
    ("report", "consultation", "0" * 32, "--lang", "en", "--out", "{out}"),
])
def test_commands_that_read_leave_an_empty_file_empty(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    path = tmp_path / "qadam.db"
    path.touch()  # a failed copy, or a name typed wrong then made by an editor
    out = tmp_path / "report.pdf"
    code, line = run_in_process(capsys, "--db", path, *(arg.format(out=out) for arg in command))
    assert code != 0
    assert "There is no database" in line and "qadam init" in line
    assert path.stat().st_size == 0
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["qadam.db"]


def test_init_without_db_creates_the_data_folder_of_a_new_account(
        capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.paths import data_dir

    folder = data_dir()
    assert not folder.exists()  # the isolated home is as new as a new account's
    code, out = run_in_process(capsys, "init")
    assert code == 0, out
    assert (folder / "qadam.db").is_file()
    assert str(folder / "qadam.db") in out
    assert folder.stat().st_mode & 0o777 == 0o700  # it will hold personal data


@pytest.mark.parametrize("how", ["QADAM_DB", "--db"])
def test_a_folder_the_user_names_is_never_created(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        how: str) -> None:
    from desktop.paths import data_dir

    named = tmp_path / "typo" / "qadam.db"
    if how == "QADAM_DB":
        monkeypatch.setenv("QADAM_DB", str(named))
        code, line = run_in_process(capsys, "init")
    else:
        code, line = run_in_process(capsys, "--db", named, "init")
    assert code != 0 and "cannot write" in line
    assert not named.parent.exists()
    assert not data_dir().exists()  # the default place was not the one used
