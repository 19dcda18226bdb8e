"""The referral and service API: same validation and write path as the pages."""

from __future__ import annotations

import pytest

from tipdata.referrals.models import Referral, ServiceDelivery
from tipdata.referrals.tests.conftest import audit_of

pytestmark = pytest.mark.django_db


def referral_payload(victim, to, **extra):
    data = {
        "victim": victim.pk,
        "to_organisation": to.pk,
        "referred_on": "2020-03-03",
        "requested_services": ["shelter", "psychological"],
        "consent_given": True,
        "notes": "Speaks Uzbek only",
    }
    data.update(extra)
    return data


def test_create_list_detail(api_as, investigator, case_worker, victim, shelter):
    client = api_as(investigator)
    response = client.post("/api/referrals/", referral_payload(victim, shelter), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["from_organisation"] == investigator.organisation.pk
    assert "notes" not in body and body["personal_data"] is None

    inbox = api_as(case_worker).get("/api/referrals/?direction=received").json()
    assert [r["id"] for r in inbox["results"]] == [body["id"]]
    assert api_as(case_worker).get("/api/referrals/?direction=made").json()["count"] == 0
    assert client.get("/api/referrals/?service=psychological").json()["count"] == 1
    assert client.get("/api/referrals/?service=legal_aid").json()["count"] == 0

    detail = api_as(case_worker).get(f"/api/referrals/{body['id']}/").json()
    assert detail["personal_data"]["notes"] == "Speaks Uzbek only"
    referral = Referral.objects.get()
    assert audit_of(referral).filter(action="view_personal").count() == 1


def test_bad_input_names_the_field_and_writes_nothing(api_as, investigator, victim, shelter):
    client = api_as(investigator)
    response = client.post(
        "/api/referrals/",
        referral_payload(victim, shelter, consent_given=False),
        format="json",
    )
    assert response.status_code == 400
    assert "consent_override_reason" in response.json()
    response = client.post(
        "/api/referrals/",
        referral_payload(victim, shelter, requested_services=["spa"]),
        format="json",
    )
    assert response.status_code == 400 and "requested_services" in response.json()
    response = client.post(
        "/api/referrals/",
        referral_payload(victim, shelter, referred_on="2020-02-31"),
        format="json",
    )
    assert response.status_code == 400 and "referred_on" in response.json()
    assert not Referral.objects.exists()


def test_update_and_transitions(api_as, investigator, case_worker, referral):
    police, ngo = api_as(investigator), api_as(case_worker)
    url = f"/api/referrals/{referral.pk}/"
    response = police.patch(url, {"requested_services": ["medical"]}, format="json")
    assert response.status_code == 200 and response.json()["requested_services"] == ["medical"]
    assert police.patch(url, {"status": "accepted"}, format="json").status_code == 200
    assert Referral.objects.get().status == "pending"  # status is read-only

    refused = police.post(f"{url}transitions/accept/", {"responded_on": "2020-03-04"})
    assert refused.status_code == 403
    bad = ngo.post(f"{url}transitions/decline/", {"responded_on": "2020-03-04"}, format="json")
    assert bad.status_code == 400 and "note" in bad.json()
    ok = ngo.post(f"{url}transitions/accept/", {"responded_on": "2020-03-04"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    again = ngo.post(f"{url}transitions/accept/", {"responded_on": "2020-03-05"}, format="json")
    assert again.status_code == 400 and "status" in again.json()
    late = police.patch(url, {"requested_services": ["shelter"]}, format="json")
    assert late.status_code == 400 and "status" in late.json()


def test_services_api(api_as, case_worker, victim, referral):
    client = api_as(case_worker)
    client.post(
        f"/api/referrals/{referral.pk}/transitions/accept/",
        {"responded_on": "2020-03-04"},
        format="json",
    )
    payload = {
        "victim": victim.pk,
        "referral": referral.pk,
        "kind": "shelter",
        "started_on": "2020-03-05",
        "funding": "mixed",
        "notes": "Room 4",
    }
    created = client.post("/api/services/", payload, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["provider"] == case_worker.organisation.pk and body["government_funded"] is True
    assert client.get("/api/services/?government_funded=true").json()["count"] == 1
    assert client.get("/api/services/?government_funded=false").json()["count"] == 0
    url = f"/api/services/{body['id']}/"
    assert client.get(url).json()["personal_data"] == {"notes": "Room 4"}
    bad = client.patch(url, {"ended_on": "2020-03-01"}, format="json")
    assert bad.status_code == 400 and "ended_on" in bad.json()
    assert ServiceDelivery.objects.get().ended_on is None
    good = client.patch(url, {"ended_on": "2020-04-01", "outcome": "provided"}, format="json")
    assert good.status_code == 200 and good.json()["ended_on"] == "2020-04-01"
    wrong_kind = client.post("/api/services/", {**payload, "kind": "spa"}, format="json")
    assert wrong_kind.status_code == 400 and "kind" in wrong_kind.json()
    assert ServiceDelivery.objects.count() == 1


def test_referral_out_of_scope_is_not_found(api_as, referral, profile):
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import organisation, persona

    outsider = persona(Role.NGO_CASE_WORKER, organisation("NGO_SHELTER"))
    assert api_as(outsider).get(f"/api/referrals/{referral.pk}/").status_code == 404
    assert api_as(outsider).get("/api/referrals/").json()["count"] == 0


def test_anonymous_refused(client):
    assert client.get("/api/referrals/").status_code in (401, 403)
    assert client.get("/api/services/").status_code in (401, 403)
