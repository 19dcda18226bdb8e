"""One filter set for the hotline call list page and the hotline API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from tipdata.core.filters import date_filter, organisations
from tipdata.hotline.models import HotlineCall


class HotlineCallFilter(django_filters.FilterSet):
    received_after = date_filter("received_at", "date__gte", _("Received from"))
    received_before = date_filter("received_at", "date__lte", _("Received until"))
    referred_to = django_filters.ModelChoiceFilter(queryset=organisations, label=_("Referred to"))
    led_to_case = django_filters.BooleanFilter(
        field_name="case", lookup_expr="isnull", exclude=True, label=_("Led to a case")
    )

    class Meta:
        model = HotlineCall
        fields = ["topic", "outcome", "caller_type", "region", "referred_to"]
