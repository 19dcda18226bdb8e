"""The auditor's pages: the trail with filters, one entry, exports, emergency-access review.

Only the auditor role opens them (everyone else gets 403, the anonymous the sign-in page):
the people being audited, administrators included, cannot browse or export the trail.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tipdata.accounts.models import Role
from tipdata.audit import exports
from tipdata.audit.filters import AuditFilter
from tipdata.audit.models import AuditEntry
from tipdata.audit.services import record_export
from tipdata.audit.verify import verify_chain

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_auditor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role == Role.AUDITOR


def auditor_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_auditor(request.user):
            raise PermissionDenied(_("Only auditors read the audit trail."))
        return view(request, *args, **kwargs)

    return wrapped


def _filtered(request: HttpRequest) -> AuditFilter:
    entries = AuditEntry.objects.select_related("content_type")
    return AuditFilter(request.GET, queryset=entries)


@auditor_required
def entry_list(request: HttpRequest) -> HttpResponse:
    from tipdata.privacy.emergency import grants_to_review

    filterset = _filtered(request)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {
            "filterset": filterset,
            "page": page,
            "querystring": query.urlencode(),
            "to_review": grants_to_review().count(),
        },
    )


@auditor_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(AuditEntry.objects.select_related("content_type"), pk=pk)
    return render(request, "audit/detail.html", {"entry": entry})


@auditor_required
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    filterset = _filtered(request)
    entries = filterset.qs
    record_export(
        actor=request.user, what=AuditEntry, fmt=fmt, rows=entries.count(), filters=request.GET
    )
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_lines(entries), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(exports.xlsx_bytes(entries), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="audit-trail.{fmt}"'
    return response


@auditor_required
def verify(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/verify.html", {"result": verify_chain()})


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Review note"), widget=forms.Textarea, required=False)


@auditor_required
def emergency_list(request: HttpRequest) -> HttpResponse:
    from tipdata.privacy.emergency import grants_to_review
    from tipdata.privacy.models import EmergencyAccess

    reviewed = EmergencyAccess.objects.filter(reviewed_at__isnull=False).select_related(
        "user", "reviewed_by"
    )[:50]
    return render(
        request,
        "audit/emergency.html",
        {"pending": grants_to_review(), "reviewed": reviewed, "form": ReviewForm()},
    )


@auditor_required
@require_POST
def emergency_review(request: HttpRequest, pk: int) -> HttpResponse:
    from tipdata.privacy.emergency import grants_to_review, review_grant

    grant = get_object_or_404(grants_to_review(), pk=pk)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    review_grant(actor=request.user, grant=grant, note=note)
    return redirect("audit:emergency-list")


urlpatterns = [
    path("", entry_list, name="entry-list"),
    path("<int:pk>/", entry_detail, name="entry-detail"),
    path("export.csv", export, {"fmt": "csv"}, name="entry-export-csv"),
    path("export.xlsx", export, {"fmt": "xlsx"}, name="entry-export-xlsx"),
    path("verify/", verify, name="verify"),
    path("emergency/", emergency_list, name="emergency-list"),
    path("emergency/<int:pk>/review/", emergency_review, name="emergency-review"),
]
