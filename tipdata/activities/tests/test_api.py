"""Activity API: every endpoint lists, creates, reads and filters through the services."""

from __future__ import annotations

import datetime

import pytest

from tipdata.activities.models import SpecialOperation, Training
from tipdata.audit.models import AuditEntry
from tipdata.victims.services import register_victim

pytestmark = pytest.mark.django_db


def payloads(org, other):
    """One valid body per endpoint, and the filter that finds it."""
    return {
        "trainings": (
            {
                "organiser": org.pk,
                "title": "Online course",
                "started_on": "2020-04-01",
                "audience": [{"profession": "police", "count": 168}],
            },
            "funding=government",
        ),
        "campaigns": (
            {
                "organiser": org.pk,
                "title": "Safe migration",
                "channel": "social_media",
                "started_on": "2020-07-30",
                "budget_kzt": "1500000.00",
            },
            "channel=social_media",
        ),
        "special-operations": (
            {"organiser": org.pk, "name": "Stop Trafficking", "started_on": "2020-03-02"},
            "q=stop",
        ),
        "working-group-meetings": None,  # needs a working group: tested below
        "grants": (
            {
                "funder": org.pk,
                "grantee": other.pk,
                "purpose": "shelter",
                "year": 2020,
                "amount_kzt": "69400000.00",
            },
            "year=2020",
        ),
        "taskforces": (
            {
                "coordinator": org.pk,
                "name": "Mobile taskforce",
                "established_on": "2020-08-01",
                "members": [org.pk, other.pk],
            },
            f"members={other.pk}",
        ),
        "bilateral-agreements": (
            {
                "recorded_by": org.pk,
                "country": "UZ",
                "title": "Readmission",
                "signed_on": "2019-04-15",
            },
            "country=UZ",
        ),
        "capacity-figures": (
            {"organisation": org.pk, "metric": "labour_inspectors", "year": 2020, "value": 284},
            "metric=labour_inspectors",
        ),
        "repatriations": (
            {"organiser": org.pk, "from_country": "SY", "started_on": "2019-01-06", "children": 21},
            "from_country=SY",
        ),
    }


ENDPOINTS = [
    "trainings",
    "campaigns",
    "special-operations",
    "grants",
    "taskforces",
    "bilateral-agreements",
    "capacity-figures",
    "repatriations",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_create_read_filter_and_page(api_as, client, investigator, shelter, endpoint):
    api = api_as(investigator)
    body, query = payloads(investigator.organisation, shelter)[endpoint]
    created = api.post(f"/api/{endpoint}/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    entry = AuditEntry.objects.filter(object_id=str(pk), action="create").latest("id")
    client.force_login(investigator)
    page = client.get(entry.content_type.get_object_for_this_type(pk=pk).get_absolute_url())
    assert page.status_code == 200 and "History" in page.content.decode()
    assert api.get(f"/api/{endpoint}/{pk}/").status_code == 200
    assert api.get(f"/api/{endpoint}/?{query}").json()["count"] == 1
    other = api.get(f"/api/{endpoint}/?{query}&{query.split('=')[0]}=0")
    assert other.status_code in (200, 400)  # an impossible value finds nothing or is refused
    if other.status_code == 200:
        assert other.json()["count"] == 0


def test_training_audience_is_nested_both_ways(api_as, investigator):
    client = api_as(investigator)
    body = payloads(investigator.organisation, investigator.organisation)["trainings"][0]
    created = client.post("/api/trainings/", body, format="json").json()
    assert created["audience"] == [{"profession": "police", "count": 168}]
    assert created["total_trained"] == 168
    changed = client.patch(
        f"/api/trainings/{created['id']}/",
        {
            "audience": [
                {"profession": "police", "count": 90},
                {"profession": "judges", "count": 36},
            ]
        },
        format="json",
    ).json()
    assert sorted((r["profession"], r["count"]) for r in changed["audience"]) == [
        ("judges", 36),
        ("police", 90),
    ]


def test_bad_input_names_the_field_and_writes_nothing(api_as, investigator):
    client = api_as(investigator)
    body = payloads(investigator.organisation, investigator.organisation)["trainings"][0]
    negative = {**body, "audience": [{"profession": "police", "count": -1}]}
    response = client.post("/api/trainings/", negative, format="json")
    assert response.status_code == 400 and "audience" in response.json()
    twice = {**body, "audience": [{"profession": "police", "count": 1}] * 2}
    response = client.post("/api/trainings/", twice, format="json")
    assert response.status_code == 400 and "twice" in str(response.json()["audience"])
    backwards = {**body, "ended_on": "2020-03-01"}
    response = client.post("/api/trainings/", backwards, format="json")
    assert response.status_code == 400 and "ended_on" in response.json()
    assert Training.objects.count() == 0


def test_writing_for_another_organisation_is_forbidden(api_as, investigator, shelter):
    client = api_as(investigator)
    body = payloads(shelter, investigator.organisation)["special-operations"][0]
    assert client.post("/api/special-operations/", body, format="json").status_code == 403


def test_meeting_endpoint(api_as, secretariat):
    client = api_as(secretariat)
    body = {"body": secretariat.organisation.pk, "held_on": "2020-06-30", "virtual": True}
    created = client.post("/api/working-group-meetings/", body, format="json")
    assert created.status_code == 201, created.content
    assert client.get("/api/working-group-meetings/?virtual=true").json()["count"] == 1


def test_grant_shows_usd_and_operation_lists_its_victims(api_as, investigator, shelter):
    client = api_as(investigator)
    body, _query = payloads(investigator.organisation, shelter)["grants"]
    grant = client.post("/api/grants/", body, format="json").json()
    assert grant["amount_usd"] == "164739.95"

    body, _query = payloads(investigator.organisation, shelter)["special-operations"]
    op_id = client.post("/api/special-operations/", body, format="json").json()["id"]
    victim = register_victim(
        actor=investigator,
        data={
            "registered_by": investigator.organisation,
            "registered_on": datetime.date(2020, 3, 3),
            "sex": "female",
            "age_group": "adult",
            "special_operation": SpecialOperation.objects.get(pk=op_id),
        },
    )
    detail = client.get(f"/api/special-operations/{op_id}/").json()
    assert detail["results"]["victims"] == [{"id": victim.pk, "display": str(victim)}]
    assert detail["results"]["cases"] == []
    assert client.get("/api/special-operations/").json()["results"][0]["results"] is None


def test_anonymous_refused(client):
    assert client.get("/api/trainings/").status_code in (401, 403)
