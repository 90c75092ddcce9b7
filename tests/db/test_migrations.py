"""Creating, upgrading and refusing database files."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
                       # the FTS5 indexes and their shadow tables are SQLite's own, not models
                       if not (d[0] == "remove_table"
                               and d[1].name.startswith(("person_fts", "person_infix")))]
    database.dispose()
    assert differences == []


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """``path`` (a file or folder) truly refuses writes, root's included.

    The tests run as root, whom permission bits do not stop: root gets the immutable
    attribute, which stops everyone; anyone else gets the write bits removed.
    """
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(
                ["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("running as root where the immutable attribute is not available")

        def restore() -> None:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode

        def restore() -> None:
            path.chmod(mode)

        path.chmod(mode & ~0o222)
    try:
        yield
    finally:
        restore()


def listing(folder: Path) -> dict[str, str]:
    return {entry.name: digest(entry) for entry in sorted(folder.iterdir())}


def test_a_sound_database_in_a_read_only_folder_is_refused_as_read_only(
        database_path: Path) -> None:
    folder = database_path.parent
    before = listing(folder)
    with unwritable(folder), pytest.raises(DatabaseProblem) as problem:
        # A WAL database: SQLite cannot even read it without creating NAME-shm there.
        open_database(database_path, create=False)
    assert problem.value.kind is Problem.READ_ONLY
    assert listing(folder) == before


def test_a_sound_read_only_database_file_is_refused_as_read_only(database_path: Path) -> None:
    before = listing(database_path.parent)
    with unwritable(database_path), pytest.raises(DatabaseProblem) as problem:
        open_database(database_path)
    assert problem.value.kind is Problem.READ_ONLY
    assert listing(database_path.parent) == before  # not even a -shm left behind


def crash_after_a_commit(path: Path) -> None:
    """Commit a change and die without closing, as a crashed Qadam: the -wal and -shm stay."""
    script = ("import os, sqlite3, sys\n"
              "connection = sqlite3.connect(sys.argv[1])\n"
              "connection.execute('PRAGMA wal_autocheckpoint=0')\n"
              "connection.execute(\"UPDATE region SET label_en = label_en || '.'\")\n"
              "connection.commit()\n"
              "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 0


def test_a_wal_database_whose_shm_cannot_be_created_is_read_only(database_path: Path) -> None:
    crash_after_a_commit(database_path)
    Path(f"{database_path}-shm").unlink()  # and the -shm is gone, as after a reboot
    folder = database_path.parent
    before = listing(folder)
    with unwritable(folder), pytest.raises(DatabaseProblem) as problem:
        open_database(database_path, create=False)
    assert problem.value.kind is Problem.READ_ONLY
    assert listing(folder) == before


def test_a_wal_database_whose_shm_may_not_be_written_is_read_only(database_path: Path) -> None:
    # Another account's Qadam left a -shm we may read but not write: the first save would fail.
    crash_after_a_commit(database_path)
    before = listing(database_path.parent)
    with unwritable(Path(f"{database_path}-shm")), pytest.raises(DatabaseProblem) as problem:
        open_database(database_path, create=False)
    assert problem.value.kind is Problem.READ_ONLY
    assert listing(database_path.parent) == before


def test_a_damaged_database_in_a_read_only_folder_is_still_damaged(database_path: Path) -> None:
    data = database_path.read_bytes()
    database_path.write_bytes(data[: len(data) // 2])  # a copy cut short on a locked stick
    before = listing(database_path.parent)
    with unwritable(database_path.parent), pytest.raises(DatabaseProblem) as problem:
        open_database(database_path, create=False)
    assert problem.value.kind is Problem.DAMAGED
    assert listing(database_path.parent) == before


def test_a_new_database_in_a_read_only_folder_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    with unwritable(folder), pytest.raises(DatabaseProblem) as problem:
        open_database(folder / "qadam.db")
    assert problem.value.kind is Problem.NOT_WRITABLE
    assert list(folder.iterdir()) == []


def test_an_empty_file_is_missing_unless_creating(tmp_path: Path) -> None:
    path = tmp_path / "qadam.db"
    path.touch()
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path, create=False)
    assert problem.value.kind is Problem.MISSING
    assert path.stat().st_size == 0
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["qadam.db"]

    open_database(path, create=True).dispose()
    assert revision_of(path) == head_revision()


def _insert(connection: sqlite3.Connection, table: str, **values: object) -> None:
    """A row as an older Qadam wrote it: the columns given, every other required one filled."""
    for _cid, name, kind, notnull, default, _pk in connection.execute(
            f"PRAGMA table_info({table})"):
        if notnull and default is None and name not in values:
            values[name] = (1 if kind == "INTEGER" else "2026-01-05 09:00:00.000000"
                            if kind == "DATETIME" else "")
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    connection.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(values.values()))


def test_documents_of_a_0004_database_upgrade_as_valid_with_nothing_else_changed(
        tmp_path: Path) -> None:
    import uuid
    from datetime import date

    from sqlalchemy import select

    from db.models.person import Document, DocumentStatus

    path = tmp_path / "before-documents.db"
    open_database(path, revision="0004").dispose()
    office, person = uuid.uuid4(), uuid.uuid4()
    documents = [uuid.uuid4(), uuid.uuid4()]
    with sqlite3.connect(path) as connection:
        _insert(connection, "office", id=office.hex, code="AST", name="Астана",
                region_code="71")
        _insert(connection, "person", id=person.hex, given_name="Әлия",
                category_code="kandas", office_id=office.hex, preferred_language="kk")
        _insert(connection, "document", id=documents[0].hex, person_id=person.hex,
                type_code="residence_permit", number="N123", issued_by="МВД",
                issued_on="2024-01-10", expires_on="2026-12-10", version=3)
        _insert(connection, "document", id=documents[1].hex, person_id=person.hex,
                type_code="birth_certificate", number="I-АЖ 123456")

    database = open_database(path)
    with database.session() as session:
        stored = {d.id: d for d in session.scalars(select(Document))}
    database.dispose()

    assert revision_of(path) == head_revision()
    assert set(stored) == set(documents)
    for document in stored.values():
        assert document.status is DocumentStatus.VALID
        assert (document.replaced_by_id, document.status_on, document.status_note) == (
            None, None, "")
    permit = stored[documents[0]]
    assert (permit.number, permit.issued_on, permit.expires_on, permit.version) == (
        "N123", date(2024, 1, 10), date(2026, 12, 10), 3)


def test_an_upgrade_that_fails_half_way_leaves_the_database_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema changes included: SQLite's driver used to run them outside the transaction."""
    from alembic import command

    from db.migrate import open_database as open_for_real

    path = tmp_path / "old.db"
    open_for_real(path, revision="0003").dispose()
    before = sqlite3.connect(path).execute(
        "SELECT name FROM sqlite_master ORDER BY name").fetchall()
    real_upgrade = command.upgrade

    def upgrade_then_fail(config: object, revision: str) -> None:
        connection = config.attributes["connection"]  # type: ignore[attr-defined]
        connection.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        real_upgrade(config, revision)  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")  # the disk filled at the last step

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    with pytest.raises(OSError):
        open_for_real(path)
    monkeypatch.undo()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0003",)
        assert connection.execute(
            "SELECT name FROM sqlite_master ORDER BY name").fetchall() == before
    open_for_real(path).dispose()  # and the next start upgrades it


def test_foreign_keys_are_enforced_again_after_an_upgrade(tmp_path: Path) -> None:
    """The upgrade turns them off to copy tables quickly; every connection after has them."""
    from sqlalchemy import text

    from db.migrate import open_database as open_for_real

    path = tmp_path / "old.db"
    open_for_real(path, revision="0004").dispose()
    database = open_for_real(path)
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA foreign_key_check")).first() is None
            # and the planner has statistics again: the upgrade ran ANALYZE
            assert connection.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar() == 1
    finally:
        database.dispose()


def test_providers_and_referrals_of_a_0011_database_upgrade_to_the_followed_referral(
        tmp_path: Path) -> None:
    import uuid

    from sqlalchemy import select

    from db.models import Provider, ProviderService, Referral, ReferralStatus, StatusChange

    path = tmp_path / "before-social.db"
    open_database(path, revision="0011").dispose()
    office, person = uuid.uuid4(), uuid.uuid4()
    kazakh, russian = uuid.uuid4(), uuid.uuid4()
    accepted, refused = uuid.uuid4(), uuid.uuid4()
    with sqlite3.connect(path) as connection:
        _insert(connection, "office", id=office.hex, code="AST", name="Астана",
                region_code="71")
        _insert(connection, "person", id=person.hex, given_name="Әлия",
                category_code="kandas", office_id=office.hex, preferred_language="kk")
        _insert(connection, "provider", id=kazakh.hex, name="Әлеуметтік қолдау — AST",
                area_code="social", internal=1, active=1)
        _insert(connection, "provider", id=russian.hex, name="Юридическая консультация",
                area_code="information", internal=0, active=1)
        for referral, status in ((accepted, "in_progress"), (refused, "declined")):
            _insert(connection, "referral", id=referral.hex, person_id=person.hex,
                    office_id=office.hex, service_type_code="legal_aid",
                    provider_id=kazakh.hex, referred_on="2026-10-01", status=status,
                    completed_on="2026-10-09" if status == "declined" else None)
            _insert(connection, "status_change", id=uuid.uuid4().hex, subject_table="referral",
                    subject_id=referral.hex, status=status)

    database = open_database(path)
    with database.session() as session:
        names = {p.id: (p.name_kk, p.name_ru, p.type_code)
                 for p in session.scalars(select(Provider))}
        delivers = {(s.provider_id, s.service_type_code)
                    for s in session.scalars(select(ProviderService))}
        referrals = {r.id: (r.status, r.accepted_on, r.closed_on)
                     for r in session.scalars(select(Referral))}
        history = set(session.scalars(select(StatusChange.status)))
    database.dispose()

    assert revision_of(path) == head_revision()
    assert names == {kazakh: ("Әлеуметтік қолдау — AST", "", "adaptation_centre"),
                     russian: ("", "Юридическая консультация", None)}
    assert (kazakh, "legal_aid") in delivers and (russian, "legal_consultation") in delivers
    assert (kazakh, "legal_consultation") not in delivers  # only its own area's services
    from datetime import date
    assert referrals == {
        accepted: (ReferralStatus.ACCEPTED, date(2026, 10, 1), None),
        refused: (ReferralStatus.REFUSED, None, date(2026, 10, 9))}
    assert history == {"accepted", "refused"}


def test_the_seeded_wordings_are_corrected_but_an_administrators_own_is_kept(
        tmp_path: Path) -> None:
    path = tmp_path / "before-wording.db"
    open_database(path, revision="0013").dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE case_closure_reason SET label_ru = 'Клиент умер' "
                           "WHERE code = 'deceased'")  # as revision 0002 seeded it then
        connection.execute("UPDATE consultation_channel SET label_ru = 'Приём в офисе' "
                           "WHERE code = 'in_person'")  # renamed by an administrator
    open_database(path).dispose()
    with sqlite3.connect(path) as connection:
        labels = dict(connection.execute(
            "SELECT code, label_ru FROM case_closure_reason WHERE code = 'deceased' UNION ALL "
            "SELECT code, label_ru FROM consultation_channel WHERE code = 'in_person'"))
    assert labels == {"deceased": "Смерть клиента", "in_person": "Приём в офисе"}
