"""Activity pages beyond the generic ones: the index of kinds and the training form.

A training's audience counts are edited on the training's own page (an inline formset), but
the rows reach the database only through ``services.record_training``/``update_training``,
in the same transaction as the training.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_create, may_change
from tipdata.activities.forms import AudienceFormSet, audience_rows
from tipdata.activities.models import Training
from tipdata.activities.records import ACTIVITY_TYPES, TRAININGS
from tipdata.activities.services import AUDIENCE
from tipdata.core.views import add_service_errors, get_visible
from tipdata.profiles.views import kinds_page


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Every kind of activity the user may browse, with the number of records they see."""
    return kinds_page(request, _("Activities and capacity"), ACTIVITY_TYPES)


def training_form(*, edit: bool) -> Any:
    @login_required
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance = get_visible(TRAININGS, request, pk) if edit and pk is not None else None
        allowed = (
            may_change(request.user, instance)
            if instance is not None
            else can_create(request.user, Training)
        )
        if not allowed:
            raise PermissionDenied(_("You may not record or change this training."))
        form_class: Any = TRAININGS.edit_form if edit else TRAININGS.create_form
        form = form_class(request.POST or None, instance=instance, user=request.user)
        audience = AudienceFormSet(
            request.POST or None, instance=instance or Training(), prefix=AUDIENCE
        )
        if request.method == "POST" and form.is_valid() and audience.is_valid():
            data, m2m = TRAININGS.split_m2m(form.cleaned_data)
            data[AUDIENCE] = audience_rows(audience)
            try:
                if instance is not None:
                    training = TRAININGS.update(  # type: ignore[misc]
                        actor=request.user, instance=instance, data=data, m2m=m2m
                    )
                else:
                    training = TRAININGS.create(actor=request.user, data=data, m2m=m2m)  # type: ignore[misc]
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(training.get_absolute_url())
        context = {
            "record_type": TRAININGS,
            "form": form,
            "audience": audience,
            "object": instance,
            "edit": edit,
        }
        status = 400 if request.method == "POST" else 200
        return render(request, "activities/training_form.html", context, status=status)

    return view


urlpatterns = [
    path("", index, name="index"),
    path("trainings/new/", training_form(edit=False), name="training-create"),
    path("trainings/<int:pk>/edit/", training_form(edit=True), name="training-edit"),
]
