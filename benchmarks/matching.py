"""Matching on the 100,000-client database (targets in brackets): a job seeker against every
open vacancy with a place left, with the reasons for each (``matching.match_vacancies``,
200 ms); a vacancy against the job seekers still seeking, as a manager who sees every
office (``matching.match_seekers``, 300 ms).

Beside each, the same work done raw: the same rows read through sqlite3 into plain
tuples and scored by the same rules (``matching.match``, the pure function). The ratio
is what the service adds: SQLAlchemy, the access check, the reference labels.

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
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from common import BIG_DATABASE, row, timed

from db.migrate import open_database
from db.queries.matching import SeekerFacts, VacancyFacts
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


def raw_open_vacancies(connection: sqlite3.Connection, label: str) -> list[VacancyFacts]:
    rows = connection.execute(
        f"SELECT v.id, v.title, e.name, v.sector_code, s.{label}, v.region_code, r.{label}, "
        "v.locality, v.monthly_wage, v.positions - coalesce(t.taken, 0), v.profession, "
        "v.min_experience_years, v.driving_licence, v.opened_on "
        "FROM vacancy v JOIN employer e ON e.id = v.employer_id "
        "JOIN economic_sector s ON s.code = v.sector_code "
        "LEFT JOIN region r ON r.code = v.region_code "
        "LEFT JOIN (SELECT vacancy_id, count(*) AS taken FROM job_referral "
        "           WHERE status = 'hired' AND vacancy_id IS NOT NULL GROUP BY vacancy_id) t "
        "  ON t.vacancy_id = v.id "
        "WHERE v.status = 'open' AND e.active = 1 AND v.positions - coalesce(t.taken, 0) > 0")
    facts = {r[0]: VacancyFacts(uuid.UUID(r[0]), r[1], r[2], r[3], r[4], r[5], r[6] or "",
                                r[7], r[8], r[9], r[10], r[11], r[12],
                                date.fromisoformat(r[13])) for r in rows}
    for vacancy_id, code, level in connection.execute(
            "SELECT l.vacancy_id, l.language_code, l.level_code FROM vacancy_language l "
            "JOIN vacancy v ON v.id = l.vacancy_id WHERE v.status = 'open'"):
        if vacancy_id in facts:
            facts[vacancy_id].languages[code] = level
    return list(facts.values())


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


def raw_candidates(connection: sqlite3.Connection, vacancy: VacancyFacts) -> list[SeekerFacts]:
    """The same candidates the service reads: seeking, sharing the sector or the region."""
    rows = connection.execute(
        "SELECT s.id, p.id, p.surname || ' ' || p.given_name, p.office_id, p.region_code, "
        "p.profession, s.qualification, s.experience_years, s.driving_licence "
        "FROM job_seeker s JOIN person p ON p.id = s.person_id WHERE s.seeking = 1 AND ("
        " s.id IN (SELECT job_seeker_id FROM job_seeker_sector WHERE sector_code = ?)"
        " OR s.id IN (SELECT job_seeker_id FROM job_seeker_region WHERE region_code = ?)"
        " OR p.region_code = ?)",
        (vacancy.sector_code, vacancy.region_code, vacancy.region_code))
    seekers = {r[0]: SeekerFacts(uuid.UUID(r[1]), r[2], uuid.UUID(r[3]), r[4], r[5], r[6], r[7],
                                 r[8]) for r in rows}
    by_person = {key(s.person_id): s for s in seekers.values()}
    for chunk in _chunks(list(seekers)):
        marks = ",".join("?" * len(chunk))
        for seeker_id, code in connection.execute(
                f"SELECT job_seeker_id, sector_code FROM job_seeker_sector "
                f"WHERE job_seeker_id IN ({marks})", chunk):
            seekers[seeker_id].sector_codes.add(code)
        for seeker_id, code in connection.execute(
                f"SELECT job_seeker_id, region_code FROM job_seeker_region "
                f"WHERE job_seeker_id IN ({marks})", chunk):
            seekers[seeker_id].region_codes.add(code)
    for chunk in _chunks(list(by_person)):
        marks = ",".join("?" * len(chunk))
        for person_id, code, level in connection.execute(
                f"SELECT person_id, language_code, level_code FROM person_language "
                f"WHERE person_id IN ({marks})", chunk):
            by_person[person_id].languages[code] = level
    return list(seekers.values())


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), 900):
        yield ids[start:start + 900]


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
    vacancies = raw_open_vacancies(raw, label)
    labels = raw_labels(raw, label)
    assert score_all(raw_seeker(raw, person_id), vacancies, labels) == len(found)
    ours = timed(lambda _n: matching.match_vacancies(database, caseworker, person_id), RUNS)
    theirs = timed(lambda _n: score_all(raw_seeker(raw, person_id),
                                        raw_open_vacancies(raw, label),
                                        raw_labels(raw, label)), RUNS)
    lines.append(row(f"match_vacancies ({len(vacancies):,} open, {len(found):,} fit)",
                     ours, theirs, TARGETS_MS["seeker"], 44))

    facts, seekers = matching.match_seekers(database, manager, vacancy_id, limit=100_000)
    candidates = raw_candidates(raw, facts)

    def raw_seekers(_n: int) -> int:
        vacancy = raw_open_vacancies_one(raw, vacancy_id, label, facts)
        read_labels = raw_labels(raw, label)
        return sum(1 for s in raw_candidates(raw, vacancy)
                   if matching.match(s, vacancy, read_labels)[1])

    assert raw_seekers(0) == len(seekers)
    ours = timed(lambda _n: matching.match_seekers(database, manager, vacancy_id), RUNS)
    theirs = timed(raw_seekers, RUNS)
    lines.append(row(f"match_seekers ({len(candidates):,} read, {len(seekers):,} fit)",
                     ours, theirs, TARGETS_MS["vacancy"], 44))
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
    print(f"{'operation':44} {'Qadam p50':>8} {'p95':>8}   {'raw p50':>7} {'p95':>7}   "
          f"{'ratio':>7}   target")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
