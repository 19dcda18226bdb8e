"""Filter helpers shared by the filter sets of several record types."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from tipdata.accounts.models import Organisation
from tipdata.core.forms import DateInput


def organisations(request: Any) -> QuerySet[Organisation]:
    """The organisations a filter offers: the directory as the requesting user sees it."""
    return Organisation.objects.visible_to(getattr(request, "user", None))


def json_list_has(queryset: QuerySet[Any], field: str, code: str, codes: Any) -> QuerySet[Any]:
    """Rows whose JSON list ``field`` holds ``code`` (one of the vocabulary ``codes``).

    SQLite has no JSON containment lookup, so the list's JSON text is searched for the quoted
    code; vocabulary codes are whole words, so ``"shelter"`` never matches inside another code.
    """
    if code not in codes:
        return queryset.none()
    return queryset.filter(**{f"{field}__icontains": f'"{code}"'})


def date_filter(field: str, lookup: str, label: Any) -> django_filters.DateFilter:
    """A date bound of a list (``gte``/``lte``, or ``date__gte`` on a date-time), shown
    with the browser's date picker."""
    return django_filters.DateFilter(
        field_name=field, lookup_expr=lookup, label=label, widget=DateInput()
    )
