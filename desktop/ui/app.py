"""Start-up of the window: Qt's own translations, the database, the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from db.errors import DatabaseProblem
from db.session import Database, database_url, sqlite_path
from desktop import i18n
from desktop.i18n import _
from desktop.logs import install_log
from desktop.services import messages
from desktop.services.auth import Actor, StartState, start_state
from desktop.services.database import discard_unused, open_existing_or_new
from desktop.ui.collection_timer import CollectionTimer
from desktop.ui.login.login_dialog import LoginDialog
from desktop.ui.login.setup_dialog import SetupDialog
from desktop.ui.operations import finish_writes, guard_gui_thread
from desktop.ui.qt_language import apply_qt_language
from desktop.ui.reports.preview_folders import remove_stale_previews


def _who_is_working(database: Database, state: StartState) -> Actor | None:
    """The first-run set-up on a new database, else the login; None if the user gave up."""
    dialog: SetupDialog | LoginDialog
    dialog = SetupDialog(database) if state is StartState.NEW else LoginDialog(database)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def _file_exists(target: str) -> bool:
    """Whether the database file was there before this start (a server's always is)."""
    path = sqlite_path(database_url(target))
    return path is None or (path.is_file() and path.stat().st_size > 0)


def no_administrator_text(location: str) -> str:
    return _("This database has a center but no active administrator who can log in, so "
             "nobody can log in to manage it. Add an administrator from the command line:\n"
             "qadam --db {location} user add LOGIN --role admin --office CODE").format(
        location=location)


def has_display() -> bool:
    """Qt aborts the process when it finds no screen; say so in one line instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_window(target: str) -> int:
    from desktop.ui.main_window import MainWindow

    if not has_display():
        print("qadam: " + _("No display to open the window on. Start Qadam from the desktop, "
                            "or use a command (see qadam --help)."), file=sys.stderr)
        return 1

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Qadam")
    app.setOrganizationName("Qadam")
    install_log()
    remove_stale_previews()
    apply_qt_language(i18n.current_language())
    try:
        # Before any window is shown, so nothing waits to be drawn: from here on, every
        # database call runs through the operation runner, off the GUI thread.
        existed = _file_exists(target)
        database = open_existing_or_new(target)
        state = start_state(database)
    except DatabaseProblem as problem:
        QMessageBox.critical(None, _("Qadam"), messages.database_problem(problem))
        return 1
    guard_gui_thread(strict=False)
    CollectionTimer(app)
    if state is StartState.NO_ADMINISTRATOR:
        # Never the first-run set-up: it would hand the center to whoever starts Qadam.
        QMessageBox.critical(None, _("Qadam"), no_administrator_text(database.location))
        database.dispose()
        return 1
    try:
        while True:
            actor = _who_is_working(database, state)
            if actor is None:
                if state is StartState.NEW and not existed:
                    discard_unused(target, database)  # the set-up was cancelled
                return 0
            window = MainWindow(database, actor)
            window.show()
            code = app.exec()
            if not window.logged_out:
                return code
            # File → Log out: the same database, the next person logs in.
            window.deleteLater()
            finish_writes()
            state = StartState.READY
    finally:
        # A save pressed just before quitting is committed, not cut off by the close.
        finish_writes()
        database.dispose()
