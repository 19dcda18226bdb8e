"""Consent per victim, purpose and recipient; referrals need it; withdrawal stops sharing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.accounts.models import Role
from tipdata.audit.models import AuditEntry
from tipdata.privacy.consent import (
    active_consent,
    check_referral_consent,
    record_consent,
    withdraw_consent,
)
from tipdata.privacy.models import Consent
from tipdata.security_tests.world import build_world

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(profile):
    return build_world()


def test_referral_needs_consent_or_a_reason(world):
    victim, iom = world["victim_shelter"], world.orgs["iom"]
    with pytest.raises(ValidationError) as error:
        check_referral_consent(victim, iom)
    assert "consent_override_reason" in error.value.message_dict
    assert check_referral_consent(victim, iom, override_reason="Child in danger tonight") is None


def test_consent_given_with_the_referral_is_recorded(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    victim, iom = world["victim_shelter"], world.orgs["iom"]
    consent = check_referral_consent(
        victim, iom, consent_given=True, actor=worker, given_on=D(2020, 6, 3)
    )
    assert consent.recorded_by == worker.organisation and consent.recipient == iom
    assert check_referral_consent(victim, iom) == consent  # standing consent now
    assert AuditEntry.objects.filter(action="create", object_id=str(consent.pk)).exists()


def test_consent_for_any_recipient_covers_every_recipient(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    victim = world["victim_shelter"]
    record_consent(
        actor=worker,
        data={
            "victim": victim,
            "purpose": "data_sharing",
            "given_on": D(2020, 6, 1),
            "how_given": "oral_witnessed",
        },
    )
    assert active_consent(victim, world.orgs["iom"]) is not None
    assert active_consent(victim, world.orgs["police"]) is not None
    assert active_consent(victim, world.orgs["iom"], purposes=("research",)) is None


def test_withdrawal_stops_sharing_with_the_recipient(world):
    from tipdata.victims.models import Victim

    iom_officer = world.users[Role.EMBASSY_OFFICER]
    victim = world["victim_referred"]
    assert Victim.objects.visible_to(iom_officer).filter(pk=victim.pk).exists()
    owner = world.orgs["other_shelter"]
    from tipdata.testing.factories import persona

    other_worker = persona(Role.NGO_CASE_WORKER, owner)
    withdraw_consent(
        actor=other_worker,
        instance=world["consent"],
        withdrawn_on=D(2020, 7, 1),
        reason="Told us by phone",
    )
    assert Consent.objects.get(pk=world["consent"].pk).status == "withdrawn"
    assert not Victim.objects.visible_to(iom_officer).filter(pk=victim.pk).exists()
    # the registering shelter still sees its own victim
    assert Victim.objects.visible_to(other_worker).filter(pk=victim.pk).exists()
    # without consent again, a new referral to IOM needs a stated reason
    with pytest.raises(ValidationError):
        check_referral_consent(victim, world.orgs["iom"])
    # consent given anew restores sharing
    record_consent(
        actor=other_worker,
        data={
            "victim": victim,
            "purpose": "referral",
            "recipient": world.orgs["iom"],
            "given_on": D(2020, 8, 1),
            "how_given": "written",
        },
    )
    assert Victim.objects.visible_to(iom_officer).filter(pk=victim.pk).exists()


def test_only_organisations_involved_record_or_withdraw(world):
    stranger = world.users[Role.HOTLINE_OPERATOR]
    with pytest.raises(PermissionDenied):
        record_consent(
            actor=stranger,
            data={
                "victim": world["victim_referred"],
                "purpose": "referral",
                "given_on": D(2020, 6, 1),
                "how_given": "oral",
            },
        )
    with pytest.raises(PermissionDenied):
        withdraw_consent(actor=stranger, instance=world["consent"], withdrawn_on=D(2020, 7, 1))
    with pytest.raises(PermissionDenied):  # read-only roles never write case work
        withdraw_consent(
            actor=world.users[Role.ANALYST],
            instance=world["consent"],
            withdrawn_on=D(2020, 7, 1),
        )
    # the recipient the victim tells may record the withdrawal
    withdraw_consent(
        actor=world.users[Role.EMBASSY_OFFICER],
        instance=world["consent"],
        withdrawn_on=D(2020, 7, 1),
    )


def test_withdrawal_cannot_precede_consent(world):
    with pytest.raises(ValidationError) as error:
        withdraw_consent(actor=None, instance=world["consent"], withdrawn_on=D(2020, 1, 1))
    assert "withdrawn_on" in error.value.message_dict


def test_consent_pages_and_api(client, api_as, world):
    worker = world.users[Role.NGO_CASE_WORKER]
    client.force_login(worker)
    response = client.post(
        "/privacy/consents/new/",
        {
            "victim": world["victim_shelter"].pk,
            "purpose": "referral",
            "recipient": world.orgs["iom"].pk,
            "given_on": "2020-06-05",
            "how_given": "written",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    consent = Consent.objects.get(victim=world["victim_shelter"])
    step = client.post(
        f"/privacy/consents/{consent.pk}/step/withdraw/", {"withdraw-withdrawn_on": "2020-07-01"}
    )
    assert step.status_code == 302
    assert Consent.objects.get(pk=consent.pk).status == "withdrawn"
    # out of scope: the consent of another shelter's victim is not found
    assert client.get(f"/privacy/consents/{world['consent'].pk}/").status_code == 404
    listing = api_as(world.users[Role.EMBASSY_OFFICER]).get("/api/consents/").json()
    assert {c["id"] for c in listing["results"]} == {world["consent"].pk, consent.pk}
    hotline = api_as(world.users[Role.HOTLINE_OPERATOR]).get("/api/consents/").json()
    assert hotline["results"] == []
