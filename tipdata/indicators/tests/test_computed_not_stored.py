"""Figures are computed, never stored: change the records and exactly the right figures move.

Each test changes the demo's records through the services (inside a savepoint rolled back
afterwards) and compares every figure of the 2020 report with the report before the change.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Q

from tipdata.cases.models import CaseStatus, CriminalCase, PartyRole, SentenceKind
from tipdata.cases.services import add_defendant, record_sentence, record_verdict, terminate_case
from tipdata.core.services import update_record
from tipdata.core.vocabulary import IdentificationChannel
from tipdata.indicators.engine import build_report
from tipdata.victims.models import Victim, VictimStatus

pytestmark = pytest.mark.slow


def values(report: dict[str, Any]) -> dict[str, Any]:
    return {
        f["key"]: f["value"]
        for section in report["sections"]
        for f in section["figures"]
        if not f["disaggregation"]
    }


def moved(before: dict[str, Any]) -> dict[str, int]:
    """The figures that changed since ``before``, with the change."""
    after = values(build_report(2020).to_json())
    old = values(before)
    return {k: after[k] - old[k] for k in after if after[k] != old[k]}


def test_a_new_conviction_moves_the_conviction_figures(demo_db: dict[str, Any], db: Any) -> None:
    case = (
        CriminalCase.objects.filter(
            status=CaseStatus.IN_COURT,
            exploitation_form="SexualExploitation",
            articles__is_trafficking=True,
        )
        .distinct()
        .first()
    )
    assert case is not None and case.sent_to_court_on is not None
    defendant = add_defendant(
        actor=None,
        case=case,
        data={"role": PartyRole.DEFENDANT, "charged_on": case.sent_to_court_on, "sex": "male"},
    )
    verdict = record_verdict(
        actor=None,
        defendant=defendant,
        data={
            "outcome": "convicted",
            "verdict_on": datetime.date(2020, 12, 21),
            "article": case.articles.filter(is_trafficking=True).first(),
        },
    )
    record_sentence(
        actor=None, verdict=verdict, data={"kind": SentenceKind.IMPRISONMENT, "years": 5}
    )

    assert moved(demo_db) == {"convictions": 1, "convictions_sex": 1, "sentences_5_to_10_years": 1}


def test_closing_an_investigation_moves_terminations_and_open_cases(
    demo_db: dict[str, Any], db: Any
) -> None:
    case = CriminalCase.objects.filter(
        status=CaseStatus.INVESTIGATING,
        registered_on__year=2020,
        articles__is_trafficking=True,
        reviews__isnull=True,
    ).first()
    assert case is not None
    terminate_case(
        actor=None,
        instance=case,
        occurred_on=datetime.date(2020, 12, 28),
        termination_reason="lack_of_evidence",
    )

    assert moved(demo_db) == {"investigations_terminated": 1, "investigations_open_at_year_end": -1}


def test_two_records_of_one_person_count_once(demo_db: dict[str, Any], db: Any) -> None:
    """Two police records of women identified in the special operations turn out to be one
    woman: pointing both at one ``Person`` makes every victim count of her group drop by one."""
    records = list(
        Victim.objects.filter(
            status=VictimStatus.IDENTIFIED,
            identification_channel=IdentificationChannel.SPECIAL_OPERATION,
            exploitation_country="KZ",
            registered_by__agency_type__kind="police",
            age_group="adult",
        )
        .exclude(Q(person__records__registered_by__agency_type__kind="ngo"))
        .order_by("pk")[:2]
    )
    first, second = records
    assert first.person_id != second.person_id
    update_record(actor=None, instance=second, data={"person": first.person}, reason="linkage")

    assert moved(demo_db) == {
        "victims_identified": -1,
        "victims_kazakhstani": -1,
        "victims_sex_trafficking": -1,
        "victims_sex_trafficking_domestic": -1,
        "victims_sex_trafficking_special_operations": -1,
        "victims_assisted_by_organisation": -1,  # persons too: she is one person assisted
    }
