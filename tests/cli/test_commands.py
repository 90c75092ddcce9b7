"""The command line, run as a user runs it: a subprocess, its output and exit code."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
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


def test_interrupting_demo_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "interrupted.db"
    assert qadam("--db", path, "init").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(path), "demo", "--clients", "200000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QADAM_LANG": "en"})
    wal = Path(f"{path}-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2**20):
        time.sleep(0.05)  # wait until it is well into writing
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines()[-1] == "qadam: Interrupted; nothing was written."
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM person").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM office").fetchone() == (0,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


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
