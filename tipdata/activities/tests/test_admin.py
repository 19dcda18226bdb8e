"""The Django admin is a maintenance door: its writes are validated and audited too."""

from __future__ import annotations

import pytest

from tipdata.activities.models import CapacityFigure
from tipdata.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_admin_writes_are_validated_and_audited(client, admin_user, police_unit):
    client.force_login(admin_user)
    url = "/admin/activities/capacityfigure/add/"
    data = {
        "metric": "labour_inspectors",
        "year": "2020",
        "value": "-4",
        "organisation": police_unit.pk,
    }
    assert client.post(url, data).status_code == 200  # the form again, with its error
    assert CapacityFigure.objects.count() == 0

    response = client.post(url, {**data, "value": "284"})
    assert response.status_code == 302
    figure = CapacityFigure.objects.get()
    entry = AuditEntry.objects.get(object_id=str(figure.pk), action="create")
    assert entry.reason == "admin site" and entry.actor == admin_user

    change = f"/admin/activities/capacityfigure/{figure.pk}/change/"
    assert client.post(change, {**data, "value": "300"}).status_code == 302
    update = AuditEntry.objects.get(object_id=str(figure.pk), action="update")
    assert update.changes["value"] == [284, 300]


@pytest.mark.parametrize(
    "page",
    [
        "/admin/activities/training/add/",
        "/admin/profiles/penalarticle/",
        "/admin/accounts/organisation/",
        "/admin/accounts/user/",
    ],
)
def test_admin_pages_open(client, admin_user, page):
    client.force_login(admin_user)
    assert client.get(page).status_code == 200
