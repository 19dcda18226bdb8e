"""Who sees what: every role against records in and out of its scope (``visible_to``)."""

from __future__ import annotations

import pytest

from tipdata.accounts.access import can_browse, can_create, can_see_personal, can_write
from tipdata.accounts.models import Role
from tipdata.security_tests.world import build_world
from tipdata.testing.factories import persona

pytestmark = pytest.mark.django_db

EVERY_VICTIM = {
    "victim_shelter",
    "victim_other",
    "victim_referred",
    "victim_police",
    "victim_call",
    "victim_inspection",
}
VICTIMS_SEEN = {
    Role.ADMIN: EVERY_VICTIM,
    Role.ANALYST: EVERY_VICTIM,
    Role.NGO_CASE_WORKER: {"victim_shelter"},
    Role.EMBASSY_OFFICER: {"victim_referred"},
    Role.POLICE_INVESTIGATOR: {"victim_police"},
    Role.PROSECUTOR: {"victim_police"},
    Role.COURT_CLERK: {"victim_police"},
    Role.LABOUR_INSPECTOR: {"victim_inspection"},
    Role.HOTLINE_OPERATOR: {"victim_call"},
    Role.SECRETARIAT: set(),
    Role.AUDITOR: set(),
}
CASE_RECORDS = ("case", "defendant", "verdict", "sentence", "cooperation")
CASES_SEEN = {
    Role.ADMIN: {"own", "other"},
    Role.ANALYST: {"own", "other"},
    Role.POLICE_INVESTIGATOR: {"own"},
    Role.PROSECUTOR: {"own"},
    Role.COURT_CLERK: {"own"},
}


@pytest.fixture
def world(profile):
    return build_world()


def seen(world, model, user, keys=None):
    """The world records of ``model`` (or only those named ``keys``) that ``user`` sees."""
    ids = set(model.objects.visible_to(user).values_list("pk", flat=True))
    return {
        key
        for key, obj in world.records.items()
        if type(obj) is model and obj.pk in ids and (keys is None or key in keys)
    }


@pytest.mark.parametrize("role", list(VICTIMS_SEEN))
def test_victims_each_role_sees(world, role):
    from tipdata.victims.models import Victim

    assert seen(world, Victim, world.users[role]) == VICTIMS_SEEN[role]


@pytest.mark.parametrize("role", list(Role))
def test_cases_and_their_parts_each_role_sees(world, role):
    expected = CASES_SEEN.get(role, set())
    for prefix in CASE_RECORDS:
        model = type(world[f"{prefix}_own"])
        keys = seen(world, model, world.users[role], {f"{prefix}_own", f"{prefix}_other"})
        assert keys == {f"{prefix}_{k}" for k in expected}, (prefix, role)


def test_national_prosecutor_supervises_every_case(world):
    from tipdata.cases.models import CriminalCase
    from tipdata.victims.models import Victim

    pgo = persona(Role.PROSECUTOR, world.orgs["pgo"])
    assert seen(world, CriminalCase, pgo) == {"case_own", "case_other"}
    assert seen(world, Victim, pgo) == {"victim_police", "victim_other"}


def test_regional_prosecutor_supervises_cases_of_their_region(world):
    from tipdata.cases.models import CriminalCase

    world["case_own"].prosecutor_office = None
    world["case_own"].save()
    prosecutor = world.users[Role.PROSECUTOR]
    assert seen(world, CriminalCase, prosecutor) == {"case_own"}  # region Almaty
    world["case_own"].region = None
    world["case_own"].save()
    assert seen(world, CriminalCase, prosecutor) == set()


def test_referrals_calls_inspections_services(world):
    from tipdata.hotline.models import HotlineCall
    from tipdata.inspections.models import LabourInspection
    from tipdata.referrals.models import Referral, ServiceDelivery

    users = world.users
    assert seen(world, Referral, users[Role.EMBASSY_OFFICER]) == {"referral"}
    assert seen(world, Referral, users[Role.NGO_CASE_WORKER]) == set()
    assert seen(world, ServiceDelivery, users[Role.NGO_CASE_WORKER]) == {"service"}
    assert seen(world, HotlineCall, users[Role.HOTLINE_OPERATOR]) == {"call"}
    assert seen(world, HotlineCall, users[Role.ANALYST]) == {"call", "call_other"}
    assert seen(world, LabourInspection, users[Role.LABOUR_INSPECTOR]) == {"inspection"}
    for role in (Role.SECRETARIAT, Role.AUDITOR):
        for model in (Referral, ServiceDelivery, HotlineCall, LabourInspection):
            assert seen(world, model, users[role]) == set()


def test_police_unit_referred_a_call_sees_it(world):
    from tipdata.hotline.models import HotlineCall

    call = world["call"]
    call.outcome, call.referred_to = "referred_police", world.orgs["police"]
    call.save()
    assert seen(world, HotlineCall, world.users[Role.POLICE_INVESTIGATOR]) == {"call"}


def test_personal_data_only_for_roles_that_work_with_people(world):
    users, victim = world.users, world["victim_shelter"]
    assert can_see_personal(users[Role.NGO_CASE_WORKER], victim)
    assert can_see_personal(users[Role.ADMIN], victim)
    for role in (Role.ANALYST, Role.SECRETARIAT, Role.AUDITOR):
        assert not can_see_personal(users[role], victim), role
    # in scope is not enough for the analyst, and out of scope is never enough
    assert not can_see_personal(users[Role.POLICE_INVESTIGATOR], victim)
    assert can_see_personal(users[Role.POLICE_INVESTIGATOR], world["victim_police"])


def test_auditor_sees_nothing_but_the_trail(world):
    from django.apps import apps

    from tipdata.core.models import Record

    auditor = world.users[Role.AUDITOR]
    for model in apps.get_models():
        if issubclass(model, Record) and model._meta.label_lower != "accounts.organisation":
            assert not model.objects.visible_to(auditor).exists(), model
            assert not can_create(auditor, model)


def test_read_only_roles_never_write_case_work(world):
    from tipdata.victims.models import Victim

    for role in (Role.ANALYST, Role.SECRETARIAT, Role.AUDITOR):
        user = world.users[role]
        assert not can_write(user, user.organisation, world["victim_shelter"])
        assert not can_create(user, Victim)
    worker = world.users[Role.NGO_CASE_WORKER]
    assert can_write(worker, worker.organisation, world["victim_shelter"])
    assert not can_write(worker, world.orgs["other_shelter"], world["victim_other"])
    assert can_create(worker, Victim) and can_browse(worker, Victim)
    assert not can_browse(world.users[Role.SECRETARIAT], Victim)


def test_inactive_and_anonymous_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    from tipdata.victims.models import Victim

    worker = world.users[Role.NGO_CASE_WORKER]
    worker.is_active = False
    assert not Victim.objects.visible_to(worker).exists()
    assert not Victim.objects.visible_to(AnonymousUser()).exists()
    assert not Victim.objects.visible_to(None).exists()


def test_lists_have_no_duplicates(world):
    from tipdata.victims.models import Victim

    world["case_own"].victims.add(world["victim_police"])
    extra = world["case_own"]
    extra.pk = None
    extra.registration_number = "X-3"
    extra.save()
    extra.victims.add(world["victim_police"])
    victims = Victim.objects.visible_to(world.users[Role.POLICE_INVESTIGATOR])
    assert victims.count() == len(set(victims.values_list("pk", flat=True))) == 1
