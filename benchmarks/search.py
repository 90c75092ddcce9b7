"""What caseworkers type into the search box, for the benchmarks: 1,000 varied queries
(Cyrillic, Latin, prefixes, IIN digits) and 1,000 from the middle of a surname or an IIN,
made from people drawn from the database. Run alone, it measures search on the
100,000-client SQLite database as benchmarks/engines.py does (target: p95 under 20 ms).

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/search.py
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from common import BIG_DATABASE

from db.translit import to_cyrillic

QUERIES = 1000
# Who the queries are made from: 2,000 people drawn at random, with each maker's columns.
PEOPLE = ("SELECT surname, given_name, surname_latin, given_name_latin, name_original, iin "
          "FROM person ORDER BY random() LIMIT 2000")
LONG_SURNAMES = ("SELECT surname, iin FROM person WHERE length(surname) >= 7 "
                 "AND iin IS NOT NULL ORDER BY random() LIMIT 2000")


def name_queries(people: Sequence[Sequence[Any]], rng: random.Random) -> list[str]:
    """What caseworkers type, from ``people`` rows of PEOPLE's columns."""
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


def infix_queries(people: Sequence[Sequence[Any]], rng: random.Random) -> list[str]:
    """What a caseworker types from the middle: 4 letters of a surname, 4 digits of an IIN,
    from ``people`` rows of LONG_SURNAMES's columns."""
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


def main() -> None:
    """The search figures of benchmarks/engines.py on the 100,000-client SQLite database."""
    from engines import print_side_by_side

    print_side_by_side([str(BIG_DATABASE)], kinds={"search"})


if __name__ == "__main__":
    main()
