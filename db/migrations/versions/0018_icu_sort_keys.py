"""Clients' sort keys from ICU's Kazakh collation (``db.collation``), compared byte by byte.

The hand-made table before it gave colliding keys (ğ sorted with ц, ā with ә, Latin
letters with accents after Z). Every person's key is computed again, in batches, and on
PostgreSQL the column takes the "C" collation: hex keys are ordered by their bytes,
whatever locale the server was made with.

The keys are computed by ``db.collation.sort_key`` itself, not a frozen copy: the stored
keys must be those the running Qadam writes beside them. A later change of the collation
(a new ICU) comes with its own revision computing them again.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from db.collation import sort_key

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

BATCH = 5000

# Frozen copy of the keys before this revision, for the downgrade: the Qadam that goes
# back to 0017 lists clients by them.
_OLD_ORDER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_OLD_TABLE = {ord(letter): chr(0x100 + position) for position, letter in enumerate(_OLD_ORDER)}
_OLD_TABLE.update({ord(letter): chr(0x140 + position)
                   for position, letter in enumerate("abcdefghijklmnopqrstuvwxyz")})


def _old_sort_key(name: str) -> str:
    return name.casefold().translate(_OLD_TABLE)


def _recompute(key_of: Callable[[str], str]) -> None:
    """Every person's key again, a batch at a time (a million clients never in memory),
    walking the primary key so that no row is read twice."""
    connection = op.get_bind()
    person = sa.table("person", sa.column("id", sa.Uuid()), sa.column("surname", sa.String()),
                      sa.column("given_name", sa.String()), sa.column("sort_key", sa.String()))
    page = (sa.select(person.c.id, person.c.surname, person.c.given_name)
            .order_by(person.c.id).limit(BATCH))
    update = (person.update().where(person.c.id == sa.bindparam("key"))
              .values(sort_key=sa.bindparam("value")))
    last = None
    while True:
        rows = connection.execute(page if last is None
                                  else page.where(person.c.id > last)).all()
        if not rows:
            return
        # As db.session keys a person: surname, a space, given name.
        connection.execute(update, [{"key": person_id,
                                     "value": key_of(f"{surname} {given_name}")}
                                    for person_id, surname, given_name in rows])
        last = rows[-1][0]


def _collation(name: str) -> None:
    # ALTER ... TYPE rebuilds the two indexes on the column, in the new order.
    op.execute(f'ALTER TABLE person ALTER COLUMN sort_key TYPE varchar COLLATE "{name}"')


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _collation("C")
    _recompute(sort_key)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _collation("default")
    _recompute(_old_sort_key)
