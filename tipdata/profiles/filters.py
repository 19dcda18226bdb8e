"""Filter sets of the reference data, shared by the pages and the read-only API."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tipdata.profiles.models import AgencyType, Country, ExchangeRate, PenalArticle, Region


class SearchFilter(django_filters.FilterSet):
    """A free-text ``q`` over the text fields a record type names in ``search_fields``."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: ClassVar[tuple[str, ...]] = ()

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(query)


def date_range(
    field: str, label_from: Any = None, label_to: Any = None
) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """A pair of filters for a date span (``x_from, x_to = date_range("x_on")``)."""
    return (
        django_filters.DateFilter(
            field_name=field, lookup_expr="gte", label=label_from or _("From")
        ),
        django_filters.DateFilter(field_name=field, lookup_expr="lte", label=label_to or _("To")),
    )


class RegionFilter(SearchFilter):
    search_fields = ("code", "name")

    class Meta:
        model = Region
        fields = ["kind"]


class PenalArticleFilter(SearchFilter):
    search_fields = ("code", "title")

    class Meta:
        model = PenalArticle
        fields = ["is_trafficking"]


class AgencyTypeFilter(SearchFilter):
    search_fields = ("code", "name")

    class Meta:
        model = AgencyType
        fields = ["kind", "government"]


class CountryFilter(SearchFilter):
    search_fields = ("code", "alpha3", "name")

    class Meta:
        model = Country
        fields: list[str] = []


class ExchangeRateFilter(django_filters.FilterSet):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "year"]
