"""The renderers on the indicator engine's own report, computed from records.

The engine's tests check the figures; these check that what it computes reaches every format
intact: a figure computed from a few hotline calls, its comparison with the year before, the
engine's sections in order and its data gaps.
"""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tipdata.accounts.models import Role
from tipdata.hotline.services import record_call
from tipdata.reports.renderers import render_html, render_json, render_xlsx
from tipdata.reports.services import build
from tipdata.testing.factories import persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(profile):
    """Three calls in 2020, one in 2019; records count from 2019 on (no aggregate needed)."""
    type(profile).objects.filter(pk=profile.pk).update(records_complete_from=2019)
    operator = persona(Role.HOTLINE_OPERATOR)
    for day in ("2020-02-03", "2020-06-10", "2020-11-30", "2019-05-05"):
        moment = datetime.datetime.fromisoformat(f"{day}T10:00")
        data = {
            "received_at": timezone.make_aware(moment),
            "caller_type": "witness",
            "topic": "trafficking_report",
        }
        record_call(actor=operator, data=data)


def test_the_engine_report_reaches_every_format(calls, client):
    report = build(2020)
    figure = report.figure("hotline_calls")
    assert figure is not None and figure.value == 3
    keys = [s.key for s in report.sections]
    assert keys[:3] == ["prosecution", "protection", "prevention"] and report.gaps

    data = json.loads(render_json(report))
    found = [f for s in data["sections"] for f in s["figures"] if f["key"] == "hotline_calls"]
    earlier = {c["year"]: (c["value"], c["source"]) for c in found[0]["comparisons"]}
    assert found[0]["value"] == 3 and earlier[2019] == (1, "records")

    html = render_html(report).decode()
    assert figure.sentence and figure.sentence in html
    assert f"{report.gaps[0].name}" in html

    book = load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames == [s.title[:31] for s in report.sections] + ["Data gaps", "Sources"]
    protection = book.worksheets[keys.index("protection")]
    values = {row[1]: row[3] for row in protection.iter_rows(values_only=True) if row[1]}
    assert values["hotline_calls"] == 3


def test_the_analyst_page_shows_the_engine_report_with_drilldowns(calls, client, profile):
    analyst = persona(Role.ANALYST)
    client.force_login(analyst)
    html = client.get("/reports/?year=2020").content.decode()
    sentence = build(2020, user=analyst).figure("hotline_calls").sentence
    assert sentence in html and 'class="drilldown"' in html
