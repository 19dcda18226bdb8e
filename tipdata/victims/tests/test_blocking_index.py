"""The blocking index is written with the personal data, follows its changes, and is erased
with it; it holds keyed hashes only."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from tipdata.linkage import names
from tipdata.linkage.blocking import SEPARATOR, key_rules
from tipdata.linkage.index import candidates, key_hash, rebuild
from tipdata.privacy.retention import erase_victim
from tipdata.profiles.models import Country
from tipdata.victims import services
from tipdata.victims.models import BlockingKey

pytestmark = pytest.mark.django_db

DILNOZA = {
    "given_name": "Дилноза",
    "family_name": "Юсупова",
    "birth_year": 1995,
    "identity_number": "AB 1234567",
}


def _data(actor, **personal):
    return {
        "registered_by": actor.organisation,
        "registered_on": datetime.date(2020, 3, 2),
        "sex": "female",
        "citizenship": Country.objects.get(code="UZ"),
        **personal,
    }


def _rule(sql_start: str) -> str:
    rules, _other = key_rules()
    return next(r.fingerprint for r in rules if r.sql.startswith(sql_start))


def _hashes(victim) -> set[str]:
    return set(BlockingKey.objects.filter(victim=victim).values_list("key_hash", flat=True))


def test_every_blocking_rule_of_the_person_profile_is_indexed():
    rules, other = key_rules()
    assert other == () and len(rules) == 12


def test_registering_writes_the_keys_of_the_record(case_worker):
    victim = services.register_victim(actor=case_worker, data=_data(case_worker, **DILNOZA))

    given, family = names.normalise("Дилноза"), names.stem("Юсупова")
    expected = {
        key_hash(_rule("l.identity"), "AB1234567"),
        key_hash(_rule("l.name_key"), names.name_key("Дилноза", "Юсупова")),
        key_hash(_rule("l.given_n = r.given_n AND l.birth_year"), f"{given}{SEPARATOR}1995"),
        key_hash(_rule("l.family_s = r.family_s AND l.birth_year"), f"{family}{SEPARATOR}1995"),
        key_hash(
            _rule("l.family_s = r.family_s AND substr(l.given_n, 1, 3)"),
            f"{family}{SEPARATOR}{given[:3]}",
        ),
        key_hash(
            _rule("l.given_n = r.given_n AND substr(l.family_s, 1, 3)"),
            f"{given}{SEPARATOR}{family[:3]}",
        ),
    }
    # No birth date and no patronymic: the six rules needing them give no key.
    assert _hashes(victim) == expected


def test_the_index_holds_no_clear_personal_data(case_worker):
    victim = services.register_victim(
        actor=case_worker,
        data=_data(
            case_worker, **DILNOZA, patronymic="Бахтиёровна", birth_date=datetime.date(1995, 4, 3)
        ),
    )
    rows = list(BlockingKey.objects.filter(victim=victim).values_list("rule", "key_hash"))
    assert len(rows) == 12  # every rule has its values
    hexdigits = set("0123456789abcdef")
    for rule, digest in rows:  # a rule's fingerprint and an HMAC: hex, nothing else
        assert len(rule) == 8 and len(digest) == 64
        assert set(rule) <= hexdigits and set(digest) <= hexdigits
    columns = {f.name for f in BlockingKey._meta.concrete_fields}
    assert columns == {"id", "victim", "rule", "key_hash"}


def test_a_changed_name_changes_the_keys_and_the_others_stay(case_worker):
    victim = services.register_victim(actor=case_worker, data=_data(case_worker, **DILNOZA))
    other = services.register_victim(
        actor=case_worker, data=_data(case_worker, given_name="Дилноза", birth_year=1995)
    )
    before, other_before = _hashes(victim), _hashes(other)
    assert candidates([other.pk]) == {victim.pk}  # same given name and birth year

    services.update_victim(actor=case_worker, instance=victim, data={"given_name": "Нодира"})

    after = _hashes(victim)
    assert after != before and len(after) == len(before)
    assert key_hash(_rule("l.identity"), "AB1234567") in after  # the number did not change
    assert _hashes(other) == other_before
    assert candidates([other.pk]) == set()


def test_bulk_registration_writes_the_keys_as_one_by_one_does(case_worker):
    one = services.register_victim(actor=case_worker, data=_data(case_worker, **DILNOZA))
    [bulk] = services.register_victims(
        actor=case_worker, entries=[(_data(case_worker, **DILNOZA), None)]
    )
    assert _hashes(bulk) == _hashes(one) and _hashes(one)
    assert candidates([bulk.pk]) == {one.pk}


def test_erasure_removes_the_keys(case_worker):
    victim = services.register_victim(actor=case_worker, data=_data(case_worker, **DILNOZA))
    twin = services.register_victim(actor=case_worker, data=_data(case_worker, **DILNOZA))
    assert _hashes(victim)

    erase_victim(actor=None, victim=victim, reason="retention")

    assert not BlockingKey.objects.filter(victim=victim).exists()
    assert candidates([twin.pk]) == set()
    assert _hashes(twin)


def test_rebuild_and_the_command_write_what_the_services_wrote(case_worker):
    records = [
        services.register_victim(actor=case_worker, data=_data(case_worker, **DILNOZA)),
        services.register_victim(
            actor=case_worker,
            data=_data(case_worker, given_name="Айгерим", birth_date=datetime.date(1990, 5, 17)),
        ),
    ]
    written = {v.pk: _hashes(v) for v in records}
    BlockingKey.objects.all().delete()

    assert rebuild() == sum(len(h) for h in written.values())
    assert {v.pk: _hashes(v) for v in records} == written
    call_command("link_index", stdout=io.StringIO())
    assert {v.pk: _hashes(v) for v in records} == written
