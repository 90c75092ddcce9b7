"""The monthly report's charts, drawn with reportlab.graphics in DejaVu.

Bars run horizontally and pies carry a legend instead of slice labels: category
names here are long ("Шетелдік жұмыскер (жұмыс берушіге берілген рұқсат
бойынша)"), and only a wrapped label beside its bar stays readable in every
language at A4 width.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.reports.pdf_common import (
    ACCENT,
    FONT,
    INK,
    MUTED,
    RULE,
    number,
    percent,
    register_fonts,
)

Item = tuple[str, float]  # label in the report's language, value

FONT_SIZE = 8
LEADING = 9.6
BAR_HEIGHT = 10
ROW_GAP = 4
MAX_LABEL_LINES = 3
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = tuple(colors.HexColor(code) for code in (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
    "#1f5f74", "#8c6bb1",
))


def has_values(items: Sequence[Item]) -> bool:
    return any(value > 0 for _label, value in items)


def _lines(text: str, width: float) -> list[str]:
    lines = simpleSplit(text, FONT, FONT_SIZE, width) or [""]
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[:MAX_LABEL_LINES]
        last = lines[-1]
        while last and stringWidth(last + "…", FONT, FONT_SIZE) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _text_block(drawing: Drawing, lines: Sequence[str], x: float, middle: float,
                colour: colors.Color = INK) -> None:
    """Draws lines of text vertically centred on ``middle``."""
    top = middle + (len(lines) - 1) * LEADING / 2
    for index, line in enumerate(lines):
        # 0.35 em below the centre line puts the x-height in the middle.
        drawing.add(String(x, top - index * LEADING - FONT_SIZE * 0.35, line,
                           fontName=FONT, fontSize=FONT_SIZE, fillColor=colour))


def bar_chart(items: Sequence[Item], language: str, width: float) -> Drawing:
    """One horizontal bar per item, its label wrapped on the left and its value at the end."""
    register_fonts()
    values = [number(value, language) for _label, value in items]
    label_width = width * 0.38
    value_width = max(stringWidth(text, FONT, FONT_SIZE) for text in values) + 6
    bar_left = label_width + 8
    bar_room = max(width - bar_left - value_width, 10)
    largest = max(value for _label, value in items) or 1
    rows = [_lines(label, label_width) for label, _value in items]
    heights = [max(len(lines) * LEADING, BAR_HEIGHT) + ROW_GAP for lines in rows]
    height = sum(heights) + 4
    drawing = Drawing(width, height, initialFontName=FONT)
    y = height - 2
    for (_label, value), lines, text, row_height in zip(items, rows, values, heights,
                                                        strict=True):
        middle = y - row_height / 2
        _text_block(drawing, lines, 0, middle)
        length = bar_room * value / largest
        drawing.add(Rect(bar_left, middle - BAR_HEIGHT / 2, length, BAR_HEIGHT,
                         fillColor=ACCENT, strokeColor=None))
        drawing.add(String(bar_left + length + 3, middle - FONT_SIZE * 0.35, text,
                           fontName=FONT, fontSize=FONT_SIZE, fillColor=INK))
        y -= row_height
    drawing.add(Line(bar_left, 2, bar_left, height - 2, strokeColor=RULE, strokeWidth=0.6))
    return drawing


def pie_chart(items: Sequence[Item], language: str, width: float,
              diameter: float = 120) -> Drawing:
    """A pie of the positive items with a legend of label, value and share beside it."""
    register_fonts()
    items = [(label, value) for label, value in items if value > 0]
    whole = sum(value for _label, value in items)
    legend_left = diameter + 24
    figures = [f"{number(value, language)} ({percent(value / whole, language)})"
               for _label, value in items]
    figure_width = max(stringWidth(text, FONT, FONT_SIZE) for text in figures)
    swatch = 8
    label_left = legend_left + swatch + 5
    label_width = max(width - label_left - figure_width - 10, 40)
    rows = [_lines(label, label_width) for label, _value in items]
    widest = max(stringWidth(line, FONT, FONT_SIZE) for lines in rows for line in lines)
    # Figures right after the longest label, not at the far margin, so the eye can follow.
    figure_right = label_left + widest + 14 + figure_width
    heights = [max(len(lines) * LEADING, swatch) + ROW_GAP for lines in rows]
    height = max(diameter + 8, sum(heights) + 4)
    drawing = Drawing(width, height, initialFontName=FONT)

    pie = Pie()
    pie.x, pie.y = 4, (height - diameter) / 2
    pie.width = pie.height = diameter
    pie.data = [value for _label, value in items]
    pie.labels = None
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.fontName = FONT
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for index in range(len(items)):
        pie.slices[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(pie)

    y = height - (height - sum(heights)) / 2
    for index, (lines, text, row_height) in enumerate(zip(rows, figures, heights,
                                                          strict=True)):
        middle = y - row_height / 2
        drawing.add(Rect(legend_left, middle - swatch / 2, swatch, swatch,
                         fillColor=PALETTE[index % len(PALETTE)], strokeColor=None))
        _text_block(drawing, lines, label_left, middle)
        drawing.add(String(figure_right, middle - FONT_SIZE * 0.35, text, fontName=FONT,
                           fontSize=FONT_SIZE, fillColor=MUTED, textAnchor="end"))
        y -= row_height
    return drawing


def column_chart(items: Sequence[Item], language: str, width: float,
                 height: float = 96) -> Drawing:
    """One upright bar per item, left to right (a trend: a month each), its value above it
    and its label under it; a label's lines are split at "\\n" ("Nov" over "2026")."""
    register_fonts()
    values = [number(value, language) for _label, value in items]
    labels = [label.split("\n") for label, _value in items]
    label_lines = max((len(lines) for lines in labels), default=1)
    bottom = label_lines * LEADING + 4  # the labels under the baseline
    top = FONT_SIZE + 4  # a value above the tallest bar
    room = max(height - bottom - top, 10)
    slot = width / max(len(items), 1)
    bar = min(slot * 0.62, 36)
    largest = max((value for _label, value in items), default=0) or 1
    drawing = Drawing(width, height, initialFontName=FONT)
    for index, ((_label, value), text, lines) in enumerate(zip(items, values, labels,
                                                               strict=True)):
        middle = slot * index + slot / 2
        length = room * value / largest
        drawing.add(Rect(middle - bar / 2, bottom, bar, length, fillColor=ACCENT,
                         strokeColor=None))
        size = FONT_SIZE
        while size > 5 and stringWidth(text, FONT, size) > slot - 2:
            size -= 0.5
        drawing.add(String(middle, bottom + length + 2.5, text, fontName=FONT,
                           fontSize=size, fillColor=INK, textAnchor="middle"))
        for line_index, line in enumerate(lines):
            drawing.add(String(middle, bottom - 2 - (line_index + 1) * LEADING + 2, line,
                               fontName=FONT, fontSize=FONT_SIZE,
                               fillColor=INK if line_index == 0 else MUTED,
                               textAnchor="middle"))
    drawing.add(Line(0, bottom, width, bottom, strokeColor=RULE, strokeWidth=0.6))
    return drawing
