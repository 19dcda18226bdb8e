"""The trained model, the result of a run, and the Splink plumbing shared by training and
linking (input validation, settings, frozen term frequencies)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from splink import DuckDBAPI, Linker, SettingsCreator
from splink.blocking_rule_library import CustomRule

from tipdata.linkage.profiles import LinkageInputError, Profile

_SPLINK_LOG = logging.ERROR  # Splink's warnings are advice to notebook users
_TF_TABLES = itertools.count()


@dataclass
class LinkageModel:
    """A trained model: Splink settings with m/u, and the term frequencies it was trained on.

    Term frequencies are frozen at training time so that a full run and an incremental run
    score the same pair identically; names unseen in training get no frequency adjustment.
    ``to_dict``/``from_dict`` give plain JSON for storing the model beside the data.
    """

    profile: str
    settings: dict[str, Any]
    term_frequencies: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile, "settings": self.settings, "tf": self.term_frequencies}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinkageModel:
        return cls(data["profile"], dict(data["settings"]), dict(data.get("tf", {})))

    def match_weights(self) -> pd.DataFrame:
        """One row per comparison level: m, u and the resulting weight (for documentation)."""
        rows = []
        for comp in self.settings["comparisons"]:
            for level in comp["comparison_levels"]:
                if level.get("is_null_level"):
                    continue
                m, u = level.get("m_probability"), level.get("u_probability")
                rows.append((comp["output_column_name"], level["label_for_charts"], m, u))
        frame = pd.DataFrame(rows, columns=["comparison", "level", "m", "u"])
        frame["bayes_factor"] = frame["m"] / frame["u"]
        return frame


@dataclass
class LinkageResult:
    """Scored pairs, clusters (record_id -> cluster_id) and the pairs people must review.

    ``pairs`` holds every pair scored at or above the review threshold. ``review`` holds the
    pairs in [review_threshold, auto_threshold) whose records ended in different clusters,
    plus automatic-band pairs that clustering refused (``reason`` says why).
    """

    pairs: pd.DataFrame
    clusters: pd.Series
    review: pd.DataFrame
    model: LinkageModel
    auto_threshold: float
    review_threshold: float

    @property
    def links(self) -> pd.DataFrame:
        return self.pairs[self.pairs["match_probability"] >= self.auto_threshold]


def in_memory_db() -> DuckDBAPI:
    """An in-memory DuckDB that never spills to disk.

    The records are personal data in plain text while linkage runs; DuckDB would otherwise
    write temporary files (``.tmp`` in the working directory) under memory pressure. With no
    room to spill, a run that does not fit in memory fails instead of leaving names on disk.
    """
    db = DuckDBAPI()
    db.duckdb_con.execute("SET max_temp_directory_size = '0KiB'")
    return db


def check_thresholds(auto_threshold: float, review_threshold: float) -> None:
    if not 0.0 < review_threshold <= auto_threshold <= 1.0:
        raise ValueError(
            "thresholds must satisfy 0 < review_threshold <= auto_threshold <= 1, got "
            f"review_threshold={review_threshold}, auto_threshold={auto_threshold}"
        )


def validate(df: pd.DataFrame, profile: Profile, label: str = "records") -> pd.DataFrame:
    """Check columns and record ids; the error names the column and row at fault."""
    missing = [c for c in ("record_id", *profile.required) if c not in df.columns]
    if missing:
        raise LinkageInputError(f"{label}: missing column(s) {', '.join(missing)}")
    df = df.reset_index(drop=True).copy()
    ids = df["record_id"]
    if ids.isna().any():
        raise LinkageInputError(f"{label}: record_id is empty in row {int(ids.isna().idxmax())}")
    df["record_id"] = ids.astype(str)
    duplicated = df["record_id"].duplicated()
    if duplicated.any():
        row = int(duplicated.idxmax())
        raise LinkageInputError(
            f"{label}: record_id {df['record_id'].iloc[row]!r} in row {row} is not unique"
        )
    return df


def make_linker(
    db: DuckDBAPI, inputs: Any, settings: dict[str, Any], tf: Mapping[str, Mapping[str, float]]
) -> Linker:
    """A Linker whose term frequencies come from the model, not from the data at hand.

    Frozen frequencies make a full run and an incremental run score a pair identically (and
    Splink's predict_between needs registered tables anyway); unseen values get none.
    """
    linker = Linker(inputs, settings, _SPLINK_LOG)
    for column, frequencies in tf.items():
        table = pd.DataFrame(
            {column: list(frequencies), f"tf_{column}": list(frequencies.values())}
        ).astype({column: object, f"tf_{column}": float})
        registered = db.register(table, table_name=f"tf_lookup_{column}_{next(_TF_TABLES)}")
        linker.table_management.register_term_frequency_lookup(registered, column)
    return linker


def term_frequencies(prepared: pd.DataFrame, profile: Profile) -> dict[str, dict[str, float]]:
    return {
        c: {str(k): float(v) for k, v in prepared[c].value_counts(normalize=True).items()}
        for c in profile.tf_columns
    }


def register(db: DuckDBAPI, prepared: pd.DataFrame, profile: Profile, name: str):
    """Register input with Splink: one table, or one per source for link-only jobs."""
    if profile.link_type == "dedupe_only":
        return db.register(prepared, table_name=name)
    return [
        db.register(part.reset_index(drop=True), table_name=f"{name}_{source}")
        for source, part in prepared.groupby("source_dataset", sort=True)
    ]


def base_settings(profile: Profile, prior: float | None = None) -> dict[str, Any]:
    creator = SettingsCreator(
        link_type=profile.link_type,
        probability_two_random_records_match=prior or 1e-4,
        comparisons=list(profile.comparisons),
        blocking_rules_to_generate_predictions=[CustomRule(r) for r in profile.blocking_rules],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        unique_id_column_name="unique_id",
    )
    return creator.create_settings_dict("duckdb")
