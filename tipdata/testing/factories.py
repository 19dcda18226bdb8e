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
