"""Rules of hotline calls and their lineage, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tipdata.accounts.models import Role
from tipdata.hotline import services
from tipdata.hotline.models import HotlineCall
from tipdata.hotline.tests.conftest import at
from tipdata.referrals.tests.conftest import audit_of
from tipdata.testing.factories import organisation, persona
from tipdata.victims.services import register_victim

pytestmark = pytest.mark.django_db


def call_data(**extra):
    data = {
        "received_at": at(2020, 5, 1),
        "caller_type": "possible_victim",
        "topic": "labour_rights",
        "outcome": "information",
    }
    data.update(extra)
    return data


def test_call_belongs_to_the_operators_hotline(call, operator):
    assert call.operator == operator.organisation
    assert "Taraz" not in audit_of(call).get(action="create").canonical()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"received_at": timezone.now() + datetime.timedelta(hours=2)}, "received_at"),
        ({"outcome": "referred_ngo"}, "referred_to"),
        ({"possible_victims": -1}, "possible_victims"),
        ({"topic": "weather"}, "topic"),
    ],
)
def test_bad_call_names_the_field_and_writes_nothing(operator, extra, field):
    with pytest.raises(ValidationError) as error:
        services.record_call(actor=operator, data=call_data(**extra))
    assert field in error.value.message_dict
    assert not HotlineCall.objects.exists()


def test_referral_outcome_must_match_the_body(operator, shelter, police_unit):
    with pytest.raises(ValidationError) as error:
        services.record_call(
            actor=operator, data=call_data(outcome="referred_police", referred_to=shelter)
        )
    assert "referred_to" in error.value.message_dict
    call = services.record_call(
        actor=operator, data=call_data(outcome="referred_ngo", referred_to=shelter)
    )
    assert call.referred_to == shelter
    with pytest.raises(ValidationError) as error:
        services.record_call(actor=operator, data=call_data(referred_to=police_unit))
    assert "outcome" in error.value.message_dict


def test_police_unit_referred_to_links_the_case(call, case, investigator):
    services.link_call_to_case(actor=investigator, call=call, case=case)
    call.refresh_from_db()
    assert call.case == case
    entry = audit_of(call).get(action="update")
    assert entry.changes["case"] == [None, case.pk]
    assert list(case.hotline_calls.all()) == [call]


def test_who_may_link_the_case(call, case, operator, profile):
    other_unit = persona(Role.POLICE_INVESTIGATOR, organisation("MVD_AT_POLICE"))
    with pytest.raises(PermissionDenied):
        services.link_call_to_case(actor=other_unit, call=call, case=case)
    with pytest.raises(ValidationError) as error:  # the hotline cannot see police cases
        services.link_call_to_case(actor=operator, call=call, case=case)
    assert "case" in error.value.message_dict
    call.refresh_from_db()
    assert call.case is None


def test_a_call_cannot_lead_to_an_earlier_case(operator, police_unit, case, investigator):
    late_call = services.record_call(
        actor=operator,
        data=call_data(
            received_at=at(2020, 4, 20), outcome="referred_police", referred_to=police_unit
        ),
    )
    with pytest.raises(ValidationError, match="before this record"):
        services.link_call_to_case(actor=investigator, call=late_call, case=case)


def test_case_is_not_set_by_editing(call, case, operator):
    with pytest.raises(ValidationError) as error:
        services.update_call(actor=operator, instance=call, data={"case": case})
    assert "case" in error.value.message_dict
    services.update_call(actor=operator, instance=call, data={"possible_victims": 3})
    call.refresh_from_db()
    assert call.possible_victims == 3 and call.case is None


def test_link_victims_only_those_visible(call, investigator, operator):
    victim = register_victim(
        actor=investigator,
        data={
            "registered_by": investigator.organisation,
            "registered_on": datetime.date(2020, 4, 11),
            "sex": "female",
            "age_group": "adult",
        },
    )
    with pytest.raises(ValidationError) as error:
        services.link_call_victims(actor=operator, call=call, victims=[victim])
    assert "victims" in error.value.message_dict
    services.link_call_victims(actor=investigator, call=call, victims=[victim])
    assert list(call.victims.all()) == [victim]


def test_only_hotline_operators_record_calls(investigator):
    with pytest.raises(PermissionDenied):
        services.record_call(actor=investigator, data=call_data())
    assert not HotlineCall.objects.exists()
