"""A referral goes ahead only on the victim's consent or a recorded reason (issue 4).

The referral service asks ``privacy.consent.check_referral_consent`` inside its transaction
and keeps the consent it relied on; withdrawing that consent stops the sharing with the
recipient: the victim, the notes about them and the pending referral's acceptance.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tipdata.audit.models import AuditEntry
from tipdata.core.personal import personal_fields_for
from tipdata.privacy.consent import record_consent, withdraw_consent
from tipdata.privacy.models import Consent
from tipdata.referrals import services
from tipdata.referrals.models import Referral
from tipdata.referrals.tests.conftest import audit_of
from tipdata.victims.models import Victim

pytestmark = pytest.mark.django_db
D = datetime.date


def data(victim, to, **extra):
    return {"victim": victim, "to_organisation": to, "referred_on": D(2020, 3, 3), **extra}


def raw(referral, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM referrals_referral WHERE id = %s", [referral.pk])
        return cursor.fetchone()[0]


def test_consent_ticked_with_the_referral_is_recorded_and_relied_on(referral, investigator):
    consent = referral.consent
    assert consent is not None and referral.consent_given
    assert consent.victim == referral.victim and consent.recipient == referral.to_organisation
    assert consent.recorded_by == investigator.organisation
    assert consent.given_on == referral.referred_on and consent.purpose == "referral"
    assert AuditEntry.objects.filter(action="create", object_id=str(consent.pk)).exists()


def test_a_standing_consent_counts_without_the_tick(investigator, shelter, victim):
    standing = record_consent(
        actor=investigator,
        data={
            "victim": victim,
            "purpose": "data_sharing",
            "given_on": D(2020, 3, 2),
            "how_given": "written",
        },
    )
    referral = services.refer_victim(actor=investigator, data=data(victim, shelter))
    assert referral.consent == standing and referral.consent_given
    assert Consent.objects.count() == 1  # nothing new recorded


def test_override_is_stored_encrypted_and_audited_as_changed_only(investigator, shelter, victim):
    reason = "Child victim; guardian unreachable tonight"
    referral = services.refer_victim(
        actor=investigator, data=data(victim, shelter, consent_override_reason=reason)
    )
    assert referral.consent is None and not referral.consent_given
    assert not Consent.objects.exists()
    stored = raw(referral, "consent_override_reason")
    assert stored.startswith("enc1:") and "guardian" not in stored
    entry = audit_of(referral).get(action="create")
    assert "guardian" not in entry.canonical()
    assert entry.changes["consent_override_reason"] == [None, "<personal>"]
    assert Referral.objects.get().consent_override_reason == reason


def test_neither_consent_nor_reason_names_the_field_and_writes_nothing(
    investigator, shelter, victim
):
    with pytest.raises(ValidationError) as error:
        services.refer_victim(actor=investigator, data=data(victim, shelter))
    assert "consent_override_reason" in error.value.message_dict
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_a_refused_referral_leaves_no_consent_behind(investigator, shelter, victim):
    with pytest.raises(ValidationError) as error:
        services.refer_victim(
            actor=investigator,
            data=data(victim, shelter, consent_given=True, requested_services=["spa"]),
        )
    assert "requested_services" in error.value.message_dict
    assert not Consent.objects.exists()  # recorded in the referral's transaction, rolled back


def test_response_note_is_encrypted(referral, case_worker):
    services.decline_referral(
        actor=case_worker, instance=referral, responded_on=D(2020, 3, 4), note="Her uncle Bolat"
    )
    stored = raw(referral, "response_note")
    assert stored.startswith("enc1:") and "Bolat" not in stored
    step = audit_of(referral).get(action="transition")
    assert "Bolat" not in step.canonical()
    assert Referral.objects.get().response_note == "Her uncle Bolat"


def test_changing_the_recipient_checks_consent_again(referral, investigator, profile):
    from tipdata.testing.factories import organisation

    other = organisation("NGO_SHELTER")
    with pytest.raises(ValidationError) as error:
        services.update_referral(
            actor=investigator, instance=referral, data={"to_organisation": other}
        )
    assert "consent_override_reason" in error.value.message_dict
    services.update_referral(
        actor=investigator,
        instance=referral,
        data={"to_organisation": other, "consent_given": True},
    )
    referral.refresh_from_db()
    assert referral.consent.recipient == other and referral.to_organisation == other


def test_withdrawal_stops_sharing_with_the_recipient(referral, investigator, case_worker):
    victim = referral.victim
    assert Victim.objects.visible_to(case_worker).filter(pk=victim.pk).exists()
    assert personal_fields_for(case_worker, referral)["notes"]
    withdraw_consent(
        actor=investigator, instance=referral.consent, withdrawn_on=D(2020, 3, 4), reason="Asked"
    )
    # the recipient loses the victim and every note about them ...
    assert not Victim.objects.visible_to(case_worker).filter(pk=victim.pk).exists()
    assert personal_fields_for(case_worker, referral) is None
    assert personal_fields_for(investigator, referral) is not None  # the referrer keeps its own
    # ... cannot take the victim on any more ...
    with pytest.raises(ValidationError, match="withdrew"):
        services.accept_referral(actor=case_worker, instance=referral, responded_on=D(2020, 3, 5))
    assert Referral.objects.get().status == "pending"
    # ... and a new referral needs consent given anew: a reason does not overrule a "no"
    services.withdraw_referral(actor=investigator, instance=referral, reason="Consent withdrawn")
    again = data(victim, referral.to_organisation, referred_on=D(2020, 4, 1))
    with pytest.raises(ValidationError, match="withdrew"):
        services.refer_victim(
            actor=investigator, data={**again, "consent_override_reason": "Needs a bed"}
        )
    renewed = services.refer_victim(actor=investigator, data={**again, "consent_given": True})
    assert renewed.consent.status == "active"
    assert Victim.objects.visible_to(case_worker).filter(pk=victim.pk).exists()


def test_api_and_form_carry_consent(api_as, client, investigator, shelter, victim):
    api = api_as(investigator)
    payload = {"victim": victim.pk, "to_organisation": shelter.pk, "referred_on": "2020-03-03"}
    refused = api.post("/api/referrals/", payload, format="json")
    assert refused.status_code == 400 and "consent_override_reason" in refused.json()
    made = api.post("/api/referrals/", {**payload, "consent_given": True}, format="json")
    assert made.status_code == 201, made.content
    relied_on = Referral.objects.get().consent
    assert relied_on is not None and made.json()["consent"] == relied_on.pk
    client.force_login(investigator)
    form = client.get(f"/referrals/referrals/new/?victim={victim.pk}").content.decode()
    assert 'name="consent_given"' in form and 'name="consent_override_reason"' in form


def test_a_system_job_records_the_consent_for_the_referrer(investigator, shelter, victim):
    """The demo loader and other jobs refer without a user: the referrer records the consent."""
    referral = services.refer_victim(
        actor=None,
        data=data(victim, shelter, from_organisation=investigator.organisation, consent_given=True),
    )
    assert referral.consent.recorded_by == investigator.organisation


def test_the_migration_encrypts_notes_stored_in_clear(referral):
    """Notes written before they were encrypted are encrypted by migration 0003 (and back)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "tipdata.referrals.migrations.0003_consent_and_encrypted_notes"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE referrals_referral SET response_note = %s WHERE id = %s",
            ["Her uncle Bolat", referral.pk],
        )
    editor = SimpleNamespace(connection=connection)  # the functions use only its connection
    migration.encrypt_plain_notes(apps, editor)
    assert raw(referral, "response_note").startswith("enc1:")
    encrypted_notes = raw(referral, "notes")
    migration.encrypt_plain_notes(apps, editor)  # run twice: nothing encrypted twice
    assert Referral.objects.get().response_note == "Her uncle Bolat"
    migration.decrypt_notes(apps, editor)
    assert raw(referral, "response_note") == "Her uncle Bolat"
    assert raw(referral, "notes") == encrypted_notes  # only the two converted columns
