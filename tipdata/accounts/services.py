"""Writes about organisations and users (administrators' work)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.accounts.models import Organisation, User
from tipdata.audit.services import Action, diff, record_event, snapshot
from tipdata.core.services import create_record, update_record


def is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_administrator", False))


def require_administrator(actor: Any) -> None:
    """Managing agencies and users is an administrator's work (``None``: a system job)."""
    if actor is not None and not is_administrator(actor):
        raise PermissionDenied(_("Only an administrator may manage agencies and users."))


def create_organisation(
    *,
    actor: Any,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Organisation:
    return create_record(actor=actor, instance=Organisation(**data), m2m=m2m)


def update_organisation(
    *,
    actor: Any,
    instance: Organisation,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Organisation:
    """Correct an organisation; it may not become its own parent, directly or through others."""
    parent = data.get("parent", instance.parent)
    seen = {instance.pk}
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"parent": _("An organisation cannot be its own parent body.")})
        seen.add(parent.pk)
        parent = parent.parent
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


@transaction.atomic
def create_user(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    organisation: Organisation | None,
    **extra: Any,
) -> User:
    require_administrator(actor)
    user = User(username=username, role=role, organisation=organisation, **extra)
    user.set_password(password)
    user.full_clean()
    user.save()
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=user,
        changes={"username": [None, username], "role": [None, role]},
    )
    return user


USER_FIELDS = ("first_name", "last_name", "email", "role", "organisation")


def _user_changes(user: User, before: dict[str, Any]) -> dict[str, Any]:
    after = snapshot(user)
    return {k: v for k, v in diff(before, after).items() if k != "password"}


@transaction.atomic
def update_user(*, actor: Any, user: User, data: Mapping[str, Any]) -> User:
    """Change a user's name, e-mail, role or organisation (never the password here)."""
    require_administrator(actor)
    unknown = set(data) - set(USER_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(unknown))
    before = snapshot(user)
    for name, value in data.items():
        setattr(user, name, value)
    user.full_clean()
    user.save()
    changes = _user_changes(user, before)
    if changes:
        record_event(actor=actor, action=Action.UPDATE, obj=user, changes=changes)
    return user


@transaction.atomic
def set_user_active(*, actor: Any, user: User, active: bool, reason: str = "") -> User:
    """Deactivate (or reactivate) a user: the account stays for the audit trail, unusable.

    An administrator cannot deactivate their own account, so the system never loses its
    last administrator by a slip of the mouse.
    """
    require_administrator(actor)
    if not active and actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=user,
        changes={"is_active": [not active, active]},
        reason=reason,
    )
    return user
