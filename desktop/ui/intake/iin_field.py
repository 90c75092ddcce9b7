"""An IIN editor that says what is wrong as you type, and warns without refusing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop.domain.iin import IIN_LENGTH, IinCheck, IinProblem, check_iin
from desktop.i18n import _
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(20)  # room for the spaces and dashes people type
        self.edit.setClearButtonEnabled(True)
        self.problem = problem_label(self)
        self.warning = problem_label(self, WARNING_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.warning)
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
        self.edit.setAccessibleDescription(
            "\n".join(t for t in (self.problem_text(), *self._warnings) if t))

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_("12 digits"))
        self._refresh()
