"""A question's buttons read in the user's language, not in Qt's ("Ignore" for Discard)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.i18n import set_language
from desktop.ui.questions import ask

Button = QMessageBox.StandardButton


@pytest.mark.parametrize(("language", "texts"), [
    ("kk", {"&Сақтау", "Сақта&мау", "Бас тарту"}),
    ("ru", {"&Сохранить", "&Не сохранять", "Отмена"}),
])
def test_save_discard_and_cancel_are_worded_from_our_catalogue(
        qtbot: QtBot, language: str, texts: set[str]) -> None:
    set_language(language)
    seen: set[str] = set()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.update(button.text() for button in box.buttons())
        box.button(Button.Discard).click()

    QTimer.singleShot(0, answer)
    try:
        chosen = ask(None, "?", "?", Button.Save | Button.Discard | Button.Cancel, Button.Save)
    finally:
        set_language("en")
    assert chosen == Button.Discard
    assert seen == texts
