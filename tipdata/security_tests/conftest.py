"""The security world, built once per test module and rolled back at its end.

The permission matrix and the fuzz test send thousands of requests against the same world;
building it (and the personas' clients) for every test would repeat the same work. The world
is created inside a transaction that stays open for the module; every test then runs in its
own savepoint through pytest-django's ``db``, and everything is rolled back at the end.

The same throwaway keys and password hasher as every other test are set here explicitly,
because module fixtures run before the function-scoped ``settings`` fixtures of
``tipdata/conftest.py``. Whitenoise is told to look static files up on request
(``WHITENOISE_AUTOREFRESH``): otherwise each new test client scans every static file of every
app on its first request, which cost more than the world itself (no test here fetches a
static file).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from tipdata.core import crypto
from tipdata.security_tests.world import World, build_world
from tipdata.testing.factories import TEST_LOOKUP_KEY, throwaway_key


@pytest.fixture(scope="module")
def module_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    from tipdata.profiles.services import load_profile

    isolated = override_settings(
        TIPDATA_DATA_KEYS=throwaway_key(),
        TIPDATA_LOOKUP_KEY=TEST_LOOKUP_KEY,
        PASSWORD_HASHERS=["tipdata.testing.factories.FastArgon2PasswordHasher"],
        WHITENOISE_AUTOREFRESH=True,
    )
    with django_db_blocker.unblock(), isolated:
        crypto.reset_key_cache()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_profile("KZ")
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            crypto.reset_key_cache()
