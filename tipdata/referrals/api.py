"""Referral and service API: the same filter sets, validation and services as the pages.

Steps on a referral go through ``POST /api/referrals/<id>/transitions/<name>/`` (accept,
decline, complete by the receiving organisation; withdraw by the referrer). Personal notes
(including the reason for referring without consent and the receiver's response note) are
write-only and read back in ``personal_data`` on the detail endpoint, audited. A new referral
sends ``consent_given`` (the victim agreed now) or ``consent_override_reason``; the answer's
``consent`` names the consent record it relied on (null: the override).
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tipdata.core.api import RecordViewSet
from tipdata.core.personal import PersonalFieldsSerializer
from tipdata.core.vocabulary import ServiceKind
from tipdata.referrals.models import Referral, ServiceDelivery
from tipdata.referrals.records import REFERRALS, SERVICES


class ReferralSerializer(PersonalFieldsSerializer):
    requested_services = serializers.ListField(
        child=serializers.ChoiceField(choices=ServiceKind.choices), required=False
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "victim",
            "from_organisation",
            "to_organisation",
            "referred_on",
            "requested_services",
            "consent_given",
            "consent_override_reason",
            "consent",
            "notes",
            "status",
            "responded_on",
            "completed_on",
            "personal_data",
        ]
        read_only_fields = ["status", "responded_on", "completed_on", "consent"]
        extra_kwargs = {"from_organisation": {"required": False}}


class ServiceDeliverySerializer(PersonalFieldsSerializer):
    government_funded = serializers.BooleanField(read_only=True)

    class Meta:
        model = ServiceDelivery
        fields = [
            "id",
            "victim",
            "provider",
            "kind",
            "outcome",
            "started_on",
            "ended_on",
            "funding",
            "government_funded",
            "referral",
            "notes",
            "personal_data",
        ]
        extra_kwargs = {"provider": {"required": False}}


class ReferralViewSet(RecordViewSet):
    record_type = REFERRALS
    serializer_class = ReferralSerializer

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("victim")


class ServiceDeliveryViewSet(RecordViewSet):
    record_type = SERVICES
    serializer_class = ServiceDeliverySerializer

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("victim")


ROUTES = [
    ("referrals", ReferralViewSet, "referral"),
    ("services", ServiceDeliveryViewSet, "service"),
]
