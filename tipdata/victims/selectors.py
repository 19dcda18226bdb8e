"""Reads about victims, always starting from ``visible_to``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tipdata.accounts.access import can_see_personal
from tipdata.audit.services import Action, record_event
from tipdata.victims.models import PersonalData, Victim


def victims_for(user: Any) -> QuerySet[Victim]:
    return Victim.objects.visible_to(user).select_related(
        "registered_by", "citizenship", "identified_by", "person"
    )


def personal_data_for(user: Any, victim: Victim) -> PersonalData | None:
    """The personal data of ``victim`` if ``user`` may see it; each view is audited."""
    if not can_see_personal(user, victim):
        return None
    personal = PersonalData.objects.filter(victim=victim).first()
    if personal is not None:
        record_event(actor=user, action=Action.VIEW_PERSONAL, obj=victim)
    return personal


def lineage(victim: Victim, user: Any) -> list[tuple[str, Any]]:
    """What this victim's record leads to and came from, limited to what ``user`` may see."""
    from tipdata.cases.models import CriminalCase
    from tipdata.hotline.models import HotlineCall
    from tipdata.inspections.models import LabourInspection
    from tipdata.referrals.models import Referral, ServiceDelivery

    return [
        ("Criminal cases", CriminalCase.objects.visible_to(user).filter(victims=victim)),
        ("Referrals", Referral.objects.visible_to(user).filter(victim=victim)),
        ("Services delivered", ServiceDelivery.objects.visible_to(user).filter(victim=victim)),
        ("Hotline calls", HotlineCall.objects.visible_to(user).filter(victims=victim)),
        ("Labour inspections", LabourInspection.objects.visible_to(user).filter(victims=victim)),
        (
            "Other records of the same person",
            Victim.objects.visible_to(user).filter(person=victim.person).exclude(pk=victim.pk),
        ),
    ]
