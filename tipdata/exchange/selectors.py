"""Reads for the exports, always through the scoped entry point ``visible_to``.

``user=None`` is a job run on the server itself (``tipdata export_... `` without ``--user``):
it reads the national scope and never personal data, as ``tipdata report`` does.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from tipdata.accounts.access import PERSONAL_DATA_ROLES
from tipdata.referrals.models import Referral
from tipdata.victims.models import Exploitation, Victim


def _scoped(model: Any, user: Any) -> QuerySet:
    return model.objects.all() if user is None else model.objects.visible_to(user)


def victims_to_export(user: Any, *, include_received: bool = False) -> QuerySet[Victim]:
    """The victim records ``user`` may see, with what the standard formats carry.

    Records received from CTDC are left out unless ``include_received``: giving CTDC back its
    own rows would count those victims twice there.
    """
    rows = _scoped(Victim, user).select_related(
        "registered_by__agency_type", "identified_by__agency_type", "received_as"
    )
    if not include_received:
        rows = rows.filter(received_as__isnull=True)
    exploitations = Prefetch("exploitations", queryset=Exploitation.objects.order_by("form"))
    return rows.prefetch_related(exploitations).order_by("registered_on", "pk")


def may_export_personal(user: Any) -> bool:
    """Only the roles that work with people export names and birth dates (never the system)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "is_administrator", False) or user.role in PERSONAL_DATA_ROLES)


def referrals_of(user: Any, victims: QuerySet[Victim]) -> QuerySet[Referral]:
    """The referrals of ``victims`` that ``user`` may see, oldest first."""
    return (
        _scoped(Referral, user)
        .filter(victim__in=victims.values("pk"))
        .select_related("victim", "from_organisation", "to_organisation")
        .order_by("referred_on", "pk")
    )
