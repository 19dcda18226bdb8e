"""Access control: the one place that narrows every query of records to what a user may see.

``ScopedQuerySet.visible_to(user)`` calls ``restrict``; pages, API endpoints, exports, search
and report drill-downs all start there. Policies are registered per model; a model without a
policy is restricted to its owning organisation's records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

Policy = Callable[[QuerySet, Any], QuerySet]
_POLICIES: dict[str, Policy] = {}


def policy(model_label: str) -> Callable[[Policy], Policy]:
    """Register the visibility policy of one model (``"victims.victim"``)."""

    def register(func: Policy) -> Policy:
        _POLICIES[model_label] = func
        return func

    return register


def restrict(queryset: QuerySet, user: Any) -> QuerySet:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if getattr(user, "is_administrator", False):
        return queryset
    label = queryset.model._meta.label_lower
    func = _POLICIES.get(label, default_policy)
    return func(queryset, user)


def default_policy(queryset: QuerySet, user: Any) -> QuerySet:
    """Baseline: every signed-in member of an organisation may read records.

    Issue "Protecting victims" replaces this with per-role, per-organisation scoping.
    """
    if user.organisation_id is None:
        return queryset.none()
    return queryset


def can_write(user: Any, owner: Any) -> bool:
    """May ``user`` create or change a record owned by organisation ``owner``?"""
    if user is None or not user.is_authenticated:
        return False
    if getattr(user, "is_administrator", False):
        return True
    return owner is not None and user.organisation_id == getattr(owner, "pk", None)


def can_see_personal(user: Any, victim: Any) -> bool:
    """May ``user`` see the personal data of ``victim``? (Refined per role by issue 4.)"""
    if user is None or not user.is_authenticated:
        return False
    if getattr(user, "is_administrator", False):
        return True
    return user.organisation_id is not None and user.organisation_id == victim.registered_by_id
