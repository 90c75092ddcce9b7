"""A name in Hanzi or Mongolian script prints in a font that has its letters, not as boxes."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from desktop.reports.pdf_consultation import write_consultation_pdf
from desktop.reports.pdf_scripts import FALLBACKS, markup
from tests.reports.sample import sample_consultation


def installed(name: str) -> bool:
    _name, files, folders = next(f for f in FALLBACKS if f[0] == name)
    return any((folder / file).is_file() for file in files for folder in folders)


@pytest.mark.skipif(not (installed("QadamHan") and installed("QadamMongolian")),
                    reason="the fonts scripts/setup.sh installs as root are missing")
def test_a_name_in_its_own_script_is_printed_in_fonts_that_have_it() -> None:
    record = replace(sample_consultation("kk"), client_name_original="阿依古丽 ᠠᠶᠢᠭᠦᠯ")
    pdf = io.BytesIO()
    write_consultation_pdf(record, pdf)
    page = PdfReader(io.BytesIO(pdf.getvalue())).pages[0]
    fonts = {str(font["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    assert {"DejaVuSans", "DroidSansFallback", "NotoSansMongolian-Regular"} <= fonts
    assert "阿依古丽" in page.extract_text()


def test_cyrillic_and_latin_stay_in_the_paragraphs_own_font_and_markup_is_escaped() -> None:
    assert markup("Өмірзақова <b>&") == "Өмірзақова &lt;b&gt;&amp;"
