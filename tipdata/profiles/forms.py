"""Forms of the reference-data pages (the profile is the running one, set by the service)."""

from __future__ import annotations

from django import forms

from tipdata.core.forms import RecordForm
from tipdata.profiles.models import AgencyType, ExchangeRate, PenalArticle, Region

RegionForm = forms.modelform_factory(Region, form=RecordForm, fields=["code", "name", "kind"])
PenalArticleForm = forms.modelform_factory(
    PenalArticle, form=RecordForm, fields=["code", "title", "is_trafficking"]
)
AgencyTypeForm = forms.modelform_factory(
    AgencyType, form=RecordForm, fields=["code", "name", "kind", "government"]
)
ExchangeRateForm = forms.modelform_factory(
    ExchangeRate, form=RecordForm, fields=["year", "per_usd", "source"]
)
