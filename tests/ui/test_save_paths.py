"""The names and folder a save dialog offers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from desktop.ui.save_paths import file_part, in_documents, named


def test_a_file_is_named_by_what_when_and_whose_in_latin_letters() -> None:
    assert named("consultation", date(2026, 11, 25), "Нұрпейісова", suffix="pdf") == \
        "consultation-2026-11-25-Nurpeiisova.pdf"
    assert named("clients", date(2026, 12, 1), suffix="xlsx") == "clients-2026-12-01.xlsx"
    assert file_part("Ли / Виктория") == "Li-Viktoriya"


def test_the_dialog_opens_in_the_documents_folder_or_at_home_without_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Path(in_documents("x.pdf")) == tmp_path / "x.pdf"  # no Documents folder yet
    (tmp_path / "Documents").mkdir()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(folder) == tmp_path / "Documents"
    assert Path(in_documents("x.pdf")) == tmp_path / "Documents" / "x.pdf"
