"""Who may run record linkage and who may review its pairs (registered with ``access.policy``).

Running linkage reads every identified record and may merge any of them, so it is a national
task: administrators and analysts (who already see every record, pseudonymised). Reviewing a
pair needs both records in one's own scope: the roles that work with people review the pairs
of records they may open, with the personal data their role allows; analysts review any pair
on pseudonymous codes and non-personal attributes. A pair outside a reviewer's scope is not
found (404), like any record.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tipdata.accounts.access import PERSONAL_DATA_ROLES, policy
from tipdata.accounts.models import Role

RUNNERS = frozenset({Role.ANALYST})
REVIEWERS = PERSONAL_DATA_ROLES | RUNNERS


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def may_run_linkage(user: Any) -> bool:
    """Run a full linkage, retrain the model, list and undo any merge."""
    if not _active(user):
        return False
    return bool(getattr(user, "is_administrator", False) or user.role in RUNNERS)


def may_review(user: Any) -> bool:
    """Open the review queue at all (each pair still has to be in the user's scope)."""
    if not _active(user):
        return False
    return bool(getattr(user, "is_administrator", False) or user.role in REVIEWERS)


@policy("linkage.candidatepair", roles=REVIEWERS, writers=())
def candidate_pairs(queryset: QuerySet, user: Any) -> QuerySet:
    """Pairs whose two records the user may both open."""
    from tipdata.victims.models import Victim

    if user.role in RUNNERS:
        return queryset
    visible = Victim.objects.visible_to(user).values("pk")
    return queryset.filter(victim_a__in=visible, victim_b__in=visible)
