"""A question in a message box whose buttons speak the user's language.

Qt names its standard buttons from its own catalogues, which have no Kazakh and which
word Discard as "Ignore" («Елемеу», «Отклонить»): every box here sets its buttons' texts
from ours, so "Don't save" reads «Сақтамау» and «Не сохранять».
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import _

__all__ = ["ask", "button_text"]

Button = QMessageBox.StandardButton


def button_text(button: QMessageBox.StandardButton) -> str:
    return {Button.Save: _("&Save"), Button.Discard: _("Do&n't save"),
            Button.Cancel: _("Cancel"), Button.Yes: _("&Yes"), Button.No: _("&No"),
            Button.Ok: _("OK")}.get(button, "")


def ask(parent: QWidget | None, title: str, text: str,
        buttons: QMessageBox.StandardButton,
        default: QMessageBox.StandardButton) -> QMessageBox.StandardButton:
    """The button chosen (blocks until answered, as ``QMessageBox.question``)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setDefaultButton(default)
    for standard in (Button.Save, Button.Discard, Button.Cancel, Button.Yes, Button.No,
                     Button.Ok):
        shown = box.button(standard)
        if shown is not None:
            shown.setText(button_text(standard))
    return Button(box.exec())
