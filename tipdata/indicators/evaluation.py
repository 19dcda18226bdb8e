"""Choosing, year by year, where an indicator's value comes from: records or an aggregate.

For years from ``records_complete_from`` on, the value is computed from records (one grouped
query for the whole series); an aggregate entered for such a year is only compared with it
(a discrepancy when they disagree), unless nothing was recorded where the catalogue says silence
is not zero (``gap_when_empty``), where a reported aggregate stands in (agencies that report
only totals). Earlier years come from aggregates. Anything else is a gap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from tipdata.indicators.catalogue import Indicator
from tipdata.indicators.compute import Context, Measure
from tipdata.indicators.models import HistoricalValue, ValueStatus
from tipdata.indicators.types import Number, SourceKind

HISTORY = 5  # earlier years compared and charted


@dataclass
class YearValue:
    year: int
    value: Number | None
    source: SourceKind
    aggregate: HistoricalValue | None = None
    recorded: Number | None = None  # the records' value, even when an aggregate stands in

    @property
    def discrepancy(self) -> bool:
        agg = self.aggregate
        return (
            self.source == "records"
            and agg is not None
            and agg.status == ValueStatus.REPORTED
            and agg.value is not None
            and Decimal(agg.value) != Decimal(self.value or 0)
        )


@dataclass
class Evaluated:
    indicator: Indicator
    measure: Measure
    year: int  # the figure's year (the report year, shifted by ``year_offset``)
    years: dict[int, YearValue] = field(default_factory=dict)
    empty_reason: str = ""  # why the figure's year is a gap, when it is

    @property
    def current(self) -> YearValue:
        return self.years[self.year]

    @property
    def earlier(self) -> list[YearValue]:
        """Earlier years, most recent first."""
        return [self.years[y] for y in sorted(self.years, reverse=True) if y < self.year]


def as_number(value: Any, money: bool) -> Number | None:
    """Counts as ``int``; money as ``Decimal``."""
    if value is None:
        return None
    if money:
        return Decimal(value)
    return int(value)


def reported(aggregate: HistoricalValue | None) -> bool:
    return (
        aggregate is not None
        and aggregate.status == ValueStatus.REPORTED
        and aggregate.value is not None
    )


def aggregates_for(codes: list[str], first: int, last: int) -> dict[tuple[str, int], Any]:
    """Every total-cell aggregate of the window, in one query."""
    rows = HistoricalValue.objects.filter(
        indicator__in=codes, year__gte=first, year__lte=last, cell=""
    )
    return {(row.indicator, row.year): row for row in rows}


class Evaluator:
    """Evaluates every indicator of the catalogue for one report year, memoised by key."""

    def __init__(
        self,
        *,
        year: int,
        ctx: Context,
        complete_from: int,
        aggregates: Mapping[tuple[str, int], HistoricalValue],
        lookup: Callable[[str], Indicator],
    ) -> None:
        self.year = year
        self.ctx = ctx
        self.complete_from = complete_from
        self.aggregates = aggregates
        self.lookup = lookup
        self.done: dict[str, Evaluated] = {}

    def __call__(self, indicator: Indicator) -> Evaluated:
        if indicator.key not in self.done:
            self.done[indicator.key] = self._evaluate(indicator)
        return self.done[indicator.key]

    def _evaluate(self, indicator: Indicator) -> Evaluated:
        measure = indicator.measure(self.ctx)
        last = self.year + indicator.year_offset
        first = last - HISTORY
        result = Evaluated(indicator, measure, last)
        first_recorded = max(first, self.complete_from)
        recorded = measure.series(first_recorded, last) if first_recorded <= last else {}
        empty = self._empty_years(indicator, recorded, first_recorded, last)
        for year in range(first, last + 1):
            aggregate = self.aggregates.get((indicator.code, year))
            if year in recorded and year not in empty:
                value = as_number(recorded[year], measure.money)
                result.years[year] = YearValue(year, value, "records", aggregate, value)
            elif reported(aggregate):
                assert aggregate is not None
                value = as_number(aggregate.value, measure.money)
                stood_in = as_number(recorded.get(year), measure.money)
                result.years[year] = YearValue(year, value, "aggregate", aggregate, stood_in)
            else:
                result.years[year] = YearValue(year, None, "gap", aggregate)
        if last in empty:
            result.empty_reason = self._reason(indicator, last)
        return result

    def _empty_years(
        self, indicator: Indicator, recorded: Mapping[int, Any], first: int, last: int
    ) -> set[int]:
        """Record years in which nothing was recorded where silence is not a zero."""
        rule = indicator.gap_when_empty
        if not rule or not recorded:
            return set()
        if rule == "self":
            universe = recorded
        else:
            other = self(self.lookup(rule))
            universe = {y: v.recorded for y, v in other.years.items() if v.source != "aggregate"}
        return {y for y in range(first, last + 1) if not universe.get(y)}

    def _reason(self, indicator: Indicator, year: int) -> str:
        rule = indicator.gap_when_empty
        if rule == "self":
            return _("Nothing was recorded for %(year)s.") % {"year": year}
        return _("Nothing was recorded for %(year)s: %(universe)s has no record.") % {
            "year": year,
            "universe": self.lookup(rule).name.lower(),
        }
