"""The center's and the offices' names in Russian and English beside the Kazakh one
(``name``), and the center's director, who approves its reports.

A report prints the name in its own language; an existing database had one name, now
copied into the other two until an administrator writes them.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

NAMES = ("name_ru", "name_en")
DIRECTOR = ("director_name", "director_position")


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite adds them without copying the tables.
    for table in ("center", "office"):
        for column in NAMES:
            op.add_column(table, sa.Column(column, sa.String(), nullable=False,
                                           server_default=""))
        # The table and column names are this module's constants.
        op.execute(sa.text(f"UPDATE {table} SET name_ru = name, name_en = name"))
    for column in DIRECTOR:
        op.add_column("center", sa.Column(column, sa.String(), nullable=False,
                                          server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("center") as batch:
        for column in (*NAMES, *DIRECTOR):
            batch.drop_column(column)
    with op.batch_alter_table("office") as batch:
        for column in NAMES:
            batch.drop_column(column)
