"""Historical aggregate values: entered or imported by the secretariat, each with its source."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.accounts.models import Role
from tipdata.audit.models import AuditEntry
from tipdata.indicators.models import HistoricalValue
from tipdata.indicators.services import import_historical_values, record_historical_value
from tipdata.testing.factories import persona

URL = "/api/historical-values/"


@pytest.fixture
def secretariat(profile: Any) -> Any:
    return persona(Role.SECRETARIAT, username="secretariat")


def row(**changes: Any) -> dict[str, Any]:
    return {
        "indicator": "PROS_CONVICTIONS",
        "year": 2019,
        "value": 8,
        "source": "TIP report 2020",
        **changes,
    }


def test_the_secretariat_enters_a_figure_owned_by_its_organisation(secretariat: Any) -> None:
    value = record_historical_value(actor=secretariat, data=row(reference="p. 312"))
    assert value.entered_by == secretariat.organisation
    assert AuditEntry.objects.filter(object_id=str(value.pk), action="create").exists()


def test_a_case_worker_may_not_enter_national_figures(case_worker: Any) -> None:
    with pytest.raises(PermissionDenied):
        record_historical_value(actor=case_worker, data=row())
    assert not HistoricalValue.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"indicator": "NO_SUCH_THING"}, "indicator"),
        ({"value": None}, "value"),
        ({"value": -3}, "value"),
        ({"status": "unavailable"}, "value"),  # an unavailable figure has no value
        ({"year": 1900}, "year"),
        ({"source": ""}, "source"),
    ],
)
def test_bad_input_names_the_field(secretariat: Any, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        record_historical_value(actor=secretariat, data=row(**changes))
    assert field in error.value.message_dict


def test_one_figure_per_indicator_year_and_cell(secretariat: Any) -> None:
    record_historical_value(actor=secretariat, data=row())
    with pytest.raises(ValidationError):
        record_historical_value(actor=secretariat, data=row(value=9))
    record_historical_value(actor=secretariat, data=row(disaggregation={"sex": "female"}, value=5))
    assert HistoricalValue.objects.count() == 2


def test_an_import_updates_by_key_and_keeps_all_or_nothing(secretariat: Any) -> None:
    import_historical_values(actor=secretariat, rows=[row(), row(year=2018, value=17)])
    with pytest.raises(ValidationError) as error:
        import_historical_values(
            actor=secretariat,
            rows=[row(value=7, source="MVD letter 5"), row(year="abc"), row(indicator="NOPE")],
        )
    messages = error.value.message_dict
    assert any(m.startswith("Row 2:") for m in messages["year"])
    assert any(m.startswith("Row 3:") for m in messages["indicator"])
    assert HistoricalValue.objects.get(year=2019).value == 8  # row 1's update was undone

    import_historical_values(actor=secretariat, rows=[row(value=7, source="MVD letter 5")])
    corrected = HistoricalValue.objects.get(year=2019)
    assert (corrected.value, corrected.source) == (7, "MVD letter 5")
    assert HistoricalValue.objects.count() == 2


def test_api_lists_to_any_role_and_takes_entries_from_the_secretariat(
    api_as: Any, secretariat: Any, investigator: Any
) -> None:
    created = api_as(secretariat).post(URL, row(), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["entered_by"] == secretariat.organisation_id

    listed = api_as(investigator).get(URL, {"indicator": "PROS_CONVICTIONS"})
    assert listed.status_code == 200
    assert [r["value"] for r in listed.json()["results"]] == ["8.00"]

    refused = api_as(investigator).post(URL, row(year=2018), format="json")
    assert refused.status_code == 403


def test_api_bad_input_is_a_400_naming_the_field(api_as: Any, secretariat: Any) -> None:
    response = api_as(secretariat).post(URL, row(indicator="NOPE"), format="json")
    assert response.status_code == 400
    assert "indicator" in response.json()
    assert not HistoricalValue.objects.exists()


def test_api_serves_the_catalogue(api_as: Any, investigator: Any) -> None:
    response = api_as(investigator).get("/api/indicators/")
    assert response.status_code == 200
    codes = {i["code"] for i in response.json()}
    assert {"PROS_INVESTIGATIONS_NEW", "PROT_VICTIMS_IDENTIFIED", "LIN_LEGAL_AID"} <= codes
