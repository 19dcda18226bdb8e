"""The generic write path shared by every domain service.

Domain services (``victims.services.register_victim`` ...) add their rules and call these
helpers, which validate the whole record, save it and write the audit entry in one
transaction: either all of it lands or none of it does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_write
from tipdata.audit.services import Action, diff, record_event, snapshot
from tipdata.core.models import Record

R = TypeVar("R", bound=Record)


def check_owner(actor: Any, instance: Record) -> None:
    """Refuse a write by someone outside the owning organisation."""
    if actor is None:  # system jobs (demo loader, migrations) act without a user
        return
    if not instance.OWNER_FIELD:
        if not getattr(actor, "is_administrator", False):
            raise PermissionDenied(_("Only an administrator may change this record."))
        return
    if not can_write(actor, instance.owner, instance):
        raise PermissionDenied(_("Your organisation does not own this record."))


def _set_m2m(instance: Record, m2m: Mapping[str, Iterable[Any]] | None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, values in (m2m or {}).items():
        manager = getattr(instance, name)
        before = sorted(str(v.pk) for v in manager.all())
        manager.set(list(values))
        after = sorted(str(v.pk) for v in manager.all())
        if before != after:
            changes[name] = [before, after]
    return changes


@transaction.atomic
def create_record(
    *,
    actor: Any,
    instance: R,
    m2m: Mapping[str, Iterable[Any]] | None = None,
    reason: str = "",
) -> R:
    """Validate and save a new record, then audit it."""
    check_owner(actor, instance)
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance.created_by = actor
    instance.full_clean()
    instance.save()
    changes = {k: [None, v] for k, v in snapshot(instance).items() if v not in (None, "")}
    changes.update(_set_m2m(instance, m2m))
    record_event(actor=actor, action=Action.CREATE, obj=instance, changes=changes, reason=reason)
    return instance


@transaction.atomic
def update_record(
    *,
    actor: Any,
    instance: R,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
    reason: str = "",
    supervisory: bool = False,
) -> R:
    """Apply field changes (never the status: that is a transition), validate, save, audit.

    ``supervisory`` is for a change another body makes with authority the caller has checked
    (the police unit a hotline call was referred to records the case it led to).
    """
    if not supervisory:
        check_owner(actor, instance)
    workflow = instance.WORKFLOW
    if workflow is not None and workflow.field in data:
        raise ValidationError({workflow.field: _("Use a named transition to change the status.")})
    before = snapshot(instance)
    for name, value in data.items():
        setattr(instance, name, value)
    if not supervisory:
        check_owner(actor, instance)  # the new owner must be the actor's organisation too
    instance.full_clean()
    instance.save()
    changes = diff(before, snapshot(instance))
    changes.update(_set_m2m(instance, m2m))
    if changes:
        record_event(
            actor=actor, action=Action.UPDATE, obj=instance, changes=changes, reason=reason
        )
    return instance


@transaction.atomic
def apply_transition(
    *,
    actor: Any,
    instance: R,
    name: str,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
    supervisory: bool = False,
) -> R:
    """Move a record along a named transition, setting the fields that go with it.

    ``supervisory`` is for steps another body takes on a record it does not own (a
    prosecutor reopening a police investigation); the caller has checked that authority.
    """
    if not supervisory:
        check_owner(actor, instance)
    workflow = instance.WORKFLOW
    if workflow is None:
        raise ValidationError(_("This record has no status."))
    before = snapshot(instance)
    source, target = workflow.apply(instance, name)
    for field, value in (data or {}).items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    changes = diff(before, snapshot(instance))
    changes["transition"] = [source, f"{name} -> {target}"]
    record_event(
        actor=actor, action=Action.TRANSITION, obj=instance, changes=changes, reason=reason
    )
    return instance
