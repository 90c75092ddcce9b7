"""The client file's "Copy of personal data…" writes the PDF and the JSON beside it, off the
GUI thread; the client list's export writes CSV when the CSV filter is chosen."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditEntry
from db.session import Database
from desktop.services.auth import Actor, log_in
from desktop.services.transfer.columns import COLUMNS
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle
from tests.ui.test_client_file import demo_person
from tests.ui.test_main_window import open_window


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def test_the_copy_of_personal_data_writes_the_pdf_and_the_json_beside_it(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    person = demo_person(demo_path, "p.iin IS NOT NULL AND p.id IN (SELECT person_id FROM "
                                    "consultation)")
    window = open_client_file(qtbot, demo_database, caseworker, person)
    actions = window.personal_data_actions  # type: ignore[attr-defined]
    action = actions.copy_action
    assert action.isEnabled() and action.text() == "Cop&y of personal data…"
    assert any(button.defaultAction() is action
               for button in window.header.findChildren(QToolButton))  # type: ignore[attr-defined]
    file = window.file  # type: ignore[attr-defined]
    surname = file.profile.values["surname"]
    suggested = actions.suggested_name()
    assert suggested.startswith(f"personal-data-{DEMO_TODAY.isoformat()}-")
    assert suggested.endswith(".pdf")

    asked: list[str] = []
    chosen = tmp_path / "copy for the client"  # typed without a suffix

    def save_dialog(_parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(chosen), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    action.trigger()
    pdf, data = tmp_path / "copy for the client.pdf", tmp_path / "copy for the client.json"
    qtbot.waitUntil(lambda: pdf.exists() and data.exists(), timeout=TIMEOUT)
    wait_idle(qtbot)
    assert asked and asked[0].endswith(suggested)
    content = json.loads(data.read_text(encoding="utf-8"))
    assert content["person_id"] == str(person)
    assert content["profile"]["iin"] == file.profile.values["iin"]  # the client's own: whole
    assert len(content["consultations"]) == len(file.consultations)
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert surname in text and file.profile.values["iin"] in text
    assert "copy for the client.pdf" in window.statusBar().currentMessage()  # type: ignore[attr-defined]
    with demo_database.session() as session:
        logged = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "export", AuditEntry.record_id == person)).all()
    assert sorted(entry.changes["personal_data"][1] for entry in logged) == ["json", "pdf"]
    assert {entry.user_id for entry in logged} == {caseworker.user_id}


def test_the_client_list_exports_csv_when_that_filter_is_chosen(
        qtbot: QtBot, demo_database: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, demo_database, "cw1.ast", "qadam-caseworker")
    view = window.clients

    def save_dialog(_parent: object, _title: str, _proposed: str,
                    filters: str) -> tuple[str, str]:
        return str(tmp_path / "list"), next(f for f in filters.split(";;") if "*.csv" in f)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    with qtbot.waitSignal(view.export_finished, timeout=TIMEOUT) as finished:
        view.ask_and_export()
    target = tmp_path / "list.csv"
    assert finished.args == [str(target)]
    with target.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = csv.reader(stream, delimiter=";")
    assert header == [column.header("en") for column in COLUMNS]
    assert rows and all(not row[5] or row[5].startswith("••••••••") for row in rows)
    assert {row[[c.key for c in COLUMNS].index("office")] for row in rows} == {"AST"}
