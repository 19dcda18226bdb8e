"""The ``tipdata import_* / export_*`` commands: same services, clear errors, files written."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tipdata.indicators.models import HistoricalValue
from tipdata.indicators.tests import builders as b
from tipdata.intake.formats.glotip import read_glotip
from tipdata.intake.formats.htcds import read_htcds
from tipdata.intake.formats.htcds_catalogue import load_catalogue
from tipdata.testing.factories import organisation
from tipdata.victims.models import Victim

pytestmark = pytest.mark.django_db


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_ctdc_twice(ctdc_file: Path, iom: Any) -> None:
    assert "2000 records created" in run("import_ctdc", str(ctdc_file), "--agency", "iom-kz")
    assert "2000 already imported" in run("import_ctdc", str(ctdc_file), "--agency", "iom-kz")
    assert Victim.objects.count() == 2000


def test_import_errors_are_command_errors(tmp_path: Path, iom: Any) -> None:
    with pytest.raises(CommandError, match="No organisation with code nope"):
        run("import_ctdc", "x.csv", "--agency", "nope")
    with pytest.raises(CommandError, match=r"missing\.csv"):
        run("import_ctdc", str(tmp_path / "missing.csv"), "--agency", "iom-kz")
    bad = tmp_path / "bad.csv"
    bad.write_text("yearOfRegistration,gender\n20x9,Female\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Row 2, column A \(yearOfRegistration\)"):
        run("import_ctdc", str(bad), "--agency", "iom-kz")


def test_import_glotip_for_the_working_group(glotip_file: Path, profile: Any) -> None:
    organisation("WORKING_GROUP", code="iwg")

    output = run("import_glotip", str(glotip_file), "--country", "KAZ")

    assert "unchanged" in output
    total = HistoricalValue.objects.get(indicator="PROT_VICTIMS_IDENTIFIED", year=2020, cell="")
    assert total.value == 92 and total.entered_by.code == "iwg"


def test_exports_write_files(tmp_path: Path, police_unit: Any, htcds_template: Path) -> None:
    b.victim(police_unit, datetime.date(2020, 7, 1))
    glotip = tmp_path / "unodc.csv"
    htcds = tmp_path / "htcds.xlsx"
    ctdc = tmp_path / "ctdc.csv"

    assert "Wrote" in run("export_glotip", "--year", "2020", "--output", str(glotip))
    run("export_htcds", "--output", str(htcds))
    run("export_ctdc", "--output", str(ctdc), "--k", "1")

    with read_glotip(glotip) as reader:
        assert any(r.value == 1 and r.indicator == "Detected trafficking victims" for r in reader)
    with read_htcds(htcds, load_catalogue()) as reader:
        (row,) = list(reader)
    assert row.values["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    assert "prs_FirstName" not in row.values or row.values["prs_FirstName"] is None
    assert ctdc.read_text(encoding="utf-8").count("\n") == 2  # header and the one record
