"""The hotline call form: shapes only; rules are in the model and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tipdata.core.forms import RecordForm
from tipdata.core.personal import fit_form_to_user
from tipdata.hotline.models import HotlineCall


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: Any = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


# The fields a call is recorded with, on the page and in the API.
CALL_FIELDS = [
    "operator",
    "received_at",
    "caller_type",
    "topic",
    "region",
    "possible_victims",
    "outcome",
    "referred_to",
    "victims",
    "summary",
    "source_ref",
]


class HotlineCallForm(RecordForm):
    class Meta:
        model = HotlineCall
        fields = CALL_FIELDS
        widgets = {"received_at": DateTimeInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fit_form_to_user(self, "operator")
        if self.instance.pk is None:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.fields["received_at"].initial = now
