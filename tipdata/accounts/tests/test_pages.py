"""Agency and user pages: everyone browses organisations; only administrators change them."""

from __future__ import annotations

import pytest

from tipdata.accounts.models import Organisation, Role, User
from tipdata.audit.models import AuditEntry
from tipdata.profiles.models import AgencyType, Region
from tipdata.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def organisation_post(**extra):
    data = {
        "name": "Karaganda anti-trafficking unit",
        "code": "mvd-at-karaganda",
        "agency_type": AgencyType.objects.get(code="MVD_AT_POLICE").pk,
        "region": Region.objects.get(code="KAR").pk,
        "active": "on",
    }
    data.update(extra)
    return data


def test_everyone_signed_in_browses_and_filters_organisations(
    client, case_worker, police_unit, shelter
):
    client.force_login(case_worker)
    listing = client.get("/accounts/organisations/").content.decode()
    assert police_unit.name in listing and shelter.name in listing
    police = client.get("/accounts/organisations/?kind=police").content.decode()
    assert f">{police_unit.name}</a>" in police and f">{shelter.name}</a>" not in police
    found = client.get("/accounts/organisations/?q=sana").content.decode()
    assert "1 record" in found and f">{shelter.name}</a>" in found
    detail = client.get(f"/accounts/organisations/{police_unit.pk}/")
    assert detail.status_code == 200 and "Members" not in detail.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/accounts/organisations/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_administrators_create_and_edit_organisations(client, case_worker, admin_user):
    client.force_login(case_worker)
    assert "Record a" not in client.get("/accounts/organisations/").content.decode()
    assert client.get("/accounts/organisations/new/").status_code == 403
    assert client.post("/accounts/organisations/new/", organisation_post()).status_code == 403
    own = case_worker.organisation
    response = client.post(f"/accounts/organisations/{own.pk}/edit/", organisation_post())
    assert response.status_code == 403
    assert not Organisation.objects.filter(code="mvd-at-karaganda").exists()

    client.force_login(admin_user)
    response = client.post("/accounts/organisations/new/", organisation_post())
    assert response.status_code == 302
    created = Organisation.objects.get(code="mvd-at-karaganda")
    assert AuditEntry.objects.filter(object_id=str(created.pk), action="create").exists()
    response = client.post(
        f"/accounts/organisations/{created.pk}/edit/", organisation_post(name="Renamed unit")
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.name == "Renamed unit"
    members = client.get(f"/accounts/organisations/{own.pk}/").content.decode()
    assert "Members" in members and case_worker.username in members


def test_duplicate_code_is_named_and_nothing_saved(client, admin_user, shelter):
    client.force_login(admin_user)
    response = client.post("/accounts/organisations/new/", organisation_post(code=shelter.code))
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert Organisation.objects.filter(code=shelter.code).count() == 1


def test_organisation_cannot_be_its_own_parent(client, admin_user, shelter):
    client.force_login(admin_user)
    response = client.post(
        f"/accounts/organisations/{shelter.pk}/edit/",
        organisation_post(code=shelter.code, parent=shelter.pk),
    )
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors


def user_post(org, **extra):
    data = {
        "username": "new.inspector",
        "first_name": "Aigerim",
        "last_name": "Nurlanova",
        "email": "a.nurlanova@example.kz",
        "role": Role.LABOUR_INSPECTOR,
        "organisation": org.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(extra)
    return data


def test_users_are_for_administrators_only(client, case_worker):
    client.force_login(case_worker)
    assert client.get("/accounts/users/").status_code == 403
    assert (
        client.post("/accounts/users/new/", user_post(case_worker.organisation)).status_code == 403
    )
    response = client.post(f"/accounts/users/{case_worker.pk}/active/", {"active": "0"})
    assert response.status_code == 403
    case_worker.refresh_from_db()
    assert case_worker.is_active and not User.objects.filter(username="new.inspector").exists()


def test_administrator_creates_filters_edits_and_deactivates_a_user(
    client, admin_user, shelter, police_unit
):
    client.force_login(admin_user)
    response = client.post("/accounts/users/new/", user_post(shelter))
    assert response.status_code == 302, response.content.decode()
    user = User.objects.get(username="new.inspector")
    assert user.role == Role.LABOUR_INSPECTOR and user.check_password(PASSWORD)

    listing = client.get("/accounts/users/?role=labour_inspector").content.decode()
    assert "1 record" in listing and "new.inspector" in listing
    assert "new.inspector" not in client.get("/accounts/users/?role=prosecutor").content.decode()

    response = client.post(
        f"/accounts/users/{user.pk}/edit/",
        {
            "first_name": "Aigerim",
            "last_name": "N.",
            "email": "",
            "role": "police_investigator",
            "organisation": police_unit.pk,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.role == "police_investigator" and user.organisation == police_unit

    response = client.post(f"/accounts/users/{user.pk}/active/", {"active": "0", "reason": "left"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    page = client.get(f"/accounts/users/{user.pk}/").content.decode()
    assert "No (deactivated)" in page and "Reactivate" in page and "left" in page
    assert "1 record" in client.get("/accounts/users/?is_active=false").content.decode()


def test_weak_or_mismatched_password_is_refused(client, admin_user, shelter):
    client.force_login(admin_user)
    response = client.post(
        "/accounts/users/new/", user_post(shelter, password1="123", password2="123")
    )
    assert response.status_code == 400 and "password1" in response.context["form"].errors
    response = client.post("/accounts/users/new/", user_post(shelter, password2="other-pass-x1"))
    assert response.status_code == 400 and "password2" in response.context["form"].errors
    assert not User.objects.filter(username="new.inspector").exists()


def test_administrator_cannot_deactivate_themselves(client, admin_user):
    client.force_login(admin_user)
    response = client.post(f"/accounts/users/{admin_user.pk}/active/", {"active": "0"})
    assert response.status_code == 400
    assert "your own account" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active
