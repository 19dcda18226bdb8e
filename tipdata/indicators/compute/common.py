"""Parameter helpers shared by the computations of every section.

Catalogue parameters speak the report's language ("national" citizenship, "labour" forms,
agency kinds); these helpers turn them into query conditions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q, QuerySet

from tipdata.core.vocabulary import LABOUR_FORMS, AgeGroup, ExploitationForm, Sex
from tipdata.indicators.compute.base import (
    Context,
    Dimension,
    Measure,
    computation,
    count_rows,
)

FORM_GROUPS = {
    "labour": sorted(LABOUR_FORMS),
    "sexual": [ExploitationForm.SEXUAL_EXPLOITATION],
}


def forms(value: str | Iterable[str]) -> list[str]:
    """``"labour"`` (every labour form), ``"sexual"``, or a list of HTCDS codes."""
    if isinstance(value, str):
        return [str(f) for f in FORM_GROUPS.get(value, [value])]
    return [str(f) for f in value]


def country_q(path: str, value: str, ctx: Context) -> Q:
    """``national`` = the profile's country; ``foreign`` = a known other one; or an ISO code."""
    if value == "national":
        return Q(**{f"{path}_id": ctx.country})
    if value == "foreign":
        return Q(**{f"{path}__isnull": False}) & ~Q(**{f"{path}_id": ctx.country})
    return Q(**{f"{path}_id": value.upper()})


def kinds_q(path: str, kinds: Iterable[str]) -> Q:
    """Rows whose organisation at ``path`` is of one of the agency ``kinds``."""
    return Q(**{f"{path}__agency_type__kind__in": list(kinds)})


def apply(rows: QuerySet, conditions: Iterable[Q | None]) -> QuerySet:
    for condition in conditions:
        if condition is not None:
            rows = rows.filter(condition)
    return rows


def when(params: Mapping[str, Any], key: str, build: Any) -> Q | None:
    """``build(value)`` when the catalogue gives parameter ``key``, else no condition."""
    value = params.get(key)
    return None if value is None else build(value)


def where(conditions: Iterable[Q | None]) -> Q:
    """The conditions as one ``Q`` (all of them; none is ``Q()``, every row)."""
    combined = Q()
    for condition in conditions:
        if condition is not None:
            combined &= condition
    return combined


def counted(
    rows: QuerySet,
    conditions: Iterable[Q | None] = (),
    *,
    date: str = "",
    agency: str = "",
    dims: Iterable[Dimension] = (),
    drilldown: str = "",
    value: Any = None,
    **extra: Any,
) -> Measure:
    """A measure of the ``rows`` meeting ``conditions`` (counted records unless told otherwise).

    The conditions are kept apart from ``rows`` so that measures of the same rows share one
    query (``compute.batch``). The default count is DISTINCT only where a join may repeat a
    record (``base.count_rows``).
    """
    conditions = list(conditions)
    selected = apply(rows, conditions)
    return Measure(
        rows=selected,
        value=value if value is not None else count_rows(selected),
        date_field=date,
        agency=agency,
        dimensions={d.name: d for d in dims},
        drilldown=drilldown,
        base=rows,
        where=where(conditions),
        **extra,
    )


def counting(name: str, model: Any, date: str, agency: str, *dims: Dimension) -> None:
    """Register ``name`` as the count of ``model`` records dated in the year (no parameters)."""

    def count(params: Mapping[str, Any], ctx: Context) -> Measure:
        return counted(model.objects.all(), date=date, agency=agency, dims=dims)

    computation(name)(count)


def region(path: str) -> Dimension:
    return Dimension("region", f"{path}__name")


def agency(path: str) -> Dimension:
    return Dimension("agency", f"{path}__name")


def sex(path: str = "sex") -> Dimension:
    return Dimension("sex", path, Sex)


def age_group(path: str = "age_group") -> Dimension:
    return Dimension("age_group", path, AgeGroup)


def citizenship(path: str = "citizenship") -> Dimension:
    return Dimension("citizenship", f"{path}__name")


def form(path: str = "exploitation_form") -> Dimension:
    return Dimension("form", path, ExploitationForm)
