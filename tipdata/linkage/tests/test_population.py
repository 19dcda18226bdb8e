# ruff: noqa: RUF001 -- Latin letters of Kazakh and Uzbek alphabets are the data here
"""The synthetic population: deterministic, with the variety the engine must cope with."""

from __future__ import annotations

import pandas as pd

from tipdata.linkage import metrics
from tipdata.linkage.engine import valid_iin
from tipdata.linkage.population import generate_population


def test_same_seed_same_population_other_seed_other_population() -> None:
    a, truth_a = generate_population(400, seed=5)
    b, truth_b = generate_population(400, seed=5)
    c, _ = generate_population(400, seed=6)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_series_equal(truth_a, truth_b)
    assert not a.equals(c)


def test_records_and_truth_line_up() -> None:
    df, truth = generate_population(1000, seed=1)
    assert len(df) == 1000 and df["record_id"].is_unique
    assert list(truth.index) == list(df["record_id"])
    copies = truth.value_counts()
    assert copies.min() >= 1 and copies.max() <= 4
    assert (copies > 1).mean() > 0.4  # most people are seen more than once
    assert metrics.truth_pairs(truth) > 500


def test_records_carry_the_difficulties_of_real_registers() -> None:
    df, _ = generate_population(3000, seed=2)
    latin = df["given_name"].str.match(r"^[A-Za-zÄäÖöÜüĞğŪūİıŞşÇçÑñʻ'’-]+$")
    assert 0.15 < latin.mean() < 0.6, "both Cyrillic and Latin spellings"
    assert df["given_name"].str.contains("[әғқңөұүһі]").any(), "Kazakh letters"
    assert df["given_name"].str.contains("[ўҳ]").any(), "Uzbek letters"
    year_only = df["birth_date"].isna() & df["birth_year"].notna()
    assert 0.05 < year_only.mean() < 0.4
    assert 0.02 < df["birth_year"].isna().mean() < 0.25
    assert 0.2 < df["identity_number"].notna().mean() < 0.8
    iins = df["identity_number"].dropna()
    iins = iins[iins.str.fullmatch(r"\d{12}")]
    assert iins.map(valid_iin).mean() > 0.95  # typos aside, real check digits
    assert set(df["source"]) >= {"police", "ngo", "hotline", "embassy"}


def test_empty_population() -> None:
    df, truth = generate_population(0, seed=1)
    assert df.empty and truth.empty
