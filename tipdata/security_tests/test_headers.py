"""Security headers, cookies and CSRF on real responses."""

from __future__ import annotations

import importlib
import re

import pytest
from django.test import Client

from tipdata.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict((part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip())


def test_content_security_policy_allows_this_server_only(client):
    csp = directives(client.get("/accounts/login/"))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"] and csp["base-uri"] == ["'self'"]
    # the report's charts are SVG images inlined as data: URIs (reports/charts.py)
    assert csp["img-src"] == ["'self'", "data:"]
    assert not any("unsafe" in value for values in csp.values() for value in values)


def test_usual_security_headers(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_hsts_over_https(client):
    response = client.get("/accounts/login/", secure=True)
    assert int(response["Strict-Transport-Security"].split("=")[1]) >= 31536000


def test_signed_in_pages_are_never_cached(client, case_worker):
    client.force_login(case_worker)
    response = client.get("/victims/victims/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_pages_carry_no_inline_script_or_style(client, case_worker):
    """What the policy would block: inline scripts, event handlers, style attributes."""
    client.force_login(case_worker)
    for url in ("/", "/victims/victims/", "/victims/victims/new/", "/accounts/security/tokens/"):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert not re.search(r"<style|\sstyle\s*=", html), url


def test_session_and_csrf_cookies_are_secure_httponly_samesite(case_worker, settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    client = Client()
    client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/", {"username": case_worker.username, "password": PASSWORD}
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert client.cookies[settings.CSRF_COOKIE_NAME]["secure"]


def test_cookies_are_not_secure_only_in_debug(monkeypatch):
    from tipdata import settings_security

    try:
        monkeypatch.setenv("TIPDATA_DEBUG", "1")
        assert importlib.reload(settings_security).SESSION_COOKIE_SECURE is False
        monkeypatch.setenv("TIPDATA_DEBUG", "0")
        reloaded = importlib.reload(settings_security)
        assert reloaded.SESSION_COOKIE_SECURE is True and reloaded.SECURE_HSTS_SECONDS > 0
    finally:
        monkeypatch.delenv("TIPDATA_DEBUG", raising=False)
        importlib.reload(settings_security)


def test_csrf_is_enforced(case_worker):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"username": case_worker.username, "password": PASSWORD}
    )
    assert response.status_code == 403
    client.force_login(case_worker)
    from tipdata.testing.factories import verify_session

    verify_session(client, case_worker)
    assert client.post("/victims/victims/new/", {}).status_code == 403
