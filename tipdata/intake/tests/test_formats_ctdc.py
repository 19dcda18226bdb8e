"""CTDC victim records: the real k-anonymised sample, the codebook's columns, and the writer."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tipdata.intake.formats.ctdc import (
    CTDC_COLUMNS,
    CtdcRecord,
    age_band_bounds,
    read_ctdc,
    write_ctdc,
)
from tipdata.intake.formats.ctdc_columns import UNKNOWN_COUNTRY
from tipdata.intake.tests.shared_data import shared_file

SAMPLE = "ctdc/ctdc-global-kanon-2020-sample-2000.csv"
CODEBOOK = "ctdc/ctdc-codebook-v6.0.pdf"


def _read(path: Path) -> tuple[list[CtdcRecord], list[str], list[str]]:
    with read_ctdc(path) as reader:
        return list(reader), [str(i) for i in reader.issues], reader.unknown_columns


def test_real_sample_parses_and_counts_match_the_raw_csv() -> None:
    path = shared_file(SAMPLE)
    records, issues, unknown = _read(path)
    with path.open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    assert len(records) == len(raw) == 2000
    assert issues == [] and unknown == []
    assert Counter(r.gender for r in records) == Counter(row["gender"] for row in raw)
    assert sum(r.is_forced_labour is True for r in records) == sum(
        row["isForcedLabour"] == "1.0" for row in raw
    )
    assert sum(r.is_sexual_exploit is None for r in records) == sum(
        row["isSexualExploit"] in ("", "-99") for row in raw
    )
    assert sum(r.age_broad is None for r in records) == sum(row["ageBroad"] == "" for row in raw)
    years = {r.year_of_registration for r in records}
    assert all(isinstance(y, int) and 2002 <= y <= 2018 for y in years)
    # The release writes the data dictionary's "00" (unknown country) as "0".
    unknown_citizenship = sum(row["citizenship"] == "0" for row in raw)
    assert Counter(r.citizenship for r in records)[UNKNOWN_COUNTRY] == unknown_citizenship > 0
    assert {r.age_broad for r in records} - {None} <= {
        "0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+"
    }  # fmt: skip
    assert [r.row for r in records[:2]] == [2, 3]


def test_minus_99_and_empty_are_missing_and_bad_cells_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "ctdc.csv"
    path.write_text(
        "yearOfRegistration;gender;ageBroad;citizenship;isForcedLabour;meansOfControlDebtBondage;"
        "typeOfExploitConcatenated;CountryofExploitation;caseRef\r\n"
        "2019;-99;-99;-99;-99;-99;;-99;A-1\r\n"
        "2020.0;female;30\u201438;kz;1;0.0;"
        '"Forced labour and/or services;Sexual exploitation";KZ;B-2\r\n'
        "20x0;Woman;31--40;Kazakhstan;yes;1;;;C-3\r\n",
        encoding="utf-8",
    )
    with read_ctdc(path) as reader:
        first, second, third = list(reader)
        issues = reader.issues
        assert reader.unknown_columns == ["caseRef"]
        assert "CountryOfExploitation" in reader.columns  # codebook spelling, any case
    assert (first.gender, first.age_broad, first.citizenship, first.is_forced_labour) == (None,) * 4
    assert first.means_of_control == {"meansOfControlDebtBondage": None}
    assert first.extra == {"caseRef": "A-1"}
    assert second.year_of_registration == 2020 and second.gender == "Female"
    assert second.age_broad == "30--38" and second.age_range == (30, 38)
    assert second.is_forced_labour is True
    assert second.means_of_control == {"meansOfControlDebtBondage": False}
    assert second.type_of_exploit_list == ("Forced labour and/or services", "Sexual exploitation")
    assert second.citizenship == "KZ"
    assert {(i.row, i.column, i.field, i.value) for i in issues} == {
        (4, "A", "yearOfRegistration", "20x0"),
        (4, "B", "gender", "Woman"),
        (4, "C", "ageBroad", "31--40"),
        (4, "D", "citizenship", "Kazakhstan"),
        (4, "E", "isForcedLabour", "yes"),
    }
    assert third.gender is None and third.means_of_control == {"meansOfControlDebtBondage": True}


def test_write_then_read_round_trips_every_column(tmp_path: Path) -> None:
    record = CtdcRecord(
        year_of_registration=2020,
        datasource="Case management",
        gender="Female",
        age_broad="18--20",
        majority_status="Adult",
        citizenship="KZ",
        country_of_exploitation=UNKNOWN_COUNTRY,
        is_forced_labour=True,
        is_sexual_exploit=False,
        means_of_control={"meansOfControlDebtBondage": True, "meansOfControlThreats": None},
        type_of_labour={"typeOfLabourConstruction": True},
        means_of_control_list=("Debt bondage", "Threats to individual or others"),
        recruiter_relationship=("Friend/Acquaintance",),
    )
    path = tmp_path / "out.csv"
    assert write_ctdc([record, CtdcRecord()], path) == 2
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == [c.name for c in CTDC_COLUMNS] and len(header) == 62
    written = dict(zip(header, rows[0], strict=True))
    assert written["isForcedLabour"] == "1" and written["isSexualExploit"] == "0"
    assert written["gender"] == "Female" and written["isOtherExploit"] == "-99"
    assert written["meansOfControlConcatenated"] == "Debt bondage;Threats to individual or others"
    blank = dict(zip(header, rows[1], strict=True))
    assert blank["gender"] == "-99" and blank["yearOfRegistration"] == ""
    assert blank["meansOfControlNotSpecified"] == "" and blank["CountryOfExploitation"] == ""
    (back, _), issues, _ = _read(path)
    assert issues == []
    expected_flags = {c.name: None for c in CTDC_COLUMNS if c.name.startswith("meansOfControl")}
    expected_flags.pop("meansOfControlConcatenated")
    expected_flags["meansOfControlDebtBondage"] = True
    assert back.means_of_control == expected_flags
    assert back.get("typeOfLabourConstruction") is True
    for name in ("gender", "citizenship", "CountryOfExploitation", "isSexualExploit"):
        assert back.get(name) == record.get(name)
    assert back.recruiter_relationship == record.recruiter_relationship


def test_empty_missing_style_like_the_2020_release(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    write_ctdc([CtdcRecord(gender="Male")], path, columns=["gender", "ageBroad"], missing="empty")
    assert path.read_bytes() == b"gender,ageBroad\r\nMale,\r\n"


def test_age_bands() -> None:
    assert age_band_bounds("9--17") == (9, 17)
    assert age_band_bounds("48+") == (48, None)


def test_columns_are_exactly_the_codebook_list() -> None:
    pdf = shared_file(CODEBOOK)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(  # noqa: S603 - fixed tool on a fixed file
        ["pdftotext", "-layout", str(pdf), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listing = text.split("2. LIST OF VARIABLES")[1].split("3. DETAILED DESCRIPTION")[0]
    numbered = re.findall(r"^\s*(\d+)\s+([A-Za-z]+)\s*$", listing, flags=re.MULTILINE)
    assert [int(n) for n, _ in numbered] == list(range(1, 63))
    assert [name.casefold() for _, name in numbered] == [c.name.casefold() for c in CTDC_COLUMNS]
