"""One filter set per case record type, shared by the list pages and the API.

Choices of other records (investigating units, special operations, cases) come from
``visible_to(request.user)``, so a filter never lists a record its user may not see.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tipdata.accounts.models import Organisation
from tipdata.cases.models import (
    CaseReview,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    Sentence,
    Verdict,
)
from tipdata.core.vocabulary import ExploitationForm
from tipdata.profiles.filters import SearchFilter
from tipdata.profiles.models import LAW_ENFORCEMENT_KINDS, AgencyKind, PenalArticle


def _user(request: Any) -> Any:
    return getattr(request, "user", None)


def visible(model: Any, **filters: Any) -> Any:
    """A queryset callable for a choice filter: ``model`` records the requesting user sees."""

    def queryset(request: Any) -> QuerySet[Any]:
        return model.objects.visible_to(_user(request)).filter(**filters)

    return queryset


def date_range(
    field: str, label_from: Any, label_to: Any
) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    return (
        django_filters.DateFilter(field_name=field, lookup_expr="gte", label=label_from),
        django_filters.DateFilter(field_name=field, lookup_expr="lte", label=label_to),
    )


def special_operations(request: Any) -> QuerySet[Any]:
    from tipdata.activities.models import SpecialOperation

    return SpecialOperation.objects.visible_to(_user(request))


class CriminalCaseFilter(SearchFilter):
    search_fields = ("registration_number", "source_ref")

    article = django_filters.ModelChoiceFilter(
        field_name="articles",
        queryset=visible(PenalArticle),
        label=_("Article"),
        distinct=True,
    )
    investigating_unit = django_filters.ModelChoiceFilter(
        queryset=visible(Organisation, agency_type__kind__in=LAW_ENFORCEMENT_KINDS),
        label=_("Investigating unit"),
    )
    exploitation_form = django_filters.ChoiceFilter(
        choices=ExploitationForm.choices, label=_("Form of exploitation")
    )
    special_operation = django_filters.ModelChoiceFilter(
        queryset=special_operations, label=_("Special operation")
    )
    registered_from, registered_to = date_range(
        "registered_on", _("Registered from"), _("Registered to")
    )

    class Meta:
        model = CriminalCase
        fields = ["status", "region", "organised_crime", "transnational"]


class DefendantFilter(SearchFilter):
    search_fields = ("code", "case__registration_number")

    case = django_filters.ModelChoiceFilter(queryset=visible(CriminalCase), label=_("Case"))
    arrested_from, arrested_to = date_range("arrested_on", _("Arrested from"), _("Arrested to"))

    class Meta:
        model = Defendant
        fields = ["role", "sex", "citizenship", "is_public_official", "extradited"]


class VerdictFilter(SearchFilter):
    search_fields = ("defendant__code", "defendant__case__registration_number")

    court = django_filters.ModelChoiceFilter(
        queryset=visible(Organisation, agency_type__kind=AgencyKind.COURT), label=_("Court")
    )
    article = django_filters.ModelChoiceFilter(queryset=visible(PenalArticle), label=_("Article"))
    verdict_from, verdict_to = date_range("verdict_on", _("Verdict from"), _("Verdict to"))

    class Meta:
        model = Verdict
        fields = ["outcome", "exploitation_form"]


class SentenceFilter(SearchFilter):
    search_fields = ("verdict__defendant__code", "verdict__defendant__case__registration_number")

    class Meta:
        model = Sentence
        fields = ["kind"]


class CooperationFilter(SearchFilter):
    search_fields = ("case__registration_number", "notes")

    case = django_filters.ModelChoiceFilter(queryset=visible(CriminalCase), label=_("Case"))
    occurred_from, occurred_to = date_range("occurred_on", _("From"), _("To"))

    class Meta:
        model = InternationalCooperation
        fields = ["kind", "country"]


class CaseReviewFilter(SearchFilter):
    search_fields = ("title",)

    conducted_by = django_filters.ModelChoiceFilter(
        queryset=visible(Organisation), label=_("Conducted by")
    )
    started_from, started_to = date_range("started_on", _("Started from"), _("Started to"))

    class Meta:
        model = CaseReview
        fields: list[str] = []
