"""Sign-in: Argon2, two factors for roles that see personal data, lock-out, session expiry."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from tipdata.accounts.models import Role
from tipdata.accounts.signin_middleware import SIGNED_IN_AT
from tipdata.audit.models import AuditEntry
from tipdata.testing.factories import PASSWORD, persona, totp_code, totp_device

pytestmark = pytest.mark.django_db


def sign_in(client, user, password=PASSWORD, next_url="/victims/victims/"):
    return client.post(
        f"/accounts/login/?next={next_url}",
        {"username": user.username, "password": password, "next": next_url},
    )


def test_passwords_are_hashed_with_argon2(case_worker):
    from tipdata import settings_security

    assert settings_security.PASSWORD_HASHERS[0].endswith(".Argon2PasswordHasher")
    assert case_worker.password.startswith("argon2$argon2id$")


def test_first_sign_in_enrols_an_authenticator(case_worker, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the throttle has its own test
    client = Client()
    response = sign_in(client, case_worker)
    assert response.status_code == 302 and response["Location"] == "/victims/victims/"
    # the password alone does not open a page: enrol first
    page = client.get("/victims/victims/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/security/two-factor/")
    setup = client.get(page["Location"])
    text = setup.content.decode()
    assert setup.status_code == 200 and "<svg" in text and "<img" not in text
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=case_worker, confirmed=False)
    bad = client.post(page["Location"], {"token": "000000", "next": "/victims/victims/"})
    assert bad.status_code == 400
    done = client.post(page["Location"], {"token": totp_code_of(device), "next": "/victims/"})
    assert done.status_code == 302 and done["Location"] == "/victims/"
    assert client.get("/victims/victims/").status_code == 200
    assert AuditEntry.objects.filter(action="two_factor", actor_label="caseworker").exists()


def totp_code_of(device):
    from tipdata.accounts.signin import current_code

    return current_code(device)


def test_later_sign_ins_ask_for_the_code(case_worker, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the throttle has its own test
    totp_device(case_worker)
    client = Client()
    sign_in(client, case_worker)
    page = client.get("/victims/victims/")
    assert page["Location"].startswith("/accounts/security/verify/")
    wrong = client.post("/accounts/security/verify/", {"token": "123456"})
    assert wrong.status_code == 400
    failed = AuditEntry.objects.get(action="sign_in_failed", actor_label="caseworker")
    assert failed.changes["step"] == "two_factor"
    ok = client.post(
        "/accounts/security/verify/", {"token": totp_code(case_worker), "next": "/victims/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/victims/"
    assert client.get("/victims/victims/").status_code == 200
    steps = AuditEntry.objects.filter(action="sign_in", actor_label="caseworker")
    assert sorted(e.changes["step"] for e in steps) == ["password", "two_factor"]


def test_wrong_codes_are_throttled(case_worker):
    """After a wrong code even the right one is refused for a while (django-otp back-off)."""
    totp_device(case_worker)
    client = Client()
    sign_in(client, case_worker)
    client.post("/accounts/security/verify/", {"token": "123456"})
    refused = client.post("/accounts/security/verify/", {"token": totp_code(case_worker)})
    assert refused.status_code == 400
    assert client.get("/victims/victims/").status_code == 302


def test_open_redirects_are_refused(case_worker):
    totp_device(case_worker)
    client = Client()
    sign_in(client, case_worker)
    response = client.post(
        "/accounts/security/verify/",
        {"token": totp_code(case_worker), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_unverified_session_reaches_neither_pages_nor_api(unverified_client, case_worker):
    unverified_client.force_login(case_worker)
    assert unverified_client.get("/victims/victims/").status_code == 302
    api = unverified_client.get("/api/victims/")
    assert api.status_code == 403 and "two-factor" in api.json()["detail"]
    assert unverified_client.get("/accounts/security/two-factor/").status_code == 200


@pytest.mark.parametrize("role", [Role.ANALYST, Role.SECRETARIAT])
def test_roles_without_personal_data_sign_in_with_a_password(profile, role):
    user = persona(role)
    client = Client()
    sign_in(client, user, next_url="/")
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("role", list(Role))
def test_every_role_that_sees_personal_data_needs_two_factors(profile, unverified_client, role):
    """Walks every role: those that see personal data (and administrators, auditors) are sent
    to the second factor after the password; the others reach the front page."""
    from tipdata.accounts.access import PERSONAL_DATA_ROLES

    needs_two = role in PERSONAL_DATA_ROLES or role in (Role.ADMIN, Role.AUDITOR)
    unverified_client.force_login(persona(role))
    response = unverified_client.get("/")
    if needs_two:
        assert response.status_code == 302, role
        assert response["Location"].startswith("/accounts/security/"), role
    else:
        assert response.status_code == 200, role


def test_two_factor_for_all_roles_when_configured(profile, settings, unverified_client):
    settings.TIPDATA_TWO_FACTOR_FOR_ALL = True
    unverified_client.force_login(persona(Role.ANALYST))
    assert unverified_client.get("/").status_code == 302


def test_lock_out_after_repeated_failures(case_worker, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, case_worker, password="wrong-password").status_code == 200
    locked = sign_in(client, case_worker, password="wrong-password")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # even the right password is refused now, from any client
    assert sign_in(Client(), case_worker).status_code == 429
    assert AuditEntry.objects.filter(action="sign_in_failed", object_repr="caseworker").count() >= 5
    assert AuditEntry.objects.filter(action="locked_out", object_repr="caseworker").exists()
    assert not AuditEntry.objects.filter(action="sign_in", actor_label="caseworker").exists()


def test_lock_out_is_per_account(case_worker, investigator, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, case_worker, password="wrong-password")
    assert sign_in(client, investigator).status_code == 302


def test_session_ends_after_the_absolute_lifetime(client, case_worker, settings):
    client.force_login(case_worker)
    assert client.get("/victims/victims/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = time.time() - settings.TIPDATA_SESSION_MAX_SECONDS - 1
    session.save()
    response = client.get("/victims/victims/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/victims/victims/")["Location"].startswith("/accounts/login/")
    assert AuditEntry.objects.filter(action="sign_out", actor_label="caseworker").exists()


def test_session_ends_when_idle(client, case_worker, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE <= 3600
    client.force_login(case_worker)
    client.get("/victims/victims/")
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 60 < remaining <= settings.SESSION_COOKIE_AGE
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now())
    assert client.get("/victims/victims/").status_code == 302


def test_sign_in_and_out_are_audited(case_worker):
    totp_device(case_worker)
    client = Client()
    sign_in(client, case_worker, password="nope")
    sign_in(client, case_worker)
    client.post("/accounts/logout/")
    actions = list(
        AuditEntry.objects.filter(object_repr="caseworker")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["sign_in_failed", "sign_in", "sign_out"]
