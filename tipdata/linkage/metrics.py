"""Linkage quality against known truth: pairwise and cluster-level precision, recall and F1.

Three views, because each hides a different failure:

- ``pair_scores``: the scored pairs themselves (what the model says before clustering).
- ``cluster_pair_scores``: every pair of records placed in the same cluster (what the counts
  of de-duplicated persons rest on; transitive merges show up here).
- ``exact_cluster_scores``: whole persons reproduced exactly (a cluster counts only if it holds
  exactly the records of one true person).

Pair counts come from contingency tables, never from enumerating pairs, so the scores of a
100,000-record run cost milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts they come from."""

    true_positives: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.actual if self.actual else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}

    def __str__(self) -> str:
        return f"P={self.precision:.4f} R={self.recall:.4f} F1={self.f1:.4f}"


def _as_series(labels: Mapping[str, str] | pd.Series, name: str) -> pd.Series:
    series = labels if isinstance(labels, pd.Series) else pd.Series(dict(labels), dtype=object)
    return series.astype(str).rename(name)


def _pairs_within(sizes: pd.Series) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


def _aligned(predicted: Mapping[str, str] | pd.Series, truth: Mapping[str, str] | pd.Series):
    """Join predicted and true labels on record id; a record missing from either is an error."""
    frame = pd.concat([_as_series(predicted, "pred"), _as_series(truth, "true")], axis=1)
    missing = frame[frame.isna().any(axis=1)]
    if len(missing):
        example = missing.index[0]
        raise ValueError(
            f"{len(missing)} record(s) are labelled on one side only, e.g. record {example!r}"
        )
    return frame


def cluster_pair_scores(
    predicted: Mapping[str, str] | pd.Series, truth: Mapping[str, str] | pd.Series
) -> Scores:
    """Pairwise scores of two clusterings given as record id -> cluster id."""
    frame = _aligned(predicted, truth)
    both = frame.groupby(["pred", "true"]).size()
    return Scores(
        true_positives=_pairs_within(both),
        predicted=_pairs_within(frame.groupby("pred").size()),
        actual=_pairs_within(frame.groupby("true").size()),
    )


def exact_cluster_scores(
    predicted: Mapping[str, str] | pd.Series, truth: Mapping[str, str] | pd.Series
) -> Scores:
    """Share of predicted persons that are exactly a true person, and of true persons found."""
    frame = _aligned(predicted, truth)
    pred_sets = frame.groupby("pred").apply(lambda g: frozenset(g.index), include_groups=False)
    true_sets = frame.groupby("true").apply(lambda g: frozenset(g.index), include_groups=False)
    exact = len(set(pred_sets.values) & set(true_sets.values))
    return Scores(true_positives=exact, predicted=len(pred_sets), actual=len(true_sets))


def truth_pairs(truth: Mapping[str, str] | pd.Series) -> int:
    """Number of true matching pairs implied by a truth clustering."""
    return _pairs_within(_as_series(truth, "true").value_counts())


def pair_scores(
    pairs: Iterable[tuple[str, str]] | pd.DataFrame, truth: Mapping[str, str] | pd.Series
) -> Scores:
    """Scores of a set of predicted matching pairs (record_id_l, record_id_r).

    Recall counts the true pairs that appear explicitly; pairs implied only through a chain
    (a-b, b-c implies a-c) are credited by ``cluster_pair_scores`` instead.
    """
    if isinstance(pairs, pd.DataFrame):
        frame = pairs[["record_id_l", "record_id_r"]].astype(str)
    else:
        frame = pd.DataFrame(list(pairs), columns=["record_id_l", "record_id_r"], dtype=str)
    frame = frame[frame["record_id_l"] != frame["record_id_r"]]
    lo = frame.min(axis=1)
    hi = frame.max(axis=1)
    unique = pd.DataFrame({"a": lo, "b": hi}).drop_duplicates()
    labels = _as_series(truth, "true")
    same = unique["a"].map(labels).to_numpy() == unique["b"].map(labels).to_numpy()
    return Scores(true_positives=int(same.sum()), predicted=len(unique), actual=truth_pairs(labels))
