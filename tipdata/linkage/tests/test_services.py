"""Linkage in the database: merges audited and undoable, decisions kept, persons counted once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tipdata.audit.models import Action, AuditEntry
from tipdata.indicators.engine import build_report
from tipdata.linkage import services
from tipdata.linkage.models import CandidatePair, Merge, PairStatus, TrainedModel
from tipdata.linkage.tests.conftest import AIGERIM_POLICE, AIGERIM_SHELTER, SOMEONE_ELSE, victim
from tipdata.victims.models import Victim

NAME_ONLY = {"given_name": "Aigerim", "family_name": "Akhmetova"}


def _fresh(*records: Any) -> list[Victim]:
    return [Victim.objects.get(pk=r.pk) for r in records]


def test_a_run_merges_one_person_and_audits_the_merge(
    police_unit: Any, shelter: Any, admin_user: Any
) -> None:
    police = victim(police_unit, **AIGERIM_POLICE)
    ngo = victim(shelter, **AIGERIM_SHELTER)
    other = victim(shelter, **SOMEONE_ELSE)
    before = {v.pk: v.person_id for v in (police, ngo, other)}

    summary = services.run_linkage(actor=admin_user)

    police, ngo, other = _fresh(police, ngo, other)
    assert police.person_id == ngo.person_id == min(before[police.pk], before[ngo.pk])
    assert other.person_id == before[other.pk]
    assert (summary.merges, summary.records_moved) == (1, 1)
    merge = Merge.objects.get()
    assert merge.changes == [[ngo.pk, before[ngo.pk]]]
    assert merge.pairs[0][:2] == [police.pk, ngo.pk] and merge.pairs[0][2] >= 0.95
    entry = AuditEntry.objects.get(action=Action.MERGE, object_id=str(merge.pk))
    assert entry.actor == admin_user
    assert ngo.code in entry.changes["person"]
    assert "Aigerim" not in str(entry.changes) and "Айгерим" not in str(entry.changes)
    assert TrainedModel.objects.count() == 1


def test_undo_restores_the_persons_and_the_link_is_not_made_again(
    police_unit: Any, shelter: Any, admin_user: Any
) -> None:
    police = victim(police_unit, **AIGERIM_POLICE)
    ngo = victim(shelter, **AIGERIM_SHELTER)
    before = {v.pk: v.person_id for v in (police, ngo)}
    services.run_linkage(actor=admin_user)
    merge = Merge.objects.get()

    services.undo_merge(actor=admin_user, merge=merge, reason="two sisters")

    police, ngo = _fresh(police, ngo)
    assert {police.pk: police.person_id, ngo.pk: ngo.person_id} == before
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == admin_user
    assert AuditEntry.objects.filter(action=Action.UNLINK, object_id=str(merge.pk)).exists()
    pair = CandidatePair.objects.get(victim_a=police, victim_b=ngo)
    assert pair.status == PairStatus.REJECTED
    with pytest.raises(ValidationError):
        services.undo_merge(actor=admin_user, merge=merge)

    services.run_linkage(actor=admin_user)
    services.link_after_import([ngo.pk], actor=None)
    police, ngo = _fresh(police, ngo)
    assert police.person_id != ngo.person_id
    assert Merge.objects.filter(undone_at__isnull=True).count() == 0


def test_a_merge_counts_the_victim_once_in_the_report_and_undo_counts_her_again(
    police_unit: Any, shelter: Any, admin_user: Any
) -> None:
    day = datetime.date(2020, 4, 1)
    victim(police_unit, identified_on=day, **AIGERIM_POLICE)
    victim(shelter, identified_on=day, **AIGERIM_SHELTER)
    victim(shelter, identified_on=day, **SOMEONE_ELSE)
    identified = lambda: build_report(2020).figure("victims_identified").value  # noqa: E731
    assert identified() == 3

    services.run_linkage(actor=admin_user)
    assert identified() == 2

    services.undo_merge(actor=admin_user, merge=Merge.objects.get())
    assert identified() == 3


def test_de_identified_records_are_never_merged(
    police_unit: Any, shelter: Any, admin_user: Any
) -> None:
    police = victim(police_unit, **AIGERIM_POLICE)
    ctdc = victim(shelter, is_deidentified=True, **AIGERIM_SHELTER)
    assert ctdc.is_deidentified

    summary = services.run_linkage(actor=admin_user)

    police, ctdc = _fresh(police, ctdc)
    assert police.person_id != ctdc.person_id
    assert summary.records == 1
    assert not CandidatePair.objects.filter(victim_b=ctdc).exists()


def test_an_unsure_pair_is_queued_and_a_rejected_pair_is_not_proposed_again(
    police_unit: Any, shelter: Any, investigator: Any, admin_user: Any
) -> None:
    police = victim(police_unit, **AIGERIM_POLICE)
    namesake = victim(police_unit, **NAME_ONLY)

    summary = services.run_linkage(actor=admin_user)

    assert summary.queued_for_review == 1
    pair = CandidatePair.objects.get()
    assert (pair.victim_a, pair.victim_b, pair.status) == (police, namesake, PairStatus.PENDING)
    assert 0.5 <= pair.match_probability < 0.95
    services.reject_pair(actor=investigator, pair=pair, reason="different mothers")
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (PairStatus.REJECTED, investigator)
    assert AuditEntry.objects.filter(action=Action.TRANSITION, object_id=str(pair.pk)).exists()

    again = services.run_linkage(actor=admin_user)

    assert again.queued_for_review == 0
    assert CandidatePair.objects.count() == 1
    assert _fresh(police)[0].person_id != _fresh(namesake)[0].person_id


def test_confirming_a_pair_merges_the_persons(
    police_unit: Any, investigator: Any, admin_user: Any
) -> None:
    police = victim(police_unit, **AIGERIM_POLICE)
    namesake = victim(police_unit, **NAME_ONLY)
    services.run_linkage(actor=admin_user)
    pair = CandidatePair.objects.get()

    merge = services.confirm_pair(actor=investigator, pair=pair)

    assert merge is not None and merge.pair == pair and merge.kind == "confirmed"
    police, namesake = _fresh(police, namesake)
    assert police.person_id == namesake.person_id
    services.undo_merge(actor=investigator, merge=merge)
    pair.refresh_from_db()
    assert pair.status == PairStatus.REJECTED
    assert _fresh(police)[0].person_id != _fresh(namesake)[0].person_id


def test_link_after_import_compares_only_the_new_records(
    police_unit: Any, shelter: Any, admin_user: Any
) -> None:
    police = victim(police_unit, **AIGERIM_POLICE)
    other = victim(shelter, **SOMEONE_ELSE)
    services.run_linkage(actor=admin_user)
    model = TrainedModel.objects.get()
    imported = victim(shelter, **AIGERIM_SHELTER)

    summary = services.link_after_import([imported.pk], actor=admin_user)

    assert summary["new_records"] == 1 and summary["records"] == 3
    assert summary["merges"] == 1
    assert _fresh(imported)[0].person_id == _fresh(police)[0].person_id
    assert _fresh(other)[0].person_id == other.person_id
    assert list(TrainedModel.objects.all()) == [model], "the stored model is reused"


def test_the_link_command_runs_a_full_and_an_incremental_linkage(
    police_unit: Any, shelter: Any, capsys: Any
) -> None:
    police = victim(police_unit, **AIGERIM_POLICE)
    call_command("link")
    ngo = victim(shelter, **AIGERIM_SHELTER)
    call_command("link", "--new", str(ngo.pk))
    out = capsys.readouterr().out
    assert "merges: 1" in out and "new records: 1" in out
    assert _fresh(police)[0].person_id == _fresh(ngo)[0].person_id
    assert "Aigerim" not in out
