"""Shared fixtures: an isolated home per test run, fresh databases, a small demo database."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.migrate import open_database
from db.session import Database
from desktop import i18n
from tests.postgres_server import Server

if TYPE_CHECKING:
    from desktop.services.auth import Actor

DEMO_TODAY = date(2026, 11, 25)
DEMO_CLIENTS = 400


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings, data and logs go to a temporary home; the UI language starts as English."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                             ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.delenv("QADAM_DB", raising=False)
    monkeypatch.setenv("QADAM_LANG", "en")
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(path).dispose()
    return path


@pytest.fixture
def database_path(tmp_path: Path, migrated_template: Path) -> Path:
    """A fresh, fully migrated database file of this test's own (SQLite only: a test that
    asks for the file is skipped when the suite runs on PostgreSQL)."""
    path = tmp_path / "qadam.db"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A fresh, fully migrated database of this test's own, on the engine of the run."""
    yield from _opened(request, "postgres_template", "database_path")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    from desktop.services.demo.generator import generate

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(migrated_template, path)
    db = open_database(path)
    generate(db, clients=DEMO_CLIENTS, seed=7, today=DEMO_TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo_path(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_database(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from _opened(request, "postgres_demo", "demo_path")


def _opened(request: pytest.FixtureRequest, template: str, path: str) -> Iterator[Database]:
    """The test's own copy: of the server's template database, or of the SQLite file."""
    if engine_of(request.config) != "postgresql":
        db = open_database(request.getfixturevalue(path))
        yield db
        db.dispose()
        return
    server: Server = request.getfixturevalue("postgres")
    name = f"test_{os.getpid()}_{next(_copies)}"
    server.psql(f"CREATE DATABASE {name} TEMPLATE {request.getfixturevalue(template)}")
    db = open_database(server.url(name))
    yield db
    db.dispose()
    server.psql(f"DROP DATABASE {name} WITH (FORCE)")


# ---- the engine a run tests -------------------------------------------------------------------
# ``pytest --engine=postgresql tests/db tests/services tests/reports`` runs those suites on
# a throw-away PostgreSQL server (tests/postgres_server.py); tests that need the SQLite
# file itself (the fixtures below) are skipped there, with the reason.

SQLITE_FILES = frozenset({"database_path", "demo_path", "migrated_template", "demo_template"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--engine", choices=("sqlite", "postgresql"), default="sqlite",
                     help="the database engine the database fixtures open")


def engine_of(config: pytest.Config) -> str:
    return str(config.getoption("--engine"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if engine_of(config) != "postgresql":
        server_only = pytest.mark.skip(reason="the PostgreSQL run's (--engine=postgresql)")
        for item in items:
            if item.get_closest_marker("postgresql_only"):
                item.add_marker(server_only)
        return
    skip = pytest.mark.skip(reason="works on the SQLite file itself")
    for item in items:
        if SQLITE_FILES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker(
                "sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    from tests import postgres_server

    try:
        server = postgres_server.start()
    except postgres_server.NoServer:
        if os.environ.get("CI"):
            raise  # scripts/test.sh installs it: missing in CI is a failure
        pytest.skip("PostgreSQL's server programs are not installed "
                    "(sh scripts/setup.sh --with-postgresql, as root)")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres: Server) -> str:
    """A migrated database that each test's own is copied from (CREATE DATABASE TEMPLATE)."""
    postgres.psql("CREATE DATABASE qadam_template")
    open_database(postgres.url("qadam_template")).dispose()
    return "qadam_template"


@pytest.fixture
def server_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a fresh, migrated database on the throw-away server, whatever the run's
    engine: for the tests that hold one engine's results to the other's. Skipped where
    PostgreSQL's server programs are not installed (never in CI)."""
    server: Server = request.getfixturevalue("postgres")
    name = f"engines_{os.getpid()}_{next(_copies)}"
    server.psql(f"CREATE DATABASE {name} TEMPLATE {request.getfixturevalue('postgres_template')}")
    yield server.url(name)
    server.psql(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def postgres_demo(postgres: Server, postgres_template: str) -> str:
    from desktop.services.demo.generator import generate

    postgres.psql("CREATE DATABASE qadam_demo TEMPLATE qadam_template")
    db = open_database(postgres.url("qadam_demo"))
    generate(db, clients=DEMO_CLIENTS, seed=7, today=DEMO_TODAY)
    db.dispose()
    return "qadam_demo"


_copies = itertools.count(1)


def busiest_caseworker(database: Database) -> Actor:
    """The demo caseworker with the most follow-ups due: a full Today to look at."""
    from sqlalchemy import func, select

    from db.models import FollowUp, User
    from db.models.org import Role
    from desktop.services.auth import log_in

    with database.reading() as connection:
        login = connection.scalar(
            select(User.login).join(FollowUp, FollowUp.assignee_id == User.id)
            .where(FollowUp.done.is_(False), FollowUp.due_on <= DEMO_TODAY,
                   User.role == Role.CASEWORKER)
            .group_by(User.login).order_by(func.count().desc(), User.login).limit(1))
    assert login is not None
    return log_in(database, login, "qadam-caseworker")
