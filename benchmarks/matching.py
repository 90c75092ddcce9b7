"""Matching on the 100,000-client database (targets in brackets): a job seeker against every
open vacancy with a place left, with the reasons for each (``matching.match_vacancies``,
200 ms); a vacancy against the job seekers still seeking, as a manager who sees every
office (``matching.match_seekers``, 300 ms: the database ranks the thousands of the
trade and hands over the best few, own office first, for the exact rules).

Beside each, the same work done raw: the same rows read through sqlite3 (for the
seekers, the very SQL SQLAlchemy sends) and scored by the same rules
(``matching.match``, the pure function). The ratio is what the service adds:
SQLAlchemy, the access check.

Runs on a copy in /tmp (upgraded to the current schema as the app opens it):
benchmarks/demo-100k.db itself is never written. The seekers and vacancies measured
are the demo's: the seeker with the most open vacancies in their sectors, and the open
vacancy whose sector most seekers want.

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/matching.py
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
from db.queries import matching as queries
from db.queries.matching import Ranking, SeekerFacts, VacancyFacts
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.employment import matching
from desktop.services.employment.matching import Labels

RUNS = 30
TARGETS_MS = {"seeker": 200.0, "vacancy": 300.0}
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
           "PRAGMA busy_timeout=5000", "PRAGMA cache_size=-32000")
LABEL = {"kk": "label_kk", "ru": "label_ru"}


def raw_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    return connection


def key(value: uuid.UUID) -> str:
    return value.hex  # SQLAlchemy's Uuid on SQLite: 32 hex digits


def raw_labels(connection: sqlite3.Connection, label: str) -> Labels:
    return Labels(*(dict(connection.execute(f"SELECT code, {label} FROM {table}"))
                    for table in ("language", "language_level", "region", "economic_sector")))


def like_any(columns: tuple[str, ...], keys: tuple[str, ...]) -> tuple[str, list[str]]:
    """SQL and parameters: any of the columns containing any of the keys."""
    terms = [f"{column} LIKE ?" for column in columns for _key in keys]
    return " OR ".join(terms), [f"%{key}%" for _column in columns for key in keys]


def raw_open_vacancies(connection: sqlite3.Connection, label: str, sectors: set[str],
                       keys: tuple[str, ...]) -> list[VacancyFacts]:
    """The same vacancies the service reads: open, a place left, of the seeker's trade."""
    likes, values = like_any(("v.profession", "v.title"), keys)
    marks = ",".join("?" * len(sectors))
    trade = " OR ".join(p for p in (likes, f"v.sector_code IN ({marks})" if sectors else "")
                        if p)
    rows = connection.execute(
        f"SELECT v.id, v.title, e.name, v.sector_code, s.{label}, v.region_code, r.{label}, "
        "v.locality, v.monthly_wage, v.positions - coalesce(t.taken, 0), v.profession, "
        "v.min_experience_years, v.driving_licence, v.opened_on, "
        " (SELECT group_concat(l.language_code || ':' || coalesce(l.level_code, ''), ' ') "
        "  FROM vacancy_language l WHERE l.vacancy_id = v.id) "
        "FROM vacancy v JOIN employer e ON e.id = v.employer_id "
        "JOIN economic_sector s ON s.code = v.sector_code "
        "LEFT JOIN region r ON r.code = v.region_code "
        "LEFT JOIN (SELECT vacancy_id, count(*) AS taken FROM job_referral "
        "           WHERE status = 'hired' AND vacancy_id IS NOT NULL GROUP BY vacancy_id) t "
        "  ON t.vacancy_id = v.id "
        "WHERE v.status = 'open' AND e.active = 1 AND v.positions - coalesce(t.taken, 0) > 0 "
        f"AND ({trade})", [*values, *sorted(sectors)])
    return [VacancyFacts(uuid.UUID(r[0]), r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7],
                         r[8], r[9], r[10], r[11], r[12], date.fromisoformat(r[13]),
                         queries.language_pairs(r[14])) for r in rows]


def raw_seeker(connection: sqlite3.Connection, person_id: uuid.UUID) -> SeekerFacts:
    r = connection.execute(
        "SELECT p.id, p.surname || ' ' || p.given_name, p.office_id, p.region_code, "
        "p.profession, s.id, s.qualification, s.experience_years, s.driving_licence "
        "FROM person p LEFT JOIN job_seeker s ON s.person_id = p.id WHERE p.id = ?",
        (key(person_id),)).fetchone()
    facts = SeekerFacts(person_id, r[1], uuid.UUID(r[2]), r[3], r[4], r[6] or "", r[7],
                        r[8] or "")
    if r[5] is not None:
        facts.sector_codes = {c for (c,) in connection.execute(
            "SELECT sector_code FROM job_seeker_sector WHERE job_seeker_id = ?", (r[5],))}
        facts.region_codes = {c for (c,) in connection.execute(
            "SELECT region_code FROM job_seeker_region WHERE job_seeker_id = ?", (r[5],))}
    facts.languages = dict(connection.execute(
        "SELECT language_code, level_code FROM person_language WHERE person_id = ?",
        (key(person_id),)))
    return facts


def raw_candidates(connection: sqlite3.Connection, vacancy: VacancyFacts,
                   office_id: uuid.UUID | None, wanted: int, *,
                   other_than: uuid.UUID | None = None) -> list[SeekerFacts]:
    """The same ranked candidates the service reads: the very SQL SQLAlchemy sends, run
    through sqlite3, the rows turned into the same facts by hand."""
    query = queries.candidates_query(vacancy, office_id,
                                     matching.word_keys(vacancy.profession or vacancy.title),
                                     Ranking(matching.WEIGHTS, matching.LEVEL_STEPS), wanted,
                                     other_than=other_than)
    compiled = query.compile(dialect=sqlite.dialect(),
                             compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    values = [key(v) if isinstance(v, uuid.UUID) else v
              for v in (params[name] for name in compiled.positiontup or ())]
    return [queries.seeker_of_row((uuid.UUID(r[0]), r[1], r[2], uuid.UUID(r[3]), *r[4:9],
                                   date.fromisoformat(r[9]) if r[9] else None, *r[10:]))
            for r in connection.execute(str(compiled), values)]


def raw_seekers_of(connection: sqlite3.Connection, vacancy: VacancyFacts,
                   own: uuid.UUID, wanted: int) -> list[SeekerFacts]:
    """Own office first, the others only to fill the list: as the service reads them."""
    found = raw_candidates(connection, vacancy, own, wanted)
    if len(found) < wanted:
        found += raw_candidates(connection, vacancy, None, wanted - len(found),
                                other_than=own)
    return found


def score_all(seeker: SeekerFacts, vacancies: list[VacancyFacts], labels: Labels) -> int:
    return sum(1 for v in vacancies if matching.match(seeker, v, labels)[1])


def pick_seeker(connection: sqlite3.Connection) -> uuid.UUID:
    """A seeker with an open case, the one whose sectors have the most open vacancies."""
    (person_id,) = connection.execute(
        "SELECT s.person_id FROM job_seeker s JOIN job_seeker_sector w ON w.job_seeker_id = s.id "
        "JOIN vacancy v ON v.sector_code = w.sector_code AND v.status = 'open' "
        "WHERE s.seeking = 1 GROUP BY s.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return uuid.UUID(person_id)


def pick_vacancy(connection: sqlite3.Connection) -> uuid.UUID:
    """The open vacancy whose sector the most seekers want."""
    (vacancy_id,) = connection.execute(
        "SELECT v.id FROM vacancy v JOIN job_seeker_sector w ON w.sector_code = v.sector_code "
        "JOIN job_seeker s ON s.id = w.job_seeker_id AND s.seeking = 1 "
        "WHERE v.status = 'open' AND v.region_code IS NOT NULL "
        "GROUP BY v.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return uuid.UUID(vacancy_id)


def measure(database: Database, manager: Actor, path: Path) -> list[str]:
    raw = raw_connection(path)
    label = LABEL.get(current_language(), "label_en")
    lines = []
    person_id, vacancy_id = pick_seeker(raw), pick_vacancy(raw)
    caseworker = log_in(database, office_caseworker(raw, person_id), "qadam-caseworker")

    found = matching.match_vacancies(database, caseworker, person_id, limit=10_000)

    def raw_vacancies(_n: int) -> tuple[int, int]:
        seeker = raw_seeker(raw, person_id)
        keys = matching.word_keys(f"{seeker.profession} {seeker.qualification}")
        read = raw_open_vacancies(raw, label, seeker.sector_codes, keys)
        return len(read), score_all(seeker, read, raw_labels(raw, label))

    read, fit = raw_vacancies(0)
    assert fit == len(found)
    ours = timed(lambda _n: matching.match_vacancies(database, caseworker, person_id), RUNS)
    theirs = timed(raw_vacancies, RUNS)
    lines.append(row(f"match_vacancies ({open_count(raw):,} open, {read:,} read, "
                     f"{fit:,} fit)", ours, theirs, TARGETS_MS["seeker"], 52))

    facts, seekers = matching.match_seekers(database, manager, vacancy_id)
    wanted = matching.MATCH_LIMIT * matching.CANDIDATE_MARGIN
    assert manager.office_id is not None
    own = manager.office_id

    def raw_seekers(_n: int) -> list[uuid.UUID]:
        vacancy = raw_open_vacancies_one(raw, vacancy_id, label, facts)
        read_labels = raw_labels(raw, label)
        scored = [(s, matching.match(s, vacancy, read_labels)) for s in
                  raw_seekers_of(raw, vacancy, own, wanted)]
        fits = [(s, reasons, score) for s, (reasons, score) in scored if score]
        fits.sort(key=lambda f: (f[0].office_id != own,
                                 sum(1 for r in f[1] if r.required and not r.met), -f[2],
                                 (f[0].unemployed_since or date.max).toordinal(), f[0].name))
        return [s.person_id for s, _r, _score in fits[:matching.MATCH_LIMIT]]

    assert raw_seekers(0) == [m.seeker.person_id for m in seekers]
    ours = timed(lambda _n: matching.match_seekers(database, manager, vacancy_id), RUNS)
    theirs = timed(raw_seekers, RUNS)
    lines.append(row(f"match_seekers ({trade_count(raw, facts):,} of the trade, "
                     f"best {len(seekers)})", ours, theirs, TARGETS_MS["vacancy"], 52))
    raw.close()
    return lines


def raw_open_vacancies_one(connection: sqlite3.Connection, vacancy_id: uuid.UUID, label: str,
                           like: VacancyFacts) -> VacancyFacts:
    """The one vacancy's facts, read raw (its languages too)."""
    r = connection.execute(
        f"SELECT v.title, e.name, v.sector_code, s.{label}, v.region_code, r.{label}, "
        "v.locality, v.monthly_wage, v.positions, v.profession, v.min_experience_years, "
        "v.driving_licence, v.opened_on FROM vacancy v JOIN employer e ON e.id = v.employer_id "
        "JOIN economic_sector s ON s.code = v.sector_code "
        "LEFT JOIN region r ON r.code = v.region_code WHERE v.id = ?",
        (key(vacancy_id),)).fetchone()
    facts = VacancyFacts(vacancy_id, r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[7],
                         like.places_left, r[9], r[10], r[11], date.fromisoformat(r[12]))
    facts.languages = dict(connection.execute(
        "SELECT language_code, level_code FROM vacancy_language WHERE vacancy_id = ?",
        (key(vacancy_id),)))
    return facts


def trade_count(connection: sqlite3.Connection, vacancy: VacancyFacts) -> int:
    """Seekers still seeking who want the vacancy's sector: what the ranking chooses from."""
    return connection.execute(
        "SELECT count(*) FROM job_seeker s WHERE s.seeking = 1 AND s.id IN (SELECT "
        "job_seeker_id FROM job_seeker_sector WHERE sector_code = ?)",
        (vacancy.sector_code,)).fetchone()[0]


def open_count(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT count(*) FROM vacancy WHERE status = 'open'").fetchone()[0]


def office_caseworker(connection: sqlite3.Connection, person_id: uuid.UUID) -> str:
    """The login of a caseworker of the seeker's office (cw1.<office code>)."""
    (code,) = connection.execute(
        "SELECT lower(o.code) FROM person p JOIN office o ON o.id = p.office_id WHERE p.id = ?",
        (key(person_id),)).fetchone()
    return f"cw1.{code}"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qadam-matching-") as folder:
        path = Path(folder) / "demo-100k.db"
        print(f"copying {BIG_DATABASE.name} to {path} …")
        shutil.copyfile(BIG_DATABASE, path)
        database = open_database(path, create=False)  # upgrades the copy's schema
        manager = log_in(database, "manager.ast", "qadam-manager")
        with database.reading() as connection:
            counts = [connection.exec_driver_sql(sql).scalar() for sql in (
                "SELECT count(*) FROM person",
                "SELECT count(*) FROM vacancy WHERE status = 'open'",
                "SELECT count(*) FROM job_seeker WHERE seeking")]
        print("{:,} clients, {:,} open vacancies, {:,} job seekers seeking".format(*counts))
        lines = measure(database, manager, path)
        database.dispose()
    print(f"\n{RUNS} runs each after 5 to warm up; pass when Qadam's p95 is under the target")
    print(f"{'operation':52} {'Qadam p50':>8} {'p95':>8}   {'raw p50':>7} {'p95':>7}   "
          f"{'ratio':>7}   target")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
