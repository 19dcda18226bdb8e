"""Victim pages: list with filters, the form with field errors, detail with history."""

from __future__ import annotations

import pytest

from tipdata.victims.models import Victim

pytestmark = pytest.mark.django_db


def form_data(org, **extra):
    data = {
        "registered_by": org.pk,
        "registered_on": "2020-06-01",
        "sex": "male",
        "age_group": "adult",
        "citizenship": "UZ",
        "exploitation_forms": ["ForcedLabour"],
        "industry": "F_Construction",
        "family_name": "Yusupov",
        "given_name": "Sherzod",
    }
    data.update(extra)
    return data


def test_create_then_detail_shows_history(client, case_worker):
    client.force_login(case_worker)
    response = client.post("/victims/victims/new/", form_data(case_worker.organisation))
    assert response.status_code == 302
    victim = Victim.objects.get()
    page = client.get(response["Location"])
    text = page.content.decode()
    assert victim.code in text and "Forced labour" in text
    assert "History" in text and "Created" in text
    assert "Yusupov" not in text  # personal data only on request


def test_bad_date_shows_the_field_error_and_saves_nothing(client, case_worker):
    client.force_login(case_worker)
    response = client.post(
        "/victims/victims/new/", form_data(case_worker.organisation, registered_on="2020-13-45")
    )
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
    assert Victim.objects.count() == 0


def test_list_filters_and_search(client, case_worker):
    client.force_login(case_worker)
    client.post("/victims/victims/new/", form_data(case_worker.organisation))
    client.post(
        "/victims/victims/new/",
        form_data(case_worker.organisation, sex="female", source_ref="NGO-77"),
    )
    assert "1 record" in client.get("/victims/victims/?sex=female").content.decode()
    assert "2 records" in client.get("/victims/victims/").content.decode()
    found = client.get("/victims/victims/?q=NGO-77").content.decode()
    assert "1 record" in found


def test_identify_step_from_the_page(client, case_worker):
    client.force_login(case_worker)
    client.post("/victims/victims/new/", form_data(case_worker.organisation))
    victim = Victim.objects.get()
    response = client.post(
        f"/victims/victims/{victim.pk}/step/identify/",
        {"identify-identified_on": "2020-06-02", "identify-identification_channel": "hotline"},
    )
    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.status == "identified"


def test_personal_panel_is_audited(client, case_worker):
    client.force_login(case_worker)
    client.post("/victims/victims/new/", form_data(case_worker.organisation))
    victim = Victim.objects.get()
    panel = client.get(f"/victims/victims/{victim.pk}/personal/").content.decode()
    assert "Yusupov" in panel
    from tipdata.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="view_personal").count() == 1


def test_missing_record_is_404(client, case_worker):
    client.force_login(case_worker)
    assert client.get("/victims/victims/999999/").status_code == 404


def test_actions_are_offered_only_to_those_who_may_take_them(client, case_worker, shelter):
    """A read-only analyst sees the record but no Edit button and no referral links."""
    from tipdata.testing.factories import persona

    client.force_login(case_worker)
    client.post("/victims/victims/new/", form_data(case_worker.organisation))
    url = Victim.objects.get().get_absolute_url()
    own = client.get(url).content.decode()
    assert 'href="edit/"' in own and "Refer this victim" in own

    client.force_login(persona("analyst", shelter))
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'href="edit/"' not in text and "Refer this victim" not in text
