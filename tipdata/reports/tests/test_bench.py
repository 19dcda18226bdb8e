"""The report benchmark's parts on a tiny dataset: the bulk loader fills every table, and the
hand-written baseline computes the same headline figures as the report (else its ratio would
compare different things)."""

from __future__ import annotations

import pytest

from bench.report_baseline import run_baseline
from bench.report_child import mismatches
from bench.report_data import Scale, generate, reference_data
from tipdata.cases.models import CriminalCase, Verdict
from tipdata.hotline.models import HotlineCall
from tipdata.indicators.engine import build_report
from tipdata.victims.models import Person, Victim

pytestmark = pytest.mark.django_db

TINY = Scale(victims=400, calls=3_000, inspections=1_500, cases=200)


@pytest.fixture
def dataset(profile):
    return generate(TINY, reference_data())


def test_the_loader_writes_every_row_the_generator_makes(dataset):
    assert dataset["victims"] == Victim.objects.count() == 400
    assert dataset["persons"] == Person.objects.count() == 352  # one in eight seen twice
    assert HotlineCall.objects.count() == 3_000 and CriminalCase.objects.count() == 200
    assert Verdict.objects.filter(defendant__case__status__in=["in_court", "closed"]).exists()
    assert dataset["case_victims"] > 0 and dataset["violations"] > 0


def test_the_baseline_states_the_reports_headline_figures(dataset):
    baseline = run_baseline(2020)
    assert baseline["hotline_calls"] > 0 and baseline["investigations_new"] > 0
    assert baseline["investigations_continued"] > 0 and baseline["convictions"] > 0
    assert mismatches(build_report(2020), baseline) == []


def test_a_wrong_baseline_would_be_caught(dataset):
    baseline = run_baseline(2020)
    baseline["hotline_calls"] += 1
    assert mismatches(build_report(2020), baseline) == [
        f"hotline_calls: report {baseline['hotline_calls'] - 1}, "
        f"baseline {baseline['hotline_calls']}"
    ]
