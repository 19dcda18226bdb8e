"""Filter sets of the organisation and user lists (the organisation one serves the API too)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from tipdata.accounts.models import Organisation, User
from tipdata.profiles.filters import SearchFilter
from tipdata.profiles.models import AgencyKind


class OrganisationFilter(SearchFilter):
    search_fields = ("name", "code")
    kind = django_filters.ChoiceFilter(
        field_name="agency_type__kind", choices=AgencyKind.choices, label=_("Kind")
    )

    class Meta:
        model = Organisation
        fields = ["agency_type", "region", "active"]


class UserFilter(SearchFilter):
    search_fields = ("username", "first_name", "last_name", "email")

    class Meta:
        model = User
        fields = ["role", "organisation", "is_active"]
