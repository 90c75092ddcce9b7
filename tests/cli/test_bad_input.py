"""Bad input on the command line: one translated line and a non-zero exit, never a traceback;
and every file Qadam writes readable by its owner only."""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from db.errors import DatabaseProblem, Problem
from db.location import MAX_LOCATION, database_location
from db.migrate import open_database
from db.session import database_url
from desktop import cli, i18n, settings
from tests.cli.test_commands import assert_one_line_error, qadam
from tests.reports.known_month import build

BAD_LOCATION = "is not a database path or URL Qadam can open"
NOT_A_FILE = "is not a regular file"
NO_DRIVER = "is not installed in this Qadam"
UNSUPPORTED = "is not supported yet"
UNREACHABLE = "does not answer"


@pytest.fixture(autouse=True)
def umask() -> Iterator[int]:
    """A permissive umask, as many systems have, to show Qadam does not rely on the user's;
    put back afterwards, for ``main()`` runs in-process and other tests share the process."""
    previous = os.umask(0o022)
    try:
        yield 0o022
    finally:
        os.umask(previous)


def run_bytes(*args: str | bytes | Path, env: dict[str, str] | None = None,
              ) -> subprocess.CompletedProcess[bytes]:
    """``qadam`` with raw bytes in argv, as a shell passes a name that is not UTF-8."""
    environment = {**os.environ, "QADAM_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "desktop", *map(os.fsencode, args)],
                          capture_output=True, env=environment, timeout=120)


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    text = subprocess.CompletedProcess(result.args, result.returncode, "",
                                       result.stderr.decode("utf-8", "replace"))
    return assert_one_line_error(text)


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


# --- where the database is --------------------------------------------------------------------


def test_a_db_path_of_five_thousand_characters(tmp_path: Path) -> None:
    result = qadam("--db", "x" * 5000, "search", "Aliya")
    line = assert_one_line_error(result)
    assert BAD_LOCATION in line and len(line) < 300


def test_a_db_name_longer_than_the_system_allows(tmp_path: Path) -> None:
    line = assert_one_line_error(qadam("--db", tmp_path / ("n" * 300), "init"))
    assert BAD_LOCATION in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url, expected", [
    ("xx://yy", BAD_LOCATION),
    ("postgresql+nosuchdriver://u@127.0.0.1:1/x", BAD_LOCATION),
    ("postgresql://u@127.0.0.1:notaport/x", BAD_LOCATION),
    ("mysql://u@127.0.0.1:1/x", UNSUPPORTED),
    ("mariadb://u@127.0.0.1:1/x", UNSUPPORTED),
])
def test_urls_qadam_cannot_open(url: str, expected: str) -> None:
    for command in (("init",), ("search", "Aliya")):
        assert expected in assert_one_line_error(qadam("--db", url, *command))


@pytest.mark.parametrize("url, driver", [
    ("postgresql://u@127.0.0.1:1/x", "psycopg"),
    ("postgresql+psycopg://u@127.0.0.1:1/x", "psycopg"),
    ("postgresql+psycopg2://u:secret@127.0.0.1:1/x", "psycopg2"),
])
def test_postgresql_without_its_driver_or_its_server(url: str, driver: str) -> None:
    line = assert_one_line_error(qadam("--db", url, "search", "Aliya"))
    installed = importlib.util.find_spec(driver) is not None
    assert (UNREACHABLE if installed else NO_DRIVER) in line
    assert "secret" not in line  # a password is never printed


def test_a_postgresql_server_that_does_not_answer(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # No driver here, so the refusal of the connection is played: what the driver raises
    # when nothing listens on the port.
    from desktop.services import database

    url = "postgresql+psycopg://u:secret@127.0.0.1:1/x"
    monkeypatch.setattr(cli, "database_location", lambda text: text)

    def refused(_target: str) -> None:
        raise OperationalError("connect", {}, Exception("connection refused"))

    monkeypatch.setattr(database, "open_existing", refused)
    assert cli.main(["--db", url, "search", "Aliya"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert UNREACHABLE in err and "127.0.0.1:1" in err and "secret" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_fifo_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in (("--db", fifo, "init"), ("--db", fifo, "search", "Aliya"),
                 ("--db", f"sqlite:///{fifo}", "init")):
        assert NOT_A_FILE in assert_one_line_error(qadam(*args))
    assert list(tmp_path.iterdir()) == [fifo]


def test_a_device_is_refused_and_nothing_is_created_beside_it(tmp_path: Path) -> None:
    beside = [Path(f"/dev/null{suffix}") for suffix in ("-journal", "-wal", "-shm")]

    def state() -> dict[Path, tuple[int, int] | None]:
        return {path: (path.stat().st_size, path.stat().st_mtime_ns) if path.exists() else None
                for path in beside}

    before = state()
    for args in (("--db", "/dev/null", "init"), ("--db", "/dev/null", "search", "Aliya"),
                 ("--db", "sqlite:////dev/null", "init"), ("--db", "/dev/null")):
        assert NOT_A_FILE in assert_one_line_error(qadam(*args))
    assert NOT_A_FILE in assert_one_line_error(qadam("init", env={"QADAM_DB": "/dev/null"}))
    assert state() == before  # nothing created (or, if something else left one, touched)


def test_a_db_path_with_a_line_break(tmp_path: Path) -> None:
    line = assert_one_line_error(qadam("--db", f"{tmp_path}/a\nb.db", "init"))
    assert BAD_LOCATION in line
    assert list(tmp_path.iterdir()) == []


def test_paths_and_sqlite_urls_give_the_url_they_always_gave(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    for text in ("center.db", str(tmp_path / "center.db"), "~/center.db", "sub/../center.db",
                 f"sqlite:///{tmp_path}/center.db", "sqlite://", str(tmp_path)):
        assert database_location(text) == database_url(text)
    with pytest.raises(DatabaseProblem) as raised:
        database_location("y" * (MAX_LOCATION + 1))
    assert raised.value.kind is Problem.BAD_LOCATION


# --- arguments that are not text --------------------------------------------------------------


def test_a_search_argument_that_is_not_utf8(demo_path: Path) -> None:
    result = run_bytes("--db", demo_path, "search", b"\xff\xfe")
    line = one_line(result)
    assert "not valid text" in line and result.stdout == b""


def test_a_db_path_that_is_not_utf8(tmp_path: Path) -> None:
    result = run_bytes("--db", os.fsencode(tmp_path) + b"/\xff.db", "init")
    assert BAD_LOCATION in one_line(result)
    assert list(tmp_path.iterdir()) == []


def test_an_output_path_that_is_not_utf8(demo_path: Path, tmp_path: Path) -> None:
    out = os.fsencode(tmp_path) + b"/\xe9t\xe9.json"
    result = run_bytes("--db", demo_path, "report", "monthly", "--month", "2026-10",
                       "--lang", "en", "--out", out)
    assert "not valid text" in one_line(result)
    assert list(tmp_path.iterdir()) == [tmp_path / "demo.db"]


# --- a reader that stops early ------------------------------------------------------------------


@pytest.mark.parametrize("form", [(), ("--json",)])
def test_search_into_a_pipe_closed_early(demo_path: Path, form: tuple[str, ...]) -> None:
    """``qadam search … | head -1``: the reader is gone before the matches are written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(demo_path), "search", "a",
         "--limit", "10000", *form],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "QADAM_LANG": "en"})
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader had enough before the first line
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == cli.EXIT_BROKEN_PIPE
    assert err == b""  # no traceback, no "Exception ignored"


@pytest.mark.parametrize("reader", ["true", "head -1 >/dev/null"])
def test_search_piped_into_a_reader_that_stops(demo_path: Path, reader: str) -> None:
    """The same through a shell pipeline, as typed; ``true`` stops before reading at all."""
    script = (f'"{sys.executable}" -m desktop --db "{demo_path}" search a --limit 10000 '
              f'--json | {reader}')
    result = subprocess.run(["sh", "-c", script], capture_output=True, timeout=120,
                            env={**os.environ, "QADAM_LANG": "en"})
    assert result.returncode == 0 and result.stderr == b""


# --- the settings file ------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b'{"language": 123}', b'{"language": ["kk"]}',
                                     b'{"language": "xx"}', b"{not json", b"[1, 2]",
                                     b'{"language": "\xff\xfe"}', b"[" * 100_000])
def test_a_garbled_settings_file_is_passed_over(demo_path: Path, content: bytes) -> None:
    path = settings.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    result = qadam("--db", demo_path, "search", "Zzyzx", lang="ru")
    assert result.returncode == 0 and result.stderr == ""
    assert "Zzyzx" in result.stdout and "No client" not in result.stdout  # QADAM_LANG won
    assert i18n.resolve_language(settings.get("language")) in i18n.LANGUAGES


def test_resolve_language_ignores_what_is_not_a_language(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    monkeypatch.setenv("QADAM_LANG", "ru")
    for saved in (123, 1.5, ["kk"], {"kk": 1}, True, "xx", ""):
        assert i18n.resolve_language(saved) == "ru"
    assert i18n.resolve_language("kk") == "kk"


# --- files for the owner only -------------------------------------------------------------------


def test_init_creates_a_database_only_its_owner_may_read(tmp_path: Path) -> None:
    path = tmp_path / "center.db"
    assert qadam("--db", path, "init").returncode == 0
    for made in tmp_path.iterdir():  # the database, and its -wal and -shm if left
        assert private(made), made


def test_the_copy_before_an_upgrade_is_the_owners_only(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(path, revision="0001").dispose()  # made under the permissive umask
    result = qadam("--db", path, "init")
    assert result.returncode == 0, result.stderr
    backups = list(tmp_path.glob("old.before-upgrade-*.db"))
    assert backups and all(private(backup) for backup in backups)


def test_reports_are_the_owners_only(database_path: Path, tmp_path: Path) -> None:
    database = open_database(database_path)
    consultation = str(build(database).consultation_id)
    database.dispose()
    outputs = [tmp_path / f"october.{form}" for form in ("pdf", "xlsx", "json")]
    for out in outputs:
        result = qadam("--db", database_path, "report", "monthly", "--month", "2026-10",
                       "--lang", "en", "--out", out)
        assert result.returncode == 0, result.stderr
    outputs.append(tmp_path / "record.pdf")
    result = qadam("--db", database_path, "report", "consultation", consultation, "--lang",
                   "kk", "--out", outputs[-1])
    assert result.returncode == 0, result.stderr
    for out in outputs:
        assert private(out), out


def test_main_in_process_makes_private_files_and_puts_the_umask_back(tmp_path: Path) -> None:
    path = tmp_path / "center.db"
    assert cli.main(["--db", str(path), "init"]) == 0
    assert private(path)
    assert os.umask(0o022) == 0o022  # as the fixture left it


def test_the_settings_file_is_the_owners_only(isolated_home: Path) -> None:
    settings.put("language", "ru")
    settings.put("language", "kk")  # replacing it keeps it private too
    path = settings.settings_file()
    assert private(path) and private(path.parent)
    assert json.loads(path.read_text(encoding="utf-8")) == {"language": "kk"}
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary left


def test_the_log_is_the_owners_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.logs import install_log, log

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # install_log replaces it
    old = tmp_path / "old"
    old.mkdir()
    (old / "qadam.log").write_text("from an earlier Qadam\n", encoding="utf-8")
    (old / "qadam.log").chmod(0o644)
    for folder in (tmp_path / "logs", old):
        path = install_log(folder)
        handler = log.handlers[-1]
        try:
            log.info("a line")
            handler.flush()
            assert private(path)
            assert folder == old or private(folder)
        finally:
            log.removeHandler(handler)
            handler.close()


# --- previews left behind by earlier runs ---------------------------------------------------------


def test_stale_preview_folders_are_removed(tmp_path: Path) -> None:
    from desktop.ui.reports import preview_folders

    now = time.time()
    started = now - 60

    def folder(name: str, age: float = 3600) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / "consultation-record.pdf").write_bytes(b"%PDF-")
        os.utime(path, (now - age, now - age))
        return path

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = [folder("qadam-record-a1b2"), folder("qadam-report-c3d4"),
                 folder(f"qadam-preview-{finished.pid}-record-e5f6")]
        kept = [folder("qadam-record-new", age=0),  # made after this process started
                folder(f"qadam-preview-{running.pid}-report-g7h8"),  # its window is open
                folder("other-program-i9")]
        outside = folder("outside")
        link = tmp_path / "qadam-report-link"
        link.symlink_to(outside)
        os.utime(link, (now - 3600, now - 3600), follow_symlinks=False)
        plain = tmp_path / "qadam-record-plain"
        plain.write_text("not a folder")
        os.utime(plain, (now - 3600, now - 3600))
        kept += [outside, link, plain]
        if os.getuid() == 0:  # as root, a folder of another user can be made: not ours
            foreign = folder("qadam-record-foreign")
            os.chown(foreign, 65534, 65534)
            kept.append(foreign)

        assert preview_folders.remove_stale_previews(tmp_path, started) == len(stale)
    finally:
        running.kill()
        running.wait()
    assert not any(os.path.lexists(path) for path in stale)
    assert all(os.path.lexists(path) for path in kept)
    assert (outside / "consultation-record.pdf").exists()


def test_preview_folders_are_named_for_their_process() -> None:
    from desktop.ui.reports import preview_folders

    with preview_folders.preview_folder("record") as name:
        path = Path(name)
        assert path.name.startswith(f"{preview_folders.PREVIEW_PREFIX}{os.getpid()}-record-")
        assert private(path)
    assert preview_folders.process_started() <= time.time()
