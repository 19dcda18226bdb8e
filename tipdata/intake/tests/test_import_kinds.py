"""Importing the other record types through their own services, and the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tipdata.cases.models import CriminalCase, Defendant
from tipdata.hotline.models import HotlineCall
from tipdata.intake.importer import import_file
from tipdata.intake.kinds import get_kind
from tipdata.intake.tests.helpers import write_csv, write_xlsx
from tipdata.referrals.models import Referral
from tipdata.testing.factories import organisation
from tipdata.victims.models import Victim

VICTIMS = [["source_ref", "registered_on", "sex"], ["SH-7", "2024-02-01", "female"]]


def test_referral_names_the_victim_by_the_shelters_own_reference(
    tmp_path: Path, case_worker: Any, shelter: Any
) -> None:
    import_file(
        write_xlsx(tmp_path / "v.xlsx", VICTIMS),
        kind=get_kind("victims"),
        actor=case_worker,
        agency=shelter,
    )
    hospital = organisation("NGO_SHELTER", name="Crisis centre", code="crisis-centre")
    rows = [
        [
            "source_ref",
            "victim",
            "to_organisation",
            "referred_on",
            "requested_services",
            "consent_given",
        ],
        ["R-1", "SH-7", "crisis-centre", "2024-02-02", "", "да"],
    ]
    result = import_file(
        write_xlsx(tmp_path / "r.xlsx", rows),
        kind=get_kind("referrals"),
        actor=case_worker,
        agency=shelter,
    )
    assert result.ok, result.errors
    referral = Referral.objects.get(source_ref="R-1")
    assert referral.victim == Victim.objects.get(source_ref="SH-7")
    assert referral.to_organisation == hospital and referral.from_organisation == shelter


def test_cases_and_their_suspects(tmp_path: Path, investigator: Any, police_unit: Any) -> None:
    cases = [
        ["source_ref", "registration_number", "registered_on", "articles", "exploitation_form"],
        ["KUI-1", "241500031000101", "10.01.2024", "128", "Forced labour"],
    ]
    result = import_file(
        write_xlsx(tmp_path / "c.xlsx", cases),
        kind=get_kind("cases"),
        actor=investigator,
        agency=police_unit,
    )
    assert result.ok, result.errors
    case = CriminalCase.objects.get(source_ref="KUI-1")
    assert [a.code for a in case.articles.all()] == ["128"]
    suspects = [
        ["source_ref", "case", "full_name", "sex", "birth_year"],
        ["S-1", "KUI-1", "Иванов Иван", "male", "1980"],
        ["S-2", "241500031000101", "Петров Пётр", "male", ""],
    ]
    path = write_csv(tmp_path / "d.csv", suspects, encoding="cp1251", delimiter=";")
    result = import_file(path, kind=get_kind("defendants"), actor=investigator)
    assert result.ok, result.errors
    assert Defendant.objects.filter(case=case).count() == 2
    suspects[1][2] = "Иванов Иван Иванович"
    path = write_csv(tmp_path / "d2.csv", suspects, encoding="cp1251", delimiter=";")
    result = import_file(path, kind=get_kind("defendants"), actor=investigator)
    assert (result.created, result.updated) == (0, 2)
    assert Defendant.objects.get(source_ref="S-1").full_name == "Иванов Иван Иванович"


def test_someone_elses_records_are_refused_on_the_owner_column(
    tmp_path: Path, case_worker: Any, shelter: Any, police_unit: Any
) -> None:
    rows = [
        ["source_ref", "registered_by", "registered_on"],
        ["X-1", police_unit.code, "2024-02-01"],
    ]
    result = import_file(
        write_xlsx(tmp_path / "v.xlsx", rows),
        kind=get_kind("victims"),
        actor=case_worker,
        agency=shelter,
    )
    assert not result.ok
    assert result.errors[0].column == "B (registered_by)"
    assert result.errors[0].value == police_unit.code
    assert not Victim.objects.exists()


def test_type_is_told_from_the_template_and_unknown_columns_refused(
    tmp_path: Path, case_worker: Any, shelter: Any
) -> None:
    calls = [
        [
            "source_ref",
            "received_at",
            "caller_type",
            "topic",
            "possible_victims",
            "outcome",
            "summary",
        ]
    ]
    path = write_xlsx(
        tmp_path / "h.xlsx", [*calls, ["H-1", "", "", "", "", "", ""]], title="hotline"
    )
    result = import_file(path, actor=case_worker, agency=shelter)
    assert result.kind == "hotline"
    bad = write_xlsx(tmp_path / "bad.xlsx", [[*VICTIMS[0], "shoe size"], [*VICTIMS[1], "42"]])
    result = import_file(bad, kind=get_kind("victims"), actor=case_worker, agency=shelter)
    assert "D “shoe size”" in result.file_error


def test_command_line_import_with_error_report(tmp_path: Path, shelter: Any) -> None:
    good = write_xlsx(tmp_path / "v.xlsx", VICTIMS)
    call_command(
        "import", str(good), "--type", "victims", "--agency", shelter.code, "--no-progress"
    )
    assert Victim.objects.filter(registered_by=shelter, source_ref="SH-7").count() == 1
    bad = write_xlsx(tmp_path / "bad.xlsx", [VICTIMS[0], ["SH-8", "yesterday", "female"]])
    report = tmp_path / "problems.xlsx"
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import",
            str(bad),
            "--type",
            "victims",
            "--agency",
            shelter.code,
            "--report",
            str(report),
            "--no-progress",
        )
    rows = list(openpyxl.load_workbook(report).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:3] == (2, "B (registered_on)", "yesterday")
    assert not Victim.objects.filter(source_ref="SH-8").exists()


def test_hotline_calls_stream_with_progress(
    tmp_path: Path, shelter: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    hotline = organisation("HOTLINE", name="Hotline", code="hotline-1")
    header = ["source_ref", "received_at", "caller_type", "topic", "outcome", "summary"]
    rows = [
        [f"C-{i}", "01.03.2024 10:15", "witness", "Labour rights", "information", ""]
        for i in range(600)
    ]
    path = write_csv(tmp_path / "calls.csv", [header, *rows], encoding="utf-8-sig")
    seen: list[int] = []
    result = import_file(path, kind=get_kind("hotline"), agency=hotline, progress=seen.append)
    assert result.ok, result.errors[:3]
    assert HotlineCall.objects.filter(operator=hotline).count() == 600
    assert seen[-1] == 600 and len(seen) > 2
