"""HTCDS 2.0: victim and referral records in IOM's official template, read back by the reader."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tipdata.audit.models import Action, AuditEntry
from tipdata.exchange.exports import export_htcds
from tipdata.intake.formats.htcds import HtcdsRecord, read_htcds
from tipdata.intake.formats.htcds_catalogue import HtcdsCatalogue, load_catalogue
from tipdata.profiles.models import Country
from tipdata.referrals.services import refer_victim
from tipdata.victims.services import identify_victim, register_victim

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def catalogue() -> HtcdsCatalogue:
    from tipdata.intake.tests.shared_data import shared_file

    return load_catalogue(shared_file("htcds/htcds-field-standards-2.0.csv"))


@pytest.fixture
def victim(shelter: Any, case_worker: Any, police_unit: Any) -> Any:
    record = register_victim(
        actor=case_worker,
        data={
            "registered_by": shelter,
            "registered_on": datetime.date(2020, 4, 2),
            "sex": "female",
            "citizenship": Country.objects.get(code="UZ"),
            "exploitation_forms": ["ForcedLabour", "Servitude"],
            "industry": "T_ActivitiesOfHouseholdsAsEmployers",
            "control_methods": ["DebtBondage", "WithholdsDocuments"],
            "given_name": "Dilnoza",
            "family_name": "Karimova",
            "birth_date": datetime.date(1990, 7, 14),
            "email": "d.k@example.org",
            "phone": "not a phone",
        },
    )
    identify_victim(
        actor=case_worker,
        instance=record,
        identified_on=datetime.date(2020, 4, 3),
        identification_channel="ngo_outreach",
    )
    refer_victim(
        actor=case_worker,
        data={
            "victim": record,
            "to_organisation": police_unit,
            "referred_on": datetime.date(2020, 4, 5),
            "consent_given": True,
        },
    )
    return record


def read_back(path: Path, catalogue: HtcdsCatalogue) -> list[HtcdsRecord]:
    with read_htcds(path, catalogue) as reader:
        records = list(reader)
        assert reader.issues == []
    return records


def test_template_export_reads_back_with_the_standards_values(
    victim: Any, case_worker: Any, catalogue: HtcdsCatalogue, htcds_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "htcds.xlsx"

    result = export_htcds(actor=case_worker, target=path, catalogue=catalogue)

    assert result.rows == 1
    assert any("prs_MobilePhone" in n for n in result.notes)  # left out, not blocking
    (row,) = read_back(path, catalogue)
    values = row.values
    assert values["prs_FirstName"] == "Dilnoza" and values["prs_SecondName"] == "Karimova"
    assert values["prs_Birthdate"] == datetime.date(1990, 7, 14)
    assert values["prs_Gender"] == "Feminine"
    assert values["prs_Citizenship"] == ("UZ",)
    assert values["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    assert values["vic_TraffickingStatusDecisionMakingOrg"] == "NGO"
    assert values["vic_TypeOfExploitation"] == ("ForcedLabour", "Servitude")
    assert values["vic_MethodsOfControl"] == ("DebtBondage", "WithholdsDocuments")
    assert values["vic_ForcedLabourIndustry"] == "T_ActivitiesOfHouseholdsAsEmployers"
    assert values["cas_ReferredOrganisation"] == "Almaty anti-trafficking unit"
    assert values["cas_OutgoingReferralDate"] == datetime.date(2020, 4, 5)
    assert values["prs_MobilePhone"] is None
    # the official layout: numbering in column A, names in row 1, labels in row 2, data from 3
    sheet = openpyxl.load_workbook(path).worksheets[0]
    template = openpyxl.load_workbook(htcds_template).worksheets[0]
    assert sheet.max_column == template.max_column
    assert sheet["A3"].value == 1 and sheet["D3"].value == "Dilnoza"
    assert sheet["N1"].value == "prs_MailingStreet" and sheet["N2"].value == "Mailing Street"
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.changes["format"] == "htcds-template-xlsx"
    assert entry.changes["filters"] == {"personal": True}


def test_roles_without_personal_data_get_no_personal_fields(
    victim: Any, catalogue: HtcdsCatalogue, tmp_path: Path
) -> None:
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import persona

    analyst = persona(Role.ANALYST, username="analyst")
    path = tmp_path / "plain.xlsx"

    export_htcds(actor=analyst, target=path, template=False, catalogue=catalogue)

    (row,) = read_back(path, catalogue)
    assert not any(
        name.startswith("prs_") and name != "prs_Gender" and name != "prs_Citizenship"
        for name in row.values
    )
    assert row.values["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    text = " ".join(str(c.value) for r in openpyxl.load_workbook(path).active for c in r)
    assert "Dilnoza" not in text and "1990" not in text


def test_export_is_scoped_to_what_the_user_may_see(
    victim: Any, catalogue: HtcdsCatalogue, tmp_path: Path, profile: Any
) -> None:
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import organisation, persona

    other = persona(Role.NGO_CASE_WORKER, organisation("NGO_SHELTER"), username="other")
    path = tmp_path / "other.xlsx"

    assert export_htcds(actor=other, target=path, template=False, catalogue=catalogue).rows == 0
    assert read_back(path, catalogue) == []
