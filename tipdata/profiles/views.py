"""Index pages listing kinds of records with counts: reference data here, activities too.

``kinds_page`` shows the kinds a user may browse, each with the number of records they see
(counted through ``visible_to``) and a link to record one when they may.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_browse, can_create
from tipdata.accounts.models import User
from tipdata.accounts.records import ORGANISATIONS
from tipdata.accounts.services import is_administrator
from tipdata.core.registry import RecordType
from tipdata.core.views import model_name, scoped
from tipdata.profiles.records import REFERENCE_TYPES


def may_create(record_type: RecordType, user: Any) -> bool:
    if record_type.creatable_by is not None:
        return record_type.creatable_by(user)
    return can_create(user, record_type.model)


def kind_row(record_type: RecordType, request: HttpRequest) -> dict[str, Any]:
    name = f"{record_type.slug}:{model_name(record_type)}"
    return {
        "label": record_type.verbose_name_plural,
        "count": scoped(record_type, request).count(),
        "list_url": reverse(f"{name}-list"),
        "create_url": reverse(f"{name}-create") if may_create(record_type, request.user) else "",
    }


def kinds_page(
    request: HttpRequest,
    title: str,
    record_types: Iterable[RecordType],
    extra: Iterable[dict[str, Any]] = (),
) -> HttpResponse:
    kinds = [
        kind_row(record_type, request)
        for record_type in record_types
        if can_browse(request.user, record_type.model)
    ]
    context = {"title": title, "kinds": [*kinds, *extra]}
    return render(request, "profiles/kinds.html", context)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Agencies, users (for administrators) and the country profile's reference data."""
    users = []
    if is_administrator(request.user):
        users.append(
            {
                "label": _("users"),
                "count": User.objects.count(),
                "list_url": reverse("accounts:user-list"),
                "create_url": reverse("accounts:user-create"),
            }
        )
    title = _("Agencies and reference data")
    return kinds_page(request, title, [ORGANISATIONS, *REFERENCE_TYPES], users)


urlpatterns = [path("", index, name="index")]
