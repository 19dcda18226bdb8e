"""Fixtures of the exchange tests: the real public files and the organisations that use them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tipdata.accounts.models import Role
from tipdata.intake.tests.shared_data import shared_file
from tipdata.testing.factories import organisation, persona


@pytest.fixture
def ctdc_file() -> Path:
    return shared_file("ctdc/ctdc-global-kanon-2020-sample-2000.csv")


@pytest.fixture
def glotip_file() -> Path:
    return shared_file("unodc/glotip-2023-05-30.xlsx")


@pytest.fixture
def htcds_template() -> Path:
    return shared_file("htcds/htcds-excel-template-2.0.xlsx")


@pytest.fixture
def iom(profile: Any) -> Any:
    """The international organisation contributing CTDC records."""
    return organisation("INTERNATIONAL_ORGANISATION", name="IOM Kazakhstan", code="iom-kz")


@pytest.fixture
def iom_officer(iom: Any) -> Any:
    return persona(Role.EMBASSY_OFFICER, iom, username="iom-officer")


@pytest.fixture
def secretariat(profile: Any) -> Any:
    return persona(Role.SECRETARIAT, username="secretariat")


@pytest.fixture
def analyst(profile: Any) -> Any:
    return persona(Role.ANALYST, username="analyst")
