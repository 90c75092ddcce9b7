"""The client file's Social services page: the referrals, the household's support measures
of the regional quota, and the stays in the adaptation centre, one sub-tab each.

Each part reads what it shows itself, off the GUI thread; the page hands each the file
loaded (the referrals) or the person and their office (the measures, the stays).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor
from desktop.services.client_file import ClientFile
from desktop.ui.client_file.social_tab import SocialTab
from desktop.ui.social.accommodation_panel import AccommodationPanel
from desktop.ui.social.entitlements_panel import EntitlementsPanel

__all__ = ["SocialPage"]


class SocialPage(QWidget):
    open_person = Signal(object)  # a household member's person id

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.referrals = SocialTab(database, actor, self)
        self.entitlements = EntitlementsPanel(database, actor, self)
        self.accommodation = AccommodationPanel(database, actor, self)
        for part in (self.referrals, self.entitlements, self.accommodation):
            part.today = today  # None: the real today (tests pin it)
        self.entitlements.open_client.connect(self.open_person)
        self.parts = QTabWidget(self)
        for part in (self.referrals, self.entitlements, self.accommodation):
            self.parts.addTab(part, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.parts)
        self.retranslate()

    def set_file(self, file: ClientFile) -> None:
        self.referrals.set_file(file)
        self.entitlements.set_person(file.person_id)
        self.accommodation.set_person(file.person_id, file.office_id)

    def retranslate(self) -> None:
        # No mnemonics: the window's tabs and buttons hold the Alt keys.
        for index, text in enumerate((_("Referrals"), _("Support measures"),
                                      _("Accommodation"))):
            self.parts.setTabText(index, text)
        for part in (self.referrals, self.entitlements, self.accommodation):
            part.retranslate()
