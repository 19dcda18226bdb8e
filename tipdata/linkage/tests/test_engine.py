"""The linkage engine on synthetic people whose truth is known."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tipdata.linkage import engine, metrics
from tipdata.linkage.engine import LinkageInputError, LinkageModel
from tipdata.linkage.population import generate_population


@pytest.fixture(scope="module")
def population() -> tuple[pd.DataFrame, pd.Series]:
    return generate_population(2000, seed=11)


@pytest.fixture(scope="module")
def model(population: tuple[pd.DataFrame, pd.Series]) -> LinkageModel:
    return engine.train(population[0])


@pytest.fixture(scope="module")
def result(population: tuple[pd.DataFrame, pd.Series], model: LinkageModel) -> engine.LinkageResult:
    return engine.link(population[0], model=model)


def test_a_small_population_links_with_high_f1(population, result) -> None:
    _, truth = population
    scores = metrics.cluster_pair_scores(result.clusters, truth)
    assert scores.precision >= 0.95, scores
    assert scores.f1 >= 0.9, scores
    assert set(result.clusters.index) == set(truth.index)


def test_the_model_learns_that_agreement_is_evidence(model) -> None:
    weights = model.match_weights().set_index(["comparison", "level"])["bayes_factor"]
    for comparison in ("given_n", "family_s", "birth_date", "identity"):
        assert weights[(comparison, "exact")] > 50 > 1 > weights[(comparison, "else")]
    assert 0 < model.settings["probability_two_random_records_match"] < 0.01


def test_the_review_band_holds_undecided_pairs(result) -> None:
    band = result.review[result.review["reason"] == "review band"]
    assert len(band) > 0
    assert band["match_probability"].between(0.5, 0.95, inclusive="left").all()
    left, right = band["record_id_l"].map(result.clusters), band["record_id_r"].map(result.clusters)
    assert (left.to_numpy() != right.to_numpy()).all()
    links = result.links
    joined = links["record_id_l"].map(result.clusters) == links["record_id_r"].map(result.clusters)
    refused = set(zip(result.review["record_id_l"], result.review["record_id_r"], strict=True))
    for row in links[~joined.to_numpy()].itertuples():
        assert (row.record_id_l, row.record_id_r) in refused


def test_incremental_linking_gives_the_clusters_of_a_full_run(population, model) -> None:
    df = population[0].iloc[:1200]
    old, new = df.iloc[:800], df.iloc[800:]
    full = engine.link(df, model=model)
    first = engine.link(old, model=model)
    later = engine.link_new(old, new, model=model, existing_clusters=first.clusters)
    assert metrics.cluster_pair_scores(later.clusters, full.clusters).f1 == 1.0
    new_ids = set(new["record_id"])
    touches_new = later.pairs["record_id_l"].isin(new_ids) | later.pairs["record_id_r"].isin(
        new_ids
    )
    assert touches_new.all(), "existing-vs-existing pairs must not be re-scored"
    kept = first.clusters[first.clusters.index.isin(old["record_id"])]
    moved = later.clusters[kept.index] != kept
    assert set(later.clusters[kept.index][moved]) <= set(kept), "existing ids are kept"


def test_review_decisions_override_the_model(population, model, result) -> None:
    df = population[0]
    pair = result.review[result.review["reason"] == "review band"].iloc[0]
    link = result.links.iloc[0]
    decisions = pd.DataFrame(
        {
            "record_id_l": [pair.record_id_l, link.record_id_l],
            "record_id_r": [pair.record_id_r, link.record_id_r],
            "is_match": [True, False],
        }
    )
    decided = engine.link(df, model=model, decisions=decisions)
    clusters = decided.clusters
    assert clusters[pair.record_id_l] == clusters[pair.record_id_r]
    assert clusters[link.record_id_l] != clusters[link.record_id_r]


def _person(record_id: str, given: str, iin: str | None, **extra: object) -> dict[str, object]:
    row = {
        "record_id": record_id,
        "given_name": given,
        "family_name": "Ахметова",
        "patronymic": "Нурлановна",
        "birth_date": "1990-05-17",
        "birth_year": 1990,
        "sex": "female",
        "citizenship": "KZ",
        "identity_number": iin,
    }
    return row | extra


def test_two_different_iins_never_end_in_one_person(model) -> None:
    df = pd.DataFrame(
        [
            _person("a", "Айгерим", "900517400015"),
            _person("b", "Aigerim", None),
            _person("c", "Айгерім", "900517400025"),
        ]
    )
    assert engine.valid_iin("900517400015") and engine.valid_iin("900517400025")
    result = engine.link(df, model=model)
    clusters = result.clusters
    assert clusters["a"] != clusters["c"]
    assert "different iin" in set(result.review["reason"])


def test_identical_identity_numbers_link_despite_other_differences(model) -> None:
    df = pd.DataFrame(
        [
            _person("a", "Айгерим", "900517400015"),
            _person("b", "Aigerim", "900517400015", birth_date=None, citizenship=None),
        ]
    )
    clusters = engine.link(df, model=model).clusters
    assert clusters["a"] == clusters["b"]


def test_a_stored_model_scores_the_same(population, model, result) -> None:
    stored = LinkageModel.from_dict(json.loads(json.dumps(model.to_dict())))
    again = engine.link(population[0].iloc[:800], model=stored)
    before = engine.link(population[0].iloc[:800], model=model)
    pd.testing.assert_frame_equal(again.pairs, before.pairs)


def test_bad_input_names_the_column_and_row(population, model) -> None:
    df = population[0].iloc[:20].copy()
    with pytest.raises(LinkageInputError, match="identity_number"):
        engine.link(df.drop(columns=["identity_number"]), model=model)
    duplicated = df.copy()
    duplicated.loc[duplicated.index[5], "record_id"] = duplicated["record_id"].iloc[2]
    with pytest.raises(LinkageInputError, match="row 5 is not unique"):
        engine.link(duplicated, model=model)
    bad_date = df.copy()
    bad_date.loc[bad_date.index[3], "birth_date"] = "17.05.1990"
    with pytest.raises(LinkageInputError, match=r"birth_date: '17.05.1990' in row 3"):
        engine.link(bad_date, model=model)
    with pytest.raises(ValueError, match="review_threshold"):
        engine.link(df, model=model, auto_threshold=0.5, review_threshold=0.9)
    with pytest.raises(LinkageInputError, match="already exists"):
        engine.link_new(df, df.iloc[:1], model=model)


def test_confirmed_decisions_can_train_the_model() -> None:
    df, truth = generate_population(800, seed=3)
    ids = truth.index.to_series()
    first = ids.groupby(truth.to_numpy()).transform("first")
    confirmed = pd.DataFrame({"record_id_l": first, "record_id_r": ids})
    confirmed = confirmed[confirmed["record_id_l"] != confirmed["record_id_r"]].assign(
        is_match=True
    )
    assert len(confirmed) >= 20
    model = engine.train(df, labels=confirmed)
    weights = model.match_weights().set_index(["comparison", "level"])["bayes_factor"]
    assert weights[("birth_date", "exact")] > 100
    result = engine.link(df, model=model)
    assert metrics.cluster_pair_scores(result.clusters, truth).f1 >= 0.85


def test_two_clearly_different_birth_dates_never_end_in_one_person() -> None:
    from tipdata.linkage.clustering import build_clusters, near_dates

    assert near_dates("1990-05-17", "1990-05-18") and near_dates("1990-05-17", "1990-17-05")
    assert near_dates("1990-05-17", "1980-05-17") and near_dates("1990-05-31", "1990-06-01")
    assert not near_dates("1990-05-17", "1991-08-02")
    prepared = pd.DataFrame(
        {"unique_id": ["a", "b", "c"], "birth_date": ["1990-05-17", None, "1991-08-02"]}
    )
    pairs = pd.DataFrame(
        [["a", "b", 0.99, 10.0], ["b", "c", 0.98, 9.0]], columns=engine.PAIR_COLUMNS
    )
    clusters, refused = build_clusters(prepared, pairs, 0.95, dates=["birth_date"])
    assert clusters["a"] == clusters["b"] != clusters["c"]
    assert list(refused["reason"]) == ["different birth date"]
