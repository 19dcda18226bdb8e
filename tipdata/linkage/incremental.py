"""What an incremental run must read: the new records and the records they could join.

``engine.link_new`` scores only pairs that share a blocking key and touch a new record, so
the existing records it can pair are those sharing a key with a new one: ``index.candidates``
finds them in SQL, over keyed hashes. Clustering also checks its constraints (two IINs, two
clearly different birth dates, a rejected pair) against whole persons, so every record of a
person involved is read too, and the records that a confirmed decision ties to them. With
those, the run gives the same merges and review pairs as one over the whole register (the
model's term frequencies are frozen in it, so scores do not depend on what is read), and
decrypts a few hundred records instead of the register.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from django.db.models import Q

from tipdata.linkage import engine
from tipdata.linkage.frames import COLUMNS, linkage_frame
from tipdata.linkage.index import CHUNK, candidates
from tipdata.linkage.models import CandidatePair, PairStatus
from tipdata.victims.models import Victim


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _persons_of(ids: set[int]) -> set[int]:
    persons: set[int] = set()
    for chunk in _chunks(ids):
        persons.update(Victim.objects.filter(pk__in=chunk).values_list("person_id", flat=True))
    return persons


def _records_of(persons: set[int]) -> set[int]:
    records: set[int] = set()
    for chunk in _chunks(persons):
        records.update(Victim.objects.filter(person__in=chunk).values_list("pk", flat=True))
    return records


def _confirmed_partners(ids: set[int]) -> set[int]:
    partners: set[int] = set()
    for chunk in _chunks(ids):
        pairs = CandidatePair.objects.filter(status=PairStatus.CONFIRMED).filter(
            Q(victim_a__in=chunk) | Q(victim_b__in=chunk)
        )
        for a, b in pairs.values_list("victim_a_id", "victim_b_id"):
            partners.update((a, b))
    return partners


def neighbourhood(new_ids: Iterable[int]) -> set[int]:
    """New records, their candidates, and every record of the persons they belong to.

    Grown until nothing is added: a confirmed pair joins two persons for clustering even
    where a later undo or merge left them apart, so its partner's person is read as well.
    """
    ids = {int(v) for v in new_ids}
    ids |= candidates(sorted(ids))
    while True:
        grown = ids | _records_of(_persons_of(ids))
        grown |= _confirmed_partners(grown)
        if grown == ids:
            return ids
        ids = grown


def neighbourhood_frame(new_ids: Iterable[int]) -> tuple[pd.DataFrame, dict[str, int]]:
    """``linkage_frame`` of the neighbourhood only: the one place personal data is decrypted."""
    frames, persons = [], {}
    for chunk in _chunks(neighbourhood(new_ids)):
        frame, chunk_persons = linkage_frame(ids=chunk)
        frames.append(frame)
        persons.update(chunk_persons)
    if not frames:
        return pd.DataFrame([], columns=COLUMNS, dtype=object), persons
    return pd.concat(frames, ignore_index=True), persons


def link_new_records(
    frame: pd.DataFrame,
    persons: Mapping[str, int],
    new_ids: Iterable[int],
    model: engine.LinkageModel,
    **options: Any,
) -> engine.LinkageResult | None:
    """Score the new records of ``frame`` against the rest of it and cluster (None: no new).

    ``frame`` is the whole register (the old way, and the way when no model is stored yet)
    or ``neighbourhood_frame``: both give the same merges and review pairs.
    """
    wanted = {str(v) for v in new_ids}
    is_new = frame["record_id"].isin(wanted)
    if not is_new.any() or len(frame) < 2:
        return None
    options = {
        "model": model,
        "existing_clusters": {k: str(v) for k, v in persons.items()},
        **options,
    }
    if is_new.all():
        return engine.link(frame, **options)
    return engine.link_new(frame[~is_new], frame[is_new], **options)
