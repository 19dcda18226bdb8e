"""The indicator catalogue (``catalogue.yaml``), loaded once and checked on load.

An ``Indicator`` is the one definition of a figure: the report, the API, drill-downs and
exports all read it from here. Loading fails loudly on an unknown computation, section, agency
kind or gap reference, so a typo in the catalogue never reaches a report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext_noop

from tipdata.indicators.compute import COMPUTATIONS, Context, Measure
from tipdata.profiles.models import AgencyKind

CATALOGUE_FILE = Path(__file__).resolve().parent / "catalogue.yaml"
SECTIONS = ("prosecution", "protection", "prevention", "lineage")
SECTION_TITLES = {
    "prosecution": gettext_noop("Prosecution"),
    "protection": gettext_noop("Protection"),
    "prevention": gettext_noop("Prevention"),
    "lineage": gettext_noop("What the records now answer"),
}
MONEY = "money"


class CatalogueError(ValueError):
    """The catalogue file is inconsistent (names the indicator and the field at fault)."""


@dataclass(frozen=True)
class Indicator:
    code: str
    key: str
    section: str
    name: str
    definition: str
    unit: str
    compute: str
    expected_from: str
    sentence: str
    params: Mapping[str, Any] = field(default_factory=dict)
    disaggregations: tuple[str, ...] = ()
    sentence_zero: str = ""
    compare: int = 1
    chart: bool = False
    gap_when_empty: str = ""
    year_offset: int = 0
    part_of: str = ""

    @property
    def is_money(self) -> bool:
        return self.unit == MONEY

    def measure(self, ctx: Context) -> Measure:
        return COMPUTATIONS[self.compute](self.params, ctx)


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]

    def __iter__(self) -> Any:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def by_code(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def by_key(self, key: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.key == key:
                return indicator
        raise KeyError(key)

    def codes(self) -> list[str]:
        return [i.code for i in self.indicators]

    def in_section(self, section: str) -> list[Indicator]:
        return [i for i in self.indicators if i.section == section]


FIELDS = {f for f in Indicator.__dataclass_fields__}
REQUIRED = {"code", "key", "section", "name", "definition", "unit", "compute", "expected_from"}


def parse(entries: list[Mapping[str, Any]]) -> Catalogue:
    """Build and check a catalogue from the file's ``indicators`` list."""
    indicators = []
    for number, entry in enumerate(entries, start=1):
        where = f"indicator {number} ({entry.get('code', '?')})"
        unknown = set(entry) - FIELDS
        missing = REQUIRED - set(entry)
        if unknown or missing:
            raise CatalogueError(f"{where}: unknown {sorted(unknown)}, missing {sorted(missing)}")
        values = dict(entry)
        values["params"] = dict(values.get("params") or {})
        values["disaggregations"] = tuple(values.get("disaggregations") or ())
        values.setdefault("sentence", "{value} in {year}{compared}.")
        indicators.append(Indicator(**values))
    catalogue = Catalogue(tuple(indicators))
    check(catalogue)
    return catalogue


def check(catalogue: Catalogue) -> None:
    codes, keys = catalogue.codes(), [i.key for i in catalogue]
    for label, values in (("code", codes), ("key", keys)):
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise CatalogueError(f"Duplicate indicator {label}: {', '.join(twice)}")
    for indicator in catalogue:
        problems = []
        if indicator.section not in SECTIONS:
            problems.append(f"section {indicator.section!r} is not one of {SECTIONS}")
        if indicator.compute not in COMPUTATIONS:
            problems.append(f"compute {indicator.compute!r} is not a registered computation")
        if indicator.expected_from not in AgencyKind.values:
            problems.append(f"expected_from {indicator.expected_from!r} is not an agency kind")
        for ref in (indicator.gap_when_empty, indicator.part_of):
            if ref and ref != "self" and ref not in keys:
                problems.append(f"{ref!r} is not the key of an indicator")
        if problems:
            raise CatalogueError(f"{indicator.code}: " + "; ".join(problems))


@cache
def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return parse(data["indicators"])
