"""factory_boy factories for tests: organisations, users (personas) and records.

Record factories build model instances only; tests that exercise rules go through services.
"""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.contrib.auth import get_user_model

from tipdata.accounts.models import Organisation, Role
from tipdata.profiles.models import AgencyType, Region
from tipdata.profiles.selectors import current_profile

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (test only)
TEST_LOOKUP_KEY = "test-lookup-key"
_KEY: list[str] = []


def throwaway_key() -> str:
    """One random data key per test process: never the developer's var/keys, and the same
    for every test, so data built once per module stays readable."""
    if not _KEY:
        from cryptography.fernet import Fernet

        _KEY.append(Fernet.generate_key().decode())
    return _KEY[0]


KIND_OF_ROLE = {
    Role.POLICE_INVESTIGATOR: "MVD_AT_POLICE",
    Role.PROSECUTOR: "PGO",
    Role.COURT_CLERK: "COURT",
    Role.LABOUR_INSPECTOR: "LABOUR_INSPECTORATE",
    Role.NGO_CASE_WORKER: "NGO_SHELTER",
    Role.HOTLINE_OPERATOR: "HOTLINE",
    Role.EMBASSY_OFFICER: "INTERNATIONAL_ORGANISATION",
    Role.SECRETARIAT: "WORKING_GROUP",
    Role.ANALYST: "MINISTRY",
    Role.AUDITOR: "MINISTRY",
    Role.ADMIN: "MINISTRY",
}


def agency_type(code: str) -> AgencyType:
    return AgencyType.objects.get(profile=current_profile(), code=code)


def region(code: str = "ALA") -> Region:
    return Region.objects.get(profile=current_profile(), code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    code = factory.Sequence(lambda n: f"org-{n}")
    agency_type = factory.LazyFunction(lambda: agency_type("NGO_SHELTER"))
    region = factory.LazyFunction(region)


def organisation(type_code: str, **kwargs: Any) -> Organisation:
    return OrganisationFactory(agency_type=agency_type(type_code), **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.ANALYST
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()


def persona(role: str, organisation: Organisation | None = None, **kwargs: Any) -> Any:
    """A user with ``role`` in an organisation of the matching agency type."""
    if organisation is None:
        organisation = OrganisationFactory(agency_type=agency_type(KIND_OF_ROLE[Role(role)]))
    return UserFactory(role=role, organisation=organisation, **kwargs)


def days_ago(n: int) -> datetime.date:
    return datetime.date.today() - datetime.timedelta(days=n)


def totp_device(user: Any) -> Any:
    """The user's confirmed TOTP device, created if missing (as if they had enrolled)."""
    from tipdata.accounts.signin import ensure_totp_device

    return ensure_totp_device(user)


def totp_code(user: Any) -> str:
    """The current six-digit code of a user's authenticator.

    For tests that sign in through the real form, the end-to-end browser test included:
    type the password, then ``totp_code(user)`` on the two-factor page.
    """
    from tipdata.accounts.signin import current_code

    return current_code(totp_device(user))


def verify_session(client: Any, user: Any) -> None:
    """Mark a test client's session as having passed the second factor for ``user``."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()


class FastArgon2PasswordHasher:
    """Argon2 at its cheapest, for tests only: real Argon2 hashes, without a second each.

    Production uses Django's Argon2PasswordHasher (settings_security); the parameters travel
    inside each hash, so both verify the other's hashes.
    """

    def __new__(cls) -> Any:
        from django.contrib.auth.hashers import Argon2PasswordHasher

        hasher = Argon2PasswordHasher()
        hasher.time_cost = 1
        hasher.memory_cost = 1024
        hasher.parallelism = 1
        return hasher
