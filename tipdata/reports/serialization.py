"""Reading a report back from its JSON: a saved or submitted report can be re-rendered.

The JSON is what ``CountryReport.to_json`` writes; numbers come back as ``Decimal`` where
they were not whole, so re-rendering gives the same text as the original.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tipdata.indicators import types as t


def _number(value: Any) -> Any:
    return Decimal(str(value)) if isinstance(value, float) else value


def _figure(data: dict[str, Any]) -> t.Figure:
    values = dict(data)
    values["value"] = _number(values.get("value"))
    values["usd"] = _number(values.get("usd"))
    values["comparisons"] = [
        t.Comparison(**{**c, "value": _number(c.get("value")), "usd": _number(c.get("usd"))})
        for c in data["comparisons"]
    ]
    values["sources"] = [t.Source(**s) for s in data["sources"]]
    return t.Figure(**values)


def _section(data: dict[str, Any]) -> t.Section:
    return t.Section(
        key=data["key"],
        title=data["title"],
        figures=[_figure(f) for f in data["figures"]],
        tables=[t.Table(**table) for table in data["tables"]],
        series=[
            t.Series(
                indicator=s["indicator"],
                title=s["title"],
                unit=s["unit"],
                points=[(year, _number(value)) for year, value in s["points"]],
            )
            for s in data["series"]
        ],
    )


def report_from_json(data: dict[str, Any]) -> t.CountryReport:
    """The ``CountryReport`` that ``data`` (from ``to_json``) describes."""
    rate = data.get("usd_rate")
    return t.CountryReport(
        year=data["year"],
        country=data["country"],
        profile=data["profile"],
        currency=data["currency"],
        usd_rate=Decimal(str(rate)) if rate is not None else None,
        generated_at=data["generated_at"],
        sections=[_section(s) for s in data["sections"]],
        gaps=[t.DataGap(**g) for g in data["gaps"]],
    )
