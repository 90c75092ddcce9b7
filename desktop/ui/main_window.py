"""The main window: the sections a role may use, the menus and the status bar.

Sections appear by permission (the services check again on every call), and
the window remembers its geometry and the list's column widths. What a write
changed reaches every open screen through ``operations.hub()``: each screen
listens and refreshes itself, so the window wires no refreshes by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid

from db.changes import Changes
from db.session import Database
from desktop import i18n
from desktop.i18n import _
from desktop.services import clients
from desktop.services.auth import ROLE_LABELS, Actor, Permission
from desktop.services.social.chasing import chase_unanswered
from desktop.ui import operations
from desktop.ui.clients.list_view import LIST_TABLES, ClientListView
from desktop.ui.operations import Failure, Operation
from desktop.ui.qt_language import LANGUAGE_NAMES, switch_language


class MainWindow(QMainWindow):
    client_file_opened = Signal(object)  # person id: their new window is up, filled in

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.database = database
        self.actor = actor
        self.client_files: dict[uuid.UUID, QWidget] = {}
        self._opening: set[uuid.UUID] = set()  # files being read for a new window
        self.logged_out = False  # closed by File → Log out: the login is asked again
        self.clients = ClientListView(database, actor, self)
        self.model = self.clients.model
        self.navigation = QListWidget(self)
        self.navigation.setFixedWidth(190)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.screens = QStackedWidget(self)
        # (section key, its title, the screen)
        self.sections: list[tuple[str, Callable[[], str], QWidget]] = []
        self._add_sections()
        self.navigation.currentRowChanged.connect(self.screens.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.screens, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel(self)
        self.count_label = QLabel(self)
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.count_label)
        # The count speaks of the client list: it shows with that list, not over other screens.
        self.screens.currentChanged.connect(
            lambda _index: self.count_label.setVisible(
                self.screens.currentWidget() is self.clients))
        self.count_label.setVisible(self.screens.currentWidget() is self.clients)
        self.clients.query_changed.connect(self._update_status)
        self.clients.open_client.connect(self.open_client_file)
        self.clients.export_finished.connect(
            lambda path: self.statusBar().showMessage(_("Written: {path}").format(path=path),
                                                      8000))
        operations.hub().changed.connect(self._on_changes)
        self._build_menus()
        self.resize(1200, 760)
        self._restore_layout()
        self.retranslate()
        self._chase_unanswered()
        self._daily_backup()

    def _add_sections(self) -> None:
        from desktop.ui.today import TodayScreen

        self.today = TodayScreen(self.database, self.actor, self)
        self.today.open_client.connect(self.open_client_file)
        sections: list[tuple[str, Callable[[], str], QWidget]] = [
            ("today", lambda: _("Today"), self.today),
            ("clients", lambda: _("Clients"), self.clients)]
        if self.actor.can(Permission.WORK_WITH_CLIENTS):
            from desktop.ui.courses.screen import CoursesScreen

            self.courses = CoursesScreen(self.database, self.actor, self)
            self.courses.open_client.connect(self.open_client_file)
            sections.append(("courses", lambda: _("Courses"), self.courses))
            from desktop.ui.employment.screen import EmploymentScreen

            self.employment = EmploymentScreen(self.database, self.actor, self)
            self.employment.open_client.connect(self.open_client_file)
            sections.append(("employment", lambda: _("Employment"), self.employment))
            from desktop.ui.social.screen import SocialServicesScreen

            self.social = SocialServicesScreen(self.database, self.actor, self)
            # A referral's client file opens at its Social services tab.
            self.social.open_client.connect(
                lambda person_id: self.open_client_file(person_id, "social"))
            sections.append(("social", lambda: _("Social services"), self.social))
        if self.actor.can(Permission.VIEW_REPORTS):
            from desktop.ui.reports.reports_screen import ReportsScreen

            self.reports = ReportsScreen(self.database, self.actor, self)
            sections.append(("reports", lambda: _("Reports"), self.reports))
        if self.actor.can(Permission.ADMINISTER):
            from desktop.ui.admin import AdministrationScreen

            self.administration = AdministrationScreen(self.database, self.actor, self)
            # A restore replaces everything this window shows: client files close first,
            # and the login comes back after.
            self.administration.backups.before_restore = self._close_client_files
            self.administration.backups.restored.connect(self._restored)
            sections.append(("administration", lambda: _("Administration"), self.administration))
        if self.actor.can(Permission.VIEW_REPORTS):
            from desktop.ui.dashboard import DashboardScreen, leads

            self.dashboard = DashboardScreen(self.database, self.actor, self)
            self.dashboard.open_client.connect(self.open_client_file)
            # A manager's day starts with it (the first row is shown first); others' after Today.
            sections.insert(0 if leads(self.actor) else 1,
                            ("dashboard", lambda: _("Dashboard"), self.dashboard))
        for _key, _title, screen in sections:
            self.navigation.addItem(QListWidgetItem())
            self.screens.addWidget(screen)
        self.sections = sections

    def _chase_unanswered(self) -> None:
        """At each login, referrals nobody answered in time become their caseworkers'
        follow-ups, so Today shows them even to those who never open Social services."""
        if not self.actor.can(Permission.WORK_WITH_CLIENTS):
            return
        database, actor = self.database, self.actor
        Operation(self, lambda: chase_unanswered(database, actor), writes=True,
                  name="chase unanswered referrals at login") \
            .failed(lambda failure: self.statusBar().showMessage(failure.message, 10_000)).run()

    def _daily_backup(self) -> None:
        """The first login of the day backs the database up into the backup folder (and
        rotates the old copies), off the GUI thread; a failure is said in the status bar,
        and Administration warns once there has been none for three days."""
        from desktop.services.backups import daily_backup

        database, actor = self.database, self.actor
        Operation(self, lambda: daily_backup(database, actor), name="daily backup at login") \
            .done(self._daily_backup_done) \
            .failed(lambda failure: self.statusBar().showMessage(
                _("Today's backup was not made: {reason}").format(reason=failure.message),
                15_000)).run()

    def _daily_backup_done(self, made: object) -> None:
        administration = getattr(self, "administration", None)
        if made is not None and administration is not None:
            administration.backups.reload()

    def back_up_now(self) -> None:
        """File → Back up now…: a file to write, then the backup (administrators only; the
        service checks again)."""
        from desktop.ui.admin.backups import BackUpToFile

        self.backup_to_file = BackUpToFile(self, self.database, self.actor)
        self.backup_to_file.finished.connect(
            lambda text: self.statusBar().showMessage(text, 15_000))
        self.backup_to_file.ask_and_back_up()

    def _close_client_files(self) -> bool:
        """Close every client file (each asks about unsaved changes); False if one stays."""
        return all(window.close() for window in list(self.client_files.values()))

    def _restored(self, done: object) -> None:
        """A backup replaced the database: nothing shown here is true any more, so the
        window closes and the login comes back, on connections opened afresh."""
        from desktop.ui.admin.backups import announce, restored_text

        self._close_client_files()
        announce(restored_text(done))  # type: ignore[arg-type]
        self.logged_out = True
        self.close()

    def show_section(self, key: str) -> None:
        keys = [section[0] for section in self.sections]
        self.navigation.setCurrentRow(keys.index(key))

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.new_client_action = QAction(self)
        self.new_client_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_client_action.triggered.connect(self.new_client)
        self.new_client_action.setEnabled(self.actor.can(Permission.WORK_WITH_CLIENTS))
        self.file_menu.addAction(self.new_client_action)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._find)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.log_out_action = QAction(self)
        self.log_out_action.triggered.connect(self.log_out)
        self.file_menu.addAction(self.find_action)
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self.back_up_now)
        self.backup_action.setVisible(self.actor.can(Permission.ADMINISTER))
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.log_out_action)
        self.file_menu.addAction(self.quit_action)

        self.language_menu = self.menuBar().addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = self.menuBar().addMenu("")
        self.guide_action = QAction(self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)

    def log_out(self) -> None:
        """Close this user's window (asking about unsaved files); the login comes back."""
        self.logged_out = True
        if not self.close():
            self.logged_out = False  # a file with unsaved changes was kept open

    def show_guide(self) -> None:
        from desktop.ui.help import GuideDialog

        self.guide = GuideDialog(self)
        self.guide.show()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.help import about_text

        QMessageBox.about(self, _("About Qadam"), about_text(self.database.location))

    def new_client(self) -> None:
        from desktop.ui.intake import IntakeDialog

        dialog = IntakeDialog(self.database, self.actor, self)
        dialog.client_created.connect(self.open_client_file)
        dialog.open_existing.connect(self.open_client_file)
        self.intake = dialog
        dialog.open()

    def new_consultation(self, person_id: uuid.UUID) -> None:
        from desktop.ui.consultation import ConsultationDialog

        parent = self.client_files.get(person_id) or self
        dialog = ConsultationDialog(self.database, self.actor, person_id, parent)
        self.consultation_dialog = dialog
        dialog.open()

    def _find(self) -> None:
        self.show_section("clients")
        self.clients.focus_search()

    def open_client_file(self, person_id: uuid.UUID, tab: str = "profile") -> None:
        """One window per person: a second request brings the open one forward. A new one
        is built once its file has been read, off the GUI thread."""
        window = self.client_files.get(person_id)
        if window is not None:
            window.show_tab(tab)
            self._bring_forward(window)
            return
        if person_id in self._opening:
            return  # a second double click while the first is still reading
        from desktop.ui.client_file.window import ClientFileWindow

        self._opening.add(person_id)
        database, actor = self.database, self.actor
        Operation(self, lambda: ClientFileWindow.load(database, actor, person_id),
                  name="open client file") \
            .done(lambda loaded: self._file_read(person_id, tab, loaded)) \
            .failed(lambda failure: self._file_refused(person_id, failure)).run()

    def _file_read(self, person_id: uuid.UUID, tab: str, loaded: object) -> None:
        from desktop.ui.client_file.window import ClientFileWindow

        self._opening.discard(person_id)
        kept = loaded[0].person_id  # type: ignore[index]  # a merged file's id opens the kept
        if kept in self.client_files:
            self.open_client_file(kept, tab)
            return
        window = ClientFileWindow(self.database, self.actor, kept, tab,
                                  loaded=loaded)  # type: ignore[arg-type]
        window.closed.connect(self._file_closed)
        window.open_person.connect(self.open_client_file)
        window.new_consultation_requested.connect(self.new_consultation)
        self.client_files[kept] = window
        self._bring_forward(window)
        self.client_file_opened.emit(person_id)

    def _file_refused(self, person_id: uuid.UUID, failure: Failure) -> None:
        self._opening.discard(person_id)
        self.statusBar().showMessage(failure.message, 10000)

    def _file_closed(self, person_id: uuid.UUID) -> None:
        self.client_files.pop(person_id, None)

    @staticmethod
    def _bring_forward(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    def set_language(self, language: str) -> None:
        """Switch every text at once, in every open window, and remember the choice."""
        if language == i18n.current_language():
            return
        switch_language(language)
        self.language_actions[language].setChecked(True)
        self.retranslate()
        self.model.reload()  # category and region labels come in the new language
        dialogs = [getattr(self, name, None) for name in ("intake", "consultation_dialog",
                                                          "guide")]
        for window in [*self.client_files.values(), *dialogs]:
            retranslate = getattr(window, "retranslate", None)
            # A dialog closed earlier may already be deleted on the Qt side.
            if retranslate is not None and isValid(window) and window.isVisible():
                retranslate()

    def retranslate(self) -> None:
        title = (_("Qadam — {center}").format(center=self.actor.office_name)
                 if self.actor.office_name else "Qadam")
        if self.database.server is not None:  # the central office: which server this is
            title = _("{title} — server {server}").format(title=title,
                                                           server=self.database.server)
        self.setWindowTitle(title)
        self.file_menu.setTitle(_("&File"))
        self.new_client_action.setText(_("&New client…"))
        self.find_action.setText(_("&Find a client"))
        self.quit_action.setText(_("&Quit"))
        self.log_out_action.setText(_("&Log out"))
        self.backup_action.setText(_("&Back up now…"))
        self.help_menu.setTitle(_("&Help"))
        self.guide_action.setText(_("&User guide"))
        self.about_action.setText(_("&About Qadam"))
        self.language_menu.setTitle(_("&Language"))
        for row, (_key, title, screen) in enumerate(self.sections):
            self.navigation.item(row).setText(title())
            retranslate = getattr(screen, "retranslate", None)
            if retranslate is not None:
                retranslate()
        self.navigation.setAccessibleName(_("Sections"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)
        self.user_label.setText(_("{name} · {role} · {office}").format(
            name=self.actor.full_name, role=_(ROLE_LABELS[self.actor.role]),
            office=self.actor.office_code or "—"))
        self._update_status()

    def _update_status(self) -> None:
        """The clients there are, or how many match what the list was asked; counted off
        the GUI thread (a common search can match tens of thousands)."""
        database, actor, query = self.database, self.actor, self.model.query
        if query.text:
            self.count_label.setText(_("Clients matching “{query}”").format(query=query.text))
            Operation(self, lambda: clients.matching_count(database, actor, query),
                      name="matching count").superseding((id(self), "count")) \
                .done(lambda total: self._show_matches(query, total)) \
                .failed(lambda failure: None).run()
            return
        Operation(self, lambda: clients.client_count(database, actor), name="client count") \
            .superseding((id(self), "count")).done(self._show_count) \
            .failed(lambda failure: self.count_label.setText("")).run()

    def _show_count(self, total: int) -> None:
        if not self.model.text:
            self.count_label.setText(i18n.ngettext("{count} client", "{count} clients",
                                                   total).format(count=i18n.format_number(total)))

    def _show_matches(self, query: object, total: int) -> None:
        if self.model.query == query:  # not a count of a question asked before
            self.count_label.setText(i18n.ngettext(
                "{count} client matches “{query}”", "{count} clients match “{query}”",
                total).format(count=i18n.format_number(total), query=self.model.text))

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(*LIST_TABLES):
            self._update_status()

    # ---- remembered layout ---------------------------------------------------------------

    def _restore_layout(self) -> None:
        stored = QSettings()
        geometry = stored.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        columns = stored.value("main/client_columns")
        if isinstance(columns, QByteArray):
            self.clients.columns.restore(columns)
        sizes = stored.value("main/today_splitter")
        if isinstance(sizes, QByteArray):
            self.today.splitter.restoreState(sizes)

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.client_files.values()):
            if not window.close():  # a file with unsaved changes the user kept open
                event.ignore()
                return
        stored = QSettings()
        stored.setValue("main/geometry", self.saveGeometry())
        stored.setValue("main/client_columns",
                        self.clients.table.horizontalHeader().saveState())
        stored.setValue("main/today_splitter", self.today.splitter.saveState())
        super().closeEvent(event)
