"""The indicator engine: the annual country report computed from records, at request time.

``build_report(year)`` evaluates every indicator of the catalogue (``evaluation``) and writes
each one out as a ``Figure`` with its sentence, comparisons, sources, disaggregation tables,
chart series and drill-down link (``figures``), plus the list of data gaps. Nothing is stored:
change a record and the next report says so. The number of queries depends on the catalogue
and the years compared, never on the number of records.

Before evaluating, the engine plans: it asks every indicator for its measure and lets
``compute.batch`` compute the series and sources of measures on the same rows together, one
query per table family instead of one per figure (the report's cost is its queries).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.indicators.catalogue import SECTION_TITLES, SECTIONS, Catalogue, load_catalogue
from tipdata.indicators.compute import Context
from tipdata.indicators.compute.batch import Plan, Wanted
from tipdata.indicators.evaluation import HISTORY, Evaluator, aggregates_for
from tipdata.indicators.figures import FigureWriter, agencies_by_kind
from tipdata.indicators.types import CountryReport, DataGap, Section
from tipdata.profiles.models import ExchangeRate
from tipdata.profiles.selectors import current_profile


def plan_queries(catalogue: Catalogue, ctx: Context, year: int, complete_from: int) -> None:
    """Compute ahead, table by table, the series and sources the evaluation will ask for
    (the same years as ``Evaluator``: the figure's year and ``HISTORY`` before it)."""
    wanted = []
    for indicator in catalogue:
        last = year + indicator.year_offset
        first = max(last - HISTORY, complete_from)
        measure = indicator.measure(ctx)
        wanted.append(Wanted(measure, first, last, last, indicator.disaggregations))
    ctx.plan.prefetch(wanted)


def build_report(year: int, *, user: Any = None) -> CountryReport:
    """The country report for ``year``.

    The figures are national aggregates whoever asks; ``user`` only decides which figures
    link to their records (a drill-down is offered where the user may browse those records,
    and the list behind it shows only what they may see).
    """
    profile = current_profile()
    catalogue = load_catalogue()
    ctx = Context(country=profile.country_id, currency=profile.currency, plan=Plan())
    plan_queries(catalogue, ctx, year, profile.records_complete_from)
    rates = dict(
        ExchangeRate.objects.filter(currency=profile.currency).values_list("year", "per_usd")
    )
    offset = max(i.year_offset for i in catalogue)
    evaluate = Evaluator(
        year=year,
        ctx=ctx,
        complete_from=profile.records_complete_from,
        aggregates=aggregates_for(catalogue.codes(), year - HISTORY, year + offset),
        lookup=catalogue.by_key,
    )
    writer = FigureWriter(currency=profile.currency, rates=rates, user=user)
    sections = []
    gaps: list[DataGap] = []
    evaluated = {i.key: evaluate(i) for i in catalogue}
    expected = agencies_by_kind()
    for key in SECTIONS:
        section = Section(key=key, title=_(SECTION_TITLES[key]))
        for indicator in catalogue.in_section(key):
            result = evaluated[indicator.key]
            figure = writer.figure(result)
            section.figures.append(figure)
            if figure.is_gap:
                parent = evaluated.get(indicator.part_of) if indicator.part_of else None
                if parent is None or parent.current.source != "gap":
                    gaps.append(writer.gap(result, expected))
                continue
            section.tables.extend(writer.tables(result))
            if indicator.chart:
                section.series.append(writer.series(result))
        sections.append(section)
    rate = rates.get(year)
    return CountryReport(
        year=year,
        country=profile.country_id,
        profile=profile.code,
        currency=profile.currency,
        usd_rate=Decimal(rate) if rate is not None else None,
        generated_at=timezone.now().isoformat(),
        sections=sections,
        gaps=gaps,
    )
