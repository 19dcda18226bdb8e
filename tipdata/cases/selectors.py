"""Reads about criminal cases, always starting from ``visible_to``.

The case page is the hub of lineage: from it a user reaches every victim, hotline call,
labour inspection and special operation behind the case, its defendants with their verdicts
and sentences, and its dated steps. Each of those is read through its own ``visible_to``, so
the hub shows only what the user may see, and says how many linked victims it left out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from tipdata.cases.models import (
    CaseReview,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    Sentence,
    Verdict,
)


def cases_for(user: Any) -> QuerySet[CriminalCase]:
    return (
        CriminalCase.objects.visible_to(user)
        .select_related("investigating_unit", "region")
        .prefetch_related("articles")
    )


def defendants_of(case: CriminalCase, user: Any) -> QuerySet[Defendant]:
    """The case's suspects and defendants with their verdict and sentence, as ``user`` sees."""
    sentences = Sentence.objects.visible_to(user)
    verdicts = (
        Verdict.objects.visible_to(user)
        .select_related("article", "court")
        .prefetch_related(Prefetch("sentence", queryset=sentences))
    )
    return (
        Defendant.objects.visible_to(user)
        .filter(case=case)
        .select_related("citizenship")
        .prefetch_related(Prefetch("verdict", queryset=verdicts))
    )


@dataclass(frozen=True)
class Event:
    """One dated entry of a case's timeline."""

    on: datetime.date
    label: str
    detail: str = ""
    organisation: Any = None
    reason: str = ""
    review: Any = None


def timeline(case: CriminalCase, user: Any) -> list[Event]:
    """Registration, every dated step, charges and verdicts, in the order they happened."""
    events = [
        Event(case.registered_on, _("Registered"), organisation=case.investigating_unit),
    ]
    for step in case.status_changes.select_related("organisation", "review"):
        events.append(
            Event(
                step.occurred_on,
                str(step.label),
                detail=step.get_to_status_display(),
                organisation=step.organisation,
                reason=step.reason,
                review=step.review,
            )
        )
    for defendant in defendants_of(case, user):
        if defendant.charged_on:
            events.append(Event(defendant.charged_on, _("Charged"), detail=defendant.code))
        verdict = getattr(defendant, "verdict", None)
        if verdict is not None:
            events.append(
                Event(
                    verdict.verdict_on,
                    _("Verdict"),
                    detail=f"{defendant.code}: {verdict.get_outcome_display()}",
                    organisation=verdict.court,
                )
            )
    return sorted(events, key=lambda e: e.on)


def hub(case: CriminalCase, user: Any) -> dict[str, Any]:
    """Everything linked to ``case`` that ``user`` may see, for the case page."""
    from tipdata.activities.models import SpecialOperation
    from tipdata.hotline.models import HotlineCall
    from tipdata.inspections.models import LabourInspection
    from tipdata.victims.models import Victim

    victims = Victim.objects.visible_to(user).filter(cases=case).select_related("citizenship")
    linked = case.victims.count()
    operation = None
    if case.special_operation_id:
        operation = (
            SpecialOperation.objects.visible_to(user).filter(pk=case.special_operation_id).first()
        )
    return {
        "timeline": timeline(case, user),
        "victims": victims,
        "victims_hidden": linked - victims.count(),
        "defendants": defendants_of(case, user),
        "cooperation": InternationalCooperation.objects.visible_to(user)
        .filter(case=case)
        .select_related("country", "defendant"),
        "hotline_calls": HotlineCall.objects.visible_to(user).filter(case=case),
        "inspections": LabourInspection.objects.visible_to(user).filter(case=case),
        "reviews": CaseReview.objects.visible_to(user).filter(cases=case),
        "special_operation": operation,
    }
