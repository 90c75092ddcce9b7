"""The printable record of one consultation, previewed before it is printed or saved.

It speaks the client's language (their preferred language for documents),
whatever language the caseworker's window is in. A caseworker gets records of
their own office's consultations only (the service refuses the others, and the
refusal is shown in place of the preview). The preview, printing and saving are
``record_preview.RecordPreviewDialog``'s, shared with the adaptation plan.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from db.reports.figures import ConsultationRecord
from db.session import Database
from desktop.i18n import _
from desktop.services import reports
from desktop.services.access import Actor
from desktop.ui.reports.record_preview import RecordPreviewDialog
from desktop.ui.save_paths import named, surname


class ConsultationRecordDialog(RecordPreviewDialog):
    record: ConsultationRecord | None

    def __init__(self, database: Database, actor: Actor, consultation_id: str,
                 language: str | None = None, parent: QWidget | None = None) -> None:
        def build(pdf: Path) -> ConsultationRecord:
            record = reports.build_consultation(database, actor, consultation_id, language)
            reports.write_report(record, pdf)
            return record

        super().__init__(build, title=_("Consultation record"),
                         file_name="consultation-record.pdf",
                         caption=lambda record: record.client_name,
                         suggest=lambda record: named(
                             "consultation", record.held_at.date(),
                             surname(record.client_name_latin, record.client_name),
                             suffix="pdf"),
                         name="consultation record", parent=parent)
