"""Standard-format pages: the downloads (HTCDS, CTDC, GLOTIP) and the CTDC upload.

Views are thin: they check who may do what, then call the same audited services as the
``tipdata export_* / import_*`` commands. Each download is scoped to what the signed-in user may
see; personal fields go only to the roles allowed to see personal data.
"""

from __future__ import annotations

import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tipdata.accounts.access import can_browse, can_create
from tipdata.exchange import exports
from tipdata.exchange.services import ImportRejected, import_ctdc
from tipdata.reports.access import can_view_report
from tipdata.reports.selectors import report_years
from tipdata.victims.models import Victim

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 50 * 1024 * 1024


class CtdcUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CTDC file (CSV or XLSX)"))


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _check_records(request: HttpRequest) -> None:
    if not can_browse(request.user, Victim):
        raise PermissionDenied(_("Your role does not give access to victim records."))


@require_http_methods(["GET", "POST"])
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The downloads the user may take, and the CTDC upload for organisations that contribute."""
    user = request.user
    if not (can_browse(user, Victim) or can_view_report(user)):
        raise PermissionDenied(_("Your role does not give access to data exchange."))
    context = {
        "records": can_browse(user, Victim),
        "report_years": report_years() if can_view_report(user) else [],
        "upload": can_create(user, Victim),
        "form": CtdcUploadForm(),
    }
    if request.method == "POST":
        context.update(_upload(request))
    return render(request, "exchange/index.html", context)


def _upload(request: HttpRequest) -> dict[str, object]:
    if not can_create(request.user, Victim):
        raise PermissionDenied(_("Only an organisation that records victims may contribute."))
    form = CtdcUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return {"form": form}
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD:
        return {"form": form, "problems": [_("The file is larger than 50 MB.")]}
    try:
        result = import_ctdc(
            actor=request.user,
            source=io.BytesIO(upload.read()),
            agency=request.user.organisation,  # type: ignore[union-attr]
            file_name=upload.name or "",
        )
    except ImportRejected as error:
        return {"form": form, "problems": error.issues}
    return {"result": result}


@require_GET
@login_required
def htcds(request: HttpRequest) -> HttpResponse:
    _check_records(request)
    buffer = io.BytesIO()
    exports.export_htcds(actor=request.user, target=buffer, template="plain" not in request.GET)
    return _attachment(buffer.getvalue(), XLSX, "tipdata-htcds.xlsx")


@require_GET
@login_required
def ctdc(request: HttpRequest) -> HttpResponse:
    _check_records(request)
    buffer = io.BytesIO()
    exports.export_ctdc(actor=request.user, target=buffer)
    return _attachment(buffer.getvalue(), "text/csv; charset=utf-8", "tipdata-ctdc.csv")


@require_GET
@login_required
def glotip(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The UNODC submission for a year (the report's figures), for the report's readers."""
    if not can_view_report(request.user):
        raise PermissionDenied(_("The UNODC submission is for the secretariat and analysts."))
    if year not in report_years() or fmt not in ("xlsx", "csv"):
        raise Http404(_("No submission for this year or format."))
    buffer = io.BytesIO()
    exports.export_glotip(actor=request.user, year=year, target=buffer, fmt=fmt)
    kind = XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    return _attachment(buffer.getvalue(), kind, f"tipdata-glotip-{year}.{fmt}")
