"""API token authentication: per user, expiring, revocable, optionally read-only.

A request carries ``Authorization: Token <secret>`` (``Bearer`` is accepted too). The secret
is looked up by its SHA-256 (``ApiToken.key_hash``); an expired or revoked token, or one of a
deactivated user, is refused with 401 exactly like an unknown one. The token acts with its
user's scope: ``visible_to`` narrows what it sees like for that user's pages.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from tipdata.accounts.tokens import find_token

KEYWORDS = (b"token", b"bearer")
TOUCH_EVERY = timedelta(minutes=5)


class ExpiringTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from None
        return self.authenticate_credentials(secret, request)

    def authenticate_credentials(self, secret: str, request: Any = None) -> tuple[Any, Any]:
        token = find_token(secret)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Token has been revoked."))
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("Token has expired."))
        if token.read_only and request is not None and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(_("This token is read-only."))
        if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    """Documents the token in the OpenAPI schema (and so in the API docs page)."""

    target_class = ExpiringTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A personal or service-account token: "Token tpd_…".',
        }
