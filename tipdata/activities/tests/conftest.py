"""Activity fixtures: the working group's secretariat and a training centre's officer."""

from __future__ import annotations

from typing import Any

import pytest

from tipdata.accounts.models import Role
from tipdata.testing.factories import organisation, persona


@pytest.fixture
def working_group(profile: Any) -> Any:
    return organisation("WORKING_GROUP", name="Interagency working group")


@pytest.fixture
def secretariat(working_group: Any) -> Any:
    return persona(Role.SECRETARIAT, working_group, username="secretariat")


@pytest.fixture
def ministry(profile: Any) -> Any:
    return organisation("MINISTRY", name="Ministry of Labour and Social Protection")


@pytest.fixture
def ministry_officer(ministry: Any) -> Any:
    return persona(Role.ANALYST, ministry, username="mlsp")
