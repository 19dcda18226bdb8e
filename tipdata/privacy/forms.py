"""Forms of the privacy pages: shapes only; the rules are in consent/emergency/retention."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tipdata.core.forms import RecordForm, StepForm
from tipdata.privacy.emergency import MIN_REASON_LENGTH, OPENABLE
from tipdata.privacy.models import Consent


class ConsentForm(RecordForm):
    class Meta:
        model = Consent
        fields = ["victim", "purpose", "recipient", "given_on", "how_given"]


class WithdrawForm(StepForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"))
    reason = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EmergencyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Record"), choices=[(o.key, o.label) for o in OPENABLE])
    identifier = forms.CharField(label=_("Its exact code or number"), max_length=64)
    reason = forms.CharField(
        label=_("The emergency"),
        min_length=MIN_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stated reasons are reviewed by the auditor."),
    )


class LookupForm(forms.Form):
    identity_number = forms.CharField(label=_("Identity number (IIN or passport)"), max_length=64)


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("The request (who asked, when, how)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Erase this person's personal data for good"))
