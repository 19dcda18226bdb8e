"""Record linkage engine: which records, across agencies and within one, are the same person.

Fellegi-Sunter with Splink 5 on an in-process DuckDB: the only combination measured here that
links 100,000 records in seconds offline (SQLite took minutes; Splink's PostgreSQL backend needs
a download). The caller copies the columns linkage needs out of its database into a DataFrame
and writes scores and person ids back through its own services; this module imports nothing of
Django, so it is tested and benchmarked on its own.

A ``Profile`` turns raw columns into comparable ones and says how to compare and block them
(``PERSON`` for tipdata's records; benchmarks bring their own). ``train`` estimates the model
without labels: u by random sampling, m by EM on blocks that fix one kind of evidence at a time
(birth date, then name), the prior from near-certain rules; confirmed review decisions, when
given, supply m instead. ``link``/``link_new`` score blocked candidate pairs and cluster them
(greedy union-find that refuses merges across two national ids or a confirmed non-match):
pairs at or above ``auto_threshold`` link automatically, pairs in the review band go to people.

Modules: ``profiles`` (how records are prepared, compared and blocked), ``model`` (the
trained model and a run's result), ``training``, ``clustering``, and this one, which scores
and clusters. It re-exports the public API so callers import from one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from splink import DuckDBAPI

from tipdata.linkage.clustering import PAIR_COLUMNS, build_clusters
from tipdata.linkage.model import (
    LinkageModel,
    LinkageResult,
    check_thresholds,
    in_memory_db,
    make_linker,
    register,
    validate,
)
from tipdata.linkage.profiles import (
    PERSON,
    LinkageInputError,
    Profile,
    comparison,
    iin_birth,
    jw,
    prepare_person,
    valid_iin,
)
from tipdata.linkage.training import estimate_prior, fit, train

__all__ = [
    "PAIR_COLUMNS",
    "PERSON",
    "LinkageInputError",
    "LinkageModel",
    "LinkageResult",
    "Profile",
    "build_clusters",
    "comparison",
    "estimate_prior",
    "fit",
    "iin_birth",
    "jw",
    "link",
    "link_new",
    "prepare_person",
    "train",
    "valid_iin",
]


def _pairs_frame(db: DuckDBAPI, splink_frames: Sequence[Any]) -> pd.DataFrame:
    """Read scored pairs out of DuckDB: only the four columns, lower id on the left."""
    parts = [
        db.duckdb_con.execute(
            "SELECT unique_id_l, unique_id_r, match_probability, match_weight "
            f"FROM {frame.physical_name}"
        ).df()
        for frame in splink_frames
    ]
    return _ordered(pd.concat(parts, ignore_index=True))


def _ordered(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs with the lower id on the left, strongest first, each pair once."""
    pairs = pairs.copy()
    pairs.columns = PAIR_COLUMNS
    left, right = pairs["record_id_l"].astype(str), pairs["record_id_r"].astype(str)
    swap = left > right
    pairs["record_id_l"], pairs["record_id_r"] = left.where(~swap, right), right.where(~swap, left)
    # Ties broken by the ids: greedy clustering under constraints depends on the order, and
    # DuckDB returns rows in a thread-dependent order.
    pairs = pairs.sort_values(
        ["match_probability", "record_id_l", "record_id_r"],
        ascending=[False, True, True],
        kind="stable",
    )
    return pairs.drop_duplicates(["record_id_l", "record_id_r"]).reset_index(drop=True)


def link(
    df: pd.DataFrame,
    *,
    profile: Profile = PERSON,
    model: LinkageModel | None = None,
    auto_threshold: float = 0.95,
    review_threshold: float = 0.5,
    decisions: pd.DataFrame | None = None,
    existing_clusters: Mapping[str, str] | pd.Series | None = None,
) -> LinkageResult:
    """Link all records: train (unless ``model`` is given), score, cluster.

    ``decisions`` (record_id_l, record_id_r, is_match) are people's review decisions: a
    confirmed match always links, a confirmed non-match never ends in one cluster.
    ``existing_clusters`` (record_id -> cluster id) are groupings already made, e.g. the
    persons stored after earlier runs: clustering starts from them, so that its constraints
    (two IINs, a rejected pair) see whole persons, not single records.
    """
    check_thresholds(auto_threshold, review_threshold)
    df = validate(df, profile)
    fitted = None
    if model is None:
        model, fitted = fit(
            df, profile=profile, labels=decisions, review_threshold=review_threshold
        )
    prepared = profile.prepare(df)
    if fitted is not None:
        pairs = _ordered(fitted)
    else:
        db = in_memory_db()
        inputs = register(db, prepared, profile, "records")
        linker = make_linker(db, inputs, model.settings, model.term_frequencies)
        scored = linker.inference.predict(
            threshold_match_probability=review_threshold, warning_mode="never"
        )
        pairs = _pairs_frame(db, [scored])
    start = pd.Series(existing_clusters, dtype=object) if existing_clusters is not None else None
    clusters, refused = build_clusters(
        prepared,
        pairs,
        auto_threshold,
        exclusive=profile.exclusive,
        dates=profile.distinct_dates,
        decisions=decisions,
        start=start,
    )
    return _result(pairs, clusters, refused, model, auto_threshold, review_threshold)


def link_new(
    existing_df: pd.DataFrame,
    new_df: pd.DataFrame,
    *,
    model: LinkageModel,
    existing_clusters: Mapping[str, str] | pd.Series | None = None,
    profile: Profile = PERSON,
    auto_threshold: float = 0.95,
    review_threshold: float = 0.5,
    decisions: pd.DataFrame | None = None,
) -> LinkageResult:
    """Link new records to existing ones and to each other, never re-scoring old pairs.

    ``existing_clusters`` (record_id -> cluster id, e.g. the person ids already stored) is the
    starting point; existing records without one start alone. Clusters keep their existing id;
    when new records join two existing clusters the smaller id survives. ``pairs`` holds only
    the newly scored pairs.
    """
    check_thresholds(auto_threshold, review_threshold)
    if profile.link_type != "dedupe_only":
        raise ValueError("link_new supports dedupe_only profiles")
    existing_df = validate(existing_df, profile, "existing records")
    new_df = validate(new_df, profile, "new records")
    clash = set(existing_df["record_id"]) & set(new_df["record_id"])
    if clash:
        raise LinkageInputError(f"new records: record_id {sorted(clash)[0]!r} already exists")
    old, new = profile.prepare(existing_df), profile.prepare(new_df)
    db = in_memory_db()
    old_sdf, new_sdf = db.register(old, table_name="existing"), db.register(new, table_name="new")
    linker = make_linker(db, new_sdf, model.settings, model.term_frequencies)
    options: dict[str, Any] = {"threshold_match_probability": review_threshold}
    between = linker.inference.predict_between(old_sdf, new_sdf, warning_mode="never", **options)
    within = linker.inference.predict_within(new_sdf, warning_mode="never", **options)
    pairs = _pairs_frame(db, [between, within])
    start = pd.Series(existing_clusters, dtype=object) if existing_clusters is not None else None
    clusters, refused = build_clusters(
        pd.concat([old, new], ignore_index=True),
        pairs,
        auto_threshold,
        exclusive=profile.exclusive,
        dates=profile.distinct_dates,
        decisions=decisions,
        start=start,
    )
    return _result(pairs, clusters, refused, model, auto_threshold, review_threshold)


def _result(
    pairs: pd.DataFrame,
    clusters: pd.Series,
    refused: pd.DataFrame,
    model: LinkageModel,
    auto_threshold: float,
    review_threshold: float,
) -> LinkageResult:
    band = pairs[pairs["match_probability"] < auto_threshold]
    apart = band["record_id_l"].map(clusters).to_numpy() != band["record_id_r"].map(clusters)
    band = band[apart].assign(reason="review band")
    review = pd.concat([refused, band], ignore_index=True)
    return LinkageResult(pairs, clusters, review, model, auto_threshold, review_threshold)
