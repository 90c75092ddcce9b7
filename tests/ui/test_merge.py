"""The client file's duplicates, driven through the real widgets: the possible duplicates,
"not the same person", and a merge with a field chosen from the other file."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from db.models import Document, Office
from db.session import Database
from desktop.domain.iin import make_iin
from desktop.services import intake
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.duplicates import MERGED
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle

BIRTH = date(1991, 5, 6)


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


def register(database: Database, actor: Actor, patronymic: str = "", iin: str = "",
             **extra: object) -> uuid.UUID:
    with database.session() as session:
        office = session.scalar(select(Office.id).where(Office.code == "AST"))
    client = intake.NewClient(given_name="Гүлназ", surname="Тұрсынбаева", patronymic=patronymic,
                              category_code="kandas", office_id=office, birth_date=BIRTH,
                              sex="F", iin=iin, extra=extra)
    return intake.register(database, actor, client, open_case=True, today=DEMO_TODAY)


def test_mark_one_not_the_same_and_merge_another(qtbot: QtBot, demo_database: Database,
                                                 manager: Actor) -> None:
    kept = register(demo_database, manager)
    merged = register(demo_database, manager, "Серікқызы", phone="+77017654321")
    sister = register(demo_database, manager)
    with demo_database.session() as session:
        session.add(Document(person_id=merged, type_code="passport", number="MERGED-1"))
    other_window = open_client_file(qtbot, demo_database, manager, merged)
    window = open_client_file(qtbot, demo_database, manager, kept)

    dialog = window.duplicate_actions.possible_duplicates()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=TIMEOUT)
    assert {merged, sister} <= {c.id for c in dialog.found}
    dialog.choose(sister)
    qtbot.mouseClick(dialog.distinct_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sister not in {c.id for c in dialog.found}, timeout=TIMEOUT)

    dialog.choose(merged)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merge = dialog.merge_dialog
    qtbot.waitUntil(lambda: merge.preview is not None, timeout=TIMEOUT)
    assert merge.choices()["phone"] == MERGED  # only the other file has one: suggested
    assert "patronymic" in merge.choices()
    merge.choose("patronymic", MERGED)
    qtbot.waitUntil(lambda: merge.groups["phone"].buttons()[0].isVisible(), timeout=TIMEOUT)
    merge.grab().save("/tmp/merge.png")
    ok = merge.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.file is not None and window.file.profile.values[
        "patronymic"] == "Серікқызы", timeout=TIMEOUT)
    wait_idle(qtbot)
    assert "MERGED-1" in [d.number for d in window.file.documents]
    assert window.file.profile.values["phone"] == "+77017654321"
    assert any(item.action_code == "merge" for item in window.file.history)
    # The merged file's window has gone: its file lives on in the kept one.
    qtbot.waitUntil(lambda: not isValid(other_window) or not other_window.isVisible(),
                    timeout=TIMEOUT)
    assert not isValid(dialog) or not dialog.isVisible()


def test_an_old_id_opens_the_kept_file_saying_so(qtbot: QtBot, demo_database: Database,
                                                 manager: Actor) -> None:
    from desktop.services import duplicates

    kept, merged = register(demo_database, manager), register(demo_database, manager)
    duplicates.merge_people(demo_database, manager, kept, merged, {}, 1, 1, today=DEMO_TODAY)
    window = open_client_file(qtbot, demo_database, manager, merged)
    qtbot.waitUntil(lambda: window.file is not None, timeout=TIMEOUT)
    assert window.person_id == kept
    assert window.header.merged_note.isVisible()
    assert "Тұрсынбаева" in window.header.merged_note.text()


def test_different_iins_need_the_box_ticked(qtbot: QtBot, demo_database: Database,
                                            manager: Actor) -> None:
    from desktop.ui.client_file.duplicate_dialogs import MergeDialog

    kept = register(demo_database, manager, iin=make_iin(BIRTH, "F", 11))
    merged = register(demo_database, manager, iin=make_iin(BIRTH, "F", 12))
    window = open_client_file(qtbot, demo_database, manager, kept)
    merge = MergeDialog(demo_database, manager, kept, merged, window)
    merge.show()
    qtbot.waitUntil(lambda: merge.preview is not None, timeout=TIMEOUT)
    ok = merge.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert merge.confirm_iin.isVisible() and not ok.isEnabled()
    assert merge.warnings.isVisible()
    qtbot.waitUntil(lambda: merge.groups["iin"].buttons()[0].isVisible(), timeout=TIMEOUT)
    merge.grab().save("/tmp/merge-iins.png")
    merge.confirm_iin.setChecked(True)
    assert ok.isEnabled()
    merge.swap()
    qtbot.waitUntil(lambda: merge.preview is not None, timeout=TIMEOUT)
    assert merge.preview.kept.id == merged
    assert not ok.isEnabled()  # a new preview asks again
    merge.reject()
    wait_idle(qtbot)
