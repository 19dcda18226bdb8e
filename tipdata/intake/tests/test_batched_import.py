"""Types that come in bulk go through their services' batched variants: the same checks, the
same report (row, column, value, message), the same audit entries on an intact chain."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tipdata.audit.models import AuditEntry
from tipdata.audit.verify import verify_chain
from tipdata.hotline.models import HotlineCall
from tipdata.hotline.services import record_call
from tipdata.inspections.models import LabourInspection
from tipdata.intake import importer
from tipdata.intake.importer import import_file
from tipdata.intake.kinds import get_kind
from tipdata.intake.models import ImportJob, ImportStatus
from tipdata.intake.tests.helpers import write_csv
from tipdata.testing.factories import organisation
from tipdata.victims.models import PersonalData, Victim

CALLS = ["source_ref", "received_at", "caller_type", "topic", "outcome", "summary"]


@pytest.fixture
def hotline(profile: Any) -> Any:
    return organisation("HOTLINE", name="Hotline", code="hotline-b")


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of two rows, so that a few rows already cross chunk boundaries."""
    monkeypatch.setattr(importer, "CHUNK", 2)


def _call(ref: str, **cells: str) -> list[str]:
    row = {"received_at": "01.03.2024 10:15", "caller_type": "witness", "topic": "migration"}
    row.update({"outcome": "information", "summary": "", **cells})
    return [ref, *(row[name] for name in CALLS[1:])]


def _changes(entry: AuditEntry) -> dict[str, Any]:
    return {k: v for k, v in entry.changes.items() if k not in ("id", "source_ref")}


@pytest.mark.usefixtures("small_chunks")
def test_calls_are_written_in_chunks_with_the_entries_one_by_one_writes(
    tmp_path: Path, hotline: Any
) -> None:
    rows = [_call(f"C-{i}", summary="a caller's words" if i == 0 else "") for i in range(5)]
    path = write_csv(tmp_path / "calls.csv", [CALLS, *rows])
    result = import_file(path, kind=get_kind("hotline"), agency=hotline)
    assert result.ok, result.errors
    assert (result.created, result.updated, len(result.ids)) == (5, 0, 5)
    imported = HotlineCall.objects.get(source_ref="C-0")
    assert imported.summary == "a caller's words"
    single = record_call(
        actor=None,
        data={
            "operator": hotline,
            "received_at": timezone.localtime(imported.received_at),  # as the form gives it
            "caller_type": "witness",
            "topic": "migration",
            "summary": "a caller's words",
            "source_ref": "by hand",
        },
    )
    entries = {
        call.pk: list(AuditEntry.objects.filter(object_id=str(call.pk)).order_by("id"))
        for call in (imported, single)
    }
    assert [e.action for e in entries[imported.pk]] == ["create"]
    assert _changes(entries[imported.pk][0]) == _changes(entries[single.pk][0])
    assert entries[imported.pk][0].changes["summary"] == [None, "<personal>"]
    assert verify_chain().ok


@pytest.mark.usefixtures("small_chunks")
def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path: Path, hotline: Any) -> None:
    before = AuditEntry.objects.count()
    rows = [
        _call("C-1"),
        _call("C-2", outcome="referred_police"),  # the model: name the body referred to
        _call("C-3"),
        _call("C-4", received_at="01.03.2099 10:00"),  # the service: not in the future
        _call("C-5", caller_type="robot"),  # the form's list
    ]
    path = write_csv(tmp_path / "calls.csv", [CALLS, *rows])
    result = import_file(path, kind=get_kind("hotline"), agency=hotline)
    assert not result.ok and (result.created, result.ids) == (0, [])
    found = {(e.row, e.column, e.value) for e in result.errors}
    assert any(row == 3 and "referred_to" in column for row, column, _value in found)
    assert (5, "B (received_at)", "01.03.2099 10:00") in found
    assert (6, "C (caller_type)", "robot") in found
    assert {r for r, _c, _v in found} == {3, 5, 6}
    assert not HotlineCall.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_second_import_updates_what_the_first_created(tmp_path: Path, hotline: Any) -> None:
    path = write_csv(tmp_path / "calls.csv", [CALLS, _call("C-1"), _call("C-2")])
    assert import_file(path, kind=get_kind("hotline"), agency=hotline).created == 2
    changed = write_csv(
        tmp_path / "again.csv", [CALLS, _call("C-1", topic="labour_rights"), _call("C-3")]
    )
    again = import_file(changed, kind=get_kind("hotline"), agency=hotline)
    assert (again.created, again.updated) == (1, 1), again.errors
    assert HotlineCall.objects.get(source_ref="C-1").topic == "labour_rights"
    assert HotlineCall.objects.count() == 3
    assert verify_chain().ok


def test_inspections_with_violations_in_bulk(tmp_path: Path, profile: Any) -> None:
    unit = organisation("LABOUR_INSPECTORATE", name="Inspectorate", code="insp-b")
    header = ["source_ref", "inspected_on", "employer_name", "violations_wages"]
    rows = [["I-1", "2024-02-01", "Farm A", "3"], ["I-2", "2024-02-02", "Farm B", ""]]
    result = import_file(
        write_csv(tmp_path / "i.csv", [header, *rows]),
        kind=get_kind("inspections"),
        agency=unit,
    )
    assert result.ok, result.errors
    assert LabourInspection.objects.get(source_ref="I-1").violation_counts == {"wages": 3}
    assert LabourInspection.objects.get(source_ref="I-2").violation_counts == {}
    assert verify_chain().ok


def test_victims_in_bulk_keep_personal_data_encrypted(
    tmp_path: Path, case_worker: Any, shelter: Any
) -> None:
    header = ["source_ref", "registered_on", "sex", "family_name", "identity_number"]
    rows = [
        ["SH-1", "2024-03-01", "female", "Karimova", "900101400123"],
        ["SH-2", "2024-03-02", "male", "", ""],
    ]
    path = write_csv(tmp_path / "v.csv", [header, *rows])
    result = import_file(path, kind=get_kind("victims"), actor=case_worker, agency=shelter)
    assert result.ok, result.errors
    first = Victim.objects.get(source_ref="SH-1")
    assert first.personal.family_name == "Karimova" and first.personal.identity_number_hash
    assert PersonalData.objects.count() == 2
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT family_name FROM {PersonalData._meta.db_table}")
        assert all("Karimova" not in (value or "") for (value,) in cursor.fetchall())
    assert verify_chain().ok


def test_problems_are_stored_encrypted_and_their_download_is_audited(
    client: Client, case_worker: Any, shelter: Any, tmp_path: Path, settings: Any
) -> None:
    settings.TIPDATA_IMPORT_INLINE = True
    client.force_login(case_worker)
    header = ["source_ref", "registered_on", "sex", "birth_date"]
    path = write_csv(tmp_path / "v.csv", [header, ["SH-1", "2024-01-02", "female", "31.02.1990"]])
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    client.post(reverse("intake:index"), {"kind": "victims", "file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REJECTED
    assert job.errors[0][:3] == [2, "D (birth_date)", "31.02.1990"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT problems FROM {ImportJob._meta.db_table}")
        (stored,) = cursor.fetchone()
    assert "31.02.1990" not in stored
    report = client.get(reverse("intake:job-report", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).worksheets[0]
    assert next(sheet.iter_rows(min_row=2, values_only=True))[2] == "31.02.1990"
    export = AuditEntry.objects.filter(action="export").latest("id")
    assert export.actor == case_worker and export.object_id == str(job.pk)
    assert export.changes["format"] == "xlsx" and export.changes["rows"] == 1
