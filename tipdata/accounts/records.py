"""Organisations as generic pages (all may browse; administrators create and edit) and the
user list's declaration (its pages are administrators' own, in ``views``)."""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _

from tipdata.accounts import services
from tipdata.accounts.filters import OrganisationFilter, UserFilter
from tipdata.accounts.forms import OrganisationForm, UserEditForm
from tipdata.accounts.models import Organisation, User
from tipdata.accounts.services import is_administrator
from tipdata.core.registry import RecordType, register


def organisation_related(organisation: Any, user: Any) -> list[tuple[str, Any]]:
    """Bodies under this one; its members only for administrators (people are not public)."""
    related: list[tuple[str, Any]] = [
        (_("Subordinate bodies"), Organisation.objects.visible_to(user).filter(parent=organisation))
    ]
    if is_administrator(user):
        related.append((_("Members"), organisation.members.order_by("username")))
    return related


ORGANISATIONS = register(
    RecordType(
        model=Organisation,
        slug="accounts",
        filterset_class=OrganisationFilter,
        list_columns=["name", "code", "agency_type", "region", "active"],
        create_form=OrganisationForm,
        edit_form=OrganisationForm,
        create=services.create_organisation,
        update=services.update_organisation,
        related=organisation_related,
        nav_group="reference",
        creatable_by=is_administrator,
    )
)

# Users are not records (no ``visible_to``): only the list page's declaration, not registered.
USERS = RecordType(
    model=cast(Any, User),
    slug="accounts",
    filterset_class=UserFilter,
    list_columns=["username", "first_name", "last_name", "role", "organisation", "is_active"],
    edit_form=UserEditForm,
)
