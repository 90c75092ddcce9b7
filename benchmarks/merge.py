"""Merging two client files of 50 records each on the 100,000-client database (target: under
1 s), through ``duplicates.merge_people`` (the actor re-read, both versions checked, every
record moved through the ORM and audited one by one, the search index kept in step, the
tombstone) beside the same writes done raw through sqlite3: one bulk UPDATE per table, the
same audit rows, the person's search row and row deleted, the tombstone, one commit.

Runs on a copy in /tmp (the copy is upgraded to the current schema as the app opens it):
benchmarks/demo-100k.db itself is never written.

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/merge.py
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

from common import BIG_DATABASE
from sqlalchemy import select

from db.base import utcnow
from db.migrate import open_database
from db.models import (
    Case,
    Consultation,
    Document,
    Employer,
    FollowUp,
    JobReferral,
    LevelAssessment,
    Office,
    Person,
    Referral,
)
from db.session import Database
from desktop.services import duplicates, intake
from desktop.services.access import Actor
from desktop.services.auth import log_in

ROUNDS = 7
TODAY = date(2026, 11, 25)
# 50 records a file, of the kinds a file gathers most: (kind, how many).
RECORDS = (("document", 10), ("consultation", 10), ("follow_up", 10), ("referral", 10),
           ("job_referral", 5), ("level_assessment", 5))
# What the raw merge moves, table by table: each column that refers to the person.
RAW_TABLES = ("document", "consultation", "follow_up", "referral", "job_referral",
              "level_assessment", "client_case")


def make_pair(database: Database, manager: Actor, serial: int) -> tuple[uuid.UUID, uuid.UUID]:
    """Two files of one person registered twice in one office, each with its open case and
    50 records (so the merge also closes one case)."""
    ids = []
    with database.session() as session:
        office = session.scalar(select(Office.id).where(Office.code == "AST"))
        employer = session.scalar(select(Employer.id))
    for _copy in range(2):
        client = intake.NewClient(given_name="Айгерім", surname=f"Бенчмаркова{serial}",
                                  category_code="kandas", office_id=office,
                                  birth_date=date(1990, 3, 4), sex="F")
        person = intake.register(database, manager, client, open_case=True, today=TODAY)
        with database.session(manager.user_id) as session:
            case = session.scalar(select(Case.id).where(Case.person_id == person))
            session.add_all([record(kind, n, person, case, office, employer)
                             for kind, count in RECORDS for n in range(count)])
        ids.append(person)
    return ids[0], ids[1]


def record(kind: str, n: int, person: uuid.UUID, case: uuid.UUID | None, office: uuid.UUID,
           employer: uuid.UUID) -> object:
    if kind == "document":
        return Document(person_id=person, type_code="passport", number=f"N{n}")
    if kind == "consultation":
        return Consultation(person_id=person, case_id=case, office_id=office,
                            held_at=datetime(2026, 10, 1 + n, 10), channel_code="in_person")
    if kind == "follow_up":
        return FollowUp(person_id=person, case_id=case, title=f"Task {n}",
                        due_on=date(2026, 12, 1 + n))
    if kind == "referral":
        return Referral(person_id=person, case_id=case, office_id=office,
                        service_type_code="legal_aid", referred_on=date(2026, 10, 1 + n))
    if kind == "job_referral":
        return JobReferral(person_id=person, office_id=office, employer_id=employer,
                           referred_on=date(2026, 10, 1 + n))
    return LevelAssessment(person_id=person, language_code="kk", level_code="a2",
                           assessed_on=date(2026, 10, 1 + n))


def versions(database: Database, *people: uuid.UUID) -> list[int]:
    with database.session() as session:
        return [session.get(Person, person).version for person in people]


def raw_merge(path: Path, kept: uuid.UUID, merged: uuid.UUID, user: uuid.UUID) -> None:
    """What merge_people writes, as plain SQL: bulk moves, one audit row per moved record."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    now = utcnow().isoformat(sep=" ")
    k, m, u = kept.hex, merged.hex, user.hex
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("SELECT version FROM person WHERE id IN (?, ?)", (k, m)).fetchall()
    audit = []
    connection.execute("UPDATE client_case SET status = 'closed', closed_on = ?, "
                       "closure_reason_code = 'other', version = version + 1 "
                       "WHERE person_id = ? AND status = 'open'", (TODAY.isoformat(), m))
    for table in RAW_TABLES:
        moved = [row[0] for row in connection.execute(
            f"SELECT id FROM {table} WHERE person_id = ?", (m,))]
        connection.execute(f"UPDATE {table} SET person_id = ?, version = version + 1, "
                           f"updated_at = ?, updated_by = ? WHERE person_id = ?",
                           (k, now, u, m))
        changes = json.dumps({"person_id": [str(merged), str(kept)]})
        audit += [(uuid.uuid4().hex, now, u, "update", table, record, changes)
                  for record in moved]
    audit.append((uuid.uuid4().hex, now, u, "delete", "person", m, "{}"))
    audit.append((uuid.uuid4().hex, now, u, "merge", "person", k,
                  json.dumps({"merged_file": [None, "x"], "moved_records": [None, 51]})))
    connection.executemany("INSERT INTO audit_log (id, at, user_id, action, table_name, "
                           "record_id, changes) VALUES (?, ?, ?, ?, ?, ?, ?)", audit)
    connection.execute("DELETE FROM person_search WHERE person_id = ?", (m,))
    connection.execute("DELETE FROM person WHERE id = ?", (m,))
    connection.execute("INSERT INTO person_tombstone (id, merged_person_id, kept_person_id, "
                       "merged_at, merged_by, summary, created_at, updated_at, version) "
                       "VALUES (?, ?, ?, ?, ?, '{}', ?, ?, 1)",
                       (uuid.uuid4().hex, m, k, now, u, now, now))
    connection.execute("COMMIT")
    connection.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qadam-merge-") as folder:
        path = Path(folder) / "demo-100k.db"
        print(f"copying {BIG_DATABASE.name} to {path} …")
        shutil.copyfile(BIG_DATABASE, path)
        database = open_database(path, create=False)  # upgrades the copy's schema
        manager = log_in(database, "manager.ast", "qadam-manager")
        with database.reading() as connection:
            clients = connection.exec_driver_sql("SELECT count(*) FROM person").scalar()
        print(f"{clients:,} clients; {ROUNDS} merges of two files with "
              f"{sum(n for _k, n in RECORDS)} records each (and an open case each)")
        ours, theirs = [], []
        for serial in range(ROUNDS):
            kept, merged = make_pair(database, manager, serial)
            kept_version, merged_version = versions(database, kept, merged)
            started = time.perf_counter()
            result = duplicates.merge_people(database, manager, kept, merged,
                                             {"phone": duplicates.MERGED}, kept_version,
                                             merged_version, today=TODAY)
            ours.append((time.perf_counter() - started) * 1000)
            assert result.moved == 51, result  # the 50 records and the case

            kept, merged = make_pair(database, manager, ROUNDS + serial)
            started = time.perf_counter()
            raw_merge(path, kept, merged, manager.user_id)  # type: ignore[arg-type]
            theirs.append((time.perf_counter() - started) * 1000)
        database.dispose()
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"  merge_people         : median {statistics.median(ours):7.1f} ms   "
          f"worst {max(ours):7.1f} ms")
    print(f"  the same writes raw  : median {statistics.median(theirs):7.1f} ms   "
          f"worst {max(theirs):7.1f} ms")
    print(f"  ratio Qadam / raw    : {ratio:.1f}x   (target: merge under 1000 ms)")


if __name__ == "__main__":
    main()
