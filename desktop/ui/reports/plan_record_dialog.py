"""The client's individual adaptation and integration plan, previewed before it is printed
or saved: in the client's language (their preferred language for documents), whatever
language the caseworker's window is in. The preview, printing and saving are
``record_preview.RecordPreviewDialog``'s, shared with the consultation record.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from db.reports.plan import PlanRecord
from db.session import Database
from desktop.i18n import _
from desktop.services import case_plan
from desktop.services.access import Actor
from desktop.ui.reports.record_preview import RecordPreviewDialog
from desktop.ui.save_paths import named, surname


class PlanRecordDialog(RecordPreviewDialog):
    record: PlanRecord | None

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 language: str | None = None, parent: QWidget | None = None) -> None:
        def build(pdf: Path) -> PlanRecord:
            record = case_plan.build_plan(database, actor, person_id, language)
            case_plan.write_plan(record, pdf)
            return record

        super().__init__(build, title=_("Individual adaptation and integration plan"),
                         file_name="adaptation-plan.pdf",
                         caption=lambda record: record.client_name,
                         suggest=lambda record: named(
                             "adaptation-plan", date.today(),
                             surname(record.client_name_latin, record.client_name),
                             suffix="pdf"),
                         name="adaptation plan", parent=parent)
