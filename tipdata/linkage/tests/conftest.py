"""Personas and victim records for the linkage app's tests (written through the services)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tipdata.accounts.models import Role
from tipdata.profiles.models import Country
from tipdata.testing.factories import persona
from tipdata.victims.services import identify_victim, register_victim


def victim(org: Any, *, identified_on: datetime.date | None = None, **fields: Any) -> Any:
    """A victim record of ``org`` with personal data, optionally identified on a date."""
    citizenship = fields.pop("citizenship", "KZ")
    record = register_victim(
        actor=None,
        data={
            "registered_by": org,
            "registered_on": identified_on or datetime.date(2020, 3, 1),
            "citizenship": Country.objects.get(code=citizenship) if citizenship else None,
            "sex": "female",
            "exploitation_forms": ["SexualExploitation"],
            **fields,
        },
    )
    if identified_on:
        identify_victim(
            actor=None,
            instance=record,
            identified_on=identified_on,
            identification_channel="hotline",
        )
    return record


AIGERIM_POLICE = {
    "given_name": "Айгерим",
    "family_name": "Ахметова",
    "patronymic": "Нурлановна",
    "birth_date": datetime.date(1990, 5, 17),
}
AIGERIM_SHELTER = {
    "given_name": "Aigerim",
    "family_name": "Akhmetova",
    "patronymic": "Nurlankyzy",
    "birth_date": datetime.date(1990, 5, 17),
}
SOMEONE_ELSE = {
    "given_name": "Серик",
    "family_name": "Жумабаев",
    "patronymic": "Болатович",
    "birth_date": datetime.date(1985, 1, 2),
    "sex": "male",
}


@pytest.fixture
def analyst(profile: Any) -> Any:
    return persona(Role.ANALYST, username="analyst")


@pytest.fixture
def secretariat(profile: Any) -> Any:
    return persona(Role.SECRETARIAT, username="secretariat")
