"""The plan's areas, and the closure reason a merge sets.

The individual adaptation plan has goals per area: language, employment, social
support, housing, documents and registration, education, other. The service-area
list had the first three (and information); the rest are added. A merge that
closes the merged person's case gives it ``merged_duplicate``, so that the
reports do not count it as a case that ended.

Revision 0002 seeds whatever ``db.reference_data`` holds, so a new database
already has these rows: they are inserted only where missing.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ADDED = {
    "service_area": (
        ("housing", "Тұрғын үй", "Жильё", "Housing"),
        ("documents", "Құжаттандыру және тіркеу", "Документирование и регистрация",
         "Documents and registration"),
        ("education", "Білім беру", "Образование", "Education"),
        ("other", "Басқа", "Прочее", "Other"),
    ),
    "case_closure_reason": (
        ("merged_duplicate", "Сол адамның басқа ісімен біріктірілді",
         "Объединено с другим делом того же человека",
         "Merged with another file of the same person"),
    ),
}


def _table(name: str) -> sa.Table:
    return sa.table(name, sa.column("code", sa.String), sa.column("label_kk", sa.String),
                    sa.column("label_ru", sa.String), sa.column("label_en", sa.String),
                    sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean))


def upgrade() -> None:
    connection = op.get_bind()
    for name, items in ADDED.items():
        table = _table(name)
        present = set(connection.execute(sa.select(table.c.code)).scalars())
        last = connection.execute(sa.select(sa.func.max(table.c.sort_order))).scalar() or 0
        rows = [{"code": code, "label_kk": kk, "label_ru": ru, "label_en": en,
                 "sort_order": last + position, "active": True}
                for position, (code, kk, ru, en) in enumerate(items, start=1)
                if code not in present]
        if rows:
            op.bulk_insert(table, rows)


def downgrade() -> None:
    for name, items in ADDED.items():
        table = _table(name)
        op.execute(sa.delete(table).where(table.c.code.in_([item[0] for item in items])))
