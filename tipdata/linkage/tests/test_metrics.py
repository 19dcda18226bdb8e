"""Precision, recall and F1 of clusterings, checked on cases small enough to count by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from tipdata.linkage import metrics

TRUTH = {"a": "P1", "b": "P1", "c": "P1", "d": "P2", "e": "P3"}


def test_perfect_clustering_scores_one() -> None:
    predicted = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z"}
    scores = metrics.cluster_pair_scores(predicted, TRUTH)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert metrics.exact_cluster_scores(predicted, TRUTH).f1 == 1.0


def test_a_split_person_costs_recall_and_a_merge_costs_precision() -> None:
    split = {"a": "x", "b": "x", "c": "y", "d": "z", "e": "w"}
    scores = metrics.cluster_pair_scores(split, TRUTH)
    assert scores.true_positives == 1 and scores.actual == 3 and scores.precision == 1.0
    assert scores.recall == pytest.approx(1 / 3)
    merged = {"a": "x", "b": "x", "c": "x", "d": "x", "e": "z"}
    scores = metrics.cluster_pair_scores(merged, TRUTH)
    assert (scores.true_positives, scores.predicted) == (3, 6)
    assert scores.precision == 0.5 and scores.recall == 1.0
    exact = metrics.exact_cluster_scores(merged, TRUTH)
    assert (exact.true_positives, exact.predicted, exact.actual) == (1, 2, 3)


def test_pair_scores_count_explicit_pairs_once() -> None:
    pairs = pd.DataFrame({"record_id_l": ["a", "b", "d"], "record_id_r": ["b", "a", "e"]})
    scores = metrics.pair_scores(pairs, TRUTH)
    assert (scores.true_positives, scores.predicted, scores.actual) == (1, 2, 3)


def test_records_labelled_on_one_side_only_are_an_error() -> None:
    with pytest.raises(ValueError, match="one side only"):
        metrics.cluster_pair_scores({"a": "x"}, TRUTH)
