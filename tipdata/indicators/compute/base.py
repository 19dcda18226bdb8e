"""How an indicator is counted: a ``Measure`` is a declarative aggregating query.

A computation (registered by name, one module per report section) returns a ``Measure``: the
rows that count (a lazy queryset), the date or year column that places a row in a year, the
aggregate (``Count("person", distinct=True)``, ``Sum("amount_kzt")`` ...), the organisation
column that names the supplying agency, the columns of its disaggregations, and the records a
reader drills down to. The engine turns one ``Measure`` into a handful of grouped queries
(series by year, one per disaggregation, one for sources), so the number of queries depends on
the catalogue, never on the number of records.

A series is one conditional aggregation (an aggregate per year, each with its date range as a
filter) rather than a GROUP BY of the year extracted from every row: no date function per row
(on SQLite a Python call), and an index on the date serves the range. Measures that state
their conditions (``base`` and ``where``) can share that query with the other measures of the
same table (``compute.batch``), as a hand-written report query would.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Aggregate, Count, Q, QuerySet
from django.db.models.sql.datastructures import Join
from django.utils.translation import gettext_lazy as _


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
    # Set by the engine for one report: memoises the measures and shares their queries.
    plan: Any = field(default=None, compare=False, hash=False, repr=False)


@dataclass
class Measure:
    rows: QuerySet
    value: Aggregate
    date_field: str = ""  # a DateField or DateTimeField placing each row in a year
    year_field: str = ""  # or an integer year column (grants, capacity figures)
    # Or a custom condition placing a row in a year (a state on 1 January), and one that
    # takes in every row of the years ``first``..``last``.
    year_condition: Callable[[int], Q] | None = None
    span_condition: Callable[[int, int], Q] | None = None
    # A whole series computed otherwise than by one aggregate per year (``year_condition``
    # holding a subquery, which a database runs row by row inside an aggregate's FILTER).
    yearly: Callable[[int, int], dict[int, Any]] | None = None
    agency: str = ""  # path to the organisation that recorded the row
    dimensions: Mapping[str, Dimension] = field(default_factory=dict)
    drilldown: str = ""  # path from a row to the record shown in drill-downs ("" = the row)
    money: bool = False
    first_month: int = 1  # 4 = a reporting year from April to March (the TIP report's)
    # The conditions behind ``rows``, stated separately (``rows == base.filter(where)``) so
    # that measures of one table can share a query; None when ``rows`` says it all.
    base: QuerySet | None = None
    where: Q | None = None
    # Results computed ahead by ``compute.batch``: {(first, last): series}, {year: sources}.
    known_series: dict[tuple[int, int], dict[int, Any]] = field(default_factory=dict)
    known_agencies: dict[int, list[tuple[str, str, int]]] = field(default_factory=dict)
    known_breakdowns: dict[tuple[str, int], list[tuple[str, Any]]] = field(default_factory=dict)

    @property
    def record_model(self) -> type[models.Model]:
        model: Any = self.rows.model
        for part in self.drilldown.split("__") if self.drilldown else ():
            model = model._meta.get_field(part).related_model
        return model  # type: ignore[no-any-return]

    def in_year(self, year: int) -> QuerySet:
        """The rows counted in ``year``."""
        return self.rows.filter(self.year_q(year))

    def year_q(self, year: int) -> Q:
        """The condition placing a row in ``year`` (by its year or date column)."""
        if self.year_condition is not None:
            return self.year_condition(year)
        if self.year_field:
            return Q(**{self.year_field: year})
        start, end = year_bounds(self.rows.model, self.date_field, year, year, self.first_month)
        return Q(**{f"{self.date_field}__gte": start, f"{self.date_field}__lt": end})

    def span_q(self, first: int, last: int) -> Q:
        """The condition placing a row in any year of ``first``..``last`` (one index range)."""
        if self.year_condition is not None:
            return self.span_condition(first, last) if self.span_condition else Q()
        if self.year_field:
            return Q(**{f"{self.year_field}__gte": first, f"{self.year_field}__lte": last})
        start, end = year_bounds(self.rows.model, self.date_field, first, last, self.first_month)
        return Q(**{f"{self.date_field}__gte": start, f"{self.date_field}__lt": end})

    @property
    def batchable(self) -> bool:
        shared = self.base is not None and self.where is not None
        return shared and not multi_valued(self.rows)  # a to-many join would repeat others' rows

    def series(self, first: int, last: int) -> dict[int, Any]:
        """Values for ``first``..``last`` in one query (an aggregate per year)."""
        if (first, last) in self.known_series:
            return self.known_series[(first, last)]
        if self.yearly is not None:
            return self.yearly(first, last)
        years = range(first, last + 1)
        found = self.rows.filter(self.span_q(first, last)).aggregate(
            **{f"y{y}": with_filter(self.value, self.year_q(y)) for y in years}
        )
        return {y: self._zero(found[f"y{y}"]) for y in years}

    def breakdown(self, dimension: Dimension, year: int) -> list[tuple[str, Any]]:
        """(label, value) per value of ``dimension`` in ``year``, largest first."""
        if (dimension.name, year) in self.known_breakdowns:
            return self.known_breakdowns[(dimension.name, year)]
        grouped = self.in_year(year).values(dimension.path).annotate(v=self.value).order_by()
        rows = [(dimension.label(row[dimension.path]), self._zero(row["v"])) for row in grouped]
        return sorted(rows, key=lambda item: (-(item[1] or 0), item[0]))

    def agencies(self, year: int) -> list[tuple[str, str, int]]:
        """(organisation code, name, number of records) behind the value of ``year``."""
        if not self.agency:
            return []
        if year in self.known_agencies:
            return self.known_agencies[year]
        code, name = f"{self.agency}__code", f"{self.agency}__name"
        rows = self.in_year(year)
        grouped = rows.values(code, name).annotate(n=count_rows(rows)).order_by()
        return by_count([(row[code] or "", row[name] or "", row["n"]) for row in grouped])

    def record_ids(self, year: int) -> QuerySet:
        """A subquery of the primary keys of the records behind the value of ``year``."""
        return self.in_year(year).values(self.drilldown or "pk")

    def _aggregate(self, queryset: QuerySet) -> Any:
        return self._zero(queryset.aggregate(v=self.value)["v"])

    @staticmethod
    def _zero(value: Any) -> Any:
        return 0 if value is None else value


def with_filter(value: Aggregate, condition: Q) -> Aggregate:
    """``value`` counted only over the rows meeting ``condition`` (SQL ``FILTER (WHERE ...)``)."""
    if not condition and value.filter is None:
        return value
    clone = copy.copy(value)
    clone.filter = condition if value.filter is None else value.filter & condition
    return clone


def multi_valued(rows: QuerySet) -> bool:
    """Whether the query joins a to-many relation, so that one record may come out twice."""
    for join in rows.query.alias_map.values():
        related: Any = join.join_field if isinstance(join, Join) else None
        if related is not None and (related.one_to_many or related.many_to_many):
            return True
    return False


def count_rows(rows: QuerySet) -> Count:
    """The number of records in ``rows``: DISTINCT only where a join may repeat one.

    COUNT(DISTINCT id) sorts or hashes every row; where the filters follow only to-one
    relations (or subqueries) the ids cannot repeat and COUNT(id) gives the same number.
    """
    return Count("pk", distinct=multi_valued(rows))


def by_count(rows: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Sources in the report's order: most records first, then by name."""
    return sorted(rows, key=lambda item: (-item[2], item[1]))


def field_at(model: type[models.Model], path: str) -> Any:
    """The model field at the end of a ``__`` path (``"hotlinecall__received_at"``)."""
    current: Any = model
    target: Any = None
    for part in path.split("__"):
        target = current._meta.get_field(part)
        current = target.related_model or current
    return target


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
    """Register a computation under ``name`` (``"prosecution.new_investigations"``).

    Within one report (``ctx.plan`` set) a computation runs once per set of parameters, so
    the engine's planning and the evaluation share one ``Measure`` and what was computed ahead.
    """

    def register(func: Computation) -> Computation:
        if name in COMPUTATIONS:
            raise ValueError(f"Computation {name} is registered twice.")

        def run(params: Mapping[str, Any], ctx: Context) -> Measure:
            if ctx.plan is None:
                return func(params, ctx)
            return ctx.plan.memoised((name, ctx.plan.key(params)), lambda: func(params, ctx))

        COMPUTATIONS[name] = run
        return func

    return register
