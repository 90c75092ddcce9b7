"""``qadam import clients``, run as a user runs it: the template, the dry run, the import,
and a process killed in the middle of one."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.iin import make_iin

KILLED_IMPORT_ROWS = 10_000
STARTS_WITHIN = 90.0


def qadam(*args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QADAM_LANG": lang}
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)],
                          capture_output=True, text=True, env=environment, timeout=180)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def valid_iins(count: int) -> list[str]:
    made = (make_iin(date(1980, 1, 1), "M", serial) for serial in range(1, 10_000))
    found = [value for value in made if value is not None]
    born = date(1981, 1, 1)
    while len(found) < count:  # 10,000 serials a day: the next days after
        found += [v for v in (make_iin(born, "M", s) for s in range(1, 10_000)) if v]
        born = born.replace(year=born.year + 1)
    return found[:count]


@pytest.fixture
def office_db(tmp_path: Path) -> Path:
    path = tmp_path / "center.db"
    assert qadam("--db", path, "init").returncode == 0
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO office (id, code, name, region_code, address, phone, active, "
            "created_at, updated_at, version) VALUES ('0123456789abcdef0123456789abcdef', "
            "'AST', 'Astana', '71', '', '', 1, '2026-01-01', '2026-01-01', 1)")
    return path


def people(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM person").fetchone()[0]


def test_the_template_has_the_headers_of_its_language(office_db: Path, tmp_path: Path) -> None:
    xlsx, csv = tmp_path / "template.xlsx", tmp_path / "template.csv"
    assert qadam("--db", office_db, "import", "clients", "--template", xlsx,
                 "--lang", "ru").returncode == 0
    sheet = load_workbook(xlsx).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Фамилия", "Имя", "Отчество"] and "ИИН" in headers
    assert qadam("--db", office_db, "import", "clients", "--template", csv,
                 "--lang", "en").returncode == 0
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0].startswith(
        "last_name;first_name;patronymic;last_name_latin;first_name_latin;iin;birth_date;sex;")


def test_the_dry_run_lists_each_problem_and_writes_nothing(office_db: Path,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Фамилия;Имя;ИИН;Пол;Категория\n"
                    "Серіков;Асқар;;М;Кандас\n"
                    "Серікова;Әлия;12345;Ж;Кандас\n", encoding="utf-8")
    result = qadam("--db", office_db, "import", "clients", path, "--dry-run",
                   "--consent", "written")
    assert result.returncode == 1
    assert "row 3, ИИН: An IIN has exactly 12 digits." in result.stdout
    assert "2 rows: 1 ready to import, 1 with problems." in result.stdout
    assert people(office_db) == 0


def test_a_file_with_problems_imports_nothing_unless_told_to_skip_them(office_db: Path,
                                                                       tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Фамилия;Имя;ИИН;Пол;Категория\n"
                    "Серіков;Асқар;;М;Кандас\n"
                    "Серікова;Әлия;12345;Ж;Кандас\n", encoding="utf-8")
    refused = qadam("--db", office_db, "import", "clients", path, "--consent", "written")
    assert "--skip-invalid" in one_line_error(refused)
    assert people(office_db) == 0
    done = qadam("--db", office_db, "import", "clients", path, "--consent", "written",
                 "--skip-invalid")
    assert done.returncode == 0, done.stderr
    assert "Imported 1 client" in done.stdout and people(office_db) == 1


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "is empty"), (b"\x00\x01\x02" * 100, "binary data"),
    (b"last_name;first_name\n", "header row but no clients")])
def test_a_file_without_clients_gets_one_line(office_db: Path, tmp_path: Path,
                                              content: bytes, expected: str) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    assert expected in one_line_error(qadam("--db", office_db, "import", "clients", path))


def test_an_unknown_office_or_consent_form_gets_one_line(office_db: Path,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("last_name;first_name;sex;category\nСеріков;Асқар;M;kandas\n")
    assert "NOPE" in one_line_error(qadam("--db", office_db, "import", "clients", path,
                                          "--office", "nope"))
    assert "“verbal”" in one_line_error(qadam("--db", office_db, "import", "clients", path,
                                              "--consent", "verbal"))


def test_an_import_killed_mid_way_leaves_the_database_as_it_was(office_db: Path,
                                                                tmp_path: Path) -> None:
    pty = pytest.importorskip("pty", reason="the progress bar is drawn only on a terminal")
    path = tmp_path / "clients.csv"
    rows = "\n".join(f"Серіков;Асқар;{value};01.01.1980;М;Кандас"
                     for value in valid_iins(KILLED_IMPORT_ROWS))
    path.write_text(f"Фамилия;Имя;ИИН;Дата рождения;Пол;Категория\n{rows}\n")
    with sqlite3.connect(office_db) as connection:
        before = list(connection.iterdump())
    master, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(office_db), "import", "clients",
         str(path), "--consent", "written"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal,
        env={**os.environ, "QADAM_LANG": "en"})
    os.close(terminal)
    seen = ""
    try:
        until = time.monotonic() + STARTS_WITHIN
        # The bar of the writing step, past its first chunk: rows are in the transaction.
        while time.monotonic() < until and not ("Importing" in seen and "%" in
                                                seen.split("Importing")[-1]):
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(master, 4096).decode("utf-8", "replace")
                except OSError:
                    break
        assert process.poll() is None, f"the import ended before it was killed: {seen!r}"
        assert "Importing" in seen, seen
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    with sqlite3.connect(office_db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert list(connection.iterdump()) == before
