"""The main window: the sections (clients, reports), the language menu and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from db.session import Database
from desktop import i18n, settings
from desktop.i18n import _
from desktop.services import clients
from desktop.ui.clients.list_model import ClientListModel
from desktop.ui.clients.list_view import ClientListView
from desktop.ui.qt_language import apply_qt_language
from desktop.ui.reports.reports_screen import ReportsScreen

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}  # each in its own language


class MainWindow(QMainWindow):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.model = ClientListModel(
            lambda limit, after: clients.list_clients(database, limit, after),
            lambda text, limit, offset: clients.search_clients(database, text, limit, offset))
        self.clients = ClientListView(self.model, self)
        self.reports = ReportsScreen(database, self)
        self.navigation = QListWidget(self)
        self.navigation.setFixedWidth(190)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.screens = QStackedWidget(self)
        for screen in (self.clients, self.reports):
            self.navigation.addItem(QListWidgetItem())
            self.screens.addWidget(screen)
        self.navigation.currentRowChanged.connect(self.screens.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.screens, 1)
        self.setCentralWidget(central)
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.clients.query_changed.connect(self._update_status)
        self._build_menus()
        self.resize(1200, 760)
        self.retranslate()
        self.model.set_query("")

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.clients.focus_search)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.find_action)
        self.file_menu.addSeparator()
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

    def set_language(self, language: str) -> None:
        """Switch every text at once, and remember the choice."""
        if language == i18n.current_language():
            return
        i18n.set_language(language)
        apply_qt_language(language)
        settings.put("language", language)
        self.language_actions[language].setChecked(True)
        self.retranslate()
        self.model.reload()  # category and region labels come in the new language

    def retranslate(self) -> None:
        self.setWindowTitle(_("Qadam — clients"))
        self.file_menu.setTitle(_("&File"))
        self.find_action.setText(_("&Find a client"))
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("&Language"))
        self.clients.retranslate()
        self.reports.retranslate()
        for row, text in enumerate((_("Clients"), _("Reports"))):
            self.navigation.item(row).setText(text)
        self.navigation.setAccessibleName(_("Sections"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)
        self._update_status()

    def _update_status(self) -> None:
        if self.model.query:
            text = _("Clients matching “{query}”").format(query=self.model.query)
        else:
            total = clients.client_count(self.database)
            text = i18n.ngettext("{count} client", "{count} clients", total).format(
                count=i18n.format_number(total))
        self.count_label.setText(text)
