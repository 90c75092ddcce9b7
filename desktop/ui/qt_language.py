"""Qt's own texts (standard buttons, dialogs) in the UI language, from the PySide6 wheel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import i18n, settings

# Each language in its own name: the menu and the login offer them to someone who may not
# read the language the window is in now.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
_installed: QTranslator | None = None


def switch_language(language: str) -> None:
    """Ours and Qt's catalogues in ``language``, and the choice remembered for next time."""
    i18n.set_language(language)
    apply_qt_language(language)
    settings.put("language", language)


def apply_qt_language(language: str) -> None:
    """Swap Qt's catalogue for ``language`` (qtbase_kk.qm, qtbase_ru.qm; English is built in)."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", path):
        app.installTranslator(translator)
        _installed = translator
