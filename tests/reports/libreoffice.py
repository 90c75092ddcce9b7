"""Reading an XLSX file the way LibreOffice sees it, for the formula-injection tests.

openpyxl reading back what openpyxl wrote proves little about what a spreadsheet
does with the file; LibreOffice, where installed, opens it as a user would and
writes what each cell shows to CSV: a formula would show its result, not its text.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

# Comma, double quote, UTF-8 (76): LibreOffice's defaults depend on the locale.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76"
# A cold start of LibreOffice on a loaded two-core machine takes tens of seconds.
TIMEOUT = 240


def libreoffice_csv(workbook: Path, folder: Path) -> list[list[str]]:
    """The first sheet of ``workbook`` as LibreOffice shows it; skips without LibreOffice."""
    program = shutil.which("libreoffice") or shutil.which("soffice")
    if program is None:
        pytest.skip("LibreOffice is not installed: the file is only checked with openpyxl")
    folder.mkdir(parents=True, exist_ok=True)
    # A profile of its own: the user's (or a running instance's) would be locked or slow.
    profile = folder / "profile"
    subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", CSV_FILTER, "--outdir", str(folder),
                    str(workbook)], check=True, capture_output=True, timeout=TIMEOUT)
    with (folder / f"{workbook.stem}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))
