"""Linking and unlinking household members from the client file: the Household tab's
three actions (``HouseholdActions``) and a dialog each.

- *Link a member…* asks the relationship and searches, as the user types, among the
  clients they may see (any part of a name, in any script, or of the IIN); the
  client themself and those in the household already are listed but cannot be chosen.
- *Register a new member…* asks the relationship, then opens the new-client form
  (``IntakeDialog``); the person it saves (or the existing file it chose instead) is
  linked as soon as it has.
- *Unlink…* says who would leave the household and asks to confirm.

Each dialog writes through ``operations.Operation`` and stays open until the write
succeeds, showing a refusal beside its field (the relationship, the person) or under
the form. The write's broadcast names both people, so both their files reload;
nothing here refreshes anything by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QWidget

from db.session import Database
from desktop.i18n import N_, NC_, _, format_date, ngettext
from desktop.services import household
from desktop.services.access import Actor, Permission
from desktop.services.client_file.items import ClientFile, HouseholdItem, Urgency
from desktop.services.follow_ups import NoSuchClient
from desktop.services.household import Candidacy, Candidate
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, show_message
from desktop.ui.client_file.actions import FileActions
from desktop.ui.client_file.lists import RecordTable
from desktop.ui.clients.list_view import SEARCH_DELAY_MS, SearchField
from desktop.ui.operations import Failure, Operation

RELATIONSHIP = "relationship"  # the form's fields, by the name problems are placed under
MEMBER = "member"
SEARCH_LIMIT = 30  # enough to find one person by part of a name; typing more narrows it

CANDIDACY_NOTES = {Candidacy.THIS_CLIENT: N_("This client"),
                   Candidacy.LINKED: N_("In the household already")}


class _MemberDialog(FormDialog):
    """What linking and registering share: the client it is about, the summary above the
    form, and the relationship, from the reference list read as the dialog opens."""

    def __init__(self, database: Database, actor: Actor, file: ClientFile,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.person_id, self.client_name = file.person_id, file.header.name
        self.summary = self.add_summary()
        self.relationship = QComboBox(self)
        self.relationship.setEnabled(False)  # until the list has come in
        self.form.add(RELATIONSHIP, self.relationship, self)
        self.was_refused = False  # the service said no at least once
        Operation(self, lambda: reference_choices(database, household.RELATIONSHIPS),
                  name="household: relationships").done(self._relationships) \
            .failed(self._unread).run()

    def _relationships(self, choices: list[tuple[str, str]]) -> None:
        for code, label in choices:
            self.relationship.addItem(label, code)
        self.relationship.setCurrentIndex(-1)  # a conscious choice, not the first of the list
        self.relationship.setEnabled(True)

    def choose_relationship(self, code: str) -> None:
        self.relationship.setCurrentIndex(self.relationship.findData(code))

    def relationship_problems(self) -> dict[str, str]:
        if self.relationship.currentData() is None:
            return {RELATIONSHIP: _("Choose who they are to {name}.").format(
                name=self.client_name)}
        return {}

    def link(self, member_id: uuid.UUID) -> Callable[[], uuid.UUID]:
        database, actor, person_id = self.database, self.actor, self.person_id
        code = self.relationship.currentData()
        return lambda: household.link_members(database, actor, person_id, member_id, code)

    def placed(self, failure: Failure) -> dict[str, str]:
        self.was_refused = True
        error = failure.error
        if isinstance(error, household.UnknownRelationship):
            return {RELATIONSHIP: failure.message}
        return {}

    def _unread(self, failure: Failure) -> None:
        show_message(self.message, failure.message)

    def retranslate(self) -> None:
        self.relationship.setPlaceholderText(_("Choose a relationship"))
        self.form.set_label(RELATIONSHIP, _("&Relationship to {name}").format(
            name=self.client_name))


class LinkMemberDialog(_MemberDialog):
    """Find a client already registered and link them with the relationship chosen."""

    def __init__(self, database: Database, actor: Actor, file: ClientFile,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, actor, file, parent)
        self.found: list[Candidate] = []
        self.searched = ""  # the text the results answer
        self.search = SearchField(self)
        self.search.setClearButtonEnabled(True)
        self.form.add(MEMBER, self.search, self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.results = RecordTable((NC_("person", "Name"), N_("Name (Latin)"), N_("Birth date"),
                                    N_("IIN"), N_("Category"), N_("Note")), self)
        self.results.setMinimumHeight(220)
        layout = self.layout()
        layout.insertWidget(2, self.status)  # type: ignore[union-attr]
        layout.insertWidget(3, self.results, 1)  # type: ignore[attr-defined]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._enter_in_search)
        self.search.into_results.connect(self.focus_results)
        self.results.activated_key.connect(lambda _key: self.save())  # double-click, Enter
        self.chain_focus([self.relationship, self.search, self.results])
        self.resize(760, 520)
        self.relationship.setFocus()
        self.retranslate()

    # ---- the search ------------------------------------------------------------------------

    def search_now(self) -> None:
        """Ask for the clients matching what is typed; a newer question drops this one."""
        self._timer.stop()
        text = self.search.text().strip()
        if text == self.searched:
            return
        self.searched = text
        if not text:
            self._show_found([])
            return
        database, actor, person_id = self.database, self.actor, self.person_id
        self.status.setText(_("Searching…"))
        Operation(self, lambda: household.candidates(database, actor, person_id, text,
                                                     SEARCH_LIMIT),
                  name="household: candidates").superseding((id(self), "candidates")) \
            .done(self._show_found).failed(self._unread).run()

    def _enter_in_search(self) -> None:
        if self.search.text().strip() == self.searched:
            self.focus_results()
        else:
            self.search_now()

    def _show_found(self, found: list[Candidate]) -> None:
        self.found = found
        self.results.set_rows([
            (c.id, [c.name, c.name_latin, format_date(c.birth_date) if c.birth_date else "",
                    c.iin_masked, c.category,
                    _(CANDIDACY_NOTES[c.candidacy]) if c.candidacy in CANDIDACY_NOTES else ""],
             Urgency.NONE) for c in found])
        for row, candidate in enumerate(found):
            if candidate.candidacy is not Candidacy.AVAILABLE:
                # Listed, so the user sees why the person they look for is not offered.
                for column in range(self.results.columnCount()):
                    item = self.results.item(row, column)
                    item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsSelectable
                                                   | Qt.ItemFlag.ItemIsEnabled))
        self._retell_status()

    def _retell_status(self) -> None:
        if not self.searched:
            text = _("Type any part of a name or of the IIN.")
        elif not self.found:
            text = _("No client matches “{text}”.").format(text=self.searched)
        else:
            text = ngettext("{count} client found.", "{count} clients found.",
                            len(self.found)).format(count=len(self.found))
        self.status.setText(text)

    def focus_results(self) -> None:
        for row, candidate in enumerate(self.found):
            if candidate.candidacy is Candidacy.AVAILABLE:
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                self.results.selectRow(row)
                return

    def choose(self, person_id: uuid.UUID) -> None:
        """Select that person among the results (tests, and a user's click)."""
        for row, candidate in enumerate(self.found):
            if candidate.id == person_id:
                self.results.selectRow(row)

    def chosen(self) -> uuid.UUID | None:
        key = self.results.current_key()
        return key if isinstance(key, uuid.UUID) else None

    # ---- saving ----------------------------------------------------------------------------

    def problems(self) -> dict[str, str]:
        problems = self.relationship_problems()
        if self.chosen() is None:
            problems[MEMBER] = _("Find the person, then choose them in the list.")
        return problems

    def write(self) -> Callable[[], uuid.UUID]:
        member_id = self.chosen()
        assert member_id is not None  # problems() has checked
        return self.link(member_id)

    def placed(self, failure: Failure) -> dict[str, str]:
        placed = super().placed(failure)
        error = failure.error
        if isinstance(error, household.LinkToSelf | household.AlreadyLinked
                      | household.ForeignMember | NoSuchClient):
            self.searched = ""  # asked again: the list says now who may be chosen
            self.search_now()
            return {MEMBER: failure.message}
        return placed

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Link a household member"))
        self.summary.setText(_("Find a client who is already registered and link them to "
                               "{name}'s household.").format(name=self.client_name))
        self.form.set_label(MEMBER, _("&Find"))
        self.search.setPlaceholderText(_("Any part of a name, in any script, or of the IIN"))
        self.results.retranslate()
        self.results.setAccessibleName(_("Clients found"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Link"))
        if self.found:
            self._show_found(self.found)  # the notes in the new language
        else:
            self._retell_status()



class RegisterMemberDialog(_MemberDialog):
    """The relationship first; OK then opens the new-client form, and the person it saves
    is linked. Cancelling that form leaves the household as it was."""

    def __init__(self, database: Database, actor: Actor, file: ClientFile,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, file, parent)
        self.today = today
        self.intake: QWidget | None = None  # the new-client form, while it is open
        self.member_id: uuid.UUID | None = None  # the person registered, to link
        self.chain_focus([self.relationship])
        self.relationship.setFocus()
        self.setMinimumWidth(480)  # the explanation reads as a paragraph, not a column
        self.retranslate()

    def save(self) -> None:
        if self.writing or self.intake is not None:
            return
        if self.member_id is not None:  # registered: linking them (again, after a refusal)
            super().save()
            return
        show_message(self.message, "")
        if not self.form.show_problems(self.problems()):
            self._open_intake()

    def _open_intake(self) -> None:
        from desktop.ui.intake import IntakeDialog  # the form is big: built when first asked

        dialog = IntakeDialog(self.database, self.actor, self, today=self.today)
        # A file chosen instead of a new one is the person the user means: linked the same.
        dialog.client_created.connect(self._registered)
        dialog.open_existing.connect(self._registered)
        dialog.finished.connect(lambda _result: self._intake_closed(dialog))
        self.intake = dialog
        dialog.open()

    def _registered(self, person_id: uuid.UUID) -> None:
        self.member_id = person_id
        self.retranslate()
        # The form closes once it has told us; linking starts at once all the same.
        self.intake = None
        super().save()

    def _intake_closed(self, dialog: QWidget) -> None:
        if self.intake is dialog:
            self.intake = None
        dialog.deleteLater()

    def problems(self) -> dict[str, str]:
        return self.relationship_problems()

    def write(self) -> Callable[[], uuid.UUID]:
        assert self.member_id is not None  # save() opens the form until there is one
        return self.link(self.member_id)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Register a new household member"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.member_id is None:
            self.summary.setText(_("Say who the new person is to {name}; the new-client form "
                                   "opens next. Once the new client is saved, they are linked "
                                   "to this household.").format(name=self.client_name))
            ok.setText(_("&Register…"))
        else:
            self.summary.setText(_("The new client is registered; linking them to {name}'s "
                                   "household.").format(name=self.client_name))
            ok.setText(_("&Link"))


class UnlinkMemberDialog(FormDialog):
    """Says who leaves the household, and removes the link once confirmed."""

    def __init__(self, database: Database, actor: Actor, file: ClientFile,
                 member: HouseholdItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.member = database, actor, member
        self.person_id, self.client_name = file.person_id, file.header.name
        self.summary = self.add_summary()
        self.was_refused = False
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setAutoDefault(False)
        ok.setDefault(False)
        cancel.setDefault(True)  # Enter keeps the link: removing it takes a deliberate click
        cancel.setFocus()
        self.setMinimumWidth(480)
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id = self.database, self.actor, self.person_id
        link_id = self.member.link_id
        return lambda: household.unlink_members(database, actor, person_id, link_id)

    def placed(self, failure: Failure) -> dict[str, str]:
        self.was_refused = True
        return {}

    def retranslate(self) -> None:
        member = self.member
        self.setWindowTitle(_("Unlink a household member"))
        where = (_("The link was made on this file.") if member.recorded_here else
                 _("The link was made on {name}'s file.").format(name=member.name))
        self.summary.setText(" ".join((
            _("Remove {member} ({relationship}) from {name}'s household?").format(
                member=member.name, relationship=member.relationship, name=self.client_name),
            where,
            _("Both files stay as they are; only the link between them is removed."))))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Unlink"))


class HouseholdActions(FileActions):
    """The Household tab's "Link a member…", "Register a new member…" and "Unlink…",
    enabled as the file, the chosen member and the user's office allow (the service
    checks again), each opening its dialog."""

    linked = Signal(object)  # the new link's id, for the tab to select once it shows

    def __init__(self, window: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(window, database, actor)
        self.file: ClientFile | None = None
        self.member: HouseholdItem | None = None
        self.link_action = self._action(self.link)
        self.register_action = self._action(self.register)
        self.unlink_action = self._action(self.unlink)
        # Delete on the tab's table (the tab adds the action to itself), not anywhere.
        self.unlink_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.unlink_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.set_file(None)

    def actions(self) -> list[QAction]:
        return [self.link_action, self.register_action, self.unlink_action]

    def set_file(self, file: ClientFile | None) -> None:
        self.file = file
        may = file is not None and self.actor.can(Permission.WORK_WITH_CLIENTS)
        self.link_action.setEnabled(may)
        self.register_action.setEnabled(may)
        self.select(None)

    def select(self, member: HouseholdItem | None) -> None:
        """The member chosen on the tab (None: none)."""
        self.member = member if self.file is not None else None
        self.unlink_action.setEnabled(self.member is not None and self.member.accessible)
        self._explain()

    def link(self) -> LinkMemberDialog | None:
        if self.file is None or not self.link_action.isEnabled():
            return None
        return self._open(LinkMemberDialog(self.database, self.actor, self.file, self.window))

    def register(self) -> RegisterMemberDialog | None:
        if self.file is None or not self.register_action.isEnabled():
            return None
        return self._open(RegisterMemberDialog(self.database, self.actor, self.file,
                                               self.window, today=self.today))

    def unlink(self) -> UnlinkMemberDialog | None:
        if self.file is None or self.member is None or not self.unlink_action.isEnabled():
            return None
        return self._open(UnlinkMemberDialog(self.database, self.actor, self.file,
                                             self.member, self.window))

    def _closed(self, dialog: FormDialog) -> None:
        if dialog.saved_id is not None and not isinstance(dialog, UnlinkMemberDialog):
            self.linked.emit(dialog.saved_id)
        super()._closed(dialog)

    def retranslate(self) -> None:
        self.link_action.setText(_("Link a member…"))
        self.register_action.setText(_("Register a new member…"))
        self.unlink_action.setText(_("Unlink…"))
        for action in self.actions():
            action.setIconText(action.text())  # buttons show the icon text: keep the "…"
        self._explain()
        if self.dialog is not None:
            self.dialog.retranslate()

    def _explain(self) -> None:
        """Each action's tooltip says what it does, or why it cannot be used now."""
        self.link_action.setToolTip(_("Link a client who is already registered to this "
                                      "household"))
        self.register_action.setToolTip(_("Register a new client and link them to this "
                                          "household"))
        member = self.member
        if member is None:
            why = _("Choose a member in the list first.")
        elif not member.accessible:
            why = _("{name} is a client of another office: only a manager may unlink "
                    "them.").format(name=member.name)
        else:
            why = _("Remove {name} from this household; both files stay").format(
                name=member.name)
        self.unlink_action.setToolTip(why)
