"""Forms of the victim pages: shapes only; rules are in models and services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipdata.core.forms import RecordForm, StepForm
from tipdata.core.vocabulary import (
    ControlMethod,
    ExploitationForm,
    IdentificationChannel,
    Industry,
    SexExploitationType,
)
from tipdata.victims.models import Victim

VICTIM_FIELDS = [
    "registered_by",
    "registered_on",
    "source_ref",
    "sex",
    "age_group",
    "citizenship",
    "recruitment_country",
    "recruitment_region",
    "exploitation_country",
    "exploitation_region",
    "control_methods",
    "special_operation",
]


PERSONAL_FORM_FIELDS = (
    "family_name",
    "given_name",
    "patronymic",
    "birth_date",
    "birth_year",
    "languages",
    "phone",
    "identity_number",
)


class VictimForm(RecordForm):
    """A victim with personal data and forms of exploitation, in one form for the clerk."""

    exploitation_forms = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=ExploitationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    industry = forms.ChoiceField(
        label=_("Industry (forced labour)"), choices=[("", "—"), *Industry.choices], required=False
    )
    sex_exploitation_type = forms.ChoiceField(
        label=_("Type of sexual exploitation"),
        choices=[("", "—"), *SexExploitationType.choices],
        required=False,
    )
    control_methods = forms.MultipleChoiceField(
        label=_("Means of control"),
        choices=ControlMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    family_name = forms.CharField(label=_("Family name"), required=False)
    given_name = forms.CharField(label=_("Given name"), required=False)
    patronymic = forms.CharField(label=_("Patronymic"), required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False)
    birth_year = forms.IntegerField(
        label=_("Birth year (if the date is unknown)"), required=False, min_value=1900
    )
    languages = forms.CharField(label=_("Languages"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False)
    identity_number = forms.CharField(label=_("Identity number (IIN or passport)"), required=False)

    class Meta:
        model = Victim
        fields = VICTIM_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.user
        if self.instance.pk is None and user is not None and getattr(user, "organisation", None):
            self.fields["registered_by"].initial = user.organisation
            self.fields["registered_on"].initial = datetime.date.today()
        if self.instance.pk:
            self.fields["exploitation_forms"].initial = list(
                self.instance.exploitations.values_list("form", flat=True)
            )
            # Personal data is edited only by those allowed to see it (view audited there).
            for name in PERSONAL_FORM_FIELDS:
                self.fields.pop(name)

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year and year > datetime.date.today().year:
            raise forms.ValidationError(_("The birth year cannot be in the future."))
        return year


class IdentifyForm(StepForm):
    identified_on = forms.DateField(label=_("Identified on"))
    identification_channel = forms.ChoiceField(
        label=_("Channel"), choices=IdentificationChannel.choices
    )
    reason = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(StepForm):
    decided_on = forms.DateField(label=_("Decided on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
