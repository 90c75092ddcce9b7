"""How long `qadam demo --clients 100000` takes, and what it writes (target: under 60 s).

    .venv/bin/python benchmarks/demo_data.py [--clients N]

Leaves the database at benchmarks/demo-100k.db for the other benchmarks.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time

from common import BIG_CLIENTS, BIG_DATABASE


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=BIG_CLIENTS)
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        BIG_DATABASE.with_name(BIG_DATABASE.name + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "desktop", "--db", str(BIG_DATABASE), "demo",
                    "--clients", str(args.clients)], check=True)
    elapsed = time.perf_counter() - started
    with sqlite3.connect(BIG_DATABASE) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'person_fts%' "
            "AND name NOT IN ('alembic_version', 'sqlite_sequence')")]
        counts = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                  for t in tables}
    related = sum(n for t, n in counts.items() if t not in ("person", "person_search"))
    print(f"qadam demo --clients {args.clients}: {elapsed:.1f} s (whole command, start-up "
          f"and migration included)")
    print(f"clients {counts['person']:,}; related records {related:,}; "
          f"file {BIG_DATABASE.stat().st_size / 2**20:.0f} MiB")
    for table, count in sorted(counts.items(), key=lambda item: -item[1]):
        if count:
            print(f"  {table:26} {count:>10,}")


if __name__ == "__main__":
    main()
