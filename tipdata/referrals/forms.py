"""Forms of the referral and service pages: shapes only; rules are in models and services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipdata.accounts.services import is_administrator
from tipdata.core.forms import MultipleChoiceJSONField, RecordForm, StepForm
from tipdata.core.personal import fit_form_to_user
from tipdata.core.vocabulary import ServiceKind
from tipdata.referrals import selectors
from tipdata.referrals.models import Referral, ServiceDelivery


class ReferralForm(RecordForm):
    requested_services = MultipleChoiceJSONField(
        label=_("Requested services"), choices=ServiceKind.choices, required=False
    )

    class Meta:
        model = Referral
        fields = [
            "from_organisation",
            "victim",
            "to_organisation",
            "referred_on",
            "requested_services",
            "consent_given",
            "consent_override_reason",
            "notes",
        ]
        widgets = {
            "consent_override_reason": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fit_form_to_user(self, "from_organisation")
        recipients = self.fields["to_organisation"]
        own = getattr(self.user, "organisation_id", None)
        recipients.queryset = recipients.queryset.filter(active=True).exclude(pk=own)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields.pop("victim")  # a referral stays about its victim
        else:
            self.fields["referred_on"].initial = datetime.date.today


class ServiceDeliveryForm(RecordForm):
    class Meta:
        model = ServiceDelivery
        fields = [
            "provider",
            "victim",
            "referral",
            "kind",
            "outcome",
            "started_on",
            "ended_on",
            "funding",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fit_form_to_user(self, "provider")
        if not is_administrator(self.user):
            # Only referrals this organisation has taken on (the service checks it too).
            self.fields["referral"].queryset = selectors.open_referrals_received(self.user)  # type: ignore[attr-defined]


def step_date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, initial=datetime.date.today)


def step_note(label: Any, *, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 2}))


class AcceptForm(StepForm):
    responded_on = step_date(_("Accepted on"))
    note = step_note(_("Note to the referrer"))


class DeclineForm(StepForm):
    responded_on = step_date(_("Declined on"))
    note = step_note(_("Why the referral is declined"), required=True)


class CompleteForm(StepForm):
    completed_on = step_date(_("Completed on"))
    note = step_note(_("Note"))


class WithdrawForm(StepForm):
    reason = step_note(_("Reason (kept in the history: no personal details)"), required=True)
