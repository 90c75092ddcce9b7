"""Qt's own texts (standard buttons, dialogs) in the UI language, from the PySide6 wheel.

Qt's catalogues (qtbase_kk.qm, qtbase_ru.qm) translate its file dialog, buttons and
context menus, with a few gaps: the Russian one predates Qt 6's "&Look in:" and
"Files of &type:" (it has them without the mnemonic), so a Russian session's file dialog
said "Look in:". ``QT_GAPS`` lists those words; our catalogue translates them, asked only
when Qt's own has no answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from desktop import i18n, settings
from desktop.i18n import NC_

# Each language in its own name: the menu and the login offer them to someone who may not
# read the language the window is in now.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

# (Qt's context, Qt's source text): ours, for what a shipped catalogue leaves in English.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): NC_("Qt file dialog", "&Look in:"),
    ("QFileDialog", "Files of &type:"): NC_("Qt file dialog", "Files of &type:"),
    ("QAbstractFileIconProvider", "Folder"): NC_("Qt file dialog", "Folder"),
    ("QAbstractFileIconProvider", "Drive"): NC_("Qt file dialog", "Drive"),
}

_installed: QTranslator | None = None
_gaps: QTranslator | None = None


class _QtGaps(QTranslator):
    """Our words for Qt's texts in ``QT_GAPS``; None (a null string, "no translation":
    an empty one would be taken as one) for any other, so that Qt asks its own catalogue."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        marked = QT_GAPS.get((context, source))
        if marked is None or i18n.current_language() == "en":
            return None
        text = i18n.translate(marked)
        return None if text == source else text

    def isEmpty(self) -> bool:
        return False


def switch_language(language: str) -> None:
    """Ours and Qt's catalogues in ``language``, and the choice remembered for next time."""
    i18n.set_language(language)
    apply_qt_language(language)
    settings.put("language", language)


def apply_qt_language(language: str) -> None:
    """Swap Qt's catalogue for ``language`` (qtbase_kk.qm, qtbase_ru.qm; English is built in).

    Qt asks the translator installed last first: ours for the gaps stays installed first,
    so that Qt's own catalogue answers wherever it can."""
    global _installed, _gaps
    app = QCoreApplication.instance()
    if app is None:
        return
    if _gaps is None:
        _gaps = _QtGaps(app)
        app.installTranslator(_gaps)
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", path):
        app.installTranslator(translator)
        _installed = translator
