"""Reference labels read against official usage: the Kazakh name of the residence permit
and of an EAEU worker, Russian ё where the word has it, Russian closure reasons that fit a
client of either sex.

Revision 0002 seeds whatever ``db.reference_data`` holds, so a new database has these
wordings already; an older one gets them here. A label an administrator changed since is
left as they wrote it: only the old seeded wording is replaced.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# (table, code, column, old wording, new wording)
CHANGES = (
    ("migrant_category", "labour_migrant_eaeu", "label_kk",
     "ЕАЭО мүше мемлекетінің еңбекшісі", "ЕАЭО-ға мүше мемлекеттің еңбекшісі"),
    ("document_type", "residence_permit", "label_kk",
     "Шетелдіктің Қазақстан Республикасында тұруға ықтиярхаты",
     "Шетелдіктің Қазақстан Республикасында тұруына ықтиярхат"),
    ("consultation_topic", "housing", "label_ru", "Жилье", "Жильё"),
    ("service_area", "housing", "label_ru", "Жилье", "Жильё"),
    ("consultation_channel", "in_person", "label_ru", "Личный прием", "Личный приём"),
    ("economic_sector", "household_work", "label_ru",
     "Деятельность домашних хозяйств (наем домашней прислуги)",
     "Деятельность домашних хозяйств (наём домашней прислуги)"),
    ("case_closure_reason", "moved_away", "label_ru", "Переехал в другой регион",
     "Переехал(а) в другой регион"),
    ("case_closure_reason", "left_kazakhstan", "label_ru", "Выехал из Казахстана",
     "Выехал(а) из Казахстана"),
    ("case_closure_reason", "deceased", "label_ru", "Клиент умер", "Смерть клиента"),
)


def _apply(forward: bool) -> None:
    for table, code, column, old, new in CHANGES:
        was, becomes = (old, new) if forward else (new, old)
        # The table and column names are this module's constants; the values are bound.
        op.execute(sa.text(f"UPDATE {table} SET {column} = :becomes "
                           f"WHERE code = :code AND {column} = :was")
                   .bindparams(becomes=becomes, code=code, was=was))


def upgrade() -> None:
    _apply(True)


def downgrade() -> None:
    _apply(False)
