"""Inspection pages: violations on the form, field errors, list filters, detail lineage."""

from __future__ import annotations

import pytest

from tipdata.inspections.models import LabourInspection

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {
        "inspected_on": "2020-09-01",
        "employer_name": "Shymkent Brick Works",
        "employer_business_id": "987654321098",
        "forced_labour_indicators": ["isolation", "excessive_overtime"],
        "administrative_citations": "1",
        "fines_count": "1",
        "fines_amount_kzt": "250000",
        "violations_wages": "2",
        "violations_working_time": "5",
        "violations_safety": "",
    }
    data.update(extra)
    return data


def test_create_with_violations_then_detail_shows_them_and_history(client, inspector):
    client.force_login(inspector)
    form = client.get("/inspections/labourinspections/new/").content.decode()
    assert 'name="violations_child_labour"' in form
    response = client.post("/inspections/labourinspections/new/", form_data())
    assert response.status_code == 302, response.content.decode()
    inspection = LabourInspection.objects.get()
    assert inspection.violation_counts == {"wages": 2, "working_time": 5}
    page = client.get(response["Location"]).content.decode()
    assert "Working time and rest" in page and "Excessive overtime" in page
    assert "History" in page and "Created" in page


def test_edit_form_shows_and_replaces_the_counts(client, inspector, inspection):
    client.force_login(inspector)
    url = f"/inspections/labourinspections/{inspection.pk}/edit/"
    assert 'name="violations_no_agreement" value="12"' in client.get(url).content.decode()
    response = client.post(url, form_data(violations_wages="0", violations_working_time="1"))
    assert response.status_code == 302
    assert LabourInspection.objects.get().violation_counts == {"working_time": 1}


def test_bad_date_and_negative_count_show_field_errors(client, inspector):
    client.force_login(inspector)
    response = client.post("/inspections/labourinspections/new/", form_data(inspected_on="2020-9"))
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()
    response = client.post("/inspections/labourinspections/new/", form_data(violations_wages="-1"))
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert not LabourInspection.objects.exists()


def test_list_filters(client, inspector, inspection):
    client.force_login(inspector)
    client.post("/inspections/labourinspections/new/", form_data())
    base = "/inspections/labourinspections/"
    assert "2 records" in client.get(base).content.decode()
    assert "1 record" in client.get(f"{base}?violation=no_agreement").content.decode()
    assert "1 record" in client.get(f"{base}?q=brick").content.decode()
    assert "1 record" in client.get(f"{base}?inspected_after=2020-08-01").content.decode()


def test_refer_step_on_the_page(client, inspector, inspection, police_unit):
    client.force_login(inspector)
    page = client.get(f"/inspections/labourinspections/{inspection.pk}/").content.decode()
    assert 'action="step/refer_to_police/"' in page
    response = client.post(
        f"/inspections/labourinspections/{inspection.pk}/step/refer_to_police/",
        {
            "refer_to_police-referred_on": "2020-06-05",
            "refer_to_police-referred_to": police_unit.pk,
        },
    )
    assert response.status_code == 302
    page = client.get(f"/inspections/labourinspections/{inspection.pk}/").content.decode()
    assert 'action="step/refer_to_police/"' not in page  # once
    assert LabourInspection.objects.get().referred_to == police_unit
