"""Profiles: how one kind of record is prepared, compared and blocked.

``PERSON`` is tipdata's own profile (victim records from every agency); benchmarks bring their
own (FEBRL, historical figures). A profile is data plus one ``prepare`` function, so the engine
(``engine``, ``training``) never needs to know what a person is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from tipdata.linkage import names

LinkType = Literal["dedupe_only", "link_only", "link_and_dedupe"]


class LinkageInputError(ValueError):
    """Input the engine cannot link; the message names the column and row at fault."""


@dataclass(frozen=True)
class Profile:
    """How one kind of record is prepared, compared and blocked.

    ``prepare`` gets the validated input (``record_id`` as str) and returns the comparison
    columns plus ``unique_id`` (and ``source_dataset`` for link-only jobs). ``exclusive``
    names prepared columns of which one cluster may hold at most one distinct value (a
    national id number): clustering never merges across two of them, which stops one wrong
    link from chaining two known-different people together. ``capture_keys`` are two
    near-certain, roughly independent match rules used to estimate the prior (see
    ``estimate_prior``); without them, ``deterministic_rules`` with an assumed recall are used.
    """

    name: str
    required: tuple[str, ...]
    prepare: Callable[[pd.DataFrame], pd.DataFrame]
    comparisons: tuple[dict[str, Any], ...]
    blocking_rules: tuple[str, ...]
    training_blocks: tuple[str, ...]
    deterministic_rules: tuple[str, ...]
    deterministic_recall: float
    capture_keys: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    tf_columns: tuple[str, ...] = ()
    exclusive: tuple[str, ...] = ()
    # Full dates of which one cluster may hold only near-identical values (a typo apart).
    distinct_dates: tuple[str, ...] = ()
    link_type: LinkType = "dedupe_only"
    u_max_pairs: float = 2e6


def comparison(
    column: str,
    levels: Sequence[tuple[str, str]],
    *,
    null: str | None = None,
    tf: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A Splink comparison from (label, SQL) levels, strongest first; null and else added.

    Written as SQL rather than with Splink's level library so that every condition, e.g.
    swapped names or a woman's changed family name, is visible in one place.
    """
    tf = tf or {}
    built: list[dict[str, Any]] = [
        {
            "sql_condition": null or f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
            "label_for_charts": "null",
            "is_null_level": True,
        }
    ]
    for label, sql in levels:
        level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
        if label in tf:
            level |= {"tf_adjustment_column": tf[label], "tf_adjustment_weight": 1.0}
        built.append(level)
    built.append({"sql_condition": "ELSE", "label_for_charts": "else"})
    return {"output_column_name": column, "comparison_levels": built}


# Names use levenshtein, not damerau_levenshtein: DuckDB's Damerau variant is ~7x slower,
# and Jaro-Winkler already forgives transposed letters. Dates and id numbers, where a
# transposed digit is the typical slip, keep Damerau.


def jw(column: str, threshold: float) -> str:
    """Jaro-Winkler SQL condition on a prepared column."""
    return f"jaro_winkler_similarity({column}_l, {column}_r) >= {threshold}"


def valid_iin(value: str | None) -> bool:
    """Whether a 12-digit Kazakh IIN carries a correct check digit (typos rarely do)."""
    if not value or len(value) != 12 or not value.isdigit():
        return False
    digits = [int(d) for d in value]
    for weights in (range(1, 12), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)):
        check = sum(d * w for d, w in zip(digits[:11], weights, strict=True)) % 11
        if check < 10:
            return check == digits[11]
    return False


_SEX = {"female": "f", "f": "f", "woman": "f", "male": "m", "m": "m", "man": "m"}


def _clean(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().replace("", pd.NA)


def _names(series: pd.Series, fn: Callable[[str], str]) -> pd.Series:
    """Apply a name function once per distinct value (names repeat a lot)."""
    distinct = {v: fn(v) or None for v in series.dropna().unique() if isinstance(v, str)}
    mapped = series.map(distinct).astype(object)
    # A name of no letters ("?", "-") maps to None, which map() turns into NaN: keep it None.
    return mapped.where(series.notna() & series.map(bool) & mapped.notna(), None)


def iin_birth(iin: str | None) -> tuple[str | None, str | None]:
    """Birth date and sex written inside a valid IIN (YYMMDD, then century-and-sex digit)."""
    if not valid_iin(iin):
        return None, None
    assert iin is not None
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(iin[6])
    if century is None:
        return None, None
    date = f"{century + int(iin[:2])}-{iin[2:4]}-{iin[4:6]}"
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return None, None
    return date, "m" if int(iin[6]) % 2 else "f"


def _birth_dates(df: pd.DataFrame) -> pd.Series:
    raw = _clean(df["birth_date"])
    dates = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
    bad = dates.isna() & raw.notna()
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise LinkageInputError(
            f"birth_date: {df['birth_date'].iloc[row]!r} in row {row} "
            f"(record {df['record_id'].iloc[row]}) is not an ISO date YYYY-MM-DD"
        )
    return dates.dt.strftime("%Y-%m-%d").astype(object).where(dates.notna(), None)


def prepare_person(df: pd.DataFrame) -> pd.DataFrame:
    """Person records -> comparable columns (normalised names, stems, dates, id kind).

    A valid IIN carries the birth date and sex, which fill those fields when a record lacks
    them: the number is copied from a document, the date is often what someone remembered.
    """
    out = pd.DataFrame({"unique_id": df["record_id"]})
    out["given_n"] = _names(df["given_name"], names.normalise)
    out["family_s"] = _names(df["family_name"], names.stem)
    out["family_n"] = _names(df["family_name"], names.normalise)
    patronymic = df["patronymic"] if "patronymic" in df else pd.Series(None, index=df.index)
    out["patronymic_s"] = _names(patronymic, names.stem)
    given_s = _names(df["given_name"], names.stem)
    pairs = zip(given_s, out["family_s"], strict=True)
    keys = [" ".join(sorted(p for p in pair if p)) or None for pair in pairs]  # = names.name_key
    out["name_key"] = pd.Series(keys, index=df.index, dtype=object)
    ident = _clean(df["identity_number"]).str.replace(r"[\s\-]", "", regex=True).str.upper()
    out["identity"] = ident.astype(object).where(ident.notna(), None)
    out["id_kind"] = out["identity"].map(
        lambda v: None if v is None else ("iin" if len(v) == 12 and v.isdigit() else "doc")
    )
    out["iin"] = out["identity"].where(out["identity"].map(valid_iin), None)
    from_iin = pd.DataFrame(out["iin"].map(iin_birth).tolist(), index=df.index)
    out["birth_date"] = _birth_dates(df).fillna(from_iin[0]).astype(object)
    years = pd.to_numeric(df["birth_year"], errors="coerce").astype("Int64")
    full = pd.to_numeric(out["birth_date"].str.slice(0, 4), errors="coerce").astype("Int64")
    out["birth_year"] = full.fillna(years)
    sex = _clean(df["sex"]).str.lower().map(_SEX).astype(object)
    out["sex"] = sex.where(sex.notna(), from_iin[1]).astype(object)
    out["citizenship"] = _clean(df["citizenship"]).str.upper().astype(object)
    return out.astype({c: object for c in out.columns if c != "birth_year"}).where(
        out.notna(), None
    )


# Swapped order is tested on whole (unstemmed) names: "Serik Nurlanov" and "Nurlan Serikov" are
# different people whose stems would look swapped. The given-name comparison carries the
# evidence; the family-name comparison treats a swapped pair as null, to not count it twice.
_SWAPPED = (  # the cheap first-letter test spares most pairs the two edit distances
    "left(given_n_l, 1) = left(family_n_r, 1) AND left(family_n_l, 1) = left(given_n_r, 1) AND "
    "levenshtein(given_n_l, family_n_r) <= 1 AND levenshtein(family_n_l, given_n_r) <= 1"
)
_ONE_SIDE_YEAR_ONLY = "(birth_date_l IS NULL OR birth_date_r IS NULL)"
_DAY_MONTH_SWAP = (
    "substr(birth_date_l, 6, 2) = substr(birth_date_r, 9, 2) AND "
    "substr(birth_date_l, 9, 2) = substr(birth_date_r, 6, 2) AND birth_year_l = birth_year_r"
)

PERSON = Profile(
    name="person",
    required=(
        *("given_name", "family_name", "birth_date", "birth_year"),
        *("sex", "citizenship", "identity_number"),
    ),
    prepare=prepare_person,
    comparisons=(
        comparison(
            "given_n",
            [
                ("exact", "given_n_l = given_n_r"),
                ("swapped", _SWAPPED),
                ("lev1", "levenshtein(given_n_l, given_n_r) <= 1"),
                ("jw92", jw("given_n", 0.92)),
                ("jw80", jw("given_n", 0.80)),
            ],
            tf={"exact": "given_n"},
        ),
        comparison(
            "family_s",
            [
                ("exact", "family_s_l = family_s_r"),
                ("lev1", "levenshtein(family_s_l, family_s_r) <= 1"),
                ("jw92", jw("family_s", 0.92)),
                ("jw80", jw("family_s", 0.80)),
                ("both_women", "sex_l = 'f' AND sex_r = 'f'"),  # married-name change
            ],
            null=f"family_s_l IS NULL OR family_s_r IS NULL OR ({_SWAPPED})",
            tf={"exact": "family_s"},
        ),
        comparison(
            "patronymic_s",
            [("exact", "patronymic_s_l = patronymic_s_r"), ("jw90", jw("patronymic_s", 0.9))],
            tf={"exact": "patronymic_s"},
        ),
        comparison(
            "birth_date",
            [
                ("exact", "birth_date_l = birth_date_r"),
                (
                    "typo",
                    "birth_date_l IS NOT NULL AND birth_date_r IS NOT NULL AND "
                    f"(damerau_levenshtein(birth_date_l, birth_date_r) <= 1 OR {_DAY_MONTH_SWAP})",
                ),
                ("year_only", f"birth_year_l = birth_year_r AND {_ONE_SIDE_YEAR_ONLY}"),
                ("year_pm1", f"abs(birth_year_l - birth_year_r) <= 1 AND {_ONE_SIDE_YEAR_ONLY}"),
            ],
            null="birth_year_l IS NULL OR birth_year_r IS NULL",
        ),
        comparison("sex", [("exact", "sex_l = sex_r")]),
        comparison("citizenship", [("exact", "citizenship_l = citizenship_r")]),
        comparison(
            "identity",
            [
                ("exact", "identity_l = identity_r"),
                (
                    "typo",
                    "id_kind_l = id_kind_r AND damerau_levenshtein(identity_l, identity_r) <= 1",
                ),
                ("both_iin", "id_kind_l = 'iin' AND id_kind_r = 'iin'"),
            ],
        ),
    ),
    blocking_rules=(
        "l.identity = r.identity",
        "l.name_key = r.name_key",
        "l.birth_date = r.birth_date AND substr(l.given_n, 1, 1) = substr(r.given_n, 1, 1)",
        "l.birth_date = r.birth_date AND substr(l.family_s, 1, 1) = substr(r.family_s, 1, 1)",
        # name_key is order-free: this one survives a swap plus a typo
        "l.birth_date = r.birth_date AND substr(l.name_key, 1, 1) = substr(r.name_key, 1, 1)",
        "l.given_n = r.given_n AND l.birth_year = r.birth_year",
        "l.family_s = r.family_s AND l.birth_year = r.birth_year",
        "l.given_n = r.given_n AND l.patronymic_s = r.patronymic_s",
        # A mistyped year: same day and month, and one name.
        "l.given_n = r.given_n AND substr(l.birth_date, 6, 5) = substr(r.birth_date, 6, 5)",
        "l.family_s = r.family_s AND substr(l.birth_date, 6, 5) = substr(r.birth_date, 6, 5)",
        # A typo in one name and no common birth year (one side has none): same other name
        # and the first three letters of the mistyped one.
        "l.family_s = r.family_s AND substr(l.given_n, 1, 3) = substr(r.given_n, 1, 3)",
        "l.given_n = r.given_n AND substr(l.family_s, 1, 3) = substr(r.family_s, 1, 3)",
    ),
    # No block on the identity number: agencies that copy ids also copy full birth dates, so
    # EM there learned that true pairs rarely have a year only (m of year_only 0.09 where
    # labels give 0.145, -0.6 bits for every name-and-year pair). Identity m is estimated
    # in the other two blocks.
    training_blocks=(
        "l.birth_date = r.birth_date",
        "l.given_n = r.given_n AND l.family_s = r.family_s AND l.patronymic_s = r.patronymic_s",
    ),
    deterministic_rules=(
        "l.identity = r.identity",
        "l.name_key = r.name_key AND l.birth_date = r.birth_date",
    ),
    deterministic_recall=0.6,
    capture_keys=(("identity",), ("name_key", "birth_date")),
    tf_columns=("given_n", "family_s", "patronymic_s"),
    exclusive=("iin",),
    distinct_dates=("birth_date",),
    u_max_pairs=1e6,
)
