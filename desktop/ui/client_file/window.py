"""One client's file in a window of its own: the header, then a tab per side of their case.

All data comes from ``desktop.services.client_file`` in one call (``load_file``);
the profile is the only tab that edits, and unsaved edits are never dropped
silently: a refresh keeps them, closing asks.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from db.errors import DatabaseProblem
from db.session import Database
from desktop.i18n import N_, _
from desktop.services import client_file, messages
from desktop.services.auth import AccessDenied, Actor
from desktop.services.client_file import ClientFile, NoSuchClient
from desktop.ui.client_file.consultations_tab import ConsultationsTab
from desktop.ui.client_file.follow_ups_tab import FollowUpsTab
from desktop.ui.client_file.header import ClientHeader
from desktop.ui.client_file.history_tab import HistoryTab
from desktop.ui.client_file.lists import CasePlanTab, DocumentsTab, HouseholdTab, ServicesTab
from desktop.ui.client_file.profile_tab import ProfileTab

TABS = ("profile", "documents", "household", "consultations", "services", "follow_ups",
        "case_plan", "history")
TAB_TITLES = {
    "profile": N_("&Profile"), "documents": N_("&Documents"), "household": N_("&Household"),
    "consultations": N_("&Consultations"), "services": N_("Ser&vices"),
    "follow_ups": N_("&Follow-ups"), "case_plan": N_("Case p&lan"), "history": N_("His&tory"),
}


class ClientFileWindow(QMainWindow):
    new_consultation_requested = Signal(object)  # person id
    open_person = Signal(object)  # a household member's person id
    closed = Signal(object)  # person id, once the window has really closed

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 tab: str = "profile", parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)  # its own window even with a parent
        # Freed once closed: signal connections to lambdas would otherwise keep the
        # whole window alive (measured: 5 MB a window, 460 MB after 50 files).
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.actor = actor
        self.person_id = person_id
        self.today = today  # None: the real today
        self.file: ClientFile | None = None

        self.header = ClientHeader(self)
        self.profile = ProfileTab(database, actor, person_id, self)
        self.profile.today = today
        self.documents = DocumentsTab(self)
        self.household = HouseholdTab(self)
        self.consultations = ConsultationsTab(database, self)
        self.services = ServicesTab(self)
        self.follow_ups = FollowUpsTab(database, actor, self)
        self.case_plan = CasePlanTab(self)
        self.history = HistoryTab(self)
        self.pages: dict[str, QWidget] = dict(zip(TABS, (
            self.profile, self.documents, self.household, self.consultations, self.services,
            self.follow_ups, self.case_plan, self.history), strict=True))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for page in self.pages.values():
            self.tabs.addTab(page, "")
        self.denied = QLabel(self)
        self.denied.setWordWrap(True)
        self.denied.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.denied.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.denied, 1)
        self.setCentralWidget(central)

        self.profile.dirty_changed.connect(self.setWindowModified)
        self.profile.saved.connect(lambda _version: self.refresh(reset_profile=True))
        self.profile.reload_requested.connect(lambda: self.refresh(reset_profile=True))
        self.household.open_person.connect(self.open_person)
        self.household.refused.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.consultations.new_requested.connect(self._new_consultation)
        self.follow_ups.changed.connect(self.refresh)
        self._build_actions()

        self.resize(1040, 740)
        self.profile.set_choices(client_file.profile_choices(database))
        self._retranslate_texts()
        self.refresh()
        self.show_tab(tab)

    def _build_actions(self) -> None:
        def action(shortcut: QKeySequence | QKeySequence.StandardKey | str,
                   slot: object) -> QAction:
            made = QAction(self)
            made.setShortcut(QKeySequence(shortcut))
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.save_action = action(QKeySequence.StandardKey.Save, self.save)
        self.new_consultation_action = action("Ctrl+Shift+N", self._new_consultation)
        self.refresh_action = action(QKeySequence.StandardKey.Refresh, self.refresh)
        self.close_action = action(QKeySequence.StandardKey.Close, self.close)
        self.tab_actions = [action(f"Alt+{number}", lambda _checked=False, key=key:
                                   self.show_tab(key))
                            for number, key in enumerate(TABS, start=1)]

    # ---- public API ----------------------------------------------------------------------------

    def show_tab(self, key: str) -> None:
        if key not in self.pages:
            raise ValueError(f"unknown tab {key!r}; one of {TABS}")
        self.tabs.setCurrentWidget(self.pages[key])

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def refresh(self, reset_profile: bool = False) -> None:
        """Reload the whole file; unsaved profile edits stay unless ``reset_profile``."""
        try:
            file = client_file.load_file(self.database, self.actor, self.person_id, self.today)
        except AccessDenied:
            self._unavailable(_("This is a client of another office: you may not open their "
                                "file."))
            return
        except NoSuchClient:
            self._unavailable(_("There is no such client: the file may have been deleted."))
            return
        except DatabaseProblem as problem:
            self.statusBar().showMessage(messages.database_problem(problem))
            return
        self.file = file
        self.header.set_header(file.header)
        self.profile.set_profile(file.profile, keep_edits=not reset_profile)
        for page in (self.documents, self.household, self.consultations, self.services,
                     self.follow_ups, self.case_plan, self.history):
            page.set_file(file)  # type: ignore[attr-defined]
        self._retitle()

    def save(self) -> bool:
        self.show_tab("profile")
        return self.profile.save()

    def _unavailable(self, text: str) -> None:
        self.file = None
        self.denied.setText(text)
        self.denied.show()
        self.tabs.hide()
        self.header.hide()
        for made in (self.save_action, self.new_consultation_action):
            made.setEnabled(False)
        self.setWindowTitle(_("Client file"))

    def _new_consultation(self) -> None:
        if self.file is not None:
            self.new_consultation_requested.emit(self.person_id)

    # ---- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.file is not None and self.profile.is_dirty():
            answer = self.ask_unsaved()
            if answer == "cancel" or (answer == "save" and not self.save()):
                event.ignore()
                return
        event.accept()
        self.closed.emit(self.person_id)

    def ask_unsaved(self) -> str:
        """"save", "discard" or "cancel" (tests replace this rather than answer a box)."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, _("Unsaved changes"),
            _("The profile of {name} has changes that are not saved. Save them?").format(
                name=self.file.header.name if self.file else ""),
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    # ---- texts ---------------------------------------------------------------------------------

    def _retitle(self) -> None:
        file = self.file
        if file is None:
            return
        self.setWindowTitle(_("{name} — client file").format(name=file.header.name) + "[*]")
        counts = {"documents": len(file.documents), "household": len(file.household),
                  "consultations": len(file.consultations),
                  "services": len(file.courses) + len(file.jobs) + len(file.placements)
                  + len(file.social),
                  "follow_ups": sum(not f.done for f in file.follow_ups),
                  "case_plan": len(file.goals)}
        for index, key in enumerate(TABS):
            title = _(TAB_TITLES[key])
            if counts.get(key):
                title = _("{title} ({count})").format(title=title, count=counts[key])
            self.tabs.setTabText(index, title)

    def retranslate(self) -> None:
        """Every text in the current language; labels that come from the data are reloaded."""
        self.profile.set_choices(client_file.profile_choices(self.database))
        self._retranslate_texts()
        if self.file is not None:
            self.refresh()

    def _retranslate_texts(self) -> None:
        self.tabs.setAccessibleName(_("Client file"))
        for index in range(len(TABS)):
            self.tabs.setTabToolTip(index, f"Alt+{index + 1}")
        self.save_action.setText(_("Save"))
        self.new_consultation_action.setText(_("New consultation"))
        self.refresh_action.setText(_("Reload"))
        self.close_action.setText(_("Close"))
        for page in self.pages.values():
            page.retranslate()  # type: ignore[attr-defined]
        self.header.retranslate()
        if self.file is None:
            self.setWindowTitle(_("Client file"))
        else:
            self._retitle()
