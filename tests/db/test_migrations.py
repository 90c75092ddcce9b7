"""Creating, upgrading and refusing database files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from db.errors import DatabaseProblem, Problem
from db.migrate import head_revision, open_database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_new_file_is_created_at_the_latest_schema_with_reference_lists(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    database = open_database(path)
    with database.engine.connect() as connection:
        regions = connection.execute(text("SELECT count(*) FROM region")).scalar()
        mode = connection.execute(text("PRAGMA journal_mode")).scalar()
        keys = connection.execute(text("PRAGMA foreign_keys")).scalar()
        label = connection.execute(
            text("SELECT label_kk FROM region WHERE code = '62'")).scalar()
    database.dispose()
    assert revision_of(path) == head_revision()
    assert regions == 20  # 17 regions and 3 cities since the 2022 reform
    assert (mode, keys) == ("wal", 1)
    assert label == "Ұлытау облысы"


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(path, revision="0001").dispose()
    assert revision_of(path) == "0001"

    database = open_database(path)
    database.dispose()

    assert revision_of(path) == head_revision()
    assert database.backup is not None and database.backup.parent == tmp_path
    assert revision_of(database.backup) == "0001"  # the copy is the database as it was


def test_database_from_a_newer_qadam_is_refused_untouched(database_path: Path) -> None:
    with sqlite3.connect(database_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = digest(database_path)
    with pytest.raises(DatabaseProblem) as problem:
        open_database(database_path)
    assert problem.value.kind is Problem.NEWER_VERSION
    assert digest(database_path) == before


@pytest.mark.parametrize(("content", "kind"), [
    (b"name,iin\nAliya,900101300017\n" * 10, Problem.NOT_A_DATABASE),
    (b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 82, Problem.DAMAGED),
])
def test_a_file_that_is_not_a_sound_database_is_refused_untouched(
        tmp_path: Path, content: bytes, kind: Problem) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path)
    assert problem.value.kind is kind
    assert path.read_bytes() == content


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    before = digest(path)
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path)
    assert problem.value.kind is Problem.NOT_QADAM
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_a_truncated_database_is_refused_untouched(database_path: Path) -> None:
    data = database_path.read_bytes()
    database_path.write_bytes(data[: len(data) // 2])
    before = digest(database_path)
    with pytest.raises(DatabaseProblem) as problem:
        open_database(database_path)
    assert problem.value.kind is Problem.DAMAGED
    assert digest(database_path) == before


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseProblem) as problem:
        open_database(tmp_path)
    assert problem.value.kind is Problem.DIRECTORY


def test_an_unwritable_location_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseProblem) as problem:
        open_database(tmp_path / "no-such-folder" / "qadam.db")
    assert problem.value.kind is Problem.NOT_WRITABLE
    assert not (tmp_path / "no-such-folder").exists()


def test_revision_files_agree_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from db.migrate import alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    ordered = [script.revision for script in reversed(list(scripts.walk_revisions()))]
    assert ordered == known_revisions()
    assert scripts.get_current_head() == head_revision()


def test_the_migrations_build_exactly_the_schema_the_models_describe(database_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from db.base import Base

    database = open_database(database_path)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [d for d in compare_metadata(context, Base.metadata)
                       # the FTS5 index and its shadow tables are SQLite's own, not models
                       if not (d[0] == "remove_table" and d[1].name.startswith("person_fts"))]
    database.dispose()
    assert differences == []
