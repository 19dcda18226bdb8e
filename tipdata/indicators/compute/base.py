"""How an indicator is counted: a ``Measure`` is a declarative aggregating query.

A computation (registered by name, one module per report section) returns a ``Measure``: the
rows that count (a lazy queryset), the date or year column that places a row in a year, the
aggregate (``Count("person", distinct=True)``, ``Sum("amount_kzt")`` ...), the organisation
column that names the supplying agency, the columns of its disaggregations, and the records a
reader drills down to. The engine turns one ``Measure`` into a handful of grouped queries
(series by year, one per disaggregation, one for sources), so the number of queries depends on
the catalogue, never on the number of records.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Aggregate, Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

YearFilter = Callable[[QuerySet, int], QuerySet]


@dataclass(frozen=True)
class Dimension:
    """One disaggregation: the column grouped by, and the labels of its stored codes."""

    name: str
    path: str
    choices: Any = None  # a TextChoices class, to show "Forced labour" for "ForcedLabour"

    def label(self, value: Any) -> str:
        if value in (None, ""):
            return str(_("Not recorded"))
        if self.choices is not None:
            try:
                return str(self.choices(value).label)
            except ValueError:
                return str(value)
        return str(value)


@dataclass(frozen=True)
class Context:
    """What every computation may need besides its parameters: the country profile."""

    country: str  # ISO code of the profile's country ("national" citizenship)
    currency: str


@dataclass
class Measure:
    rows: QuerySet
    value: Aggregate
    date_field: str = ""  # a DateField or DateTimeField placing each row in a year
    year_field: str = ""  # or an integer year column (grants, capacity figures)
    for_year: YearFilter | None = None  # or a custom filter (a state on 1 January)
    agency: str = ""  # path to the organisation that recorded the row
    dimensions: Mapping[str, Dimension] = field(default_factory=dict)
    drilldown: str = ""  # path from a row to the record shown in drill-downs ("" = the row)
    money: bool = False
    first_month: int = 1  # 4 = a reporting year from April to March (the TIP report's)

    @property
    def record_model(self) -> type[models.Model]:
        model: Any = self.rows.model
        for part in self.drilldown.split("__") if self.drilldown else ():
            model = model._meta.get_field(part).related_model
        return model  # type: ignore[no-any-return]

    def in_year(self, year: int) -> QuerySet:
        """The rows counted in ``year``."""
        if self.for_year is not None:
            return self.for_year(self.rows, year)
        if self.year_field:
            return self.rows.filter(**{self.year_field: year})
        return self._between(year, year)

    def _between(self, first: int, last: int) -> QuerySet:
        start, end = year_bounds(self.rows.model, self.date_field, first, last, self.first_month)
        return self.rows.filter(**{f"{self.date_field}__gte": start, f"{self.date_field}__lt": end})

    def series(self, first: int, last: int) -> dict[int, Any]:
        """Values for ``first``..``last`` in one grouped query (one per year if custom)."""
        if self.for_year is not None or self.first_month != 1:
            return {y: self._aggregate(self.in_year(y)) for y in range(first, last + 1)}
        if self.year_field:
            rows = self.rows.filter(**{f"{self.year_field}__gte": first})
            grouped = rows.filter(**{f"{self.year_field}__lte": last}).values(
                bucket=models.F(self.year_field)
            )
        else:
            grouped = (
                self._between(first, last)
                .annotate(bucket=year_of(self.rows.model, self.date_field))
                .values("bucket")
            )
        found = {row["bucket"]: row["v"] for row in grouped.annotate(v=self.value).order_by()}
        return {y: self._zero(found.get(y)) for y in range(first, last + 1)}

    def breakdown(self, dimension: Dimension, year: int) -> list[tuple[str, Any]]:
        """(label, value) per value of ``dimension`` in ``year``, largest first."""
        grouped = self.in_year(year).values(dimension.path).annotate(v=self.value).order_by()
        rows = [(dimension.label(row[dimension.path]), self._zero(row["v"])) for row in grouped]
        return sorted(rows, key=lambda item: (-(item[1] or 0), item[0]))

    def agencies(self, year: int) -> list[tuple[str, str, int]]:
        """(organisation code, name, number of records) behind the value of ``year``."""
        if not self.agency:
            return []
        code, name = f"{self.agency}__code", f"{self.agency}__name"
        grouped = (
            self.in_year(year).values(code, name).annotate(n=Count("pk", distinct=True)).order_by()
        )
        rows = [(row[code] or "", row[name] or "", row["n"]) for row in grouped]
        return sorted(rows, key=lambda item: (-item[2], item[1]))

    def record_ids(self, year: int) -> QuerySet:
        """A subquery of the primary keys of the records behind the value of ``year``."""
        return self.in_year(year).values(self.drilldown or "pk")

    def _aggregate(self, queryset: QuerySet) -> Any:
        return self._zero(queryset.aggregate(v=self.value)["v"])

    @staticmethod
    def _zero(value: Any) -> Any:
        return 0 if value is None else value


def field_at(model: type[models.Model], path: str) -> Any:
    """The model field at the end of a ``__`` path (``"hotlinecall__received_at"``)."""
    current: Any = model
    target: Any = None
    for part in path.split("__"):
        target = current._meta.get_field(part)
        current = target.related_model or current
    return target


def year_of(model: type[models.Model], path: str) -> ExtractYear:
    """The calendar year of a date, or of a datetime in the country's time zone."""
    if isinstance(field_at(model, path), models.DateTimeField):
        return ExtractYear(path, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return ExtractYear(path)


def year_bounds(
    model: type[models.Model], path: str, first: int, last: int, first_month: int = 1
) -> tuple[Any, Any]:
    """[``first``, ``last + 1``) from ``first_month`` on, for a date or (local) datetime column."""
    start = datetime.date(first, first_month, 1)
    end = datetime.date(last + 1, first_month, 1)
    if isinstance(field_at(model, path), models.DateTimeField):
        zone = ZoneInfo(settings.TIME_ZONE)
        return (
            datetime.datetime.combine(start, datetime.time(), zone),
            datetime.datetime.combine(end, datetime.time(), zone),
        )
    return start, end


Computation = Callable[[Mapping[str, Any], Context], Measure]
COMPUTATIONS: dict[str, Computation] = {}


def computation(name: str) -> Callable[[Computation], Computation]:
    """Register a computation under ``name`` (``"prosecution.new_investigations"``)."""

    def register(func: Computation) -> Computation:
        if name in COMPUTATIONS:
            raise ValueError(f"Computation {name} is registered twice.")
        COMPUTATIONS[name] = func
        return func

    return register
