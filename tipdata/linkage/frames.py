"""The bridge between the database and the engine: victim records as a linkage DataFrame.

Personal data is decrypted by the model fields as rows are read and lives only in this
process's memory (the DataFrame, then Splink's in-memory DuckDB): nothing is written to
disk or logged. De-identified records (CTDC imports) and records whose personal data was
erased are left out, so they are never linked to anyone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd
from django.db.models import QuerySet

from tipdata.linkage.engine import LinkageModel, train
from tipdata.linkage.population import RECORD_COLUMNS, generate_population
from tipdata.victims.models import PersonalData, Victim

COLUMNS = list(RECORD_COLUMNS)
# Below this many records the register's own statistics say too little (EM on a few dozen
# pairs is noise); the model trained on the synthetic population stands in until then.
MIN_TRAINING_RECORDS = 1000
SYNTHETIC_TRAINING_RECORDS = 3000


def linkable_victims() -> QuerySet[Victim]:
    """Victim records linkage may look at: identified-in-person, with personal data kept."""
    return Victim.objects.filter(
        is_deidentified=False, personal__isnull=False, personal__erased_on__isnull=True
    )


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def linkage_frame(
    victims: QuerySet[Victim] | None = None, *, ids: Sequence[int] | None = None
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The engine's input for ``victims`` (default: every linkable record) and their persons.

    ``ids`` instead reads the linkable records among those victim ids, with a plain filter:
    PostgreSQL planned the ``victim IN (subquery)`` of a few thousand ids as a scan (8 s at
    100,000 records). Returns the DataFrame (``record_id`` is the victim id as text) and
    record_id -> current person id, which the engine takes as the clusters already made.
    """
    if ids is not None:
        personal = PersonalData.objects.filter(
            victim_id__in=list(ids), victim__is_deidentified=False, erased_on__isnull=True
        )
    else:
        victims = linkable_victims() if victims is None else victims
        personal = PersonalData.objects.filter(victim__in=victims.values("pk"))
    rows = personal.values_list(
        "victim_id",
        "given_name",
        "family_name",
        "patronymic",
        "birth_date",
        "birth_year",
        "victim__sex",
        "victim__citizenship_id",
        "identity_number",
        "victim__registered_by_id",
        "victim__person_id",
    ).order_by("victim_id")
    records: list[tuple[Any, ...]] = []
    persons: dict[str, int] = {}
    for row in rows.iterator(chunk_size=2000):
        record_id = str(row[0])
        persons[record_id] = row[10]
        records.append(
            (
                record_id,
                row[1] or None,
                row[2] or None,
                row[3] or None,
                _iso(row[4]),
                row[5],
                row[6],
                row[7],
                row[8] or None,
                str(row[9]),
            )
        )
    return pd.DataFrame(records, columns=COLUMNS, dtype=object), persons


def decisions_frame(pairs: Iterable[tuple[int, int, bool]]) -> pd.DataFrame:
    """People's decisions as the engine's ``decisions`` (a rejection is a constraint)."""
    frame = pd.DataFrame(list(pairs), columns=["record_id_l", "record_id_r", "is_match"])
    return frame.astype({"record_id_l": str, "record_id_r": str, "is_match": bool})


@lru_cache(maxsize=1)
def synthetic_model() -> dict[str, Any]:
    """A model trained on the synthetic population (tipdata.linkage.population).

    The generator imitates the agencies' recording habits, so its m and u are a sound start
    for a register too small to train on; the prior is that of a small register. Computed
    once per process: it depends on nothing but the code.
    """
    records, _truth = generate_population(SYNTHETIC_TRAINING_RECORDS, seed=1)
    return train(records).to_dict()


def model_for(frame: pd.DataFrame) -> tuple[LinkageModel, bool]:
    """A model trained on ``frame`` if it is large enough, else the synthetic one.

    Returns the model and whether it was trained on the register itself.
    """
    if len(frame) >= MIN_TRAINING_RECORDS:
        return train(frame), True
    return LinkageModel.from_dict(synthetic_model()), False
