"""Blocking keys: a profile's blocking rules as values one record carries on its own.

A blocking rule such as ``l.given_n = r.given_n AND l.birth_year = r.birth_year`` pairs two
records when the derived values on both sides are equal. Such a rule is the same as "both
records carry the key (given_n, birth_year)": the key can be computed for one record at a time
and stored (keyed-hashed, see ``tipdata.linkage.index``), so that an incremental run finds the
records an imported one would be blocked with by an SQL join on the stored keys, and decrypts
only those. A rule of any other shape (an edit distance, ``abs(l.year - r.year) <= 1``) pairs
records whose values differ and has no per-record key: ``key_rules`` names those rules so that
the caller can refuse to rely on the index for them (``PERSON`` has none).

The keys are derived from the values the person profile's ``prepare`` computes (one record at
a time, ``prepare_record``) and evaluated with SQL's semantics (a NULL part gives no key: NULL
never equals anything), so a pair is blocked by the engine exactly when its two records share
a key. Pure Python: no Django, like the engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from tipdata.linkage import names
from tipdata.linkage.profiles import PERSON, Profile, iin_birth, valid_iin

# One side of an equality: a column, or substr(column, start, length) (1-based, as in SQL).
_TERM = re.compile(
    r"^(?:substr\((?P<s>[lr])\.(?P<scol>\w+),\s*(?P<a>\d+),\s*(?P<n>\d+)\)"
    r"|(?P<side>[lr])\.(?P<col>\w+))$"
)
SEPARATOR = "\x1f"  # between the parts of a key; never in a prepared value
# Part of every rule's fingerprint: bump it when ``prepare_record`` or ``names`` change the
# values keys are made of, so that stored keys are seen as stale (``index.is_current``).
INDEX_VERSION = 1


@dataclass(frozen=True)
class Term:
    column: str
    start: int = 0  # 0-based slice start
    length: int | None = None

    def value(self, raw: Any) -> str | None:
        """The term's value for one record, None where SQL would give NULL."""
        if raw is None or raw is pd.NA or (isinstance(raw, float) and raw != raw):
            return None
        text = raw if isinstance(raw, str) else str(int(raw))  # birth_year is Int64
        if self.length is None:
            return text
        return text[self.start : self.start + self.length]


@dataclass(frozen=True)
class KeyRule:
    """A blocking rule that is a conjunction of equalities of derived values."""

    sql: str
    terms: tuple[Term, ...]

    @property
    def fingerprint(self) -> str:
        """Short, stable name of the rule (stored beside each key; says nothing personal)."""
        return _fingerprint(self.sql)

    def key(self, row: dict[str, object]) -> str | None:
        parts = [term.value(row.get(term.column)) for term in self.terms]
        if any(p is None for p in parts):
            return None
        return SEPARATOR.join(p for p in parts if p is not None)


@lru_cache(maxsize=64)
def _fingerprint(sql: str) -> str:
    return hashlib.sha256(f"{INDEX_VERSION}:{sql}".encode()).hexdigest()[:8]


def _term(text: str) -> tuple[str, Term] | None:
    match = _TERM.match(text.strip())
    if not match:
        return None
    if match["side"]:
        return match["side"], Term(match["col"])
    return match["s"], Term(match["scol"], int(match["a"]) - 1, int(match["n"]))


def parse_rule(sql: str) -> KeyRule | None:
    """The rule as a ``KeyRule``, or None when it is not equalities of l- and r-side terms."""
    terms = []
    for condition in re.split(r"\s+AND\s+", sql.strip(), flags=re.IGNORECASE):
        sides = condition.split(" = ")
        if len(sides) != 2:
            return None
        left, right = _term(sides[0]), _term(sides[1])
        if left is None or right is None or {left[0], right[0]} != {"l", "r"}:
            return None
        if left[1] != right[1]:
            return None
        terms.append(left[1])
    return KeyRule(sql, tuple(terms))


def key_rules(profile: Profile = PERSON) -> tuple[tuple[KeyRule, ...], tuple[str, ...]]:
    """The profile's hashable blocking rules, and the SQL of those that are not."""
    rules, other = [], []
    for sql in profile.blocking_rules:
        rule = parse_rule(sql)
        if rule is None:
            other.append(sql)
        else:
            rules.append(rule)
    return tuple(rules), tuple(other)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _year(value: Any) -> int | None:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


def prepare_record(record: dict[str, Any]) -> dict[str, Any]:
    """The columns of ``profiles.prepare_person`` that keys use, for one record.

    Written out per record because the vectorised ``prepare_person`` costs ~80 ms for a
    single row (pandas), which every registration would pay; the tests check that both give
    the same values on a generated population.
    """
    given, family = _text(record.get("given_name")), _text(record.get("family_name"))
    given_s = names.stem(given) if given else ""
    family_s = (names.stem(family) or None) if family else None
    patronymic = _text(record.get("patronymic"))
    raw_id = record.get("identity_number")
    identity = None
    if isinstance(raw_id, str) and raw_id.strip():
        identity = re.sub(r"[\s\-]", "", raw_id.strip()).upper()
    iin = identity if valid_iin(identity) else None
    raw_date = _text(record.get("birth_date"))
    birth_date = dt.date.fromisoformat(raw_date.strip()).isoformat() if raw_date else None
    birth_date = birth_date or iin_birth(iin)[0]
    return {
        "unique_id": str(record["record_id"]),
        "given_n": (names.normalise(given) or None) if given else None,
        "family_s": family_s,
        "patronymic_s": (names.stem(patronymic) or None) if patronymic else None,
        "name_key": " ".join(sorted(p for p in (given_s, family_s) if p)) or None,
        "identity": identity,
        "birth_date": birth_date,
        "birth_year": int(birth_date[:4]) if birth_date else _year(record.get("birth_year")),
    }


def blocking_keys(
    records: Iterable[dict[str, Any]], profile: Profile = PERSON
) -> Iterator[tuple[str, str, str]]:
    """(record_id, rule fingerprint, key) for every key of every record (engine columns).

    Records are dicts of the engine's input columns. The keys are clear text: personal data,
    to be hashed before they are stored. ``prepare_record`` is the person profile's.
    """
    rules, _other = key_rules(profile)
    for record in records:
        row = prepare_record(record)
        for rule in rules:
            key = rule.key(row)
            if key is not None:
                yield row["unique_id"], rule.fingerprint, key
