"""Entitlements counted in MRP, the regional quota on the case, and the adaptation centre's
rooms.

- ``mrp_rate``: the monthly calculation index per year, seeded with 2024–2026.
- ``entitlement_rule``: the quota's support measures in MRP, seeded.
- ``entitlement`` and ``entitlement_payment``: what a client applied for for their
  household, what was granted, and each payment.
- ``client_case``: ``quota_year`` and ``quota_region_code``, the inclusion in the regional
  quota for kandases and resettlers.
- ``room`` and ``stay``: rooms with their beds per office, and each person's stay.

The seeds are read from ``db.reference_data`` as it stands at this revision, as revision
0002 does: its MRP and rule rows keep their codes and meaning.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.reference_data import ENTITLEMENT_RULES, MRP_RATES

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _record(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    ]


def _fk(table: str, column: str, target: str, key: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.{key}"],
                                   name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    rates = op.create_table(
        "mrp_rate",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_mrp_rate"))
    op.bulk_insert(rates, [{"year": year, "amount": amount, "source": source}
                           for year, amount, source in MRP_RATES])

    rules = op.create_table(
        "entitlement_rule",
        sa.Column("basis", sa.Enum("per_member", "per_family", name="entitlementbasis",
                                   native_enum=False, length=16), nullable=False),
        sa.Column("mrp_min", sa.Integer(), nullable=False),
        sa.Column("mrp_max", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_entitlement_rule"))
    op.bulk_insert(rules, [
        {"code": r.code, "label_kk": r.kk, "label_ru": r.ru, "label_en": r.en,
         "basis": r.basis, "mrp_min": r.mrp_min, "mrp_max": r.mrp_max, "months": r.months,
         "source": r.source, "sort_order": position, "active": True}
        for position, r in enumerate(ENTITLEMENT_RULES)])

    op.create_table(
        "entitlement",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("rule_code", sa.String(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("amount_applied", sa.Integer(), nullable=False),
        sa.Column("status", sa.Enum("applied", "granted", "refused", "withdrawn",
                                    name="entitlementstatus", native_enum=False, length=16),
                  nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("amount_granted", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_record("entitlement"),
        _fk("entitlement", "person_id", "person"),
        _fk("entitlement", "case_id", "client_case"),
        _fk("entitlement", "office_id", "office"),
        _fk("entitlement", "rule_code", "entitlement_rule", "code"))
    op.create_index("ix_entitlement_person_id", "entitlement", ["person_id"])
    op.create_index("ix_entitlement_office_applied", "entitlement", ["office_id", "applied_on"])

    op.create_table(
        "entitlement_payment",
        sa.Column("entitlement_id", sa.Uuid(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_record("entitlement_payment"),
        _fk("entitlement_payment", "entitlement_id", "entitlement"))
    op.create_index("ix_entitlement_payment_entitlement_id", "entitlement_payment",
                    ["entitlement_id"])

    with op.batch_alter_table("client_case") as batch_op:
        batch_op.add_column(sa.Column("quota_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("quota_region_code", sa.String(), nullable=True))
        batch_op.create_foreign_key("fk_client_case_quota_region_code_region", "region",
                                    ["quota_region_code"], ["code"])

    op.create_table(
        "room",
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("beds", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_record("room"),
        _fk("room", "office_id", "office"),
        sa.UniqueConstraint("office_id", "name", name="uq_room_office_id"))
    op.create_table(
        "stay",
        sa.Column("room_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("with_stay_id", sa.Uuid(), nullable=True),
        sa.Column("checked_in_on", sa.Date(), nullable=False),
        sa.Column("planned_until", sa.Date(), nullable=False),
        sa.Column("checked_out_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_record("stay"),
        _fk("stay", "room_id", "room"),
        _fk("stay", "person_id", "person"),
        _fk("stay", "case_id", "client_case"),
        _fk("stay", "with_stay_id", "stay"))
    op.create_index("ix_stay_person_id", "stay", ["person_id"])
    op.create_index("ix_stay_room_dates", "stay", ["room_id", "checked_in_on"])


def downgrade() -> None:
    op.drop_index("ix_stay_room_dates", "stay")
    op.drop_index("ix_stay_person_id", "stay")
    op.drop_table("stay")
    op.drop_table("room")
    with op.batch_alter_table("client_case") as batch_op:
        batch_op.drop_constraint("fk_client_case_quota_region_code_region", type_="foreignkey")
        batch_op.drop_column("quota_region_code")
        batch_op.drop_column("quota_year")
    op.drop_index("ix_entitlement_payment_entitlement_id", "entitlement_payment")
    op.drop_table("entitlement_payment")
    op.drop_index("ix_entitlement_office_applied", "entitlement")
    op.drop_index("ix_entitlement_person_id", "entitlement")
    op.drop_table("entitlement")
    op.drop_table("entitlement_rule")
    op.drop_table("mrp_rate")
