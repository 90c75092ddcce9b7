"""Social services on the 100,000-client database (targets in brackets): an office's open
referrals, as the Social services screen lists them (``lists.referral_list``, 200 ms),
and the referrals unanswered for too long; a household's entitlement balance, as the
client file shows it (``entitlements.household_entitlements``, 50 ms).

Beside each, the same rows read raw through sqlite3: the list's SQL (the very SQL
SQLAlchemy sends for the rows, the count and the providers' counts), and for the balance
the household walked link by link, its applications and their payments, summed by hand.
The ratio is what the service adds: SQLAlchemy, the access check, the setting read.

Runs on a copy in /tmp (upgraded to the current schema as the app opens it):
benchmarks/demo-100k.db itself is never written. The office is the one with the most
open referrals; the household the one with the most payments.

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/social.py
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from datetime import date
from pathlib import Path

from common import BIG_DATABASE, row, timed
from sqlalchemy.dialects import sqlite

from db.migrate import open_database
from db.queries import social as queries
from db.queries.social import Selection
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.social import entitlements, lists

RUNS = 30
TARGETS_MS = {"list": 200.0, "balance": 50.0}
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
           "PRAGMA busy_timeout=5000", "PRAGMA cache_size=-32000")
TODAY = date.today()
DAYS = 14


def raw_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    return connection


def key(value: uuid.UUID) -> str:
    return value.hex  # SQLAlchemy's Uuid on SQLite: 32 hex digits


def raw_sql(query: object) -> tuple[str, list[object]]:
    compiled = query.compile(dialect=sqlite.dialect(),  # type: ignore[attr-defined]
                             compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    values = [key(v) if isinstance(v, uuid.UUID) else v.isoformat() if isinstance(v, date)
              else v for v in (params[name] for name in compiled.positiontup or ())]
    return str(compiled), values


def raw_list(connection: sqlite3.Connection, selection: Selection,
             office: uuid.UUID) -> tuple[int, int]:
    """The list's rows, its total and the providers' counts, by the service's own SQL."""
    language = current_language()
    rows_query, count_query = queries.list_queries(language, selection, office_id=office,
                                                   today=TODAY, days=DAYS, limit=lists.LIMIT)
    rows_sql, rows_values = raw_sql(rows_query)
    found = connection.execute(rows_sql, rows_values).fetchall()
    total = len(found)
    if total >= lists.LIMIT:
        count_sql, count_values = raw_sql(count_query)
        total = connection.execute(count_sql, count_values).fetchone()[0]
    counts_sql, counts_values = raw_sql(queries.open_by_provider_query(language,
                                                                      office_id=office))
    connection.execute(counts_sql, counts_values).fetchall()
    return len(found), total


def raw_balance(connection: sqlite3.Connection, person: uuid.UUID) -> tuple[int, int]:
    """Granted and paid over the household: the links walked outwards, then two sums."""
    reached, frontier = {key(person)}, {key(person)}
    while frontier:
        marks = ",".join("?" * len(frontier))
        found = connection.execute(
            f"SELECT person_id, related_person_id FROM household_link WHERE person_id IN "
            f"({marks}) OR related_person_id IN ({marks})", [*frontier, *frontier]).fetchall()
        frontier = {p for pair in found for p in pair} - reached
        reached |= frontier
    marks = ",".join("?" * len(reached))
    granted = connection.execute(
        f"SELECT coalesce(sum(amount_granted), 0) FROM entitlement WHERE status = 'granted' "
        f"AND person_id IN ({marks})", list(reached)).fetchone()[0]
    paid = connection.execute(
        f"SELECT coalesce(sum(p.amount), 0) FROM entitlement_payment p JOIN entitlement e "
        f"ON e.id = p.entitlement_id WHERE e.person_id IN ({marks})", list(reached)).fetchone()[0]
    connection.execute("SELECT year, amount FROM mrp_rate").fetchall()
    return granted, paid


def busiest_office(connection: sqlite3.Connection) -> tuple[uuid.UUID, str]:
    office, code = connection.execute(
        "SELECT r.office_id, lower(o.code) FROM referral r JOIN office o ON o.id = r.office_id "
        "WHERE r.status IN ('referred', 'accepted') GROUP BY r.office_id "
        "ORDER BY count(*) DESC LIMIT 1").fetchone()
    return uuid.UUID(office), code


def richest_household(connection: sqlite3.Connection) -> tuple[uuid.UUID, str]:
    person, code = connection.execute(
        "SELECT e.person_id, lower(o.code) FROM entitlement e "
        "JOIN entitlement_payment p ON p.entitlement_id = e.id "
        "JOIN person x ON x.id = e.person_id JOIN office o ON o.id = x.office_id "
        "GROUP BY e.person_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return uuid.UUID(person), code


def measure(database: Database, path: Path) -> list[str]:
    raw = raw_connection(path)
    lines = []
    office, code = busiest_office(raw)
    caseworker: Actor = log_in(database, f"cw1.{code}", "qadam-caseworker")
    for selection, title in ((Selection.OPEN, "open referrals"),
                             (Selection.OVERDUE, "no answer in 14 days"),
                             (Selection.COMPLETED, "completed this month")):
        listed = lists.referral_list(database, caseworker, selection, today=TODAY)
        assert raw_list(raw, selection, office) == (len(listed.lines), listed.total)
        ours = timed(lambda _n, s=selection: lists.referral_list(database, caseworker, s,
                                                                today=TODAY), RUNS)
        theirs = timed(lambda _n, s=selection: raw_list(raw, s, office), RUNS)
        lines.append(row(f"referral_list, {title} ({listed.total:,})", ours, theirs,
                         TARGETS_MS["list"], 46))

    person, code = richest_household(raw)
    worker = log_in(database, f"cw1.{code}", "qadam-caseworker")
    found = entitlements.household_entitlements(database, worker, person, today=TODAY)
    assert raw_balance(raw, person) == (found.granted, found.paid)
    ours = timed(lambda _n: entitlements.household_entitlements(database, worker, person,
                                                                today=TODAY), RUNS)
    theirs = timed(lambda _n: raw_balance(raw, person), RUNS)
    payments = sum(len(a.payments) for r in found.rules for a in r.applications)
    lines.append(row(f"household balance ({len(found.members)} people, {payments} paid)",
                     ours, theirs, TARGETS_MS["balance"], 46))
    raw.close()
    return lines


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qadam-social-") as folder:
        path = Path(folder) / "demo-100k.db"
        print(f"copying {BIG_DATABASE.name} to {path} …")
        shutil.copyfile(BIG_DATABASE, path)
        database = open_database(path, create=False)  # upgrades the copy's schema
        print(f"{'':46} {'Qadam p50':>9} {'p95':>6}   {'raw p50':>7} {'p95':>6}   "
              f"{'ratio':>6}   target")
        for line in measure(database, path):
            print(line)
        database.dispose()


if __name__ == "__main__":
    main()
