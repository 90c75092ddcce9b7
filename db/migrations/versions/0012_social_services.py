"""Social services followed to their outcome: providers in three languages with the
services they provide, and referrals that are accepted, completed, refused or never
answered.

- ``provider_type``: a new reference list (akimat department, polyclinic, school...),
  seeded here.
- ``provider``: its name in kk, ru and en (the old single name goes into the column of
  the script it is written in: Kazakh letters make it Kazakh, other Cyrillic Russian,
  anything else English), its type, locality, contact person and e-mail. The center's
  own providers are typed as the adaptation centre.
- ``provider_service``: the service types a provider delivers. Each existing provider
  delivers every service type of its area, which is what it could be chosen for until now.
- ``referral``: ``completed_on`` becomes ``closed_on`` (the day it ended, whichever way);
  ``accepted_on``, ``amount`` (tenge) and ``chase_follow_up_id`` (the one follow-up a
  referral nobody answered gets) are added. The statuses become referred, accepted,
  completed, refused, no_response and cancelled: "in progress" was the provider's
  acceptance and "declined" its refusal.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

PROVIDER_TYPES = (
    ("adaptation_centre", "Бейімдеу және кіріктіру орталығы", "Центр адаптации и интеграции",
     "Adaptation and integration centre"),
    ("akimat_department", "Әкімдік бөлімі", "Отдел акимата", "Akimat department"),
    ("career_centre", "Мансап орталығы", "Карьерный центр", "Career centre"),
    ("public_service_centre", "Халыққа қызмет көрсету орталығы",
     "Центр обслуживания населения", "Public service centre"),
    ("polyclinic", "Емхана", "Поликлиника", "Polyclinic"),
    ("school", "Мектеп", "Школа", "School"),
    ("kindergarten", "Балабақша", "Детский сад", "Kindergarten"),
    ("college", "Колледж немесе жоғары оқу орны", "Колледж или вуз", "College or university"),
    ("training_centre", "Оқу орталығы", "Учебный центр", "Training centre"),
    ("legal_aid", "Заң көмегі кеңсесі", "Служба юридической помощи", "Legal-aid office"),
    ("ngo", "Үкіметтік емес ұйым", "Неправительственная организация",
     "Non-governmental organisation"),
    ("employers_association", "Жұмыс берушілер бірлестігі", "Объединение работодателей",
     "Employers' association"),
    ("other", "Басқа ұйым", "Другая организация", "Other organisation"),
)
STATUS_RENAMES = (("in_progress", "accepted"), ("declined", "refused"))
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _name_column(name: str) -> str:
    if any(letter in KAZAKH_LETTERS for letter in name):
        return "name_kk"
    if any("\u0400" <= letter <= "\u04ff" for letter in name):
        return "name_ru"
    return "name_en"


def _status(*values: str) -> sa.Enum:
    return sa.Enum(*values, name="referralstatus", native_enum=False, length=16)


def upgrade() -> None:
    types = op.create_table(
        "provider_type",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_provider_type"))
    op.bulk_insert(types, [
        {"code": code, "label_kk": kk, "label_ru": ru, "label_en": en, "sort_order": position,
         "active": True} for position, (code, kk, ru, en) in enumerate(PROVIDER_TYPES)])

    connection = op.get_bind()
    before = sa.table("provider", sa.column("id", sa.Uuid()), sa.column("name", sa.String()),
                      sa.column("area_code", sa.String()))
    names = connection.execute(sa.select(before.c.id, before.c.name)).all()
    with op.batch_alter_table("provider") as batch_op:
        for column in ("name_kk", "name_ru", "name_en", "locality", "contact", "email"):
            batch_op.add_column(sa.Column(column, sa.String(), server_default="",
                                          nullable=False))
        batch_op.add_column(sa.Column("type_code", sa.String(), nullable=True))
        batch_op.create_foreign_key("fk_provider_type_code_provider_type", "provider_type",
                                    ["type_code"], ["code"])
        batch_op.drop_column("name")
    provider = sa.table("provider", sa.column("id", sa.Uuid()), sa.column("name_kk"),
                        sa.column("name_ru"), sa.column("name_en"))
    for provider_id, name in names:
        connection.execute(provider.update().where(provider.c.id == provider_id)
                           .values({_name_column(name): name}))
    op.execute("UPDATE provider SET type_code = 'adaptation_centre' WHERE internal")

    services = op.create_table(
        "provider_service",
        sa.Column("provider_id", sa.Uuid(), nullable=False),
        sa.Column("service_type_code", sa.String(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"],
                                name="fk_provider_service_provider_id_provider"),
        sa.ForeignKeyConstraint(["service_type_code"], ["service_type.code"],
                                name="fk_provider_service_service_type_code_service_type"),
        sa.PrimaryKeyConstraint("id", name="pk_provider_service"),
        sa.UniqueConstraint("provider_id", "service_type_code",
                            name="uq_provider_service_provider_id"))
    op.create_index("ix_provider_service_provider_id", "provider_service", ["provider_id"])
    op.create_index("ix_provider_service_type", "provider_service", ["service_type_code"])
    now = datetime.now(UTC).replace(tzinfo=None)
    service_type = sa.table("service_type", sa.column("code", sa.String()),
                            sa.column("area_code", sa.String()))
    pairs = connection.execute(
        sa.select(before.c.id, service_type.c.code)
        .join(service_type, service_type.c.area_code == before.c.area_code)).all()
    if pairs:
        op.bulk_insert(services, [
            {"id": uuid.uuid4(), "provider_id": provider_id, "service_type_code": code,
             "created_at": now, "updated_at": now, "version": 1}
            for provider_id, code in pairs])

    with op.batch_alter_table("referral") as batch_op:
        batch_op.alter_column("completed_on", new_column_name="closed_on",
                              existing_type=sa.Date(), existing_nullable=True)
        batch_op.alter_column(
            "status", existing_type=_status("referred", "in_progress", "completed", "declined",
                                            "cancelled"),
            type_=_status("referred", "accepted", "completed", "refused", "no_response",
                          "cancelled"), existing_nullable=False)
        batch_op.add_column(sa.Column("accepted_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("amount", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("chase_follow_up_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key("fk_referral_chase_follow_up_id_follow_up", "follow_up",
                                    ["chase_follow_up_id"], ["id"])
        batch_op.create_index("ix_referral_office_status",
                              ["office_id", "status", "referred_on"])
    for old, new in STATUS_RENAMES:
        op.execute(sa.text("UPDATE referral SET status = :new WHERE status = :old")
                   .bindparams(old=old, new=new))
        op.execute(sa.text("UPDATE status_change SET status = :new"
                           " WHERE subject_table = 'referral' AND status = :old")
                   .bindparams(old=old, new=new))
    # An accepted referral was taken on the day it was last referred at the latest.
    op.execute("UPDATE referral SET accepted_on = referred_on WHERE status = 'accepted'")


def downgrade() -> None:
    for new, old in (("no_response", "declined"), *((n, o) for o, n in STATUS_RENAMES)):
        op.execute(sa.text("UPDATE referral SET status = :old WHERE status = :new")
                   .bindparams(old=old, new=new))
        op.execute(sa.text("UPDATE status_change SET status = :old"
                           " WHERE subject_table = 'referral' AND status = :new")
                   .bindparams(old=old, new=new))
    with op.batch_alter_table("referral") as batch_op:
        batch_op.drop_index("ix_referral_office_status")
        batch_op.drop_constraint("fk_referral_chase_follow_up_id_follow_up", type_="foreignkey")
        for column in ("chase_follow_up_id", "amount", "accepted_on"):
            batch_op.drop_column(column)
        batch_op.alter_column(
            "status", existing_type=_status("referred", "accepted", "completed", "refused",
                                            "no_response", "cancelled"),
            type_=_status("referred", "in_progress", "completed", "declined", "cancelled"),
            existing_nullable=False)
        batch_op.alter_column("closed_on", new_column_name="completed_on",
                              existing_type=sa.Date(), existing_nullable=True)
    op.drop_index("ix_provider_service_type", "provider_service")
    op.drop_index("ix_provider_service_provider_id", "provider_service")
    op.drop_table("provider_service")
    connection = op.get_bind()
    after = sa.table("provider", sa.column("id", sa.Uuid()), sa.column("name_kk", sa.String()),
                     sa.column("name_ru", sa.String()), sa.column("name_en", sa.String()))
    names = connection.execute(sa.select(after.c.id, after.c.name_kk, after.c.name_ru,
                                         after.c.name_en)).all()
    with op.batch_alter_table("provider") as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(), server_default="", nullable=False))
    provider = sa.table("provider", sa.column("id", sa.Uuid()), sa.column("name"))
    for provider_id, kk, ru, en in names:
        connection.execute(provider.update().where(provider.c.id == provider_id)
                           .values(name=kk or ru or en))
    with op.batch_alter_table("provider") as batch_op:
        batch_op.drop_constraint("fk_provider_type_code_provider_type", type_="foreignkey")
        for column in ("type_code", "email", "contact", "locality", "name_en", "name_ru",
                       "name_kk"):
            batch_op.drop_column(column)
    op.drop_table("provider_type")
