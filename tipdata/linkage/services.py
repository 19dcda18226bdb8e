"""Writes of record linkage: runs, merges, review decisions and undoing merges.

Every function takes the acting user (``None`` for the system, e.g. after an import run by
the CLI) and writes in one transaction with its audit entries. A merge points records at one
``Person`` through ``victims.services.reassign_person`` and is stored as a ``Merge`` holding
each record's previous person, so ``undo_merge`` restores exactly what was there. Linkage
only ever merges: splitting a person is an undo, a human act.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.audit.services import Action, record_event
from tipdata.core.services import apply_transition
from tipdata.linkage import engine, incremental, index
from tipdata.linkage.frames import decisions_frame, linkable_victims, linkage_frame, model_for
from tipdata.linkage.models import CandidatePair, Merge, MergeKind, PairStatus, TrainedModel
from tipdata.linkage.policies import may_review, may_run_linkage
from tipdata.victims.models import Person, Victim
from tipdata.victims.services import reassign_person

AUTO_THRESHOLD = 0.95
REVIEW_THRESHOLD = 0.5


@dataclass
class LinkageSummary:
    """What one run did, in counts only (it is shown, logged and audited: no names)."""

    records: int = 0
    new_records: int = 0
    records_read: int = 0  # whose personal data was decrypted
    pairs_scored: int = 0
    merges: int = 0
    records_moved: int = 0
    queued_for_review: int = 0
    model_trained: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _decided_pairs() -> pd.DataFrame:
    decided = CandidatePair.objects.exclude(status=PairStatus.PENDING).values_list(
        "victim_a_id", "victim_b_id", "status"
    )
    return decisions_frame((a, b, status == PairStatus.CONFIRMED) for a, b, status in decided)


def current_model() -> engine.LinkageModel | None:
    stored = TrainedModel.objects.order_by("-created_at", "-id").first()
    return engine.LinkageModel.from_dict(stored.as_dict()) if stored else None


def _store_model(
    actor: Any, frame: pd.DataFrame, decisions: pd.DataFrame
) -> tuple[engine.LinkageModel, bool]:
    model, own = model_for(frame) if decisions.empty else _train_with(frame, decisions)
    TrainedModel.objects.create(
        profile=model.profile,
        data=json.dumps(model.to_dict()),
        trained_on=len(frame) if own else 0,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return model, own


def _train_with(frame: pd.DataFrame, decisions: pd.DataFrame) -> tuple[engine.LinkageModel, bool]:
    if len(frame) < 1000:
        return model_for(frame)
    return engine.train(frame, labels=decisions), True


def _check_runner(actor: Any) -> None:
    if actor is not None and not may_run_linkage(actor):
        raise PermissionDenied(_("Your role may not run record linkage."))


def run_linkage(*, actor: Any, retrain: bool = False) -> LinkageSummary:
    """Link every record: score all blocked pairs, merge the sure ones, queue the unsure.

    The stored model is reused unless ``retrain`` (or none exists yet): a run then scores
    pairs exactly as the incremental runs after imports do.
    """
    _check_runner(actor)
    frame, persons = linkage_frame()
    summary = LinkageSummary(records=len(frame), new_records=len(frame), records_read=len(frame))
    if len(frame) < 2:
        return summary
    decisions = _decided_pairs()
    model = None if retrain else current_model()
    if model is None:
        model, summary.model_trained = _store_model(actor, frame, decisions)
    result = engine.link(
        frame,
        model=model,
        auto_threshold=AUTO_THRESHOLD,
        review_threshold=REVIEW_THRESHOLD,
        decisions=decisions,
        existing_clusters={k: str(v) for k, v in persons.items()},
    )
    return _apply(actor, result, summary, reason="linkage run")


def link_after_import(victim_ids: list[int], actor: Any) -> dict[str, Any]:
    """Link the records an import just wrote to the existing ones, without re-scoring the rest.

    Called by the importers after each import (and by anything else that adds victims in
    bulk). Only pairs touching the new records are scored (Splink's predict_between and
    predict_within), with the stored model; existing persons are the starting clusters.
    Only the new records and those sharing a blocking key with them (found in the keyed-hash
    index, ``incremental``) are decrypted; the whole register only when no model is stored
    yet (training needs it), the model blocks on rules the index does not hold, or the index
    is stale (``index.is_current``).
    Returns the run's summary as a dict of counts.
    """
    wanted = {int(v) for v in victim_ids}
    decisions = _decided_pairs()
    model = current_model()
    if model is not None and index.covers(model.settings) and index.is_current():
        frame, persons = incremental.neighbourhood_frame(wanted)
    else:
        frame, persons = linkage_frame()
    new_records = int(frame["record_id"].isin({str(v) for v in wanted}).sum())
    summary = LinkageSummary(
        records=linkable_victims().count(), new_records=new_records, records_read=len(frame)
    )
    if summary.new_records == 0 or len(frame) < 2:
        return summary.as_dict()
    if model is None:
        model, summary.model_trained = _store_model(actor, frame, decisions)
    result = incremental.link_new_records(
        frame,
        persons,
        wanted,
        model,
        auto_threshold=AUTO_THRESHOLD,
        review_threshold=REVIEW_THRESHOLD,
        decisions=decisions,
    )
    if result is None:
        return summary.as_dict()
    return _apply(actor, result, summary, reason="linkage after import").as_dict()


@transaction.atomic
def _apply(
    actor: Any, result: engine.LinkageResult, summary: LinkageSummary, reason: str
) -> LinkageSummary:
    """Write a run's outcome: merges for clusters spanning persons, pairs for review."""
    summary.pairs_scored = len(result.pairs)
    clusters = result.clusters
    members = clusters.groupby(clusters.to_numpy()).groups
    # the whole table rather than pk__in: 100,000 ids would overflow SQLite's parameters
    person_of = dict(Victim.objects.values_list("pk", "person_id"))
    links = result.links
    for records in members.values():
        persons = {person_of[int(r)] for r in records}
        if len(persons) < 2:
            continue
        inside = set(records)
        causes = links[links["record_id_l"].isin(inside) & links["record_id_r"].isin(inside)]
        merge = _merge_persons(actor, persons, MergeKind.AUTOMATIC, causes, reason=reason)
        summary.merges += 1
        summary.records_moved += len(merge.changes)
    summary.queued_for_review = _queue(result.review)
    record_event(
        actor=actor,
        action=Action.LINK,
        object_repr="record linkage",
        changes=summary.as_dict(),
        reason=reason,
    )
    return summary


def _merge_persons(
    actor: Any,
    persons: Iterable[int],
    kind: str,
    causes: pd.DataFrame,
    *,
    pair: CandidatePair | None = None,
    reason: str = "",
) -> Merge:
    """Point every record of ``persons`` at the oldest of them; store what moved."""
    target = Person.objects.get(pk=min(persons))
    moving = Victim.objects.filter(person__in=persons).exclude(person=target)
    merge = Merge.objects.create(
        person=target,
        kind=kind,
        pair=pair,
        pairs=[
            [int(a), int(b), round(float(p), 6)]
            for a, b, p in causes[["record_id_l", "record_id_r", "match_probability"]].itertuples(
                index=False
            )
        ],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    moved = reassign_person(
        actor=actor, victims=moving, person=target, action=Action.MERGE, obj=merge, reason=reason
    )
    merge.changes = [[victim, previous] for victim, previous in moved]
    merge.save(update_fields=["changes"])
    return merge


def _queue(review: pd.DataFrame) -> int:
    """Add unsure pairs to the review queue; a pair already there (decided or not) stays."""
    if review.empty:
        return 0
    rows: dict[tuple[int, int], tuple[float, float, str]] = {}
    for a, b, probability, weight, why in review[
        ["record_id_l", "record_id_r", "match_probability", "match_weight", "reason"]
    ].itertuples(index=False):
        key = (min(int(a), int(b)), max(int(a), int(b)))
        rows.setdefault(key, (float(probability), float(weight), str(why)))
    existing = set(CandidatePair.objects.values_list("victim_a_id", "victim_b_id"))
    person_of = dict(Victim.objects.values_list("pk", "person_id"))  # after this run's merges
    new = [
        CandidatePair(victim_a_id=a, victim_b_id=b, match_probability=p, match_weight=w, reason=why)
        for (a, b), (p, w, why) in rows.items()
        if (a, b) not in existing and person_of[a] != person_of[b]
    ]
    CandidatePair.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _check_reviewer(actor: Any, pair: CandidatePair) -> None:
    """Reviewers decide only pairs in their scope (the selector answers 404 before this)."""
    from tipdata.linkage.selectors import pairs_for

    if not may_review(actor) or not pairs_for(actor).filter(pk=pair.pk).exists():
        raise PermissionDenied(_("This pair is not yours to review."))


@transaction.atomic
def confirm_pair(*, actor: Any, pair: CandidatePair, reason: str = "") -> Merge | None:
    """A reviewer says the two records are one person: their persons are merged."""
    _check_reviewer(actor, pair)
    a, b = pair.victim_a, pair.victim_b
    if a.is_deidentified or b.is_deidentified:
        raise ValidationError(_("De-identified records are never linked to other records."))
    decided = {"decided_by": actor, "decided_at": timezone.now()}
    apply_transition(
        actor=actor, instance=pair, name="confirm", data=decided, reason=reason, supervisory=True
    )
    if a.person_id == b.person_id:
        return None
    cause = pd.DataFrame(
        [[str(a.pk), str(b.pk), pair.match_probability]],
        columns=["record_id_l", "record_id_r", "match_probability"],
    )
    return _merge_persons(
        actor, {a.person_id, b.person_id}, MergeKind.CONFIRMED, cause, pair=pair, reason=reason
    )


@transaction.atomic
def reject_pair(*, actor: Any, pair: CandidatePair, reason: str = "") -> CandidatePair:
    """A reviewer says the two records are different people: never proposed or merged again."""
    _check_reviewer(actor, pair)
    decided = {"decided_by": actor, "decided_at": timezone.now()}
    return apply_transition(
        actor=actor, instance=pair, name="reject", data=decided, reason=reason, supervisory=True
    )


def may_undo(actor: Any, merge: Merge) -> bool:
    """Runners undo any merge; a reviewer undoes the merges of pairs in their scope."""
    if may_run_linkage(actor):
        return True
    if merge.pair_id is None or not may_review(actor):
        return False
    from tipdata.linkage.selectors import pairs_for

    return pairs_for(actor).filter(pk=merge.pair_id).exists()


@transaction.atomic
def undo_merge(*, actor: Any, merge: Merge, reason: str = "") -> Merge:
    """Put every record a merge moved back on its previous person, and forbid the link again.

    Refused when a later merge has moved those records on (undo that one first), so an undo
    never scrambles what came after it. The links that caused the merge become rejected
    pairs: neither a full nor an incremental run will merge these records again.
    """
    if actor is not None and not may_undo(actor, merge):
        raise PermissionDenied(_("Your role may not undo this merge."))
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge has already been undone."))
    victims = {v.pk: v for v in Victim.objects.filter(pk__in=merge.victim_ids)}
    if any(v.person_id != merge.person_id for v in victims.values()):
        raise ValidationError(_("A later merge moved these records on; undo that merge first."))
    back: dict[int, list[Victim]] = defaultdict(list)
    for victim_id, previous in merge.changes:
        back[int(previous)].append(victims[int(victim_id)])
    for previous, group in back.items():
        reassign_person(
            actor=actor,
            victims=group,
            person=Person.objects.get(pk=previous),
            action=Action.UNLINK,
            obj=merge,
            reason=reason or _("merge undone"),
        )
    merge.undone_at = timezone.now()
    merge.undone_by = actor if getattr(actor, "is_authenticated", False) else None
    merge.save(update_fields=["undone_at", "undone_by"])
    _forbid_again(actor, merge, reason)
    return merge


def _forbid_again(actor: Any, merge: Merge, reason: str) -> None:
    decided = {"decided_by": actor if getattr(actor, "is_authenticated", False) else None}
    decided["decided_at"] = timezone.now()
    for a, b, probability in merge.pairs:
        low, high = min(int(a), int(b)), max(int(a), int(b))
        pair, _created = CandidatePair.objects.get_or_create(
            victim_a_id=low,
            victim_b_id=high,
            defaults={"match_probability": float(probability), "reason": "merge undone"},
        )
        transitions: dict[str, str] = {
            PairStatus.PENDING: "reject",
            PairStatus.CONFIRMED: "unmerge",
        }
        name = transitions.get(pair.status)
        if name:
            apply_transition(
                actor=actor,
                instance=pair,
                name=name,
                data=decided,
                reason=reason or _("merge undone"),
                supervisory=True,
            )
