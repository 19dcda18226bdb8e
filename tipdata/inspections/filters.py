"""One filter set for the labour inspection list page and the inspection API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tipdata.core.filters import date_filter, json_list_has, organisations
from tipdata.inspections.models import ForcedLabourIndicator, LabourInspection, ViolationCategory


class LabourInspectionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Employer or business ID"))
    inspected_after = date_filter("inspected_on", "gte", _("Inspected from"))
    inspected_before = date_filter("inspected_on", "lte", _("Inspected until"))
    inspecting_unit = django_filters.ModelChoiceFilter(
        queryset=organisations, label=_("Inspecting unit")
    )
    violation = django_filters.ChoiceFilter(
        field_name="violations__category",
        choices=ViolationCategory.choices,
        distinct=True,
        label=_("Violation found"),
    )
    indicator = django_filters.ChoiceFilter(
        choices=ForcedLabourIndicator.choices, method="by_indicator", label=_("ILO indicator")
    )
    led_to_case = django_filters.BooleanFilter(
        field_name="case", lookup_expr="isnull", exclude=True, label=_("Led to a case")
    )

    class Meta:
        model = LabourInspection
        fields = ["region", "inspecting_unit", "is_recruitment_agency", "referred_to_police"]

    def search(self, queryset: QuerySet[LabourInspection], name: str, value: str) -> Any:
        value = value.strip()
        return queryset.filter(
            Q(employer_name__icontains=value) | Q(employer_business_id__icontains=value)
        )

    def by_indicator(self, queryset: QuerySet[LabourInspection], name: str, value: str) -> Any:
        return json_list_has(
            queryset, "forced_labour_indicators", value, ForcedLabourIndicator.values
        )
