"""Blocking keys: two records share a key exactly when a blocking rule pairs them."""

from __future__ import annotations

from collections import defaultdict

import duckdb
import pandas as pd
import pytest

from tipdata.linkage.blocking import blocking_keys, key_rules, parse_rule, prepare_record
from tipdata.linkage.population import generate_population
from tipdata.linkage.profiles import PERSON

EDGES = [  # spellings the generator rarely makes
    {"record_id": "E1", "given_name": "  ", "family_name": "Ов", "identity_number": " - "},
    {"record_id": "E2", "given_name": "Ali", "family_name": None, "birth_year": 1990.0},
    {"record_id": "E3", "given_name": "Ли", "identity_number": "900517410002"},  # IIN date
    {"record_id": "E4", "family_name": "Ким", "birth_date": "1990-05-17", "birth_year": 1990},
]
KEY_COLUMNS = ["given_n", "family_s", "patronymic_s", "name_key", "identity", "birth_date"]


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    df, _truth = generate_population(3000, seed=3)
    edges = pd.DataFrame(EDGES).reindex(columns=df.columns)
    return pd.concat([df, edges], ignore_index=True).astype(object).where(lambda d: d.notna(), None)


def test_rules_of_other_shapes_are_named_not_indexed() -> None:
    assert parse_rule("levenshtein(l.given_n, r.given_n) <= 1") is None
    assert parse_rule("abs(l.birth_year - r.birth_year) <= 1") is None
    assert parse_rule("l.given_n = r.family_s") is None  # swapped columns: no per-record key
    assert parse_rule("l.given_n = r.given_n AND substr(l.x, 1, 2) = substr(r.x, 1, 2)")
    assert len(key_rules()[0]) == len(PERSON.blocking_rules)


def test_one_record_is_prepared_as_the_engine_prepares_it(records: pd.DataFrame) -> None:
    engine = PERSON.prepare(records.assign(record_id=records["record_id"].astype(str)))
    mine = [prepare_record(r) for r in records.to_dict("records")]
    for column in KEY_COLUMNS:
        assert engine[column].tolist() == [m[column] for m in mine], column
    years = engine["birth_year"].astype(object).where(engine["birth_year"].notna(), None)
    assert years.tolist() == [m["birth_year"] for m in mine]


def test_records_share_a_key_exactly_when_a_rule_blocks_them(records: pd.DataFrame) -> None:
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record, rule, key in blocking_keys(records.to_dict("records")):
        by_key[(rule, key)].append(record)
    sharing = {(a, b) for members in by_key.values() for a in members for b in members if a < b}
    prepared = PERSON.prepare(records.assign(record_id=records["record_id"].astype(str)))
    con = duckdb.connect()
    con.register("p", prepared)
    blocked: set[tuple[str, str]] = set()
    for rule in PERSON.blocking_rules:
        sql = f"SELECT l.unique_id, r.unique_id FROM p l JOIN p r ON {rule} "
        blocked.update(con.execute(sql + "WHERE l.unique_id < r.unique_id").fetchall())
    assert len(blocked) > 1000
    assert sharing == blocked
