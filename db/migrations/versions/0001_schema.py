"""The whole schema, and the SQLite full-text index over client names.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copy of the index as this revision creates it (see db/search/sqlite_fts.py).
SQLITE_FTS = (
    """CREATE VIRTUAL TABLE person_fts USING fts5(
        names, keys, iin,
        content='person_search', content_rowid='doc_id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    """CREATE TRIGGER person_search_ai AFTER INSERT ON person_search BEGIN
        INSERT INTO person_fts(rowid, names, keys, iin)
        VALUES (new.doc_id, new.names, new.keys, new.iin);
    END""",
    """CREATE TRIGGER person_search_ad AFTER DELETE ON person_search BEGIN
        INSERT INTO person_fts(person_fts, rowid, names, keys, iin)
        VALUES ('delete', old.doc_id, old.names, old.keys, old.iin);
    END""",
    """CREATE TRIGGER person_search_au AFTER UPDATE ON person_search BEGIN
        INSERT INTO person_fts(person_fts, rowid, names, keys, iin)
        VALUES ('delete', old.doc_id, old.names, old.keys, old.iin);
        INSERT INTO person_fts(rowid, names, keys, iin)
        VALUES (new.doc_id, new.names, new.keys, new.iin);
    END""",
)


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_log_record", ["table_name", "record_id"], unique=False)

    op.create_table(
        "case_closure_reason",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_case_closure_reason")),
    )
    op.create_table(
        "center",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_center")),
    )
    op.create_table(
        "consent_form",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_consent_form")),
    )
    op.create_table(
        "consultation_channel",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_consultation_channel")),
    )
    op.create_table(
        "consultation_topic",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_consultation_topic")),
    )
    op.create_table(
        "document_type",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_document_type")),
    )
    op.create_table(
        "economic_sector",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_economic_sector")),
    )
    op.create_table(
        "education_level",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_education_level")),
    )
    op.create_table(
        "language",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_language")),
    )
    op.create_table(
        "language_level",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_language_level")),
    )
    op.create_table(
        "migrant_category",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_migrant_category")),
    )
    op.create_table(
        "region",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region")),
    )
    op.create_table(
        "relationship",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_relationship")),
    )
    op.create_table(
        "service_area",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service_area")),
    )
    op.create_table(
        "employer",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("bin", sa.String(length=12), nullable=True),
        sa.Column("sector_code", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=True),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("contact", sa.String(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_employer_region_code_region")
        ),
        sa.ForeignKeyConstraint(
            ["sector_code"],
            ["economic_sector.code"],
            name=op.f("fk_employer_sector_code_economic_sector"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer")),
        sa.UniqueConstraint("bin", name=op.f("uq_employer_bin")),
    )
    op.create_table(
        "office",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_office_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
        sa.UniqueConstraint("code", name=op.f("uq_office_code")),
    )
    op.create_table(
        "provider",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("area_code", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=True),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["service_area.code"], name=op.f("fk_provider_area_code_service_area")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_provider_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider")),
    )
    op.create_table(
        "service_type",
        sa.Column("area_code", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label_kk", sa.String(), nullable=False),
        sa.Column("label_ru", sa.String(), nullable=False),
        sa.Column("label_en", sa.String(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"],
            ["service_area.code"],
            name=op.f("fk_service_type_area_code_service_area"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service_type")),
    )
    op.create_table(
        "app_user",
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(), nullable=False),
        sa.Column(
            "role",
            sa.Enum("caseworker", "manager", "admin", name="role", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("office_id", sa.Uuid(), nullable=True),
        sa.Column("password_hash", sa.String(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_app_user_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
    )
    op.create_table(
        "course_group",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("service_type_code", sa.String(), nullable=False),
        sa.Column("language_code", sa.String(), nullable=False),
        sa.Column("level_code", sa.String(), nullable=True),
        sa.Column("provider_id", sa.Uuid(), nullable=True),
        sa.Column("teacher", sa.String(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["language_code"],
            ["language.code"],
            name=op.f("fk_course_group_language_code_language"),
        ),
        sa.ForeignKeyConstraint(
            ["level_code"],
            ["language_level.code"],
            name=op.f("fk_course_group_level_code_language_level"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_course_group_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_course_group_provider_id_provider")
        ),
        sa.ForeignKeyConstraint(
            ["service_type_code"],
            ["service_type.code"],
            name=op.f("fk_course_group_service_type_code_service_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_group")),
    )
    with op.batch_alter_table("course_group", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_group_office_id"), ["office_id"], unique=False)

    op.create_table(
        "vacancy",
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("sector_code", sa.String(), nullable=False),
        sa.Column("monthly_wage", sa.Integer(), nullable=True),
        sa.Column("positions", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employer.id"], name=op.f("fk_vacancy_employer_id_employer")
        ),
        sa.ForeignKeyConstraint(
            ["sector_code"],
            ["economic_sector.code"],
            name=op.f("fk_vacancy_sector_code_economic_sector"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy")),
    )
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacancy_employer_id"), ["employer_id"], unique=False)

    op.create_table(
        "course_session",
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["course_group.id"], name=op.f("fk_course_session_group_id_course_group")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_session")),
    )
    with op.batch_alter_table("course_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_session_group_id"), ["group_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("surname", sa.String(), nullable=False),
        sa.Column("given_name", sa.String(), nullable=False),
        sa.Column("patronymic", sa.String(), nullable=False),
        sa.Column("surname_latin", sa.String(), nullable=False),
        sa.Column("given_name_latin", sa.String(), nullable=False),
        sa.Column("name_original", sa.String(), nullable=False),
        sa.Column("sort_key", sa.String(), nullable=False),
        sa.Column("iin", sa.String(length=12), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("citizenship", sa.String(length=2), nullable=True),
        sa.Column("country_of_origin", sa.String(length=2), nullable=True),
        sa.Column("category_code", sa.String(), nullable=False),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=True),
        sa.Column("locality", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("messenger", sa.String(), nullable=False),
        sa.Column("education_code", sa.String(), nullable=True),
        sa.Column("profession", sa.String(), nullable=False),
        sa.Column("preferred_language", sa.String(length=2), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("consent_form_code", sa.String(), nullable=True),
        sa.Column("consent_recorded_by", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "preferred_language IN ('kk', 'ru', 'en')", name=op.f("ck_person_preferred_language")
        ),
        sa.CheckConstraint("sex IN ('M', 'F')", name=op.f("ck_person_sex")),
        sa.ForeignKeyConstraint(
            ["category_code"],
            ["migrant_category.code"],
            name=op.f("fk_person_category_code_migrant_category"),
        ),
        sa.ForeignKeyConstraint(
            ["consent_form_code"],
            ["consent_form.code"],
            name=op.f("fk_person_consent_form_code_consent_form"),
        ),
        sa.ForeignKeyConstraint(
            ["consent_recorded_by"],
            ["app_user.id"],
            name=op.f("fk_person_consent_recorded_by_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["education_code"],
            ["education_level.code"],
            name=op.f("fk_person_education_code_education_level"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_person_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_person_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("iin", name=op.f("uq_person_iin")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_office_id"), ["office_id"], unique=False)
        batch_op.create_index(
            "ix_person_office_sort", ["office_id", "sort_key", "id"], unique=False
        )
        batch_op.create_index("ix_person_sort", ["sort_key", "id"], unique=False)

    op.create_table(
        "status_change",
        sa.Column("subject_table", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["app_user.id"], name=op.f("fk_status_change_changed_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(
            "ix_status_change_subject", ["subject_table", "subject_id"], unique=False
        )

    op.create_table(
        "client_case",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("caseworker_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "closed", name="casestatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closure_reason_code", sa.String(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["caseworker_id"], ["app_user.id"], name=op.f("fk_client_case_caseworker_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["closure_reason_code"],
            ["case_closure_reason.code"],
            name=op.f("fk_client_case_closure_reason_code_case_closure_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_client_case_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_client_case_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_case")),
    )
    with op.batch_alter_table("client_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_client_case_caseworker_id"), ["caseworker_id"], unique=False
        )
        batch_op.create_index("ix_client_case_office_status", ["office_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_client_case_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "uq_client_case_open",
            ["person_id", "office_id"],
            unique=True,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        )

    op.create_table(
        "document",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("type_code", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("issued_by", sa.String(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_document_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["type_code"], ["document_type.code"], name=op.f("fk_document_type_code_document_type")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index("ix_document_expires", ["expires_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_person_id"), ["person_id"], unique=False)

    op.create_table(
        "household_link",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("related_person_id", sa.Uuid(), nullable=False),
        sa.Column("relationship_code", sa.String(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "person_id <> related_person_id", name=op.f("ck_household_link_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_household_link_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["related_person_id"],
            ["person.id"],
            name=op.f("fk_household_link_related_person_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["relationship_code"],
            ["relationship.code"],
            name=op.f("fk_household_link_relationship_code_relationship"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_link")),
        sa.UniqueConstraint(
            "person_id", "related_person_id", name=op.f("uq_household_link_person_id")
        ),
    )
    with op.batch_alter_table("household_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_link_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_household_link_related_person_id"), ["related_person_id"], unique=False
        )

    op.create_table(
        "level_assessment",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("language_code", sa.String(), nullable=False),
        sa.Column("level_code", sa.String(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor", sa.String(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["language_code"],
            ["language.code"],
            name=op.f("fk_level_assessment_language_code_language"),
        ),
        sa.ForeignKeyConstraint(
            ["level_code"],
            ["language_level.code"],
            name=op.f("fk_level_assessment_level_code_language_level"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_level_assessment_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_level_assessment")),
    )
    with op.batch_alter_table("level_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_level_assessment_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "person_language",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("language_code", sa.String(), nullable=False),
        sa.Column("level_code", sa.String(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["language_code"],
            ["language.code"],
            name=op.f("fk_person_language_language_code_language"),
        ),
        sa.ForeignKeyConstraint(
            ["level_code"],
            ["language_level.code"],
            name=op.f("fk_person_language_level_code_language_level"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_language_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_language")),
        sa.UniqueConstraint(
            "person_id", "language_code", name=op.f("uq_person_language_person_id")
        ),
    )
    with op.batch_alter_table("person_language", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_language_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "person_search",
        sa.Column("doc_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("names", sa.Text(), nullable=False),
        sa.Column("keys", sa.Text(), nullable=False),
        sa.Column("iin", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_search_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_person_search")),
        sa.UniqueConstraint("person_id", name=op.f("uq_person_search_person_id")),
    )
    op.create_table(
        "case_goal",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("area_code", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "achieved",
                "dropped",
                name="goalstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["service_area.code"], name=op.f("fk_case_goal_area_code_service_area")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["client_case.id"], name=op.f("fk_case_goal_case_id_client_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_goal")),
    )
    with op.batch_alter_table("case_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_goal_case_id"), ["case_id"], unique=False)

    op.create_table(
        "consultation",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("caseworker_id", sa.Uuid(), nullable=True),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column("channel_code", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("next_appointment_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["client_case.id"], name=op.f("fk_consultation_case_id_client_case")
        ),
        sa.ForeignKeyConstraint(
            ["caseworker_id"], ["app_user.id"], name=op.f("fk_consultation_caseworker_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["channel_code"],
            ["consultation_channel.code"],
            name=op.f("fk_consultation_channel_code_consultation_channel"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_consultation_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_consultation_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation")),
    )
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_next_appointment_at"), ["next_appointment_at"], unique=False
        )
        batch_op.create_index("ix_consultation_office_held", ["office_id", "held_at"], unique=False)
        batch_op.create_index("ix_consultation_person_held", ["person_id", "held_at"], unique=False)

    op.create_table(
        "course_enrolment",
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "enrolled",
                "completed",
                "dropped",
                name="enrolmentstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("level_before_code", sa.String(), nullable=True),
        sa.Column("level_after_code", sa.String(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["client_case.id"], name=op.f("fk_course_enrolment_case_id_client_case")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["course_group.id"],
            name=op.f("fk_course_enrolment_group_id_course_group"),
        ),
        sa.ForeignKeyConstraint(
            ["level_after_code"],
            ["language_level.code"],
            name=op.f("fk_course_enrolment_level_after_code_language_level"),
        ),
        sa.ForeignKeyConstraint(
            ["level_before_code"],
            ["language_level.code"],
            name=op.f("fk_course_enrolment_level_before_code_language_level"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_course_enrolment_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_enrolment")),
        sa.UniqueConstraint("group_id", "person_id", name=op.f("uq_course_enrolment_group_id")),
    )
    with op.batch_alter_table("course_enrolment", schema=None) as batch_op:
        batch_op.create_index("ix_course_enrolment_person", ["person_id"], unique=False)

    op.create_table(
        "job_referral",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("caseworker_id", sa.Uuid(), nullable=True),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("vacancy_id", sa.Uuid(), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "referred",
                "interview",
                "hired",
                "rejected",
                "no_show",
                name="jobreferralstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["client_case.id"], name=op.f("fk_job_referral_case_id_client_case")
        ),
        sa.ForeignKeyConstraint(
            ["caseworker_id"], ["app_user.id"], name=op.f("fk_job_referral_caseworker_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employer.id"], name=op.f("fk_job_referral_employer_id_employer")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_job_referral_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_job_referral_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"], ["vacancy.id"], name=op.f("fk_job_referral_vacancy_id_vacancy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_referral")),
    )
    with op.batch_alter_table("job_referral", schema=None) as batch_op:
        batch_op.create_index(
            "ix_job_referral_office_referred", ["office_id", "referred_on"], unique=False
        )
        batch_op.create_index("ix_job_referral_person", ["person_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("enrolment_id", sa.Uuid(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["course_enrolment.id"],
            name=op.f("fk_attendance_enrolment_id_course_enrolment"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["course_session.id"],
            name=op.f("fk_attendance_session_id_course_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("session_id", "enrolment_id", name=op.f("uq_attendance_session_id")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_enrolment_id"), ["enrolment_id"], unique=False
        )

    op.create_table(
        "consultation_topic_link",
        sa.Column("consultation_id", sa.Uuid(), nullable=False),
        sa.Column("topic_code", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_consultation_topic_link_consultation_id_consultation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["consultation_topic.code"],
            name=op.f("fk_consultation_topic_link_topic_code_consultation_topic"),
        ),
        sa.PrimaryKeyConstraint(
            "consultation_id", "topic_code", name=op.f("pk_consultation_topic_link")
        ),
    )
    op.create_table(
        "follow_up",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("consultation_id", sa.Uuid(), nullable=True),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.Uuid(), nullable=True),
        sa.Column("done_comment", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["app_user.id"], name=op.f("fk_follow_up_assignee_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["client_case.id"], name=op.f("fk_follow_up_case_id_client_case")
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_follow_up_consultation_id_consultation"),
        ),
        sa.ForeignKeyConstraint(
            ["done_by"], ["app_user.id"], name=op.f("fk_follow_up_done_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_follow_up_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(
            "ix_follow_up_assignee_due", ["assignee_id", "done", "due_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_follow_up_person_id"), ["person_id"], unique=False)

    op.create_table(
        "placement",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("job_referral_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.String(), nullable=False),
        sa.Column("sector_code", sa.String(), nullable=False),
        sa.Column("monthly_wage", sa.Integer(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employer.id"], name=op.f("fk_placement_employer_id_employer")
        ),
        sa.ForeignKeyConstraint(
            ["job_referral_id"],
            ["job_referral.id"],
            name=op.f("fk_placement_job_referral_id_job_referral"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_placement_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_placement_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["sector_code"],
            ["economic_sector.code"],
            name=op.f("fk_placement_sector_code_economic_sector"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(
            "ix_placement_office_started", ["office_id", "started_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_placement_person_id"), ["person_id"], unique=False)

    op.create_table(
        "referral",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("caseworker_id", sa.Uuid(), nullable=True),
        sa.Column("consultation_id", sa.Uuid(), nullable=True),
        sa.Column("service_type_code", sa.String(), nullable=False),
        sa.Column("provider_id", sa.Uuid(), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "referred",
                "in_progress",
                "completed",
                "declined",
                "cancelled",
                name="referralstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["client_case.id"], name=op.f("fk_referral_case_id_client_case")
        ),
        sa.ForeignKeyConstraint(
            ["caseworker_id"], ["app_user.id"], name=op.f("fk_referral_caseworker_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_referral_consultation_id_consultation"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_referral_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_referral_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_referral_provider_id_provider")
        ),
        sa.ForeignKeyConstraint(
            ["service_type_code"],
            ["service_type.code"],
            name=op.f("fk_referral_service_type_code_service_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(
            "ix_referral_office_referred", ["office_id", "referred_on"], unique=False
        )
        batch_op.create_index("ix_referral_person", ["person_id"], unique=False)

    op.create_table(
        "retention_check",
        sa.Column("placement_id", sa.Uuid(), nullable=False),
        sa.Column("months_after", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("still_employed", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_retention_check_placement_id_placement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_check")),
    )
    with op.batch_alter_table("retention_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_retention_check_placement_id"), ["placement_id"], unique=False
        )

    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("person_search_au", "person_search_ad", "person_search_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS person_fts")
    with op.batch_alter_table("retention_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retention_check_placement_id"))

    op.drop_table("retention_check")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_person")
        batch_op.drop_index("ix_referral_office_referred")

    op.drop_table("referral")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_person_id"))
        batch_op.drop_index("ix_placement_office_started")

    op.drop_table("placement")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_person_id"))
        batch_op.drop_index("ix_follow_up_assignee_due")

    op.drop_table("follow_up")
    op.drop_table("consultation_topic_link")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_enrolment_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("job_referral", schema=None) as batch_op:
        batch_op.drop_index("ix_job_referral_person")
        batch_op.drop_index("ix_job_referral_office_referred")

    op.drop_table("job_referral")
    with op.batch_alter_table("course_enrolment", schema=None) as batch_op:
        batch_op.drop_index("ix_course_enrolment_person")

    op.drop_table("course_enrolment")
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_index("ix_consultation_person_held")
        batch_op.drop_index("ix_consultation_office_held")
        batch_op.drop_index(batch_op.f("ix_consultation_next_appointment_at"))

    op.drop_table("consultation")
    with op.batch_alter_table("case_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_goal_case_id"))

    op.drop_table("case_goal")
    op.drop_table("person_search")
    with op.batch_alter_table("person_language", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_language_person_id"))

    op.drop_table("person_language")
    with op.batch_alter_table("level_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_level_assessment_person_id"))

    op.drop_table("level_assessment")
    with op.batch_alter_table("household_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_link_related_person_id"))
        batch_op.drop_index(batch_op.f("ix_household_link_person_id"))

    op.drop_table("household_link")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_person_id"))
        batch_op.drop_index("ix_document_expires")

    op.drop_table("document")
    with op.batch_alter_table("client_case", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_client_case_open",
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        )
        batch_op.drop_index(batch_op.f("ix_client_case_person_id"))
        batch_op.drop_index("ix_client_case_office_status")
        batch_op.drop_index(batch_op.f("ix_client_case_caseworker_id"))

    op.drop_table("client_case")
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index("ix_status_change_subject")

    op.drop_table("status_change")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_sort")
        batch_op.drop_index("ix_person_office_sort")
        batch_op.drop_index(batch_op.f("ix_person_office_id"))

    op.drop_table("person")
    with op.batch_alter_table("course_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_session_group_id"))

    op.drop_table("course_session")
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancy_employer_id"))

    op.drop_table("vacancy")
    with op.batch_alter_table("course_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_group_office_id"))

    op.drop_table("course_group")
    op.drop_table("app_user")
    op.drop_table("service_type")
    op.drop_table("provider")
    op.drop_table("office")
    op.drop_table("employer")
    op.drop_table("service_area")
    op.drop_table("relationship")
    op.drop_table("region")
    op.drop_table("migrant_category")
    op.drop_table("language_level")
    op.drop_table("language")
    op.drop_table("education_level")
    op.drop_table("economic_sector")
    op.drop_table("document_type")
    op.drop_table("consultation_topic")
    op.drop_table("consultation_channel")
    op.drop_table("consent_form")
    op.drop_table("center")
    op.drop_table("case_closure_reason")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_record")
        batch_op.drop_index("ix_audit_log_at")

    op.drop_table("audit_log")
