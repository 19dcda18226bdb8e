"""One filter set for the consent list page and API."""

from __future__ import annotations

import django_filters

from tipdata.privacy.models import Consent


class ConsentFilter(django_filters.FilterSet):
    class Meta:
        model = Consent
        fields = ["victim", "purpose", "recipient", "status", "how_given"]
