"""Clustering scored pairs into persons: greedy union-find under constraints.

Plain connected components let one wrong link chain two known-different people into one;
here the strongest links are taken first and a merge is refused when it would join two
different national ids or a pair people said differ. Refused pairs go to review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

PAIR_COLUMNS = ["record_id_l", "record_id_r", "match_probability", "match_weight"]


class _Clusters:
    """Union-find whose clusters remember their members, forbidden partners and exclusive ids.

    Plain connected components let one wrong link chain two people into one; here a merge is
    refused when it would join two different national ids or a pair people said differ.
    """

    def __init__(
        self, prepared: pd.DataFrame, exclusive: Sequence[str], dates: Sequence[str] = ()
    ) -> None:
        ids = prepared["unique_id"].astype(str).tolist()
        self.parent = {i: i for i in ids}
        self.members: dict[str, list[str]] = {i: [i] for i in ids}
        self.cannot: dict[str, set[str]] = {}
        self.values: dict[str, dict[str, Any]] = {}
        for column in exclusive:
            for record, value in zip(ids, prepared[column], strict=True):
                if value is not None and not pd.isna(value):
                    self.values.setdefault(record, {})[column] = value
        self.dates: dict[str, set[str]] = {}
        for column in dates:
            for record, value in zip(ids, prepared[column], strict=True):
                if isinstance(value, str):
                    self.dates.setdefault(record, set()).add(value)

    def find(self, record: str) -> str:
        root = record
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[record] != root:
            self.parent[record], record = root, self.parent[record]
        return root

    def forbid(self, a: str, b: str) -> None:
        self.cannot.setdefault(self.find(a), set()).add(b)
        self.cannot.setdefault(self.find(b), set()).add(a)

    def conflict(self, ra: str, rb: str) -> str | None:
        small, large = sorted((ra, rb), key=lambda r: len(self.members[r]))
        if self.cannot.get(large, set()) & set(self.members[small]):
            return "confirmed non-match"
        va, vb = self.values.get(ra, {}), self.values.get(rb, {})
        for column in va.keys() & vb.keys():
            if va[column] != vb[column]:
                return f"different {column}"
        da, db = self.dates.get(ra, ()), self.dates.get(rb, ())
        if any(not near_dates(a, b) for a in da for b in db):
            return "different birth date"
        return None

    def union(self, ra: str, rb: str) -> None:
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.cannot.setdefault(ra, set()).update(self.cannot.pop(rb, set()))
        self.values[ra] = self.values.pop(rb, {}) | self.values.get(ra, {})
        if rb in self.dates:
            self.dates.setdefault(ra, set()).update(self.dates.pop(rb))


def near_dates(a: str, b: str) -> bool:
    """Whether two ISO dates can be one birth date written twice: equal, one mistyped digit,
    day and month swapped, or a day apart. Anything else is two people's dates."""
    if a == b or sum(x != y for x, y in zip(a, b, strict=False)) <= 1:
        return True
    if a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return True
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1
    except ValueError:
        return False


def build_clusters(
    prepared: pd.DataFrame,
    pairs: pd.DataFrame,
    auto_threshold: float,
    *,
    exclusive: Sequence[str] = (),
    dates: Sequence[str] = (),
    decisions: pd.DataFrame | None = None,
    start: pd.Series | None = None,
) -> tuple[pd.Series, pd.DataFrame]:
    """Greedy clustering: strongest links first, each merge checked against constraints.

    Returns record_id -> cluster_id (the smallest existing cluster id in a cluster, else its
    smallest record id) and the automatic-band pairs refused, with the reason.
    """
    clusters = _Clusters(prepared, exclusive, dates)
    if start is not None:
        for _, group in start[start.index.isin(clusters.parent)].groupby(start):
            first = clusters.find(str(group.index[0]))
            for record in group.index[1:]:
                root = clusters.find(str(record))
                if root != first:
                    clusters.union(first, root)
                    first = clusters.find(first)
    if decisions is not None and not decisions.empty:
        for a, b, same in decisions[["record_id_l", "record_id_r", "is_match"]].itertuples(
            index=False
        ):
            a, b = str(a), str(b)
            if a not in clusters.parent or b not in clusters.parent:
                continue
            if same:
                ra, rb = clusters.find(a), clusters.find(b)
                if ra != rb:
                    clusters.union(ra, rb)
            else:
                clusters.forbid(a, b)
    refused: list[tuple[Any, ...]] = []
    strong = pairs[pairs["match_probability"] >= auto_threshold]
    for row in strong.itertuples(index=False):
        ra, rb = clusters.find(row.record_id_l), clusters.find(row.record_id_r)
        if ra == rb:
            continue
        reason = clusters.conflict(ra, rb)
        if reason:
            refused.append((*row, reason))
        else:
            clusters.union(ra, rb)
    labels = {}
    for root, members in clusters.members.items():
        known = [] if start is None else [str(start[m]) for m in members if m in start.index]
        label = min(known) if known else min(members)
        labels.update(dict.fromkeys(members, label))
        del root
    result = pd.Series(labels, name="cluster_id", dtype=object)
    result.index.name = "record_id"
    return result, pd.DataFrame(refused, columns=[*PAIR_COLUMNS, "reason"])
