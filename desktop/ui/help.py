"""Help: a short guide in the user's language (F1) and what this Qadam is (About)."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import i18n
from desktop.i18n import _
from desktop.paths import RESOURCES

GUIDES = RESOURCES / "guide"  # kk.html, ru.html, en.html: kept as texts, not as messages


def guide_html(language: str) -> str:
    """The guide in ``language``, else in English; a file read, not a database call."""
    for code in (language, "en"):
        path = GUIDES / f"{code}.html"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def version() -> str:
    try:
        return metadata.version("qadam")
    except metadata.PackageNotFoundError:  # run from a folder that was never installed
        return "—"


def about_text(database_location: str) -> str:
    return _("<b>Qadam</b> {version}<br>Case management for migrant integration and "
             "consultation centers in Kazakhstan.<br><br>Database: {location}<br>"
             "Licence: proprietary; all rights reserved by the center's operator.").format(
        version=version(), location=database_location)


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Qadam — user guide"))
        self.browser.setHtml(guide_html(i18n.current_language()))
