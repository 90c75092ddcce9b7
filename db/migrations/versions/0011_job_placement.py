"""Job placement followed to its outcome: job-seeker profiles, the referral pipeline for
jobs and training, the contract of a placement, retention checks planned at the hire.

- ``job_seeker`` (with the sectors and regions sought): what a career centre asks.
- ``job_referral``: its kind (job or training), the consultation it came from, the
  service, the provider and course of a training referral, the interview day and a note.
  The employer may be left out (a consultation's referral whose vacancy is still to be
  chosen, or a training referral).
- ``placement``: the contract type.
- ``retention_check``: planned at the hire, due on its day with a follow-up; the outcome
  (``checked_on``, ``still_employed``, why they left) is filled in later. Existing checks
  were recorded on their day: that day is their due day.
- ``job_leaving_reason``: a new reference list, seeded here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

LEAVING_REASONS = (
    ("dismissed", "Жұмыс беруші босатты", "Уволен работодателем", "Dismissed by the employer"),
    ("resigned", "Өз еркімен кетті", "Уволился по собственному желанию", "Resigned"),
    ("contract_ended", "Шарт мерзімі аяқталды", "Истёк срок договора", "Contract ended"),
    ("moved", "Басқа жерге көшті", "Переезд", "Moved away"),
    ("health", "Денсаулығына байланысты", "По состоянию здоровья", "Health"),
    ("family", "Отбасылық жағдай", "Семейные обстоятельства", "Family reasons"),
    ("other", "Басқа себеп", "Другая причина", "Other"),
)


def _reference_columns() -> list[sa.Column]:
    return [
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    ]


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
    reasons = op.create_table(
        "job_leaving_reason", *_reference_columns(),
        sa.PrimaryKeyConstraint("code", name="pk_job_leaving_reason"))
    op.bulk_insert(reasons, [
        {"code": code, "label_kk": kk, "label_ru": ru, "label_en": en, "sort_order": position,
         "active": True} for position, (code, kk, ru, en) in enumerate(LEAVING_REASONS)])

    op.create_table(
        "job_seeker",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("qualification", sa.String(), nullable=False),
        sa.Column("experience_years", sa.Integer(), nullable=True),
        sa.Column("driving_licence", sa.String(length=16), nullable=False),
        sa.Column("health_limits", sa.String(), nullable=False),
        sa.Column("childcare", sa.Boolean(), nullable=False),
        sa.Column("unemployed_since", sa.Date(), nullable=True),
        sa.Column("seeking", sa.Boolean(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name="fk_job_seeker_person_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_job_seeker"),
        sa.UniqueConstraint("person_id", name="uq_job_seeker_person_id"),
    )
    for table, column, target in (("job_seeker_sector", "sector_code", "economic_sector"),
                                  ("job_seeker_region", "region_code", "region")):
        op.create_table(
            table,
            sa.Column("job_seeker_id", sa.Uuid(), nullable=False),
            sa.Column(column, sa.String(), nullable=False),
            *_record_columns(),
            sa.ForeignKeyConstraint(["job_seeker_id"], ["job_seeker.id"],
                                    name=f"fk_{table}_job_seeker_id_job_seeker",
                                    ondelete="CASCADE"),
            sa.ForeignKeyConstraint([column], [f"{target}.code"],
                                    name=f"fk_{table}_{column}_{target}"),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.UniqueConstraint("job_seeker_id", column, name=f"uq_{table}_job_seeker_id"),
        )
        op.create_index(f"ix_{table}_job_seeker_id", table, ["job_seeker_id"])
        op.create_index(f"ix_{table}_{column}", table, [column])

    with op.batch_alter_table("job_referral") as batch_op:
        batch_op.alter_column("employer_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.add_column(sa.Column("consultation_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column(
            "kind", sa.Enum("job", "training", name="jobreferralkind", native_enum=False,
                            length=16), server_default="job", nullable=False))
        batch_op.add_column(sa.Column("service_type_code", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("provider_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("course_title", sa.String(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("starts_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ends_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("interview_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))
        batch_op.create_foreign_key("fk_job_referral_consultation_id_consultation",
                                    "consultation", ["consultation_id"], ["id"])
        batch_op.create_foreign_key("fk_job_referral_service_type_code_service_type",
                                    "service_type", ["service_type_code"], ["code"])
        batch_op.create_foreign_key("fk_job_referral_provider_id_provider", "provider",
                                    ["provider_id"], ["id"])
        batch_op.create_index("ix_job_referral_vacancy_id", ["vacancy_id"])
    op.execute("UPDATE job_referral SET service_type_code = 'job_placement'")

    with op.batch_alter_table("placement") as batch_op:
        batch_op.add_column(sa.Column(
            "contract_type", sa.Enum("permanent", "fixed_term", "seasonal", "subsidised",
                                     name="contracttype", native_enum=False, length=16),
            nullable=True))

    with op.batch_alter_table("retention_check") as batch_op:
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("follow_up_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("leaving_reason_code", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))
        batch_op.alter_column("checked_on", existing_type=sa.Date(), nullable=True)
        batch_op.alter_column("still_employed", existing_type=sa.Boolean(), nullable=True)
        batch_op.create_foreign_key("fk_retention_check_follow_up_id_follow_up", "follow_up",
                                    ["follow_up_id"], ["id"])
        batch_op.create_foreign_key(
            "fk_retention_check_leaving_reason_code_job_leaving_reason",
            "job_leaving_reason", ["leaving_reason_code"], ["code"])
        batch_op.create_index("ix_retention_check_checked", ["checked_on"])
    op.execute("UPDATE retention_check SET due_on = checked_on")
    with op.batch_alter_table("retention_check") as batch_op:
        batch_op.alter_column("due_on", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    op.execute("DELETE FROM retention_check WHERE checked_on IS NULL")
    with op.batch_alter_table("retention_check") as batch_op:
        batch_op.drop_index("ix_retention_check_checked")
        batch_op.drop_constraint("fk_retention_check_leaving_reason_code_job_leaving_reason",
                                 type_="foreignkey")
        batch_op.drop_constraint("fk_retention_check_follow_up_id_follow_up",
                                 type_="foreignkey")
        batch_op.alter_column("still_employed", existing_type=sa.Boolean(), nullable=False)
        batch_op.alter_column("checked_on", existing_type=sa.Date(), nullable=False)
        for column in ("note", "leaving_reason_code", "follow_up_id", "due_on"):
            batch_op.drop_column(column)
    with op.batch_alter_table("placement") as batch_op:
        batch_op.drop_column("contract_type")
    op.execute("DELETE FROM job_referral WHERE employer_id IS NULL")
    with op.batch_alter_table("job_referral") as batch_op:
        batch_op.drop_index("ix_job_referral_vacancy_id")
        for name in ("fk_job_referral_provider_id_provider",
                     "fk_job_referral_service_type_code_service_type",
                     "fk_job_referral_consultation_id_consultation"):
            batch_op.drop_constraint(name, type_="foreignkey")
        for column in ("note", "interview_on", "ends_on", "starts_on", "course_title",
                       "provider_id", "service_type_code", "kind", "consultation_id"):
            batch_op.drop_column(column)
        batch_op.alter_column("employer_id", existing_type=sa.Uuid(), nullable=False)
    for table, column in (("job_seeker_region", "region_code"),
                          ("job_seeker_sector", "sector_code")):
        op.drop_index(f"ix_{table}_{column}", table)
        op.drop_index(f"ix_{table}_job_seeker_id", table)
        op.drop_table(table)
    op.drop_table("job_seeker")
    op.drop_table("job_leaving_reason")
