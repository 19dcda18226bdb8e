"""Incremental linkage through the blocking index: it decrypts the new records and their
candidates only, and merges and queues exactly what a run over the whole register does."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from tipdata.core import crypto
from tipdata.linkage import incremental, index, services
from tipdata.linkage.bench_incremental import (
    _outcome,
    _timed_run,
    counting_decryptions,
    write_population,
)
from tipdata.linkage.frames import linkage_frame
from tipdata.linkage.models import CandidatePair, PairStatus
from tipdata.linkage.population import generate_population
from tipdata.linkage.tests.conftest import AIGERIM_POLICE, AIGERIM_SHELTER, SOMEONE_ELSE, victim
from tipdata.victims.models import Victim
from tipdata.victims.services import reassign_person

# Fields linkage reads, each one decryption when it holds a value.
FIELDS_READ = 6


def _options(model: Any) -> dict[str, Any]:
    return {
        "auto_threshold": services.AUTO_THRESHOLD,
        "review_threshold": services.REVIEW_THRESHOLD,
        "decisions": services._decided_pairs(),
    }


@pytest.mark.slow
def test_an_import_decrypts_only_candidates_and_links_as_the_whole_register(
    profile: Any, shelter: Any
) -> None:
    records, _truth = generate_population(3000, seed=7)
    write_population(records.iloc[:-100], shelter)
    services.run_linkage(actor=None)  # trains on the register; persons merged as in real life
    pending = CandidatePair.objects.filter(status=PairStatus.PENDING)
    pending.filter(pk__in=list(pending.values_list("pk", flat=True)[:5])).update(
        status=PairStatus.REJECTED
    )
    new_ids = list(write_population(records.iloc[-100:], shelter).values())
    model = services.current_model()
    assert model is not None

    whole = incremental.link_new_records(*linkage_frame(), new_ids, model, **_options(model))
    with counting_decryptions() as decrypted:
        frame, persons = incremental.neighbourhood_frame(new_ids)
    part = incremental.link_new_records(frame, persons, new_ids, model, **_options(model))

    assert whole is not None and part is not None
    assert len(frame) < 3000 / 4, "a fraction of the register is read"
    assert 0 < decrypted[0] <= FIELDS_READ * len(frame)
    columns = ["record_id_l", "record_id_r", "match_probability"]
    assert whole.pairs[columns].equals(part.pairs[columns])
    assert (
        whole.review.sort_values(columns)
        .reset_index(drop=True)[[*columns, "reason"]]
        .equals(part.review.sort_values(columns).reset_index(drop=True)[[*columns, "reason"]])
    )
    assert len(whole.links) > 10

    with transaction.atomic():  # the old way (whole register read), then undone
        point = transaction.savepoint()
        old, _time, old_decrypted = _timed_run(new_ids, full=True)
        old_outcome = _outcome()
        transaction.savepoint_rollback(point)
    summary, _time, new_decrypted = _timed_run(new_ids, full=False)

    assert _outcome() == old_outcome
    assert summary["merges"] == old["merges"] > 10
    assert summary["queued_for_review"] == old["queued_for_review"]
    assert summary["records"] == old["records_read"] == old["records"] == 3000
    assert summary["records_read"] == len(frame)
    assert new_decrypted <= FIELDS_READ * len(frame) + 1 < old_decrypted / 4  # +1: the model


def test_the_whole_person_of_a_candidate_is_read_so_constraints_hold(
    police_unit: Any, shelter: Any
) -> None:
    """The new record matches a record whose person holds another IIN: no merge, as in a
    full run. That other record shares no key with the new one; it is read because it is
    the candidate's person."""
    aigerim = {**AIGERIM_SHELTER, "birth_date": datetime.date(1990, 5, 17)}
    candidate = victim(shelter, **aigerim)
    same_person = victim(
        police_unit,
        given_name="Зарина",
        family_name="Бекова",
        identity_number="700101410009",
    )
    victim(shelter, **SOMEONE_ELSE)
    victim(shelter, given_name="Dana", family_name="Omarova", birth_year=1979)
    services.run_linkage(actor=None)  # stores the model
    reassign_person(actor=None, victims=[same_person], person=candidate.person)
    new = victim(police_unit, **aigerim, identity_number="900517410002")

    with counting_decryptions() as decrypted:
        summary = services.link_after_import([new.pk], actor=None)

    assert summary["records"] == 5 and summary["records_read"] == 3
    assert decrypted[0] <= FIELDS_READ * 3 + 1
    assert summary["merges"] == 0
    assert Victim.objects.get(pk=new.pk).person_id != candidate.person_id
    pair = CandidatePair.objects.get(victim_b=new)
    assert (pair.victim_a_id, pair.reason) == (candidate.pk, "different iin")


def test_a_record_sharing_no_key_with_the_register_reads_only_itself(
    police_unit: Any, shelter: Any
) -> None:
    victim(shelter, **AIGERIM_SHELTER)
    victim(shelter, **SOMEONE_ELSE)
    services.run_linkage(actor=None)
    new = victim(police_unit, given_name="Dana", family_name="Omarova", birth_year=1979)

    summary = services.link_after_import([new.pk], actor=None)

    assert (summary["records"], summary["new_records"], summary["records_read"]) == (3, 1, 1)
    assert summary["merges"] == summary["pairs_scored"] == 0


def test_a_stale_index_is_not_trusted_until_rebuilt(
    police_unit: Any, shelter: Any, settings: Any
) -> None:
    """Keys hashed under another lookup key would match nothing: the run reads everything."""
    victim(shelter, **AIGERIM_SHELTER)
    victim(shelter, **SOMEONE_ELSE)
    services.run_linkage(actor=None)
    settings.TIPDATA_LOOKUP_KEY = "a-new-lookup-key"
    crypto.reset_key_cache()
    new = victim(police_unit, **AIGERIM_POLICE)
    assert not index.is_current()

    stale = services.link_after_import([new.pk], actor=None)

    assert (stale["records_read"], stale["merges"]) == (3, 1)
    index.rebuild()
    assert index.is_current()
    again = victim(police_unit, given_name="Dana", family_name="Omarova", birth_year=1979)
    assert services.link_after_import([again.pk], actor=None)["records_read"] == 1


def test_a_new_lookup_key_rehash_rebuilds_the_index(
    police_unit: Any, shelter: Any, settings: Any
) -> None:
    """``tipdata rotate_keys --rehash`` (after a new lookup key) leaves the index current."""
    victim(shelter, **AIGERIM_SHELTER)
    settings.TIPDATA_LOOKUP_KEY = "a-new-lookup-key"
    crypto.reset_key_cache()
    assert not index.is_current()

    call_command("rotate_keys", "--rehash")

    assert index.is_current()
    new = victim(police_unit, **AIGERIM_POLICE)
    assert services.link_after_import([new.pk], actor=None)["records_read"] == 2
