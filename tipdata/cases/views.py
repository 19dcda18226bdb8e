"""Case pages beyond the generic ones: sub-records created from their parent's page, linking
victims to a case, and the defendant's name panel (``core.personal``: on request, audited).

Like the generic pages, these read the parent through ``visible_to`` (out of scope is 404)
and write only through the services; a service's ``ValidationError`` lands on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tipdata.cases import services
from tipdata.cases.forms import CooperationForm, LinkVictimsForm
from tipdata.cases.records import CASES, DEFENDANTS, NESTED, Nested
from tipdata.core.personal import personal_panel
from tipdata.core.views import add_service_errors, get_visible, model_name


def _case_of(obj: Any) -> Any:
    """The case a record belongs to (itself for a case), to return to its page."""
    return obj if obj._meta.model_name == "criminalcase" else obj.case


def nested_create(spec: Nested) -> Any:
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        parent = get_visible(spec.parent, request, pk)
        if not spec.offered(parent):
            raise Http404(_("This record cannot be added here."))
        extra = {"case": parent} if spec.form_class is CooperationForm else {}
        form = spec.form_class(request.POST or None, user=request.user, **extra)  # type: ignore[call-arg]
        if request.method == "POST" and form.is_valid():
            data, _m2m = spec.child.split_m2m(form.cleaned_data)
            try:
                created = spec.create(request.user, parent, data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(_case_of(created).get_absolute_url())
        context = {"form": form, "parent": parent, "spec": spec}
        status = 400 if request.method == "POST" else 200
        return render(request, "cases/nested_form.html", context, status=status)

    return view


@login_required
def link_victims(request: HttpRequest, pk: int) -> HttpResponse:
    """Link victims the user may see to the case (the case's unit does this)."""
    case = get_visible(CASES, request, pk)
    form = LinkVictimsForm(request.POST or None, case=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_victims(
                actor=request.user, case=case, victims=form.cleaned_data["victims"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(case.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/link_victims.html", {"form": form, "object": case}, status=status)


@login_required
@require_POST
def unlink_victim(request: HttpRequest, pk: int, victim_pk: int) -> HttpResponse:
    from tipdata.victims.models import Victim

    case = get_visible(CASES, request, pk)
    victim = get_object_or_404(Victim.objects.visible_to(request.user), pk=victim_pk)
    try:
        services.unlink_victim(
            actor=request.user, case=case, victim=victim, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(case.get_absolute_url())


def _nested_pattern(spec: Nested) -> Any:
    base = f"{model_name(spec.parent)}s"
    child = model_name(spec.child)
    return path(f"{base}/<int:pk>/{spec.segment}/new/", nested_create(spec), name=f"{child}-create")


urlpatterns = [
    *(_nested_pattern(spec) for spec in NESTED),
    path("criminalcases/<int:pk>/victims/", link_victims, name="criminalcase-victims"),
    path(
        "criminalcases/<int:pk>/victims/<int:victim_pk>/unlink/",
        unlink_victim,
        name="criminalcase-unlink-victim",
    ),
    path("defendants/<int:pk>/personal/", personal_panel(DEFENDANTS), name="defendant-personal"),
]
