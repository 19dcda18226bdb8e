"""UNODC GLOTIP long format: typing rules, round trip, and the real 2023-05-30 release."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tipdata.intake.formats.glotip import (
    GLOTIP_COLUMNS,
    GlotipRecord,
    label_key,
    parse_glotip_value,
    read_glotip,
    write_glotip,
)
from tipdata.intake.tests.shared_data import shared_file

RELEASE = "unodc/glotip-2023-05-30.xlsx"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("167", (167, False, None)),
        ("1,282", (1282, False, None)),
        ("12,345,678", (12345678, False, None)),
        ("<5", (None, True, 5)),
        ("< 10", (None, True, 10)),
        ("n/a", (None, False, None)),
        ("1,28", (None, False, None)),  # not a thousands grouping: text, not 128
    ],
)
def test_values(text: str, expected: tuple[int | None, bool, int | None]) -> None:
    assert parse_glotip_value(text) == expected


def _records() -> list[GlotipRecord]:
    kaz = {"iso3": "KAZ", "country": "Kazakhstan", "region": "Asia", "subregion": "Central Asia"}
    return [
        GlotipRecord(indicator="Detected trafficking victims", year=2020, value=1282, **kaz),
        GlotipRecord(
            indicator="Detected trafficking victims",
            year=2020,
            value=None,
            suppressed=True,
            suppressed_below=5,
            text="<5",
            dimension="by form of exploitation",
            category="Forced labour",
            sex="Male",
            age="0 to 17 years",
            **kaz,
        ),
        GlotipRecord(iso3="UZB", indicator="Persons convicted", year=2019, value=3),
        GlotipRecord(
            iso3="KGZ",
            indicator="Persons prosecuted",
            year=2021,
            value=None,
            text="=cmd|' /c calc'!A0",
        ),
    ]


def test_round_trip_keeps_layout_suppression_and_text(tmp_path: Path) -> None:
    path = tmp_path / "submission.xlsx"
    written = write_glotip(_records(), path, banner=["tipdata", "30/05/2024"])
    assert written == 4
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[3]] == list(GLOTIP_COLUMNS)
    assert sheet["L4"].value == "1,282" and sheet["L5"].value == "<5" and sheet["J4"].value == 2020
    assert sheet["L7"].data_type == "s"  # a text value can never turn into a formula
    with read_glotip(path) as reader:
        back = list(reader)
        assert reader.preamble == (("tipdata",), ("30/05/2024",))
        assert [str(i) for i in reader.issues] == [
            "Row 7, column L (txtVALUE): '=cmd|' /c calc'!A0': not a count nor '<5'; "
            "kept as text, not counted"
        ]
    assert back == _records()
    assert [r.row for r in back] == [4, 5, 6, 7]


def test_public_release_suppresses_small_counts(tmp_path: Path) -> None:
    path = tmp_path / "public.xlsx"
    write_glotip(_records()[2:3], path, suppress_below=5)
    with read_glotip(path) as reader:
        (record,) = list(reader)
    assert (record.value, record.suppressed, record.text) == (None, True, "<5")


def test_filter_and_unreadable_rows(tmp_path: Path) -> None:
    path = tmp_path / "mixed.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(GLOTIP_COLUMNS))
    base = ["Asia", "Central Asia", "Persons convicted", "Total", "Total", "Total", "Total"]
    sheet.append(["KAZ", "Kazakhstan", *base, 2020, "Counts", "44", "GLOTIP"])
    sheet.append(["kaz", "Kazakhstan", *base, "twenty", "Counts", "7", "GLOTIP"])
    sheet.append(["UZB", "Uzbekistan", *base, 2020, "Counts", "9", "GLOTIP"])
    workbook.save(path)
    with read_glotip(path, iso3="kaz") as reader:
        records = list(reader)
        issues = reader.issues
    assert [(r.iso3, r.value, r.row) for r in records] == [("KAZ", 44, 2)]
    assert [(i.row, i.column, i.field, i.value) for i in issues] == [(3, "J", "Year", "twenty")]


def test_spelling_variants_share_a_key() -> None:
    assert label_key("TÃ¼rkiye") == label_key("Türkiye") == label_key("TURKIYE")
    assert label_key("Cote d'ivoire") == label_key("Côte d\u2019Ivoire")
    assert label_key("Kazahstan") != label_key("Kazakhstan")  # misspellings are not guessed


@pytest.fixture(scope="module")
def release() -> Path:
    return shared_file(RELEASE)


@pytest.fixture(scope="module")
def raw(release: Path) -> dict[str, Any]:
    """A plain openpyxl count of the release, independent of the reader under test."""
    workbook = openpyxl.load_workbook(release, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(min_row=4, values_only=True))
    workbook.close()
    kaz_totals = {
        (r[4], r[9]): int(str(r[11]).replace(",", ""))
        for r in rows
        if r[0] == "KAZ" and r[5:9] == ("Total", "Total", "Total", "Total") and r[11] != "<5"
    }
    return {
        "count": len(rows),
        "suppressed": sum(r[11] == "<5" for r in rows),
        "with_commas": [r[11] for r in rows if "," in str(r[11])],
        "kaz": sum(r[0] == "KAZ" for r in rows),
        "kaz_totals": kaz_totals,
    }


@pytest.fixture(scope="module")
def everything(release: Path) -> tuple[list[GlotipRecord], list[Any]]:
    with read_glotip(release) as reader:
        return list(reader), list(reader.issues)


@pytest.mark.slow
def test_real_release_every_row_types(
    everything: tuple[list[GlotipRecord], list[Any]], raw: dict[str, Any]
) -> None:
    records, issues = everything
    assert issues == []
    assert len(records) == raw["count"]
    years = Counter(r.year for r in records)
    assert min(years) == 2003 and max(years) == 2021 and all(isinstance(y, int) for y in years)
    assert sum(r.suppressed for r in records) == raw["suppressed"] > 0
    assert all(r.value is None and r.text == "<5" for r in records if r.suppressed)
    assert all(r.is_count for r in records if not r.suppressed)
    thousands = [r for r in records if "," in r.text]
    assert len(thousands) == len(raw["with_commas"]) > 0
    assert all(r.value is not None and r.value >= 1000 for r in thousands)
    assert {r.unit for r in records} == {"Counts"}


@pytest.mark.slow
def test_real_release_kazakhstan(
    release: Path, everything: tuple[list[GlotipRecord], list[Any]], raw: dict[str, Any]
) -> None:
    with read_glotip(release, iso3="KAZ") as reader:
        kaz = list(reader)
    assert len(kaz) == raw["kaz"] > 0
    assert kaz == [r for r in everything[0] if r.iso3 == "KAZ"]
    assert all(r.country == "Kazakhstan" and r.subregion == "Central Asia" for r in kaz)
    totals = {
        (r.indicator, r.year): r.value
        for r in kaz
        if (r.dimension, r.category, r.sex, r.age) == ("Total",) * 4 and r.is_count
    }
    assert totals == raw["kaz_totals"]
    assert ("Detected trafficking victims", 2020) in totals
    assert ("Persons convicted", 2020) in totals
