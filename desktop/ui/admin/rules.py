"""The Rules tab: the center's thresholds (when a low attendance raises a follow-up...).

One spin box per setting of ``center_settings.SETTINGS``, so a setting added there
appears here with its range and unit; saved all at once, each checked by the service.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from db.session import Database
from desktop.i18n import _
from desktop.services import center_settings
from desktop.services.access import Actor
from desktop.ui.admin.common import ERROR_STYLE, CheckedForm
from desktop.ui.operations import Failure, Operation


class RulesTab(QWidget):
    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.read: dict[str, int] = {}
        self.boxes: dict[str, QSpinBox] = {}
        self.form = CheckedForm()
        for key, setting in center_settings.SETTINGS.items():
            box = QSpinBox(self)
            box.setRange(setting.minimum, setting.maximum)
            box.setValue(setting.default)
            self.boxes[key] = box
            self.form.add(key, box, self)
        self.save_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        for key, setting in center_settings.SETTINGS.items():
            self.form.set_label(key, _(setting.label))
            self.boxes[key].setSuffix(f" {_(setting.unit)}" if setting.unit else "")
        self.save_button.setText(_("&Save"))

    def reload(self) -> None:
        database, actor = self.database, self.actor
        Operation(self, lambda: center_settings.settings_now(database, actor),
                  name="center settings").superseding((RulesTab, id(self))) \
            .done(self._loaded).failed(self._refused).run()

    def _loaded(self, values: dict[str, int]) -> None:
        self.read = values
        for key, value in values.items():
            self.boxes[key].setValue(value)

    def save(self) -> None:
        changed = {key: box.value() for key, box in self.boxes.items()
                   if box.value() != self.read.get(key)}
        if not changed:
            self._say(_("Saved."))
            return
        database, actor = self.database, self.actor

        def write() -> None:
            for key, value in changed.items():
                center_settings.set_setting(database, actor, key, value)

        self.save_button.setEnabled(False)
        Operation(self, write, writes=True, name="save center settings") \
            .done(lambda _none: self._saved(changed)).failed(self._refused).run()

    def _saved(self, changed: dict[str, int]) -> None:
        self.save_button.setEnabled(True)
        self.read.update(changed)
        self._say(_("Saved."))

    def _refused(self, failure: Failure) -> None:
        self.save_button.setEnabled(True)
        self._say(failure.message, error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
