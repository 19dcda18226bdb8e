"""The shape of a computed country report: the contract between the indicator engine
(``tipdata.indicators``) and the renderers (``tipdata.reports``: HTML, PDF, XLSX, JSON).

Everything in a report is one of these values, computed from records or historical aggregates
at the moment the report is asked for; nothing here is stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Literal

Number = int | Decimal
SourceKind = Literal["records", "aggregate", "gap"]


@dataclass(frozen=True)
class Source:
    """Where a value comes from: records of one agency (with their count) or an aggregate."""

    kind: SourceKind
    label: str  # "MVD anti-trafficking unit, Almaty" or "TIP report 2020"
    record_count: int | None = None
    agency: str | None = None  # organisation code, for records
    reference: str = ""  # for aggregates: letter number, publication
    year: int | None = None  # the year the source gives a value for (added; optional)


@dataclass(frozen=True)
class Comparison:
    year: int
    value: Number | None
    source: SourceKind
    usd: Decimal | None = None  # USD equivalent for money figures (added; optional)


@dataclass
class Figure:
    """One value of one indicator for one year (and optionally one disaggregation cell)."""

    indicator: str  # code in the catalogue, e.g. "PROS_INVESTIGATIONS_NEW"
    key: str  # stable short key used in sentences and tests, e.g. "investigations_new"
    year: int
    value: Number | None
    unit: str  # "cases", "persons", "KZT", ...
    source: SourceKind
    sentence: str = ""  # the sentence of the report that states it
    disaggregation: dict[str, str] = field(default_factory=dict)
    comparisons: list[Comparison] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    discrepancy: str = ""  # non-empty when records and an aggregate disagree
    drilldown: str = ""  # URL of the list of records behind the figure ("" for aggregates)
    usd: Decimal | None = None  # USD equivalent for money figures

    @property
    def is_gap(self) -> bool:
        return self.source == "gap"


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    indicator: str = ""


@dataclass
class Series:
    """A multi-year series for a chart."""

    indicator: str
    title: str
    unit: str
    points: list[tuple[int, Number | None]]


@dataclass
class DataGap:
    indicator: str
    name: str
    expected_from: str  # agency (kind or name) expected to supply it
    note: str = ""


@dataclass
class Section:
    key: str  # "prosecution", "protection", "prevention", "lineage"
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)


@dataclass
class CountryReport:
    year: int
    country: str  # ISO alpha-2
    profile: str
    currency: str
    usd_rate: Decimal | None
    generated_at: str  # ISO timestamp
    sections: list[Section]
    gaps: list[DataGap]

    def figure(self, key: str, **disaggregation: str) -> Figure | None:
        for section in self.sections:
            for item in section.figures:
                if item.key == key and item.disaggregation == disaggregation:
                    return item
        return None

    def to_json(self) -> dict[str, Any]:
        def convert(value: Any) -> Any:
            if isinstance(value, Decimal):
                return int(value) if value == value.to_integral() else float(value)
            if isinstance(value, dict):
                return {k: convert(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [convert(v) for v in value]
            return value

        return convert(asdict(self))  # type: ignore[no-any-return]
