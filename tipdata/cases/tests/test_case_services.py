"""The case's own rules: registration, every dated step, who may take it, linked victims."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.accounts.models import Role
from tipdata.audit.services import history
from tipdata.cases import services
from tipdata.cases.models import CaseReview, CaseStatus, CaseStatusChange, CriminalCase
from tipdata.cases.tests.conftest import D, case_data, terminate, victim_of
from tipdata.testing.factories import days_ago, organisation, persona

pytestmark = pytest.mark.django_db


def errors_of(excinfo: pytest.ExceptionInfo) -> dict:
    return excinfo.value.message_dict


def test_registration_rules_name_their_fields(investigator, article, case):
    unit = investigator.organisation
    with pytest.raises(ValidationError) as excinfo:
        services.register_case(
            actor=investigator,
            data=case_data(unit, registration_number="X-2", registered_on=days_ago(-3)),
            m2m={"articles": []},
        )
    assert set(errors_of(excinfo)) == {"articles", "registered_on"}
    with pytest.raises(ValidationError) as excinfo:
        services.register_case(
            actor=investigator,
            data=case_data(unit, registration_number=" 200075031000123 "),
            m2m={"articles": [article]},
        )
    assert errors_of(excinfo)["registration_number"] == [
        "A case with this registration number is already registered."
    ]
    assert CriminalCase.objects.count() == 1


def test_investigating_unit_must_be_law_enforcement(case_worker, article):
    with pytest.raises(ValidationError) as excinfo:
        services.register_case(
            actor=case_worker,
            data=case_data(case_worker.organisation),
            m2m={"articles": [article]},
        )
    assert "investigating_unit" in errors_of(excinfo)
    assert not CriminalCase.objects.exists()


def test_only_the_unit_registers_its_case(case_worker, investigator, article):
    with pytest.raises(PermissionDenied):
        services.register_case(
            actor=case_worker,
            data=case_data(investigator.organisation),
            m2m={"articles": [article]},
        )


def test_every_step_is_dated_and_kept(investigator, case, defendant, court):
    services.suspend_case(actor=investigator, instance=case, occurred_on=D(2020, 3, 2))
    services.resume_case(actor=investigator, instance=case, occurred_on=D(2020, 3, 3))
    terminate(investigator, case, D(2020, 3, 4), "lack_of_evidence")
    assert case.termination_reason == "lack_of_evidence"
    services.reopen_case(actor=investigator, instance=case, occurred_on=D(2020, 3, 5))
    assert case.termination_reason == ""
    services.send_to_court(
        actor=investigator, instance=case, occurred_on=D(2020, 3, 6), court=court
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_COURT
    assert case.sent_to_court_on == D(2020, 3, 6) and case.court == court
    steps = list(case.status_changes.values_list("transition", "from_status", "to_status"))
    assert steps == [
        ("suspend", "investigating", "suspended"),
        ("resume", "suspended", "investigating"),
        ("terminate", "investigating", "terminated"),
        ("reopen", "terminated", "investigating"),
        ("send_to_court", "investigating", "in_court"),
    ]
    assert history(case).filter(action="transition").count() == 5


def test_a_step_not_allowed_from_the_status_names_status(investigator, case):
    with pytest.raises(ValidationError) as excinfo:
        services.resume_case(actor=investigator, instance=case, occurred_on=D(2020, 3, 1))
    assert "status" in errors_of(excinfo)
    assert case.status == CaseStatus.INVESTIGATING
    assert not CaseStatusChange.objects.exists()


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (D(2020, 2, 2), "registration"),
        (days_ago(-1), "future"),
    ],
)
def test_step_dates_are_in_order(investigator, case, when, message):
    with pytest.raises(ValidationError, match=message) as excinfo:
        services.suspend_case(actor=investigator, instance=case, occurred_on=when)
    assert "occurred_on" in errors_of(excinfo)
    assert not CaseStatusChange.objects.exists()


def test_registration_cannot_move_after_the_first_step(investigator, case):
    services.suspend_case(actor=investigator, instance=case, occurred_on=D(2020, 3, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.update_case(
            actor=investigator, instance=case, data={"registered_on": D(2020, 4, 1)}
        )
    assert "registered_on" in errors_of(excinfo)
    case.refresh_from_db()
    assert case.registered_on == D(2020, 2, 3)


def test_terminate_needs_a_reason_from_the_list(investigator, case):
    with pytest.raises(ValidationError) as excinfo:
        services.terminate_case(
            actor=investigator, instance=case, occurred_on=D(2020, 3, 1), termination_reason="?"
        )
    assert "termination_reason" in errors_of(excinfo)


def test_failed_send_to_court_writes_nothing(investigator, case, defendant, shelter):
    with pytest.raises(ValidationError) as excinfo:
        services.send_to_court(
            actor=investigator, instance=case, occurred_on=D(2020, 5, 1), court=shelter
        )
    assert "court" in errors_of(excinfo)
    assert not CaseStatusChange.objects.exists()
    assert case.status == CaseStatus.INVESTIGATING and case.sent_to_court_on is None
    stored = CriminalCase.objects.get(pk=case.pk)
    assert stored.status == CaseStatus.INVESTIGATING and stored.court is None


def test_send_to_court_needs_a_charge_by_that_date(investigator, case, court):
    services.add_defendant(
        actor=investigator, case=case, data={"role": "defendant", "charged_on": D(2020, 6, 1)}
    )
    with pytest.raises(ValidationError, match="charged by this date"):
        services.send_to_court(
            actor=investigator, instance=case, occurred_on=D(2020, 5, 1), court=court
        )
    services.send_to_court(
        actor=investigator, instance=case, occurred_on=D(2020, 6, 2), court=court
    )
    assert case.status == CaseStatus.IN_COURT


def test_prosecutor_sends_to_court_and_is_recorded_as_its_office(
    prosecutor, case, defendant, court
):
    services.send_to_court(actor=prosecutor, instance=case, occurred_on=D(2020, 5, 1), court=court)
    assert case.prosecutor_office == prosecutor.organisation
    assert case.status_changes.get().organisation == prosecutor.organisation


def test_prosecutors_office_reopens_but_an_ngo_may_not(investigator, case_worker, prosecutor, case):
    terminate(investigator, case, D(2020, 3, 1), "victim_request")
    with pytest.raises(PermissionDenied):
        services.reopen_case(actor=case_worker, instance=case, occurred_on=D(2020, 6, 1))
    case.refresh_from_db()
    assert case.status == CaseStatus.TERMINATED
    services.reopen_case(actor=prosecutor, instance=case, occurred_on=D(2020, 6, 1))
    assert case.status == CaseStatus.INVESTIGATING
    assert case.status_changes.last().organisation == prosecutor.organisation


def test_a_prosecutor_supervises_only_cases_in_scope(investigator, case, profile):
    """A regional office of another region, not the case's prosecutor, cannot reopen it."""
    from tipdata.testing.factories import region

    services.suspend_case(actor=investigator, instance=case, occurred_on=D(2020, 3, 1))
    elsewhere = organisation("REGIONAL_PROSECUTOR", region=region("AKM"))
    with pytest.raises(PermissionDenied):
        services.reopen_case(
            actor=persona(Role.PROSECUTOR, elsewhere), instance=case, occurred_on=D(2020, 4, 1)
        )


def test_reopening_from_a_review(investigator, prosecutor, case, pgo):
    terminate(investigator, case, D(2020, 3, 1), "lack_of_evidence")
    other = services.register_case(
        actor=investigator,
        data=case_data(investigator.organisation, registration_number="OTHER-1"),
        m2m={"articles": list(case.articles.all())},
    )
    review = services.record_case_review(
        actor=prosecutor,
        data={"title": "Review of closed cases", "conducted_by": pgo, "started_on": D(2020, 5, 1)},
        m2m={"cases": [other]},
    )
    with pytest.raises(ValidationError) as excinfo:
        services.reopen_case(
            actor=prosecutor, instance=case, occurred_on=D(2020, 6, 1), review=review
        )
    assert "review" in errors_of(excinfo)
    review.cases.add(case)
    with pytest.raises(ValidationError, match="precede the review"):
        services.reopen_case(
            actor=prosecutor, instance=case, occurred_on=D(2020, 4, 1), review=review
        )
    services.reopen_case(
        actor=prosecutor, instance=case, occurred_on=D(2020, 6, 1), reopened_by=pgo, review=review
    )
    assert review.steps.get().case == case
    with pytest.raises(ValidationError) as excinfo:
        services.update_case_review(
            actor=prosecutor, instance=review, data={}, m2m={"cases": [other]}
        )
    assert "cases" in errors_of(excinfo)


def test_review_dates_in_order(prosecutor, pgo, case):
    with pytest.raises(ValidationError) as excinfo:
        services.record_case_review(
            actor=prosecutor,
            data={
                "title": "Review",
                "conducted_by": pgo,
                "started_on": D(2020, 5, 1),
                "completed_on": D(2020, 4, 1),
            },
            m2m={"cases": [case]},
        )
    assert "completed_on" in errors_of(excinfo)
    assert not CaseReview.objects.exists()


def test_close_after_every_verdict_and_not_before_the_last(
    investigator, clerk, in_court, conviction
):
    with pytest.raises(ValidationError, match="last verdict"):
        services.close_case(actor=investigator, instance=in_court, occurred_on=D(2020, 8, 1))
    services.close_case(actor=clerk, instance=in_court, occurred_on=D(2020, 9, 2))
    assert in_court.status == CaseStatus.CLOSED


def test_close_waits_for_pending_verdicts(investigator, in_court):
    with pytest.raises(ValidationError, match="await a verdict"):
        services.close_case(actor=investigator, instance=in_court, occurred_on=D(2020, 9, 2))


def test_link_only_visible_victims_and_unlink(investigator, case_worker, case):
    own = victim_of(investigator)
    services.link_victims(actor=investigator, case=case, victims=[own])
    services.link_victims(actor=investigator, case=case, victims=[own])  # idempotent
    assert list(case.victims.all()) == [own]
    hidden = victim_of(case_worker)
    with pytest.raises(ValidationError) as excinfo:
        services.link_victims(actor=investigator, case=case, victims=[hidden])
    assert "victims" in errors_of(excinfo)
    services.unlink_victim(actor=investigator, case=case, victim=own, reason="wrong case")
    assert not case.victims.exists()
    with pytest.raises(ValidationError):
        services.unlink_victim(actor=investigator, case=case, victim=own)
