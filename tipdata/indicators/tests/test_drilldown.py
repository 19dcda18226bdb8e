"""The records behind a figure, listed through ``visible_to``: each user sees their scope."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from tipdata.accounts.models import Role
from tipdata.indicators.tests import builders as b
from tipdata.testing.factories import organisation, persona

URL = "/indicators/PROT_VICTIMS_IDENTIFIED/2020/records/"


@pytest.fixture
def signed_in(client: Client) -> Any:
    """``signed_in(user)``: the root conftest's client, signed in with both factors."""

    def sign_in(user: Any) -> Client:
        client.force_login(user)
        return client

    return sign_in


def test_an_investigator_sees_the_records_of_their_unit_only(
    police_unit: Any, investigator: Any, signed_in: Any
) -> None:
    other_unit = organisation("MVD_AT_POLICE", name="Shymkent anti-trafficking unit")
    mine = b.victim(police_unit, datetime.date(2020, 3, 1))
    theirs = b.victim(other_unit, datetime.date(2020, 4, 1))
    b.victim(police_unit, datetime.date(2019, 4, 1))  # another year: not behind the figure

    response = signed_in(investigator).get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert mine.code in page and theirs.code not in page
    assert "You may see 1 of the 2 victims behind this figure." in page


def test_an_administrator_sees_every_record(
    police_unit: Any, admin_user: Any, signed_in: Any
) -> None:
    records = [b.victim(police_unit, datetime.date(2020, m, 1)) for m in (1, 2, 3)]
    page = signed_in(admin_user).get(URL).content.decode()
    assert all(v.code in page for v in records)


def test_the_secretariat_reads_figures_not_victim_records(
    police_unit: Any, profile: Any, signed_in: Any
) -> None:
    victim = b.victim(police_unit, datetime.date(2020, 3, 1))
    secretariat = persona(Role.SECRETARIAT)
    response = signed_in(secretariat).get(URL)
    assert response.status_code == 403
    assert "Your role does not give access to victims" in response.content.decode()
    assert victim.code not in response.content.decode()


def test_unknown_indicator_is_not_found(admin_user: Any, signed_in: Any) -> None:
    assert signed_in(admin_user).get("/indicators/NOPE/2020/records/").status_code == 404


def test_drilldown_of_another_kind_of_record(
    police_unit: Any, admin_user: Any, signed_in: Any
) -> None:
    case = b.case(police_unit, datetime.date(2020, 5, 5))
    page = signed_in(admin_user).get("/indicators/PROS_INVESTIGATIONS_NEW/2020/records/")
    assert case.registration_number in page.content.decode()


def test_signed_out_users_are_sent_to_sign_in(profile: Any, unverified_client: Client) -> None:
    response = unverified_client.get(URL)
    assert response.status_code == 302
