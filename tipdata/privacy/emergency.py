"""Break the glass: opening one record outside one's scope in an emergency.

A shelter worker at night with a victim from another region, a police officer at the border:
sometimes the record someone needs belongs to another agency. They may open it only by naming
it exactly (its code or registration number: no browsing, no search) and stating why. The
grant lasts ``TIPDATA_BREAK_GLASS_MINUTES``, is honoured by ``accounts.access.restrict``, is
written to the audit trail as ``break_glass`` and waits in the auditor's review list until an
auditor has looked at it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tipdata.accounts.access import PERSONAL_DATA_ROLES
from tipdata.accounts.models import Role
from tipdata.audit.services import Action, record_event
from tipdata.privacy.models import EmergencyAccess

MIN_REASON_LENGTH = 20


@dataclass(frozen=True)
class Openable:
    """A kind of record that may be opened in an emergency, found by its exact identifier."""

    key: str
    model_label: str
    identifier_field: str
    label: Any


OPENABLE = [
    Openable("victim", "victims.Victim", "code", gettext_lazy("Victim (code)")),
    Openable(
        "case", "cases.CriminalCase", "registration_number", gettext_lazy("Criminal case (number)")
    ),
]


def openable(key: str) -> Openable:
    for item in OPENABLE:
        if item.key == key:
            return item
    raise ValidationError({"kind": _("Choose a kind of record.")})


def may_break_glass(user: Any) -> bool:
    """Only the roles that work with people have emergencies about a person."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in PERSONAL_DATA_ROLES


def _duration() -> datetime.timedelta:
    return datetime.timedelta(minutes=int(settings.TIPDATA_BREAK_GLASS_MINUTES))


def break_glass(*, actor: Any, kind: str, identifier: str, reason: str) -> EmergencyAccess:
    """Grant ``actor`` time-limited access to the record named exactly, for a stated reason.

    An attempt on an identifier that matches nothing is refused but stays in the audit trail
    (someone guessing codes is what the auditor must see), so it is written outside the
    transaction that the refusal rolls back.
    """
    if not may_break_glass(actor):
        raise PermissionDenied(_("Your role does not have emergency access to records."))
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("Explain the emergency (at least %(n)s characters).")
                % {"n": MIN_REASON_LENGTH}
            }
        )
    spec = openable(kind)
    model = apps.get_model(spec.model_label)
    identifier = identifier.strip()
    obj = model._default_manager.filter(**{spec.identifier_field: identifier}).first()
    if obj is None:
        record_event(
            actor=actor,
            action=Action.BREAK_GLASS,
            object_repr=identifier[:200],
            changes={"kind": kind, "found": False},
            reason=reason,
        )
        raise ValidationError({"identifier": _("No record has this identifier.")})
    return _grant(actor, kind, obj, reason)


@transaction.atomic
def _grant(actor: Any, kind: str, obj: models.Model, reason: str) -> EmergencyAccess:
    grant = EmergencyAccess.objects.create(
        user=actor,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        reason=reason,
        expires_at=timezone.now() + _duration(),
    )
    record_event(
        actor=actor,
        action=Action.BREAK_GLASS,
        obj=obj,
        changes={"kind": kind, "found": True, "expires_at": grant.expires_at.isoformat()},
        reason=reason,
    )
    return grant


def grants_to_review() -> QuerySet[EmergencyAccess]:
    """Emergency accesses no auditor has reviewed yet, oldest first."""
    return (
        EmergencyAccess.objects.filter(reviewed_at__isnull=True)
        .select_related("user", "user__organisation", "content_type")
        .order_by("granted_at")
    )


@transaction.atomic
def review_grant(*, actor: Any, grant: EmergencyAccess, note: str = "") -> EmergencyAccess:
    """An auditor has examined an emergency access (and ends it if still running)."""
    if getattr(actor, "role", None) != Role.AUDITOR:
        raise PermissionDenied(_("Only an auditor reviews emergency access."))
    if grant.reviewed_at is not None:
        raise ValidationError(_("This emergency access was already reviewed."))
    now = timezone.now()
    changes: dict[str, Any] = {"reviewed": [False, True]}
    if grant.expires_at > now:
        changes["expires_at"] = [grant.expires_at.isoformat(), now.isoformat()]
        grant.expires_at = now
    grant.reviewed_at = now
    grant.reviewed_by = actor
    grant.review_note = note.strip()
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_note", "expires_at"])
    record_event(actor=actor, action=Action.REVIEW, obj=grant, changes=changes, reason=note)
    return grant


def grant_target(grant: EmergencyAccess) -> models.Model | None:
    model = grant.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=grant.object_id).first()
