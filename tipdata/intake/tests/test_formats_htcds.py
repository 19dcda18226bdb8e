"""HTCDS 2.0: the real field catalogue, the official template's layout, reading and writing."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tipdata.intake.formats.htcds import read_htcds, write_htcds
from tipdata.intake.formats.htcds_catalogue import (
    HtcdsCatalogue,
    HtcdsValueError,
    load_catalogue,
)
from tipdata.intake.readers import TableFormatError
from tipdata.intake.tests.shared_data import shared_file

FIELDS = "htcds/htcds-field-standards-2.0.csv"
TEMPLATE = "htcds/htcds-excel-template-2.0.xlsx"


@pytest.fixture(scope="module")
def catalogue() -> HtcdsCatalogue:
    return load_catalogue(shared_file(FIELDS))


@pytest.fixture(scope="module")
def template() -> Path:
    return shared_file(TEMPLATE)


def test_catalogue_matches_the_raw_field_list(catalogue: HtcdsCatalogue) -> None:
    with shared_file(FIELDS).open(encoding="utf-8", newline="") as handle:
        raw = [row + [""] * (13 - len(row)) for row in list(csv.reader(handle))[1:]]
    named = [r for r in raw if r[4].strip()]
    examples = [r for r in named if "N/A" in (r[1], r[3], r[4])]
    assert len(catalogue) == len(named) - len(examples) > 80
    assert catalogue.skipped_rows == len(examples) > 0
    exploitation = catalogue["vic_TypeOfExploitation"]
    assert exploitation.multiselect and exploitation.core
    assert exploitation.section == "Person - Victim Context"  # the CSV breaks it over two lines
    assert {"ForcedLabour", "SexualExploitation", "OrganRemoval"} <= set(exploitation.values)
    assert len(exploitation.values) == len(exploitation.value_labels)
    assert catalogue["prs_Gender"].value_labels[0] == "Feminine"  # trailing spaces trimmed
    assert catalogue["vic_TraffickingStatus"].values == (
        "PossibleVictimOfTrafficking",
        "ActualVictimOfTrafficking",
        "NotAVictimOfTrafficking",
    )
    assert catalogue["prs_Citizenship"].standard == "ISO 3166"
    assert catalogue["prs_Citizenship"].values == ()  # an instruction, not a value
    assert catalogue["prs_PrimaryLanguage"].standard == "ISO 639"
    assert catalogue["prs_MobilePhone"].pattern == r"^\+?[1-9]\d{1,14}$"
    assert "" not in catalogue["spl_Type"].values
    assert catalogue["per_Organisation"].prefix == "per_"  # a ragged five-cell row
    assert catalogue["vic_Vulnerabilities"].deprecated


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        (
            "vic_TypeOfExploitation",
            "Forced labour; SexualExploitation ;forcedlabour",
            ("ForcedLabour", "SexualExploitation"),
        ),
        ("prs_Gender", "Not Specified/Unknown", "NonSpecifiedUnknown"),
        ("prs_Birthdate", "01.02.1990", dt.date(1990, 2, 1)),
        ("prs_Birthdate", "1990-02-01", dt.date(1990, 2, 1)),
        ("prs_Citizenship", "kz;UZB", ("KZ", "UZB")),
        ("prs_PrimaryLanguage", "kk", "kk"),
        ("prs_MobilePhone", "+7 (701) 123-45-67", "+77011234567"),
        ("con_Consent", "да", True),
        ("prs_NumberOfChildren", "2", 2),
        ("prs_MailingLatitude", "43,238", Decimal("43.238")),
        ("prs_FirstName", "  ", None),
    ],
)
def test_values_are_typed(catalogue: HtcdsCatalogue, field: str, raw: str, expected: Any) -> None:
    assert catalogue.parse(field, raw) == expected


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("prs_Gender", "Female", "use one of: Feminine, Masculine"),
        ("vic_TypeOfExploitation", "ForcedLabour;Slavery", "not a value of Type of Exploitation"),
        ("prs_Birthdate", "02/01/1990", "YYYY-MM-DD or DD.MM.YYYY"),
        ("prs_Citizenship", "Kazakhstan", "ISO 3166"),
        ("prs_Email", "aida at mail", "e-mail"),
        ("prs_MailingLatitude", "143", "out of range"),
        ("con_Consent", "maybe", "TRUE or FALSE"),
    ],
)
def test_wrong_values_say_what_would_do(
    catalogue: HtcdsCatalogue, field: str, raw: str, message: str
) -> None:
    with pytest.raises(HtcdsValueError, match=message):
        catalogue.parse(field, raw)


def test_official_template_headers_are_recognised(
    catalogue: HtcdsCatalogue, template: Path
) -> None:
    sheet = openpyxl.load_workbook(template).worksheets[0]
    filled = {c.column_letter for row in sheet.iter_rows(max_row=2) for c in row if c.value}
    with read_htcds(template, catalogue) as reader:
        layout = reader.layout
        assert list(reader) == []  # 1,000 numbered but empty rows are not records
    assert layout.label_row == 2 and layout.unknown == {}
    assert {c.letter for c in layout.columns} == filled - {"A"}
    assert len(set(layout.fields)) == len(layout.fields) == len(filled - {"A"})
    assert set(layout.fields) <= set(catalogue.fields)
    letters = {c.letter: c.field for c in layout.columns}
    assert letters["T"] == "vic_TraffickingStatusDecisionMakingOrg"  # misspelt in the template
    assert letters["AJ"] == "cas_ReasonForOutgoingReferral"  # label only
    assert letters["N"] == "prs_MailingStreet"  # named MailingCity, labelled Mailing Street
    assert letters["X"] == "vic_TypeOfExploitation"
    assert sum("named" in note for note in layout.notes) == 4
    with read_htcds(template, catalogue, prefer="names") as reader:
        assert {c.letter: c.field for c in reader.layout.columns}["N"] == "prs_MailingCity"


def _victim() -> dict[str, object]:
    return {
        "cas_CaseOwner": "Sana Sezim shelter",
        "prs_FirstName": "Айгуль",
        "prs_SecondName": '=HYPERLINK("http://x")',
        "prs_Birthdate": dt.date(1999, 12, 31),
        "prs_Gender": "Feminine",
        "prs_Citizenship": ("KZ", "UZ"),
        "prs_MobilePhone": "+77011234567",
        "prs_MailingStreet": "Abay 10",
        "prs_MailingCity": "Almaty",
        "prs_MailingCountry": "KZ",
        "con_Consent": True,
        "vic_TraffickingStatus": "ActualVictimOfTrafficking",
        "vic_TraffickingStatusDecisionMakingOrg": "NGO",
        "vic_TypeOfExploitation": ("ForcedLabour", "SexualExploitation"),
        "vic_ForcedLabourIndustry": "F_Construction",
        "cas_Status": "Active",
        "cas_ReasonForOutgoingReferral": "AdditionalServicesRequired",
        "cas_OutgoingReferralDate": dt.date(2021, 3, 4),
    }


def _expected(record: dict[str, object], fields: list[str]) -> dict[str, object]:
    return {name: record.get(name) for name in fields}


def test_filled_template_round_trips(
    catalogue: HtcdsCatalogue, template: Path, tmp_path: Path
) -> None:
    second = {"prs_FirstName": "Dana", "cas_Status": "Closed"}
    path = tmp_path / "cases.xlsx"
    assert write_htcds([_victim(), second], path, catalogue, template=template) == 2
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet["N1"].value == "prs_MailingStreet" and sheet["N2"].value == "Mailing Street"
    assert sheet["T1"].value == "vic_TraffickingStatusDecisionMakingOrg"
    assert sheet["AJ1"].value == "cas_ReasonForOutgoingReferral"
    assert sheet["E3"].data_type == "s"  # text, never a formula
    with read_htcds(path, catalogue, prefer="names") as reader:
        assert reader.layout.notes == []  # names and labels now agree
        records = list(reader)
    assert [r.row for r in records] == [3, 4]
    assert all(r.ok for r in records)
    assert records[0].values == _expected(_victim(), reader.layout.fields)
    assert records[1].values == _expected(second, reader.layout.fields)


def test_plain_workbook_round_trips(catalogue: HtcdsCatalogue, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    write_htcds([_victim()], path, catalogue)
    with read_htcds(path, catalogue) as reader:
        (record,) = list(reader)
        assert reader.layout.fields == [f.name for f in catalogue if f.name in _victim()]
    assert record.values == _victim()


def test_writer_refuses_what_it_cannot_write_faithfully(
    catalogue: HtcdsCatalogue, template: Path, tmp_path: Path
) -> None:
    with pytest.raises(HtcdsValueError, match="record 1, prs_Gender: not a value of Gender"):
        write_htcds([{"prs_Gender": "F"}], tmp_path / "x.xlsx", catalogue)
    with pytest.raises(HtcdsValueError, match="not HTCDS fields: nickname"):
        write_htcds([{"nickname": "Ai"}], tmp_path / "x.xlsx", catalogue)
    with pytest.raises(HtcdsValueError, match="no column for prs_MiddleName"):
        write_htcds([{"prs_MiddleName": "K"}], tmp_path / "x.xlsx", catalogue, template=template)


def test_typed_values_must_suit_their_field(catalogue: HtcdsCatalogue) -> None:
    assert catalogue.format("vic_TypeOfExploitation", {"SexualExploitation", "ForcedLabour"}) == (
        "ForcedLabour;SexualExploitation"  # a set is written in the standard's order
    )
    assert catalogue.format("prs_MailingLatitude", Decimal("43.2")) == Decimal("43.2")
    with pytest.raises(HtcdsValueError, match="First Name does not take a date"):
        catalogue.format("prs_FirstName", dt.date(1990, 1, 1))
    with pytest.raises(HtcdsValueError, match="Number of Children does not take a yes/no"):
        catalogue.format("prs_NumberOfChildren", True)
    with pytest.raises(HtcdsValueError, match="takes one value, not a list"):
        catalogue.format("prs_Gender", ["Feminine"])
    with pytest.raises(HtcdsValueError, match="out of range"):
        catalogue.format("prs_MailingLatitude", Decimal("91"))


def test_bad_cells_are_reported_with_row_column_field_and_value(
    catalogue: HtcdsCatalogue, tmp_path: Path
) -> None:
    path = tmp_path / "clerk.csv"
    with path.open("w", encoding="cp1251", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            [
                "prs_FirstName",
                "prs_gender",
                "vic_TypeOfExploitation",
                "prs_Birthdate",
                "Комментарий",
            ]
        )
        writer.writerow(["Ирина", "Feminine", "Forced labour;Begging", "31.12.1999", "", "лишнее"])
        writer.writerow(["Ольга", "Female", "SexualExploitation", "1999-02-30", "проверить"])
    with read_htcds(path, catalogue) as reader:
        first, second = list(reader)
        assert reader.layout.unknown == {"E": "Комментарий"}
        assert len(reader.issues) == 4
    assert [str(i) for i in first.issues] == [
        "Row 2, column F (?): 'лишнее': no header; not read",
        "Row 2, column C (vic_TypeOfExploitation): 'Forced labour;Begging': not a value of "
        "Type of Exploitation; use one of: "
        + ", ".join(catalogue["vic_TypeOfExploitation"].values),
    ]
    assert (
        first.values["prs_Gender"] == "Feminine" and first.values["vic_TypeOfExploitation"] is None
    )
    assert first.values["prs_Birthdate"] == dt.date(1999, 12, 31)
    assert {(i.row, i.column, i.field, i.value) for i in second.issues} == {
        (3, "B", "prs_Gender", "Female"),
        (3, "D", "prs_Birthdate", "1999-02-30"),
    }
    assert second.extra == {"Комментарий": "проверить"}


def test_two_columns_for_one_field_are_refused(catalogue: HtcdsCatalogue, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("prs_Gender,Gender\nFeminine,Masculine\n", encoding="utf-8")
    with pytest.raises(TableFormatError, match="columns A and B both hold prs_Gender"):
        read_htcds(path, catalogue)
