"""Seed the reference lists (regions, categories, document and service types...).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Reads ``db.reference_data`` as it stands at this revision; a later change to a
list needs a new revision that inserts or updates the changed rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.reference_data import REFERENCE

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Seeded parents first: service types point at service areas.
ORDER = sorted(REFERENCE, key=lambda name: name == "service_type")


def _table(name: str) -> sa.Table:
    columns = [
        sa.column("code", sa.String), sa.column("label_kk", sa.String),
        sa.column("label_ru", sa.String), sa.column("label_en", sa.String),
        sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean),
    ]
    if name == "service_type":
        columns.append(sa.column("area_code", sa.String))
    return sa.table(name, *columns)


def upgrade() -> None:
    for name in ORDER:
        rows = []
        for position, item in enumerate(REFERENCE[name]):
            row = {"code": item.code, "label_kk": item.kk, "label_ru": item.ru,
                   "label_en": item.en, "sort_order": position, "active": True}
            if name == "service_type":
                row["area_code"] = item.parent
            rows.append(row)
        op.bulk_insert(_table(name), rows)


def downgrade() -> None:
    for name in reversed(ORDER):
        op.execute(sa.delete(_table(name)))
