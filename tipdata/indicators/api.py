"""Indicator API: the catalogue (read) and historical aggregate values (list, read, create).

Aggregates are written through ``services.record_historical_value`` like the pages and the
importer; only the secretariat and administrators may write (403 otherwise).
"""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from tipdata.indicators import services
from tipdata.indicators.catalogue import load_catalogue
from tipdata.indicators.models import HistoricalValue


class HistoricalValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = HistoricalValue
        fields = [
            "id",
            "indicator",
            "year",
            "disaggregation",
            "status",
            "value",
            "source",
            "reference",
            "note",
            "entered_by",
            "created_at",
        ]
        read_only_fields = ["entered_by", "created_at"]
        validators: list[Any] = []  # uniqueness is the service's (and the model's) rule


class MayEnter(permissions.BasePermission):
    message = "Only the secretariat or an administrator enters aggregates."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return services.may_enter(request.user)


class HistoricalValueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = HistoricalValueSerializer
    permission_classes = [permissions.IsAuthenticated, MayEnter]
    filterset_fields = ["indicator", "year", "status"]

    def get_queryset(self) -> Any:
        return HistoricalValue.objects.visible_to(self.request.user).order_by("indicator", "year")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.record_historical_value(
            actor=self.request.user, data=serializer.validated_data
        )


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    key = serializers.CharField()
    section = serializers.CharField()
    name = serializers.CharField()
    definition = serializers.CharField()
    unit = serializers.CharField()
    disaggregations = serializers.ListField(child=serializers.CharField())
    expected_from = serializers.CharField()


class IndicatorViewSet(viewsets.ViewSet):
    """The indicator catalogue: one definition per figure of the report."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = IndicatorSerializer

    def list(self, request: Request) -> Response:
        return Response(IndicatorSerializer(list(load_catalogue()), many=True).data)


ROUTES = [
    ("indicators", IndicatorViewSet, "indicator"),
    ("historical-values", HistoricalValueViewSet, "historicalvalue"),
]
