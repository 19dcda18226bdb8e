"""Sharing queries between the measures of one report: one query per table, not per figure.

Many indicators count the same rows under different conditions (calls; calls referred to the
police; calls that led to a case ...). Asked one by one they read the table once each; a
``Plan`` asks once per table family (same base rows, same date column) with one conditional
aggregate per indicator and year, the way the hand-written baseline does; likewise the sources
(records per agency) once per family and agency column, and the disaggregation tables once per
family and dimension. Results are handed to each ``Measure`` ahead of the evaluation, which
then issues no query for them.

The plan also memoises the measures (``memoised``), so the engine's planning and the
evaluation see the same ``Measure`` objects.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Exists, Q, QuerySet, Subquery, Sum, Value, When

from tipdata.indicators.compute.base import Measure, by_count, field_at, multi_valued, with_filter
from tipdata.indicators.compute.grouping import Names, grouping_sets, named_through, supported


@dataclass(frozen=True)
class Wanted:
    """What the report will ask of a measure: its series, and its sources and tables of
    ``year`` (the figure's year)."""

    measure: Measure
    first: int
    last: int
    year: int
    dimensions: tuple[str, ...] = ()


AGGREGATE = re.compile(r"[rv]\d+$")  # the per-member columns of a grouped query


def frozen(value: Any) -> Hashable:
    """A hashable copy of catalogue parameters (dicts and lists of plain values)."""
    if isinstance(value, Mapping):
        return tuple(sorted((k, frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set)):
        return tuple(frozen(v) for v in value)
    return value


class Plan:
    """The measures of one report and the shared queries that compute them."""

    def __init__(self) -> None:
        self.measures: dict[Hashable, Measure] = {}
        self.memo: dict[Hashable, Any] = {}  # what computations share (``open_on_days``)
        self.names = Names()  # of the groups of tables grouped by a foreign key

    @staticmethod
    def key(params: Mapping[str, Any]) -> Hashable:
        return frozen(params)

    def memoised(self, key: Hashable, build: Callable[[], Measure]) -> Measure:
        if key not in self.measures:
            self.measures[key] = build()
        return self.measures[key]

    def prefetch(self, wanted: Iterable[Wanted]) -> None:
        """Compute ahead, table by table, what is ``wanted``. Measures that do not state their
        conditions (or follow a to-many join) are left to their own queries."""
        families: dict[Hashable, dict[int, Wanted]] = defaultdict(dict)
        for want in wanted:
            if not want.measure.batchable or want.first > want.last:
                continue
            by_id = families[family(want.measure)]
            earlier = by_id.get(id(want.measure))
            if earlier is not None:  # one measure, two figures: the first's years, all tables
                dims = tuple(dict.fromkeys((*earlier.dimensions, *want.dimensions)))
                want = Wanted(want.measure, earlier.first, earlier.last, earlier.year, dims)
            by_id[id(want.measure)] = want
        for found in families.values():
            members = list(found.values())
            series_of([w for w in members if w.measure.yearly is None])
            tables_of(members, self.names)


def tables_of(members: list[Wanted], names: Names) -> None:
    """The family's sources and disaggregation tables of the figures' year.

    On PostgreSQL, one ``GROUPING SETS`` query per part of the family (``grouping_parts``).
    Elsewhere (or for a family of counts and sums whose conditions hold subqueries): where every
    member's value adds up (counts and sums, not DISTINCT counts), one query grouped by all the
    to-one columns at once gives every table, summed up here by column; otherwise one grouped
    query per column.
    """
    parts = grouping_parts(members) if supported(members[0].measure.rows) else None
    for part in parts or [members]:
        if parts is None or not tables_in_one(part, names):
            tables_apart(part)


def grouping_parts(members: list[Wanted]) -> list[list[Wanted]] | None:
    """How a family's tables are queried with ``GROUPING SETS``: all members together, unless
    some members' conditions hold a subquery. Those conditions sit in an aggregate's FILTER,
    where each grouping pass (a sort per set) would run the subquery again: such a member gets
    a query of its own (its conditions in WHERE, run once); for counts and sums, None: one
    pass grouped by every column and rolled up (``tables_apart``) costs less."""
    plain = [w for w in members if not holds_query(w.measure.where)]
    if len(members) == 1 or len(plain) == len(members):
        return [members]
    if all(additive(w.measure) for w in members):
        return None
    return ([plain] if plain else []) + [[w] for w in members if w not in plain]


def holds_query(condition: Any) -> bool:
    """Whether a ``Q`` holds a subquery (``Exists``, or ``__in`` a queryset)."""
    if isinstance(condition, Q):
        return any(holds_query(child) for child in condition.children)
    if isinstance(condition, tuple):
        return holds_query(condition[1])
    return isinstance(condition, (Subquery, Exists, QuerySet))


def tables_in_one(members: list[Wanted], names: Names) -> bool:
    """The sources and every to-one table of ``members`` from one ``GROUPING SETS`` query (the
    tables of distinct-person measures too, which cannot be summed from a finer grouping).
    Tables along a to-many relation (which would repeat the other tables' rows) get a query
    each. False, with nothing done, if the query could not be built.

    Sources are grouped by the organisation's foreign key (codes are unique, so the groups
    are the same) and named afterwards (``names``); so are tables by a region's or country's
    name where values add up: two regions of one name are then summed into one row, as
    grouping by the name does.
    """
    agencies = grouped(members, lambda w: [w.measure.agency])
    dimensions = grouped(members, dimension_paths)
    model = members[0].measure.rows.model
    together = [p for p in dimensions if to_one(model, p)]
    summed = all(additive(w.measure) for w in members)
    keys = {p: (named_through(model, p) if summed else None) or p for p in together}
    sets = [(p,) for p in agencies] + [(keys[p],) for p in together]
    if sets:
        columns = list(dict.fromkeys(c for one in sets for c in one))
        found = grouping_sets(current_query(members, columns, values=True), sets)
        if found is None:
            return False
        for path, sharing in agencies.items():
            named = names.of(field_at(model, path).related_model)
            rows = [
                {**r, f"{path}__code": code, f"{path}__name": name}
                for r in found[(path,)]
                for code, name in [named.get(r[path], (None, None))]
            ]
            agencies_from(path, sharing, rows, members)
        for path in together:
            rows, key = found[(keys[path],)], keys[path]
            if key != path:
                named = names.of(field_at(model, key).related_model)
                rows = [{**r, path: named.get(r[key], (None, None))[1]} for r in rows]
                rows = rolled_up(rows, [path])
            breakdowns_from(path, dimensions.pop(path), rows, members)
    for path, sharing in dimensions.items():
        breakdowns_from(path, sharing, current_rows(sharing, [path], values=True), sharing)
    return True


def tables_apart(members: list[Wanted]) -> None:
    """The tables without grouping sets: one grouped query for counts and sums (rolled up
    here), or one query per column."""
    agencies = grouped(members, lambda w: [w.measure.agency])
    dimensions = grouped(members, dimension_paths)
    model = members[0].measure.rows.model
    if all(additive(w.measure) for w in members):
        together = [p for p in dimensions if to_one(model, p)]
        columns = [c for p in agencies for c in (f"{p}__code", f"{p}__name")] + together
        found = current_rows(members, columns, values=True) if columns else []
        for path, sharing in agencies.items():
            by_agency = rolled_up(found, [f"{path}__code", f"{path}__name"])
            agencies_from(path, sharing, by_agency, members)
        for path in together:
            breakdowns_from(path, dimensions.pop(path), rolled_up(found, [path]), members)
    else:
        for path, sharing in agencies.items():
            code, name = f"{path}__code", f"{path}__name"
            by_agency = current_rows(sharing, [code, name], values=False)
            agencies_from(path, sharing, by_agency, sharing)
    for path, sharing in dimensions.items():
        breakdowns_from(path, sharing, current_rows(sharing, [path], values=True), sharing)


def additive(measure: Measure) -> bool:
    """Whether the value of a group is the sum of the values of its parts."""
    value = measure.value
    return isinstance(value, (Count, Sum)) and not getattr(value, "distinct", False)


def to_one(model: Any, path: str) -> bool:
    """Whether ``path`` follows only to-one relations (a row has one value there)."""
    for part in path.split("__"):
        found = model._meta.get_field(part)
        if found.is_relation:
            if not (found.many_to_one or found.one_to_one):
                return False
            model = found.related_model
    return True


def rolled_up(found: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    """Groups by some of the columns, their counts and values summed over the others."""
    totals: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in found:
        key = tuple(row[c] for c in columns)
        total = totals.setdefault(key, {c: row[c] for c in columns})
        for name, value in row.items():
            if name in columns or not AGGREGATE.match(name):
                continue
            if value is not None:
                total[name] = total.get(name, 0) + value
            else:
                total.setdefault(name, None)
    return list(totals.values())


def family(measure: Measure) -> Hashable:
    """Measures read from the same rows, placed in years by the same column.

    Values that add up (counts, sums) and DISTINCT counts are apart: PostgreSQL groups the
    former by hashing and must sort the rows for the latter, which would make every member's
    query sort (wide rows, spilling to disk).

    A measure whose conditions hold a correlated subquery (``Exists``) keeps a query of its
    own: in a shared query its conditions move into the aggregate's FILTER, where the database
    can no longer turn the subquery into one join (it runs it row by row), which costs more than
    sharing saves.
    """
    assert measure.base is not None
    alone = has_subquery(measure.where) or measure.year_condition is not None
    return (
        additive(measure),
        measure.base.model,
        str(measure.base.query),
        measure.date_field,
        measure.year_field,
        measure.first_month,
        id(measure) if alone else None,
    )


def has_subquery(condition: Any) -> bool:
    """Whether a ``Q`` holds a correlated subquery (``Exists``; ``__in`` runs once)."""
    if isinstance(condition, Q):
        return any(has_subquery(child) for child in condition.children)
    if isinstance(condition, tuple):
        return has_subquery(condition[1])
    return isinstance(condition, (Subquery, Exists))


def shared(members: list[Wanted]) -> tuple[QuerySet, Callable[[Wanted, Q], Q]]:
    """The rows a family's query reads, and each member's condition within them.

    Alone, a measure reads its own rows (conditions in WHERE, where indexes and joins serve
    them); shared, the family's rows with each member's conditions in its aggregate's FILTER,
    and, when every member has conditions, only the rows meeting one of them (rows no member
    counts are not read into the grouping: fewer rows to hash or sort, same figures) unless
    a condition holds a subquery (in an OR, PostgreSQL could no longer join it).
    """
    if len(members) == 1:
        return members[0].measure.rows, lambda want, when: when
    base = members[0].measure.base
    assert base is not None
    conditions = [want.measure.where or Q() for want in members]
    if all(conditions) and not any(holds_query(c) for c in conditions):
        base = base.filter(covering(conditions))
    return base, lambda want, when: when & (want.measure.where or Q())


def dimension_paths(want: Wanted) -> list[str]:
    return [want.measure.dimensions[name].path for name in want.dimensions]


def grouped(members: list[Wanted], paths: Callable[[Wanted], list[str]]) -> dict[str, list[Wanted]]:
    """The members by each column they are grouped by (agency, dimension)."""
    found: dict[str, list[Wanted]] = defaultdict(list)
    for want in members:
        for path in paths(want):
            if path:
                found[path].append(want)
    return found


def covering(spans: list[Q]) -> Q:
    """Rows in any of the members' spans (mostly one and the same date range)."""
    found: list[Q] = []
    for span in spans:
        if span not in found:
            found.append(span)
    combined = found[0]
    for span in found[1:]:
        combined |= span
    return combined


def series_of(members: list[Wanted]) -> None:
    """Every member's series in one query grouped by year: an aggregate per member.

    The year of a row is a CASE over the years' date ranges (cheap comparisons, no time-zone
    function per row, the same on every database); each member's conditions filter its own
    aggregate, so every row is tested once per member, not once per member and year.
    """
    if not members:
        return
    rows, condition = shared(members)
    span = covering([w.measure.span_q(w.first, w.last) for w in members])
    years = range(min(w.first for w in members), max(w.last for w in members) + 1)
    measure = members[0].measure
    bucket = Case(*[When(measure.year_q(y), then=Value(y)) for y in years], default=Value(None))
    values = {
        f"m{n}": with_filter(w.measure.value, condition(w, Q())) for n, w in enumerate(members)
    }
    grouped = rows.filter(span).annotate(bucket=bucket).values("bucket").annotate(**values)
    found = {row["bucket"]: row for row in grouped.order_by()}
    for n, want in enumerate(members):
        series = {
            y: want.measure._zero(found.get(y, {}).get(f"m{n}"))
            for y in range(want.first, want.last + 1)
        }
        want.measure.known_series[(want.first, want.last)] = series


def current_rows(members: list[Wanted], paths: list[str], *, values: bool) -> list[dict[str, Any]]:
    """The family's rows of the members' years grouped by ``paths``: per member ``r{n}``, its
    number of records (is the group one of its own?) and, with ``values``, ``v{n}`` its value."""
    return list(current_query(members, paths, values=values))


def current_query(members: list[Wanted], paths: list[str], *, values: bool) -> QuerySet:
    """The grouped query of ``current_rows``."""
    if len(members) == 1:  # the year in WHERE, where the database plans it best
        measure = members[0].measure
        alone: dict[str, Any] = {"r0": Count("pk", distinct=multi_valued(measure.rows))}
        if values:
            alone["v0"] = measure.value
        grouped = measure.in_year(members[0].year).values(*paths).annotate(**alone)
        return grouped.order_by()
    rows, condition = shared(members)
    span = covering([w.measure.span_q(w.year, w.year) for w in members])
    aggregates: dict[str, Any] = {}
    for n, want in enumerate(members):
        when = condition(want, want.measure.year_q(want.year))
        aggregates[f"r{n}"] = Count("pk", distinct=multi_valued(want.measure.rows), filter=when)
        if values:
            aggregates[f"v{n}"] = with_filter(want.measure.value, when)
    return rows.filter(span).values(*paths).annotate(**aggregates).order_by()


def position(want: Wanted, queried: list[Wanted]) -> int:
    return next(n for n, other in enumerate(queried) if other is want)


def agencies_from(
    path: str, members: list[Wanted], found: list[dict[str, Any]], queried: list[Wanted]
) -> None:
    """Each member's records per organisation (at ``path``) from the grouped rows of the
    ``queried`` members (``r{n}``: the n-th of them)."""
    code, name = f"{path}__code", f"{path}__name"
    for want in members:
        key = f"r{position(want, queried)}"
        rows = [(r[code] or "", r[name] or "", r[key]) for r in found if r.get(key)]
        want.measure.known_agencies[want.year] = by_count(rows)


def breakdowns_from(
    path: str, members: list[Wanted], found: list[dict[str, Any]], queried: list[Wanted]
) -> None:
    """Each member's table by the dimension at ``path`` from the grouped rows."""
    for want in members:
        n = position(want, queried)
        measure = want.measure
        for name in want.dimensions:
            dimension = measure.dimensions[name]
            if dimension.path != path:
                continue
            rows = [
                (dimension.label(r[path]), measure._zero(r.get(f"v{n}")))
                for r in found
                if r.get(f"r{n}")
            ]
            measure.known_breakdowns[(name, want.year)] = sorted(
                rows, key=lambda item: (-(item[1] or 0), item[0])
            )
