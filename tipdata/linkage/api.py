"""Linkage API: the review queue, decisions, merges and their undoing, and runs.

The same selectors and services as the pages: a pair outside one's scope is 404, decisions
and undoing go through ``services`` (audited), and no personal data is ever in these
responses (a reviewer who may see it opens the records themselves, audited).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from tipdata.linkage import selectors, services
from tipdata.linkage.models import CandidatePair, Merge
from tipdata.linkage.policies import may_review, may_run_linkage


class PairSerializer(serializers.ModelSerializer):
    record_a = serializers.CharField(source="victim_a.code", read_only=True)
    record_b = serializers.CharField(source="victim_b.code", read_only=True)
    person_a = serializers.CharField(source="victim_a.person.code", read_only=True)
    person_b = serializers.CharField(source="victim_b.person.code", read_only=True)

    class Meta:
        model = CandidatePair
        fields = [
            "id",
            "record_a",
            "record_b",
            "person_a",
            "person_b",
            "match_probability",
            "reason",
            "status",
            "decided_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class MergeSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.code", read_only=True)
    records_moved = serializers.SerializerMethodField()

    class Meta:
        model = Merge
        fields = ["id", "person", "kind", "pair", "records_moved", "created_at", "undone_at"]
        read_only_fields = fields

    def get_records_moved(self, merge: Merge) -> int:
        return len(merge.changes)


def _call(service: Any, **kwargs: Any) -> Any:
    try:
        return service(**kwargs)
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error)) from error
    except DjangoValidationError as error:
        raise ValidationError(error.messages) from error


class PairViewSet(viewsets.ReadOnlyModelViewSet):
    """Candidate pairs in the user's scope; ``?status=pending`` is the review queue."""

    serializer_class = PairSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the schema generator's fake request
            return CandidatePair.objects.none()
        if not may_review(self.request.user):
            raise PermissionDenied("Your role does not review record linkage.")
        pairs = selectors.pairs_for(self.request.user)
        status = self.request.query_params.get("status")
        return selectors.review_queue(self.request.user) if status == "pending" else pairs

    @extend_schema(request=DecisionSerializer, responses=PairSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: Any = None) -> Response:
        pair = self.get_object()
        reason = request.data.get("reason", "")
        _call(services.confirm_pair, actor=request.user, pair=pair, reason=reason)
        return Response(PairSerializer(self.get_queryset().get(pk=pair.pk)).data)

    @extend_schema(request=DecisionSerializer, responses=PairSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: Any = None) -> Response:
        pair = self.get_object()
        reason = request.data.get("reason", "")
        _call(services.reject_pair, actor=request.user, pair=pair, reason=reason)
        return Response(PairSerializer(self.get_queryset().get(pk=pair.pk)).data)


class MergeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MergeSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        return selectors.merges_for(self.request.user)

    @extend_schema(request=DecisionSerializer, responses=MergeSerializer)
    @action(detail=True, methods=["post"])
    def undo(self, request: Request, pk: Any = None) -> Response:
        merge = self.get_object()
        reason = request.data.get("reason", "")
        merge = _call(services.undo_merge, actor=request.user, merge=merge, reason=reason)
        return Response(MergeSerializer(merge).data)


class RunSerializer(serializers.Serializer):
    retrain = serializers.BooleanField(required=False, default=False)


class RunSummarySerializer(serializers.Serializer):
    """The shape of ``services.LinkageSummary.as_dict()``: counts only, never names."""

    records = serializers.IntegerField()
    new_records = serializers.IntegerField()
    records_read = serializers.IntegerField(help_text="records whose personal data was read")
    pairs_scored = serializers.IntegerField()
    merges = serializers.IntegerField()
    records_moved = serializers.IntegerField()
    queued_for_review = serializers.IntegerField()
    model_trained = serializers.BooleanField()


class RunViewSet(viewsets.ViewSet):
    """POST runs record linkage over every record (administrators and analysts)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=RunSerializer, responses={200: RunSummarySerializer})
    def create(self, request: Request) -> Response:
        if not may_run_linkage(request.user):
            raise PermissionDenied("Your role may not run record linkage.")
        options = RunSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        summary = services.run_linkage(
            actor=request.user, retrain=options.validated_data["retrain"]
        )
        return Response(summary.as_dict())


ROUTES = [
    ("linkage/pairs", PairViewSet, "linkage-pair"),
    ("linkage/merges", MergeViewSet, "linkage-merge"),
    ("linkage/runs", RunViewSet, "linkage-run"),
]
