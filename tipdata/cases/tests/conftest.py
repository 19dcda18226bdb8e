"""Case fixtures: the police unit's case, the court and its clerk, the Prosecutor General's
Office, and helpers that take a case along its steps through the services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tipdata.accounts.models import Role
from tipdata.cases import services
from tipdata.profiles.models import PenalArticle
from tipdata.testing.factories import organisation, persona

D = datetime.date


@pytest.fixture
def article(profile: Any) -> Any:
    return PenalArticle.objects.get(profile=profile, code="128")


@pytest.fixture
def court(profile: Any) -> Any:
    return organisation("COURT", name="Almaty city court")


@pytest.fixture
def clerk(court: Any) -> Any:
    return persona(Role.COURT_CLERK, court, username="clerk")


@pytest.fixture
def pgo(profile: Any) -> Any:
    return organisation("PGO", name="Prosecutor General's Office")


@pytest.fixture
def prosecutor(pgo: Any) -> Any:
    return persona(Role.PROSECUTOR, pgo, username="prosecutor")


def case_data(unit: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "registration_number": "200075031000123",
        "registered_on": D(2020, 2, 3),
        "investigating_unit": unit,
        "exploitation_form": "SexualExploitation",
    }
    data.update(extra)
    return data


def case_input(unit: Any, article: Any, **extra: Any) -> dict[str, Any]:
    """A new case as a page form or an API client sends it (ids and ISO dates)."""
    data = {
        "registration_number": "REG-1",
        "registered_on": "2020-03-01",
        "investigating_unit": unit.pk,
        "articles": [article.pk],
        "exploitation_form": "ForcedLabour",
    }
    data.update(extra)
    return data


def victim_of(actor: Any) -> Any:
    """A victim registered by ``actor``'s organisation (visible to it, not to others)."""
    from tipdata.victims.services import register_victim

    return register_victim(
        actor=actor, data={"registered_by": actor.organisation, "registered_on": D(2020, 2, 1)}
    )


def terminate(actor: Any, case: Any, on: datetime.date, reason: str = "lack_of_evidence") -> Any:
    return services.terminate_case(
        actor=actor, instance=case, occurred_on=on, termination_reason=reason
    )


@pytest.fixture
def case(investigator: Any, article: Any) -> Any:
    return services.register_case(
        actor=investigator, data=case_data(investigator.organisation), m2m={"articles": [article]}
    )


@pytest.fixture
def defendant(investigator: Any, case: Any) -> Any:
    """A charged defendant of ``case``."""
    return services.add_defendant(
        actor=investigator,
        case=case,
        data={"sex": "male", "role": "defendant", "charged_on": D(2020, 3, 1)},
    )


@pytest.fixture
def in_court(investigator: Any, case: Any, defendant: Any, court: Any) -> Any:
    """``case`` sent to ``court`` on 1 May 2020 with one charged defendant."""
    return services.send_to_court(
        actor=investigator, instance=case, occurred_on=D(2020, 5, 1), court=court
    )


@pytest.fixture
def conviction(clerk: Any, in_court: Any, defendant: Any, article: Any, court: Any) -> Any:
    return services.record_verdict(
        actor=clerk,
        defendant=defendant,
        data={"outcome": "convicted", "verdict_on": D(2020, 9, 1), "article": article},
    )
