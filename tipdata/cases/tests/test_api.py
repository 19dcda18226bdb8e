"""The case API: every endpoint lists, reads, creates, updates and answers 400 naming the field.

Each endpoint writes through the same service as the pages, so these tests check the wiring
(parent in the body, transitions, links) and the error shapes, not the rules again.
"""

from __future__ import annotations

import pytest

from tipdata.accounts.models import Role
from tipdata.audit.services import history
from tipdata.cases.models import CaseStatusChange, CriminalCase, Defendant
from tipdata.cases.tests.conftest import D, case_input, victim_of
from tipdata.testing.factories import organisation, persona

pytestmark = pytest.mark.django_db


def case_payload(unit, article, **extra):
    return case_input(
        unit, article, **{"registration_number": "API-1", "transnational": True, **extra}
    )


def test_case_create_list_detail_update(api_as, investigator, article):
    client = api_as(investigator)
    response = client.post(
        "/api/cases/", case_payload(investigator.organisation, article), format="json"
    )
    assert response.status_code == 201, response.content
    case_id = response.json()["id"]
    assert response.json()["status"] == "investigating"
    client.post(
        "/api/cases/",
        case_payload(investigator.organisation, article, registration_number="API-2"),
        format="json",
    )
    listing = client.get("/api/cases/?q=API-1").json()
    assert [c["id"] for c in listing["results"]] == [case_id]
    assert client.get(f"/api/cases/?article={article.pk}").json()["count"] == 2
    assert client.get("/api/cases/?transnational=false").json()["count"] == 0
    patched = client.patch(
        f"/api/cases/{case_id}/", {"summary": "Bahrain route", "status": "closed"}, format="json"
    )
    assert patched.status_code == 200
    stored = CriminalCase.objects.get(pk=case_id)
    assert stored.summary == "Bahrain route" and stored.status == "investigating"
    assert client.get(f"/api/cases/{case_id}/").json()["summary"] == "Bahrain route"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"articles": []}, "articles"),
        ({"registered_on": "2999-01-01"}, "registered_on"),
        ({"registration_number": "200075031000123"}, "registration_number"),
    ],
)
def test_case_create_400_names_the_field(api_as, investigator, article, case, extra, field):
    response = api_as(investigator).post(
        "/api/cases/", case_payload(investigator.organisation, article, **extra), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert CriminalCase.objects.count() == 1


def test_case_transitions(api_as, investigator, case):
    client = api_as(investigator)
    url = f"/api/cases/{case.pk}/transitions/"
    bad = client.post(url + "suspend/", {"occurred_on": "2020-01-01"}, format="json")
    assert bad.status_code == 400 and "occurred_on" in bad.json()
    missing = client.post(url + "terminate/", {"occurred_on": "2020-03-01"}, format="json")
    assert missing.status_code == 400 and "termination_reason" in missing.json()
    ok = client.post(url + "suspend/", {"occurred_on": "2020-03-01"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "suspended"
    assert ok.json()["steps"][0]["transition"] == "suspend"
    refused = client.post(url + "send_to_court/", {"occurred_on": "2020-03-02"}, format="json")
    assert refused.status_code == 400
    assert CaseStatusChange.objects.count() == 1
    assert client.post(url + "nonsense/", {}, format="json").status_code == 404


def test_link_and_unlink_victims(api_as, investigator, case_worker, case):
    own = victim_of(investigator)
    other = victim_of(case_worker)
    client = api_as(investigator)
    hidden = client.post(f"/api/cases/{case.pk}/victims/", {"victims": [other.pk]}, format="json")
    assert hidden.status_code == 400 and "victims" in hidden.json()
    linked = client.post(f"/api/cases/{case.pk}/victims/", {"victims": [own.pk]}, format="json")
    assert linked.status_code == 200 and linked.json()["victims"] == [own.pk]
    unlinked = client.post(
        f"/api/cases/{case.pk}/victims/unlink/", {"victim": own.pk}, format="json"
    )
    assert unlinked.status_code == 200 and unlinked.json()["victims"] == []


def test_defendants_endpoint(api_as, investigator, case):
    client = api_as(investigator)
    created = client.post(
        "/api/defendants/",
        {"case": case.pk, "full_name": "Karimov Rustam", "sex": "male", "citizenship": "UZ"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["role"] == "suspect" and "full_name" not in body
    pk = body["id"]
    assert client.get(f"/api/defendants/?case={case.pk}").json()["count"] == 1
    detail = client.get(f"/api/defendants/{pk}/").json()
    assert detail["personal_data"]["full_name"] == "Karimov Rustam"
    analyst = persona(Role.ANALYST, organisation("MINISTRY"))
    assert api_as(analyst).get(f"/api/defendants/{pk}/").json()["personal_data"] is None
    patched = client.patch(f"/api/defendants/{pk}/", {"is_public_official": True}, format="json")
    assert patched.status_code == 200 and patched.json()["is_public_official"] is True
    future = client.patch(f"/api/defendants/{pk}/", {"arrested_on": "2999-01-01"}, format="json")
    assert future.status_code == 400 and "arrested_on" in future.json()
    charge = client.post(
        f"/api/defendants/{pk}/transitions/charge/", {"charged_on": "2020-03-01"}, format="json"
    )
    assert charge.status_code == 200 and charge.json()["role"] == "defendant"
    assert Defendant.objects.get(pk=pk).charged_on == D(2020, 3, 1)


def test_defendant_create_400_names_the_case(api_as, investigator, case):
    response = api_as(investigator).post("/api/defendants/", {"sex": "male"}, format="json")
    assert response.status_code == 400 and "case" in response.json()


def test_verdicts_and_sentences_endpoints(api_as, clerk, in_court, defendant, article):
    client = api_as(clerk)
    bad = client.post(
        "/api/verdicts/",
        {
            "defendant": defendant.pk,
            "outcome": "convicted",
            "verdict_on": "2020-04-01",
            "article": article.pk,
        },
        format="json",
    )
    assert bad.status_code == 400 and "verdict_on" in bad.json()
    created = client.post(
        "/api/verdicts/",
        {
            "defendant": defendant.pk,
            "outcome": "convicted",
            "verdict_on": "2020-09-01",
            "article": article.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    verdict_id = created.json()["id"]
    assert created.json()["court"] == clerk.organisation.pk
    assert client.get("/api/verdicts/?outcome=convicted").json()["count"] == 1
    assert client.get(f"/api/verdicts/{verdict_id}/").json()["defendant"] == defendant.pk
    months = client.post(
        "/api/sentences/",
        {"verdict": verdict_id, "kind": "imprisonment", "years": 6, "months": 14},
        format="json",
    )
    assert months.status_code == 400 and "months" in months.json()
    sentence = client.post(
        "/api/sentences/",
        {"verdict": verdict_id, "kind": "imprisonment", "years": 6, "months": 7},
        format="json",
    )
    assert sentence.status_code == 201, sentence.content
    sentence_id = sentence.json()["id"]
    assert client.get("/api/sentences/?kind=imprisonment").json()["count"] == 1
    assert client.get(f"/api/sentences/{sentence_id}/").json()["years"] == 6
    patched = client.patch(f"/api/sentences/{sentence_id}/", {"years": 7}, format="json")
    assert patched.status_code == 200 and patched.json()["years"] == 7
    acquit = client.patch(f"/api/verdicts/{verdict_id}/", {"outcome": "acquitted"}, format="json")
    assert acquit.status_code == 400 and "outcome" in acquit.json()
    moved = client.patch(
        f"/api/verdicts/{verdict_id}/", {"verdict_on": "2020-09-02"}, format="json"
    )
    assert moved.status_code == 200 and moved.json()["verdict_on"] == "2020-09-02"


def test_cooperation_endpoint(api_as, investigator, case, defendant):
    client = api_as(investigator)
    own_country = client.post(
        "/api/case-cooperation/",
        {"case": case.pk, "kind": "mla_sent", "country": "KZ", "occurred_on": "2020-04-01"},
        format="json",
    )
    assert own_country.status_code == 400 and "country" in own_country.json()
    created = client.post(
        "/api/case-cooperation/",
        {"case": case.pk, "kind": "mla_sent", "country": "BH", "occurred_on": "2020-04-01"},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.get("/api/case-cooperation/?country=BH").json()["count"] == 1
    assert client.get(f"/api/case-cooperation/{pk}/").json()["kind"] == "mla_sent"
    patched = client.patch(
        f"/api/case-cooperation/{pk}/",
        {"kind": "extradition_in", "defendant": defendant.pk},
        format="json",
    )
    assert patched.status_code == 200
    defendant.refresh_from_db()
    assert defendant.extradited is True


def test_case_reviews_endpoint(api_as, prosecutor, pgo, case):
    client = api_as(prosecutor)
    payload = {
        "title": "Review 2020",
        "conducted_by": pgo.pk,
        "started_on": "2020-05-01",
        "completed_on": "2020-04-01",
        "cases": [case.pk],
    }
    bad = client.post("/api/case-reviews/", payload, format="json")
    assert bad.status_code == 400 and "completed_on" in bad.json()
    created = client.post(
        "/api/case-reviews/", {**payload, "completed_on": "2020-07-01"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.get("/api/case-reviews/?q=2020").json()["count"] == 1
    assert client.get(f"/api/case-reviews/{pk}/").json()["cases"] == [case.pk]
    patched = client.patch(f"/api/case-reviews/{pk}/", {"title": "PGO review"}, format="json")
    assert patched.status_code == 200
    assert history(case).count() >= 1


def test_ngo_sees_no_cases(api_as, case_worker, case):
    assert api_as(case_worker).get("/api/cases/").json().get("count", 0) == 0
