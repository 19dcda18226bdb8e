"""Organisation API: every signed-in user reads; administrators create and change.

An organisation has no owning organisation, so the record permission answers 403 to anyone
else's write before the body is read, and the service refuses it again.
"""

from __future__ import annotations

from typing import Any

from tipdata.accounts.models import Organisation
from tipdata.accounts.records import ORGANISATIONS
from tipdata.core.api import RecordSerializer, RecordViewSet


class OrganisationSerializer(RecordSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "code",
            "agency_type",
            "region",
            "country",
            "parent",
            "active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class OrganisationViewSet(RecordViewSet):
    record_type = ORGANISATIONS
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("agency_type", "region")


ROUTES = [("organisations", OrganisationViewSet, "organisation")]
