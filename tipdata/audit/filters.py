"""One filter set for the auditor's list page, its exports and the audit API."""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tipdata.audit.models import Action, AuditEntry


def _object_types(request: object = None) -> QuerySet[ContentType]:
    used = AuditEntry.objects.exclude(content_type=None).values("content_type")
    return ContentType.objects.filter(pk__in=used).order_by("app_label", "model")


class AuditFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        field_name="actor_label", lookup_expr="iexact", label=_("Actor (username)")
    )
    organisation = django_filters.CharFilter(
        field_name="organisation_label", lookup_expr="icontains", label=_("Organisation")
    )
    action = django_filters.MultipleChoiceFilter(choices=Action.choices, label=_("Action"))
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("To"))
    object_type = django_filters.ModelChoiceFilter(
        field_name="content_type", queryset=_object_types, label=_("Record type")
    )
    object = django_filters.CharFilter(method="object_filter", label=_("Record (id or name)"))

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def object_filter(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(object_id=value) | Q(object_repr__iexact=value))
