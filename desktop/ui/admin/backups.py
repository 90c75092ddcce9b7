"""The Backups tab: where the backups go, the last one, a warning when it is old, the
backups in the folder, "Back up now" and restoring one.

    BackupsTab(database, actor, parent)
        ``reload()``, ``retranslate()``; ``restored`` is emitted with the service's
        ``Restored`` once a restore has replaced the database (the main window then
        brings everyone back to the login), and ``before_restore``, when set, is asked
        first whether the work open elsewhere may be closed.
    BackUpToFile(parent, database, actor)
        the main window's File → Back up now…: a save dialog, then the backup.

Every call runs through the operation runner, with progress and Cancel for the long
ones; the checks are the service's, the same as the command line's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from db.errors import DatabaseProblem
from db.session import Database
from desktop.i18n import N_, NC_, _, format_datetime, ngettext
from desktop.services import backups
from desktop.services.access import Actor
from desktop.services.backups import (
    Backup,
    BackupFile,
    BackupProblem,
    Kind,
    Overview,
    Restored,
    size_text,
)
from desktop.ui.admin.common import ERROR_STYLE, RowsPanel, show_message
from desktop.ui.operations import Failure, Operation
from desktop.ui.questions import ask

__all__ = ["BackUpToFile", "BackupsTab", "announce", "restored_text"]

KIND_LABELS = {Kind.DAILY: N_("Daily"), Kind.MONTHLY: N_("Monthly (kept a year)"),
               Kind.BY_HAND: N_("Made by hand")}

COLUMNS = (
    (NC_("backup column", "Written"), lambda file: format_datetime(file.written)),
    (NC_("backup column", "Kind"), lambda file: _(KIND_LABELS[file.kind])),
    (NC_("backup column", "Size"), lambda file: size_text(file.size)),
    (NC_("backup column", "File"), lambda file: file.path.name),
)
BACKUP_FILTER = N_("Qadam backups (*.db);;All files (*)")


def restored_text(done: Restored) -> str:
    """What a restore did, for the box that says it (and the status line)."""
    text = _("The backup {backup} was restored. The database it replaced was copied to "
             "{kept}.").format(backup=done.source.name, kept=done.kept) if done.kept else \
        _("The backup {backup} was restored.").format(backup=done.source.name)
    if done.upgraded_from:
        text += " " + _("It was made by an older Qadam and has been upgraded.")
    return text + " " + _("Log in again to go on working.")


_announcements: list[QMessageBox] = []  # kept alive until closed: they have no parent


def announce(text: str) -> QMessageBox:
    """An information box of its own (the window it speaks of is closing), not blocking."""
    box = QMessageBox(QMessageBox.Icon.Information, _("Qadam"), text,
                      QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _announcements.append(box)
    box.finished.connect(lambda _result: _announcements.remove(box)
                         if box in _announcements else None)
    box.open()
    return box


class BackupsTab(RowsPanel[BackupFile]):
    restored = Signal(object)  # backups.Restored

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.overview: Overview | None = None
        self.read = False  # the folder has been read (tests wait on it)
        self.working = False  # a backup, a restore or a change of folder is under way
        # Asked before a restore: may the work open elsewhere be closed? (The main window
        # closes the client files, asking about unsaved changes.)
        self.before_restore: Callable[[], bool] | None = None

        self.folder_label = QLabel(self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.change_folder_button = QPushButton(self)
        self.change_folder_button.clicked.connect(self.change_folder)
        self.default_folder_button = QPushButton(self)
        self.default_folder_button.clicked.connect(lambda: self.set_folder(None))
        # The buttons under the folder, not beside it: a wrapped label in a row with others
        # kept one line's height (the form asks a row's height for its width only of a
        # field that is a widget), and its second line was cut.
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.change_folder_button)
        folder_buttons.addWidget(self.default_folder_button)
        folder_buttons.addStretch(1)
        self.last_label = QLabel(self)
        self.warning = QLabel(self)
        self.warning.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self.status = QLabel(self)  # what the last action did
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        self.folder_title, self.last_title = QLabel(self), QLabel(self)
        self.form.addRow(self.folder_title, self.folder_label)
        self.form.addRow("", folder_buttons)
        self.form.addRow(self.last_title, self.last_label)
        layout = self.layout()
        layout.insertLayout(0, self.form)  # type: ignore[attr-defined]
        layout.insertWidget(1, self.warning)  # type: ignore[attr-defined]
        layout.insertWidget(3, self.status)  # type: ignore[attr-defined]

        self.back_up_button = self.button(self.back_up_now)
        self.restore_selected_button = self.button(self.restore_selected)
        self.restore_file_button = self.button(self.restore_from_file)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _index: self.restore_selected())
        self.retranslate()  # reads the folder too

    # ---- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        database, actor = self.database, self.actor
        Operation(self, lambda: backups.overview(database, actor), name="backups overview") \
            .superseding((BackupsTab, id(self))).done(self._show).failed(self._unread).run()

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        self.read = True
        show_message(self.message, "")
        self.folder_label.setText(str(overview.folder) if overview.chosen else _(
            "{folder} (the default: beside the database)").format(folder=overview.folder))
        self.default_folder_button.setEnabled(overview.chosen and not self.working)
        last = overview.last
        self.last_label.setText(_("none yet") if last is None else _(
            "{written}, {size}").format(written=format_datetime(last.written),
                                        size=size_text(last.size)))
        self.warning.setText(self.warning_text(overview))
        self.warning.setVisible(overview.overdue)
        self.set_rows(list(overview.files))

    @staticmethod
    def warning_text(overview: Overview, now: datetime | None = None) -> str:
        last = overview.last
        if not overview.overdue:
            return ""
        if last is None:
            return _("There is no backup of this database yet: back it up now.")
        days = ((now or datetime.now()) - last.written).days
        return ngettext(
            "There has been no backup for {days} day: back up now, and check that the "
            "backup folder is there.",
            "There has been no backup for {days} days: back up now, and check that the "
            "backup folder is there.", days).format(days=days)

    def _unread(self, failure: Failure) -> None:
        self.read = True
        show_message(self.message, failure.message)

    # ---- acting -----------------------------------------------------------------------------

    def back_up_now(self) -> Operation[Backup] | None:
        if self.working:
            return None
        database, actor = self.database, self.actor
        self._busy(True)
        return Operation(self, lambda progress: backups.back_up_now(database, actor, progress),
                         name="back up now") \
            .with_progress(_("Backing up the database…")) \
            .done(self._backed_up).failed(self._refused).cancelled(self._stopped).run()

    def _backed_up(self, made: Backup) -> None:
        self._busy(False)
        self._say(_("Backed up to {path} ({size}).").format(path=made.path,
                                                           size=size_text(made.size)))
        self.reload()

    def change_folder(self) -> None:
        start = str(self.overview.folder) if self.overview is not None else ""
        chosen = self.choose_folder(start)
        if chosen is not None:
            self.set_folder(chosen)

    def choose_folder(self, start: str) -> Path | None:
        """The folder the administrator picks (tests replace this rather than a dialog)."""
        folder = QFileDialog.getExistingDirectory(self, _("The backup folder"), start)
        return Path(folder) if folder else None

    def set_folder(self, folder: Path | None) -> None:
        database, actor = self.database, self.actor
        self._busy(True)
        Operation(self, lambda: backups.set_backup_folder(database, actor, folder),
                  name="set backup folder") \
            .done(self._folder_set).failed(self._refused).run()

    def _folder_set(self, folder: Path) -> None:
        self._busy(False)
        self._say(_("Backups go to {folder} from now on.").format(folder=folder))
        self.reload()

    def restore_selected(self) -> Operation[Restored] | None:
        row = self.selected()
        if row is None:
            return None
        return self.restore(row.path)

    def restore_from_file(self) -> Operation[Restored] | None:
        chosen = self.choose_backup_file()
        return self.restore(chosen) if chosen is not None else None

    def choose_backup_file(self) -> Path | None:
        """The file the administrator picks (tests replace this rather than a dialog)."""
        start = str(self.overview.folder) if self.overview is not None else ""
        path, _chosen = QFileDialog.getOpenFileName(self, _("Restore from a backup"), start,
                                                    _(BACKUP_FILTER))
        return Path(path) if path else None

    def restore(self, path: Path) -> Operation[Restored] | None:
        """Asked first; then the service checks the file and restores it."""
        if self.working:
            return None
        buttons = QMessageBox.StandardButton
        answer = ask(self, _("Restore a backup"), _(
            "Replace the database by the backup {name}? Everything saved since it was made "
            "is replaced by what it holds; a copy of the database as it is now is kept "
            "beside it. Open client files are closed and you log in again.").format(
            name=path.name),
            buttons.Yes | buttons.No, buttons.No)
        if answer != buttons.Yes:
            return None
        if self.before_restore is not None and not self.before_restore():
            return None  # a client file with unsaved changes was kept open
        database, actor = self.database, self.actor
        self._busy(True)
        return Operation(self, lambda progress: backups.restore(database, actor, path,
                                                                progress),
                         writes=True, name="restore a backup") \
            .with_progress(_("Restoring the backup…")) \
            .done(self._restored).failed(self._refused).cancelled(self._stopped).run()

    def _restored(self, done: Restored) -> None:
        self._busy(False)
        self._say(restored_text(done))
        self.restored.emit(done)
        self.reload()

    def _refused(self, failure: Failure) -> None:
        self._busy(False)
        self._say(failure.message, error=True)

    def _stopped(self) -> None:
        self._busy(False)
        self._say(_("Stopped; nothing was changed."))

    def _busy(self, busy: bool) -> None:
        self.working = busy
        for button in (self.back_up_button, self.restore_file_button,
                       self.change_folder_button):
            button.setEnabled(not busy)
        self.default_folder_button.setEnabled(
            not busy and self.overview is not None and self.overview.chosen)
        self.update_buttons()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def update_buttons(self) -> None:
        self.restore_selected_button.setEnabled(self.selected() is not None
                                                and not self.working)

    def retranslate(self) -> None:
        self.folder_title.setText(_("Backup folder:"))
        self.last_title.setText(_("Last backup:"))
        self.change_folder_button.setText(_("&Change folder…"))
        self.default_folder_button.setText(_("Use the &default"))
        self.back_up_button.setText(_("&Back up now"))
        self.restore_selected_button.setText(_("&Restore the selected…"))
        self.restore_file_button.setText(_("Restore from a &file…"))
        self.table.setAccessibleName(_("Backups in the folder"))
        self.model.retranslate()
        self.reload()  # the dates and the warning are worded in the UI language


class BackUpToFile(QObject):
    """File → Back up now…: where to write (the backup folder offered), then the backup
    with progress and Cancel; ``finished`` carries the line for the status bar."""

    finished = Signal(str)

    def __init__(self, parent: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(parent)
        self.widget, self.database, self.actor = parent, database, actor

    def ask_and_back_up(self) -> None:
        try:
            folder = backups.backup_folder(self.database)  # a setting: no database call
            start = str(folder / backups.by_hand_name(Path(self.database.location),
                                                      datetime.now()))
        except (BackupProblem, DatabaseProblem):  # a server database: the backup says why
            start = ""
        path, _chosen = QFileDialog.getSaveFileName(self.widget, _("Back up the database"),
                                                    start, _(BACKUP_FILTER))
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, target: Path) -> Operation[Backup]:
        database, actor = self.database, self.actor
        return Operation(self.widget, lambda progress: backups.back_up(database, actor, target,
                                                                       progress),
                         name="back up to a file") \
            .with_progress(_("Backing up the database…")) \
            .done(lambda made: self.finished.emit(_("Backed up to {path} ({size}).").format(
                path=made.path, size=size_text(made.size)))) \
            .failed(lambda failure: self.finished.emit(failure.message)).run()
