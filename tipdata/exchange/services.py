"""Imports from the standard formats: CTDC victim records and UNODC GLOTIP figures.

Both read the whole file and check every row before writing anything; a file with a problem is
rejected whole, each problem named by row, column and value. A good file is written in one
transaction through the domain services (victims, indicators), so every record is validated
and audited like one typed in, and re-importing the same file changes nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.audit.services import Action, record_event
from tipdata.exchange import ctdc_map, glotip_map
from tipdata.exchange.models import ReceivedRecord
from tipdata.indicators.models import HistoricalValue, ValueStatus, cell_of
from tipdata.indicators.services import import_historical_values
from tipdata.intake.formats.common import CellIssue
from tipdata.intake.formats.ctdc import CTDC_COLUMNS, read_ctdc
from tipdata.intake.formats.glotip import read_glotip
from tipdata.intake.readers import TableFormatError
from tipdata.profiles.models import Country
from tipdata.profiles.selectors import current_profile
from tipdata.victims.models import Victim
from tipdata.victims.services import record_deidentified_victim

Source = str | Path | IO[bytes]
GLOTIP_SOURCE = "UNODC GLOTIP"
SHOWN_ISSUES = 50


class ImportRejected(ValueError):
    """The file was not imported; ``issues`` say where and why, in the clerk's terms."""

    def __init__(self, issues: Iterable[CellIssue | str]) -> None:
        self.issues = [str(i) for i in issues]
        shown = self.issues[:SHOWN_ISSUES]
        more = len(self.issues) - len(shown)
        lines = [_("The file was not imported: %(n)s problem(s).") % {"n": len(self.issues)}]
        lines += shown
        if more > 0:
            lines.append(_("... and %(n)s more.") % {"n": more})
        super().__init__("\n".join(lines))


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)


def _name(source: Source) -> str:
    return Path(source).name if isinstance(source, str | Path) else getattr(source, "name", "")


# ---------------------------------------------------------------- CTDC


def import_ctdc(*, actor: Any, source: Source, agency: Any, file_name: str = "") -> ImportResult:
    """Store a CTDC file as de-identified victim records of ``agency`` (the contributor).

    Rows carry no identifier, so each is keyed by its content and its occurrence among identical
    rows (``ctdc_map.row_keys``): importing the file again finds every row already there.
    """
    file_name = file_name or _name(source)
    try:
        with read_ctdc(source) as reader:
            records = list(reader)
            issues: list[CellIssue | str] = list(reader.issues)
            letters = {
                c.name: reader.table.column_letter(c.name)
                for c in CTDC_COLUMNS
                if reader.table.resolve(c.name)
            }
    except TableFormatError as error:
        raise ImportRejected([str(error)]) from error
    countries = set(Country.objects.values_list("code", flat=True))
    mapped = [ctdc_map.victim_fields(r, countries, letters) for r in records]
    issues += [i for m in mapped for i in m.issues]
    if issues:
        raise ImportRejected(issues)
    values = [ctdc_map.received_values(r) for r in records]
    hashes = [ctdc_map.content_hash(v) for v in values]
    refs = ctdc_map.row_keys(hashes)
    result = ImportResult(rows=len(records))
    with transaction.atomic():
        before = set(
            Victim.objects.filter(registered_by=agency, source_ref__startswith="ctdc-")
            .values_list("source_ref", flat=True)
            .order_by()
        )
        for record, fields, received, digest, ref in zip(
            records, mapped, values, hashes, refs, strict=True
        ):
            if ref in before:
                result.unchanged += 1
                continue
            data = {**fields.data, "registered_by": agency, "source_ref": ref}
            data["exploitation_forms"] = fields.forms
            victim = _write(actor, data, record.row)
            ReceivedRecord.objects.create(
                victim=victim,
                format=ReceivedRecord.Format.CTDC,
                content_hash=digest,
                values=received,
                file_name=file_name[:200],
                row=record.row,
            )
            result.created += 1
        stale = len(before - set(refs))
        if stale:
            result.notes.append(
                _("%(n)s record(s) imported earlier from CTDC are not in this file; kept.")
                % {"n": stale}
            )
        record_event(
            actor=actor,
            action=Action.IMPORT,
            obj=agency,
            object_repr=f"CTDC {file_name}"[:200],
            changes={"format": "ctdc", "rows": result.rows, "created": result.created},
        )
    return result


def _write(actor: Any, data: dict[str, Any], row: int | None) -> Victim:
    try:
        return record_deidentified_victim(actor=actor, data=data)
    except ValidationError as error:  # checked above; a rule of the model still names the row
        messages = [f"{k}: {'; '.join(v)}" for k, v in error.message_dict.items()]
        rows = [_("Row %(row)s: %(m)s") % {"row": row, "m": m} for m in messages]
        raise ImportRejected(rows) from error


# ---------------------------------------------------------------- UNODC GLOTIP


def release_of(preamble: Iterable[Iterable[Any]], fallback: str) -> str:
    """The release date UNODC prints above the header ("30/05/2023" -> "2023-05-30")."""
    for line in preamble:
        for cell in line:
            match = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", str(cell or "").strip())
            if match:
                day, month, year = match.groups()
                return datetime.date(int(year), int(month), int(day)).isoformat()
    return fallback


def import_glotip(
    *,
    actor: Any,
    source: Source,
    country: str,
    entered_by: Any,
    release: str = "",
    replace: bool = False,
    file_name: str = "",
) -> ImportResult:
    """A country's GLOTIP figures as historical aggregate values, source "UNODC GLOTIP <release>".

    "<5" is stored as a withheld small count (status suppressed, ``suppressed_below`` 5), never
    as a number. A figure entered earlier from another source (a TIP report, an agency's letter)
    is left as it is and named in the notes, unless ``replace``; figures from an earlier GLOTIP
    release are updated.
    """
    file_name = file_name or _name(source)
    home = current_profile().country
    if country.upper() != home.alpha3:
        raise ImportRejected(
            [
                _("This system holds the figures of %(home)s (%(code)s), not of %(country)s.")
                % {"home": home.name, "code": home.alpha3, "country": country}
            ]
        )
    try:
        with read_glotip(source, iso3=country) as reader:
            mapped = glotip_map.map_records(reader)
            issues: list[CellIssue | str] = [*reader.issues, *mapped.issues]
            preamble = reader.preamble
    except TableFormatError as error:
        raise ImportRejected([str(error)]) from error
    if issues:
        raise ImportRejected(issues)
    label = f"{GLOTIP_SOURCE} {release or release_of(preamble, file_name)}"
    result = ImportResult(rows=len(mapped.figures))
    result.notes += [
        _("Not imported: %(why)s (%(n)s rows).") % {"why": why, "n": n}
        for why, n in sorted(mapped.not_imported.items())
    ]
    existing = {
        (v.indicator, v.year, v.cell): v
        for v in HistoricalValue.objects.filter(indicator__in={f.indicator for f in mapped.figures})
    }
    rows, kept = [], 0
    for figure in mapped.figures:
        record = figure.record
        found = existing.get((figure.indicator, record.year, cell_of(figure.disaggregation)))
        if found is not None and not found.source.startswith(GLOTIP_SOURCE) and not replace:
            kept += 1
            continue
        if found is not None and _same(found, figure, label):
            result.unchanged += 1
            continue
        result.updated += found is not None
        result.created += found is None
        rows.append(_historical_row(figure, label, file_name))
    if kept:
        result.notes.append(
            _("%(n)s figure(s) already entered from another source were kept (use --replace).")
            % {"n": kept}
        )
    with transaction.atomic():
        try:
            import_historical_values(actor=actor, rows=rows, entered_by=entered_by)
        except ValidationError as error:
            raise ImportRejected(
                [f"{k}: {m}" for k, ms in error.message_dict.items() for m in ms]
            ) from error
        record_event(
            actor=actor,
            action=Action.IMPORT,
            object_repr=f"{label} {country} ({file_name})"[:200],
            changes={"format": "glotip", "country": country, "rows": result.rows},
        )
    return result


def _historical_row(figure: glotip_map.Figure, label: str, file_name: str) -> dict[str, Any]:
    record = figure.record
    suppressed = record.suppressed
    return {
        "indicator": figure.indicator,
        "year": record.year,
        "disaggregation": figure.disaggregation,
        "status": ValueStatus.SUPPRESSED if suppressed else ValueStatus.REPORTED,
        "value": None if suppressed else record.value,
        "suppressed_below": record.suppressed_below if suppressed else None,
        "source": label,
        "reference": f"{file_name}, row {record.row}: {record.indicator}"[:300],
        "note": "",
    }


def _same(found: HistoricalValue, figure: glotip_map.Figure, label: str) -> bool:
    record = figure.record
    status = ValueStatus.SUPPRESSED if record.suppressed else ValueStatus.REPORTED
    value = found.value if found.value is None else int(found.value)
    return (
        found.source == label
        and found.status == status
        and value == record.value
        and found.suppressed_below == (record.suppressed_below if record.suppressed else None)
    )
