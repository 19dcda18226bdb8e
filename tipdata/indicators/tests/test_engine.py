"""The engine: records for complete years, aggregates before, discrepancies, gaps, history."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tipdata.accounts.models import Role
from tipdata.cases.services import reopen_case, suspend_case, terminate_case
from tipdata.indicators.engine import build_report
from tipdata.indicators.models import ValueStatus
from tipdata.indicators.tests import builders as b
from tipdata.testing.factories import organisation, persona

D = datetime.date


@pytest.fixture
def secretariat(profile: Any) -> Any:
    return persona(Role.SECRETARIAT, username="secretariat")


def figure(report: Any, key: str) -> Any:
    found = report.figure(key)
    assert found is not None, key
    return found


def test_records_give_the_year_and_aggregates_the_years_before(
    police_unit: Any, secretariat: Any
) -> None:
    b.victim(police_unit, D(2020, 3, 1))
    b.victim(police_unit, D(2020, 5, 1))
    b.victim(police_unit, D(2019, 5, 1))  # before the records are complete: not used
    b.aggregate("PROT_VICTIMS_IDENTIFIED", 2019, 40, secretariat.organisation)

    victims = figure(build_report(2020), "victims_identified")

    assert (victims.value, victims.source) == (2, "records")
    assert [(c.year, c.value, c.source) for c in victims.comparisons][:2] == [
        (2019, 40, "aggregate"),
        (2018, None, "gap"),
    ]
    assert victims.sentence == (
        "The government identified 2 trafficking victims in 2020, compared with 40 in 2019."
    )
    assert [s.label for s in victims.sources] == ["Almaty anti-trafficking unit", "TIP report 2020"]
    assert victims.sources[0].record_count == 2


def test_a_year_before_the_records_start_comes_from_aggregates(
    police_unit: Any, secretariat: Any
) -> None:
    b.victim(police_unit, D(2019, 5, 1))
    b.aggregate("PROT_VICTIMS_IDENTIFIED", 2019, 40, secretariat.organisation)

    report = build_report(2019)

    victims = figure(report, "victims_identified")
    assert (victims.value, victims.source, victims.drilldown) == (40, "aggregate", "")
    assert figure(report, "prosecutions").source == "gap"
    assert "PROS_PROSECUTIONS" in {gap.indicator for gap in report.gaps}


def test_records_and_a_disagreeing_aggregate_flag_a_discrepancy(
    police_unit: Any, secretariat: Any
) -> None:
    b.case(police_unit, D(2020, 2, 1))
    b.aggregate(
        "PROS_INVESTIGATIONS_NEW", 2020, 3, secretariat.organisation, source="MVD letter 12/7"
    )

    new = figure(build_report(2020), "investigations_new")

    assert (new.value, new.source) == (1, "records")
    assert new.discrepancy == "Records give 1 for 2020; MVD letter 12/7 gives 3."
    assert "MVD letter 12/7" in {s.label for s in new.sources}


def test_an_agency_reporting_only_totals_fills_what_records_cannot(secretariat: Any) -> None:
    """No inspection recorded in 2020, but the inspectorate reported its total."""
    b.aggregate("PREV_LABOUR_INSPECTIONS", 2020, 3982, secretariat.organisation)
    report = build_report(2020)

    inspections = figure(report, "labor_inspections")
    assert (inspections.value, inspections.source) == (3982, "aggregate")
    violations = figure(report, "labor_violations")  # nothing recorded, no total given
    assert (violations.value, violations.source) == (None, "gap")
    gap = next(g for g in report.gaps if g.indicator == "PREV_LABOUR_VIOLATIONS")
    assert gap.expected_from.startswith("Labour inspectorate")


def test_a_figure_a_source_called_unavailable_is_a_gap_with_its_note(secretariat: Any) -> None:
    b.aggregate(
        "PREV_LABOUR_VIOLATIONS",
        2019,
        None,
        secretariat.organisation,
        status=ValueStatus.UNAVAILABLE,
        note="Not reported.",
    )
    report = build_report(2019)

    gap = next(g for g in report.gaps if g.indicator == "PREV_LABOUR_VIOLATIONS")
    assert gap.note.endswith("TIP report 2020: Not reported.")


def test_silence_is_a_gap_where_zero_cannot_be_told_from_not_recorded(
    police_unit: Any, profile: Any
) -> None:
    inspectorate = organisation("LABOUR_INSPECTORATE")
    b.inspection(inspectorate, D(2020, 4, 1))
    report = build_report(2020)

    assert figure(report, "labor_inspections").value == 1
    assert figure(report, "inspections_to_criminal_case").source == "gap"
    assert figure(report, "compensation_claims").value == 0  # "none were filed" is a figure
    codes = {g.indicator for g in report.gaps}
    assert {"LIN_INSPECTIONS_TO_CASE", "LIN_LEGAL_AID", "LIN_VICTIMS_IDENTIFIED_BY_NGOS"} <= codes


def test_continued_investigations_are_read_from_the_dated_steps(police_unit: Any) -> None:
    open_case = b.case(police_unit, D(2019, 3, 1))
    suspended = b.case(police_unit, D(2019, 4, 1))
    suspend_case(actor=None, instance=suspended, occurred_on=D(2019, 6, 1))
    closed = b.case(police_unit, D(2019, 5, 1))
    terminate_case(
        actor=None, instance=closed, occurred_on=D(2019, 7, 1), termination_reason="no_crime"
    )
    reopen_case(actor=None, instance=closed, occurred_on=D(2020, 2, 1))
    closed_later = b.case(police_unit, D(2019, 8, 1))
    terminate_case(
        actor=None, instance=closed_later, occurred_on=D(2020, 3, 1), termination_reason="no_crime"
    )
    b.case(police_unit, D(2020, 1, 15))

    report = build_report(2020)

    assert open_case.status == "investigating"
    assert figure(report, "investigations_continued").value == 3  # open, suspended, closed later
    assert figure(report, "investigations_new").value == 1
    assert figure(report, "cases_reopened").value == 1
    assert figure(report, "investigations_terminated").value == 1
    assert figure(report, "investigations_open_at_year_end").value == 4


def test_a_victim_counts_once_per_year_after_linkage(police_unit: Any, shelter: Any) -> None:
    from tipdata.core.services import update_record

    police = b.victim(police_unit, D(2020, 3, 1))
    own = b.victim(shelter, D(2020, 3, 4))
    deidentified = b.victim(police_unit, D(2020, 3, 5))
    update_record(actor=None, instance=own, data={"person": police.person})
    deidentified.is_deidentified = True
    deidentified.save()

    victims = figure(build_report(2020), "victims_identified")
    assert victims.value == 1
    assert sum(s.record_count or 0 for s in victims.sources if s.kind == "records") == 2


def test_drilldown_links_only_for_users_who_may_browse_the_records(
    police_unit: Any, secretariat: Any, admin_user: Any
) -> None:
    b.victim(police_unit, D(2020, 3, 1))
    for_secretariat = figure(build_report(2020, user=secretariat), "victims_identified")
    for_admin = figure(build_report(2020, user=admin_user), "victims_identified")

    assert for_secretariat.value == for_admin.value == 1  # the figure is national
    assert for_secretariat.drilldown == ""
    assert for_admin.drilldown == "/indicators/PROT_VICTIMS_IDENTIFIED/2020/records/"
