"""The Administration screen: users, offices, the providers clients are referred to, the
service catalogue, the center's details, its rules, the MRP of each year and the
database's backups, in tabs.

Only administrators are meant to see it; the services refuse anyone else anyway.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor
from desktop.ui.admin.backups import BackupsTab
from desktop.ui.admin.catalogue import CatalogueTab
from desktop.ui.admin.center import CenterTab
from desktop.ui.admin.mrp import MrpTab
from desktop.ui.admin.offices import OfficesTab
from desktop.ui.admin.providers import ProvidersTab
from desktop.ui.admin.rules import RulesTab
from desktop.ui.admin.users import UsersTab


class AdministrationScreen(QWidget):
    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users = UsersTab(database, actor, self)
        self.offices = OfficesTab(database, actor, self)
        self.providers = ProvidersTab(database, actor, self)
        self.catalogue = CatalogueTab(database, actor, self)
        self.center = CenterTab(database, actor, self)
        self.rules = RulesTab(database, actor, self)
        self.mrp = MrpTab(database, actor, self)
        self.backups = BackupsTab(database, actor, self)
        self.tabs = QTabWidget(self)
        # All eight in sight (no arrows hiding "Backups"): the window keeps the room they need.
        self.tabs.tabBar().setUsesScrollButtons(False)
        for tab in self._tabs():
            self.tabs.addTab(tab, "")
        # Our own writes reach every tab through the change hub; what another administrator
        # changed on another computer shows when its tab is shown again.
        self.tabs.currentChanged.connect(self._shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        titles = (_("&Users"), _("&Offices"), _("&Providers"), _("&Service catalogue"),
                  _("&Center"), _("&Rules"), _("&MRP"), _("&Backups"))
        for index, text in enumerate(titles):
            self.tabs.setTabText(index, text)
        self.tabs.setAccessibleName(_("Administration"))
        for tab in self._tabs():
            tab.retranslate()

    def _tabs(self) -> tuple[QWidget, ...]:
        return (self.users, self.offices, self.providers, self.catalogue, self.center,
                self.rules, self.mrp, self.backups)

    def _shown(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab in (self.users, self.offices, self.providers, self.catalogue, self.rules,
                   self.mrp, self.backups):
            tab.reload()  # type: ignore[attr-defined]
