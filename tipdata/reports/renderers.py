"""A ``CountryReport`` as a file: JSON, a standalone HTML page, a PDF, an XLSX workbook.

Each renderer takes the report the engine computed and returns bytes; none queries records
or computes a figure, so every format states exactly the same numbers. The standalone HTML
and the PDF are the web page's body with the stylesheets inlined (a file must open without
the server), the PDF adding the print stylesheet (A4, page numbers, DejaVu fonts that carry
Cyrillic).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from tipdata.indicators.types import CountryReport
from tipdata.reports.presenter import context

STATIC = Path(__file__).resolve().parent / "static" / "reports"


@cache
def stylesheet(*names: str) -> str:
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in names)


def render_json(report: CountryReport, *, user: Any = None) -> bytes:
    """The report as data: every figure with its code, value, comparisons and sources."""
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2).encode("utf-8")


def render_html(report: CountryReport, *, user: Any = None, print_css: bool = False) -> bytes:
    """A self-contained HTML document (styles and charts inside, nothing fetched)."""
    names = ("report.css", "print.css") if print_css else ("report.css",)
    html = render_to_string(
        "reports/document.html", {**context(report, user), "stylesheet": stylesheet(*names)}
    )
    return html.encode("utf-8")


def render_pdf(report: CountryReport, *, user: Any = None) -> bytes:
    """The HTML document printed by WeasyPrint: no network, charts embedded as SVG."""
    from weasyprint import HTML

    html = render_html(report, print_css=True).decode("utf-8")
    return HTML(string=html, base_url=str(STATIC)).write_pdf()  # type: ignore[no-any-return]


def render_xlsx(report: CountryReport, *, user: Any = None) -> bytes:
    from tipdata.reports.xlsx import workbook_bytes

    return workbook_bytes(report)


@dataclass(frozen=True)
class Format:
    render: Callable[..., bytes]
    content_type: str
    extension: str


FORMATS: dict[str, Format] = {
    "json": Format(render_json, "application/json", "json"),
    "html": Format(render_html, "text/html; charset=utf-8", "html"),
    "pdf": Format(render_pdf, "application/pdf", "pdf"),
    "xlsx": Format(
        render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    ),
}


def filename(report: CountryReport, fmt: str) -> str:
    return f"tip-report-{report.country.lower()}-{report.year}.{FORMATS[fmt].extension}"
