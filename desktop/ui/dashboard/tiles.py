"""The dashboard's pieces that draw: a figure's tile (this month so far, beside the same
days of last month, over a sparkline of the last 12 months) and the sparkline itself.

A tile is a button: a click, Enter or Space asks for the clients behind its figure. Its
labels let the clicks through; the sparkline only draws; the same days of last month are
a flat button of their own, for the clients behind that figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktop.i18n import _, format_number

BAR = QColor("#2f6f9f")  # the months over
BAR_SO_FAR = QColor("#9cc0dc")  # this month, not over yet: lighter, so a dip reads as such


def change_text(value: int, before: int) -> str:
    """"+12", "−3" (a minus sign, not a hyphen) or "±0"."""
    difference = value - before
    if difference > 0:
        return "+" + format_number(difference)
    if difference < 0:
        return "−" + format_number(-difference)
    return "±0"


class Sparkline(QWidget):
    """Bars of the months, oldest first; the last one lighter while it is not over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[int] = []
        self.last_so_far = True
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, values: Sequence[int], last_so_far: bool = True) -> None:
        self.values = list(values)
        self.last_so_far = last_so_far
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 30)

    def minimumSizeHint(self) -> QSize:
        return QSize(72, 30)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.values:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        width, height = self.width(), self.height()
        top = max(self.values) or 1
        step = width / len(self.values)
        gap = min(3.0, step * 0.25)
        for i, value in enumerate(self.values):
            bar = max(1.0, (height - 1) * value / top) if value else 1.0
            last = i == len(self.values) - 1
            painter.setBrush(BAR_SO_FAR if last and self.last_so_far else BAR)
            painter.drawRect(QRectF(i * step + gap / 2, height - bar, step - gap, bar))
        painter.end()


class FigureTile(QPushButton):
    """One figure of this month so far; ``clicked`` asks for the clients behind it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"tile_{key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.value = QLabel("—", self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        # The same days of last month: a figure too, with clients of its own behind it.
        self.compared = QPushButton(self)
        self.compared.setObjectName("compared")
        self.compared.setFlat(True)
        self.compared.setCursor(Qt.CursorShape.PointingHandCursor)
        self.compared.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.compared.setStyleSheet(
            "QPushButton#compared { text-align: left; border: none; padding: 0;"
            " color: #4a5560; background: transparent; }"
            " QPushButton#compared:hover { color: #2f6f9f; text-decoration: underline; }")
        self.sparkline = Sparkline(self)
        for label in (self.title, self.value):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        middle = QHBoxLayout()
        middle.addWidget(self.value)
        middle.addSpacing(8)
        middle.addWidget(self.sparkline, 1, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addLayout(middle)
        layout.addWidget(self.compared)
        layout.addStretch(1)  # a row made taller by a neighbour's long title: kept at the top
        self.setStyleSheet(
            "FigureTile { text-align: left; border: 1px solid #c9d3dd; border-radius: 6px;"
            " background: #fbfcfe; }"
            " FigureTile:hover { border-color: #2f6f9f; background: #f1f6fb; }"
            " FigureTile:focus { border: 2px solid #2f6f9f; }")

    def show_figure(self, title: str, value: int, before: int, months: Sequence[int],
                    hint: str) -> None:
        self.title.setText(title)
        self.value.setText(format_number(value))
        self.compared.setText(_("Same days last month: {count} ({change})").format(
            count=format_number(before), change=change_text(value, before)))
        self.compared.setToolTip(_("Click to list the clients of the same days of last "
                                   "month"))
        self.sparkline.set_values(months)
        self.setToolTip(hint)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)
        self.updateGeometry()

    def show_title(self, title: str) -> None:
        """Before the figures are in: the title alone."""
        self.title.setText(title)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else -1
