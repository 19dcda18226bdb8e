"""The report page: who may read it, what it shows them, and the audited downloads."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from tipdata.accounts.models import Role
from tipdata.audit.models import Action, AuditEntry
from tipdata.testing.factories import persona

pytestmark = pytest.mark.django_db


def test_the_secretariat_reads_the_report_with_its_sections_and_downloads(
    client, secretariat, stub_engine
):
    client.force_login(secretariat)
    response = client.get("/reports/?year=2020")
    assert response.status_code == 200
    html = response.content.decode()
    assert stub_engine == [(2020, secretariat)]
    assert "Police newly investigated 64 trafficking cases in 2020" in html
    assert '<option value="2020" selected>' in html
    for fmt in ("pdf", "xlsx", "json"):
        assert f'href="/reports/2020/{fmt}/"' in html
    entry = AuditEntry.objects.get(action=Action.REPORT)
    assert entry.actor == secretariat and entry.changes["year"] == 2020


def test_drilldown_links_are_shown_only_to_readers_who_may_open_the_records(
    client, secretariat, analyst, stub_engine
):
    link = 'href="/cases/criminalcases/?registered_year=2020"'
    client.force_login(analyst)
    assert link in client.get("/reports/?year=2020").content.decode()
    client.force_login(secretariat)  # sees aggregates, never individual cases
    html = client.get("/reports/?year=2020").content.decode()
    assert link not in html and "Police newly investigated 64" in html


def test_a_link_to_no_page_is_dropped(client, analyst, stub_engine):
    client.force_login(analyst)
    html = client.get("/reports/?year=2020").content.decode()
    assert "/nowhere/" not in html and 'href="/victims/victims/?identified_year=2020"' in html


@pytest.mark.parametrize(
    "role", [Role.POLICE_INVESTIGATOR, Role.NGO_CASE_WORKER, Role.AUDITOR, Role.HOTLINE_OPERATOR]
)
def test_other_roles_are_refused(client, profile, stub_engine, role):
    client.force_login(persona(role))
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/2020/pdf/").status_code == 403
    assert stub_engine == [] and not AuditEntry.objects.filter(action=Action.EXPORT).exists()


def test_anonymous_is_sent_to_sign_in(client, stub_engine):
    response = client.get("/reports/2020/json/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_opens_on_the_latest_year_with_records_when_none_is_asked(
    client, analyst, stub_engine
):
    import datetime

    client.force_login(analyst)
    assert client.get("/reports/").status_code == 200
    assert stub_engine[0][0] == datetime.date.today().year - 1  # no records yet


def test_unknown_years_and_formats_are_not_found(client, analyst, stub_engine):
    client.force_login(analyst)
    assert client.get("/reports/?year=1850").status_code == 404
    assert client.get("/reports/?year=abc").status_code == 404
    assert client.get("/reports/2020/docx/").status_code == 404
    assert stub_engine == []


def test_downloads_are_files_and_each_is_audited(client, analyst, stub_engine):
    client.force_login(analyst)
    data = client.get("/reports/2020/json/")
    assert data["Content-Type"] == "application/json"
    assert data["Content-Disposition"] == 'attachment; filename="tip-report-kz-2020.json"'
    assert json.loads(data.content)["year"] == 2020
    sheet = client.get("/reports/2020/xlsx/")
    assert "Prosecution" in load_workbook(io.BytesIO(sheet.content)).sheetnames
    pdf = client.get("/reports/2020/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    exports = AuditEntry.objects.filter(action=Action.EXPORT).order_by("id")
    assert [(e.actor, e.changes["format"], e.changes["filters"]) for e in exports] == [
        (analyst, fmt, {"year": 2020, "via": "web"}) for fmt in ("json", "xlsx", "pdf")
    ]
    assert exports[0].changes["rows"] == 9  # the figures handed out


def test_the_main_navigation_links_to_the_report(client, analyst, stub_engine):
    client.force_login(analyst)
    assert 'href="/reports/"' in client.get("/reports/?year=2020").content.decode()
