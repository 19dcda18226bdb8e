"""CTDC: the real 2,000-row sample imported as de-identified records, and exports read back."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tipdata.audit.models import Action, AuditEntry
from tipdata.exchange.ctdc_map import k_anonymise
from tipdata.exchange.exports import export_ctdc
from tipdata.exchange.models import ReceivedRecord
from tipdata.exchange.services import ImportRejected, import_ctdc
from tipdata.indicators.engine import build_report
from tipdata.intake.formats.ctdc import CTDC_COLUMNS, CtdcRecord, read_ctdc
from tipdata.profiles.models import Country
from tipdata.victims.models import Person, Victim
from tipdata.victims.services import register_victim

pytestmark = pytest.mark.django_db

SAMPLE_COLUMNS = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "isForcedLabour",
    "isSexualExploit",
    "CountryOfExploitation",
)


def original(path: Path) -> list[CtdcRecord]:
    with read_ctdc(path) as reader:
        return list(reader)


def test_real_sample_becomes_deidentified_records_of_the_contributor(
    ctdc_file: Path, iom: Any
) -> None:
    result = import_ctdc(actor=None, source=ctdc_file, agency=iom)

    assert (result.rows, result.created, result.unchanged) == (2000, 2000, 0)
    victims = Victim.objects.filter(registered_by=iom)
    assert victims.count() == 2000
    assert not victims.filter(is_deidentified=False).exists()
    # each has a person of its own: nothing to merge with anybody
    assert victims.values("person").distinct().count() == 2000 == Person.objects.count()
    assert not victims.filter(personal__isnull=False).exists()
    assert Counter(victims.values_list("sex", flat=True)) == {"female": 1446, "male": 554}
    # "0"/"00" (unknown country) and empty cells stay unknown, never a country
    unknown = [r for r in original(ctdc_file) if r.citizenship in (None, "00")]
    assert len(unknown) == 362  # 355 written "0", 7 empty
    assert victims.filter(citizenship__isnull=True).count() == 362
    assert victims.filter(citizenship="PH").count() == 464
    # -99/empty flags are unknown (906 rows), "0" is a known no (50 rows with both 0):
    # neither invents a form of exploitation
    assert victims.filter(exploitations__isnull=True).count() == 906 + 50
    assert victims.filter(exploitations__form="ForcedLabour").count() == 300 + 97 + 16
    assert victims.filter(registered_on=datetime.date(2016, 1, 1)).count() == 658
    assert ReceivedRecord.objects.count() == 2000
    created = AuditEntry.objects.filter(action=Action.CREATE, object_repr__startswith="V-")
    assert created.count() == 2000
    assert AuditEntry.objects.filter(action=Action.IMPORT, object_repr__contains="CTDC").exists()


def test_importing_the_same_file_again_changes_nothing(ctdc_file: Path, iom: Any) -> None:
    import_ctdc(actor=None, source=ctdc_file, agency=iom)
    again = import_ctdc(actor=None, source=ctdc_file, agency=iom)

    assert (again.created, again.unchanged) == (0, 2000)
    assert Victim.objects.count() == 2000


def test_a_file_with_errors_is_rejected_whole_naming_row_column_and_value(
    tmp_path: Path, iom: Any
) -> None:
    bad = tmp_path / "ctdc.csv"
    bad.write_text(
        "yearOfRegistration,gender,citizenship,isForcedLabour\n"
        "2019,Female,KZ,1\n"
        "2019,Femme,UZ,1\n"
        "2020,Male,ZZ,yes\n",
        encoding="utf-8",
    )

    with pytest.raises(ImportRejected) as caught:
        import_ctdc(actor=None, source=bad, agency=iom)

    problems = caught.value.issues
    assert any(p.startswith("Row 3, column B (gender): 'Femme'") for p in problems)
    assert any(p.startswith("Row 4, column D (isForcedLabour): 'yes'") for p in problems)
    assert any(p.startswith("Row 4, column C (citizenship): 'ZZ'") for p in problems)
    assert Victim.objects.count() == 0


def test_only_the_contributor_imports_for_itself(
    ctdc_file: Path, iom: Any, case_worker: Any
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_ctdc(actor=case_worker, source=ctdc_file, agency=iom)
    assert Victim.objects.count() == 0


def test_they_count_for_their_organisation_but_not_nationally(
    ctdc_file: Path, iom: Any, shelter: Any, profile: Any
) -> None:
    profile.records_complete_from = 2010  # the sample's years are then record years
    profile.save()
    import_ctdc(actor=None, source=ctdc_file, agency=iom)
    register_victim(
        actor=None,
        data={"registered_by": shelter, "registered_on": datetime.date(2016, 5, 1)},
    )

    report = build_report(2016)

    assisted = report.figure("victims_assisted_by_organisation")
    assert assisted is not None and assisted.value == 658 + 1
    by_agency = {s.label: s.record_count for s in assisted.sources}
    assert by_agency == {"IOM Kazakhstan": 658, "Sana Sezim shelter": 1}
    identified = report.figure("victims_identified")
    assert identified is not None and identified.value in (None, 0)


def own_victim(shelter: Any, **extra: Any) -> Victim:
    data = {
        "registered_by": shelter,
        "registered_on": datetime.date(2020, 3, 4),
        "sex": "female",
        "age_group": "child",
        "citizenship": Country.objects.get(code="UZ"),
        "exploitation_country": Country.objects.get(code="KZ"),
        "exploitation_forms": ["ForcedLabour", "SexualExploitation"],
        "industry": "F_Construction",
        "control_methods": ["DebtBondage"],
        "given_name": "Aigerim",
        "family_name": "Nurlanovna",
        "birth_date": datetime.date(2005, 2, 1),
        **extra,
    }
    return register_victim(actor=None, data=data)


def test_export_of_own_records_reads_back_with_only_what_ctdc_publishes(
    tmp_path: Path, shelter: Any, case_worker: Any
) -> None:
    own_victim(shelter)
    register_victim(
        actor=None, data={"registered_by": shelter, "registered_on": datetime.date(2019, 1, 9)}
    )
    path = tmp_path / "out.csv"

    result = export_ctdc(actor=case_worker, target=path, k=1)

    assert result.rows == 2
    text = path.read_text(encoding="utf-8")
    assert "Aigerim" not in text and "2005" not in text
    back = {r.year_of_registration: r for r in original(path)}
    full = back[2020]
    assert (full.gender, full.majority_status_at_exploit) == ("Female", "Minor")
    assert (full.citizenship, full.country_of_exploitation) == ("UZ", "KZ")
    assert (full.is_forced_labour, full.is_sexual_exploit, full.is_sex_and_labour) == (
        True,
        True,
        True,
    )
    assert full.is_organ_removal is False
    assert full.get("meansOfControlDebtBondage") is True
    assert full.get("meansOfControlThreats") is False
    assert full.get("typeOfLabourConstruction") is True
    bare = back[2019]  # nothing known: every flag missing, never "no"
    assert bare.gender is None and bare.citizenship is None
    assert bare.is_forced_labour is None and bare.get("meansOfControlDebtBondage") is None
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.changes["format"] == "ctdc-csv" and entry.changes["rows"] == 2


def test_received_records_go_back_exactly_as_they_came(
    ctdc_file: Path, tmp_path: Path, iom: Any
) -> None:
    import_ctdc(actor=None, source=ctdc_file, agency=iom)
    path = tmp_path / "back.csv"

    export_ctdc(actor=None, target=path, k=1, include_received=True)

    def rows(records: list[CtdcRecord]) -> Counter[tuple[Any, ...]]:
        return Counter(tuple(r.get(c) for c in SAMPLE_COLUMNS) for r in records)

    assert rows(original(path)) == rows(original(ctdc_file))
    with read_ctdc(path) as reader:
        assert reader.columns == [c.name for c in CTDC_COLUMNS]


def test_export_is_scoped_to_what_the_user_may_see(
    tmp_path: Path, shelter: Any, iom_officer: Any
) -> None:
    own_victim(shelter)
    path = tmp_path / "none.csv"

    assert export_ctdc(actor=iom_officer, target=path, k=1).rows == 0
    assert original(path) == []


def test_k_anonymity_suppresses_quasi_identifiers_then_withholds() -> None:
    common = CtdcRecord(year_of_registration=2020, gender="Female", citizenship="KZ")
    rare = CtdcRecord(year_of_registration=2020, gender="Female", citizenship="BH")
    lonely = CtdcRecord(year_of_registration=2011, gender="Male", citizenship="UZ")

    safe = k_anonymise([common] * 3 + [rare], k=3)
    assert safe.records == [common] * 3
    assert safe.withheld == 1  # the rare one, alone even with nothing left, is withheld

    safe = k_anonymise([common] * 3 + [rare] * 3, k=4)  # both groups merge once citizenship goes
    assert [r.citizenship for r in safe.records] == [None] * 6
    assert safe.withheld == 0 and safe.suppressed_cells == 6

    safe = k_anonymise([common] * 3 + [rare] * 2 + [lonely], k=2)
    assert safe.withheld == 1 and len(safe.records) == 5
    assert Counter(r.citizenship for r in safe.records) == {"KZ": 3, "BH": 2}
