"""The catalogue: one definition per indicator, checked on load, every one computable."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tipdata.indicators.catalogue import CatalogueError, load_catalogue, parse
from tipdata.indicators.compute import Context
from tipdata.indicators.engine import build_report

CTX = Context(country="KZ", currency="KZT")


def entry(**changes: Any) -> dict[str, Any]:
    base = {
        "code": "X_ONE",
        "key": "one",
        "section": "protection",
        "name": "One",
        "definition": "A test indicator.",
        "unit": "persons",
        "compute": "protection.victims_identified",
        "expected_from": "police",
    }
    return {**base, **changes}


def test_every_indicator_names_a_computation_and_its_disaggregations() -> None:
    catalogue = load_catalogue()
    assert len(catalogue) >= 70
    for indicator in catalogue:
        measure = indicator.measure(CTX)
        missing = set(indicator.disaggregations) - set(measure.dimensions)
        assert not missing, f"{indicator.code} offers no {missing}"
        assert indicator.definition and indicator.sentence


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"compute": "protection.nothing"}, "not a registered computation"),
        ({"section": "elsewhere"}, "section 'elsewhere'"),
        ({"expected_from": "astrologers"}, "not an agency kind"),
        ({"gap_when_empty": "missing_key"}, "not the key of an indicator"),
        ({"colour": "red"}, "unknown ['colour']"),
    ],
)
def test_a_bad_catalogue_entry_is_refused_naming_it(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(CatalogueError, match=r"X_ONE|indicator 1") as error:
        parse([entry(**changes)])
    assert message in str(error.value)


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(CatalogueError, match="Duplicate indicator key: one"):
        parse([entry(), entry(code="X_TWO")])


def test_every_indicator_is_in_the_report_even_without_records(profile: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        report = build_report(2020)
    keys = {f.key for s in report.sections for f in s.figures}
    assert keys == {i.key for i in load_catalogue()}
    assert [s.key for s in report.sections] == [
        "prosecution",
        "protection",
        "prevention",
        "lineage",
    ]
    assert len(queries) < 3 * len(load_catalogue())
