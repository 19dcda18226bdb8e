"""Rules of the activity records, through their services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.activities import services
from tipdata.activities.models import (
    CapacityFigure,
    Grant,
    Repatriation,
    Training,
    TrainingAudience,
)
from tipdata.audit.models import AuditEntry
from tipdata.profiles.models import Country, Region

pytestmark = pytest.mark.django_db

D = datetime.date


def training(actor, audience=None, **extra):
    data = {
        "organiser": actor.organisation,
        "title": "Identification of labour trafficking",
        "started_on": D(2020, 9, 1),
        "ended_on": D(2020, 9, 3),
        "funding": "government",
    }
    data.update(extra)
    if audience is not None:
        data["audience"] = audience
    return services.record_training(actor=actor, data=data)


def test_training_and_its_audience_are_written_and_audited_together(investigator):
    course = training(
        investigator,
        audience=[
            {"profession": "police", "count": 90},
            {"profession": "prosecutors", "count": 90},
            {"profession": "judges", "count": 36},
            {"profession": "labour_inspectors", "count": 36},
        ],
    )
    assert course.total_trained == 252
    assert dict(course.audience.values_list("profession", "count"))["judges"] == 36
    entries = AuditEntry.objects.filter(object_id=str(course.pk)).order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["audience"][1]["police"] == 90


def test_bad_audience_row_is_named_and_nothing_is_written(investigator):
    with pytest.raises(ValidationError) as error:
        training(
            investigator,
            audience=[
                {"profession": "police", "count": 10},
                {"profession": "police", "count": 5},
                {"profession": "judges", "count": -1},
                {"profession": "astronauts", "count": 1},
            ],
        )
    messages = error.value.message_dict["audience"]
    assert messages[0].startswith("Row 2:") and "twice" in messages[0]
    assert messages[1].startswith("Row 3:") and "0 or more" in messages[1]
    assert messages[2].startswith("Row 4:")
    assert Training.objects.count() == 0 and TrainingAudience.objects.count() == 0


def test_update_replaces_the_audience_and_keeps_before_and_after(investigator):
    course = training(investigator, audience=[{"profession": "police", "count": 168}])
    services.update_training(
        actor=investigator,
        instance=course,
        data={
            "title": "Investigative techniques",
            "audience": [{"profession": "police", "count": 167}],
        },
    )
    assert list(course.audience.values_list("count", flat=True)) == [167]
    last = AuditEntry.objects.filter(object_id=str(course.pk)).latest("id")
    assert last.changes["audience"] == [{"police": 168}, {"police": 167}]
    services.update_training(actor=investigator, instance=course, data={"online": True})
    assert course.audience.count() == 1  # not given: left alone


def test_end_before_start_is_refused(investigator):
    with pytest.raises(ValidationError) as error:
        training(investigator, started_on=D(2020, 9, 3), ended_on=D(2020, 9, 1))
    assert "ended_on" in error.value.message_dict
    assert Training.objects.count() == 0


def test_another_organisation_cannot_record_in_its_name(investigator, case_worker):
    with pytest.raises(PermissionDenied):
        training(case_worker, organiser=investigator.organisation)
    course = training(investigator)
    with pytest.raises(PermissionDenied):
        services.update_activity(actor=case_worker, instance=course, data={"title": "x"})


def grant(actor, grantee, **extra):
    data = {
        "funder": actor.organisation,
        "grantee": grantee,
        "purpose": "shelter",
        "year": 2020,
        "amount_kzt": Decimal("69400000"),
    }
    data.update(extra)
    return services.record_grant(actor=actor, data=data)


def test_grant_shows_the_usd_equivalent_at_the_years_rate(ministry_officer, shelter):
    # The 2021 TIP report: 69.4 million KZT ($164,740).
    assert round(grant(ministry_officer, shelter).amount_usd) == 164740
    assert grant(ministry_officer, shelter, year=1995).amount_usd is None  # no rate that year


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5")])
def test_grant_amount_must_be_positive(ministry_officer, shelter, amount):
    with pytest.raises(ValidationError) as error:
        grant(ministry_officer, shelter, amount_kzt=amount)
    assert "amount_kzt" in error.value.message_dict
    assert Grant.objects.count() == 0


def test_grant_year_must_be_plausible(ministry_officer, shelter):
    with pytest.raises(ValidationError) as error:
        grant(ministry_officer, shelter, year=2200)
    assert "year" in error.value.message_dict


def test_campaign_budget_must_be_positive(ministry_officer):
    with pytest.raises(ValidationError) as error:
        services.record_campaign(
            actor=ministry_officer,
            data={
                "organiser": ministry_officer.organisation,
                "title": "Safe travel",
                "channel": "border_video",
                "started_on": D(2020, 3, 1),
                "budget_kzt": Decimal("-1"),
            },
        )
    assert "budget_kzt" in error.value.message_dict


def repatriation(actor, **counts):
    data = {
        "organiser": actor.organisation,
        "from_country": Country.objects.get(code="SY"),
        "started_on": D(2020, 2, 1),
        **counts,
    }
    return services.record_repatriation(actor=actor, data=data)


def test_repatriation_counts_are_non_negative_and_not_all_zero(ministry_officer):
    with pytest.raises(ValidationError) as error:
        repatriation(ministry_officer, children=-1, women=3)
    assert "children" in error.value.message_dict
    with pytest.raises(ValidationError, match="at least one person"):
        repatriation(ministry_officer)
    assert repatriation(ministry_officer, children=20, women=4).total == 24
    assert Repatriation.objects.count() == 1


def test_capacity_figure_once_per_metric_year_and_agency(ministry_officer):
    data = {
        "organisation": ministry_officer.organisation,
        "metric": "labour_inspectors",
        "year": 2020,
        "value": 284,
    }
    services.record_capacity_figure(actor=ministry_officer, data=data)
    with pytest.raises(ValidationError):
        services.record_capacity_figure(actor=ministry_officer, data={**data, "value": 300})
    assert CapacityFigure.objects.get().value == 284


def test_meeting_is_held_by_a_working_group(secretariat, ministry_officer):
    meeting = services.record_meeting(
        actor=secretariat,
        data={"body": secretariat.organisation, "held_on": D(2020, 6, 30), "virtual": True},
    )
    assert meeting.pk
    with pytest.raises(ValidationError) as error:
        services.record_meeting(
            actor=ministry_officer,
            data={"body": ministry_officer.organisation, "held_on": D(2020, 6, 30)},
        )
    assert "body" in error.value.message_dict


def test_taskforce_members_are_set_and_audited(ministry_officer, police_unit, shelter):
    taskforce = services.record_taskforce(
        actor=ministry_officer,
        data={
            "name": "Pilot mobile taskforce",
            "established_on": D(2020, 7, 1),
            "coordinator": ministry_officer.organisation,
            "region": Region.objects.get(code="TUR"),
            "pilot": True,
        },
        m2m={"members": [police_unit, shelter]},
    )
    assert set(taskforce.members.all()) == {police_unit, shelter}
    entry = AuditEntry.objects.get(object_id=str(taskforce.pk), action="create")
    assert len(entry.changes["members"][1]) == 2
