"""Writing an evaluated indicator out as report parts: figure, tables, series, data gap."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tipdata.indicators import sentences
from tipdata.indicators.evaluation import Evaluated, YearValue, reported
from tipdata.indicators.models import ValueStatus
from tipdata.indicators.types import Comparison, DataGap, Figure, Series, Source, Table
from tipdata.profiles.models import AgencyKind

NAMES_SHOWN = 5  # organisations named per agency kind in the data-gaps list


def agencies_by_kind() -> dict[str, list[str]]:
    """Names of the active organisations of each agency kind (one query)."""
    from tipdata.accounts.models import Organisation

    found: dict[str, list[str]] = {}
    rows = Organisation.objects.filter(active=True).values_list("agency_type__kind", "name")
    for kind, name in rows.order_by("name"):
        found.setdefault(kind, []).append(name)
    return found


def withheld(value: YearValue) -> bool:
    """A small count a source withheld ("<5"): not a number, but not unknown either."""
    agg = value.aggregate
    return agg is not None and agg.status == ValueStatus.SUPPRESSED and bool(agg.suppressed_below)


def aggregate_source(value: YearValue) -> Source:
    agg = value.aggregate
    assert agg is not None
    return Source(kind="aggregate", label=agg.source, reference=agg.reference, year=value.year)


class FigureWriter:
    def __init__(self, *, currency: str, rates: Mapping[int, Any], user: Any = None) -> None:
        self.currency = currency
        self.rates = rates
        self.user = user

    def usd(self, result: Evaluated, year: int, value: Any) -> Decimal | None:
        if not result.measure.money:
            return None
        rate = self.rates.get(year)
        return sentences.usd_of(value, Decimal(rate) if rate is not None else None)

    def text(self, result: Evaluated, year: int, value: Any, aggregate: Any = None) -> str:
        if value is None and aggregate is not None and aggregate.suppressed_below:
            return aggregate.shown  # a withheld small count reads as its source printed it: "<5"
        if result.measure.money:
            return sentences.money(value, self.currency, self.usd(result, year, value))
        return sentences.number(value)

    def unit(self, result: Evaluated) -> str:
        return self.currency if result.indicator.is_money else result.indicator.unit

    def figure(self, result: Evaluated) -> Figure:
        indicator, current = result.indicator, result.current
        comparisons = [
            Comparison(v.year, v.value, v.source, self.usd(result, v.year, v.value))
            for v in result.earlier
        ]
        figure = Figure(
            indicator=indicator.code,
            key=indicator.key,
            year=result.year,
            value=current.value,
            unit=self.unit(result),
            source=current.source,
            sentence=self.sentence(result),
            comparisons=comparisons,
            sources=self.sources(result),
            discrepancy=self.discrepancy(result, current),
            drilldown=self.drilldown(result),
            usd=self.usd(result, result.year, current.value),
        )
        return figure

    def sentence(self, result: Evaluated) -> str:
        indicator, current = result.indicator, result.current
        shown = [v for v in result.earlier if v.value is not None or withheld(v)]
        shown = shown[: indicator.compare]
        latest = result.earlier[0] if result.earlier else None
        unavailable = (
            latest is not None
            and latest.aggregate is not None
            and latest.aggregate.status != ValueStatus.REPORTED
            and not withheld(latest)
        )
        earlier = [(v.year, self.text(result, v.year, v.value, v.aggregate)) for v in shown]
        if current.value is None:
            known = f"; {sentences.listed(earlier)}" if earlier else ""
            said = _("%(name)s: no data recorded for %(year)s") % {
                "name": indicator.name,
                "year": result.year,
            }
            return f"{said}{known}."
        compared = sentences.compared(
            earlier, not_reported=latest.year if unavailable and latest is not None else None
        )
        points = [result.years[y].value for y in sorted(result.years)]
        template = indicator.sentence
        if current.value == 0 and indicator.sentence_zero:
            template = indicator.sentence_zero
        text = sentences.plural(template, current.value).format(
            value=self.text(result, result.year, current.value),
            year=result.year,
            next_year=result.year + 1,
            compared=compared,
            trend=sentences.trend(points),
        )
        return text[0].upper() + text[1:]

    def sources(self, result: Evaluated) -> list[Source]:
        current = result.current
        found: list[Source] = []
        if current.source == "records":
            for code, name, count in result.measure.agencies(result.year):
                found.append(
                    Source(
                        kind="records",
                        label=name or _("Organisation not recorded"),
                        record_count=count,
                        agency=code or None,
                        year=result.year,
                    )
                )
        for value in [current, *result.earlier]:
            agg = value.aggregate
            if agg is not None and (agg.status == ValueStatus.REPORTED or withheld(value)):
                found.append(aggregate_source(value))
        return found

    def discrepancy(self, result: Evaluated, current: YearValue) -> str:
        if not current.discrepancy:
            return ""
        agg = current.aggregate
        assert agg is not None
        return _("Records give %(records)s for %(year)s; %(source)s gives %(aggregate)s.") % {
            "records": self.text(result, current.year, current.value),
            "year": current.year,
            "source": agg.source,
            "aggregate": self.text(result, current.year, agg.value),
        }

    def drilldown(self, result: Evaluated) -> str:
        if result.current.source != "records":
            return ""
        if self.user is not None:
            from tipdata.accounts.access import can_browse

            if not can_browse(self.user, result.measure.record_model):
                return ""
        return reverse("indicators:records", args=[result.indicator.code, result.year])

    def tables(self, result: Evaluated) -> list[Table]:
        if result.current.source != "records":
            return []
        indicator = result.indicator
        tables = []
        for name in indicator.disaggregations:
            dimension = result.measure.dimensions[name]
            rows: list[list[Any]] = []
            for label, value in result.measure.breakdown(dimension, result.year):
                row: list[Any] = [label, value]
                if result.measure.money:
                    row.append(self.usd(result, result.year, value))
                rows.append(row)
            columns = [name.capitalize(), self.unit(result).capitalize()]
            if result.measure.money:
                columns.append("USD")
            tables.append(
                Table(
                    title=_("%(name)s by %(dimension)s, %(year)s")
                    % {"name": indicator.name, "dimension": name, "year": result.year},
                    columns=columns,
                    rows=rows,
                    indicator=indicator.code,
                )
            )
        return tables

    def series(self, result: Evaluated) -> Series:
        return Series(
            indicator=result.indicator.code,
            title=result.indicator.name,
            unit=self.unit(result),
            points=[(y, result.years[y].value) for y in sorted(result.years)],
        )

    def gap(self, result: Evaluated, agencies: Mapping[str, list[str]]) -> DataGap:
        indicator, current = result.indicator, result.current
        kind = indicator.expected_from
        names = agencies.get(kind, [])
        expected = str(AgencyKind(kind).label)
        if names:
            more = len(names) - NAMES_SHOWN
            shown = ", ".join(names[:NAMES_SHOWN])
            if more > 0:
                shown = _("%(names)s and %(n)s more") % {"names": shown, "n": more}
            expected = f"{expected} ({shown})"
        note = result.empty_reason or _("No record and no aggregate for %(year)s.") % {
            "year": result.year
        }
        agg = current.aggregate
        if agg is not None and not reported(agg):
            said = agg.note or agg.shown
            note = f"{note} {agg.source}: {said}".strip()
        return DataGap(
            indicator=indicator.code, name=indicator.name, expected_from=expected, note=note
        )
