"""Inspection fixtures: a labour inspector and an inspection with violations."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tipdata.accounts.models import Role
from tipdata.inspections import services
from tipdata.testing.factories import organisation, persona, region


@pytest.fixture
def inspectorate(profile: Any) -> Any:
    return organisation("LABOUR_INSPECTORATE", name="Turkistan labour inspectorate")


@pytest.fixture
def inspector(inspectorate: Any) -> Any:
    return persona(Role.LABOUR_INSPECTOR, inspectorate, username="inspector")


@pytest.fixture
def inspection(inspector: Any) -> Any:
    return services.record_inspection(
        actor=inspector,
        data={
            "inspected_on": datetime.date(2020, 6, 3),
            "region": region("TUR"),
            "employer_name": "Ak Bidai LLP",
            "employer_business_id": "123456789012",
            "forced_labour_indicators": ["retention_of_documents", "withholding_wages"],
            "fines_count": 2,
            "fines_amount_kzt": 555600,
        },
        violations={"wages": 3, "no_agreement": 12, "safety": 0},
    )
