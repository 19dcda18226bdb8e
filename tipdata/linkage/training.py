"""Training without labels: u by sampling, m by EM on evidence-fixing blocks, and the prior.

See docs/linkage.md ("Training without labels") for why each step is there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from splink import DuckDBAPI, Linker

from tipdata.linkage.model import (
    LinkageModel,
    base_settings,
    in_memory_db,
    make_linker,
    register,
    term_frequencies,
    validate,
)
from tipdata.linkage.profiles import PERSON, Profile


def train(
    df: pd.DataFrame,
    *,
    profile: Profile = PERSON,
    labels: pd.DataFrame | None = None,
    seed: int = 42,
) -> LinkageModel:
    """Estimate the model from unlabelled records, optionally refined by confirmed decisions.

    ``labels`` has columns record_id_l, record_id_r, is_match: the confirmed matches (at
    least 20) replace the EM estimate of m, which EM gets wrong when one kind of error (e.g.
    married names) is common among true matches.
    """
    return fit(df, profile=profile, labels=labels, seed=seed)[0]


def fit(
    df: pd.DataFrame,
    *,
    profile: Profile = PERSON,
    labels: pd.DataFrame | None = None,
    seed: int = 42,
    review_threshold: float | None = None,
) -> tuple[LinkageModel, pd.DataFrame | None]:
    """``train``, and with ``review_threshold`` also the scored pairs at or above it.

    Refining the prior already scores every blocked pair; only the prior changes after it,
    which shifts every match weight by the same amount. Re-using those scores spares ``link``
    a second prediction over all blocked pairs (a third of a 100,000-record run).
    """
    df = validate(df, profile)
    prepared = profile.prepare(df)
    tf = term_frequencies(prepared, profile)
    prior = None
    if profile.capture_keys:
        across = profile.link_type == "link_only"
        prior = estimate_prior(prepared, profile.capture_keys, across_sources=across)
    db = in_memory_db()
    inputs = register(db, prepared, profile, "records")
    linker = make_linker(db, inputs, base_settings(profile, prior), tf)
    if prior is None:
        linker.training.estimate_probability_two_random_records_match(
            list(profile.deterministic_rules), recall=profile.deterministic_recall
        )
    linker.training.estimate_u_using_random_sampling(max_pairs=profile.u_max_pairs, seed=seed)
    for block in profile.training_blocks:
        linker.training.estimate_parameters_using_expectation_maximisation(block)
    confirmed = _confirmed_matches(labels)
    if len(confirmed) >= 20:
        table = db.register(confirmed, table_name="confirmed_labels")
        linker.training.estimate_m_from_pairwise_labels(table)
    settings = _floor_m(linker.misc.save_model_to_json())
    before = float(settings["probability_two_random_records_match"])
    prior, scored = _refine_prior(
        db, make_linker(db, inputs, settings, tf), settings, _total_pairs(prepared, profile)
    )
    settings["probability_two_random_records_match"] = prior
    pairs = None
    if review_threshold is not None and scored is not None:
        pairs = _rescored(db, scored, before, prior, review_threshold)
    return LinkageModel(profile.name, settings, tf), pairs


def _log_odds(p: float) -> float:
    return math.log2(p / (1 - p))


def _rescored(
    db: DuckDBAPI, scored: Any, before: float, prior: float, review_threshold: float
) -> pd.DataFrame | None:
    """The pairs scored under the prior ``before``, re-weighted for ``prior`` and filtered.

    None when the prior rose so much that pairs cut at weight -10 could now pass (never seen:
    the fixed point moves the prior by tens of percent, i.e. under one bit).
    """
    shift = _log_odds(prior) - _log_odds(before)
    if shift > 9:
        return None
    return db.duckdb_con.execute(
        "SELECT unique_id_l, unique_id_r, pow(2, w) / (1 + pow(2, w)) AS match_probability, "
        f"w AS match_weight FROM (SELECT unique_id_l, unique_id_r, match_weight + {shift!r} AS w "
        f"FROM {scored.physical_name}) WHERE pow(2, w) / (1 + pow(2, w)) >= {review_threshold!r}"
    ).df()


def _total_pairs(prepared: pd.DataFrame, profile: Profile) -> int:
    total = len(prepared) * (len(prepared) - 1) // 2
    if profile.link_type == "link_only":
        total -= _pairs(prepared.groupby("source_dataset").size())
    return total


def _refine_prior(
    db: DuckDBAPI, linker: Linker, settings: dict[str, Any], total: int
) -> tuple[float, Any]:
    """Re-estimate the prior as the expected share of matches among all pairs.

    With m and u fixed, the prior that explains the scored (blocked) pairs is the fixed point
    of prior = sum(match probability) / all pairs: EM's update for the mixing weight, over the
    pairs blocking proposes (pairs blocking never proposes are taken as non-matches). Measured
    on the synthetic population it lands within 2% of the truth, where capture-recapture is
    ~35% low because agencies that record ids also record full dates.
    """
    prior = float(settings["probability_two_random_records_match"])
    if total <= 0:
        return prior, None
    scored = linker.inference.predict(threshold_match_weight=-10, warning_mode="never")
    weights = db.duckdb_con.execute(f"SELECT match_weight FROM {scored.physical_name}").df()
    log_bayes = weights["match_weight"].to_numpy() - math.log2(prior / (1 - prior))
    bayes = 2.0**log_bayes
    for _ in range(100):
        updated = float((prior * bayes / (prior * bayes + 1 - prior)).sum()) / total
        updated = min(max(updated, 1 / total), 0.5)
        if abs(updated - prior) <= 1e-4 * prior:
            return updated, scored
        prior = updated
    return prior, scored


_M_FLOOR = 1e-3


def _floor_m(settings: dict[str, Any]) -> dict[str, Any]:
    """Keep every m >= 0.001: EM drives m to ~0 for errors absent from the training blocks
    (a mistyped sex), which would make one field's disagreement an absolute veto."""
    for comp in settings["comparisons"]:
        for level in comp["comparison_levels"]:
            m = level.get("m_probability")
            if isinstance(m, float) and m < _M_FLOOR:
                level["m_probability"] = _M_FLOOR
    return settings


def _pairs(sizes: pd.Series) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


def _pairs_sharing(prepared: pd.DataFrame, keys: Sequence[str], across_sources: bool) -> int:
    """Pairs of records equal on all ``keys``; for link-only jobs, only pairs across sources."""
    frame = prepared.dropna(subset=list(keys))
    pairs = _pairs(frame.groupby(list(keys)).size())
    if across_sources:
        pairs -= _pairs(frame.groupby([*keys, "source_dataset"]).size())
    return pairs


def estimate_prior(
    prepared: pd.DataFrame, capture_keys: Sequence[Sequence[str]], *, across_sources: bool = False
) -> float | None:
    """Prior probability that two random records match, by capture-recapture.

    Two near-certain rules (same identity number; same name and full birth date) each
    "capture" some true pairs. If capture by one is roughly independent of capture by the
    other, the number of true pairs is about n1 * n2 / both (Chapman's estimator), without
    guessing a recall. Returns None when the rules overlap too little to say.
    """
    first, second = (tuple(k) for k in capture_keys)
    n1 = _pairs_sharing(prepared, first, across_sources)
    n2 = _pairs_sharing(prepared, second, across_sources)
    both = _pairs_sharing(prepared, tuple(dict.fromkeys(first + second)), across_sources)
    total = len(prepared) * (len(prepared) - 1) // 2
    if across_sources:
        total -= _pairs(prepared.groupby("source_dataset").size())
    if both < 10 or total == 0:
        return None
    true_pairs = (n1 + 1) * (n2 + 1) / (both + 1) - 1
    return min(max(true_pairs / total, 1 / total), 0.5)


def _confirmed_matches(labels: pd.DataFrame | None) -> pd.DataFrame:
    if labels is None or labels.empty:
        return pd.DataFrame(columns=["unique_id_l", "unique_id_r"])
    matches = labels[labels["is_match"].astype(bool)]
    return pd.DataFrame(
        {
            "unique_id_l": matches["record_id_l"].astype(str),
            "unique_id_r": matches["record_id_r"].astype(str),
        }
    )
