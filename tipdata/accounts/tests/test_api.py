"""Organisation API: read for every signed-in user, write for administrators."""

from __future__ import annotations

import pytest

from tipdata.accounts.models import Organisation
from tipdata.audit.models import AuditEntry
from tipdata.profiles.models import AgencyType, Region

pytestmark = pytest.mark.django_db


def body(**extra):
    data = {
        "name": "Embassy of Kyrgyzstan",
        "code": "embassy-kg",
        "agency_type": AgencyType.objects.get(code="EMBASSY").pk,
        "region": Region.objects.get(code="AST").pk,
        "country": "KG",
    }
    data.update(extra)
    return data


def test_everyone_reads_and_filters(api_as, case_worker, police_unit, shelter):
    client = api_as(case_worker)
    listing = client.get("/api/organisations/").json()
    assert {o["code"] for o in listing["results"]} >= {police_unit.code, shelter.code}
    police = client.get("/api/organisations/?kind=police").json()
    assert [o["code"] for o in police["results"]] == [police_unit.code]
    detail = client.get(f"/api/organisations/{shelter.pk}/").json()
    assert detail["name"] == shelter.name and detail["active"] is True


def test_non_administrators_cannot_write(api_as, case_worker):
    client = api_as(case_worker)
    assert client.post("/api/organisations/", body(), format="json").status_code == 403
    own = case_worker.organisation.pk
    response = client.patch(f"/api/organisations/{own}/", {"name": "x"}, format="json")
    assert response.status_code == 403
    assert not Organisation.objects.filter(code="embassy-kg").exists()
    assert Organisation.objects.get(pk=own).name != "x"


def test_administrator_creates_and_changes_with_audit(api_as, admin_user):
    client = api_as(admin_user)
    created = client.post("/api/organisations/", body(), format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = client.patch(f"/api/organisations/{pk}/", {"active": False}, format="json")
    assert changed.status_code == 200 and changed.json()["active"] is False
    actions = set(AuditEntry.objects.filter(object_id=str(pk)).values_list("action", flat=True))
    assert actions == {"create", "update"}


def test_bad_input_names_the_field(api_as, admin_user, shelter):
    client = api_as(admin_user)
    response = client.post("/api/organisations/", body(code=shelter.code), format="json")
    assert response.status_code == 400 and "code" in response.json()
    response = client.post("/api/organisations/", body(agency_type=999999), format="json")
    assert response.status_code == 400 and "agency_type" in response.json()
    response = client.patch(
        f"/api/organisations/{shelter.pk}/", {"parent": shelter.pk}, format="json"
    )
    assert response.status_code == 400 and "parent" in response.json()
    assert not Organisation.objects.filter(code="embassy-kg").exists()


def test_anonymous_refused(client):
    assert client.get("/api/organisations/").status_code in (401, 403)
