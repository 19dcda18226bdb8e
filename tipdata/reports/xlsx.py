"""The report as an XLSX workbook: one sheet per section, a data-gaps sheet, a sources sheet.

Analysts re-use the figures in their own tables, so values are written as numbers (never as
text with thousands separators) and each figure keeps its indicator code, its comparisons in
one column per earlier year and its sources, as in the JSON.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from tipdata.indicators.types import CountryReport, Figure, Section, Series
from tipdata.reports.presenter import (
    disaggregation_text,
    fallback_sentence,
    source_kind_label,
    source_text,
    usd_equivalent,
)

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def cell_value(value: Any) -> Any:
    """Numbers as numbers (Decimal as int or float), everything else as is."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def sheet_title(title: str, taken: set[str]) -> str:
    """An Excel-safe, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def figure_row(report: CountryReport, item: Figure, years: list[int]) -> list[Any]:
    by_year = {c.year: c.value for c in item.comparisons}
    return [
        item.indicator,
        item.key,
        item.sentence or fallback_sentence(report, item),
        cell_value(item.value),
        item.unit,
        cell_value(usd_equivalent(report, item)),
        disaggregation_text(item),
        *(cell_value(by_year.get(year)) for year in years),
        source_kind_label(item.source),
        "; ".join(source_text(s) for s in item.sources),
        item.discrepancy,
        item.drilldown,
    ]


def write_section(sheet: Worksheet, report: CountryReport, section: Section) -> None:
    sheet.append([section.title])
    sheet["A1"].font = TITLE
    rate = f"{report.usd_rate} {report.currency}/USD" if report.usd_rate else ""
    sheet.append([f"{report.country} · {report.year} · {report.generated_at} · {rate}"])
    sheet.append([])
    years = sorted({c.year for f in section.figures for c in f.comparisons}, reverse=True)
    header = [
        _("Indicator"),
        _("Key"),
        _("Sentence"),
        _("Value %(year)s") % {"year": report.year},
        _("Unit"),
        _("USD"),
        _("Disaggregation"),
        *(str(year) for year in years),
        _("Source"),
        _("Sources"),
        _("Discrepancy"),
        _("Records behind the figure"),
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for item in section.figures:
        sheet.append(figure_row(report, item, years))
        sheet.cell(sheet.max_row, 3).alignment = WRAP
    for table in section.tables:
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.append(list(table.columns))
        for row in table.rows:
            sheet.append([cell_value(v) for v in row])
    for series in section.series:
        write_series(sheet, series)
    for column, width in zip("ABCDEFG", (26, 24, 70, 14, 10, 12, 24), strict=True):
        sheet.column_dimensions[column].width = width


def write_series(sheet: Worksheet, series: Series) -> None:
    """The series as two rows (years, values) and a bar chart drawn by Excel from them."""
    sheet.append([])
    sheet.append([series.title, series.unit])
    sheet.cell(sheet.max_row, 1).font = BOLD
    first = sheet.max_row + 1
    sheet.append([_("Year"), *(str(year) for year, _v in series.points)])
    sheet.append([series.unit, *(cell_value(value) for _y, value in series.points)])
    chart = BarChart()
    chart.title = series.title
    chart.legend = None
    count = len(series.points)
    data = Reference(sheet, min_col=2, max_col=count + 1, min_row=first + 1)
    chart.add_data(data, from_rows=True, titles_from_data=False)
    chart.set_categories(Reference(sheet, min_col=2, max_col=count + 1, min_row=first))
    chart.height, chart.width = 6, 14
    sheet.add_chart(chart, f"I{first}")


def write_gaps(sheet: Worksheet, report: CountryReport) -> None:
    sheet.append([_("Indicator"), _("Figure"), _("Expected from"), _("Note")])
    for cell in sheet[1]:
        cell.font = BOLD
    for gap in report.gaps:
        sheet.append([gap.indicator, gap.name, gap.expected_from, gap.note])
    for column, width in zip("ABCD", (26, 60, 36, 50), strict=True):
        sheet.column_dimensions[column].width = width


def write_sources(sheet: Worksheet, report: CountryReport) -> None:
    sheet.append(
        [
            _("Section"),
            _("Key"),
            _("Indicator"),
            _("Year"),
            _("Kind"),
            _("Source"),
            _("Agency"),
            _("Records"),
            _("Reference"),
        ]
    )
    for cell in sheet[1]:
        cell.font = BOLD
    for section in report.sections:
        for item in section.figures:
            for source in item.sources:
                sheet.append(
                    [
                        section.title,
                        item.key,
                        item.indicator,
                        item.year,
                        source_kind_label(source.kind),
                        source.label,
                        source.agency or "",
                        source.record_count,
                        source.reference,
                    ]
                )
    for column, width in zip("ABCDEFGHI", (20, 28, 26, 8, 18, 40, 16, 10, 30), strict=True):
        sheet.column_dimensions[column].width = width


def workbook_bytes(report: CountryReport) -> bytes:
    book = Workbook()
    taken: set[str] = set()
    first = True
    for section in report.sections:
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = sheet_title(section.title, taken)
        write_section(sheet, report, section)
        first = False
    write_gaps(book.create_sheet(sheet_title(_("Data gaps"), taken)), report)
    write_sources(book.create_sheet(sheet_title(_("Sources"), taken)), report)
    if first:  # a report without sections still opens on its gaps
        book.remove(book.worksheets[0])
    book.properties.title = _("Annual country report %(year)s") % {"year": report.year}
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
