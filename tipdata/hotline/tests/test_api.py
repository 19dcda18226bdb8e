"""The hotline API: list, detail, create, update and the lineage steps."""

from __future__ import annotations

import datetime

import pytest

from tipdata.hotline.models import HotlineCall

pytestmark = pytest.mark.django_db


def payload(**extra):
    data = {
        "received_at": "2020-05-01T10:30:00+06:00",
        "caller_type": "witness",
        "topic": "trafficking_report",
        "possible_victims": 1,
        "outcome": "information",
        "summary": "Girl aged about 16 at a sauna",
    }
    data.update(extra)
    return data


def test_create_list_detail_update(api_as, operator, police_unit):
    client = api_as(operator)
    created = client.post(
        "/api/hotline-calls/",
        payload(outcome="referred_police", referred_to=police_unit.pk),
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["operator"] == operator.organisation.pk and "summary" not in body
    url = f"/api/hotline-calls/{body['id']}/"
    assert client.get(url).json()["personal_data"] == {"summary": "Girl aged about 16 at a sauna"}
    listing = client.get("/api/hotline-calls/?outcome=referred_police&led_to_case=false").json()
    assert listing["count"] == 1 and listing["results"][0]["personal_data"] is None
    assert client.get("/api/hotline-calls/?received_after=2020-06-01").json()["count"] == 0
    patched = client.patch(url, {"possible_victims": 4}, format="json")
    assert patched.status_code == 200 and patched.json()["possible_victims"] == 4


def test_bad_input_names_the_field_and_writes_nothing(api_as, operator):
    client = api_as(operator)
    response = client.post("/api/hotline-calls/", payload(outcome="referred_ngo"), format="json")
    assert response.status_code == 400 and "referred_to" in response.json()
    response = client.post("/api/hotline-calls/", payload(possible_victims=-2), format="json")
    assert response.status_code == 400 and "possible_victims" in response.json()
    response = client.post(
        "/api/hotline-calls/", payload(received_at="2999-01-01T00:00:00Z"), format="json"
    )
    assert response.status_code == 400 and "received_at" in response.json()
    assert not HotlineCall.objects.exists()


def test_case_is_read_only_and_linked_by_the_step(api_as, call, case, investigator, operator):
    url = f"/api/hotline-calls/{call.pk}/"
    api_as(operator).patch(url, {"case": case.pk}, format="json")
    assert HotlineCall.objects.get().case is None
    police = api_as(investigator)
    missing = police.post(f"{url}transitions/link_case/", {"case_number": "nope"}, format="json")
    assert missing.status_code == 400 and "case_number" in missing.json()
    linked = police.post(
        f"{url}transitions/link_case/", {"case_number": case.registration_number}, format="json"
    )
    assert linked.status_code == 200 and linked.json()["case"] == case.pk
    assert police.get("/api/hotline-calls/?led_to_case=true").json()["count"] == 1


def test_link_victims_step(api_as, call, investigator):
    from tipdata.victims.services import register_victim

    victim = register_victim(
        actor=investigator,
        data={
            "registered_by": investigator.organisation,
            "registered_on": datetime.date(2020, 4, 12),
            "sex": "female",
            "age_group": "child",
        },
    )
    url = f"/api/hotline-calls/{call.pk}/transitions/link_victims/"
    client = api_as(investigator)
    bad = client.post(url, {"victim_codes": f"{victim.code}, V-ZZZZ-ZZZZ"}, format="json")
    assert bad.status_code == 400 and "V-ZZZZ-ZZZZ" in str(bad.json()["victim_codes"])
    assert not call.victims.exists()
    ok = client.post(url, {"victim_codes": victim.code.lower()}, format="json")
    assert ok.status_code == 200 and ok.json()["victims"] == [victim.pk]


def test_other_units_see_nothing(api_as, call, profile):
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import organisation, persona

    stranger = persona(Role.POLICE_INVESTIGATOR, organisation("MVD_AT_POLICE"))
    assert api_as(stranger).get(f"/api/hotline-calls/{call.pk}/").status_code == 404
