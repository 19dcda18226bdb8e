"""Personas and reports for the report tests.

``stub_engine`` makes the views and the command render a hand-built report, so the renderers
are tested apart from the indicator engine (whose own tests check the figures).
"""

from __future__ import annotations

from typing import Any

import pytest

from tipdata.accounts.models import Role
from tipdata.reports.tests.builders import sample_report
from tipdata.testing.factories import persona


@pytest.fixture
def report() -> Any:
    return sample_report()


@pytest.fixture
def stub_engine(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, Any]]:
    """Replace the engine by the sample report; returns the (year, user) it was asked for."""
    from tipdata.reports import services

    calls: list[tuple[int, Any]] = []

    def build(year: int, user: Any = None) -> Any:
        calls.append((year, user))
        built = sample_report()
        built.year = year
        return built

    monkeypatch.setattr(services, "build", build)
    return calls


@pytest.fixture
def secretariat(profile: Any) -> Any:
    return persona(Role.SECRETARIAT, username="secretariat")


@pytest.fixture
def analyst(profile: Any) -> Any:
    return persona(Role.ANALYST, username="analyst")
