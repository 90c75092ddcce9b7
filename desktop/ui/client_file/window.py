"""One client's file in a window of its own: the header, then a tab per side of their case.

All data comes from ``desktop.services.client_file`` in one call (``load_file``),
through the operation runner. The file reloads itself when a write anywhere
touches this person (a consultation saved, a follow-up marked done in Today).
Unsaved profile edits are never dropped silently: a refresh keeps them,
closing asks.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from db.changes import Changes
from db.session import Database
from desktop.i18n import N_, _, current_language
from desktop.services import client_file
from desktop.services.auth import AccessDenied, Actor
from desktop.services.client_file import ClientFile, NoSuchClient, ProfileChoices
from desktop.ui import operations
from desktop.ui.client_file.case_dialogs import CaseActions
from desktop.ui.client_file.consultations_tab import ConsultationsTab
from desktop.ui.client_file.course_dialogs import CourseActions
from desktop.ui.client_file.duplicate_dialogs import DuplicateActions
from desktop.ui.client_file.employment_tab import EmploymentActions, EmploymentTab
from desktop.ui.client_file.follow_ups_tab import FollowUpsTab
from desktop.ui.client_file.header import ClientHeader
from desktop.ui.client_file.history_tab import HistoryTab
from desktop.ui.client_file.household_dialogs import HouseholdActions
from desktop.ui.client_file.lists import DocumentsTab, HouseholdTab, ServicesTab
from desktop.ui.client_file.personal_data import PersonalDataActions
from desktop.ui.client_file.plan_tab import CasePlanTab
from desktop.ui.client_file.profile_tab import ProfileTab
from desktop.ui.client_file.social_page import SocialPage
from desktop.ui.operations import Failure, Operation
from desktop.ui.questions import ask

Loaded = tuple[ClientFile, ProfileChoices]
TABS = ("profile", "documents", "household", "consultations", "services", "employment",
        "social", "follow_ups", "case_plan", "history")
TAB_TITLES = {
    "profile": N_("&Profile"), "documents": N_("&Documents"), "household": N_("&Household"),
    "consultations": N_("&Consultations"), "services": N_("Ser&vices"),
    "employment": N_("E&mployment"), "social": N_("Soc&ial services"),
    "follow_ups": N_("&Follow-ups"), "case_plan": N_("Case p&lan"), "history": N_("His&tory"),
}


def tab_shortcut(index: int) -> str:
    """Alt+1 for the first tab, ..., Alt+9, then Alt+0 for the tenth (as the digit row)."""
    return f"Alt+{(index + 1) % 10}"


# The profile's lists, by database and UI language: the same for every file, and read
# again only when the reference lists change (a broadcast says so).
_CHOICES: dict[tuple[str, str], ProfileChoices] = {}
REFERENCE_TABLES = ("migrant_category", "region", "education_level", "consent_form")


def profile_choices(database: Database) -> ProfileChoices:
    """On a worker; a dict lookup once the lists have been read in this language."""
    key = (database.location, current_language())
    choices = _CHOICES.get(key)
    if choices is None:
        choices = _CHOICES[key] = client_file.profile_choices(database)
    return choices


def _forget_choices(changes: Changes) -> None:
    if changes.touches(*REFERENCE_TABLES):
        _CHOICES.clear()


_listening: list[bool] = []  # whether _forget_choices hears the hub yet


def _listen_for_reference_changes() -> None:
    """Once, from the GUI thread (where the hub lives)."""
    if not _listening:
        operations.hub().changed.connect(_forget_choices)
        _listening.append(True)


class ClientFileWindow(QMainWindow):
    new_consultation_requested = Signal(object)  # person id
    open_person = Signal(object)  # a household member's person id
    closed = Signal(object)  # person id, once the window has really closed
    loaded = Signal()  # the file shows what the database holds now (or why it cannot)

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 tab: str = "profile", parent: QWidget | None = None, *,
                 today: date | None = None, loaded: Loaded | None = None) -> None:
        """``loaded`` (from ``load``, on a worker) fills the window before it is first
        shown; without it the window opens empty and fetches its file itself."""
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
        self.documents = DocumentsTab(database, actor, self)
        self.documents.today = today  # None: the real today (tests pin it)
        self.household = HouseholdTab(self)
        self.consultations = ConsultationsTab(database, actor, self)
        self.services = ServicesTab(self)
        self.employment = EmploymentTab(database, actor, self)
        self.employment.today = today  # None: the real today (tests pin it)
        self.social_page = SocialPage(database, actor, self, today=today)
        self.social_page.open_person.connect(self.open_person)
        self.social = self.social_page.referrals
        self.follow_ups = FollowUpsTab(database, actor, self)
        self.follow_ups.today = today  # None: the real today (tests pin it)
        self.case_plan = CasePlanTab(database, actor, self)
        self.case_plan.reload_requested.connect(self.refresh)
        self.case_plan.today = today  # None: the real today (tests pin it)
        self.history = HistoryTab(self)
        self.pages: dict[str, QWidget] = dict(zip(TABS, (
            self.profile, self.documents, self.household, self.consultations, self.services,
            self.employment, self.social_page, self.follow_ups, self.case_plan, self.history),
            strict=True))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        # Every tab in sight, no arrows to scroll to "History": the window is as wide as
        # its ten titles need (in Russian, with their counts, more than it opens at).
        self.tabs.tabBar().setUsesScrollButtons(False)
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
        self.profile.reload_requested.connect(lambda: self.refresh(reset_profile=True))
        self.household.open_person.connect(self.open_person)
        self.household.refused.connect(lambda text: self.statusBar().showMessage(text, 10000))
        # Linking and unlinking: their writes' broadcast reloads this file and the member's.
        self.household_actions = HouseholdActions(self, database, actor)
        self.household_actions.today = today
        self.household_actions.linked.connect(self.household.select_link)
        self.household_actions.reload_requested.connect(self.refresh)
        self.household.member_selected.connect(self.household_actions.select)
        self.household.set_actions(self.household_actions.actions())
        self.consultations.new_requested.connect(self._new_consultation)
        self.consultations.reload_requested.connect(self.refresh)
        self.follow_ups.reload_requested.connect(self.refresh)
        # Adding, correcting, renewing, marking: their broadcast reloads the file and Today.
        self.documents.reload_requested.connect(self.refresh)
        # Closing, reopening, reassigning: their writes' broadcast reloads the file.
        self.case_actions = CaseActions(self, database, actor)
        self.case_actions.today = today
        self.case_actions.reload_requested.connect(self.refresh)
        self.case_plan.set_actions(self.case_actions.actions())
        self.addActions(self.case_actions.actions())
        # Enrolling in a course and an enrolment's steps: their broadcast reloads the file.
        self.course_actions = CourseActions(self, database, actor)
        self.course_actions.today = today
        self.course_actions.enrolled.connect(self.services.select_enrolment)
        self.course_actions.reload_requested.connect(self.refresh)
        self.services.enrolment_selected.connect(self.course_actions.select)
        self.services.set_course_actions(self.course_actions.actions())
        # The profile, referrals, their steps, hires, retention checks: likewise.
        self.employment_actions = EmploymentActions(self, database, actor)
        self.employment_actions.today = today
        self.employment_actions.saved_referral.connect(self.employment.select_referral)
        self.employment_actions.reload_requested.connect(self.refresh)
        self.employment.referral_selected.connect(self.employment_actions.select_referral)
        self.employment.placement_selected.connect(self.employment_actions.select_placement)
        self.employment.set_actions(self.employment_actions.profile_actions(),
                                    self.employment_actions.referral_actions(),
                                    self.employment_actions.placement_actions())
        # Possible duplicates, marking and merging: the merge's broadcast does the rest.
        self.duplicate_actions = DuplicateActions(self, database, actor)
        self.header.add_actions(self.duplicate_actions.actions())
        # The client's copy of everything held on them (the right of access).
        self.personal_data_actions = PersonalDataActions(self, database, actor)
        self.personal_data_actions.today = today
        self.header.add_actions(self.personal_data_actions.actions())
        operations.hub().changed.connect(self.on_changes)
        _listen_for_reference_changes()
        self._build_actions()

        self.resize(1040, 740)
        self._retranslate_texts()
        if loaded is None:
            self._load_choices()
            self.refresh()
        else:
            file, choices = loaded
            self.profile.set_choices(choices)
            self.employment.set_choices(choices)
            self._show(file, reset_profile=True)
        self.show_tab(tab)

    @staticmethod
    def load(database: Database, actor: Actor, person_id: uuid.UUID,
             today: date | None = None) -> Loaded:
        """What a new window shows, read on a worker before the window is built: filled in
        before its first paint, the window lays itself out once, not twice."""
        return (client_file.load_file(database, actor, person_id, today),
                profile_choices(database))

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
        self.tab_actions = [action(tab_shortcut(number), lambda _checked=False, key=key:
                                   self.show_tab(key))
                            for number, key in enumerate(TABS[:10])]  # the digit row

    # ---- public API ----------------------------------------------------------------------------

    def show_tab(self, key: str) -> None:
        if key not in self.pages:
            raise ValueError(f"unknown tab {key!r}; one of {TABS}")
        self.tabs.setCurrentWidget(self.pages[key])

    def show_document(self, document_id: uuid.UUID) -> None:
        """The Documents tab with that document chosen, ready to be renewed."""
        self.show_tab("documents")
        self.documents.select_document(document_id)

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def refresh(self, reset_profile: bool = False) -> Operation[ClientFile]:
        """Reload the whole file; unsaved profile edits stay unless ``reset_profile``."""
        database, actor, person_id, today = (self.database, self.actor, self.person_id,
                                             self.today)
        return Operation(self, lambda: client_file.load_file(database, actor, person_id, today),
                         name="client file").superseding((id(self), "load")) \
            .done(lambda file: self._show(file, reset_profile)).failed(self._not_loaded).run()

    def on_changes(self, changes: Changes) -> None:
        if self.person_id in changes.people and not self.profile.saving:
            self.refresh()

    def _show(self, file: ClientFile, reset_profile: bool) -> None:
        if file.person_id != self.person_id:  # this id's file was merged into another
            if self.file is not None:
                # Merged away while open: the kept file, opened or brought forward, goes on.
                self.profile.revert()
                self.open_person.emit(file.person_id)
                self.close()
                return
            self.person_id = self.profile.person_id = file.person_id  # an old link, followed
        self.file = file
        self.header.set_header(file.header)
        self.profile.set_profile(file.profile, keep_edits=not reset_profile)
        self.household_actions.set_file(file)  # first: the tab then tells it the member chosen
        self.course_actions.set_file(file)  # likewise the enrolment chosen
        self.employment_actions.set_file(file)  # and the referral and placement chosen
        for page in (self.documents, self.household, self.consultations, self.services,
                     self.employment, self.social_page, self.follow_ups, self.case_plan,
                     self.history):
            page.set_file(file)  # type: ignore[attr-defined]
        self.case_actions.set_case(file.case)
        self.duplicate_actions.set_file(file)
        self.personal_data_actions.set_file(file)
        self._retitle()
        self.loaded.emit()

    def _not_loaded(self, failure: Failure) -> None:
        if isinstance(failure.error, AccessDenied | NoSuchClient):
            self._unavailable(failure.message)
        else:
            self.statusBar().showMessage(failure.message)
        self.loaded.emit()

    def _load_choices(self) -> None:
        database = self.database
        Operation(self, lambda: profile_choices(database), name="profile lists") \
            .superseding((id(self), "choices")).done(self._choices).run()

    def _choices(self, choices: ProfileChoices) -> None:
        self.profile.set_choices(choices)
        self.employment.set_choices(choices)
        if self.file is not None:
            self.profile.set_profile(self.file.profile, keep_edits=True)

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
        self.case_actions.set_case(None)
        self.household_actions.set_file(None)
        self.course_actions.set_file(None)
        self.employment_actions.set_file(None)
        self.duplicate_actions.set_file(None)
        self.personal_data_actions.set_file(None)
        self.setWindowTitle(_("Client file"))

    def _new_consultation(self) -> None:
        if self.file is not None:
            self.new_consultation_requested.emit(self.person_id)

    # ---- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.file is not None and self.profile.is_dirty():
            answer = self.ask_unsaved()
            if answer != "discard":
                event.ignore()  # closed again once saved, with nothing left unsaved
                if answer == "save":
                    self.show_tab("profile")
                    self.profile.save(then=self.close)
                return
            self.profile.revert()
        event.accept()
        self.closed.emit(self.person_id)

    def ask_unsaved(self) -> str:
        """"save", "discard" or "cancel" (tests replace this rather than answer a box)."""
        buttons = QMessageBox.StandardButton
        answer = ask(
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
                  "services": len(file.courses),
                  "employment": len(file.jobs) + len(file.placements),
                  "social": len(file.social),
                  "follow_ups": sum(not f.done for f in file.follow_ups),
                  "case_plan": len(file.goals)}
        for index, key in enumerate(TABS):
            title = _(TAB_TITLES[key])
            if counts.get(key):
                title = _("{title} ({count})").format(title=title, count=counts[key])
            self.tabs.setTabText(index, title)

    def retranslate(self) -> None:
        """Every text in the current language; labels that come from the data are reloaded."""
        self._retranslate_texts()
        self._load_choices()
        if self.file is not None:
            self.refresh()

    def _retranslate_texts(self) -> None:
        self.tabs.setAccessibleName(_("Client file"))
        for index in range(min(len(TABS), 10)):
            self.tabs.setTabToolTip(index, tab_shortcut(index))
        self.save_action.setText(_("Save"))
        self.new_consultation_action.setText(_("New consultation"))
        self.refresh_action.setText(_("Reload"))
        self.close_action.setText(_("Close"))
        self.case_actions.retranslate()
        self.household_actions.retranslate()
        self.course_actions.retranslate()
        self.employment_actions.retranslate()
        self.duplicate_actions.retranslate()
        self.personal_data_actions.retranslate()
        for page in self.pages.values():
            page.retranslate()  # type: ignore[attr-defined]
        self.header.retranslate()
        if self.file is None:
            self.setWindowTitle(_("Client file"))
        else:
            self._retitle()
