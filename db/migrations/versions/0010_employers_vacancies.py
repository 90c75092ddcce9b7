"""Employers and vacancies kept by the center: an employer's phone and whether it is still
worked with; a vacancy's place, requirements (profession, experience, driving licence,
languages) and status.

Existing vacancies are open unless they were closed; every employer is active.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    """The columns every record carries (``db.base.Record``), as this revision knows them."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("employer") as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default="1",
                                      nullable=False))
    with op.batch_alter_table("vacancy") as batch_op:
        batch_op.add_column(sa.Column("region_code", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("locality", sa.String(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("profession", sa.String(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("min_experience_years", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("driving_licence", sa.String(length=16),
                                      server_default="", nullable=False))
        batch_op.add_column(sa.Column(
            "status", sa.Enum("open", "on_hold", "closed", name="vacancystatus",
                              native_enum=False, length=16),
            server_default="open", nullable=False))
        batch_op.create_foreign_key("fk_vacancy_region_code_region", "region",
                                    ["region_code"], ["code"])
        batch_op.create_index("ix_vacancy_status_sector", ["status", "sector_code"])
    op.execute("UPDATE vacancy SET status = 'closed' WHERE closed_on IS NOT NULL")
    op.create_table(
        "vacancy_language",
        sa.Column("vacancy_id", sa.Uuid(), nullable=False),
        sa.Column("language_code", sa.String(), nullable=False),
        sa.Column("level_code", sa.String(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"],
                                name="fk_vacancy_language_vacancy_id_vacancy",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["language_code"], ["language.code"],
                                name="fk_vacancy_language_language_code_language"),
        sa.ForeignKeyConstraint(["level_code"], ["language_level.code"],
                                name="fk_vacancy_language_level_code_language_level"),
        sa.PrimaryKeyConstraint("id", name="pk_vacancy_language"),
        sa.UniqueConstraint("vacancy_id", "language_code",
                            name="uq_vacancy_language_vacancy_id"),
    )
    op.create_index("ix_vacancy_language_vacancy_id", "vacancy_language", ["vacancy_id"])


def downgrade() -> None:
    op.drop_index("ix_vacancy_language_vacancy_id", "vacancy_language")
    op.drop_table("vacancy_language")
    with op.batch_alter_table("vacancy") as batch_op:
        batch_op.drop_index("ix_vacancy_status_sector")
        batch_op.drop_constraint("fk_vacancy_region_code_region", type_="foreignkey")
        for column in ("status", "driving_licence", "min_experience_years", "profession",
                       "locality", "region_code"):
            batch_op.drop_column(column)
    with op.batch_alter_table("employer") as batch_op:
        batch_op.drop_column("active")
        batch_op.drop_column("phone")
