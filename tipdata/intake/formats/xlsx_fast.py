"""A fast path for XLSX sheets that fit a memory budget: python-calamine (Rust), ADR 0006.

openpyxl's streaming reader parses a sheet in Python, too slowly for issue 5's import rate.
calamine parses the chosen sheet into Rust memory about ten times faster, so :func:`read_table`
uses it when the sheet fits ``TIPDATA_XLSX_FAST_MAX_BYTES`` (environment; default
:data:`DEFAULT_MAX_BYTES`, 0 turns the fast path off). calamine keeps a dense grid of 32 bytes a
cell and a copy of a shared string for every cell that uses it, so a sheet fits when both of
these are within the budget:

* the sheet's XML, uncompressed (and the file itself, which calamine reads into memory);
* calamine's cells: its grid, 32 bytes x last row x last column (two far-apart cells in a tiny
  file would otherwise cost gigabytes), plus the shared strings the cells copy (the sum, over
  the cells, of their string's size: one long string in every cell would cost as much).

At 64 MiB the peak RSS of a read stays under ~200 MB (measured, ADR 0006).

Larger sheets, and anything this module is not sure it reads exactly as openpyxl does, stream
through openpyxl as before: :func:`calamine_rows` returns None and the caller takes the openpyxl
path, which also words every error (damaged file, missing sheet...).

The rows are those of the openpyxl path, cell for cell: ``normalise_cell`` on the same values,
Excel's row numbers, column A first, trailing empty cells dropped. Where the two libraries read
a cell differently, the sheet is left to openpyxl; a scan of the XML finds those cases first:

* error cells (``t="e"``, e.g. ``#N/A``): openpyxl gives the error text, calamine "";
* ISO date cells (``t="d"``), and date-formatted numbers outside Excel's dates (negative, or
  after 9999-12-31): openpyxl and calamine turn them into different things;
* integer literals of 16 digits or more: openpyxl keeps them as ints ("1234567890123456"),
  calamine as floats ("1234567890123456.0");
* ``_xHHHH_`` escapes and phonetic runs (``<rPh>``), which openpyxl leaves as they are;
* cells or rows without a reference (``r="B7"``), whose place calamine and openpyxl may count
  differently.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

__all__ = ["BUDGET_VARIABLE", "DEFAULT_MAX_BYTES", "calamine_rows", "max_bytes"]

BUDGET_VARIABLE = "TIPDATA_XLSX_FAST_MAX_BYTES"
DEFAULT_MAX_BYTES = 64 << 20  # ~180,000 rows of 6 columns; see ADR 0006 for the memory

CELL_BYTES = 32  # calamine's Data: one per cell of the grid from A1 to the last cell
_CHUNK = 1 << 20

_SHEET_PATTERNS = (
    re.compile(rb"""t=["'][ed]["']"""),  # error and ISO date cells
    re.compile(rb"<v>\d{16,}</v>"),  # an integer openpyxl reads as int, calamine as float
    re.compile(rb"x[0-9A-Fa-f]{4}_"),  # _xHHHH_ escapes (and openpyxl's x005F_ quirk)
    re.compile(rb'<c(?:>|/>|\s(?!r="))'),  # a cell without its reference first
    re.compile(rb'<row(?:>|\s(?!r="))'),  # a row without its number first
)
_STRING_HAZARDS = (b"<rPh",)
_STRING_PATTERNS = (re.compile(rb"x[0-9A-Fa-f]{4}_"),)
_ROW_NUMBERS = re.compile(rb'<row r="(\d+)"')
_WIDE_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})\d')
# A column past column N (N = 0..25): '<c r="([B-Z]|[A-Z]{2,3})\d' for N = 1, and so on.
_COLUMN_PAST = [re.compile(rb'<c r="([%c-Z]|[A-Z]{2,3})\d' % (65 + known)) for known in range(26)]
_STRING_CELL = re.compile(rb't="s"[^>]*><v>(\d+)</v>')
_SHARED = re.compile(rb"<si\b")
# Numbers that may lie outside Excel's dates: negative, 7+ digits, exponents. Only those in
# date-formatted cells send the sheet to openpyxl.
_ODD_NUMBER = re.compile(rb"<v>(?:-|\d{7}|[\d.]+[Ee])")
_TYPE = re.compile(rb'\st="(\w+)"')
_STYLE = re.compile(rb'\ss="(\d+)"')

Rows = Iterator[tuple[int, Sequence[str | None]]]


def max_bytes() -> int:
    """The budget in bytes (see the module docstring); 0 turns the fast path off."""
    text = os.environ.get(BUDGET_VARIABLE, "").strip()
    try:
        return max(0, int(text)) if text else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def calamine_rows(
    binary: IO[bytes],
    pick: Callable[[list[str]], str],
    normalise: Callable[[object], str | None],
    *,
    budget: int | None = None,
) -> tuple[Rows, str, list[Any]] | None:
    """The chosen sheet's rows read by calamine, or None to let openpyxl read the file.

    ``pick`` chooses a title among the worksheets' (in workbook order, as openpyxl lists them)
    and raises when there is no such sheet; ``normalise`` turns a cell into text. ``binary``
    is left at offset 0 whatever happens.
    """
    budget = max_bytes() if budget is None else budget
    if budget <= 0:
        return None
    try:
        return _calamine_rows(binary, pick, normalise, budget)
    except Exception:  # any doubt about the file: openpyxl reads it and words the error
        return None
    finally:
        binary.seek(0)


def _calamine_rows(
    binary: IO[bytes],
    pick: Callable[[list[str]], str],
    normalise: Callable[[object], str | None],
    budget: int,
) -> tuple[Rows, str, list[Any]] | None:
    import python_calamine

    binary.seek(0, os.SEEK_END)
    if binary.tell() > budget:  # calamine reads the whole (compressed) file into memory
        return None
    binary.seek(0)
    package = _Package(binary)
    try:
        title = pick(list(package.sheets))
        facts = package.scan_sheet(package.sheets[title], budget)
        if facts is None or not package.fits(facts, budget):
            return None
    finally:
        package.archive.close()
    binary.seek(0)
    workbook = python_calamine.CalamineWorkbook.from_filelike(binary)
    try:
        sheet = workbook.get_sheet_by_name(title)
        start = sheet.start
    except BaseException:
        workbook.close()
        raise
    return _rows(sheet, start, facts.last_row, normalise), title, [workbook]


class _Facts:
    """What the scan of a sheet's XML found: its extent and the shared strings it uses."""

    def __init__(self) -> None:
        self.last_row = 0
        self.last_column = 0
        self.strings: Counter[bytes] = Counter()


class _Package:
    """What openpyxl would find in the file: its worksheets, shared strings and date styles.

    openpyxl's own reader does the finding (manifest, workbook part and relationships,
    stylesheet), so that the sheets and their order are exactly those of the openpyxl path;
    only the worksheets' and shared strings' XML, the large parts, are left to this module.
    """

    def __init__(self, binary: IO[bytes]) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet
        from openpyxl.xml.constants import SHARED_STRINGS

        reader = ExcelReader(binary, read_only=True, data_only=True)
        self.archive = reader.archive
        try:
            reader.read_manifest()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            reader.read_properties()  # what load_workbook reads, bar the large parts, so
            reader.read_custom()  # that a file it refuses is refused (by it) on both paths
            reader.read_theme()
            members = set(reader.valid_files)
            self.sheets: dict[str, str] = {}
            for sheet, rel in reader.parser.find_sheets():
                if rel.target not in members:
                    continue
                if "chartsheet" in rel.Type:
                    reader.read_chartsheet(sheet, rel)
                    continue
                if sheet.name in self.sheets:
                    raise ValueError("two sheets of one name")
                self.sheets[sheet.name] = rel.target
            strings = reader.package.find(SHARED_STRINGS)
            self.strings: str | None = strings.PartName[1:] if strings is not None else None
            self.date_styles: set[int] = set(reader.wb._date_formats)
            # the last day openpyxl can read, as a serial number of this workbook's calendar
            self.last_date = (dt.datetime(9999, 12, 31) - reader.wb.epoch).days
        except BaseException:
            self.archive.close()
            raise

    def scan_sheet(self, part: str, budget: int) -> _Facts | None:
        """The sheet's facts, or None if it is too big or holds cells calamine reads otherwise."""
        if self.archive.getinfo(part).file_size > budget:
            return None
        facts = _Facts()
        for window in self._windows(part, b"</row>"):
            if any(pattern.search(window) for pattern in _SHEET_PATTERNS):
                return None
            if self.date_styles and self._odd_date(window):
                return None
            numbers = _ROW_NUMBERS.findall(window[-4096:]) or _ROW_NUMBERS.findall(window)
            if numbers:
                facts.last_row = max(facts.last_row, int(numbers[-1]))
            facts.last_column = _last_column(window, facts.last_column)
            cells = _STRING_CELL.findall(window)
            if len(cells) != window.count(b't="s"'):
                return None  # a shared string cell written in an unexpected way
            facts.strings.update(cells)
        return facts

    def fits(self, facts: _Facts, budget: int) -> bool:
        """Whether calamine's grid and its copies of the shared strings, together, fit."""
        grid = CELL_BYTES * facts.last_row * facts.last_column
        if grid > budget:
            return False
        if not facts.strings:
            return True
        if self.strings is None or self.archive.getinfo(self.strings).file_size > budget:
            return False
        data = self.archive.read(self.strings)
        if any(h in data for h in _STRING_HAZARDS) or any(p.search(data) for p in _STRING_PATTERNS):
            return False
        starts = [match.start() for match in _SHARED.finditer(data)]
        starts.append(len(data))
        copied = 0
        for index, count in facts.strings.items():
            position = int(index)
            if position + 1 >= len(starts):
                return False  # a cell names a string that is not there: openpyxl's call
            copied += count * (starts[position + 1] - starts[position])
        return grid + copied <= budget

    def _windows(self, part: str, end: bytes) -> Iterator[bytes]:
        """The part in pieces of about a megabyte, each cut just after an ``end`` tag."""
        carry = b""
        with self.archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                window = carry + chunk
                cut = window.rfind(end)
                if cut < 0:
                    carry = window
                    continue
                cut += len(end)
                yield window[:cut]
                carry = window[cut:]
        if carry:
            yield carry

    def _odd_date(self, window: bytes) -> bool:
        """A date-formatted number outside Excel's dates (before 1900, after 9999)."""
        for match in _ODD_NUMBER.finditer(window):
            start = window.rfind(b"<c ", 0, match.start())
            end = window.find(b"<", match.end())
            if start < 0 or end < 0:
                return True
            attributes = window[start : window.find(b">", start)]
            kind = _TYPE.search(attributes)
            if kind is not None and kind.group(1) != b"n":
                continue
            style = _STYLE.search(attributes)
            if (int(style.group(1)) if style else 0) not in self.date_styles:
                continue
            try:
                value = float(window[match.start() + 3 : end])
            except ValueError:
                return True
            if not 0 <= value < self.last_date:
                return True
        return False


def _last_column(window: bytes, known: int) -> int:
    """The highest column number referenced in the window, or ``known`` if that is higher."""
    pattern = _COLUMN_PAST[known] if known < 26 else _WIDE_COLUMN
    found = set(pattern.findall(window))
    return max([known, *(_column_number(letters) for letters in found)])


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _rows(
    sheet: Any,
    start: tuple[int, int] | None,
    last_row: int,
    normalise: Callable[[object], str | None],
) -> Rows:
    """Excel's row numbers and column positions: calamine's range starts at its first cell."""
    done = 0
    if start is not None:
        # python-calamine 0.9's iter_rows yields the rows above the range (empty) but starts
        # each row at the range's first column
        pad: list[str | None] = [None] * start[1]
        cell = _cell(normalise)
        for done, values in enumerate(sheet.iter_rows(), start=1):
            row = [*pad, *map(cell, values)] if pad else list(map(cell, values))
            while row and row[-1] is None:
                row.pop()
            yield done, row
    for number in range(done + 1, last_row + 1):  # openpyxl's rows of empty cells only
        yield number, []


def _cell(normalise: Callable[[object], str | None]) -> Callable[[object], str | None]:
    """``normalise``, quicker on text (calamine gives "" for an empty cell: None here)."""

    def cell(value: object) -> str | None:
        if value.__class__ is str:
            return value.strip() or None  # type: ignore[attr-defined]
        return normalise(value)

    return cell
