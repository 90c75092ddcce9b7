"""Index consultations by time alone, for the monthly report over all offices.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultation") as batch_op:
        batch_op.create_index("ix_consultation_held", ["held_at"])


def downgrade() -> None:
    with op.batch_alter_table("consultation") as batch_op:
        batch_op.drop_index("ix_consultation_held")
