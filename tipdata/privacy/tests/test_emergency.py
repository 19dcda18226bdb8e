"""Break the glass: a stated reason opens one record for a while, audited and reviewed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tipdata.accounts.access import can_see_personal
from tipdata.accounts.models import Role
from tipdata.audit.models import AuditEntry
from tipdata.privacy.emergency import break_glass, grants_to_review, review_grant
from tipdata.privacy.models import EmergencyAccess
from tipdata.security_tests.world import build_world
from tipdata.victims.models import Victim

pytestmark = pytest.mark.django_db
REASON = "Victim at our door at night, needs her medical history now"


@pytest.fixture
def world(profile):
    return build_world()


def visible(user, victim):
    return Victim.objects.visible_to(user).filter(pk=victim.pk).exists()


def test_grant_opens_one_record_for_a_limited_time(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    victim = world["victim_other"]
    assert not visible(worker, victim)
    grant = break_glass(actor=worker, kind="victim", identifier=victim.code, reason=REASON)
    assert visible(worker, victim) and can_see_personal(worker, victim)
    assert not visible(worker, world["victim_referred"])  # only that record
    entry = AuditEntry.objects.get(action="break_glass", object_id=str(victim.pk))
    assert entry.reason == REASON and entry.actor_label == worker.username
    assert list(grants_to_review()) == [grant]
    EmergencyAccess.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert not visible(worker, victim)


def test_a_case_can_be_opened_by_its_number(world):
    from tipdata.cases.models import CriminalCase

    investigator = world.users[Role.POLICE_INVESTIGATOR]
    case = world["case_other"]
    break_glass(actor=investigator, kind="case", identifier=case.registration_number, reason=REASON)
    assert CriminalCase.objects.visible_to(investigator).filter(pk=case.pk).exists()


def test_reason_required_and_unknown_identifier_refused_but_audited(world):
    worker = world.users[Role.NGO_CASE_WORKER]
    with pytest.raises(ValidationError) as error:
        break_glass(actor=worker, kind="victim", identifier=world["victim_other"].code, reason="x")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        break_glass(actor=worker, kind="victim", identifier="V-NONE-XIST", reason=REASON)
    assert "identifier" in error.value.message_dict
    assert AuditEntry.objects.filter(action="break_glass", changes__found=False).count() == 1
    assert not EmergencyAccess.objects.exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.SECRETARIAT, Role.AUDITOR])
def test_roles_without_personal_data_cannot_break_the_glass(world, role):
    with pytest.raises(PermissionDenied):
        break_glass(
            actor=world.users[role],
            kind="victim",
            identifier=world["victim_other"].code,
            reason=REASON,
        )


def test_auditor_reviews_and_ends_the_grant(world, client):
    worker = world.users[Role.NGO_CASE_WORKER]
    victim = world["victim_other"]
    grant = break_glass(actor=worker, kind="victim", identifier=victim.code, reason=REASON)
    with pytest.raises(PermissionDenied):
        review_grant(actor=world.users[Role.ADMIN], grant=grant)
    client.force_login(world.users[Role.AUDITOR])
    page = client.get("/audit/").content.decode()
    assert "1 emergency access to review" in page
    listing = client.get("/audit/emergency/").content.decode()
    assert REASON in listing and worker.username in listing
    client.post(f"/audit/emergency/{grant.pk}/review/", {"note": "Confirmed with the shelter"})
    grant.refresh_from_db()
    assert grant.reviewed_by == world.users[Role.AUDITOR] and not grant.active
    assert not visible(worker, victim)
    assert AuditEntry.objects.filter(action="review", object_id=str(grant.pk)).exists()


def test_emergency_page(world, client):
    worker = world.users[Role.NGO_CASE_WORKER]
    victim = world["victim_other"]
    client.force_login(worker)
    assert client.get(f"/victims/victims/{victim.pk}/").status_code == 404
    assert client.get("/privacy/emergency/").status_code == 200
    bad = client.post("/privacy/emergency/", {"kind": "victim", "identifier": victim.code})
    assert bad.status_code == 400
    response = client.post(
        "/privacy/emergency/", {"kind": "victim", "identifier": victim.code, "reason": REASON}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/{victim.pk}/")
    assert client.get(f"/victims/victims/{victim.pk}/").status_code == 200
    client.force_login(world.users[Role.ANALYST])
    assert client.get("/privacy/emergency/").status_code == 403
