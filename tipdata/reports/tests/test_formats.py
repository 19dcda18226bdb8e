"""JSON, standalone HTML and XLSX renderings of a report state the same figures."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tipdata.reports.renderers import render_html, render_json, render_xlsx
from tipdata.reports.serialization import report_from_json


def test_json_carries_every_figure_with_code_comparisons_and_sources(report):
    data = json.loads(render_json(report))
    prosecution = data["sections"][0]
    assert [s["key"] for s in data["sections"]] == [
        "prosecution",
        "protection",
        "prevention",
        "lineage",
    ]
    first = prosecution["figures"][0]
    assert first["indicator"] == "INVESTIGATIONS_NEW" and first["value"] == 64
    [earlier] = first["comparisons"]
    assert (earlier["year"], earlier["value"], earlier["source"]) == (2019, 38, "aggregate")
    assert first["sources"][0]["record_count"] == 64
    assert data["gaps"][0]["expected_from"] == "NGO or shelter"


def test_json_round_trips_to_the_same_report(report):
    data = json.loads(render_json(report))
    again = report_from_json(data)
    assert again.to_json() == data
    assert again.figure("shelter_grants_kzt").usd == Decimal("135349")
    assert again.sections[1].series[0].points[0] == (2018, None)
    assert again.figure("convictions", form="labour").value == 4


def test_html_file_is_standalone_and_states_each_figure(report):
    html = render_html(report).decode()
    assert "<style>" in html and 'rel="stylesheet"' not in html  # opens without the server
    assert "http://" not in html and "https://" not in html  # nothing fetched from outside
    for title in ("Prosecution", "Protection", "Prevention", "What the records now answer"):
        assert f"<h2>{title}</h2>" in html
    assert "Police newly investigated 64 trafficking cases in 2020, compared with 38" in html
    assert "2019: 9 (historical aggregate); 2018: 16 (historical aggregate)" in html
    assert "MVD anti-trafficking unit, Almaty: 64 records" in html
    assert "58,200,000 KZT (US$135,349)" in html
    # no USD from the engine: converted at the report's rate (96.5 million / 430)
    assert "96,500,000 KZT (US$224,419)" in html
    assert 'class="discrepancy"' in html and "MLSP letter no. 12-3/456 gives 4,230" in html
    assert "Victims identified by NGOs" in html and "Ministry of Justice" in html
    assert "Шымкент" in html
    assert html.count('src="data:image/svg+xml;base64,') == 2  # one chart per series


def test_a_figure_without_a_sentence_is_still_written_out(report):
    html = render_html(report).decode()
    assert "Convictions: 4 persons in 2020." in html
    assert "No data on ngo victims identified for 2020." in html


def test_files_made_without_a_reader_carry_no_drilldown_links(report):
    assert 'class="drilldown"' not in render_html(report).decode()


@pytest.fixture
def workbook(report):
    return load_workbook(io.BytesIO(render_xlsx(report)))


def test_xlsx_has_one_sheet_per_section_then_gaps_and_sources(workbook):
    assert workbook.sheetnames == [
        "Prosecution",
        "Protection",
        "Prevention",
        "What the records now answer",
        "Data gaps",
        "Sources",
    ]


def rows_by_key(sheet):
    header_row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Indicator")
    rows = {}
    for row in sheet.iter_rows(values_only=True):
        if row[1] and row[0] and row[0] != "Indicator" and row[0].isupper():
            rows.setdefault(row[1], dict(zip(header_row, row, strict=False)))
    return rows


def test_xlsx_figures_are_numbers_with_their_comparisons(workbook):
    prosecution = rows_by_key(workbook["Prosecution"])
    convictions = prosecution["convictions"]
    assert convictions["Value 2020"] == 14 and isinstance(convictions["Value 2020"], int)
    assert (convictions["2019"], convictions["2016"]) == (9, 31)
    protection = rows_by_key(workbook["Protection"])
    grants = protection["shelter_grants_kzt"]
    assert grants["Value 2020"] == 58_200_000 and grants["USD"] == 135_349
    prevention = rows_by_key(workbook["Prevention"])
    assert prevention["labor_inspections"]["Discrepancy"].startswith("The MLSP letter")
    assert prevention["fines_kzt"]["USD"] == 224_419


def test_xlsx_keeps_tables_series_gaps_and_sources(workbook):
    protection = [r[:2] for r in workbook["Protection"].iter_rows(values_only=True)]
    header = protection.index(("Регион", "Victims"))
    assert protection[header + 1 : header + 4] == [
        ("Алматы", 44),
        ("Шымкент", 33),
        ("Bahrain (abroad)", 16),
    ]
    assert len(workbook["Prosecution"]._charts) == 1
    gaps = list(workbook["Data gaps"].iter_rows(values_only=True))
    assert gaps[1][:3] == ("PROT_NGO_VICTIMS", "Victims identified by NGOs", "NGO or shelter")
    sources = list(workbook["Sources"].iter_rows(values_only=True))
    aggregate = ("Prevention", "labor_inspections", "LABOR_INSPECTIONS", 2020)
    assert (*aggregate, "historical aggregate", "MLSP letter", None, None, "no. 12-3/456") in (
        sources
    )
