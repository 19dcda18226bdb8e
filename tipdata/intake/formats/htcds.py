"""HTCDS 2.0 case workbooks and CSVs: read them into checked rows, and write them.

IOM's official Excel template has field names in row 1, labels in row 2, a numbering column A
without a header and data from row 3. The template published with HTCDS 2.0 has flaws a reader
must survive: a misspelt name ("vic_TraffickinStatusDecisionMakingOrg"), a column with a label
but no name (AJ, "Reason for Outgoing Referral") and mailing-address columns whose names and
labels disagree (N is named prs_MailingCity but labelled "Mailing Street"). Every such repair is
reported in ``HtcdsLayout.notes``; where name and label disagree the label wins by default, since
the label is what the clerk filling the sheet reads just above the cell.

Files tipdata writes carry agreeing names and labels, so they read back the same either way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import openpyxl

from tipdata.intake.formats.common import CellIssue, TableBacked, text_cell, write_text
from tipdata.intake.formats.htcds_catalogue import (
    HtcdsCatalogue,
    HtcdsField,
    HtcdsValue,
    HtcdsValueError,
)
from tipdata.intake.readers import Row, TableReader, read_table

__all__ = ["HtcdsColumn", "HtcdsLayout", "HtcdsReader", "HtcdsRecord", "read_htcds", "write_htcds"]

Prefer = Literal["labels", "names"]
_PREFIXED = re.compile(r"^[a-z]{3}_")


@dataclass(frozen=True, slots=True)
class HtcdsColumn:
    """A column of the file and the HTCDS field it holds."""

    letter: str
    field: str
    header: str | None


@dataclass
class HtcdsLayout:
    """How the file's columns map to HTCDS fields, and what had to be repaired to know it."""

    columns: list[HtcdsColumn]
    label_row: int | None
    unknown: dict[str, str] = field(default_factory=dict)  # letter -> header
    notes: list[str] = field(default_factory=list)

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]


@dataclass(frozen=True)
class HtcdsRecord:
    """One filled row: typed values by HTCDS field name, and the cells that were wrong.

    A wrong cell's value is None in ``values`` and explained in ``issues``; ``extra`` keeps the
    values of columns that are not HTCDS fields.
    """

    row: int
    values: dict[str, HtcdsValue | None]
    issues: tuple[CellIssue, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.issues


class HtcdsReader(TableBacked):
    """Checked HTCDS rows from a workbook or CSV; blank (only numbered) rows are skipped."""

    def __init__(self, table: TableReader, catalogue: HtcdsCatalogue, prefer: Prefer) -> None:
        self.table, self.catalogue = table, catalogue
        self.issues: list[CellIssue] = []
        rows = iter(table)
        first = next(rows, None)
        label_row = first if first is not None and _is_label_row(first, catalogue) else None
        self._rows: Iterator[Row] = (
            rows if label_row or first is None else itertools.chain([first], rows)
        )
        try:
            self.layout = _resolve(table, label_row, catalogue, prefer)
        except BaseException:
            table.close()
            raise
        self._by_letter = {c.letter: c for c in self.layout.columns}
        self._by_header = {c.header: c for c in self.layout.columns if c.header}

    def __iter__(self) -> Iterator[HtcdsRecord]:
        for row in self._rows:
            record = self._record(row)
            if record is not None:
                self.issues.extend(record.issues)
                yield record

    def _record(self, row: Row) -> HtcdsRecord | None:
        raw: dict[str, tuple[str, str | None]] = {}
        extra: dict[str, str] = {}
        issues: list[CellIssue] = []
        for header, value in row.cells.items():
            column = self._by_header.get(header)
            if column is not None:
                raw[column.field] = (column.letter, value)
            elif value is not None:
                extra[header] = value
        for letter, value in row.unnamed.items():
            column = self._by_letter.get(letter)
            if column is not None:
                raw[column.field] = (letter, value)
            elif not (letter == "A" and value.isdigit()):  # the template's row numbers
                issues.append(CellIssue(row.number, letter, "?", value, "no header; not read"))
        if not extra and not issues and all(v is None for _, v in raw.values()):
            return None
        values: dict[str, HtcdsValue | None] = {}
        for name, (letter, value) in raw.items():
            try:
                values[name] = self.catalogue.parse(name, value)
            except HtcdsValueError as exc:
                values[name] = None
                issues.append(CellIssue(row.number, letter, name, value, str(exc)))
        return HtcdsRecord(row.number, values, tuple(issues), extra)


def read_htcds(
    path_or_file: str | Path | IO[bytes],
    catalogue: HtcdsCatalogue,
    *,
    sheet: str | int | None = None,
    prefer: Prefer = "labels",
) -> HtcdsReader:
    """Open a filled HTCDS workbook or CSV (field names in row 1, optional labels in row 2)."""
    return HtcdsReader(read_table(path_or_file, sheet=sheet, header_row=1), catalogue, prefer)


def _is_label_row(row: Row, catalogue: HtcdsCatalogue) -> bool:
    texts = [v for v in (*row.cells.values(), *row.unnamed.values()) if v]
    labels = sum(bool(catalogue.by_label(t)) for t in texts)
    return labels >= 2 and labels * 2 >= len(texts)


def _by_name(header: str, catalogue: HtcdsCatalogue) -> tuple[HtcdsField | None, str | None]:
    found = catalogue.find(header)
    if found:
        return found, None
    if _PREFIXED.match(header):
        names = [f.name for f in catalogue]
        close = difflib.get_close_matches(header, names, n=1, cutoff=0.9)
        if close:
            return catalogue[close[0]], f"name '{header}' read as {close[0]}"
    by_label = catalogue.by_label(header)
    if len(by_label) == 1:
        return by_label[0], None
    return None, None


def _resolve(
    table: TableReader, label_row: Row | None, catalogue: HtcdsCatalogue, prefer: Prefer
) -> HtcdsLayout:
    layout = HtcdsLayout([], label_row.number if label_row else None)
    labels: dict[str, str] = {}
    if label_row is not None:
        labels = {table.column_letter(h): v for h, v in label_row.cells.items() if v}
        labels.update(label_row.unnamed)
    headers = {table.column_letter(h): h for h in table.headers}
    letters = sorted(set(headers) | set(labels), key=lambda x: (len(x), x))
    for letter in letters:
        header, label = headers.get(letter), labels.get(letter)
        named, note = _by_name(header, catalogue) if header else (None, None)
        labelled = catalogue.by_label(label) if label else []
        chosen = named
        if len(labelled) == 1 and labelled[0] is not named:
            if named is None:
                chosen = labelled[0]
                note = f"no field name; read as {chosen.name} from its label '{label}'"
            elif prefer == "labels":
                chosen = labelled[0]
                note = f"named {named.name} but labelled '{label}'; read as {chosen.name}"
            else:
                note = f"named {named.name} but labelled '{label}'; read as {named.name}"
        if chosen is None:
            if header:
                layout.unknown[letter] = header
                layout.notes.append(f"column {letter} '{header}' is not an HTCDS field")
            continue
        if note:
            layout.notes.append(f"column {letter}: {note}")
        layout.columns.append(HtcdsColumn(letter, chosen.name, header))
    seen: dict[str, str] = {}
    for column in layout.columns:
        if column.field in seen:
            raise table.error(
                f"columns {seen[column.field]} and {column.letter} both hold {column.field}"
            )
        seen[column.field] = column.letter
    return layout


def write_htcds(
    rows: Iterable[Mapping[str, object]],
    path_or_file: str | Path | IO[bytes],
    catalogue: HtcdsCatalogue,
    *,
    template: str | Path | None = None,
    fields: Sequence[str] | None = None,
) -> int:
    """Write HTCDS rows (dicts keyed by field name) to a workbook; returns rows written.

    With ``template`` (the official workbook) the rows fill its layout from row 3, and its header
    rows are rewritten so names and labels agree. Without it the workbook gets ``fields`` (by
    default the fields the rows use, in the standard's order) as names in row 1 and labels in
    row 2. Every value is checked first: a wrong value raises, naming the record and field,
    rather than producing a file that HTCDS tools would reject. A key that is not a column of
    the layout raises too, so no value is silently left out.
    """
    records = list(rows)
    unknown = sorted({k for r in records for k in r} - set(catalogue.fields))
    if unknown:
        raise HtcdsValueError(f"not HTCDS fields: {', '.join(unknown)}")
    if template is not None:
        return _fill_template(records, path_or_file, catalogue, Path(template))
    names = list(fields) if fields is not None else _used_fields(records, catalogue)
    table = [_checked(catalogue, record, names, index) for index, record in enumerate(records, 1)]
    workbook = openpyxl.Workbook(write_only=True)  # opened only once nothing can fail
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(names)
    sheet.append([catalogue[n].label for n in names])
    for values in table:
        sheet.append([_cell(sheet, value) for value in values])
    workbook.save(path_or_file)
    return len(records)


def _checked(
    catalogue: HtcdsCatalogue, record: Mapping[str, object], names: Sequence[str], index: int
) -> list[Any]:
    """The cell values of one record in column order, each checked against its field."""
    _check_columns(record, names, index)
    return [_value(catalogue, record, name, index) for name in names]


def _used_fields(records: list[Mapping[str, object]], catalogue: HtcdsCatalogue) -> list[str]:
    used = {k for r in records for k in r}
    return [f.name for f in catalogue if f.name in used]


def _check_columns(record: Mapping[str, object], names: Sequence[str], index: int) -> None:
    missing = [k for k, v in record.items() if k not in names and v not in (None, "", ())]
    if missing:
        raise HtcdsValueError(f"record {index}: the layout has no column for {', '.join(missing)}")


def _value(catalogue: HtcdsCatalogue, record: Mapping[str, object], name: str, index: int) -> Any:
    try:
        return catalogue.format(name, record.get(name))
    except HtcdsValueError as exc:
        raise HtcdsValueError(f"record {index}, {name}: {exc}") from exc


def _cell(sheet: Any, value: object) -> Any:
    cell = text_cell(sheet, value)
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _fill_template(
    records: list[Mapping[str, object]],
    path_or_file: str | Path | IO[bytes],
    catalogue: HtcdsCatalogue,
    template: Path,
) -> int:
    with read_htcds(template, catalogue) as reader:
        columns = reader.layout.columns
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    names = [c.field for c in columns]
    for column in columns:
        write_text(sheet[f"{column.letter}1"], column.field)
        write_text(sheet[f"{column.letter}2"], catalogue[column.field].label)
    numbered = isinstance(sheet["A3"].value, int)
    table = [_checked(catalogue, record, names, index) for index, record in enumerate(records, 1)]
    for index, values in enumerate(table, start=1):
        row = index + 2
        if numbered:
            sheet[f"A{row}"] = index
        for column, value in zip(columns, values, strict=True):
            target = sheet[f"{column.letter}{row}"]
            write_text(target, value)
            if isinstance(value, dt.date):
                target.number_format = "yyyy-mm-dd"
    workbook.save(path_or_file)
    return len(records)
