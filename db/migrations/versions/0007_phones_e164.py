"""Clients' phone numbers in one form, E.164 (``+77012345678``).

Numbers were kept as typed ("8 701 234 56 78", "+7 (701) 234-56-78"); they are now
stored as E.164 and formatted for display. A number without a country code is
read as Kazakh; an extension stays after it as ``;ext=N``. What is not a valid
number of any country is left exactly as it was typed: nothing is lost, and the
profile asks for a correction only when someone edits it.

A frozen copy of ``desktop.domain.phones.stored_phone`` as this revision knows it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import phonenumbers
import sqlalchemy as sa
from alembic import op
from phonenumbers import NumberParseException, PhoneNumberFormat

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 5000


def _e164(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "KZ")
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def upgrade() -> None:
    connection = op.get_bind()
    person = sa.table("person", sa.column("id", sa.Uuid()), sa.column("phone", sa.String()))
    rows = connection.execute(sa.select(person.c.id, person.c.phone)
                              .where(person.c.phone != "")).all()
    changes = []
    for person_id, phone in rows:
        stored = _e164(phone.strip())
        if stored is not None and stored != phone:
            changes.append({"key": person_id, "phone": stored})
    update = (person.update().where(person.c.id == sa.bindparam("key"))
              .values(phone=sa.bindparam("phone")))
    for start in range(0, len(changes), BATCH):
        connection.execute(update, changes[start:start + BATCH])


def downgrade() -> None:
    """Nothing to undo: E.164 is a phone number as good as the form it replaced."""
