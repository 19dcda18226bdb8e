"""One filter set for the victim list page and the victim API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tipdata.core.vocabulary import ExploitationForm
from tipdata.victims.models import Victim


class VictimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search code or reference"))
    exploitation_form = django_filters.ChoiceFilter(
        field_name="exploitations__form",
        choices=ExploitationForm.choices,
        label=_("Exploitation"),
        distinct=True,
    )
    registered_from = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="gte", label=_("Registered from")
    )
    registered_to = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="lte", label=_("Registered to")
    )

    class Meta:
        model = Victim
        fields = [
            "status",
            "sex",
            "age_group",
            "citizenship",
            "registered_by",
            "identification_channel",
        ]

    def search(self, queryset: QuerySet[Victim], name: str, value: str) -> QuerySet[Victim]:
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(source_ref__icontains=value))
