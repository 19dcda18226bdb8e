"""Importing victims from a shelter's spreadsheet: all rows or none, idempotent, any encoding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tipdata.audit.models import AuditEntry
from tipdata.intake.importer import import_file
from tipdata.intake.kinds import get_kind
from tipdata.intake.tests.helpers import write_csv, write_xlsx
from tipdata.victims.models import Victim

HEADER = [
    "source_ref",
    "registered_on",
    "sex",
    "age_group",
    "citizenship",
    "exploitation_forms",
    "family_name",
    "given_name",
    "birth_year",
]
GOOD = [
    ["SH-1", "2024-03-01", "female", "adult", "UZ", "Forced labour", "Karimova", "Dilnoza", 1990],
    [
        "SH-2",
        "05.03.2024",
        "Мужской",
        "child",
        "KZ",
        "SexualExploitation; forced labour",
        "Ахметов",
        "Ерлан",
        "",
    ],
]


def test_good_file_creates_victims_with_personal_data_and_audit(
    tmp_path: Path, case_worker: Any, shelter: Any
) -> None:
    path = write_xlsx(tmp_path / "v.xlsx", [HEADER, *GOOD])
    result = import_file(path, kind=get_kind("victims"), actor=case_worker, agency=shelter)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (2, 0)
    first = Victim.objects.get(registered_by=shelter, source_ref="SH-1")
    assert first.sex == "female" and first.citizenship_id == "UZ"
    assert first.personal.family_name == "Karimova" and first.personal.birth_year == 1990
    second = Victim.objects.get(source_ref="SH-2")
    assert second.registered_on.isoformat() == "2024-03-05"
    assert sorted(second.exploitations.values_list("form", flat=True)) == [
        "ForcedLabour",
        "SexualExploitation",
    ]
    assert AuditEntry.objects.filter(object_id=str(first.pk), action="create").exists()


def test_error_rejects_the_whole_file_and_names_row_column_value(
    tmp_path: Path, case_worker: Any, shelter: Any
) -> None:
    bad = [*GOOD, ["SH-3", "2024-13-45", "female", "adult", "Atlantis", "", "X", "Y", ""]]
    path = write_xlsx(tmp_path / "v.xlsx", [HEADER, *bad])
    before = (Victim.objects.count(), AuditEntry.objects.count())
    result = import_file(path, kind=get_kind("victims"), actor=case_worker, agency=shelter)
    assert not result.ok
    assert (Victim.objects.count(), AuditEntry.objects.count()) == before
    by_column = {e.column: e for e in result.errors}
    assert by_column["B (registered_on)"].row == 4
    assert by_column["B (registered_on)"].value == "2024-13-45"
    assert "31.03.2024" in by_column["B (registered_on)"].message
    assert by_column["E (citizenship)"].value == "Atlantis"


def test_reimport_of_a_corrected_file_updates_instead_of_duplicating(
    tmp_path: Path, case_worker: Any, shelter: Any
) -> None:
    kind = get_kind("victims")
    import_file(
        write_xlsx(tmp_path / "a.xlsx", [HEADER, *GOOD]),
        kind=kind,
        actor=case_worker,
        agency=shelter,
    )
    corrected = [list(GOOD[0]), list(GOOD[1])]
    corrected[0][2] = "male"
    result = import_file(
        write_xlsx(tmp_path / "b.xlsx", [HEADER, *corrected]),
        kind=kind,
        actor=case_worker,
        agency=shelter,
    )
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 2)
    assert Victim.objects.filter(registered_by=shelter).count() == 2
    assert Victim.objects.get(source_ref="SH-1").sex == "male"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_csv_in_the_encodings_excel_writes(
    tmp_path: Path, case_worker: Any, shelter: Any, encoding: str
) -> None:
    path = write_csv(tmp_path / "v.csv", [HEADER, *GOOD], encoding=encoding, delimiter=";")
    result = import_file(path, kind=get_kind("victims"), actor=case_worker, agency=shelter)
    assert result.ok, result.errors
    assert Victim.objects.get(source_ref="SH-2").personal.family_name == "Ахметов"
