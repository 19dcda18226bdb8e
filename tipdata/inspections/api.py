"""Labour inspection API: the same filter set, validation and services as the pages.

Violations travel as a dict of counts by category (``{"wages": 3, "no_agreement": 1}``),
written with the inspection in one transaction. Referral to the police and what the
inspection led to are steps: ``POST /api/labour-inspections/<id>/transitions/<name>/`` with
``refer_to_police`` (``referred_on``, ``referred_to``), ``link_case`` (``case_number``) and
``link_victims`` (``victim_codes``).
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tipdata.core.api import RecordSerializer, RecordViewSet
from tipdata.inspections.models import ForcedLabourIndicator, LabourInspection, ViolationCategory
from tipdata.inspections.records import INSPECTIONS


class LabourInspectionSerializer(RecordSerializer):
    forced_labour_indicators = serializers.ListField(
        child=serializers.ChoiceField(choices=ForcedLabourIndicator.choices), required=False
    )
    violations = serializers.DictField(
        source="violation_counts",
        child=serializers.IntegerField(min_value=0),
        required=False,
        help_text="Counts by category: " + ", ".join(ViolationCategory.values),
    )
    violations_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = LabourInspection
        fields = [
            "id",
            "inspected_on",
            "inspecting_unit",
            "region",
            "employer_name",
            "employer_business_id",
            "is_recruitment_agency",
            "forced_labour_indicators",
            "violations",
            "violations_total",
            "administrative_citations",
            "fines_count",
            "fines_amount_kzt",
            "referred_to_police",
            "referred_on",
            "referred_to",
            "case",
            "victims",
            "notes",
            "source_ref",
        ]
        read_only_fields = ["referred_to_police", "referred_on", "referred_to", "case"]
        extra_kwargs = {"inspecting_unit": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Hand the counts on as ``violations``, the name the write path takes them by."""
        if "violation_counts" in attrs:
            attrs["violations"] = attrs.pop("violation_counts")
        return attrs


class LabourInspectionViewSet(RecordViewSet):
    record_type = INSPECTIONS
    serializer_class = LabourInspectionSerializer

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("violations", "victims")


ROUTES = [("labour-inspections", LabourInspectionViewSet, "labour-inspection")]
