"""Response headers that keep personal data out of caches and restrict browser features.

Django's SecurityMiddleware sets nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and
HSTS (on HTTPS); XFrameOptionsMiddleware sets X-Frame-Options; django-csp the
Content-Security-Policy. What none of them does:

- ``Cache-Control: no-store`` on every page for a signed-in user, so a victim's record does
  not stay in a shared computer's browser cache or an intermediate proxy;
- ``Permissions-Policy`` switching off camera, microphone, geolocation and the like, which
  tipdata never uses (an injected script could not use them either).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "display-capture",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        if authenticated or request.headers.get("Authorization"):
            add_never_cache_headers(response)
            response.headers["Cache-Control"] += ", no-store"
        return response


class OutOfRangeInputMiddleware:
    """A number too large for the database, sent by a client, is a 400, not a server error.

    SQLite cannot bind an integer beyond 64 bits and raises ``OverflowError`` when a filter
    is given one (``?members=99999999999999999999``); Django's form fields let it through
    because no query runs while they validate. Found by the API fuzz test; handled once here
    for every page and endpoint rather than in each filter.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if not isinstance(exception, OverflowError):
            return None
        message = _("A number in the request is too large.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message)
