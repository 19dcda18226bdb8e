"""Reads about personal data that need the keyed hash rather than a scan."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from tipdata.accounts.access import PERSONAL_DATA_ROLES
from tipdata.audit.services import Action, record_event
from tipdata.core.crypto import keyed_hash, normalise_identifier


def find_victims_by_identity_number(user: Any, number: str) -> QuerySet:
    """Victims in ``user``'s scope whose identity number (IIN, passport) is exactly ``number``.

    Compares keyed hashes, so the number is never decrypted nor stored in clear; the search
    itself is audited (``lookup``), without the number. Roles that may not see personal data
    find nothing.
    """
    Victim = apps.get_model("victims", "Victim")
    allowed = getattr(user, "is_administrator", False) or (
        getattr(user, "role", None) in PERSONAL_DATA_ROLES
    )
    if not allowed or not normalise_identifier(number or ""):
        return Victim.objects.none()
    found = Victim.objects.visible_to(user).filter(
        personal__identity_number_hash=keyed_hash(number)
    )
    record_event(
        actor=user,
        action=Action.LOOKUP,
        object_repr="identity number",
        changes={"field": "identity_number", "matches": found.count()},
    )
    return found
