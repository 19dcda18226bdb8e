"""Consent through the API: the same filter set, validation and services as the pages."""

from __future__ import annotations

from tipdata.core.api import RecordSerializer, RecordViewSet
from tipdata.privacy.models import Consent
from tipdata.privacy.records import CONSENTS


class ConsentSerializer(RecordSerializer):
    class Meta:
        model = Consent
        fields = [
            "id",
            "victim",
            "purpose",
            "recipient",
            "given_on",
            "how_given",
            "recorded_by",
            "status",
            "withdrawn_on",
        ]
        read_only_fields = ["recorded_by", "status", "withdrawn_on"]


class ConsentViewSet(RecordViewSet):
    record_type = CONSENTS
    serializer_class = ConsentSerializer


ROUTES = [("consents", ConsentViewSet, "consent")]
