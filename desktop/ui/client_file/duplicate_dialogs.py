"""The client file's duplicates: who may be the same person, "not the same person", merging.

- *Possible duplicates…* (``DuplicateActions``, beside the file's name) lists the clients
  intake's check finds for this one, without those confirmed to be someone else. Each can
  be marked *Not the same person* (remembered for the pair) or, by a manager, merged.
- *Merge…* opens ``MergeDialog``: both files side by side, a choice per field that differs
  (a field only the other file has filled is chosen from it), how many records will move,
  and the warnings (different IINs, which must be confirmed; a "not the same person" mark;
  an open case that will be closed). *Keep the other file* swaps the sides.

Every call goes through ``operations.Operation``; the merge's broadcast names both people,
so the kept file reloads and the merged one's window closes itself (``window.py``).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import N_, NC_, _, format_date, format_number, ngettext
from desktop.services import duplicates
from desktop.services.access import Actor, Permission
from desktop.services.client_file.items import ClientFile, Urgency
from desktop.services.duplicates import KEPT, MERGED, MergePreview, MergeResult
from desktop.services.intake import Duplicate
from desktop.ui.admin.common import message_label, show_message
from desktop.ui.client_file.actions import FileActions
from desktop.ui.client_file.lists import RecordTable
from desktop.ui.operations import Failure, Operation

COLUMNS = (NC_("person", "Name"), N_("Latin name"), N_("Birth date"), N_("IIN"), N_("Office"),
           N_("Match, %"))
WARNING_STYLE = "color: palette(text); background: #fff4d6; padding: 6px;"


class PossibleDuplicatesDialog(QDialog):
    """The likely duplicates of one client, with what may be done about each."""

    merged = Signal(object)  # MergeResult

    def __init__(self, database: Database, actor: Actor, file: ClientFile,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.database, self.actor = database, actor
        self.person_id, self.client_name = file.person_id, file.header.name
        self.found: list[Duplicate] = []
        self.loaded = False
        self.merge_dialog: MergeDialog | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = RecordTable(COLUMNS, self)
        self.table.setMinimumHeight(200)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.message = message_label(self)
        self.distinct_button = QPushButton(self)
        self.merge_button = QPushButton(self)
        self.merge_button.setVisible(actor.can(Permission.SEE_ALL_QUEUES))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.distinct_button)
        row.addWidget(self.merge_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.distinct_button.clicked.connect(self.mark_distinct)
        self.merge_button.clicked.connect(self.open_merge)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.resize(760, 420)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        database, actor, person_id = self.database, self.actor, self.person_id
        Operation(self, lambda: duplicates.candidates(database, actor, person_id),
                  name="duplicates: candidates").superseding((id(self), "candidates")) \
            .done(self._show).failed(self._refused).run()

    def _show(self, found: list[Duplicate]) -> None:
        self.found, self.loaded = found, True
        self.table.set_rows([
            (c.id, [c.name, c.name_latin, format_date(c.birth_date) if c.birth_date else "",
                    c.iin_masked, c.office_code, format_number(c.score)], Urgency.NONE)
            for c in found])
        if found:
            self.table.selectRow(0)
        self._retell()
        self._selection_changed()

    def selected(self) -> Duplicate | None:
        key = self.table.current_key()
        return next((c for c in self.found if c.id == key), None)

    def choose(self, person_id: uuid.UUID) -> None:
        for row, candidate in enumerate(self.found):
            if candidate.id == person_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        usable = chosen is not None and chosen.accessible
        self.distinct_button.setEnabled(usable)
        self.merge_button.setEnabled(usable)
        self.note.setText("" if chosen is None or chosen.accessible else _(
            "This client is registered at the {office} office: ask a manager to compare the "
            "two files.").format(office=chosen.office_code))

    def mark_distinct(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        database, actor, person_id = self.database, self.actor, self.person_id
        show_message(self.message, "")
        self.distinct_button.setEnabled(False)
        Operation(self, lambda: duplicates.mark_distinct(database, actor, person_id, chosen.id),
                  writes=True, name="duplicates: not the same person") \
            .done(lambda _pair: self.reload()).failed(self._refused).run()

    def open_merge(self) -> MergeDialog | None:
        chosen = self.selected()
        if chosen is None or not self.merge_button.isEnabled():
            return None
        dialog = MergeDialog(self.database, self.actor, self.person_id, chosen.id, self)
        dialog.merged.connect(self._merged)
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def _merged(self, result: MergeResult) -> None:
        self.merged.emit(result)
        self.accept()

    def _refused(self, failure: Failure) -> None:
        show_message(self.message, failure.message)
        self._selection_changed()

    def _retell(self) -> None:
        if not self.loaded:
            text = _("Looking for clients who may be {name}…").format(name=self.client_name)
        elif not self.found:
            text = _("No other client looks like {name}.").format(name=self.client_name)
        else:
            text = ngettext(
                "This client has a similar name and birth date to {name}. If they are one "
                "person, a manager can merge the two files; if not, say so and they are not "
                "raised again.",
                "These {count} clients have a similar name and birth date to {name}. If one "
                "is the same person, a manager can merge the two files; if not, say so and "
                "they are not raised again.", len(self.found)).format(
                count=len(self.found), name=self.client_name)
        self.summary.setText(text)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Possible duplicates of {name}").format(name=self.client_name))
        self.table.retranslate()
        self.table.setAccessibleName(_("Possible duplicates"))
        self.distinct_button.setText(_("&Not the same person"))
        self.merge_button.setText(_("&Merge…"))
        self._retell()


class MergeDialog(QDialog):
    """Two files side by side: a choice per differing field, then the merge (a manager's)."""

    merged = Signal(object)  # MergeResult

    def __init__(self, database: Database, actor: Actor, kept_id: uuid.UUID,
                 merged_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.database, self.actor = database, actor
        self.kept_id, self.merged_id = kept_id, merged_id
        self.preview: MergePreview | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.writing = False
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.fields = QWidget(self)
        self.grid = QGridLayout(self.fields)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        self.moving = QLabel(self)
        self.moving.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.hide()
        self.confirm_iin = QCheckBox(self)
        self.confirm_iin.hide()
        self.confirm_iin.toggled.connect(self._update_merge)
        self.message = message_label(self)
        self.swap_button = QPushButton(self)
        self.swap_button.clicked.connect(self.swap)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setAutoDefault(False)
        ok.setDefault(False)  # Enter never merges: it takes a deliberate click
        row = QHBoxLayout()
        row.addWidget(self.swap_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.moving)
        layout.addWidget(self.warnings)
        layout.addWidget(self.confirm_iin)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.resize(860, 640)
        self.retranslate()
        self.reload()

    # ---- the preview ---------------------------------------------------------------------------

    def reload(self) -> None:
        database, actor, kept, merged = self.database, self.actor, self.kept_id, self.merged_id
        self._update_merge()
        Operation(self, lambda: duplicates.merge_preview(database, actor, kept, merged),
                  name="duplicates: merge preview").superseding((id(self), "preview")) \
            .done(self._show).failed(self._refused).run()

    def swap(self) -> None:
        """Keep the other file instead: the same two files, the other way round."""
        if self.writing:
            return
        self.kept_id, self.merged_id = self.merged_id, self.kept_id
        self.preview = None
        self.reload()

    def _show(self, preview: MergePreview) -> None:
        self.preview = preview
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.groups.clear()
        for column, title in enumerate((_("Field"), _("Kept: {name}").format(
                name=preview.kept.name), _("Merged: {name}").format(name=preview.merged.name))):
            label = QLabel(title, self.fields)
            label.setStyleSheet("font-weight: bold;")
            label.setWordWrap(True)
            self.grid.addWidget(label, 0, column)
        for row, field in enumerate(preview.fields, start=1):
            self.grid.addWidget(QLabel(field.label, self.fields), row, 0)
            if not field.differs:
                same = QLabel(field.kept, self.fields)
                same.setEnabled(False)  # nothing to choose: greyed, still readable
                self.grid.addWidget(same, row, 1, 1, 2)
                continue
            group = QButtonGroup(self)
            for column, (side, text) in enumerate(((KEPT, field.kept), (MERGED, field.merged)),
                                                  start=1):
                button = QRadioButton(text, self.fields)
                button.setProperty("side", side)
                button.setAccessibleName(f"{field.label}: {text}")
                button.setChecked(side == field.suggested)
                group.addButton(button)
                self.grid.addWidget(button, row, column)
            self.groups[field.field] = group
        self.grid.setRowStretch(len(preview.fields) + 1, 1)
        self._retell()
        self.confirm_iin.setChecked(False)
        self.confirm_iin.setVisible(preview.different_iins)
        self._update_merge()

    def choose(self, field: str, side: str) -> None:
        """Take ``field`` from the kept (KEPT) or the merged (MERGED) file (tests, a click)."""
        for button in self.groups[field].buttons():
            if button.property("side") == side:
                button.setChecked(True)

    def choices(self) -> dict[str, str]:
        return {field: group.checkedButton().property("side")
                for field, group in self.groups.items() if group.checkedButton() is not None}

    def _update_merge(self) -> None:
        preview = self.preview
        ready = (preview is not None and not self.writing
                 and (not preview.different_iins or self.confirm_iin.isChecked()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
        self.swap_button.setEnabled(preview is not None and not self.writing)

    # ---- the merge -----------------------------------------------------------------------------

    def merge(self) -> None:
        preview = self.preview
        if preview is None or self.writing:
            return
        if preview.different_iins and not self.confirm_iin.isChecked():
            return
        database, actor = self.database, self.actor
        kept, merged = preview.kept, preview.merged
        choices, confirmed = self.choices(), self.confirm_iin.isChecked()
        self.writing = True
        self._update_merge()
        show_message(self.message, "")
        Operation(self, lambda _progress: duplicates.merge_people(
            database, actor, kept.id, merged.id, choices, kept.version, merged.version,
            confirm_different_iin=confirmed), writes=True, name="duplicates: merge") \
            .with_progress(_("Merging the two files…")) \
            .done(self._merged).failed(self._merge_refused).run()

    def _merged(self, result: MergeResult) -> None:
        self.writing = False
        self.merged.emit(result)
        self.accept()

    def _merge_refused(self, failure: Failure) -> None:
        self.writing = False
        self._refused(failure)
        self.reload()  # a file changed meanwhile: show both as they are now

    def _refused(self, failure: Failure) -> None:
        show_message(self.message, failure.message)
        self._update_merge()

    def reject(self) -> None:
        if not self.writing:  # its answer, a refusal above all, must have someone to tell
            super().reject()

    # ---- texts ---------------------------------------------------------------------------------

    def _retell(self) -> None:
        preview = self.preview
        if preview is None:
            self.summary.setText(_("Reading both files…"))
            self.moving.setText("")
            return
        self.summary.setText(_(
            "Merge the file of {merged} ({merged_office}) into the file of {kept} "
            "({kept_office}). Choose, for each field that differs, the value to keep. The "
            "merged file is then closed for good: its old links open the kept file.").format(
            merged=preview.merged.name, merged_office=preview.merged.office,
            kept=preview.kept.name, kept_office=preview.kept.office))
        moving = ", ".join(f"{what}: {format_number(count)}" for what, count in preview.moving)
        self.moving.setText(_("Moving to the kept file: {records}.").format(records=moving)
                            if moving else _("The merged file has no records to move."))
        warnings = []
        if preview.different_iins:
            warnings.append(_("The two files hold different valid IINs: they are most likely "
                              "two people."))
        if preview.marked_distinct:
            warnings.append(_("Someone marked these two as not the same person."))
        for office in preview.closing_cases:
            warnings.append(_("Both have an open case at {office}: the merged file's case "
                              "will be closed, its open follow-ups and goals go to the kept "
                              "case.").format(office=office))
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Merge two client files"))
        self.confirm_iin.setText(_("I have checked: these two files are one person despite "
                                   "the different IINs"))
        self.swap_button.setText(_("&Keep the other file"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Merge"))
        if self.preview is not None:
            self._show(self.preview)
        else:
            self._retell()


class DuplicateActions(FileActions):
    """The file's "Possible duplicates…" action and its dialog (the services check again)."""

    merged = Signal(object)  # MergeResult

    def __init__(self, window: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(window, database, actor)
        self.file: ClientFile | None = None
        self.candidates_dialog: PossibleDuplicatesDialog | None = None
        self.duplicates_action = self._action(self.possible_duplicates)
        self.set_file(None)

    def actions(self) -> list[QAction]:
        return [self.duplicates_action]

    def set_file(self, file: ClientFile | None) -> None:
        self.file = file
        self.duplicates_action.setEnabled(
            file is not None and self.actor.can(Permission.WORK_WITH_CLIENTS))

    def possible_duplicates(self) -> PossibleDuplicatesDialog | None:
        if self.file is None or not self.duplicates_action.isEnabled():
            return None
        dialog = PossibleDuplicatesDialog(self.database, self.actor, self.file, self.window)
        dialog.merged.connect(self.merged)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.candidates_dialog = dialog
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.duplicates_action.setText(_("Possible &duplicates…"))
        self.duplicates_action.setToolTip(_("Clients who may be the same person as this one"))
