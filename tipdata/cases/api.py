"""Case API: the same filter sets, validation and services as the pages.

``/api/cases/`` carries the generic ``transitions/<name>/`` action and links victims;
defendants, verdicts, sentences and cooperation name their parent in the body (``case``,
``defendant``, ``verdict``) and are created by the same service the parent's page calls.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from tipdata.cases import services
from tipdata.cases.forms import COOPERATION_FIELDS, SENTENCE_FIELDS, VERDICT_FIELDS
from tipdata.cases.models import (
    CaseReview,
    CaseStatusChange,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    Sentence,
    Verdict,
)
from tipdata.cases.records import CASES, DEFENDANTS, NESTED, REVIEWS, Nested
from tipdata.core.api import RecordSerializer, RecordViewSet
from tipdata.core.personal import PersonalFieldsSerializer


class CaseStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseStatusChange
        fields = [
            "transition",
            "from_status",
            "to_status",
            "occurred_on",
            "organisation",
            "reason",
            "review",
        ]


class CriminalCaseSerializer(RecordSerializer):
    steps = CaseStepSerializer(many=True, read_only=True, source="status_changes")
    victims = serializers.SerializerMethodField()

    class Meta:
        model = CriminalCase
        exclude = ["created_by"]
        read_only_fields = ["prosecutor_office", "court"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_victims(self, case: CriminalCase) -> list[int]:
        """Linked victims the caller may see (ids of others would leak that they exist)."""
        from tipdata.victims.models import Victim

        request = self.context.get("request")
        visible = Victim.objects.visible_to(getattr(request, "user", None))
        return list(visible.filter(cases=case).values_list("pk", flat=True))


class VictimLinkSerializer(serializers.Serializer):
    victims = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class VictimUnlinkSerializer(serializers.Serializer):
    victim = serializers.IntegerField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CriminalCaseViewSet(RecordViewSet):
    record_type = CASES
    serializer_class = CriminalCaseSerializer

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("investigating_unit", "region")
            .prefetch_related("articles", "status_changes")
        )

    def _victims(self, ids: list[int]) -> list[Any]:
        from tipdata.victims.models import Victim

        found = list(Victim.objects.visible_to(self.request.user).filter(pk__in=ids))
        if len(found) != len(set(ids)):
            raise serializers.ValidationError({"victims": [_("Unknown victim.")]})
        return found

    @extend_schema(request=VictimLinkSerializer, responses=CriminalCaseSerializer)
    @action(detail=True, methods=["post"], url_path="victims")
    def link_victims(self, request: Any, pk: Any = None) -> Response:
        """Link victims the caller may see to the case (keeping those already linked)."""
        case = self.get_object()
        body = VictimLinkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        victims = self._victims(body.validated_data["victims"])
        services.link_victims(actor=request.user, case=case, victims=victims)
        return Response(self.get_serializer(case).data)

    @extend_schema(request=VictimUnlinkSerializer, responses=CriminalCaseSerializer)
    @action(detail=True, methods=["post"], url_path="victims/unlink")
    def unlink_victim(self, request: Any, pk: Any = None) -> Response:
        case = self.get_object()
        body = VictimUnlinkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        (victim,) = self._victims([body.validated_data["victim"]])
        services.unlink_victim(
            actor=request.user, case=case, victim=victim, reason=body.validated_data["reason"]
        )
        return Response(self.get_serializer(case).data)


class NestedViewSet(RecordViewSet):
    """A sub-record whose parent is named in the body on create, then stays fixed."""

    nested: Nested

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        parent = data.pop(self.nested.parent_field)
        serializer.instance = self.nested.create(self.request.user, parent, data)


def nested_spec(child: Any) -> Nested:
    return next(spec for spec in NESTED if spec.child is child)


class DefendantSerializer(PersonalFieldsSerializer):
    """The name and birth year are write-only; ``personal_data`` reads them back on the
    detail endpoint for those allowed to see them, audited (``core.personal``)."""

    class Meta:
        model = Defendant
        exclude = ["created_by"]


class DefendantViewSet(NestedViewSet):
    record_type = DEFENDANTS
    serializer_class = DefendantSerializer
    nested = nested_spec(DEFENDANTS)


def nested_viewset(
    model: type, fields: list[str], parent: str, **extra_kwargs: Any
) -> type[NestedViewSet]:
    """A plain serializer and viewset for a sub-record created under ``parent``."""
    attrs = {"model": model, "fields": ["id", parent, *fields], "extra_kwargs": extra_kwargs}
    meta = type("Meta", (), attrs)
    serializer = type(f"{model.__name__}Serializer", (RecordSerializer,), {"Meta": meta})
    spec = next(s for s in NESTED if s.child.model is model)
    return type(
        f"{model.__name__}ViewSet",
        (NestedViewSet,),
        {"record_type": spec.child, "serializer_class": serializer, "nested": spec},
    )


class CaseReviewSerializer(RecordSerializer):
    class Meta:
        model = CaseReview
        exclude = ["created_by"]


class CaseReviewViewSet(RecordViewSet):
    record_type = REVIEWS
    serializer_class = CaseReviewSerializer


ROUTES = [
    ("cases", CriminalCaseViewSet, "criminalcase"),
    ("defendants", DefendantViewSet, "defendant"),
    (
        "verdicts",
        nested_viewset(Verdict, VERDICT_FIELDS, "defendant", court={"required": False}),
        "verdict",
    ),
    ("sentences", nested_viewset(Sentence, SENTENCE_FIELDS, "verdict"), "sentence"),
    (
        "case-cooperation",
        nested_viewset(InternationalCooperation, COOPERATION_FIELDS, "case"),
        "internationalcooperation",
    ),
    ("case-reviews", CaseReviewViewSet, "casereview"),
]
