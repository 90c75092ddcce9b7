"""Names in scripts DejaVu Sans lacks (Hanzi, Mongolian) printed in a font that has them.

reportlab draws a character its font lacks as an empty box, and picks no other font by
itself. ``markup`` escapes a text for a Paragraph and puts each run of characters
DejaVu cannot draw in the first fallback font that can. The fallbacks are the
system's: the set-up installs them on Debian (``fonts-droid-fallback`` for Chinese,
``fonts-noto-core`` for Mongolian), Windows has its own; a font shipped in
``resources/fonts`` under the same file name is preferred. Without any, the text is
printed as before, and the log says which script had no font.

Only TrueType outlines will do: reportlab cannot embed the CFF outlines of
Noto Sans CJK's OpenType files, hence Droid Sans Fallback for Hanzi.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import RESOURCES

log = logging.getLogger(__name__)

MAIN_FONT_FILE = RESOURCES / "fonts" / "DejaVuSans.ttf"

# (name registered with reportlab, file names to look for, where to look)
FALLBACKS: tuple[tuple[str, tuple[str, ...], tuple[Path, ...]], ...] = (
    ("QadamHan", ("DroidSansFallbackFull.ttf", "DroidSansFallback.ttf", "wqy-microhei.ttc",
                  "simsun.ttc", "msyh.ttc"),
     (RESOURCES / "fonts", Path("/usr/share/fonts/truetype/droid"),
      Path("/usr/share/fonts/truetype/wqy"), Path("C:/Windows/Fonts"))),
    ("QadamMongolian", ("NotoSansMongolian-Regular.ttf", "monbaiti.ttf"),
     (RESOURCES / "fonts", Path("/usr/share/fonts/truetype/noto"), Path("C:/Windows/Fonts"))),
)


@cache
def _coverage() -> tuple[frozenset[int], tuple[tuple[str, frozenset[int]], ...]]:
    """What DejaVu Sans draws, and each fallback font found with what it draws."""
    main = frozenset(TTFont("QadamCoverage", str(MAIN_FONT_FILE)).face.charToGlyph)
    found = []
    for name, files, folders in FALLBACKS:
        path = next((folder / file for file in files for folder in folders
                     if (folder / file).is_file()), None)
        if path is None:
            continue
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except Exception:  # a font reportlab cannot read (CFF outlines): look no further
            log.warning("cannot use %s for printing", path, exc_info=True)
            continue
        pdfmetrics.registerFont(font)
        found.append((name, frozenset(font.face.charToGlyph)))
    return main, tuple(found)


def _font_for(char: str) -> str | None:
    """None: the paragraph's own font draws it."""
    main, fallbacks = _coverage()
    code = ord(char)
    if code in main or char.isspace():
        return None
    for name, covered in fallbacks:
        if code in covered:
            return name
    _no_font(unicodedata.name(char, "").split(" ")[0])
    return None


@cache
def _no_font(script: str) -> None:
    log.warning("no font installed prints %s letters: install fonts-droid-fallback and "
                "fonts-noto-core (scripts/setup.sh does)", script or "some")


def _runs(text: str) -> Iterator[tuple[str | None, str]]:
    start, current = 0, _font_for(text[0]) if text else None
    for index in range(1, len(text)):
        font = current if text[index].isspace() else _font_for(text[index])
        if font != current:
            yield current, text[start:index]
            start, current = index, font
    if text:
        yield current, text[start:]


def markup(text: str) -> str:
    """``text`` as Paragraph markup: escaped, each run DejaVu lacks in a font that has it."""
    main, _fallbacks = _coverage()
    if all(ord(char) in main for char in text):  # nearly always: Cyrillic and Latin
        return escape(text)
    return "".join(escape(part) if font is None else f'<font name="{font}">{escape(part)}</font>'
                   for font, part in _runs(text))
