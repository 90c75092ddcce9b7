"""Recording a consultation: when and how, the topics, what was advised, what comes next.

Tasks and referrals agreed at the consultation are added in two small tables
and saved with it, in one transaction. Save checks everything first and shows
each problem beside its field; nothing is saved while a problem remains.

The form's lists are asked for off the GUI thread as the dialog opens (through
``operations.Operation``, as the save is): the form waits, disabled, until they
arrive. For a client the user may not work with, the dialog says so in place
of the form and offers only Close.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import N_, _
from desktop.services import messages
from desktop.services.access import Actor
from desktop.services.consultations import (
    ConsultationChoices,
    FieldProblem,
    InvalidInput,
    NewConsultation,
    NewFollowUp,
    NewReferral,
    check_consultation,
    consultation_choices,
    problem_text,
    record_consultation,
)
from desktop.services.employment.referrals import JOB_SERVICE
from desktop.services.follow_ups import MAX_TITLE
from desktop.ui import operations
from desktop.ui.fitting import wrap_titles
from desktop.ui.operations import Failure, Operation
from desktop.ui.questions import ask

DATE_TIME_FORMAT = "dd.MM.yyyy HH:mm"  # as dates are written in Kazakhstan, in every language
DATE_FORMAT = "dd.MM.yyyy"
DEFAULT_DUE_DAYS = 7
FOLLOW_UP_COLUMNS = (N_("Task"), N_("Due"), N_("Assignee"))
REFERRAL_COLUMNS = (N_("Service"), N_("Provider or vacancy"))
TEXT_FIELDS = ("notes", "advice", "next_steps")
ROW_FIELDS = {"title": "follow_ups", "due_on": "follow_ups", "assignee": "follow_ups",
              "service_type": "referrals", "provider": "referrals", "vacancy": "referrals"}


def _now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


def index_of(combo: QComboBox, value: Any) -> int:
    """The item holding ``value``; findData compares Python objects (UUIDs) by identity."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day),
                     QTime(value.hour, value.minute))


def _to_datetime(value: QDateTime) -> datetime:
    day, moment = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), moment.hour(), moment.minute())


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ProblemLabel(QLabel):
    """A problem shown beside its field: red text, hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_texts(self, texts: list[str]) -> None:
        self.setText("\n".join(texts))
        self.setVisible(bool(texts))


class RowTable(QTableWidget):
    """A small table whose cells are editors; Tab moves between them, not between cells."""

    def __init__(self, titles: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(0, len(titles), parent)
        self.titles = titles
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        wrap_titles(self)  # "Provider or vacancy" is a long title in Kazakh
        self.setMinimumHeight(90)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_(title) for title in self.titles])

    def add_row(self, editors: list[QWidget]) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column, editor in enumerate(editors):
            self.setCellWidget(row, column, editor)
        self.selectRow(row)
        return row

    def current(self) -> int:
        focused = self.focusWidget()
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                if self.cellWidget(row, column) is focused:
                    return row
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else self.rowCount() - 1


class ConsultationDialog(QDialog):
    """A new consultation for one client.

    Opened for a client of another office (or by a user who may not work with
    clients), it shows the translated refusal in place of the form: ``refusal``
    then holds the ``Failure`` and ``refused`` is emitted with its message.
    """

    saved = Signal(object)  # the new consultation's id
    loaded = Signal()  # the form's lists arrived: it can be filled in
    refused = Signal(str)  # the translated reason the form cannot be used

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConsultationDialog")
        self.database = database
        self.actor = actor
        self.person_id = person_id
        self.choices: ConsultationChoices | None = None  # None until they arrive
        self.refusal: Failure | None = None
        self.consultation_id: uuid.UUID | None = None
        self.checked_once = False  # after a refused save, problems follow every edit
        self._saving: Operation[uuid.UUID] | None = None
        self._build()
        self._initial = self.consultation()
        self._set_state()
        self.retranslate()  # asks for the lists too
        self.resize(960, 760)

    # ---- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        now = _now()
        self.held_at = QDateTimeEdit(to_qdatetime(now), self)
        self.held_at.setDisplayFormat(DATE_TIME_FORMAT)
        self.held_at.setCalendarPopup(True)
        self.channel = QComboBox(self)
        self.channel.addItem("", None)
        self.topics = QListWidget(self)  # both filled as the choices arrive
        self.texts: dict[str, QPlainTextEdit] = {}
        for name in TEXT_FIELDS:
            editor = QPlainTextEdit(self)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(70)
            self.texts[name] = editor
        self.book_next = QCheckBox(self)
        self.next_at = QDateTimeEdit(
            to_qdatetime(datetime.combine(now.date() + timedelta(days=DEFAULT_DUE_DAYS),
                                           time(10, 0))), self)
        self.next_at.setDisplayFormat(DATE_TIME_FORMAT)
        self.next_at.setCalendarPopup(True)
        self.next_at.setEnabled(False)
        self.book_next.toggled.connect(self.next_at.setEnabled)

        self.problems: dict[str, ProblemLabel] = {
            name: ProblemLabel(self) for name in (
                "held_at", "channel", "topics", *TEXT_FIELDS, "next_appointment_at",
                "follow_ups", "referrals")}
        self.labels: dict[str, QLabel] = {}

        # Two columns, each its own grid, so the tall text boxes do not stretch the short rows.
        left = (("held_at", self.held_at), ("channel", self.channel), ("topics", self.topics))
        right = tuple((name, self.texts[name]) for name in TEXT_FIELDS)
        columns = QHBoxLayout()
        for fields, growing in ((left, {"topics"}), (right, set(TEXT_FIELDS))):
            grid = QGridLayout()
            grid.setColumnStretch(1, 1)
            for index, (name, editor) in enumerate(fields):
                label = QLabel(self)
                label.setBuddy(editor)
                self.labels[name] = label
                alignment = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight
                grid.addWidget(label, 2 * index, 0, alignment)
                grid.addWidget(editor, 2 * index, 1)
                grid.addWidget(self.problems[name], 2 * index + 1, 1)
                grid.setRowStretch(2 * index, 1 if name in growing else 0)
            columns.addLayout(grid, 1)
        appointment = QHBoxLayout()
        appointment.addWidget(self.book_next)
        appointment.addWidget(self.next_at)
        appointment.addWidget(self.problems["next_appointment_at"], 1)
        form = QVBoxLayout()
        form.addLayout(columns, 1)
        form.addLayout(appointment)

        self.follow_up_box = QGroupBox(self)
        self.follow_up_table = RowTable(FOLLOW_UP_COLUMNS, self.follow_up_box)
        self.add_follow_up_button = QPushButton(self.follow_up_box)
        self.remove_follow_up_button = QPushButton(self.follow_up_box)
        self.add_follow_up_button.clicked.connect(lambda: self._focus_row(
            self.follow_up_table, self.add_follow_up()))
        self.remove_follow_up_button.clicked.connect(
            lambda: self._remove_row(self.follow_up_table))
        self.referral_box = QGroupBox(self)
        self.referral_table = RowTable(REFERRAL_COLUMNS, self.referral_box)
        self.add_referral_button = QPushButton(self.referral_box)
        self.remove_referral_button = QPushButton(self.referral_box)
        self.add_referral_button.clicked.connect(lambda: self._focus_row(
            self.referral_table, self.add_referral()))
        self.remove_referral_button.clicked.connect(lambda: self._remove_row(self.referral_table))
        tables = QHBoxLayout()
        for box, table, add, remove, problems in (
                (self.follow_up_box, self.follow_up_table, self.add_follow_up_button,
                 self.remove_follow_up_button, self.problems["follow_ups"]),
                (self.referral_box, self.referral_table, self.add_referral_button,
                 self.remove_referral_button, self.problems["referrals"])):
            buttons = QHBoxLayout()
            buttons.addWidget(add)
            buttons.addWidget(remove)
            buttons.addStretch(1)
            inner = QVBoxLayout(box)
            inner.addWidget(table, 1)
            inner.addWidget(problems)
            inner.addLayout(buttons)
            tables.addWidget(box, 1)

        self.save_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must not save half a record
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)

        # Loading, or why the form cannot be used; the form itself below it.
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form, 3)
        body.addLayout(tables, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.body, 1)
        layout.addLayout(bottom)

        order = [self.held_at, self.channel, self.topics, *self.texts.values(), self.book_next,
                 self.next_at, self.follow_up_table, self.add_follow_up_button,
                 self.remove_follow_up_button, self.referral_table, self.add_referral_button,
                 self.remove_referral_button, self.save_button, self.cancel_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        for signal in (self.held_at.dateTimeChanged, self.channel.currentIndexChanged,
                       self.topics.itemChanged, self.book_next.toggled,
                       self.next_at.dateTimeChanged,
                       *(e.textChanged for e in self.texts.values())):
            signal.connect(self._edited)

    # ---- the rows of the two tables ------------------------------------------------------------

    def add_follow_up(self, title: str = "", due_on: date | None = None,
                      assignee_id: uuid.UUID | None = None) -> int:
        """A line for a task; due in a week and given to the user unless said otherwise."""
        editor = QLineEdit(title, self.follow_up_table)
        editor.setMaxLength(MAX_TITLE)
        due = QDateEdit(self.follow_up_table)
        due.setDisplayFormat(DATE_FORMAT)
        due.setCalendarPopup(True)
        day = due_on or _to_datetime(self.held_at.dateTime()).date() + timedelta(
            days=DEFAULT_DUE_DAYS)
        due.setDate(QDate(day.year, day.month, day.day))
        assignee = QComboBox(self.follow_up_table)
        for user_id, name in self.choices.assignees if self.choices else []:
            assignee.addItem(name, user_id)
        index = index_of(assignee, assignee_id or self.actor.user_id)
        assignee.setCurrentIndex(max(index, 0))
        editor.textChanged.connect(self._edited)
        due.dateChanged.connect(self._edited)
        assignee.currentIndexChanged.connect(self._edited)
        row = self.follow_up_table.add_row([editor, due, assignee])
        self._label_row_editors()
        self._edited()
        return row

    def add_referral(self, service_type_code: str | None = None,
                     provider_id: uuid.UUID | None = None) -> int:
        service = QComboBox(self.referral_table)
        service.addItem(_("Choose…"), None)
        for choice in self.choices.service_types if self.choices else []:
            service.addItem(choice.label, choice.code)
        provider = QComboBox(self.referral_table)
        service.currentIndexChanged.connect(lambda _i: self._fill_providers(service, provider))
        service.setCurrentIndex(max(index_of(service, service_type_code), 0))
        self._fill_providers(service, provider)
        provider.setCurrentIndex(max(index_of(provider, provider_id), 0))
        service.currentIndexChanged.connect(self._edited)
        provider.currentIndexChanged.connect(self._edited)
        row = self.referral_table.add_row([service, provider])
        self._label_row_editors()
        self._edited()
        return row

    def _fill_providers(self, service: QComboBox, provider: QComboBox) -> None:
        """Only the providers of the chosen kind of service; none is a valid choice. A job
        placement referral names a vacancy instead: the best fits for the client, or one
        chosen later in the client file's Employment tab."""
        chosen = provider.currentData()
        provider.blockSignals(True)
        provider.clear()
        if service.currentData() == JOB_SERVICE:
            provider.addItem(_("— vacancy chosen later —"), None)
            for vacancy_id, text in self.choices.vacancies if self.choices else []:
                provider.addItem(text, vacancy_id)
        else:
            provider.addItem(_("— none —"), None)
            for choice in (self.choices.providers_for(service.currentData())
                           if self.choices else []):
                provider.addItem(choice.name, choice.id)
        provider.setCurrentIndex(max(index_of(provider, chosen), 0))
        provider.blockSignals(False)

    def _remove_row(self, table: RowTable) -> None:
        row = table.current()
        if row >= 0:
            table.removeRow(row)
            self._label_row_editors()
            self._edited()

    def _focus_row(self, table: RowTable, row: int) -> None:
        editor = table.cellWidget(row, 0)
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _label_row_editors(self) -> None:
        """Screen readers hear which line and column an editor belongs to."""
        for table in (self.follow_up_table, self.referral_table):
            for row in range(table.rowCount()):
                for column, title in enumerate(table.titles):
                    editor = table.cellWidget(row, column)
                    if editor is not None:
                        editor.setAccessibleName(_("Line {row}: {column}").format(
                            row=row + 1, column=_(title)))

    # ---- reading the form -----------------------------------------------------------------------

    def checked_topics(self) -> list[str]:
        return [self.topics.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.topics.count())
                if self.topics.item(i).checkState() == Qt.CheckState.Checked]

    def set_topics(self, codes: list[str]) -> None:
        for i in range(self.topics.count()):
            item = self.topics.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in codes else Qt.CheckState.Unchecked)

    def consultation(self) -> NewConsultation:
        """What the form holds now, as the service takes it."""
        tasks = []
        for row in range(self.follow_up_table.rowCount()):
            title, due, assignee = (self.follow_up_table.cellWidget(row, c) for c in range(3))
            assert isinstance(title, QLineEdit) and isinstance(due, QDateEdit)
            assert isinstance(assignee, QComboBox)
            tasks.append(NewFollowUp(title.text(), _to_date(due.date()), assignee.currentData()))
        referrals = []
        for row in range(self.referral_table.rowCount()):
            service, provider = (self.referral_table.cellWidget(row, c) for c in range(2))
            assert isinstance(service, QComboBox) and isinstance(provider, QComboBox)
            if service.currentData() == JOB_SERVICE:
                referrals.append(NewReferral(service.currentData(), None,
                                             provider.currentData()))
            else:
                referrals.append(NewReferral(service.currentData(), provider.currentData()))
        return NewConsultation(
            person_id=self.person_id, held_at=_to_datetime(self.held_at.dateTime()),
            channel_code=self.channel.currentData(), topic_codes=self.checked_topics(),
            notes=self.texts["notes"].toPlainText(), advice=self.texts["advice"].toPlainText(),
            next_steps=self.texts["next_steps"].toPlainText(),
            next_appointment_at=(_to_datetime(self.next_at.dateTime())
                                 if self.book_next.isChecked() else None),
            follow_ups=tasks, referrals=referrals)

    def is_dirty(self) -> bool:
        return self.consultation() != self._initial

    # ---- checking and saving --------------------------------------------------------------------

    def check(self) -> list[FieldProblem]:
        problems = self.problems_of(self.consultation())
        self.show_problems(problems)
        return problems

    def problems_of(self, consultation: NewConsultation) -> list[FieldProblem]:
        return check_consultation(consultation)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Each problem beside its field; the first field with one gets the focus."""
        texts: dict[str, list[str]] = {name: [] for name in self.problems}
        for problem in problems:
            place = ROW_FIELDS.get(problem.field, problem.field)
            texts.setdefault(place, []).append(problem_text(problem))
        for name, label in self.problems.items():
            label.show_texts(texts[name])
        editors: dict[str, QWidget] = {"held_at": self.held_at, "channel": self.channel,
                                       "topics": self.topics,
                                       "next_appointment_at": self.next_at, **self.texts}
        for name, editor in editors.items():
            editor.setAccessibleDescription(" ".join(texts.get(name, [])))

    def save(self) -> bool:
        """Check, then send the consultation to be saved; False when nothing was sent.

        ``saved`` is emitted, and the dialog closes, once it has been written.
        """
        if self.choices is None or self._saving is not None:
            return False
        self.checked_once = True
        problems = self.check()
        if problems:
            self._focus_problem(problems[0])
            return False
        self._saving = Operation(self, self._write(self.consultation()), writes=True,
                                 name=f"{type(self).__name__}.save") \
            .done(self._recorded).failed(self._not_recorded)
        self._set_state()
        self._saving.run()
        return True

    def _write(self, consultation: NewConsultation) -> Callable[[], uuid.UUID]:
        """The service call that saves what the form holds; it returns the record's id."""
        database, actor = self.database, self.actor
        return lambda: record_consultation(database, actor, consultation)

    def _recorded(self, consultation_id: uuid.UUID) -> None:
        self._saving = None
        self._set_state()
        self.consultation_id = consultation_id
        self.saved.emit(consultation_id)
        self.accept()

    def _not_recorded(self, failure: Failure) -> None:
        self._saving = None
        self._set_state()
        if isinstance(failure.error, InvalidInput):
            # A choice withdrawn meanwhile, or a late clock tick: beside the fields.
            self.show_problems(failure.error.problems)
            self._focus_problem(failure.error.problems[0])
        else:
            self.tell(failure.message)

    def _focus_problem(self, problem: FieldProblem) -> None:
        widget: QWidget | None = {
            "held_at": self.held_at, "channel": self.channel, "topics": self.topics,
            "next_appointment_at": self.next_at, **self.texts}.get(problem.field)
        if problem.row is not None:
            table = (self.follow_up_table if ROW_FIELDS[problem.field] == "follow_ups"
                     else self.referral_table)
            column = {"title": 0, "due_on": 1, "assignee": 2, "service_type": 0,
                      "provider": 1, "vacancy": 1}[problem.field]
            widget = table.cellWidget(problem.row, column)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self, *_args: Any) -> None:
        if self.checked_once:
            self.check()

    def reject(self) -> None:
        """Esc, Cancel or closing: ask before throwing away what was typed."""
        if self._saving is not None:
            return  # being written: the dialog closes, or says why not, once it is
        if self.choices is not None and self.is_dirty() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        """True to close without saving (tests replace this)."""
        answer = ask(
            self, _("Discard the consultation?"),
            _("What you typed has not been saved. Close and lose it?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def tell(self, text: str) -> None:
        """A message box that does not block (tests replace this to read the message)."""
        operations.tell(self, text)

    # ---- the form's lists -----------------------------------------------------------------------

    def _load_choices(self) -> None:
        """The lists in the UI language: as the dialog opens, and after a language switch."""
        database, actor, person_id = self.database, self.actor, self.person_id
        Operation(self, lambda: consultation_choices(database, actor, person_id),
                  name="consultation: choices") \
            .superseding(("consultation choices", id(self))) \
            .done(self._choices_arrived).failed(self._choices_refused).run()

    def _choices_arrived(self, choices: ConsultationChoices) -> None:
        first = self.choices is None
        self.choices = choices
        if first:
            for code, label in choices.channels:
                self.channel.addItem(label, code)
            for code, label in choices.topics:
                item = QListWidgetItem(label, self.topics)
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self._initial = self.consultation()
        self._set_state()
        self._relabel_lists()
        if first:
            self.held_at.setFocus(Qt.FocusReason.OtherFocusReason)
            self.loaded.emit()

    def _choices_refused(self, failure: Failure) -> None:
        if self.choices is not None:
            # Only a relabelling failed: the form keeps working in the lists it has.
            self.tell(failure.message)
            return
        self.refusal = failure
        self._set_state()
        self.refused.emit(failure.message)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_state(self) -> None:
        """Loading, refused, ready or saving: what can be used and what the notice says."""
        ready = self.choices is not None and self._saving is None
        self.body.setVisible(self.refusal is None)
        self.body.setEnabled(ready)
        self.save_button.setVisible(self.refusal is None)
        self.save_button.setEnabled(ready)
        self.save_shortcut.setEnabled(ready)
        self.cancel_button.setEnabled(self._saving is None)
        self._notice_text()
        self._cancel_text()

    def _cancel_text(self) -> None:
        if self.refusal is not None:
            self.cancel_button.setText(_("Close"))  # there is nothing to cancel
            self.cancel_button.setToolTip("")
        else:
            self.cancel_button.setText(_("Cancel"))
            self.cancel_button.setToolTip(_("Close without saving (Esc)"))

    def _notice_text(self) -> None:
        if self.refusal is not None:
            # Described again on each call: a language switch re-words it.
            self.notice.setText(messages.describe(self.refusal.error))
            self.notice.setStyleSheet("color: #b00020;")
        elif self.choices is None:
            self.notice.setText(_("Loading…"))
            self.notice.setStyleSheet("")
        elif self._saving is not None:
            self.notice.setText(_("Saving the consultation…"))
            self.notice.setStyleSheet("")
        else:
            self.notice.setText("")
        self.notice.setVisible(bool(self.notice.text()))

    # ---- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        captions = {"held_at": _("&When:"), "channel": _("&How:"), "topics": _("&Topics:"),
                    "notes": _("&Notes:"), "advice": _("&Advice given:"),
                    "next_steps": _("Next ste&ps:")}
        for name, label in self.labels.items():
            label.setText(captions[name])
        self.held_at.setAccessibleName(_("When the consultation was held"))
        self.channel.setAccessibleName(_("How the consultation was held"))
        self.channel.setItemText(0, _("Choose…"))
        self.topics.setAccessibleName(_("Topics: tick each one discussed"))
        self.texts["notes"].setAccessibleName(_("Notes"))
        self.texts["advice"].setAccessibleName(_("Advice given"))
        self.texts["next_steps"].setAccessibleName(_("Next steps"))
        self.book_next.setText(_("Ne&xt appointment:"))
        self.next_at.setAccessibleName(_("Next appointment"))
        self.follow_up_box.setTitle(_("Follow-up tasks"))
        self.referral_box.setTitle(_("Referrals"))
        self.add_follow_up_button.setText(_("Add &task"))
        self.remove_follow_up_button.setText(_("Remove task"))
        self.add_referral_button.setText(_("Add &referral"))
        self.remove_referral_button.setText(_("Remove referral"))
        self.follow_up_table.retranslate()
        self.referral_table.retranslate()
        for row in range(self.referral_table.rowCount()):
            combo = self.referral_table.cellWidget(row, 0)
            provider = self.referral_table.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                combo.setItemText(0, _("Choose…"))
            if isinstance(provider, QComboBox) and provider.count():
                provider.setItemText(0, _("— vacancy chosen later —")
                                     if combo.currentData() == JOB_SERVICE else _("— none —"))
        self._relabel_lists()
        if self.refusal is None:
            self._load_choices()  # the lists' labels come from the database, in this language
        self._notice_text()
        self._label_row_editors()
        self.save_button.setText(_("&Save"))
        self.save_button.setToolTip(_("Save the consultation with its tasks and referrals "
                                      "(Ctrl+S)"))
        self._cancel_text()
        if self.checked_once:
            self.check()

    def title(self, client: str | None) -> str:
        if client is None:
            return _("New consultation")
        return _("New consultation — {client}").format(client=client)

    def _relabel_lists(self) -> None:
        """The lists' items, and the window title, in the language the choices came in."""
        choices = self.choices
        self.setWindowTitle(self.title(choices.person_name if choices else None))
        if choices is None:
            return
        labels = dict(choices.channels)
        for i in range(1, self.channel.count()):
            self.channel.setItemText(i, labels.get(self.channel.itemData(i), ""))
        topics = dict(choices.topics)
        for i in range(self.topics.count()):
            item = self.topics.item(i)
            item.setText(topics.get(item.data(Qt.ItemDataRole.UserRole), item.text()))
        services = {s.code: s.label for s in choices.service_types}
        for row in range(self.referral_table.rowCount()):
            combo = self.referral_table.cellWidget(row, 0)
            if isinstance(combo, QComboBox):
                for i in range(1, combo.count()):
                    combo.setItemText(i, services.get(combo.itemData(i), ""))
