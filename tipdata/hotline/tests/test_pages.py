"""Hotline pages: list with filters, the form with field errors, detail with lineage."""

from __future__ import annotations

import pytest

from tipdata.hotline.models import HotlineCall

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {
        "received_at": "2020-05-01T09:15",
        "caller_type": "possible_victim",
        "topic": "migration",
        "possible_victims": "1",
        "outcome": "information",
        "summary": "Passport taken by employer",
    }
    data.update(extra)
    return data


def test_create_then_detail_shows_history(client, operator):
    client.force_login(operator)
    response = client.post("/hotline/calls/new/", form_data())
    assert response.status_code == 302, response.content.decode()
    page = client.get(response["Location"]).content.decode()
    assert "History" in page and "Created" in page
    assert "Passport taken" not in page  # personal: shown on request only


def test_bad_date_shows_the_field_error_and_saves_nothing(client, operator):
    client.force_login(operator)
    response = client.post("/hotline/calls/new/", form_data(received_at="2020-02-30T10:00"))
    assert response.status_code == 400
    assert "Enter a valid date/time" in response.content.decode()
    response = client.post("/hotline/calls/new/", form_data(outcome="referred_police"))
    assert response.status_code == 400
    assert "Name the body the call was referred to." in response.content.decode()
    assert not HotlineCall.objects.exists()


def test_list_filters(client, operator, call):
    client.force_login(operator)
    client.post("/hotline/calls/new/", form_data())
    assert "2 records" in client.get("/hotline/calls/").content.decode()
    assert "1 record" in client.get("/hotline/calls/?topic=migration").content.decode()
    assert "1 record" in client.get("/hotline/calls/?outcome=referred_police").content.decode()
    assert "0 records" in client.get("/hotline/calls/?led_to_case=true").content.decode()


def test_police_link_the_case_from_the_call_page(client, investigator, call, case):
    client.force_login(investigator)
    detail = client.get(f"/hotline/calls/{call.pk}/").content.decode()
    assert 'action="step/link_case/"' in detail
    response = client.post(
        f"/hotline/calls/{call.pk}/step/link_case/",
        {"link_case-case_number": case.registration_number},
    )
    assert response.status_code == 302
    assert HotlineCall.objects.get().case == case
    detail = client.get(f"/hotline/calls/{call.pk}/").content.decode()
    lineage = detail.split("Criminal case it led to</h2>")[1].split("</section>")[0]
    assert case.registration_number in lineage


def test_summary_panel_is_audited_and_refused_to_analysts(client, operator, call):
    from tipdata.accounts.models import Role
    from tipdata.referrals.tests.conftest import audit_of
    from tipdata.testing.factories import persona

    client.force_login(operator)
    assert "Taraz" in client.get(f"/hotline/calls/{call.pk}/personal/").content.decode()
    assert audit_of(call).filter(action="view_personal").count() == 1
    client.force_login(persona(Role.ANALYST))
    assert "Taraz" not in client.get(f"/hotline/calls/{call.pk}/personal/").content.decode()
