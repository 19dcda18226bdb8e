"""The import page: templates to download, an upload run in the background, its report."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tipdata.accounts.models import Role
from tipdata.intake import jobs
from tipdata.intake.models import ImportJob, ImportStatus
from tipdata.intake.tests.helpers import write_xlsx
from tipdata.testing.factories import persona
from tipdata.victims.models import Victim

HEADER = ["source_ref", "registered_on", "sex"]


@pytest.fixture(autouse=True)
def _inline(settings: Any) -> None:
    """Tests run the job in the request: a thread would not see the test's transaction."""
    settings.TIPDATA_IMPORT_INLINE = True


def _upload(client: Client, path: Path, kind: str = "victims") -> Any:
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("intake:index"), {"kind": kind, "file": upload})


def test_case_worker_downloads_a_russian_template(
    client: Client, case_worker: Any, shelter: Any
) -> None:
    client.force_login(case_worker)
    page = client.get(reverse("intake:index"))
    assert page.status_code == 200
    url = reverse("intake:template", args=["victims", "ru"])
    assert url in page.content.decode()
    assert reverse("intake:template", args=["cases", "ru"]) not in page.content.decode()
    response = client.get(url)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.worksheets[0]["D2"].value == "Пол"
    assert client.get(reverse("intake:template", args=["cases", "ru"])).status_code == 403


def test_upload_imports_for_the_users_organisation(
    client: Client, case_worker: Any, shelter: Any, tmp_path: Path
) -> None:
    client.force_login(case_worker)
    path = write_xlsx(tmp_path / "v.xlsx", [HEADER, ["SH-1", "2024-01-02", "Female"]])
    response = _upload(client, path)
    job = ImportJob.objects.get()
    assert response.url == reverse("intake:job", args=[job.pk])
    assert job.status == ImportStatus.DONE and job.created == 1
    assert Victim.objects.get(source_ref="SH-1").registered_by == shelter
    page = client.get(reverse("intake:job-progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in page and "1 new records" in page
    assert not Path(job.stored_file).exists()


def test_rejected_upload_shows_problems_and_offers_them_as_xlsx(
    client: Client, case_worker: Any, shelter: Any, tmp_path: Path
) -> None:
    client.force_login(case_worker)
    rows = [HEADER, ["SH-1", "2024-01-02", "female"], ["SH-2", "2024-01-02", "robot"]]
    _upload(client, write_xlsx(tmp_path / "v.xlsx", rows))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REJECTED and not Victim.objects.exists()
    page = client.get(reverse("intake:job", args=[job.pk])).content.decode()
    assert "C (sex)" in page and "robot" in page and "nothing was saved" in page
    report = client.get(reverse("intake:job-report", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).worksheets[0]
    first = next(sheet.iter_rows(min_row=2, values_only=True))
    assert first[:3] == (3, "C (sex)", "robot")


def test_running_job_is_polled_and_other_organisations_cannot_see_it(
    client: Client, case_worker: Any, shelter: Any, investigator: Any
) -> None:
    job = ImportJob.objects.create(
        kind="victims",
        file_name="big.xlsx",
        stored_file="/nonexistent",
        organisation=shelter,
        created_by=case_worker,
        rows_total=1000,
        status=ImportStatus.RUNNING,
    )
    jobs.PROGRESS[job.pk] = 250
    try:
        client.force_login(case_worker)
        page = client.get(reverse("intake:job-progress", args=[job.pk])).content.decode()
    finally:
        jobs.PROGRESS.pop(job.pk)
    assert 'hx-trigger="every 1s"' in page and 'value="25"' in page and "250" in page
    client.force_login(investigator)
    assert client.get(reverse("intake:job", args=[job.pk])).status_code == 404


def test_auditor_may_not_import(client: Client, shelter: Any) -> None:
    auditor = persona(Role.AUDITOR, shelter, username="auditor")
    client.force_login(auditor)
    assert client.get(reverse("intake:index")).status_code == 403
