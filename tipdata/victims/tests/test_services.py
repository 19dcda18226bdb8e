"""Rules of victim registration and identification, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.audit.models import AuditEntry
from tipdata.core.vocabulary import ExploitationForm, IdentificationChannel
from tipdata.profiles.models import Country
from tipdata.victims import services
from tipdata.victims.models import PersonalData, Victim, VictimStatus

pytestmark = pytest.mark.django_db


def register(actor, **extra):
    data = {
        "registered_by": actor.organisation,
        "registered_on": datetime.date(2020, 3, 2),
        "sex": "female",
        "age_group": "adult",
        "citizenship": Country.objects.get(code="UZ"),
        "family_name": "Юсупова",
        "given_name": "Дилноза",
        "birth_year": 1995,
        "identity_number": "AB 1234567",
        "exploitation_forms": [ExploitationForm.FORCED_LABOUR],
        "industry": "F_Construction",
    }
    data.update(extra)
    return services.register_victim(actor=actor, data=data)


def test_register_creates_pseudonymous_record_with_encrypted_personal_data(case_worker):
    victim = register(case_worker)
    assert victim.code.startswith("V-") and len(victim.code) == 11
    assert victim.status == VictimStatus.POTENTIAL
    assert victim.person_id is not None
    personal = PersonalData.objects.get(victim=victim)
    assert personal.family_name == "Юсупова"
    assert personal.identity_number_hash and "1234567" not in personal.identity_number_hash
    assert list(victim.exploitations.values_list("form", "industry")) == [
        ("ForcedLabour", "F_Construction")
    ]
    entry = AuditEntry.objects.filter(object_id=str(victim.pk), action="create").get()
    assert "Юсупова" not in entry.canonical()


def test_foreign_victim_identified_without_any_criminal_case(case_worker):
    victim = register(case_worker)
    services.identify_victim(
        actor=case_worker,
        instance=victim,
        identified_on=datetime.date(2020, 3, 5),
        identification_channel=IdentificationChannel.NGO_OUTREACH,
    )
    victim.refresh_from_db()
    assert victim.status == VictimStatus.IDENTIFIED
    assert victim.identified_by == case_worker.organisation
    assert victim.is_foreign and not victim.cases.exists()


def test_status_cannot_be_assigned_directly(case_worker):
    victim = register(case_worker)
    victim.status = VictimStatus.IDENTIFIED
    with pytest.raises(ValidationError, match="named transition"):
        victim.save()


def test_transition_only_from_allowed_state(case_worker):
    victim = register(case_worker)
    services.find_not_a_victim(
        actor=case_worker, instance=victim, decided_on=datetime.date(2020, 4, 1), reason="screened"
    )
    with pytest.raises(ValidationError, match="Cannot revoke identification"):
        services.revoke_identification(
            actor=case_worker, instance=victim, decided_on=datetime.date(2020, 4, 2), reason="x"
        )


def test_future_identification_date_rejected_and_nothing_changes(case_worker):
    victim = register(case_worker)
    with pytest.raises(ValidationError) as error:
        services.identify_victim(
            actor=case_worker,
            instance=victim,
            identified_on=datetime.date.today() + datetime.timedelta(days=3),
            identification_channel=IdentificationChannel.HOTLINE,
        )
    assert "identified_on" in error.value.message_dict
    victim.refresh_from_db()
    assert victim.status == VictimStatus.POTENTIAL


def test_bad_exploitation_form_leaves_nothing_half_written(case_worker):
    before = Victim.objects.count()
    with pytest.raises(ValidationError) as error:
        register(case_worker, exploitation_forms=["NotAForm"])
    assert "exploitation_forms" in error.value.message_dict
    assert Victim.objects.count() == before
    assert PersonalData.objects.count() == 0


def test_other_organisation_cannot_write(case_worker, investigator):
    with pytest.raises(PermissionDenied):
        register(investigator, registered_by=case_worker.organisation)
