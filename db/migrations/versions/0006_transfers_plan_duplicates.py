"""What the working client file needs: transfers between offices, the plan's services,
pairs confirmed distinct, and the tombstones merges leave.

- ``case_transfer``: a request to pass a case to another office and its answer;
  ``client_case.transferred_from_id`` marks the case that continues one.
- ``case_goal`` gains when it was achieved or dropped and a note;
  ``case_goal_service`` links a goal to the enrolments, referrals, job referrals
  and placements that serve it.
- ``distinct_person_pair``: "not the same person", remembered per pair.
- ``person_tombstone``: a merged person's id, pointing to the person kept.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
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
    with op.batch_alter_table("client_case") as batch_op:
        batch_op.add_column(sa.Column("transferred_from_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key("fk_client_case_transferred_from_id_client_case",
                                    "client_case", ["transferred_from_id"], ["id"])

    op.create_table(
        "case_transfer",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("from_office_id", sa.Uuid(), nullable=False),
        sa.Column("to_office_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.Enum("requested", "accepted", "declined", "withdrawn",
                                    name="transferstatus", native_enum=False, length=16),
                  nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("new_case_id", sa.Uuid(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint("from_office_id <> to_office_id",
                           name="ck_case_transfer_other_office"),
        sa.ForeignKeyConstraint(["case_id"], ["client_case.id"],
                                name="fk_case_transfer_case_id_client_case"),
        sa.ForeignKeyConstraint(["decided_by"], ["app_user.id"],
                                name="fk_case_transfer_decided_by_app_user"),
        sa.ForeignKeyConstraint(["from_office_id"], ["office.id"],
                                name="fk_case_transfer_from_office_id_office"),
        sa.ForeignKeyConstraint(["new_case_id"], ["client_case.id"],
                                name="fk_case_transfer_new_case_id_client_case"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name="fk_case_transfer_person_id_person"),
        sa.ForeignKeyConstraint(["to_office_id"], ["office.id"],
                                name="fk_case_transfer_to_office_id_office"),
        sa.PrimaryKeyConstraint("id", name="pk_case_transfer"),
    )
    op.create_index("ix_case_transfer_case_id", "case_transfer", ["case_id"])
    op.create_index("ix_case_transfer_person_id", "case_transfer", ["person_id"])
    op.create_index("ix_case_transfer_to_status", "case_transfer", ["to_office_id", "status"])
    op.create_index("uq_case_transfer_pending", "case_transfer", ["case_id"], unique=True,
                    sqlite_where=sa.text("status = 'requested'"),
                    postgresql_where=sa.text("status = 'requested'"))

    with op.batch_alter_table("case_goal") as batch_op:
        batch_op.add_column(sa.Column("status_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))

    op.create_table(
        "case_goal_service",
        sa.Column("goal_id", sa.Uuid(), nullable=False),
        sa.Column("enrolment_id", sa.Uuid(), nullable=True),
        sa.Column("referral_id", sa.Uuid(), nullable=True),
        sa.Column("job_referral_id", sa.Uuid(), nullable=True),
        sa.Column("placement_id", sa.Uuid(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint(
            "CASE WHEN enrolment_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN referral_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN job_referral_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN placement_id IS NULL THEN 0 ELSE 1 END = 1",
            name="ck_case_goal_service_exactly_one"),
        sa.ForeignKeyConstraint(["enrolment_id"], ["course_enrolment.id"],
                                name="fk_case_goal_service_enrolment_id_course_enrolment",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["goal_id"], ["case_goal.id"],
                                name="fk_case_goal_service_goal_id_case_goal",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["job_referral_id"], ["job_referral.id"],
                                name="fk_case_goal_service_job_referral_id_job_referral",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"],
                                name="fk_case_goal_service_placement_id_placement",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"],
                                name="fk_case_goal_service_referral_id_referral",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_case_goal_service"),
    )
    for column in ("enrolment_id", "goal_id", "job_referral_id", "placement_id", "referral_id"):
        op.create_index(f"ix_case_goal_service_{column}", "case_goal_service", [column])

    op.create_table(
        "distinct_person_pair",
        sa.Column("person_low_id", sa.Uuid(), nullable=False),
        sa.Column("person_high_id", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_record_columns(),
        sa.CheckConstraint("person_low_id < person_high_id",
                           name="ck_distinct_person_pair_ordered"),
        sa.ForeignKeyConstraint(["person_high_id"], ["person.id"],
                                name="fk_distinct_person_pair_person_high_id_person",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_low_id"], ["person.id"],
                                name="fk_distinct_person_pair_person_low_id_person",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_distinct_person_pair"),
        sa.UniqueConstraint("person_low_id", "person_high_id",
                            name="uq_distinct_person_pair_person_low_id"),
    )
    op.create_index("ix_distinct_person_pair_person_high_id", "distinct_person_pair",
                    ["person_high_id"])

    op.create_table(
        "person_tombstone",
        sa.Column("merged_person_id", sa.Uuid(), nullable=False),
        sa.Column("kept_person_id", sa.Uuid(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("merged_by", sa.Uuid(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(["kept_person_id"], ["person.id"],
                                name="fk_person_tombstone_kept_person_id_person"),
        sa.ForeignKeyConstraint(["merged_by"], ["app_user.id"],
                                name="fk_person_tombstone_merged_by_app_user"),
        sa.PrimaryKeyConstraint("id", name="pk_person_tombstone"),
        sa.UniqueConstraint("merged_person_id",
                            name="uq_person_tombstone_merged_person_id"),
    )
    op.create_index("ix_person_tombstone_kept_person_id", "person_tombstone",
                    ["kept_person_id"])


def downgrade() -> None:
    op.drop_table("person_tombstone")
    op.drop_table("distinct_person_pair")
    op.drop_table("case_goal_service")
    with op.batch_alter_table("case_goal") as batch_op:
        batch_op.drop_column("note")
        batch_op.drop_column("status_on")
    op.drop_table("case_transfer")
    with op.batch_alter_table("client_case") as batch_op:
        batch_op.drop_constraint("fk_client_case_transferred_from_id_client_case",
                                 type_="foreignkey")
        batch_op.drop_column("transferred_from_id")
