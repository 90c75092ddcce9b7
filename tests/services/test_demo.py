"""Demo data: deterministic, consistent, and shaped like a real center's caseload."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.migrate import open_database
from db.session import Database
from desktop.domain.iin import check_iin
from desktop.services.demo.generator import DemoAlreadyPresent, generate
from desktop.services.progress import Cancelled, Progress
from tests.conftest import DEMO_CLIENTS, DEMO_TODAY


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def fresh(tmp_path: Path, template: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copyfile(template, path)
    return path


def test_the_same_seed_gives_the_same_clients(tmp_path: Path, migrated_template: Path) -> None:
    contents = []
    for name in ("a.db", "b.db"):
        path = fresh(tmp_path, migrated_template, name)
        database = open_database(path)
        generate(database, clients=120, seed=11, today=DEMO_TODAY)
        database.dispose()
        contents.append(rows(path, "SELECT id, surname, given_name, iin, birth_date FROM person "
                                   "ORDER BY id"))
    assert contents[0] == contents[1] and len(contents[0]) == 120


def test_every_reference_holds_and_every_iin_is_valid(demo_template: Path) -> None:
    assert rows(demo_template, "PRAGMA foreign_key_check") == []
    iins = [r[0] for r in rows(demo_template, "SELECT iin FROM person WHERE iin IS NOT NULL")]
    assert len(iins) > DEMO_CLIENTS / 2
    assert all(check_iin(iin).valid for iin in iins)
    assert len(set(iins)) == len(iins)
    # Every person is in the search index.
    assert rows(demo_template, "SELECT count(*) FROM person_search")[0][0] == DEMO_CLIENTS


def test_the_caseload_looks_like_a_real_centers(demo_template: Path) -> None:
    categories = Counter(r[0] for r in rows(demo_template, "SELECT category_code FROM person"))
    assert categories.most_common(1)[0][0] == "kandas"
    kandas_origins = Counter(r[0] for r in rows(
        demo_template, "SELECT country_of_origin FROM person WHERE category_code = 'kandas'"))
    assert {"UZ", "CN"} <= {code for code, _ in kandas_origins.most_common(2)}
    chinese = rows(demo_template, "SELECT name_original, surname_latin FROM person "
                                  "WHERE category_code LIKE 'labour%' AND country_of_origin = 'CN'")
    assert chinese and all(original for original, _ in chinese)  # Hanzi beside the Cyrillic
    kazakh_letters = set("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
    names = "".join(r[0] for r in rows(demo_template, "SELECT surname || given_name FROM person"))
    assert kazakh_letters & set(names)
    assert rows(demo_template, "SELECT count(*) FROM household_link")[0][0] > 0


def test_history_covers_every_service_and_has_work_due(demo_template: Path) -> None:
    today = DEMO_TODAY.isoformat()
    soon = (DEMO_TODAY + timedelta(days=30)).isoformat()
    counts = {table: rows(demo_template, f"SELECT count(*) FROM {table}")[0][0] for table in (
        "consultation", "course_enrolment", "attendance", "job_referral", "placement",
        "retention_check", "referral", "document", "follow_up", "level_assessment")}
    assert all(counts.values()), counts
    expiring = rows(demo_template, f"SELECT count(*) FROM document WHERE expires_on >= '{today}'"
                                   f" AND expires_on <= '{soon}'")[0][0]
    overdue = rows(demo_template, f"SELECT count(*) FROM follow_up WHERE done = 0 "
                                  f"AND due_on < '{today}'")[0][0]
    assert expiring > 0 and overdue > 0
    oldest = rows(demo_template, "SELECT min(held_at) FROM consultation")[0][0]
    assert oldest >= (DEMO_TODAY - timedelta(days=731)).isoformat()  # two years of history
    assert rows(demo_template, "SELECT max(held_at) FROM consultation")[0][0] <= f"{today}~"


def test_demo_refuses_a_database_that_holds_clients(demo_database: Database) -> None:
    with pytest.raises(DemoAlreadyPresent) as present:
        generate(demo_database, clients=10, today=date(2026, 1, 1))
    assert present.value.count == DEMO_CLIENTS


def test_a_cancelled_generation_writes_nothing(tmp_path: Path, migrated_template: Path) -> None:
    path = fresh(tmp_path, migrated_template, "cancel.db")
    database = open_database(path)
    seen = []
    token = Progress()
    # The user presses Cancel as soon as the first chunk is reported.
    token.listen(lambda done, total: (seen.append(done), token.cancel()))
    with pytest.raises(Cancelled):
        generate(database, clients=5000, seed=2, today=DEMO_TODAY, progress=token)
    database.dispose()
    assert seen == [2000]  # it had written a chunk before the cancel
    for table in ("person", "consultation", "office", "app_user", "person_search"):
        assert rows(path, f"SELECT count(*) FROM {table}") == [(0,)]


def test_demo_staff_log_in_with_the_readme_passwords(demo_database: Database) -> None:
    from desktop.services.auth import log_in

    assert log_in(demo_database, "admin", "qadam-admin").role.value == "admin"
    assert log_in(demo_database, "manager.ala", "qadam-manager").office_code == "ALA"
    assert log_in(demo_database, "cw1.ast", "qadam-caseworker").role.value == "caseworker"


def test_transfers_are_consistent_with_the_cases_they_moved(demo_template: Path) -> None:
    accepted = rows(demo_template, """
        SELECT t.decided_on, o.status, o.closed_on, o.closure_reason_code, o.office_id,
               t.from_office_id, n.transferred_from_id = o.id, n.office_id, n.opened_on,
               p.office_id, t.to_office_id, t.decided_by IS NOT NULL
        FROM case_transfer t JOIN client_case o ON o.id = t.case_id
        JOIN client_case n ON n.id = t.new_case_id JOIN person p ON p.id = t.person_id
        WHERE t.status = 'accepted'""")
    pending = rows(demo_template, """
        SELECT c.status, c.office_id = t.from_office_id, p.office_id = t.from_office_id
        FROM case_transfer t JOIN client_case c ON c.id = t.case_id
        JOIN person p ON p.id = t.person_id WHERE t.status = 'requested'""")
    assert accepted and pending  # about 1 % of the clients, a quarter of them still waiting
    for (decided, status, closed, reason, office, giving, continues, new_office, opened,
         person_office, receiving, decider) in accepted:
        assert (status, closed, reason) == ("closed", decided, "transferred_to_other_office")
        assert office == giving and continues and opened == decided and decider
        assert new_office == person_office == receiving
    assert all(row == ("open", 1, 1) for row in pending)
    # What was left to do moved with the case: no open task or goal stays on a moved one.
    assert rows(demo_template, """
        SELECT count(*) FROM follow_up f JOIN client_case c ON c.id = f.case_id
        WHERE NOT f.done AND c.closure_reason_code = 'transferred_to_other_office'""") == [(0,)]
    assert rows(demo_template, """
        SELECT count(*) FROM case_goal g JOIN client_case c ON c.id = g.case_id
        WHERE g.status IN ('planned', 'in_progress')
        AND c.closure_reason_code = 'transferred_to_other_office'""") == [(0,)]
    # Only a transfer closes a case so; every continuation has its transfer.
    assert rows(demo_template, """
        SELECT count(*) FROM client_case c WHERE c.closure_reason_code =
        'transferred_to_other_office' AND NOT EXISTS (SELECT 1 FROM case_transfer t
        WHERE t.case_id = c.id AND t.status = 'accepted')""") == [(0,)]
    assert rows(demo_template, """
        SELECT count(*) FROM client_case c WHERE c.transferred_from_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM case_transfer t WHERE t.new_case_id = c.id)""") == [(0,)]
