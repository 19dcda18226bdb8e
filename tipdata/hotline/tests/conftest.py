"""Hotline fixtures: an operator, a call referred to the police, and the case it led to."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from tipdata.accounts.models import Role
from tipdata.cases.services import register_case
from tipdata.hotline import services
from tipdata.profiles.models import PenalArticle
from tipdata.testing.factories import organisation, persona


def at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def hotline(profile: Any) -> Any:
    return organisation("HOTLINE", name="Anti-trafficking hotline 116 16")


@pytest.fixture
def operator(hotline: Any) -> Any:
    return persona(Role.HOTLINE_OPERATOR, hotline, username="operator")


@pytest.fixture
def call(operator: Any, police_unit: Any) -> Any:
    return services.record_call(
        actor=operator,
        data={
            "received_at": at(2020, 4, 2),
            "caller_type": "relative",
            "topic": "trafficking_report",
            "possible_victims": 2,
            "outcome": "referred_police",
            "referred_to": police_unit,
            "summary": "Sister held at a farm near Taraz",
        },
    )


@pytest.fixture
def case(investigator: Any, profile: Any) -> Any:
    return register_case(
        actor=investigator,
        data={
            "registration_number": "200075031000777",
            "registered_on": datetime.date(2020, 4, 10),
            "investigating_unit": investigator.organisation,
        },
        m2m={"articles": [PenalArticle.objects.get(profile=profile, code="128")]},
    )
