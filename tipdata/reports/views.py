"""The report page and its downloads, for the roles that may read the report.

Views are thin: they check the reader's role (``access.can_view_report``), ask the engine for
the report (computed now, from the records), and render it through the same renderers and
audited services as ``tipdata report`` on the command line.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tipdata.reports import selectors, services
from tipdata.reports.access import can_view_report
from tipdata.reports.presenter import context
from tipdata.reports.renderers import FORMATS, filename

DOWNLOADS = [
    ("pdf", gettext_lazy("Download PDF")),
    ("xlsx", gettext_lazy("Download XLSX")),
    ("json", gettext_lazy("Download JSON")),
]


def check_reader(request: HttpRequest) -> None:
    if not can_view_report(request.user):
        raise PermissionDenied(_("The country report is for the secretariat and analysts."))


def requested_year(value: object) -> int:
    """A year the page offers; anything else is a page that does not exist."""
    try:
        year = int(str(value))
    except ValueError:
        raise Http404(_("No report for this year.")) from None
    if year not in selectors.report_years():
        raise Http404(_("No report for this year."))
    return year


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The report of the chosen year (``?year=``), on screen, with its download buttons."""
    check_reader(request)
    year = requested_year(request.GET.get("year") or selectors.default_year())
    report = services.build(year, user=request.user)
    services.record_report_view(report, actor=request.user)
    page = {
        **context(report, request.user),
        "years": selectors.report_years(),
        "downloads": DOWNLOADS,
    }
    return render(request, "reports/page.html", page)


@login_required
def download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The report as a file (PDF, XLSX, JSON or standalone HTML), audited as an export."""
    check_reader(request)
    if fmt not in FORMATS:
        raise Http404(_("Unknown format."))
    report = services.build(requested_year(year), user=request.user)
    content = services.export_report(report, fmt, actor=request.user, user=request.user)
    response = HttpResponse(content, content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(report, fmt)}"'
    return response
