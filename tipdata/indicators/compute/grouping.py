"""Several GROUP BYs in one query on PostgreSQL: ``GROUPING SETS`` over a grouped queryset.

The disaggregation tables of a measure are the same rows grouped by one column at a time. A
query per column reads those rows once per column; ``GROUP BY GROUPING SETS ((a), (b), ...)``
reads them once for all, and, for values that do not add up across groups (distinct persons),
it is the only way to get every table from one query. Django has no API for it, so the grouped
queryset is compiled as usual (``values(*paths).annotate(...)``, which PostgreSQL's compiler
groups by column position: ``GROUP BY 1, 2, ...``) and only its GROUP BY is replaced; a
``GROUPING(...)`` column tells the sets' rows apart (a column's own NULL, "not recorded", is
not a rolled-up one). SQLite has no grouping sets: callers keep their query per column there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.models import QuerySet

SET = "__grouping_set"


def supported(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def top_level_from(sql: str) -> int:
    """Where the outermost FROM starts (aggregates may hold subqueries with their own): the
    first " FROM " with as many "(" as ")" before it, outside quotes."""
    at = sql.find(" FROM ")
    while at != -1:
        before = sql[:at]
        quoted = before.count('"') % 2 or before.count("'") % 2
        if not quoted and before.count("(") == before.count(")"):
            return at
        at = sql.find(" FROM ", at + 1)
    raise ValueError("No FROM clause.")


def grouping_sets(
    queryset: QuerySet, sets: Sequence[Sequence[str]]
) -> dict[tuple[str, ...], list[dict[str, Any]]] | None:
    """The rows of ``queryset`` (``values(*paths).annotate(...)``) grouped by each set of paths,
    keyed by the set; None when the compiled query is not the expected shape (the caller then
    groups column by column)."""
    query = queryset.query
    paths = list(query.values_select)
    compiler = query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    group_by = " GROUP BY " + ", ".join(str(n) for n in range(1, len(paths) + 1))
    if not sql.endswith(group_by):  # (so no ORDER BY or LIMIT after it either)
        return None
    columns = [compiler.select[n][1] for n in range(len(paths))]
    if any(column_params for _, column_params in columns):
        return None
    wanted = list(dict.fromkeys(tuple(s) for s in sets))
    masks = {}
    for one in wanted:
        inside = {paths.index(p) for p in one}
        masks[sum(1 << (len(paths) - 1 - n) for n in range(len(paths)) if n not in inside)] = one
    grouping = ", ".join(column for column, _ in columns)
    positions = ", ".join("(" + ", ".join(str(paths.index(p) + 1) for p in s) + ")" for s in wanted)
    start = top_level_from(sql)
    sql = (
        f'{sql[:start]}, GROUPING({grouping}) AS "{SET}"{sql[start : -len(group_by)]}'
        f" GROUP BY GROUPING SETS ({positions})"
    )
    expressions = [selected[0] for selected in compiler.select]
    converters = compiler.get_converters(expressions)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
        names = paths + [column[0] for column in cursor.description[len(paths) :]]
    rows = compiler.apply_converters(fetched, converters) if converters else fetched
    found: dict[tuple[str, ...], list[dict[str, Any]]] = {one: [] for one in wanted}
    for row in rows:
        record = dict(zip(names, row, strict=True))
        found[masks[record.pop(SET)]].append(record)
    return found


class Names:
    """Codes and names of organisations, regions and countries, read once per report.

    A table grouped by a foreign key is named afterwards from here, instead of the grouped
    query joining the named table for each of its rows (the hotline's 100,000 calls of a year
    joined to their operator and region cost about a fifth of that query).
    """

    def __init__(self) -> None:
        self.known: dict[Any, dict[Any, tuple[Any, Any]]] = {}

    def of(self, model: Any) -> dict[Any, tuple[Any, Any]]:
        """{primary key: (code, name)} of ``model`` (the key stands in for a missing code)."""
        if model not in self.known:
            code = "code" if any(f.name == "code" for f in model._meta.fields) else "pk"
            rows = model._base_manager.values_list("pk", code, "name")
            self.known[model] = {pk: (found, name) for pk, found, name in rows}
        return self.known[model]


def named_through(model: Any, path: str) -> str | None:
    """The foreign key a ``...__name`` column is read through ("region" for "region__name"),
    if it is one and its table has that name column; else None."""
    from tipdata.indicators.compute.base import field_at

    key, _, last = path.rpartition("__")
    if last != "name" or not key:
        return None
    field = field_at(model, key)
    if not (field.many_to_one or field.one_to_one):
        return None
    return key if any(f.name == "name" for f in field.related_model._meta.fields) else None
