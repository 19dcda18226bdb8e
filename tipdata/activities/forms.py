"""Forms of the activity pages: shapes only; the rules are on the models and in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from tipdata.activities import models
from tipdata.core.forms import RecordForm
from tipdata.core.models import Record


class ActivityForm(RecordForm):
    """Proposes the user's own organisation as the owner of a new record."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self._meta.model.OWNER_FIELD
        organisation = getattr(self.user, "organisation", None)
        if self.instance.pk is None and organisation is not None and owner in self.fields:
            self.fields[owner].initial = organisation


FIELDS: dict[type[Record], list[str]] = {
    models.Training: [
        "organiser",
        "title",
        "topic",
        "started_on",
        "ended_on",
        "online",
        "funding",
        "funder_name",
        "partners",
    ],
    models.AwarenessCampaign: [
        "organiser",
        "title",
        "channel",
        "audience",
        "started_on",
        "ended_on",
        "budget_kzt",
        "funding",
        "items_distributed",
    ],
    models.SpecialOperation: [
        "organiser",
        "name",
        "region",
        "started_on",
        "ended_on",
        "description",
    ],
    models.WorkingGroupMeeting: ["body", "held_on", "virtual", "agenda"],
    models.Grant: [
        "funder",
        "grantee",
        "purpose",
        "region",
        "year",
        "amount_kzt",
        "awarded_on",
        "is_allocation",
    ],
    models.Taskforce: ["coordinator", "name", "region", "established_on", "pilot", "members"],
    models.BilateralAgreement: ["recorded_by", "country", "title", "subject", "signed_on"],
    models.CapacityFigure: ["organisation", "metric", "year", "value", "note"],
    models.Repatriation: [
        "organiser",
        "from_country",
        "started_on",
        "ended_on",
        "children",
        "women",
        "men",
        "description",
    ],
}


def form_for(model: type[Record]) -> type[forms.ModelForm]:
    """The create/edit form of one activity record type."""
    return forms.modelform_factory(model, form=ActivityForm, fields=FIELDS[model])


AudienceFormSet: type[BaseInlineFormSet] = inlineformset_factory(
    models.Training,
    models.TrainingAudience,
    fields=["profession", "count"],
    extra=3,
    can_delete=True,
    widgets={  # the rows are table cells without their own <label>
        "profession": forms.Select(attrs={"aria-label": _("Profession")}),
        "count": forms.NumberInput(attrs={"aria-label": _("People trained"), "min": 0}),
    },
)


def audience_rows(formset: BaseInlineFormSet) -> list[dict[str, Any]]:
    """The filled, not-deleted rows of a valid audience formset, as service input."""
    return [
        {"profession": form.cleaned_data["profession"], "count": form.cleaned_data["count"]}
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("profession")
    ]
