"""An IIN editor that says what is wrong as you type, and warns without refusing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain.iin import IIN_LENGTH, IinCheck, IinProblem, check_iin
from desktop.i18n import _
from desktop.services.intake import IinHolder
from desktop.services.messages import iin_problem
from desktop.ui.intake.widgets import WARNING_STYLE, problem_label, show_message


class IinField(QWidget):
    """The IIN line edit, its hard problem (red) and soft warnings (amber) beneath it.

    While the number is still being typed (digits only, fewer than 12), "too
    short" is not said yet; it is once the field is left or :meth:`finish` is
    called. An empty field has no problem of its own: whether an IIN is
    required is the form's rule, shown through :meth:`set_outside_problem`.
    """

    changed = Signal()
    open_holder = Signal(object)  # the person the IIN is registered to: open their file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(20)  # room for the spaces and dashes people type
        self.edit.setClearButtonEnabled(True)
        self.problem = problem_label(self)
        self.warning = problem_label(self, WARNING_STYLE)
        # Whose IIN it is, said as soon as it is typed (not after Save, among similar names).
        self.holder_text = problem_label(self)
        self.holder_button = QPushButton(self)
        self.holder_button.hide()
        self.holder_button.clicked.connect(self._open_holder)
        self._holder: IinHolder | None = None
        holder = QHBoxLayout()
        holder.addWidget(self.holder_text, 1)
        holder.addWidget(self.holder_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.warning)
        layout.addLayout(holder)
        self.setFocusProxy(self.edit)
        self._finished = False
        self._outside: str = ""
        self._warnings: list[str] = []
        self.edit.textEdited.connect(self._edited)
        self.edit.textChanged.connect(lambda _text: self._refresh())
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self.finish)
        self.retranslate()

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def check(self) -> IinCheck:
        return check_iin(self.edit.text())

    def hard_problem(self) -> IinProblem | None:
        """What is wrong with the number as typed so far (None when empty or still typing)."""
        if not self.edit.text().strip():
            return None
        check = self.check()
        still_typing = (not self._finished and check.problem is IinProblem.LENGTH
                        and len(check.value) < IIN_LENGTH)
        return None if still_typing else check.problem

    def finish(self) -> None:
        """Typing is over: say everything, "too short" included."""
        self._finished = True
        self._refresh()

    def set_outside_problem(self, text: str) -> None:
        """A problem from the form's rules (e.g. required), shown when the IIN has none."""
        self._outside = text
        self._refresh()

    def set_warnings(self, texts: list[str]) -> None:
        self._warnings = texts
        show_message(self.warning, "\n".join(texts))
        self._describe()

    def show_holder(self, holder: IinHolder | None) -> None:
        """Who the typed IIN is registered to (None: nobody, or not a whole valid IIN)."""
        self._holder = holder
        self._show_holder()

    @property
    def holder(self) -> IinHolder | None:
        return self._holder

    def _show_holder(self) -> None:
        holder = self._holder
        if holder is None:
            text = ""
        elif holder.accessible:
            text = _("This IIN is registered to {name} ({office}): the client is already in "
                     "Qadam.").format(name=holder.name, office=holder.office_code)
        else:
            text = _("This IIN is registered to {name} at the {office} office: ask its "
                     "caseworkers or a manager.").format(name=holder.name,
                                                          office=holder.office_code)
        show_message(self.holder_text, text)
        self.holder_button.setVisible(holder is not None and holder.accessible)
        self._describe()

    def _open_holder(self) -> None:
        if self._holder is not None:
            self.open_holder.emit(self._holder.id)

    def problem_text(self) -> str:
        problem = self.hard_problem()
        return iin_problem(problem) if problem is not None else self._outside

    def _edited(self, _text: str) -> None:
        self._finished = False

    def _refresh(self) -> None:
        show_message(self.problem, self.problem_text())
        self._describe()

    def _describe(self) -> None:
        # Screen readers read the description with the field: the problem and the warnings.
        self.edit.setAccessibleDescription("\n".join(
            t for t in (self.problem_text(), *self._warnings, self.holder_text.text()) if t))

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_("12 digits"))
        self.holder_button.setText(_("&Open their file"))
        self._show_holder()
        self._refresh()
