"""Covering indexes for the monthly report over a whole network.

* ``ix_person_breakdown`` on person (id and the columns the caseload is broken down by):
  the report joins every case open in the month with its person, and with this index
  reads a narrow index instead of the person rows, which carry every name in every form
  (on a million clients, 75 MB to read instead of 630 MB).
* ``ix_consultation_held_cover`` on consultation (held_at, then the columns the month's
  consultation figures read): the month's consultations counted, by topic, by channel,
  by caseworker and by office, without visiting the rows they are in. ``held_at`` alone
  (``ix_consultation_held``) stays for the trends over a year: it is a tenth the size.

The same indexes on both engines: SQLite reads a covering index as PostgreSQL does.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

# Frozen copies of the models' declarations (db/models/person.py, consultation.py).
PERSON_BREAKDOWN = ["id", "category_code", "sex", "region_code", "education_code",
                    "country_of_origin", "birth_date"]
CONSULTATION_COVER = ["held_at", "id", "person_id", "channel_code", "caseworker_id",
                      "office_id"]


def upgrade() -> None:
    op.create_index("ix_person_breakdown", "person", PERSON_BREAKDOWN)
    op.create_index("ix_consultation_held_cover", "consultation", CONSULTATION_COVER)


def downgrade() -> None:
    op.drop_index("ix_consultation_held_cover", table_name="consultation")
    op.drop_index("ix_person_breakdown", table_name="person")
