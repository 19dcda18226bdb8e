"""UNODC's Global Report on Trafficking in Persons (GLOTIP) data, long format: read and write.

The published workbook has banner rows above its header, counts stored as text ("1,282"), small
counts suppressed as "<5" and free-text categories in several languages and spellings. tipdata
reads it to compare its own figures with what UNODC published, and writes the same layout so the
working group can submit its figures to UNODC.

A suppressed cell is *not* a number: ``value`` is None and ``suppressed`` is True, so a sum never
quietly counts "<5" as 0 or 5.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import openpyxl

from tipdata.intake.formats.common import CellIssue, TableBacked, label_key, text_cell
from tipdata.intake.readers import Row, TableReader, read_table

__all__ = [
    "GLOTIP_COLUMNS",
    "GlotipReader",
    "GlotipRecord",
    "format_glotip_value",
    "label_key",
    "parse_glotip_value",
    "read_glotip",
    "write_glotip",
]

GLOTIP_COLUMNS = (
    "Iso3_code",
    "Country",
    "Region",
    "Subregion",
    "Indicator",
    "Dimension",
    "Category",
    "Sex",
    "Age",
    "Year",
    "Unit of measurement",
    "txtVALUE",
    "Source",
)
_REQUIRED = ("Iso3_code", "Indicator", "Year", "txtVALUE")
_COUNT = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f ]\d{3})+$|^\d+$")
_SUPPRESSED = re.compile(r"^<\s*(\d+)$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")


@dataclass(frozen=True, slots=True)
class GlotipRecord:
    """One figure: an indicator for a country, year and breakdown (dimension, category, sex, age).

    ``value`` is the count, or None when the cell is suppressed ("<5": ``suppressed`` is True and
    ``suppressed_below`` is 5) or holds text that is not a count. ``text`` is the txtVALUE as
    read (or, for figures made in code, as UNODC would print it: "1,282", "<5").
    ``row`` is the spreadsheet row it came from (None for figures made by tipdata).
    """

    iso3: str | None
    indicator: str
    year: int
    value: int | None
    dimension: str = "Total"
    category: str | None = "Total"
    sex: str = "Total"
    age: str = "Total"
    unit: str = "Counts"
    country: str | None = None
    region: str | None = None
    subregion: str | None = None
    source: str | None = "GLOTIP"
    suppressed: bool = False
    suppressed_below: int | None = None
    text: str = ""
    row: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.text:  # a figure made in code reads as UNODC would print it
            object.__setattr__(self, "text", format_glotip_value(self))

    @property
    def is_count(self) -> bool:
        """True when ``value`` is a usable count (not suppressed, not text)."""
        return self.value is not None

    @property
    def category_key(self) -> str:
        """The category under which its spelling variants meet (see :func:`label_key`)."""
        return label_key(self.category or "")


def parse_glotip_value(text: str) -> tuple[int | None, bool, int | None]:
    """``(value, suppressed, suppressed_below)`` for a txtVALUE cell.

    "1,282" -> (1282, False, None); "<5" -> (None, True, 5); "n/a" -> (None, False, None).
    """
    text = text.strip()
    if _COUNT.match(text):
        return int(re.sub(r"\D", "", text)), False, None
    match = _SUPPRESSED.match(text)
    if match:
        return None, True, int(match.group(1))
    return None, False, None


def format_glotip_value(record: GlotipRecord, suppress_below: int | None = None) -> str:
    """The txtVALUE text UNODC publishes: "1,282", "<5", or the record's own text."""
    if record.suppressed:
        return f"<{record.suppressed_below or 5}"
    if record.value is None:
        return record.text
    if suppress_below is not None and record.value < suppress_below:
        return f"<{suppress_below}"
    return f"{record.value:,}"


class GlotipReader(TableBacked):
    """Typed GLOTIP records from one workbook; ``issues`` lists what could not be read.

    A row whose year or indicator is unusable is skipped and reported; a txtVALUE that is neither
    a count nor suppressed is yielded as text (``value`` None) and reported too.
    """

    def __init__(self, table: TableReader, iso3: frozenset[str] | None) -> None:
        self.table = table
        self.iso3 = iso3
        self.issues: list[CellIssue] = []
        self.preamble = table.preamble
        self._name = {column: table.resolve(column) for column in GLOTIP_COLUMNS}

    def __iter__(self) -> Iterator[GlotipRecord]:
        code_header = self._name["Iso3_code"] or "Iso3_code"
        wanted = self.iso3
        for row in self.table:
            if wanted is not None and (row.cells[code_header] or "").upper() not in wanted:
                continue  # filtered before any typing: one dict lookup per foreign row
            record = self._record(row)
            if record is not None:
                yield record

    def _cell(self, row: Row, column: str) -> str | None:
        name = self._name[column]
        return row.cells[name] if name else None

    def _issue(self, row: Row, column: str, message: str) -> None:
        name = self._name[column] or column
        letter = self.table.column_letter(name) if self._name[column] else "?"
        self.issues.append(CellIssue(row.number, letter, column, self._cell(row, column), message))

    def _record(self, row: Row) -> GlotipRecord | None:
        cell = self._cell
        indicator, year_text = cell(row, "Indicator"), cell(row, "Year") or ""
        year = _YEAR.match(year_text)
        if indicator is None:
            self._issue(row, "Indicator", "the indicator is missing; row skipped")
            return None
        if year is None:
            self._issue(row, "Year", "the year is not a four-digit year; row skipped")
            return None
        text = cell(row, "txtVALUE") or ""
        value, suppressed, below = parse_glotip_value(text)
        if value is None and not suppressed:
            self._issue(row, "txtVALUE", "not a count nor '<5'; kept as text, not counted")
        return GlotipRecord(
            iso3=cell(row, "Iso3_code"),  # as published: "Aruba/Curacao" and "SAM" occur too
            indicator=indicator,
            year=int(year.group(1)),
            value=value,
            dimension=cell(row, "Dimension") or "Total",
            category=cell(row, "Category"),
            sex=cell(row, "Sex") or "Total",
            age=cell(row, "Age") or "Total",
            unit=cell(row, "Unit of measurement") or "Counts",
            country=cell(row, "Country"),
            region=cell(row, "Region"),
            subregion=cell(row, "Subregion"),
            source=cell(row, "Source"),
            suppressed=suppressed,
            suppressed_below=below,
            text=text,
            row=row.number,
        )


def read_glotip(
    path_or_file: str | Path | IO[bytes],
    *,
    iso3: str | Iterable[str] | None = None,
    sheet: str | int | None = None,
) -> GlotipReader:
    """Open a GLOTIP workbook (or CSV); ``iso3`` keeps only those countries ("KAZ" or a list).

    The header is found below any banner rows by its column names. Single pass: the file is
    streamed, so filtering one country out of the 46,556-row release keeps memory flat.
    """
    table = read_table(path_or_file, sheet=sheet, required=_REQUIRED)
    codes = None
    if iso3 is not None:
        codes = frozenset({iso3.upper()} if isinstance(iso3, str) else {c.upper() for c in iso3})
    return GlotipReader(table, codes)


def write_glotip(
    records: Iterable[GlotipRecord],
    path_or_file: str | Path | IO[bytes],
    *,
    banner: Sequence[str] = (),
    sheet: str = "data_glotip_1",
    suppress_below: int | None = None,
) -> int:
    """Write records in UNODC's long layout (same header, text values, "<5" suppression).

    ``banner`` lines go above the header, as UNODC's own release has them. ``suppress_below``
    (e.g. 5) turns smaller counts into "<5" for a public release; leave it None for a submission
    to UNODC, which wants exact counts. Streams (write-only workbook); returns rows written.
    """
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for line in banner:
        worksheet.append([text_cell(worksheet, line)])
    worksheet.append(list(GLOTIP_COLUMNS))
    count = 0
    for record in records:
        values: list[object] = [
            record.iso3,
            record.country,
            record.region,
            record.subregion,
            record.indicator,
            record.dimension,
            record.category,
            record.sex,
            record.age,
            record.year,
            record.unit,
            format_glotip_value(record, suppress_below),
            record.source,
        ]
        worksheet.append([text_cell(worksheet, v) for v in values])
        count += 1
    workbook.save(path_or_file)
    return count
