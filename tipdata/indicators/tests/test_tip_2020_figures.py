"""Acceptance (issue 3): with the demo loaded, the 2020 report states every figure of the 2021
TIP report (``../shared/reference/kazakhstan-2020-figures.yaml``), entry by entry.

How a YAML key is found in the JSON report:
- ``investigations_new`` is the 2020 figure with that key (computed from records);
- a key with a year (``investigations_new_2019``, ``shelter_grants_2019_kzt``) is the value
  for that year of the figure named by the key without it: a comparison (2019, from historical
  aggregates), or the figure itself when it is about that year (the 2021 allocation);
- ``..._usd`` is the USD equivalent of the matching ``..._kzt`` figure or comparison;
- ``..._previous`` is the previous year's comparison;
- ``shelter_grants_2019_shelters``: the 2019 report counted funded shelters where the 2021
  report counts NGOs (each NGO runs one shelter), so it is the 2019 value of
  ``shelter_grants_ngos``.
A value the text gives as "more than N" must exceed N. ``source: gap`` entries must be data
gaps: their 2020 figures have no value, their indicators are listed in ``gaps``, and the
earlier values they cite come from aggregates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tipdata.indicators.catalogue import load_catalogue

FIGURES_FILE = (
    Path(__file__).resolve().parents[4] / "shared" / "reference" / "kazakhstan-2020-figures.yaml"
)
ALIASES = {"shelter_grants_2019_shelters": "shelter_grants_ngos_2019"}
# Statements without numbers: the figures that state them.
GAP_FIGURES = {"PT4": ["victims_identified_by_ngos"], "PT12": ["legal_aid_victims"]}
YEAR_IN_KEY = re.compile(r"_(\d{4})(?=_|$)")
pytestmark = pytest.mark.slow  # the demo is loaded once for the module


def entries() -> list[Any]:
    if not FIGURES_FILE.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{FIGURES_FILE} not found"))]
    data = yaml.safe_load(FIGURES_FILE.read_text(encoding="utf-8"))
    found = []
    for section in ("prosecution", "protection", "prevention"):
        found += [pytest.param(entry, id=entry["id"]) for entry in data[section]]
    return found


class Report:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.figures = {
            f["key"]: f
            for section in data["sections"]
            for f in section["figures"]
            if not f["disaggregation"]
        }
        self.gap_codes = {gap["indicator"] for gap in data["gaps"]}

    def figure(self, key: str) -> dict[str, Any]:
        assert key in self.figures, f"the report has no figure {key!r}"
        return self.figures[key]

    def resolve(self, key: str) -> tuple[Any, str, int]:
        """(value, source kind, year) of a YAML key in the report."""
        key = ALIASES.get(key, key)
        if key in self.figures and self.figures[key]["year"] == self.data["year"]:
            figure = self.figures[key]
            return figure["value"], figure["source"], figure["year"]
        usd = key.endswith("_usd")
        if usd:
            key = key[: -len("_usd")] + "_kzt"
        match = YEAR_IN_KEY.search(key)
        if key.endswith("_previous"):
            stem, year = key[: -len("_previous")], None
        elif match:
            stem, year = key[: match.start()] + key[match.end() :], int(match.group(1))
        else:
            stem, year = key, None
        figure = self.figure(stem)
        year = (
            year if year is not None else figure["year"] - (1 if key.endswith("_previous") else 0)
        )
        if figure["year"] == year:
            return (figure["usd"] if usd else figure["value"]), figure["source"], year
        found = [c for c in figure["comparisons"] if c["year"] == year]
        assert found, f"{stem} has no comparison for {year}"
        return (found[0]["usd"] if usd else found[0]["value"]), found[0]["source"], year


@pytest.fixture(scope="module")
def report(tip_2020: dict[str, Any]) -> Report:
    return Report(tip_2020)


def lower_bounds(text: str) -> set[int]:
    """Numbers the text states as "more than N" (the report rounds them down)."""
    return {int(n.replace(",", "")) for n in re.findall(r"more than ([\d,]+)", text)}


@pytest.mark.parametrize("entry", entries())
def test_report_states_the_figure(entry: dict[str, Any], report: Report) -> None:
    if entry["source"] == "gap":
        check_gap(entry, report)
        return
    bounds = lower_bounds(entry["text"])
    for key, expected in entry["figures"].items():
        value, source, year = report.resolve(key)
        where = f"{entry['id']} {key}"
        if year < report.data["year"]:
            assert source == "aggregate", f"{where}: earlier years come from aggregates"
        else:
            assert source == "records", f"{where}: {year} is computed from records"
        if expected in bounds:
            assert value > expected, f"{where}: {value} is not more than {expected}"
        else:
            assert value == expected, f"{where}: report says {value}, TIP report {expected}"
    check_statement(entry["id"], report)


def check_gap(entry: dict[str, Any], report: Report) -> None:
    keys = list(GAP_FIGURES.get(entry["id"], []))
    for key, expected in entry["figures"].items():
        if YEAR_IN_KEY.search(key):
            value, source, _year = report.resolve(key)
            assert (value, source) == (expected, "aggregate"), f"{entry['id']} {key}"
            keys.append(YEAR_IN_KEY.sub("", key))
        else:
            keys.append(key)
    assert keys, f"{entry['id']}: no figure states this gap"
    for key in keys:
        figure = report.figure(key)
        assert figure["source"] == "gap" and figure["value"] is None, key
        parent = load_catalogue().by_key(key).part_of  # a breakdown is listed with its parent
        listed = figure["indicator"] if not parent else load_catalogue().by_key(parent).code
        assert listed in report.gap_codes, f"{key} is not listed among the data gaps"


def check_statement(entry_id: str, report: Report) -> None:
    """Statements without numbers, checked against the figures that say them."""
    if entry_id == "PT3":  # most sex trafficking victims came from the special operations
        found = report.figure("victims_sex_trafficking_special_operations")["value"]
        assert found > report.figure("victims_sex_trafficking")["value"] / 2
    if entry_id == "PT10":  # foreign victims got services only where a case existed
        assert report.figure("foreign_victims_assisted_without_case")["value"] == 0
        assert report.figure("foreign_victims_assisted")["value"] > 0
    if entry_id == "PV7":  # radio, TV, print, web, border video, face masks
        tables = [t for s in report.data["sections"] for t in s["tables"]]
        channels = next(
            t for t in tables if t["title"].startswith("Awareness campaigns by channel")
        )
        shown = {row[0] for row in channels["rows"]}
        assert {"Radio", "Television", "Newspapers and print", "Web publications"} <= shown
        assert "Video at border crossings and transit hubs" in shown
        assert "Printed materials (leaflets, face masks)" in shown


def test_money_is_in_kzt_with_usd_from_the_rate_table(report: Report) -> None:
    fines = report.figure("fines_kzt")
    assert fines["unit"] == "KZT"
    assert "174.3 million KZT ($413,750)" in fines["sentence"]
    assert report.data["currency"] == "KZT" and report.data["usd_rate"] == pytest.approx(421.27)


def test_sentences_compare_with_earlier_years(report: Report) -> None:
    assert report.figure("investigations_new")["sentence"] == (
        "Police newly investigated 72 trafficking cases in 2020, compared with 45 in 2019."
    )
    convictions = report.figure("convictions")["sentence"]
    assert "compared with 8 in 2019, 17 in 2018, 29 in 2017 and 45 in 2016" in convictions
    assert convictions.endswith("the first annual increase in five years.")
    assert report.figure("convictions_labor")["sentence"].endswith("the first in three years.")


def test_figures_carry_their_sources_and_drilldown(report: Report) -> None:
    victims = report.figure("victims_identified")
    records = [s for s in victims["sources"] if s["kind"] == "records"]
    assert sum(s["record_count"] for s in records) == 94  # 94 records of 88 persons
    assert {s["label"] for s in records} >= {"MVD anti-trafficking unit, Almaty"}
    assert {"TIP report 2020"} <= {s["label"] for s in victims["sources"]}
    assert victims["drilldown"] == "/indicators/PROT_VICTIMS_IDENTIFIED/2020/records/"
    titles = {t["title"] for s in report.data["sections"] for t in s["tables"]}
    assert "Victims identified by sex, 2020" in titles
