"""The auditor's pages and API: filters, detail, exports (audited, spreadsheet-safe); no one
else may read the trail, administrators included."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tipdata.accounts.models import Role
from tipdata.audit.models import AuditEntry
from tipdata.audit.services import record_event
from tipdata.testing.factories import persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(profile):
    return persona(Role.AUDITOR, username="auditor")


@pytest.fixture
def trail(case_worker, investigator):
    record_event(actor=case_worker, action="view_personal", object_repr="V-AAAA-BBBB")
    record_event(actor=investigator, action="update", object_repr="200075031000123")
    record_event(
        actor=None,
        action="sign_in_failed",
        object_repr='=HYPERLINK("x")',
        changes={"username": '=HYPERLINK("x")'},
    )


def test_list_filters_by_actor_action_and_record(client, auditor, trail):
    client.force_login(auditor)
    page = client.get("/audit/", {"actor": "caseworker"}).content.decode()
    assert "V-AAAA-BBBB" in page and "200075031000123" not in page
    page = client.get("/audit/", {"action": "update"}).content.decode()
    assert "200075031000123" in page and "V-AAAA-BBBB" not in page
    page = client.get("/audit/", {"object": "V-AAAA-BBBB"}).content.decode()
    assert "1 entry" in page
    entry = AuditEntry.objects.get(object_repr="V-AAAA-BBBB")
    detail = client.get(f"/audit/{entry.pk}/").content.decode()
    assert entry.hash in detail and "caseworker" in detail


def test_exports_are_audited_and_spreadsheet_safe(client, auditor, trail):
    client.force_login(auditor)
    response = client.get("/audit/export.csv", {"action": "sign_in_failed"})
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["id", "at", "actor"] and len(rows) == 2
    assert rows[1][7].startswith("'=HYPERLINK")  # not a formula any more
    xlsx = client.get("/audit/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("x")' in values and not any(
        isinstance(v, str) and v.startswith("=") for v in values
    )
    exports = AuditEntry.objects.filter(action="export", actor_label="auditor")
    assert sorted(e.changes["format"] for e in exports) == ["csv", "xlsx"]
    assert exports.filter(changes__filters={"action": "sign_in_failed"}).exists()


def test_verify_page_reports_the_chain(client, auditor, trail):
    client.force_login(auditor)
    assert "The trail is intact" in client.get("/audit/verify/").content.decode()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.AUDITOR])
def test_only_the_auditor_reads_the_trail(client, api_as, profile, role):
    user = persona(role, is_superuser=role == Role.ADMIN)
    client.force_login(user)
    for url in ("/audit/", "/audit/export.csv", "/audit/emergency/", "/audit/verify/"):
        assert client.get(url).status_code == 403, url
    assert api_as(user).get("/api/audit/").status_code == 403


def test_audit_api_for_the_auditor(api_as, auditor, trail):
    listing = api_as(auditor).get("/api/audit/", {"action": "view_personal"}).json()
    assert listing["count"] == 1 and listing["results"][0]["object_repr"] == "V-AAAA-BBBB"
    assert api_as(auditor).post("/api/audit/", {}).status_code == 405
