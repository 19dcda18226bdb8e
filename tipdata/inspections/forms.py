"""Forms of the inspection pages: shapes only; rules are in the model and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipdata.accounts.models import Organisation
from tipdata.core.forms import MultipleChoiceJSONField, RecordForm, StepForm
from tipdata.core.personal import fit_form_to_user
from tipdata.inspections.models import ForcedLabourIndicator, LabourInspection, ViolationCategory
from tipdata.profiles.models import LAW_ENFORCEMENT_KINDS

VIOLATION_PREFIX = "violations_"


class LabourInspectionForm(RecordForm):
    """The inspection with one count box per violation category (gathered into
    ``cleaned_data["violations"]``, the shape the service and the API take)."""

    forced_labour_indicators = MultipleChoiceJSONField(
        label=_("ILO forced-labour indicators observed"),
        choices=ForcedLabourIndicator.choices,
        required=False,
    )

    class Meta:
        model = LabourInspection
        fields = [
            "inspecting_unit",
            "inspected_on",
            "region",
            "employer_name",
            "employer_business_id",
            "is_recruitment_agency",
            "forced_labour_indicators",
            "administrative_citations",
            "fines_count",
            "fines_amount_kzt",
            "victims",
            "notes",
            "source_ref",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fit_form_to_user(self, "inspecting_unit")
        counts = self.instance.violation_counts if self.instance.pk else {}
        for category, label in ViolationCategory.choices:
            self.fields[VIOLATION_PREFIX + category] = forms.IntegerField(
                label=_("Violations: %s") % label,
                min_value=0,
                required=False,
                initial=counts.get(category, 0),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["violations"] = {
            category: cleaned.pop(VIOLATION_PREFIX + category, None) or 0
            for category in ViolationCategory.values
            if VIOLATION_PREFIX + category in cleaned
        }
        return cleaned


class ReferToPoliceForm(StepForm):
    referred_on = forms.DateField(label=_("Referred on"))
    referred_to = forms.ModelChoiceField(
        label=_("Police unit or prosecutor's office"),
        # The directory of agencies is open to every user (``accounts.organisation`` policy).
        queryset=Organisation.objects.filter(
            active=True, agency_type__kind__in=LAW_ENFORCEMENT_KINDS
        ),
    )
