"""Victim API: the same filter set, validation and services as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tipdata.accounts.access import can_see_personal
from tipdata.core.api import RecordSerializer, RecordViewSet
from tipdata.core.vocabulary import ControlMethod, ExploitationForm, Industry, SexExploitationType
from tipdata.victims.forms import VICTIM_FIELDS
from tipdata.victims.models import Victim
from tipdata.victims.records import VICTIMS


class PersonalDataSerializer(serializers.Serializer):
    family_name = serializers.CharField(required=False, allow_blank=True)
    given_name = serializers.CharField(required=False, allow_blank=True)
    patronymic = serializers.CharField(required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1900)
    languages = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    identity_number = serializers.CharField(required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)


class VictimSerializer(RecordSerializer):
    exploitation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=ExploitationForm.choices), required=False
    )
    industry = serializers.ChoiceField(choices=Industry.choices, required=False, allow_blank=True)
    sex_exploitation_type = serializers.ChoiceField(
        choices=SexExploitationType.choices, required=False, allow_blank=True
    )
    control_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=ControlMethod.choices), required=False
    )
    personal = PersonalDataSerializer(required=False, write_only=True)
    personal_data = serializers.SerializerMethodField()

    class Meta:
        model = Victim
        fields = [
            "id",
            "code",
            "person",
            "status",
            "identified_on",
            "identified_by",
            "identification_channel",
            "status_decided_on",
            *VICTIM_FIELDS,
            "exploitation_forms",
            "industry",
            "sex_exploitation_type",
            "personal",
            "personal_data",
        ]
        read_only_fields = [
            "code",
            "person",
            "status",
            "identified_on",
            "identified_by",
            "identification_channel",
            "status_decided_on",
        ]

    def to_representation(self, instance: Victim) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["exploitation_forms"] = [e.form for e in instance.exploitations.all()]
        data.pop("industry", None)
        data.pop("sex_exploitation_type", None)
        return data

    @extend_schema_field(PersonalDataSerializer(allow_null=True))
    def get_personal_data(self, instance: Victim) -> dict[str, Any] | None:
        """Personal data only for users allowed to see it (and only on the detail view)."""
        request = self.context.get("request")
        view = self.context.get("view")
        if request is None or getattr(view, "action", None) != "retrieve":
            return None
        if not can_see_personal(request.user, instance):
            return None
        from tipdata.victims.selectors import personal_data_for

        personal = personal_data_for(request.user, instance)
        return PersonalDataSerializer(personal).data if personal else None


class VictimViewSet(RecordViewSet):
    record_type = VICTIMS
    serializer_class = VictimSerializer
    search_fields = ["code", "source_ref"]

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("registered_by", "citizenship", "person")
            .prefetch_related("exploitations")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.update(data.pop("personal", {}) or {})
        serializer.instance = VICTIMS.create(actor=self.request.user, data=data)  # type: ignore[misc]

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.update(data.pop("personal", {}) or {})
        serializer.instance = VICTIMS.update(  # type: ignore[misc]
            actor=self.request.user, instance=serializer.instance, data=data
        )


ROUTES = [("victims", VictimViewSet, "victim")]
