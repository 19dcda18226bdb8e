"""UNODC GLOTIP: Kazakhstan's figures of the real 2023-05-30 release, and the submission."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from tipdata.audit.models import Action, AuditEntry
from tipdata.exchange.exports import export_glotip
from tipdata.exchange.services import ImportRejected, import_glotip
from tipdata.indicators.engine import build_report
from tipdata.indicators.models import HistoricalValue, ValueStatus
from tipdata.indicators.services import record_historical_value
from tipdata.indicators.tests import builders as b
from tipdata.intake.formats.glotip import GlotipRecord, read_glotip
from tipdata.testing.factories import organisation

pytestmark = pytest.mark.django_db
VICTIMS, CONVICTIONS = "PROT_VICTIMS_IDENTIFIED", "PROS_CONVICTIONS"
SOURCE = "UNODC GLOTIP 2023-05-30"


@pytest.fixture
def working_group(profile: Any) -> Any:
    return organisation("WORKING_GROUP", name="Interagency working group", code="iwg")


def value(indicator: str, year: int, **cell: str) -> HistoricalValue:
    return HistoricalValue.objects.get(
        indicator=indicator, year=year, cell=";".join(f"{k}={v}" for k, v in sorted(cell.items()))
    )


def test_kazakhstan_figures_become_historical_values(glotip_file: Path, working_group: Any) -> None:
    result = import_glotip(actor=None, source=glotip_file, country="KAZ", entered_by=working_group)

    assert value(VICTIMS, 2019).value == 44 and value(VICTIMS, 2019).source == SOURCE
    assert value(VICTIMS, 2020).value == 92
    assert value(CONVICTIONS, 2020).value == 44
    assert value(VICTIMS, 2017, sex="female", age_group="adult").value == 64
    assert value(VICTIMS, 2014, citizenship="UZ").value == 79
    assert value(VICTIMS, 2012, citizenship="MD").status == ValueStatus.SUPPRESSED
    assert value(VICTIMS, 2020, form="sexual").value == 67
    assert value(VICTIMS, 2020, repatriated_from="abroad").value == 51
    small = value(VICTIMS, 2013, age_group="child")
    assert (small.status, small.value, small.suppressed_below) == (ValueStatus.SUPPRESSED, None, 5)
    assert small.shown == "<5"
    assert "row" in small.reference
    # what the catalogue does not count is named, not silently dropped
    assert any("Persons prosecuted" in n for n in result.notes)
    assert any("without a category" in n for n in result.notes)
    assert result.created == result.rows == HistoricalValue.objects.count()
    assert AuditEntry.objects.filter(action=Action.IMPORT, object_repr__contains="KAZ").exists()


def test_reimport_changes_nothing(glotip_file: Path, working_group: Any) -> None:
    first = import_glotip(actor=None, source=glotip_file, country="KAZ", entered_by=working_group)
    again = import_glotip(actor=None, source=glotip_file, country="KAZ", entered_by=working_group)

    assert (again.created, again.updated, again.unchanged) == (0, 0, first.rows)
    assert HistoricalValue.objects.count() == first.rows


def test_another_sources_figure_is_kept_unless_replaced(
    glotip_file: Path, working_group: Any
) -> None:
    record_historical_value(
        actor=None,
        data={
            "indicator": VICTIMS,
            "year": 2019,
            "value": 8,
            "source": "TIP report 2020",
            "entered_by": working_group,
        },
    )

    kept = import_glotip(actor=None, source=glotip_file, country="KAZ", entered_by=working_group)
    assert value(VICTIMS, 2019).value == 8 and any("another source" in n for n in kept.notes)

    import_glotip(
        actor=None, source=glotip_file, country="KAZ", entered_by=working_group, replace=True
    )
    assert value(VICTIMS, 2019).value == 44


def test_another_countrys_figures_are_refused(glotip_file: Path, working_group: Any) -> None:
    with pytest.raises(ImportRejected, match="not of UZB"):
        import_glotip(actor=None, source=glotip_file, country="UZB", entered_by=working_group)
    assert not HistoricalValue.objects.exists()


def test_a_bad_row_rejects_the_whole_file(tmp_path: Path, working_group: Any) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Iso3_code,Indicator,Dimension,Category,Sex,Age,Year,txtVALUE\n"
        "KAZ,Detected trafficking victims,Total,Total,Total,Total,2019,44\n"
        "KAZ,Detected trafficking victims,Total,Total,Total,Total,2018,about 80\n"
        "KAZ,Detected trafficking victims,by citizenship,Atlantis,Total,Total,2018,3\n",
        encoding="utf-8",
    )

    with pytest.raises(ImportRejected) as caught:
        import_glotip(actor=None, source=path, country="KAZ", entered_by=working_group)

    assert any(p.startswith("Row 3, column H (txtVALUE): 'about 80'") for p in caught.value.issues)
    assert any(p.startswith("Row 4, column D (Category): 'Atlantis'") for p in caught.value.issues)
    assert not HistoricalValue.objects.exists()


def test_the_report_shows_a_withheld_count_as_less_than_five(
    glotip_file: Path, working_group: Any
) -> None:
    record_historical_value(
        actor=None,
        data={
            "indicator": CONVICTIONS,
            "year": 2019,
            "status": ValueStatus.SUPPRESSED,
            "suppressed_below": 5,
            "source": SOURCE,
            "entered_by": working_group,
        },
    )

    figure = build_report(2020).figure("convictions")

    assert figure is not None
    assert "<5 in 2019" in figure.sentence
    assert "not reported" not in figure.sentence
    assert any(s.label == SOURCE for s in figure.sources)


def test_submission_reads_back_with_the_reports_figures(
    tmp_path: Path, police_unit: Any, secretariat: Any
) -> None:
    day = datetime.date(2020, 6, 1)
    b.victim(police_unit, day, citizenship="UZ", forms=("ForcedLabour",), sex="male")
    b.victim(police_unit, day, citizenship="KZ", age_group="child")
    b.victim(police_unit, day, citizenship="KZ", forms=("ForcedBegging", "SexualExploitation"))
    report = build_report(2020)
    expected = report.figure("victims_identified")
    assert expected is not None and expected.value == 3

    for name in ("submission.xlsx", "submission.csv"):
        path = tmp_path / name
        export_glotip(actor=secretariat, year=2020, target=path, fmt=path.suffix[1:])
        with read_glotip(path, iso3="KAZ") as reader:
            rows = {_key(r): r for r in reader}
            assert reader.issues == []

        assert rows[("Detected trafficking victims", "Total", "Total", "Total", "Total")].value == 3
        assert (
            rows[("Detected trafficking victims", "Total", "Total", "Female", "Total")].value == 2
        )
        assert rows[("Detected trafficking victims", "Total", "Total", "Male", "Total")].value == 1
        child = ("Detected trafficking victims", "Total", "Total", "Total", "0 to 17 years")
        assert rows[child].value == 1
        labour = ("Detected trafficking victims", "by form of exploitation", "Forced labour")
        assert rows[(*labour, "Total", "Total")].value == 2
        by_country = ("Detected trafficking victims", "by citizenship", "Uzbekistan")
        assert rows[(*by_country, "Total", "Total")].value == 1
        assert all(r.year == 2020 and r.iso3 == "KAZ" for r in rows.values())
    exports = AuditEntry.objects.filter(action=Action.EXPORT, actor=secretariat)
    assert sorted(e.changes["format"] for e in exports) == ["glotip-csv", "glotip-xlsx"]


def test_public_release_suppresses_small_counts(tmp_path: Path, police_unit: Any) -> None:
    b.victim(police_unit, datetime.date(2020, 6, 1))
    path = tmp_path / "public.xlsx"

    export_glotip(actor=None, year=2020, target=path, suppress_below=5)

    with read_glotip(path) as reader:
        total = next(r for r in reader if r.dimension == "Total" and r.sex == "Total")
    assert total.suppressed and total.value is None and total.text == "<5"


def _key(record: GlotipRecord) -> tuple[str, ...]:
    return (record.indicator, record.dimension, record.category or "", record.sex, record.age)
