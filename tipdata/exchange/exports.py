"""Exports to the standard formats, each scoped to what the reader may see and audited.

* CTDC: tipdata's own victim records in CTDC's published columns, de-identified and made
  k-anonymous (no name, no birth date, only what CTDC publishes);
* UNODC GLOTIP: the figures of tipdata's own report for a year, in UNODC's long layout, for
  the country's submission (exact counts; ``suppress_below`` only for a public release);
* HTCDS 2.0: victim and referral records with the standard's names and value sets, plain or
  in IOM's official Excel template; personal fields only for roles that may see them.

The audit entry is written in the same transaction as the file is produced: an export that
fails leaves no entry, an export that succeeds always has one.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from tipdata.audit.services import record_export
from tipdata.exchange import ctdc_map, glotip_map, htcds_map, selectors
from tipdata.indicators.catalogue import load_catalogue
from tipdata.indicators.engine import build_report
from tipdata.intake.formats.common import csv_safe
from tipdata.intake.formats.ctdc import write_ctdc
from tipdata.intake.formats.glotip import (
    GLOTIP_COLUMNS,
    GlotipRecord,
    format_glotip_value,
    write_glotip,
)
from tipdata.intake.formats.htcds import write_htcds
from tipdata.intake.formats.htcds_catalogue import HtcdsCatalogue
from tipdata.intake.formats.htcds_catalogue import load_catalogue as htcds_fields
from tipdata.profiles.models import AgencyKind
from tipdata.profiles.selectors import current_profile

Target = str | Path | IO[bytes]
DEFAULT_K = 11  # the small-cell threshold of the disclosure-control notes (shared/notes)


@dataclass
class ExportResult:
    rows: int
    notes: list[str] = field(default_factory=list)


def _save(content: bytes, target: Target) -> None:
    if isinstance(target, str | Path):
        Path(target).write_bytes(content)
    else:
        target.write(content)


# ---------------------------------------------------------------- CTDC


@transaction.atomic
def export_ctdc(
    *, actor: Any, target: Target, k: int = DEFAULT_K, include_received: bool = False
) -> ExportResult:
    """tipdata's victim records as a CTDC CSV (all 62 codebook columns, "-99" for missing)."""
    victims = selectors.victims_to_export(actor, include_received=include_received)
    records = []
    for victim in victims:
        received = getattr(victim, "received_as", None)
        if received is not None:
            records.append(ctdc_map.record_from_values(received.values))
            continue
        hotline = victim.registered_by.agency_type.kind == AgencyKind.HOTLINE
        records.append(ctdc_map.ctdc_record(victim, "Hotline" if hotline else "Case Management"))
    safe = ctdc_map.k_anonymise(records, k)
    text = io.StringIO()
    written = write_ctdc(safe.records, text)
    notes = []
    if safe.suppressed_cells or safe.withheld:
        notes.append(
            f"k-anonymity (k={k}): {safe.suppressed_cells} cell(s) suppressed, "
            f"{safe.withheld} record(s) withheld"
        )
    record_export(actor=actor, what="victims.victim", fmt="ctdc-csv", rows=written)
    _save(text.getvalue().encode("utf-8"), target)
    return ExportResult(written, notes)


# ---------------------------------------------------------------- UNODC GLOTIP


@transaction.atomic
def export_glotip(
    *, actor: Any, year: int, target: Target, fmt: str = "xlsx", suppress_below: int | None = None
) -> ExportResult:
    """The report's figures for ``year`` that GLOTIP asks for, computed now from the records.

    Only figures the report computes from records are submitted: a figure that is a gap, or
    stands on another source's aggregate, is not tipdata's own and is named in the notes.
    """
    records, notes = glotip_records(year, actor)
    if fmt == "csv":
        content = _glotip_csv(records, suppress_below).encode("utf-8")
    else:
        buffer = io.BytesIO()
        profile = current_profile()
        banner = ["tipdata", f"{profile.name}: figures for {year}", _today()]
        write_glotip(records, buffer, banner=banner, suppress_below=suppress_below)
        content = buffer.getvalue()
    what = "country figures (UNODC GLOTIP)"
    record_export(actor=actor, what=what, fmt=f"glotip-{fmt}", rows=len(records))
    _save(content, target)
    return ExportResult(len(records), notes)


def glotip_records(year: int, user: Any = None) -> tuple[list[GlotipRecord], list[str]]:
    """GLOTIP rows for ``year``: each mapped indicator's total, then its breakdowns."""
    from tipdata.profiles.models import Country

    report = build_report(year, user=user)
    catalogue = load_catalogue()
    ctx = glotip_map.context()
    country = Country.objects.get(pk=ctx.country)
    base: dict[str, Any] = {"iso3": country.alpha3, "country": country.name, "year": year}
    source = f"tipdata country report {year}"
    records: list[GlotipRecord] = []
    notes: list[str] = []
    for code, name in glotip_map.mapping().names.items():
        indicator = catalogue.by_code(code)
        figure = report.figure(indicator.key)
        if figure is None or figure.source != "records" or figure.value is None:
            notes.append(f"{name}: not computed from records for {year}; not submitted")
            continue
        common: dict[str, Any] = {**base, "indicator": name, "source": source}
        records.append(GlotipRecord(value=int(figure.value), **common))
        measure = indicator.measure(ctx)
        rows = measure.in_year(year)
        for dimension, category, sex, age, where in glotip_map.breakdown_cells(measure):
            value = rows.filter(**where).aggregate(v=measure.value)["v"] or 0
            records.append(
                GlotipRecord(
                    value=int(value),
                    dimension=dimension,
                    category=category,
                    sex=sex,
                    age=age,
                    **common,
                )
            )
        if "citizenship" in measure.dimensions:
            path = measure.dimensions["citizenship"].path
            grouped = (
                rows.exclude(**{f"{path}__isnull": True})
                .values(path)
                .annotate(v=measure.value)
                .order_by(path)
            )
            for row in grouped:
                records.append(
                    GlotipRecord(
                        value=int(row["v"]),
                        dimension="by citizenship",
                        category=row[path],
                        **common,
                    )
                )
    return records, notes


def _glotip_csv(records: list[GlotipRecord], suppress_below: int | None) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(GLOTIP_COLUMNS)
    for r in records:
        cells = [
            r.iso3, r.country, r.region, r.subregion, r.indicator, r.dimension, r.category,
            r.sex, r.age, r.year, r.unit, format_glotip_value(r, suppress_below), r.source,
        ]  # fmt: skip
        writer.writerow([csv_safe(str(c)) if c is not None else "" for c in cells])
    return text.getvalue()


def _today() -> str:
    return datetime.date.today().strftime("%d/%m/%Y")


# ---------------------------------------------------------------- HTCDS


@transaction.atomic
def export_htcds(
    *,
    actor: Any,
    target: Target,
    template: bool = True,
    catalogue: HtcdsCatalogue | None = None,
) -> ExportResult:
    """Victim and referral records as an HTCDS 2.0 workbook (IOM's template by default)."""
    catalogue = catalogue or htcds_fields()
    personal = selectors.may_export_personal(actor)
    victims = selectors.victims_to_export(actor)
    if personal:
        victims = victims.select_related("personal")
    referrals = selectors.referrals_of(actor, victims)
    layout = htcds_map.template_path() if template else None
    if layout is not None:
        from tipdata.intake.formats.htcds import read_htcds

        with read_htcds(layout, catalogue) as reader:
            columns = reader.layout.fields
    else:
        columns = htcds_map.fields(catalogue, personal)
    built = htcds_map.htcds_rows(victims, referrals, catalogue, personal=personal, columns=columns)
    buffer = io.BytesIO()
    if layout is not None:
        written = write_htcds(built.rows, buffer, catalogue, template=layout)
    else:
        written = write_htcds(built.rows, buffer, catalogue, fields=columns)
    record_export(
        actor=actor,
        what="victims.victim",
        fmt="htcds-template-xlsx" if layout else "htcds-xlsx",
        rows=written,
        filters={"personal": personal},
    )
    _save(buffer.getvalue(), target)
    return ExportResult(written, built.notes)
