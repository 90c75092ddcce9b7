"""What a user of the central office sees when its PostgreSQL server misbehaves: one clear
line for each failure, never the password, and work that goes on once the server is back.

Runs with ``--engine=postgresql`` (scripts/test.sh does), on the throw-away server."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.errors import DatabaseProblem, Problem
from db.migrate import open_database
from db.models import Office
from db.session import Database
from desktop.services.messages import describe
from tests.postgres_server import Server

pytestmark = pytest.mark.postgresql_only


def offices(database: Database) -> int:
    with database.reading() as connection:
        return connection.execute(select(func.count()).select_from(Office)).scalar_one()


def test_a_connection_the_server_dropped_is_replaced_before_the_next_save(
        database: Database, postgres: Server) -> None:
    assert offices(database) == 0  # a pooled connection, open on the server
    name = database.engine.url.database
    # A server restart or an idle timeout ends the connection while the window waits.
    postgres.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    with database.session() as session:
        session.add(Office(code="AST", name="Astana", region_code="71"))
    assert offices(database) == 1


def test_a_connection_lost_in_the_middle_of_a_save_is_said_and_nothing_is_half_done(
        database: Database, postgres: Server) -> None:
    name = database.engine.url.database
    with pytest.raises(DatabaseProblem) as lost, database.session() as session:
        session.add(Office(code="AST", name="Astana", region_code="71"))
        session.flush()
        postgres.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
        session.add(Office(code="SHY", name="Shymkent", region_code="79"))
    assert lost.value.kind is Problem.UNREACHABLE
    assert "does not answer" in describe(lost.value)
    assert offices(database) == 0  # the server rolled the half-done save back
    with database.session() as session:  # and saving again works
        session.add(Office(code="AST", name="Astana", region_code="71"))
    assert offices(database) == 1


@pytest.mark.parametrize(("change", "kind"), [
    (lambda url: url.replace("/test_", "/nowhere_"), Problem.MISSING_ON_SERVER),
    (lambda url: url.replace("qadam@", "stranger:s3cret-pw@"), Problem.AUTHENTICATION),
    (lambda url: url.split("?host=")[0] + "?host=/nonexistent/socket", Problem.UNREACHABLE),
])
def test_each_connection_failure_gets_its_own_message_without_the_password(
        database: Database, change: object, kind: Problem) -> None:
    url = change(database.engine.url.render_as_string(hide_password=False))  # type: ignore[operator]
    with pytest.raises(DatabaseProblem) as refused:
        open_database(url).dispose()
    assert refused.value.kind is kind
    message = describe(refused.value)
    assert "s3cret-pw" not in message and "s3cret-pw" not in str(refused.value)


def test_the_window_names_the_server_but_never_the_password(postgres: Server) -> None:
    url = postgres.url("anything").replace("qadam@", "qadam:s3cret-pw@")
    database = Database.__new__(Database)
    from sqlalchemy import create_engine

    database.engine = create_engine(url)
    try:
        assert database.server == f"{postgres.socket_dir}/anything"
        assert "s3cret-pw" not in database.location
    finally:
        database.engine.dispose()


def test_backup_and_restore_leave_a_server_to_its_own_tools(database: Database,
                                                          tmp_path: object) -> None:
    from pathlib import Path

    from desktop.services import backups
    from desktop.services.access import LOCAL_OPERATOR

    out = Path(str(tmp_path)) / "copy.db"
    for attempt in (lambda: backups.back_up(database, LOCAL_OPERATOR, out),
                    lambda: backups.restore(database, LOCAL_OPERATOR, out)):
        with pytest.raises(backups.BackupProblem) as refused:
            attempt()
        assert refused.value.kind is backups.BackupFailure.SERVER
        assert "pg_dump" in describe(refused.value)
    assert not out.exists()
