"""API token authentication with expiry (tokens are per user and revocable)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        max_age = timedelta(days=int(getattr(settings, "TIPDATA_TOKEN_DAYS", 90)))
        if token.created < timezone.now() - max_age:
            raise exceptions.AuthenticationFailed(_("Token has expired."))
        return user, token
