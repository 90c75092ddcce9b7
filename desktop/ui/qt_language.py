"""Qt's own texts (standard buttons, dialogs) in the UI language, from the PySide6 wheel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: QTranslator | None = None


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
