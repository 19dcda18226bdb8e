"""A case from registration to sentence, through the services, with its dated steps."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tipdata.accounts.models import Role
from tipdata.cases import services
from tipdata.cases.models import CaseStatus, PartyRole, SentenceKind, VerdictOutcome
from tipdata.profiles.models import PenalArticle
from tipdata.testing.factories import organisation, persona

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def article(profile):
    return PenalArticle.objects.get(profile=profile, code="128")


@pytest.fixture
def case(investigator, article):
    return services.register_case(
        actor=investigator,
        data={
            "registration_number": "200075031000123",
            "registered_on": D(2020, 2, 3),
            "investigating_unit": investigator.organisation,
            "exploitation_form": "SexualExploitation",
        },
        m2m={"articles": [article]},
    )


def test_case_runs_to_sentence_and_keeps_dated_steps(investigator, case, article):
    suspect = services.add_defendant(actor=investigator, case=case, data={"sex": "male"})
    with pytest.raises(ValidationError, match="Charge at least one defendant"):
        services.send_to_court(actor=investigator, instance=case, occurred_on=D(2020, 5, 1))
    services.charge_defendant(actor=investigator, instance=suspect)
    services.send_to_court(actor=investigator, instance=case, occurred_on=D(2020, 5, 1))
    court = organisation("COURT")
    clerk = persona(Role.COURT_CLERK, court)
    verdict = services.record_verdict(
        actor=clerk,
        defendant=suspect,
        data={
            "outcome": VerdictOutcome.CONVICTED,
            "verdict_on": D(2020, 9, 1),
            "article": article,
            "court": court,
        },
    )
    services.record_sentence(
        actor=clerk,
        verdict=verdict,
        data={"kind": SentenceKind.IMPRISONMENT, "years": 6, "months": 7},
    )
    services.close_case(actor=investigator, instance=case, occurred_on=D(2020, 9, 2))
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert [c.transition for c in case.status_changes.all()] == ["send_to_court", "close"]
    assert suspect.role == PartyRole.DEFENDANT


def test_verdict_refused_before_court(investigator, case, article):
    suspect = services.add_defendant(
        actor=investigator, case=case, data={"role": PartyRole.DEFENDANT}
    )
    court = organisation("COURT")
    with pytest.raises(ValidationError, match="sent to court"):
        services.record_verdict(
            actor=persona(Role.COURT_CLERK, court),
            defendant=suspect,
            data={
                "outcome": "convicted",
                "verdict_on": D(2020, 3, 1),
                "article": article,
                "court": court,
            },
        )


def test_prosecutor_reopens_terminated_case_of_police_unit(investigator, case):
    services.terminate_case(
        actor=investigator,
        instance=case,
        occurred_on=D(2020, 3, 1),
        termination_reason="victim_request",
    )
    pgo = organisation("PGO")
    prosecutor = persona(Role.PROSECUTOR, pgo)
    services.reopen_case(
        actor=prosecutor, instance=case, occurred_on=D(2020, 6, 1), reopened_by=pgo
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    assert case.status_changes.last().organisation == pgo


def test_step_cannot_precede_previous_step(investigator, case):
    services.suspend_case(actor=investigator, instance=case, occurred_on=D(2020, 4, 1))
    with pytest.raises(ValidationError, match="previous step"):
        services.resume_case(actor=investigator, instance=case, occurred_on=D(2020, 3, 1))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED


def test_case_needs_an_article(investigator):
    with pytest.raises(ValidationError, match="article"):
        services.register_case(
            actor=investigator,
            data={
                "registration_number": "X1",
                "registered_on": D(2020, 1, 5),
                "investigating_unit": investigator.organisation,
            },
            m2m={"articles": []},
        )
