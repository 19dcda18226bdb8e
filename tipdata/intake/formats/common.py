"""What every format reader and writer shares: cell-level problems and safe spreadsheet cells."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell

from tipdata.intake.readers import Closeable, TableReader

__all__ = ["CellIssue", "TableBacked", "csv_safe", "label_key", "text_cell", "write_text"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]")


@dataclass(frozen=True, slots=True)
class CellIssue:
    """One problem with one cell, told the way a clerk looks for it in Excel.

    ``message`` never repeats the value (values can be personal data and messages get logged);
    ``str(issue)`` puts them together for the person who uploaded the file.
    """

    row: int
    column: str
    field: str
    value: str | None
    message: str

    def __str__(self) -> str:
        shown = "empty" if self.value is None else f"'{self.value}'"
        return f"Row {self.row}, column {self.column} ({self.field}): {shown}: {self.message}"


class TableBacked(Closeable):
    """A format reader over one table: closing it closes the file."""

    table: TableReader

    def close(self) -> None:
        self.table.close()


def label_key(text: str) -> str:
    """A key under which spelling variants of one label meet.

    Repairs UTF-8 text that was decoded as Latin-1 ("TÃ¼rkiye" -> "Türkiye"), drops accents, case
    and repeated spaces: "TÜRKIYE", "Turkiye" and "TÃ¼rkiye" share a key.
    Misspellings ("Kazahstan") and text already lost to "\ufffd" are beyond repair.
    """
    if _MOJIBAKE.search(text):
        with contextlib.suppress(UnicodeError):
            text = text.encode("latin-1").decode("utf-8")
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("\u2019", "'").split()).casefold()


def csv_safe(text: str) -> str:
    """Text for a CSV cell that Excel will not run as a formula ("=HYPERLINK(...)" and kin).

    Numbers such as "-99" stay as they are; other text starting with a formula character gets a
    leading apostrophe, the usual defence against CSV injection.
    """
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def text_cell(worksheet: Any, value: object) -> Any:
    """A write-only cell; text is always stored as text, so "=..." can never become a formula."""
    cell = WriteOnlyCell(worksheet, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def write_text(cell: Cell, value: object) -> None:
    """Set an ordinary cell the same safe way as :func:`text_cell`."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
