"""A ``CountryReport`` made ready to read: the words and numbers every rendering shares.

The HTML page, the PDF and the standalone HTML file show the same text, and the XLSX the same
sentences, so formatting (grouped numbers, money with its USD equivalent, the comparison with
earlier years written out, the sources) is decided once here and never in a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tipdata.indicators.types import CountryReport, Figure, Section, Series, Source
from tipdata.reports.access import visible_drilldown
from tipdata.reports.charts import data_uri, series_svg


def source_kind_label(kind: str) -> str:
    labels = {
        "records": _("records"),
        "aggregate": _("historical aggregate"),
        "gap": _("no data"),
    }
    return labels.get(kind, kind)


def number(value: Any) -> str:
    """A count or amount with grouped digits in the reader's language ("1,341")."""
    if value is None:
        return "—"
    if isinstance(value, Decimal | float) and value != int(value):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return number_format(int(value), force_grouping=True)


def usd_equivalent(report: CountryReport, item: Figure) -> Decimal | None:
    """The figure's USD equivalent: the engine's, else from the report's rate, for money."""
    if item.usd is not None:
        return item.usd
    if item.value is None or item.unit != report.currency or not report.usd_rate:
        return None
    return (Decimal(item.value) / report.usd_rate).quantize(Decimal("1"))


def value_text(report: CountryReport, item: Figure) -> str:
    """The value with its unit; money also in USD ("174,300,000 KZT (US$413,750)")."""
    if item.value is None:
        return _("no data")
    text = f"{number(item.value)} {item.unit}".strip()
    usd = usd_equivalent(report, item)
    if usd is not None:
        text += " " + _("(US$%(usd)s)") % {"usd": number(usd)}
    return text


def comparison_text(item: Figure) -> str:
    """Earlier years with a value, most recent first ("2019: 45 (records); 2018: 17 ...").

    Years without data are left out here: the chart marks them, and a line of "no data"
    would bury the years that have one.
    """
    known = [c for c in item.comparisons if c.value is not None]
    return "; ".join(
        f"{c.year}: {number(c.value)} ({source_kind_label(c.source)})"
        for c in sorted(known, key=lambda c: c.year, reverse=True)
    )


def fallback_sentence(report: CountryReport, item: Figure) -> str:
    """A plain sentence for a figure the engine gave no sentence (never an empty line)."""
    name = item.key.replace("_", " ")
    if item.value is None:
        return _("No data on %(name)s for %(year)s.") % {"name": name, "year": item.year}
    sentence = _("%(name)s: %(value)s in %(year)s") % {
        "name": name.capitalize(),
        "value": value_text(report, item),
        "year": item.year,
    }
    earlier = [c for c in item.comparisons if c.value is not None]
    if earlier:
        latest = max(earlier, key=lambda c: c.year)
        sentence += _(", compared with %(value)s in %(year)s") % {
            "value": number(latest.value),
            "year": latest.year,
        }
    return sentence + "."


def source_text(source: Source) -> str:
    """One source as a reader sees it: who, how many records, or which publication."""
    if source.kind == "records":
        count = source.record_count or 0
        return ngettext("%(label)s: %(count)s record", "%(label)s: %(count)s records", count) % {
            "label": source.label,
            "count": number(count),
        }
    if source.kind == "aggregate":
        reference = f" ({source.reference})" if source.reference else ""
        return _("%(label)s%(reference)s, historical aggregate") % {
            "label": source.label,
            "reference": reference,
        }
    return source.label


def disaggregation_text(item: Figure) -> str:
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in item.disaggregation.items())


@dataclass
class FigureView:
    figure: Figure
    sentence: str
    value: str
    comparisons: str
    sources: list[str]
    link: str
    disaggregation: str


@dataclass
class ChartView:
    series: Series
    image: str  # data: URI of the SVG
    points: list[tuple[int, str]]


@dataclass
class SectionView:
    section: Section
    figures: list[FigureView] = field(default_factory=list)
    charts: list[ChartView] = field(default_factory=list)


def present_figure(report: CountryReport, item: Figure, user: Any) -> FigureView:
    return FigureView(
        figure=item,
        sentence=item.sentence or fallback_sentence(report, item),
        value=value_text(report, item),
        comparisons=comparison_text(item),
        sources=[source_text(s) for s in item.sources],
        link=visible_drilldown(user, item.drilldown),
        disaggregation=disaggregation_text(item),
    )


def present_chart(series: Series) -> ChartView:
    points = [(year, number(value)) for year, value in series.points]
    return ChartView(series=series, image=data_uri(series_svg(series)), points=points)


def generated_text(report: CountryReport) -> str:
    """When the report was computed, in the reader's time zone and language."""
    moment = parse_datetime(report.generated_at)
    if moment is None:
        return report.generated_at
    return date_format(localtime(moment) if is_aware(moment) else moment, "DATETIME_FORMAT")


def context(report: CountryReport, user: Any = None) -> dict[str, Any]:
    """What the report templates need: the report, its sections in words, when it was made."""
    return {
        "report": report,
        "sections": present(report, user),
        "generated": generated_text(report),
    }


def present(report: CountryReport, user: Any = None) -> list[SectionView]:
    """Every section with its figures in words and its charts drawn.

    ``user`` decides which drill-down links are shown; None (a file made on the command line
    or a PDF) shows none, since a file outlives the session that could follow them.
    """
    return [
        SectionView(
            section=section,
            figures=[present_figure(report, item, user) for item in section.figures],
            charts=[present_chart(series) for series in section.series],
        )
        for section in report.sections
    ]
