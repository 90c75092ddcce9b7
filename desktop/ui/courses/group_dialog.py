"""The form a manager plans a course group with: what is taught, by whom, where and when."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from db.models import GroupStatus
from db.session import Database
from desktop.domain.course_schedule import parse_weekdays, weekdays_text
from desktop.i18n import _, weekday_names
from desktop.services.access import Actor
from desktop.services.courses import groups
from desktop.services.courses.errors import InvalidGroupEntry
from desktop.services.courses.groups import GroupChoices, GroupEntry
from desktop.services.courses.messages import group_problem_text
from desktop.ui.admin.common import FormDialog
from desktop.ui.operations import Failure, Operation

OTHER_TEACHER = "other"  # the teacher combo's last item: a name typed, not a user


class GroupDialog(FormDialog):
    """A new group (``group_id`` None) or an open one's details."""

    def __init__(self, database: Database, actor: Actor, group_id: uuid.UUID | None,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.group_id = database, actor, group_id
        self.today = today or date.today()
        self.version: int | None = None
        self.entry: GroupEntry | None = None  # as read, until the choices arrive
        self.choices: GroupChoices | None = None
        self.name = QLineEdit(self)
        self.name.setMaxLength(groups.MAX_NAME)
        self.office, self.service = QComboBox(self), QComboBox(self)
        self.language, self.level = QComboBox(self), QComboBox(self)
        self.provider, self.teacher = QComboBox(self), QComboBox(self)
        self.teacher_name = QLineEdit(self)
        self.place = QLineEdit(self)
        self.days = QWidget(self)
        days_row = QHBoxLayout(self.days)
        days_row.setContentsMargins(0, 0, 0, 0)
        self.day_boxes = [QCheckBox(self.days) for _day in range(7)]
        for box in self.day_boxes:
            days_row.addWidget(box)
        self.times = QWidget(self)
        times_row = QHBoxLayout(self.times)
        times_row.setContentsMargins(0, 0, 0, 0)
        self.starts_at, self.ends_at = QTimeEdit(QTime(18, 0), self), QTimeEdit(QTime(19, 30), self)
        times_row.addWidget(self.starts_at)
        times_row.addWidget(self.ends_at)
        times_row.addStretch(1)
        self.dates = QWidget(self)
        dates_row = QHBoxLayout(self.dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        self.starts_on, self.ends_on = QDateEdit(self), QDateEdit(self)
        for edit, day in ((self.starts_on, self.today),
                          (self.ends_on, self.today + timedelta(weeks=12))):
            edit.setCalendarPopup(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            dates_row.addWidget(edit)
        dates_row.addStretch(1)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(1, groups.MAX_CAPACITY)
        self.capacity.setValue(15)
        fields = (("name", self.name), ("office", self.office), ("service", self.service),
                  ("language", self.language), ("level", self.level),
                  ("provider", self.provider), ("teacher", self.teacher),
                  ("teacher_name", self.teacher_name), ("place", self.place),
                  ("weekdays", self.days), ("times", self.times), ("dates", self.dates),
                  ("capacity", self.capacity))
        for key, field in fields:
            self.form.add(key, field, self)
        self.chain_focus([self.name, self.office, self.service, self.language, self.level,
                          self.provider, self.teacher, self.teacher_name, self.place,
                          *self.day_boxes, self.starts_at, self.ends_at, self.starts_on,
                          self.ends_on, self.capacity])
        self.teacher.currentIndexChanged.connect(lambda _i: self._teacher_changed())
        self.office.currentIndexChanged.connect(lambda _i: self._fill_teachers())
        self.service.currentIndexChanged.connect(lambda _i: self._language_of_course())
        self.buttons.setEnabled(False)  # until the choices (and the group) are read
        self.name.setFocus()
        self.retranslate()
        Operation(self, lambda: groups.group_choices(database, actor), name="group choices") \
            .done(self._choices).failed(self._unread).run()

    # ---- reading ----------------------------------------------------------------------------

    def _choices(self, choices: GroupChoices) -> None:
        self.choices = choices
        self._fill(self.office, list(choices.offices))
        self._fill(self.service, list(choices.services))
        self._fill(self.language, list(choices.languages))
        self._fill(self.level, [(None, "—"), *choices.levels])
        self._fill(self.provider, [(None, _("The center itself")), *choices.providers])
        if self.actor.office_id is not None:
            self.office.setCurrentIndex(max(self.office.findData(self.actor.office_id), 0))
        self._fill_teachers()
        if self.group_id is None:
            self._language_of_course()
            self.buttons.setEnabled(True)
            return
        database, actor, group_id = self.database, self.actor, self.group_id
        Operation(self, lambda: groups.group_entry(database, actor, group_id),
                  name="group entry").done(self._entry).failed(self._unread).run()

    def _entry(self, read: tuple[GroupEntry, int, GroupStatus]) -> None:
        entry, self.version, _status = read
        self.entry = entry
        self.name.setText(entry.name)
        for combo, value in ((self.office, entry.office_id),
                             (self.service, entry.service_type_code),
                             (self.language, entry.language_code),
                             (self.level, entry.level_code), (self.provider, entry.provider_id)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self._fill_teachers()
        if entry.teacher_id is not None:
            self.teacher.setCurrentIndex(max(self.teacher.findData(entry.teacher_id), 0))
        elif entry.teacher:
            self.teacher.setCurrentIndex(self.teacher.findData(OTHER_TEACHER))
            self.teacher_name.setText(entry.teacher)
        self.place.setText(entry.place)
        days = parse_weekdays(entry.weekdays)
        for number, box in enumerate(self.day_boxes, 1):
            box.setChecked(number in days)
        for edit, value in ((self.starts_at, entry.starts_at), (self.ends_at, entry.ends_at)):
            if value is not None:
                edit.setTime(QTime(value.hour, value.minute))
        for edit, day in ((self.starts_on, entry.starts_on), (self.ends_on, entry.ends_on)):
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
        self.capacity.setValue(entry.capacity)
        self.buttons.setEnabled(True)

    def _unread(self, failure: Failure) -> None:
        self.message.setText(failure.message)
        self.message.setVisible(True)

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[object, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for value, label in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _fill_teachers(self) -> None:
        if self.choices is None:
            return
        office = self.office.currentData()
        people = [(user_id, name) for user_id, name, office_id in self.choices.teachers
                  if office_id == office]
        self._fill(self.teacher, [(None, "—"), *people, (OTHER_TEACHER, _("Someone else…"))])
        self._teacher_changed()

    def _teacher_changed(self) -> None:
        other = self.teacher.currentData() == OTHER_TEACHER
        self.teacher_name.setEnabled(other)
        if not other:
            self.teacher_name.clear()

    def _language_of_course(self) -> None:
        """The Kazakh course teaches Kazakh: choosing the course chooses its language."""
        taught = {"kazakh_course": "kk", "russian_course": "ru", "kaztest_preparation": "kk"}
        language = taught.get(self.service.currentData() or "")
        if language is not None and self.group_id is None:
            self.language.setCurrentIndex(max(self.language.findData(language), 0))

    # ---- the form ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("New course group") if self.group_id is None
                            else _("Edit course group"))
        texts = {"name": _("Group &name"), "office": _("&Office"), "service": _("&Course"),
                 "language": _("&Language taught"), "level": _("Le&vel"),
                 "provider": _("&Provider"), "teacher": _("&Teacher"),
                 "teacher_name": _("Teacher's na&me"), "place": _("&Place"),
                 "weekdays": _("Days of the &week"), "times": _("Class t&ime"),
                 "dates": _("First and last &day"), "capacity": _("Places")}
        for key, text in texts.items():
            self.form.set_label(key, text)
        for box, name in zip(self.day_boxes, weekday_names("abbreviated"), strict=True):
            box.setText(name)
        for box, name in zip(self.day_boxes, weekday_names("wide"), strict=True):
            box.setAccessibleName(name)
        self.starts_at.setAccessibleName(_("Class starts at"))
        self.ends_at.setAccessibleName(_("Class ends at"))
        self.starts_on.setAccessibleName(_("First day"))
        self.ends_on.setAccessibleName(_("Last day"))

    def group_entry(self) -> GroupEntry:
        teacher = self.teacher.currentData()
        start, end = self.starts_at.time(), self.ends_at.time()
        return GroupEntry(
            name=self.name.text(), office_id=self.office.currentData(),
            service_type_code=self.service.currentData(),
            language_code=self.language.currentData(), level_code=self.level.currentData(),
            provider_id=self.provider.currentData(),
            teacher_id=teacher if isinstance(teacher, uuid.UUID) else None,
            teacher=self.teacher_name.text() if teacher == OTHER_TEACHER else "",
            place=self.place.text(),
            weekdays=weekdays_text(n for n, box in enumerate(self.day_boxes, 1)
                                   if box.isChecked()),
            starts_at=time(start.hour(), start.minute()), ends_at=time(end.hour(), end.minute()),
            starts_on=self.starts_on.date().toPython(),  # type: ignore[arg-type]
            ends_on=self.ends_on.date().toPython(),  # type: ignore[arg-type]
            capacity=self.capacity.value())

    def problems(self) -> dict[str, str]:
        return self._texts(groups.check_group(self.group_entry()))

    @staticmethod
    def _texts(problems: dict) -> dict[str, str]:  # type: ignore[type-arg]
        return {field.value: group_problem_text(field, problem)
                for field, problem in problems.items()}

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidGroupEntry):
            return self._texts(failure.error.problems)
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, entry = self.database, self.actor, self.group_entry()
        group_id, version, today = self.group_id, self.version, self.today
        if group_id is None:
            return lambda: groups.create_group(database, actor, entry)

        def edit() -> uuid.UUID:
            assert version is not None
            groups.update_group(database, actor, group_id, version, entry, today=today)
            return group_id

        return edit
