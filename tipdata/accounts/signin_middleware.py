"""Sign-in policy on every request: session lifetime and the required second factor.

- A session ends after ``SESSION_COOKIE_AGE`` seconds without a request (idle expiry,
  Django's own, with ``SESSION_SAVE_EVERY_REQUEST``) and in any case
  ``TIPDATA_SESSION_MAX_SECONDS`` after sign-in (absolute expiry, enforced here).
- A user whose role requires two factors and whose session has not passed the second one
  reaches only the sign-in, two-factor and sign-out pages (and static files); pages redirect
  to the two-factor step, the API answers 403.

Tests sign personas in with ``client.force_login``; the root conftest's ``client`` fixture
also verifies the session with the persona's TOTP device, so this middleware runs unchanged
in every test (see tipdata/conftest.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tipdata.accounts.signin import confirmed_device, requires_two_factor

SIGNED_IN_AT = "tipdata_signed_in_at"
SIGNED_IN_STAMP = "tipdata_last_login"
ALWAYS_OPEN = ("signin-two-factor", "signin-verify", "logout", "login")


class SignInPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._expired(request, user) or self._second_factor(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _expired(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        """Absolute session lifetime, counted from the sign-in (``last_login``)."""
        stamp = user.last_login.timestamp() if user.last_login else 0.0
        session = request.session
        if session.get(SIGNED_IN_STAMP) != stamp or SIGNED_IN_AT not in session:
            session[SIGNED_IN_STAMP] = stamp
            session[SIGNED_IN_AT] = time.time()
            return None
        if time.time() - float(session[SIGNED_IN_AT]) <= settings.TIPDATA_SESSION_MAX_SECONDS:
            return None
        logout(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Your session has expired.")}, status=401)
        return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")

    def _second_factor(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        if not requires_two_factor(user) or user.is_verified():
            return None
        if self._open(request):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Complete two-factor sign-in first.")}, status=403)
        step = "signin-verify" if confirmed_device(user) else "signin-two-factor"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        if request.path.startswith(f"/{settings.STATIC_URL.strip('/')}/"):
            return True
        match = request.resolver_match
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(request.path_info)
            except Resolver404:
                return False
        return (
            match.url_name in ALWAYS_OPEN
            or match.namespace == "i18n"
            or (match.route.startswith("i18n/"))
        )
