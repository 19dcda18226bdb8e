"""Between UNODC's GLOTIP long format and the indicator catalogue, both ways.

Import: each published figure (indicator, dimension, category, sex, age, year) becomes the
catalogue code and disaggregation cell of a historical aggregate value. Export: the figures of
tipdata's own report for a year, with their breakdowns, as GLOTIP rows. The correspondence is
data (``glotip_mapping.yaml``), so a figure is never renamed in code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import yaml

from tipdata.indicators.catalogue import load_catalogue
from tipdata.indicators.compute import Context, Measure
from tipdata.indicators.compute.common import FORM_GROUPS
from tipdata.intake.formats.common import CellIssue, label_key
from tipdata.intake.formats.glotip import GlotipReader, GlotipRecord

MAPPING_FILE = Path(__file__).resolve().parent / "glotip_mapping.yaml"
TOTAL = "total"


@dataclass(frozen=True)
class GlotipMapping:
    indicators: dict[str, str]  # GLOTIP indicator (label key) -> catalogue code
    names: dict[str, str]  # catalogue code -> GLOTIP indicator as UNODC spells it
    sex: dict[str, str]
    age: dict[str, str]
    dimensions: dict[str, dict[str, Any]]  # GLOTIP dimension (label key) -> spec


@cache
def mapping() -> GlotipMapping:
    data = yaml.safe_load(MAPPING_FILE.read_text(encoding="utf-8"))
    codes = set(load_catalogue().codes())
    unknown = sorted(set(data["indicators"].values()) - codes)
    if unknown:
        raise ValueError(f"{MAPPING_FILE.name}: not catalogue codes: {', '.join(unknown)}")
    dims = {}
    for name, spec in data["dimensions"].items():
        dims[label_key(name)] = {**spec, "name": name}
    return GlotipMapping(
        indicators={label_key(k): v for k, v in data["indicators"].items()},
        names={v: k for k, v in data["indicators"].items()},
        sex=dict(data["sex"]),
        age=dict(data["age"]),
        dimensions=dims,
    )


@cache
def country_codes() -> dict[str, str]:
    """Country names in any of ISO's spellings (label keys) -> alpha-2 code."""
    from tipdata.profiles.models import Country

    found: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                found[label_key(name)] = country.alpha_2
    for code, name in Country.objects.values_list("code", "name"):
        found[label_key(name)] = code
    return found


@dataclass
class Figure:
    """One GLOTIP row as a historical value: catalogue code, year, disaggregation cell."""

    record: GlotipRecord
    indicator: str
    disaggregation: dict[str, str]


@dataclass
class Mapped:
    figures: list[Figure]
    issues: list[CellIssue]
    not_imported: dict[str, int]  # why -> rows


def map_records(reader: GlotipReader) -> Mapped:
    """Every row of ``reader`` mapped, or named as an issue (the import then writes nothing).

    Rows of a figure the catalogue does not count ("Persons prosecuted") and breakdown rows
    without a category (UNODC's file has them) are not imported, and counted by reason.
    """
    result = Mapped([], [], {})
    seen: dict[tuple[str, int, tuple[tuple[str, str], ...]], int] = {}
    for record in reader:
        code = mapping().indicators.get(label_key(record.indicator))
        if code is None:
            why = f"'{record.indicator}': no catalogue indicator counts it"
            result.not_imported[why] = result.not_imported.get(why, 0) + 1
            continue
        cell, problem, column = _cell(record)
        if problem and column is None:
            result.not_imported[problem] = result.not_imported.get(problem, 0) + 1
            continue
        row = record.row or 0
        if problem:
            letter = reader.table.column_letter(column or "") if column else "?"
            value = getattr(record, (column or "").lower(), None)
            result.issues.append(CellIssue(row, letter, column or "?", value, problem))
            continue
        key = (code, record.year, tuple(sorted(cell.items())))
        if key in seen:
            message = f"the same figure is already in row {seen[key]}"
            result.issues.append(CellIssue(row, "?", "Indicator", record.indicator, message))
            continue
        seen[key] = row
        result.figures.append(Figure(record, code, cell))
    return result


def _cell(record: GlotipRecord) -> tuple[dict[str, str], str, str | None]:
    """(disaggregation, problem, column at fault). No column: skipped, not an error."""
    maps = mapping()
    cell: dict[str, str] = {}
    for column, value, table, key in (
        ("Sex", record.sex, maps.sex, "sex"),
        ("Age", record.age, maps.age, "age_group"),
    ):
        if label_key(value) == TOTAL:
            continue
        found = {label_key(k): v for k, v in table.items()}.get(label_key(value))
        if found is None:
            return cell, f"not one of: Total, {', '.join(table)}", column
        cell[key] = found
    if label_key(record.dimension) == TOTAL:
        return cell, "", None
    spec = maps.dimensions.get(label_key(record.dimension))
    if spec is None:
        return cell, f"the dimension '{record.dimension}' is not mapped", None
    if record.category is None:
        return cell, f"'{record.dimension}' rows without a category", None
    found = _category(spec, record.category)
    if found is None:
        return cell, f"not a category of '{record.dimension}' tipdata knows", "Category"
    cell[spec["key"]] = found
    return cell, "", None


def _category(spec: Mapping[str, Any], category: str) -> str | None:
    key = label_key(category)
    also = {label_key(k): v for k, v in (spec.get("also") or {}).items()}
    if key in also:
        return str(also[key])
    if spec["categories"] == "country":
        return country_codes().get(key)
    table = {label_key(k): v for k, v in spec["categories"].items()}
    return table.get(key)


# ---------------------------------------------------------------- export


def form_groups() -> dict[str, list[str]]:
    """The forms each GLOTIP form category covers ("other": every form not labour or sexual)."""
    from tipdata.core.vocabulary import ExploitationForm

    grouped = {name: [str(f) for f in forms] for name, forms in FORM_GROUPS.items()}
    used = {f for forms in grouped.values() for f in forms}
    grouped["other"] = [f.value for f in ExploitationForm if f.value not in used]
    return grouped


def breakdown_cells(measure: Measure) -> Iterator[tuple[str, str, str, str, dict[str, Any]]]:
    """(dimension, category, sex, age, query filter) of each GLOTIP breakdown ``measure`` has."""
    maps = mapping()
    dims = measure.dimensions
    sexes = {code: name for name, code in maps.sex.items()}
    ages = {code: name for name, code in maps.age.items()}
    if "sex" in dims:
        for code, name in sexes.items():
            yield "Total", "Total", name, "Total", {dims["sex"].path: code}
    if "age_group" in dims:
        for code, name in ages.items():
            yield "Total", "Total", "Total", name, {dims["age_group"].path: code}
    if "sex" in dims and "age_group" in dims:
        for sex_code, sex in sexes.items():
            for age_code, age in ages.items():
                both = {dims["sex"].path: sex_code, dims["age_group"].path: age_code}
                yield "Total", "Total", sex, age, both
    form_spec = next((s for s in maps.dimensions.values() if s["key"] == "form"), None)
    if "form" in dims and form_spec is not None:
        names = {code: name for name, code in form_spec["categories"].items()}
        for group, forms in form_groups().items():
            if group in names:
                within: dict[str, Any] = {f"{dims['form'].path}__in": forms}
                yield form_spec["name"], names[group], "Total", "Total", within


def context() -> Context:
    from tipdata.profiles.selectors import current_profile

    profile = current_profile()
    return Context(country=profile.country_id, currency=profile.currency)
