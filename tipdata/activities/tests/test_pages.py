"""Activity pages: the index, the training form with its audience rows, filters, lineage."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from tipdata.activities import services
from tipdata.activities.models import SpecialOperation, Training
from tipdata.activities.records import ACTIVITY_TYPES
from tipdata.cases.services import register_case
from tipdata.core.views import model_name
from tipdata.profiles.models import PenalArticle
from tipdata.victims.services import register_victim

pytestmark = pytest.mark.django_db

D = datetime.date


def training_post(org, rows=(("police", "90"), ("judges", "36")), **extra):
    data = {
        "organiser": org.pk,
        "title": "Labour trafficking cases",
        "started_on": "2020-10-05",
        "ended_on": "2020-10-07",
        "funding": "government",
        "audience-TOTAL_FORMS": str(len(rows) + 1),
        "audience-INITIAL_FORMS": "0",
        "audience-MIN_NUM_FORMS": "0",
        "audience-MAX_NUM_FORMS": "1000",
    }
    for i, (profession, count) in enumerate(rows):
        data[f"audience-{i}-profession"] = profession
        data[f"audience-{i}-count"] = count
    data.update(extra)
    return data


def test_navigation_leads_to_the_index_which_counts_each_kind(client, investigator):
    client.force_login(investigator)
    services.record_operation(
        actor=investigator,
        data={
            "organiser": investigator.organisation,
            "name": "Stop Trafficking",
            "started_on": D(2020, 3, 2),
        },
    )
    home = client.get("/").content.decode()
    assert 'href="/activities/"' in home
    page = client.get("/activities/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Special police operations" in text and "Trainings" in text
    row = r'href="/activities/specialoperations/">Special police operations</a></td>\s*<td>1</td>'
    assert re.search(row, text)


def test_every_kind_has_list_and_create_pages(client, investigator):
    client.force_login(investigator)
    for record_type in ACTIVITY_TYPES:
        name = model_name(record_type)
        assert client.get(f"/activities/{name}s/").status_code == 200, name
        assert client.get(f"/activities/{name}s/new/").status_code == 200, name


def test_training_with_audience_rows_then_edit(client, investigator):
    client.force_login(investigator)
    response = client.post("/activities/trainings/new/", training_post(investigator.organisation))
    assert response.status_code == 302, response.content.decode()
    course = Training.objects.get()
    assert course.total_trained == 126
    detail = client.get(response["Location"]).content.decode()
    assert "Audience by profession" in detail and "Judges" in detail and "126" in detail

    edit = client.get(f"/activities/trainings/{course.pk}/edit/").content.decode()
    assert 'name="audience-0-count" value="90"' in edit or 'value="90"' in edit
    rows = course.audience.order_by("profession")
    data = training_post(investigator.organisation, rows=(), title="Renamed")
    data.update(
        {
            "audience-TOTAL_FORMS": "2",
            "audience-INITIAL_FORMS": "2",
            "audience-0-id": str(rows[0].pk),
            "audience-0-profession": "judges",
            "audience-0-count": "40",
            "audience-1-id": str(rows[1].pk),
            "audience-1-profession": "police",
            "audience-1-count": "90",
            "audience-1-DELETE": "on",
        }
    )
    response = client.post(f"/activities/trainings/{course.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    course.refresh_from_db()
    assert course.title == "Renamed"
    assert dict(course.audience.values_list("profession", "count")) == {"judges": 40}


def test_negative_count_is_shown_on_its_row_and_nothing_saved(client, investigator):
    client.force_login(investigator)
    response = client.post(
        "/activities/trainings/new/",
        training_post(investigator.organisation, rows=(("police", "-3"),)),
    )
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert Training.objects.count() == 0


def test_end_before_start_names_the_field(client, investigator):
    client.force_login(investigator)
    response = client.post(
        "/activities/trainings/new/",
        training_post(investigator.organisation, ended_on="2020-10-01"),
    )
    assert response.status_code == 400
    assert "The end date cannot precede the start date." in response.content.decode()
    assert Training.objects.count() == 0


def test_editing_another_organisations_record_is_forbidden(client, investigator, case_worker):
    course = services.record_training(
        actor=investigator,
        data={"organiser": investigator.organisation, "title": "T", "started_on": D(2020, 1, 9)},
    )
    client.force_login(case_worker)
    assert client.get(f"/activities/trainings/{course.pk}/edit/").status_code == 403
    data = training_post(investigator.organisation, rows=())
    assert client.post(f"/activities/trainings/{course.pk}/edit/", data).status_code == 403
    assert Training.objects.get().title == "T"


def test_list_filters(client, investigator):
    client.force_login(investigator)
    for title, funding in [("Gov course", "government"), ("Donor course", "donor")]:
        services.record_training(
            actor=investigator,
            data={
                "organiser": investigator.organisation,
                "title": title,
                "started_on": D(2020, 5, 1),
                "funding": funding,
            },
        )
    assert "2 records" in client.get("/activities/trainings/").content.decode()
    donor = client.get("/activities/trainings/?funding=donor").content.decode()
    assert "1 record" in donor and "Donor course" in donor and "Gov course" not in donor
    found = client.get("/activities/trainings/?q=gov").content.decode()
    assert "1 record" in found and "Gov course" in found
    later = client.get("/activities/trainings/?started_from=2020-06-01").content.decode()
    assert "0 records" in later


def test_operation_detail_shows_the_cases_and_victims_it_produced(
    client, investigator, case_worker
):
    operation = services.record_operation(
        actor=investigator,
        data={
            "organiser": investigator.organisation,
            "name": "Stop Trafficking",
            "started_on": D(2020, 3, 2),
        },
    )
    case = register_case(
        actor=investigator,
        data={
            "registration_number": "200075031000777",
            "registered_on": D(2020, 3, 3),
            "investigating_unit": investigator.organisation,
            "special_operation": operation,
        },
        m2m={"articles": [PenalArticle.objects.get(code="308")]},
    )
    victim = register_victim(
        actor=investigator,
        data={
            "registered_by": investigator.organisation,
            "registered_on": D(2020, 3, 3),
            "sex": "female",
            "age_group": "adult",
            "special_operation": operation,
        },
    )
    client.force_login(investigator)
    text = client.get(f"/activities/specialoperations/{operation.pk}/").content.decode()
    assert str(case) in text and victim.code in text
    assert f'href="{victim.get_absolute_url()}"' in text
    assert SpecialOperation.objects.get().cases.count() == 1


def test_grant_detail_shows_usd(client, ministry_officer, shelter):
    grant = services.record_grant(
        actor=ministry_officer,
        data={
            "funder": ministry_officer.organisation,
            "grantee": shelter,
            "purpose": "shelter",
            "year": 2020,
            "amount_kzt": Decimal("174300000"),
        },
    )
    client.force_login(ministry_officer)
    text = client.get(f"/activities/grants/{grant.pk}/").content.decode()
    assert "413,748.90 USD" in text  # the report: 174.3 million KZT ($413,750)


def test_auditor_sees_no_activity_kinds_and_cannot_record(client, profile):
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import persona

    client.force_login(persona(Role.AUDITOR))
    page = client.get("/activities/").content.decode()
    assert "Trainings" not in page
    assert client.get("/activities/trainings/new/").status_code == 403
