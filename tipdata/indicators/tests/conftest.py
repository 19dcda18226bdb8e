"""The demo dataset, loaded once per test module inside a transaction rolled back afterwards.

Loading the demo takes a while (thousands of records through the services), so the tests that
need it share one load: ``demo_db`` opens a transaction, loads the demo and keeps it open for
the module's tests (each of which runs in its own savepoint through pytest-django's ``db``),
then rolls everything back. ``tip_2020`` is the JSON report for 2020, computed once per process
(xdist may hand a module's tests to a worker in several pieces).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.db import transaction
from django.test import override_settings

from tipdata.core import crypto

_REPORTS: dict[int, dict[str, Any]] = {}


@pytest.fixture(scope="module")
def demo_db(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo loaded (and rolled back at the end of the module); yields the 2020 report."""
    from tipdata.demo.loader import load_demo
    from tipdata.indicators.engine import build_report
    from tipdata.profiles.services import load_profile

    keys = override_settings(
        TIPDATA_DATA_KEYS=Fernet.generate_key().decode(), TIPDATA_LOOKUP_KEY="demo-lookup"
    )
    with django_db_blocker.unblock(), keys:
        crypto.reset_key_cache()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_profile("KZ")
            load_demo()
            report = build_report(2020).to_json()
            _REPORTS.setdefault(2020, report)
            yield report
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            crypto.reset_key_cache()


@pytest.fixture(scope="module")
def tip_2020(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The 2020 report of the demo as JSON (the demo is loaded only if this process has not)."""
    if 2020 not in _REPORTS:
        request.getfixturevalue("demo_db")
    return _REPORTS[2020]
