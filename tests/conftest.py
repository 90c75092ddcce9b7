"""Shared fixtures: an isolated home per test run, fresh databases, a small demo database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.migrate import open_database
from db.session import Database
from desktop import i18n

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
    """A fresh, fully migrated database file of this test's own."""
    path = tmp_path / "qadam.db"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
def database(database_path: Path) -> Iterator[Database]:
    db = open_database(database_path)
    yield db
    db.dispose()


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
def demo_database(demo_path: Path) -> Iterator[Database]:
    db = open_database(demo_path)
    yield db
    db.dispose()
