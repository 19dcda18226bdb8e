"""The victim API: same validation and write path as the pages."""

from __future__ import annotations

import pytest

from tipdata.audit.models import AuditEntry
from tipdata.victims.models import PersonalData, Victim

pytestmark = pytest.mark.django_db


def payload(org, **extra):
    data = {
        "registered_by": org.pk,
        "registered_on": "2020-05-04",
        "sex": "female",
        "age_group": "child",
        "citizenship": "KZ",
        "exploitation_country": "BH",
        "exploitation_forms": ["SexualExploitation"],
        "sex_exploitation_type": "Prostitution",
        "personal": {"family_name": "Ахметова", "given_name": "Жанна", "birth_year": 2004},
    }
    data.update(extra)
    return data


def test_create_list_detail(api_as, case_worker):
    client = api_as(case_worker)
    response = client.post("/api/victims/", payload(case_worker.organisation), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"].startswith("V-") and body["status"] == "potential"
    assert body["exploitation_forms"] == ["SexualExploitation"]
    assert "personal" not in body  # write-only
    victim = Victim.objects.get(pk=body["id"])
    assert PersonalData.objects.get(victim=victim).family_name == "Ахметова"

    listing = client.get("/api/victims/?age_group=child").json()
    assert listing["count"] == 1 and listing["results"][0]["personal_data"] is None

    detail = client.get(f"/api/victims/{victim.pk}/").json()
    assert detail["personal_data"]["family_name"] == "Ахметова"
    assert AuditEntry.objects.filter(action="view_personal", object_id=str(victim.pk)).exists()


def test_bad_input_names_the_field_and_writes_nothing(api_as, case_worker):
    client = api_as(case_worker)
    response = client.post(
        "/api/victims/",
        payload(case_worker.organisation, exploitation_forms=["Nonsense"]),
        format="json",
    )
    assert response.status_code == 400
    assert "exploitation_forms" in response.json()
    response = client.post(
        "/api/victims/",
        payload(
            case_worker.organisation, personal={"birth_date": "2004-01-01", "birth_year": 2003}
        ),
        format="json",
    )
    assert response.status_code == 400
    assert "birth_year" in response.json()
    assert Victim.objects.count() == 0


def test_transition_through_api(api_as, case_worker):
    client = api_as(case_worker)
    victim_id = client.post(
        "/api/victims/", payload(case_worker.organisation), format="json"
    ).json()["id"]
    url = f"/api/victims/{victim_id}/transitions/identify/"
    bad = client.post(url, {"identified_on": "2020-05-05"}, format="json")
    assert bad.status_code == 400 and "identification_channel" in bad.json()
    ok = client.post(
        url,
        {"identified_on": "2020-05-05", "identification_channel": "ngo_outreach"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "identified"
    again = client.post(
        url,
        {"identified_on": "2020-05-06", "identification_channel": "ngo_outreach"},
        format="json",
    )
    assert again.status_code == 400 and "status" in again.json()


def test_status_is_read_only(api_as, case_worker):
    client = api_as(case_worker)
    victim_id = client.post(
        "/api/victims/", payload(case_worker.organisation), format="json"
    ).json()["id"]
    client.patch(f"/api/victims/{victim_id}/", {"status": "identified"}, format="json")
    assert Victim.objects.get(pk=victim_id).status == "potential"


def test_anonymous_refused(client):
    assert client.get("/api/victims/").status_code in (401, 403)
