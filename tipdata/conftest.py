"""Fixtures shared by every app's tests: the country profile and personas.

Personas follow healthchecks' style: tests speak of "the police investigator" or "the shelter
case worker", each a real user of a real organisation of the right kind.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tipdata.accounts.models import Role
from tipdata.testing.factories import organisation, persona


@pytest.fixture(autouse=True)
def _isolated_keys(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests encrypt with a throwaway key, never the developer's var/keys."""
    from cryptography.fernet import Fernet

    from tipdata.core import crypto

    settings.TIPDATA_DATA_KEYS = Fernet.generate_key().decode()
    settings.TIPDATA_LOOKUP_KEY = "test-lookup-key"
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
