"""HTCDS 2.0: IOM's official workbook, filled, imported as victims through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tipdata.intake.formats.htcds import write_htcds
from tipdata.intake.formats.htcds_catalogue import HtcdsCatalogue, load_catalogue
from tipdata.intake.htcds_import import import_htcds
from tipdata.intake.tests.shared_data import shared_file
from tipdata.victims.models import Victim


@pytest.fixture(scope="module")
def catalogue() -> HtcdsCatalogue:
    return load_catalogue(shared_file("htcds/htcds-field-standards-2.0.csv"))


def _filled(path: Path, catalogue: HtcdsCatalogue) -> Path:
    rows = [
        {
            "prs_FirstName": "Aigerim",
            "prs_SecondName": "Nurlanova",
            "prs_Birthdate": dt.date(1995, 4, 2),
            "prs_Gender": "Feminine",
            "prs_Citizenship": ("KZ",),
            "vic_TypeOfExploitation": ("ForcedLabour", "SexualExploitation"),
            "vic_ForcedLabourIndustry": "A_AgricultureForestryAndFishing",
            "vic_MethodsOfControl": ("DebtBondage",),
            "cas_IncomingReferralDate": dt.date(2024, 5, 6),
        },
        {"prs_FirstName": "Bekzat", "prs_Gender": "Masculine", "prs_Citizenship": ("UZ",)},
    ]
    template = shared_file("htcds/htcds-excel-template-2.0.xlsx")
    write_htcds(rows, path, catalogue, template=template)
    return path


def test_official_workbook_becomes_victims_and_reimport_updates(
    tmp_path: Path, catalogue: HtcdsCatalogue, case_worker: Any, shelter: Any
) -> None:
    path = _filled(tmp_path / "iom.xlsx", catalogue)
    result = import_htcds(path, actor=case_worker, agency=shelter, catalogue=catalogue)
    assert result.ok, result.errors
    assert result.created == 2
    aigerim = Victim.objects.get(citizenship_id="KZ")
    assert aigerim.sex == "female" and aigerim.registered_on == dt.date(2024, 5, 6)
    assert aigerim.personal.family_name == "Nurlanova"
    assert aigerim.personal.birth_date == dt.date(1995, 4, 2)
    assert set(aigerim.exploitations.values_list("form", flat=True)) == {
        "ForcedLabour",
        "SexualExploitation",
    }
    assert aigerim.control_methods == ["DebtBondage"]
    assert "Aigerim" not in aigerim.source_ref  # a keyed hash, not the name
    again = import_htcds(path, actor=case_worker, agency=shelter, catalogue=catalogue)
    assert (again.created, again.updated) == (0, 2)
    assert Victim.objects.count() == 2


def test_a_value_outside_the_standard_rejects_the_file(
    tmp_path: Path, catalogue: HtcdsCatalogue, case_worker: Any, shelter: Any
) -> None:
    path = _filled(tmp_path / "iom.xlsx", catalogue)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    names = [c.value for c in sheet[1]]
    gender = sheet.cell(row=4, column=names.index("prs_Gender") + 1)
    gender.value = "Female"
    workbook.save(path)
    result = import_htcds(path, actor=case_worker, agency=shelter, catalogue=catalogue)
    assert not result.ok and not Victim.objects.exists()
    (error,) = [e for e in result.errors if "prs_Gender" in e.column]
    assert error.row == 4 and error.value == "Female"
    assert error.column.startswith(gender.column_letter)


def test_upload_page_and_command_take_htcds(
    tmp_path: Path,
    catalogue: HtcdsCatalogue,
    client: Any,
    case_worker: Any,
    shelter: Any,
    settings: Any,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.urls import reverse

    settings.TIPDATA_IMPORT_INLINE = True
    path = _filled(tmp_path / "iom.xlsx", catalogue)
    client.force_login(case_worker)
    upload = SimpleUploadedFile("iom.xlsx", path.read_bytes())
    client.post(reverse("intake:index"), {"kind": "htcds", "file": upload})
    assert Victim.objects.filter(registered_by=shelter).count() == 2
    call_command(
        "import", str(path), "--format", "htcds", "--agency", shelter.code, "--no-progress"
    )
    assert Victim.objects.count() == 2
