"""The labour inspection API: violations as a dict, steps, validation naming the field."""

from __future__ import annotations

import datetime

import pytest

from tipdata.inspections.models import LabourInspection, Violation

pytestmark = pytest.mark.django_db


def payload(**extra):
    data = {
        "inspected_on": "2020-08-12",
        "employer_name": "Kazakh Cotton JSC",
        "is_recruitment_agency": False,
        "forced_labour_indicators": ["debt_bondage"],
        "violations": {"wages": 4, "migrant_permits": 7},
        "administrative_citations": 2,
        "fines_count": 1,
        "fines_amount_kzt": "138900.00",
    }
    data.update(extra)
    return data


def test_create_list_detail_update(api_as, inspector):
    client = api_as(inspector)
    created = client.post("/api/labour-inspections/", payload(), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["violations"] == {"migrant_permits": 7, "wages": 4}
    assert body["violations_total"] == 11
    assert body["inspecting_unit"] == inspector.organisation.pk
    url = f"/api/labour-inspections/{body['id']}/"
    assert client.get(url).json()["forced_labour_indicators"] == ["debt_bondage"]
    listing = client.get("/api/labour-inspections/?violation=wages&indicator=debt_bondage").json()
    assert listing["count"] == 1
    assert client.get("/api/labour-inspections/?indicator=deception").json()["count"] == 0
    patched = client.patch(url, {"violations": {"wages": 5}}, format="json")
    assert patched.status_code == 200 and patched.json()["violations"] == {"wages": 5}
    kept = client.patch(url, {"fines_count": 2}, format="json")
    assert kept.json()["violations"] == {"wages": 5} and kept.json()["fines_count"] == 2


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"violations": {"wages": -3}}, "violations"),
        ({"violations": {"bribery": 1}}, "violations"),
        ({"fines_count": 0}, "fines_amount_kzt"),
        ({"inspected_on": "2020-02-30"}, "inspected_on"),
        ({"forced_labour_indicators": ["bad_food"]}, "forced_labour_indicators"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(api_as, inspector, extra, field):
    response = api_as(inspector).post("/api/labour-inspections/", payload(**extra), format="json")
    assert response.status_code == 400 and field in response.json()
    assert not LabourInspection.objects.exists() and not Violation.objects.exists()


def test_steps_refer_and_link(api_as, inspection, inspector, investigator, police_unit, profile):
    from tipdata.cases.services import register_case
    from tipdata.profiles.models import PenalArticle

    url = f"/api/labour-inspections/{inspection.pk}/"
    police = api_as(investigator)
    assert police.get(url).status_code == 404  # not referred to this unit yet
    refer = f"{url}transitions/refer_to_police/"
    bad = api_as(inspector).post(refer, {"referred_on": "2020-06-04"}, format="json")
    assert bad.status_code == 400 and "referred_to" in bad.json()
    ok = api_as(inspector).post(
        refer, {"referred_on": "2020-06-04", "referred_to": police_unit.pk}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["referred_to_police"] is True
    case = register_case(
        actor=investigator,
        data={
            "registration_number": "200075031000555",
            "registered_on": datetime.date(2020, 6, 10),
            "investigating_unit": police_unit,
        },
        m2m={"articles": [PenalArticle.objects.get(profile=profile, code="128")]},
    )
    linked = police.post(
        f"{url}transitions/link_case/", {"case_number": case.registration_number}, format="json"
    )
    assert linked.status_code == 200 and linked.json()["case"] == case.pk
    assert police.get("/api/labour-inspections/?led_to_case=true").json()["count"] == 1


def test_follow_up_fields_are_read_only(api_as, inspector, police_unit):
    response = api_as(inspector).post(
        "/api/labour-inspections/",
        payload(referred_to_police=True, referred_to=police_unit.pk),
        format="json",
    )
    assert response.status_code == 201
    inspection = LabourInspection.objects.get()
    assert not inspection.referred_to_police and inspection.referred_to is None
