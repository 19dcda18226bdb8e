"""The import page: templates to download, an upload form, and each upload's progress.

Views stay thin: who may import what is ``ImportKind.may_import`` (the same rule as the
record type's "new" page), the work is ``jobs.start_job`` → ``importer.import_file`` → the
record type's services, and jobs are read through ``selectors.jobs_visible_to``.
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tipdata.audit.services import record_export
from tipdata.intake import jobs
from tipdata.intake.importer import ImportResult, RowError
from tipdata.intake.kinds import ImportKind, UnknownKind, get_kind, import_kinds
from tipdata.intake.report import write_error_report
from tipdata.intake.selectors import jobs_visible_to
from tipdata.intake.workbook import write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def allowed_kinds(user: Any) -> list[ImportKind]:
    return [kind for kind in import_kinds().values() if kind.may_import(user)]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Records"))
    file = forms.FileField(label=gettext_lazy("File (XLSX or CSV)"))

    def __init__(self, *args: Any, kinds: list[ImportKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(k.slug, k.title) for k in kinds]
        if any(k.slug == "victims" for k in kinds):
            choices.append((jobs.HTCDS, _("HTCDS 2.0 case workbook (victims)")))
        self.fields["kind"].choices = choices  # type: ignore[attr-defined]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    kinds = allowed_kinds(request.user)
    if not kinds:
        raise PermissionDenied(_("Your role may not import records."))
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and getattr(request.user, "organisation", None) is None:
        form.add_error(None, _("Imports are made for an organisation; your account has none."))
    if request.method == "POST" and form.is_valid():
        job = jobs.start_job(
            kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], user=request.user
        )
        return redirect("intake:job", pk=job.pk)
    recent = jobs_visible_to(request.user)[:20]
    jobs.reap_stale(recent)
    return render(
        request,
        "intake/index.html",
        {"form": form, "kinds": kinds, "jobs": recent, "template_languages": settings.LANGUAGES},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def template(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    if language not in dict(settings.LANGUAGES):
        raise Http404
    try:
        found = get_kind(kind)
    except UnknownKind as exc:
        raise Http404 from exc
    if not found.may_import(request.user):
        raise PermissionDenied
    buffer = io.BytesIO()
    write_template(found, buffer, language=language)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-{language}.xlsx"'
    return response


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    return render(request, "intake/job.html", _job_context(found))


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    return render(request, "intake/_progress.html", _job_context(found))


@login_required
def job_report(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    result = ImportResult(
        kind=found.kind,
        error_count=found.error_count,
        errors=[RowError(*error) for error in found.errors],
        file_error=found.message if found.status == "rejected" else "",
    )
    buffer = io.BytesIO()
    write_error_report(result, buffer)
    # The sheet copies cells of the upload (names, birth dates ...): an export like any other.
    record_export(
        actor=request.user,
        what="intake.importjob problems",
        fmt="xlsx",
        rows=len(result.errors),
        obj=found,
    )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="problems-{found.pk}.xlsx"'
    return response


def _job_context(found: Any) -> dict[str, Any]:
    done = jobs.rows_done(found)
    total = found.rows_total or 0
    percent = 100 if found.finished else min(99, int(100 * done / total)) if total else 0
    return {"job": found, "rows_done": done, "percent": percent}
