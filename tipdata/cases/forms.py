"""Forms of the case pages: shapes only; the rules are on the models and in services.

Step forms name their fields after the service's keyword arguments, so the generic
transition page and the API's ``transitions/<name>/`` action pass ``cleaned_data`` straight
to the service.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipdata.accounts.models import Organisation
from tipdata.cases.models import (
    CaseReview,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    Sentence,
    TerminationReason,
    Verdict,
)
from tipdata.core.forms import RecordForm, StepForm
from tipdata.profiles.models import LAW_ENFORCEMENT_KINDS, AgencyKind
from tipdata.profiles.selectors import current_profile

CASE_FIELDS = [
    "registration_number",
    "registered_on",
    "investigating_unit",
    "region",
    "articles",
    "exploitation_form",
    "organised_crime",
    "transnational",
    "special_operation",
    "summary",
    "source_ref",
]
DEFENDANT_FIELDS = [
    "full_name",
    "birth_year",
    "sex",
    "citizenship",
    "is_public_official",
    "arrested_on",
    "extradited",
]
VERDICT_FIELDS = ["outcome", "verdict_on", "article", "exploitation_form", "court"]
SENTENCE_FIELDS = ["kind", "years", "months", "fine_kzt"]
COOPERATION_FIELDS = ["kind", "country", "occurred_on", "defendant", "notes"]
REVIEW_FIELDS = ["title", "conducted_by", "started_on", "completed_on", "cases"]


def organisations(*kinds: str) -> Any:
    return Organisation.objects.filter(agency_type__kind__in=kinds)


def narrow(form: RecordForm, name: str, *kinds: str) -> None:
    """Offer only organisations of ``kinds`` (already scoped to the user by ``RecordForm``)."""
    field = form.fields.get(name)
    if isinstance(field, forms.ModelChoiceField):
        field.queryset = field.queryset.filter(agency_type__kind__in=kinds)  # type: ignore[union-attr]


class OwnRecordForm(RecordForm):
    """Proposes the user's organisation as owner of a new record (police unit, court ...)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self._meta.model.OWNER_FIELD  # type: ignore[attr-defined]
        organisation = getattr(self.user, "organisation", None)
        if self.instance.pk is None and organisation is not None and owner in self.fields:
            self.fields[owner].initial = organisation


class CriminalCaseForm(OwnRecordForm):
    class Meta:
        model = CriminalCase
        fields = CASE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, "investigating_unit", *LAW_ENFORCEMENT_KINDS)
        self.fields["articles"].widget = forms.CheckboxSelectMultiple()
        articles = self.fields["articles"]
        articles.queryset = articles.queryset.filter(profile=current_profile())  # type: ignore[attr-defined]
        if self.instance.pk is None:
            self.fields["registered_on"].initial = datetime.date.today()


class DefendantForm(RecordForm):
    """A suspect. The name is personal data: on edit it is never shown, only replaced."""

    class Meta:
        model = Defendant
        fields = DEFENDANT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in Defendant.PERSONAL_FIELDS:
                self.initial.pop(name, None)
                self.fields[name].help_text = _("Leave blank to keep what is recorded.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk:
            for name in Defendant.PERSONAL_FIELDS:
                if cleaned.get(name) in (None, ""):
                    cleaned.pop(name, None)
        return cleaned


class VerdictForm(RecordForm):
    class Meta:
        model = Verdict
        fields = VERDICT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, "court", AgencyKind.COURT)
        # Left empty, the service takes the clerk's court and the case's form of exploitation.
        self.fields["court"].required = False
        self.fields["exploitation_form"].required = False
        organisation = getattr(self.user, "organisation", None)
        is_court = organisation is not None and organisation.is_kind(AgencyKind.COURT)
        if self.instance.pk is None and is_court:
            self.fields["court"].initial = organisation


class SentenceForm(RecordForm):
    class Meta:
        model = Sentence
        fields = SENTENCE_FIELDS


class CooperationForm(RecordForm):
    class Meta:
        model = InternationalCooperation
        fields = COOPERATION_FIELDS

    def __init__(self, *args: Any, case: CriminalCase | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = case or (self.instance.case if self.instance.case_id else None)
        defendant = self.fields["defendant"]
        if case is not None and isinstance(defendant, forms.ModelChoiceField):
            defendant.queryset = defendant.queryset.filter(case=case)  # type: ignore[union-attr]


class CaseReviewForm(OwnRecordForm):
    class Meta:
        model = CaseReview
        fields = REVIEW_FIELDS


class LinkVictimsForm(forms.Form):
    """Victims to link, chosen among those the user may see and not yet linked."""

    victims: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Victims"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, case: CriminalCase, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from tipdata.victims.models import Victim

        self.fields["victims"].queryset = (  # type: ignore[attr-defined]
            Victim.objects.visible_to(user).exclude(cases=case).order_by("-registered_on")
        )


class DatedStepForm(StepForm):
    """The date of the step and an optional note, common to every step of a case."""

    occurred_on = forms.DateField(label=_("Date"))
    reason = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TerminateForm(DatedStepForm):
    termination_reason = forms.ChoiceField(label=_("Reason"), choices=TerminationReason.choices)
    field_order = ["occurred_on", "termination_reason", "reason"]


class ReopenForm(DatedStepForm):
    reopened_by = forms.ModelChoiceField(
        label=_("Reopened by"),
        queryset=organisations(*LAW_ENFORCEMENT_KINDS, AgencyKind.COURT),
        required=False,
        help_text=_("The body that ordered the reopening; your organisation if left empty."),
    )
    review = forms.ModelChoiceField(
        label=_("Under review"), queryset=CaseReview.objects.all(), required=False
    )


class SendToCourtForm(DatedStepForm):
    prosecutor_office = forms.ModelChoiceField(
        label=_("Prosecutor's office"),
        queryset=organisations(AgencyKind.PROSECUTION),
        required=False,
    )
    court = forms.ModelChoiceField(label=_("Court"), queryset=organisations(AgencyKind.COURT))


class ChargeForm(StepForm):
    charged_on = forms.DateField(label=_("Charged on"))
    reason = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
