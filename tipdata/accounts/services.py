"""Writes about organisations and users (administrators' work)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tipdata.accounts.models import Organisation, User
from tipdata.audit.services import Action, record_event
from tipdata.core.services import create_record


def create_organisation(*, actor: Any, data: dict[str, Any]) -> Organisation:
    return create_record(actor=actor, instance=Organisation(**data))


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
