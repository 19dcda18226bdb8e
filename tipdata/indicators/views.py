"""Indicator pages: the catalogue, and the records behind a figure (the report's drill-down)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_browse
from tipdata.indicators import selectors
from tipdata.indicators.catalogue import load_catalogue

PAGE_SIZE = 50


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "indicators/catalogue.html", {"indicators": list(load_catalogue())})


def link_of(record: object) -> str:
    try:
        return str(record.get_absolute_url())  # type: ignore[attr-defined]
    except (AttributeError, NoReverseMatch):
        return ""


@login_required
def records(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The records behind a figure that the signed-in user may see, with how many there are."""
    indicator = selectors.indicator_or_none(code)
    if indicator is None:
        raise Http404(_("No such indicator."))
    behind = selectors.records_behind(indicator, year, request.user)
    allowed = can_browse(request.user, behind.measure.record_model)
    page = Paginator(behind.visible.order_by("pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(record, link_of(record)) for record in page] if allowed else []
    return render(
        request,
        "indicators/records.html",
        {
            "indicator": indicator,
            "year": year,
            "behind": behind,
            "page": page,
            "rows": rows,
            "allowed": allowed,
            "model_name": behind.measure.record_model._meta.verbose_name_plural,
        },
        status=200 if allowed else 403,
    )
