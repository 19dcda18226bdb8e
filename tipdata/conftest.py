"""Fixtures shared by every app's tests: the country profile and personas.

Personas follow healthchecks' style: tests speak of "the police investigator" or "the shelter
case worker", each a real user of a real organisation of the right kind.

Two-factor sign-in is enforced in tests as in production. ``client.force_login(user)`` on the
``client`` fixture means "signed in with password and second factor": it also gives the
persona a confirmed TOTP device and marks the session verified. Tests of sign-in itself use
``unverified_client`` (a plain Django client) or sign in through the forms with
``tipdata.testing.factories.totp_code``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tipdata.accounts.models import Role
from tipdata.testing.factories import organisation, persona, verify_session


class VerifiedClient(Client):
    """A test client whose ``force_login`` also passes the second factor."""

    def force_login(self, user: Any, backend: str | None = None) -> None:
        super().force_login(user, backend)
        verify_session(self, user)


@pytest.fixture
def client() -> Client:
    return VerifiedClient()


@pytest.fixture
def unverified_client() -> Client:
    """A plain client: ``force_login`` passes the password step only."""
    return Client()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Real Argon2 with test-sized cost: each persona's password is hashed in milliseconds."""
    settings.PASSWORD_HASHERS = ["tipdata.testing.factories.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_on_request(settings: Any) -> None:
    """Whitenoise looks a static file up when asked instead of scanning every app's static
    files (~10,000) for each new test client: about half a second per client."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _isolated_keys(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests encrypt with a throwaway key, never the developer's var/keys."""
    from tipdata.core import crypto
    from tipdata.testing.factories import TEST_LOOKUP_KEY, throwaway_key

    settings.TIPDATA_DATA_KEYS = throwaway_key()
    settings.TIPDATA_LOOKUP_KEY = TEST_LOOKUP_KEY
    crypto.reset_key_cache()


@pytest.fixture
def profile(db: Any) -> Any:
    from tipdata.profiles.services import load_profile

    return load_profile("KZ")


@pytest.fixture
def police_unit(profile: Any) -> Any:
    return organisation("MVD_AT_POLICE", name="Almaty anti-trafficking unit")


@pytest.fixture
def shelter(profile: Any) -> Any:
    return organisation("NGO_SHELTER", name="Sana Sezim shelter")


@pytest.fixture
def investigator(police_unit: Any) -> Any:
    return persona(Role.POLICE_INVESTIGATOR, police_unit, username="investigator")


@pytest.fixture
def case_worker(shelter: Any) -> Any:
    return persona(Role.NGO_CASE_WORKER, shelter, username="caseworker")


@pytest.fixture
def admin_user(profile: Any) -> Any:
    return persona(Role.ADMIN, username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def api_as() -> Any:
    """``api_as(user)`` returns an API client signed in as ``user``."""

    def make(user: Any) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make
