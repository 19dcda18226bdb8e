"""Several tables from one query (``GROUPING SETS`` on PostgreSQL) give what one query per
column gives, "not recorded" (NULL) groups included; subqueries in conditions are recognised,
as they decide how a family of measures is queried."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q

from tipdata.indicators.compute.batch import holds_query
from tipdata.indicators.compute.grouping import grouping_sets, top_level_from
from tipdata.indicators.tests import builders as b
from tipdata.testing.factories import region
from tipdata.victims.models import Exploitation, Victim

COLUMNS = ("sex", "citizenship__name", "exploitation_region__name")


def per_column(column: str) -> list[tuple[Any, int, int]]:
    rows = Victim.objects.values(column).annotate(
        n=Count("person", distinct=True), r=Count("pk", filter=Q(sex="female"))
    )
    return sorted(((row[column], row["n"], row["r"]) for row in rows.order_by()), key=str)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL has grouping sets")
def test_grouping_sets_match_one_query_per_column(police_unit: Any) -> None:
    day = datetime.date(2020, 3, 1)
    b.victim(police_unit, day, citizenship="UZ", exploitation_region=region("ALA"))
    b.victim(police_unit, day, citizenship="KZ", sex="male")
    b.victim(police_unit, day, citizenship="KZ", identified=False)

    grouped = Victim.objects.values(*COLUMNS).annotate(
        n=Count("person", distinct=True), r=Count("pk", filter=Q(sex="female"))
    )
    found = grouping_sets(grouped.order_by(), [(c,) for c in COLUMNS])

    assert found is not None
    for column in COLUMNS:
        rows = found[(column,)]
        got = sorted(((row[column], row["n"], row["r"]) for row in rows), key=str)
        assert got == per_column(column)
    assert (None, 2, 1) in per_column("exploitation_region__name")  # a NULL group is kept


def test_the_outer_from_is_found_past_subqueries() -> None:
    sql = 'SELECT COUNT(*) FILTER (WHERE x IN (SELECT y FROM "t")) AS " FROM " FROM "u"'
    assert sql[top_level_from(sql) :] == ' FROM "u"'


def test_subqueries_in_conditions_are_recognised() -> None:
    forms = Exploitation.objects.filter(form="ForcedLabour").values("victim")
    assert holds_query(Q(pk__in=forms) & Q(sex="female"))
    assert holds_query(~Q(Exists(Victim.objects.filter(person=OuterRef("person")))))
    assert not holds_query(Q(sex="female") | Q(citizenship_id="KZ"))
