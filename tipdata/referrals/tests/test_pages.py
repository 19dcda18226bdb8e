"""Referral and service pages: list with filters, form errors, detail with steps and history."""

from __future__ import annotations

import pytest

from tipdata.referrals.models import Referral, ReferralStatus

pytestmark = pytest.mark.django_db


def form_data(victim, to, **extra):
    data = {
        "victim": victim.pk,
        "to_organisation": to.pk,
        "referred_on": "2020-03-03",
        "requested_services": ["shelter", "medical"],
        "consent_given": "on",
        "notes": "Needs a doctor",
    }
    data.update(extra)
    return data


def test_victim_page_links_to_a_prefilled_referral_form(client, investigator, victim):
    client.force_login(investigator)
    page = client.get(f"/victims/victims/{victim.pk}/").content.decode()
    assert f"/referrals/referrals/new/?victim={victim.pk}" in page
    form = client.get(f"/referrals/referrals/new/?victim={victim.pk}").content.decode()
    assert f'<option value="{victim.pk}" selected>{victim.code}</option>' in form


def test_create_then_detail_shows_history(client, investigator, victim, shelter):
    client.force_login(investigator)
    response = client.post("/referrals/referrals/new/", form_data(victim, shelter))
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get()
    assert referral.requested_services == ["shelter", "medical"]
    page = client.get(response["Location"]).content.decode()
    assert "History" in page and "Created" in page
    assert "Needs a doctor" not in page  # personal notes only on request
    assert 'action="step/withdraw/"' in page and 'action="step/accept/"' not in page


def test_bad_date_shows_the_field_error_and_saves_nothing(client, investigator, victim, shelter):
    client.force_login(investigator)
    response = client.post(
        "/referrals/referrals/new/", form_data(victim, shelter, referred_on="2020-13-45")
    )
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
    response = client.post(
        "/referrals/referrals/new/", form_data(victim, shelter, consent_given="")
    )
    assert response.status_code == 400
    assert "reason for referring without it" in response.content.decode()
    assert not Referral.objects.exists()


def test_received_list_and_accept_step(client, case_worker, referral):
    client.force_login(case_worker)
    received = client.get("/referrals/referrals/?direction=received").content.decode()
    assert "1 record" in received and referral.victim.code in received
    assert "0 records" in client.get("/referrals/referrals/?direction=made").content.decode()
    detail = client.get(f"/referrals/referrals/{referral.pk}/").content.decode()
    assert 'action="step/accept/"' in detail and 'action="step/withdraw/"' not in detail
    response = client.post(
        f"/referrals/referrals/{referral.pk}/step/accept/", {"accept-responded_on": "2020-03-04"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED


def test_step_with_a_bad_date_shows_the_error(client, case_worker, referral):
    client.force_login(case_worker)
    response = client.post(
        f"/referrals/referrals/{referral.pk}/step/accept/", {"accept-responded_on": "2020-03-01"}
    )
    assert response.status_code == 400
    assert "The response cannot precede the referral." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_notes_panel_is_audited(client, case_worker, referral):
    from tipdata.referrals.tests.conftest import audit_of

    client.force_login(case_worker)
    panel = client.get(f"/referrals/referrals/{referral.pk}/personal/").content.decode()
    assert "Needs an Uzbek interpreter" in panel
    assert audit_of(referral).filter(action="view_personal").count() == 1


def test_service_pages(client, case_worker, referral, victim):
    client.force_login(case_worker)
    client.post(
        f"/referrals/referrals/{referral.pk}/step/accept/", {"accept-responded_on": "2020-03-04"}
    )
    data = {
        "victim": victim.pk,
        "referral": referral.pk,
        "kind": "legal_aid",
        "outcome": "provided",
        "started_on": "2020-03-06",
        "funding": "government",
    }
    bad = client.post("/referrals/services/new/", {**data, "ended_on": "2020-03-01"})
    assert bad.status_code == 400
    assert "The end date cannot precede the start date." in bad.content.decode()
    response = client.post("/referrals/services/new/", data)
    assert response.status_code == 302, response.content.decode()
    listing = client.get("/referrals/services/?kind=legal_aid").content.decode()
    assert "1 record" in listing and "Legal aid" in listing
    referral_page = client.get(f"/referrals/referrals/{referral.pk}/").content.decode()
    assert "Legal aid for" in referral_page  # lineage: services under the referral


def test_analysts_browse_but_are_not_offered_the_form(client, referral, profile):
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import persona

    client.force_login(persona(Role.ANALYST))
    page = client.get("/referrals/referrals/").content.decode()
    assert "1 record" in page and "Record a referral" not in page
    detail = client.get(f"/referrals/referrals/{referral.pk}/").content.decode()
    assert "step/accept/" not in detail and "step/withdraw/" not in detail
