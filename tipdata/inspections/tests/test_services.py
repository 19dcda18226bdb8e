"""Rules of labour inspections, their violations and lineage, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.cases.services import register_case
from tipdata.inspections import services
from tipdata.inspections.models import LabourInspection, Violation
from tipdata.profiles.models import PenalArticle
from tipdata.referrals.tests.conftest import audit_of

pytestmark = pytest.mark.django_db

D = datetime.date


def data(**extra):
    values = {"inspected_on": D(2020, 7, 1), "employer_name": "Stroy Invest"}
    values.update(extra)
    return values


def test_inspection_and_violations_in_one_write(inspection, inspector):
    assert inspection.inspecting_unit == inspector.organisation
    assert inspection.violation_counts == {"wages": 3, "no_agreement": 12}
    assert inspection.violations_total == 15
    changes = audit_of(inspection).filter(action="update").get().changes
    assert changes["violations"] == [{}, {"no_agreement": 12, "wages": 3}]


@pytest.mark.parametrize(
    ("violations", "extra", "field"),
    [
        ({"wages": -1}, {}, "violations"),
        ({"bribes": 1}, {}, "violations"),
        ({"wages": 1}, {"inspected_on": D.today() + datetime.timedelta(days=1)}, "inspected_on"),
        ({}, {"fines_amount_kzt": 1000}, "fines_amount_kzt"),
        ({}, {"fines_count": -1}, "fines_count"),
        ({}, {"forced_labour_indicators": ["bad_food"]}, "forced_labour_indicators"),
        ({}, {"referred_to_police": True}, "referred_to_police"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(inspector, violations, extra, field):
    with pytest.raises(ValidationError) as error:
        services.record_inspection(actor=inspector, data=data(**extra), violations=violations)
    assert field in error.value.message_dict
    assert not LabourInspection.objects.exists() and not Violation.objects.exists()


def test_update_replaces_violations_only_when_given(inspection, inspector):
    services.update_inspection(actor=inspector, instance=inspection, data={"fines_count": 3})
    assert LabourInspection.objects.get().violation_counts == {"wages": 3, "no_agreement": 12}
    services.update_inspection(
        actor=inspector, instance=inspection, data={}, violations={"child_labour": 1}
    )
    assert LabourInspection.objects.get().violation_counts == {"child_labour": 1}
    with pytest.raises(ValidationError):
        services.update_inspection(
            actor=inspector, instance=inspection, data={"employer_name": ""}, violations={}
        )
    assert LabourInspection.objects.get().violation_counts == {"child_labour": 1}


def test_refer_to_police_once_and_to_law_enforcement(inspection, inspector, police_unit, shelter):
    with pytest.raises(ValidationError) as error:
        services.refer_inspection_to_police(
            actor=inspector, inspection=inspection, referred_on=D(2020, 6, 4), referred_to=shelter
        )
    assert "referred_to" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.refer_inspection_to_police(
            actor=inspector,
            inspection=inspection,
            referred_on=D(2020, 6, 1),
            referred_to=police_unit,
        )
    assert "referred_on" in error.value.message_dict  # before the inspection
    services.refer_inspection_to_police(
        actor=inspector, inspection=inspection, referred_on=D(2020, 6, 4), referred_to=police_unit
    )
    inspection.refresh_from_db()
    assert inspection.referred_to_police and inspection.referred_to == police_unit
    with pytest.raises(ValidationError, match="already referred"):
        services.refer_inspection_to_police(
            actor=inspector,
            inspection=inspection,
            referred_on=D(2020, 6, 5),
            referred_to=police_unit,
        )


def test_only_the_inspectorate_refers(inspection, investigator, police_unit):
    with pytest.raises(PermissionDenied):
        services.refer_inspection_to_police(
            actor=investigator,
            inspection=inspection,
            referred_on=D(2020, 6, 4),
            referred_to=police_unit,
        )


def test_police_link_the_case_the_inspection_led_to(
    inspection, inspector, investigator, police_unit, profile
):
    case = register_case(
        actor=investigator,
        data={
            "registration_number": "200075031000901",
            "registered_on": D(2020, 6, 20),
            "investigating_unit": police_unit,
        },
        m2m={"articles": [PenalArticle.objects.get(profile=profile, code="128")]},
    )
    with pytest.raises(PermissionDenied):  # not referred to this unit yet
        services.link_inspection_to_case(actor=investigator, inspection=inspection, case=case)
    services.refer_inspection_to_police(
        actor=inspector, inspection=inspection, referred_on=D(2020, 6, 4), referred_to=police_unit
    )
    services.link_inspection_to_case(actor=investigator, inspection=inspection, case=case)
    inspection.refresh_from_db()
    assert inspection.case == case and list(case.inspections.all()) == [inspection]


def test_only_labour_inspectors_record_inspections(investigator):
    with pytest.raises(PermissionDenied):
        services.record_inspection(actor=investigator, data=data(), violations={"wages": 1})
    assert not LabourInspection.objects.exists() and not Violation.objects.exists()
