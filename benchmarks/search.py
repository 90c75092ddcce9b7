"""Client search over 100,000 clients: 1,000 varied queries through Qadam's search
(match expression, FTS5, fetching the rows) beside the same FTS5 queries run raw
through sqlite3. Target: p95 under 20 ms; the ratio is the figure that matters.

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/search.py
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time

from common import BIG_DATABASE, describe

from db.migrate import open_database
from db.search.sqlite_fts import infix_expression, match_expression
from db.translit import to_cyrillic
from desktop.services.auth import log_in
from desktop.services.clients import search_clients

QUERIES = 1000
LIMIT = 50
# What search_clients asks for, written by hand: the ranked matches and their rows.
# The same for a part from inside a name or the IIN: both indexes, each cut at the limit.
RAW_INFIX = """
    SELECT p.id, p.surname, p.given_name, p.patronymic, p.surname_latin, p.given_name_latin,
           p.name_original, p.birth_date, p.iin, c.label_en, r.label_en, p.sort_key
    FROM (SELECT person_id, min(score) AS rank FROM (
            SELECT * FROM (SELECT d.person_id, person_fts.rank AS score FROM person_fts
                           JOIN person_search AS d ON d.doc_id = person_fts.rowid
                           WHERE person_fts MATCH ? ORDER BY person_fts.rank LIMIT ?)
            UNION ALL
            SELECT * FROM (SELECT d.person_id, 1000000.0 + person_infix.rowid * 1e-9 AS score
                           FROM person_infix JOIN person_search AS d
                           ON d.doc_id = person_infix.rowid
                           WHERE person_infix MATCH ? ORDER BY person_infix.rowid LIMIT ?))
          GROUP BY person_id ORDER BY rank LIMIT ?) AS m
    JOIN person AS p ON p.id = m.person_id
    JOIN migrant_category AS c ON c.code = p.category_code
    LEFT JOIN region AS r ON r.code = p.region_code
    ORDER BY m.rank
"""
RAW = """
    SELECT p.id, p.surname, p.given_name, p.patronymic, p.surname_latin, p.given_name_latin,
           p.name_original, p.birth_date, p.iin, c.label_en, r.label_en, p.sort_key
    FROM (SELECT d.person_id, person_fts.rank AS rank FROM person_fts
          JOIN person_search AS d ON d.doc_id = person_fts.rowid
          WHERE person_fts MATCH ? ORDER BY person_fts.rank LIMIT ?) AS m
    JOIN person AS p ON p.id = m.person_id
    JOIN migrant_category AS c ON c.code = p.category_code
    LEFT JOIN region AS r ON r.code = p.region_code
    ORDER BY m.rank
"""


def sample_queries(connection: sqlite3.Connection, rng: random.Random) -> list[str]:
    people = connection.execute(
        "SELECT surname, given_name, surname_latin, given_name_latin, name_original, iin "
        "FROM person ORDER BY random() LIMIT 2000").fetchall()
    makers = [
        lambda p: p[0][: rng.randint(3, 6)],                      # Cyrillic prefix
        lambda p: p[0].lower(),                                   # whole surname, lower case
        lambda p: f"{p[0]} {p[1]}",                               # surname and given name
        lambda p: p[2],                                           # Latin surname
        lambda p: p[2][: rng.randint(2, 5)].lower(),              # Latin prefix
        lambda p: f"{p[3]} {p[2][:3]}",                           # Latin given + prefix
        lambda p: to_cyrillic(p[2], kazakh=False) if p[2] else p[0],  # Russian keyboard
        lambda p: (p[5] or "900101")[: rng.randint(4, 12)],       # IIN or its prefix
        lambda p: p[1][:2],                                       # two letters only
        lambda p: p[4] or p[1].upper(),                           # original script or CAPS
    ]
    queries = []
    while len(queries) < QUERIES:
        person = rng.choice(people)
        query = rng.choice(makers)(person).strip()
        if query:
            queries.append(query)
    return queries


def sample_infixes(connection: sqlite3.Connection, rng: random.Random) -> list[str]:
    """What a caseworker types from the middle: 4 letters of a surname, 4 digits of an IIN."""
    people = connection.execute(
        "SELECT surname, iin FROM person WHERE length(surname) >= 7 AND iin IS NOT NULL "
        "ORDER BY random() LIMIT 2000").fetchall()
    queries = []
    while len(queries) < QUERIES:
        surname, iin = rng.choice(people)
        if rng.random() < 0.5:
            start = rng.randint(1, len(surname) - 4)
            queries.append(surname[start:start + 4].lower())
        else:
            start = rng.randint(0, 8)
            queries.append(iin[start:start + 4])
    return queries


def measure(database: object, actor: object, raw: sqlite3.Connection, queries: list[str],
            title: str) -> None:
    for query in queries[:50]:  # warm both caches alike
        search_clients(database, actor, query, limit=LIMIT)
    ours, theirs, found = [], [], []
    for query in queries:
        started = time.perf_counter()
        rows = search_clients(database, actor, query, limit=LIMIT)
        ours.append((time.perf_counter() - started) * 1000)
        found.append(len(rows))
        prefix, infix = match_expression(query), infix_expression(query)
        started = time.perf_counter()
        if infix:
            raw.execute(RAW_INFIX, (prefix or "x", LIMIT, infix, LIMIT, LIMIT)).fetchall()
        elif prefix:
            raw.execute(RAW, (prefix, LIMIT)).fetchall()
        theirs.append((time.perf_counter() - started) * 1000)
    print(f"{title}: {len(queries)} queries, first {LIMIT} matches each "
          f"(median {statistics.median(found):.0f} found)")
    print(f"  Qadam search_clients : {describe(ours)}")
    print(f"  raw FTS5 via sqlite3 : {describe(theirs)}")
    ratio = statistics.median(ours) / max(statistics.median(theirs), 1e-6)
    p95 = sorted(ours)[int(0.95 * len(ours))] / max(sorted(theirs)[int(0.95 * len(theirs))], 1e-6)
    print(f"  ratio Qadam / raw    : p50 {ratio:.2f}x   p95 {p95:.2f}x")


def main() -> None:
    rng = random.Random(5)
    raw = sqlite3.connect(BIG_DATABASE)
    database = open_database(BIG_DATABASE, create=False)
    # As the window asks: a logged-in manager (every office), re-read on every call.
    actor = log_in(database, "manager.ast", "qadam-manager")
    clients = raw.execute("SELECT count(*) FROM person").fetchone()[0]
    print(f"{clients:,} clients")
    measure(database, actor, raw, sample_queries(raw, rng), "names, prefixes and IINs as typed")
    measure(database, actor, raw, sample_infixes(raw, rng),
            "from the middle: 4 letters of a surname or 4 digits of an IIN")
    database.dispose()


if __name__ == "__main__":
    main()
