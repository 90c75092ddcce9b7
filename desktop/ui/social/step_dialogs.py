"""A referral to a social service and its steps, and what the two lists of referrals share
(the client file's Social services tab and the Social services screen).

    ReferDialog(database, actor, person_id, parent, *, today=None)
        a new referral: the service, a provider that delivers it, the day, a note. A client
        whose consent to the processing of their data is not recorded cannot be referred
        (the referral hands their details to the provider): the dialog says so, OK stays off.
    StepDialog(database, actor, line, step, parent, *, today=None)
        one step of a referral (accepted, completed, refused, no response, cancelled): its
        day, what was done or why, and for a completed one the amount paid, if any.

Each is a ``FormDialog``: OK runs the service off the GUI thread and the dialog closes only
once that succeeded (``saved_id``: the referral's id). A field's problem is shown beside it
(``social.messages.problem_text``); any other refusal stays in the dialog, and
``was_refused`` tells the list to read itself again (the referral moved on meanwhile).

``ReferralModel`` draws a list's lines, the overdue ones in the warning colour with a
tooltip that says why; ``StepButtons`` are a list's step buttons, each enabled only for a
referral whose status that step may follow (``FOLLOWS``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QWidget,
)

from db.models import ReferralStatus
from db.session import Database
from desktop.i18n import N_, NC_, NUMERIC_DATE, _, format_date, format_money
from desktop.services.access import Actor
from desktop.services.client_file.labels import REFERRAL_STATUS
from desktop.services.social.choices import ReferralChoices, referral_choices
from desktop.services.social.errors import Field, NotProvided
from desktop.services.social.lists import ReferralLine
from desktop.services.social.referrals import (
    FOLLOWS,
    MAX_AMOUNT,
    ReferralEntry,
    StepEntry,
    check_referral,
    check_step,
    record_step,
    refer,
)
from desktop.ui.admin.common import (
    Column,
    OptionalSpin,
    RowsModel,
    RowsPanel,
    text_field,
)
from desktop.ui.fitting import widest_word
from desktop.ui.operations import Failure, Operation
from desktop.ui.scroll_safe import ScrollSafeCombo
from desktop.ui.social.dialog import EARLIEST, HINT_STYLE, SocialDialog, texts_of

__all__ = [
    "STEPS",
    "ReferDialog",
    "ReferralModel",
    "StepButtons",
    "StepDialog",
    "client_columns",
    "day_text",
    "expected_text",
    "install_model",
    "may_take",
    "money_text",
    "open_step",
    "overdue_text",
    "status_text",
    "summary_text",
]

# The steps, in the order their buttons stand.
STEPS = (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED, ReferralStatus.REFUSED,
         ReferralStatus.NO_RESPONSE, ReferralStatus.CANCELLED)
STEP_BUTTONS = {ReferralStatus.ACCEPTED: N_("Accepted…"),
                ReferralStatus.COMPLETED: N_("Completed…"),
                ReferralStatus.REFUSED: N_("Refused…"),
                ReferralStatus.NO_RESPONSE: N_("No response…"),
                ReferralStatus.CANCELLED: N_("Cancel referral…")}
STEP_TIPS = {ReferralStatus.ACCEPTED: N_("Record that the provider took the client on"),
             ReferralStatus.COMPLETED: N_("Record that the service was delivered: what was "
                                          "done, and the amount paid if there was one"),
             ReferralStatus.REFUSED: N_("Record that the provider refused, and its reason"),
             ReferralStatus.NO_RESPONSE: N_("Record that the provider never answered"),
             ReferralStatus.CANCELLED: N_("Withdraw the referral on the center's side, and "
                                          "say why")}
OVERDUE_COLOUR = "#b00020"  # as the client file's late documents
WARNING_STYLE = "color: #8a5300; font-weight: bold;"
AMOUNT_STEP = 1_000  # tenge: the arrows move by a sensible amount
WIDEST, LAST = 240, 100  # px: a column's bound when none is given; the last one's least
# The client file's columns' bounds (the last, the outcome, takes the room left).
CLIENT_WIDTHS = (170, 190, 100, 90, 90, 90, 90, 110)
# The lists' dates: "20.11.2026" rather than "20 нояб. 2026 г.", so that nine or ten
# columns fit the window in every language.
SHORT = NUMERIC_DATE  # "25.11.2026", as everywhere
SERVICE, PROVIDER, DAY = Field.SERVICE.value, Field.PROVIDER.value, Field.DAY.value
NOTE, OUTCOME, AMOUNT = Field.NOTE.value, Field.OUTCOME.value, Field.AMOUNT.value


def status_text(code: str) -> str:
    label = REFERRAL_STATUS.get(code)
    return _(label) if label else code


def status_of(line: ReferralLine) -> ReferralStatus | None:
    try:
        return ReferralStatus(line.row.status)
    except ValueError:
        return None


def may_take(line: ReferralLine | None, step: ReferralStatus) -> bool:
    """Whether the step follows from where the referral is (the service checks again)."""
    return line is not None and status_of(line) in FOLLOWS.get(step, ())


def day_text(value: date | None, format: str = NUMERIC_DATE) -> str:
    return format_date(value, format) if value is not None else ""


def money_text(amount: int | None) -> str:
    return format_money(amount) if amount is not None else ""


def expected_text(line: ReferralLine, format: str = NUMERIC_DATE) -> str:
    """The day the answer was expected by: only while the provider has not answered."""
    return day_text(line.expected_by, format) \
        if line.row.status == ReferralStatus.REFERRED.value else ""


def overdue_text(line: ReferralLine) -> str:
    return _("No answer from the provider: it was expected by {day}. Ask the provider, or "
             "record its answer.").format(day=format_date(line.expected_by))


def what_text(line: ReferralLine) -> str:
    row = line.row
    return " — ".join(p for p in (row.service, row.provider) if p)


def summary_text(line: ReferralLine) -> str:
    """"Нұрпейісова Әлия · Free legal aid — «Заң көмегі» · Referred"."""
    return " · ".join(p for p in (line.row.client, what_text(line),
                                  status_text(line.row.status)) if p)


class ReferralModel(RowsModel[ReferralLine]):
    """A list's referrals; an overdue one (referred, unanswered past its day) stands out in
    the warning colour, in bold, and says why in its tooltip."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.ForegroundRole,
                                        Qt.ItemDataRole.FontRole,
                                        Qt.ItemDataRole.ToolTipRole):
            line = self.rows[index.row()]
            if line.overdue:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(QColor(OVERDUE_COLOUR))
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
                return overdue_text(line)
        return super().data(index, role)


class _Fitter(QObject):
    """Keeps a table within its window: each column no wider than its bound (longer texts
    wrap onto a second line), the last one taking the room left, the header as high as its
    wrapped titles, each row as high as its wrapped lines (once shown, after every reading
    and when the titles change language)."""

    def __init__(self, table: QTableView, widths: Sequence[int]) -> None:
        super().__init__(table)
        self.table, self.widths = table, widths
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter
                                   | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap))
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.fit)
        model.headerDataChanged.connect(lambda *_args: self.fit())

    def fit(self) -> None:
        table = self.table
        columns = table.model().columnCount()
        for column in range(columns - 1):
            table.resizeColumnToContents(column)
            widest = self.widths[column] if column < len(self.widths) else WIDEST
            # Wrapped, but never within a word: a long one widens its column.
            table.setColumnWidth(column, max(min(table.columnWidth(column), widest),
                                             widest_word(table, column)))
        table.setColumnWidth(columns - 1, LAST)  # then stretched over what is left
        # A title wrapped onto two lines needs a header that high (Qt sizes it for one).
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        high = max((metrics.boundingRect(
            QRect(0, 0, max(header.sectionSize(c) - 2 * margin, 20), 1000), flags,
            str(table.model().headerData(c, Qt.Orientation.Horizontal) or "")).height()
                    for c in range(columns)), default=0)
        header.setMinimumHeight(high + 2 * margin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Show:
            self.fit()
        return False


def install_model(panel: RowsPanel[ReferralLine], columns: Sequence[Column],
                  widths: Sequence[int] = ()) -> ReferralModel:
    """Give a rows panel the referrals' model in place of its plain one; its columns grow
    no wider than ``widths`` (px, all but the last, which takes the room left)."""
    plain = panel.model
    model = ReferralModel(columns, panel)
    panel.model = model
    panel.table.setModel(model)
    panel.table.selectionModel().selectionChanged.connect(
        lambda *_args: panel.update_buttons())
    plain.deleteLater()
    panel.fitter.stop()  # wrapped rows, sized by the fitter below
    _Fitter(panel.table, widths)
    return model


class StepButtons:
    """A list's step buttons, after whatever the list puts first; each opens ``open_step``
    and is enabled only for a chosen referral whose status it may follow."""

    def __init__(self, panel: RowsPanel[ReferralLine],
                 open_step: Callable[[ReferralStatus], object]) -> None:
        self.buttons: dict[ReferralStatus, QPushButton] = {
            step: panel.button(lambda _checked=False, step=step: open_step(step))
            for step in STEPS}
        for button in self.buttons.values():
            button.setEnabled(False)

    def update(self, line: ReferralLine | None, may: bool = True) -> None:
        for step, button in self.buttons.items():
            button.setEnabled(may and may_take(line, step))
            if not may:
                button.setToolTip(_("You may not work with this client's file."))
            elif line is None:
                button.setToolTip(_("Choose a referral in the list first."))
            elif not may_take(line, step):
                button.setToolTip(_("This referral is “{status}”: this step does not follow "
                                    "from it.").format(status=status_text(line.row.status)))
            else:
                button.setToolTip(_(STEP_TIPS[step]))

    def retranslate(self) -> None:
        for step, button in self.buttons.items():
            button.setText(_(STEP_BUTTONS[step]))


def client_columns() -> Sequence[Column]:
    """The client file's columns: the client is the file's."""
    return (
        (N_("Service"), lambda line: line.row.service),
        (N_("Provider"), lambda line: line.row.provider),
        (N_("Status"), lambda line: status_text(line.row.status)),
        (NC_("date column", "Referred"), lambda line: day_text(line.row.referred_on, SHORT)),
        (N_("Answer expected by"), lambda line: expected_text(line, SHORT)),
        (NC_("date column", "Accepted"), lambda line: day_text(line.row.accepted_on, SHORT)),
        (N_("Closed on"), lambda line: day_text(line.row.closed_on, SHORT)),
        (N_("Amount"), lambda line: money_text(line.row.amount)),
        (N_("Outcome"), lambda line: line.row.outcome),
    )


# ---- the dialogs ---------------------------------------------------------------------------

class _Dialog(SocialDialog):
    """What both referral dialogs add: a width for the referral's summary line."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today, width=600)


class ReferDialog(_Dialog):
    """Refer the client to a provider's service: what, who, when, a note."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.person_id = person_id
        self.choices: ReferralChoices | None = None
        self.no_consent = QLabel(self)
        self.no_consent.setWordWrap(True)
        self.no_consent.setStyleSheet(WARNING_STYLE)
        self.no_consent.setTextFormat(Qt.TextFormat.PlainText)  # holds the client's name
        self.no_consent.hide()
        self.layout().insertWidget(0, self.no_consent)  # type: ignore[union-attr]
        self.service, self.provider = ScrollSafeCombo(self), ScrollSafeCombo(self)
        self.day = self.date_field(EARLIEST, self.day_today())
        self.note = text_field(self, 70)
        self.note.setMaximumHeight(120)  # a few lines: the form stays compact
        for key, field in ((SERVICE, self.service), (PROVIDER, self.provider),
                           (DAY, self.day), (NOTE, self.note)):
            self.form.add(key, field, self)
        self.chain_focus([self.service, self.provider, self.day, self.note])
        self.service.currentIndexChanged.connect(lambda _index: self._fill_providers())
        self.service.setFocus()
        self.retranslate()
        self.loading = True
        self.ok_button().setEnabled(False)
        Operation(self, lambda: referral_choices(database, actor, person_id),
                  name="referral choices").done(self._choices).failed(self._unread).run()

    @property
    def consent(self) -> bool:
        return self.choices is not None and self.choices.consent

    def _choices(self, choices: ReferralChoices) -> None:
        self.loading = False
        self.choices = choices
        blocked = self.service.blockSignals(True)
        self.service.clear()
        area = None
        for service in choices.services:
            if area is not None and service.area_code != area:
                self.service.insertSeparator(self.service.count())  # the areas, apart
            area = service.area_code
            self.service.addItem(service.label, service.code)
        self.service.setCurrentIndex(-1)  # a conscious choice, not the first of the list
        self.service.blockSignals(blocked)
        self._fill_providers()
        self._explain()
        self.ok_button().setEnabled(choices.consent)


    def _explain(self) -> None:
        """Who is referred; above everything, why they cannot be yet, if they cannot."""
        client = self.choices.client if self.choices is not None else ""
        self.summary.setText(client)
        self.summary.setVisible(bool(client))
        if self.choices is None or self.choices.consent:
            self.no_consent.hide()
            return
        self.no_consent.setText(_(
            "The consent of {client} to the processing of their data is not recorded, and a "
            "referral passes their details to the provider. Record the consent in the Profile "
            "tab first.").format(client=self.choices.client))
        self.no_consent.show()

    def _fill_providers(self) -> None:
        chosen = self.provider.currentData() if self.provider.currentIndex() >= 0 else None
        self.provider.clear()
        code = self.service.currentData() if self.service.currentIndex() >= 0 else None
        shown = self.choices.providers_for(code) if self.choices is not None else []
        for provider in shown:
            self.provider.addItem(provider.name, provider.id)
        index = self.provider.findData(chosen) if chosen is not None else -1
        self.provider.setCurrentIndex(index if index >= 0 or len(shown) != 1 else 0)
        if code is None:
            self.provider.setPlaceholderText(_("Choose the service first"))
        elif not shown:
            self.provider.setPlaceholderText(_("No provider in Qadam delivers this service"))
        else:
            self.provider.setPlaceholderText(_("Who delivers the service"))

    def choose_service(self, code: str) -> None:
        self.service.setCurrentIndex(self.service.findData(code))

    def choose_provider(self, provider_id: uuid.UUID) -> None:
        self.provider.setCurrentIndex(self.provider.findData(provider_id))

    def entry(self) -> ReferralEntry:
        return ReferralEntry(
            service_type_code=(self.service.currentData()
                               if self.service.currentIndex() >= 0 else None),
            provider_id=(self.provider.currentData()
                         if self.provider.currentIndex() >= 0 else None),
            referred_on=self.day.date().toPython(),  # type: ignore[arg-type]
            note=self.note.toPlainText())

    def save(self) -> None:
        if self.consent:  # Enter must not get past the missing consent either
            super().save()

    def problems(self) -> dict[str, str]:
        return texts_of(check_referral(self.entry(), self.day_today()))

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, NotProvided):
            return {PROVIDER: failure.message}
        return super().placed(failure)

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id, today = (self.database, self.actor, self.person_id,
                                             self.today)
        entry = self.entry()
        return lambda: refer(database, actor, person_id, entry, today=today)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Refer to a social service"))
        self.hint.setText(_("The referral passes the client's details to the provider. Record "
                            "the provider's answer when it comes: if none comes in time, a "
                            "follow-up reminds you."))
        self.form.set_label(SERVICE, _("&Service:"))
        self.form.set_label(PROVIDER, _("&Provider:"))
        self.form.set_label(DAY, _("Referred &on:"))
        self.form.set_label(NOTE, _("&Note:"))
        self.service.setPlaceholderText(_("Choose the service"))
        self.note.setPlaceholderText(_("What the client needs, what to bring, who to ask "
                                       "for…"))
        self._fill_providers()
        self._explain()
        self.ok_button().setText(_("&Refer"))


class StepDialog(_Dialog):
    """One step of a referral: the provider accepted it, it was completed (with the amount
    paid, if any), the provider refused it or never answered, or the center withdrew it."""

    def __init__(self, database: Database, actor: Actor, line: ReferralLine,
                 step: ReferralStatus, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        if step not in FOLLOWS:
            raise ValueError(f"not a step of a referral: {step}")
        super().__init__(database, actor, parent, today=today)
        self.line, self.step = line, step
        row = line.row
        first = row.referred_on
        if step is ReferralStatus.COMPLETED and row.accepted_on is not None:
            first = row.accepted_on
        self.day = self.date_field(first, self.day_today())
        self.outcome = text_field(self, 70)
        self.outcome.setMaximumHeight(120)
        self.form.add(DAY, self.day, self)
        self.form.add(OUTCOME, self.outcome, self)
        fields: list[QWidget] = [self.day, self.outcome]
        self.amount: OptionalSpin | None = None
        self.amount_text: QLabel | None = None
        if step is ReferralStatus.COMPLETED:
            box = QWidget(self)
            self.amount = OptionalSpin(box, MAX_AMOUNT, AMOUNT_STEP)
            self.amount.setGroupSeparatorShown(True)
            self.amount.setMinimumWidth(160)
            self.amount_text = QLabel(box)
            self.amount_text.setStyleSheet(HINT_STYLE)
            cell = QHBoxLayout(box)
            cell.setContentsMargins(0, 0, 0, 0)
            cell.addWidget(self.amount)
            cell.addWidget(self.amount_text, 1)
            box.setFocusProxy(self.amount)
            self.amount.valueChanged.connect(lambda _value: self._show_amount())
            self.form.add(AMOUNT, box, self)
            fields.append(self.amount)
        self.chain_focus(fields)
        self.day.setFocus()
        self.retranslate()

    def amount_value(self) -> int | None:
        return self.amount.number() if self.amount is not None else None

    def set_amount(self, amount: int | None) -> None:
        if self.amount is not None:
            self.amount.set_number(amount)

    def _show_amount(self) -> None:
        if self.amount_text is not None:
            amount = self.amount_value()
            self.amount_text.setText(format_money(amount) if amount is not None
                                     else _("none paid"))

    def entry(self) -> StepEntry:
        return StepEntry(on=self.day.date().toPython(),  # type: ignore[arg-type]
                         outcome=self.outcome.toPlainText(), amount=self.amount_value())

    def problems(self) -> dict[str, str]:
        row = self.line.row
        return texts_of(check_step(self.step, self.entry(), row.referred_on, row.accepted_on,
                                   self.day_today()))

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today, step = self.database, self.actor, self.today, self.step
        referral_id, version, entry = self.line.row.id, self.line.row.version, self.entry()

        def write() -> uuid.UUID:
            record_step(database, actor, referral_id, version, step, entry, today=today)
            return referral_id

        return write

    def retranslate(self) -> None:
        s = ReferralStatus
        titles = {s.ACCEPTED: _("The provider accepted the referral"),
                  s.COMPLETED: _("The referral is completed"),
                  s.REFUSED: _("The provider refused the referral"),
                  s.NO_RESPONSE: _("No response from the provider"),
                  s.CANCELLED: _("Cancel the referral")}
        hints = {s.ACCEPTED: _("The provider took the client on; record the outcome once the "
                               "service is delivered."),
                 s.COMPLETED: _("The service was delivered. Where it pays the client (a "
                                "benefit, material help), give the amount received."),
                 s.REFUSED: _("The provider will not deliver the service to the client: "
                              "record the reason it gave."),
                 s.NO_RESPONSE: _("The provider never answered. An answer that comes later "
                                  "can still be recorded."),
                 s.CANCELLED: _("The center withdraws the referral: the client no longer "
                                "needs it, or it was made by mistake.")}
        days = {s.ACCEPTED: _("&Accepted on:"), s.COMPLETED: _("&Completed on:"),
                s.REFUSED: _("Re&fused on:"), s.NO_RESPONSE: _("&Day:"),
                s.CANCELLED: _("With&drawn on:")}
        texts = {s.COMPLETED: _("What was &done:"), s.REFUSED: _("The provider's r&eason:"),
                 s.CANCELLED: _("&Why the center withdraws it:")}
        oks = {s.ACCEPTED: _("&Record the acceptance"), s.COMPLETED: _("&Record the completion"),
               s.REFUSED: _("&Record the refusal"), s.NO_RESPONSE: _("&Record no response"),
               s.CANCELLED: _("Withdraw the &referral")}
        self.setWindowTitle(titles[self.step])
        self.summary.setText(summary_text(self.line))
        self.hint.setText(hints[self.step])
        self.form.set_label(DAY, days[self.step])
        self.form.set_label(OUTCOME, texts.get(self.step, _("&Note:")))
        self.outcome.setPlaceholderText(
            _("Required: the reason, in a few words") if self.step in (s.REFUSED, s.CANCELLED)
            else _("Optional"))
        if self.amount is not None:
            self.form.set_label(AMOUNT, _("A&mount paid, ₸:"))
            self.amount.setToolTip(_("Leave it at “—” when the service paid nothing"))
            self._show_amount()
        self.ok_button().setText(oks[self.step])


def open_step(tab: Any, step: ReferralStatus) -> StepDialog | None:
    """The step's dialog for the line chosen in ``tab`` (a list of referrals with
    ``selected``, ``may_work``, ``open_dialog``), if that step follows from it."""
    line = tab.selected()
    if line is None or not tab.may_work() or not may_take(line, step):
        return None
    tab.open_dialog(StepDialog(tab.database, tab.actor, line, step, tab, today=tab.today))
    return tab.dialog  # type: ignore[no-any-return]
