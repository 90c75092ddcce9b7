"""Reading a clients file as it comes: CSV in UTF-8 (with or without BOM) or Windows-1251,
separated by commas or semicolons, or an XLSX workbook's first sheet.

What comes out is a ``Sheet``: the header row and the data rows as cell values (text,
dates, numbers), each row with its number in the file as a spreadsheet shows it. A file
that holds no table at all raises ``UnreadableFile`` with the reason; what is wrong with
single rows is the import's to say.
"""

from __future__ import annotations

import csv
import enum
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.i18n import _
from desktop.services.access import pure

SUFFIXES = (".csv", ".xlsx")
SEPARATORS = (",", ";")
SNIFF_BYTES = 64 * 1024
MAX_FILE_BYTES = 200 * 1024 * 1024  # far beyond any center's register; refuses a disk image


class FileProblem(enum.Enum):
    SUFFIX = "suffix"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    TOO_BIG = "too_big"
    EMPTY = "empty"
    NO_ROWS = "no_rows"
    BINARY = "binary"
    NOT_XLSX = "not_xlsx"


class UnreadableFile(Exception):
    def __init__(self, problem: FileProblem, path: Path, detail: str = "") -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.path = path
        self.detail = detail

    def message(self) -> str:
        name = self.path.name
        return {
            FileProblem.SUFFIX: _("{name}: Qadam imports .csv and .xlsx files."),
            FileProblem.MISSING: _("{name}: no such file."),
            FileProblem.UNREADABLE: _("{name} cannot be read: {detail}"),
            FileProblem.TOO_BIG: _("{name} is too large to be a list of clients."),
            FileProblem.EMPTY: _("{name} is empty."),
            FileProblem.NO_ROWS: _("{name} holds a header row but no clients."),
            FileProblem.BINARY: _("{name} is not a text table: it holds binary data. Save it "
                                  "from the spreadsheet program as CSV or XLSX."),
            FileProblem.NOT_XLSX: _("{name} is not an XLSX workbook, or it is damaged."),
        }[self.problem].format(name=name, detail=self.detail)


Cell = str | date | datetime | int | float | bool | None


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it: the header is row 1
    cells: tuple[Cell, ...]
    # When the row has another count of cells than the header: what it holds instead.
    width_problem: str | None = None  # "too_many" / "too_few" / "separator"


@dataclass(frozen=True)
class Sheet:
    name: str  # the file's name, for messages and the audit log
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str = ""  # for a CSV: utf-8 or cp1251
    separator: str = ""


@pure
def read_sheet(path: Path) -> Sheet:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(FileProblem.SUFFIX, path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile(FileProblem.MISSING, path) from None
    except OSError as error:
        raise UnreadableFile(FileProblem.UNREADABLE, path, error.strerror or "") from None
    if size == 0:
        raise UnreadableFile(FileProblem.EMPTY, path)
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(FileProblem.TOO_BIG, path)
    try:
        return _read_xlsx(path) if suffix == ".xlsx" else _read_csv(path)
    except (IsADirectoryError, PermissionError) as error:
        raise UnreadableFile(FileProblem.UNREADABLE, path, error.strerror or "") from None


# ---- CSV ----------------------------------------------------------------------------------------

def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    text, encoding = _decoded(data, path)
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not any(line.strip() for line in lines):
        raise UnreadableFile(FileProblem.EMPTY, path)
    separator = _separator(lines[0])
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    records = [record for record in records if any(cell.strip() for cell in record)]
    header = tuple(cell.strip() for cell in records[0])
    width = len(header)
    other = ";" if separator == "," else ","
    rows = []
    numbers = _record_line_numbers(text, separator)  # one per record, as records are kept
    for number, record in zip(numbers[1:], records[1:], strict=True):
        problem = None
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            problem = "too_many"
        elif len(record) < width:
            joined = separator.join(record)
            problem = ("separator" if len(next(csv.reader([joined], delimiter=other))) >= width
                       else "too_few")
        rows.append(Row(number, tuple(record[:width]), problem))
    if not rows:
        raise UnreadableFile(FileProblem.NO_ROWS, path)
    return Sheet(path.name, header, tuple(rows), encoding, separator)


def _decoded(data: bytes, path: Path) -> tuple[str, str]:
    head = data[:SNIFF_BYTES]
    if b"\x00" in head or _control_share(head) > 0.05:
        raise UnreadableFile(FileProblem.BINARY, path)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1251 decodes almost any byte: what is left of a binary file after the check
    # above still shows as nonsense cells, each refused by its column's rules.
    return data.decode("cp1251", errors="replace"), "cp1251"


def _control_share(head: bytes) -> float:
    if not head:
        return 0.0
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    return control / len(head)


def _separator(header_line: str) -> str:
    """The separator the header row uses: the one of , and ; that splits it into more
    cells (a header holds no separators of its own; ties go to the comma)."""
    counts = {sep: len(next(csv.reader([header_line], delimiter=sep))) for sep in SEPARATORS}
    return max(SEPARATORS, key=lambda sep: (counts[sep], sep == ","))


def _record_line_numbers(text: str, separator: str) -> list[int]:
    """The line each non-empty record starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    numbers = []
    line = 1
    for record in reader:
        if any(cell.strip() for cell in record):
            numbers.append(line)
        line = reader.line_num + 1
    return numbers


# ---- XLSX ---------------------------------------------------------------------------------------

def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook  # only when importing a workbook: start-up time

    if not zipfile.is_zipfile(path):
        raise UnreadableFile(FileProblem.NOT_XLSX, path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise UnreadableFile(FileProblem.NOT_XLSX, path) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise UnreadableFile(FileProblem.EMPTY, path)
        records = [(number, values) for number, values in
                   enumerate(sheet.iter_rows(values_only=True), start=1)
                   if any(_present(value) for value in values)]
    finally:
        workbook.close()
    if not records:
        raise UnreadableFile(FileProblem.EMPTY, path)
    _header_number, header_values = records[0]
    header = tuple("" if value is None else str(value).strip() for value in header_values)
    while header and not header[-1]:
        header = header[:-1]
    width = len(header)
    rows = []
    for number, values in records[1:]:
        cells = tuple(values[:width])
        extra = any(_present(value) for value in values[width:])
        cells += (None,) * (width - len(cells))
        rows.append(Row(number, cells, "too_many" if extra else None))
    if not rows:
        raise UnreadableFile(FileProblem.NO_ROWS, path)
    return Sheet(path.name, header, tuple(rows))


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
