"""The Employment screen: the employers, and the vacancies they offer, in two tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor
from desktop.ui.employment.employers_tab import EmployersTab
from desktop.ui.employment.vacancies_tab import VacanciesTab


class EmploymentScreen(QWidget):
    open_client = Signal(object, str)  # person id, the file's tab: a candidate's file

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmploymentScreen")
        self.vacancies = VacanciesTab(database, actor, self)
        self.vacancies.open_client.connect(self.open_client)
        self.employers = EmployersTab(database, actor, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.vacancies, "")
        self.tabs.addTab(self.employers, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("&Vacancies"))
        self.tabs.setTabText(1, _("E&mployers"))
        self.tabs.setAccessibleName(_("Employment"))
        self.vacancies.retranslate()
        self.employers.retranslate()
