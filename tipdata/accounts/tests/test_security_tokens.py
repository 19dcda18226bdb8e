"""API tokens: per user, scoped like the user, expiring, revocable, optionally read-only."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from tipdata.accounts.models import ApiToken, Role
from tipdata.accounts.tokens import issue_token
from tipdata.security_tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(profile):
    return build_world()


def api(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def victim_ids(response):
    return {v["id"] for v in response.json()["results"]}


def test_token_acts_with_its_users_scope(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    _token, secret = issue_token(actor=worker, user=worker, name="laptop")
    response = api(secret).get("/api/victims/")
    assert response.status_code == 200
    assert victim_ids(response) == {world["victim_shelter"].pk}
    assert api(secret).get(f"/api/victims/{world['victim_other'].pk}/").status_code == 404


def test_only_a_hash_of_the_secret_is_stored(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    token, secret = issue_token(actor=worker, user=worker, name="laptop")
    stored = ApiToken.objects.filter(pk=token.pk).values()[0]
    assert secret not in str(stored) and secret.startswith(token.prefix)
    from tipdata.audit.services import history

    entry = history(token).get(action="create")
    assert secret not in str(entry.changes) and entry.changes["user"] == worker.username


def test_expired_revoked_unknown_and_deactivated_are_refused(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    token, secret = issue_token(actor=worker, user=worker, name="laptop")
    assert api(secret).get("/api/victims/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = api(secret).get("/api/victims/")
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]
    _token2, secret2 = issue_token(actor=worker, user=worker, name="phone")
    from tipdata.accounts.tokens import find_token, revoke_token

    revoke_token(actor=worker, token=find_token(secret2))
    assert api(secret2).get("/api/victims/").status_code == 401
    assert api("tpd_" + "x" * 43).get("/api/victims/").status_code == 401
    _token3, secret3 = issue_token(actor=worker, user=worker, name="tablet")
    worker.is_active = False
    worker.save()
    assert api(secret3).get("/api/victims/").status_code == 401


def test_read_only_token_refuses_writes(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    _token, secret = issue_token(actor=worker, user=worker, name="dashboard", read_only=True)
    assert api(secret).get("/api/victims/").status_code == 200
    response = api(secret).post("/api/victims/", {}, format="json")
    assert response.status_code == 403


def test_lifetime_is_bounded(world, settings):
    from django.core.exceptions import PermissionDenied, ValidationError

    worker = world.users[Role.NGO_CASE_WORKER]
    with pytest.raises(ValidationError):
        issue_token(actor=worker, user=worker, name="x", days=settings.TIPDATA_TOKEN_MAX_DAYS + 1)
    with pytest.raises(PermissionDenied):
        issue_token(actor=worker, user=world.users[Role.ANALYST], name="x")


def test_token_page_creates_shows_once_and_revokes(world, client):
    worker = world.users[Role.NGO_CASE_WORKER]
    client.force_login(worker)
    created = client.post("/accounts/security/tokens/", {"name": "import script", "days": 30})
    text = created.content.decode()
    token = ApiToken.objects.get(user=worker)
    assert created.status_code == 200 and 'id="new-token"' in text and token.prefix in text
    listing = client.get("/accounts/security/tokens/").content.decode()
    assert 'id="new-token"' not in listing and token.prefix in listing
    other = issue_token(actor=None, user=world.users[Role.ANALYST], name="theirs")[0]
    assert client.post(f"/accounts/security/tokens/{other.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/security/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_service_account_command(world, capsys):
    call_command(
        "tokens",
        "service-account",
        "svc-import",
        "--role",
        "ngo_case_worker",
        "--organisation",
        world.orgs["shelter"].code,
    )
    call_command("tokens", "issue", "svc-import", "--name", "nightly import", "--days", "7")
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    from tipdata.accounts.models import User

    service = User.objects.get(username="svc-import")
    assert not service.has_usable_password()
    assert victim_ids(api(secret).get("/api/victims/")) == {world["victim_shelter"].pk}
    call_command("tokens", "list", "svc-import")
    assert "nightly import" in capsys.readouterr().out
    call_command("tokens", "revoke", secret[:12])
    assert api(secret).get("/api/victims/").status_code == 401
