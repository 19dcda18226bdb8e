"""API tokens: issuing, finding and revoking them (the one write path for tokens).

Users issue their own tokens on their security page (after signing in with two factors);
administrators issue tokens for service accounts with ``tipdata tokens``. The secret is
returned once and only its SHA-256 is kept.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.accounts.models import ApiToken, User
from tipdata.audit.services import Action, record_event

SECRET_PREFIX = "tpd_"  # noqa: S105 (a marker that a string is a token, not a secret)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def find_token(secret: str) -> ApiToken | None:
    if not secret.startswith(SECRET_PREFIX):
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=_digest(secret)).first()


def _may_manage(actor: Any, user: User) -> bool:
    return actor is None or actor.pk == user.pk or getattr(actor, "is_administrator", False)


@transaction.atomic
def issue_token(
    *, actor: Any, user: User, name: str, days: int | None = None, read_only: bool = False
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it and its secret (shown once, never stored)."""
    if not _may_manage(actor, user):
        raise PermissionDenied(_("You may issue tokens only for yourself."))
    days = int(settings.TIPDATA_TOKEN_DAYS if days is None else days)
    if not 1 <= days <= int(settings.TIPDATA_TOKEN_MAX_DAYS):
        raise ValidationError(
            {
                "days": _("A token lasts 1 to %(max)s days.")
                % {"max": settings.TIPDATA_TOKEN_MAX_DAYS}
            }
        )
    if not name.strip():
        raise ValidationError({"name": _("Name the token after what uses it.")})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip()[:100],
        prefix=secret[:12],
        key_hash=_digest(secret),
        read_only=read_only,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=token,
        changes={"user": user.get_username(), "days": days, "read_only": read_only},
    )
    return token, secret


@transaction.atomic
def revoke_token(*, actor: Any, token: ApiToken) -> ApiToken:
    if not _may_manage(actor, token.user):
        raise PermissionDenied(_("You may revoke only your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            actor=actor, action=Action.UPDATE, obj=token, changes={"revoked": [False, True]}
        )
    return token


def tokens_of(user: User) -> Any:
    return ApiToken.objects.filter(user=user).order_by("-created_at")
