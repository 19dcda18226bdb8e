"""One filter set per record type, for the list pages and the API alike."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tipdata.core.filters import date_filter, json_list_has, organisations
from tipdata.core.vocabulary import ServiceKind
from tipdata.referrals.models import Referral, ServiceDelivery


class Direction:
    RECEIVED = "received"
    MADE = "made"
    CHOICES = [
        (RECEIVED, _("Received by my organisation")),
        (MADE, _("Made by my organisation")),
    ]


class ReferralFilter(django_filters.FilterSet):
    direction = django_filters.ChoiceFilter(
        choices=Direction.CHOICES, method="by_direction", label=_("Direction")
    )
    service = django_filters.ChoiceFilter(
        choices=ServiceKind.choices, method="by_service", label=_("Requested service")
    )
    victim = django_filters.CharFilter(
        field_name="victim__code", lookup_expr="iexact", label=_("Victim code")
    )
    from_organisation = django_filters.ModelChoiceFilter(
        queryset=organisations, label=_("Referred by")
    )
    to_organisation = django_filters.ModelChoiceFilter(
        queryset=organisations, label=_("Referred to")
    )
    referred_after = date_filter("referred_on", "gte", _("Referred from"))
    referred_before = date_filter("referred_on", "lte", _("Referred until"))

    class Meta:
        model = Referral
        fields = ["direction", "status", "service", "victim", "consent_given"]

    def by_direction(self, queryset: QuerySet[Referral], name: str, value: str) -> Any:
        organisation = getattr(getattr(self.request, "user", None), "organisation_id", None)
        if value == Direction.RECEIVED:
            return queryset.filter(to_organisation=organisation)
        if value == Direction.MADE:
            return queryset.filter(from_organisation=organisation)
        return queryset

    def by_service(self, queryset: QuerySet[Referral], name: str, value: str) -> Any:
        return json_list_has(queryset, "requested_services", value, ServiceKind.values)


class ServiceDeliveryFilter(django_filters.FilterSet):
    victim = django_filters.CharFilter(
        field_name="victim__code", lookup_expr="iexact", label=_("Victim code")
    )
    provider = django_filters.ModelChoiceFilter(queryset=organisations, label=_("Provider"))
    government_funded = django_filters.BooleanFilter(
        method="by_government_funding", label=_("Government-funded")
    )
    started_after = date_filter("started_on", "gte", _("Started from"))
    started_before = date_filter("started_on", "lte", _("Started until"))

    class Meta:
        model = ServiceDelivery
        fields = ["kind", "outcome", "funding", "victim", "provider"]

    def by_government_funding(
        self, queryset: QuerySet[ServiceDelivery], name: str, value: bool | None
    ) -> Any:
        if value is None:
            return queryset
        government = ServiceDelivery.GOVERNMENT_FUNDING
        if value:
            return queryset.filter(funding__in=government)
        return queryset.exclude(funding__in=government)
