"""Activity API: the same filter sets, validation and services as the pages.

A training carries its audience counts nested (``audience: [{profession, count}]``); they are
written by the training's service in the same transaction. A grant shows its USD equivalent
at the funding year's rate; a special operation lists the cases and victims it produced that
the caller may see.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tipdata.activities import records
from tipdata.activities.models import Grant, SpecialOperation, Training, TrainingAudience
from tipdata.core.api import RecordSerializer, RecordViewSet
from tipdata.core.registry import RecordType


def serializer_for(record_type: RecordType) -> type[RecordSerializer]:
    """A plain serializer of every field of a record type (services enforce the rules)."""
    meta = type("Meta", (), {"model": record_type.model, "fields": "__all__"})
    name = f"{record_type.model.__name__}Serializer"
    return type(name, (RecordSerializer,), {"Meta": meta})


class AudienceSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingAudience
        fields = ["profession", "count"]


class TrainingSerializer(RecordSerializer):
    audience = AudienceSerializer(many=True, required=False)
    total_trained = serializers.IntegerField(read_only=True)

    class Meta:
        model = Training
        fields = "__all__"


class GrantSerializer(RecordSerializer):
    amount_usd = serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Grant
        fields = "__all__"


class LinkedRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display = serializers.CharField()


class SpecialOperationSerializer(RecordSerializer):
    results = serializers.SerializerMethodField()

    class Meta:
        model = SpecialOperation
        fields = "__all__"

    @extend_schema_field(serializers.DictField(child=LinkedRecordSerializer(many=True)))
    def get_results(self, operation: SpecialOperation) -> dict[str, list[dict[str, Any]]] | None:
        """Cases and victims produced (detail view only, limited to what the caller sees)."""
        view = self.context.get("view")
        request = self.context.get("request")
        if request is None or getattr(view, "action", None) != "retrieve":
            return None
        cases, victims = (
            items for _title, items in records.operation_results(operation, request.user)
        )
        return {
            "cases": [{"id": c.pk, "display": str(c)} for c in cases],
            "victims": [{"id": v.pk, "display": str(v)} for v in victims],
        }


def viewset_for(record_type: RecordType, serializer: type[RecordSerializer]) -> type[RecordViewSet]:
    name = f"{record_type.model.__name__}ViewSet"
    return type(
        name, (RecordViewSet,), {"record_type": record_type, "serializer_class": serializer}
    )


ENDPOINTS: list[tuple[str, RecordType, type[RecordSerializer] | None]] = [
    ("trainings", records.TRAININGS, TrainingSerializer),
    ("campaigns", records.CAMPAIGNS, None),
    ("special-operations", records.OPERATIONS, SpecialOperationSerializer),
    ("working-group-meetings", records.MEETINGS, None),
    ("grants", records.GRANTS, GrantSerializer),
    ("taskforces", records.TASKFORCES, None),
    ("bilateral-agreements", records.AGREEMENTS, None),
    ("capacity-figures", records.CAPACITY_FIGURES, None),
    ("repatriations", records.REPATRIATIONS, None),
]

ROUTES = [
    (prefix, viewset_for(record_type, serializer or serializer_for(record_type)), prefix[:-1])
    for prefix, record_type, serializer in ENDPOINTS
]
