"""Streaming reader for the spreadsheets and CSV files that agencies upload.

Every importer reads through :func:`read_table`, so all of them speak of the same things when
something is wrong: the file, the sheet, the row number a clerk sees in Excel and the column letter.
CSV files are read row by row through the csv module. An XLSX sheet whose XML is at most
``TIPDATA_XLSX_FAST_MAX_BYTES`` (default 64 MiB, about 180,000 rows of 6 columns) is parsed by
python-calamine, in Rust, about ten times faster than openpyxl (:mod:`.formats.xlsx_fast`,
ADR 0006); larger sheets are read row by row (openpyxl ``read_only``), so a big upload costs the
memory of one row plus openpyxl's shared-string table, never the whole workbook. Both paths give
the same rows, cell for cell.

Cell values are normalised to ``str | None`` so that XLSX and CSV uploads of the same data give the
same rows, and each format reader types the values it understands:

* text is stripped of surrounding whitespace; an empty cell is ``None``;
* XLSX numbers: integral ones without a decimal part (``42.0`` -> ``"42"``), others in their
  shortest exact form (``"0.25"``);
* XLSX booleans -> ``"TRUE"`` / ``"FALSE"``, as Excel shows them;
* XLSX dates -> ISO ``"2021-03-04"``; date-times -> ``"2021-03-04T10:30:00"``;
  times -> ``"10:30:00"``;
* formulas give the value Excel last computed, never the formula text (a workbook written by a
  program and never opened in Excel may hold no computed value: such cells read as None);
  error values read as their text (``"#N/A"``);
* a row's trailing empty cells are dropped (``preamble`` rows end at their last value).

CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or
Windows-1251 (Excel's default on Russian-locale Windows); the delimiter may be ``,``, ``;`` (what
Excel writes where the decimal separator is a comma) or a tab.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

import openpyxl
from openpyxl.utils import get_column_letter

from tipdata.intake.formats.csvtext import (
    Detacher,
    UndecodableText,
    detect_encoding,
    sniff_delimiter,
)
from tipdata.intake.formats.xlsx_fast import calamine_rows

__all__ = [
    "Closeable",
    "Row",
    "TableFormatError",
    "TableReader",
    "column_letter",
    "header_key",
    "read_table",
]

Source = str | os.PathLike[str] | IO[bytes]

_CHUNK = 1 << 20


class TableFormatError(ValueError):
    """The file cannot be read as a table; the message names the file and what is wrong."""

    def __init__(
        self, source: str, problem: str, *, sheet: str | None = None, row: int | None = None
    ) -> None:
        self.source, self.problem, self.sheet, self.row = source, problem, sheet, row
        where = f"'{source}'"
        if sheet:
            where += f", sheet '{sheet}'"
        if row:
            where += f", row {row}"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: ``number`` is the spreadsheet row number (1-based, as Excel shows it).

    ``unnamed`` keeps values found in columns without a header (keyed by column letter) so that
    importers can report them instead of losing them silently.
    """

    number: int
    cells: dict[str, str | None]
    unnamed: dict[str, str] = field(default_factory=dict)


def column_letter(index: int) -> str:
    """Excel's letter for a 1-based column index (1 -> "A", 28 -> "AB")."""
    return str(get_column_letter(index))


def header_key(name: str) -> str:
    """How headers are compared: case, surrounding and repeated whitespace do not matter."""
    return " ".join(name.split()).casefold()


def normalise_cell(value: object) -> str | None:
    """One cell as text, by the rules in the module docstring."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip() or None


class Closeable:
    """Something holding an open file: close it, or use it in a ``with`` block."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class TableReader(Closeable):
    """Rows of one table, after its header row; single pass, close it (or use ``with``).

    ``preamble`` holds the rows above the header (banners such as UNODC's title and date).
    """

    def __init__(
        self,
        rows: Iterator[tuple[int, Sequence[str | None]]],
        *,
        source: str,
        sheet: str | None,
        header_row: int | None,
        required: Sequence[str],
        search_rows: int,
        closers: Sequence[Any],
    ) -> None:
        self.source, self.sheet = source, sheet
        self._rows, self._closers = rows, list(closers)
        self._started = False
        preamble: list[tuple[str | None, ...]] = []
        try:
            number, header = self._find_header(header_row, required, search_rows, preamble)
        except BaseException:
            self.close()
            raise
        self.preamble = tuple(preamble)
        self.header_row = number
        self._positions: dict[int, str] = {}
        seen: dict[str, int] = {}
        for index, name in enumerate(header):
            if name is None:
                continue
            key = header_key(name)
            if key in seen:
                self.close()
                raise self.error(
                    f"the column name '{name}' appears twice (columns "
                    f"{column_letter(seen[key] + 1)} and {column_letter(index + 1)}); "
                    "rename one so that every column has its own name",
                    row=number,
                )
            seen[key] = index
            self._positions[index] = name
        self.headers: tuple[str, ...] = tuple(self._positions.values())
        self._letters = {name: column_letter(i + 1) for i, name in self._positions.items()}
        self._by_key = {header_key(name): name for name in self.headers}
        missing = [name for name in required if self.resolve(name) is None]
        if missing:
            self.close()
            raise self.error(f"missing column(s): {', '.join(missing)}", row=number)

    def _find_header(
        self,
        header_row: int | None,
        required: Sequence[str],
        search_rows: int,
        preamble: list[tuple[str | None, ...]],
    ) -> tuple[int, Sequence[str | None]]:
        wanted = {header_key(name) for name in required}
        for number, values in self._rows:
            if header_row is not None:
                if number == header_row:
                    if not any(values):
                        raise self.error("the header row is empty", row=number)
                    return number, values
            elif wanted:
                if wanted <= {header_key(v) for v in values if v}:
                    return number, values
            elif any(values):
                return number, values
            if header_row is None and number >= search_rows:
                break
            preamble.append(tuple(values))
        if wanted and header_row is None:
            raise self.error(
                f"no header row with the columns {', '.join(required)} in the first "
                f"{search_rows} rows"
            )
        if header_row is not None:
            raise self.error(f"the file ends before row {header_row}, where its header should be")
        raise self.error(f"the first {search_rows} rows are empty: the file has no header row")

    def error(self, problem: str, *, row: int | None = None) -> TableFormatError:
        """A TableFormatError about this table, for format readers to raise."""
        return TableFormatError(self.source, problem, sheet=self.sheet, row=row)

    def column_letter(self, header: str) -> str:
        """The column letter of a header, for messages such as "row 7, column C"."""
        name = self.resolve(header)
        if name is None:
            raise KeyError(header)
        return self._letters[name]

    def resolve(self, name: str) -> str | None:
        """The file's own spelling of a header, compared by :func:`header_key`; None if absent."""
        return self._by_key.get(header_key(name))

    def __iter__(self) -> Iterator[Row]:
        if self._started:
            raise RuntimeError(f"{self.source}: a TableReader can be iterated only once")
        self._started = True
        return self._iterate()

    def _iterate(self) -> Iterator[Row]:
        positions = self._positions
        try:
            for number, values in self._rows:
                if not any(values):
                    continue
                cells: dict[str, str | None] = dict.fromkeys(positions.values())
                unnamed: dict[str, str] = {}
                for index, value in enumerate(values):
                    if value is None:
                        continue
                    name = positions.get(index)
                    if name is None:
                        unnamed[column_letter(index + 1)] = value
                    else:
                        cells[name] = value
                yield Row(number, cells, unnamed)
        finally:
            self.close()

    def close(self) -> None:
        for closer in reversed(self._closers):
            closer.close()
        self._closers.clear()


def read_table(
    path_or_file: Source,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    required: Sequence[str] = (),
    search_rows: int = 30,
) -> TableReader:
    """Open an XLSX or CSV file and return its rows after the header row.

    The kind of file is told from its content, not its name (uploads are often renamed). The
    header row is ``header_row`` if given; else the first row, within ``search_rows``, that holds
    every ``required`` column; else the first non-empty row. ``sheet`` (name or 0-based index)
    picks a worksheet, by default the first; CSV files ignore it.
    """
    name = _source_name(path_or_file)
    binary, owned = _open_binary(path_or_file, name)
    closers: list[Any] = [binary] if owned else []
    sheet_name: str | None
    try:
        head = binary.read(8)
        binary.seek(0)
        if head.startswith(b"PK\x03\x04"):
            rows, sheet_name, more = _xlsx_rows(binary, name, sheet)
        elif head.startswith(b"\xd0\xcf\x11\xe0"):
            raise TableFormatError(
                name,
                "this is an old Excel 97-2003 (.xls) or password-protected workbook; "
                "open it in Excel and save it as an Excel Workbook (.xlsx) without a password",
            )
        else:
            rows, sheet_name, more = _csv_rows(binary, name, owned)
    except BaseException:
        for closer in closers:
            closer.close()
        raise
    return TableReader(
        rows,
        source=name,
        sheet=sheet_name,
        header_row=header_row,
        required=required,
        search_rows=search_rows,
        closers=[*closers, *more],
    )


def _source_name(path_or_file: Source) -> str:
    if isinstance(path_or_file, str | os.PathLike):
        return Path(path_or_file).name
    return Path(str(getattr(path_or_file, "name", "") or "uploaded file")).name


def _open_binary(path_or_file: Source, name: str) -> tuple[IO[bytes], bool]:
    """A seekable binary file and whether we opened it (and so must close it)."""
    if isinstance(path_or_file, str | os.PathLike):
        try:
            return open(path_or_file, "rb"), True  # closed by TableReader
        except OSError as exc:
            raise TableFormatError(name, f"cannot be opened ({exc.strerror})") from exc
    if getattr(path_or_file, "seekable", lambda: False)():
        path_or_file.seek(0)
        return path_or_file, False
    spool = tempfile.SpooledTemporaryFile(max_size=8 * _CHUNK)  # noqa: SIM115
    while chunk := path_or_file.read(_CHUNK):
        spool.write(chunk)
    spool.seek(0)
    return spool, True  # type: ignore[return-value]


def _xlsx_rows(
    binary: IO[bytes], name: str, sheet: str | int | None
) -> tuple[Iterator[tuple[int, Sequence[str | None]]], str, list[Any]]:
    try:
        with zipfile.ZipFile(binary) as archive:
            members = set(archive.namelist())
        binary.seek(0)
        if "xl/workbook.xml" not in members:
            kind = "an OpenDocument (.ods) file" if "content.xml" in members else "a zip archive"
            raise TableFormatError(
                name, f"this is {kind}, not an Excel workbook; save it as .xlsx or CSV"
            )
    except TableFormatError:
        raise
    except Exception as exc:  # not a readable zip archive
        raise TableFormatError(name, f"the workbook is damaged or unreadable ({exc})") from exc
    fast = calamine_rows(
        binary, lambda titles: titles[_pick_index(titles, name, sheet)], normalise_cell
    )
    if fast is not None:
        return fast
    try:
        workbook = openpyxl.load_workbook(binary, read_only=True, data_only=True)
    except TableFormatError:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds on damaged files
        raise TableFormatError(name, f"the workbook is damaged or unreadable ({exc})") from exc
    try:
        worksheet = _pick_sheet(workbook, name, sheet)
    except BaseException:
        workbook.close()
        raise
    worksheet.reset_dimensions()  # some writers store a wrong size; never let it cut rows off

    def rows() -> Iterator[tuple[int, Sequence[str | None]]]:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            row = [normalise_cell(v) for v in values]
            while row and row[-1] is None:
                row.pop()
            yield number, row

    return rows(), worksheet.title, [workbook]


def _pick_sheet(workbook: Any, name: str, sheet: str | int | None) -> Any:
    sheets = workbook.worksheets
    return sheets[_pick_index([s.title for s in sheets], name, sheet)]


def _pick_index(titles: Sequence[str], name: str, sheet: str | int | None) -> int:
    """Which worksheet ``sheet`` (name or 0-based index; None: the first) means."""
    listed = ", ".join(f"'{title}'" for title in titles)
    if not titles:
        raise TableFormatError(name, "the workbook has no worksheet")
    if sheet is None:
        return 0
    if isinstance(sheet, int):
        if 0 <= sheet < len(titles):
            return sheet
        raise TableFormatError(name, f"there is no sheet number {sheet + 1}; sheets: {listed}")
    for index, title in enumerate(titles):
        if header_key(title) == header_key(sheet):
            return index
    raise TableFormatError(name, f"there is no sheet '{sheet}'; sheets: {listed}")


def _csv_rows(
    binary: IO[bytes], name: str, owned: bool
) -> tuple[Iterator[tuple[int, Sequence[str | None]]], None, list[Any]]:
    try:
        encoding = detect_encoding(binary)
    except UndecodableText as exc:
        raise TableFormatError(name, str(exc)) from exc
    delimiter = sniff_delimiter(binary, encoding)
    text = io.TextIOWrapper(binary, encoding=encoding, errors="strict", newline="")
    closer = text if owned else Detacher(text)

    def rows() -> Iterator[tuple[int, Sequence[str | None]]]:
        number = 0
        try:
            for number, values in enumerate(csv.reader(text, delimiter=delimiter), start=1):
                yield number, [value.strip() or None for value in values]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise TableFormatError(name, f"unreadable text ({exc})", row=number + 1) from exc

    return rows(), None, [closer]
