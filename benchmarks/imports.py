"""Importing 50,000 clients from a CSV file (target: under 30 s), beside the same rows
inserted raw.

Qadam's figure is the whole import as a user starts it: the file read and decoded, every
row checked with the intake rules and against the database, then written with the
person's open case, search entry and audit entries in one transaction. The raw figure is
the same validated people inserted into ``person`` with one sqlite3 ``executemany``
(what a hand-written loader that checks nothing and writes no case, index or log would
cost). Both run on fresh copies of an empty, migrated database with one office, in /tmp.

    .venv/bin/python benchmarks/imports.py [ROWS]
"""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from db.bulk import day, key
from db.migrate import open_database
from db.models import Office, Role, User
from desktop.services.access import Actor
from desktop.services.demo.population import Population
from desktop.services.transfer import columns, importing
from desktop.services.transfer.reading import read_sheet

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
TARGET_S = 30.0
TODAY = date.today()


def write_file(path: Path, rows: int) -> None:
    """Realistic rows (the demo's names, IINs and categories), in Russian headers."""
    rng = random.Random(12)
    population = Population(rng, TODAY)
    headers = columns.headers(columns.TEMPLATE, "ru")
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers)
        seen: set[str] = set()
        written = 0
        while written < rows:
            client = population.draw()
            if client.iin and client.iin in seen:
                continue
            if client.iin:
                seen.add(client.iin)
            arrival = max(TODAY - timedelta(days=rng.randint(30, 2000)), client.birth_date)
            citizenship = "KZ" if client.category in ("internal_resettler",
                                                      "returning_citizen") else client.country
            writer.writerow([
                client.surname, client.given_name, client.patronymic, client.surname_latin,
                client.given_name_latin, client.iin or "", client.birth_date.strftime("%d.%m.%Y"),
                client.sex, "" if client.category == "stateless" else citizenship,
                client.country, client.category, "71", "", arrival.strftime("%d.%m.%Y"),
                min(arrival + timedelta(days=rng.randint(0, 20)), TODAY).strftime("%d.%m.%Y"), "",
                "kk", ""])
            written += 1


def fresh_database(template: Path, folder: Path, name: str) -> tuple[Path, Actor]:
    path = folder / name
    shutil.copyfile(template, path)
    database = open_database(path)
    with database.session() as session:
        office = Office(code="AST", name="Astana", region_code="71")
        session.add(office)
        session.flush()
        user = User(login="admin", full_name="Admin", role=Role.ADMIN, office_id=office.id)
        session.add(user)
        session.flush()
        actor = Actor(user.id, "admin", "Admin", Role.ADMIN, office.id, "AST", "Astana")
    database.dispose()
    return path, actor


def main() -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        template = folder / "template.db"
        open_database(template).dispose()
        source = folder / "clients.csv"
        write_file(source, ROWS)

        path, actor = fresh_database(template, folder, "ours.db")
        database = open_database(path)
        started = time.perf_counter()
        sheet = read_sheet(source)
        read_s = time.perf_counter() - started
        preview = importing.check_import(database, actor, sheet,
                                         options=importing.ImportOptions(consent_form="written"))
        check_s = time.perf_counter() - started - read_s
        result = importing.import_clients(database, actor, preview)
        ours = time.perf_counter() - started
        database.dispose()
        problems = len(preview.problems)

        raw_path, _actor = fresh_database(template, folder, "raw.db")
        rows = [(key(uuid.uuid4()), r.client.surname, r.client.given_name,
                 r.client.patronymic, r.client.iin or None, day(r.client.birth_date),
                 r.client.sex, r.client.citizenship, r.client.country_of_origin,
                 r.client.category_code, key(r.client.office_id), "kk", day(r.intake_date),
                 "written") for r in preview.ready if r.client.office_id]
        connection = sqlite3.connect(raw_path)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=OFF")
        started = time.perf_counter()
        with connection:
            connection.executemany(
                "INSERT INTO person (id, surname, given_name, patronymic, iin, birth_date, sex,"
                " citizenship, country_of_origin, category_code, office_id, preferred_language,"
                " consent_date, consent_form_code, surname_latin, given_name_latin, name_original,"
                " sort_key, locality, address, phone, email, messenger, profession, notes,"
                " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, '', '', '', '', '', '', '', '', '', '', '', '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00', 1)", rows)
        raw = time.perf_counter() - started
        connection.close()

    print(f"Import of {ROWS:,} rows from CSV ({problems} refused): "
          f"read {read_s:.1f} s, checked {check_s:.1f} s, written "
          f"{ours - read_s - check_s:.1f} s")
    print(f"{'':24} {'Qadam':>8} {'raw':>8} {'ratio':>8}   target")
    verdict = "pass" if ours < TARGET_S else "FAIL"
    print(f"{'import ' + format(result.imported, ','):24} {ours:7.1f}s {raw:7.2f}s "
          f"{ours / max(raw, 1e-6):7.1f}x   < {TARGET_S:.0f} s  {verdict}")


if __name__ == "__main__":
    main()
