"""A document's state: valid, replaced by a renewal, lost or revoked.

A renewed document is kept as history, marked replaced and pointing to its
successor; a lost or revoked one keeps the date and a note. Every document
recorded before this revision is valid (the server default fills them in).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch_op:
        batch_op.add_column(sa.Column(
            "status",
            sa.Enum("valid", "replaced", "lost", "revoked", name="documentstatus",
                    native_enum=False, length=16),
            server_default="valid", nullable=False))
        batch_op.add_column(sa.Column("replaced_by_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("status_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("status_note", sa.Text(), server_default="",
                                      nullable=False))
        batch_op.create_foreign_key("fk_document_replaced_by_id_document", "document",
                                    ["replaced_by_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("document") as batch_op:
        batch_op.drop_constraint("fk_document_replaced_by_id_document", type_="foreignkey")
        batch_op.drop_column("status_note")
        batch_op.drop_column("status_on")
        batch_op.drop_column("replaced_by_id")
        batch_op.drop_column("status")
