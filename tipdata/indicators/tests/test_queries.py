"""Computation runs in the database: building the report takes as many queries whatever the
number of records (aggregating queries, never records loaded into Python)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tipdata.indicators.engine import build_report
from tipdata.indicators.tests import builders as b
from tipdata.testing.factories import organisation


def add_records(police: Any, hotline: Any, inspectorate: Any, n: int) -> None:
    for i in range(n):
        day = datetime.date(2020, 1 + i % 12, 1 + i % 28)
        b.victim(police, day, citizenship="UZ" if i % 2 else "KZ")
        b.case(police, day)
        b.call(hotline, day)
        b.inspection(inspectorate, day, violations=1 + i % 3)


def queries_to_build() -> int:
    with CaptureQueriesContext(connection) as captured:
        build_report(2020)
    return len(captured)


def test_queries_do_not_grow_with_the_records(police_unit: Any) -> None:
    hotline = organisation("HOTLINE")
    inspectorate = organisation("LABOUR_INSPECTORATE")
    add_records(police_unit, hotline, inspectorate, 2)
    build_report(2020)  # warm caches (profile, content types)
    few = queries_to_build()

    add_records(police_unit, hotline, inspectorate, 20)
    many = queries_to_build()

    assert many == few
