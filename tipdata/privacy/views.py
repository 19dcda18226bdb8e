"""Privacy pages: break the glass, identity-number lookup, erasure on request.

Consent has the generic record pages (``records.CONSENTS``); these three are actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tipdata.accounts.access import PERSONAL_DATA_ROLES, can_see_personal
from tipdata.core.views import add_service_errors
from tipdata.privacy.emergency import break_glass, grant_target, may_break_glass
from tipdata.privacy.forms import EmergencyForm, ErasureForm, LookupForm
from tipdata.privacy.retention import erase_on_request
from tipdata.privacy.selectors import find_victims_by_identity_number


@login_required
def emergency(request: HttpRequest) -> HttpResponse:
    """Open one record outside one's scope, stating the emergency (audited, reviewed)."""
    if not may_break_glass(request.user):
        raise PermissionDenied(_("Your role does not have emergency access to records."))
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = break_glass(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            target = grant_target(grant)
            if target is not None and hasattr(target, "get_absolute_url"):
                return redirect(target.get_absolute_url())
            return redirect("home")
    return render(
        request,
        "privacy/emergency.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def lookup(request: HttpRequest) -> HttpResponse:
    """Find victims in one's scope by exact identity number (keyed hash; audited)."""
    user: Any = request.user
    if not (getattr(user, "is_administrator", False) or user.role in PERSONAL_DATA_ROLES):
        raise PermissionDenied(_("Your role does not work with personal data."))
    form = LookupForm(request.GET or None)
    found = None
    if form.is_valid():
        found = list(
            find_victims_by_identity_number(request.user, form.cleaned_data["identity_number"])
        )
    return render(request, "privacy/lookup.html", {"form": form, "found": found})


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase a victim's personal data on their valid request."""
    from tipdata.victims.models import Victim

    victim = get_object_or_404(Victim.objects.visible_to(request.user), pk=pk)
    if not can_see_personal(request.user, victim):
        raise PermissionDenied(_("Your role may not handle this person's data."))
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erase_on_request(actor=request.user, victim=victim, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(victim.get_absolute_url())
    return render(
        request,
        "privacy/erase.html",
        {"form": form, "object": victim},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("emergency/", emergency, name="emergency"),
    path("lookup/", lookup, name="lookup"),
    path("erase/<int:pk>/", erase, name="erase"),
]
