"""Reads of record linkage, always starting from ``visible_to`` (the one read path).

A pair is visible when both its records are (``policies.candidate_pairs``); its sides show
personal data only to users whose role and scope allow it (``victims.selectors``, audited),
everyone else sees pseudonymous codes and non-personal attributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from tipdata.linkage.models import CandidatePair, Merge, PairStatus, TrainedModel
from tipdata.linkage.policies import may_review, may_run_linkage
from tipdata.victims.models import PersonalData, Victim
from tipdata.victims.selectors import personal_data_for


def pairs_for(user: Any) -> QuerySet[CandidatePair]:
    return CandidatePair.objects.visible_to(user).select_related(
        "victim_a__person", "victim_b__person", "victim_a__registered_by", "victim_b__registered_by"
    )


def review_queue(user: Any) -> QuerySet[CandidatePair]:
    """Pending pairs in the user's scope whose records are still two persons."""
    return (
        pairs_for(user)
        .filter(status=PairStatus.PENDING)
        .exclude(victim_a__person=F("victim_b__person"))
    )


def merges_for(user: Any) -> QuerySet[Merge]:
    """Every merge for those who run linkage; reviewers the merges of pairs they may see."""
    merges = Merge.objects.select_related("person", "pair", "created_by", "undone_by")
    if may_run_linkage(user):
        return merges
    if may_review(user):
        return merges.filter(pair__in=pairs_for(user).values("pk"))
    return merges.none()


def latest_model() -> TrainedModel | None:
    return TrainedModel.objects.order_by("-created_at", "-id").first()


@dataclass
class Side:
    """One record of a pair as a reviewer may see it."""

    victim: Victim
    personal: PersonalData | None

    @property
    def attributes(self) -> list[tuple[str, Any]]:
        v = self.victim
        return [
            ("record", v.code),
            ("person", v.person.code),
            ("registered by", v.registered_by),
            ("registered on", v.registered_on),
            ("status", v.get_status_display()),
            ("sex", v.get_sex_display()),
            ("adult or child", v.get_age_group_display()),
            ("citizenship", v.citizenship_id or "—"),
        ]

    @property
    def personal_rows(self) -> list[tuple[str, Any]]:
        p = self.personal
        if p is None:
            return []
        return [
            ("family name", p.family_name),
            ("given name", p.given_name),
            ("patronymic", p.patronymic),
            ("birth date", p.birth_date or "—"),
            ("birth year", p.birth_year or "—"),
            ("identity number", p.identity_number or "—"),
        ]


def sides(user: Any, pair: CandidatePair) -> tuple[Side, Side]:
    """Both records of ``pair``; personal data only where ``user`` may see it (audited)."""
    return (
        Side(pair.victim_a, personal_data_for(user, pair.victim_a)),
        Side(pair.victim_b, personal_data_for(user, pair.victim_b)),
    )


def side_by_side(user: Any, pair: CandidatePair) -> tuple[list[tuple[str, Any, Any]], bool]:
    """Rows (label, record A, record B) for the review page, and whether personal data shows.

    Personal rows appear only when the user may see both records' personal data: a name
    beside a code would invite comparing with what one should not see.
    """
    left, right = sides(user, pair)
    rows = [(la, a, b) for (la, a), (_, b) in zip(left.attributes, right.attributes, strict=True)]
    shown = left.personal is not None and right.personal is not None
    if shown:
        rows += [
            (la, a, b)
            for (la, a), (_, b) in zip(left.personal_rows, right.personal_rows, strict=True)
        ]
    return rows, shown
