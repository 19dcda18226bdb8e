"""Personal data at rest: encrypted, rotated under a new key without loss, found by hash."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from tipdata.accounts.models import Role
from tipdata.audit.models import AuditEntry
from tipdata.core import crypto
from tipdata.privacy.selectors import find_victims_by_identity_number
from tipdata.security_tests.world import CALL_SUMMARY, DEFENDANT_NAME, PERSONAL_VALUES, build_world
from tipdata.victims.models import PersonalData

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(profile):
    return build_world()


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def use_keys(settings, *keys):
    settings.TIPDATA_DATA_KEYS = ",".join(keys)
    crypto.reset_key_cache()


def test_values_are_stored_encrypted(world):
    personal = world["victim_shelter"].personal
    stored = raw("victims_personaldata", "family_name", personal.pk)
    assert stored.startswith(crypto.PREFIX) and PERSONAL_VALUES["family_name"] not in stored
    assert raw("victims_personaldata", "identity_number_hash", personal.pk) == crypto.keyed_hash(
        PERSONAL_VALUES["identity_number"]
    )


def test_tampered_ciphertext_fails_loudly_without_the_value(world):
    personal = world["victim_shelter"].personal
    stored = raw("victims_personaldata", "family_name", personal.pk)
    tampered = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE victims_personaldata SET family_name = %s WHERE id = %s",
            [tampered, personal.pk],
        )
    with pytest.raises(crypto.DecryptionError) as error:
        PersonalData.objects.get(pk=personal.pk)
    assert PERSONAL_VALUES["family_name"] not in str(error.value)


def test_filtering_on_an_encrypted_value_is_refused(world):
    with pytest.raises(FieldError, match="keyed hash"):
        list(PersonalData.objects.filter(family_name="Zhaksylykova"))
    assert PersonalData.objects.filter(patronymic="").exists()  # empty values still filter


def every_encrypted_value():
    """Every non-empty encrypted value in the database, read through the models, by place."""
    from tipdata.core.fields import encrypted_fields

    found = {}
    for model, fields in encrypted_fields():
        names = [f.name for f in fields]
        for row in model._base_manager.order_by("pk").values("pk", *names):
            for name in names:
                if row[name] not in (None, ""):
                    found[(model._meta.label, row["pk"], name)] = row[name]
    return found


def test_rotate_then_drop_the_old_key_loses_nothing(world, settings):
    old = settings.TIPDATA_DATA_KEYS
    before = every_encrypted_value()
    referral, referral_other = world["referral"].pk, world["referral_other"].pk
    assert {
        ("referrals.Referral", referral, "notes"),
        ("referrals.Referral", referral, "response_note"),
        ("referrals.Referral", referral_other, "consent_override_reason"),
        ("cases.Defendant", world["defendant_own"].pk, "full_name"),
    } <= set(before)
    new = Fernet.generate_key().decode()
    use_keys(settings, new, old)
    call_command("rotate_keys")
    use_keys(settings, new)  # the old key is gone
    assert every_encrypted_value() == before  # every value of every encrypted column
    personal = PersonalData.objects.get(victim=world["victim_shelter"])
    for name, value in PERSONAL_VALUES.items():
        assert getattr(personal, name) == value, name
    from tipdata.cases.models import Defendant
    from tipdata.hotline.models import HotlineCall

    assert Defendant.objects.get(pk=world["defendant_own"].pk).full_name == DEFENDANT_NAME
    assert Defendant.objects.get(pk=world["defendant_own"].pk).birth_year == 1980
    assert HotlineCall.objects.get(pk=world["call"].pk).summary == CALL_SUMMARY
    call_command("rotate_keys", "--verify")
    assert AuditEntry.objects.filter(action="rotate_keys").count() == 1


def test_verify_names_values_still_under_an_old_key(world, settings):
    old = settings.TIPDATA_DATA_KEYS
    use_keys(settings, Fernet.generate_key().decode(), old)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="do not open with the newest key"):
        call_command("rotate_keys", "--verify")


def test_add_key_to_a_key_file(world, settings, tmp_path):
    key_file = tmp_path / "data.keys"
    key_file.write_text(settings.TIPDATA_DATA_KEYS + "\n")
    key_file.chmod(0o600)
    settings.TIPDATA_DATA_KEYS = ""
    settings.TIPDATA_DATA_KEY_FILE = str(key_file)
    crypto.reset_key_cache()
    call_command("rotate_keys", "--add-key")
    keys = key_file.read_text().split()
    assert len(keys) == 2
    key_file.write_text(keys[0] + "\n")  # drop the old key
    crypto.reset_key_cache()
    personal = PersonalData.objects.get(victim=world["victim_shelter"])
    assert personal.given_name == PERSONAL_VALUES["given_name"]


def test_lookup_by_identity_number_in_scope_only(world, settings):
    worker = world.users[Role.NGO_CASE_WORKER]
    found = find_victims_by_identity_number(worker, " 9501 0140-0123 ")
    assert list(found) == [world["victim_shelter"]]
    assert AuditEntry.objects.filter(action="lookup", actor_label=worker.username).exists()
    assert not AuditEntry.objects.filter(changes__icontains="950101400123").exists()
    assert not find_victims_by_identity_number(world.users[Role.HOTLINE_OPERATOR], "950101400123")
    assert not find_victims_by_identity_number(world.users[Role.ANALYST], "950101400123")
    # a new lookup key needs a rehash; then lookups match again
    settings.TIPDATA_LOOKUP_KEY = "another-lookup-key"
    crypto.reset_key_cache()
    assert not find_victims_by_identity_number(worker, "950101400123")
    call_command("rotate_keys", "--rehash")
    assert list(find_victims_by_identity_number(worker, "950101400123")) == [
        world["victim_shelter"]
    ]


def test_lookup_page(world, client):
    client.force_login(world.users[Role.NGO_CASE_WORKER])
    page = client.get("/privacy/lookup/", {"identity_number": "950101400123"}).content.decode()
    assert world["victim_shelter"].code in page
    assert PERSONAL_VALUES["family_name"] not in page


def test_every_encrypted_field_is_found_by_class():
    from tipdata.core.fields import encrypted_fields

    found = {(m._meta.label, f.name) for m, fields in encrypted_fields() for f in fields}
    assert {
        ("victims.PersonalData", "family_name"),
        ("victims.PersonalData", "birth_date"),
        ("cases.Defendant", "birth_year"),
        ("hotline.HotlineCall", "summary"),
        ("referrals.Referral", "notes"),
    } <= found
