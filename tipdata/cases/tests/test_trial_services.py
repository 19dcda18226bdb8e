"""Suspects, charges, verdicts, sentences and cooperation abroad: their rules and owners."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tipdata.accounts.models import Role
from tipdata.audit.services import history
from tipdata.cases import services
from tipdata.cases.models import Defendant, InternationalCooperation, PartyRole, Sentence, Verdict
from tipdata.cases.tests.conftest import D, case_data, terminate
from tipdata.core.personal import personal_fields_for
from tipdata.profiles.models import Country
from tipdata.testing.factories import days_ago, organisation, persona

pytestmark = pytest.mark.django_db


def errors_of(excinfo: pytest.ExceptionInfo) -> dict:
    return excinfo.value.message_dict


def test_a_suspect_becomes_a_defendant_only_by_charge(investigator, case):
    suspect = services.add_defendant(actor=investigator, case=case, data={"sex": "female"})
    assert suspect.role == PartyRole.SUSPECT
    with pytest.raises(ValidationError) as excinfo:
        services.update_defendant(actor=investigator, instance=suspect, data={"role": "defendant"})
    assert "role" in errors_of(excinfo)
    services.charge_defendant(actor=investigator, instance=suspect, charged_on=D(2020, 3, 1))
    suspect.refresh_from_db()
    assert suspect.role == PartyRole.DEFENDANT and suspect.charged_on == D(2020, 3, 1)
    with pytest.raises(ValidationError) as excinfo:
        services.charge_defendant(actor=investigator, instance=suspect, charged_on=D(2020, 3, 2))
    assert "role" in errors_of(excinfo)
    assert suspect.charged_on == D(2020, 3, 1)  # the failed step left the record as stored


def test_failed_charge_on_adding_leaves_no_suspect(investigator, case):
    with pytest.raises(ValidationError) as excinfo:
        services.add_defendant(
            actor=investigator, case=case, data={"role": "defendant", "charged_on": D(2020, 1, 1)}
        )
    assert "charged_on" in errors_of(excinfo)
    assert not Defendant.objects.exists()


def test_defendant_dates_and_birth_year(investigator, case):
    with pytest.raises(ValidationError) as excinfo:
        services.add_defendant(
            actor=investigator, case=case, data={"arrested_on": days_ago(-2), "birth_year": 1850}
        )
    assert set(errors_of(excinfo)) == {"arrested_on", "birth_year"}


def test_no_suspect_joins_a_terminated_case(investigator, case):
    terminate(investigator, case, D(2020, 3, 1), "no_crime")
    with pytest.raises(ValidationError) as excinfo:
        services.add_defendant(actor=investigator, case=case, data={})
    assert "case" in errors_of(excinfo)


def test_only_the_unit_adds_suspects(case_worker, case):
    with pytest.raises(PermissionDenied):
        services.add_defendant(actor=case_worker, case=case, data={})


def test_defendant_name_is_encrypted_and_shown_on_request(investigator, case, clerk, profile):
    suspect = services.add_defendant(
        actor=investigator, case=case, data={"full_name": "Ivanov Ivan", "birth_year": 1980}
    )
    create = history(suspect).get(action="create")
    assert "Ivanov" not in str(create.changes)
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name FROM cases_defendant WHERE id = %s", [suspect.pk])
        (stored,) = cursor.fetchone()
    assert stored and "Ivanov" not in str(stored)  # encrypted at rest
    analyst = persona(Role.ANALYST, organisation("MINISTRY"))
    assert personal_fields_for(analyst, suspect) is None  # sees the case, never names
    assert personal_fields_for(clerk, suspect) is None  # the case is not in the clerk's court
    seen = personal_fields_for(investigator, suspect)
    assert seen == {"full_name": "Ivanov Ivan", "birth_year": 1980}
    assert history(suspect).filter(action="view_personal").count() == 1


def test_verdict_for_a_charged_defendant_after_sending_to_court(
    investigator, clerk, case, court, article
):
    suspect = services.add_defendant(actor=investigator, case=case, data={})
    charged = services.add_defendant(actor=investigator, case=case, data={"role": "defendant"})
    services.send_to_court(
        actor=investigator, instance=case, occurred_on=D(2020, 5, 1), court=court
    )
    data = {"outcome": "convicted", "verdict_on": D(2020, 9, 1), "article": article}
    with pytest.raises(ValidationError, match="charged defendant"):
        services.record_verdict(actor=clerk, defendant=suspect, data=data)
    with pytest.raises(ValidationError) as excinfo:
        services.record_verdict(
            actor=clerk, defendant=charged, data={**data, "verdict_on": D(2020, 4, 30)}
        )
    assert "verdict_on" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.record_verdict(
            actor=clerk, defendant=charged, data={**data, "verdict_on": days_ago(-1)}
        )
    assert "verdict_on" in errors_of(excinfo)
    verdict = services.record_verdict(actor=clerk, defendant=charged, data=data)
    assert verdict.court == court  # the clerk's court
    assert verdict.exploitation_form == "SexualExploitation"  # from the case
    with pytest.raises(ValidationError) as excinfo:
        services.record_verdict(actor=clerk, defendant=charged, data=data)
    assert errors_of(excinfo)["defendant"] == ["This defendant already has a verdict."]
    assert Verdict.objects.count() == 1


def test_verdict_only_by_a_court(investigator, in_court, defendant, article, shelter):
    with pytest.raises(ValidationError) as excinfo:
        services.record_verdict(
            actor=investigator,
            defendant=defendant,
            data={
                "outcome": "convicted",
                "verdict_on": D(2020, 9, 1),
                "article": article,
                "court": investigator.organisation,
            },
        )
    assert "court" in errors_of(excinfo)
    other_court = persona(Role.COURT_CLERK, organisation("COURT"))
    with pytest.raises(PermissionDenied):
        services.update_verdict(
            actor=other_court, instance=_verdict(defendant, article), data={"outcome": "acquitted"}
        )


def _verdict(defendant, article):
    from tipdata.cases.models import Verdict

    clerk = persona(Role.COURT_CLERK, defendant.case.court)
    return Verdict.objects.filter(defendant=defendant).first() or services.record_verdict(
        actor=clerk,
        defendant=defendant,
        data={"outcome": "convicted", "verdict_on": D(2020, 9, 1), "article": article},
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "imprisonment", "years": 6, "months": 12}, "months"),
        ({"kind": "imprisonment", "years": 0, "months": 0}, "years"),
        ({"kind": "fine"}, "fine_kzt"),
        ({"kind": "fine", "fine_kzt": Decimal("-5")}, "fine_kzt"),
    ],
)
def test_sentence_rules_name_their_field(clerk, conviction, data, field):
    with pytest.raises(ValidationError) as excinfo:
        services.record_sentence(actor=clerk, verdict=conviction, data=data)
    assert field in errors_of(excinfo)
    assert not Sentence.objects.exists()


def test_sentence_only_for_a_conviction_and_once(clerk, conviction):
    sentence = services.record_sentence(
        actor=clerk,
        verdict=conviction,
        data={"kind": "partially_suspended", "years": 6, "months": 10},
    )
    assert sentence.total_months == 82
    with pytest.raises(ValidationError) as excinfo:
        services.record_sentence(
            actor=clerk, verdict=conviction, data={"kind": "suspended", "years": 1}
        )
    assert errors_of(excinfo)["verdict"] == ["This conviction already has a sentence."]
    with pytest.raises(ValidationError) as excinfo:
        services.update_verdict(actor=clerk, instance=conviction, data={"outcome": "acquitted"})
    assert "outcome" in errors_of(excinfo)


def test_acquittal_carries_no_sentence(clerk, in_court, defendant, article):
    acquittal = services.record_verdict(
        actor=clerk,
        defendant=defendant,
        data={"outcome": "acquitted", "verdict_on": D(2020, 9, 1), "article": article},
    )
    with pytest.raises(ValidationError) as excinfo:
        services.record_sentence(
            actor=clerk, verdict=acquittal, data={"kind": "imprisonment", "years": 4}
        )
    assert "verdict" in errors_of(excinfo)


def test_extradition_marks_the_defendant(investigator, case, defendant):
    uzbekistan = Country.objects.get(code="UZ")
    services.record_cooperation(
        actor=investigator,
        case=case,
        data={
            "kind": "extradition_out",
            "country": uzbekistan,
            "occurred_on": D(2020, 4, 1),
            "defendant": defendant,
        },
    )
    defendant.refresh_from_db()
    assert defendant.extradited is True
    assert history(defendant).filter(action="update").exists()


@pytest.mark.parametrize(
    ("country", "occurred_on", "field"),
    [("KZ", D(2020, 4, 1), "country"), ("RU", D(2020, 1, 1), "occurred_on")],
)
def test_cooperation_rules(investigator, case, country, occurred_on, field):
    with pytest.raises(ValidationError) as excinfo:
        services.record_cooperation(
            actor=investigator,
            case=case,
            data={
                "kind": "mla_sent",
                "country": Country.objects.get(code=country),
                "occurred_on": occurred_on,
            },
        )
    assert field in errors_of(excinfo)
    assert not InternationalCooperation.objects.exists()


def test_cooperation_defendant_of_the_same_case(investigator, case, defendant, article):
    other = services.register_case(
        actor=investigator,
        data=case_data(investigator.organisation, registration_number="OTHER"),
        m2m={"articles": [article]},
    )
    with pytest.raises(ValidationError) as excinfo:
        services.record_cooperation(
            actor=investigator,
            case=other,
            data={
                "kind": "extradition_in",
                "country": Country.objects.get(code="RU"),
                "occurred_on": D(2020, 4, 1),
                "defendant": defendant,
            },
        )
    assert "defendant" in errors_of(excinfo)
    defendant.refresh_from_db()
    assert defendant.extradited is False
