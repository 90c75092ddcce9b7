"""The Courses screen: the course groups, filtered, with their fill and attendance.

A manager plans groups here (New group…, Edit…); everyone who works with clients
opens a group's window (Enter or a double click) to run it: its participants and
waiting list, its sessions and the attendance register.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from db.models import GroupStatus
from db.session import Database
from desktop.i18n import N_, _, format_date_range
from desktop.services.access import Actor, Permission
from desktop.services.courses import groups
from desktop.services.courses.groups import GroupChoices, GroupLine
from desktop.services.courses.labels import rate_text, schedule_text
from desktop.services.courses.messages import group_status_text
from desktop.ui.admin.common import ListTab
from desktop.ui.operations import Operation

COURSE_TABLES = ("course_group", "course_enrolment", "course_session", "attendance")
OPEN = (GroupStatus.PLANNED, GroupStatus.RUNNING)


def fill_text(line: GroupLine) -> str:
    text = f"{line.fill.holding}/{line.group.capacity}"
    if line.fill.waiting:
        text += " · " + _("{count} waiting").format(count=line.fill.waiting)
    return text


COLUMNS = (
    (N_("Group"), lambda line: line.group.name),
    (N_("Office"), lambda line: line.group.office),
    (N_("Course"), lambda line: line.group.course),
    (N_("Level"), lambda line: line.group.level),
    (N_("Teacher"), lambda line: line.group.teacher),
    (N_("Days and time"), lambda line: schedule_text(line.group.weekdays, line.group.starts_at,
                                                      line.group.ends_at)),
    (N_("Dates"), lambda line: format_date_range(line.group.starts_on, line.group.ends_on)),
    (N_("Places"), fill_text),
    (N_("Attendance"), lambda line: rate_text(line.rate)),
    (N_("Status"), lambda line: group_status_text(line.group.status)),
)

# (statuses shown, label): the first is what a screen opens with
STATUS_FILTERS: tuple[tuple[tuple[GroupStatus, ...], Callable[[], str]], ...] = (
    (OPEN, lambda: _("Planned and running")),
    *(((status,), lambda s=status: group_status_text(s)) for status in GroupStatus),
    ((), lambda: _("All groups")),
)


class CoursesScreen(ListTab[GroupLine]):
    tables = COURSE_TABLES
    open_client = Signal(object, str)  # person id, tab: a participant's file

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.setObjectName("CoursesScreen")
        self.database, self.actor = database, actor
        self.choices: GroupChoices | None = None
        self.windows: dict[uuid.UUID, QWidget] = {}
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.status_filter = QComboBox(self)
        self.language_filter = QComboBox(self)
        self.language_filter.addItem("", None)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(self.heading, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.language_filter)
        filters.addWidget(self.search, 1)
        self.layout().insertLayout(0, filters)  # type: ignore[union-attr]
        self.new_button = self.button(self.new_group)
        self.edit_button = self.button(self.edit_group)
        self.open_button = self.button(self.open_group)
        self.buttons.addStretch(1)
        self.new_button.setVisible(actor.can(Permission.PLAN_SERVICES))
        self.edit_button.setVisible(actor.can(Permission.PLAN_SERVICES))
        if actor.office_scope is not None:
            self.table.hideColumn(1)  # one office: its name on every row says nothing
        self.table.activated.connect(lambda _index: self.open_group())
        if actor.can(Permission.PLAN_SERVICES):
            self.shortcut(QKeySequence(QKeySequence.StandardKey.New), self.new_group)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.language_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.retranslate()  # reads the list and the choices too

    # ---- the list ---------------------------------------------------------------------------

    def reader(self) -> Callable[[], list[GroupLine]]:
        database, actor = self.database, self.actor
        statuses = STATUS_FILTERS[max(self.status_filter.currentIndex(), 0)][0]
        language, text = self.language_filter.currentData(), self.search.text()
        return lambda: groups.list_groups(database, actor, statuses=statuses,
                                          language_code=language, text=text)

    def _choices(self, choices: GroupChoices) -> None:
        self.choices = choices
        chosen = self.language_filter.currentData()
        self.language_filter.blockSignals(True)
        while self.language_filter.count() > 1:
            self.language_filter.removeItem(1)
        for code, label in choices.languages:
            self.language_filter.addItem(label, code)
        self.language_filter.setCurrentIndex(max(self.language_filter.findData(chosen), 0))
        self.language_filter.blockSignals(False)

    def update_buttons(self) -> None:
        line = self.selected()
        self.open_button.setEnabled(line is not None)
        self.edit_button.setEnabled(line is not None and line.group.status in OPEN)

    def retranslate(self) -> None:
        self.heading.setText(_("Language courses"))
        self.new_button.setText(_("&New group…"))
        self.edit_button.setText(_("&Edit…"))
        self.open_button.setText(_("&Open"))
        self.search.setPlaceholderText(_("Find a group or a teacher"))
        self.search.setAccessibleName(_("Find a group or a teacher"))
        self.status_filter.setAccessibleName(_("Show groups"))
        self.language_filter.setAccessibleName(_("Language"))
        self.language_filter.setItemText(0, _("All languages"))
        index = self.status_filter.currentIndex()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        for _statuses, label in STATUS_FILTERS:
            self.status_filter.addItem(label())
        self.status_filter.setCurrentIndex(max(index, 0))
        self.status_filter.blockSignals(False)
        self.table.setAccessibleName(_("Course groups"))
        self.model.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()
        for window in self.windows.values():
            window.retranslate()  # type: ignore[attr-defined]
        # Course and level names come from the service in the UI language.
        self.reload()
        database, actor = self.database, self.actor
        Operation(self, lambda: groups.group_choices(database, actor), name="course choices") \
            .superseding((CoursesScreen, id(self), "choices")).done(self._choices).run()

    # ---- actions ----------------------------------------------------------------------------

    def new_group(self) -> None:
        from desktop.ui.courses.group_dialog import GroupDialog

        if self.actor.can(Permission.PLAN_SERVICES):
            self.open_dialog(GroupDialog(self.database, self.actor, None, self))

    def edit_group(self) -> None:
        from desktop.ui.courses.group_dialog import GroupDialog

        line = self.selected()
        if line is not None and self.actor.can(Permission.PLAN_SERVICES):
            self.open_dialog(GroupDialog(self.database, self.actor, line.group.id, self))

    def open_group(self, group_id: uuid.UUID | None = None) -> QWidget | None:
        """One window per group; a second request brings the open one forward."""
        from desktop.ui.courses.group_window import GroupWindow

        if group_id is None:
            line = self.selected()
            if line is None:
                return None
            group_id = line.group.id
        window = self.windows.get(group_id)
        if window is None:
            window = GroupWindow(self.database, self.actor, group_id, self)
            window.open_client.connect(self.open_client)
            window.closed.connect(lambda gid=group_id: self.windows.pop(gid, None))
            self.windows[group_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
