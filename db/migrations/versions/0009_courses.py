"""Running language courses: schedules, the waiting list, excused absences, assessments.

- ``course_group``: status, teacher (a user), place, weekly schedule and times. Existing
  groups get the status their dates give today and the weekday they started on.
- ``course_enrolment``: the waiting list (``waiting_since``, ``offered_on`` and the
  offer's follow-up), the reason for dropping out, and the follow-up the
  low-attendance rule raised (once).
- ``course_session``: cancelled, and the day the schedule gave before a move.
- ``attendance``: excused absences.
- ``level_assessment``: entry or exit, for which enrolment.
- ``dropout_reason``: a new reference list, seeded here.
- ``center_setting``: thresholds the rules use, by key.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

DROPOUT_REASONS = (
    ("work", "Жұмысқа байланысты", "В связи с работой", "Work"),
    ("moved", "Басқа жерге көшті", "Переезд", "Moved away"),
    ("health", "Денсаулығына байланысты", "По состоянию здоровья", "Health"),
    ("childcare", "Бала күтімі", "Уход за ребёнком", "Childcare"),
    ("lost_contact", "Байланыс үзілді", "Связь потеряна", "Lost contact"),
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


def upgrade() -> None:
    dropout = op.create_table(
        "dropout_reason", *_reference_columns(),
        sa.PrimaryKeyConstraint("code", name="pk_dropout_reason"))
    op.bulk_insert(dropout, [
        {"code": code, "label_kk": kk, "label_ru": ru, "label_en": en, "sort_order": position,
         "active": True} for position, (code, kk, ru, en) in enumerate(DROPOUT_REASONS)])

    op.create_table(
        "center_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["app_user.id"],
                                name="fk_center_setting_updated_by_app_user"),
        sa.PrimaryKeyConstraint("key", name="pk_center_setting"),
    )

    with op.batch_alter_table("course_group") as batch_op:
        batch_op.add_column(sa.Column("teacher_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("place", sa.String(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("weekdays", sa.String(length=7), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("starts_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("ends_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column(
            "status", sa.Enum("planned", "running", "finished", "cancelled",
                              name="groupstatus", native_enum=False, length=16),
            server_default="planned", nullable=False))
        batch_op.create_foreign_key("fk_course_group_teacher_id_app_user", "app_user",
                                    ["teacher_id"], ["id"])
    _derive_group_status_and_days()

    with op.batch_alter_table("course_enrolment") as batch_op:
        # The status gains "waiting" and "withdrawn": a non-native enum is a VARCHAR(16)
        # with no CHECK here, so the column itself stays as it is.
        batch_op.add_column(sa.Column("waiting_since", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("offered_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("offer_follow_up_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("dropout_reason_code", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("low_attendance_follow_up_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key("fk_course_enrolment_offer_follow_up_id_follow_up",
                                    "follow_up", ["offer_follow_up_id"], ["id"])
        batch_op.create_foreign_key("fk_course_enrolment_dropout_reason_code_dropout_reason",
                                    "dropout_reason", ["dropout_reason_code"], ["code"])
        batch_op.create_foreign_key(
            "fk_course_enrolment_low_attendance_follow_up_id_follow_up", "follow_up",
            ["low_attendance_follow_up_id"], ["id"])
        batch_op.create_index("ix_course_enrolment_group_status", ["group_id", "status"])

    with op.batch_alter_table("course_session") as batch_op:
        batch_op.add_column(sa.Column("cancelled", sa.Boolean(), server_default="0",
                                      nullable=False))
        batch_op.add_column(sa.Column("moved_from", sa.Date(), nullable=True))

    with op.batch_alter_table("attendance") as batch_op:
        batch_op.add_column(sa.Column("excused", sa.Boolean(), server_default="0",
                                      nullable=False))
    # The groups list counts each group's marks: covered, it reads no attendance row.
    op.create_index("ix_attendance_session_marks", "attendance",
                    ["session_id", "present", "excused"])

    with op.batch_alter_table("level_assessment") as batch_op:
        batch_op.add_column(sa.Column("enrolment_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column(
            "kind", sa.Enum("entry", "exit", name="assessmentkind", native_enum=False,
                            length=16), nullable=True))
        batch_op.create_foreign_key("fk_level_assessment_enrolment_id_course_enrolment",
                                    "course_enrolment", ["enrolment_id"], ["id"])
        batch_op.create_index("ix_level_assessment_enrolment_id", ["enrolment_id"])


def _derive_group_status_and_days() -> None:
    """Groups made before this revision: the status their dates give, the day they began."""
    group = sa.table("course_group", sa.column("id", sa.Uuid), sa.column("starts_on", sa.Date),
                     sa.column("ends_on", sa.Date), sa.column("status", sa.String),
                     sa.column("weekdays", sa.String))
    connection = op.get_bind()
    today = date.today()
    for row in connection.execute(sa.select(group.c.id, group.c.starts_on, group.c.ends_on)):
        status = ("finished" if row.ends_on < today
                  else "running" if row.starts_on <= today else "planned")
        connection.execute(group.update().where(group.c.id == row.id).values(
            status=status, weekdays=str(row.starts_on.isoweekday())))


def downgrade() -> None:
    with op.batch_alter_table("level_assessment") as batch_op:
        batch_op.drop_index("ix_level_assessment_enrolment_id")
        batch_op.drop_constraint("fk_level_assessment_enrolment_id_course_enrolment",
                                 type_="foreignkey")
        batch_op.drop_column("kind")
        batch_op.drop_column("enrolment_id")
    op.drop_index("ix_attendance_session_marks", "attendance")
    with op.batch_alter_table("attendance") as batch_op:
        batch_op.drop_column("excused")
    with op.batch_alter_table("course_session") as batch_op:
        batch_op.drop_column("moved_from")
        batch_op.drop_column("cancelled")
    op.execute("DELETE FROM course_enrolment WHERE status IN ('waiting', 'withdrawn')")
    with op.batch_alter_table("course_enrolment") as batch_op:
        batch_op.drop_index("ix_course_enrolment_group_status")
        for name in ("fk_course_enrolment_low_attendance_follow_up_id_follow_up",
                     "fk_course_enrolment_dropout_reason_code_dropout_reason",
                     "fk_course_enrolment_offer_follow_up_id_follow_up"):
            batch_op.drop_constraint(name, type_="foreignkey")
        for column in ("low_attendance_follow_up_id", "dropout_reason_code",
                       "offer_follow_up_id", "offered_on", "waiting_since"):
            batch_op.drop_column(column)
    with op.batch_alter_table("course_group") as batch_op:
        batch_op.drop_constraint("fk_course_group_teacher_id_app_user", type_="foreignkey")
        for column in ("status", "ends_at", "starts_at", "weekdays", "place", "teacher_id"):
            batch_op.drop_column(column)
    op.drop_table("center_setting")
    op.drop_table("dropout_reason")
