"""Producing the country report: computing it and handing it out, always audited.

The web page, its download buttons and ``tipdata report`` all go through ``export_report``
(or ``record_report_view`` for the page), so every copy of the report that leaves the system
is in the audit trail with who took it, which year and which format.
"""

from __future__ import annotations

from typing import Any

from tipdata.audit.models import Action
from tipdata.audit.services import record_event, record_export
from tipdata.indicators.types import CountryReport
from tipdata.reports.renderers import FORMATS

WHAT = "country report"


def build(year: int, user: Any = None) -> CountryReport:
    """The report for ``year`` as the indicator engine computes it now (nothing stored)."""
    from tipdata.indicators.engine import build_report

    return build_report(year, user=user)


def figure_count(report: CountryReport) -> int:
    return sum(len(section.figures) for section in report.sections)


def export_report(
    report: CountryReport, fmt: str, *, actor: Any, via: str = "web", user: Any = None
) -> bytes:
    """The report rendered as ``fmt``, with its export entry in the audit trail.

    ``user`` decides which drill-down links an HTML file carries (none without one).
    """
    content = FORMATS[fmt].render(report, user=user)
    record_export(
        actor=actor,
        what=WHAT,
        fmt=fmt,
        rows=figure_count(report),
        filters={"year": report.year, "via": via},
    )
    return content


def record_report_view(report: CountryReport, *, actor: Any) -> None:
    """Audit that ``actor`` read the report on screen (a report produced, not exported)."""
    record_event(
        actor=actor,
        action=Action.REPORT,
        object_repr=f"{WHAT} {report.year}",
        changes={"year": report.year, "format": "page", "figures": figure_count(report)},
    )
