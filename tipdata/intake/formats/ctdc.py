"""Counter Trafficking Data Collaborative (CTDC) victim records: read and write.

CTDC publishes one row per identified victim, k-anonymised. Its files mark a missing value with
"-99" or an empty cell, write flags as "1"/"0" (or "1.0"/"0.0" after a pass through pandas),
write age bands as "30--38" and countries as ISO alpha-2 codes ("00" or "0": unknown country).
tipdata reads them to compare its own registry with CTDC's and writes the same columns to
contribute to it. Missing stays missing: "-99" becomes None, never 0 or False.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from tipdata.intake.formats.common import CellIssue, TableBacked, csv_safe
from tipdata.intake.formats.ctdc_columns import (
    AGE_BANDS,
    CTDC_COLUMNS,
    FAMILIES,
    GENDERS,
    MAJORITY,
    SIMPLE_ATTRIBUTES,
    UNKNOWN_COUNTRY,
    CtdcColumn,
)
from tipdata.intake.readers import Row, TableReader, header_key, read_table

__all__ = ["CTDC_COLUMNS", "CtdcReader", "CtdcRecord", "age_band_bounds", "read_ctdc", "write_ctdc"]

Flags = Mapping[str, bool | None]
_MISSING = frozenset({"", "-99", "-99.0"})
_TRUE, _FALSE = frozenset({"1", "1.0", "true"}), frozenset({"0", "0.0", "false"})
_AGE = re.compile(r"^(\d+)\s*(?:--|-|\u2013|\u2014)\s*(\d+)$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_BY_KEY = {header_key(c.name): c for c in CTDC_COLUMNS}


@dataclass(frozen=True)
class CtdcRecord:
    """One victim as CTDC records them. None means missing ("-99" or empty) or column absent.

    Flag families (``means_of_control``, ``type_of_labour``, ``type_of_sex``,
    ``recruiter_relation``) map CTDC column names ("meansOfControlDebtBondage") to True, False or
    None; a column the file lacks is not a key. ``*_list`` hold the ";"-concatenated columns.
    ``extra`` keeps columns CTDC does not define, so nothing read is dropped.
    """

    year_of_registration: int | None = None
    datasource: str | None = None
    gender: str | None = None
    age_broad: str | None = None
    majority_status: str | None = None
    majority_status_at_exploit: str | None = None
    majority_entry: str | None = None
    citizenship: str | None = None
    country_of_exploitation: str | None = None
    is_forced_labour: bool | None = None
    is_sexual_exploit: bool | None = None
    is_other_exploit: bool | None = None
    is_sex_and_labour: bool | None = None
    is_forced_marriage: bool | None = None
    is_forced_military: bool | None = None
    is_organ_removal: bool | None = None
    is_abduction: bool | None = None
    means_of_control: Flags = field(default_factory=dict)
    type_of_labour: Flags = field(default_factory=dict)
    type_of_sex: Flags = field(default_factory=dict)
    recruiter_relation: Flags = field(default_factory=dict)
    means_of_control_list: tuple[str, ...] = ()
    type_of_exploit_list: tuple[str, ...] = ()
    type_of_labour_list: tuple[str, ...] = ()
    type_of_sex_list: tuple[str, ...] = ()
    recruiter_relationship: tuple[str, ...] = ()
    extra: Mapping[str, str | None] = field(default_factory=dict)
    row: int | None = field(default=None, compare=False)

    @property
    def age_range(self) -> tuple[int, int | None] | None:
        """The age band as (lowest, highest) years; highest is None for "48+"."""
        return age_band_bounds(self.age_broad) if self.age_broad else None

    def get(self, column: str) -> object:
        """The typed value of a CTDC column by its CTDC name (None if missing)."""
        spec = _BY_KEY.get(header_key(column))
        if spec is None:
            return self.extra.get(column)
        family = _family(spec)
        if family:
            return getattr(self, family).get(spec.name)
        return getattr(self, SIMPLE_ATTRIBUTES[spec.name])


def age_band_bounds(band: str) -> tuple[int, int | None]:
    """("30--38") -> (30, 38); ("48+") -> (48, None)."""
    if band.endswith("+"):
        return int(band[:-1]), None
    low, high = band.split("--")
    return int(low), int(high)


def _family(spec: CtdcColumn) -> str | None:
    if spec.kind != "flag":
        return None
    return next((a for p, a in FAMILIES.items() if spec.name.startswith(p)), None)


def _parse(spec: CtdcColumn, raw: str) -> tuple[object, str | None]:
    """(typed value, problem) for one non-missing cell."""
    text = raw.strip()
    kind = spec.kind
    if kind == "flag":
        low = text.casefold()
        if low in _TRUE or low in _FALSE:
            return low in _TRUE, None
        return None, "a yes/no flag must be 1, 0 or -99 (missing)"
    if kind == "year":
        match = _YEAR.match(text)
        return (int(match.group(1)), None) if match else (None, "not a four-digit year")
    if kind == "age":
        match = _AGE.match(text)
        band = f"{match.group(1)}--{match.group(2)}" if match else text.replace(" ", "")
        if band in AGE_BANDS:
            return band, None
        return None, f"not one of CTDC's age bands ({', '.join(AGE_BANDS)})"
    if kind in ("gender", "majority"):
        allowed = GENDERS if kind == "gender" else MAJORITY
        found = next((a for a in allowed if a.casefold() == text.casefold()), None)
        return (found, None) if found else (None, f"must be one of {', '.join(allowed)}")
    if kind == "country":
        code = text.upper()
        if code in ("0", "00"):
            return UNKNOWN_COUNTRY, None
        if re.fullmatch(r"[A-Z]{2}", code):
            return code, None
        return None, "not a two-letter ISO 3166 country code"
    if kind == "list":
        return tuple(part.strip() for part in text.split(";") if part.strip()), None
    return text, None


class CtdcReader(TableBacked):
    """Typed CTDC records; ``issues`` lists cells that could not be read (set to None).

    ``columns`` are the CTDC columns the file has; ``unknown_columns`` the ones CTDC does not
    define (their values are kept in ``CtdcRecord.extra``).
    """

    def __init__(self, table: TableReader) -> None:
        self.table = table
        self.issues: list[CellIssue] = []
        self._specs: dict[str, CtdcColumn] = {}
        self.unknown_columns: list[str] = []
        for header in table.headers:
            spec = _BY_KEY.get(header_key(header))
            if spec is None:
                self.unknown_columns.append(header)
            else:
                self._specs[header] = spec
        self.columns = [spec.name for spec in self._specs.values()]
        if not self._specs:
            table.close()
            raise table.error("no CTDC column (such as yearOfRegistration or gender) was found")

    def __iter__(self) -> Iterator[CtdcRecord]:
        for row in self.table:
            yield self._record(row)

    def _record(self, row: Row) -> CtdcRecord:
        values: dict[str, Any] = {attr: {} for attr in FAMILIES.values()}
        extra: dict[str, str | None] = {}
        for header, raw in row.cells.items():
            spec = self._specs.get(header)
            if spec is None:
                extra[header] = raw
                continue
            value: object = () if spec.kind == "list" else None
            if raw is not None and raw not in _MISSING:
                value, problem = _parse(spec, raw)
                if problem:
                    letter = self.table.column_letter(header)
                    self.issues.append(CellIssue(row.number, letter, spec.name, raw, problem))
            family = _family(spec)
            if family:
                values[family][spec.name] = value
            else:
                values[SIMPLE_ATTRIBUTES[spec.name]] = value
        for letter, raw in row.unnamed.items():
            self.issues.append(
                CellIssue(row.number, letter, "?", raw, "this column has no header; not read")
            )
        return CtdcRecord(**values, extra=extra, row=row.number)


def read_ctdc(
    path_or_file: str | Path | IO[bytes], *, sheet: str | int | None = None
) -> CtdcReader:
    """Open a CTDC file (CSV or XLSX, any subset of CTDC's columns) for streaming."""
    return CtdcReader(read_table(path_or_file, sheet=sheet))


def write_ctdc(
    records: Iterable[CtdcRecord],
    path: str | Path | IO[str],
    *,
    columns: Sequence[str] | None = None,
    missing: Literal["codebook", "empty"] = "codebook",
) -> int:
    """Write a CTDC CSV (UTF-8, ','); returns the number of records written.

    ``columns`` defaults to all 62 codebook columns; names of ``extra`` columns may be added.
    ``missing="codebook"`` writes "-99" where the codebook does and empty cells elsewhere;
    ``"empty"`` leaves every missing cell empty, as CTDC's 2020 release does. Flags are "1"/"0".
    """
    names = list(columns) if columns is not None else [c.name for c in CTDC_COLUMNS]
    specs = [_BY_KEY.get(header_key(name)) for name in names]
    handle = open(path, "w", encoding="utf-8", newline="") if isinstance(path, str | Path) else path  # noqa: SIM115
    try:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(
            [spec.name if spec else name for name, spec in zip(names, specs, strict=True)]
        )
        count = 0
        for record in records:
            writer.writerow(
                [
                    _cell(record, name, spec, missing)
                    for name, spec in zip(names, specs, strict=True)
                ]
            )
            count += 1
    finally:
        if handle is not path:
            handle.close()
    return count


def _cell(record: CtdcRecord, name: str, spec: CtdcColumn | None, missing: str) -> str:
    value = record.get(spec.name if spec else name)
    if value is None or value == ():
        return spec.missing if spec and missing == "codebook" else ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return csv_safe(";".join(value))
    return csv_safe(str(value))
