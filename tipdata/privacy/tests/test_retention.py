"""Retention: personal data past its period is erased; every statistic stays the same."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from tipdata.accounts.models import Role
from tipdata.audit.models import AuditEntry
from tipdata.privacy.retention import erase_expired, erase_on_request
from tipdata.security_tests.world import CALL_SUMMARY, DEFENDANT_NAME, build_world
from tipdata.victims.models import PersonalData, Victim

pytestmark = pytest.mark.django_db
D = datetime.date
LATER = timezone.now() + datetime.timedelta(days=20 * 365)


@pytest.fixture
def world(profile):
    world = build_world()
    from tipdata.victims.services import identify_victim

    for key, year, citizenship in (
        ("victim_shelter", 2019, "KZ"),
        ("victim_other", 2020, "UZ"),
        ("victim_police", 2020, "KZ"),
        ("victim_call", 2020, "KG"),
    ):
        victim = world[key]
        Victim.objects.filter(pk=victim.pk).update(citizenship_id=citizenship, sex="female")
        victim.refresh_from_db()
        identify_victim(
            actor=None,
            instance=victim,
            identified_on=D(year, 7, 1),
            identification_channel="ngo_outreach",
        )
    world["case_other"].__class__.objects.filter(pk=world["case_other"].pk).update(status="closed")
    return world


def statistics():
    """Victims identified by year, by sex, by citizenship; people counted once."""
    victims = Victim.objects.all()
    by_year = Counter(v.identified_on.year for v in victims if v.identified_on)
    return {
        "by_year": dict(by_year),
        "by_sex": dict(Counter(victims.values_list("sex", flat=True))),
        "by_citizenship": dict(Counter(victims.values_list("citizenship", flat=True))),
        "people": victims.values("person").distinct().count(),
        "status": dict(Counter(victims.values_list("status", flat=True))),
        "forms": dict(Counter(victims.values_list("exploitations__form", flat=True))),
    }


def report_json(year):
    try:
        from tipdata.indicators.engine import build_report
    except ImportError:  # the report engine is another issue's
        return None
    data = build_report(year).to_json()
    data.pop("generated_at", None)
    return data


def test_erase_expired_keeps_every_statistic(world):
    before, report_before = statistics(), report_json(2020)
    counts = erase_expired(now=LATER)
    # victim_police is linked to an open case: kept; the others' personal data erased
    assert counts["victims"] == 5 and counts["calls"] == 1
    assert statistics() == before
    assert report_json(2020) == report_before
    erased = PersonalData.objects.get(victim=world["victim_shelter"])
    assert erased.erased_on is not None
    assert (erased.family_name, erased.identity_number, erased.identity_number_hash) == ("", "", "")
    assert erased.birth_year is None
    kept = PersonalData.objects.get(victim=world["victim_police"])
    assert kept.family_name == "Police" and kept.erased_on is None
    from tipdata.cases.models import Defendant
    from tipdata.hotline.models import HotlineCall
    from tipdata.referrals.models import Referral

    referral = Referral.objects.get(pk=world["referral"].pk)
    assert (referral.notes, referral.response_note) == ("", "")
    assert Referral.objects.get(pk=world["referral_other"].pk).consent_override_reason == ""
    assert HotlineCall.objects.get(pk=world["call"].pk).summary == ""
    assert Defendant.objects.get(pk=world["defendant_other"].pk).full_name == ""
    assert Defendant.objects.get(pk=world["defendant_own"].pk).full_name == DEFENDANT_NAME
    entry = AuditEntry.objects.filter(action="erase", object_id=str(world["victim_shelter"].pk))
    assert "personaldata.family_name" in entry.get().changes["erased"]
    assert erase_expired(now=LATER) == {"victims": 0, "defendants": 0, "calls": 0}


def test_nothing_within_the_period_is_erased(world):
    assert erase_expired(days=50 * 365) == {"victims": 0, "defendants": 0, "calls": 0}
    assert PersonalData.objects.filter(erased_on__isnull=False).count() == 0
    from tipdata.hotline.models import HotlineCall

    assert HotlineCall.objects.get(pk=world["call"].pk).summary == CALL_SUMMARY


def test_recent_activity_postpones_erasure(world):
    from tipdata.referrals.models import ServiceDelivery

    ServiceDelivery.objects.filter(pk=world["service"].pk).update(started_on=LATER.date())
    erase_expired(now=LATER)
    assert PersonalData.objects.get(victim=world["victim_shelter"]).erased_on is None


def test_command_dry_run_erases_nothing(world, capsys):
    call_command("erase_expired", "--dry-run", "--days", "0")
    assert "Would erase" in capsys.readouterr().out
    assert not PersonalData.objects.filter(erased_on__isnull=False).exists()


def test_erasure_on_request(world, client):
    worker = world.users[Role.NGO_CASE_WORKER]
    victim = world["victim_shelter"]
    with pytest.raises(PermissionDenied):
        erase_on_request(actor=world.users[Role.HOTLINE_OPERATOR], victim=victim, reason="x")
    with pytest.raises(ValidationError):
        erase_on_request(actor=worker, victim=victim, reason="  ")
    with pytest.raises(ValidationError, match="still open"):
        erase_on_request(actor=None, victim=world["victim_police"], reason="asked in writing")
    before = statistics()
    client.force_login(worker)
    response = client.post(
        f"/privacy/erase/{victim.pk}/", {"reason": "Asked in writing on 1 May", "confirm": "on"}
    )
    assert response.status_code == 302
    assert PersonalData.objects.get(victim=victim).family_name == ""
    assert statistics() == before
    assert client.get(f"/privacy/erase/{world['victim_other'].pk}/").status_code == 404
