"""Sign-in events written to the audit trail.

Writes are audited by their services (ADR 4); sign-in belongs to Django's authentication
flow, whose only hooks are its signals, so these handlers are the one exception.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from tipdata.audit.models import Action
from tipdata.audit.services import record_event


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))


def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record_event(
        actor=user,
        action=Action.SIGN_IN,
        obj=user,
        changes={"step": "password", "ip": client_address(request)},
    )


def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    record_event(
        actor=None,
        action=Action.SIGN_IN_FAILED,
        object_repr=username,
        changes={"username": username, "ip": client_address(request)},
    )


def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    record_event(
        actor=user, action=Action.SIGN_OUT, obj=user, changes={"ip": client_address(request)}
    )


def _locked_out(sender: Any, request: HttpRequest | None, username: str, **kwargs: Any) -> None:
    record_event(
        actor=None,
        action=Action.LOCKED_OUT,
        object_repr=str(username or "")[:150],
        changes={"username": str(username or "")[:150], "ip": client_address(request)},
    )


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="tipdata-audit-sign-in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="tipdata-audit-sign-in-failed")
    user_logged_out.connect(_signed_out, dispatch_uid="tipdata-audit-sign-out")
    from django.apps import apps

    if not apps.is_installed("axes"):
        return
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="tipdata-audit-locked-out")
