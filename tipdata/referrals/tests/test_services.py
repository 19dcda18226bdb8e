"""Rules of referrals and services, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.accounts.models import Role
from tipdata.referrals import services
from tipdata.referrals.models import Referral, ReferralStatus, ServiceDelivery
from tipdata.referrals.tests.conftest import audit_of
from tipdata.testing.factories import organisation, persona

pytestmark = pytest.mark.django_db

D = datetime.date
FUTURE = datetime.date.today() + datetime.timedelta(days=2)


def test_referral_comes_from_the_actors_organisation_and_is_audited(referral, investigator):
    assert referral.from_organisation == investigator.organisation
    assert referral.status == ReferralStatus.PENDING
    entry = audit_of(referral).get(action="create")
    assert "Uzbek" not in entry.canonical()  # notes are personal: only "<personal>"


def test_referral_needs_consent_or_a_reason(investigator, shelter, victim):
    data = {"victim": victim, "to_organisation": shelter, "referred_on": D(2020, 3, 3)}
    with pytest.raises(ValidationError) as error:
        services.refer_victim(actor=investigator, data=data)
    assert "consent_override_reason" in error.value.message_dict
    referral = services.refer_victim(
        actor=investigator,
        data={**data, "consent_override_reason": "Child victim; guardian unreachable"},
    )
    assert referral.pk and not referral.consent_given


def test_victim_out_of_the_actors_scope_cannot_be_referred(case_worker, victim, police_unit):
    with pytest.raises(ValidationError) as error:
        services.refer_victim(
            actor=case_worker,
            data={
                "victim": victim,
                "to_organisation": police_unit,
                "referred_on": D(2020, 3, 3),
                "consent_given": True,
            },
        )
    assert "victim" in error.value.message_dict
    assert not Referral.objects.exists()


def test_referral_on_behalf_of_another_organisation_is_refused(investigator, shelter, victim):
    other = organisation("NGO_SHELTER")
    with pytest.raises(PermissionDenied):
        services.refer_victim(
            actor=investigator,
            data={
                "victim": victim,
                "from_organisation": other,
                "to_organisation": shelter,
                "referred_on": D(2020, 3, 3),
                "consent_given": True,
            },
        )


def test_future_date_self_referral_and_duplicates_are_refused(referral, investigator, victim):
    base = {"victim": victim, "consent_given": True}
    with pytest.raises(ValidationError) as error:
        services.refer_victim(
            actor=investigator,
            data={**base, "to_organisation": organisation("NGO_SHELTER"), "referred_on": FUTURE},
        )
    assert "referred_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.refer_victim(
            actor=investigator,
            data={
                **base,
                "to_organisation": investigator.organisation,
                "referred_on": D(2020, 4, 1),
            },
        )
    assert "to_organisation" in error.value.message_dict
    with pytest.raises(ValidationError, match="already has a pending referral"):
        services.refer_victim(
            actor=investigator,
            data={
                **base,
                "to_organisation": referral.to_organisation,
                "referred_on": D(2020, 4, 1),
            },
        )
    assert Referral.objects.count() == 1


def test_receiver_accepts_and_completes(referral, case_worker):
    services.accept_referral(actor=case_worker, instance=referral, responded_on=D(2020, 3, 4))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.responded_on == D(2020, 3, 4)
    services.complete_referral(actor=case_worker, instance=referral, completed_on=D(2020, 6, 1))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED and referral.completed_on == D(2020, 6, 1)
    steps = audit_of(referral).filter(action="transition")
    assert steps.count() == 2


def test_only_the_receiver_answers(referral, investigator):
    with pytest.raises(PermissionDenied):
        services.accept_referral(actor=investigator, instance=referral, responded_on=D(2020, 3, 4))
    colleague_elsewhere = persona(Role.NGO_CASE_WORKER, organisation("NGO_SHELTER"))
    with pytest.raises(PermissionDenied):
        services.decline_referral(
            actor=colleague_elsewhere, instance=referral, responded_on=D(2020, 3, 4), note="full"
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_decline_needs_a_reason_and_a_date_after_the_referral(referral, case_worker):
    with pytest.raises(ValidationError) as error:
        services.decline_referral(
            actor=case_worker, instance=referral, responded_on=D(2020, 3, 4), note=" "
        )
    assert "note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.decline_referral(
            actor=case_worker, instance=referral, responded_on=D(2020, 3, 1), note="No beds"
        )
    assert "responded_on" in error.value.message_dict
    assert referral.status == ReferralStatus.PENDING  # restored in memory too
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING and referral.responded_on is None


def test_transition_only_from_allowed_state(referral, case_worker, investigator):
    with pytest.raises(ValidationError, match="Cannot complete"):
        services.complete_referral(actor=case_worker, instance=referral, completed_on=D(2020, 4, 1))
    services.withdraw_referral(actor=investigator, instance=referral, reason="Victim left")
    with pytest.raises(ValidationError, match="Cannot accept"):
        services.accept_referral(actor=case_worker, instance=referral, responded_on=D(2020, 3, 4))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


def test_withdraw_is_the_referrers_and_needs_a_reason(referral, case_worker, investigator):
    with pytest.raises(PermissionDenied):
        services.withdraw_referral(actor=case_worker, instance=referral, reason="not ours")
    with pytest.raises(ValidationError) as error:
        services.withdraw_referral(actor=investigator, instance=referral, reason="")
    assert "reason" in error.value.message_dict


def test_only_a_pending_referral_is_edited(referral, investigator, case_worker):
    services.update_referral(
        actor=investigator, instance=referral, data={"requested_services": ["medical"]}
    )
    assert Referral.objects.get().requested_services == ["medical"]
    services.accept_referral(actor=case_worker, instance=referral, responded_on=D(2020, 3, 4))
    with pytest.raises(ValidationError) as error:
        services.update_referral(
            actor=investigator, instance=referral, data={"requested_services": ["shelter"]}
        )
    assert "status" in error.value.message_dict


def test_unknown_requested_service_names_the_field(investigator, shelter, victim):
    with pytest.raises(ValidationError) as error:
        services.refer_victim(
            actor=investigator,
            data={
                "victim": victim,
                "to_organisation": shelter,
                "referred_on": D(2020, 3, 3),
                "consent_given": True,
                "requested_services": ["spa"],
            },
        )
    assert "requested_services" in error.value.message_dict


def service_data(victim, **extra):
    data = {"victim": victim, "kind": "shelter", "started_on": D(2020, 3, 5)}
    data.update(extra)
    return data


def test_service_under_an_accepted_referral(referral, case_worker, victim):
    with pytest.raises(ValidationError, match="Accept the referral"):
        services.record_service(actor=case_worker, data=service_data(victim, referral=referral))
    services.accept_referral(actor=case_worker, instance=referral, responded_on=D(2020, 3, 4))
    service = services.record_service(
        actor=case_worker,
        data=service_data(victim, referral=referral, funding="government"),
    )
    assert service.provider == case_worker.organisation and service.government_funded


def test_service_rules(referral, case_worker, investigator, victim):
    services.accept_referral(actor=case_worker, instance=referral, responded_on=D(2020, 3, 4))
    with pytest.raises(ValidationError) as error:
        services.record_service(actor=investigator, data=service_data(victim, referral=referral))
    assert "referral" in error.value.message_dict  # made to the shelter, not the police
    with pytest.raises(ValidationError) as error:
        services.record_service(
            actor=case_worker, data=service_data(victim, ended_on=D(2020, 3, 1))
        )
    assert "ended_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.record_service(actor=case_worker, data=service_data(victim, started_on=FUTURE))
    assert "started_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.record_service(actor=case_worker, data=service_data(victim, kind="spa"))
    assert "kind" in error.value.message_dict
    assert not ServiceDelivery.objects.exists()


def test_service_update_keeps_the_rules(referral, case_worker, victim):
    service = services.record_service(actor=case_worker, data=service_data(victim))
    services.update_service(
        actor=case_worker, instance=service, data={"ended_on": D(2020, 5, 1), "outcome": "provided"}
    )
    service.refresh_from_db()
    assert service.ended_on == D(2020, 5, 1)
    with pytest.raises(ValidationError) as error:
        services.update_service(actor=case_worker, instance=service, data={"ended_on": FUTURE})
    assert "ended_on" in error.value.message_dict
    service.refresh_from_db()
    assert service.ended_on == D(2020, 5, 1)


def test_service_of_a_victim_out_of_scope_is_refused(case_worker, profile):
    from tipdata.victims.services import register_victim

    elsewhere = persona(Role.NGO_CASE_WORKER, organisation("NGO_SHELTER"))
    stranger = register_victim(
        actor=elsewhere,
        data={
            "registered_by": elsewhere.organisation,
            "registered_on": D(2020, 1, 1),
            "sex": "male",
            "age_group": "adult",
        },
    )
    with pytest.raises(ValidationError) as error:
        services.record_service(actor=case_worker, data=service_data(stranger))
    assert "victim" in error.value.message_dict
